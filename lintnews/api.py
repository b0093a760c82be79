"""A small library API: lint a string or a file in-process, with default or given settings."""

from __future__ import annotations

from lintnews.config import Settings
from lintnews.engine.rule_types import Finding, Rule
from lintnews.engine.runner import lint_source, select_rules
from lintnews.files.source import SourceFile
from lintnews.ruleset import load_rules


def lint_text(text: str, path: str = "-", *, settings: Settings | None = None,
              select: tuple[str, ...] | None = None, ignore: tuple[str, ...] = (),
              extend_select: tuple[str, ...] = (),
              rules: list[Rule] | None = None, genre: str | None = None) -> list[Finding]:
    """Lint `text` as if it were the file `path` (its suffix picks Markdown or plain text; for
    "-", standard input without a name, Markdown when the text clearly is Markdown). `genre`
    forces the genre (as --genre does); by default it is decided from the text. `select`,
    `extend_select` and `ignore` are the command line's --select, --extend-select and
    --ignore."""
    settings = settings or Settings()
    all_rules = rules if rules is not None else load_rules(settings.rule_packs)
    chosen = select_rules(all_rules, settings, select, ignore, extend_select)
    return lint_source(SourceFile(path=path, text=text), chosen, settings,
                       known=all_rules, genre=genre).findings
