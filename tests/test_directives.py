"""LN590 invalid-directive: an inline directive that cannot do what it says is reported, as
ruff reports an unknown `noqa` code (RUF100), instead of silently suppressing nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import invoke

pytestmark = pytest.mark.usefixtures("rules_loaded_once")
SLIP = "It is impossible to understate."  # LN101


def check(folder: Path, text: str, *args: str) -> tuple[int, list[dict]]:
    path = folder / "a.md"
    path.write_text(text, encoding="utf-8")
    result = invoke("check", "--format", "json", *args, str(path))
    assert result.exit_code in (0, 1), result.output
    return result.exit_code, json.loads(result.stdout)["findings"]


def invalid(findings: list[dict]) -> list[tuple[int, int, str]]:
    return [(f["line"], f["column"], f["message"]) for f in findings if f["code"] == "LN590"]


@pytest.mark.parametrize("token", ["LN9999", "LN9", "misnegatoin", "loaded_language"])
def test_unknown_code_in_a_directive_is_reported(tmp_path: Path, token: str) -> None:
    text = f"Title\n\n<!-- lintnews: disable-next-line LN101,{token} -->\n{SLIP}\n"
    code, findings = check(tmp_path, text)
    [(line, column, message)] = invalid(findings)
    assert (line, column) == (3, text.splitlines()[2].index(token) + 1)  # at the token
    assert f"'{token}'" in message
    assert code == 1  # a warning
    assert "LN101" not in {f["code"] for f in findings}  # the known code still works


@pytest.mark.parametrize("verb", ["disable-line", "disabel", "enable-next-line", "ignore"])
def test_misspelled_verb_is_reported_and_suppresses_nothing(tmp_path: Path, verb: str) -> None:
    text = f"Title\n\n<!-- lintnews: {verb} LN101 -->\n{SLIP}\n\nMore text.\n\n{SLIP}\n"
    _, findings = check(tmp_path, text)
    [(line, column, message)] = invalid(findings)
    assert (line, column) == (3, 1)
    assert f"'{verb}'" in message
    assert [f["line"] for f in findings if f["code"] == "LN101"] == [4, 8]


@pytest.mark.parametrize("directive", [
    "<!-- lintnews: disable-next-line LN101 -->",
    "<!-- lintnews: disable-next-line LN1 -->",
    "<!-- lintnews: disable-next-line misnegation -->",
    "<!-- lintnews: disable-next-line logic -->",
    "<!-- lintnews: disable-next-line ALL -->",
    "<!-- lintnews: disable-next-line -->",
    "<!-- LINTNEWS: Disable-Next-Line ln101 -->",
    "<!--lintnews:disable-next-line LN101, LN204-->",
    "<!-- lintnews: disable LN101 -->",
    "<!-- lintnews: enable LN101 -->",
    "<!-- a comment that mentions lintnews -->",
])
def test_valid_directives_are_not_reported(tmp_path: Path, directive: str) -> None:
    _, findings = check(tmp_path, f"Title\n\n{directive}\n{SLIP}\n")
    assert invalid(findings) == []


def test_code_of_a_rule_turned_off_in_the_config_is_still_known(tmp_path: Path) -> None:
    (tmp_path / "lintnews.toml").write_text('ignore = ["LN101"]\n', encoding="utf-8")
    _, findings = check(tmp_path, f"Title\n\n<!-- lintnews: disable-next-line LN101 -->\n{SLIP}\n",
                        "--select", "LN590,LN204")
    assert findings == []


def test_invalid_directives_can_be_ignored_like_any_rule(tmp_path: Path) -> None:
    code, findings = check(tmp_path, "Title\n\n<!-- lintnews: disable LN9999 -->\nText.\n",
                           "--ignore", "invalid-directive")
    assert (code, findings) == (0, [])


def test_explain_prints_the_rule() -> None:
    result = invoke("explain", "LN590")
    assert result.exit_code == 0
    assert "LN590 invalid-directive" in result.stdout
    assert "Category: style" in result.stdout and "Default severity: warning" in result.stdout
    assert "disable-next-line LN9999" in result.stdout
