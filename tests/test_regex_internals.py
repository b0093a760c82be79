"""lintnews.regex_internals is the one module that uses Python's regular-expression internals
(the parse tree, the extra case folds, and compiled patterns kept between runs). These tests
fail when a new interpreter changes them, so a Python upgrade cannot silently make lintnews
slower, or make a stored pattern match differently from `re.compile`."""

from __future__ import annotations

import marshal
import re
import sys
from pathlib import Path

import pytest

from lintnews import regex_internals
from lintnews.api import lint_text
from lintnews.cache import patterns as regex_store

DATA = Path(__file__).parent / "data"
CPYTHON_311_PLUS = sys.implementation.name == "cpython" and sys.version_info >= (3, 11)


@pytest.mark.skipif(not CPYTHON_311_PLUS, reason="the store is used on CPython 3.11+ only")
def test_the_internals_are_there_on_cpython_3_11_and_later() -> None:
    """If this fails, CPython has moved `re`'s internals: update lintnews.regex_internals (or drop
    the store) for this version. lintnews still works without it, only slower."""
    assert regex_internals.AVAILABLE
    compiled, _ = regex_internals.compile_to_code(r"\bsure\b", re.IGNORECASE)
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
        _, code = regex_internals.compile_to_code(pattern, flags)
        restored = regex_internals.from_code(pattern, marshal.loads(marshal.dumps(code)))
        assert (restored.pattern, restored.flags, restored.groups, restored.groupindex) == \
            (reference.pattern, reference.flags, reference.groups, reference.groupindex)
        assert [(m.span(), m.groups()) for m in restored.finditer(text)] == \
            [(m.span(), m.groups()) for m in reference.finditer(text)], pattern


def test_a_damaged_instruction_list_is_refused_not_run() -> None:
    if not regex_internals.AVAILABLE:
        with pytest.raises(regex_internals.Unsupported):
            regex_internals.compile_to_code("x", 0)
        return
    _, (flags, code, groups, groupindex, indexgroup) = regex_internals.compile_to_code(r"a+b", 0)
    damaged = (flags, code[: len(code) // 2], groups, groupindex, indexgroup)
    with pytest.raises(regex_internals.Unsupported):
        regex_internals.from_code("a+b", damaged)


def test_a_bad_pattern_is_still_re_error() -> None:
    if regex_internals.AVAILABLE:
        with pytest.raises(re.error):
            regex_internals.compile_to_code("(unclosed", 0)


# Opcode names lintnews' pattern analyses (pattern_openings, safety) read from the parse tree.
USED_OPCODES = ("ANY", "ASSERT", "ASSERT_NOT", "AT", "AT_BEGINNING", "AT_BEGINNING_STRING",
                "AT_BOUNDARY", "AT_NON_BOUNDARY", "BRANCH", "CATEGORY", "CATEGORY_LINEBREAK",
                "CATEGORY_NOT_WORD", "CATEGORY_SPACE", "CATEGORY_WORD", "GROUPREF_EXISTS", "IN",
                "LITERAL", "MAXREPEAT", "MAX_REPEAT", "MIN_REPEAT", "NEGATE", "NOT_LITERAL",
                "RANGE", "SUBPATTERN")


def test_the_parse_tree_is_what_the_pattern_analyses_read() -> None:
    """If this fails, `re`'s parser changed shape: lintnews.engine.pattern_openings and
    lintnews.engine.safety must be updated with lintnews.regex_internals."""
    c = regex_internals.constants
    assert all(hasattr(c, name) for name in USED_OPCODES)
    tree = list(regex_internals.parse(r"\bsure(?:ly)? to", re.IGNORECASE))
    assert tree[0] == (c.AT, c.AT_BOUNDARY)
    assert [op for op, _ in tree[1:5]] == [c.LITERAL] * 4
    assert tree[5][0] is c.MAX_REPEAT and tree[5][1][:2] == (0, 1)
    with pytest.raises(re.error):
        regex_internals.parse("(unclosed")


def test_extra_case_folds_are_the_ones_re_matches() -> None:
    groups = regex_internals.extra_case_folds()
    assert (0x73, 0x17F) in groups or any({0x73, 0x17F} <= set(g) for g in groups)
    for group in groups:
        for a in group:
            for b in group:
                assert re.fullmatch(re.escape(chr(a)), chr(b), re.IGNORECASE), (a, b)
