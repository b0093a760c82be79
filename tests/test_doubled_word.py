"""LN502 doubled-word: a word doubled across a line break, but not across a paragraph or a
Markdown block; and --fix removes every doubled word of a run in one go."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import invoke

from lintnews.config import Settings
from lintnews.engine.runner import lint_source
from lintnews.files.source import SourceFile
from lintnews.ruleset import load_rules

pytestmark = pytest.mark.usefixtures("rules_loaded_once")
DOUBLED = [r for r in load_rules() if r.meta.code == "LN502"]


def doubled(text: str, name: str) -> list[str]:
    """The doubled words LN502 reports in `text`, as the text of each finding's span."""
    findings = lint_source(SourceFile(name, text), DOUBLED, Settings()).findings
    return [text[f.offset:f.end_offset] for f in findings]


@pytest.mark.parametrize("name", ["a.md", "a.txt"])
@pytest.mark.parametrize("eol", ["\n", "\r\n", "\r"])
def test_a_word_doubled_across_a_line_break_is_found(name: str, eol: str) -> None:
    text = f"Budget{eol}{eol}The council voted to cut the{eol}the budget on Monday.{eol}"
    assert doubled(text, name) == [f"{eol}the "]


@pytest.mark.parametrize(("text", "found"), [
    ("Budget\n\n> The council voted to cut the\n> the budget on Monday.\n", "the "),
    ("Budget\n\n> > The council voted to cut the\n> > the budget.\n", "the "),
    ("Budget\n\n- The council voted to cut the\n  the budget on Monday.\n", "\n  the "),
])
def test_a_word_doubled_across_a_line_of_a_quote_or_list_item(text: str, found: str) -> None:
    assert doubled(text, "a.md") == [found]


@pytest.mark.parametrize("name", ["a.md", "a.txt"])
def test_a_line_break_and_indentation_between_the_words(name: str) -> None:
    text = "Budget\n\nThe council voted to cut the  \n   the budget on Monday.\n"
    assert doubled(text, name) == ["  \n   the "]


@pytest.mark.parametrize(("text", "name"), [
    ("Budget\n\nThe council voted to cut the\n\nthe budget.\n", "a.md"),
    ("Budget\n\nThe council voted to cut the\n\nthe budget.\n", "a.txt"),
    ("Budget\n\nThe council voted to cut the\n \t\nthe budget.\n", "a.md"),
    ("Budget\n\n# Spending on the\nthe budget was cut.\n", "a.md"),
    ("Budget\n\n- spending on the\n- the budget\n", "a.md"),
    ("Budget\n\nThe vote on the\n\n- the budget\n", "a.md"),
    ("Budget\n\n> The vote on the\n>\n> the budget\n", "a.md"),
])
def test_no_doubled_word_across_a_paragraph_break_or_block_boundary(text: str,
                                                                     name: str) -> None:
    assert doubled(text, name) == []


def test_grammatical_doubles_and_names_across_a_line_break_are_not_reported() -> None:
    text = "Budget\n\nWhat he had\nhad to do was clear. The band Duran\nDuran played.\n"
    assert doubled(text, "a.md") == []


def test_fix_removes_every_doubled_word_across_line_breaks(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text("Budget\n\nThe the\nthe end.\n", encoding="utf-8")
    result = invoke("check", "--fix", "--format", "json", str(path))
    assert result.exit_code == 0, result.output
    assert path.read_text(encoding="utf-8") == "Budget\n\nThe\nend.\n"
    assert json.loads(result.stdout)["findings"] == []


@pytest.mark.parametrize(("body", "fixed"), [
    # The line break stays where it was: a hard-wrapped paragraph keeps its shape.
    ("The council voted to cut the\nthe budget on Monday.",
     "The council voted to cut the\nbudget on Monday."),
    ("The council voted to cut the budget on the\r\nthe Monday.",
     "The council voted to cut the budget on the\r\nMonday."),
    # Nothing after the second word on its line but punctuation: the lines join.
    ("The council voted to cut spending on the\nthe.", "The council voted to cut spending on the."),
    # In a block quote the marker stays.
    ("> The council voted to cut the\n> the budget on Monday.",
     "> The council voted to cut the\n> budget on Monday."),
    # Markup after the second word: the lines join, and the emphasis stays.
    ("The council voted to cut the\nthe *budget* today.",
     "The council voted to cut the *budget* today."),
])
def test_fix_across_a_line_break(tmp_path: Path, body: str, fixed: str) -> None:
    path = tmp_path / "a.md"
    path.write_bytes(f"Budget\n\n{body}\n".encode())
    result = invoke("check", "--fix", "--select", "LN502", str(path))
    assert result.exit_code == 0, result.output
    assert path.read_bytes().decode() == f"Budget\n\n{fixed}\n"
