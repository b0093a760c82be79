"""The loaded-language lexicon (rules/lexicon.tsv, rules LN211-LN221): data a newsroom can
read, extend and override, matched with the same context rules as the hand-written rules."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from lintnews.api import lint_text
from lintnews.cli import main
from lintnews.config import Settings
from lintnews.engine.lexicon import (
    CLASSES,
    LexiconError,
    builtin_lexicon_path,
    load_lexicon,
    read_lexicon,
)
from lintnews.ruleset import load_rules

ROOT = Path(__file__).resolve().parent.parent
RULES = load_rules()
DEFAULT_ON = tuple(f"LN{n}" for n in range(211, 222))  # LN222 is off by default
HEADER = "lemma\tpos\tclass\tseverity\tneutral\tneutral_before\tneutral_after\tsource\n"


def flagged(body: str, settings: Settings | None = None) -> list[tuple[str, str, str]]:
    text = f"Headline\n\n{body}\n"
    return [(f.code, text[f.offset:f.end_offset], str(f.severity))
            for f in lint_text(text, "a.txt", settings=settings, select=DEFAULT_ON, rules=RULES)]


def test_the_built_in_lexicon_is_what_the_reviewed_sheets_build() -> None:
    result = subprocess.run([sys.executable, str(ROOT / "tools" / "build_lexicon.py"),
                             "--check"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_every_entry_is_complete_and_every_class_has_a_rule() -> None:
    entries = read_lexicon(builtin_lexicon_path().read_text(encoding="utf-8"), "lexicon.tsv")
    assert entries
    assert all(e.source and e.forms for e in entries)
    codes = {r.meta.code: r.meta.name for r in RULES}
    assert {f"lexicon-{kind}" for kind in CLASSES} <= set(codes.values())


@pytest.mark.parametrize(("body", "found"), [
    ("Republicans torpedoed the bill on Thursday.", [("LN219", "torpedoed", "warning")]),
    ("The senator was ranting about the budget.", [("LN218", "ranting", "warning")]),
    ("The strike caused collateral damage in the village.",
     [("LN220", "collateral damage", "warning")]),
    # a determiner makes the verb's form a noun: the weapon, not the political act
    ("The submarine fired a torpedo at the ship.", []),
    # ...but a participle after one is an adjective
    ("A ranting caller phoned the station.", [("LN218", "ranting", "warning")]),
    # a dramatising verb is loaded of a political act, literal of a thing
    ("The submarine torpedoed the tanker in 1942.", []),
    ("The ruling torpedoed hopes of a deal.", [("LN219", "torpedoed", "warning")]),
    # in a name or a title, mentioned, or quoted: not the writer's word
    ("She joined the Draconian Society in 1990.", []),
    ("He called the rules draconian.", []),
    ("Trump insulted Biden as draconian and weak.", []),
    ("Experts called this draconian in interviews.", []),
    ("The mayor countered that the rules were draconian.", []),
    ("\"These rules are draconian,\" the senator said.", []),
    # inside what a named source is reported as saying: the source's word...
    ("Senator Ruiz said the rules were draconian.", []),
    # ...but the writer's stance stays the writer's
    ("Senator Ruiz said the rules were frankly unworkable.", [("LN214", "frankly", "warning")]),
])
def test_lexicon_entries_in_context(body: str, found: list[tuple[str, str, str]]) -> None:
    assert flagged(body) == found


def test_a_suggestion_comes_from_the_entry() -> None:
    text = "Headline\n\nThe new rules for protests are draconian.\n"
    [finding] = lint_text(text, "a.txt", select=("LN212",), rules=RULES)
    assert finding.suggestions == ("strict", "harsh")


HOUSE = HEADER + (
    "shambolic\tADJ\tevaluative\twarning\tdisorganised\t\t\thouse style\n"
    "skewer\tVERB\tdramatising-verb\twarning\tcriticised\t\tkebab kebabs\thouse style\n"
    "feisty\tADJ\tevaluative\tinfo\t\t\t\thouse style: often fair\n"
    "draconian\tADJ\tevaluative\toff\t\t\t\thouse style: we allow it\n")


def test_a_newsroom_adds_entries_and_overrides_built_in_ones(tmp_path: Path) -> None:
    (tmp_path / "lexicon.tsv").write_text(HOUSE, encoding="utf-8")
    (tmp_path / "lintnews.toml").write_text('lexicon = ["lexicon.tsv"]\n', encoding="utf-8")
    from lintnews.config import load_config_file

    settings = load_config_file(tmp_path / "lintnews.toml")
    assert settings is not None
    body = ("The shambolic launch angered staff. The columnist skewered the minister. "
            "He skewers kebabs for a living. The draconian rules stay. A feisty debate.")
    assert flagged(body, settings) == [("LN212", "shambolic", "warning"),
                                       ("LN219", "skewered", "warning")]
    # an info entry is for LN222, off unless selected
    text = f"Headline\n\n{body}\n"
    assert [(f.code, text[f.offset:f.end_offset]) for f in lint_text(
        text, "a.txt", settings=settings, select=("LN222",), rules=RULES)] == \
        [("LN222", "feisty")]


def test_a_broken_house_lexicon_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "lexicon.tsv").write_text(HEADER + "blah\tADJ\tnonsense\twarning\n",
                                          encoding="utf-8")
    (tmp_path / "lintnews.toml").write_text('lexicon = ["lexicon.tsv"]\n', encoding="utf-8")
    (tmp_path / "a.md").write_text("# Title\n\nText.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(tmp_path / "a.md")])
    assert result.exit_code == 2
    assert "lexicon.tsv: row 2 (blah): class must be one of" in result.output
    assert "Traceback" not in result.output
    with pytest.raises(LexiconError, match="class must be one of"):
        load_lexicon((tmp_path / "lexicon.tsv",))


def test_the_readme_house_lexicon_works_as_written(tmp_path: Path) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("### The loaded-language lexicon"):]
    config = section[section.index("```toml\n") + 8:]
    config = config[:config.index("```")]
    table = section[section.index("```text\n") + 8:]
    table = table[:table.index("```")]
    (tmp_path / "style").mkdir()
    (tmp_path / "style" / "lexicon.tsv").write_text(table, encoding="utf-8")
    (tmp_path / "lintnews.toml").write_text(config, encoding="utf-8")
    (tmp_path / "a.md").write_text("# Launch\n\nThe shambolic launch used draconian rules.\n",
                                   encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--format", "json", str(tmp_path / "a.md")])
    import json

    found = [(f["code"], f["suggestions"]) for f in json.loads(result.stdout)["findings"]]
    assert found == [("LN212", ["disorganised"])]


def test_a_statement_in_the_first_person_is_the_speakers_even_its_stance() -> None:
    text = ("Candidates make their case\n\nThe candidates sent statements to the paper.\n\n"
            "To voters who rightly fear inflation, I say we can cut spending. We will.\n\n"
            "The election is on November 3.\n")
    assert [f.code for f in lint_text(text, "a.txt", select=DEFAULT_ON, rules=RULES)] == []
    column = "Headline\n\nThe minister frankly failed.\n"
    assert [f.code for f in lint_text(column, "a.txt", select=DEFAULT_ON, rules=RULES)] == \
        ["LN214"]


def cluster_findings(body: str) -> list[tuple[str, str]]:
    """The lexicon's findings with the default rule selection."""
    text = f"Headline\n\n{body}\n"
    return [(f.code, text[f.offset:f.end_offset]) for f in lint_text(text, "a.txt", rules=RULES)
            if f.code.startswith("LN2")]


