"""The loaded-language lexicon: reviewed entries as data (rules/lexicon.tsv), matched in one pass.

Each entry is a lemma with its part of speech, its class (puffery, evaluative, intensifier, …),
its severity, the neutral wording where one exists, the neighbouring words that show its neutral
sense, and where it comes from. Inflected forms come from lemminflect (a maintained morphology
package whose data ships in its wheel); they are worked out once per lexicon file and cached.

Matching is one pass over the document's words for every entry of every class: each word is
looked up in one table of all forms (single words), or of first words (phrases, checked in
place). Thousands of entries cost the same as a hundred.
"""

from __future__ import annotations

from binascii import crc32
from collections.abc import Iterable, Iterator, Mapping, Sequence
from functools import cached_property, lru_cache
from pathlib import Path
from typing import NamedTuple

from lintnews.cache.keys import code_tag
from lintnews.cache.packed import load_packed, save_packed
from lintnews.cache.patterns import regex
from lintnews.document.model import Document
from lintnews.engine.declarative import PackError
from lintnews.text.words import COMMON_WORDS

CLASSES = ("puffery", "evaluative", "intensifier", "stance", "size", "pejorative",
           "status-label", "saying-verb", "dramatising-verb", "euphemism", "doubt")
POS = ("ADJ", "ADV", "NOUN", "VERB", "PHRASE")
LEVELS = ("error", "warning", "info", "off")
COLUMNS = ("lemma", "pos", "class", "severity", "neutral", "neutral_before", "neutral_after",
           "source", "forms")
_TOKEN_RE = regex(r"[^\W_]+")
# the separators _phrase_end allows: spaces, hyphens, apostrophes ("a king's ransom")
_NEXT_WORD_RE = regex(r"[ \-\u00a0\n'’]{1,2}([^\W_]+)")
# Before a verb's form, these make it a noun ("the gut", "a blast"); before a noun's form,
# "to" makes it a verb.
_DETERMINERS = frozenset({"the", "a", "an", "his", "her", "their", "its", "my", "our", "your",
                          "this", "that", "these", "those", "whose", "each", "every", "no"})


# Words that end a phrasal verb or a set phrase without being its noun ("storm out", "hit back
# at", "sing the praises of").
_PARTICLES = frozenset({"out", "up", "off", "at", "of", "in", "on", "down", "back", "over",
                        "away", "about", "it", "for", "to", "with", "through", "around"})


class LexiconError(PackError):
    """A lexicon file that cannot be read; the message names the file and the line."""


class Entry(NamedTuple):
    lemma: str
    pos: str
    kind: str  # the class
    severity: str
    neutral: str
    neutral_before: frozenset[str]
    neutral_after: frozenset[str]
    source: str
    forms: tuple[str, ...] = ()  # written out by tools/build_lexicon.py; else worked out here
    # The lemma as its file writes it, when that has capitals ("RINO", "Wuhan virus"): a label
    # capitalised by nature, which a capital mid-sentence does not make a name or a title.
    written: str = ""

    def written_as_label(self, found: str) -> bool:
        """Is `found` a capitalised-by-nature entry written with the capitals of its lemma?
        "RINOs" is "RINO"'s label, "Rino Gattuso" is a name; a lower-case lemma has none."""
        if not self.written:
            return False
        lemma_words = _TOKEN_RE.findall(self.written)
        found_words = _TOKEN_RE.findall(found)
        return len(lemma_words) == len(found_words) and all(
            found_word[i].isupper()
            for lemma_word, found_word in zip(lemma_words, found_words, strict=True)
            for i, letter in enumerate(lemma_word[:len(found_word)]) if letter.isupper())


class LexiconHit(NamedTuple):
    start: int
    end: int
    entry: Entry


Candidates = list[tuple[tuple[str, ...], int]]  # a first word's forms: (words, entry index)


