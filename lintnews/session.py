"""Linting many files: find them, pick each file's config and rules, collect one Report.

Files are linted one by one, or in worker processes with --jobs; either way the results are
gathered in the order the files were found, so the output does not depend on the job count.
The main process then applies the run-wide filters: changed lines and the baseline.
"""

from __future__ import annotations

import os
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from lintnews import regex_store
from lintnews.baseline import Entry, entry_for
from lintnews.baseline import Filter as BaselineFilter
from lintnews.columns import DEFAULT_UNIT, in_column_unit
from lintnews.config import ConfigError, ConfigFinder, Settings
from lintnews.discover import is_excluded, walk_articles
from lintnews.engine.cache import RuleCache
from lintnews.engine.declarative import PackError
from lintnews.engine.model import Finding, Rule, RuleMeta, Severity
from lintnews.engine.registry import load_rules
from lintnews.engine.runner import lint_source, select_rules
from lintnews.engine.selection import validate_tokens
from lintnews.genre import DEFAULT_GENRE, known_genres
from lintnews.markup import SUFFIX_LIST
from lintnews.output import Report
from lintnews.source import InputError, SourceFile, decode, read_source

if TYPE_CHECKING:
    from lintnews.document.model import Document
    from lintnews.gitdiff import ChangedLines, Extent
    from lintnews.source import LineIndex

STDIN = "-"
# Below this many files, starting worker processes costs more than it saves.
MIN_FILES_FOR_WORKERS = 16


class Target(NamedTuple):
    path: Path | None  # None for standard input
    display: str  # the name reported in findings
    explicit: bool
    # Where the file's config, per-path ignores and excludes are looked up: the file itself,
    # or for standard input the --stdin-filename it stands for (the current folder without one).
    stands_for: Path | None = None

    @property
    def settings_path(self) -> Path:
        return self.path or self.stands_for or Path.cwd()


class Options(NamedTuple):
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    fail_on: str | None = None
    stdin_filename: str = STDIN
    keep_sources: bool = False  # keep each file's text (for --fix); otherwise memory stays flat
    metrics: bool = False  # compute document metrics (JSON summary, --statistics)
    baseline_root: Path | None = None  # compute baseline entries relative to this folder
    extents: bool = False  # work out each finding's sentence, for changed-lines mode
    jobs: int = 1
    progress: bool = False  # a progress line on stderr
    # Columns of the findings reported: code points, or what an editor counts (columns.py).
    # With keep_sources (--fix), the fixes move the findings first, so the caller converts.
    column_unit: str = "characters"
    genre: str | None = None  # --genre: every file is linted as this genre


@dataclass
class FileOutcome:
    """What linting one file produced; small and picklable, so workers can return it."""

    display: str
    findings: list[Finding] = field(default_factory=list)
    words: int = 0
    fail_on: str = "warning"
    metrics: dict[str, float] | None = None
    entries: list[Entry] | None = None  # baseline entries, aligned with findings
    extents: list[Extent] | None = None  # each finding's sentence, aligned with findings
    source: SourceFile | None = None
    error: str | None = None
    rule_errors: list[str] = field(default_factory=list)
    genre: str = DEFAULT_GENRE


@dataclass
class Outcome:
    report: Report
    sources: list[tuple[SourceFile, list[Finding]]] = field(default_factory=list)
    failed: bool = False  # findings at or above fail-on
    rule_errors: list[str] = field(default_factory=list)
    baseline_entries: Counter[Entry] = field(default_factory=Counter)  # today's, for writing
    baseline_total: int = 0
    baseline_matched: int = 0


