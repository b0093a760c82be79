"""lintnews.sre_codes is the one module that uses CPython's regular-expression internals (to keep
compiled patterns between runs). These tests fail when a new interpreter changes them, so a
Python upgrade cannot silently make lintnews slower, or make a stored pattern match differently
from `re.compile`."""

from __future__ import annotations

import marshal
import re
import sys
from pathlib import Path

import pytest

from lintnews import regex_store, sre_codes
from lintnews.api import lint_text

DATA = Path(__file__).parent / "data"
CPYTHON_311_PLUS = sys.implementation.name == "cpython" and sys.version_info >= (3, 11)


@pytest.mark.skipif(not CPYTHON_311_PLUS, reason="the store is used on CPython 3.11+ only")
def test_the_internals_are_there_on_cpython_3_11_and_later() -> None:
    """If this fails, CPython has moved `re`'s internals: update lintnews.sre_codes (or drop
    the store) for this version. lintnews still works without it, only slower."""
    assert sre_codes.AVAILABLE
    compiled, _ = sre_codes.compile_to_code(r"\bsure\b", re.IGNORECASE)
    assert compiled.search("It is SURE.") is not None


def _patterns_of_a_run() -> list[tuple[str, int]]:
    """Every pattern lintnews compiles to lint the seed article and two Wikinews articles."""
    texts = [(DATA / "seed-article.txt").read_text(encoding="utf-8")]
    texts += [p.read_text(encoding="utf-8") for p in sorted((DATA / "news").glob("*"))[:2]]
    for text in texts:
        lint_text(text, "article.txt")
    return regex_store.compiled_in_this_process()


@pytest.mark.skipif(not CPYTHON_311_PLUS, reason="the store is used on CPython 3.11+ only")
def test_every_pattern_of_a_run_round_trips_through_the_store_unchanged() -> None:
    text = (DATA / "seed-article.txt").read_text(encoding="utf-8")
    patterns = _patterns_of_a_run()
    assert len(patterns) > 100
    for pattern, flags in patterns:
        reference = re.compile(pattern, flags)
        _, code = sre_codes.compile_to_code(pattern, flags)
        restored = sre_codes.from_code(pattern, marshal.loads(marshal.dumps(code)))
        assert (restored.pattern, restored.flags, restored.groups, restored.groupindex) == \
            (reference.pattern, reference.flags, reference.groups, reference.groupindex)
        assert [(m.span(), m.groups()) for m in restored.finditer(text)] == \
            [(m.span(), m.groups()) for m in reference.finditer(text)], pattern


def test_a_damaged_instruction_list_is_refused_not_run() -> None:
    if not sre_codes.AVAILABLE:
        with pytest.raises(sre_codes.Unsupported):
            sre_codes.compile_to_code("x", 0)
        return
    _, (flags, code, groups, groupindex, indexgroup) = sre_codes.compile_to_code(r"a+b", 0)
    damaged = (flags, code[: len(code) // 2], groups, groupindex, indexgroup)
    with pytest.raises(sre_codes.Unsupported):
        sre_codes.from_code("a+b", damaged)


def test_a_bad_pattern_is_still_re_error() -> None:
    if sre_codes.AVAILABLE:
        with pytest.raises(re.error):
            sre_codes.compile_to_code("(unclosed", 0)
