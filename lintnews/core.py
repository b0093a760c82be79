"""The one way to lint: a `Linter` built once from a configuration and a rule selection.

Every front end goes through it: the command line, `--fix`, the benchmarks, `lintnews.api`
(and the language server and archive audit to come). It is the only place that decides
which config a file gets, which rules run on it, whether its findings fail the run
(`fails`), how a path is named relative to its config (`relative_path`) and which findings a
baseline or a change set leaves out (`Linter.run`).

    linter = Linter(select=("LN2",))
    result = linter.lint_text("The legendary coach left.\\n", "story.txt")
    for result in linter.lint_paths(["articles/"]):
        ...

`lint_text` and `lint_paths` give a `Result` per text or file: its findings, metrics and
safe fixes, or the error that kept it from being linted (a file that cannot be read is an
error in its Result, never an exception). `run` gathers a whole command-line run into an
`Outcome`; `fix` applies the safe fixes of one.

Files are linted one by one, or in worker processes with `jobs`; either way the results come
in the order the files were found, so the output does not depend on the job count.
"""

from __future__ import annotations

import copy
import dataclasses
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from lintnews.cache import patterns as regex_store
from lintnews.cache.rules import RuleCache
from lintnews.columns import DEFAULT_UNIT, in_column_unit
from lintnews.config import ConfigError, ConfigFinder, Settings
from lintnews.engine.genre import DEFAULT_GENRE, known_genres
from lintnews.engine.phrase_rule import PhraseRule
from lintnews.engine.rule_types import Finding, Rule, RuleMeta, Severity
from lintnews.engine.runner import Cancelled, lint_source, select_rules
from lintnews.engine.selection import validate_tokens
from lintnews.files.discover import is_excluded, walk_articles
from lintnews.files.source import InputError, SourceFile, decode, read_source
from lintnews.markup import SUFFIX_LIST
from lintnews.report import Report
from lintnews.ruleset import load_rules
from lintnews.workflow.baseline import Entry, entry_for

if TYPE_CHECKING:
    from lintnews.document.model import Document
    from lintnews.files.source import LineIndex
    from lintnews.workflow.baseline import Filter as BaselineFilter
    from lintnews.workflow.gitdiff import ChangedLines, Extent

STDIN = "-"
# Below this many files, starting worker processes costs more than it saves.
MIN_FILES_FOR_WORKERS = 16
# A safe fix: replace text[start:end] with the replacement.
Edit = tuple[int, int, str]


def fails(findings: Iterable[Finding], fail_on: str) -> bool:
    """Whether `findings` fail a run at `fail_on` ("error", "warning", "info" or "never"):
    one of them is at or above it. The one place this is decided."""
    if fail_on == "never":
        return False
    threshold = Severity.parse(fail_on)
    return any(f.severity >= threshold for f in findings)


def relative_path(path: Path, root: Path) -> Path:
    """`path` relative to `root` (a config's folder), as per-path ignores and genre paths
    match it; `path` itself when it lies outside `root`."""
    try:
        return path.resolve().relative_to(root.resolve())
    except ValueError:
        return path


class Options(NamedTuple):
    """How a Linter lints: the rule selection and what each Result keeps."""

    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    fail_on: str | None = None  # None: each file's config decides
    genre: str | None = None  # every file is linted as this genre (--genre)
    stdin_filename: str = STDIN
    metrics: bool = True  # compute document metrics
    jobs: int = 1
    # Columns of the findings reported: code points, or what an editor counts (columns.py).
    # When fixing, the fixes move the findings first, so `Linter.fix` converts them.
    column_unit: str = DEFAULT_UNIT
    keep_sources: bool = False  # lint_paths keeps each file's text (for fixing)
    baseline_root: Path | None = None  # compute baseline entries relative to this folder
    extents: bool = False  # work out each finding's sentence, for changed-lines mode


