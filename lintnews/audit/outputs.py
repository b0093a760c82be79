"""What `lintnews audit --output DIR` writes, and the summary table it prints.

- findings.parquet: a row per finding: the document's path, group keys and words, and the
  finding's rule, category, severity, position, flagged phrase and message;
- documents.parquet: a row per document (path, keys, words, findings, error), so rates can
  be computed over documents without findings too;
- summary.csv and summary.json: rates per group, rule and category (summary.json also the
  top phrases, the change between periods and the rates over time);
- dashboard.html (dashboard.py).
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

from lintnews.audit.batches import FINDING_COLUMNS, BatchResult

KEY_COLUMNS = ("section", "year", "month", "author", "outlet")


def _findings_schema() -> Any:
    import pyarrow as pa

    return pa.schema([
        ("path", pa.string()), *((key, pa.string()) for key in KEY_COLUMNS),
        ("words", pa.int64()), ("code", pa.string()), ("name", pa.string()),
        ("category", pa.string()), ("severity", pa.string()), ("line", pa.int64()),
        ("column", pa.int64()), ("phrase", pa.string()), ("message", pa.string())])


def _documents_schema() -> Any:
    import pyarrow as pa

    return pa.schema([
        ("path", pa.string()), *((key, pa.string()) for key in KEY_COLUMNS),
        ("words", pa.int64()), ("findings", pa.int64()), ("error", pa.string())])


class ParquetTables:
    """findings.parquet and documents.parquet, written as batches arrive, in row groups of
    ROW_GROUP rows: memory does not grow with the archive, and a batch costs no write of its
    own."""

    ROW_GROUP = 50_000

    def __init__(self, folder: Path) -> None:
        import pyarrow.parquet as pq

        self._schemas = {"findings": _findings_schema(), "documents": _documents_schema()}
        self._writers = {name: pq.ParquetWriter(folder / f"{name}.parquet", schema)
                         for name, schema in self._schemas.items()}
        self._pending: dict[str, dict[str, list[Any]]] = {
            name: {column: [] for column in schema.names}
            for name, schema in self._schemas.items()}

    def add(self, result: BatchResult) -> None:
        documents = result.documents
        pending = self._pending["documents"]
        for name, values in pending.items():
            values.extend(document[name] for document in documents)
        columns = result.findings
        pending = self._pending["findings"]
        # A finding's path, keys and words are its document's.
        for name in ("path", *KEY_COLUMNS, "words"):
            pending[name].extend(documents[i][name] for i in columns["document"])
        for name in FINDING_COLUMNS[1:]:
            pending[name].extend(columns[name])
        for name in self._pending:
            if len(self._pending[name]["path"]) >= self.ROW_GROUP:
                self._flush(name)

    def _flush(self, name: str) -> None:
        import pyarrow as pa

        pending = self._pending[name]
        if pending["path"]:
            self._writers[name].write_table(pa.Table.from_pydict(pending,
                                                                 schema=self._schemas[name]))
        self._pending[name] = {column: [] for column in pending}

    def close(self) -> None:
        for name, writer in self._writers.items():
            self._flush(name)
            writer.close()


def summary_json(summary: dict[str, Any]) -> str:
    return json.dumps(summary, indent=2, ensure_ascii=False) + "\n"


CSV_COLUMNS = ("scope", "code", "name", "category", "documents", "words", "findings",
               "per_1000_words", "change_per_1000_words", "top_phrases")


def summary_csv(summary: dict[str, Any]) -> str:
    """A row per group and rule, per group and category, and per group in all ("scope"
    says which), with the group keys first."""
    by = summary["by"] or ["all"]
    changes = {(tuple(sorted((k, c[k]) for k in by if k in c)), c["scope"], c["name"], c["to"]):
               c["change"] for c in summary["changes"]}
    period = next((p for p in ("month", "year") if p in by), None)

    def change(keys: dict[str, str], scope: str, name: str) -> str:
        if period is None:
            return ""
        others = tuple(sorted((k, v) for k, v in keys.items() if k not in ("month", "year")))
        value = changes.get((others, scope, name, keys[period]))
        return "" if value is None else f"{value}"

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([*by, *CSV_COLUMNS])
    for group in summary["groups"]:
        keys = group["keys"]
        common = [keys[k] for k in by]
        writer.writerow([*common, "all", "", "", "", group["documents"], group["words"],
                         group["findings"], group["per_1000_words"],
                         change(keys, "all", "all"), ""])
        for row in group["categories"]:
            writer.writerow([*common, "category", "", "", row["category"], group["documents"],
                             group["words"], row["findings"], row["per_1000_words"],
                             change(keys, "category", row["category"]), ""])
        for row in group["rules"]:
            phrases = "; ".join(f"{p} ({n})" for p, n in row["top_phrases"])
            writer.writerow([*common, "rule", row["code"], row["name"], row["category"],
                             group["documents"], group["words"], row["findings"],
                             row["per_1000_words"], change(keys, "rule", row["code"]),
                             phrases])
    return out.getvalue()


def summary_table(summary: dict[str, Any], top_rules: int = 3) -> str:
    """The table `lintnews audit` prints: a line per group, with its most frequent rules."""
    by = summary["by"] or ["all"]
    rows = [[" / ".join(group["keys"][k] for k in by), f"{group['documents']:,}",
             f"{group['words']:,}", f"{group['findings']:,}",
             f"{group['per_1000_words']:.2f}",
             ", ".join(f"{r['code']} {r['per_1000_words']:.2f}"
                       for r in group["rules"][:top_rules])]
            for group in summary["groups"]]
    totals = summary["totals"]
    rows.append(["total", f"{totals['documents']:,}", f"{totals['words']:,}",
                 f"{totals['findings']:,}", f"{totals['per_1000_words']:.2f}", ""])
    header = [" / ".join(by), "documents", "words", "findings", "per 1k words",
              "top rules (per 1k words)"]
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(5)]
    lines = []
    for row in [header, *rows]:
        cells = [row[0].ljust(widths[0]), *(cell.rjust(w) for cell, w in zip(row[1:5],
                                                                              widths[1:],
                                                                              strict=True))]
        lines.append("  ".join([*cells, row[5]]).rstrip())
    return "\n".join(lines) + "\n"
