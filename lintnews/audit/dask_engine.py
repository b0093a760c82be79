"""The same batches on a Dask distributed cluster (`--engine dask`).

With a scheduler address, its workers do the linting; without one, a LocalCluster of worker
processes on 127.0.0.1. The audit spec travels once per worker, in a worker plugin that
builds the worker's Linter (rules loaded and compiled once, also on a worker that joins or
is restarted later); each task then carries only a batch. When a worker dies, the scheduler
runs its batches again elsewhere, and batches are pure, so the result does not change.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from itertools import islice
from typing import Any

from distributed import WorkerPlugin

from lintnews.audit.batches import AuditInputError, Batch, BatchResult
from lintnews.audit.engines import AuditSpec, Done, lint_batch

PLUGIN_NAME = "lintnews-audit"
# Batches in flight per worker thread: enough to keep workers busy, few enough that the
# driver's memory does not grow with the archive.
IN_FLIGHT_PER_THREAD = 4


def run_on_dask(spec: AuditSpec, batches: Sequence[Batch], done: Done,
                scheduler: str | None, workers: int) -> None:
    """Lint `batches` on the cluster at `scheduler`, or on a local cluster of `workers`
    processes; `done` is called here as each batch's result arrives."""
    from distributed import Client, LocalCluster

    if scheduler:
        try:
            client = Client(scheduler, timeout="10s")
        except (OSError, TimeoutError, ValueError) as err:
            raise AuditInputError(f"--scheduler {scheduler}: cannot connect ({err})") from None
        with client:
            _run(client, spec, batches, done)
        return
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                      host="127.0.0.1", dashboard_address=None) as cluster, \
            Client(cluster) as client:
        _run(client, spec, batches, done)


def _run(client: Any, spec: AuditSpec, batches: Sequence[Batch], done: Done) -> None:
    from distributed import as_completed

    # Named after the spec: audits with other options on the same cluster keep their own.
    plugin = f"{PLUGIN_NAME}-{hashlib.sha256(repr(spec).encode()).hexdigest()[:12]}"
    client.register_plugin(LinterPlugin(spec), name=plugin)
    threads = max(1, sum(client.nthreads().values()))
    pending = iter(batches)
    by_key: dict[str, Batch] = {}

    def submit(batch: Batch) -> Any:
        key = f"lintnews-batch-{batch.index}-{batch.key}"
        by_key[key] = batch
        return client.submit(lint_batch_on_worker, batch, plugin, key=key, pure=False)

    first = [submit(batch) for batch in islice(pending, threads * IN_FLIGHT_PER_THREAD)]
    running = as_completed(first)
    for future in running:
        result = future.result()
        done(by_key.pop(future.key), result)
        future.release()
        following = next(pending, None)
        if following is not None:
            running.add(submit(following))


class LinterPlugin(WorkerPlugin):
    """Builds each worker's Linter once from the audit spec."""

    def __init__(self, spec: AuditSpec) -> None:
        self.spec = spec
        self.linter: Any = None

    def setup(self, worker: Any) -> None:
        self.linter = self.spec.linter()

    def teardown(self, worker: Any) -> None:
        self.linter = None


def lint_batch_on_worker(batch: Batch, plugin_name: str = PLUGIN_NAME) -> BatchResult:
    """A Dask task: one batch, with the Linter the worker's plugin built."""
    from distributed import get_worker

    plugin = get_worker().plugins[plugin_name]
    return lint_batch(plugin.linter, plugin.spec, batch)
