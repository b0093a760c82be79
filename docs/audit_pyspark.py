"""Audit an archive with PySpark, calling lintnews' library API in `mapPartitions`.

    pip install 'lintnews[spark]'          # pyspark (and Java 17 or later)
    python docs/audit_pyspark.py ARCHIVE [--master local[2]] [--out rates.json]

Every file under ARCHIVE is read as one text (Spark reads where the data is: a local folder,
HDFS, s3a://...), linted in the executors, and the findings are counted per section (the first
folder below ARCHIVE) and rule, with the words per section for rates per 1,000 words. The
result is printed, or written as JSON with --out. tests/test_audit_pyspark.py runs this file in
local mode and checks it against `lintnews audit --by section`.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path


def lint_partition(rows: Iterable[tuple[str, str]]) -> Iterator[tuple[str, int, list[str]]]:
    """(path, text) rows in, (path, words, rule codes found) out: one Linter per partition,
    so its rules are compiled once per partition, not per text."""
    from lintnews.audit import audit_linter, lint_documents

    linter = audit_linter()
    for document in lint_documents(rows, linter):
        yield document.key, document.words, [f.code for f in document.findings]


def section_of(url: str, root: str) -> str:
    """The first folder below `root` (a local path) of the file at `url` (file:/... as Spark
    names it)."""
    from urllib.parse import unquote, urlparse

    path = unquote(urlparse(url).path)
    relative = path[len(root):].lstrip("/") if path.startswith(root + "/") else path
    return relative.split("/", 1)[0] if "/" in relative else "(unknown)"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("archive", type=Path)
    parser.add_argument("--master", default="local[2]")
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    # The executors run this interpreter, which has lintnews installed.
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")  # local mode: the loopback only
    from pyspark.sql import SparkSession
    from pyspark.sql.functions import input_file_name

    spark = (SparkSession.builder.master(args.master).appName("lintnews-audit")
             .config("spark.ui.enabled", "false").getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")
    root = str(args.archive.resolve())
    try:
        # One row per file, the whole text (not a row per line), from every folder below.
        texts = (spark.read.text(str(args.archive), wholetext=True, recursiveFileLookup=True)
                 .select(input_file_name().alias("path"), "value"))
        linted = texts.rdd.map(lambda row: (row.path, row.value)).mapPartitions(lint_partition)
        per_section = (linted
                       .map(lambda doc: (section_of(doc[0], root), (doc[1], doc[2])))
                       .aggregateByKey((0, {}), _add_document, _merge)
                       .collectAsMap())
    finally:
        spark.stop()
    result = {section: {"words": words, "findings": dict(sorted(codes.items())),
                        "per_1000_words": {code: round(n * 1000 / words, 4) if words else 0.0
                                           for code, n in sorted(codes.items())}}
              for section, (words, codes) in sorted(per_section.items())}
    text = json.dumps(result, indent=2, sort_keys=True)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")
    else:
        print(text)
    return 0


def _add_document(total: tuple[int, dict[str, int]],
                  document: tuple[int, list[str]]) -> tuple[int, dict[str, int]]:
    words, codes = total
    counts = dict(codes)
    for code in document[1]:
        counts[code] = counts.get(code, 0) + 1
    return words + document[0], counts


def _merge(left: tuple[int, dict[str, int]],
           right: tuple[int, dict[str, int]]) -> tuple[int, dict[str, int]]:
    counts = dict(left[1])
    for code, n in right[1].items():
        counts[code] = counts.get(code, 0) + n
    return left[0] + right[0], counts


if __name__ == "__main__":
    sys.exit(main())