def expand_targets(paths: list[str], finder: ConfigFinder, errors: list[str],
                   stdin_filename: str = STDIN) -> Iterator[Target]:
    for raw in paths:
        if raw == STDIN:
            # Named, the text is linted as that file would be: excluded, it is not linted.
            named = Path(stdin_filename) if stdin_filename != STDIN else None
            if named is not None:
                settings = finder.for_path(named)
                if is_excluded(named, settings.root, settings.exclude):
                    continue
            yield Target(None, STDIN, True, named)
            continue
        path = Path(raw)
        try:
            is_dir = path.is_dir()
            exists = is_dir or path.exists() or path.is_symlink()
        except OSError as err:  # e.g. inside a folder this user may not search
            errors.append(f"{raw}: cannot access ({err.strerror or err})")
            continue
        if is_dir:
            found = 0
            excluded: list[Path] = []

            def is_config_excluded(file: Path, excluded: list[Path] = excluded) -> bool:
                settings = finder.for_path(file)
                if is_excluded(file, settings.root, settings.exclude):
                    excluded.append(file)
                    return True
                return False

            for file in walk_articles(path, excluded=is_config_excluded):
                found += 1
                yield Target(file, str(file), False)
            if excluded and not found:
                errors.append(f"{raw}: all {len(excluded)} article files here are excluded by "
                              "the config's 'exclude'")
            elif not found:
                errors.append(f"{raw}: no article files ({SUFFIX_LIST}) found")
        elif exists:
            settings = finder.for_path(path)
            if not is_excluded(path, settings.root, settings.exclude):
                yield Target(path, raw, True)
        else:
            errors.append(f"{raw}: no such file or folder")


class RuleBook:
    """Rules loaded once per distinct set of local pack folders."""

    def __init__(self, cache: RuleCache | None = None) -> None:
        self._loaded: dict[tuple[Path, ...], list[Rule]] = {}
        self.cache = cache if cache is not None else RuleCache()

    def rules_for(self, settings: Settings) -> list[Rule]:
        key = tuple(settings.rule_packs)
        if key not in self._loaded:
            self._loaded[key] = load_rules(key, self.cache)
        if settings.lexicons:  # a house lexicon with a mistake is a usage error, said up front
            from lintnews.engine.lexicon import load_lexicon

            load_lexicon(settings.lexicons)
        return self._loaded[key]


@dataclass
class Linter:
    """Everything needed to lint one file; one per process."""

    finder: ConfigFinder
    options: Options
    book: RuleBook = field(default_factory=RuleBook)

    def lint(self, target: Target, stdin_bytes: bytes | None = None) -> FileOutcome:
        settings = self.finder.for_path(target.settings_path)
        outcome = FileOutcome(target.display, fail_on=self.options.fail_on or settings.fail_on)
        try:
            source = _read(target, self.options, stdin_bytes)
        except InputError as err:
            outcome.error = str(err)
            return outcome
        loaded = self.book.rules_for(settings)
        chosen = select_rules(loaded, settings, self.options.select, self.options.ignore,
                              self.options.extend_select)
        named = target.path or target.stands_for
        relative = _relative(named, settings.root) if named else None
        result = lint_source(source, chosen, settings, relative, loaded, self.options.genre)
        outcome.genre = result.genre
        outcome.findings = result.findings
        outcome.words = result.word_count
        outcome.rule_errors = result.rule_errors
        if self.options.metrics:
            from lintnews.metrics import document_metrics

            outcome.metrics = document_metrics(result.document)
        if self.options.baseline_root is not None:
            outcome.entries = [entry_for(f, result.document, self.options.baseline_root)
                               for f in result.findings]
        if self.options.extents:
            outcome.extents = [_extent(f, result.document, source.line_index)
                               for f in result.findings]
        if self.options.keep_sources:
            outcome.source = source
        elif self.options.column_unit != DEFAULT_UNIT:
            outcome.findings = in_column_unit(outcome.findings, source.text,
                                              self.options.column_unit)
        return outcome


# A worker process's own Linter, made once by _start_worker (process-local, not shared).
_worker_linter: Linter | None = None


def _start_worker(config: Path | None, options: Options) -> None:
    global _worker_linter
    _worker_linter = Linter(ConfigFinder(config), options)


def _lint_in_worker(target: Target) -> FileOutcome:
    assert _worker_linter is not None
    return _worker_linter.lint(target)


