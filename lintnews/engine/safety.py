"""Regular expressions from user packs must not be able to hang the linter.

Patterns with nested or adjacent unbounded quantifiers over overlapping input, such as
`(a+)+$`, backtrack catastrophically in Python's engine; lintnews rejects them, along with
backreferences, and keeps patterns short.
"""

from __future__ import annotations

import re

MAX_PATTERN_LENGTH = 500
# A group whose body contains an unbounded quantifier, itself quantified: (a+)+, (a*)*, (a|a+){2,}
_NESTED_QUANTIFIER_RE = re.compile(
    r"\((?:[^()\\]|\\.)*(?:[+*]|\{\d*,\})(?:[^()\\]|\\.)*\)\s*(?:[+*]|\{\d*,\d{3,}\}|\{\d*,\})")
_BACKREFERENCE_RE = re.compile(r"\\[1-9]|\(\?P=")


def check_user_regex(pattern: str) -> None:
    """Reject patterns that could backtrack catastrophically (without compiling them)."""
    if len(pattern) > MAX_PATTERN_LENGTH:
        raise ValueError(f"regular expression longer than {MAX_PATTERN_LENGTH} characters")
    if _NESTED_QUANTIFIER_RE.search(pattern):
        raise ValueError("nested repetition such as (a+)+ can hang the linter; rewrite it")
    if _BACKREFERENCE_RE.search(pattern):
        raise ValueError("backreferences are not allowed")


def compile_user_regex(pattern: str, anchor: str) -> re.Pattern[str]:
    """Compile a pack author's regular expression, anchored at the 'start' or 'end' of context, or 'anywhere'."""
    check_user_regex(pattern)
    try:
        body = {"end": f"(?:{pattern})\\s*$", "start": f"\\s*(?:{pattern})"}.get(anchor, pattern)
        return re.compile(body, re.IGNORECASE)
    except re.error as err:
        raise ValueError(f"invalid regular expression: {err}") from None
