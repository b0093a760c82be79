"""Build rules/lexicon.tsv from the reviewed sheets in tools/lexicon/.

    pip install lemminflect
    python tools/build_lexicon.py            # write rules/lexicon.tsv
    python tools/build_lexicon.py --check    # fail if rules/lexicon.tsv is not what it builds

Inputs (tab-separated, one row per reviewed candidate or entry):
- tools/lexicon/reviewed-*.tsv: candidates from tools/lexicon_candidates.py (VADER's and
  TextBlob's lexicons, both MIT) and, in reviewed-wn-*.tsv, from tools/lexicon_wordnet.py
  (WordNet 3.0's neighbours of kept entries), each decided keep/drop by a copy editor against
  real copy;
- tools/lexicon/guide-*.tsv: entries written from published style guidance, each citing it;
- tools/lexicon/regrade-*.tsv: a second reading's severity (lemma, pos, severity) for
  entries graded on a first reading (regrade-1: info entries a senior editor raised; regrade-2:
  entries a blind reading found misgraded, such as "merely", mostly "only" and not a size).
A lemma written with capitals ("RINO", "Never Trumper", "Wuhan virus") is a label capitalised
by nature: it keeps its capitals in rules/lexicon.tsv, and the linter does not skip it as a
name or a title when it is capitalised mid-sentence (it still matches in any case).
An optional `forms` column lists the forms where an inflection is another word ("crow", not
"crew"). Kept rows become entries; a later sheet's row for the same lemma and part of speech
replaces an earlier one (guide sheets come after candidate sheets, in name order;
guide-9-rule-examples.tsv, the entries the rules' documented examples use, comes last).
Inflected forms are written out with lemminflect so that linting never needs it for the
built-in lexicon.
"""

from __future__ import annotations

import argparse
import csv
import io
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHEETS = ROOT / "tools" / "lexicon"
OUT = ROOT / "rules" / "lexicon.tsv"
sys.path.insert(0, str(ROOT))

from lintnews.engine.lexicon import CLASSES, COLUMNS, LEVELS, POS, forms_of  # noqa: E402

HEADER = """\
# The loaded-language lexicon of lintnews (rules LN211-LN221, one per class).
# Built by tools/build_lexicon.py from the reviewed sheets in tools/lexicon/; edit those, not
# this file. A newsroom adds or overrides entries in its own file with the same columns, named
# in its config: lexicon = ["style/lexicon.tsv"] (see the README).
#
# Sources and licences:
# - Candidates: VADER sentiment lexicon (vaderSentiment 3.3.2, C.J. Hutto, MIT licence) and
#   TextBlob's English sentiment lexicon (textblob, MIT licence, from the Pattern project).
#   Only words a copy editor kept after reading them against real copy are entries here.
# - Candidates: Princeton WordNet 3.0 (WordNet 3.0 licence, permissive): neighbours (synonyms,
#   similar adjectives, derived adverbs and nouns) of entries kept at warning level, proposed by
#   tools/lexicon_wordnet.py and kept or dropped on a copy editor's review (reviewed-wn-*.tsv).
# - Style guidance: AP Stylebook, Reuters Handbook of Journalism, BBC Editorial Guidelines and
#   News Style Guide, The Guardian and Observer style guide, The Economist Style Guide,
#   Wikipedia Manual of Style "Words to watch" (CC BY-SA; term names only, no text).
# - Inflected forms: lemminflect (MIT licence).
# No GPL, non-commercial or AGPL data is used.
#
# Columns: lemma (with capitals for a label capitalised by nature, such as "RINO", which is then
# not taken for a name mid-sentence), pos (ADJ ADV NOUN VERB PHRASE), class, severity (error
# warning info off), neutral (suggested wording, ";" between choices), neutral_before /
# neutral_after (words that show the neutral sense right before / after), source, forms ("|"
# between forms).
"""


def read_sheet(path: Path) -> list[dict[str, str]]:
    text = path.read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(text), delimiter="\t", quoting=csv.QUOTE_NONE))


