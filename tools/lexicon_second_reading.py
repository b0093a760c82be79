"""Sheets for a second reading of candidates the first review dropped as rare or mild.

    pip install lemminflect
    python tools/lexicon_second_reading.py --out DIR [--parts 6]

The first review of the VADER/TextBlob candidates (tools/lexicon/reviewed-[0-9].tsv) dropped
many words as "rare" or "mild; acceptable in news". Rarity is no reason to leave out a loaded
word (a rare word costs nothing where it does not occur), and a mild one can be an `info`
entry, which rule LN223 reports only beside another loaded word in the same sentence. This
writes those drops, with the first reviewer's note and their use in the Wikinews corpus, for a
second reader; the decisions go to tools/lexicon/reviewed-5-second-reading-*.tsv, which the
build reads after the first review.
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHEETS = ROOT / "tools" / "lexicon"
sys.path.insert(0, str(Path(__file__).resolve().parent))

from build_lexicon import read_sheet  # noqa: E402
from lexicon_candidates import corpus_sentences  # noqa: E402

REREAD = ("rare", "mild", "descriptive")  # first-review notes worth a second reading
NOT_AGAIN = ("slang", "misspelling", "shorthand", "emoticon", "profanity", "interjection")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--parts", type=int, default=6)
    args = parser.parse_args()
    from lemminflect import getAllInflections, getAllLemmas

    kept = {(r["lemma"], r["pos"]) for p in SHEETS.glob("*.tsv") for r in read_sheet(p)
            if r.get("decision", "keep") == "keep"}
    rows = []
    for path in sorted(SHEETS.glob("reviewed-[0-9].tsv")):
        for row in read_sheet(path):
            note = row["note"].lower()
            if row["decision"] != "drop" or (row["lemma"], row["pos"]) in kept:
                continue
            if not any(w in note for w in REREAD) or any(w in note for w in NOT_AGAIN):
                continue
            lemmas = {x for values in getAllLemmas(row["lemma"]).values() for x in values}
            if row["lemma"] not in lemmas:
                continue  # an inflected form or a word lemminflect does not know: too rare
            rows.append((row["lemma"], row["pos"], row["note"]))
    sentences = corpus_sentences()
    out = []
    for lemma, pos, note in sorted(set(rows)):
        forms = {lemma}
        if pos in ("ADJ", "NOUN", "VERB"):
            for values in getAllInflections(lemma, upos=pos).values():
                forms.update(values)
        hits = [s for form in sorted(forms) for s in sentences.get(form, [])]
        examples = [s if len(s) <= 220 else s[:217] + "..." for s in hits[:2]]
        out.append([lemma, pos, note, len(hits), *examples, *[""] * (2 - len(examples))])
    args.out.mkdir(parents=True, exist_ok=True)
    size = -(-len(out) // args.parts)
    for part in range(args.parts):
        with (args.out / f"second-{part + 1}.tsv").open("w", encoding="utf-8", newline="") as f:
            writer = csv.writer(f, delimiter="\t", lineterminator="\n")
            writer.writerow(["lemma", "pos", "first_note", "wikinews_count", "example_1",
                             "example_2"])
            writer.writerows(out[part * size:(part + 1) * size])
    print(f"{len(out)} dropped candidates for a second reading in {args.parts} parts under "
          f"{args.out}")


if __name__ == "__main__":
    main()
