"""Choosing rules as ruff does: --select, --extend-select and --ignore, on the command line and
in the config.

The default selection is every rule enabled by default. A `select` replaces it (and turns on
what it names, rules off by default included); `extend-select` adds to it; within one source
(the config, or the command line) the most specific selector wins, and `ignore` wins a tie.
The command line comes after the config: its `--select` replaces the config's selection, its
`--extend-select` and `--ignore` adjust it.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from helpers import invoke

from lintnews.engine.rule_types import Example, RuleMeta, Severity

# LN101 (on by default), LN206 (on), LN210 (off by default), LN697 'very' (off by default).
ARTICLE = ("Title\n\n"
           "The stakes are impossible to understate.\n\n"
           "The minister admitted that the project was over budget.\n\n"
           "The so-called plan was very late.\n")
OFF_BY_DEFAULT = {"LN210", "LN697"}

pytestmark = pytest.mark.usefixtures("rules_loaded_once")




def codes(*args: str) -> set[str]:
    result = invoke("check", "--format", "json", "--fail-on", "never", *args)
    assert result.exit_code == 0, result.output
    return {f["code"] for f in json.loads(result.stdout)["findings"]}


@pytest.fixture
def article(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "a.md"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def configure(article: Path, toml: str) -> None:
    (article.parent / "lintnews.toml").write_text(toml, encoding="utf-8")


def test_the_default_selection_leaves_rules_that_are_off_by_default_off(article: Path):
    found = codes(str(article))
    assert {"LN101", "LN206"} <= found
    assert not found & OFF_BY_DEFAULT


@pytest.mark.parametrize(("token", "turned_on"), [
    ("LN6", {"LN697"}),            # a code prefix
    ("LN69", {"LN697"}),
    ("LN2", {"LN210", "LN206"}),
    ("style", {"LN697"}),          # a category
    ("loaded-language", {"LN210"}),
    ("proselint-weasel-words-very", {"LN697"}),  # a rule name
    ("ALL", {"LN101", "LN206", "LN210", "LN697"}),
])
def test_a_select_turns_on_every_rule_it_matches(article: Path, token: str,
                                                 turned_on: set[str]):
    assert turned_on <= codes("--select", token, str(article))


def test_a_select_replaces_the_default_selection(article: Path):
    found = codes("--select", "LN6", str(article))
    assert found and all(code.startswith("LN6") for code in found)


def test_select_in_the_config_turns_on_rules_off_by_default(article: Path):
    configure(article, 'select = ["LN2", "LN69"]\n')
    found = codes(str(article))
    assert {"LN206", "LN210", "LN697"} <= found
    assert "LN101" not in found


def test_extend_select_adds_to_the_default_selection(article: Path):
    found = codes("--extend-select", "LN697", str(article))
    assert {"LN101", "LN206", "LN697"} <= found
    assert "LN210" not in found


def test_extend_select_in_the_config_adds_to_the_default_selection(article: Path):
    configure(article, 'extend-select = ["judging-verb-of-saying"]\n')
    found = codes(str(article))
    assert {"LN101", "LN206", "LN210"} <= found
    assert "LN697" not in found


def test_extend_select_adds_to_the_configs_select(article: Path):
    configure(article, 'select = ["LN1"]\nextend-select = ["LN697"]\n')
    found = codes(str(article))
    assert {"LN101", "LN697"} <= found
    assert "LN206" not in found


def test_the_more_specific_selector_wins(article: Path):
    # A code beats a prefix, either way round.
    found = codes("--select", "LN2", "--ignore", "LN210", str(article))
    assert "LN206" in found and "LN210" not in found
    found = codes("--select", "LN210", "--ignore", "LN2", str(article))
    assert "LN210" in found and "LN206" not in found
    # A longer prefix beats a shorter one, and a category beats ALL.
    found = codes("--select", "ALL", "--ignore", "style", "--extend-select", "LN69",
                  str(article))
    assert {"LN101", "LN210", "LN697"} <= found
    assert not {f for f in found if f.startswith("LN5")}


def test_ignore_wins_a_tie(article: Path):
    found = codes("--select", "LN697,LN101", "--ignore", "proselint-weasel-words-very",
                  str(article))
    assert found == {"LN101"}


def test_the_command_line_select_replaces_the_config_selection(article: Path):
    # As in ruff's documentation: with `ignore = ["F401"]` in the config, `--select F401`
    # enforces F401.
    configure(article, 'select = ["LN2"]\nignore = ["LN206"]\n')
    assert codes("--select", "LN206", str(article)) == {"LN206"}


def test_the_command_line_adjusts_the_config_selection(article: Path):
    configure(article, 'select = ["LN2", "LN697"]\nignore = ["LN206"]\n')
    found = codes("--extend-select", "LN101", str(article))
    assert {"LN101", "LN210", "LN697"} <= found and "LN206" not in found
    # A later source's ignore wins over an earlier source's more specific select.
    found = codes("--ignore", "LN6", str(article))
    assert "LN210" in found and "LN697" not in found


def test_directives_and_per_path_ignores_still_silence_a_selected_rule(article: Path):
    article.write_text(ARTICLE.replace("The so-called", "<!-- lintnews: disable-next-line "
                                       "LN697 -->\nThe so-called"), encoding="utf-8")
    found = codes("--select", "LN2,LN6", str(article))
    assert "LN697" not in found and {"LN206", "LN210"} <= found
    configure(article, 'select = ["LN2"]\n[per-path-ignores]\n"a.md" = ["LN210"]\n')
    assert "LN210" not in codes(str(article))


@pytest.mark.parametrize("where", ["command line", "config"])
def test_an_unknown_extend_select_token_is_a_usage_error(article: Path, where: str):
    if where == "config":
        configure(article, 'extend-select = ["LN999"]\n')
        result = invoke("check", str(article))
        assert "extend-select" in result.stderr
    else:
        result = invoke("check", "--extend-select", "LN999", str(article))
        assert "--extend-select" in result.stderr
    assert result.exit_code == 2
    assert "LN999" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def _listed(*args: str) -> dict[str, dict]:
    result = invoke("rules", "--format", "json", *args)
    assert result.exit_code == 0, result.output
    return {rule["code"]: rule for rule in json.loads(result.stdout)}


def test_rules_says_which_rules_are_on_under_the_config(article: Path):
    listed = _listed()
    assert listed["LN101"]["selected"] and not listed["LN697"]["selected"]
    assert not listed["LN697"]["enabled"]  # still: off by default
    configure(article, 'extend-select = ["LN69"]\nignore = ["LN101"]\n')
    listed = _listed()
    assert listed["LN697"]["selected"] and not listed["LN101"]["selected"]
    assert listed["LN206"]["selected"]
    assert not listed["LN697"]["enabled"]
    text = invoke("rules").stdout
    line_for = {line.split()[0]: line for line in text.splitlines()
                if re.match(r"LN\d+ ", line)}
    assert "(off)" in line_for["LN101"]
    assert "(on; off by default)" in line_for["LN697"]
    assert "(off by default)" in line_for["LN210"]
    assert "(off" not in line_for["LN206"]


def test_rules_takes_the_selection_options_of_check(article: Path):
    listed = _listed("--select", "LN2", "--ignore", "LN206")
    assert listed["LN210"]["selected"] and not listed["LN206"]["selected"]
    assert not listed["LN101"]["selected"]


def _meta(code: str, name: str, category: str, enabled: bool = True) -> RuleMeta:
    return RuleMeta(code, name, category, Severity.INFO, "", "", "", "test",
                    (Example("x", True),), enabled_by_default=enabled)


def test_resolution_layer_by_layer():
    from lintnews.engine.selection import SelectionLayer, resolve_selection

    metas = [_meta("XY101", "one", "logic"), _meta("XY102", "two", "logic", enabled=False),
             _meta("XY201", "three", "style", enabled=False)]
    assert resolve_selection(metas, []) == {"XY101"}
    assert resolve_selection(metas, [SelectionLayer(select=("XY",))]) == {
        "XY101", "XY102", "XY201"}
    assert resolve_selection(metas, [SelectionLayer(select=("ALL",), ignore=("logic",)),
                                     SelectionLayer(extend_select=("two",))]) == {
        "XY102", "XY201"}
    # Within a source, a category ("logic") is more specific than a bare code prefix ("XY")
    # and less specific than a numbered prefix ("XY1").
    assert resolve_selection(metas, [SelectionLayer(select=("logic",), ignore=("XY",))]) == {
        "XY101", "XY102"}
    assert resolve_selection(metas, [SelectionLayer(select=("XY1",), ignore=("logic",))]) == {
        "XY101", "XY102"}
    assert resolve_selection(metas, [SelectionLayer(ignore=("XY1",))]) == set()


README = Path(__file__).resolve().parent.parent / "README.md"


def test_the_readme_worked_example(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    section = README.read_text(encoding="utf-8").split("### Choosing rules\n", 1)[1]
    section = section.split("\n## ", 1)[0]
    config = re.search(r"```toml\n(.*?)```", section, re.DOTALL)
    article = re.search(r"```markdown\n(.*?)```", section, re.DOTALL)
    assert config and article
    (tmp_path / "lintnews.toml").write_text(config.group(1), encoding="utf-8")
    (tmp_path / "example.md").write_text(article.group(1), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    rows = re.findall(r"^\| `lintnews check ([^`]*)` \| ([^|]*) \|$", section, re.MULTILINE)
    assert len(rows) == 4
    for arguments, reports in rows:
        expected = set(re.findall(r"LN\d+", reports.split("(", 1)[0]))
        assert codes(*arguments.split()) == expected, arguments
