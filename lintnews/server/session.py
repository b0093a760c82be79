"""What the language server knows apart from the protocol: the client's settings, the open
documents, and linting one of them with the same `Linter` as `lintnews check`.

`lint` runs on a worker thread, never on the message loop; everything it returns (`Linted`)
is computed there and never changed afterwards, so the loop can read it at any time.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from lsprotocol import types

from lintnews.config import ConfigError
from lintnews.core import Linter, Result
from lintnews.engine.declarative import PackError
from lintnews.engine.rule_types import Finding, RuleMeta
from lintnews.engine.selection import SelectionError
from lintnews.markup import ARTICLE_SUFFIXES, read_prose
from lintnews.server.positions import UTF16, PositionMap
from lintnews.workflow.apply_fixes import safe_edits

# Editors' language ids for the documents lintnews reads (besides files with its suffixes).
LANGUAGE_IDS = {"markdown": ".md", "plaintext": ".txt", "text": ".txt"}
# The errors that keep a document from being linted: a usage error of the config or the
# settings, said in one line, as `lintnews check` says them.
USAGE_ERRORS = (ConfigError, PackError, SelectionError)


class SettingsError(ValueError):
    """A client setting of the wrong shape; the message names it."""


@dataclass(frozen=True)
class ClientSettings:
    """`select`, `extendSelect`, `ignore` and `config` from the client, as `lintnews check`'s
    --select, --extend-select, --ignore and --config."""

    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    config: Path | None = None

    @classmethod
    def parse(cls, raw: object, root: Path | None = None) -> ClientSettings:
        """Settings from initializationOptions or didChangeConfiguration's settings: the keys
        themselves, or under "lintnews". A relative config path is the workspace root's."""
        if raw is None:
            return cls()
        if not isinstance(raw, Mapping):
            raise SettingsError("lintnews settings must be an object")
        if isinstance(raw.get("lintnews"), Mapping):
            raw = raw["lintnews"]
        select = _codes(raw, "select")
        config = raw.get("config")
        if config is not None and not isinstance(config, str):
            raise SettingsError("lintnews setting 'config' must be a path")
        config_path = None
        if config:
            config_path = Path(config).expanduser()
            if not config_path.is_absolute():
                config_path = (root or Path.cwd()) / config_path
        return cls(select=select or None,
                   extend_select=_codes(raw, "extendSelect") or _codes(raw, "extend-select"),
                   ignore=_codes(raw, "ignore"), config=config_path)


def _codes(raw: Mapping[str, Any], key: str) -> tuple[str, ...]:
    """A list of codes, or one comma-separated string of them (as on the command line)."""
    value = raw.get(key)
    if value is None:
        return ()
    if isinstance(value, str):
        value = value.split(",")
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise SettingsError(f"lintnews setting '{key}' must be a list of rule codes")
    return tuple(v.strip() for v in value if v.strip())


@dataclass
class Document:
    """An open document as the editor has it (saved or not)."""

    uri: str
    text: str
    version: int
    language_id: str
    path: Path | None  # None: not a file (an untitled buffer)

    @property
    def lintable(self) -> bool:
        suffix = self.path.suffix.lower() if self.path is not None else ""
        return suffix in ARTICLE_SUFFIXES or (
            suffix not in {".toml", ".json", ".yaml", ".yml", ".py"}
            and self.language_id in LANGUAGE_IDS)

    @property
    def lint_path(self) -> str:
        """The file name the text is linted as: its config, per-path ignores and format. An
        untitled buffer is a file of its language in the current folder."""
        if self.path is not None:
            return str(self.path)
        return str(Path.cwd() / f"untitled{LANGUAGE_IDS.get(self.language_id, '.txt')}")

    def apply(self, change: types.TextDocumentContentChangeEvent, encoding: str) -> None:
        """Apply one change from didChange: a range replaced, or the whole text."""
        if isinstance(change, types.TextDocumentContentChangePartial):
            positions = PositionMap(self.text, encoding)
            start = positions.offset(change.range.start)
            end = positions.offset(change.range.end)
            self.text = self.text[:start] + change.text + self.text[max(start, end):]
        else:
            self.text = change.text


