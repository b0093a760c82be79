"""Applying safe fixes: only the fixed spans change, and files are written atomically."""

from __future__ import annotations

import difflib
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from lintnews.engine.model import Finding
from lintnews.source import SourceFile


def safe_edits(findings: Iterable[Finding]) -> list[tuple[int, int, str]]:
    """Non-overlapping (start, end, replacement) edits from safe findings, in order."""
    edits: list[tuple[int, int, str]] = []
    last_end = -1
    for f in sorted(findings, key=lambda f: (f.offset, f.end_offset)):
        if not f.fix_safe or not f.suggestions:
            continue
        if f.offset < last_end:
            continue  # overlapping fixes: apply the first now, the rest on the next run
        edits.append((f.offset, f.end_offset, f.suggestions[0]))
        last_end = f.end_offset
    return edits


def apply_edits(text: str, edits: list[tuple[int, int, str]]) -> str:
    parts = []
    cursor = 0
    for start, end, replacement in edits:
        parts.append(text[cursor:start])
        parts.append(replacement)
        cursor = end
    parts.append(text[cursor:])
    return "".join(parts)


def unified_diff(path: str, before: str, after: str) -> str:
    return "".join(difflib.unified_diff(
        before.splitlines(keepends=True), after.splitlines(keepends=True),
        fromfile=f"a/{path}", tofile=f"b/{path}"))


def write_atomically(path: Path, source: SourceFile, text: str) -> None:
    """Write `text` with the file's own encoding and BOM, keeping its mode; rename into place."""
    data = source.encode(text)
    target = path.resolve()
    mode = target.stat().st_mode & 0o7777
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
