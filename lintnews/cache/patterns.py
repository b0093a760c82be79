"""Regular expressions compiled once per machine instead of once per run, and what lintnews
works out from them.

`regex()` is `re.compile`. Python compiles a pattern in Python code and forgets it when the
process ends; lintnews starts a process for every pre-commit run and needs a few hundred
patterns. So each pattern's instruction list is remembered on disk, next to the rule cache
(see lintnews.cache.rules), and later runs hand it straight to the C matcher. That step is
a CPython internal, kept to one module (lintnews.regex_internals) and keyed by the exact
interpreter build; elsewhere, or on any surprise, patterns come from `re.compile`.

What is worked out from a pattern's text alone (a part's trigger keys, a word list written as
a trie) is plain data, remembered by `derived()` in the same file.

There is one file per interpreter build, so alternating Pythons do not throw each other's
patterns away. A stale or missing store only costs time; LINTNEWS_NO_CACHE=1 turns it off.
"""

from __future__ import annotations

import marshal
import re
from binascii import crc32
from collections.abc import Callable
from pathlib import Path
from typing import Any

from lintnews import regex_internals
from lintnews.cache.keys import code_tag

# What the entries depend on: the interpreter build (its instruction lists and marshal's
# format), and lintnews' code for the derived values (lintnews.cache.keys).
_BUILD = f"{regex_internals.BUILD}-lintnews-{code_tag()}"
STORE_NAME = f"regex-{crc32(regex_internals.BUILD.encode()):08x}.marshal"
# What earlier versions stored, no longer read: removed when a store is saved.
_RETIRED_STORE_NAMES = ("regex.marshal", "derived.marshal")
MAX_ENTRIES = 4000  # a store that outgrows this (packs edited many times) starts afresh

PatternKey = tuple[str, int]
DerivedKey = tuple[str, str, int]


class RegexStore:
    """Compiled patterns of earlier runs, the ones this run adds, and derived data."""

    def __init__(self, file: Path | None = None, *, default_location: bool = False) -> None:
        self.file = file
        self._default_location = default_location  # resolved on first use, from the env
        self._patterns: dict[PatternKey, regex_internals.Code] = {}
        self._derived: dict[DerivedKey, Any] = {}
        self._loaded = False
        self._use_codes = regex_internals.AVAILABLE
        self._compiled: dict[PatternKey, re.Pattern[str]] = {}
        self._added = 0

    def _load(self) -> None:
        self._loaded = True
        if self._default_location:
            from lintnews.cache.directory import cache_dir

            folder = cache_dir()
            self.file = folder / STORE_NAME if folder is not None else None
        if self.file is None:
            return
        try:
            data = marshal.loads(self.file.read_bytes())
            if isinstance(data, dict) and data.get("build") == _BUILD:
                self._patterns = dict(data["patterns"])
                self._derived = dict(data["derived"])
        except (OSError, ValueError, EOFError, KeyError, TypeError):
            pass  # no store yet, or a damaged one: start afresh

    def compile(self, pattern: str, flags: int = 0) -> re.Pattern[str]:
        """re.compile(pattern, flags), once per process, from the store when it can."""
        key = (pattern, int(flags))
        known = self._compiled.get(key)
        if known is None:
            known = self._compiled[key] = self._compile(key)
        return known

    def has(self, pattern: str, flags: int = 0) -> bool:
        """Is the pattern compiled in this process or stored, so that it costs little?"""
        key = (pattern, int(flags))
        if key in self._compiled:
            return True
        if not self._loaded:
            self._load()
        return self._use_codes and self.file is not None and key in self._patterns

    def compiled_keys(self) -> list[PatternKey]:
        return list(self._compiled)

    def _compile(self, key: PatternKey) -> re.Pattern[str]:
        if not self._loaded:
            self._load()
        pattern, flags = key
        if self.file is None or not self._use_codes:
            return re.compile(pattern, flags)
        stored = self._patterns.get(key)
        if stored is not None:
            try:
                return regex_internals.from_code(pattern, stored)
            except regex_internals.Unsupported:  # damaged entry: compile it anew
                del self._patterns[key]
        try:
            compiled, stored = regex_internals.compile_to_code(pattern, flags)
        except regex_internals.Unsupported:  # this interpreter's internals differ: re.compile only
            self._use_codes = False
            return re.compile(pattern, flags)
        if len(self._patterns) >= MAX_ENTRIES:
            self._patterns.clear()  # mostly patterns of packs since edited; today's return
        self._patterns[key] = stored
        self._added += 1
        return compiled

    def derived(self, kind: str, pattern: str, flags: int, compute: Callable[[], Any]) -> Any:
        """compute(): something worked out from a pattern alone (its trigger keys, say),
        remembered between runs. It must be a value marshal can store."""
        if not self._loaded:
            self._load()
        key = (kind, pattern, int(flags))
        if key not in self._derived:
            if len(self._derived) >= MAX_ENTRIES:
                self._derived.clear()
            self._derived[key] = compute()
            self._added += 1
        return self._derived[key]

    def save(self) -> None:
        """Write the store back if this run added anything (atomically)."""
        if self.file is None or not self._added:
            return
        from lintnews.cache.directory import save_marshal

        patterns = self._patterns if self._use_codes else {}
        if save_marshal(self.file, {"build": _BUILD, "patterns": patterns,
                                    "derived": self._derived}):
            self._added = 0
            for retired in _RETIRED_STORE_NAMES:
                self.file.with_name(retired).unlink(missing_ok=True)


# One store per process, like the `re` module's own cache of compiled patterns: module-level
# patterns are compiled through it at import time, before any settings exist.
_STORE = RegexStore(default_location=True)


def regex(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """re.compile(pattern, flags), from the store when an earlier run compiled it."""
    return _STORE.compile(pattern, flags)


def compiled_in_this_process() -> list[tuple[str, int]]:
    """The (pattern, flags) this process has compiled, sorted (for tests and diagnostics)."""
    return sorted(_STORE.compiled_keys())


def derived(kind: str, pattern: str, flags: int, compute: Callable[[], Any]) -> Any:
    """RegexStore.derived on the process's store."""
    return _STORE.derived(kind, pattern, flags, compute)


def save() -> None:
    """Remember what this run compiled and worked out (called once, at the end of a run)."""
    _STORE.save()
