"""`--fix` over a whole run: apply each file's safe fixes, or print them as a diff.

A fix can make another one possible ("the the the" loses one "the" a pass; "because due to the
fact that" becomes "because because"), so with a `relint` function (core.Linter.relint)
fixes are applied in passes until nothing changes, so that a second run changes nothing. A fix
can also make a finding appear further away (it changes how a sentence reads), and a later
pass fixes that too. But when the run's filters (a baseline, changed lines) left findings
out, a later pass applies only fixes whose spans touch what the pass before it changed
(`near_changes_only`), so that it never reaches findings the filters left out.

The findings that remain are moved to where their words are in the fixed text, so their
lines, columns and offsets point into the file as it is written.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable
from pathlib import Path

import click

from lintnews.engine.rule_types import Finding, Rule
from lintnews.files.source import LineIndex, SourceFile
from lintnews.markup import read_prose
from lintnews.workflow.apply_fixes import (
    EditMap,
    apply_edits,
    safe_edits,
    unified_diff,
    write_atomically,
)

Relint = Callable[[SourceFile, str], list[Finding]]
# Turns findings of a (fixed) text into the columns the user asked for (columns.py).
Positions = Callable[[list[Finding], str], list[Finding]]
MAX_PASSES = 10


def fix_file(source: SourceFile, findings: list[Finding], show_diff: bool,
             relint: Relint | None = None, positions: Positions | None = None, *,
             near_changes_only: bool = False) -> tuple[int, list[Finding]]:
    """Fix one file in place, or with `show_diff` print its diff and write nothing: (fixes
    applied, findings that remain, in the fixed file's positions)."""
    after, count, left = fix_source(source, findings, relint, near_changes_only)
    if positions is not None:
        left = positions(left, after)
    if after != source.text:
        if show_diff:
            click.echo(unified_diff(source.path, source.text, after), nl=False)
        elif source.path != "-":
            write_atomically(Path(source.path), source, after)
    return count, left


def fix_standard_input(source: SourceFile, findings: list[Finding], data: bytes,
                       relint: Relint | None = None, positions: Positions | None = None, *,
                       near_changes_only: bool = False) -> tuple[int, list[Finding], bytes]:
    """`--fix` for text read from '-' (the run's only target): (fixes applied, findings left,
    the bytes for standard output).

    Those bytes are the whole text, fixed, encoded as it came in (its encoding, byte-order
    mark and line endings: only the fixed spans differ), or `data` itself when nothing was
    fixed: an editor can always replace its buffer with them. The named file, if any, is
    never written.
    """
    after, count, left = fix_source(source, findings, relint, near_changes_only)
    if positions is not None:
        left = positions(left, after)
    return count, left, data if after == source.text else source.encode(after)


def fix_source(source: SourceFile, findings: list[Finding], relint: Relint | None = None,
               near_changes_only: bool = False) -> tuple[str, int, list[Finding]]:
    """Apply the safe fixes among `findings` to `source`: (fixed text, fixes applied, findings
    left, moved into the fixed text). With `relint`, passes follow until nothing changes;
    with `near_changes_only`, a later pass takes only fixes next to the last pass's changes."""
    text = source.text
    edits = safe_edits(findings, text, read_prose(text, source.path).masked)
    left = _without_fixed(findings, edits)
    count = passes = 0
    while edits:
        after = apply_edits(text, edits)
        count += len(edits)
        passes += 1
        moves = EditMap(text, edits)
        regions = moves.regions
        left = _moved(left, after, moves)
        text = after
        if relint is None or passes >= MAX_PASSES:
            break
        fresh = relint(source, text)
        if near_changes_only:
            ends = [end for _, end in regions]
            fresh = [f for f in fresh if _touches(f, regions, ends)]
        edits = safe_edits(fresh, text, read_prose(text, source.path).masked)
        left = _without_fixed(left, edits)
    return text, count, left


def _without_fixed(findings: list[Finding], edits: list[tuple[int, int, str]]) -> list[Finding]:
    spans = {(start, end) for start, end, _ in edits}
    return [f for f in findings if not (f.fix_safe and (f.offset, f.end_offset) in spans)]


def rules_for_fixes(rules: list[Rule]) -> list[Rule]:
    """The rules whose findings decide which safe fixes a lint reports, in their order.

    Those are the rules with safe fixes, and every rule before one of them with its category
    or code: the runner drops a finding whose span an earlier rule of the same category
    already reported (lint_source's `seen_spans`), so those earlier rules can hide a safe
    finding. No other rule can change what the safe rules report.
    """
    kept: list[Rule] = []
    categories: set[str] = set()
    codes: set[str] = set()
    for rule in reversed(rules):
        meta = rule.meta
        if meta.fix_safe or meta.category in categories or meta.code in codes:
            kept.append(rule)
            if meta.fix_safe:
                categories.add(meta.category)
                codes.add(meta.code)
    kept.reverse()
    return kept


def _touches(finding: Finding, regions: list[tuple[int, int]], ends: list[int]) -> bool:
    """Whether `finding` overlaps or borders one of `regions` (sorted, `ends` their ends)."""
    first = bisect_left(ends, finding.offset)  # the first region that ends at or after it
    return first < len(regions) and regions[first][0] <= finding.end_offset


def _moved(findings: list[Finding], after: str, moves: EditMap) -> list[Finding]:
    """`findings`, moved to their place in the edited text `after`. A finding whose words
    were all replaced by a fix is dropped: what it reported is gone."""
    index = LineIndex(after)
    out = []
    for f in findings:
        if moves.replaces(f.offset, f.end_offset):
            continue
        offset = moves.offset(f.offset, is_end=False)
        end_offset = max(offset, moves.offset(f.end_offset, is_end=True))
        line, column = index.position(offset)
        end_line, end_column = index.position(end_offset)
        out.append(f._replace(offset=offset, end_offset=end_offset, line=line, column=column,
                           end_line=end_line, end_column=end_column))
    return out
