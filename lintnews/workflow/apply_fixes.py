"""Applying safe fixes: only the fixed spans change, and files are written atomically.

A fix replaces exactly a finding's span with its first suggestion, and only when that span is
prose: a span that runs over markup the reader masked (an emphasis mark, a link target, a
code span, a block-quote marker, a comment) is left alone, since replacing it would delete
the markup. Where the span breaks a line and the replacement has as many words as the
span, the span's own spacing and line breaks are kept ("impossible to⏎understate" becomes
"impossible to⏎overstate"), so hard-wrapped paragraphs keep their shape.
"""

from __future__ import annotations

import difflib
import os
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from pathlib import Path

from lintnews.cache.patterns import regex
from lintnews.engine.rule_types import Finding
from lintnews.files.source import SourceFile

_GAP_RE = regex(r"\s+")


def safe_edits(findings: Iterable[Finding], text: str | None = None,
               prose: str | None = None) -> list[tuple[int, int, str]]:
    """Non-overlapping (start, end, replacement) edits from safe findings, in order.

    With the file's `text` and its masked `prose` (same length), spans that cover masked
    markup are skipped.
    """
    edits: list[tuple[int, int, str]] = []
    last_end = -1
    for f in sorted(findings, key=lambda f: (f.offset, f.end_offset)):
        if not f.fix_safe or not f.suggestions:
            continue
        if f.offset < last_end:
            continue  # overlapping fixes: apply the first now, the rest on the next pass
        if text is not None and prose is not None and \
                text[f.offset:f.end_offset] != prose[f.offset:f.end_offset]:
            continue  # the span covers markup: replacing it would delete the markup
        edits.append((f.offset, f.end_offset, f.suggestions[0]))
        last_end = f.end_offset
    return edits


def apply_edits(text: str, edits: list[tuple[int, int, str]]) -> str:
    parts = []
    cursor = 0
    for start, end, replacement in edits:
        parts.append(text[cursor:start])
        parts.append(keep_layout(text[start:end], replacement))
        cursor = end
    parts.append(text[cursor:])
    return "".join(parts)


def keep_layout(original: str, replacement: str) -> str:
    """`replacement`, with the spacing between its words taken from `original` when the span
    breaks a line and both have the same number of words."""
    if "\n" not in original and "\r" not in original:
        return replacement
    old_gaps = _GAP_RE.findall(original.strip())
    new_words = _GAP_RE.split(replacement.strip())
    if replacement != replacement.strip() or len(new_words) != len(old_gaps) + 1:
        return replacement
    out = [new_words[0]]
    for gap, word in zip(old_gaps, new_words[1:], strict=True):
        out.extend((gap, word))
    return "".join(out)


class EditMap:
    """Where offsets of a text move to when `edits` (sorted, non-overlapping) are applied.

    Each look-up is a binary search, so moving every finding of a long file through every
    edit of a pass costs O((findings + edits) log edits), not findings x edits.
    """

    def __init__(self, text: str, edits: list[tuple[int, int, str]]) -> None:
        self.starts = [start for start, _, _ in edits]
        self.ends = [end for _, end, _ in edits]
        self.new_starts: list[int] = []  # where each replacement starts in the edited text
        self.new_lengths: list[int] = []
        self.shifts = [0]  # shifts[i]: how far offsets after the first i edits move
        for start, end, replacement in edits:
            new_length = len(keep_layout(text[start:end], replacement))
            self.new_starts.append(start + self.shifts[-1])
            self.new_lengths.append(new_length)
            self.shifts.append(self.shifts[-1] + new_length - (end - start))

    @property
    def regions(self) -> list[tuple[int, int]]:
        """Where the replacements ended up in the edited text."""
        return [(start, start + length)
                for start, length in zip(self.new_starts, self.new_lengths, strict=True)]

    def offset(self, offset: int, *, is_end: bool) -> int:
        """Where `offset` is after the edits; an offset inside an edited span moves to the
        start (for the start of a span) or the end (for its end) of the replacement."""
        before = bisect_left(self.starts, offset)  # edits that start before `offset`
        if before and offset < self.ends[before - 1]:
            return self.new_starts[before - 1] + (self.new_lengths[before - 1] if is_end else 0)
        return offset + self.shifts[before]

    def replaces(self, start: int, end: int) -> bool:
        """Whether one edit replaced all of the span [start, end)."""
        i = bisect_right(self.starts, start) - 1
        # Only the last edit starting at or before `start`, or empty edits just before it
        # that share its boundary, can contain the span.
        while i >= 0 and self.ends[i] >= start:
            if self.starts[i] < self.ends[i] and end <= self.ends[i]:
                return True
            i -= 1
        return False


def unified_diff(path: str, before: str, after: str) -> str:
    return "".join(difflib.unified_diff(
        before.splitlines(keepends=True), after.splitlines(keepends=True),
        fromfile=f"a/{path}", tofile=f"b/{path}"))


def write_atomically(path: Path, source: SourceFile, text: str) -> None:
    """Write `text` with the file's own encoding and BOM, keeping its mode; rename into place."""
    data = source.encode(text)
    target = path.resolve()
    mode = target.stat().st_mode & 0o7777
    import tempfile

    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".lintnews", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
