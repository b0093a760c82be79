"""--fix on long files: linear work, and the same result as fixing each part on its own.

Not a timed test (timings on a shared CI machine are noise): the work of the fix passes is
counted as the Python lines they execute, which grows with the square of the file for an
algorithm that maps every finding through every edit.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from types import FrameType
from typing import Any

import pytest

import lintnews.workflow.apply_fixes
import lintnews.workflow.fix_passes
from lintnews.core import Linter
from lintnews.files.source import SourceFile
from lintnews.workflow.fix_passes import Relint, fix_source

SEED = (Path(__file__).parent / "data" / "seed-article.txt").read_text(encoding="utf-8")
ARTICLE = SEED.rstrip("\n") + "\n\n"
FIX_MODULES = {lintnews.workflow.apply_fixes.__file__, lintnews.workflow.fix_passes.__file__}


@pytest.fixture(scope="module")
def relint() -> Relint:
    return Linter().relint


def lines_executed_in_fix_modules(work: Callable[[], Any]) -> int:
    """How many lines of lintnews/workflow/apply_fixes.py and lintnews/workflow/fix_passes.py
    `work` executes."""
    count = 0

    def local(frame: FrameType, event: str, arg: object) -> Callable[..., Any] | None:
        nonlocal count
        if event == "line":
            count += 1
        return local

    def scope(frame: FrameType, event: str, arg: object) -> Callable[..., Any] | None:
        return local if frame.f_code.co_filename in FIX_MODULES else None

    previous = sys.gettrace()
    sys.settrace(scope)
    try:
        work()
    finally:
        sys.settrace(previous)
    return count


def fix_copies(copies: int, relint: Relint) -> tuple[str, int]:
    source = SourceFile("long.txt", ARTICLE * copies)
    after, applied, _left = fix_source(source, relint(source, source.text), relint)
    return after, applied


def test_fixing_many_copies_gives_many_copies_of_the_fixed_article(relint: Relint) -> None:
    once, applied_once = fix_copies(1, relint)
    assert applied_once > 0 and once != ARTICLE
    many, applied = fix_copies(40, relint)
    assert many == once * 40
    assert applied == applied_once * 40


def test_fix_work_grows_linearly_with_the_file(relint: Relint) -> None:
    small = lines_executed_in_fix_modules(lambda: fix_copies(10, relint))
    large = lines_executed_in_fix_modules(lambda: fix_copies(40, relint))
    # Four times the text: about four times the work (quadratic work would be ~16 times).
    assert large / small < 5.5, (small, large)
