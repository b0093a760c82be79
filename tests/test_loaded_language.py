"""What the loaded-language rules flag, sentence by sentence, as an editor would judge it."""

from __future__ import annotations

import pytest
from helpers import flagged

from lintnews.api import lint_text
from lintnews.ruleset import load_rules

RULES = load_rules()




# -- LN202 and LN210: a verb of saying is loaded only where it reports speech ----------------
# LN210 (admitted, conceded, insisted) is off by default; `select` names it here.

@pytest.mark.parametrize("sentence", [
    "The suspect admitted the robbery in court on Monday.",
    "The prime minister conceded the point after a long exchange.",
    "He admitted his guilt at the first hearing.",
    "She admitted to the charge of dangerous driving.",
    "The challenger admitted defeat shortly after midnight.",
    "The senator conceded the election on Wednesday.",
    "Two firefighters were admitted to hospital with burns.",
    "Biden admitted wanting to phase out the industry.",
    "The club admitted three new members last year.",
    "The team conceded a penalty in the last minute.",
    "The city boasts a new stadium and two museums.",
    "The defender admitted to lying about the crash.",
    "The firm admitted the error, and corrected its figures.",
])
def test_verbs_of_saying_are_quiet_when_the_verb_takes_an_object(sentence: str) -> None:
    assert flagged("LN202", sentence) == []
    assert flagged("LN210", sentence) == []


@pytest.mark.parametrize(("sentence", "words"), [
    # A demand: "insist" with a bare verb after a singular subject (the mandative subjunctive).
    ("The President insists that the budget include funding for the wall.", []),
    ("The union insisted he resign before the vote.", []),
    ("The mayor insisted that she be consulted.", []),
    ("The board insisted that the chief executive step down.", []),
    # Speech: the verb after the subject agrees, is past, or is an auxiliary or a modal.
    ("The mayor insisted that the plan works.", ["insisted"]),
    ("The mayor insisted that the plan had failed.", ["insisted"]),
    ("The mayor insisted he never took the money.", ["insisted"]),
    ("The coach insists his side can still win.", ["insists"]),
    ("The mayor insisted that the company knew.", ["insisted"]),
    ("The mayor insisted that the members knew nothing.", ["insisted"]),
])
def test_ln210_insist_is_a_demand_with_a_bare_verb_and_speech_otherwise(
        sentence: str, words: list[str]) -> None:
    assert flagged("LN210", sentence) == words


@pytest.mark.parametrize(("code", "sentence", "verb"), [
    ("LN210", "The minister admitted that the project was over budget.", "admitted"),
    ("LN210", "The chief executive admits the takeover has not delivered the savings.", "admits"),
    ("LN210", "The bank conceded on Tuesday that its systems had failed.", "conceded"),
    ("LN210", "The mayor admitted to reporters that the plan had stalled.", "admitted"),
    ("LN210", "\"We got it wrong,\" the coach admitted.", "admitted"),
    ("LN210", "\"We got it wrong,\" admitted the coach.", "admitted"),
    ("LN210", "The coach admitted: \"We got it wrong.\"", "admitted"),
    ("LN210", "The coach conceded, \"We got it wrong.\"", "conceded"),
    ("LN210", "The plan had failed, the minister conceded.", "conceded"),
    ("LN210", "Trump insisted the economy would recover by summer.", "insisted"),
    ("LN202", "Senator Smith boasted that she had written the bill.", "boasted"),
    ("LN202", "The opposition leader slammed the budget as a giveaway to the rich.", "slammed"),
])
def test_verbs_of_saying_are_flagged_where_they_report_speech(
        code: str, sentence: str, verb: str) -> None:
    assert flagged(code, sentence) == [verb]


@pytest.mark.parametrize("sentence", [
    "The minister admitted he had misled the committee.",
    "The chief executive admitted that the company had made mistakes.",
    "The senator conceded that she had been wrong about the tariffs.",
])
def test_ln210_leaves_a_confession_alone(sentence: str) -> None:
    assert flagged("LN210", sentence) == []


def test_ln210_is_off_unless_selected() -> None:
    text = "Headline\n\nThe minister admitted that the project was over budget.\n"
    assert [f.code for f in lint_text(text, "a.txt", rules=RULES)] == []
    # Off by default, but a selector that matches it (a prefix, as ruff's) turns it on.
    assert [f.code for f in lint_text(text, "a.txt", select=("LN2",), rules=RULES)] == ["LN210"]
    assert [f.code for f in lint_text(text, "a.txt", select=("LN210",), rules=RULES)] == ["LN210"]


