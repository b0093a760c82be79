"""Linting batches: in this process, in local worker processes (`--jobs N`), or on Dask
(dask_engine.py). Every engine runs `lint_batch` with a Linter built once per worker from
the same `AuditSpec`, so they give the same result.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lintnews.audit.batches import FINDING_COLUMNS, Batch, BatchResult
from lintnews.audit.keys import document_keys
from lintnews.audit.library import lint_one
from lintnews.config import AuditSettings
from lintnews.core import Linter


@dataclass(frozen=True)
class AuditSpec:
    """How to build an audit's Linter: small and picklable, so it is what is shipped to
    workers, each of which loads and compiles the rules once."""

    config_path: Path | None = None
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    genre: str | None = None
    audit: AuditSettings = field(default_factory=AuditSettings)

    def linter(self) -> Linter:
        return Linter(config_path=self.config_path, select=self.select, ignore=self.ignore,
                      extend_select=self.extend_select, genre=self.genre, metrics=False)


def lint_batch(linter: Linter, spec: AuditSpec, batch: Batch) -> BatchResult:
    """Lint every document of `batch`: a record per document, a row per finding."""
    result = BatchResult(batch.index)
    for ref in batch.documents:
        try:
            text = ref.read_text()
        except Exception as err:  # any reader's failure (a file, a bucket) is this file's error
            result.documents.append(_record(ref.location, None, 0, 0, _reason(err)))
            continue
        keys = document_keys(ref.relative, ref.outlet, text, spec.audit)
        linted = lint_one(linter, ref.location, text)
        document = len(result.documents)
        result.documents.append(_record(ref.location, keys._asdict(), linted.words,
                                        len(linted.findings), linted.error))
        columns = result.findings
        for finding in linted.findings:
            columns["document"].append(document)
            for column in FINDING_COLUMNS[1:]:
                columns[column].append(getattr(finding, column))
    return result


def _record(path: str, keys: dict[str, str] | None, words: int, findings: int,
            error: str | None) -> dict[str, Any]:
    from lintnews.audit.keys import Keys

    return {"path": path, **(keys or Keys()._asdict()), "words": words, "findings": findings,
            "error": error}


def _reason(err: Exception) -> str:
    return str(err) or type(err).__name__


# --- local engines --------------------------------------------------------------------------

Done = Callable[[Batch, BatchResult], None]


def run_in_process(spec: AuditSpec, batches: Sequence[Batch], done: Done) -> None:
    linter = spec.linter()
    for batch in batches:
        done(batch, lint_batch(linter, spec, batch))
    linter.save_caches()


def run_in_workers(spec: AuditSpec, batches: Sequence[Batch], jobs: int, done: Done) -> None:
    """Batches in `jobs` worker processes; `done` is called in this process as each ends."""
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait

    by_future = {}
    pending: Iterator[Batch] = iter(batches)
    pool = ProcessPoolExecutor(jobs, initializer=_start_worker, initargs=(spec,))
    try:
        # A few batches queued per worker, not all: the driver holds little at any time.
        for batch in pending:
            by_future[pool.submit(_lint_in_worker, batch)] = batch
            if len(by_future) >= jobs * 3:
                break
        while by_future:
            finished, _ = wait(by_future, return_when=FIRST_COMPLETED)
            for future in finished:
                batch = by_future.pop(future)
                done(batch, future.result())
                following = next(pending, None)
                if following is not None:
                    by_future[pool.submit(_lint_in_worker, following)] = following
    except BaseException:
        # Interrupted, or a batch failed: stop now; the checkpoints saved so far stay.
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown()


# A worker process's own Linter and spec, made once by _start_worker. Process-local: never
# shared between processes, and only ever set in worker processes.
_worker_state: dict[str, Any] = {}


def _start_worker(spec: AuditSpec) -> None:
    import signal

    # Ctrl-C is the driver's to handle (it says how to resume); a worker just stops with it.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _worker_state["spec"] = spec
    _worker_state["linter"] = spec.linter()


def _lint_in_worker(batch: Batch) -> BatchResult:
    return lint_batch(_worker_state["linter"], _worker_state["spec"], batch)
