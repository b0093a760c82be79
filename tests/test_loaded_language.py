"""What the loaded-language rules flag, sentence by sentence, as an editor would judge it."""

from __future__ import annotations

import pytest

from lintnews.api import lint_text
from lintnews.engine.registry import load_rules

RULES = load_rules()


def flagged(code: str, sentence: str) -> list[str]:
    """The words `code` flags in `sentence`, linted as the body of an article."""
    text = f"Headline\n\n{sentence}\n"
    return [text[f.offset:f.end_offset]
            for f in lint_text(text, "a.txt", select=(code,), rules=RULES)]


# -- LN202: a verb of saying is loaded only where it reports speech --------------------------

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
def test_ln202_is_quiet_when_the_verb_takes_an_object(sentence: str) -> None:
    assert flagged("LN202", sentence) == []


@pytest.mark.parametrize(("sentence", "verb"), [
    ("The minister admitted that the project was over budget.", "admitted"),
    ("The chief executive admits the takeover has not delivered the savings.", "admits"),
    ("The minister admitted he had misled the committee.", "admitted"),
    ("The bank conceded on Tuesday that its systems had failed.", "conceded"),
    ("The mayor admitted to reporters that the plan had stalled.", "admitted"),
    ("\"We got it wrong,\" the coach admitted.", "admitted"),
    ("\"We got it wrong,\" admitted the coach.", "admitted"),
    ("The coach admitted: \"We got it wrong.\"", "admitted"),
    ("The coach conceded, \"We got it wrong.\"", "conceded"),
    ("The plan had failed, the minister conceded.", "conceded"),
    ("Trump insisted the economy would recover by summer.", "insisted"),
    ("Senator Smith boasted that she had written the bill.", "boasted"),
    ("The opposition leader slammed the budget as a giveaway to the rich.", "slammed"),
])
def test_ln202_still_flags_the_verb_where_it_reports_speech(sentence: str, verb: str) -> None:
    assert flagged("LN202", sentence) == [verb]


@pytest.mark.parametrize(("sentence", "words", "suggestion"), [
    ("Sheriff Arpaio boasted his \u201ctent city\u201d was a camp.", "boasted", "said"),
    ("Trump has repeatedly boasted about the stock market.", "boasted about", "spoke about"),
])
def test_ln202_suggestion_fits_the_sentence(sentence: str, words: str, suggestion: str) -> None:
    text = f"Headline\n\n{sentence}\n"
    [finding] = lint_text(text, "a.txt", select=("LN202",), rules=RULES)
    assert text[finding.offset:finding.end_offset] == words
    assert finding.suggestions == (suggestion,)
