"""Running a rule's own examples: the bad ones must fire, the good ones must stay silent."""

from __future__ import annotations

import sys
from pathlib import Path

from lintnews.config import Settings, parse_settings
from lintnews.engine.genre import DEFAULT_GENRE
from lintnews.engine.rule_types import Finding, Rule
from lintnews.engine.runner import lint_source
from lintnews.files.source import SourceFile

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


def example_text(example: str) -> str:
    """A one-sentence example is body copy: give it a headline above, as in an article."""
    return example if "\n\n" in example else f"Headline\n\n{example}\n"


def example_settings(rule: Rule) -> Settings:
    if not rule.meta.example_config:
        return Settings()
    table = tomllib.loads(rule.meta.example_config)
    return parse_settings(table, Path("example-config.toml"), "example config")


def run_example(rule: Rule, example: str) -> list[Finding]:
    """Findings of `rule` alone on `example`: plain text, or Markdown for an example with a
    comment (where lintnews directives live), whose codes may name any built-in rule. An
    example shows the rule itself, so it is linted as news whatever its content."""
    if "<!--" not in example:
        return lint_source(SourceFile("example.txt", example_text(example)), [rule],
                           example_settings(rule), genre=DEFAULT_GENRE).findings
    from lintnews.ruleset import load_rules

    return lint_source(SourceFile("example.md", example_text(example)), [rule],
                       example_settings(rule), known=[rule, *load_rules()],
                       genre=DEFAULT_GENRE).findings
