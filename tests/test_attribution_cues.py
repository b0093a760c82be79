"""Who is speaking? A loaded word is skipped only inside what a named source is reported as
saying. Attribution cues that are really nouns, proper names or another clause's verb must not
hide the writer's own words. Every sentence here is written for these tests."""

from __future__ import annotations

import pytest
from helpers import flagged

from lintnews.api import lint_text
from lintnews.document.attribution import find_cues
from lintnews.document.build import build_document
from lintnews.ruleset import load_rules

RULES = load_rules()


def loaded(body: str) -> list[str]:
    """The words the loaded-language rules flag in an article with this body."""
    text = f"Headline\n\n{body}\n"
    return [text[f.offset:f.end_offset] for f in lint_text(text, "a.txt", rules=RULES)
            if f.category == "loaded-language"]




# -- A cue verb is a verb: not a proper noun, not a noun ------------------------------------

@pytest.mark.parametrize(("body", "words"), [
    # "States" is part of a name, not the verb "states"
    ("The United States is now staging grotesque spectacles.", ["grotesque"]),
    ("The Gulf States have staged grotesque spectacles.", ["grotesque"]),
    ("Qaboos bin Said in 1970 staged a grotesque coup.", ["grotesque"]),
    # nouns after a determiner, a possessive, an adjective or a preposition
    ("Senator Ruiz's remarks were absurd and outrageous.", ["absurd", "outrageous"]),
    ("These shows of force by Moscow are grotesque.", ["grotesque"]),
    ("The claims by Senator Ruiz were grotesque.", ["grotesque"]),
    ("Her notes from the meeting with Ruiz describe a grotesque scene.", ["grotesque"]),
    ("The calls from Senator Ruiz for a crackdown were reckless.", ["reckless"]),
    ("A series of reports from Reuters exposed the reckless policy.", ["reckless"]),
    ("Recent remarks by Senator Ruiz were grotesque.", ["grotesque"]),
    # the first part of a compound: a talk show host
    ("Fox News talk show host Hannity praised the grotesque rally.", ["grotesque"]),
])
def test_a_noun_or_a_name_is_not_a_verb_of_saying(body: str, words: list[str]) -> None:
    assert loaded(body) == words


@pytest.mark.parametrize("body", [
    "Senator Ruiz said the rules were draconian.",
    "The minister states in the report that the rules are draconian.",
    "Ruiz also notes that the rules are draconian.",
    "The ministry estimates the draconian rules will cost 300 jobs.",
    "Ruiz argues the rules are draconian.",
    "Polls by Gallup show the rules are seen as draconian.",
    # a bare verb after an auxiliary or a conjunction, "'s" that is not a possessive
    "Ruiz said he'd say the rules were draconian if asked.",
    "Ruiz will meet the press and say the rules are draconian.",
    "Let's say the rules are draconian, Ruiz told the BBC.",
    # a sentence's first word is capitalised; a headline in title case capitalises all
    "Says Ruiz: the rules are draconian and will not last.",
    "Ruiz Says Rules Are Draconian",
])
def test_a_cue_verb_still_reports_speech(body: str) -> None:
    assert loaded(body) == []


# -- The inverted tag: "…, the minister said." -------------------------------------------

@pytest.mark.parametrize("body", [
    "The rules would never work and are draconian, the minister said.",
    "The rules are draconian, said Jane Doe, the bank's chief economist.",
    "The rules are draconian, the minister told reporters on Monday.",
    "The rules are draconian, she said in a statement.",
    "The rules are draconian, Sergei Ivanov, the Kremlin chief of staff, said on Monday.",
    "The rules are draconian, Ruiz said, adding that he would appeal.",
    "The rules, which are draconian, will be scrapped, Ruiz has said.",
])
def test_a_short_tag_after_the_words_makes_them_reported_speech(body: str) -> None:
    assert loaded(body) == []


