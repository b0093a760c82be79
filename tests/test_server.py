"""`lintnews server` end to end: a real server process driven over stdio by pytest-lsp's
client, as an editor drives it. Waits are for notifications and answers, with deadlines
generous enough for a loaded two-core machine; nothing here times the server."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import textwrap
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("pygls", reason="the server extra is not installed")
from helpers import run_lintnews_bytes, write_house_pack
from lsprotocol import types
from pygls.uris import from_fs_path
from pytest_lsp import LanguageClient
from pytest_lsp.client import make_test_lsp_client

# Seconds to wait for an answer or a notification: a first start compiles the rules.
DEADLINE = float(os.environ.get("LSP_TEST_DEADLINE", "90"))
ARTICLE = "Council vote\n\nThe legendary coach left the the team.\nHe slammed the plan.\n"


def capabilities(*, pull: bool = False, encodings: Sequence[str] | None = None,
                 resolve: bool = False) -> types.ClientCapabilities:
    """An editor's capabilities: pulls diagnostics or not, offers position encodings."""
    text_document = types.TextDocumentClientCapabilities(
        diagnostic=types.DiagnosticClientCapabilities() if pull else None,
        hover=types.HoverClientCapabilities(content_format=[types.MarkupKind.Markdown]),
        code_action=types.CodeActionClientCapabilities(
            resolve_support=types.ClientCodeActionResolveOptions(properties=["edit"])
            if resolve else None))
    general = types.GeneralClientCapabilities(position_encodings=list(encodings)) \
        if encodings else None
    return types.ClientCapabilities(
        text_document=text_document, general=general,
        workspace=types.WorkspaceClientCapabilities(
            diagnostics=types.DiagnosticWorkspaceClientCapabilities(refresh_support=True)))


@asynccontextmanager
async def editor(root: Path, *, caps: types.ClientCapabilities | None = None,
                 options: Any = None, env: dict[str, str] | None = None
                 ) -> AsyncIterator[tuple[LanguageClient, types.InitializeResult]]:
    """A server started in `root`, initialised, and shut down at the end."""
    client = make_test_lsp_client()
    await client.start_io(sys.executable, "-m", "lintnews", "server", cwd=str(root),
                          env=env or dict(os.environ))
    clean = False
    try:
        result = await asyncio.wait_for(client.initialize_session(types.InitializeParams(
            capabilities=caps or capabilities(), root_uri=from_fs_path(str(root)),
            initialization_options=options)), DEADLINE)
        yield client, result
        await asyncio.wait_for(client.shutdown_session(), DEADLINE)
        clean = True
    finally:
        if not clean:  # a failed test: the server is told to exit without shutting down
            client.exit(None)
        await asyncio.wait_for(client.stop(), DEADLINE)


