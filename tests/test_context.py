"""What an editor would act on: a word's sense, disputed claims, reported speech without quote
marks, and sources named elsewhere in the story (issue 11). Each case is a pattern a copy
editor judged wrong or left alone on real copy, written afresh here."""

from __future__ import annotations

import pytest
from helpers import flagged

from lintnews.api import lint_text
from lintnews.config import Settings
from lintnews.engine.declarative import PackError
from lintnews.ruleset import load_rules

RULES = load_rules()




# -- Sense: the loaded and the literal sense told apart by the neighbours ---------------------

@pytest.mark.parametrize(("body", "words"), [
    ("The Assad regime arrested ten activists on Monday.", ["regime"]),
    ("Iran's regime has banned the protests.", ["regime"]),
    ("Exiles fear the regime in Tehran will retaliate.", ["regime"]),
    ("The regime announced new restrictions on Monday.", ["regime"]),
    ("The military regime jailed the editor.", ["regime"]),
    ("Players follow a strict regime of daily training.", []),
    ("The compensation regime for victims opens in May.", []),
    ("A regime of weekly testing will begin at the plant.", []),
    ("The new coach brought a tougher regime to the club.", []),
])
def test_regime_is_loaded_only_when_tied_to_a_state_or_leader(body: str,
                                                             words: list[str]) -> None:
    assert flagged("LN207", body) == words


@pytest.mark.parametrize(("body", "words"), [
    ("Senator Ruiz blasted the budget as reckless.", ["blasted"]),
    ("In the game's third level, players blast aliens with a laser.", []),
    ("The reviewer enjoyed blasting enemies in multiplayer mode.", []),
    ("The bar blasted music until 3 a.m.", []),
])
def test_blasting_in_a_game_or_at_full_volume_is_not_speech(body: str,
                                                             words: list[str]) -> None:
    assert flagged("LN202", body) == words


@pytest.mark.parametrize(("body", "words"), [
    ("The so-called peace plan was unveiled on Monday.", ["so-called"]),
    ("The planet lies in the so-called habitable zone, where water can stay liquid.", []),
    ("Forecasters warned of a so-called \"bomb cyclone\" on Friday.", []),
    ("Researchers studied the so-called placebo effect in children.", []),
])
def test_so_called_introducing_a_term_is_not_a_sneer(body: str, words: list[str]) -> None:
    assert flagged("LN206", body) == words


@pytest.mark.parametrize(("code", "body", "words"), [
    ("LN205", "Her new single Outrageous topped the chart in May.", []),
    ("LN204", "They stayed at the Iconic Hotel in the old town.", []),
    ("LN205", "The council's outrageous decision angered residents.", ["outrageous"]),
    # a headline in title case capitalises every word: still the writer's judgement
    ("LN205", "The FBI Makes a Bizarre Claim About the Case", ["Bizarre"]),
])
def test_a_capitalised_title_is_not_a_judgement(code: str, body: str,
                                                words: list[str]) -> None:
    assert flagged(code, body) == words


# -- Disputed claims: "claimed" is the right word when the other side is given ----------------

@pytest.mark.parametrize("body", [
    "The company claimed it had paid all its taxes; the tax office says the claim is wrong.",
    "The company claimed it had paid all its taxes. Investigators found no record of payment.",
    "The company claimed it had paid all its taxes.\n\nThe tax office denied that on Monday.",
    "The two sides gave conflicting accounts. The rebels claimed the army fired first.",
    "The minister claimed the figures were accurate, but auditors disputed them.",
    "Thousands joined a rally claiming the election was stolen.",
    "The army claimed to have shot down four drones overnight.",
    "The administration sued to stop publication, claiming the book had not been vetted.",
    "The company claimed it had paid all its taxes. But the tax office says it owes $2 million.",
    "The magazine claimed the general had lied. He spoke at noon. His aides denied the story.",
    "Officials claimed the lanes were closed for a traffic study. The court found that the "
    "closures were political revenge.",
])
def test_ln203_is_quiet_where_the_claim_is_disputed(body: str) -> None:
    assert flagged("LN203", body) == []


