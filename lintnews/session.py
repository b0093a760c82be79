"""Linting many files: find them, pick each file's config and rules, collect one Report."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from lintnews.config import ConfigError, ConfigFinder, Settings
from lintnews.discover import is_excluded, walk_articles
from lintnews.engine.declarative import PackError
from lintnews.engine.model import Rule, RuleMeta, Severity
from lintnews.engine.registry import load_rules
from lintnews.engine.runner import FileResult, lint_source, select_rules
from lintnews.engine.selection import validate_tokens
from lintnews.output import Report
from lintnews.source import InputError, SourceFile, decode, read_source

STDIN = "-"


@dataclass(frozen=True)
class Target:
    path: Path | None  # None for standard input
    display: str  # the name reported in findings
    explicit: bool


@dataclass
class Options:
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    fail_on: str | None = None
    stdin_filename: str = STDIN
    keep_sources: bool = False  # keep each file's text (for --fix); otherwise memory stays flat
    metrics: bool = False  # compute document metrics (JSON summary, --statistics)


@dataclass
class Outcome:
    report: Report
    results: list[FileResult] = field(default_factory=list)
    failed: bool = False  # findings at or above fail-on
    input_errors: bool = False
    rule_errors: list[str] = field(default_factory=list)


def expand_targets(paths: list[str], finder: ConfigFinder,
                   errors: list[str]) -> Iterator[Target]:
    for raw in paths:
        if raw == STDIN:
            yield Target(None, STDIN, True)
            continue
        path = Path(raw)
        if path.is_dir():
            found = False
            for file in walk_articles(path):
                settings = finder.for_path(file)
                if not is_excluded(file, settings.root, settings.exclude):
                    found = True
                    yield Target(file, str(file), False)
            if not found:
                errors.append(f"{raw}: no article files (.md, .markdown, .txt) found")
        elif path.exists() or path.is_symlink():
            settings = finder.for_path(path)
            if not is_excluded(path, settings.root, settings.exclude):
                yield Target(path, raw, True)
        else:
            errors.append(f"{raw}: no such file or folder")


class RuleBook:
    """Rules loaded once per distinct set of local pack folders."""

    def __init__(self) -> None:
        self._cache: dict[tuple[Path, ...], list[Rule]] = {}

    def rules_for(self, settings: Settings) -> list[Rule]:
        key = tuple(settings.rule_packs)
        if key not in self._cache:
            self._cache[key] = load_rules(key)
        return self._cache[key]


def run(paths: list[str], finder: ConfigFinder, options: Options,
        stdin_bytes: bytes | None = None) -> Outcome:
    """Lint `paths`. Raises PackError, SelectionError or ConfigError for usage errors."""
    errors: list[str] = []
    book = RuleBook()
    base_rules = book.rules_for(finder.for_path(Path.cwd()))
    metas = [r.meta for r in base_rules]
    if options.select:
        validate_tokens(options.select, metas, "--select")
    validate_tokens(options.ignore, metas, "--ignore")
    report = Report(findings=[], rules={r.meta.code: r.meta for r in base_rules}, files=0)
    outcome = Outcome(report)
    validated: set[Path | None] = set()
    for target in expand_targets(paths, finder, errors):
        settings = finder.for_path(target.path if target.path else Path.cwd())
        rules = book.rules_for(settings)
        if settings.path not in validated:
            where = str(settings.path) if settings.path else "config"
            all_metas = [r.meta for r in rules]
            validate_tokens(settings.select, all_metas, f"{where}: key 'select'")
            validate_tokens(settings.ignore, all_metas, f"{where}: key 'ignore'")
            for tokens in settings.per_path_ignores.values():
                validate_tokens(tokens, all_metas, f"{where}: key 'per-path-ignores'")
            _validate_severity_keys(settings, all_metas, where)
            validated.add(settings.path)
        for rule in rules:
            report.rules.setdefault(rule.meta.code, rule.meta)
        try:
            source = _read(target, options, stdin_bytes)
        except InputError as err:
            errors.append(str(err))
            continue
        chosen = select_rules(rules, settings, options.select, options.ignore)
        relative = _relative(target.path, settings.root) if target.path else None
        result = lint_source(source, chosen, settings, relative)
        if options.keep_sources:
            outcome.results.append(result)
        outcome.rule_errors.extend(result.rule_errors)
        report.files += 1
        report.words += result.word_count
        report.findings.extend(result.findings)
        if options.metrics:
            from lintnews.metrics import document_metrics

            report.metrics[source.path] = document_metrics(result.document)
        threshold = options.fail_on or settings.fail_on
        if threshold != "never" and any(f.severity >= Severity.parse(threshold)
                                        for f in result.findings):
            outcome.failed = True
        del result  # the document model is not needed past this point
    report.errors = errors
    outcome.input_errors = bool(errors)
    return outcome


def _validate_severity_keys(settings: Settings, metas: list[RuleMeta], where: str) -> None:
    """[severity] is keyed by rule code; a key that is not one would silently do nothing."""
    codes = {m.code for m in metas}
    for key in settings.severity:
        if key in codes:
            continue
        named = next((m.code for m in metas if key in (m.name, m.code.lower())), None)
        hint = f"use the rule code '{named}'" if named else "see `lintnews rules`"
        raise ConfigError(f"{where}: key 'severity.{key}': unknown rule code '{key}' ({hint})")


def _read(target: Target, options: Options, stdin_bytes: bytes | None) -> SourceFile:
    if target.path is None:
        name = options.stdin_filename
        return decode(stdin_bytes or b"", name)
    return read_source(target.path, target.display)


def _relative(path: Path, root: Path) -> Path | None:
    try:
        return path.resolve().relative_to(root.resolve())
    except ValueError:
        return path


__all__ = ["Options", "Outcome", "PackError", "run"]