@dataclass
class Result:
    """What linting one text or file produced; small and picklable, so workers can return it.

    `error` says why a file was not linted (it cannot be read, it is not text); its findings
    are then empty. `rule_errors` are internal errors of rules, which lint the rest anyway.
    """

    path: str  # the name findings are reported under
    findings: list[Finding] = field(default_factory=list)
    words: int = 0
    genre: str = DEFAULT_GENRE  # what the text was linted as (lintnews.engine.genre)
    metrics: dict[str, float] | None = None  # document metrics, when the Linter computes them
    error: str | None = None
    rule_errors: list[str] = field(default_factory=list)
    fail_on: str = "warning"  # the lowest severity that fails: the option's, or the config's
    source: SourceFile | None = None  # the text, when kept (lint_text, or for fixing)
    entries: list[Entry] | None = None  # baseline entries, aligned with findings
    extents: list[Extent] | None = None  # each finding's sentence, aligned with findings

    @property
    def failed(self) -> bool:
        """Findings at or above `fail_on`."""
        return fails(self.findings, self.fail_on)

    @property
    def fixes(self) -> list[Edit]:
        """The safe fixes among the findings, as (start, end, replacement) edits of the text,
        in order and not overlapping: what `--fix` applies first ([] without the text)."""
        if self.source is None:
            return []
        from lintnews.markup import read_prose
        from lintnews.workflow.apply_fixes import safe_edits

        text = self.source.text
        return safe_edits(self.findings, text, read_prose(text, self.source.path).masked)


@dataclass
class Outcome:
    """A whole run over many files, gathered: the report every output format renders."""

    report: Report
    # The files linted with their text kept (for fixing), each with the findings reported.
    fixable: list[Result] = field(default_factory=list)
    failed: bool = False  # some file has findings at or above its fail-on
    rule_errors: list[str] = field(default_factory=list)
    baseline_entries: Counter[Entry] = field(default_factory=Counter)  # today's, for writing
    baseline_total: int = 0
    baseline_matched: int = 0
    # a baseline or changed lines left findings out: --fix then keeps to what it changes
    filtered: bool = False


@dataclass
class Fixed:
    """What `Linter.fix` did: fixes applied, and the run's outcome after them (the findings
    left, where their words are in the fixed files)."""

    applied: int
    outcome: Outcome
    text: bytes | None = None  # with standard input: the whole text, fixed, as it came in


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


class RuleBook:
    """Rules loaded once per distinct set of local pack folders (or the rules given)."""

    def __init__(self, rules: Sequence[Rule] | None = None,
                 cache: RuleCache | None = None) -> None:
        self._given = list(rules) if rules is not None else None
        self._loaded: dict[tuple[Path, ...], list[Rule]] = {}
        self.cache = cache if cache is not None else RuleCache()

    def rules_for(self, settings: Settings) -> list[Rule]:
        if self._given is not None:
            return self._given
        key = tuple(settings.rule_packs)
        if key not in self._loaded:
            self._loaded[key] = load_rules(key, self.cache)
        if settings.lexicons:  # a house lexicon with a mistake is a usage error, said up front
            from lintnews.engine.lexicon import load_lexicon

            load_lexicon(settings.lexicons)
        return self._loaded[key]


