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

import csv
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from lintnews.document.model import Document
from lintnews.engine.declarative import PackError
from lintnews.regex_store import regex

CLASSES = ("puffery", "evaluative", "intensifier", "stance", "size", "pejorative",
           "status-label", "saying-verb", "dramatising-verb", "euphemism", "doubt")
POS = ("ADJ", "ADV", "NOUN", "VERB", "PHRASE")
LEVELS = ("error", "warning", "info", "off")
COLUMNS = ("lemma", "pos", "class", "severity", "neutral", "neutral_before", "neutral_after",
           "source", "forms")
_TOKEN_RE = regex(r"[^\W_]+")
# Before a verb's form, these make it a noun ("the gut", "a blast"); before a noun's form,
# "to" makes it a verb.
_DETERMINERS = frozenset({"the", "a", "an", "his", "her", "their", "its", "my", "our", "your",
                          "this", "that", "these", "those", "whose", "each", "every", "no"})


class LexiconError(PackError):
    """A lexicon file that cannot be read; the message names the file and the line."""


@dataclass(frozen=True)
class Entry:
    lemma: str
    pos: str
    kind: str  # the class
    severity: str
    neutral: str
    neutral_before: frozenset[str]
    neutral_after: frozenset[str]
    source: str
    forms: tuple[str, ...] = ()  # written out by tools/build_lexicon.py; else worked out here


@dataclass(frozen=True)
class LexiconHit:
    start: int
    end: int
    entry: Entry


class Lexicon:
    """Every entry's forms in one table: a form's first word → (its words, the entry)."""

    def __init__(self, entries: Iterable[Entry]) -> None:
        self.entries: dict[tuple[str, str], Entry] = {}
        for entry in entries:
            self.entries[(entry.lemma, entry.pos)] = entry  # a later file overrides
        self.table: dict[str, list[tuple[tuple[str, ...], Entry]]] = {}
        for entry in self.entries.values():
            if entry.severity == "off":
                continue
            for form in entry.forms or forms_of(entry.lemma, entry.pos):
                words = tuple(_TOKEN_RE.findall(form))
                if words:
                    self.table.setdefault(words[0], []).append((words, entry))
        for candidates in self.table.values():
            candidates.sort(key=lambda c: -len(c[0]))  # the longest phrase first

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
            starts = [(key[2:], positions) for key, positions in doc.word_starts.items()
                      if key.startswith("w:") and key[2:] in self.table]
            found = sorted((position, word) for word, positions in starts
                           for position in positions)
        else:  # lower-casing moved positions: find the words in the text itself
            found = [(m.start(), m.group().lower()) for m in _TOKEN_RE.finditer(doc.prose)
                     if m.group().lower() in self.table]
        for start, word in found:
            if start and lowered[start - 1] == "-":
                continue  # inside a hyphenated compound: "Tahrir al-Sham", "anti-hero"
            for words, entry in self.table[word]:
                end = _phrase_end(lowered, start, words)
                if end is not None and _pos_fits(lowered, start, end, entry):
                    yield LexiconHit(start, end, entry)
                    break


def _phrase_end(lowered: str, start: int, words: tuple[str, ...]) -> int | None:
    """Where the phrase `words` ends if it starts at `start` (words separated by spaces or
    hyphens), or None."""
    position = start
    for i, word in enumerate(words):
        if i:
            gap = position
            while gap < len(lowered) and lowered[gap] in " -\u00a0\n":
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
    a verb ("storm out" → "stormed out")."""
    lemma = lemma.lower()
    head, _, rest = lemma.partition(" ")
    upos = "VERB" if pos == "PHRASE" else pos
    if pos == "PHRASE" and not rest:
        return (lemma,)
    forms = {lemma}
    if upos in ("ADJ", "NOUN", "VERB") and "-" not in head and "'" not in head:
        from lemminflect import getAllInflections  # its tables load on first use only

        for values in getAllInflections(head, upos=upos).values():
            forms.update(f"{v} {rest}".strip() for v in values)
    return tuple(sorted(forms))


def read_lexicon(text: str, where: str) -> list[Entry]:
    """Entries from a lexicon file's text (tab-separated, `#` comment lines, a header)."""
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    if not lines:
        return []
    reader = csv.DictReader(io.StringIO("\n".join(lines)), delimiter="\t",
                            quoting=csv.QUOTE_NONE)
    missing = [c for c in ("lemma", "pos", "class", "severity") if c not in (reader.fieldnames
                                                                         or ())]
    if missing:
        raise LexiconError(f"{where}: the header must name the columns {', '.join(COLUMNS)} "
                           f"(missing: {', '.join(missing)})")
    entries = []
    for number, row in enumerate(reader, 2):
        at = f"{where}: row {number}"
        lemma = (row.get("lemma") or "").strip().lower()
        pos = (row.get("pos") or "").strip().upper()
        kind = (row.get("class") or "").strip().lower()
        severity = (row.get("severity") or "").strip().lower()
        if not lemma:
            raise LexiconError(f"{at}: empty lemma")
        if pos not in POS:
            raise LexiconError(f"{at} ({lemma}): pos must be one of {', '.join(POS)}")
        if kind not in CLASSES:
            raise LexiconError(f"{at} ({lemma}): class must be one of {', '.join(CLASSES)}")
        if severity not in LEVELS:
            raise LexiconError(f"{at} ({lemma}): severity must be one of {', '.join(LEVELS)}")
        entries.append(Entry(
            lemma=lemma, pos=pos, kind=kind, severity=severity,
            neutral=(row.get("neutral") or "").strip(),
            neutral_before=frozenset((row.get("neutral_before") or "").lower().split()),
            neutral_after=frozenset((row.get("neutral_after") or "").lower().split()),
            source=(row.get("source") or "").strip(),
            forms=tuple(f.strip().lower() for f in (row.get("forms") or "").split("|")
                        if f.strip())))
    return entries


def builtin_lexicon_path() -> Path:
    from lintnews.engine.registry import builtin_packs_dir

    return builtin_packs_dir() / "lexicon.tsv"


@lru_cache(maxsize=8)
def load_lexicon(extra: tuple[Path, ...] = ()) -> Lexicon:
    """The built-in lexicon, then each house lexicon in order (an entry with the same lemma
    and part of speech replaces the built-in one; severity "off" removes it). Read once per
    process for each set of files."""
    entries: list[Entry] = []
    for path in (builtin_lexicon_path(), *extra):
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as err:
            raise LexiconError(f"{path}: cannot read the lexicon: {err.strerror}") from None
        entries.extend(read_lexicon(text, str(path)))
    return Lexicon(entries)
