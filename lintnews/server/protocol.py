"""`lintnews server`: the Language Server Protocol over standard input and output (pygls).

The message loop only ever reads and writes messages: every lint runs on one worker thread
(`Server.worker`), so hover, code actions and new edits are answered while a long article is
being linted. An edit waits `DEBOUNCE_SECONDS` for the next keystroke, then is linted; an edit
that arrives while its document is being linted makes that lint stop at the next rule
(lintnews.core.Cancelled), so the worker turns to the newest text at once.

Diagnostics are pulled (LSP 3.17 textDocument/diagnostic) by clients that say they can, and
pushed (textDocument/publishDiagnostics) to the others: never both, or they would show twice.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from lintnews import __version__
from lintnews.core import Cancelled
from lintnews.server.actions import FIX_ALL_KIND, code_actions, fix_all_edit, hover
from lintnews.server.diagnostics import diagnostics_of, rules_page
from lintnews.server.positions import encoding_name
from lintnews.server.session import ClientSettings, Document, Linted, Session, SettingsError

DEBOUNCE_SECONDS = 0.1
# Files whose change may change how documents lint: configs and rule packs.
WATCHED_GLOB = "**/*.toml"
_log = logging.getLogger(__name__)

Key = tuple[int, int]  # (document version, session generation)


class Server(LanguageServer):
    """The pygls server with lintnews' state: the session, the latest lint of each document
    and the lints under way."""

    def __init__(self) -> None:
        super().__init__("lintnews", __version__,
                         text_document_sync_kind=types.TextDocumentSyncKind.Incremental)
        self.session = Session()
        self.worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="lintnews-lint")
        self.page = rules_page()
        self.linted: dict[str, tuple[Linted, list[types.Diagnostic]]] = {}
        self.running: dict[str, tuple[Key, asyncio.Future[tuple[Linted, list]]]] = {}
        self.waiting: dict[str, asyncio.Task[None]] = {}  # debounced lints, per document
        self.shown: set[str] = set()  # errors already shown to the user (once each)
        self.closing = False
        self.root: Path | None = None

    # --- what the client can do -----------------------------------------------------------

    @property
    def pulls(self) -> bool:
        """The client pulls diagnostics (and so gets none pushed)."""
        caps = self.client_capabilities.text_document
        return caps is not None and caps.diagnostic is not None

    def _can(self, *path: str) -> bool:
        value: Any = self.client_capabilities
        for name in path:
            value = getattr(value, name, None)
            if value is None:
                return False
        return bool(value)

    # --- linting --------------------------------------------------------------------------

    def fresh(self, uri: str) -> tuple[Linted, list[types.Diagnostic]] | None:
        """The latest lint of the document's current text, if there is one."""
        document = self.session.documents.get(uri)
        done = self.linted.get(uri)
        if document is None or done is None:
            return None
        linted = done[0]
        if (linted.version, linted.generation) != (document.version, self.session.generation):
            return None
        return done

    async def lint(self, uri: str) -> tuple[Linted, list[types.Diagnostic]] | None:
        """The document's current text linted: the latest lint if it is of this text, the
        lint under way if it is, or a new one on the worker. None once the document closed."""
        while True:
            document = self.session.documents.get(uri)
            if document is None or not document.lintable:
                return None
            done = self.fresh(uri)
            if done is not None:
                return done
            key = (document.version, self.session.generation)
            running = self.running.get(uri)
            if running is None or running[0] != key:
                running = (key, self._start(document, key))
                self.running[uri] = running
            try:
                done = await asyncio.shield(running[1])
            except Cancelled:
                continue  # a newer text superseded it: lint that one
            finally:
                if self.running.get(uri) is running and running[1].done():
                    del self.running[uri]
            if (done[0].version, done[0].generation) == key:
                self.linted[uri] = done
                self._report_errors(done[0])
            return done

    def _start(self, document: Document, key: Key) -> asyncio.Future[tuple[Linted, list]]:
        version, generation = key
        session = self.session

        def superseded() -> bool:
            current = session.documents.get(document.uri)
            return (self.closing or current is None or current.version != version
                    or session.generation != generation)

        def job() -> tuple[Linted, list[types.Diagnostic]]:
            linted = session.lint(document, version, text, superseded)
            return linted, diagnostics_of(linted, self.page)

        text = document.text
        return asyncio.get_running_loop().run_in_executor(self.worker, job)

    def schedule(self, uri: str, delay: float = DEBOUNCE_SECONDS) -> None:
        """Lint the document after `delay` (a newer edit restarts the wait) and push its
        diagnostics, for clients that do not pull them."""
        waiting = self.waiting.pop(uri, None)
        if waiting is not None:
            waiting.cancel()
        if self.pulls:
            return
        self.waiting[uri] = asyncio.get_running_loop().create_task(self._push_later(uri, delay))

    async def _push_later(self, uri: str, delay: float) -> None:
        try:
            if delay:
                await asyncio.sleep(delay)
            done = await self.lint(uri)
            if done is not None and uri in self.session.documents:
                linted, diagnostics = done
                self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(
                    uri=uri, version=linted.version, diagnostics=diagnostics))
        except asyncio.CancelledError:
            raise
        except Exception as err:  # the server keeps serving
            self._show(f"lintnews: could not lint {uri}: {type(err).__name__}: {err}",
                       types.MessageType.Error)
        finally:
            if self.waiting.get(uri) is asyncio.current_task():
                del self.waiting[uri]

    def relint_all(self) -> None:
        """Every open document again: its config or the settings changed."""
        self.linted.clear()
        if self.pulls:
            if self._can("workspace", "diagnostics", "refresh_support"):
                self.workspace_diagnostic_refresh(None)
            return
        for uri, document in self.session.documents.items():
            if document.lintable:
                self.schedule(uri, 0)

    def reconfigure(self, settings: ClientSettings | None = None) -> None:
        self.session.rebuild(settings)
        self.shown.clear()
        if self.session.linter_error is not None:
            self._show(f"lintnews: {self.session.linter_error}", types.MessageType.Error)
        self.relint_all()

    def _report_errors(self, linted: Linted) -> None:
        """A config that cannot be used, or a rule that crashed: told once, in a message
        (the config error is also the document's diagnostic)."""
        if linted.error is not None:
            self._show(f"lintnews: {linted.error}", types.MessageType.Error)
        for message in linted.rule_errors:
            self._show(f"lintnews: {message}", types.MessageType.Warning)

    def _show(self, message: str, kind: types.MessageType) -> None:
        self.window_log_message(types.LogMessageParams(type=kind, message=message))
        if message not in self.shown:
            self.shown.add(message)
            self.window_show_message(types.ShowMessageParams(type=kind, message=message))

    def settings_from(self, raw: object) -> ClientSettings | None:
        try:
            return ClientSettings.parse(raw, self.root)
        except SettingsError as err:
            self._show(f"lintnews: {err}; the setting is not used", types.MessageType.Error)
            return None