@pytest.mark.parametrize(("body", "word"), [
    ("The company claimed it had paid all its taxes.", "claimed"),
    # the dispute words belong to the claim itself, not to another side
    ("The senator claimed that the report was a hoax.", "claimed"),
    ("He has long claimed that he was the best athlete there, a boast rarely challenged.",
     "claimed"),
    # "However" opening the claim's own sentence contrasts it with the one before
    ("She said she was not pressured. However, she claimed she had received threats.",
     "claimed"),
    # "denied" in the sense of refused is not a dispute
    ("The mayor claimed the plan would cut rents. Tenants were denied access to the meeting.",
     "claimed"),
])
def test_ln203_still_flags_an_undisputed_claim(body: str, word: str) -> None:
    assert flagged("LN203", body) == [word]


def test_critics_claim_is_reported_once_as_weasel_attribution() -> None:
    text = "Headline\n\nActivists claim safety standards are routinely ignored.\n"
    found = [(f.code, text[f.offset:f.end_offset]) for f in lint_text(text, "a.txt", rules=RULES)]
    assert found == [("LN301", "Activists claim")]


# -- Reported speech and sources beyond the sentence -----------------------------------------

@pytest.mark.parametrize(("code", "claim"), [
    ("LN301", "Analysts expect the bank to cut rates in June."),
    ("LN308", "Analysts said the bank would cut rates in June."),  # off by default
])
def test_a_named_source_in_the_next_sentence_stands_for_the_vague_one(code: str,
                                                                       claim: str) -> None:
    quote = "\"We expect two cuts this year,\" said Jane Doe, an economist at Rabobank."
    assert flagged(code, f"{claim}\n\n{quote}") == []
    assert flagged(code, claim) == [claim.split(" the")[0]]


def test_a_group_that_only_said_is_not_flagged_by_default() -> None:
    text = "Headline\n\nCritics say the law is too broad. Critics argue it is too broad.\n"
    found = [(f.code, text[f.offset:f.end_offset]) for f in lint_text(text, "a.txt", rules=RULES)]
    assert found == [("LN301", "Critics argue")]


def test_a_named_source_of_another_kind_is_the_other_side_not_one_of_them() -> None:
    body = ("Critics accused the postmaster of slowing the mail on purpose. DeJoy maintained "
            "the service could cope.")
    assert flagged("LN301", body) == ["Critics accused"]


@pytest.mark.parametrize(("body", "words"), [
    ("Studies show that the drug cuts deaths by a third.", ["Studies show"]),
    ("The drug is cheap, and research suggests it works.", ["research suggests"]),
    ("Government figures show that unemployment fell in May.", []),
    ("Previous studies have shown that the glue is not toxic.", []),
])
def test_data_as_subject_is_vague_only_when_bare(body: str, words: list[str]) -> None:
    assert flagged("LN301", body) == words


def test_a_described_scholarly_debate_is_background_not_a_hidden_source() -> None:
    body = ("There are competing theories about how flight began. Some scientists believe the "
            "first fliers glided from trees.")
    assert flagged("LN301", body) == []


def test_a_weasel_phrase_inside_a_named_sources_paraphrase_is_theirs() -> None:
    body = ("Lipo said the statues mark fresh water and that some evidence suggests wells were "
            "dug near them.")
    assert flagged("LN301", body) == []


INTERVIEW = """Candidates answer our questions

The Wikinews team put five questions to each candidate on the ballot in Ohio.

Sarah Lee of the Liberty Party answered by email.

My final plea is to voters who feel ignored. We support a balanced budget. We're pro-life
and we always have been.

The election is on November 3.
"""

COLUMN = """Why I changed my mind

I have voted in every election since 1990. My family always did.

We're pro-life in this house, and I am proud of it.

I think the debate has moved on, and my neighbours agree with me.
"""


def test_an_interview_answer_without_quote_marks_is_the_speakers() -> None:
    assert [f.code for f in lint_text(INTERVIEW, "a.txt", select=("LN207",))] == []


