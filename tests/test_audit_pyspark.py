"""docs/audit_pyspark.py, the worked PySpark example of the library API (`mapPartitions`),
run in local mode: its rates per section are those of `lintnews audit --by section`."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import write

from lintnews.audit.run import AuditOptions, run_audit

pytest.importorskip("pyspark", reason="pyspark is not installed (pip install -e '.[spark]'): "
                    "docs/audit_pyspark.py is not run")
if shutil.which("java") is None:
    pytest.skip("no Java on PATH: PySpark cannot start", allow_module_level=True)

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
NEWS = ROOT / "tests" / "data" / "news"


def test_the_pyspark_example_counts_what_the_audit_counts(tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    for number, file in enumerate(sorted(NEWS.glob("wn*.txt"))[:12]):
        write(archive / ("business" if number % 3 else "sport") / file.name,
              file.read_text("utf-8"))
    out = tmp_path / "rates.json"
    proc = subprocess.run([sys.executable, str(ROOT / "docs" / "audit_pyspark.py"),
                           str(archive), "--master", "local[2]", "--out", str(out)],
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    spark = json.loads(out.read_text("utf-8"))
    audit = run_audit(AuditOptions((str(archive),), by=("section",), jobs=1)).summary
    assert sorted(spark) == ["business", "sport"]
    for group in audit["groups"]:
        section = spark[group["keys"]["section"]]
        assert section["words"] == group["words"]
        assert section["findings"] == {r["code"]: r["findings"] for r in group["rules"]}
        assert section["per_1000_words"] == {r["code"]: r["per_1000_words"]
                                             for r in group["rules"]}
