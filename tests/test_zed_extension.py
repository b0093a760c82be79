"""The Zed extension in editors/zed: its manifest and Cargo.toml parse, and the server it
registers is the one the README's Zed settings configure, for the languages they name, started
as `lintnews server` from the executable pip installs.

The extension's Rust cannot be built here (Zed builds it on install, fetching
zed_extension_api from crates.io), so these tests read lib.rs for the constants and calls
that decide what Zed runs."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from lintnews.cli import main

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

CHECKOUT = Path(__file__).resolve().parent.parent
EXTENSION = CHECKOUT / "editors" / "zed"
API_VERSION = "0.7.0"  # the zed_extension_api release lib.rs was checked against
ZED_LANGUAGES = {"Markdown", "Plain Text"}  # Zed's names for the languages lintnews lints
SETTINGS = {"select", "extendSelect", "ignore", "config"}  # lintnews.server.session


def _pyproject() -> dict:
    return tomllib.loads((CHECKOUT / "pyproject.toml").read_text(encoding="utf-8"))


def _manifest() -> dict:
    return tomllib.loads((EXTENSION / "extension.toml").read_text(encoding="utf-8"))


def _lib() -> str:
    return (EXTENSION / "src" / "lib.rs").read_text(encoding="utf-8")


def _calls() -> str:
    """lib.rs without whitespace, so a call reads the same however rustfmt wraps it."""
    return re.sub(r"\s+", "", _lib())


def _rust_str(name: str) -> str:
    """The value of `const NAME: &str = "...";` in lib.rs."""
    match = re.search(rf'const {name}: &str = "([^"]*)";', _lib())
    assert match, f"lib.rs has no string constant {name}"
    return match.group(1)


def _rust_strs(name: str) -> list[str]:
    """The values of `const NAME: &[&str] = &["...", ...];` in lib.rs."""
    match = re.search(rf"const {name}: &\[&str\] = &\[(.*?)\];", _lib(), re.S)
    assert match, f"lib.rs has no string-list constant {name}"
    return re.findall(r'"([^"]*)"', match.group(1))


def _readme_zed_settings() -> dict:
    text = (CHECKOUT / "README.md").read_text(encoding="utf-8")
    start = text.index("**Zed**")
    block = re.search(r"```json\n(.*?)```", text[start:], re.S)
    assert block, "the README's Zed set-up has no settings.json block"
    return json.loads(block.group(1))


def test_manifest_has_the_fields_zed_requires() -> None:
    manifest = _manifest()
    assert manifest["id"] == "lintnews"
    assert manifest["schema_version"] == 1
    for field in ("name", "version", "description"):
        assert isinstance(manifest[field], str) and manifest[field], field
    assert manifest["authors"] and all(isinstance(a, str) for a in manifest["authors"])
    assert manifest["repository"] == _pyproject()["project"]["urls"]["Repository"]


def test_cargo_builds_a_wasm_library_on_the_checked_api_version() -> None:
    cargo = tomllib.loads((EXTENSION / "Cargo.toml").read_text(encoding="utf-8"))
    assert cargo["lib"]["crate-type"] == ["cdylib"]
    assert cargo["lib"].get("path", "src/lib.rs") == "src/lib.rs"
    assert cargo["dependencies"]["zed_extension_api"] == API_VERSION
    assert cargo["package"]["publish"] is False
    assert f"`zed_extension_api` {API_VERSION}" in (EXTENSION / "README.md").read_text(
        encoding="utf-8")


def test_one_server_id_in_manifest_code_and_readme_settings() -> None:
    (server_id,) = _manifest()["language_servers"]
    assert server_id == "lintnews" == _rust_str("SERVER_ID")
    assert "LspSettings::for_worktree(SERVER_ID,worktree)" in _calls()
    zed = _readme_zed_settings()
    assert set(zed["lsp"]) == {server_id}
    for language in zed["languages"].values():
        assert server_id in language["language_servers"]


def test_languages_are_zeds_names_and_the_ones_the_readme_configures() -> None:
    languages = _manifest()["language_servers"]["lintnews"]["languages"]
    assert set(languages) == ZED_LANGUAGES == set(_readme_zed_settings()["languages"])


def _zed_language_id(language: str) -> str:
    """The LSP languageId Zed sends for a language (LanguageName::lsp_id in Zed's language
    crate): "plaintext" for Plain Text, else the name in lower case."""
    return "plaintext" if language == "Plain Text" else language.lower()


def test_the_server_lints_what_zed_sends_for_those_languages() -> None:
    """An unsaved buffer has no suffix to go by: the server goes by the languageId Zed sends."""
    pytest.importorskip("lsprotocol")
    from lintnews.server.session import Document

    for language in _manifest()["language_servers"]["lintnews"]["languages"]:
        untitled = Document("untitled:1", "Text.", 1, _zed_language_id(language), None)
        assert untitled.lintable, language


def test_readme_passes_only_settings_the_server_reads() -> None:
    server = _readme_zed_settings()["lsp"]["lintnews"]
    assert set(server) <= {"initialization_options", "settings", "binary"}
    for key in ("initialization_options", "settings"):
        assert set(server.get(key, {})) <= SETTINGS
    assert server.get("binary", {}).get("arguments", ["server"]) == ["server"]


def test_extension_runs_lintnews_server_from_the_path() -> None:
    executable = _rust_str("EXECUTABLE")
    arguments = _rust_strs("SERVER_ARGUMENTS")
    assert executable in _pyproject()["project"]["scripts"]
    assert "worktree.which(EXECUTABLE)" in _calls()
    # `lintnews server` is a command of the installed CLI.
    result = CliRunner().invoke(main, [*arguments, "--help"])
    assert result.exit_code == 0, result.output
    assert "language server" in result.output.lower()


def test_missing_lintnews_tells_the_user_what_to_install() -> None:
    message = re.sub(r"\\\n\s*", "", _rust_str("NOT_FOUND"))  # Rust's line continuations
    assert "pip install 'lintnews[server]'" in message
    assert "server" in _pyproject()["project"]["optional-dependencies"]
    assert ".ok_or_else(||NOT_FOUND.to_string())?" in _calls()


def test_user_settings_reach_the_server() -> None:
    lib = _lib()
    assert re.search(r"impl zed::Extension for (\w+)", lib)
    (extension,) = re.findall(r"impl zed::Extension for (\w+)", lib)
    assert f"zed::register_extension!({extension});" in lib
    for method in ("language_server_command", "language_server_initialization_options",
                   "language_server_workspace_configuration"):
        assert f"fn {method}(" in lib, method
    # binary.path/arguments/env override the defaults; both kinds of settings are passed on,
    # the workspace configuration under the section the server asks for.
    for use in ("binary.path", "binary.arguments", "binary.env", "settings.settings",
                "settings.initialization_options", '"lintnews": value'):
        assert use in lib, use


def test_sdist_carries_the_extension() -> None:
    include = _pyproject()["tool"]["hatch"]["build"]["targets"]["sdist"]["include"]
    assert "editors" in include