def test_an_often_defensible_word_is_queried_only_beside_another_loaded_word() -> None:
    # alone, "bold" is fair (info, off by default)
    assert cluster_findings("The mayor gave a bold speech on Monday.") == []
    # beside "reckless" in the writer's voice it is part of a verdict
    assert cluster_findings("The mayor's bold plan is a reckless gamble with public money.") \
        == [("LN223", "bold"), ("LN212", "reckless")]
    # two often-defensible words together are a cluster too
    assert cluster_findings("It was a bold and controversial speech.") == \
        [("LN223", "bold"), ("LN223", "controversial")]
    # political labels side by side describe positions: not a verdict
    assert cluster_findings("The radical proposal found support among leftist students.") == []
    # the other word in the next sentence, in a quotation, or in a named source's reported
    # speech is not the writer's: no cluster
    assert cluster_findings("The mayor gave a bold speech. Critics found it reckless.") == \
        [("LN212", "reckless")]
    assert cluster_findings('The bold plan was "reckless", Senator Ruiz said.') == []
    assert cluster_findings("Senator Ruiz said the bold plan was reckless.") == []


@pytest.mark.parametrize("body", [
    "The court jailed the singer on charges of debauchery and inciting immorality.",
    "Prosecutors accused the minister of hypocrisy.",
    "He was jailed for immoral behaviour in 2019.",
])
def test_a_word_that_names_a_charge_is_not_the_writers_verdict(body: str) -> None:
    assert flagged(body) == []


