"""The README's "In your editor" set-ups: each snippet parses in its own language (JSON, TOML;
Lua and Emacs Lisp balanced), starts `lintnews server`, and passes only settings the server
reads."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

README = Path(__file__).resolve().parent.parent / "README.md"
SETTINGS = {"select", "extendSelect", "ignore", "config"}  # lintnews.server.session


def _section() -> str:
    text = README.read_text(encoding="utf-8")
    start = text.index("### In your editor")
    return text[start:text.index("#### Without the server", start)]


def _blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", _section(), re.S)


def _balanced(code: str, pairs: dict[str, str], quote: str) -> bool:
    """Brackets balance outside string literals (and comments, none of which are used)."""
    stack: list[str] = []
    in_string = False
    for index, char in enumerate(code):
        if char == quote and (index == 0 or code[index - 1] != "\\"):
            in_string = not in_string
        elif in_string:
            continue
        elif char in pairs:
            stack.append(pairs[char])
        elif char in pairs.values() and (not stack or stack.pop() != char):
            return False
    return not stack and not in_string


def test_every_editor_has_a_set_up() -> None:
    section = _section()
    for editor in ("VS Code", "Neovim", "Emacs", "Helix", "Zed"):
        assert f"**{editor}**" in section, editor
    assert len(_blocks("json")) == 2 and _blocks("lua") and _blocks("elisp") and _blocks("toml")


def test_json_set_ups_parse_and_start_the_server() -> None:
    vscode, zed = (json.loads(block) for block in _blocks("json"))
    assert vscode["glspc.server.command"] == "lintnews"
    assert vscode["glspc.server.commandArguments"] == ["server"]
    assert set(vscode["glspc.server.initializationOptions"]) <= SETTINGS
    # Zed runs `lintnews server` through the extension in editors/zed (tests/test_zed_extension.py
    # checks what it runs); settings.json configures it and turns it on per language.
    server = zed["lsp"]["lintnews"]
    assert set(server["initialization_options"]) <= SETTINGS
    for language in ("Markdown", "Plain Text"):
        assert "lintnews" in zed["languages"][language]["language_servers"]


def test_helix_set_up_parses_and_starts_the_server() -> None:
    (block,) = _blocks("toml")
    config = tomllib.loads(block)
    server = config["language-server"]["lintnews"]
    assert server["command"] == "lintnews" and server["args"] == ["server"]
    assert set(server["config"]) <= SETTINGS
    (markdown,) = config["language"]
    assert markdown["name"] == "markdown" and "lintnews" in markdown["language-servers"]


@pytest.mark.parametrize("language, pairs, quote, needed", [
    ("lua", {"(": ")", "{": "}", "[": "]"}, "'",
     ["vim.lsp.config('lintnews'", "{ 'lintnews', 'server' }", "vim.lsp.enable('lintnews')"]),
    ("elisp", {"(": ")", "[": "]"}, '"',
     ["eglot-server-programs", '("lintnews" "server"', ":initializationOptions"]),
])
def test_lua_and_elisp_set_ups_are_balanced_and_start_the_server(
        language: str, pairs: dict[str, str], quote: str, needed: list[str]) -> None:
    (block,) = _blocks(language)
    assert _balanced(block, pairs, quote)
    for part in needed:
        assert part in block, part
