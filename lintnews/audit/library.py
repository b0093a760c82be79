"""Lint texts that are not files: an iterable of (key, text) pairs in, findings out.

For a Spark job (`rdd.mapPartitions`), a notebook or any pipeline that holds its articles
already; it needs none of the `audit` extra. A worked PySpark example is docs/audit_pyspark.py.

    from lintnews.audit import lint_pairs

    for finding in lint_pairs([("2019/jan/story-1", "The legendary coach left.")]):
        print(finding.key, finding.code, finding.phrase, finding.words)

`lint_documents` gives one record per text (its words and findings, so texts without findings
count towards rates too); `lint_pairs` flattens them to one record per finding. Build a
`Linter` once and pass it to lint many partitions with the same rules.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import NamedTuple

from lintnews.config import Settings
from lintnews.core import Linter
from lintnews.engine.rule_types import Finding


class KeyedFinding(NamedTuple):
    """One finding in the text `key` names; `words` is that whole text's word count."""

    key: str
    words: int
    code: str
    name: str
    category: str
    severity: str
    line: int
    column: int
    phrase: str  # the flagged words, as written
    message: str


class LintedDocument(NamedTuple):
    """One text's words and findings; `error` says why it could not be linted."""

    key: str
    words: int
    findings: tuple[KeyedFinding, ...]
    error: str | None = None


def audit_linter(settings: Settings | None = None, *, select: Sequence[str] | None = None,
                 ignore: Sequence[str] = (), extend_select: Sequence[str] = (),
                 genre: str | None = None) -> Linter:
    """A Linter for auditing: `settings` (default: built-in defaults, no config file read)
    and the selection of `lintnews check`'s --select, --ignore and --extend-select."""
    return Linter(settings or Settings(), select=select, ignore=ignore,
                  extend_select=extend_select, genre=genre, metrics=False)


def lint_documents(pairs: Iterable[tuple[str, str]], linter: Linter | None = None, *,
                   suffix: str = ".txt") -> Iterator[LintedDocument]:
    """Lint each (key, text) pair; a LintedDocument per pair, in order.

    A key ending in an article suffix (".md", ".txt", ...) picks Markdown or plain text as a
    file name would; any other key is read as `suffix` says. `linter` defaults to
    `audit_linter()`.
    """
    linter = linter or audit_linter()
    for key, text in pairs:
        yield lint_one(linter, str(key), text, suffix=suffix)


def lint_pairs(pairs: Iterable[tuple[str, str]], linter: Linter | None = None, *,
               suffix: str = ".txt") -> Iterator[KeyedFinding]:
    """Lint each (key, text) pair and yield its findings, pair by pair, in text order.

    Raises ValueError for a text that cannot be linted (use `lint_documents` to get the
    error as data instead)."""
    for document in lint_documents(pairs, linter, suffix=suffix):
        if document.error:
            raise ValueError(document.error)
        yield from document.findings


def lint_one(linter: Linter, key: str, text: str, *, suffix: str = ".txt") -> LintedDocument:
    """Lint one text as the file `key` (its config, per-path ignores, and Markdown or plain
    text by its suffix), with `suffix` added when it has none."""
    from lintnews.markup import ARTICLE_SUFFIXES

    name = key if any(key.lower().endswith(s) for s in ARTICLE_SUFFIXES) else key + suffix
    result = linter.lint_text(text, name)
    if result.error:
        return LintedDocument(key, 0, (), result.error)
    findings = tuple(_keyed(key, result.words, f, text) for f in result.findings)
    return LintedDocument(key, result.words, findings)


def _keyed(key: str, words: int, finding: Finding, text: str) -> KeyedFinding:
    return KeyedFinding(key, words, finding.code, finding.name, finding.category,
                        str(finding.severity), finding.line, finding.column,
                        text[finding.offset:finding.end_offset], finding.message)
