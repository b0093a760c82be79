"""Output formats: every format is written from the same findings."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import NamedTuple

from lintnews.report import Report

Formatter = Callable[[Report], str]


class OutputFormat(NamedTuple):
    """One `--format`: its name, the module of lintnews.output whose `render(report)` writes
    it, and the options that apply to it."""

    name: str
    module: str
    statistics: bool = False  # --statistics can print its counts in this format
    column_units: bool = False  # --column-unit applies; the others define their own columns
    sources: bool = False  # it shows the articles' text: the run keeps it (Report.sources)


# The one list of output formats: the CLI's choices and checks are read from it.
OUTPUT_FORMATS: tuple[OutputFormat, ...] = (
    OutputFormat("text", "text", statistics=True, column_units=True),
    OutputFormat("json", "jsonfmt", statistics=True),
    OutputFormat("sarif", "sarif"),
    OutputFormat("github", "github", column_units=True),
    OutputFormat("checkstyle", "checkstyle", column_units=True),
    OutputFormat("html", "html", sources=True),
)
FORMATS: Sequence[str] = tuple(f.name for f in OUTPUT_FORMATS)
STATISTICS_FORMATS: Sequence[str] = tuple(f.name for f in OUTPUT_FORMATS if f.statistics)
COLUMN_UNIT_FORMATS: Sequence[str] = tuple(f.name for f in OUTPUT_FORMATS if f.column_units)
SOURCE_FORMATS: Sequence[str] = tuple(f.name for f in OUTPUT_FORMATS if f.sources)


def formatter(name: str) -> Formatter:
    """The render function of one format; only that format's module is imported (the
    checkstyle writer alone pulls in the XML and URL libraries)."""
    from importlib import import_module

    module = next(f.module for f in OUTPUT_FORMATS if f.name == name)
    render: Formatter = import_module(f"lintnews.output.{module}").render
    return render
