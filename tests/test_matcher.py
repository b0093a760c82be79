"""The fast matcher finds exactly what the rules' regular expressions find."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from lintnews.config import Settings
from lintnews.engine.matcher import STRICT_LEFT, STRICT_RIGHT, LiteralPart, Matcher, RegexPart
from lintnews.engine.prefilter import trigger_keys
from lintnews.engine.runner import lint_source
from lintnews.files.source import SourceFile, read_source
from lintnews.ruleset import load_rules
from lintnews.text.lazy import LazyRegex

NEWS = sorted((Path(__file__).parent / "data" / "news").glob("*.txt"))
SEED = Path(__file__).parent / "data" / "seed-article.txt"


def _findings(rules, paths):
    out = []
    for path in paths:
        out.extend(lint_source(read_source(path), rules, Settings()).findings)
    return out


def test_index_and_plain_scan_give_the_same_findings_on_real_news() -> None:
    rules = load_rules()  # every rule, including those off by default
    indexed = _findings(rules, [*NEWS, SEED])
    for rule in rules:
        if hasattr(rule, "use_index"):
            rule.use_index = False
    plain = _findings(rules, [*NEWS, SEED])
    assert len(NEWS) >= 50
    assert indexed == plain
    assert len(indexed) > 100  # the comparison covers real findings


def _doc_index(text: str) -> dict[str, list[int]]:
    from lintnews.document.build import build_document

    return build_document("x.txt", text).prefix_starts


@pytest.mark.parametrize("text", [
    "It was at the end of the day, at the end.",
    "A far cry; a fate worse than death; afar.",
    "The étude was at the end-of-season show at the end_of it.",
])
def test_literal_parts_agree_with_their_trie_regex(text: str) -> None:
    from lintnews.text.trie import trie_regex

    literals = ["at the end", "at the end of the day", "a far cry", "a fate worse than death"]
    for left, right in ((r"\b", r"\b"), (STRICT_LEFT, STRICT_RIGHT)):
        regex = re.compile(left + "(?:" + trie_regex(literals, fold_case=True) + ")" + right, re.I)
        part = LiteralPart(literals, left, right, fold_case=True)
        matcher = Matcher([part])
        found = list(matcher.finditer(text, _doc_index(text), lambda: text.lower()))
        assert found == [m.span() for m in regex.finditer(text)]


def test_parts_are_tried_in_alternation_order_at_each_position() -> None:
    text = "He said it was sure to fail, and sure enough it did."
    first = r"(?<![\w-])(?:sure\s+to)(?![\w])"
    second = r"(?<![\w-])(?:sure)(?![\w])"
    combined = re.compile(first + "|" + second, re.I)
    parts = [RegexPart(LazyRegex(first, re.I), lambda: trigger_keys(first, re.I)),
             RegexPart(LazyRegex(second, re.I), lambda: trigger_keys(second, re.I))]
    found = list(Matcher(parts).finditer(text, _doc_index(text), lambda: text.lower()))
    assert found == [m.span() for m in combined.finditer(text)]


def test_unanchored_patterns_are_searched() -> None:
    text = "The meeting ran from 9am to 5pm."
    pattern = r"\d{1,2} ?[ap]m"
    assert trigger_keys(pattern) is None
    part = RegexPart(LazyRegex(pattern), lambda: None)
    found = list(Matcher([part]).finditer(text, _doc_index(text), lambda: text.lower()))
    assert found == [m.span() for m in re.finditer(pattern, text)]


def test_word_lists_do_not_match_inside_accented_words() -> None:
    """proselint's strict padding treated "è" as a boundary and flagged "ne" in "Hélène"."""
    findings = lint_source(SourceFile("a.txt", "Headline\n\nThe Place Hélène Metges.\n"),
                           load_rules(), Settings()).findings
    assert not [f for f in findings if f.code.startswith("LN6")]
