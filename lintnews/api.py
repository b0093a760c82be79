"""A small library API: lint a string in-process, with default or given settings.

Kept for code written before lintnews.core, which it calls: `lintnews.core.Linter` is the API
to build on (README "Using lintnews from Python").
"""

from __future__ import annotations

from lintnews.config import Settings
from lintnews.core import Linter
from lintnews.engine.rule_types import Finding, Rule


def lint_text(text: str, path: str = "-", *, settings: Settings | None = None,
              select: tuple[str, ...] | None = None, ignore: tuple[str, ...] = (),
              extend_select: tuple[str, ...] = (),
              rules: list[Rule] | None = None, genre: str | None = None) -> list[Finding]:
    """Lint `text` as if it were the file `path` (its suffix picks Markdown or plain text; for
    "-", standard input without a name, Markdown when the text clearly is Markdown). `genre`
    forces the genre (as --genre does); by default it is decided from the text. `select`,
    `extend_select` and `ignore` are the command line's --select, --extend-select and
    --ignore. Without `settings`, the defaults (no config file is searched for)."""
    linter = Linter(settings or Settings(), select=select, ignore=ignore,
                    extend_select=extend_select, genre=genre, metrics=False, rules=rules)
    return linter.lint_text(text, path).findings
