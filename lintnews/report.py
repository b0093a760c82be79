"""A run's report: its findings, the rules that made them, and the files' metrics, gathered by
lintnews.core for the output formats (lintnews.output) to render."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from lintnews.engine.rule_types import Finding, RuleMeta
from lintnews.files.source import SourceFile


@dataclass
class Report:
    findings: list[Finding]
    rules: dict[str, RuleMeta]  # code → metadata, for help texts
    files: int
    words: int = 0
    errors: list[str] = field(default_factory=list)  # files that could not be linted
    metrics: dict[str, dict[str, float]] = field(default_factory=dict)  # path → metrics
    genres: dict[str, str] = field(default_factory=dict)  # path → the genre it was linted as
    # path → the text linted, when the run kept it (for --fix, and formats that show the text)
    sources: dict[str, SourceFile] = field(default_factory=dict)

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
            out["metrics"] = {"files": self.metrics,
                              "overall": combine_metrics(list(self.metrics.values()))}
        return out


def genre_counts(genres: dict[str, str]) -> dict[str, int]:
    """Files per genre, the most frequent first."""
    counts = Counter(genres.values())
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def combine_metrics(per_file: list[dict[str, float]]) -> dict[str, float]:
    """Word-weighted averages over files (sums for counts); a file without body text counts
    its words but has no sentence figures to average."""
    files = [m for m in per_file if m.get("words")]
    if not files:
        return {}
    out: dict[str, float] = {"words": sum(m["words"] for m in files),
                             "sentences": sum(m["sentences"] for m in files)}
    for key in dict.fromkeys(k for m in files for k in m):
        if key in out:
            continue
        having = [m for m in files if key in m]
        weight = sum(m["words"] for m in having)
        out[key] = round(sum(m[key] * m["words"] for m in having) / weight, 1)
    return out
