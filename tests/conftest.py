"""Shared test fixtures."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def rules_loaded_once():
    """Compile the rule packs once per module for the in-process (CliRunner) runs.

    Each real `lintnews` process loads its rules once; this only keeps many CliRunner
    invocations in one test process from recompiling them every time.
    """
    import lintnews.engine.registry as registry
    import lintnews.session as session

    original = registry.load_rules
    cache: dict = {}

    def load_rules(extra_folders=(), rule_cache=None):
        key = tuple(extra_folders)
        if key not in cache:
            cache[key] = original(key)
        return list(cache[key])

    mp = pytest.MonkeyPatch()
    mp.setattr(registry, "load_rules", load_rules)
    mp.setattr(session, "load_rules", load_rules)
    yield
    mp.undo()
