"""Every shortcut taken for speed gives exactly what the plain way gives: the word index, the
shared trigger table, the literal-text filters and the trie-shaped word lists."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import lintnews.document.model as model
from lintnews.document import attribution
from lintnews.document.build import build_document
from lintnews.engine.matcher import Matcher, TriggerIndex
from lintnews.engine.phrase_rule import PhraseRule
from lintnews.engine.prefilter import required_literal
from lintnews.ruleset import load_rules
from lintnews.text.words import COMMON_WORDS

NEWS = sorted((Path(__file__).parent / "data" / "news").glob("*.txt"))
SEED = Path(__file__).parent / "data" / "seed-article.txt"
TEXTS = [p.read_text(encoding="utf-8") for p in [*NEWS, SEED]]

# Letters whose case folding in `re` differs from str.lower(): the index must step aside.
UNUSUAL = [
    "Headline\n\nThe ſo-called reform was ſlammed. It is impoſſible to underſtate it.\n",
    "Headline\n\nΟ ΥΠΟΥΡΓΟΣ said the plan was SLAMMED by critics, who argue it will fail.\n",
    "Headline\n\nİstanbul's mayor slammed the KELVIN plan on 12 pm. Critics argue it fails.\n",
]


def _reference_index(prose: str) -> dict[str, list[int]]:
    """The word index written the plain way: one word at a time."""
    index: dict[str, list[int]] = {}
    previous = None
    for m in re.finditer(r"[^\W_]+", prose):
        word, start = m.group().lower(), m.start()
        index.setdefault("w:" + word, []).append(start)
        if len(word) >= 3:
            index.setdefault("p:" + word[:3], []).append(start)
        if previous is not None:
            index.setdefault(f"b:{previous[0]} {word}", []).append(previous[1])
        previous = (word, start) if word in COMMON_WORDS else None
    return index


@pytest.mark.parametrize("chunk", [65536, 1000, 37, 5])
def test_the_word_index_is_the_plain_index_whatever_the_chunk_size(
        chunk: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(model, "_CHUNK", chunk)
    for text in [*TEXTS[:12], "".join(TEXTS[:12])]:
        doc = build_document("a.txt", text)
        assert doc.case_simple
        reference = _reference_index(doc.prose)
        built = {k: sorted(v) for k, v in doc.prefix_starts.items()}
        assert built == reference
        assert {k: sorted(v) for k, v in doc.word_starts.items()} == \
            {k: v for k, v in reference.items() if not k.startswith("p:")}


def test_unusual_case_folding_turns_the_index_off() -> None:
    for text in UNUSUAL:
        assert not build_document("a.txt", text).case_simple
    assert build_document("a.txt", "Headline\n\nCafé “quotes” — naïve.\n").case_simple


@pytest.fixture(scope="module")
def phrase_rules() -> list[PhraseRule]:
    return [r for r in load_rules() if isinstance(r, PhraseRule)]


def test_every_rule_matches_what_its_whole_pattern_matches(phrase_rules) -> None:
    """Raw matches, before any context condition: the index, the shared trigger table, the
    prefix and literal filters against one plain finditer of the rule's alternation."""
    compared = 0
    for text in [*TEXTS, *UNUSUAL]:
        doc = build_document("a.txt", text)
        for rule in phrase_rules:
            fast = list(rule.matches(doc))
            plain = [m.span() for m in rule.pattern.finditer(doc.prose)]
            assert fast == plain, (rule.meta.code, text[:60])
            compared += len(plain)
    assert compared > 150  # raw matches on 60 articles


def test_a_house_pattern_keyed_by_its_first_letters_matches_as_written() -> None:
    """No built-in rule needs the three-letter keys; a house pack's open-ended pattern does."""
    from lintnews.engine.declarative import build_rule

    rule = build_rule({"code": "HOUSE01", "name": "house", "category": "style",
                       "message": "m", "patterns": [r"\bunprece\w+", r"\bdisclos\w*"]},
                      "local:house", "house.toml: rule 1")
    assert any(k.startswith("p:") for part in rule.matcher.parts for k in part.keys or ())
    shared = TriggerIndex([rule])
    rule.trigger_index = shared
    found = 0
    for text in [*TEXTS, "Headline\n\nAn unprecedented, undisclosed sum was disclosed.\n"]:
        doc = build_document("a.txt", text)
        for _ in range(2):  # the first document skips the shared table, the second uses it
            assert list(rule.matches(doc)) == [m.span() for m in rule.pattern.finditer(doc.prose)]
        found += len(list(rule.matches(doc)))
    assert found >= 2