class Lexicon:
    """Every entry's forms in one table: a form's first word → (its words, the entry's index),
    the longest first. `entries` and `table` may be lazy mappings (see `_cached_lexicon`):
    a run reads only the words its documents have."""

    def __init__(self, entries: Sequence[Entry], table: Mapping[str, Candidates]) -> None:
        self.entries = entries
        self.table = table
        # a first word → (its single-word entries, its phrases by their second word), as asked
        self._split: dict[str, tuple[list[int], dict[str, Candidates]]] = {}

    @cached_property
    def _pair_keys(self) -> dict[str, tuple[str, str]]:
        """The document's word index has a key for each common word with the next one
        ("b:the writing"): a common word that opens phrases only is looked up with each of
        its second words, not at each of its thousands of places ("the", "of", "to")."""
        keys: dict[str, tuple[str, str]] = {}
        for first in COMMON_WORDS:
            if first in self.table:
                singles, phrases = self._split_of(first)
                if not singles:
                    keys.update({f"b:{first} {second}": (first, second) for second in phrases})
        return keys

    @cached_property
    def _index_keys(self) -> frozenset[str]:
        """The word-index keys of first words, but for those looked up by pairs."""
        by_pair = {first for first, _ in self._pair_keys.values()}
        return frozenset("w:" + word for word in self.table if word not in by_pair)

    def _split_of(self, first: str) -> tuple[list[int], dict[str, Candidates]]:
        """The single words and (by their second word) the phrases that open with `first`:
        a phrase that opens with a common word ("a mere", "take a swipe at") is tried only
        where its second word follows, not at every "a"."""
        known = self._split.get(first)
        if known is None:
            singles: list[int] = []
            phrases: dict[str, Candidates] = {}
            for words, index in self.table.get(first, ()):  # longest first
                if len(words) > 1:
                    phrases.setdefault(words[1], []).append((words, index))
                else:
                    singles.append(index)
            known = self._split[first] = (singles, phrases)
        return known

    @classmethod
    def build(cls, entries: Iterable[Entry]) -> Lexicon:
        chosen: dict[tuple[str, str], Entry] = {}
        for entry in entries:
            chosen[(entry.lemma, entry.pos)] = entry  # a later file overrides
        kept = [entry for entry in chosen.values() if entry.severity != "off"]
        table: dict[str, Candidates] = {}
        for index, entry in enumerate(kept):
            for form in entry.forms or forms_of(entry.lemma, entry.pos):
                words = tuple(_TOKEN_RE.findall(form))
                if words:
                    table.setdefault(words[0], []).append((words, index))
        for candidates in table.values():
            candidates.sort(key=lambda c: -len(c[0]))  # the longest phrase first
        return cls(kept, table)

    def hits(self, doc: Document) -> list[LexiconHit]:
        """Every entry's matches in the document, worked out once for all classes."""
        cached = doc.memo.get(("lexicon", id(self)))
        if cached is None:
            cached = list(self._find(doc))
            doc.memo[("lexicon", id(self))] = cached
        return cached

    def _find(self, doc: Document) -> Iterator[LexiconHit]:
        lowered = doc.lowered
        if doc.case_simple:
            index = doc.word_starts
            found = [(position, key[2:]) for key in self._index_keys.intersection(index)
                     for position in index[key]]
            # a phrase's second word is the next word of the index ("b:" keys) exactly
            # when only the separators _phrase_end allows stand between them, and
            # _phrase_end checks those
            found_pairs = [(position, self._pair_keys[key])
                           for key in self._pair_keys.keys() & index.keys()
                           for position in index[key]]
        else:  # lower-casing moved positions: find the words in the text itself
            found = [(m.start(), m.group().lower()) for m in _TOKEN_RE.finditer(doc.prose)
                     if m.group().lower() in self.table]
            found_pairs = []
        for start, word in found:
            if start and lowered[start - 1] == "-":
                continue  # inside a hyphenated compound: "Tahrir al-Sham", "anti-hero"
            hit = self._phrase_at(lowered, start, word) or self._word_at(lowered, start, word)
            if hit is not None:
                yield hit
        for start, (first, second) in found_pairs:  # common words that open phrases only
            if start and lowered[start - 1] == "-":
                continue
            hit = self._phrase_after(lowered, start, self._split_of(first)[1][second])
            if hit is not None:
                yield hit

    def _phrase_at(self, lowered: str, start: int, word: str) -> LexiconHit | None:
        by_second = self._split_of(word)[1]
        if not by_second:
            return None
        following = _NEXT_WORD_RE.match(lowered, start + len(word))
        return self._phrase_after(lowered, start,
                                  by_second.get(following.group(1), ()) if following else ())

    def _phrase_after(self, lowered: str, start: int,
                      candidates: Iterable[tuple[tuple[str, ...], int]]) -> LexiconHit | None:
        """The first of the phrases (sharing their first two words) that is at `start`."""
        for words, index in candidates:
            entry = self.entries[index]
            end = _phrase_end(lowered, start, words)
            if end is not None and _pos_fits(lowered, start, end, entry):
                return LexiconHit(start, end, entry)
        return None

    def _word_at(self, lowered: str, start: int, word: str) -> LexiconHit | None:
        end = start + len(word)
        if end < len(lowered) and (lowered[end].isalnum() or lowered[end] == "_"):
            return None
        for index in self._split_of(word)[0]:
            entry = self.entries[index]
            if _pos_fits(lowered, start, end, entry):
                return LexiconHit(start, end, entry)
        return None


