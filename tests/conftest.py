"""Shared test fixtures. The shared helpers (run_lintnews for a real `python -m lintnews`
process, invoke for an in-process CliRunner run, write, flagged...) are in tests/helpers.py,
imported as `helpers`."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile

import pytest

# The suite keeps its caches (rule plans, compiled patterns) to itself, starting cold, so that
# it tests the first run on a fresh machine as well as the runs after it, and leaves the
# user's ~/.cache alone. Set before lintnews is imported: its patterns compile at import time.
if "LINTNEWS_CACHE_DIR" not in os.environ:
    os.environ["LINTNEWS_CACHE_DIR"] = tempfile.mkdtemp(prefix="lintnews-test-cache-")
    atexit.register(shutil.rmtree, os.environ["LINTNEWS_CACHE_DIR"], ignore_errors=True)


@pytest.fixture(scope="module")
def rules_loaded_once():
    """Compile the rule packs once per module for the in-process (CliRunner) runs.

    Each real `lintnews` process loads its rules once; this only keeps many CliRunner
    invocations in one test process from recompiling them every time.
    """
    import lintnews.core as core
    import lintnews.ruleset as ruleset

    original = ruleset.load_rules
    cache: dict = {}

    def load_rules(extra_folders=(), rule_cache=None):
        key = tuple(extra_folders)
        if key not in cache:
            cache[key] = original(key)
        return list(cache[key])

    mp = pytest.MonkeyPatch()
    mp.setattr(ruleset, "load_rules", load_rules)
    mp.setattr(core, "load_rules", load_rules)
    yield
    mp.undo()
