"""The quality gate's corpus is part of the repository, complete and attributed, so that
`python benchmarks/quality.py --check` (run by .ci/run) passes from a clean clone."""

from __future__ import annotations

import csv
import importlib.util
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent
NEWS = ROOT / "benchmarks" / "corpus" / "news"


def _quality() -> ModuleType:
    spec = importlib.util.spec_from_file_location("quality", ROOT / "benchmarks" / "quality.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("quality", module)
    spec.loader.exec_module(module)
    return module


def _index() -> list[dict[str, str]]:
    with (NEWS / "index.tsv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def test_quality_gate_reads_its_corpus_from_the_repository() -> None:
    corpus = _quality().default_corpus()
    for folder in corpus:
        assert folder.resolve().is_relative_to(ROOT), folder
    assert (corpus.seed / "seed-expected.json").is_file()
    assert len(list((corpus.news / "articles").glob("*.txt"))) == 291


def test_every_indexed_article_is_there_with_its_source() -> None:
    rows = _index()
    assert len(rows) == 291
    files = {p.stem for p in (NEWS / "articles").glob("*.txt")}
    assert files == {row["id"] for row in rows}
    assert all(row["url"].startswith("https://en.wikinews.org/") and row["title"] for row in rows)


def test_the_corpus_carries_its_licence() -> None:
    source = (NEWS / "SOURCE.md").read_text(encoding="utf-8")
    assert "CC BY 2.5" in source and "creativecommons.org/licenses/by/2.5" in source
    assert "Wikinews" in source


def test_the_test_sample_is_the_same_text_as_the_corpus() -> None:
    sample = sorted((ROOT / "tests" / "data" / "news").glob("wn*.txt"))
    assert sample
    for path in sample:
        assert path.read_bytes() == (NEWS / "articles" / path.name).read_bytes(), path.name
