"""Patterns built around long word lists, compiled for a text with only the words it holds.

The attribution and quotation patterns repeat the cue-verb and source-noun lists (a hundred
words each); compiling them is most of the document model's start-up. In those patterns a
listed word can match only as whole words of the text: a run of word characters with no word
character on either side (an entry of several words, "white house", starts with such a run).
An entry whose first word is not a run of the text cannot match anywhere in it, so the
pattern with only the entries whose first words the text has matches exactly what the whole
pattern matches, and it is far smaller: a sentence holds one or two cue verbs, not a hundred.

Such shorter patterns are compiled (once per process each) until their sources add up to the
whole pattern's; from then on (a long run over many articles) the whole pattern is compiled
once and used everywhere. A text with letters whose case folds unusually in `re` ("ſ"
matches "s") gets the whole pattern: its lower-cased words do not say what `re` would match.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from functools import cached_property, lru_cache

from lintnews.cache.patterns import derived, regex
from lintnews.text.casefold import folds_plainly
from lintnews.text.trie import trie_regex

NEVER = "(?!)"  # an empty list: the slot matches nothing
_RUN_RE = regex(r"\w+")
_ENTRY_RE = regex(r"\w+(?: \w+)*")


def expand_word_list(words: str) -> list[str]:
    """The spellings of a word list written "a|b|officials?|organi[sz]ation": one letter
    class and a last optional letter are spelled out."""
    expanded: list[str] = []
    for word in words.split("|"):
        spellings = [word]
        if "[" in word:  # one letter class, as in organi[sz]ation
            head, _, rest = word.partition("[")
            letters, _, tail = rest.partition("]")
            spellings = [head + letter + tail for letter in letters]
        for spelling in spellings:
            if spelling.endswith("?"):  # an optional last letter, as in officials?
                expanded += [spelling[:-2], spelling[:-1]]
            else:
                expanded.append(spelling)
    return expanded


def word_list_trie(words: str) -> str:
    """The word list as a trie-shaped alternation (lintnews.text.trie), remembered between
    runs with what else is derived from patterns (lintnews.cache.patterns)."""
    return str(derived("trie", words, 0,
                       lambda: trie_regex(expand_word_list(words), fold_case=True)))


@lru_cache(maxsize=8)  # a document's prose, asked about once per quotation
def _plain_runs(text: str) -> frozenset[str] | None:
    """The text's runs of word characters, lower-cased; None when a letter folds unusually
    in `re`, so that lower-cased runs do not say what a case-insensitive pattern matches."""
    if not text.isascii() and not all(map(folds_plainly, text)):
        return None
    return frozenset(_RUN_RE.findall(text.lower()))


class SlottedRegex:
    """`template` with each `<NAME>` replaced by the alternation of a word list.

    The template must let a listed word match only as whole words of the text (the caller's
    promise; tests/test_slots.py checks each pattern against its whole form). `for_text`
    gives the pattern to use on a text: matches, spans and groups are the whole pattern's.
    """

    def __init__(self, template: str, lists: Mapping[str, str], flags: int = 0) -> None:
        self._template = template
        # slot name → word list ("a|b|officials?"), for the slots the template has
        self._lists = {name: words for name, words in lists.items() if f"<{name}>" in template}
        self.flags = flags
        self._budget: int | None = None  # characters left to compile before the whole
        self._variants: dict[tuple[tuple[str, ...], ...], re.Pattern[str]] = {}

    @cached_property
    def _entries(self) -> dict[str, dict[str, list[str]]]:
        """Slot name → first word → the entries (spellings) that start with it."""
        table: dict[str, dict[str, list[str]]] = {}
        for name, words in self._lists.items():
            by_first: dict[str, list[str]] = {}
            for entry in expand_word_list(words):
                if not _ENTRY_RE.fullmatch(entry) or entry != entry.lower():
                    raise ValueError(f"not a lower-case word list entry: {entry!r}")
                by_first.setdefault(entry.split(" ")[0], []).append(entry)
            table[name] = by_first
        return table

    def _source(self, alternations: Callable[[str], str]) -> str:
        source = self._template
        for name in self._lists:
            source = source.replace(f"<{name}>", alternations(name))
        return source

    @cached_property
    def whole(self) -> re.Pattern[str]:
        return regex(self._source(lambda name: word_list_trie(self._lists[name])), self.flags)

    def for_text(self, text: str, within: str | None = None) -> re.Pattern[str]:
        """The pattern with only the entries whose first words `text` has. `within`: a
        document that `text` was cut from; its words are added, so that one pattern serves
        every part of it (`text` still counts: a cut can make a whole word of a part of one).
        """
        if "whole" in self.__dict__:
            return self.whole
        runs = _plain_runs(text)
        if within is not None and runs is not None:
            more = _plain_runs(within)
            runs = None if more is None else runs | more
        if runs is None:
            return self.whole
        chosen = tuple(
            tuple(sorted(e for first in runs & by_first.keys() for e in by_first[first]))
            for by_first in self._entries.values())
        known = self._variants.get(chosen)
        if known is not None:
            return known
        lists = dict(zip(self._lists, chosen, strict=True))
        source = self._source(
            lambda name: trie_regex(list(lists[name]), fold_case=True) if lists[name] else NEVER)
        if self._budget is None:
            self._budget = len(self._source(lambda name: word_list_trie(self._lists[name])))
        if len(source) > self._budget:
            return self.whole  # many texts, many variants: the whole is cheaper from here
        self._budget -= len(source)
        compiled = self._variants[chosen] = regex(source, self.flags)
        return compiled


_LEAD_WORD_RE = regex(r"[\s,]*(\w+)")


class OpeningWordAlternation:
    """`lead + (?:a|b|…)` matched at a position, where each alternative opens with a word
    that `opens(word)` recognises (the whole run of word characters there, lower-cased).

    `lead` may only pass spaces and commas, and each alternative must open with a word
    character: then the word after the spaces and commas is the one every alternative sees,
    and the alternatives that cannot open with it cannot match. The pattern of the others,
    in the same order, gives the same match (compiled once per process for each choice).
    """

    def __init__(self, lead: str, alternatives: list[tuple[Callable[[str], bool], str]],
                 flags: int = 0) -> None:
        self._lead = lead
        self._alternatives = alternatives
        self.flags = flags
        self._variants: dict[tuple[int, ...], re.Pattern[str]] = {}

    def _source(self, chosen: Iterable[int]) -> str:
        return self._lead + "(?:" + "|".join(self._alternatives[i][1] for i in chosen) + ")"

    @cached_property
    def whole(self) -> re.Pattern[str]:
        return regex(self._source(range(len(self._alternatives))), self.flags)

    def match(self, text: str, pos: int) -> re.Match[str] | None:
        """whole.match(text, pos)."""
        found = _LEAD_WORD_RE.match(text, pos)
        if found is None:
            return None  # no word follows: no alternative can open
        word = found.group(1)
        if not word.isascii() and not all(map(folds_plainly, word)):
            return self.whole.match(text, pos)
        word = word.lower()
        chosen = tuple(i for i, (opens, _) in enumerate(self._alternatives) if opens(word))
        if not chosen:
            return None
        pattern = self._variants.get(chosen)
        if pattern is None:
            pattern = self._variants[chosen] = regex(self._source(chosen), self.flags)
        return pattern.match(text, pos)
