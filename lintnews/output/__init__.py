"""Output formats: every format is written from the same findings."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from lintnews.engine.model import Finding, RuleMeta


@dataclass
class Report:
    findings: list[Finding]
    rules: dict[str, RuleMeta]  # code → metadata, for help texts
    files: int
    words: int = 0
    errors: list[str] = field(default_factory=list)  # files that could not be linted
    metrics: dict[str, dict[str, float]] = field(default_factory=dict)  # path → metrics
    genres: dict[str, str] = field(default_factory=dict)  # path → the genre it was linted as

    def summary(self) -> dict[str, object]:
        severities = Counter(str(f.severity) for f in self.findings)
        categories = Counter(f.category for f in self.findings)
        rules = Counter(f.code for f in self.findings)
        out: dict[str, object] = {
            "files": self.files,
            "words": self.words,
            "findings": len(self.findings),
            "by_severity": {k: severities.get(k, 0) for k in ("error", "warning", "info")},
            "by_category": dict(sorted(categories.items())),
            "by_rule": dict(sorted(rules.items())),
            "errors": list(self.errors),
            "by_genre": genre_counts(self.genres),
            "genres": dict(self.genres),
        }
        if self.metrics:
            from lintnews.statistics import combine_metrics

            out["metrics"] = {"files": self.metrics,
                              "overall": combine_metrics(list(self.metrics.values()))}
        return out


def genre_counts(genres: dict[str, str]) -> dict[str, int]:
    """Files per genre, the most frequent first."""
    counts = Counter(genres.values())
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


Formatter = Callable[[Report], str]


class OutputFormat(NamedTuple):
    """One `--format`: its name, the module of lintnews.output whose `render(report)` writes
    it, and the options that apply to it."""

    name: str
    module: str
    statistics: bool = False  # --statistics can print its counts in this format
    column_units: bool = False  # --column-unit applies; the others define their own columns


# The one list of output formats: the CLI's choices and checks are read from it.
OUTPUT_FORMATS: tuple[OutputFormat, ...] = (
    OutputFormat("text", "text", statistics=True, column_units=True),
    OutputFormat("json", "jsonfmt", statistics=True),
    OutputFormat("sarif", "sarif"),
    OutputFormat("github", "github", column_units=True),
    OutputFormat("checkstyle", "checkstyle", column_units=True),
)
FORMATS: Sequence[str] = tuple(f.name for f in OUTPUT_FORMATS)
STATISTICS_FORMATS: Sequence[str] = tuple(f.name for f in OUTPUT_FORMATS if f.statistics)
COLUMN_UNIT_FORMATS: Sequence[str] = tuple(f.name for f in OUTPUT_FORMATS if f.column_units)


def formatter(name: str) -> Formatter:
    """The render function of one format; only that format's module is imported (the
    checkstyle writer alone pulls in the XML and URL libraries)."""
    from importlib import import_module

    module = next(f.module for f in OUTPUT_FORMATS if f.name == name)
    render: Formatter = import_module(f"lintnews.output.{module}").render
    return render
