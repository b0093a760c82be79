"""docs/rules.md, the page the language server's diagnostics link to (codeDescription), has an
anchor for every built-in rule and is what tools/rules_reference.py writes today."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from lintnews.ruleset import load_rules

ROOT = Path(__file__).resolve().parent.parent


def test_the_rules_page_is_up_to_date() -> None:
    proc = subprocess.run([sys.executable, str(ROOT / "tools" / "rules_reference.py"), "--check"],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr


def test_every_built_in_rule_has_its_anchor() -> None:
    page = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    for rule in load_rules():
        if rule.meta.pack.startswith("builtin:"):
            assert f'<a id="{rule.meta.code.lower()}"></a>' in page, rule.meta.code
