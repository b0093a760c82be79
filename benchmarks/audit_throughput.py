"""Throughput of `lintnews audit`, and what it means for a million articles.

    python benchmarks/audit_throughput.py                  # ~10,000 articles, ~6 minutes
    python benchmarks/audit_throughput.py --copies 4       # a quick look

The Wikinews corpus (benchmarks/corpus/news, 291 articles; or --corpus DIR) is copied
`--copies` times into a temporary folder (34 copies: 9,894 articles), then audited with
`--jobs 1`, `--jobs 2` and `--engine dask --jobs 2` (a LocalCluster of 2 worker processes),
each a fresh `lintnews audit` process, timed from start to exit. Then:

- the overhead Dask adds per batch: empty batches through the same cluster and plugin (the
  time a batch costs with no documents in it), and what the driver does per batch (saving the
  checkpoint, reading it back, aggregating it, writing its Parquet rows);
- peak memory (RSS, sampled every 50 ms) of each worker process and of the driver, for the
  corpus once (1x) and ten times (10x), with --jobs 2: flat when nothing grows with the
  archive;
- the extrapolation to 1,000,000 articles of 600 words (600M words) on a 16-core machine and
  on a cluster of 10 nodes of 16 cores, with the arithmetic.

Needs the `audit` extra (pyarrow, dask.distributed; psutil comes with distributed).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "benchmarks" / "corpus" / "news" / "articles"
MILLION_ARTICLES = 1_000_000
MILLION_WORDS = 600_000_000


def replicate(corpus: Path, copies: int, target: Path) -> int:
    files = sorted(corpus.glob("*.txt"))
    for copy in range(copies):
        folder = target / f"copy-{copy:03d}"
        folder.mkdir(parents=True)
        for file in files:
            shutil.copyfile(file, folder / file.name)
    return len(files) * copies


def timed_audit(archive: Path, out: Path, *options: str) -> tuple[float, dict, dict]:
    """Wall seconds of one `lintnews audit` process, its summary, and its peak memory."""
    import psutil

    command = [sys.executable, "-m", "lintnews", "audit", str(archive), "--by", "section",
               "--output", str(out), *options]
    started = time.perf_counter()
    process = psutil.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peaks: dict[int, tuple[str, int]] = {}
    while process.poll() is None:
        try:
            tree = [process, *process.children(recursive=True)]
        except psutil.NoSuchProcess:
            break
        for member in tree:
            try:
                rss = member.memory_info().rss
                role = "driver" if member.pid == process.pid else _role(member)
            except psutil.Error:
                continue
            if role and rss > peaks.get(member.pid, ("", 0))[1]:
                peaks[member.pid] = (role, rss)
        time.sleep(0.05)
    seconds = time.perf_counter() - started
    stderr = process.stderr.read().decode() if process.stderr else ""
    if process.returncode != 0:
        raise SystemExit(f"audit failed ({process.returncode}): {stderr[-2000:]}")
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    memory = {"driver": max((rss for role, rss in peaks.values() if role == "driver"),
                            default=0),
              "worker": max((rss for role, rss in peaks.values() if role == "worker"),
                            default=0)}
    return seconds, summary, memory


def _role(process: object) -> str:
    """'worker' for a process that lints (a pool worker, a Dask worker), '' for helpers (the
    Dask nanny, the resource tracker)."""
    line = " ".join(process.cmdline())  # type: ignore[attr-defined]
    if "resource_tracker" in line or "semaphore_tracker" in line:
        return ""
    if "spawn_main" in line or "forkserver" in line or "multiprocessing" in line:
        return "worker"
    # A forked pool worker has its parent's command line; a Dask nanny's child is the worker.
    children = process.children()  # type: ignore[attr-defined]
    return "" if children else "worker"


def dask_overhead(batches: int = 200) -> dict[str, float]:
    """Milliseconds per empty batch on a 2-worker LocalCluster: one at a time (latency) and
    all in flight (throughput)."""
    from distributed import Client, LocalCluster

    from lintnews.audit.batches import Batch
    from lintnews.audit.dask_engine import PLUGIN_NAME, LinterPlugin, lint_batch_on_worker
    from lintnews.audit.engines import AuditSpec

    empty = [Batch(i, (), f"empty{i}") for i in range(batches)]
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None) as cluster, Client(cluster) as client:
        client.register_plugin(LinterPlugin(AuditSpec()), name=PLUGIN_NAME)
        client.submit(lint_batch_on_worker, empty[0], pure=False).result()  # warm
        started = time.perf_counter()
        for batch in empty[:50]:
            client.submit(lint_batch_on_worker, batch, pure=False).result()
        one_at_a_time = (time.perf_counter() - started) / 50
        started = time.perf_counter()
        client.gather(client.map(lint_batch_on_worker, empty, pure=False))
        in_flight = (time.perf_counter() - started) / batches
    return {"latency_ms": one_at_a_time * 1000, "throughput_ms": in_flight * 1000}


def driver_cost(archive: Path, batch_size: int = 64) -> float:
    """Milliseconds the driver spends on one batch of `batch_size` documents: checkpoint it,
    read it back, aggregate it, write its Parquet rows."""
    from lintnews.audit.aggregate import Aggregate
    from lintnews.audit.batches import Checkpoints, find_documents, make_batches
    from lintnews.audit.engines import AuditSpec, lint_batch
    from lintnews.audit.outputs import ParquetTables
    from lintnews.config import ConfigFinder

    documents = find_documents([str(archive)], ConfigFinder())[:batch_size * 5]
    batches = make_batches(documents, batch_size, "bench")
    spec = AuditSpec()
    linter = spec.linter()
    results = [lint_batch(linter, spec, batch) for batch in batches]
    with tempfile.TemporaryDirectory() as folder:
        checkpoints = Checkpoints(Path(folder) / "checkpoints")
        aggregate = Aggregate(("section",))
        tables = ParquetTables(Path(folder))
        started = time.perf_counter()
        for batch, result in zip(batches, results, strict=True):
            checkpoints.save(batch, result)
            loaded = checkpoints.load(batch)
            aggregate.add(loaded)
            tables.add(loaded)
        tables.close()
        return (time.perf_counter() - started) / len(batches) * 1000


def hours(seconds: float) -> str:
    return f"{seconds / 3600:.2f} h" if seconds >= 3600 else f"{seconds / 60:.1f} min"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--copies", type=int, default=34)
    args = parser.parse_args()
    env_note = os.environ.get("LINTNEWS_CACHE_DIR", "~/.cache/lintnews")
    print(f"lintnews audit throughput; {os.cpu_count()} cores; caches in {env_note}")
    with tempfile.TemporaryDirectory(prefix="audit-bench-") as folder:
        base = Path(folder)
        archive = base / "archive"
        articles = replicate(args.corpus, args.copies, archive)
        runs = {}
        for label, options in (("--jobs 1", ["--jobs", "1"]), ("--jobs 2", ["--jobs", "2"]),
                               ("dask, 2 workers", ["--engine", "dask", "--jobs", "2"])):
            seconds, summary, memory = timed_audit(archive, base / f"out-{len(runs)}", *options)
            words = summary["totals"]["words"]
            runs[label] = (seconds, words, summary)
            print(f"{label:>16}: {articles:,} articles, {words:,} words in {seconds:6.1f} s = "
                  f"{words / seconds:>9,.0f} words/s")
        reference = runs["--jobs 1"][2]
        same = all(run[2] == reference for run in runs.values())
        print(f"identical summaries across the three runs: {same}")
        batches = -(-articles // 64)
        overhead = dask_overhead()
        driver = driver_cost(archive)
        print(f"\nDask overhead per batch (64 documents; this archive: {batches} batches):")
        print(f"  an empty batch, one at a time: {overhead['latency_ms']:.1f} ms; all in "
              f"flight on 2 workers: {overhead['throughput_ms']:.1f} ms each")
        print(f"  the driver per batch (checkpoint, read back, aggregate, Parquet): "
              f"{driver:.1f} ms")
        print("\nPeak memory (RSS), --jobs 2:")
        memory_rows = []
        for copies in (1, 10):
            small = base / f"mem-{copies}"
            replicate(args.corpus, copies, small)
            _, summary, memory = timed_audit(small, base / f"mem-out-{copies}", "--jobs", "2")
            memory_rows.append((copies, memory))
            print(f"  {copies:>2}x corpus ({summary['totals']['documents']:,} documents): "
                  f"worker {memory['worker'] / 2**20:.0f} MB, driver "
                  f"{memory['driver'] / 2**20:.0f} MB")
    per_core = runs["--jobs 1"][1] / runs["--jobs 1"][0]
    two = runs["--jobs 2"][1] / runs["--jobs 2"][0]
    dask_rate = runs["dask, 2 workers"][1] / runs["dask, 2 workers"][0]
    efficiency = two / (2 * per_core)
    print("\nExtrapolation to 1,000,000 articles, 600,000,000 words:")
    print(f"  one core: {per_core:,.0f} words/s; two cores give {two:,.0f} words/s, "
          f"{efficiency:.0%} of 2 x one core")
    machine = per_core * 16 * efficiency
    print(f"  16-core machine, --jobs 16: {per_core:,.0f} x 16 x {efficiency:.2f} = "
          f"{machine:,.0f} words/s -> 600,000,000 / {machine:,.0f} = "
          f"{MILLION_WORDS / machine:,.0f} s = {hours(MILLION_WORDS / machine)}")
    per_worker = dask_rate / 2
    cluster = per_worker * 160
    driver_total = MILLION_ARTICLES / 64 * driver / 1000
    print(f"  10 nodes x 16 cores on Dask: {dask_rate:,.0f} / 2 = {per_worker:,.0f} words/s per "
          f"worker x 160 = {cluster:,.0f} words/s -> 600,000,000 / {cluster:,.0f} = "
          f"{MILLION_WORDS / cluster:,.0f} s = {hours(MILLION_WORDS / cluster)}")
    print(f"  the driver, meanwhile, takes 1,000,000 / 64 = {MILLION_ARTICLES // 64:,} batches x "
          f"{driver:.1f} ms = {driver_total:,.0f} s on one core (its work is per finding and "
          "document, so a bigger --batch-size does not shrink it)")
    for label, workers_seconds in (("16-core machine", MILLION_WORDS / machine),
                                   ("10-node cluster", MILLION_WORDS / cluster)):
        bound = max(workers_seconds, driver_total)
        print(f"  {label}: max(workers {workers_seconds:,.0f} s, driver {driver_total:,.0f} s)"
              f" = {bound:,.0f} s = {hours(bound)}"
              + (" (driver-bound)" if driver_total > workers_seconds else ""))
    flat = memory_rows[1][1]["worker"] <= memory_rows[0][1]["worker"] * 1.25
    print(f"\nworker memory flat from 1x to 10x (within 25%): {flat}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
