"""Inline directives that cannot work: a misspelt verb or a code that names no rule."""

from __future__ import annotations

from collections.abc import Iterator

from lintnews.checks import rule
from lintnews.document.model import Document
from lintnews.engine.rule_types import Context, Hit
from lintnews.engine.suppress import directive_problems


@rule(code="LN590", name="invalid-directive", category="style", severity="warning",
      quotes="report",
      summary="A lintnews directive with an unknown verb or rule code, which silences nothing.",
      source="ruff RUF100 (unused or unknown noqa codes); lintnews inline directives",
      bad=["<!-- lintnews: disable-next-line LN9999 -->\nThe council met on Monday.",
           "<!-- lintnews: disable-line LN101 -->\nIt is impossible to understate.",
           "<!-- lintnews: disable misnegatoin -->\nIt is impossible to understate."],
      good=["<!-- lintnews: disable-next-line LN101 -->\nIt is impossible to understate.",
            "<!-- lintnews: disable loaded-language -->\nThe legendary coach left.\n"
            "<!-- lintnews: enable -->",
            "<!-- lintnews: disable-next-line -->\nIt is impossible to understate."])
def invalid_directive(doc: Document, ctx: Context) -> Iterator[Hit]:
    """Why is this bad? A directive that lintnews cannot read does nothing: a misspelt verb
    ("disable-line" for "disable-next-line") or a code that names no rule ("LN9999", a typo
    in a rule's name) leaves the finding it was meant to silence, or worse, looks as if it
    silences something it does not. The config rejects such codes; a directive in an article
    is reported here instead, so that a run still lints the article. A code of a rule that is
    switched off for this file is known, and not reported."""
    for problem in directive_problems(doc.comments, ctx.known_rules):
        yield Hit(problem.start, problem.end, problem.message)
