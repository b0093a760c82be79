"""[language] spelling: lintnews' own messages and suggestions in American (the default, for
AP desks) or British spelling. The article's words and a newsroom's own packs are untouched."""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest
from helpers import run_lintnews

from lintnews.api import lint_text
from lintnews.config import Settings
from lintnews.ruleset import load_rules

ROOT = Path(__file__).resolve().parent.parent
RULES = load_rules()
SLAMMED = "Headline\n\nThe opposition leader slammed the budget on Monday.\n"


def _ln202(text: str, settings: Settings | None = None):
    [finding] = lint_text(text, "a.txt", settings=settings, select=("LN202",), rules=RULES)
    return finding


def test_suggestions_and_messages_are_american_by_default() -> None:
    finding = _ln202(SLAMMED)
    assert finding.suggestions == ("criticized",)
    assert "editorializes" in finding.message and "'criticized'" in finding.message
    assert "criticised" not in finding.message and "editorialises" not in finding.message


def test_british_spelling_on_request() -> None:
    finding = _ln202(SLAMMED, Settings(spelling="uk"))
    assert finding.suggestions == ("criticised",)
    assert "editorialises" in finding.message and "'criticised'" in finding.message


def test_case_of_the_flagged_word_is_kept() -> None:
    finding = _ln202("Headline\n\nSlammed by critics, the minister resigned.\n")
    assert finding.suggestions == ("Criticized",)


def test_the_articles_own_words_are_never_respelled() -> None:
    """The message quotes the flagged text as written, in either setting."""
    text = "Headline\n\nThe council's decision was, needless to say, criticised.\n"
    for spelling in ("us", "uk"):
        findings = lint_text(text, "a.txt", settings=Settings(spelling=spelling), rules=RULES,
                             select=("LN208",))
        assert [f.message.split("'")[1] for f in findings] == ["needless to say"]
    text = "Headline\n\nThe organisation slammed the plan.\n"
    finding = _ln202(text, Settings(spelling="us"))
    assert "'slammed'" in finding.message


@pytest.mark.parametrize(("where", "body"), [
    ("lintnews.toml", '[language]\nspelling = "{}"\n'),
    ("pyproject.toml", '[tool.lintnews.language]\nspelling = "{}"\n'),
])
def test_spelling_from_the_config_file(tmp_path: Path, where: str, body: str) -> None:
    (tmp_path / "a.txt").write_text(SLAMMED, encoding="utf-8")
    for spelling, word in (("uk", "criticised"), ("us", "criticized")):
        (tmp_path / where).write_text(body.format(spelling), encoding="utf-8")
        proc = run_lintnews("check", "--format", "json", "--select", "LN202", "a.txt", cwd=tmp_path)
        assert proc.returncode == 1, proc.stderr
        [finding] = json.loads(proc.stdout)["findings"]
        assert finding["suggestions"] == [word]


@pytest.mark.parametrize(("body", "needle"), [
    ('[language]\nspelling = "british"\n', "language.spelling"),
    ('[language]\nspelling = 1\n', "language.spelling"),
    ('[language]\nspeling = "uk"\n', "language.speling"),
    ('language = "uk"\n', "language"),
])
def test_a_bad_spelling_setting_is_a_config_error(tmp_path: Path, body: str, needle: str) -> None:
    config = tmp_path / "lintnews.toml"
    config.write_text(body, encoding="utf-8")
    (tmp_path / "a.txt").write_text(SLAMMED, encoding="utf-8")
    proc = run_lintnews("check", "a.txt", cwd=tmp_path)
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in proc.stderr, proc.stderr
    assert "lintnews.toml" in lines[0] and needle in lines[0], lines[0]


def test_a_house_pack_keeps_its_own_spelling(tmp_path: Path) -> None:
    (tmp_path / "house.toml").write_text(
        '[[rule]]\ncode = "HOUSE01"\nname = "house-color"\ncategory = "style"\n'
        'type = "substitution"\nmessage = "House style: the colour is {suggestion}."\n'
        'swap = { "color" = "colour" }\n', encoding="utf-8")
    [finding] = lint_text("Headline\n\nThe color of the flag.\n", "a.txt",
                          settings=Settings(rule_packs=(tmp_path,)), select=("HOUSE01",))
    assert finding.suggestions == ("colour",)
    assert "colour" in finding.message


# -- every built-in text, in both spellings -------------------------------------------------

