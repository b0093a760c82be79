"""Recall on expert-labelled news sentences (BABE), measured, never shipped.

    python benchmarks/babe_recall.py [../shared/eval/babe-dev.jsonl] [--by-code]

BABE (Spinde et al., 2021) is AGPL-licensed: this script reads it where it lies and prints
figures only; no sentence or word list from it is copied into the project. Each line is
{"id", "text", "expect": [{"phrase", "categories"}]}; ids starting "babe-c" are sentences the
annotators labelled neutral. A marked phrase is recalled when a finding in one of its
categories overlaps it; a neutral sentence is flagged when it has any finding in the
loaded-language, logic or attribution categories.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import NamedTuple

from lintnews.config import Settings
from lintnews.core import Linter

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT.parent / "shared" / "eval" / "babe-dev.jsonl"
JUDGED = ("loaded-language", "logic", "attribution")


class BabeScore(NamedTuple):
    marked: int
    recalled: int
    neutral: int
    neutral_flagged: int
    by_code: Counter[str]  # recalled phrases by the rule that covered them

    @property
    def recall(self) -> float:
        return self.recalled / max(self.marked, 1)

    @property
    def neutral_rate(self) -> float:
        return self.neutral_flagged / max(self.neutral, 1)


def score(path: Path) -> BabeScore:
    """Score the default configuration on a BABE file, as ../shared/eval/README.md says."""
    linter = Linter(Settings(), metrics=False)
    marked = recalled = neutral = neutral_flagged = 0
    by_code: Counter[str] = Counter()
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        item = json.loads(line)
        text = item["text"]
        findings = linter.lint_text(text, f"{item['id']}.txt").findings
        if item["id"].startswith("babe-c"):
            neutral += 1
            neutral_flagged += any(f.category in JUDGED for f in findings)
        for expected in item.get("expect", []):
            start = text.find(expected["phrase"])
            if start < 0:
                continue
            end = start + len(expected["phrase"])
            marked += 1
            hits = [f for f in findings if f.category in expected["categories"]
                    and f.offset < end and f.end_offset > start]
            if hits:
                recalled += 1
                by_code[hits[0].code] += 1
    return BabeScore(marked, recalled, neutral, neutral_flagged, by_code)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("path", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--by-code", action="store_true", help="recalled phrases per rule")
    args = parser.parse_args(argv)
    if not args.path.is_file():
        print(f"babe_recall: {args.path}: no such file", file=sys.stderr)
        return 2
    result = score(args.path)
    print(f"marked phrases recalled: {result.recalled}/{result.marked} ({result.recall:.1%})")
    print(f"neutral sentences flagged: {result.neutral_flagged}/{result.neutral} "
          f"({result.neutral_rate:.1%})")
    if args.by_code:
        for code, count in sorted(result.by_code.items()):
            print(f"  {code} {count}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
