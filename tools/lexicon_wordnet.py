"""Candidate entries for rules/lexicon.tsv from WordNet, for a person to review (never shipped).

    apt-get install wordnet-base wordnet-sense-index   # Princeton WordNet 3.0 (WordNet licence)
    pip install nltk lemminflect
    python tools/lexicon_wordnet.py --wordnet /usr/share/wordnet --out DIR [--parts 4]
    python tools/lexicon_wordnet.py --usage-domains --out DIR [--parts 1]

A copy editor's loaded vocabulary comes in families: whoever queries "callous" queries
"callously", "callousness" and "heartless". This generator starts from the entries already
kept at warning or error level in rules/lexicon.tsv and proposes their WordNet neighbours:
synonyms in the same synset, similar adjectives, the adverbs and nouns derived from an
adjective and the adjective an adverb comes from. Every candidate carries the seed and the
sense (WordNet's gloss) it came through, and, as tools/lexicon_candidates.py does, its count
and up to two sentences in the 291 Wikinews articles, so that the reviewer judges it against
real copy. Lemmas already reviewed in any sheet of tools/lexicon/ (kept or dropped) are left
out.

With --usage-domains it proposes instead every lemma of the synsets WordNet marks with a
disparaging usage domain (`synset.usage_domains()`: disparagement.n.01, also reached as
derogation.n.01; ethnic_slur.n.01; obscenity.n.02, also vulgarism.n.01), whatever the lexicon
holds: WordNet's lexicographers, not a seed, say the sense belongs there. Each candidate carries
its domain, gloss, count and sentences in the same way; a lemma WordNet writes with capitals
("Jap", "Redskin") keeps them, for the reviewer to decide whether it is capitalised by nature.
WordNet itself is not shipped; it only proposes words. WordNet 3.0 licence: Princeton
University, permissive (use, copy, modify and distribute, with the copyright notice).
"""

from __future__ import annotations

import argparse
import csv
import shutil
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

from build_lexicon import read_sheet  # noqa: E402
from lexicon_candidates import corpus_sentences  # noqa: E402

WN_POS = {"ADJ": ("a", "s"), "ADV": ("r",), "NOUN": ("n",), "VERB": ("v",)}
UPOS = {"a": "ADJ", "s": "ADJ", "r": "ADV", "n": "NOUN", "v": "VERB"}
_LEXNAMES = ("adj.all adj.pert adv.all noun.Tops noun.act noun.animal noun.artifact "
            "noun.attribute noun.body noun.cognition noun.communication noun.event noun.feeling "
            "noun.food noun.group noun.location noun.motive noun.object noun.person "
            "noun.phenomenon noun.plant noun.possession noun.process noun.quantity noun.relation "
            "noun.shape noun.state noun.substance noun.time verb.body verb.change verb.cognition "
            "verb.communication verb.competition verb.consumption verb.contact verb.creation "
            "verb.emotion verb.motion verb.perception verb.possession verb.social verb.stative "
            "verb.weather adj.ppl")
LEXNAMES = _LEXNAMES.split()  # the lexicographer files, in WordNet's numbering


def open_wordnet(folder: Path):  # type: ignore[no-untyped-def]
    """NLTK's WordNet reader over a WordNet 3.0 database folder (Debian's lacks `lexnames`,
    which the reader wants: it is the fixed list of lexicographer files)."""
    home = Path(tempfile.mkdtemp()) / "corpora" / "wordnet"
    shutil.copytree(folder, home)
    if not (home / "lexnames").exists():
        kinds = {"adj": 3, "adv": 4, "noun": 1, "verb": 2}
        (home / "lexnames").write_text("".join(
            f"{i:02d}\t{name}\t{kinds[name.split('.')[0]]}\n" for i, name in enumerate(LEXNAMES)))
    import nltk

    nltk.data.path.insert(0, str(home.parent.parent))
    from nltk.corpus import wordnet

    wordnet.ensure_loaded()
    return wordnet


def reviewed() -> set[tuple[str, str]]:
    return {(row["lemma"].lower(), row["pos"].upper())
            for sheet in (ROOT / "tools" / "lexicon").glob("*.tsv") for row in read_sheet(sheet)
            if row.get("lemma") and row.get("pos")}


def seeds() -> list[tuple[str, str, str]]:
    """(lemma, pos, class) of the built lexicon's warning and error entries."""
    out = []
    for line in (ROOT / "rules" / "lexicon.tsv").read_text(encoding="utf-8").splitlines():
        cells = line.split("\t")
        if line.startswith("#") or cells[0] == "lemma" or len(cells) < 4:
            continue
        if cells[3] in ("warning", "error") and cells[1] in WN_POS and " " not in cells[0]:
            out.append((cells[0], cells[1], cells[2]))
    return out


def neighbours(wn, lemma: str, pos: str):  # type: ignore[no-untyped-def]
    """(word, pos, relation, gloss) of the WordNet neighbours of one entry."""
    for tag in WN_POS[pos]:
        for synset in wn.synsets(lemma, pos=tag):
            gloss = synset.definition()
            related = [(synset, "synonym")]
            if pos == "ADJ":
                related += [(s, "similar") for s in synset.similar_tos()]
            for other, relation in related:
                for name in other.lemmas():
                    yield name.name(), UPOS[other.pos()], relation, gloss
            for name in synset.lemmas():
                if name.name().lower() != lemma:
                    continue
                for form in name.derivationally_related_forms():
                    upos = UPOS[form.synset().pos()]
                    if upos in ("ADJ", "ADV", "NOUN") or pos == "NOUN":
                        yield form.name(), upos, "derived", form.synset().definition()
                for form in name.pertainyms():
                    yield form.name(), UPOS[form.synset().pos()], "adjective of", gloss


