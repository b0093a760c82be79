"""Code actions and hover for a linted document.

- Apply a suggestion: exactly the finding's span is replaced (as `--fix` would, keeping the
  span's line breaks); the safe fix, the one `--fix` applies, is the preferred action.
- Silence a finding: a `<!-- lintnews: disable-next-line CODE -->` line above it (Markdown
  and plain text both read that directive).
- Fix all safe problems: `--fix`'s own passes (workflow.fix_passes.fix_source), turned into
  edits of only what changed.
- Hover: the finding, and `lintnews explain CODE`.
"""

from __future__ import annotations

import difflib
import re

from lsprotocol import types

from lintnews.engine.rule_types import Finding
from lintnews.files.source import SourceFile
from lintnews.rule_docs import explain_text
from lintnews.server.session import Linted
from lintnews.workflow.apply_fixes import keep_layout
from lintnews.workflow.fix_passes import fix_source

FIX_ALL_KIND = "source.fixAll.lintnews"
FIX_ALL_TITLE = "Fix all safe problems (lintnews)"
MAX_SUGGESTIONS = 3  # a finding's suggestions offered as actions
# What stays in front of a directive line so that it stays in the same block: indentation
# and block-quote markers.
_LINE_PREFIX_RE = re.compile(r"[ \t]*(?:>[ \t]?)*")
_BREAK_RE = re.compile(r"\r\n|\r|\n")


def findings_in(linted: Linted, selection: types.Range) -> list[Finding]:
    """The findings whose spans touch the selection (or the cursor)."""
    start = linted.positions.offset(selection.start)
    end = linted.positions.offset(selection.end)
    return [f for f in linted.findings if f.offset <= end and f.end_offset >= start]


def _wanted(kind: str, only: list[str] | None) -> bool:
    """Whether the client's `only` filter takes actions of `kind` (kinds nest by dots)."""
    return not only or any(kind == o or kind.startswith(f"{o}.") for o in only)


def code_actions(linted: Linted, params: types.CodeActionParams,
                 diagnostics: list[types.Diagnostic]) -> list[types.CodeAction]:
    """Suggestion and silencing actions for the findings under the selection, and fix-all
    (without its edit: `fix_all_edit` computes it, off the message loop)."""
    only = [str(kind) for kind in params.context.only] if params.context.only else None
    actions: list[types.CodeAction] = []
    uri = linted.uri
    by_span = {(d.range.start.line, d.range.start.character, d.range.end.line,
                d.range.end.character, d.code): d for d in diagnostics}
    for finding in findings_in(linted, params.range):
        span = linted.positions.range(finding.offset, finding.end_offset)
        diagnostic = by_span.get((span.start.line, span.start.character, span.end.line,
                                  span.end.character, finding.code))
        related = [diagnostic] if diagnostic is not None else None
        if _wanted(types.CodeActionKind.QuickFix, only):
            actions.extend(_suggestions(linted, finding, span, related))
            actions.append(_silence(linted, finding, related))
    if linted.safe and _wanted(FIX_ALL_KIND, only):
        actions.append(types.CodeAction(title=FIX_ALL_TITLE, kind=FIX_ALL_KIND,
                                        data={"uri": uri, "version": linted.version}))
    return actions


def _suggestions(linted: Linted, finding: Finding, span: types.Range,
                 related: list[types.Diagnostic] | None) -> list[types.CodeAction]:
    text = linted.text
    original = text[finding.offset:finding.end_offset]
    if original != linted.masked[finding.offset:finding.end_offset]:
        return []  # the span covers markup (a link target, emphasis): replacing would lose it
    actions = []
    for index, suggestion in enumerate(finding.suggestions[:MAX_SUGGESTIONS]):
        preferred = index == 0 and (finding.offset, finding.end_offset, suggestion) in linted.safe
        edit = types.TextEdit(range=span, new_text=keep_layout(original, suggestion))
        actions.append(types.CodeAction(
            title=f"Replace '{_short(original)}' with '{suggestion}' ({finding.code})",
            kind=types.CodeActionKind.QuickFix, diagnostics=related,
            is_preferred=preferred or None, edit=_workspace_edit(linted, [edit])))
    return actions


def _short(words: str, limit: int = 40) -> str:
    words = " ".join(words.split())
    return words if len(words) <= limit else f"{words[:limit - 1]}…"


