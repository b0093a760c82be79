"""Logic and attribution detectors that work by construction (issue 12, item 3): a negation
around a word that already means "less", a degree word on an absolute adjective, certainty in
the writer's voice, hearsay and anonymous sources, statistics and forecasts with no source.
Every sentence here is written afresh for the test."""

from __future__ import annotations

import pytest
from helpers import flagged

from lintnews.api import lint_text
from lintnews.ruleset import load_rules

RULES = load_rules()




def suggested(code: str, body: str) -> list[tuple[str, ...]]:
    text = f"Headline\n\n{body}\n"
    return [f.suggestions for f in lint_text(text, "a.txt", select=(code,), rules=RULES)]


# -- LN101: a negated "under-" verb says the thing is small ------------------------------------

@pytest.mark.parametrize(("body", "words", "fix"), [
    ("The value of a free press cannot be underrated.", ["cannot be underrated"],
     "cannot be overrated"),
    ("Her role in the talks is impossible to underplay.", ["impossible to underplay"],
     "impossible to overplay"),
    ("The harbour's worth to the town can never be undervalued.",
     ["can never be undervalued"], "can never be overvalued"),
    ("The damage to trust can never be understated.", ["can never be understated"],
     "can never be overstated"),
])
def test_negated_diminishing_verbs_are_misnegations(body: str, words: list[str],
                                                    fix: str) -> None:
    assert flagged("LN101", body) == words
    assert suggested("LN101", body) == [(fix,)]


@pytest.mark.parametrize("body", [
    "The risk should never be underrated, the coach said.",
    "Do not undervalue the work of volunteers.",
    "The stock was undervalued for years.",
    "Its importance cannot be overstated.",
])
def test_deontic_and_plain_uses_are_not_misnegations(body: str) -> None:
    assert flagged("LN101", body) == []


# -- LN103: "no X is too Y to <negative verb>", whatever Y is ------------------------------------

@pytest.mark.parametrize(("body", "words"), [
    ("No country is too big to ignore the rules.",
     ["No country is too big to ignore"]),
    ("At the clinic no symptom is too mild to dismiss.", ["no symptom is too mild to dismiss"]),
    ("It is a shop where no customer request seems too odd to disregard.",
     ["no customer request seems too odd to disregard"]),
    ("Nothing is too trivial to be overlooked by the inspectors.",
     ["Nothing is too trivial to be overlooked"]),
    ("The museum, with no detail too small to overlook, opens on Friday.",
     ["no detail too small to overlook"]),
    ("Nobody is too young to be forgotten by the scheme.",
     ["Nobody is too young to be forgotten"]),
])
def test_depth_charges_are_found_by_their_construction(body: str, words: list[str]) -> None:
    assert flagged("LN103", body) == words


@pytest.mark.parametrize("body", [
    "No bank is too big to fail.",
    "The problem is too big to ignore.",
    "No detail is too small to matter.",
    "No one was too tired to help.",
])
def test_depth_charge_needs_a_negative_verb_and_a_negation(body: str) -> None:
    assert flagged("LN103", body) == []


# -- LN104: certainty in the writer's voice ------------------------------------------------------

@pytest.mark.parametrize(("body", "words"), [
    ("It is clear that the reform has failed.", ["It is clear that"]),
    ("It is now abundantly clear that the plan will fail.", ["It is now abundantly clear that"]),
    ("There is no denying that the league has a problem.", ["There is no denying"]),
    ("No one can deny that the mayor has failed.", ["No one can deny"]),
    ("The reform is, beyond dispute, the biggest in a decade.", ["beyond dispute"]),
])
def test_over_certainty_markers(body: str, words: list[str]) -> None:
    assert flagged("LN104", body) == words