def test_the_same_word_as_the_writers_verdict_is_flagged() -> None:
    assert flagged("The minister's speech was pure hypocrisy.") == \
        [("LN212", "hypocrisy", "warning")]


def test_a_phrase_with_an_apostrophe_matches() -> None:
    assert flagged("The club paid a king's ransom for the striker.") == \
        [("LN215", "a king's ransom", "warning")]
    assert flagged("The club paid a king’s ransom for the striker.") == \
        [("LN215", "a king’s ransom", "warning")]


def test_a_dramatising_verb_of_people_or_a_group_is_figurative() -> None:
    assert flagged("The senator vilified migrants throughout the campaign.") == \
        [("LN219", "vilified", "warning")]
    assert flagged("The butcher butchered the chickens before dawn.") == []


@pytest.mark.parametrize("body", [
    # a term in quote marks is mentioned, not used: someone else's word
    'The president again attacked the "fifth column" at the rally.',
    # a viewpoint adjunct makes the sentence someone's view
    "To the Kremlin, the protesters are a sinister fifth column.",
    "In the union's view, the offer is a draconian cut.",
    # the word names an accusation, even in a list
    "Ministers face critics accusing them of being selfish, greedy and unpatriotic.",
])
def test_words_that_are_not_the_writers_own(body: str) -> None:
    assert [f for f in flagged(body) if f[0] != "LN223"] == []


def test_a_place_before_a_comma_is_no_point_of_view() -> None:
    assert flagged("In Paris, the draconian rules took effect.") == \
        [("LN212", "draconian", "warning")]


def test_every_word_a_lexicon_rule_names_as_an_example_is_found() -> None:
    """A rule's documentation must not promise a word its lexicon lacks ("callous" was once
    named as an example of LN212 and was in no sheet)."""
    import re

    entries = read_lexicon(builtin_lexicon_path().read_text(encoding="utf-8"), "lexicon.tsv")
    forms = {form for e in entries for form in e.forms}
    hand_written = (ROOT / "rules" / "loaded-language.toml").read_text(encoding="utf-8")
    for rule in RULES:
        if rule.meta.name.startswith("lexicon-"):
            doc = " ".join([rule.meta.summary, rule.check.__doc__ or ""])
            for word in re.findall(r"[\"']([a-z][a-z-]+)[\"']", doc):
                assert word in forms or f'"{word}"' in hand_written, (rule.meta.code, word)


def test_a_hand_written_rules_finding_is_company_too() -> None:
    # "slammed" is LN202's (rules/loaded-language.toml), not the lexicon's
    assert cluster_findings("The mayor's bold plan was slammed by opponents.") == \
        [("LN223", "bold"), ("LN202", "slammed")]
    # a finding of another category (a forecast) is not loaded wording
    assert cluster_findings("The mayor's bold plan will fail.") == []