def _silence(linted: Linted, finding: Finding,
             related: list[types.Diagnostic] | None) -> types.CodeAction:
    """A disable-next-line directive on a line of its own above the finding's first line,
    with that line's indentation and quote markers and its line ending."""
    text = linted.text
    line = linted.positions.position(finding.offset).line
    start = linted.positions.offset(types.Position(line=line, character=0))
    prefix = _LINE_PREFIX_RE.match(text, start)
    indent = prefix.group() if prefix else ""
    ending = _BREAK_RE.search(text, start) or _BREAK_RE.search(text)
    newline = ending.group() if ending else "\n"
    directive = f"{indent}<!-- lintnews: disable-next-line {finding.code} -->{newline}"
    at = types.Position(line=line, character=0)
    edit = types.TextEdit(range=types.Range(start=at, end=at), new_text=directive)
    return types.CodeAction(title=f"Silence {finding.code} ({finding.name}) on this line",
                            kind=types.CodeActionKind.QuickFix, diagnostics=related,
                            edit=_workspace_edit(linted, [edit]))


def _workspace_edit(linted: Linted, edits: list[types.TextEdit]) -> types.WorkspaceEdit:
    """Edits of the version that was linted: a client applies them only to that version."""
    document = types.OptionalVersionedTextDocumentIdentifier(uri=linted.uri,
                                                             version=linted.version)
    return types.WorkspaceEdit(document_changes=[
        types.TextDocumentEdit(text_document=document, edits=edits)])


def fix_all_edit(linted: Linted) -> types.WorkspaceEdit:
    """Every safe fix, applied in `--fix`'s passes, as edits of only the text that changed
    (run it on a worker thread: the passes re-lint)."""
    source = SourceFile(linted.lint_path, linted.text)
    relint = linted.linter.relint if linted.linter is not None else None
    fixed, _, _ = fix_source(source, linted.findings, relint)
    return _workspace_edit(linted, changed_spans(linted, fixed))


def changed_spans(linted: Linted, fixed: str) -> list[types.TextEdit]:
    """Edits that turn the linted text into `fixed`, each as narrow as the change: the
    lines that differ, then within them the characters that differ."""
    before = linted.text.splitlines(keepends=True)
    after = fixed.splitlines(keepends=True)
    starts = [0]
    for line in before:
        starts.append(starts[-1] + len(line))
    edits = []
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        if i2 - i1 == j2 - j1:  # as many lines as before: each line on its own
            pairs = [(i, i + 1, j, j + 1)
                     for i, j in zip(range(i1, i2), range(j1, j2), strict=True)]
        else:
            pairs = [(i1, i2, j1, j2)]
        for a1, a2, b1, b2 in pairs:
            edits.append(_narrowed(linted, starts[a1], "".join(before[a1:a2]),
                                   "".join(after[b1:b2])))
    return edits


def _narrowed(linted: Linted, at: int, old: str, new: str) -> types.TextEdit:
    """An edit of `old` (at offset `at`) into `new`, without their common ends."""
    head = len(_common_prefix(old, new))
    tail = len(_common_prefix(old[head:][::-1], new[head:][::-1]))
    return types.TextEdit(range=linted.positions.range(at + head, at + len(old) - tail),
                          new_text=new[head:len(new) - tail])


def _common_prefix(a: str, b: str) -> str:
    length = 0
    for x, y in zip(a, b):  # noqa: B905 (the shorter one bounds the prefix)
        if x != y:
            break
        length += 1
    return a[:length]


def hover(linted: Linted, position: types.Position, markdown: bool) -> types.Hover | None:
    """The findings at `position`: each one's message and suggestion, and its rule's
    `lintnews explain` text."""
    offset = linted.positions.offset(position)
    found = [f for f in linted.findings if f.offset <= offset < max(f.end_offset, f.offset + 1)]
    if not found:
        return None
    parts = []
    for finding in found:
        head = f"{finding.code} {finding.name} ({finding.severity}, {finding.category})"
        lines = [f"**{head}**" if markdown else head, "", finding.message]
        if finding.suggestions:
            lines += ["", "Suggestion: " + ", ".join(finding.suggestions)]
        meta = linted.metas.get(finding.code)
        if meta is not None:
            explained = explain_text(meta)
            lines += ["", f"```text\n{explained}\n```" if markdown else explained]
        parts.append("\n".join(lines))
    first = found[0]
    return types.Hover(
        contents=types.MarkupContent(
            kind=types.MarkupKind.Markdown if markdown else types.MarkupKind.PlainText,
            value=("\n\n---\n\n" if markdown else "\n\n").join(parts)),
        range=linted.positions.range(first.offset, first.end_offset))
