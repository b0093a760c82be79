"""`{"findings": [...], "summary": {...}}`."""

from __future__ import annotations

import json

from lintnews.report import Report


def render(report: Report) -> str:
    return json.dumps({"findings": [f.to_dict() for f in report.findings],
                       "summary": report.summary()}, indent=2, ensure_ascii=False) + "\n"
