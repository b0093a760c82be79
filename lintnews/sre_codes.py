"""The one place lintnews uses CPython's regular-expression internals.

`re.compile` parses a pattern and writes the matcher's instruction list in Python code, then
hands that list to the C matcher (`_sre.compile`). lintnews starts a process for every
pre-commit run and needs a few hundred patterns, so the Python half is most of a one-article
run (measured: 196 ms without a store, 134 ms with it). No public interface can save a
compiled pattern, so `lintnews.regex_store` keeps the instruction lists that `compile_to_code`
returns and `from_code` turns them back into patterns on later runs.

These are private interfaces of CPython 3.11 and later. Their format is named by `BUILD`
(the interpreter's version and the matcher's format number), which keys every stored list,
and `tests/test_sre_codes.py` fails when the interpreter no longer behaves as this module
expects. Anything unexpected makes `AVAILABLE` false or raises `Unsupported`, and the store
falls back to `re.compile`: a changed interpreter costs time, never a wrong match.
"""

from __future__ import annotations

import re
import sys
from array import array
from typing import Any

try:  # the two halves of re.compile (CPython 3.11+)
    import _sre
    from re import _compiler, _parser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - other interpreters, and 3.10's sre_compile
    _sre = None

AVAILABLE = (_sre is not None and sys.implementation.name == "cpython"
             and sys.version_info >= (3, 11) and hasattr(_compiler, "_code"))
_CODE_TYPE = next((t for t in "IL" if array(t).itemsize == getattr(_sre, "CODESIZE", 4)), "L")
# The instruction lists' format: the exact interpreter build and the matcher's numbers.
BUILD = (f"{sys.implementation.cache_tag}-{sys.version}-{getattr(_sre, 'MAGIC', 0)}-"
         f"{getattr(_sre, 'CODESIZE', 0)}-{_CODE_TYPE}")

# flags, the instruction list as bytes, the number of groups, group names, group index
Code = tuple[int, bytes, int, dict[str, int], tuple[Any, ...]]


class Unsupported(Exception):
    """The interpreter's internals are not what this module was written for."""


def compile_to_code(pattern: str, flags: int) -> tuple[re.Pattern[str], Code]:
    """re.compile(pattern, flags) and the instruction list it was made from.
    Raises re.error for a bad pattern, Unsupported if the internals have changed."""
    if not AVAILABLE:
        raise Unsupported("no CPython 3.11+ regular-expression internals")
    try:
        parsed = _parser.parse(pattern, flags)
        code = _compiler._code(parsed, flags)
        groupindex = dict(parsed.state.groupdict)
        indexgroup: list[str | None] = [None] * parsed.state.groups
        for name, index in groupindex.items():
            indexgroup[index] = name
        stored: Code = (flags | parsed.state.flags, array(_CODE_TYPE, code).tobytes(),
                        parsed.state.groups - 1, groupindex, tuple(indexgroup))
        return from_code(pattern, stored), stored
    except re.error:
        raise
    except Exception as error:  # an attribute, signature or value this build lacks
        raise Unsupported(str(error)) from error


def from_code(pattern: str, stored: Code) -> re.Pattern[str]:
    """The pattern compile_to_code returned, from its stored instruction list."""
    flags, code, groups, groupindex, indexgroup = stored
    try:
        return _sre.compile(pattern, flags, array(_CODE_TYPE, code).tolist(), groups,
                            groupindex, indexgroup)
    except Exception as error:  # a list from another build, or a damaged file
        raise Unsupported(str(error)) from error