def run(paths: list[str], finder: ConfigFinder, options: Options,
        stdin_bytes: bytes | None = None, config: Path | None = None,
        changed: ChangedLines | None = None, baseline: BaselineFilter | None = None) -> Outcome:
    """Lint `paths`. Raises PackError, SelectionError or ConfigError for usage errors.

    `changed` is a gitdiff.ChangedLines and `baseline` a baseline.Filter, when asked for.
    """
    errors: list[str] = []
    if changed is not None:
        options = options._replace(extents=True)
    linter = Linter(finder, options)
    base_rules = linter.book.rules_for(finder.for_path(Path.cwd()))
    metas = [r.meta for r in base_rules]
    if options.select:
        validate_tokens(options.select, metas, "--select")
    validate_tokens(options.extend_select, metas, "--extend-select")
    validate_tokens(options.ignore, metas, "--ignore")
    report = Report(findings=[], rules={r.meta.code: r.meta for r in base_rules}, files=0)
    outcome = Outcome(report)
    targets = list(expand_targets(paths, finder, errors, options.stdin_filename))
    validated: dict[Path | None, Settings] = {}
    for target in targets:
        settings = finder.for_path(target.settings_path)
        if settings.path in validated:
            continue
        rules = linter.book.rules_for(settings)
        _validate_settings(settings, [r.meta for r in rules])
        for rule in rules:
            report.rules.setdefault(rule.meta.code, rule.meta)
        validated[settings.path] = settings
    if options.genre is not None:
        _validate_genre(options.genre, [finder.for_path(Path.cwd()), *validated.values()])

    for file_outcome in _lint_all(targets, linter, options, config, stdin_bytes):
        _collect(file_outcome, outcome, changed, baseline)
    linter.book.cache.save()
    regex_store.save()
    report.errors = errors + report.errors
    if baseline is not None:
        outcome.baseline_total = baseline.total
        outcome.baseline_matched = baseline.matched
    return outcome