def adverbs_of(wn) -> dict[str, list[tuple[str, str]]]:  # type: ignore[no-untyped-def]
    """adjective -> [(adverb, gloss)]: WordNet links an adverb to its adjective, not back."""
    out: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for synset in wn.all_synsets("r"):
        for name in synset.lemmas():
            for adjective in name.pertainyms():
                out[adjective.name().lower()].append((name.name(), synset.definition()))
    return out


# WordNet 3.0's usage domains of a disparaging sense (derogation.n.01 and vulgarism.n.01 are
# other names of the first and the third synsets)
DISPARAGING_DOMAINS = ("disparagement.n.01", "ethnic_slur.n.01", "obscenity.n.02")


def usage_domain_candidates(wn, done: set[tuple[str, str]]  # type: ignore[no-untyped-def]
                            ) -> dict[tuple[str, str], dict[str, set[str]]]:
    """(lemma, pos) → its domains and glosses, for every lemma of a synset in a disparaging
    usage domain that no sheet has reviewed."""
    found: dict[tuple[str, str], dict[str, set[str]]] = {}
    for domain_name in DISPARAGING_DOMAINS:
        domain = wn.synset(domain_name)
        for synset in domain.in_usage_domains():
            for name in synset.lemmas():
                word = name.name().replace("_", " ")
                key = (word, "PHRASE" if " " in word else UPOS[synset.pos()])
                if (word.lower(), key[1]) in done or word.count(" ") > 2:
                    continue
                row = found.setdefault(key, {"via": set(), "gloss": set()})
                row["via"].add(f"usage domain {domain.lemmas()[0].name()}")
                row["gloss"].add(synset.definition())
    return found


def seed_candidates(wn, done: set[tuple[str, str]]  # type: ignore[no-untyped-def]
                    ) -> dict[tuple[str, str], dict[str, set[str]]]:
    """(lemma, pos) → the seeds and glosses it came through, for the WordNet neighbours of the
    lexicon's warning and error entries that no sheet has reviewed."""
    from lemminflect import getAllInflections

    adverbs = adverbs_of(wn)
    found: dict[tuple[str, str], dict[str, set[str]]] = {}
    for lemma, pos, kind in seeds():
        proposals = list(neighbours(wn, lemma, pos))
        if pos == "ADJ":
            proposals += [(adv, "ADV", "adverb", gloss) for adv, gloss in adverbs[lemma]]
        for word, upos, relation, gloss in proposals:
            word = word.replace("_", " ").lower()
            key = (word, "PHRASE" if " " in word else upos)
            if key in done or (word, upos) in done or word == lemma or word.count(" ") > 2:
                continue
            known = " " in word or upos == "ADV" or getAllInflections(word, upos=upos)
            if not known:  # not in lemminflect's vocabulary: too rare to be worth a review
                continue
            row = found.setdefault(key, {"via": set(), "gloss": set()})
            row["via"].add(f"{relation} of {lemma} ({kind})")
            row["gloss"].add(gloss)
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--wordnet", type=Path, default=Path("/usr/share/wordnet"))
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--parts", type=int, default=4)
    parser.add_argument("--usage-domains", action="store_true",
                        help="propose the lemmas of WordNet's disparaging usage domains "
                             "instead of the neighbours of the lexicon's entries")
    args = parser.parse_args()
    from lemminflect import getAllInflections

    wn = open_wordnet(args.wordnet)
    done = reviewed()
    found = usage_domain_candidates(wn, done) if args.usage_domains else \
        seed_candidates(wn, done)
    sentences = corpus_sentences()
    rows = []
    for (lemma, pos), row in sorted(found.items(), key=lambda item: (item[0][0].lower(),
                                                                      item[0][1])):
        word = lemma.lower()
        forms = {word}
        if pos in ("ADJ", "NOUN", "VERB"):
            for values in getAllInflections(word, upos=pos).values():
                forms.update(v.lower() for v in values)
        hits = [s for form in sorted(forms) for s in sentences.get(form, [])] if " " not in word \
            else [s for s in {x for f in forms for x in sentences.get(f.split()[0], [])}
                  if word in s.lower()]
        examples = [s if len(s) <= 220 else s[:217] + "..." for s in hits[:2]]
        rows.append([lemma, pos, "; ".join(sorted(row["via"]))[:300],
                     " | ".join(sorted(row["gloss"]))[:300], len(hits), *examples,
                     *[""] * (2 - len(examples))])
    args.out.mkdir(parents=True, exist_ok=True)
    size = -(-len(rows) // args.parts)
    stem = "wnu-candidates" if args.usage_domains else "wn-candidates"
    for part in range(args.parts):
        with (args.out / f"{stem}-{part + 1}.tsv").open("w", encoding="utf-8",
                                                         newline="") as f:
            writer = csv.writer(f, delimiter="\t", lineterminator="\n")
            writer.writerow(["lemma", "pos", "via", "wordnet_sense", "wikinews_count",
                             "example_1", "example_2"])
            writer.writerows(rows[part * size:(part + 1) * size])
    origin = "WordNet's disparaging usage domains" if args.usage_domains else \
        f"{len(seeds())} seeds"
    print(f"{len(rows)} candidates from {origin} in {args.parts} parts under {args.out}")


if __name__ == "__main__":
    main()