async def until(condition: Callable[[], Any], what: str) -> Any:
    """Wait for `condition` to hold (the client records what the server sends)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + DEADLINE
    while not (value := condition()):
        if loop.time() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        await asyncio.sleep(0.02)
    return value


def run(scenario: Callable[[], Any]) -> None:
    asyncio.run(scenario())


def open_doc(client: LanguageClient, path: Path, text: str, language: str = "markdown",
             version: int = 1) -> str:
    uri = from_fs_path(str(path))
    client.text_document_did_open(types.DidOpenTextDocumentParams(
        text_document=types.TextDocumentItem(uri=uri, language_id=language, version=version,
                                             text=text)))
    return uri


def change(client: LanguageClient, uri: str, version: int, text: str,
           span: types.Range | None = None) -> None:
    event: Any = types.TextDocumentContentChangePartial(range=span, text=text) if span \
        else types.TextDocumentContentChangeWholeDocument(text=text)
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
        content_changes=[event]))


async def pushed(client: LanguageClient, uri: str,
                 condition: Callable[[Sequence[types.Diagnostic]], bool] = lambda d: True
                 ) -> Sequence[types.Diagnostic]:
    """The diagnostics last pushed for `uri`, once they meet `condition`."""
    found = await until(lambda: uri in client.diagnostics
                        and condition(client.diagnostics[uri])
                        and (client.diagnostics[uri],), f"diagnostics of {uri}")
    return found[0]


async def pull(client: LanguageClient, uri: str,
               previous: str | None = None) -> types.DocumentDiagnosticReport:
    return await asyncio.wait_for(client.text_document_diagnostic_async(
        types.DocumentDiagnosticParams(text_document=types.TextDocumentIdentifier(uri=uri),
                                       previous_result_id=previous)), DEADLINE)


def codes(diagnostics: Sequence[types.Diagnostic]) -> list[str]:
    return sorted(str(d.code) for d in diagnostics)


def cli_codes(path: Path, *args: str) -> list[str]:
    """What `lintnews check` reports for the same file: the server must agree."""
    import json

    proc = run_lintnews_bytes("check", "--format", "json", *args, str(path), cwd=path.parent)
    return sorted(f["code"] for f in json.loads(proc.stdout)["findings"])


def apply_edits(text: str, edits: Sequence[types.TextEdit], encoding: str = "utf-16") -> str:
    """Apply TextEdits as an editor does (all ranges refer to the text before any edit)."""
    from lintnews.server.positions import PositionMap

    positions = PositionMap(text, encoding)
    spans = sorted(((positions.offset(e.range.start), positions.offset(e.range.end), e.new_text)
                    for e in edits), reverse=True)
    for start, end, new in spans:
        text = text[:start] + new + text[end:]
    return text


def edits_of(action: types.CodeAction) -> list[types.TextEdit]:
    assert action.edit is not None and action.edit.document_changes is not None
    (change_,) = action.edit.document_changes
    assert isinstance(change_, types.TextDocumentEdit)
    return [e for e in change_.edits if isinstance(e, types.TextEdit)]


# --- initialize and diagnostics ----------------------------------------------------------------


def test_initialize_advertises_what_the_server_does(tmp_path: Path) -> None:
    async def scenario() -> None:
        async with editor(tmp_path) as (_, result):
            caps = result.capabilities
            assert result.server_info is not None and result.server_info.name == "lintnews"
            assert caps.position_encoding == types.PositionEncodingKind.Utf16
            assert caps.hover_provider
            assert isinstance(caps.diagnostic_provider, types.DiagnosticOptions)
            assert isinstance(caps.code_action_provider, types.CodeActionOptions)
            assert "source.fixAll.lintnews" in (caps.code_action_provider.code_action_kinds or [])
            sync = caps.text_document_sync
            assert isinstance(sync, types.TextDocumentSyncOptions)
            assert sync.change == types.TextDocumentSyncKind.Incremental
    run(scenario)


def test_pushed_diagnostics_on_open_change_and_close_match_check(tmp_path: Path) -> None:
    path = tmp_path / "story.md"
    path.write_text(ARTICLE, encoding="utf-8")

    async def scenario() -> None:
        async with editor(tmp_path) as (client, _):
            uri = open_doc(client, path, ARTICLE)
            found = await pushed(client, uri)
            assert codes(found) == cli_codes(path) == ["LN202", "LN204", "LN502"]
            puffery = next(d for d in found if d.code == "LN204")
            assert puffery.severity == types.DiagnosticSeverity.Warning
            assert puffery.source == "lintnews"
            assert puffery.range == types.Range(start=types.Position(line=2, character=4),
                                                end=types.Position(line=2, character=13))
            assert puffery.code_description is not None
            assert puffery.code_description.href.endswith("/docs/rules.md#ln204")
            assert puffery.data == {"name": "puffery", "category": "loaded-language",
                                     "suggestions": [], "fixSafe": False}
            # An unsaved edit is linted: the buffer, not the file.
            change(client, uri, 2, ARTICLE.replace("slammed", "criticised"))
            found = await pushed(client, uri, lambda d: "LN202" not in codes(d))
            assert codes(found) == ["LN204", "LN502"]
            client.text_document_did_close(types.DidCloseTextDocumentParams(
                text_document=types.TextDocumentIdentifier(uri=uri)))
            await pushed(client, uri, lambda d: len(d) == 0)  # cleared
    run(scenario)


def test_pulled_diagnostics_follow_each_change(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"

    async def scenario() -> None:
        async with editor(tmp_path, caps=capabilities(pull=True)) as (client, _):
            uri = open_doc(client, path, ARTICLE, language="plaintext")
            first = await pull(client, uri)
            assert isinstance(first, types.RelatedFullDocumentDiagnosticReport)
            assert codes(first.items) == ["LN202", "LN204", "LN502"]
            same = await pull(client, uri, first.result_id)
            assert isinstance(same, types.RelatedUnchangedDocumentDiagnosticReport)
            change(client, uri, 2, "A",
                   types.Range(start=types.Position(line=2, character=0),
                               end=types.Position(line=2, character=13)))
            after = await pull(client, uri, first.result_id)
            assert isinstance(after, types.RelatedFullDocumentDiagnosticReport)
            assert codes(after.items) == ["LN202", "LN502"]
            assert uri not in client.diagnostics  # a pulling client gets nothing pushed
    run(scenario)


# --- positions in each encoding ----------------------------------------------------------------

# An astral-plane emoji (two UTF-16 units, four UTF-8 bytes) and "Núñez" before the finding,
# on a line after CRLF line breaks.
EMOJI_TEXT = "Council vote\r\n\r\n🎉 Núñez, 🎉 the legendary coach, left.\r\nHe stayed.\r\n"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-8", "utf-32"])
def test_positions_in_the_negotiated_encoding_with_emoji_and_crlf(tmp_path: Path,
                                                                  encoding: str) -> None:
    path = tmp_path / "story.md"
    line = EMOJI_TEXT.split("\r\n")[2]
    before = line[:line.index("legendary")]
    width = {"utf-16": len(before.encode("utf-16-le")) // 2,
             "utf-8": len(before.encode("utf-8")), "utf-32": len(before)}[encoding]

    async def scenario() -> None:
        caps = capabilities(encodings=[encoding])
        async with editor(tmp_path, caps=caps) as (client, result):
            assert result.capabilities.position_encoding == encoding
            uri = open_doc(client, path, EMOJI_TEXT)
            (found,) = [d for d in await pushed(client, uri) if d.code == "LN204"]
            assert found.range.start == types.Position(line=2, character=width)
            assert found.range.end == types.Position(line=2, character=width + len("legendary"))
            # An edit at a position in that encoding: "legendary" replaced, by its range.
            change(client, uri, 2, "famous", found.range)
            await pushed(client, uri, lambda d: "LN204" not in codes(d))
            # The server's text is the editor's: a code action's edit lands on the same words.
            change(client, uri, 3, "legendary", types.Range(
                start=found.range.start,
                end=types.Position(line=2, character=width + len("famous"))))
            (again,) = [d for d in await pushed(client, uri, lambda d: "LN204" in codes(d))
                        if d.code == "LN204"]
            assert again.range == found.range
    run(scenario)


# --- code actions ------------------------------------------------------------------------------


async def actions_at(client: LanguageClient, uri: str, diagnostic: types.Diagnostic,
                     only: Sequence[str] | None = None) -> list[types.CodeAction]:
    answer = await asyncio.wait_for(client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri), range=diagnostic.range,
            context=types.CodeActionContext(diagnostics=[diagnostic], only=only))), DEADLINE)
    return [a for a in answer or [] if isinstance(a, types.CodeAction)]


def test_a_suggestion_action_replaces_exactly_the_span(tmp_path: Path) -> None:
    path = tmp_path / "story.md"

    async def scenario() -> None:
        async with editor(tmp_path) as (client, _):
            uri = open_doc(client, path, ARTICLE)
            found = await pushed(client, uri)
            slammed = next(d for d in found if d.code == "LN202")
            actions = await actions_at(client, uri, slammed)
            replace = next(a for a in actions if a.title.startswith("Replace 'slammed'"))
            assert not replace.is_preferred  # not a safe fix: offered, not preferred
            assert apply_edits(ARTICLE, edits_of(replace)) == \
                ARTICLE.replace("slammed", "criticized")
            doubled = next(d for d in found if d.code == "LN502")
            delete = next(a for a in await actions_at(client, uri, doubled)
                          if a.title.startswith("Replace"))
            assert delete.is_preferred  # the safe fix --fix applies
            assert apply_edits(ARTICLE, edits_of(delete)) == \
                ARTICLE.replace("the the team", "the team")
    run(scenario)


@pytest.mark.parametrize("name, newline", [("story.md", "\n"), ("story.txt", "\r\n"),
                                           ("quoted.md", "\r\n")])
def test_the_silence_action_inserts_a_directive_that_silences(tmp_path: Path, name: str,
                                                              newline: str) -> None:
    text = ARTICLE.replace("\n", newline)
    if name == "quoted.md":
        text = text.replace("The legendary", "> The legendary")
    path = tmp_path / name

    async def scenario() -> None:
        async with editor(tmp_path) as (client, _):
            uri = open_doc(client, path, text, "markdown" if name.endswith(".md") else "text")
            puffery = next(d for d in await pushed(client, uri) if d.code == "LN204")
            silence = next(a for a in await actions_at(client, uri, puffery)
                           if a.title.startswith("Silence LN204"))
            silenced = apply_edits(text, edits_of(silence))
            prefix = "> " if name == "quoted.md" else ""
            assert f"{newline}{prefix}<!-- lintnews: disable-next-line LN204 -->{newline}" \
                f"{prefix}The legendary" in silenced
            change(client, uri, 2, silenced)
            left = await pushed(client, uri, lambda d: "LN204" not in codes(d))
            assert codes(left) == ["LN202", "LN502"]
            path.write_text(silenced, encoding="utf-8", newline="")
            assert cli_codes(path) == ["LN202", "LN502"]  # and `check` agrees
    run(scenario)


@pytest.mark.parametrize("resolve", [False, True])
def test_fix_all_gives_the_text_check_fix_gives(tmp_path: Path, resolve: bool) -> None:
    text = ARTICLE.replace("\n", "\r\n") + "It was was 🎉 done, done.\r\nThe the end.\r\n"
    path = tmp_path / "story.md"

    async def scenario() -> None:
        async with editor(tmp_path, caps=capabilities(resolve=resolve)) as (client, _):
            uri = open_doc(client, path, text)
            first = (await pushed(client, uri))[0]
            (fix_all,) = [a for a in await actions_at(client, uri, first,
                                                      only=[types.CodeActionKind.SourceFixAll])]
            assert fix_all.kind == "source.fixAll.lintnews"
            if resolve:
                assert fix_all.edit is None
                fix_all = await asyncio.wait_for(
                    client.code_action_resolve_async(fix_all), DEADLINE)
            fixed = run_lintnews_bytes("check", "--fix", "--stdin-filename", "story.md", "-",
                                       cwd=tmp_path, stdin=text.encode("utf-8"))
            assert fixed.stdout.decode("utf-8") != text
            assert apply_edits(text, edits_of(fix_all)) == fixed.stdout.decode("utf-8")
            # Only what changed is edited, never the whole text.
            assert all(e.range.start.line == e.range.end.line for e in edits_of(fix_all))
    run(scenario)


# --- hover -------------------------------------------------------------------------------------


def test_hover_on_a_finding_explains_its_rule(tmp_path: Path) -> None:
    path = tmp_path / "story.md"
    explained = run_lintnews_bytes("explain", "LN204", cwd=tmp_path).stdout.decode("utf-8")

    async def scenario() -> None:
        async with editor(tmp_path) as (client, _):
            uri = open_doc(client, path, ARTICLE)
            puffery = next(d for d in await pushed(client, uri) if d.code == "LN204")
            inside = types.Position(line=2, character=puffery.range.start.character + 3)
            shown = await asyncio.wait_for(client.text_document_hover_async(types.HoverParams(
                text_document=types.TextDocumentIdentifier(uri=uri), position=inside)),
                DEADLINE)
            assert shown is not None and isinstance(shown.contents, types.MarkupContent)
            assert shown.range == puffery.range
            assert "LN204" in shown.contents.value and puffery.message in shown.contents.value
            assert explained.strip() in shown.contents.value
            nothing = await asyncio.wait_for(client.text_document_hover_async(types.HoverParams(
                text_document=types.TextDocumentIdentifier(uri=uri),
                position=types.Position(line=0, character=1))), DEADLINE)
            assert nothing is None
    run(scenario)


# --- configuration -----------------------------------------------------------------------------


def test_a_config_change_relints_open_documents(tmp_path: Path) -> None:
    folder = tmp_path / "desk"
    folder.mkdir()
    path = folder / "story.md"
    config = tmp_path / "lintnews.toml"

    async def scenario() -> None:
        async with editor(tmp_path) as (client, _):
            uri = open_doc(client, path, ARTICLE)
            assert "LN204" in codes(await pushed(client, uri))
            # The config found by walking up from the document, as `check` finds it.
            config.write_text('ignore = ["LN204"]\n', encoding="utf-8")
            client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(
                changes=[types.FileEvent(uri=from_fs_path(str(config)),
                                         type=types.FileChangeType.Created)]))
            found = await pushed(client, uri, lambda d: "LN204" not in codes(d))
            path.write_text(ARTICLE, encoding="utf-8")
            assert codes(found) == cli_codes(path) == ["LN202", "LN502"]
            # Saving the config in the editor works too.
            config.write_text('ignore = ["LN502"]\n', encoding="utf-8")
            client.text_document_did_save(types.DidSaveTextDocumentParams(
                text_document=types.TextDocumentIdentifier(uri=from_fs_path(str(config)))))
            found = await pushed(client, uri, lambda d: "LN502" not in codes(d))
            assert codes(found) == ["LN202", "LN204"]
    run(scenario)


def test_client_settings_select_and_ignore(tmp_path: Path) -> None:
    path = tmp_path / "story.md"
    other = tmp_path / "other.toml"
    other.write_text('ignore = ["LN202"]\n', encoding="utf-8")

    async def scenario() -> None:
        async with editor(tmp_path, options={"lintnews": {"ignore": ["LN204"]}}) as (client, _):
            uri = open_doc(client, path, ARTICLE)
            assert codes(await pushed(client, uri)) == ["LN202", "LN502"]
            client.workspace_did_change_configuration(types.DidChangeConfigurationParams(
                settings={"lintnews": {"select": "LN2", "config": "other.toml"}}))
            found = await pushed(client, uri, lambda d: "LN502" not in codes(d))
            path.write_text(ARTICLE, encoding="utf-8")
            assert codes(found) == cli_codes(path, "--select", "LN2", "--config", str(other)) \
                == ["LN202", "LN204"]  # --select comes after the config's ignore, as in check
    run(scenario)


# --- what must not take the server down --------------------------------------------------------


def test_a_bad_config_is_a_diagnostic_and_a_message_until_it_is_fixed(tmp_path: Path) -> None:
    path = tmp_path / "story.md"
    config = tmp_path / "lintnews.toml"
    config.write_text('ignore = ["LN204"]\nno-such-key = 1\n', encoding="utf-8")

    async def scenario() -> None:
        async with editor(tmp_path) as (client, _):
            uri = open_doc(client, path, ARTICLE)
            (problem,) = await pushed(client, uri)
            assert problem.severity == types.DiagnosticSeverity.Error
            assert "no-such-key" in problem.message and str(config) in problem.message
            await until(lambda: any("no-such-key" in m.message for m in client.messages),
                        "a message about the config")
            config.write_text('ignore = ["LN204"]\n', encoding="utf-8")
            client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(
                changes=[types.FileEvent(uri=from_fs_path(str(config)),
                                         type=types.FileChangeType.Changed)]))
            found = await pushed(client, uri, lambda d: "config" not in codes(d))
            assert codes(found) == ["LN202", "LN502"]
    run(scenario)


def test_a_broken_house_pack_and_a_missing_config_setting_keep_the_server_serving(
        tmp_path: Path) -> None:
    write_house_pack(tmp_path, "[[rule]]\ncode = 'OUR01'\nthis is not toml\n")
    path = tmp_path / "story.md"

    async def scenario() -> None:
        options = {"config": str(tmp_path / "missing.toml")}
        async with editor(tmp_path, options=options) as (client, _):
            uri = open_doc(client, path, ARTICLE)
            (problem,) = await pushed(client, uri)
            assert "missing.toml" in problem.message
            client.workspace_did_change_configuration(types.DidChangeConfigurationParams(
                settings={"lintnews": {}}))
            (problem,) = await pushed(client, uri, lambda d: "house" in d[0].message)
            assert problem.code == "config"
            assert any("house" in m.message for m in client.messages)
    run(scenario)


CRASHING_PLUGIN = """
from lintnews.plugin import rule

