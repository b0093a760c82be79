"""`lintnews audit --engine dask`: the same batches on a Dask cluster, here a LocalCluster of
worker processes on the loopback interface. The result is identical to `--jobs 1`, also when
a worker is killed mid-run (the scheduler runs its batches again elsewhere)."""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from helpers import run_lintnews, write

from lintnews.audit.run import AuditOptions, run_audit

pytest.importorskip("distributed", reason="dask.distributed is not installed "
                    "(pip install -e '.[audit]')")
pytest.importorskip("pyarrow", reason="pyarrow is not installed (pip install -e '.[audit]')")

pytestmark = pytest.mark.slow

NEWS = Path(__file__).parent / "data" / "news"
OUTPUTS = ("summary.json", "summary.csv", "dashboard.html")


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("dask") / "archive"
    for number, file in enumerate(sorted(NEWS.glob("wn*.txt"))[:30]):
        write(root / ("north" if number % 2 else "south") / file.name, file.read_text("utf-8"))
    return root


@pytest.fixture(scope="module")
def cluster() -> Iterator[Any]:
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None) as local:
        yield local


@pytest.fixture(scope="module")
def single_process(archive: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("jobs1") / "out"
    run_audit(AuditOptions((str(archive),), by=("section", "month"), output=out, jobs=1))
    return out


def _same_outputs(out: Path, expected: Path) -> None:
    import pyarrow.parquet as pq

    for name in OUTPUTS:
        assert (out / name).read_bytes() == (expected / name).read_bytes(), name
    for name in ("findings.parquet", "documents.parquet"):
        assert pq.read_table(out / name).equals(pq.read_table(expected / name)), name


def test_a_dask_cluster_gives_the_result_of_one_process(archive: Path, cluster: Any,
                                                        tmp_path: Path,
                                                        single_process: Path) -> None:
    out = tmp_path / "out"
    run = run_audit(AuditOptions((str(archive),), by=("section", "month"), output=out,
                                 engine="dask", scheduler=cluster.scheduler_address,
                                 batch_size=4))
    assert run.batches == 8
    _same_outputs(out, single_process)


def test_a_worker_killed_mid_run_changes_nothing(archive: Path, cluster: Any, tmp_path: Path,
                                                 single_process: Path) -> None:
    from distributed import Client

    killed: list[int] = []
    with Client(cluster.scheduler_address) as client:
        before = set(client.run(os.getpid).values())

        def kill_a_worker(done: int, total: int) -> None:
            if done == 2 and not killed:
                pid = min(before)
                os.kill(pid, signal.SIGKILL)
                killed.append(pid)
                assert done < total  # batches are still to come: the kill is mid-run

        out = tmp_path / "out"
        run = run_audit(AuditOptions((str(archive),), by=("section", "month"), output=out,
                                     engine="dask", scheduler=cluster.scheduler_address,
                                     batch_size=1), on_batch=kill_a_worker)
        assert killed and run.batches == 30
        client.wait_for_workers(2, timeout=60)
        after = set(client.run(os.getpid).values())
    assert killed[0] not in after  # the worker really died (its nanny started another)
    _same_outputs(out, single_process)


def test_the_command_starts_a_local_cluster(archive: Path, tmp_path: Path) -> None:
    local = run_lintnews("audit", str(archive), "--by", "section", "--jobs", "1",
                         "--no-output", cwd=tmp_path, timeout=300)
    on_dask = run_lintnews("audit", str(archive), "--by", "section", "--engine", "dask",
                           "--jobs", "2", "--no-output", cwd=tmp_path, timeout=300)
    assert on_dask.returncode == local.returncode == 0, on_dask.stderr
    assert on_dask.stdout == local.stdout


def test_a_scheduler_that_does_not_answer_is_a_one_line_error(archive: Path,
                                                              tmp_path: Path) -> None:
    proc = run_lintnews("audit", str(archive), "--engine", "dask", "--scheduler",
                        "tcp://127.0.0.1:1", "--no-output", cwd=tmp_path, timeout=120)
    assert proc.returncode == 2
    assert proc.stderr.startswith("lintnews: error: --scheduler tcp://127.0.0.1:1: cannot "
                                  "connect")
    assert len(proc.stderr.strip().splitlines()) == 1, proc.stderr