def test_a_first_person_column_is_still_the_writers_voice() -> None:
    found = [COLUMN[f.offset:f.end_offset] for f in lint_text(COLUMN, "a.txt",
                                                               select=("LN207",))]
    assert found == ["pro-life"]


def test_a_labelled_answer_is_the_speakers() -> None:
    text = ("Interview with the mayor\n\nQ: What happened on Monday?\n\n"
            "A: The regime in Damascus shelled the town, as it has for years.\n\n"
            "The mayor spoke from Gaziantep.\n")
    assert lint_text(text, "a.txt", select=("LN207",)) == []


def test_police_said_does_not_excuse_the_writers_sadly() -> None:
    assert flagged("LN201", "Police said the victim was sadly not wearing a seatbelt.") == \
        ["sadly"]


def test_a_statistic_is_covered_by_a_source_named_earlier_in_the_story() -> None:
    sourced = ("The Labor Department said on Monday that young people had lost most jobs.\n\n"
               "It covers every state.\n\n"
               "Unemployment among young people rose 40 percent last year.")
    unsourced = ("Young people are finding work harder to come by.\n\n"
                 "Unemployment among young people rose 40 percent last year.")
    assert flagged("LN304", sourced) == []
    assert flagged("LN304", unsourced) == ["rose 40 percent"]


def test_a_success_with_its_evidence_is_not_an_unsourced_characterisation() -> None:
    assert flagged("LN305", "The band was a massive success, selling ten million records.") == []
    assert flagged("LN305", "The band was a massive success.") == ["was a massive success"]


# -- House packs can use the same machinery ---------------------------------------------------

HOUSE = """[pack]
name = "house"
[[rule]]
code = "HOUSE10"
name = "house-scheme"
category = "loaded-language"
message = "'{match}' is loaded here"
phrases = ["scheme", "boondoggle"]
unless_nearby = "\\\\bdisputed\\\\b"
[[rule.sense]]
words = "scheme"
why = "a plan is neutral; a scheme with a villain is not"
loaded_before = "\\\\b(criminal|corrupt|fraudulent)\\\\s*$"
severity = "info"
"""


def test_a_house_pack_can_use_senses_and_unless_nearby(tmp_path) -> None:
    (tmp_path / "house.toml").write_text(HOUSE, encoding="utf-8")
    settings = Settings(rule_packs=(tmp_path,))
    text = ("Headline\n\nThe council's pension scheme opens in May. Police broke up a "
            "criminal scheme. The bridge was a boondoggle.\n\nThe station opened in May. It is "
            "a boondoggle. Its cost is disputed.\n")
    found = [(text[f.offset:f.end_offset], str(f.severity))
             for f in lint_text(text, "a.txt", settings=settings, select=("HOUSE",))]
    assert found == [("scheme", "info"), ("boondoggle", "warning")]


@pytest.mark.parametrize(("change", "message"), [
    (('why = "a plan', 'colour = "a plan'), "sense 1: unknown key 'colour'"),
    (('words = "scheme"\n', ''), "sense 1: 'words' must name"),
    (('\\\\s*$"', '(\\\\s*$"'), "loaded_before"),
    (('severity = "info"', 'severity = "loud"'), "sense 1"),
])
def test_a_broken_sense_table_names_the_pack_the_rule_and_the_key(
        tmp_path, change: tuple[str, str], message: str) -> None:
    (tmp_path / "house.toml").write_text(HOUSE.replace(*change), encoding="utf-8")
    with pytest.raises(PackError, match=message) as err:
        lint_text("Headline\n\nText.\n", "a.txt", settings=Settings(rule_packs=(tmp_path,)))
    assert "HOUSE10" in str(err.value)


def test_a_word_that_names_a_charge_is_mentioned_for_every_rule() -> None:
    # the same context as the lexicon's: a hand-written rule leaves the charge's words too
    assert flagged("LN205", "The minister's conduct was outrageous.") == ["outrageous"]
    assert flagged("LN205", "Prosecutors accused the minister of outrageous conduct.") == []
