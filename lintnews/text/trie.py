"""Turning long lists of literal words into one trie-shaped regular expression.

Python's `re` tries every branch of `a|b|c|…` at every position; a list of 300 words costs
300 attempts per character. The same words as a trie (`a(?:bout|ct)|…`) cost about one.
"""

from __future__ import annotations

import re

from lintnews.cache.patterns import regex

_META = set(".^$*+?{}[]()|\\")
_PADDED_RE = regex(
    r"^(?P<left>\\b|\(\?<!\[\\w'-\]\))(?P<body>.*?)(?P<right>\\b|\(\?!\[\\w'-\]\))$")


def literal_of(pattern: str) -> str | None:
    """The literal text a regex matches, if it is a plain literal (escapes allowed)."""
    out = []
    i = 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            if i + 1 >= len(pattern) or pattern[i + 1].isalnum():
                return None
            out.append(pattern[i + 1])
            i += 2
            continue
        if ch in _META:
            return None
        out.append(ch)
        i += 1
    return "".join(out)


def split_padding(pattern: str) -> tuple[str, str, str] | None:
    """(left, literal, right) for patterns such as \\bword\\b; None otherwise."""
    m = _PADDED_RE.match(pattern)
    if not m:
        literal = literal_of(pattern)
        return ("", literal, "") if literal else None
    literal = literal_of(m.group("body"))
    return (m.group("left"), literal, m.group("right")) if literal else None


def trie_regex(words: list[str], *, fold_case: bool) -> str:
    """A regex matching exactly `words` (longest first at each branch)."""
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word.lower() if fold_case else word:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _render(trie)


def _render(node: dict) -> str:
    ends = "" in node
    branches = [re.escape(ch) + _render(child) for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if ends:
        return f"(?:{body})?"
    return body
