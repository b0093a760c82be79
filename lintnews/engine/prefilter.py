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

import re
from typing import Any

try:  # Python 3.11+
    from re import _constants as c  # type: ignore[attr-defined]
    from re import _parser as parser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as c  # type: ignore[no-redef]
    import sre_parse as parser  # type: ignore[no-redef]

KEY_LENGTH = 3  # letters of a prefix key
MAX_WORD = 40  # longest opening word followed to its end
MAX_KEYS = 20000
_WORD_STARTS = {c.AT_BEGINNING, c.AT_BOUNDARY, c.AT_BEGINNING_STRING}


class Unknown(Exception):
    """The pattern's first word cannot be determined."""


def trigger_keys(source: str, flags: int = 0) -> frozenset[str] | None:
    """Keys every match must start with, or None when they cannot be worked out."""
    try:
        parsed = parser.parse(source, flags)
        prefixes = _seq(list(parsed), "", anchored=False)
    except (Unknown, RecursionError, re.error):
        return None
    keys = set()
    for prefix, done in prefixes:
        if done is True and len(prefix) < MAX_WORD:
            keys.add("w:" + prefix.lower())
        elif len(prefix) >= KEY_LENGTH:
            keys.add("p:" + prefix[:KEY_LENGTH].lower())
        else:
            return None  # a short prefix that a longer word could continue
    return frozenset(keys) if len(keys) <= MAX_KEYS else None


# Each result is (prefix, state): True when the prefix is a whole word or KEY_LENGTH long,
# False when the items ran out (what follows decides), None when the rest is unknowable.
Result = set[tuple[str, "bool | None"]]


def _seq(items: list, prefix: str, *, anchored: bool) -> Result:
    if len(prefix) >= MAX_WORD:
        return {(prefix, None)}
    if not items:
        return {(prefix, False)}
    op, av = items[0]
    rest = items[1:]
    if op is c.AT:
        if prefix:
            return {(prefix, True)} if av not in (c.AT_NON_BOUNDARY,) else {(prefix, None)}
        return _seq(rest, prefix, anchored=anchored or av in _WORD_STARTS)
    if op in (c.ASSERT, c.ASSERT_NOT):
        direction, _sub = av
        if prefix:
            return {(prefix, True)} if op is c.ASSERT_NOT and direction > 0 else {(prefix, None)}
        # A negative look-behind (for word characters) marks a word start, as \b does.
        return _seq(rest, prefix, anchored=anchored or (op is c.ASSERT_NOT and direction < 0))
    if op is c.LITERAL:
        ch = chr(av)
        if not ch.isalnum():
            if not prefix:
                raise Unknown  # a match that starts with punctuation
            return {(prefix, True)}
        if not anchored and not prefix:
            raise Unknown  # could start in the middle of a word
        return _seq(rest, prefix + ch.lower(), anchored=True)
    if op is c.IN:
        if _non_alnum_class(av):
            if not prefix:
                raise Unknown
            return {(prefix, True)}
        chars = _small_class(av)
        if chars is None:
            if prefix:
                return {(prefix, None)}
            raise Unknown
        out: Result = set()
        for ch in chars:
            out |= _seq([(c.LITERAL, ord(ch)), *rest], prefix, anchored=anchored)
        return out
    if op is c.BRANCH:
        out = set()
        for branch in av[1]:
            out |= _seq([*list(branch), *rest], prefix, anchored=anchored)
        return out
    if op is c.SUBPATTERN:
        return _seq([*list(av[-1]), *rest], prefix, anchored=anchored)
    if op in (c.MAX_REPEAT, c.MIN_REPEAT, getattr(c, "POSSESSIVE_REPEAT", None)):
        low, high, sub = av
        out = set()
        if low == 0:
            out |= _seq(rest, prefix, anchored=anchored)
        if high != 0:
            for p, state in _seq(list(sub), prefix, anchored=anchored):
                if state is not False:
                    out.add((p, state))
                    continue
                out |= _seq(rest, p, anchored=True)
                if high != 1 and p != prefix:
                    out |= _seq([(op, (0, high, sub)), *rest], p, anchored=True)
        return out
    if prefix:
        return {(prefix, None)}
    raise Unknown


def _non_alnum_class(av: list) -> bool:
    """A class of spaces or punctuation only, such as \\s or [-,]: it ends a word."""
    for op, value in av:
        if op is c.LITERAL and not chr(value).isalnum():
            continue
        if op is c.CATEGORY and value in (c.CATEGORY_SPACE, c.CATEGORY_NOT_WORD,
                                           c.CATEGORY_LINEBREAK):
            continue
        return False
    return True


