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


# What a news desk wants on by default (AP style), and what AP accepts, which must stay quiet.
@pytest.mark.parametrize(("sentence", "code", "words", "severity"), [
    ("The firm hired a lady lawyer from Boston.", "LN671", "lady lawyer", "warning"),
    ("He worked as a male nurse for a decade.", "LN671", "male nurse", "warning"),
    ("A fireman was hurt in the blaze.", "LN671", "fireman", "warning"),
    ("The poetess read from her new book.", "LN671", "poetess", "warning"),
    ("Fans were stunned by the result!!", "LN689", "result!!", "warning"),
    ("Why did the council vote for it?!", "LN689", "it?!", "warning"),
    ("The council finally approved the budget!", "LN688", "!", "info"),
])
def test_news_desk_checks_are_on_by_default(sentence: str, code: str, words: str,
                                            severity: str) -> None:
    from lintnews.api import lint_text

    text = f"Headline\n\n{sentence}\n"
    found = [(text[f.offset:f.end_offset], str(f.severity))
             for f in lint_text(text, "a.txt") if f.code == code]
    assert found == [(words, severity)]


@pytest.mark.parametrize("sentence", [
    "Democratic committee chairman Jerrold Nadler spoke on Tuesday.",  # AP: by sex
    "Maya Rockeymoore Cummings is the chairwoman of the party.",
    "At the summit, AU chairperson Abdel Fattah el-Sisi spoke.",  # a formal title
    "Stone, a longtime confidante of the president, was sentenced.",  # AP: of a woman
    "He wanted the US to avoid being the policeman of the world.",  # a figure of speech
    'Members shouted "shame on you!" during the speech.',  # someone else's words
    "Another part of the march. Image: mia! (flickr).",  # a credit
    "Shares of Yahoo! rose on Tuesday.",  # a name
    "The company named a new ombudsman on Friday.",
])
def test_news_desk_checks_stay_quiet_on_what_ap_accepts(sentence: str) -> None:
    from lintnews.api import lint_text

    text = f"Headline\n\n{sentence}\n"
    assert not [f for f in lint_text(text, "a.txt")
                if f.code in ("LN671", "LN688", "LN689")]
