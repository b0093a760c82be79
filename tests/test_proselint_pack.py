"""The proselint pack is generated from proselint itself and must stay in step with it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def test_generated_pack_matches_installed_proselint() -> None:
    pytest.importorskip("proselint")
    result = subprocess.run([sys.executable, str(ROOT / "tools" / "sync_proselint.py"), "--check"],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr


def test_proselint_checks_run_through_lintnews() -> None:
    from lintnews.api import lint_text

    findings = lint_text("Headline\n\nAt the end of the day, the vote was irregardless of "
                         "the outcome.\n", "a.txt")
    names = {f.name for f in findings}
    assert any(n.startswith("proselint-cliches") for n in names), names
    cliche = next(f for f in findings if f.name.startswith("proselint-cliches"))
    assert cliche.code.startswith("LN6") and cliche.category == "style"


def test_proselint_findings_respect_quotations() -> None:
    from lintnews.api import lint_text

    text = 'Headline\n\n"At the end of the day, we won," the coach said.\n'
    assert not [f for f in lint_text(text, "a.txt") if f.name.startswith("proselint-cliches")]