def _lint_all(targets: list[Target], linter: Linter, options: Options, config: Path | None,
              stdin_bytes: bytes | None) -> Iterator[FileOutcome]:
    progress = _Progress(len(targets)) if options.progress and len(targets) >= 20 else None
    files = [t for t in targets if t.path is not None]
    use_workers = options.jobs > 1 and len(files) >= MIN_FILES_FOR_WORKERS \
        and len(files) == len(targets)
    if use_workers:
        import multiprocessing  # only here: the pool costs start-up time a single file never needs
        from concurrent.futures import ProcessPoolExecutor

        chunk = max(1, min(32, len(files) // (options.jobs * 4)))
        context = multiprocessing.get_context()
        if context.get_start_method() == "fork":
            # Workers inherit this process's rules, already compiled, instead of rebuilding them.
            _prepare(linter, targets)
            global _worker_linter
            _worker_linter = linter
            initializer, initargs = None, ()
        else:
            initializer, initargs = _start_worker, (config, options)
        with ProcessPoolExecutor(max_workers=options.jobs, mp_context=context,
                                 initializer=initializer, initargs=initargs) as pool:
            for result in pool.map(_lint_in_worker, files, chunksize=chunk):
                if progress:
                    progress.step(result.display)
                yield result
    else:
        for target in targets:
            result = linter.lint(target, stdin_bytes)
            if progress:
                progress.step(result.display)
            yield result
    if progress:
        progress.done()


def _prepare(linter: Linter, targets: list[Target]) -> None:
    """Compile every rule a run will need, once, before the workers are forked."""
    seen: set[int] = set()
    for target in targets[:1]:
        settings = linter.finder.for_path(target.settings_path)
        for rule in select_rules(linter.book.rules_for(settings), settings,
                                 linter.options.select, linter.options.ignore,
                                 linter.options.extend_select):
            matcher = getattr(rule, "matcher", None)
            if matcher is None or id(rule) in seen:
                continue
            seen.add(id(rule))
            for part in matcher.parts:
                _ = part.keys
                regex = getattr(part, "regex", None)
                if regex is not None:
                    _ = regex.compiled


def _collect(result: FileOutcome, outcome: Outcome, changed: ChangedLines | None,
             baseline: BaselineFilter | None) -> None:
    report = outcome.report
    if result.error is not None:
        report.errors.append(result.error)
        return
    findings = result.findings
    entries = result.entries or [None] * len(findings)
    pairs = list(zip(findings, entries, strict=True))
    if result.entries is not None:
        outcome.baseline_entries.update(e for e in result.entries if e is not None)
    if changed is not None and result.display != STDIN:
        changes = changed.changes_for(Path(result.display))
        if changes is not None:
            extents = result.extents or [_span(f) for f in findings]
            pairs = [(f, e) for (f, e), extent in zip(pairs, extents, strict=True)
                     if changes.keeps(range(f.line, f.end_line + 1), extent)]
    if baseline is not None:
        pairs = [(f, e) for f, e in pairs if e is None or baseline.keep(e)]
    kept = [f for f, _ in pairs]
    outcome.rule_errors.extend(result.rule_errors)
    report.files += 1
    report.words += result.words
    report.genres[result.display] = result.genre
    report.findings.extend(kept)
    if result.metrics is not None:
        report.metrics[result.display] = result.metrics
    if result.source is not None:
        outcome.sources.append((result.source, kept))
    if result.fail_on != "never" and any(f.severity >= Severity.parse(result.fail_on)
                                         for f in kept):
        outcome.failed = True


def _extent(finding: Finding, document: Document, lines: LineIndex) -> Extent:
    """The finding's span widened to the sentences it is in: where a changed word makes the
    finding part of a change (see lintnews.gitdiff)."""
    start, end = finding.offset, finding.end_offset
    first = document.sentence_at(start)
    last = document.sentence_at(max(start, end - 1))
    if first is not None:
        start = min(start, first.start)
    if last is not None:
        end = max(end, last.end)
    return lines.position(start), lines.position(end)


def _span(finding: Finding) -> Extent:
    return (finding.line, finding.column), (finding.end_line, finding.end_column)


class _Progress:
    """A one-line progress counter on stderr, for interactive runs over many files."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.count = 0

    def step(self, name: str) -> None:
        self.count += 1
        width = 40
        filled = width * self.count // max(self.total, 1)
        sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] "
                         f"{self.count}/{self.total} {name[-30:]:<30}")
        sys.stderr.flush()

    def done(self) -> None:
        sys.stderr.write("\r" + " " * 90 + "\r")
        sys.stderr.flush()


def show_progress() -> bool:
    """Only for a person at a terminal: never in CI, pipes or redirected output."""
    return sys.stderr.isatty() and not os.environ.get("CI")


def _validate_settings(settings: Settings, metas: list[RuleMeta]) -> None:
    where = str(settings.path) if settings.path else "config"
    validate_tokens(settings.select, metas, f"{where}: key 'select'")
    validate_tokens(settings.extend_select, metas, f"{where}: key 'extend-select'")
    validate_tokens(settings.ignore, metas, f"{where}: key 'ignore'")
    for tokens in settings.per_path_ignores.values():
        validate_tokens(tokens, metas, f"{where}: key 'per-path-ignores'")
    _validate_severity_keys(settings, metas, where)
    _validate_genre_severity_keys(settings, metas, where)


def _validate_genre(genre: str, settings: list[Settings]) -> None:
    """--genre must name a built-in genre or one a config defines."""
    known = known_genres(settings)
    if genre not in known:
        raise ConfigError(f"--genre: unknown genre '{genre}' (known: {', '.join(known)})")


def _validate_genre_severity_keys(settings: Settings, metas: list[RuleMeta], where: str) -> None:
    """[genre.severity.GENRE] is keyed by rule code or code prefix ("LN2")."""
    codes = [m.code for m in metas]
    for genre, levels in settings.genre.severity.items():
        for key in levels:
            if any(code.startswith(key) for code in codes):
                continue
            named = next((m.code for m in metas if key.lower() == m.name), None)
            hint = f"use the rule code '{named}'" if named else "see `lintnews rules`"
            raise ConfigError(f"{where}: key 'genre.severity.{genre}.{key}': no rule code is "
                              f"or starts with '{key}' ({hint})")


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
