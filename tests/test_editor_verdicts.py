"""The blind editor readings kept under benchmarks/editor-verdicts are data later changes are
judged against: each verdict must name a real rule and the very words it judged."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import pytest

from lintnews.ruleset import load_rules

ROOT = Path(__file__).resolve().parent.parent
VERDICTS = sorted((ROOT / "benchmarks" / "editor-verdicts").glob("*.tsv"))
ARTICLES = ROOT / "benchmarks" / "corpus" / "news" / "articles"


@pytest.mark.parametrize("path", VERDICTS, ids=[p.name for p in VERDICTS])
def test_each_verdict_names_a_rule_and_the_words_it_judged(path: Path) -> None:
    codes = {rule.meta.code for rule in load_rules()}
    with path.open(encoding="utf-8") as lines:
        rows = list(csv.DictReader(lines, delimiter="\t"))
    assert rows
    assert [int(row["item"]) for row in rows] == list(range(1, len(rows) + 1))
    for row in rows:
        assert row["verdict"] in ("A", "D", "W"), row
        assert row["code"] in codes, row
        text_lines = (ARTICLES / row["file"]).read_text(encoding="utf-8").splitlines()
        line = text_lines[int(row["line"]) - 1]
        column = int(row["column"]) - 1
        assert line[column:column + len(row["words"])] == row["words"], row


def test_the_score_table_counts_every_verdict() -> None:
    path = VERDICTS[-1]
    table = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "editor_sample.py"),
                            "score", str(path)], capture_output=True, text=True, check=True)
    total = sum(1 for _ in path.open(encoding="utf-8")) - 1
    last = table.stdout.strip().splitlines()[-1]
    assert last.startswith("| all |") and last.endswith(f"| {total} |"), table.stdout
