"""British or American spelling for lintnews' own words ([language] spelling in the config).

The built-in packs are written in one spelling (mostly British; proselint's pack American).
At finding time the configured spelling is applied to a built-in rule's message template and
its suggestions, from the table in lintnews/data/spelling.tsv: whole words only, keeping
case. The article's own words are never respelled (a message quotes them as written), and
neither is the text of a newsroom's own packs and plugins.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from lintnews.cache.patterns import regex
from lintnews.config import SPELLINGS

TABLE = Path(__file__).parent.parent / "data" / "spelling.tsv"


@lru_cache(maxsize=1)
def _pairs() -> tuple[tuple[str, str], ...]:
    """(British, American) pairs from the table."""
    pairs = []
    with TABLE.open(encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("#") or not line.strip():
                continue
            british, american = line.split()
            pairs.append((british, american))
    return tuple(pairs)


# Every table entry is one word of letters, so a message's words are looked up one by one:
# cheaper than one alternation of 800 words, which took 20 ms to build on every run.
_WORD_RE = regex(r"(?<!\w)[^\W\d_]+(?!\w)")


@lru_cache(maxsize=len(SPELLINGS))
def _respelling(spelling: str) -> dict[str, str]:
    """What each word to change for `spelling` becomes (lower case)."""
    if spelling not in SPELLINGS:
        raise ValueError(f"unknown spelling {spelling!r} (use {' or '.join(SPELLINGS)})")
    return {b: a for a, b in _pairs()} if spelling == "uk" else dict(_pairs())


def respell(text: str, spelling: str) -> str:
    """`text` with the other variety's spellings replaced: whole words, case kept
    ("Criticised" → "Criticized", "COLOUR" → "COLOR")."""
    table = _respelling(spelling)

    def swap(m: re.Match[str]) -> str:
        found = m.group()
        replacement = table.get(found.lower())
        return found if replacement is None else _same_case(replacement, found)

    return _WORD_RE.sub(swap, text)


def _same_case(word: str, model: str) -> str:
    if model.isupper() and len(model) > 1:
        return word.upper()
    if model[:1].isupper():
        return word[:1].upper() + word[1:]
    return word