@rule(code="OUR01", name="crasher", category="style", severity="warning",
      summary="Crashes.", source="tests", bad=[], good=["Fine."])
def crasher(doc, ctx):
    "It crashes."
    raise RuntimeError("broken rule")
    yield

RULES = [crasher]
"""


def test_a_crashing_plugin_rule_is_a_message_and_the_other_rules_still_report(
        tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "ourpaper_rules.py").write_text(textwrap.dedent(CRASHING_PLUGIN), encoding="utf-8")
    info = site / "ourpaper_rules-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: ourpaper-rules\nVersion: 1.0\n",
                                   encoding="utf-8")
    (info / "entry_points.txt").write_text("[lintnews.rules]\nourpaper = ourpaper_rules:RULES\n",
                                           encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(site),
                                                       os.environ.get("PYTHONPATH", "")])}
    path = tmp_path / "story.md"

    async def scenario() -> None:
        async with editor(tmp_path, env=env) as (client, _):
            uri = open_doc(client, path, ARTICLE)
            assert codes(await pushed(client, uri)) == ["LN202", "LN204", "LN502"]
            await until(lambda: any("internal error in rule OUR01" in m.message
                                    and "broken rule" in m.message for m in client.messages),
                        "a message about the crashing rule")
            change(client, uri, 2, ARTICLE + "It was was done.\n")
            assert "LN502" in codes(await pushed(client, uri, lambda d: len(d) == 4))
            # Told once, not at every keystroke.
            assert sum("OUR01" in m.message for m in client.messages) == 1
    run(scenario)


def test_hover_is_answered_while_a_long_document_is_linted(tmp_path: Path) -> None:
    long_text = "Headline\n\n" + ("The legendary coach left the the team. " * 20 + "\n\n") * 400

    async def scenario() -> None:
        async with editor(tmp_path) as (client, _):
            small = open_doc(client, tmp_path / "small.md", ARTICLE)
            await pushed(client, small)
            big = open_doc(client, tmp_path / "big.txt", long_text, "plaintext")
            answer = await asyncio.wait_for(client.text_document_hover_async(types.HoverParams(
                text_document=types.TextDocumentIdentifier(uri=small),
                position=types.Position(line=2, character=6))), DEADLINE)
            assert answer is not None
            assert big not in client.diagnostics  # answered before the long lint finished
            await pushed(client, big)
    run(scenario)


def test_an_edit_supersedes_the_lint_under_way(tmp_path: Path) -> None:
    """The diagnostics of a text the editor has already replaced are never shown: the long
    article's lint gives way to the edit made while it runs."""
    from pygls.lsp.client import LanguageClient as PlainClient

    long_text = "Headline\n\n" + ("The legendary coach left the the team. " * 20 + "\n\n") * 400
    published: list[tuple[int | None, list[str]]] = []

    async def scenario() -> None:
        client = PlainClient("supersede-test", "1")

        @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def on_diagnostics(params: types.PublishDiagnosticsParams) -> None:
            published.append((params.version, codes(params.diagnostics)))

        await client.start_io(sys.executable, "-m", "lintnews", "server", cwd=str(tmp_path))
        await asyncio.wait_for(client.initialize_async(types.InitializeParams(
            capabilities=capabilities())), DEADLINE)
        client.initialized(types.InitializedParams())
        uri = from_fs_path(str(tmp_path / "long.txt"))
        client.text_document_did_open(types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(uri=uri, language_id="plaintext", version=1,
                                                 text=long_text)))
        client.text_document_did_change(types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=2),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=ARTICLE)]))
        await until(lambda: published, "diagnostics")
        await asyncio.wait_for(client.shutdown_async(None), DEADLINE)
        client.exit(None)
        await asyncio.wait_for(client.stop(), DEADLINE)

    run(scenario)
    assert published[0] == (2, ["LN202", "LN204", "LN502"])
    assert all(version == 2 for version, _ in published)


