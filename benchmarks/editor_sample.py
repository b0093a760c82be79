"""A blind editor's reading of lintnews' findings on real news: the sample, and its score.

    python benchmarks/editor_sample.py sample --size 100 --seed 1 > sample.md
        Random loaded-language, logic and attribution findings on the news corpus, each
        shown with its article's headline and its whole paragraph, the flagged words in
        [[double brackets]], numbered; nothing says which rule raised it beyond the message.
        The key (item, code, file, line, column, words) goes to --key (sample-key.tsv).
    python benchmarks/editor_sample.py sample --new-since before.json ...
        Only the findings a change added: those not in an earlier `lintnews check --format
        json` run over the same corpus.
    python benchmarks/editor_sample.py score VERDICTS.tsv
        The A/D/W table, overall and per rule, from a verdicts file: the key's columns plus
        `verdict` and `reason` (tab-separated, with a header), verdict A (would act: change
        the wording or query the reporter), D (defensible, would leave it) or W (the linter
        misread the text).

Verdicts are kept as data under benchmarks/editor-verdicts/, so a later change is judged
against the same yardstick.
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "benchmarks" / "corpus" / "news" / "articles"
JUDGED = ("loaded-language", "logic", "attribution")
VERDICTS = ("A", "D", "W")


def _paragraph(text: str, start: int, end: int) -> str:
    before = text.rfind("\n\n", 0, start)
    after = text.find("\n\n", end)
    first = before + 2 if before >= 0 else 0
    last = after if after >= 0 else len(text)
    return (text[first:start] + "[[" + text[start:end] + "]]" + text[end:last]).strip()


def sample(size: int, seed: int, key_path: Path, before: Path | None = None) -> str:
    from quality import lint_all  # this folder's quality figures: the same lint of the corpus

    findings, _words, texts = lint_all(sorted(CORPUS.glob("*.txt")))
    found = [f for f in findings if f.category in JUDGED]
    if before is not None:  # only what a change added: findings not in an earlier JSON run
        import json

        earlier = {(Path(f["path"]).name, f["offset"], f["code"])
                   for f in json.loads(before.read_text(encoding="utf-8"))["findings"]}
        found = [f for f in found if (Path(f.path).name, f.offset, f.code) not in earlier]
    chosen = random.Random(seed).sample(found, min(size, len(found)))
    items, key = [], []
    for number, f in enumerate(chosen, 1):
        text = texts[f.path]
        headline = text.lstrip("\ufeff").split("\n", 1)[0].strip()
        items.append(f"### Item {number}\nHeadline: {headline}\nFlag: {f.message} "
                     f"({f.category}, {f.severity})\nParagraph:\n"
                     f"{_paragraph(text, f.offset, f.end_offset)}\n")
        key.append([number, f.code, Path(f.path).name, f.line, f.column,
                    text[f.offset:f.end_offset]])
    with key_path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, delimiter="\t", lineterminator="\n")
        writer.writerow(["item", "code", "file", "line", "column", "words"])
        writer.writerows(key)
    return (f"{len(chosen)} of {len(found)} findings in the {', '.join(JUDGED)} categories "
            f"on {CORPUS.relative_to(ROOT)}, seed {seed}.\n\n" + "\n".join(items))


def score(verdicts_path: Path) -> str:
    per_rule: dict[str, Counter[str]] = defaultdict(Counter)
    with verdicts_path.open(encoding="utf-8") as lines:
        for row in csv.DictReader(lines, delimiter="\t"):
            verdict = row["verdict"].strip().upper()
            if verdict not in VERDICTS:
                raise SystemExit(f"{verdicts_path}: item {row['item']}: verdict must be A, D "
                                 f"or W, not {row['verdict']!r}")
            per_rule[row["code"]][verdict] += 1
    total: Counter[str] = Counter()
    for counts in per_rule.values():
        total.update(counts)
    lines_out = ["| rule | A | D | W | n |", "|---|---|---|---|---|"]
    for code in sorted(per_rule):
        c = per_rule[code]
        lines_out.append(f"| {code} | {c['A']} | {c['D']} | {c['W']} | {sum(c.values())} |")
    n = sum(total.values()) or 1
    lines_out.append(f"| all | {total['A']} ({100 * total['A'] / n:.0f}%) | {total['D']} "
                     f"({100 * total['D'] / n:.0f}%) | {total['W']} "
                     f"({100 * total['W'] / n:.0f}%) | {sum(total.values())} |")
    return "\n".join(lines_out) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    take = commands.add_parser("sample")
    take.add_argument("--size", type=int, default=100)
    take.add_argument("--seed", type=int, default=1)
    take.add_argument("--key", type=Path, default=Path("sample-key.tsv"))
    take.add_argument("--new-since", type=Path, default=None,
                      help="a `lintnews check --format json` run of the corpus before a change: "
                           "sample only the findings the change added")
    judge = commands.add_parser("score")
    judge.add_argument("verdicts", type=Path)
    args = parser.parse_args()
    if args.command == "sample":
        sys.stdout.write(sample(args.size, args.seed, args.key, args.new_since))
    else:
        sys.stdout.write(score(args.verdicts))


if __name__ == "__main__":
    main()