@pytest.mark.parametrize("body", [
    "It is not clear that the reform will pass.",
    "The minister said it is clear that the reform has failed.",
    "\"It is clear that the plan failed,\" the mayor said.",
    "It was unclear whether the plan would pass.",
    "The ship is bound for Rotterdam.",
])
def test_over_certainty_skips_doubt_speech_and_quotes(body: str) -> None:
    assert flagged("LN104", body) == []


# -- LN105: a degree word on an adjective that admits no degrees ---------------------------------

@pytest.mark.parametrize(("body", "words", "fix"), [
    ("The vote was very unanimous.", ["very unanimous"], "unanimous"),
    ("The board reached a completely unanimous decision.", ["completely unanimous"],
     "unanimous"),
    ("The flooding was the most unprecedented in the region's history.",
     ["most unprecedented"], "unprecedented"),
    ("The council said the repairs were absolutely essential.", [], ""),
    ("Good drainage is absolutely essential for the pitch.", ["absolutely essential"],
     "essential"),
    ("The damage to the reef is very irreversible.", ["very irreversible"], "irreversible"),
])
def test_degree_words_on_absolute_adjectives(body: str, words: list[str], fix: str) -> None:
    assert flagged("LN105", body) == words
    if fix:
        assert suggested("LN105", body) == [(fix,)]


@pytest.mark.parametrize("body", [
    "The two samples were almost identical.",
    "The decision was nearly unanimous.",
    "The step was virtually unprecedented.",
    "Clean water is essential for the camp.",
])
def test_approximators_and_bare_absolutes_are_fine(body: str) -> None:
    assert flagged("LN105", body) == []


# -- LN306: hearsay with no source ---------------------------------------------------------------

@pytest.mark.parametrize(("body", "words"), [
    ("The striker is reportedly unhappy at the club.", ["reportedly"]),
    ("The minister is rumoured to be stepping down.", ["rumoured to"]),
    ("Word is that the factory will close.", ["Word is that"]),
    ("According to reports, the ship was carrying grain.", ["According to reports"]),
    ("The singer is said to have left the band.", ["is said to have"]),
])
def test_hearsay_without_a_source(body: str, words: list[str]) -> None:
    assert flagged("LN306", body) == words


@pytest.mark.parametrize("body", [
    "The striker is reportedly unhappy at the club, the Gazette said.",
    "The suspect allegedly stole the car.",
    "The striker was unhappy, the BBC reported. He reportedly asked to leave.",
    "\"He is reportedly unhappy,\" the coach said.",
])
def test_hearsay_is_not_reported_with_a_source_or_for_allegedly(body: str) -> None:
    assert flagged("LN306", body) == []


# -- LN307: anonymous and semi-anonymous sources (info) ------------------------------------------

@pytest.mark.parametrize(("body", "words"), [
    ("A source close to the player said he would sign.", ["A source close to"]),
    ("People familiar with the matter said the deal was off.", ["People familiar with"]),
    ("Officials said the bridge would reopen in May.", ["Officials said"]),
    ("Senior officials say the talks have stalled.", ["Senior officials say"]),
    ("Two people with knowledge of the talks said a deal was near.",
     ["Two people with knowledge of"]),
])
def test_anonymous_sources_at_info(body: str, words: list[str]) -> None:
    assert flagged("LN307", body) == words
    text = f"Headline\n\n{body}\n"
    assert {str(f.severity) for f in lint_text(text, "a.txt", select=("LN307",),
                                               rules=RULES)} == {"info"}


@pytest.mark.parametrize("body", [
    "Transport ministry officials said the bridge would reopen in May.",
    "Officials at the county council said the bridge would reopen in May.",
    "Police officials said three people were hurt.",
    "Officials from the World Health Organization said cases had fallen.",
])
def test_officials_of_a_named_body_are_a_source(body: str) -> None:
    assert flagged("LN307", body) == []


# -- LN304: statistics with no source; a subject can be its own source ----------------------------