def _small_class(av: list) -> list[str] | None:
    chars: list[str] = []
    for op, value in av:
        if op is c.LITERAL:
            chars.append(chr(value))
        elif op is c.RANGE and value[1] - value[0] < 8:
            chars.extend(chr(v) for v in range(value[0], value[1] + 1))
        else:
            return None
    return chars if len(chars) <= 8 else None


def required_prefixes(source: str, flags: int = 0) -> frozenset[str] | None:
    """Lower-cased literal openings (three characters or more) one of which every match
    contains, for patterns that may start inside a word; None when unknown."""
    try:
        parsed = parser.parse(source, flags)
        prefixes = _seq(list(parsed), "", anchored=True)
    except (Unknown, RecursionError, re.error):
        return None
    if any(len(p) < KEY_LENGTH for p, _ in prefixes):
        return None
    return frozenset(p.lower() for p, _ in prefixes)


MAX_SPELLINGS = 64  # texts a run of literals and small choices may stand for
MAX_REQUIRED = 3  # sets of texts checked per pattern


def required_literal(source: str, flags: int = 0) -> tuple[frozenset[str], ...] | None:
    r"""Sets of lower-cased texts, such that every match contains one text of each set, for
    patterns whose opening is unknown: ({" in the morning"},) for
    `\d{1,2} ?a\.?m\.? in the morning`, ({"%", "percent"},) for `\d+ ?(?:%|percent)`,
    ({"the n"}, {"word"}) for `the n-?word`; None if nothing is certain. A document that
    lacks every text of one set cannot match, so the pattern need not be searched."""
    try:
        found = _required(list(parser.parse(source, flags)), every=True)
    except (RecursionError, re.error):
        return None
    ranked = sorted(found, key=lambda texts: (-min(map(len, texts)), sorted(texts)))
    return tuple(frozenset(t.lower() for t in texts) for texts in ranked[:MAX_REQUIRED]) \
        or None


def _required(items: list, *, every: bool = False) -> list[set[str]]:
    """Sets of texts such that a match of the sequence contains one text of each: all of
    them when `every`, else only the best (the one whose shortest text is longest). A run
    of literals, small character classes and choices of plain words stands for all its
    spellings: "(?:january|may) of " gives {"january of ", "may of "}."""
    candidates: list[set[str]] = []
    run: set[str] = {""}

    def close_run() -> None:
        nonlocal run
        if run != {""}:
            candidates.append(run)
        run = {""}

    for op, av in _flatten(items):
        spellings = _spellings(op, av)
        if spellings is not None and len(run) * len(spellings) <= MAX_SPELLINGS:
            run = {r + s for r in run for s in spellings}
            continue
        close_run()
        sequence = list(av[-1]) if op is c.SUBPATTERN else [(op, av)]
        if len(sequence) == 1 and sequence[0][0] is c.BRANCH:
            options: set[str] = set()
            for branch in sequence[0][1][1]:
                best = _required(list(branch))
                if not best:
                    break
                options |= best[0]
            else:
                candidates.append(options)
    close_run()
    candidates = [texts for texts in candidates if "" not in texts]
    if every or not candidates:
        return candidates
    return [max(candidates, key=lambda texts: min(map(len, texts)))]


def _spellings(op: Any, av: Any) -> list[str] | None:
    """The texts one item matches, if it is a literal, a small class or a choice of plain
    literal words; None otherwise."""
    if op is c.LITERAL:
        return [chr(av)]
    if op is c.IN:
        return _small_class(av)
    sequence = list(av[-1]) if op is c.SUBPATTERN else [(op, av)]
    if len(sequence) == 1 and sequence[0][0] is c.BRANCH:
        words = []
        for branch in sequence[0][1][1]:
            flat = _flatten(list(branch))
            if not flat or any(o is not c.LITERAL for o, _ in flat):
                return None
            words.append("".join(chr(v) for _, v in flat))
        return words
    return None


def _flatten(items: list) -> list:
    """Items of a sequence, with plain groups spelled out (a group with alternatives, or a
    repeat, is one opaque item)."""
    out = []
    for op, av in items:
        if op is c.SUBPATTERN and not any(o is c.BRANCH for o, _ in av[-1]):
            out.extend(_flatten(list(av[-1])))
        else:
            out.append((op, av))
    return out
