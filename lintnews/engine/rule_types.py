"""The types a rule deals in: its metadata, its hits, the context it runs in, and findings.
(Severity lives in lintnews.severity, below the configuration, and is re-exported here.)"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, NamedTuple, Protocol

from lintnews.severity import Severity

if TYPE_CHECKING:
    from lintnews.config import Settings
    from lintnews.document.model import Document

CATEGORIES = ("loaded-language", "logic", "attribution", "readability", "style")
__all__ = ["CATEGORIES", "QUOTE_POLICIES", "Context", "Example", "Finding", "Hit",
           "Rule", "RuleMeta", "Severity"]

QUOTE_POLICIES = ("skip", "info", "report")


class Example(NamedTuple):
    text: str
    bad: bool


class RuleMeta(NamedTuple):
    """What `lintnews rules` and `lintnews explain` show, and what the runner needs."""

    code: str
    name: str
    category: str
    severity: Severity
    summary: str
    rationale: str
    source: str  # the style guide or publication the rule follows
    pack: str  # where the rule came from: "builtin:logic", "plugin:name", a folder
    examples: tuple[Example, ...] = ()
    quotes: str = "skip"  # inside a direct quotation: skip, report at info, or report
    fix_safe: bool = False  # its suggestion may be applied by --fix
    enabled_by_default: bool = True
    example_config: str = ""  # TOML the examples need (e.g. a house vocabulary)

    @property
    def bad_examples(self) -> list[str]:
        return [e.text for e in self.examples if e.bad]

    @property
    def good_examples(self) -> list[str]:
        return [e.text for e in self.examples if not e.bad]


class Hit(NamedTuple):
    """What a rule reports: a span of the document, a message, and suggested replacements."""

    start: int
    end: int
    message: str
    suggestions: tuple[str, ...] = ()
    severity: Severity | None = None  # overrides the rule's default for this hit
    # reported only where another finding of the rule's category, on other words, lies in the
    # same sentence ("bold" beside "slammed"): a word fair alone but part of a verdict
    needs_company: bool = False


class Context(NamedTuple):
    """Per-file settings a rule may read (thresholds, vocabulary)."""

    settings: Settings
    # Every rule loaded for the file, selected or not: what a directive's codes may name.
    known_rules: tuple[RuleMeta, ...] = ()


class Rule(Protocol):
    """A rule: metadata plus one entry point over the document model."""

    meta: RuleMeta

    def check(self, doc: Document, ctx: Context) -> Iterable[Hit]: ...


class Finding(NamedTuple):
    """One problem in one file. Findings sort by file, position and rule code."""

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    offset: int
    end_offset: int
    code: str
    name: str
    category: str
    severity: Severity
    message: str
    suggestions: tuple[str, ...] = ()
    fix_safe: bool = False

    def to_dict(self) -> dict[str, object]:
        return {
            "path": self.path, "line": self.line, "column": self.column,
            "end_line": self.end_line, "end_column": self.end_column,
            "offset": self.offset, "end_offset": self.end_offset,
            "code": self.code, "name": self.name, "category": self.category,
            "severity": str(self.severity), "message": self.message,
            "suggestions": list(self.suggestions),
        }
