"""Checkstyle XML, as read by reviewdog and most CI systems."""

from __future__ import annotations

from itertools import groupby
from xml.sax.saxutils import quoteattr

from lintnews.report import Report

_LEVELS = {"error": "error", "warning": "warning", "info": "info"}


def _clean(value: str) -> str:
    # XML 1.0 cannot carry most control characters, even escaped.
    return "".join(c for c in value if c in "\t\n\r" or ord(c) >= 0x20)


def render(report: Report) -> str:
    out = ['<?xml version="1.0" encoding="UTF-8"?>', '<checkstyle version="4.3">']
    ordered = sorted(report.findings, key=lambda f: f.path)
    for path, group in groupby(ordered, key=lambda f: f.path):
        out.append(f"  <file name={quoteattr(_clean(path))}>")
        for f in group:
            out.append(
                f"    <error line=\"{f.line}\" column=\"{f.column}\" "
                f"severity=\"{_LEVELS[str(f.severity)]}\" "
                f"message={quoteattr(_clean(f.message))} "
                f"source={quoteattr('lintnews.' + f.code + '.' + f.name)}/>")
        out.append("  </file>")
    out.append("</checkstyle>")
    return "\n".join(out) + "\n"