def _phrase_end(lowered: str, start: int, words: tuple[str, ...]) -> int | None:
    """Where the phrase `words` ends if it starts at `start` (words separated by spaces,
    hyphens or an apostrophe), or None."""
    position = start
    for i, word in enumerate(words):
        if i:
            gap = position
            while gap < len(lowered) and lowered[gap] in " -\u00a0\n'’":
                gap += 1
            if gap == position or gap - position > 2:
                return None
            position = gap
        if not lowered.startswith(word, position):
            return None
        position += len(word)
    if position < len(lowered) and (lowered[position].isalnum() or lowered[position] == "_"):
        return None
    return position


def _previous_word(lowered: str, start: int) -> str:
    words = _TOKEN_RE.findall(lowered, max(0, start - 30), start)
    return words[-1] if words else ""


def _pos_fits(lowered: str, start: int, end: int, entry: Entry) -> bool:
    """A light part-of-speech check without a tagger: a verb's form after a determiner is a
    noun ("a blast"), unless it is a participle used as an adjective ("a terrifying ordeal");
    a noun's form after "to" is a verb."""
    previous = _previous_word(lowered, start)
    if entry.pos == "VERB":
        return previous not in _DETERMINERS or lowered.endswith(("ing", "ed"), start, end)
    if entry.pos == "NOUN":
        return previous != "to"
    return True


def neutral_here(lowered: str, hit: LexiconHit) -> bool:
    """The words right before or after show the entry's neutral sense."""
    entry = hit.entry
    if entry.neutral_before and _previous_word(lowered, hit.start) in entry.neutral_before:
        return True
    if entry.neutral_after:
        following = _TOKEN_RE.search(lowered, hit.end, hit.end + 30)
        if following and following.group() in entry.neutral_after:
            return True
    return False


@lru_cache(maxsize=4096)
def forms_of(lemma: str, pos: str) -> tuple[str, ...]:
    """The lemma and its inflections (lemminflect); for a phrase, its first word inflected as
    a verb ("storm out" → "stormed out") and, where its last word is a noun, its plural."""
    lemma = lemma.lower()
    head, _, rest = lemma.partition(" ")
    upos = "VERB" if pos == "PHRASE" else pos
    if pos == "PHRASE" and not rest:
        return (lemma,)
    forms = {lemma}
    if upos in ("ADJ", "NOUN", "VERB") and "-" not in head and "'" not in head:
        from lemminflect import getAllInflections, getAllInflectionsOOV, getAllLemmas

        inflections = getAllInflections(head, upos=upos)
        if not inflections and pos in ("NOUN", "VERB") and not getAllLemmas(head):
            # a word lemminflect's dictionary lacks ("grifter", "bloviate"): its rules for
            # unknown words (not for adjectives, whose unknown forms are rarely real words)
            inflections = getAllInflectionsOOV(head, upos=upos)
        for values in inflections.values():
            forms.update(f"{v} {rest}".strip() for v in values)
    if pos == "PHRASE":
        # a phrase that ends in a noun has its plural too ("rogue state" → "rogue states")
        words = lemma.split(" ")
        last = words[-1]
        if "-" not in last and "'" not in last and not last.endswith("s") and \
                last not in _PARTICLES:
            from lemminflect import getAllLemmas, getInflection

            plural = getInflection(last, tag="NNS") if "NOUN" in getAllLemmas(last) else ()
            if plural and plural[0] != last:
                forms.add(" ".join([*words[:-1], plural[0]]))
    return tuple(sorted(forms))


