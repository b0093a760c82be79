"""The patterns compiled for a text's words give exactly what the whole patterns give: the
attribution and quotation patterns with word-list slots (SlottedRegex), the adjunct pattern
chosen by its opening word (OpeningWordAlternation), phrases that open with a choice
(PhraseSet keeps only the options whose words occur) and rule exceptions compiled for a
window's words."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from lintnews.checks import claims, sources
from lintnews.document import attribution, quotes
from lintnews.engine.matcher import PhraseSet, keys_in
from lintnews.engine.phrases import PHRASES_CLOSE, PHRASES_OPEN, phrases_source
from lintnews.text.slots import OpeningWordAlternation, SlottedRegex

NEWS = sorted((Path(__file__).parent / "data" / "news").glob("*.txt"))
TEXTS = [p.read_text(encoding="utf-8") for p in NEWS]
# Sentences and cut pieces of the news articles, in their own case, upper-cased, and with
# letters whose case folding in `re` is unusual ("ſ" matches "s", the Kelvin sign "k").
PIECES = [piece for text in TEXTS for line in text.splitlines() if line.strip()
          for piece in (line, line[:37], line[11:90], line.upper())]
PIECES += [p.replace("s", "ſ").replace("k", "\u212a") for p in PIECES[:400]]
PIECES += ['"We will fight," he said.', "pointed outside, she pointed out that", "said_x said",
           "the White House said", "the white housing", "— saidé told Reuters", "Saidin",
           "SAID", "officials", "organisation", "the organizers said", "many people say"]

SLOTTED = {
    "cue": attribution._CUE,
    "source noun": attribution.SOURCE_NOUN,
    "vague": attribution._VAGUE,
    "cue before": quotes._CUE_BEFORE,
    "after": quotes._AFTER,
    "before": quotes._BEFORE,
    "body before": sources._BODY_BEFORE,
    "vague opening": claims._VAGUE_OPENING,
}


def _spans(pattern: re.Pattern[str], text: str) -> list[tuple[tuple[int, int], tuple]]:
    return [(m.span(), m.groups()) for m in pattern.finditer(text)]


@pytest.mark.parametrize("name", SLOTTED)
def test_a_slotted_pattern_finds_what_the_whole_pattern_finds(name: str) -> None:
    slotted = SLOTTED[name]
    whole = re.compile(slotted.whole.pattern, slotted.flags)  # not the shortcut's own
    for piece in PIECES:
        assert _spans(slotted.for_text(piece), piece) == _spans(whole, piece), piece
        assert bool(slotted.for_text(piece).match(piece)) == bool(whole.match(piece)), piece
        assert bool(slotted.for_text(piece).fullmatch(piece)) == bool(whole.fullmatch(piece))


def test_a_slotted_pattern_chosen_for_a_whole_document_serves_its_pieces() -> None:
    slotted = SlottedRegex(quotes._AFTER._template, attribution.WORD_LISTS, re.IGNORECASE)
    whole = re.compile(slotted.whole.pattern, re.IGNORECASE)
    for text in TEXTS[:20]:
        for start in range(0, len(text), 53):
            piece = text[start:start + 80]  # a cut can make a word of part of one
            assert bool(slotted.for_text(piece, within=text).match(piece)) == \
                bool(whole.match(piece))


def test_a_slotted_pattern_compiles_only_the_words_the_text_has() -> None:
    slotted = SlottedRegex(r"\b(?:<CUE>)\b", attribution.WORD_LISTS, re.IGNORECASE)
    assert slotted.for_text("The minister said so.").pattern == r"\b(?:said)\b"
    assert slotted.for_text("Nothing here.").pattern == r"\b(?:(?!))\b"
    assert slotted.for_text("He ſaid so.") is slotted.whole  # "ſ" matches "s" in `re`


def test_a_slotted_pattern_turns_to_the_whole_once_the_variants_cost_as_much() -> None:
    slotted = SlottedRegex(r"\b(?:<CUE>)\b", attribution.WORD_LISTS, re.IGNORECASE)
    words = attribution.CUE_VERB_LIST.split("|")
    for i in range(len(words)):
        slotted.for_text(" ".join(words[i:i + 9]))
    assert slotted.for_text("He said so.") is slotted.whole


def test_a_slot_word_list_must_be_plain_lower_case_words() -> None:
    with pytest.raises(ValueError, match="word list entry"):
        SlottedRegex(r"\b<X>\b", {"X": "said|Told"}).for_text("said")


def test_the_adjunct_pattern_chosen_by_the_next_word_matches_as_the_whole() -> None:
    adjunct = attribution._ADJUNCT
    whole = re.compile(adjunct.whole.pattern, re.IGNORECASE)
    for piece in PIECES[:3000]:
        for m in re.finditer(r"\w\b", piece):
            expected = whole.match(piece, m.end())
            found = adjunct.match(piece, m.end())
            assert (found and found.span()) == (expected and expected.span()), \
                piece[m.end():m.end() + 40]


def test_an_opening_word_alternation_keeps_the_order_of_its_alternatives() -> None:
    alternation = OpeningWordAlternation(r"\s+", [
        (lambda word: word == "on", r"on"),
        (lambda word: word == "on", r"on\s+monday"),
    ])
    assert alternation.match(" on monday", 0).group() == " on"  # the first one, as whole
    assert alternation.match(" at noon", 0) is None


PHRASES = ["(very|extremely|so|most people) unique", "claim~ responsibility",
           "(residents|voters|the public) (are|were) furious", "first annual",
           "(can't|cannot) (possibly )?be underestimated", "slam~ (into|the door)"]


def _phrase_set(phrases: list[str], inflect: bool) -> PhraseSet:
    from lintnews.engine.declarative import _phrase_table

    return PhraseSet(lambda: _phrase_table(phrases, inflect), re.IGNORECASE,
                     PHRASES_OPEN, PHRASES_CLOSE)


@pytest.mark.parametrize("inflect", [False, True])
def test_a_phrase_that_opens_with_a_choice_keeps_only_the_options_a_text_has(
        inflect: bool) -> None:
    whole = re.compile(phrases_source(PHRASES, inflect_first=inflect), re.IGNORECASE)
    texts = ["It was very unique and so unique.", "Most people unique, the public were furious.",
             "They claimed responsibility; it slammed into a wall.", "a first annual fair",
             "It cannot possibly be underestimated.", "VOTERS WERE FURIOUS", "nothing at all",
             "ſo unique, claimſ responsibility", *PIECES[:400]]
    for text in texts:
        phrases = _phrase_set(PHRASES, inflect)  # a fresh one: nothing compiled whole yet
        assert _spans(phrases.for_text(text), text) == _spans(whole, text), text
    narrow = _phrase_set(PHRASES, inflect).for_text("It was so unique.")
    assert "extremely" not in narrow.pattern and "(?:so)" in narrow.pattern


def test_the_keys_of_a_window_count_a_word_cut_at_its_end() -> None:
    assert keys_in("he claim") == {"w:he", "w:claim", "b:he claim"}
    assert keys_in("the public") == {"w:the", "w:public", "b:the public"}
    assert keys_in("ſo") is None
