"""One audit: find the documents, batch them, lint the batches not checkpointed yet on the
chosen engine, then aggregate every batch in order and write the outputs."""

from __future__ import annotations

import csv
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from lintnews.audit.aggregate import Aggregate
from lintnews.audit.batches import (
    CHECKPOINTS,
    DEFAULT_BATCH_SIZE,
    AuditInputError,
    Batch,
    BatchResult,
    Checkpoints,
    DocumentRef,
    find_documents,
    is_url,
    make_batches,
    run_fingerprint,
)
from lintnews.audit.engines import AuditSpec, run_in_process, run_in_workers
from lintnews.config import AUDIT_GROUPS, ConfigFinder

ENGINES = ("local", "dask")
OUTPUT_FILES = ("findings.parquet", "documents.parquet", "summary.csv", "summary.json",
                "dashboard.html")


@dataclass(frozen=True)
class AuditOptions:
    paths: tuple[str, ...]
    by: tuple[str, ...] = ()
    output: Path | None = None
    jobs: int = 1
    engine: str = "local"
    scheduler: str | None = None
    batch_size: int | None = None  # None: the config's, else DEFAULT_BATCH_SIZE
    config_path: Path | None = None
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    genre: str | None = None
    metadata: Path | None = None  # a CSV or TSV file: path → group keys
    progress: bool = False


@dataclass
class AuditRun:
    """What an audit did: its summary, and how much work this run did itself."""

    summary: dict[str, Any]
    batches: int
    resumed: int  # batches taken from checkpoints of an earlier, interrupted run
    words_linted: int  # by this run (not counting resumed batches)
    seconds: float
    errors: list[str] = field(default_factory=list)


# Called after each batch is checkpointed with (batches done, batches in all).
BatchHook = Callable[[int, int], None]


def run_audit(options: AuditOptions, on_batch: BatchHook | None = None) -> AuditRun:
    """Run an audit; raises AuditInputError (or ConfigError, SelectionError, PackError) for
    input or options it cannot use, before anything is linted."""
    started = time.perf_counter()
    _check_options(options)
    finder = ConfigFinder(options.config_path)
    first_local = next((Path(p) for p in options.paths if not is_url(p)), Path.cwd())
    settings = finder.for_path(first_local)
    spec = AuditSpec(options.config_path, options.select, options.ignore,
                     options.extend_select, options.genre, settings.audit)
    linter = spec.linter()
    # what `check` checks before it lints, up front: the config, its rule packs, the
    # selection, the codes in [severity] and the genre
    linter.validate(str(first_local))
    relabel = _read_metadata(options.metadata) if options.metadata else {}
    documents = find_documents(options.paths, finder)
    # every other config the documents use is checked too, as `check` checks them: a config
    # per folder, looked up once per folder
    folder_of_config: dict[Path | None, Path] = {settings.path: first_local}
    for folder in {Path(d.location).parent for d in documents if not is_url(d.location)}:
        config = finder.for_path(folder).path
        if config not in folder_of_config:
            folder_of_config[config] = folder
            linter.validate(str(folder))
    configs = {config for config in folder_of_config if config is not None}
    fingerprint = run_fingerprint(
        {"select": options.select, "ignore": options.ignore,
         "extend_select": options.extend_select, "genre": options.genre,
         "config": str(options.config_path), "audit": repr(settings.audit)},
        [*configs, *([options.config_path] if options.config_path else [])])
    size = options.batch_size or settings.audit.batch_size or DEFAULT_BATCH_SIZE
    batches = make_batches(documents, size, fingerprint)
    with _checkpoint_folder(options.output) as folder:
        checkpoints = Checkpoints(folder)
        todo = [b for b in batches if not checkpoints.has(b)]
        resumed = len(batches) - len(todo)
        words = _lint(options, spec, todo, checkpoints, len(batches), resumed, on_batch)
        aggregate = Aggregate(options.by)
        results = (_relabelled(checkpoints.load(b), relabel) for b in batches)
        if options.output is not None:
            _write_outputs(options.output, aggregate, results)
        else:
            aggregate.add_all(results)
        summary = aggregate.summary()
        if options.output is not None:
            _write_summaries(options.output, summary)
            checkpoints.clear()  # done: the outputs hold it all
    return AuditRun(summary, len(batches), resumed, words, time.perf_counter() - started,
                    aggregate.errors)


def _check_options(options: AuditOptions) -> None:
    if not options.paths:
        raise AuditInputError("give the folders, files or URLs to audit")
    unknown = [key for key in options.by if key not in AUDIT_GROUPS]
    if unknown:
        raise AuditInputError(f"--by: unknown group '{unknown[0]}' "
                              f"(use {', '.join(AUDIT_GROUPS)})")
    if len(set(options.by)) != len(options.by):
        raise AuditInputError("--by: a group is given twice")
    if options.engine not in ENGINES:
        raise AuditInputError(f"--engine: use {' or '.join(ENGINES)}")
    if options.scheduler and options.engine != "dask":
        raise AuditInputError("--scheduler needs --engine dask")
    if options.output is not None:
        if options.output.exists() and not options.output.is_dir():
            raise AuditInputError(f"--output {options.output}: exists and is not a folder")
        try:
            import pyarrow  # noqa: F401
        except ImportError:
            raise AuditInputError("--output writes Parquet, which needs pyarrow "
                                  "(pip install 'lintnews[audit]')") from None
    if options.engine == "dask":
        try:
            import distributed  # noqa: F401
        except ImportError:
            raise AuditInputError("--engine dask needs dask.distributed "
                                  "(pip install 'lintnews[audit]')") from None