def test_the_server_asks_to_watch_configs_and_rule_packs(tmp_path: Path) -> None:
    registered: list[types.RegistrationParams] = []
    caps = capabilities()
    assert caps.workspace is not None
    caps.workspace.did_change_watched_files = types.DidChangeWatchedFilesClientCapabilities(
        dynamic_registration=True)

    async def scenario() -> None:
        client = make_test_lsp_client()

        @client.feature(types.CLIENT_REGISTER_CAPABILITY)
        def on_register(params: types.RegistrationParams) -> None:
            registered.append(params)

        await client.start_io(sys.executable, "-m", "lintnews", "server", cwd=str(tmp_path))
        await asyncio.wait_for(client.initialize_session(types.InitializeParams(
            capabilities=caps)), DEADLINE)
        await until(lambda: registered, "a registration")
        await asyncio.wait_for(client.shutdown_session(), DEADLINE)
        await asyncio.wait_for(client.stop(), DEADLINE)

    run(scenario)
    (registration,) = registered[0].registrations
    assert registration.method == types.WORKSPACE_DID_CHANGE_WATCHED_FILES
    globs = [w["globPattern"] for w in registration.register_options["watchers"]]
    assert globs == ["**/*.toml"]  # lintnews.toml, pyproject.toml and rule packs


