"""A regular expression compiled only when it is first used."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cached_property

from lintnews.cache.patterns import regex


class LazyRegex:
    """Most of a run's rules never match a short article; their patterns need not be built,
    and a long word list's pattern text need not even be written out."""

    def __init__(self, source: str | Callable[[], str], flags: int = 0) -> None:
        self._source = source
        self.flags = flags

    @cached_property
    def source(self) -> str:
        return self._source if isinstance(self._source, str) else self._source()

    @cached_property
    def compiled(self) -> re.Pattern[str]:
        return regex(self.source, self.flags)