@pytest.mark.parametrize(("body", "words"), [
    ("Critics call the plan reckless and irresponsible, even though Dr Lee has explained "
     "in detail why it works.", ["reckless", "irresponsible"]),
    ("The plan is reckless, but Dr Lee said it would work.", ["reckless"]),
    ("The plan is reckless, and Dr Lee told reporters that it would fail.", ["reckless"]),
    ("The plan is reckless; Dr Lee says it can be saved.", ["reckless"]),
    ("The plan is reckless, while Dr Lee, a surgeon, told the committee why it works.",
     ["reckless"]),
])
def test_a_cue_in_a_later_clause_does_not_cover_the_writers_words(body: str,
                                                                  words: list[str]) -> None:
    assert loaded(body) == words


# -- A cue followed by a preposition governs no clause --------------------------------------

@pytest.mark.parametrize(("body", "words"), [
    ("Hayes responded with a foolish remark.", ["foolish"]),
    ("The mayor called for calm after the grotesque attack.", ["grotesque"]),
    ("The mayor called on residents to ignore the grotesque rumours.", ["grotesque"]),
    ("The mayor called on Monday for calm after the grotesque attack.", ["grotesque"]),
])
def test_a_cue_followed_by_a_preposition_reports_no_speech(body: str,
                                                           words: list[str]) -> None:
    assert loaded(body) == words


@pytest.mark.parametrize("body", [
    "Ruiz said on Monday the rules were draconian.",
    "Ruiz said in a statement that the rules were draconian.",
    "Ruiz said in an interview with the BBC that the rules were draconian.",
    "Ruiz told reporters at a news conference in Geneva the rules were draconian.",
    "Ruiz said on Twitter the rules were draconian.",
    "Ruiz said through a spokesman the rules were draconian.",
    "Ruiz said in response to questions from reporters that the rules were draconian.",
    "The mayor called the plan reckless.",
    # what a warning was about is the source's characterisation
    "Ruiz warned of draconian rules.",
])
def test_a_time_place_or_channel_after_the_cue_still_reports_speech(body: str) -> None:
    assert loaded(body) == []


# -- "expected to" is a plan or a forecast, not speech --------------------------------------

@pytest.mark.parametrize(("body", "words"), [
    ("Supporters of Ruiz had expected to brandish rifles at the grotesque rally.",
     ["grotesque"]),
    ("Ruiz expects to win the grotesque contest easily.", ["grotesque"]),
    ("Thousands of fanatics are expected to descend on the capital.", ["fanatics"]),
])
def test_expected_to_is_not_a_verb_of_saying(body: str, words: list[str]) -> None:
    assert loaded(body) == words


def test_the_cues_of_a_sentence_are_worked_out_once_per_text() -> None:
    sentence = "Senator Ruiz said the rules were draconian."
    assert find_cues(sentence) is find_cues(sentence)
    assert [cue.match.group() for cue in find_cues(sentence)] == ["said"]


def test_the_document_model_agrees_on_the_span_in_reported_speech() -> None:
    text = "Critics call it reckless, even though Dr Lee has explained why it works.\n"
    doc = build_document("a.txt", text)
    start = text.index("reckless")
    assert not doc.is_reported_speech(start, start + len("reckless"))
    text = "It is reckless, Dr Lee said on Monday.\n"
    doc = build_document("a.txt", text)
    start = text.index("reckless")
    assert doc.is_reported_speech(start, start + len("reckless"))


# -- LN203: "claims" as the object of a verb is the noun -------------------------------------

@pytest.mark.parametrize("body", [
    "Gun owners may press claims that the law infringes their rights.",
    "Farmers filed claims that the dam had flooded their land.",
    "Insurers will settle claims that arise from the flood.",
    "Residents make claims that the council ignores them.",
    "She rejected claims that the vote was rigged.",
    "The union is pressing claims that the firm broke the contract.",
])
def test_ln203_claims_as_an_object_is_the_noun(body: str) -> None:
    assert flagged("LN203", body) == []


@pytest.mark.parametrize(("body", "word"), [
    ("The company claims that it paid all its taxes.", "claims"),
    ("The press claims that the law infringes their rights.", "claims"),
    ("He now claims that the vote was rigged.", "claims"),
    ("The witness also claims that the vote was rigged.", "claims"),
])
def test_ln203_still_flags_claims_as_a_verb(body: str, word: str) -> None:
    assert flagged("LN203", body) == [word]