# --- the process's exit code ------------------------------------------------------------------

def _frame(message: dict[str, Any]) -> bytes:
    body = json.dumps(message).encode()
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


def _read_response(stdout: Any, wanted: int) -> dict[str, Any]:
    """Read framed messages from the server until the response to request `wanted`."""
    while True:
        length = 0
        while (header := stdout.readline().strip()):
            name, _, value = header.partition(b":")
            if name.lower() == b"content-length":
                length = int(value)
        message = json.loads(stdout.read(length))
        if message.get("id") == wanted and "method" not in message:
            return message


@pytest.mark.parametrize(("shut_down_first", "code"), [(True, 0), (False, 1)])
def test_the_exit_code_is_the_protocols(tmp_path: Path, shut_down_first: bool,
                                        code: int) -> None:
    """0 when the client asked for a shutdown before exit, 1 when it did not, as the protocol
    says (Neovim, for one, reports any other exit code as the server's failure)."""
    proc = subprocess.Popen([sys.executable, "-m", "lintnews", "server"], cwd=tmp_path,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    assert proc.stdin is not None and proc.stdout is not None
    proc.stdin.write(_frame({"jsonrpc": "2.0", "id": 1, "method": "initialize",
                             "params": {"processId": None, "rootUri": None,
                                        "capabilities": {}}}))
    proc.stdin.flush()
    assert "capabilities" in _read_response(proc.stdout, 1)["result"]
    proc.stdin.write(_frame({"jsonrpc": "2.0", "method": "initialized", "params": {}}))
    if shut_down_first:
        proc.stdin.write(_frame({"jsonrpc": "2.0", "id": 2, "method": "shutdown"}))
        proc.stdin.flush()
        assert _read_response(proc.stdout, 2)["result"] is None
    proc.stdin.write(_frame({"jsonrpc": "2.0", "method": "exit"}))
    proc.stdin.flush()
    _, stderr = proc.communicate(timeout=60)
    assert proc.returncode == code, stderr
    assert b"Traceback" not in stderr
