"""Which words can a rule's match start with? A cheap index that spares most regex scans.

Python's `re` cannot skip ahead for patterns that start with a look-behind or a word
boundary, so scanning a document costs time at every character, for every rule. Instead,
the document is split into words once (Document.word_starts), and each rule is matched,
anchored, only where a word begins with one of its *trigger keys*: "w:word" for every whole
word a match can begin with, or "p:abc" (the first three letters) where the pattern allows
many words after a literal opening. A rule whose triggers cannot be worked out from its
pattern is scanned the ordinary way. Either way the matches are the same.
"""

from __future__ import annotations

from lintnews.text.casefold import folds_plainly

__all__ = ["folds_plainly", "required_literal", "required_prefixes", "trigger_keys"]

# The analysis reads `re`'s private parser (lintnews.engine.pattern_openings); it is imported
# only when a pattern is analysed, which a run whose rule plans are cached never does.


def trigger_keys(source: str, flags: int = 0) -> frozenset[str] | None:
    """Keys every match must start with, or None when they cannot be worked out."""
    from lintnews.engine import pattern_openings

    return pattern_openings.trigger_keys(source, flags)


def required_prefixes(source: str, flags: int = 0) -> frozenset[str] | None:
    """Lower-cased literal openings (three characters or more) one of which every match
    contains, for patterns that may start inside a word; None when unknown."""
    from lintnews.engine import pattern_openings

    return pattern_openings.required_prefixes(source, flags)


def required_literal(source: str, flags: int = 0) -> tuple[frozenset[str], ...] | None:
    """Sets of texts every match contains one of each (pattern_openings.required_literal)."""
    from lintnews.engine import pattern_openings

    return pattern_openings.required_literal(source, flags)
