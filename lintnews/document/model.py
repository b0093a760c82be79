"""The one document model every rule reads: paragraphs, sentences, headings and quotations."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cached_property

from lintnews.document.attribution import find_cues
from lintnews.document.quotes import _outside_quotes
from lintnews.engine.matcher import COMMON_WORDS
from lintnews.regex_store import regex

WORD_RE = regex(r"[^\W_](?:[\w’'.,-]*[^\W_])?")
_ALNUM_RUN_RE = regex(r"[^\W_]+")
_CLAUSE_BREAK_RE = regex(r"[,;:—–]|\s-\s|[\"”]")
_PARAGRAPH_ATTRIBUTION_RE = regex(r"\s*According to\b[^,]{2,80},")


@dataclass(frozen=True)
class Paragraph:
    index: int
    kind: str  # a Block kind: headline, dek, heading, paragraph, list_item, blockquote, table_cell
    start: int
    end: int
    sentences: range  # indexes into Document.sentences

    @property
    def is_heading(self) -> bool:
        return self.kind in ("headline", "heading")


@dataclass(frozen=True)
class Sentence:
    index: int
    paragraph: int
    start: int
    end: int
    words: int


@dataclass(frozen=True)
class Quotation:
    start: int  # the opening quote mark
    end: int  # after the closing mark
    words: int
    attributed: bool
    paragraphs: tuple[int, ...]

    @property
    def is_direct(self) -> bool:
        """An attributed quote, or one long enough that it is not a scare quote."""
        return self.attributed or self.words > 3


@dataclass
class Document:
    path: str
    text: str  # the decoded file, exactly as on disk
    prose: str  # the same length; non-prose masked with spaces
    paragraphs: tuple[Paragraph, ...]
    sentences: tuple[Sentence, ...]
    quotations: tuple[Quotation, ...]
    _quote_starts: list[int] = field(init=False, repr=False)
    _sentence_starts: list[int] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._quote_starts = [q.start for q in self.quotations]
        self._sentence_starts = [s.start for s in self.sentences]

    # -- text -------------------------------------------------------------------------------
    def sentence_text(self, sentence: Sentence) -> str:
        return self.prose[sentence.start: sentence.end]

    @property
    def word_count(self) -> int:
        return sum(s.words for s in self.sentences)

    @property
    def headline(self) -> Paragraph | None:
        return next((p for p in self.paragraphs if p.kind == "headline"), None)

    def body_paragraphs(self) -> list[Paragraph]:
        return [p for p in self.paragraphs if not p.is_heading and p.kind != "dek"]

    # -- word index (see lintnews.engine.prefilter) ------------------------------------------
    @cached_property
    def word_starts(self) -> dict[str, list[int]]:
        """Where words begin, lower-cased, by "w:word", "p:" + its first three letters and,
        after a common word, "b:word next" (see lintnews.engine.matcher)."""
        index: dict[str, list[int]] = {}
        previous: tuple[str, int] | None = None
        for m in _ALNUM_RUN_RE.finditer(self.prose):
            word = m.group().lower()
            start = m.start()
            index.setdefault("w:" + word, []).append(start)
            if len(word) >= 3:
                index.setdefault("p:" + word[:3], []).append(start)
            if previous is not None:
                index.setdefault(f"b:{previous[0]} {word}", []).append(previous[1])
            previous = (word, start) if word in COMMON_WORDS else None
        return index

    @cached_property
    def lowered(self) -> str:
        return self.prose.lower()

    # -- lookups ----------------------------------------------------------------------------
    def quotation_at(self, offset: int) -> Quotation | None:
        """The innermost quotation containing `offset` (quotations may nest)."""
        i = bisect_right(self._quote_starts, offset) - 1
        while i >= 0:
            quote = self.quotations[i]
            if quote.start <= offset < quote.end:
                return quote
            i -= 1
            if i >= 0 and offset - self.quotations[i].start > 20000:
                break
        return None

    @cached_property
    def _direct_spans(self) -> tuple[list[int], list[int]]:
        """Direct quotations merged into disjoint (start, end) runs, for bisecting."""
        starts: list[int] = []
        ends: list[int] = []
        for quote in self.quotations:  # sorted by start
            if not quote.is_direct:
                continue
            if ends and quote.start <= ends[-1]:
                ends[-1] = max(ends[-1], quote.end)
            else:
                starts.append(quote.start)
                ends.append(quote.end)
        return starts, ends

    def in_direct_quote(self, start: int, end: int) -> bool:
        """Is the span inside a direct quotation (at any nesting depth)?"""
        starts, ends = self._direct_spans
        i = bisect_right(starts, start) - 1
        return i >= 0 and end <= ends[i]

    def sentence_at(self, offset: int) -> Sentence | None:
        i = bisect_right(self._sentence_starts, offset) - 1
        if i >= 0 and offset < self.sentences[i].end:
            return self.sentences[i]
        return None

    # -- attribution ------------------------------------------------------------------------
    @cached_property
    def _cue_spans(self) -> tuple[tuple[tuple[int, int, bool], ...], ...]:
        """Per sentence: (start, end, covers whole sentence) of each attribution cue."""
        out = []
        for s in self.sentences:
            cues = find_cues(_outside_quotes(self.sentence_text(s)))
            out.append(tuple((s.start + m.start(), s.start + m.end(), whole) for m, whole in cues))
        return tuple(out)

    @cached_property
    def _cues(self) -> tuple[bool, ...]:
        return tuple(bool(c) for c in self._cue_spans)

    def has_cue(self, sentence: Sentence) -> bool:
        """The sentence itself names a source with an attribution cue."""
        return self._cues[sentence.index]

    def is_reported_speech(self, start: int, end: int) -> bool:
        """Is the span inside what a named source is reported as saying?

        "Smith said the deal would never pass" and "…would never pass, Smith said" are;
        "Though Putin claims X, Ukraine will never allow it" is not: the comma ends the clause
        the cue governs.
        """
        sentence = self.sentence_at(start)
        if sentence is None:
            return False
        for cue_start, cue_end, whole in self._cue_spans[sentence.index]:
            if cue_start < end and cue_end > start:
                continue  # the span's own verb ("critics say") is not its source
            if whole:
                return True
            if cue_start >= end:
                # "…would never sell, the minister said": the cue follows its clause
                if _CLAUSE_BREAK_RE.search(self.prose, end, cue_start):
                    return True
                continue
            if not _CLAUSE_BREAK_RE.search(self.prose, cue_end, start):
                return True
        return False

    def is_sourced(self, sentence: Sentence) -> bool:
        """A named source in this sentence, the one before or after in the same paragraph,
        an attributed quotation in it, or an "According to X," opening the paragraph."""
        paragraph = self.paragraphs[sentence.paragraph]
        for i in (sentence.index, sentence.index - 1, sentence.index + 1):
            if i in paragraph.sentences and self._cues[i]:
                return True
        if _PARAGRAPH_ATTRIBUTION_RE.match(self.prose, paragraph.start, paragraph.end):
            return True
        return any(q.attributed and q.start < sentence.end and q.end > sentence.start
                   for q in self._quotes_near(sentence))

    def _quotes_near(self, sentence: Sentence) -> list[Quotation]:
        i = bisect_right(self._quote_starts, sentence.end)
        return [q for q in self.quotations[max(0, i - 8): i] if q.end > sentence.start]

    def words(self, sentence: Sentence) -> list[re.Match[str]]:
        return list(WORD_RE.finditer(self.prose, sentence.start, sentence.end))