class Linter:
    """Lints texts and files with one configuration and rule selection; build it once.

    `settings` applies to every text and file; `config_path` names the config file to read
    instead; with neither, each file gets the nearest `lintnews.toml` above it, as
    `lintnews check` does (a text without a path: the current folder's). `select`,
    `extend_select` and `ignore` are `--select`, `--extend-select` and `--ignore`; `genre`
    forces the genre (`--genre`), `fail_on` the failing severity (`--fail-on`). `rules`
    replaces the rules the config loads. Rules are loaded and compiled on first use.
    """

    def __init__(self, settings: Settings | None = None, *, config_path: Path | None = None,
                 select: Sequence[str] | None = None, ignore: Sequence[str] = (),
                 extend_select: Sequence[str] = (), genre: str | None = None,
                 fail_on: str | None = None, metrics: bool = True, jobs: int = 1,
                 column_unit: str = DEFAULT_UNIT, stdin_filename: str = STDIN,
                 rules: Sequence[Rule] | None = None) -> None:
        if settings is not None and config_path is not None:
            raise ValueError("give settings or config_path, not both")
        self.finder = ConfigFinder.fixed(settings) if settings is not None \
            else ConfigFinder(config_path)
        self.settings = settings
        self.config_path = config_path
        self.options = Options(
            select=tuple(select) if select is not None else None, ignore=tuple(ignore),
            extend_select=tuple(extend_select), fail_on=fail_on, genre=genre,
            stdin_filename=stdin_filename, metrics=metrics, jobs=jobs, column_unit=column_unit)
        self.book = RuleBook(rules)

    def _with(self, **changes: object) -> Linter:
        """This linter (its configs and loaded rules) with other options."""
        other = copy.copy(self)  # shallow: the same finder and rule book
        other.options = self.options._replace(**changes)
        return other

    # --- one text -------------------------------------------------------------------------

    def lint_text(self, text: str, path: str | None = None, *,
                  cancelled: Callable[[], bool] | None = None) -> Result:
        """Lint `text` as if it were the file `path`: that file's config, per-path ignores and
        genre paths apply, and its suffix picks Markdown or plain text. Without a path, the
        text is standard input: Markdown when it clearly is. `cancelled` is asked between
        rules; when it answers True the lint stops with Cancelled (an editor's newer text
        supersedes it)."""
        named = Path(path) if path is not None and path != STDIN else None
        target = Target(named, path or STDIN, True)
        return self._lint(target, SourceFile(path=path or STDIN, text=text), keep_source=True,
                          cancelled=cancelled)

    def validate(self, path: str | None = None) -> None:
        """Check what linting the file `path` (None: a text without a path) would use, as
        `run` does before it lints: its config, the rules it loads and the selection must be
        sound. Raises ConfigError, PackError or SelectionError with a one-line message."""
        settings = self._settings_of(path)
        metas = [r.meta for r in self.book.rules_for(settings)]
        self._validate_selection(metas)
        _validate_settings(settings, metas)
        if self.options.genre is not None:
            _validate_genre(self.options.genre, [settings])

    def rule_metas(self, path: str | None = None) -> dict[str, RuleMeta]:
        """Code → metadata of every rule loaded for the file `path` (selected or not)."""
        return {rule.meta.code: rule.meta
                for rule in self.book.rules_for(self._settings_of(path))}

    def _settings_of(self, path: str | None) -> Settings:
        """The config of the file `path`; of the current folder for a text without a path."""
        named = Path(path) if path is not None and path != STDIN else None
        return self.finder.for_path(named or Path.cwd())

    def rules_for(self, settings: Settings) -> tuple[list[Rule], list[Rule]]:
        """(every rule loaded for `settings`, the ones selected)."""
        loaded = self.book.rules_for(settings)
        options = self.options
        return loaded, select_rules(loaded, settings, options.select, options.ignore,
                                    options.extend_select)

    def _lint(self, target: Target, source: SourceFile | None, keep_source: bool,
              stdin_bytes: bytes | None = None,
              cancelled: Callable[[], bool] | None = None) -> Result:
        options = self.options
        settings = self.finder.for_path(target.settings_path)
        result = Result(target.display, fail_on=options.fail_on or settings.fail_on)
        if source is None:
            try:
                source = _read(target, options.stdin_filename, stdin_bytes)
            except InputError as err:
                result.error = str(err)
                return result
        loaded, chosen = self.rules_for(settings)
        named = target.path or target.stands_for
        relative = relative_path(named, settings.root) if named else None
        linted = lint_source(source, chosen, settings, relative, loaded, options.genre,
                             cancelled)
        result.genre = linted.genre
        result.findings = linted.findings
        result.words = linted.word_count
        result.rule_errors = linted.rule_errors
        if options.metrics:
            from lintnews.document.readability import document_metrics

            result.metrics = document_metrics(linted.document)
        if options.baseline_root is not None:
            recorded_as = relative_path(Path(source.path), options.baseline_root)
            result.entries = [entry_for(f, linted.document, recorded_as)
                              for f in linted.findings]
        if options.extents:
            result.extents = [_extent(f, linted.document, source.line_index)
                              for f in linted.findings]
        if keep_source:
            result.source = source
        if not options.keep_sources:
            result.findings = in_column_unit(result.findings, source.text, options.column_unit)
        return result

    # --- many files -----------------------------------------------------------------------

    def lint_paths(self, paths: Iterable[str], *, stdin: bytes | None = None,
                   progress: bool = False) -> Iterator[Result]:
        """Lint files and folders (searched for articles; "-" is `stdin`), a Result per file
        in the order they are found. A path that does not exist or holds no articles is a
        Result with an error, before the files; a file the config excludes is left out.

        Raises PackError, SelectionError or ConfigError, as linting starts, for a
        configuration or selection that is wrong. `progress` draws a line on stderr.
        """
        targets, errors, _ = self._plan(list(paths))
        yield from errors
        yield from self._lint_all(targets, stdin, progress)
        self.save_caches()

    def save_caches(self) -> None:
        """Keep the rules compiled so far for the next process (lint_paths does this)."""
        self.book.cache.save()
        regex_store.save()

    def _plan(self, paths: list[str]) -> tuple[list[Target], list[Result], dict[str, RuleMeta]]:
        """The files `paths` name, a Result for each path that names none, and the metadata
        of every rule their configs load; raises for a config or selection that is wrong."""
        known = self._validate_selectors()
        errors: list[Result] = []
        targets = list(self._expand(paths, errors))
        self._validate_configs(targets, known)
        return targets, errors, known

    def _expand(self, paths: list[str], errors: list[Result]) -> Iterator[Target]:
        finder = self.finder
        for raw in paths:
            if raw == STDIN:
                # Named, the text is linted as that file would be: excluded, it is not linted.
                stdin_filename = self.options.stdin_filename
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
                errors.append(Result(raw, error=f"{raw}: cannot access ({err.strerror or err})"))
                continue
            if is_dir:
                yield from self._expand_folder(raw, path, errors)
            elif exists:
                settings = finder.for_path(path)
                if not is_excluded(path, settings.root, settings.exclude):
                    yield Target(path, raw, True)
            else:
                errors.append(Result(raw, error=f"{raw}: no such file or folder"))

    def _expand_folder(self, raw: str, folder: Path, errors: list[Result]) -> Iterator[Target]:
        found = 0
        excluded: list[Path] = []

        def is_config_excluded(file: Path) -> bool:
            settings = self.finder.for_path(file)
            if is_excluded(file, settings.root, settings.exclude):
                excluded.append(file)
                return True
            return False

        for file in walk_articles(folder, excluded=is_config_excluded):
            found += 1
            yield Target(file, str(file), False)
        if excluded and not found:
            errors.append(Result(raw, error=f"{raw}: all {len(excluded)} article files here "
                                 "are excluded by the config's 'exclude'"))
        elif not found:
            errors.append(Result(raw, error=f"{raw}: no article files ({SUFFIX_LIST}) found"))

    def _validate_selectors(self) -> dict[str, RuleMeta]:
        """Every selector must name a rule. Returns code → metadata of the current folder's
        rules."""
        metas = [r.meta for r in self.book.rules_for(self.finder.for_path(Path.cwd()))]
        self._validate_selection(metas)
        return {meta.code: meta for meta in metas}

    def _validate_selection(self, metas: list[RuleMeta]) -> None:
        """--select, --extend-select and --ignore must each name a rule of `metas`."""
        options = self.options
        if options.select:
            validate_tokens(options.select, metas, "--select")
        validate_tokens(options.extend_select, metas, "--extend-select")
        validate_tokens(options.ignore, metas, "--ignore")

    def _validate_configs(self, targets: list[Target], known: dict[str, RuleMeta]) -> None:
        """Every config the targets use must be sound; adds the rules they load to `known`
        (what output formats explain findings with)."""
        validated: dict[Path | None, Settings] = {}
        for target in targets:
            settings = self.finder.for_path(target.settings_path)
            if settings.path in validated:
                continue
            rules = self.book.rules_for(settings)
            _validate_settings(settings, [r.meta for r in rules])
            for rule in rules:
                known.setdefault(rule.meta.code, rule.meta)
            validated[settings.path] = settings
        if self.options.genre is not None:
            _validate_genre(self.options.genre, [self.finder.for_path(Path.cwd()),
                                                 *validated.values()])

    def _lint_all(self, targets: list[Target], stdin: bytes | None,
                  progress_bar: bool) -> Iterator[Result]:
        options = self.options
        progress = _Progress(len(targets)) if progress_bar and len(targets) >= 20 else None
        files = [t for t in targets if t.path is not None]
        use_workers = options.jobs > 1 and len(files) >= MIN_FILES_FOR_WORKERS \
            and len(files) == len(targets)
        if use_workers:
            results = self._lint_in_workers(files, targets)
        else:
            results = (self._lint(t, None, options.keep_sources, stdin) for t in targets)
        for result in results:
            if progress:
                progress.step(result.path)
            yield result
        if progress:
            progress.done()

    def _lint_in_workers(self, files: list[Target], targets: list[Target]) -> Iterator[Result]:
        import multiprocessing  # only here: the pool costs start-up time a single file never needs
        from concurrent.futures import ProcessPoolExecutor

        options = self.options
        chunk = max(1, min(32, len(files) // (options.jobs * 4)))
        context = multiprocessing.get_context()
        if context.get_start_method() == "fork":
            # Workers inherit this process's rules, already compiled, instead of rebuilding them.
            self._compile_rules(targets[:1])
            initializer, initargs = _adopt_worker_linter, (self,)
        else:
            initializer, initargs = _start_worker, (self.settings, self.config_path, options)
        with ProcessPoolExecutor(max_workers=options.jobs, mp_context=context,
                                 initializer=initializer, initargs=initargs) as pool:
            yield from pool.map(_lint_in_worker, files, chunksize=chunk)

    def _compile_rules(self, targets: list[Target]) -> None:
        """Compile every rule the targets will need, once, before the workers are forked."""
        for target in targets:
            _, chosen = self.rules_for(self.finder.for_path(target.settings_path))
            for rule in chosen:
                if isinstance(rule, PhraseRule):
                    rule.prepare()

    # --- a whole run ----------------------------------------------------------------------

    def run(self, paths: list[str], *, stdin: bytes | None = None,
            changed: ChangedLines | None = None, baseline: BaselineFilter | None = None,
            baseline_root: Path | None = None, keep_sources: bool = False,
            progress: bool = False) -> Outcome:
        """Lint `paths` and gather one Outcome, as `lintnews check` reports it. Raises
        PackError, SelectionError or ConfigError for usage errors.

        `changed` (a gitdiff.ChangedLines) keeps only findings in what changed; `baseline`
        (a baseline.Filter) drops the findings it records; `baseline_root` records today's
        entries relative to that folder (Outcome.baseline_entries); `keep_sources` keeps each
        file's text, for `fix`.
        """
        linter = self._with(keep_sources=keep_sources, baseline_root=baseline_root,
                            extents=changed is not None or self.options.extents)
        targets, errors, rules = linter._plan(paths)
        report = Report(findings=[], rules=rules, files=0)
        outcome = Outcome(report, filtered=changed is not None or baseline is not None)
        report.errors = [result.error for result in errors if result.error is not None]
        for result in linter._lint_all(targets, stdin, progress):
            if result.error is not None:
                report.errors.append(result.error)
            else:
                _collect(result, outcome, changed, baseline)
        linter.save_caches()
        if baseline is not None:
            outcome.baseline_total = baseline.total
            outcome.baseline_matched = baseline.matched
        return outcome

    def fix(self, outcome: Outcome, *, diff: bool = False,
            stdin: bytes | None = None) -> Fixed:
        """Apply the safe fixes of a run made with `keep_sources`: write each file (or, with
        `diff`, print a unified diff and write nothing). With `stdin`, the run's only target
        was standard input: its fixed text is returned, encoded as it came in."""
        from lintnews.workflow.fix_passes import fix_file, fix_standard_input

        applied = 0
        remaining: list[Finding] = []
        failed = False
        fixed_text: bytes | None = None
        sources: dict[str, SourceFile] = {}  # the fixed texts, for formats that show them
        for result in outcome.fixable:
            assert result.source is not None
            if stdin is not None:
                count, left, fixed_text = fix_standard_input(
                    result.source, result.findings, stdin, self.relint, self._columns,
                    near_changes_only=outcome.filtered)
            else:
                count, left = fix_file(result.source, result.findings, diff, self.relint,
                                       self._columns, near_changes_only=outcome.filtered)
            if result.source.path in outcome.report.sources and not diff:
                sources[result.source.path] = decode(fixed_text or b"", result.source.path) \
                    if stdin is not None else read_source(Path(result.source.path), result.path)
            applied += count
            remaining.extend(left)
            failed = failed or fails(left, result.fail_on)
        if stdin is not None and fixed_text is None:  # excluded or unreadable: unchanged
            fixed_text = stdin
        report = dataclasses.replace(outcome.report, findings=remaining, sources=sources)
        return Fixed(applied, dataclasses.replace(outcome, report=report, failed=failed),
                     fixed_text)

    def _columns(self, findings: list[Finding], text: str) -> list[Finding]:
        return in_column_unit(findings, text, self.options.column_unit)

    def relint(self, source: SourceFile, text: str) -> list[Finding]:
        """Lint new text of a file with the rules and settings it was linted with, for its
        safe fixes (fixing.fix_source's `relint`).

        Only the rules a safe finding can depend on are run (see `rules_for_fixes`): the safe
        findings are exactly those of a full lint, at a fraction of its cost per pass.
        """
        from lintnews.workflow.fix_passes import rules_for_fixes

        path = None if source.path == STDIN else Path(source.path)
        settings = self.finder.for_path(path if path is not None else Path.cwd())
        loaded, chosen = self.rules_for(settings)
        relative = relative_path(path, settings.root) if path is not None else None
        new = SourceFile(source.path, text, source.encoding, source.bom)
        return lint_source(new, rules_for_fixes(chosen), settings, relative, loaded,
                           self.options.genre).findings


# A worker process's own Linter: made once by _start_worker, or inherited when forked.
# Process-local, never shared between processes.
_worker_linter: Linter | None = None


def _adopt_worker_linter(linter: Linter) -> None:
    global _worker_linter
    _worker_linter = linter


def _start_worker(settings: Settings | None, config_path: Path | None,
                  options: Options) -> None:
    """A spawned worker's Linter, built as the parent's was (rules given to the parent's
    `rules` are not sent: the worker loads the config's)."""
    _adopt_worker_linter(Linter(settings, config_path=config_path)._with(**options._asdict()))


def _lint_in_worker(target: Target) -> Result:
    assert _worker_linter is not None
    return _worker_linter._lint(target, None, _worker_linter.options.keep_sources)


def _collect(result: Result, outcome: Outcome, changed: ChangedLines | None,
             baseline: BaselineFilter | None) -> None:
    """Add one file's Result to the run: the changed-lines and baseline filters apply here."""
    report = outcome.report
    findings = result.findings
    entries = result.entries or [None] * len(findings)
    pairs = list(zip(findings, entries, strict=True))
    if result.entries is not None:
        outcome.baseline_entries.update(e for e in result.entries if e is not None)
    if changed is not None and result.path != STDIN:
        changes = changed.changes_for(Path(result.path))
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
    report.genres[result.path] = result.genre
    report.findings.extend(kept)
    if result.metrics is not None:
        report.metrics[result.path] = result.metrics
    if result.source is not None:
        outcome.fixable.append(dataclasses.replace(result, findings=kept))
        report.sources[result.source.path] = result.source  # the name its findings carry
    if fails(kept, result.fail_on):
        outcome.failed = True


def _extent(finding: Finding, document: Document, lines: LineIndex) -> Extent:
    """The finding's span widened to the sentences it is in: where a changed word makes the
    finding part of a change (see lintnews.workflow.gitdiff)."""
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


def _read(target: Target, stdin_filename: str, stdin_bytes: bytes | None) -> SourceFile:
    if target.path is None:
        return decode(stdin_bytes or b"", stdin_filename)
    return read_source(target.path, target.display)


__all__ = ["Cancelled", "Edit", "Fixed", "Linter", "Options", "Outcome", "Result", "fails",
           "relative_path"]