def test_code_rule_matchers_match_their_alternation() -> None:
    from lintnews.checks.claims import _STATISTIC

    assert isinstance(_STATISTIC, Matcher) and _STATISTIC.whole is not None
    for text in [*TEXTS, *UNUSUAL]:
        doc = build_document("a.txt", text)
        assert list(_STATISTIC.find_in(doc)) == \
            [m.span() for m in _STATISTIC.whole.compiled.finditer(doc.prose)]


@pytest.mark.parametrize(("plain", "trie"), [
    (attribution.CUE_VERB_LIST, attribution.CUE_VERBS),
    (attribution.SOURCE_NOUN_LIST, attribution.SOURCE_NOUNS),
    (attribution.VAGUE_SUBJECT_LIST, attribution.VAGUE_SUBJECTS),
])
def test_trie_shaped_word_lists_match_what_the_lists_match(plain: str, trie: str) -> None:
    for wrap in (r"(?<![\w-])(?:{})\b", r"\b(?:{})\s*$", r"(?:{})\s+\w+"):
        slow = re.compile(wrap.format(plain), re.IGNORECASE)
        fast = re.compile(wrap.format(trie), re.IGNORECASE)
        for text in TEXTS:
            for line in text.splitlines():
                assert [m.span() for m in fast.finditer(line)] == \
                    [m.span() for m in slow.finditer(line)]
    words = plain.replace("?", "").split("|")
    for word in words:  # every entry on its own, too
        assert re.fullmatch(trie, word.replace("[sz]", "s"), re.IGNORECASE), word


@pytest.mark.parametrize(("pattern", "one_of"), [
    (r"\b\d{1,2} ?a\.?m\.? in the morning\b", {" in the morning"}),
    (r"12 ?[ap]\.?m\.?", {"12"}),
    (r"\d{1,2} ?[ap]m", {"am", "pm"}),  # a small class stands for its letters
    (r"(?:Dollars|USD) \d+", {"dollars ", "usd "}),
    (r"(?:January|May) of \d{3,}", {"january of ", "may of "}),
    (r"x(?:ab|cd)?y", {"x"}),  # an optional group ends the run
    (r"\d+ ?(?:%|percent|per cent)", {"%", "percent", "per cent"}),
    (r"(?:a|b*)x", {"x"}),  # one branch needs no letter at all: only the x is certain
    (r"\d+(?:a|b*)", None),
    (r"\B'till?\b", {"'til"}),
])
def test_required_texts_are_texts_one_of_which_every_match_contains(
        pattern: str, one_of: set[str] | None) -> None:
    found = required_literal(pattern, re.IGNORECASE)
    assert (found[0] if found else None) == (frozenset(one_of) if one_of is not None else None)
    for texts in found or ():  # and every set holds for real matches
        for text in ["USD 5 and 10 dollars, 9 am, 5 percent, 7%, bx, ax, 'till then", *TEXTS]:
            for m in re.finditer(pattern, text, re.IGNORECASE):
                assert any(t in m.group().lower() for t in texts)


def test_every_certain_text_is_checked() -> None:
    assert required_literal(r"the n-?word", re.IGNORECASE) == (frozenset({"the n"}),
                                                               frozenset({"word"}))


def test_every_built_in_substitution_table_builds(phrase_rules) -> None:
    """Built-in swap tables are built on a rule's first hit, not at start-up; a broken entry
    must fail here, not in a newsroom's run."""
    built = [rule.swaps for rule in phrase_rules]
    assert sum(len(s) for s in built) > 1000
    for rule in phrase_rules:
        for swap in rule.swaps:
            assert swap.suggestions and all(isinstance(s, str) for s in swap.suggestions)
            swap.pattern.compiled  # noqa: B018 - compiles, or raises
