"""The plain-text reader: which first line is a headline.

A text file (or standard input that is not Markdown) starts with a headline only when its
first line is shaped like one: short, no sentence-final punctuation, and more text after it.
A single paragraph, or a file that opens with a sentence, is body copy and linted as such
(lead length, attribution, loaded language), as the same words would be under a headline.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import run_lintnews

from lintnews.config import Settings
from lintnews.engine.runner import lint_source, select_rules
from lintnews.files.source import SourceFile
from lintnews.markup.plaintext import read_plaintext
from lintnews.ruleset import load_rules

SETTINGS = Settings()
RULES = select_rules(load_rules(), SETTINGS, None, ())
NEWS = Path(__file__).parent.parent / "benchmarks" / "corpus" / "news" / "articles"

# 58 words, one sentence: a lead far over 40 words (LN402) with a weasel attribution (LN301).
LONG_SENTENCE = (
    "The government announced on Monday that it would spend an unprecedented amount of money "
    "on the new railway line between the two largest cities in the country, a project that "
    "officials say will create thousands of jobs and that critics argue will cost far more "
    "than the ministry has admitted in its budget documents so far this year.")


def kinds(text: str) -> list[tuple[str, str]]:
    return [(b.kind, text[b.start:b.end]) for b in read_plaintext(text).blocks]


def codes(text: str, name: str = "article.txt") -> list[tuple[str, int, int]]:
    result = lint_source(SourceFile(path=name, text=text), RULES, SETTINGS)
    assert not result.rule_errors, result.rule_errors
    return [(f.code, f.line, f.column) for f in result.findings]


# -- the reader ------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    LONG_SENTENCE,
    LONG_SENTENCE + "\n",
    "Council backs the budget\n",  # a headline's shape, but nothing follows it
    # one hard-wrapped paragraph
    "The council met on Tuesday and voted\nto raise the budget by a tenth after a\n"
    "long debate about the new library.\n",
])
def test_a_single_paragraph_is_body_text(text: str) -> None:
    assert [kind for kind, _ in kinds(text)] == ["paragraph"]


@pytest.mark.parametrize("headline", [
    "Council backs the budget",
    "Minister says 'no deal' on tariffs",
    "Bridge toll rises again (updated)",
    "Neanderthals 'knew what they were doing': Archæologist Dr Naomi Martisius discusses her "
    "findings about Neanderthals' behaviour with Wikinews",
])
@pytest.mark.parametrize("eol", ["\n", "\r\n", "\r"])
def test_a_short_first_line_without_a_full_stop_is_the_headline(headline: str, eol: str) -> None:
    text = f"{headline}{eol}{eol}The council met on Tuesday.{eol}"
    assert kinds(text) == [("headline", headline), ("paragraph", "The council met on Tuesday.")]


def test_a_headline_line_directly_above_its_text_is_the_headline() -> None:
    text = "Council backs the budget\n" + LONG_SENTENCE + "\n"
    assert [kind for kind, _ in kinds(text)] == ["headline", "paragraph"]


@pytest.mark.parametrize("first", [
    "The council met on Tuesday.",
    "Is the council ready?",
    "The council has voted!",
    "The council has, he said, “voted.”",
    "The council met on Tuesday…",
    "The vote (the third this year.)",
    LONG_SENTENCE.rstrip("."),  # no full stop, but far too long for a headline
])
def test_a_first_line_shaped_like_a_sentence_is_body_text(first: str) -> None:
    text = f"{first}\n\nThe mayor spoke next.\n"
    assert kinds(text)[0] == ("paragraph", first)


# -- what a user sees ------------------------------------------------------------------------

@pytest.mark.parametrize("text, code", [
    (LONG_SENTENCE, "LN402"),  # lead length
    ("This declaration will be a bitter disappointment to Kyiv.", "LN303"),
    ("Unemployment among young people rose 40 percent last year.", "LN304"),
])
def test_a_lone_sentence_is_linted_as_the_lead(text: str, code: str) -> None:
    assert (code, 1, 1) in [(c, line, 1) for c, line, _col in codes(text + "\n")
                            if c == code]
    # the same sentence under a headline gets the same finding, two lines down
    assert code in [c for c, line, _col in codes(f"Headline\n\n{text}\n") if line == 3]


def test_lone_sentence_on_standard_input_gets_the_lead_length_finding(tmp_path: Path) -> None:
    proc = run_lintnews("check", "--format", "json", "-", cwd=tmp_path, stdin=LONG_SENTENCE + "\n")
    assert proc.returncode == 1, proc.stderr
    found = {(f["code"], f["line"], f["column"], f["end_column"])
             for f in json.loads(proc.stdout)["findings"]}
    assert ("LN402", 1, 1, len(LONG_SENTENCE) + 1) in found
    critics = LONG_SENTENCE.index("critics argue") + 1
    assert ("LN301", 1, critics, critics + len("critics argue")) in found


def test_one_paragraph_file_is_linted_like_the_same_paragraph_under_a_headline(
        tmp_path: Path) -> None:
    (tmp_path / "alone.txt").write_text(LONG_SENTENCE + "\n", encoding="utf-8")
    (tmp_path / "headed.txt").write_text(f"Rail plan\n\n{LONG_SENTENCE}\n", encoding="utf-8")
    proc = run_lintnews("check", "--format", "json", "alone.txt", "headed.txt", cwd=tmp_path)
    findings = json.loads(proc.stdout)["findings"]
    alone = [(f["code"], f["line"], f["column"]) for f in findings if f["path"] == "alone.txt"]
    headed = [(f["code"], f["line"] - 2, f["column"]) for f in findings
              if f["path"] == "headed.txt"]
    assert alone == headed
    assert ("LN402", 1, 1) in alone


def test_every_corpus_article_keeps_its_headline() -> None:
    """The Wikinews articles open with their headline line: it must stay a headline."""
    files = sorted(NEWS.glob("*.txt"))
    assert len(files) == 291
    for path in files:
        text = path.read_text(encoding="utf-8-sig")
        first_line = text.split("\n", 1)[0].strip()
        assert kinds(text)[0] == ("headline", first_line), path.name
