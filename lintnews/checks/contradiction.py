"""Contradictions that can be seen in the text itself."""

from __future__ import annotations

import re
from collections.abc import Iterator

from lintnews.cache.patterns import regex
from lintnews.checks import rule
from lintnews.document.model import Document
from lintnews.engine.rule_types import Context, Hit

_SIMPLE_CLAIM_RE = regex(
    r"\b(?:uncomplicated|simple|simply|clear-cut|obvious|straightforward|undeniable|"
    r"indisputable|easy|certain|inevitable|the truth about|the real reason|no-brainer|"
    r"black and white|cut and dried)\b", re.IGNORECASE)
_COMPLEXITY_RE = regex(
    r"\b(?:complex|complexity|complexities|complicated|complicates|complicating|complication|"
    r"nuanced|it depends|uncertain|uncertainty|unclear|not (?:yet )?clear|hardly clear|"
    r"disputed|contested|difficult|fraught|delicate|multifaceted|thorny|murky|tangled|"
    r"challenges|obstacles)\b", re.IGNORECASE)
SECTION_MARKERS = 2
DOCUMENT_MARKERS = 4


@rule(code="LN106", name="heading-contradiction", category="logic", severity="warning",
      summary="A heading that claims simplicity or certainty over text about complexity.",
      source="Reuters Handbook of Journalism on headlines that overstate the story; lintnews' "
             "own heuristic (a simplicity claim in a heading over complexity words in its text)",
      bad=["Peace talks\n\nThe Uncomplicated Reality of Peace Talks\n\nThe talks are complex and "
           "the outcome is uncertain. Officials said the issues were complicated and difficult."],
      good=["Peace talks\n\nThe Long Road to Peace Talks\n\nThe talks are complex and the outcome "
            "is uncertain. Officials said the issues were complicated."])
def heading_contradiction(doc: Document, ctx: Context) -> Iterator[Hit]:
    """Why is this bad? A heading such as "The Uncomplicated Reality of Peace Talks" over a
    section that describes complications, uncertainty and difficulty contradicts its own
    story. Readers notice, and the heading reads as spin. The rule fires when the heading
    claims simplicity or certainty and its section (or, failing that, the article) keeps
    describing complexity."""
    paragraphs = doc.paragraphs
    if not any(p.is_heading and _SIMPLE_CLAIM_RE.search(doc.prose, p.start, p.end)
               for p in paragraphs):
        return
    total = sum(len(_COMPLEXITY_RE.findall(doc.prose, p.start, p.end))
                for p in paragraphs if not p.is_heading)
    for i, heading in enumerate(paragraphs):
        if not heading.is_heading:
            continue
        claim = _SIMPLE_CLAIM_RE.search(doc.prose, heading.start, heading.end)
        if not claim:
            continue
        section = 0
        for paragraph in paragraphs[i + 1:]:
            if paragraph.is_heading:
                break
            section += len(_COMPLEXITY_RE.findall(doc.prose, paragraph.start, paragraph.end))
        if section >= SECTION_MARKERS or total >= DOCUMENT_MARKERS:
            yield Hit(heading.start, heading.end,
                      f"The heading claims '{claim.group()}', but the text it heads describes "
                      f"complexity ({max(section, total)} mentions); reword the heading to match "
                      "the story.")


_UNPRECEDENTED_RE = regex(r"\bunprecedented\b", re.IGNORECASE)
_REPEAT_RE = regex(
    r"\b(?:for the (?:second|third|fourth|fifth|sixth|\d+(?:st|nd|rd|th)) (?:time|year|month|"
    r"week|straight|consecutive|successive)|(?:second|third|fourth) (?:year|time|month) "
    r"(?:running|in a row)|once again|yet again|as (?:it|they|he|she) did (?:in|last))\b",
    re.IGNORECASE)


@rule(code="LN107", name="repeated-unprecedented", category="logic", severity="warning",
      summary="'Unprecedented' for something that has happened before in the same sentence.",
      source="AP Stylebook on 'unprecedented'; Merriam-Webster ('having no precedent')",
      bad=["The bank took the unprecedented step of cutting rates for the third time this year."],
      good=["The bank took the unusual step of cutting rates for the third time this year.",
            "The bank took the unprecedented step of cutting rates below zero."])
def repeated_unprecedented(doc: Document, ctx: Context) -> Iterator[Hit]:
    """Why is this bad? Something that happens "for the third time" has two precedents."""
    if not _UNPRECEDENTED_RE.search(doc.prose):
        return
    for sentence in doc.sentences:
        m = _UNPRECEDENTED_RE.search(doc.prose, sentence.start, sentence.end)
        if m and _REPEAT_RE.search(doc.prose, sentence.start, sentence.end):
            yield Hit(m.start(), m.end(),
                      "'unprecedented' contradicts the repetition in the same sentence; "
                      "write 'unusual' or 'rare'.", ("unusual",))
