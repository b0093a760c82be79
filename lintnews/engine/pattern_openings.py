"""The prefilter's analysis of a pattern (see lintnews.engine.prefilter): its parse tree,
walked for the words a match can open with and the texts every match contains.

It reads the tree of `re`'s own parser, a private module of Python reached only through
lintnews.regex_internals. It is imported only when a rule's plan is worked out (cached between
runs, lintnews.cache.rules), never on a run whose plans are all cached."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from lintnews import regex_internals as parser
from lintnews.regex_internals import constants as c
from lintnews.text.casefold import folds_plainly

KEY_LENGTH = 3  # letters of a prefix key
MAX_WORD = 40  # longest opening word followed to its end
MAX_KEYS = 20000
_WORD_STARTS = {c.AT_BEGINNING, c.AT_BOUNDARY, c.AT_BEGINNING_STRING}


class Unknown(Exception):
    """The pattern's first word cannot be determined."""


# The work one analysis of a pattern may do. Patterns that repeat or combine small choices
# can spell out exponentially many openings (`\b(?:a|b)(?:a|b)…`); past the budget the
# pattern simply gets no prefilter and is searched the ordinary way, which finds the same.
# The built-in packs' patterns need 100 steps at most; 10,000 take about 10 ms.
MAX_STEPS = 10_000


class Budget:
    """Steps left for one analysis; spend() raises Unknown when they run out."""

    def __init__(self, steps: int = MAX_STEPS) -> None:
        self.left = steps

    def spend(self, steps: int = 1) -> None:
        self.left -= steps
        if self.left < 0:
            raise Unknown


def trigger_keys(source: str, flags: int = 0) -> frozenset[str] | None:
    """Keys every match must start with, or None when they cannot be worked out."""
    try:
        parsed = parser.parse(source, flags)
        if parsed.state.flags & re.ASCII:
            return None  # \b and \w would not see "é" as a letter, as the word index does
        prefixes = _seq(list(parsed), "", anchored=False, budget=Budget())
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
_REPEATS = {c.MAX_REPEAT, c.MIN_REPEAT, getattr(c, "POSSESSIVE_REPEAT", None)} - {None}


def _seq(items: list, prefix: str, *, anchored: bool, budget: Budget) -> Result:
    """The openings of matches of `items` that start after `prefix`. `anchored`: the match
    starts where a word does, so a letter read with no prefix yet begins a word."""
    budget.spend()
    if len(prefix) >= MAX_WORD:
        return {(prefix, None)}
    if not items:
        return {(prefix, False)}
    op, av = items[0]
    step = _STEPS.get(op)
    if step is None:
        return _unknowable(prefix)
    return step(op, av, items[1:], prefix, anchored=anchored, budget=budget)


def _unknowable(prefix: str) -> Result:
    """An item whose text cannot be told: the opening ends undecided, or is unknown."""
    if prefix:
        return {(prefix, None)}
    raise Unknown


def _at(op: Any, av: Any, rest: list, prefix: str, *, anchored: bool,
        budget: Budget) -> Result:
    if prefix:
        return {(prefix, True)} if av not in (c.AT_NON_BOUNDARY,) else {(prefix, None)}
    return _seq(rest, prefix, anchored=anchored or av in _WORD_STARTS, budget=budget)


def _look_around(op: Any, av: Any, rest: list, prefix: str, *, anchored: bool,
                 budget: Budget) -> Result:
    direction, sub = av
    if op is c.ASSERT_NOT and _any_word_character(sub):
        if prefix and direction > 0:
            return {(prefix, True)}  # (?!\w): the word ends here
        if not prefix and direction < 0:  # (?<![\w-]): a word starts here, as \b says
            return _seq(rest, prefix, anchored=True, budget=budget)
    # Any other look-around reads nothing: what follows it decides.
    return _seq(rest, prefix, anchored=anchored, budget=budget)


def _literal(op: Any, av: Any, rest: list, prefix: str, *, anchored: bool,
             budget: Budget) -> Result:
    ch = chr(av)
    if not folds_plainly(ch):
        return _unknowable(prefix)
    if not ch.isalnum():
        if not prefix:
            raise Unknown  # a match that starts with punctuation
        return {(prefix, True)}
    if not anchored and not prefix:
        raise Unknown  # could start in the middle of a word
    return _seq(rest, prefix + ch.lower(), anchored=True, budget=budget)


def _class(op: Any, av: Any, rest: list, prefix: str, *, anchored: bool,
           budget: Budget) -> Result:
    if _non_alnum_class(av):
        if not prefix:
            raise Unknown
        return {(prefix, True)}
    chars = _small_class(av)
    if chars is None:
        return _unknowable(prefix)
    return _union([_seq([(c.LITERAL, ord(ch)), *rest], prefix, anchored=anchored,
                         budget=budget) for ch in chars], budget)


def _branch(op: Any, av: Any, rest: list, prefix: str, *, anchored: bool,
            budget: Budget) -> Result:
    return _union([_seq([*list(branch), *rest], prefix, anchored=anchored, budget=budget)
                   for branch in av[1]], budget)


def _group(op: Any, av: Any, rest: list, prefix: str, *, anchored: bool,
           budget: Budget) -> Result:
    if av[1] & re.ASCII:  # (?a:…): \b and \w no longer see "é" as a letter
        return _unknowable(prefix)
    return _seq([*list(av[-1]), *rest], prefix, anchored=anchored, budget=budget)


