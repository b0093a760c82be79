"""Candidate entries for rules/lexicon.tsv, for a person to review (never shipped as they are).

    pip install vaderSentiment textblob lemminflect
    python tools/lexicon_candidates.py --out DIR [--parts 5]

Candidate generators, both MIT-licensed (recorded in rules/lexicon.tsv's header):
- VADER's sentiment lexicon (vaderSentiment 3.3.2, `vader_lexicon.txt`, C.J. Hutto, MIT): words
  whose mean valence is at least 1.0 from neutral;
- TextBlob's English sentiment lexicon (textblob, `en/en-sentiment.xml`, MIT, from the Pattern
  project): words with subjectivity of at least 0.5.
Forms are grouped under their lemma with lemminflect (MIT). For each lemma the sheet gives how
often its forms occur in the 291 Wikinews articles of benchmarks/corpus/news and up to two of
those sentences, so that a reviewer judges the word against real copy: a word common in
neutral wire copy is neutral there, or needs a sense condition.
"""

from __future__ import annotations

import argparse
import csv
import os
import re
import xml.etree.ElementTree as ET
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "benchmarks" / "corpus" / "news" / "articles"
WORD = re.compile(r"[a-z][a-z'-]+")
UPOS = {"JJ": "ADJ", "JJR": "ADJ", "JJS": "ADJ", "RB": "ADV", "RBR": "ADV", "NN": "NOUN",
        "NNS": "NOUN", "VB": "VERB", "VBD": "VERB", "VBG": "VERB", "VBN": "VERB", "UH": "INTJ"}


def vader() -> dict[str, float]:
    import vaderSentiment

    path = Path(os.path.dirname(vaderSentiment.__file__)) / "vader_lexicon.txt"
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        word, mean, *_ = line.split("\t")
        if WORD.fullmatch(word) and abs(float(mean)) >= 1.0:
            out[word] = float(mean)
    return out


def textblob() -> dict[str, tuple[str, float, float]]:
    import textblob as tb

    path = Path(os.path.dirname(tb.__file__)) / "en" / "en-sentiment.xml"
    out: dict[str, tuple[str, float, float]] = {}
    for entry in ET.parse(path).getroot():
        word = (entry.get("form") or "").lower()
        subjectivity = float(entry.get("subjectivity") or 0)
        if WORD.fullmatch(word) and subjectivity >= 0.5:
            previous = out.get(word)
            if previous is None or subjectivity > previous[2]:
                out[word] = (UPOS.get(entry.get("pos") or "", "ADJ"),
                             float(entry.get("polarity") or 0), subjectivity)
    return out


def lemma_of(word: str, pos_hint: str | None) -> tuple[str, str]:
    from lemminflect import getAllLemmas

    lemmas = getAllLemmas(word)
    for upos in ([pos_hint] if pos_hint else []) + ["ADJ", "VERB", "NOUN", "ADV"]:
        if upos in lemmas:
            return lemmas[upos][0], upos
    return word, pos_hint or ("ADV" if word.endswith("ly") else "ADJ")


def corpus_sentences() -> dict[str, list[str]]:
    by_word: dict[str, list[str]] = defaultdict(list)
    for path in sorted(CORPUS.glob("*.txt")):
        for sentence in re.split(r"(?<=[.!?])\s+|\n+", path.read_text(encoding="utf-8")):
            for word in set(WORD.findall(sentence.lower())):
                by_word[word].append(sentence.strip())
    return by_word


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--parts", type=int, default=5)
    args = parser.parse_args()
    from lemminflect import getAllInflections

    scores = vader()
    subjective = textblob()
    grouped: dict[tuple[str, str], dict[str, object]] = {}
    for word in sorted(set(scores) | set(subjective)):
        hint = subjective[word][0] if word in subjective else None
        lemma, upos = lemma_of(word, hint)
        row = grouped.setdefault((lemma, upos), {"forms": set(), "vader": [], "textblob": []})
        row["forms"].add(word)  # type: ignore[union-attr]
        if word in scores:
            row["vader"].append(f"{word}:{scores[word]:+.1f}")  # type: ignore[union-attr]
        if word in subjective:
            _pos, polarity, subj = subjective[word]
            row["textblob"].append(f"{word}:{polarity:+.2f}/{subj:.2f}")  # type: ignore[union-attr]
    sentences = corpus_sentences()
    rows = []
    for (lemma, upos), row in sorted(grouped.items()):
        forms = set(row["forms"])  # type: ignore[arg-type]
        inflectable = upos in ("ADJ", "VERB", "NOUN", "ADV")
        inflections = getAllInflections(lemma, upos=upos) if inflectable else {}
        for values in inflections.values():
            forms.update(values)
        found = [s for form in sorted(forms) for s in sentences.get(form, [])]
        examples = [s if len(s) <= 220 else s[:217] + "..." for s in found[:2]]
        rows.append([lemma, upos, " ".join(sorted(forms)), " ".join(row["vader"]),  # type: ignore[arg-type]
                     " ".join(row["textblob"]), len(found), *examples, *[""] * (2 - len(examples))])  # type: ignore[arg-type]
    args.out.mkdir(parents=True, exist_ok=True)
    size = -(-len(rows) // args.parts)
    for part in range(args.parts):
        with (args.out / f"candidates-{part + 1}.tsv").open("w", encoding="utf-8", newline="") as f:
            writer = csv.writer(f, delimiter="\t", lineterminator="\n")
            writer.writerow(["lemma", "pos", "forms", "vader", "textblob", "wikinews_count",
                             "example_1", "example_2"])
            writer.writerows(rows[part * size:(part + 1) * size])
    print(f"{len(rows)} candidate lemmas in {args.parts} parts under {args.out}")


if __name__ == "__main__":
    main()
