"""Run the selected rules over one document and turn their hits into findings.

This is where the cross-cutting policies live, once, for every rule: direct quotations,
severity overrides, per-path ignores, accepted vocabulary and inline suppressions.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from lintnews.config import OFF, GenreLevel, Settings
from lintnews.document.build import build_document
from lintnews.document.model import Document
from lintnews.engine.genre import decide_genre, severity_resolver
from lintnews.engine.rule_types import Context, Finding, Hit, Rule, RuleMeta, Severity
from lintnews.engine.selection import SelectionLayer, resolve_selection, token_matches
from lintnews.engine.suppress import is_suppressed, suppression_regions
from lintnews.files.source import SourceFile
from lintnews.markup import read_prose


class Cancelled(Exception):
    """A lint given up between two rules because its `cancelled` check said so (the language
    server's document changed while it was being linted)."""


@dataclass
class FileResult:
    source: SourceFile
    document: Document
    findings: list[Finding] = field(default_factory=list)
    rule_errors: list[str] = field(default_factory=list)  # internal errors of rules
    genre: str = "news"  # what the file was linted as (lintnews.engine.genre)

    @property
    def word_count(self) -> int:
        return self.document.word_count


def selection_layers(settings: Settings, select: tuple[str, ...] | None,
                     ignore: tuple[str, ...],
                     extend_select: tuple[str, ...] = ()) -> list[SelectionLayer]:
    """The config file's selectors, then the command line's (which come later, so win)."""
    return [SelectionLayer(settings.select or None, settings.extend_select, settings.ignore),
            SelectionLayer(select or None, extend_select, ignore)]


def select_rules(rules: list[Rule], settings: Settings, select: tuple[str, ...] | None,
                 ignore: tuple[str, ...], extend_select: tuple[str, ...] = ()) -> list[Rule]:
    """The rules `settings` and the command line's selectors turn on (see selection.py)."""
    chosen = resolve_selection((r.meta for r in rules),
                               selection_layers(settings, select, ignore, extend_select))
    return [r for r in rules if r.meta.code in chosen]


def lint_source(source: SourceFile, rules: list[Rule], settings: Settings,
                relative_path: Path | None = None,
                known: Sequence[Rule] | None = None, genre: str | None = None,
                cancelled: Callable[[], bool] | None = None) -> FileResult:
    """Lint one file with `rules`. `known` is every rule loaded for it, selected or not (what
    inline directives may name); by default, `rules`. `genre` forces the file's genre
    (--genre); otherwise it is decided from the file (lintnews.engine.genre). `cancelled`,
    asked before each rule, gives the lint up with Cancelled when it answers True."""
    prose = read_prose(source.text, source.path)
    doc = build_document(source.path, source.text, prose)
    result = FileResult(source, doc, genre=decide_genre(doc, settings, relative_path, genre))
    level_for = severity_resolver(result.genre, settings)
    path_ignores = _path_ignores(settings, relative_path)
    regions = suppression_regions(prose.comments, source.text, source.line_index)
    accepted = {term.lower() for term in settings.vocabulary.accept}
    ctx = Context(settings, tuple(r.meta for r in (rules if known is None else known)))
    seen: set[tuple[str, int, int]] = set()
    seen_spans: set[tuple[str, int, int]] = set()
    waiting: list[tuple[Hit, Finding, RuleMeta]] = []  # hits that need company (Hit)

    def accept(hit: Hit, finding: Finding, meta: RuleMeta) -> None:
        if (finding.code, finding.offset, finding.end_offset) in seen:
            return
        if (finding.category, finding.offset, finding.end_offset) in seen_spans:
            return  # the same words, already reported for the same kind of problem
        if accepted and " ".join(source.text[hit.start:hit.end].split()).lower() in accepted:
            return
        if regions and is_suppressed(finding, meta, regions):
            return
        seen.add((finding.code, finding.offset, finding.end_offset))
        seen_spans.add((finding.category, finding.offset, finding.end_offset))
        result.findings.append(finding)

    # A newsroom's own rules first: where one and a built-in rule flag the same words for the
    # same kind of problem, the house rule's finding is the one reported.
    for rule in sorted(rules, key=lambda r: r.meta.pack.startswith("builtin:")):
        meta = rule.meta
        if cancelled is not None and cancelled():
            raise Cancelled(source.path)
        if any(token_matches(t, meta) for t in path_ignores):
            continue
        level = level_for(meta.code)
        if level == OFF:  # not reported in this file's genre, so not run at all
            continue
        try:
            hits = list(rule.check(doc, ctx))
            findings = [(hit, _to_finding(hit, rule, doc, source, level)) for hit in hits]
        except (Exception, SystemExit) as err:  # one broken rule must not take the others down
            result.rule_errors.append(
                f"{source.path}: internal error in rule {meta.code} ({meta.name}): "
                f"{type(err).__name__}: {err}")
            continue
        for hit, finding in findings:
            if finding is not None and hit.needs_company:
                waiting.append((hit, finding, meta))  # decided once every rule has run
            elif finding is not None:
                accept(hit, finding, meta)
    for hit, finding, meta in waiting:
        if _has_company(doc, hit, finding, result.findings):
            accept(hit, finding, meta)
    result.findings.sort()
    return result


def _has_company(doc: Document, hit: Hit, finding: Finding, findings: list[Finding]) -> bool:
    """Another finding of the same category, on other words, in the hit's sentence."""
    sentence = doc.sentence_at(hit.start)
    if sentence is None:
        return False
    return any(other.category == finding.category and sentence.start <= other.offset < sentence.end
               and (other.end_offset <= hit.start or other.offset >= hit.end)
               for other in findings)


def _to_finding(hit: Hit, rule: Rule, doc: Document, source: SourceFile,
                level: GenreLevel | None) -> Finding | None:
    """`level` is the rule's severity in the file's genre and config (severity_resolver), or
    None to keep the rule's own for this hit."""
    meta = rule.meta
    if not isinstance(hit, Hit):
        raise TypeError(f"the rule returned {type(hit).__name__}, not a Hit")
    if not (0 <= hit.start <= hit.end <= len(source.text)):
        raise ValueError(f"reported a span ({hit.start}, {hit.end}) outside the file")
    severity = level if isinstance(level, Severity) else (hit.severity or meta.severity)
    quoted = doc.in_direct_quote(hit.start, max(hit.start, hit.end - 1))
    if quoted and meta.quotes != "report":
        if meta.quotes == "skip":
            return None
        severity = Severity.INFO
    # A quotation is the speaker's words: never fixed, whatever the rule.
    fixable = meta.fix_safe and bool(hit.suggestions) and doc.quotation_at(hit.start) is None
    line, column = source.line_index.position(hit.start)
    end_line, end_column = source.line_index.position(hit.end)
    return Finding(
        path=source.path, line=line, column=column, end_line=end_line, end_column=end_column,
        offset=hit.start, end_offset=hit.end, code=meta.code, name=meta.name,
        category=meta.category, severity=severity, message=hit.message,
        suggestions=hit.suggestions, fix_safe=fixable,
    )


def _path_ignores(settings: Settings, relative_path: Path | None) -> list[str]:
    if not settings.per_path_ignores or relative_path is None:
        return []
    posix = PurePosixPath(relative_path.as_posix())
    tokens: list[str] = []
    for pattern, codes in settings.per_path_ignores.items():
        if fnmatch.fnmatch(str(posix), pattern) or posix.match(pattern):
            tokens.extend(codes)
    return tokens