def read_lexicon(text: str, where: str) -> list[Entry]:
    """Entries from a lexicon file's text (tab-separated, `#` comment lines, a header)."""
    rows = [line.split("\t") for line in text.splitlines()
            if line.strip() and not line.startswith("#")]
    if not rows:
        return []
    header = [name.strip().lower() for name in rows[0]]
    missing = [c for c in ("lemma", "pos", "class", "severity") if c not in header]
    if missing:
        raise LexiconError(f"{where}: the header must name the columns {', '.join(COLUMNS)} "
                           f"(missing: {', '.join(missing)})")
    # every column in COLUMNS order; a column the file lacks reads as empty
    width = len(header)
    order = [header.index(name) if name in header else width for name in COLUMNS]
    empty: frozenset[str] = frozenset()
    entries = []
    for number, row in enumerate(rows[1:], 2):
        row = [cell.strip() for cell in row] + [""] * (width + 1 - len(row))
        lemma, pos, kind, severity, neutral, before, after, source, forms = (
            row[i] for i in order)
        written = lemma if lemma != lemma.lower() else ""  # capitalised by nature
        lemma, pos, kind, severity = lemma.lower(), pos.upper(), kind.lower(), severity.lower()
        if not lemma or pos not in POS or kind not in CLASSES or severity not in LEVELS:
            _invalid(f"{where}: row {number}", lemma, pos, kind, severity)
        entries.append(Entry(
            lemma, pos, kind, severity, neutral,
            frozenset(before.lower().split()) if before else empty,
            frozenset(after.lower().split()) if after else empty, source,
            tuple(f.strip().lower() for f in forms.split("|") if f.strip()) if forms else (),
            written))
    return entries


def _invalid(at: str, lemma: str, pos: str, kind: str, severity: str) -> None:
    if not lemma:
        raise LexiconError(f"{at}: empty lemma")
    if pos not in POS:
        raise LexiconError(f"{at} ({lemma}): pos must be one of {', '.join(POS)}")
    if kind not in CLASSES:
        raise LexiconError(f"{at} ({lemma}): class must be one of {', '.join(CLASSES)}")
    raise LexiconError(f"{at} ({lemma}): severity must be one of {', '.join(LEVELS)}")


def builtin_lexicon_path() -> Path:
    from lintnews.engine.registry import builtin_packs_dir

    return builtin_packs_dir() / "lexicon.tsv"


@lru_cache(maxsize=8)
def load_lexicon(extra: tuple[Path, ...] = ()) -> Lexicon:
    """The built-in lexicon, then each house lexicon in order (an entry with the same lemma
    and part of speech replaces the built-in one; severity "off" removes it). Read once per
    process for each set of files, and remembered between runs in the cache folder, keyed by
    the files' contents: parsing 1,400 lines costs more than the rest of a one-article run."""
    texts = []
    for path in (builtin_lexicon_path(), *extra):
        try:
            texts.append((str(path), path.read_text(encoding="utf-8")))
        except OSError as err:
            raise LexiconError(f"{path}: cannot read the lexicon: {err.strerror}") from None
    key = f"{code_tag()}:{crc32(chr(0).join(t for _, t in texts).encode('utf-8')):08x}"
    cached = _cached_lexicon(key)
    if cached is not None:
        return cached
    entries: list[Entry] = []
    for where, text in texts:
        entries.extend(read_lexicon(text, where))
    lexicon = Lexicon.build(entries)
    _store_lexicon(key, lexicon)
    return lexicon


def _cached_lexicon(key: str) -> Lexicon | None:
    tables = load_packed("lexicon", key, {"entries": lambda row: Entry(*row), "table": list})
    return Lexicon(tables["entries"], tables["table"]) if tables is not None else None


def _store_lexicon(key: str, lexicon: Lexicon) -> None:
    """Each entry and each first word's forms are stored apart (lintnews.cache.packed), read
    only when a document has the word. Forms are in the table; entries are stored without."""
    save_packed("lexicon", key, {
        "entries": [tuple(entry._replace(forms=())) for entry in lexicon.entries],
        "table": dict(lexicon.table)})