@contextmanager
def _checkpoint_folder(output: Path | None) -> Iterator[Path]:
    """The output folder's checkpoints; a temporary folder without --output (nothing to
    resume from then)."""
    if output is None:
        with tempfile.TemporaryDirectory(prefix="lintnews-audit-") as folder:
            yield Path(folder)
        return
    try:
        output.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise AuditInputError(f"--output {output}: cannot create "
                              f"({err.strerror or err})") from None
    yield output / CHECKPOINTS


def _lint(options: AuditOptions, spec: AuditSpec, todo: list[Batch], checkpoints: Checkpoints,
          total: int, resumed: int, on_batch: BatchHook | None) -> int:
    """Lint the batches in `todo`, checkpointing each; the words linted."""
    progress = _progress_bar(options.progress, sum(len(b.documents) for b in todo))
    done_count = resumed
    words = 0

    def done(batch: Batch, result: BatchResult) -> None:
        nonlocal done_count, words
        checkpoints.save(batch, result)
        done_count += 1
        words += result.words
        if progress is not None:
            progress.update(len(batch.documents))
            elapsed = progress.format_dict["elapsed"] or 1e-9
            progress.set_postfix_str(f"{words / elapsed:,.0f} words/s", refresh=False)
        if on_batch is not None:
            on_batch(done_count, total)

    try:
        if not todo:
            return 0
        if options.engine == "dask":
            from lintnews.audit.dask_engine import run_on_dask

            run_on_dask(spec, todo, done, options.scheduler, options.jobs)
        elif options.jobs > 1 and len(todo) > 1:
            run_in_workers(spec, todo, min(options.jobs, len(todo)), done)
        else:
            run_in_process(spec, todo, done)
    finally:
        if progress is not None:
            progress.close()
    return words


def _progress_bar(show: bool, documents: int) -> Any:
    """A tqdm bar with rate and ETA, or None (not at a terminal, or tqdm missing)."""
    if not show or not documents:
        return None
    try:
        from tqdm import tqdm
    except ImportError:
        return None
    return tqdm(total=documents, unit="doc", dynamic_ncols=True, smoothing=0.1)


def _write_outputs(folder: Path, aggregate: Aggregate,
                   results: Iterator[BatchResult]) -> None:
    from lintnews.audit.outputs import ParquetTables

    tables = ParquetTables(folder)
    try:
        for result in results:
            aggregate.add(result)
            tables.add(result)
    finally:
        tables.close()


def _write_summaries(folder: Path, summary: dict[str, Any]) -> None:
    from lintnews.audit.dashboard import render_dashboard
    from lintnews.audit.outputs import summary_csv, summary_json

    for name, text in (("summary.json", summary_json(summary)),
                       ("summary.csv", summary_csv(summary)),
                       ("dashboard.html", render_dashboard(summary))):
        (folder / name).write_text(text, encoding="utf-8", newline="\n")


# --- --metadata: group keys from a sidecar file ----------------------------------------------

def _read_metadata(path: Path) -> dict[str, dict[str, str]]:
    """Document → {group: value} from a CSV or TSV file with a `path` column (relative to the
    file's folder, or as the document is named) or an `id` column (the file name without its
    suffix), and any of the group columns, or a `date` column for year and month. Other
    columns are left alone, so an archive's own index can serve."""
    from lintnews.audit.keys import add_period, period_of

    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as err:
        raise AuditInputError(f"--metadata {path}: cannot read "
                              f"({getattr(err, 'strerror', None) or err})") from None
    first_line = text.split("\n", 1)[0]
    dialect = "excel-tab" if path.suffix.lower() == ".tsv" or "\t" in first_line else "excel"
    reader = csv.DictReader(text.splitlines(), dialect=dialect)
    columns = {(c or "").strip().lower() for c in reader.fieldnames or []}
    name_column = next((c for c in ("path", "id") if c in columns), None)
    if name_column is None:
        raise AuditInputError(f"--metadata {path}: needs a 'path' or 'id' column")
    if not columns & {*AUDIT_GROUPS, "date"}:
        raise AuditInputError(f"--metadata {path}: no group column (use "
                              f"{', '.join(AUDIT_GROUPS)} or date)")
    relabel: dict[str, dict[str, str]] = {}
    for row in reader:
        cleaned = {(k or "").strip().lower(): (v or "").strip() for k, v in row.items()
                   if isinstance(v, str)}
        keys = {k: v for k, v in cleaned.items() if k in AUDIT_GROUPS and v}
        add_period(keys, *period_of(cleaned.get("date") or ""))
        name = cleaned.get(name_column, "")
        if not name or not keys:
            continue
        if name_column == "id":
            relabel[f"id:{name}"] = keys
            continue
        relabel[name] = keys
        if not is_url(name):
            relabel[str((path.parent / name).resolve())] = keys
    return relabel


def _relabelled(result: BatchResult, relabel: dict[str, dict[str, str]]) -> BatchResult:
    if not relabel:
        return result
    # The findings take their keys from their documents (BatchResult), so these are all.
    for record in result.documents:
        location = record["path"]
        keys = relabel.get(location) or relabel.get(f"id:{PurePosixPath(location).stem}")
        if keys is None and not is_url(location):
            keys = relabel.get(str(Path(location).resolve()))
        if keys:
            record.update(keys)
    return result


__all__ = ["ENGINES", "OUTPUT_FILES", "AuditOptions", "AuditRun", "DocumentRef", "run_audit"]