def build_server() -> Server:
    server = Server()
    feature: Callable[..., Callable[[Callable[..., Any]], Any]] = server.feature

    @feature(types.INITIALIZE)
    def initialize(ls: Server, params: types.InitializeParams) -> None:
        ls.session.encoding = encoding_name(ls.workspace.position_encoding)
        root = ls.workspace.root_path
        ls.root = Path(root) if root else None
        if params.initialization_options is not None:
            settings = ls.settings_from(params.initialization_options)
            if settings is not None:
                ls.session.rebuild(settings)

    @feature(types.INITIALIZED)
    async def initialized(ls: Server, params: types.InitializedParams) -> None:
        if ls.session.linter_error is not None:
            ls._show(f"lintnews: {ls.session.linter_error}", types.MessageType.Error)
        if ls._can("workspace", "did_change_watched_files", "dynamic_registration"):
            watch = types.DidChangeWatchedFilesRegistrationOptions(
                watchers=[types.FileSystemWatcher(glob_pattern=WATCHED_GLOB)])
            try:
                await ls.client_register_capability_async(types.RegistrationParams(
                    registrations=[types.Registration(
                        id="lintnews-configs", method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                        register_options=watch)]))
            except Exception as err:  # without it, saving a config still works
                _log.warning("could not watch config files: %s", err)

    @feature(types.SHUTDOWN)
    def shutdown(ls: Server, params: None) -> None:
        ls.closing = True  # a lint under way stops at its next rule
        ls.worker.shutdown(wait=False, cancel_futures=True)

    @feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: Server, params: types.DidOpenTextDocumentParams) -> None:
        item = params.text_document
        path = to_fs_path(item.uri) if item.uri.startswith("file:") else None
        document = Document(item.uri, item.text, item.version, item.language_id,
                            Path(path) if path else None)
        ls.session.documents[item.uri] = document
        if document.lintable:
            ls.schedule(item.uri, 0)

    @feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: Server, params: types.DidChangeTextDocumentParams) -> None:
        document = ls.session.documents.get(params.text_document.uri)
        if document is None:
            return
        for change in params.content_changes:
            document.apply(change, ls.session.encoding)
        document.version = params.text_document.version
        if document.lintable:
            ls.schedule(document.uri)

    @feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: Server, params: types.DidSaveTextDocumentParams) -> None:
        if params.text_document.uri.endswith(".toml"):
            ls.reconfigure()
            return
        document = ls.session.documents.get(params.text_document.uri)
        if document is not None and document.lintable and ls.fresh(document.uri) is None:
            ls.schedule(document.uri, 0)

    @feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: Server, params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        document = ls.session.documents.pop(uri, None)
        ls.linted.pop(uri, None)
        waiting = ls.waiting.pop(uri, None)
        if waiting is not None:
            waiting.cancel()
        if document is not None and document.lintable and not ls.pulls:
            ls.text_document_publish_diagnostics(
                types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    @feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def did_change_watched_files(ls: Server, params: types.DidChangeWatchedFilesParams) -> None:
        if any(change.uri.endswith(".toml") for change in params.changes):
            ls.reconfigure()

    @feature(types.WORKSPACE_DID_CHANGE_CONFIGURATION)
    async def did_change_configuration(ls: Server,
                                       params: types.DidChangeConfigurationParams) -> None:
        raw = params.settings
        if not raw and ls._can("workspace", "configuration"):
            # The client sends no settings in the notification: ask for them.
            answer = await ls.workspace_configuration_async(types.ConfigurationParams(
                items=[types.ConfigurationItem(section="lintnews")]))
            raw = answer[0] if answer else None
        settings = ls.settings_from(raw)
        if settings is not None:
            ls.reconfigure(settings)

    @feature(types.TEXT_DOCUMENT_DIAGNOSTIC,
             types.DiagnosticOptions(identifier="lintnews", inter_file_dependencies=False,
                                     workspace_diagnostics=False))
    async def diagnostic(ls: Server, params: types.DocumentDiagnosticParams
                         ) -> types.DocumentDiagnosticReport:
        done = await ls.lint(params.text_document.uri)
        if done is None:
            return types.RelatedFullDocumentDiagnosticReport(items=[])
        linted, diagnostics = done
        if params.previous_result_id == linted.result_id:
            return types.RelatedUnchangedDocumentDiagnosticReport(result_id=linted.result_id)
        return types.RelatedFullDocumentDiagnosticReport(items=diagnostics,
                                                         result_id=linted.result_id)

    @feature(types.TEXT_DOCUMENT_HOVER)
    def on_hover(ls: Server, params: types.HoverParams) -> types.Hover | None:
        # The latest lint, even of an older text: hover never waits for a lint.
        done = ls.linted.get(params.text_document.uri)
        if done is None:
            return None
        formats = ls.client_capabilities.text_document
        wanted = formats.hover.content_format if formats and formats.hover else None
        markdown = not wanted or types.MarkupKind.Markdown in wanted
        return hover(done[0], params.position, markdown)

    @feature(types.TEXT_DOCUMENT_CODE_ACTION,
             types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix,
                                                        FIX_ALL_KIND],
                                     resolve_provider=True))
    async def code_action(ls: Server, params: types.CodeActionParams
                          ) -> list[types.CodeAction] | None:
        done = await ls.lint(params.text_document.uri)
        if done is None:
            return None
        linted, diagnostics = done
        actions = code_actions(linted, params, diagnostics)
        resolves = ls.client_capabilities.text_document
        lazy = resolves is not None and resolves.code_action is not None and \
            resolves.code_action.resolve_support is not None and \
            "edit" in resolves.code_action.resolve_support.properties
        if not lazy:  # the client cannot ask for the edit later: compute it now
            for action in actions:
                if action.kind == FIX_ALL_KIND:
                    action.edit = await _fix_all(ls, linted)
        return actions

    @feature(types.CODE_ACTION_RESOLVE)
    async def resolve_code_action(ls: Server, action: types.CodeAction) -> types.CodeAction:
        if action.kind != FIX_ALL_KIND or not isinstance(action.data, dict):
            return action
        done = await ls.lint(str(action.data.get("uri")))
        if done is not None and done[0].version == action.data.get("version"):
            action.edit = await _fix_all(ls, done[0])
        return action

    return server


async def _fix_all(ls: Server, linted: Linted) -> types.WorkspaceEdit:
    return await asyncio.get_running_loop().run_in_executor(ls.worker, fix_all_edit, linted)


def serve() -> int:
    """Serve one client over standard input and output until it says exit (or its end of the
    pipe closes). Returns the exit code the protocol asks for: 0 after a shutdown request, 1
    without one."""
    server = build_server()
    server.start_io()
    return 0 if server.closing else 1