def normalise(row: dict[str, str], default_source: str) -> dict[str, str] | None:
    if (row.get("decision") or "").strip().lower() != "keep":
        return None
    pos = (row.get("pos") or "").strip().upper()
    kind = (row.get("class") or "").strip().lower()
    severity = (row.get("severity") or "warning").strip().lower()
    # a lemma written with capitals ("RINO", "Wuhan virus") is capitalised by nature and keeps
    # them: the linter then does not take it, capitalised mid-sentence, for a name
    lemma = " ".join((row.get("lemma") or "").strip().split())
    if not lemma or kind not in CLASSES or severity not in LEVELS:
        return None
    if pos not in POS:
        pos = "PHRASE" if " " in lemma else "ADJ"
    if " " in lemma:
        pos = "PHRASE"
    source = (row.get("source") or "").strip() or default_source
    # "strict, tough (describe the rules)": the suggestions, without the reviewer's advice
    suggestions = [s.strip() for s in re.split(r"[;,/]", re.sub(r"\([^)]*\)", "",
                                                               row.get("neutral") or ""))]
    neutral = "; ".join(s for s in suggestions if s and len(s.split()) <= 5)
    return {"lemma": lemma, "pos": pos, "class": kind, "severity": severity,
            "neutral": neutral,
            "neutral_before": " ".join((row.get("neutral_before") or "").lower().split()),
            "neutral_after": " ".join((row.get("neutral_after") or "").lower().split()),
            "source": source,
            # a reviewer may list the forms where an inflection is another word: "crow"'s
            # past tense "crew" is a ship's crew in news copy
            "forms": (row.get("forms") or "").strip().lower() or "|".join(forms_of(lemma, pos))}


def hand_written_words() -> set[tuple[str, ...]]:
    """Words the hand-written loaded-language rules (rules/loaded-language.toml) own, with
    their own context rules ("terrorist attack" is not LN207's): not entries here, or the
    lexicon would flag what those rules deliberately leave. As word sequences: "so called"
    and "so-called" are the same words to the matcher."""
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # tomli on 3.10, as the package itself reads TOML
        import tomli as tomllib

    data = tomllib.loads((ROOT / "rules" / "loaded-language.toml").read_text(encoding="utf-8"))
    words: set[tuple[str, ...]] = set()
    for table in data["rule"]:
        for phrase in [*table.get("phrases", []), *table.get("swap", {})]:
            for choice in phrase.replace("(", " ").replace(")", " ").replace("|", " ").split():
                words.add(tuple(re.findall(r"[^\W_]+", choice.rstrip("?~").lower())))
    return words


def build() -> str:
    entries: dict[tuple[str, str], dict[str, str]] = {}
    owned = hand_written_words()
    candidates = sorted(SHEETS.glob("reviewed-*.tsv"))
    guides = sorted(SHEETS.glob("guide-*.tsv"))
    for path in candidates + guides:
        default = ("VADER/TextBlob candidate (MIT), kept on review"
                   if path in candidates else "style guidance")
        for row in read_sheet(path):
            entry = normalise(row, default)
            forms = {tuple(re.findall(r"[^\W_]+", f)) for f in entry["forms"].split("|")} \
                if entry is not None else set()
            if entry is not None and not forms & owned:
                entries[(entry["lemma"].lower(), entry["pos"])] = entry
    # Second readings: a senior editor's severity for entries graded on a first reading.
    for path in sorted(SHEETS.glob("regrade-*.tsv")):
        for row in read_sheet(path):
            key = (" ".join((row.get("lemma") or "").lower().split()),
                   (row.get("pos") or "").strip().upper())
            severity = (row.get("severity") or "").strip().lower()
            if key in entries and severity in LEVELS:
                entries[key]["severity"] = severity
    out = io.StringIO()
    out.write(HEADER)
    writer = csv.writer(out, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE,
                        escapechar="\\")
    writer.writerow(COLUMNS)
    for entry in sorted(entries.values(), key=lambda e: (CLASSES.index(e["class"]),
                                                         e["lemma"].lower(), e["pos"])):
        writer.writerow([entry[c] for c in COLUMNS])
    return out.getvalue()


def stats(text: str) -> str:
    """Entries (severity `off` left out) per class, per severity and per kind of source."""
    from collections import Counter

    rows = [line.split("\t") for line in text.splitlines()
            if line and not line.startswith(("#", "lemma\t"))]
    rows = [r for r in rows if r[3] != "off"]
    kinds = Counter(r[2] for r in rows)
    levels = Counter(r[3] for r in rows)
    sources = Counter("WordNet candidate, reviewed" if "WordNet" in r[7] else
                      "VADER/TextBlob candidate, reviewed" if "VADER" in r[7] else
                      "style guidance" for r in rows)
    lines = [f"{len(rows)} entries"]
    for title, counts in (("class", kinds), ("severity", levels), ("source", sources)):
        lines.append(f"by {title}: " + ", ".join(f"{k} {v:,}" for k, v in counts.most_common()))
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true")
    parser.add_argument("--stats", action="store_true",
                        help="the entries per class, severity and kind of source")
    args = parser.parse_args()
    text = build()
    if args.stats:
        print(stats(text))
        return 0
    if args.check:
        if OUT.read_text(encoding="utf-8") != text:
            print(f"{OUT} is out of date: run python tools/build_lexicon.py", file=sys.stderr)
            return 1
        return 0
    OUT.write_text(text, encoding="utf-8")
    print(f"{OUT.relative_to(ROOT)}: {text.count(chr(10)) - HEADER.count(chr(10)) - 1} entries")
    return 0


if __name__ == "__main__":
    sys.exit(main())