@pytest.mark.parametrize(("body", "found"), [
    # epithets and labels from the partisan sheet (guide-5), in the writer's voice
    ("Trumptards packed the hall on Saturday.", [("LN216", "Trumptards", "error")]),
    ("The proposal was opposed by anti-gun groups.", [("LN217", "anti-gun", "warning")]),
    ("The governor blamed welfare queens for the deficit.",
     [("LN216", "welfare queens", "warning")]),  # a phrase entry's plural
    ("Wuhan virus cases rose again on Tuesday.", [("LN217", "Wuhan virus", "warning")]),
    ("The radical left has taken over the party.", [("LN217", "radical left", "warning")]),
    ("The Democrat-led House passed the bill.", [("LN217", "Democrat-led", "warning")]),
    # their neutral senses and neighbours
    ("The radical left party Syriza won 36 percent of the vote.", []),
    ("An anti-gun violence group marched on the capitol.", []),
    ("Chinese virus experts met in Geneva on Monday.", []),
    ("The Donald Trump administration appealed the ruling.", []),
    ("The Brazilian left winger scored twice in the second half.", []),
    ("He woke up at six and woke his brother.", []),
    # "woke" the label is an adjective; the verb has a subject before it or an object after it
    ("The brand has gone woke and lost customers.", [("LN216", "woke", "warning")]),
    ("The storm woke thousands of people.", []),
    ("Residents woke to the sound of sirens.", []),
    ("Senator Ruiz called the protesters tree-huggers.", []),  # mentioned, not used
])
def test_partisan_vocabulary(body: str, found: list[tuple[str, str, str]]) -> None:
    assert flagged(body) == found


def test_a_phrase_ending_in_a_noun_matches_its_plural() -> None:
    from lintnews.engine.lexicon import forms_of

    assert "witch hunts" in forms_of("witch hunt", "PHRASE")
    assert "storm outs" not in forms_of("storm out", "PHRASE")  # a particle, not a noun


@pytest.mark.parametrize(("body", "found"), [
    # a label capitalised by nature (its lemma has capitals in the sheet) is no name mid-sentence
    ("The two RINO senators blocked the bill on Tuesday.", [("LN216", "RINO", "warning")]),
    ("He blamed the Chinese virus for the losses.",
     [("LN217", "Chinese virus", "warning")]),
    ("Several local Democrat lawmakers opposed the plan.",
     [("LN217", "Democrat lawmakers", "warning")]),
    ("Officials in Tokyo said the word Japs was painted on the wall.", []),  # mentioned
    # written without the lemma's capitals, a capitalised word is still a name
    ("The coach praised Rino Gattuso after the match on Sunday.", []),
    # another party's word makes the same words a name
    ("The Liberal Democrat candidate won the by-election.", []),
    # a lower-case lemma is skipped as a name or a title, as before
    ("Guests stayed at the Iconic Hotel on Friday.", []),
])
def test_labels_capitalised_by_nature(body: str, found: list[tuple[str, str, str]]) -> None:
    assert flagged(body) == found


def test_a_labels_own_capitals_do_not_capitalise_its_suggestion() -> None:
    text = "Headline\n\nHe blamed the Chinese virus for the losses.\n"
    [finding] = lint_text(text, "a.txt", select=DEFAULT_ON, rules=RULES)
    assert finding.suggestions[0] == "coronavirus"


def test_a_house_lexicons_lower_case_lemma_behaves_as_before(tmp_path: Path) -> None:
    """The capitals are the marker: a house file that writes "rino" in lower case overrides the
    built-in "RINO" and is skipped, capitalised mid-sentence, as a name would be."""
    (tmp_path / "lexicon.tsv").write_text(
        HEADER + "rino\tNOUN\tpejorative\twarning\tRepublican\t\t\thouse style\n"
        "Grifter\tNOUN\tpejorative\twarning\t\t\t\thouse style\n", encoding="utf-8")
    settings = Settings(lexicons=(tmp_path / "lexicon.tsv",))
    assert flagged("The two RINO senators blocked the bill on Tuesday.", settings) == []
    assert flagged("The two rino senators blocked the bill on Tuesday.", settings) == \
        [("LN216", "rino", "warning")]
    # and a house file that writes a lemma with capitals marks it as a label
    assert flagged("The two Grifter senators blocked the bill on Tuesday.", settings) == \
        [("LN216", "Grifter", "warning")]
    entries = {e.lemma: e for e in read_lexicon(
        (tmp_path / "lexicon.tsv").read_text(encoding="utf-8"), "lexicon.tsv")}
    assert entries["rino"].written == "" and entries["grifter"].written == "Grifter"
