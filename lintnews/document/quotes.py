"""Direct quotations: straight and curly quotes, nesting, and multi-paragraph quotes.

Newsroom convention for a quote that runs over several paragraphs: each paragraph opens with
a quote mark and only the last one closes. A paragraph that ends inside an open quote, followed
by a paragraph that opens with a quote mark, continues the same quotation.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from lintnews.cache.patterns import regex
from lintnews.document.attribution import WORD_LISTS, find_cue, has_named_source
from lintnews.text.slots import SlottedRegex

_CUE_BEFORE = SlottedRegex(r"\b(?:<CUE>)\b|according to|:\s*$", WORD_LISTS, re.IGNORECASE)
_QUOTED_RE = regex(r"[\"“][^\"”]*[\"”]")

DOUBLE_OPEN = "“«„"
DOUBLE_CLOSE = "”»“"
ALL_QUOTES = "\"'“”‘’«»„"
_WORD_RE = regex(r"\w+(?:['’]\w+)*")
_QUOTE_MARK_RE = regex("[" + re.escape(ALL_QUOTES) + "]")


class RawQuote(NamedTuple):
    start: int  # the opening mark
    end: int  # just after the closing mark (or the paragraph end when unterminated)
    paragraphs: tuple[int, ...]


def _opens(text: str, i: int, lo: int) -> bool:
    before = text[i - 1] if i > lo else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before.isspace() or before in "([{—–-/:;,\"“‘") and not after.isspace()


def _closes(text: str, i: int, hi: int) -> bool:
    after = text[i + 1] if i + 1 < hi else " "
    return not after.isalnum()


def find_quotes(text: str, paragraphs: list[tuple[int, int]]) -> list[RawQuote]:
    """Find quotations in paragraph spans of `text` (masked prose)."""
    quotes: list[RawQuote] = []
    carry: tuple[int, list[int]] | None = None  # an open double quote from earlier paragraphs
    for index, (lo, hi) in enumerate(paragraphs):
        open_double: int | None = None
        open_paras: list[int] = []
        open_single: int | None = None
        i = lo
        if carry is not None:
            first = text[lo:hi].lstrip()[:1]
            if first and first in "\"“«":
                open_double, open_paras = carry[0], [*carry[1], index]
                i = lo + (len(text[lo:hi]) - len(text[lo:hi].lstrip())) + 1
            else:
                quotes.append(RawQuote(carry[0], paragraphs[carry[1][-1]][1], tuple(carry[1])))
            carry = None
        while i < hi:
            # Only quote marks change anything below: jump to the next one (linear, and fast
            # on long paragraphs).
            found = _QUOTE_MARK_RE.search(text, i, hi)
            if found is None:
                break
            i = found.start()
            c = text[i]
            if c == '"' or c in DOUBLE_OPEN or c in DOUBLE_CLOSE:
                if open_double is None:
                    if (c == '"' or c in DOUBLE_OPEN) and _opens(text, i, lo):
                        open_double, open_paras = i, [index]
                        open_single = None
                elif (c == '"' or (c in DOUBLE_CLOSE and c != "“")
                      or (c == "“" and _closes(text, i, hi) and text[i - 1] in ".,!?;:—–-")):
                    if c == '"' and _opens(text, i, lo) and not _closes(text, i, hi):
                        i += 1  # a straight quote that opens inside an open one: nested, ignore
                        continue
                    quotes.append(RawQuote(open_double, i + 1, tuple(open_paras)))
                    open_double = None
            elif open_double is None and c in "'‘" and open_single is None:
                if _opens(text, i, lo) and i + 1 < hi and text[i + 1].isalpha():
                    open_single = i
            elif (open_double is None and c in "'’" and open_single is not None
                  and _closes(text, i, hi) and not text[i - 1].isspace()):
                if _is_real_single_quote(text, open_single, i):
                    quotes.append(RawQuote(open_single, i + 1, (index,)))
                open_single = None
            i += 1
        if open_double is not None:
            carry = (open_double, open_paras)
    if carry is not None:
        quotes.append(RawQuote(carry[0], paragraphs[carry[1][-1]][1], tuple(carry[1])))
    return quotes


def _is_real_single_quote(text: str, start: int, end: int) -> bool:
    # "rock 'n' roll", "the '90s": too short to be a quotation.
    return len(_WORD_RE.findall(text[start:end])) >= 1 and end - start > 3


_QUOTE_CHARS = re.escape(ALL_QUOTES)
_SUBJECT = (r"(?:[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,3}|he|she|they|we|I|it|"
            r"(?:the|a|an|his|her|their|its)\s+(?:[\w-]+\s+){0,2}(?:<SOURCE>|[\w-]+))")
# The word lists' slots (lintnews.text.slots) are whole words where they stand: after the
# start, a space or punctuation, and before a space or a word's end.
_AFTER = SlottedRegex(
    rf"^[\s,—–-]*(?:{_SUBJECT}\s+(?:\w+ly\s+)?(?:<CUE>)\b|(?:<CUE>)\s+{_SUBJECT})",
    WORD_LISTS, re.IGNORECASE,
)
_BEFORE = SlottedRegex(
    rf"(?:\b(?:<CUE>)\b[^.!?{_QUOTE_CHARS}]{{0,60}}|\baccording to [^.!?]{{1,60}}|"
    rf"[\w’'.]\s*)[,:]?\s*$",
    WORD_LISTS, re.IGNORECASE,
)
_POSSESSIVE_CUE_RE = regex(
    r"\b[A-Z][\w.-]*[’']s?\s+(?:\w+\s+)?(?:claim|words|statement|remarks|comments|call|request|"
    r"demand|pledge|promise|warning|message|speech|letter|post|tweet|assertion|view|position)"
    r"\b[^.!?]{0,40}$",
)


def quote_speaker(text: str, quote: RawQuote, sentence: tuple[int, int],
                  paragraph: tuple[int, int]) -> bool:
    """Is this quotation attributed: a cue right after, right before, or in its sentence?"""
    after = text[quote.end: min(paragraph[1], quote.end + 80)]
    if _AFTER.for_text(after, within=text).match(after):
        return True
    before = text[max(paragraph[0], sentence[0], quote.start - 90): quote.start]
    m = _BEFORE.for_text(before, within=text).search(before)
    # "Smith said:", "according to the ministry,", "He told Reuters:"
    if m and has_named_source(before) and \
            _CUE_BEFORE.for_text(before, within=text).search(before):
        return True
    if _POSSESSIVE_CUE_RE.search(before):
        return True
    sentence_text = text[sentence[0]: sentence[1]]
    return find_cue(_outside_quotes(sentence_text)) is not None


def _outside_quotes(sentence: str) -> str:
    """The sentence with quoted words blanked, so a cue inside the quote does not count."""
    return _QUOTED_RE.sub(lambda m: " " * len(m.group()), sentence)
