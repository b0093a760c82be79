"""Regular expressions for a run, and what lintnews works out from them, kept between runs.

`regex()` is `re.compile`, remembered for the rest of the process. Python compiles a pattern
in Python code and a compiled pattern cannot be saved with any public interface, so lintnews
keeps start-up short by compiling less in each run instead: a rule's phrases are compiled only
when a document has the words that start them (lintnews.engine.matcher), and patterns that
only some documents need are compiled on first use (lintnews.engine.lazy.LazyRegex).

What is worked out from a pattern's text alone (a part's trigger keys, a word list written as
a trie) is plain data: `derived()` remembers it on disk, with marshal, next to the rule cache
(see lintnews.engine.cache), keyed by the Python version, lintnews' version and its planning
code. A stale or missing store only costs time; LINTNEWS_NO_CACHE=1 turns it off.
"""

from __future__ import annotations

import marshal
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from lintnews import __version__
from lintnews.engine.cache import code_tag

STORE_NAME = "derived.marshal"
# What lintnews 0.1.x stored there: CPython's compiled instructions, no longer read.
_RETIRED_STORE_NAME = "regex.marshal"
# What the entries depend on: marshal's format (the Python version) and lintnews' version
# and planning code (lintnews.engine.cache.code_tag).
_BUILD = f"py{sys.version_info[0]}{sys.version_info[1]}-lintnews-{__version__}-{code_tag()}"
MAX_ENTRIES = 4000  # a store that outgrows this (packs edited many times) starts afresh

DerivedKey = tuple[str, str, int]


class RegexStore:
    """The patterns this process has compiled, and the derived data of earlier runs."""

    def __init__(self, file: Path | None = None, *, default_location: bool = False) -> None:
        self.file = file
        self._default_location = default_location  # resolved on first use, from the env
        self._derived: dict[DerivedKey, Any] | None = None
        self._compiled: dict[tuple[str, int], re.Pattern[str]] = {}
        self._added = 0

    def compile(self, pattern: str, flags: int = 0) -> re.Pattern[str]:
        """re.compile(pattern, flags), once per process."""
        key = (pattern, int(flags))
        known = self._compiled.get(key)
        if known is None:
            known = self._compiled[key] = re.compile(pattern, flags)
        return known

    def _load(self) -> dict[DerivedKey, Any]:
        derived: dict[DerivedKey, Any] = {}
        if self._default_location:
            from lintnews.cache_dir import cache_dir

            folder = cache_dir()
            self.file = folder / STORE_NAME if folder is not None else None
        if self.file is not None:
            try:
                data = marshal.loads(self.file.read_bytes())
                if isinstance(data, dict) and data.get("build") == _BUILD:
                    derived = dict(data["derived"])
            except (OSError, ValueError, EOFError, KeyError, TypeError):
                derived = {}
        self._derived = derived
        return derived

    def derived(self, kind: str, pattern: str, flags: int, compute: Callable[[], Any]) -> Any:
        """compute(): something worked out from a pattern alone (its trigger keys, say),
        remembered between runs. It must be a value marshal can store."""
        derived = self._derived if self._derived is not None else self._load()
        key = (kind, pattern, int(flags))
        if key not in derived:
            if len(derived) >= MAX_ENTRIES:
                derived.clear()  # mostly entries of packs since edited; today's come back
            derived[key] = compute()
            self._added += 1
        return derived[key]

    def save(self) -> None:
        """Write the store back if this run worked out anything new (atomically)."""
        if self.file is None or not self._added or self._derived is None:
            return
        from lintnews.cache_dir import save_marshal

        if save_marshal(self.file, {"build": _BUILD, "derived": self._derived}):
            self._added = 0
            self.file.with_name(_RETIRED_STORE_NAME).unlink(missing_ok=True)


# One store per process, like the `re` module's own cache of compiled patterns: module-level
# patterns are compiled through it at import time, before any settings exist.
_STORE = RegexStore(default_location=True)


def regex(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """re.compile(pattern, flags), compiled once per process."""
    return _STORE.compile(pattern, flags)


def derived(kind: str, pattern: str, flags: int, compute: Callable[[], Any]) -> Any:
    """RegexStore.derived on the process's store."""
    return _STORE.derived(kind, pattern, flags, compute)


def save() -> None:
    """Remember what this run worked out (called once, at the end of a run)."""
    _STORE.save()
