"""The rules of a run: the built-in packs, the built-in code rules (lintnews.checks), installed
plugins, then the configuration's own pack folders. It sits above both the engine, which
reads packs, and the code rules, which are written against the engine."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from lintnews.cache.rules import RuleCache
from lintnews.engine.registry import assemble, builtin_pack_rules, load_pack_folder, plugin_rules
from lintnews.engine.rule_types import Rule


def builtin_code_rules() -> list[Rule]:
    from lintnews.checks import all_rules

    return list(all_rules())


def load_rules(extra_folders: Iterable[Path] = (), cache: RuleCache | None = None) -> list[Rule]:
    """All rules: built-in packs, built-in code rules, plugins, then local packs."""
    rules = builtin_pack_rules(cache)
    rules.extend(builtin_code_rules())
    rules.extend(plugin_rules(cache))
    for folder in extra_folders:
        rules.extend(load_pack_folder(folder, str(folder), cache))
    return assemble(rules)
