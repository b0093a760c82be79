"""Finding a rule's matches fast: its pattern split into parts, each found its own way.

A declarative rule's pattern is an alternation: its phrases, its raw patterns, and its word
lists. Compiling and scanning that alternation is most of lintnews' cost, so the parts are
kept apart:
- a word list (proselint's hundreds of literals) is looked up by the word a match starts
  with, in a dict: no regular expression is compiled at all;
- a pattern whose opening words are known is tried, anchored, only where a document word
  has one of them (see prefilter.py); a rule's phrases are compiled, for a document, only
  those whose opening words it has (Python compiles a pattern in Python code: the phrases a
  short article cannot match are most of a pre-commit run's compiling);
- any other pattern is searched the ordinary way.
`Matcher.finditer` walks the candidates in order and, at each position, tries the parts in
the order the alternation lists them, so it returns exactly what `re.finditer` on the whole
alternation would.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from functools import cached_property, partial
from itertools import pairwise
from typing import Any

from lintnews.cache.patterns import derived, regex
from lintnews.engine.prefilter import required_literal, required_prefixes, trigger_keys
from lintnews.text.casefold import folds_plainly
from lintnews.text.lazy import LazyRegex
from lintnews.text.words import COMMON_WORDS

# Above this many candidate positions, one C-speed search beats anchored matches from Python
# (on the news corpus an anchored match costs ~1.5 µs, a scan of a 4,000-character article
# ~250 µs).
SCAN_INSTEAD_ABOVE = 150
NEVER = "(?!)"  # a pattern that matches nothing
# proselint's "strict" padding, made Unicode-aware: "ne" is not a word inside "Hélène".
STRICT_LEFT = "(?<![\\w'-])"
STRICT_RIGHT = "(?![\\w'-])"
_WORD_AT_RE = regex(r"[^\W_]+")
_TWO_WORDS_AT_RE = regex(r"([^\W_]+)[\W_]+([^\W_]+)")


def _is_word(ch: str) -> bool:
    return bool(ch) and (ch.isalnum() or ch == "_")


class LiteralPart:
    """A list of literal phrases with the same padding (\\b or proselint's strict one)."""

    def __init__(self, literals: list[str], left: str, right: str, *, fold_case: bool) -> None:
        self.left, self.right, self.fold_case = left, right, fold_case
        # Literals by their index key: "w:first", or "b:first second" after a common word.
        self.by_key = literal_table(literals, fold_case=fold_case)

    @classmethod
    def from_table(cls, table: dict[str, list[str]], left: str, right: str, *,
                   fold_case: bool) -> LiteralPart:
        """A part whose literal_table() was worked out by an earlier run (engine/cache.py)."""
        part = cls([], left, right, fold_case=fold_case)
        part.by_key = table
        return part

    @staticmethod
    def suits(literals: list[str], left: str) -> bool:
        """Word-start padding and literals that begin with a letter or digit, and whose
        letters lower-case as `re` matches them (not "ſ", which matches "s")."""
        return bool(left) and all(lit[:1].isalnum() and all(map(folds_plainly, lit))
                                  for lit in literals)

    @cached_property
    def keys(self) -> frozenset[str]:
        return frozenset(self.by_key)

    def match_at(self, prose: str, pos: int) -> int | None:
        """End of the longest literal that matches at `pos`, padding included, or None."""
        word = _WORD_AT_RE.match(prose, pos)
        if word is None or not self._left_ok(prose, pos):
            return None
        first = word.group().lower()
        candidates = self.by_key.get("w:" + first, [])
        if first in COMMON_WORDS:
            pair = _TWO_WORDS_AT_RE.match(prose, pos)
            if pair is not None:
                longer = self.by_key.get(f"b:{first} {pair.group(2).lower()}", [])
                candidates = sorted([*longer, *candidates], key=len, reverse=True)
        for literal in candidates:
            end = pos + len(literal)
            segment = prose[pos:end]
            if (segment.lower() if self.fold_case else segment) != literal:
                continue
            if self._right_ok(prose, end, literal):
                return end
        return None

    def _left_ok(self, prose: str, pos: int) -> bool:
        before = prose[pos - 1] if pos > 0 else ""
        if self.left == STRICT_LEFT:
            return not _is_word(before) and before not in ("'", "-")
        return not _is_word(before)  # \b before a word character

    def _right_ok(self, prose: str, end: int, literal: str) -> bool:
        after = prose[end] if end < len(prose) else ""
        if self.right == STRICT_RIGHT:
            return not _is_word(after) and after not in ("'", "-")
        if not self.right:
            return True
        return _is_word(literal[-1]) != _is_word(after)  # \b


def literal_table(literals: list[str], *, fold_case: bool) -> dict[str, list[str]]:
    table: dict[str, list[str]] = {}
    for literal in literals:
        table.setdefault(_key_of(literal), []).append(literal.lower() if fold_case else literal)
    for group in table.values():
        group.sort(key=len, reverse=True)  # the trie regex prefers the longest
    return table


def _key_of(literal: str) -> str:
    pair = _TWO_WORDS_AT_RE.match(literal)
    first = _WORD_AT_RE.match(literal)
    word = first.group().lower() if first else ""
    if pair is not None and word in COMMON_WORDS:
        return f"b:{word} {pair.group(2).lower()}"
    return "w:" + word


class RegexPart:
    """Any other alternative: matched anchored at keyed words, or searched for."""

    def __init__(self, regex: LazyRegex, keys: Callable[[], frozenset[str] | None],
                 prefixes: Callable[[], frozenset[str] | None] | None = None,
                 required: Callable[[], tuple[frozenset[str], ...] | None] | None = None
                 ) -> None:
        self.regex = regex
        self._keys = keys
        self._prefixes = prefixes
        self._required = required

    @cached_property
    def keys(self) -> frozenset[str] | None:
        return self._keys()

    @cached_property
    def prefixes(self) -> frozenset[str] | None:
        if self._prefixes is not None:
            return self._prefixes()
        return required_prefixes(self.regex.source, self.regex.flags)

    @cached_property
    def required(self) -> tuple[frozenset[str], ...] | None:
        """Sets of texts; every match contains one of each (prefilter.required_literal)."""
        if self._required is not None:
            return self._required()
        return required_literal(self.regex.source, self.regex.flags)

    def match_at(self, prose: str, pos: int) -> int | None:
        return _match_end(self.regex.compiled, prose, pos)

    def compiled_for(self, keys: list[str]) -> re.Pattern[str]:
        """The pattern to use in a document where these of its keys occur."""
        return self.regex.compiled


class PhraseSet:
    """Phrase patterns tried in order, `opening + "|".join(bodies) + closing`, compiled for
    the phrases that can match where it is used.

    A phrase whose trigger keys do not occur in a text cannot match anywhere in it, so the
    alternation of the phrases whose keys do, in the same order, matches exactly what the
    whole one does: at any position, the first phrase that matches is among them. (A phrase
    without keys, open-ended, is always among them.) Likewise a phrase that opens with a
    choice of words ("(very|extremely|…) unique") keeps, in order, only the options whose
    keys occur. Such shorter patterns are compiled until their sources add up to the whole
    alternation's; from then on (a long run) the whole is compiled once and used everywhere.
    """

    def __init__(self, build: Callable[[], tuple[list[str], list[list[str] | None],
                                                 list[Any]]],
                 flags: int, opening: str, closing: str) -> None:
        # each phrase's pattern, each one's keys or None, each one's opening choice or None
        # (the options' patterns, the options' keys, the rest), when needed
        self._build = build
        self._opening, self._closing = opening, closing
        self.flags = flags
        self.whole = LazyRegex(lambda: self._source(range(len(self._bodies))), flags)

    @cached_property
    def _bodies(self) -> list[str]:
        return self._table[0]

    @cached_property
    def _table(self) -> tuple[list[str], dict[str, list[int]], list[int]]:
        """The bodies, the bodies of each key, and the bodies without keys."""
        bodies, body_keys, choices = self._build()
        self._choices = choices
        by_key: dict[str, list[int]] = {}
        unkeyed: list[int] = []
        for index, keys in enumerate(body_keys):
            if keys is None:
                unkeyed.append(index)
            for key in keys or ():
                by_key.setdefault(key, []).append(index)
        # characters left to compile before the whole is cheaper
        self._budget = len(self._opening) + sum(map(len, bodies)) + len(self._closing)
        return bodies, by_key, unkeyed

    @cached_property
    def keys(self) -> frozenset[str] | None:
        """Every phrase's keys (None: a phrase has none)."""
        _, by_key, unkeyed = self._table
        return None if unkeyed else frozenset(by_key)

    def _source(self, indices: Iterable[int]) -> str:
        return self._opening + "|".join(self._bodies[i] for i in indices) + self._closing

    def _body_for(self, index: int, keys: frozenset[str]) -> str:
        """The phrase's pattern with only the opening options whose keys occur."""
        choice = self._choices[index]
        if choice is None:
            return self._bodies[index]
        option_bodies, option_keys, rest = choice
        kept = [body for body, its_keys in zip(option_bodies, option_keys, strict=True)
                if not keys.isdisjoint(its_keys)]
        if len(kept) == len(option_bodies):
            return self._bodies[index]
        return "(?:" + "|".join(kept) + ")" + rest

    def compiled_for(self, keys: Iterable[str]) -> re.Pattern[str]:
        """The pattern for a text where these keys (and no other of the set's) occur."""
        if "compiled" in self.whole.__dict__:  # the whole is compiled already: use it
            return self.whole.compiled
        _, by_key, unkeyed = self._table
        present = frozenset(keys)
        chosen = sorted({*unkeyed, *(i for key in present for i in by_key.get(key, ()))})
        if not chosen:  # no phrase can match (an empty alternation would match "")
            return regex(NEVER)
        source = (self._opening + "|".join(self._body_for(i, present) for i in chosen)
                  + self._closing)
        if len(source) > self._budget:
            return self.whole.compiled  # many texts, many patterns: the whole is cheaper
        self._budget -= len(source)
        return regex(source, self.flags)

    def for_text(self, text: str) -> re.Pattern[str]:
        """The pattern to search `text` with (as the string searched: a slice, or the
        string up to `endpos`): the phrases whose keys it has."""
        keys = keys_in(text)
        return self.whole.compiled if keys is None else self.compiled_for(keys)

    def fullmatch(self, text: str) -> bool:
        """Does one of the phrases match all of `text`?"""
        keys = text_keys(text)
        pattern = self.whole.compiled if keys is None else self.compiled_for(keys)
        return pattern.fullmatch(text) is not None


def text_keys(text: str) -> list[str] | None:
    """The word-index keys a match of all of `text` begins with, as a document's word index
    would give them (None when the index could not: no opening letter or digit, or letters
    whose case folds differently in `re`)."""
    if not text[:1].isalnum() or not all(map(folds_plainly, text)):
        return None
    words = _WORD_AT_RE.findall(text.lower())
    keys = ["w:" + words[0]]
    if len(words) > 1 and words[0] in COMMON_WORDS:
        keys.append(f"b:{words[0]} {words[1]}")
    return keys


def keys_in(text: str) -> set[str] | None:
    """Every word-index key a match inside `text` can begin with: each word ("w:") and each
    word with the next ("b:"), as the words of `text` itself (a word cut at its end counts
    as cut); None when a letter's case folds differently in `re`."""
    if not text.isascii() and not all(map(folds_plainly, text)):
        return None
    words = _WORD_AT_RE.findall(text.lower())
    keys = {"w:" + word for word in words}
    keys.update(f"b:{first} {second}" for first, second in pairwise(words)
                if first in COMMON_WORDS)
    return keys


class PhrasePart(RegexPart):
    """A rule's phrases as one part: tried once at each position, compiled for a document
    with the phrases whose keys it has (see PhraseSet). Every phrase has keys."""

    def __init__(self, phrases: PhraseSet) -> None:
        self.phrases = phrases
        super().__init__(phrases.whole, lambda: phrases.keys, lambda: None, lambda: None)

    def compiled_for(self, keys: list[str]) -> re.Pattern[str]:
        return self.phrases.compiled_for(keys)


def _match_end(pattern: re.Pattern[str], prose: str, pos: int) -> int | None:
    m = pattern.match(prose, pos)
    return m.end() if m and m.end() > pos else None


Part = LiteralPart | RegexPart


class Matcher:
    """All of one rule's parts; finditer() gives the alternation's matches, in order.

    `whole` is the alternation itself: the reference the parts must agree with, and what is
    searched in a document whose word index cannot be trusted (Document.case_simple).
    """

    def __init__(self, parts: list[Part], whole: LazyRegex | None = None) -> None:
        self.parts = parts
        self.whole = whole

    @classmethod
    def of(cls, alternatives: list[str], flags: int = 0) -> Matcher:
        """A matcher for the alternation `a|b|c`, given as its alternatives."""
        parts: list[Part] = []
        for source in alternatives:
            parts.append(RegexPart(
                LazyRegex(source, flags),
                partial(derived, "keys", source, flags, partial(trigger_keys, source, flags)),
                partial(derived, "prefixes", source, flags,
                        partial(required_prefixes, source, flags)),
                partial(derived, "required-all", source, flags,
                        partial(required_literal, source, flags))))
        return cls(parts, LazyRegex("|".join(alternatives), flags))

    def prepare(self) -> None:
        """Work out every part's keys and compile its pattern now (see PhraseRule.prepare)."""
        for part in self.parts:
            _ = part.keys
            if isinstance(part, RegexPart):
                _ = part.regex.compiled

    def find_in(self, doc: Any, present: dict[int, list[str]] | None = None
                ) -> Iterator[tuple[int, int]]:
        """finditer over a Document's prose, through its word index (`present`: the keys
        of each part that occur in it, from a TriggerIndex)."""
        aligned = doc.case_simple or (self.ascii_only and doc.index_fits_ascii)
        if not aligned and self.whole is not None:
            return (m.span() for m in self.whole.compiled.finditer(doc.prose))
        if present is not None and not present and self.all_keyed:
            return iter(())  # none of its words occurs: most rules, for most articles
        index = doc.word_starts
        if self.uses_prefix_keys and present is None:
            index = doc.prefix_starts
        elif self.uses_prefix_keys:  # only the "p:" keys found are looked up: add just those
            openings = {k[2:] for keys in present.values() for k in keys if k.startswith("p:")}
            index = doc.with_prefix_keys(openings) if openings else index
        return self.finditer(doc.prose, index, lambda: doc.lowered, present, aligned=aligned)

    @cached_property
    def ascii_only(self) -> bool:
        """Every part's pattern is written in ASCII (Document.index_fits_ascii): asked only
        of a document that is not `case_simple`, a few in a long run."""
        return all(all(map(str.isascii, (lit for group in part.by_key.values() for lit in group)))
                   if isinstance(part, LiteralPart) else part.regex.source.isascii()
                   for part in self.parts)

    @cached_property
    def all_keyed(self) -> bool:
        """Every part has trigger keys: no match is possible without one of them."""
        return all(part.keys is not None for part in self.parts)

    @cached_property
    def uses_prefix_keys(self) -> bool:
        return any(k.startswith("p:") for part in self.parts for k in part.keys or ())

    def finditer(self, prose: str, word_starts: dict[str, list[int]],
                 lowered: Callable[[], str], present: dict[int, list[str]] | None = None,
                 *, aligned: bool = False) -> Iterator[tuple[int, int]]:
        """The matches, found at word-index positions. `aligned`: lowered() has every
        character at its position in `prose`, so a pattern's literal opening can be found
        there with str.find."""
        keyed: dict[int, set[int]] = {}  # part index → positions to try it at
        searched: list[int] = []
        patterns: dict[int, re.Pattern[str]] = {}  # regex part index → pattern for this text
        for index, part in enumerate(self.parts):
            keys = part.keys
            if keys is None:
                if not isinstance(part, RegexPart):
                    searched.append(index)
                    continue
                if aligned and part.required is not None and not all(
                        any(t in lowered() for t in texts) for texts in part.required):
                    continue  # text every match contains is missing
                prefixes = part.prefixes
                if prefixes is None:
                    searched.append(index)
                    continue
                text = lowered()
                if aligned and not any(p in text for p in prefixes):
                    continue  # none of its openings occurs anywhere
                found = _occurrences(text, prefixes) if aligned else None
                if found is None:
                    searched.append(index)
                elif found:
                    keyed[index] = found
                continue
            if present is not None:
                hits = present.get(index)
            else:
                hits = [k for k in keys if k in word_starts] if len(keys) < len(word_starts) \
                    else [k for k in word_starts if k in keys]
            if not hits:
                continue
            if isinstance(part, RegexPart):
                patterns[index] = part.compiled_for(hits)
            positions = {p for k in hits for p in word_starts[k]}
            if len(positions) > SCAN_INSTEAD_ABOVE and isinstance(part, RegexPart):
                searched.append(index)  # common opening words: one scan is cheaper
            else:
                keyed[index] = positions
        if not keyed and not searched:
            return
        yield from self._walk(prose, keyed, searched, patterns)

    def _walk(self, prose: str, keyed: dict[int, set[int]], searched: list[int],
              patterns: dict[int, re.Pattern[str]]) -> Iterator[tuple[int, int]]:
        """`patterns`: the regex parts' patterns for this text, where not the whole."""
        tries: dict[int, Callable[[str, int], int | None]] = {
            index: (partial(_match_end, patterns[index]) if index in patterns
                    else part.match_at)
            for index, part in enumerate(self.parts) if index in keyed or index in searched}
        candidates = sorted(set().union(*keyed.values())) if keyed else []
        next_search: dict[int, int | None] = {}  # part index → start of its next match
        pos, i = 0, 0
        while pos <= len(prose):  # past the end, search() would find an empty match again
            while i < len(candidates) and candidates[i] < pos:
                i += 1
            start = candidates[i] if i < len(candidates) else None
            for index in searched:
                found = next_search.get(index, -1)
                if found is not None and found < pos:
                    pattern = patterns.get(index)
                    if pattern is None:
                        pattern = self.parts[index].regex.compiled  # type: ignore[union-attr]
                    m = pattern.search(prose, pos)
                    found = next_search[index] = m.start() if m else None
                if found is not None and (start is None or found < start):
                    start = found
            if start is None:
                return
            end = None
            for index, match_at in tries.items():  # in the parts' order
                if index in keyed and start not in keyed[index]:
                    continue
                end = match_at(prose, start)
                if end is not None:
                    break
            if end is None:
                pos = start + 1
                continue
            yield start, end
            pos = end


def _occurrences(text: str, prefixes: frozenset[str]) -> set[int] | None:
    """Every position where one of the openings occurs (None: too many to try one by one)."""
    found: set[int] = set()
    for prefix in prefixes:
        at = text.find(prefix)
        while at >= 0:
            found.add(at)
            if len(found) > SCAN_INSTEAD_ABOVE:
                return None
            at = text.find(prefix, at + 1)
    return found


class TriggerIndex:
    """The trigger keys of many rules' matchers in one table.

    Asking each rule which of its keys a document has costs a set intersection per part and
    document, and proselint's word lists have thousands of keys. Instead, the document's
    words are looked up once in this table, which says which parts of which matchers each
    word can start; the answer is kept in Document.memo for every rule that asks.

    Building the table costs about what it saves on one article, so the first document a
    process lints is matched without it (the pre-commit case is often a single file).
    """

    def __init__(self, owners: list[Any]) -> None:
        self._owners = owners  # objects with a .matcher (PhraseRule)
        self._first_document: int | None = None

    @cached_property
    def _prefix_keys(self) -> list[str]:
        return [key for key in self._table if key.startswith("p:")]

    @cached_property
    def _table(self) -> dict[str, list[tuple[int, int]]]:
        table: dict[str, list[tuple[int, int]]] = {}
        for owner in self._owners:
            matcher = owner.matcher
            for index, part in enumerate(matcher.parts):
                for key in part.keys or ():
                    table.setdefault(key, []).append((id(matcher), index))
        return table

    def present(self, doc: Any, matcher: Matcher) -> dict[int, list[str]] | None:
        """Part index → the part's keys that occur in the document (None: work it out
        per rule)."""
        if self._first_document in (None, id(doc)) and "_table" not in self.__dict__:
            self._first_document = id(doc)
            return None
        found = doc.memo.get(self)
        if found is None:
            found = {}
            table = self._table
            keys = doc.word_starts.keys() & table.keys()  # one set intersection, in C
            # "p:" keys are few (an open-ended house pattern, one built-in rule): each is
            # asked about instead of building every word's (Document.prefix_starts)
            keys.update(key for key in self._prefix_keys if doc.opens_a_word(key[2:]))
            for key in keys:
                for owner_id, index in table[key]:
                    found.setdefault(owner_id, {}).setdefault(index, []).append(key)
            doc.memo[self] = found
        return found.get(id(matcher), {})