@pytest.mark.parametrize(("sentence", "words", "suggestion"), [
    ("Sheriff Arpaio boasted his \u201ctent city\u201d was a camp.", "boasted", "said"),
    ("Trump has repeatedly boasted about the stock market.", "boasted about", "spoke about"),
])
def test_ln202_suggestion_fits_the_sentence(sentence: str, words: str, suggestion: str) -> None:
    text = f"Headline\n\n{sentence}\n"
    [finding] = lint_text(text, "a.txt", select=("LN202",), rules=RULES)
    assert text[finding.offset:finding.end_offset] == words
    assert finding.suggestions == (suggestion,)


# -- LN201: reported speech exempts the source's words, not the writer's comment -------------

@pytest.mark.parametrize(("sentence", "adverb"), [
    ("Police said the victim was sadly not wearing a seatbelt.", "sadly"),
    ("The coroner's office said the boy had tragically drowned in the river.", "tragically"),
    ("Officials said the bridge had unfortunately been closed for repairs.", "unfortunately"),
    ("Firefighters said the family had thankfully escaped unhurt.", "thankfully"),
    ("The ministry said the driver had miraculously survived the fall.", "miraculously"),
    ("The report said the dam was shockingly never inspected.", "shockingly"),
    ("The club said its new striker was incredibly signed for free.", "incredibly"),
])
def test_ln201_flags_the_writers_stance_adverb_inside_reported_speech(
        sentence: str, adverb: str) -> None:
    assert flagged("LN201", sentence) == [adverb]


@pytest.mark.parametrize("sentence", [
    # the source's own characterisation of what happened: reported, not the writer's voice
    "Prosecutors said the defendant had acted recklessly and callously.",
    "The minister said the rebels had cynically exploited the ceasefire.",
    "The army said its soldiers had fought bravely.",
    # a direct quotation is the speaker's words, whatever they are
    "\"Sadly, we have no choice,\" the museum director said.",
    "Police said: \"The victim was sadly not wearing a seatbelt.\"",
])
def test_ln201_leaves_the_sources_words_alone(sentence: str) -> None:
    assert flagged("LN201", sentence) == []


def test_ln205_still_exempts_the_sources_characterisation() -> None:
    assert flagged("LN205", "The minister said the plan was absurd.") == []


def test_a_house_pack_can_use_only_speech_and_skip_attributed_except(tmp_path) -> None:
    from lintnews.config import Settings
    from lintnews.engine.declarative import PackError

    pack = tmp_path / "house.toml"
    pack.write_text(
        '[pack]\nname = "house"\n'
        '[[rule]]\ncode = "HOUSE01"\nname = "house-acknowledged"\ncategory = "loaded-language"\n'
        'type = "substitution"\ninflect = true\nmessage = "write {suggestion}"\n'
        'only_speech = ["acknowledge"]\nswap = { "acknowledge" = "said" }\n'
        '[[rule]]\ncode = "HOUSE02"\nname = "house-adverbs"\ncategory = "loaded-language"\n'
        'message = "m"\nskip_attributed = true\nskip_attributed_except = ["regrettably"]\n'
        'phrases = ["regrettably", "wisely"]\n', encoding="utf-8")
    settings = Settings(rule_packs=(tmp_path,))
    text = ("Headline\n\nThe firm acknowledged the error. The firm acknowledged that it erred. "
            "Police said the man had regrettably and wisely fled.\n")
    found = [(f.code, text[f.offset:f.end_offset])
             for f in lint_text(text, "a.txt", settings=settings, select=("HOUSE",))]
    assert found == [("HOUSE01", "acknowledged"), ("HOUSE02", "regrettably")]
    assert text.index("acknowledged that") == next(
        f.offset for f in lint_text(text, "a.txt", settings=settings, select=("HOUSE01",)))

    pack.write_text(pack.read_text(encoding="utf-8").replace('only_speech = ["acknowledge"]',
                                                             'only_speech = ["(acknowledge"]'),
                    encoding="utf-8")
    with pytest.raises(PackError, match="only_speech"):
        lint_text(text, "a.txt", settings=settings)


# -- LN207: a label is the source's when a named source names someone as it -----------------

@pytest.mark.parametrize(("sentence", "words"), [
    ("Erdogan named the PKK and the YPG as terrorists.", []),
    ("The government branded the protesters as terrorists.", []),
    ("The terrorists attacked the base on Monday.", ["terrorists"]),
    ("The town named a new mayor after the terrorists left.", ["terrorists"]),
])
def test_ln207_label_given_by_a_named_source_is_theirs(sentence: str, words: list[str]) -> None:
    assert flagged("LN207", sentence) == words
