"""The one document model every rule reads: paragraphs, sentences, headings and quotations."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from itertools import accumulate
from typing import Any, NamedTuple

from lintnews.cache.patterns import regex
from lintnews.document.attribution import find_cues
from lintnews.document.quotes import _outside_quotes
from lintnews.markup.prose import Comment
from lintnews.text.words import COMMON_WORDS

WORD_RE = regex(r"[^\W_](?:[\w’'.,-]*[^\W_])?")
_ALNUM_RUN_RE = regex(r"[^\W_]+")
# a clause ends at a comma, a dash or a colon, or where a whole quoted sentence closes (a
# partial quote, as in `what he termed "open border activists" were`, runs on)
_CLAUSE_BREAK_RE = regex(r"[,;:—–]|\s-\s|[.!?][\"”]")
_PARAGRAPH_ATTRIBUTION_RE = regex(r"\s*According to\b[^,]{2,80},")
_ALNUM_SPLIT_RE = regex(r"([^\W_]+)")
# The first person outside quotation marks, in a story told in the third person, is someone
# else speaking: an interview answer or a reader's letter printed without quote marks.
_FIRST_PERSON_RE = regex(r"\b(?:I|I['’](?:m|ve|d|ll)|[Mm]e|[Mm]y|[Mm]ine|[Ww]e|"
                         r"[Ww]e['’](?:re|ve|ll|d)|[Oo]urs?|us)\b")
# The kinds of people a vague subject stands for ("analysts", "critics"), named one by one.
_ROLE_RE = regex(r"\b(?:analyst|economist|expert|critic|activist|scientist|researcher|historian|"
                 r"doctor|academic|commentator|observer|lawyer|professor|strategist|diplomat|"
                 r"trader|investor|insider|pundit|sceptic|skeptic|scholar|campaigner|opponent|"
                 r"supporter|resident|voter|official|\w+ologist|\w+ician)s?\b", re.IGNORECASE)
_SPEAKER_LABEL_RE = regex(
    r"(?!(?:Update|Updated|Note|Editor['’]s note|Correction|Clarification|Source|Sources|See also|"
    r"Related|Photo|Video|Warning|Breaking|Analysis|Opinion|Comment|Summary|Background|Read more|"
    r"Disclaimer|Image|Caption|Credit|Timeline|Key points|Watch|Listen)\s*:)"
    r"(?:\(\([^()\n]{1,40}\)\)\s|(?:Q|A|Question|Answer|[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,3})"
    r"\s*:\s)")


def _case_sensitive_chars() -> frozenset[str]:
    """Letters that `re`'s case-insensitive matching pairs with another letter than
    str.lower() gives ("ſ" matches "s", "ς" matches "σ"): where one occurs, a word index
    built from lowered text could disagree with the patterns, so it is not used."""
    from lintnews.regex_internals import extra_case_folds

    classes = extra_case_folds()
    chars = {c for group in classes for code in group for c in (chr(code), chr(code).upper())}
    return frozenset(c for c in chars if not c.isascii())


_CASE_SPECIAL = _case_sensitive_chars()
# One C-speed scan for any of them (a set's isdisjoint hashes every character of the text).
# Some upper-case forms are several characters ("ΐ".upper()): no one character equals them.
_CASE_SPECIAL_RE = regex("[" + "".join(re.escape(c) for c in sorted(_CASE_SPECIAL)
                                       if len(c) == 1) + "]")
# Those that `re` pairs with an ASCII letter ("ı" with "i", "ſ" with "s"), as `re` says.
_ASCII_FOLDING_RE = regex("[" + "".join(
    re.escape(c) for c in sorted(_CASE_SPECIAL)
    if len(c) == 1 and re.fullmatch("[a-z]", c, re.IGNORECASE)) + "]")


_CHUNK = 65536  # characters split at a time: a 20 MB article must not become 7 million strings


def _word_chunks(text: str) -> Iterator[tuple[list[str], list[int]]]:
    """(words, where each starts) for successive pieces of `text`, cut between words.
    One C-speed split gives a piece's words and, by adding up lengths, their positions."""
    offset = 0
    while offset < len(text):
        end = min(len(text), offset + _CHUNK)
        while end < len(text) and (text[end - 1].isalnum() or text[end].isalnum()):
            end += 1  # never cut a word in two
        pieces = _ALNUM_SPLIT_RE.split(text[offset:end])
        starts = list(accumulate(map(len, pieces[:-1]), initial=offset))[1::2]
        yield pieces[1::2], starts
        offset = end


