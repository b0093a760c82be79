"""Which letters `re` folds as str.lower() does, so that a lower-cased text's words say what
a case-insensitive pattern matches."""

from __future__ import annotations


def folds_plainly(ch: str) -> bool:
    """Does `re`, ignoring case, pair the character only with those that lower-case as it
    does? Not so "ſ" (it matches "s"), "ı", "ς" or "µ": their words could not be found in
    a lower-cased text (a document holding one of them is not indexed, see Document)."""
    if ch.isascii():
        return True
    low = ch.lower()
    return len(low) == 1 and low.upper().lower() == low and ch.upper().lower() == low
