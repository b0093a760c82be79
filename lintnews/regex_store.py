"""Regular expressions compiled once per machine instead of once per run.

Python compiles a regular expression in Python code (parse, then generate the matcher's
instruction list) and forgets it when the process ends. lintnews starts a process for every
pre-commit run and needs a few hundred patterns, so compiling was a third of a one-article
run. Here the instruction list of each pattern is remembered on disk, next to the rule cache
(see lintnews.engine.cache), and handed straight to the C matcher (`_sre.compile`) on later
runs: the same step `re.compile` ends with, minus the work before it.

That step is internal to CPython, so the store is keyed by the exact interpreter build and
the matcher's format number, used only where the interpreter is the one it was written for
(CPython 3.11 and later), and any failure falls back to `re.compile` for good. A stale or
missing store only costs time; LINTNEWS_NO_CACHE=1 turns it off.
"""

from __future__ import annotations

import marshal
import re
import sys
from array import array
from collections.abc import Callable
from pathlib import Path
from typing import Any

from lintnews import __version__
from lintnews.engine.cache import code_tag

try:  # the pieces re.compile is made of (CPython 3.11+)
    import _sre
    from re import _compiler, _parser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - other interpreters and 3.10
    _sre = None

_CODE_TYPE = next((t for t in "IL" if array(t).itemsize == getattr(_sre, "CODESIZE", 4)), "L")
# What the entries depend on: the interpreter build and its matcher's format, and (for the
# derived values) lintnews' version and code (lintnews.engine.cache.code_tag).
_BUILD = (f"{sys.implementation.name}-{sys.version}-{getattr(_sre, 'MAGIC', 0)}-"
          f"{getattr(_sre, 'CODESIZE', 0)}-{_CODE_TYPE}-lintnews-{__version__}-{code_tag()}")
MAX_ENTRIES = 4000  # a store that outgrows this (packs edited many times) starts afresh

Entry = tuple[int, bytes, int, dict[str, int], tuple[Any, ...]]


class RegexStore:
    """Compiled patterns of earlier runs, and the ones this run adds."""

    def __init__(self, file: Path | None = None, *, default_location: bool = False) -> None:
        self.file = file
        self._default_location = default_location  # resolved on first use, from the env
        self._entries: dict[tuple[str, int], Entry] | None = None
        self._derived: dict[tuple[str, str, int], Any] = {}
        self._compiled: dict[tuple[str, int], re.Pattern[str]] = {}
        self._added = 0

    def _load(self) -> dict[tuple[str, int], Entry]:
        entries: dict[tuple[str, int], Entry] = {}
        if self._default_location:
            from lintnews.cache_dir import cache_dir

            folder = cache_dir()
            self.file = folder / "regex.marshal" if folder is not None else None
        if _sre is None:
            self.file = None
        if self.file is not None:
            try:
                data = marshal.loads(self.file.read_bytes())
                if isinstance(data, dict) and data.get("build") == _BUILD:
                    entries = data["patterns"]
                    self._derived = data.get("derived", {})
            except (OSError, ValueError, EOFError, KeyError, TypeError):
                entries = {}
        self._entries = entries
        return entries

    def compile(self, pattern: str, flags: int = 0) -> re.Pattern[str]:
        key = (pattern, int(flags))
        known = self._compiled.get(key)
        if known is not None:
            return known
        compiled = self._compile(key)
        self._compiled[key] = compiled
        return compiled

    def _compile(self, key: tuple[str, int]) -> re.Pattern[str]:
        pattern, flags = key
        entries = self._entries if self._entries is not None else self._load()
        if self.file is None:
            return re.compile(pattern, flags)
        entry = entries.get(key)
        if entry is not None:
            try:
                return _from_entry(pattern, entry)
            except Exception:  # an entry this build cannot use (damaged file): compile anew
                del entries[key]
        try:
            compiled, entry = _compile_to_entry(pattern, flags)
        except re.error:
            raise
        except Exception:  # the interpreter's internals are not as expected: stop using them
            self.file = None
            return re.compile(pattern, flags)
        if len(entries) >= MAX_ENTRIES:
            entries.clear()  # mostly patterns of packs since edited; today's come back as used
        entries[key] = entry
        self._added += 1
        return compiled

    def derived(self, kind: str, pattern: str, flags: int, compute: Callable[[], Any]) -> Any:
        """compute(): something worked out from a pattern alone (its trigger keys, say),
        remembered with the compiled patterns. It must be a value marshal can store."""
        if self._entries is None:
            self._load()
        key = (kind, pattern, int(flags))
        if key not in self._derived:
            self._derived[key] = compute()
            self._added += 1
        return self._derived[key]

    def save(self) -> None:
        """Write the store back if this run compiled anything new (atomically)."""
        if self.file is None or not self._added or self._entries is None:
            return
        from lintnews.cache_dir import save_marshal

        if save_marshal(self.file, {"build": _BUILD, "patterns": self._entries,
                                    "derived": self._derived}):
            self._added = 0


def _compile_to_entry(pattern: str, flags: int) -> tuple[re.Pattern[str], Entry]:
    """re._compiler.compile, keeping what _sre.compile was given."""
    parsed = _parser.parse(pattern, flags)
    code = _compiler._code(parsed, flags)
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, i in groupindex.items():
        indexgroup[i] = name
    entry: Entry = (flags | parsed.state.flags, array(_CODE_TYPE, code).tobytes(),
                    parsed.state.groups - 1, groupindex, tuple(indexgroup))
    return _from_entry(pattern, entry), entry


def _from_entry(pattern: str, entry: Entry) -> re.Pattern[str]:
    flags, code, groups, groupindex, indexgroup = entry
    return _sre.compile(pattern, flags, array(_CODE_TYPE, code).tolist(), groups,
                        groupindex, indexgroup)


# One store per process, like the `re` module's own cache of compiled patterns: module-level
# patterns are compiled through it at import time, before any settings exist.
_STORE = RegexStore(default_location=True)


def regex(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """re.compile(pattern, flags), from the store when an earlier run compiled it."""
    return _STORE.compile(pattern, flags)


def derived(kind: str, pattern: str, flags: int, compute: Callable[[], Any]) -> Any:
    """RegexStore.derived on the process's store."""
    return _STORE.derived(kind, pattern, flags, compute)


def save() -> None:
    """Remember what this run compiled (called once, at the end of a run)."""
    _STORE.save()
