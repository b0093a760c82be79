"""`--statistics`: counts per rule and category, for the overview rather than the list."""

from __future__ import annotations

from collections import Counter

from lintnews.session import Outcome


def render_statistics(outcome: Outcome) -> str:
    report = outcome.report
    lines = []
    by_rule = Counter(f.code for f in report.findings)
    names = {f.code: f.name for f in report.findings}
    for code, count in sorted(by_rule.items(), key=lambda kv: (-kv[1], kv[0])):
        lines.append(f"{count:>6}  {code:<7} {names[code]}")
    lines.append("")
    for category, count in sorted(Counter(f.category for f in report.findings).items()):
        per_k = 1000 * count / report.words if report.words else 0.0
        lines.append(f"{count:>6}  {category:<16} {per_k:.2f} per 1,000 words")
    lines.append("")
    n, files = len(report.findings), report.files
    lines.append(f"{n} finding{'' if n == 1 else 's'} in {files} file{'' if files == 1 else 's'}, "
                 f"{report.words} words.")
    if outcome.baseline_total:
        fixed = outcome.baseline_total - outcome.baseline_matched
        lines.append(f"Baseline: {outcome.baseline_matched} of {outcome.baseline_total} recorded "
                     f"findings remain; {fixed} have been fixed since it was written "
                     "(rewrite it with --write-baseline to drop them).")
    combined = combine_metrics(list(report.metrics.values()))
    if combined:
        lines.append("")
        lines.append("Document metrics (sentence figures over the body text, weighted by words):")
        for key, value in combined.items():
            lines.append(f"  {key.replace('_', ' '):<32} {value}")
    return "\n".join(lines) + "\n"


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