@pytest.mark.parametrize(("body", "words"), [
    ("About 40% of adults in the region cannot swim.", ["40% of adults"]),
    ("Two-thirds of households have no savings.", ["Two-thirds of households"]),
    ("One in four children in the city lives in poverty.", ["One in four children"]),
    ("Homelessness is at its highest level since 2008.", ["highest level since 2008"]),
    ("The scheme costs $1,200 per taxpayer.", ["$1,200 per taxpayer"]),
    ("Britain's unemployment rate rose 40 percent last year.", ["rose 40 percent"]),
    ("Analysts forecast a 40% drop in profit.", ["40% drop"]),
])
def test_unsourced_statistics_of_several_kinds(body: str, words: list[str]) -> None:
    assert flagged("LN304", body) == words


@pytest.mark.parametrize("body", [
    "The carmaker's quarterly profit fell 37% on weak demand in China.",
    "Toyota's operating profit fell 37 percent in the quarter.",
    "The airline blamed fuel costs for a 40% drop in profit.",
    "The bank reported a 12 percent rise in lending.",
    "Rivera won 52% of the vote.",
    "The 42-year-old scored twice in the second half.",
    "Tickets cost $40 per person.",
])
def test_a_subject_that_owns_the_figure_and_background_figures(body: str) -> None:
    assert flagged("LN304", body) == []


# -- LN303: the effect of a decision forecast as fact -------------------------------------------

@pytest.mark.parametrize(("body", "words"), [
    ("The tariffs will hurt farmers in the Midwest.", ["will hurt farmers"]),
    ("The plan will cost jobs in the coal industry.", ["will cost jobs"]),
    ("The new rules will drive up prices for renters.", ["will drive up prices"]),
    ("The merger will lead to job losses.", ["will lead to job losses"]),
])
def test_forecasts_of_effects_stated_as_fact(body: str, words: list[str]) -> None:
    assert flagged("LN303", body) == words


@pytest.mark.parametrize("body", [
    "The tariffs will hurt farmers in the Midwest, the farm bureau said.",
    "The bridge will cost $40 million and open in 2027.",
    "The storm will hit the coast on Tuesday, forecasters at the Met Office said.",
    "The new album will hit shelves in June.",
    "The company will cut 200 jobs, a spokeswoman said.",
])
def test_sourced_or_scheduled_effects_are_not_forecasts(body: str) -> None:
    assert flagged("LN303", body) == []


@pytest.mark.parametrize("body", [
    "The ministry said all the passengers were adults. Officials said most were injured.",
    "According to the Gazette, officials warned the council last year.",
    "AFP, citing sources close to the investigation, said the man had fled.",
    "The council met for three hours. The budget is short, officials said.",
    "The fire at the hospital killed three people, officials said.",
])
def test_anonymous_sources_relayed_or_explained_by_a_named_one(body: str) -> None:
    assert flagged("LN307", body) == []


def test_a_record_in_a_match_report_is_not_an_unsourced_statistic() -> None:
    text = ("---\nsection: football\n---\n\n# Kane double sinks Rovers\n\n"
            "Kane scored twice, taking his tally to 30, the highest total since 1995.\n")
    news = text.replace("section: football", "section: news")
    assert [f.code for f in lint_text(news, "a.md", select=("LN304",), rules=RULES)] == ["LN304"]
    assert lint_text(text, "a.md", select=("LN304",), rules=RULES) == []


def test_reports_whose_source_is_named_are_not_hearsay() -> None:
    from lintnews.api import lint_text

    text = ("Headline\n\nAccording to reports from the interior ministry, 20,000 people "
            "attended.\n\nThe square was full by noon.\n\nThe rally ended at six.\n\n"
            "According to reports, 60,000 people attended.\n")
    found = [text[f.offset:f.end_offset] for f in lint_text(text, "a.txt", select=("LN306",))]
    assert found == ["According to reports"]
    assert text.index("According to reports, 60") == next(
        f.offset for f in lint_text(text, "a.txt", select=("LN306",)))