@dataclass(frozen=True)
class Linted:
    """One lint of one version of a document, and what the editor features need of it."""

    uri: str
    version: int
    generation: int  # the session's settings and configs it was linted under
    text: str
    lint_path: str
    positions: PositionMap
    findings: list[Finding] = field(default_factory=list)
    metas: dict[str, RuleMeta] = field(default_factory=dict)  # of the rules found
    error: str | None = None  # why the document could not be linted
    rule_errors: tuple[str, ...] = ()
    linter: Linter | None = None  # for fix-all's passes

    @property
    def result_id(self) -> str:
        """For pull diagnostics: the same id means the same diagnostics."""
        return f"{self.generation}:{self.version}"

    # Worked out when a code action first asks, not on every keystroke's lint.
    @cached_property
    def masked(self) -> str:
        """The text with markup blanked out (what apply_fixes.safe_edits reads)."""
        return read_prose(self.text, self.lint_path).masked

    @cached_property
    def safe(self) -> frozenset[tuple[int, int, str]]:
        """The safe fixes, as --fix takes them."""
        return frozenset(safe_edits(self.findings, self.text, self.masked))


class Session:
    """The client's settings, the Linter they make, and the open documents.

    The Linter is rebuilt (and `generation` counts up) when the settings change or a config
    file or rule pack changes, so that nothing cached from the old configs is used again.
    """

    def __init__(self, settings: ClientSettings | None = None) -> None:
        self.settings = settings or ClientSettings()
        self.documents: dict[str, Document] = {}
        self.encoding = UTF16
        self.generation = 0
        self.linter: Linter | None = None
        self.linter_error: str | None = None
        self._validated: set[str] = set()  # config files (by path) checked under this linter
        self._lock = threading.Lock()  # the worker thread and the loop both rebuild
        self.rebuild()

    def rebuild(self, settings: ClientSettings | None = None) -> None:
        """A fresh Linter: for new settings, or because a config file or pack changed."""
        with self._lock:
            if settings is not None:
                self.settings = settings
            self.generation += 1
            self._validated = set()
            s = self.settings
            try:
                self.linter = Linter(config_path=s.config, select=s.select, ignore=s.ignore,
                                     extend_select=s.extend_select, metrics=False)
                self.linter_error = None
            except USAGE_ERRORS as err:
                self.linter, self.linter_error = None, str(err)

    def lint(self, document: Document, version: int, text: str,
             cancelled: Callable[[], bool]) -> Linted:
        """Lint `text`, version `version` of `document` (on a worker thread). Raises
        lintnews.core.Cancelled when `cancelled` says a newer text supersedes it."""
        from lintnews.core import Cancelled

        generation, linter, path = self.generation, self.linter, document.lint_path
        positions = PositionMap(text, self.encoding)
        base = {"uri": document.uri, "version": version, "generation": generation,
                "text": text, "lint_path": path, "positions": positions}
        if linter is None:
            return Linted(**base, error=self.linter_error)
        try:
            self._validate(linter, path)
            result = linter.lint_text(text, path, cancelled=cancelled)
            metas = linter.rule_metas(path)
        except Cancelled:
            raise
        except USAGE_ERRORS as err:
            return Linted(**base, error=str(err))
        except Exception as err:  # a broken plugin must not stop the server
            return Linted(**base, error=f"{path}: internal error: {type(err).__name__}: {err}")
        return _linted(base, result, metas, linter)

    def _validate(self, linter: Linter, path: str) -> None:
        """The config and selection a document uses are checked once per config file."""
        settings = linter.finder.for_path(Path(path))
        key = str(settings.path)
        if key not in self._validated:
            linter.validate(path)
            self._validated.add(key)


def _linted(base: dict[str, Any], result: Result, metas: dict[str, RuleMeta],
            linter: Linter) -> Linted:
    found = {f.code: metas[f.code] for f in result.findings if f.code in metas}
    return Linted(**base, findings=result.findings, metas=found,
                  rule_errors=tuple(result.rule_errors), linter=linter)