# A British spelling looks like one of these; the American forms of the words that match but
# are spelled the same in both (comprise, surprise, improvise…) are listed.
_BRITISH_RE = re.compile(r"\b\w+(?:is(?:e|es|ed|ing|ation|ations)|our(?:s|ed|ing|ite|able)?|"
                         r"tre|tres|yse|ysed|elled|elling)\b|\b(?:judgement|defence|offence)",
                         re.IGNORECASE)
_SAME_IN_BOTH = {
    "advise", "advised", "comprise", "comprises", "improvise", "surmise", "surprise",
    "surprised", "exercise", "exercised", "revise", "revised", "supervise", "televise",
    "otherwise", "precise", "concise", "premise", "promise", "promised", "raise", "raised",
    "rise", "rises", "arise", "arises", "noise", "praise", "wise", "likewise", "lengthwise",
    "clockwise", "expertise", "enterprise", "franchise", "compromise", "despise", "devise",
    "disguise", "merchandise", "chrysalises", "four", "your", "yours", "our", "ours", "hour",
    "hours", "pour", "pouring", "tour", "tours", "flour", "sour", "glamour", "contour",
    "detour", "paramour", "troubadour", "amour", "centre-right", "poise", "cruise", "bruise",
    "reprise", "demise", "incise", "excise", "treatise", "spelling", "misspelling", "selling",
    "telling", "dwelling", "smelling", "swelling", "compelling", "excelling", "expelling",
    "propelling", "repelling", "quelling", "yelling", "être", "maître",
}


def _texts(rule, spelling: str) -> list[str]:
    from lintnews.engine.spelling import respell

    texts = [rule.message]
    texts += [s for swap in rule.swaps for s in swap.suggestions]
    return [respell(t, spelling) for t in texts]


BUILTIN = [r for r in RULES if r.meta.pack.startswith("builtin:") and hasattr(r, "swaps")]


def test_every_builtin_message_and_suggestion_is_american_by_default() -> None:
    british = sorted({m.group() for rule in BUILTIN for text in _texts(rule, "us")
                      for m in _BRITISH_RE.finditer(text)
                      if m.group().lower() not in _SAME_IN_BOTH})
    assert british == []


def test_no_suggestion_is_respelled_into_the_word_it_replaces() -> None:
    """'glamor' → 'glamour' (proselint) must not become 'glamor' → 'glamor' in any spelling."""
    from lintnews.engine.spelling import respell

    for rule in BUILTIN:
        for swap in rule.swaps:
            for suggestion in swap.suggestions:
                for spelling in ("us", "uk"):
                    respelled = respell(suggestion, spelling)
                    if respelled != suggestion:
                        assert not rule.pattern.fullmatch(respelled), (rule.meta.code, suggestion)


def test_code_rules_write_their_messages_in_words_spelled_alike_in_both() -> None:
    """Code rules quote the article inside their messages, so they are not respelled: their
    own words must read the same in both spellings."""
    from lintnews.engine.spelling import respell

    for path in sorted((ROOT / "lintnews" / "checks").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "Hit":
                for arg in node.args[2:]:
                    for const in ast.walk(arg):
                        if isinstance(const, ast.Constant) and isinstance(const.value, str):
                            for spelling in ("us", "uk"):
                                assert respell(const.value, spelling) == const.value, (
                                    path.name, const.value)


def test_respell_whole_words_keeping_case() -> None:
    from lintnews.engine.spelling import respell

    assert respell("Criticised the colour; CRITICISED it.", "us") == \
        "Criticized the color; CRITICIZED it."
    assert respell("the judgment of the organization", "uk") == \
        "the judgement of the organisation"
    assert respell("colourful discolouring", "us") == "colorful discolouring"
    assert respell("criticised", "uk") == "criticised"


def test_the_readme_configuration_example_works_as_written(tmp_path: Path) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Configuration"):]
    start = section.index("```toml\n") + len("```toml\n")
    block = section[start:section.index("\n```", start)]
    assert '[language]\nspelling = "us"' in block
    (tmp_path / "style" / "house").mkdir(parents=True)
    (tmp_path / "lintnews.toml").write_text(block.replace('spelling = "us"', 'spelling = "uk"'),
                                            encoding="utf-8")
    (tmp_path / "a.txt").write_text(SLAMMED, encoding="utf-8")
    proc = run_lintnews("check", "--format", "json", "a.txt", cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr
    [finding] = [f for f in json.loads(proc.stdout)["findings"] if f["code"] == "LN202"]
    assert finding["suggestions"] == ["criticised"]
