"""A rule's documentation as text: what `lintnews explain CODE` prints, and what an editor
shows on hover. One rendering, so the two never disagree."""

from __future__ import annotations

from lintnews.engine.rule_types import RuleMeta

_QUOTE_POLICY = {"skip": "not reported", "info": "reported at info level", "report": "reported"}


def explain_text(meta: RuleMeta) -> str:
    """The rule's code and name, rationale, examples and how to silence it, as plain text."""
    lines = [f"{meta.code} {meta.name}", "",
             f"Category: {meta.category}", f"Default severity: {meta.severity}",
             f"Pack: {meta.pack}", f"Source: {meta.source}",
             f"Safe fix: {'yes' if meta.fix_safe else 'no'}",
             f"Inside direct quotations: {_QUOTE_POLICY[meta.quotes]}", "",
             meta.summary, "", meta.rationale or "(no rationale given)", ""]
    if meta.example_config:
        lines.append("With this in lintnews.toml:")
        lines.extend(f"  {line}" for line in meta.example_config.strip().splitlines())
        lines.append("")
    if meta.bad_examples:
        lines.append("Bad (flagged):")
        lines.extend(f"  ✗ {e}".replace("\n", "\n    ") for e in meta.bad_examples)
        lines.append("")
    if meta.good_examples:
        lines.append("Good (not flagged):")
        lines.extend(f"  ✓ {e}".replace("\n", "\n    ") for e in meta.good_examples)
        lines.append("")
    lines += ["How to silence it:",
              f"  for one line:     <!-- lintnews: disable-next-line {meta.code} -->",
              f"  for a passage:    <!-- lintnews: disable {meta.code} --> "
              "… <!-- lintnews: enable -->",
              f"  everywhere:       ignore = [\"{meta.code}\"] in lintnews.toml, "
              f"or --ignore {meta.code}"]
    return "\n".join(lines)
