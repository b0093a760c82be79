"""Findings as LSP diagnostics: the same code, message, severity and span as `lintnews check`
reports, with a link to the rule's documentation and its category."""

from __future__ import annotations

from importlib import metadata

from lsprotocol import types

from lintnews.engine.rule_types import Finding, RuleMeta, Severity
from lintnews.server.session import Linted

SOURCE = "lintnews"
# Where the built-in rules are documented (docs/rules.md, one anchor per rule code), when the
# installed package does not name its repository.
DEFAULT_REPOSITORY = "https://github.com/lintnews/lintnews"
_SEVERITIES = {Severity.ERROR: types.DiagnosticSeverity.Error,
               Severity.WARNING: types.DiagnosticSeverity.Warning,
               Severity.INFO: types.DiagnosticSeverity.Information}


def rules_page() -> str:
    """The URL of docs/rules.md in the project's repository (pyproject's Repository URL)."""
    repository = DEFAULT_REPOSITORY
    try:
        for entry in metadata.metadata("lintnews").get_all("Project-URL") or []:
            label, _, url = entry.partition(",")
            if label.strip().lower() == "repository" and url.strip():
                repository = url.strip().rstrip("/")
    except metadata.PackageNotFoundError:
        pass
    return f"{repository}/blob/main/docs/rules.md"


def rule_link(meta: RuleMeta | None, page: str) -> types.CodeDescription | None:
    """The built-in rule's entry in docs/rules.md; a house pack's or plugin's rule has none."""
    if meta is None or not meta.pack.startswith("builtin:"):
        return None
    return types.CodeDescription(href=f"{page}#{meta.code.lower()}")


def to_diagnostic(finding: Finding, linted: Linted, page: str) -> types.Diagnostic:
    meta = linted.metas.get(finding.code)
    data: dict[str, object] = {"name": finding.name, "category": finding.category,
                               "suggestions": list(finding.suggestions),
                               "fixSafe": finding.fix_safe}
    return types.Diagnostic(
        range=linted.positions.range(finding.offset, finding.end_offset),
        message=finding.message, severity=_SEVERITIES[finding.severity], code=finding.code,
        code_description=rule_link(meta, page), source=SOURCE, data=data)


def error_diagnostic(message: str) -> types.Diagnostic:
    """Why a document was not linted (a bad config, a broken house pack), at its start."""
    start = types.Position(line=0, character=0)
    return types.Diagnostic(range=types.Range(start=start, end=start), message=message,
                            severity=types.DiagnosticSeverity.Error, code="config",
                            source=SOURCE)


def diagnostics_of(linted: Linted, page: str) -> list[types.Diagnostic]:
    if linted.error is not None:
        return [error_diagnostic(linted.error)]
    return [to_diagnostic(f, linted, page) for f in linted.findings]