class Paragraph(NamedTuple):
    index: int
    kind: str  # a Block kind: headline, dek, heading, paragraph, list_item, blockquote, table_cell
    start: int
    end: int
    sentences: range  # indexes into Document.sentences

    @property
    def is_heading(self) -> bool:
        return self.kind in ("headline", "heading")


class Sentence(NamedTuple):
    index: int
    paragraph: int
    start: int
    end: int
    words: int


class CueSpan(NamedTuple):
    """An attribution cue in the document (see lintnews.document.attribution.Cue)."""

    start: int
    end: int
    whole: bool  # covers the whole sentence
    introduces: bool  # the words after it are the source's
    tag_start: int | None  # it ends a short tag that begins here: the words before are the source's


class Quotation(NamedTuple):
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
    comments: tuple[Comment, ...] = ()  # HTML comments, where lintnews directives live
    _quote_starts: list[int] = field(init=False, repr=False)
    _sentence_starts: list[int] = field(init=False, repr=False)
    # What the rule engine works out once per document for all rules (see
    # lintnews.engine.matcher.TriggerIndex), keyed by whoever computed it.
    memo: dict[Any, Any] = field(init=False, repr=False, default_factory=dict)
    _cue_memo: dict[int, tuple[CueSpan, ...]] = field(
        init=False, repr=False, default_factory=dict)

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
        """Where words begin, lower-cased, by "w:word" and, after a common word, "b:word next"
        (see lintnews.engine.matcher). Positions are right only where `case_simple` holds;
        the matchers check it. Keys by first three letters are in `prefix_starts`."""
        text = self.lowered
        by_word: dict[str, list[int]] = {}
        bigrams: dict[str, list[int]] = {}
        previous: tuple[str, int] | None = None  # a common word ending the last chunk
        for words, starts in _word_chunks(text):
            for word, start in zip(words, starts, strict=True):
                if word in by_word:
                    by_word[word].append(start)
                else:
                    by_word[word] = [start]
            if previous is not None and words:
                bigrams.setdefault(f"b:{previous[0]} {words[0]}", []).append(previous[1])
            for i in range(len(words) - 1):
                if words[i] in COMMON_WORDS:
                    bigrams.setdefault(f"b:{words[i]} {words[i + 1]}", []).append(starts[i])
            if words:
                previous = (words[-1], starts[-1]) if words[-1] in COMMON_WORDS else None
        index = {"w:" + word: positions for word, positions in by_word.items()}
        index.update(bigrams)
        return index

    @cached_property
    def prefix_starts(self) -> dict[str, list[int]]:
        """The word index plus "p:abc" keys: where words with those first three letters
        begin. Built only for a rule whose pattern needs them (of the built-in rules, LN224's
        "infest\\w*"), in a document with a word it can start with."""
        index = dict(self.word_starts)
        for key, positions in self.word_starts.items():
            if key.startswith("w:") and len(key) >= 5:
                index.setdefault("p:" + key[2:5], []).extend(positions)
        return index

    def with_prefix_keys(self, openings: set[str]) -> dict[str, list[int]]:
        """The word index plus the "p:" keys of these three-letter openings, with the
        positions `prefix_starts` gives them."""
        index = dict(self.word_starts)
        for key, positions in self.word_starts.items():
            if key[2:5] in openings and key.startswith("w:") and len(key) >= 5:
                index.setdefault("p:" + key[2:5], []).extend(positions)
        return index

    def opens_a_word(self, letters: str) -> bool:
        """Is "p:" + letters a key of `prefix_starts` (a word begins with these three
        letters)? Answered without building it."""
        if len(letters) != 3 or letters not in self.lowered:  # str.find, in C
            return False
        opening = "w:" + letters
        return any(key.startswith(opening) for key in self.word_starts)

    @cached_property
    def lowered(self) -> str:
        return self.prose.lower()

    @cached_property
    def case_simple(self) -> bool:
        """Lower-casing keeps every position, and no letter folds differently in `re`, so the
        word index (built from `lowered`) finds exactly what the patterns find."""
        return len(self.lowered) == len(self.prose) and (
            self.prose.isascii() or _CASE_SPECIAL_RE.search(self.prose) is None)

    @cached_property
    def index_fits_ascii(self) -> bool:
        """The word index finds exactly what patterns written in ASCII find: lower-casing
        keeps every position, and no letter here folds, in `re`, to an ASCII letter that
        str.lower() does not give it ("ſ", "ı"). Cyrillic or Greek letters that fold among
        themselves (which turn `case_simple` off) cannot match an ASCII pattern's letters."""
        return self.case_simple or (len(self.lowered) == len(self.prose)
                                    and _ASCII_FOLDING_RE.search(self.prose) is None)

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
    def cue_spans(self, index: int) -> tuple[CueSpan, ...]:
        """The attribution cues in sentence `index`, with the words each gives to its source;
        worked out only for the sentences a rule asks about, then remembered."""
        spans = self._cue_memo.get(index)
        if spans is None:
            s = self.sentences[index]
            spans = tuple(
                CueSpan(s.start + cue.match.start(), s.start + cue.match.end(), cue.whole,
                        cue.introduces, None if cue.tag_start is None else s.start + cue.tag_start)
                for cue in find_cues(_outside_quotes(self.sentence_text(s))))
            self._cue_memo[index] = spans
        return spans

    def has_cue(self, sentence: Sentence) -> bool:
        """The sentence itself names a source with an attribution cue."""
        return bool(self.cue_spans(sentence.index))

    def is_reported_speech(self, start: int, end: int) -> bool:
        """Is the span inside what a named source is reported as saying?

        "Smith said the deal would never pass" and "…would never pass, Smith said" are;
        "Though Putin claims X, Ukraine will never allow it" is not: the comma ends the clause
        the cue governs. Nor is "Hayes responded with a foolish remark" (the verb governs no
        clause) or "X is reckless, even though Lee has explained why it works" (not a tag).
        """
        sentence = self.sentence_at(start)
        if sentence is None:
            return False
        if sentence.paragraph in self.speaker_paragraphs:
            return True
        for cue in self.cue_spans(sentence.index):
            if cue.start < end and cue.end > start:
                continue  # the span's own verb ("critics say") is not its source
            if cue.whole:
                return True
            if cue.start >= end:
                # "…would never sell, the minister said": the words before a short tag
                if cue.tag_start is not None and end <= cue.tag_start:
                    return True
                continue
            if cue.introduces and not _CLAUSE_BREAK_RE.search(self.prose, cue.end, start):
                return True
        return False

    @cached_property
    def speaker_paragraphs(self) -> frozenset[int]:
        """Paragraphs in someone else's voice though not in quote marks: an answer after a
        speaker label ("Q:", "Smith:"), or first-person narration ("We support a balanced
        budget. We're pro-life…") in a story that is otherwise told in the third person."""
        body = [p for p in self.paragraphs
                if p.kind in ("paragraph", "list_item", "blockquote") and p.end > p.start]
        # a short answer ("((WN)) (Wow!)") may have been read as a subheading
        labelled = {p.index for p in self.paragraphs if p.kind != "headline"
                    and _SPEAKER_LABEL_RE.match(self.prose, p.start, p.end)}
        if len(labelled) < 2:
            labelled = set()  # a transcript has turns; one "After:" is not an interview
        first_person = set()
        for p in body:
            text = _outside_quotes(self.prose[p.start:p.end])
            if len(_FIRST_PERSON_RE.findall(text)) >= 2:
                first_person.add(p.index)
        if len(body) < 3 or len(first_person) * 2 > len(body):
            first_person = set()  # a column or a letter: the writer's own voice
        return frozenset(labelled | first_person)

    def is_sourced(self, sentence: Sentence, ignoring: tuple[int, int] | None = None) -> bool:
        """A named source in this sentence, the one before or after in the same paragraph,
        an attributed quotation in it, an "According to X," opening the paragraph, or a
        paragraph in a speaker's own voice (see speaker_paragraphs). A cue overlapping
        `ignoring` does not count: "according to reports" is the hearsay, not its source."""
        def apart(start: int, end: int) -> bool:
            return ignoring is None or not (start < ignoring[1] and end > ignoring[0])

        paragraph = self.paragraphs[sentence.paragraph]
        if paragraph.index in self.speaker_paragraphs:
            return True
        for i in (sentence.index, sentence.index - 1, sentence.index + 1):
            if i in paragraph.sentences and any(apart(cue.start, cue.end)
                                                for cue in self.cue_spans(i)):
                return True
        opening = _PARAGRAPH_ATTRIBUTION_RE.match(self.prose, paragraph.start, paragraph.end)
        if opening and apart(opening.start(), opening.end()):
            return True
        return any(q.attributed and q.start < sentence.end and q.end > sentence.start
                   for q in self._quotes_near(sentence))

    def next_sentence(self, sentence: Sentence) -> Sentence | None:
        """The sentence after, even in the next paragraph, but not in a heading."""
        following = sentence.index + 1
        if following >= len(self.sentences):
            return None
        candidate = self.sentences[following]
        return None if self.paragraphs[candidate.paragraph].is_heading else candidate

    def sentences_around(self, sentence: Sentence, after: int = 1) -> list[Sentence]:
        """The sentence before it in its paragraph, the sentence, and the next `after` ones:
        the first across a paragraph break (a reply often opens the next paragraph), any
        further ones in that sentence's paragraph."""
        around = [sentence]
        if sentence.index - 1 in self.paragraphs[sentence.paragraph].sentences:
            around.insert(0, self.sentences[sentence.index - 1])
        following = self.next_sentence(sentence)
        while following is not None and len(around) - around.index(sentence) <= after:
            around.append(following)
            index = following.index + 1
            if index not in self.paragraphs[following.paragraph].sentences:
                break
            following = self.sentences[index]
        return around

    def _names_a_source(self, sentence: Sentence) -> bool:
        return bool(self.cue_spans(sentence.index)) or any(
            q.attributed and q.start < sentence.end and q.end > sentence.start
            for q in self._quotes_near(sentence))

    def named_source_follows(self, sentence: Sentence) -> bool:
        """The next sentence names a source of the same kind ("Analysts said rates would fall.
        'We expect…,' said Jane Doe, an economist at…"): the one the vague subject stood for.
        A named source of another kind ("Critics accused him. DeJoy maintained…") is the other
        side, not one of them."""
        following = self.next_sentence(sentence)
        return (following is not None and self._names_a_source(following)
                and bool(_ROLE_RE.search(self.prose, following.start, following.end)))

    @cached_property
    def _first_sourced_sentence(self) -> int:
        for sentence in self.sentences:
            if not self.paragraphs[sentence.paragraph].is_heading and (
                    self._names_a_source(sentence) or _PARAGRAPH_ATTRIBUTION_RE.match(
                        self.prose, sentence.start, sentence.end)):
                return sentence.index
        return len(self.sentences)

    def sourced_in_article(self, sentence: Sentence) -> bool:
        """A source named earlier in the story, or next to the sentence, covers what follows,
        as readers assume of a news story: "The census bureau released its figures on Monday.
        … Rents rose 40 percent."
        """
        return self._first_sourced_sentence <= sentence.index or self.is_sourced(sentence)

    def _quotes_near(self, sentence: Sentence) -> list[Quotation]:
        i = bisect_right(self._quote_starts, sentence.end)
        return [q for q in self.quotations[max(0, i - 8): i] if q.end > sentence.start]

    def words(self, sentence: Sentence) -> list[re.Match[str]]:
        return list(WORD_RE.finditer(self.prose, sentence.start, sentence.end))
