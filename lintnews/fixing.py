"""`--fix` over a whole run: apply each file's safe fixes, or print them as a diff."""

from __future__ import annotations

from pathlib import Path

import click

from lintnews.engine.model import Finding
from lintnews.fix import apply_edits, safe_edits, unified_diff, write_atomically
from lintnews.session import Outcome


def apply_fixes(outcome: Outcome, show_diff: bool) -> tuple[int, list[Finding]]:
    """Return (number of fixes, findings that remain)."""
    applied = 0
    remaining: list[Finding] = []
    for source, findings in outcome.sources:
        edits = safe_edits(findings)
        fixed_spans = {(s, e) for s, e, _ in edits}
        remaining.extend(f for f in findings
                         if (f.offset, f.end_offset) not in fixed_spans or not f.fix_safe)
        if not edits:
            continue
        after = apply_edits(source.text, edits)
        applied += len(edits)
        if show_diff:
            click.echo(unified_diff(source.path, source.text, after), nl=False)
        elif source.path != "-":
            write_atomically(Path(source.path), source, after)
    return applied, remaining
