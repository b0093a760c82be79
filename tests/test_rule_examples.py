"""Every rule documents itself with examples, and the examples are true."""

from __future__ import annotations

import sys

import pytest

from lintnews.engine.rule_types import CATEGORIES
from lintnews.rule_examples import run_example
from lintnews.ruleset import load_rules

if sys.version_info >= (3, 11):
    import tomllib
else:  # tomli on 3.10, as the package itself reads TOML
    import tomli as tomllib

RULES = load_rules()
CASES = [(rule, text, bad) for rule in RULES for text, bad in
         ((e.text, e.bad) for e in rule.meta.examples)]


def _id(case: tuple) -> str:
    rule, text, bad = case
    return f"{rule.meta.code}-{'bad' if bad else 'good'}-{text[:30]}"


@pytest.mark.parametrize("case", CASES, ids=[_id(c) for c in CASES])
def test_example_behaves_as_documented(case: tuple) -> None:
    rule, text, bad = case
    findings = run_example(rule, text)
    if bad:
        assert findings, f"{rule.meta.code} should flag its bad example: {text!r}"
        assert all(f.code == rule.meta.code for f in findings)
    else:
        assert not findings, f"{rule.meta.code} flagged its good example {text!r}: " + \
            "; ".join(f.message for f in findings)


@pytest.mark.parametrize("rule", RULES, ids=[r.meta.code for r in RULES])
def test_rule_is_documented(rule) -> None:
    meta = rule.meta
    assert meta.category in CATEGORIES
    assert meta.summary and meta.rationale and meta.source
    assert meta.bad_examples, f"{meta.code} has no bad example"
    assert meta.good_examples, f"{meta.code} has no good example"


def test_codes_and_names_are_unique_and_stable() -> None:
    codes = [r.meta.code for r in RULES]
    names = [r.meta.name for r in RULES]
    assert len(codes) == len(set(codes))
    assert len(names) == len(set(names))
    assert all(code.startswith("LN") for code in codes)


def test_builtin_pack_regexes_pass_the_safety_check() -> None:
    """Built-in packs skip the regex safety check at start-up; this test is that check."""
    from lintnews.engine.registry import builtin_packs_dir
    from lintnews.engine.safety import check_user_regex

    checked = 0
    for path in sorted(builtin_packs_dir().glob("*.toml")):
        for rule in tomllib.loads(path.read_text(encoding="utf-8")).get("rule", []):
            regexes = [*rule.get("patterns", []), *rule.get("swap_patterns", {})]
            regexes += [rule[k] for k in ("unless_before", "unless_after", "only_before",
                                          "only_after", "unless_sentence") if k in rule]
            for regex in regexes:
                check_user_regex(regex)
                checked += 1
    assert checked > 1000