def _repeat(op: Any, av: Any, rest: list, prefix: str, *, anchored: bool,
            budget: Budget) -> Result:
    """The openings through `sub{low,high}` and what follows it, one repetition at a time,
    counting the repetitions down."""
    low, high, sub = av
    found: list[Result] = []
    if low == 0:
        found.append(_seq(rest, prefix, anchored=anchored, budget=budget))
    if high == 0:
        return _union(found, budget)
    more = (max(low - 1, 0), high if high == c.MAXREPEAT else high - 1)
    out: Result = set()
    for p, state in _seq(list(sub), prefix, anchored=anchored, budget=budget):
        budget.spend()
        if state is not False:
            out.add((p, state))  # the repetition already decided the opening
        elif p == prefix:
            # A repetition that reads no letter (it can match nothing): the minimum count
            # can be made up of such, and the ones that read letters are followed anyway.
            found.append(_seq(rest, p, anchored=anchored, budget=budget))
        elif more[0] == 0 and more[1] != 0 and len(p) >= KEY_LENGTH:
            # More repetitions would only lengthen an opening that is already long enough to
            # be a key: it stands for all of them ("p:" key, or a text str.find looks for).
            out.add((p, None))
            found.append(_seq(rest, p, anchored=True, budget=budget))
        else:
            found.append(_seq([(op, (*more, sub)), *rest], p, anchored=True, budget=budget))
    found.append(out)
    return _union(found, budget)


_Step = Callable[..., Result]
# What each kind of item of the parse tree does to an opening; any other kind is unknowable.
_STEPS: dict[Any, _Step] = {
    c.AT: _at, c.ASSERT: _look_around, c.ASSERT_NOT: _look_around, c.LITERAL: _literal,
    c.IN: _class, c.BRANCH: _branch, c.SUBPATTERN: _group,
    **{repeat: _repeat for repeat in _REPEATS},
}


def _union(results: list[Result], budget: Budget) -> Result:
    out: Result = set()
    for result in results:
        budget.spend(len(result))
        out |= result
    return out


def _any_word_character(sub: Any) -> bool:
    """Does the look-around's body match any one letter or digit, as `\\w`, `[\\w'-]`,
    `[^\\W_]` or `.` do? Then (?!…) ends a word and (?<!…) starts one."""
    items = list(sub)
    if len(items) != 1:
        return False
    op, av = items[0]
    if op is c.ANY:
        return True
    if op is not c.IN:
        return False
    if av and av[0][0] is c.NEGATE:
        return _non_alnum_class(av[1:])  # everything but spaces and punctuation
    return any(o is c.CATEGORY and v is c.CATEGORY_WORD for o, v in av)


def _non_alnum_class(av: list) -> bool:
    """A class of spaces or punctuation only, such as \\s or [-,]: it ends a word."""
    for op, value in av:
        if op is c.LITERAL and not chr(value).isalnum() and folds_plainly(chr(value)):
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
    if not all(map(folds_plainly, chars)):
        return None
    return chars if len(chars) <= 8 else None


def required_prefixes(source: str, flags: int = 0) -> frozenset[str] | None:
    """Lower-cased literal openings (three characters or more) one of which every match
    contains, for patterns that may start inside a word; None when unknown."""
    try:
        parsed = parser.parse(source, flags)
        prefixes = _seq(list(parsed), "", anchored=True, budget=Budget())
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
        found = _required(list(parser.parse(source, flags)), Budget(), every=True)
    except (Unknown, RecursionError, re.error):
        return None
    ranked = sorted(found, key=lambda texts: (-min(map(len, texts)), sorted(texts)))
    return tuple(frozenset(t.lower() for t in texts) for texts in ranked[:MAX_REQUIRED]) \
        or None


def _required(items: list, budget: Budget, *, every: bool = False) -> list[set[str]]:
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

    flat = _flatten(items)
    budget.spend(len(flat))
    for op, av in flat:
        spellings = _spellings(op, av)
        if spellings is not None and len(run) * len(spellings) <= MAX_SPELLINGS:
            run = {r + s for r in run for s in spellings}
            continue
        close_run()
        sequence = list(av[-1]) if op is c.SUBPATTERN else [(op, av)]
        if len(sequence) == 1 and sequence[0][0] is c.BRANCH:
            options: set[str] = set()
            for branch in sequence[0][1][1]:
                best = _required(list(branch), budget)
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
        return [chr(av)] if folds_plainly(chr(av)) else None
    if op is c.IN:
        return _small_class(av)
    sequence = list(av[-1]) if op is c.SUBPATTERN else [(op, av)]
    if len(sequence) == 1 and sequence[0][0] is c.BRANCH:
        words = []
        for branch in sequence[0][1][1]:
            flat = _flatten(list(branch))
            if not flat or any(o is not c.LITERAL or not folds_plainly(chr(v))
                               for o, v in flat):
                return None
            words.append("".join(chr(v) for _, v in flat))
        return words
    return None


# Copies of a repeated item spelled out, when it must match at least two: "[!?]{2,}" opens
# with "!!", "!?", "?!" or "??" (one copy of a small class is seldom a rare text).
SPELLED_REPEATS = range(2, 5)


def _flatten(items: list) -> list:
    """Items of a sequence, with plain groups spelled out (a group with alternatives is one
    opaque item). A repeat is opaque too, after the copies it must match (SPELLED_REPEATS):
    "[!?]{2,}" is "[!?]", "[!?]", then the repeat (which closes a run of spellings)."""
    out = []
    for op, av in items:
        if op is c.SUBPATTERN and not any(o is c.BRANCH for o, _ in av[-1]):
            out.extend(_flatten(list(av[-1])))
        elif op in _REPEATS and av[0] in SPELLED_REPEATS:
            out.extend(_flatten(list(av[2])) * av[0])
            out.append((op, av))
        else:
            out.append((op, av))
    return out
