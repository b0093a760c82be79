"""The one place lintnews uses Python's regular-expression internals.

Three needs, none of which `re` offers publicly:
- `parse`, with the opcode names in `constants`: the tree of `re`'s own parser, walked for the
  words a match can open with (lintnews.engine.pattern_openings) and for the cost of a house
  pack's pattern (lintnews.engine.safety), so that both read a pattern exactly as `re` does;
- `extra_case_folds`: the letters `re`'s case-insensitive matching pairs beyond str.lower();
- `compile_to_code` and `from_code`: compiled patterns kept between runs (below).

`re.compile` parses a pattern and writes the matcher's instruction list in Python code, then
hands that list to the C matcher (`_sre.compile`). lintnews starts a process for every
pre-commit run and needs a few hundred patterns, so the Python half is most of a one-article
run (measured: 196 ms without a store, 134 ms with it). No public interface can save a
compiled pattern, so `lintnews.cache.patterns` keeps the instruction lists that `compile_to_code`
returns and `from_code` turns them back into patterns on later runs.

These are private interfaces of CPython (3.11 and later for the compiled patterns). The
instruction lists' format is named by `BUILD` (the interpreter's version and the matcher's
format number), which keys every stored list, and `tests/test_regex_internals.py` fails when
the interpreter no longer behaves as this module expects. Anything unexpected makes
`AVAILABLE` false or raises `Unsupported`, and the store falls back to `re.compile`: a changed
interpreter costs time, never a wrong match.
"""

from __future__ import annotations

import re
import sys
from array import array
from typing import Any

try:  # Python 3.11+
    from re import _constants as constants  # type: ignore[attr-defined]
    from re import _parser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as constants  # type: ignore[no-redef]
    import sre_parse as _parser  # type: ignore[no-redef]

try:  # the two halves of re.compile (CPython 3.11+)
    import _sre
    from re import _compiler  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - other interpreters, and 3.10's sre_compile
    _sre = None

__all__ = ["AVAILABLE", "BUILD", "Code", "Unsupported", "compile_to_code", "constants",
           "extra_case_folds", "from_code", "parse"]


def parse(pattern: str, flags: int = 0) -> Any:
    """`re`'s parse tree of the pattern (a SubPattern: a list of (opcode, argument)).
    Raises re.error for a bad pattern, as re.compile would."""
    return _parser.parse(pattern, flags)


def extra_case_folds() -> list[tuple[int, ...]]:
    """Groups of code points that `re`'s case-insensitive matching treats as one letter
    beyond str.lower() ("ſ" matches "s", "ς" matches "σ")."""
    try:
        from re import _casefix  # type: ignore[attr-defined]
        return [(k, *v) for k, v in _casefix._EXTRA_CASES.items()]
    except (ImportError, AttributeError):  # pragma: no cover - Python 3.10
        return [(0x73, 0x17F), (0x3C3, 0x3C2), (0x69, 0x131)]

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
