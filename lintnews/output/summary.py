"""`--statistics`: counts per rule and category, for the overview rather than the list.

As text, for a person; with `--format json`, one object (the README documents its shape):

    {"files": 2, "words": 812, "findings": 5,
     "by_severity": {"error": 1, "warning": 3, "info": 1},
     "by_rule": {"LN204": {"name": "puffery", "category": "loaded-language",
                "count": 2}, ...},
     "by_category": {"logic": {"count": 1, "per_1000_words": 1.23}, ...},
     "by_genre": {"news": 2},
     "baseline": {"recorded": 5, "remaining": 4, "fixed": 1},
     "metrics": {"words": 812, "sentences": 40, ...}}

`by_rule` runs from the most frequent rule down, `by_category` in name order; `baseline` is
there only with `--baseline`, and `metrics` (word-weighted document metrics) only when a file
had words.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Any

from lintnews.report import combine_metrics, genre_counts

if TYPE_CHECKING:
    from lintnews.core import Outcome


def statistics(outcome: Outcome) -> dict[str, Any]:
    """The numbers both renderings show."""
    report = outcome.report
    by_rule = Counter(f.code for f in report.findings)
    first = {f.code: f for f in reversed(report.findings)}
    categories = Counter(f.category for f in report.findings)
    severities = Counter(str(f.severity) for f in report.findings)
    out: dict[str, Any] = {
        "files": report.files,
        "words": report.words,
        "findings": len(report.findings),
        "by_severity": {level: severities.get(level, 0) for level in ("error", "warning", "info")},
        "by_rule": {code: {"name": first[code].name, "category": first[code].category,
                           "count": count}
                    for code, count in sorted(by_rule.items(), key=lambda kv: (-kv[1], kv[0]))},
        "by_category": {category: {"count": count, "per_1000_words": round(
                            1000 * count / report.words if report.words else 0.0, 2)}
                        for category, count in sorted(categories.items())},
        "by_genre": genre_counts(report.genres),
    }
    if outcome.baseline_total:
        out["baseline"] = {"recorded": outcome.baseline_total,
                           "remaining": outcome.baseline_matched,
                           "fixed": outcome.baseline_total - outcome.baseline_matched}
    combined = combine_metrics(list(report.metrics.values()))
    if combined:
        out["metrics"] = combined
    return out


def render_statistics(outcome: Outcome, output_format: str = "text") -> str:
    stats = statistics(outcome)
    if output_format == "json":
        import json

        return json.dumps(stats, indent=2, ensure_ascii=False) + "\n"
    lines = []
    for code, entry in stats["by_rule"].items():
        lines.append(f"{entry['count']:>6}  {code:<7} {entry['name']}")
    lines.append("")
    for category, entry in stats["by_category"].items():
        lines.append(f"{entry['count']:>6}  {category:<16} {entry['per_1000_words']:.2f} "
                     "per 1,000 words")
    lines.append("")
    n, files = stats["findings"], stats["files"]
    lines.append(f"{n} finding{'' if n == 1 else 's'} in {files} file{'' if files == 1 else 's'}, "
                 f"{stats['words']} words.")
    if stats["by_genre"]:
        lines.append("Genres: " + ", ".join(f"{count} {genre}"
                                            for genre, count in stats["by_genre"].items()) + ".")
    if "baseline" in stats:
        baseline = stats["baseline"]
        lines.append(f"Baseline: {baseline['remaining']} of {baseline['recorded']} recorded "
                     f"findings remain; {baseline['fixed']} have been fixed since it was written "
                     "(rewrite it with --write-baseline to drop them).")
    if "metrics" in stats:
        lines.append("")
        lines.append("Document metrics (sentence figures over the body text, weighted by words):")
        for key, value in stats["metrics"].items():
            lines.append(f"  {key.replace('_', ' '):<32} {value}")
    return "\n".join(lines) + "\n"
