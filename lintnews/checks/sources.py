"""Hearsay and anonymous sources: a claim passed on from someone the reader cannot see."""

from __future__ import annotations

import re
from collections.abc import Iterator

from lintnews.cache.patterns import regex
from lintnews.checks import rule
from lintnews.document.attribution import SOURCE_NOUN, WORD_LISTS
from lintnews.document.model import Document, Sentence
from lintnews.engine.matcher import Matcher
from lintnews.engine.rule_types import Context, Hit
from lintnews.text.slots import SlottedRegex

# Second-hand report with no reporter: "reportedly", "is said to have", "word is that",
# "according to reports". "Allegedly" is not one: it marks an accusation the law has not
# tested, which is the careful word (AP Stylebook, "allege").
_HEARSAY_ALTERNATIVES = [
    r"\breportedly\b",
    r"\brumou?red\s+to\b",
    r"\b(?:is|are|was|were)\s+(?:said|understood)\s+to\s+(?:be|have)\b",
    r"\bword\s+(?:is|has\s+it)(?:\s+that)?\b",
    r"\baccording\s+to\s+(?:(?:unconfirmed|unverified|unnamed|anonymous|media|press|local|news|"
    r"some|several|multiple|various)\s+)?(?:reports|rumou?rs|sources|media\s+reports)\b"
    # "according to reports from the interior ministry": the reports' source is named
    r"(?!\s+(?:from|by|of|in|published\s+by|released\s+by)\s+(?:the\s+)?(?-i:[A-Z])|"
    r"\s+(?:from|by|of)\s+the\s+(?:\w+\s+){0,2}(?:ministry|department|agency|police|army|"
    r"government|office|commission|council|court|authorities|service))",
]
# The alternation as separately indexed parts (the same matches, found only where the
# words that open them occur: most articles have none).
_HEARSAY = Matcher.of(_HEARSAY_ALTERNATIVES, re.IGNORECASE)


@rule(code="LN306", name="hearsay", category="attribution", severity="info",
      summary="Hearsay with no reporter named: 'reportedly', 'is said to have', 'word is', "
              "'according to reports'.",
      source="AP Stylebook, 'anonymous sources' and 'reportedly' (say who reported it); "
             "Reuters Handbook of Journalism, 'Sourcing'; Wikipedia Manual of Style 'Words to "
             "watch: unsupported attributions'",
      bad=["The striker is reportedly unhappy at the club.",
           "According to reports, the ship was carrying grain."],
      good=["The striker is unhappy at the club, the Gazette reported.",
            "The suspect allegedly stole the car."])
def hearsay(doc: Document, ctx: Context) -> Iterator[Hit]:
    """Why is this bad? "Reportedly" and "according to reports" pass on a claim without
    saying who made it or whether the newsroom has checked it. Name the outlet or the person
    ("the Gazette reported"), or confirm the fact and state it. The rule is silent when a
    source is named in the sentence or the one before or after it in the paragraph.
    "Allegedly" is not hearsay: it marks an accusation not yet proved, and is the careful
    word."""
    reported: set[int] = set()
    for start, end in _HEARSAY.find_in(doc):
        sentence = doc.sentence_at(start)
        if sentence is None or sentence.index in reported or end > sentence.end or \
                doc.paragraphs[sentence.paragraph].is_heading or \
                doc.in_direct_quote(start, end):
            continue
        reported.add(sentence.index)  # the first outside a quotation in each sentence
        if doc.is_sourced(sentence, ignoring=(start, end)):
            continue
        words = " ".join(doc.prose[start:end].split())
        yield Hit(start, end,
                  f"'{words}' passes on a claim without saying who made it; name the outlet "
                  "or person, or confirm the fact.")


_QUALIFIER = (r"(?:senior|top|high-ranking|junior|local|government|administration|federal|state|"
              r"city|western|security|military|intelligence|health|industry|diplomatic|other|some|"
              r"several|many|two|three|four|multiple)")
# "A source close to", "people familiar with the matter", "two people with knowledge of".
_UNNAMED_RE = regex(
    rf"\b(?:(?:a|an|one|two|three|four|several|multiple|some|the)\s+)?(?:{_QUALIFIER}\s+)?"
    r"(?:source|sources|person|people|insider|insiders|official|officials|aide|aides)\s+"
    r"(?:close\s+to|familiar\s+with|with\s+(?:direct\s+)?knowledge\s+of|briefed\s+on)\b",
    re.IGNORECASE)
# "Officials said", "senior officials say": officials of no named body.
_OFFICIALS_RE = regex(
    rf"\b(?:{_QUALIFIER}\s+){{0,2}}officials\s+(?:have\s+|had\s+)?"
    r"(?:said|say|says|told|confirmed|warned|believe|believed|added|stated)\b",
    re.IGNORECASE)
# A body named just before: "ministry officials", "Pentagon officials", "the council's officials".
_BODY_BEFORE = SlottedRegex(
    r"(?:\b(?:<SOURCE>)|(?<!\w)(?-i:[A-Z])[\w.&-]*|['’]s?)\s*$", WORD_LISTS, re.IGNORECASE)
# "Officials" capitalised opens a sentence; a capital elsewhere is a name.
_SENTENCE_OPENING_RE = regex(r"^[\s\"“‘'(]*$")


# An outlet that passes the anonymous source on is the attribution: "AFP, citing sources
# close to the investigation".
_RELAYED_RE = regex(r"\b(?:cited|citing|quoted|quoting)\s+(?:\w+\s+){0,2}$", re.IGNORECASE)


def _body_named(doc: Document, sentence: Sentence, start: int, end: int) -> bool:
    """The officials' body is named: just before them ("ministry officials"), earlier in
    their sentence or in the sentence before in the paragraph ("The council met… officials
    said"), or by a source covering the sentence ("According to the Post, officials
    warned…")."""
    before = doc.prose[sentence.start:start]
    if not _SENTENCE_OPENING_RE.match(before) and _BODY_BEFORE.for_text(before).search(before):
        return True
    if SOURCE_NOUN.for_text(before).search(before):
        return True  # "The fire at the hospital killed three, officials said"
    previous = sentence.index - 1
    if previous in doc.paragraphs[sentence.paragraph].sentences and (
            doc.cue_spans(previous) or _has_source_noun(doc.sentence_text(
                doc.sentences[previous]))):
        return True  # "The council met… officials said": the council's officials
    return _covered_by_source(doc, sentence, start, end)


def _has_source_noun(text: str) -> bool:
    return SOURCE_NOUN.for_text(text).search(text) is not None


def _covered_by_source(doc: Document, sentence: Sentence, start: int, end: int) -> bool:
    """A source that covers the whole sentence ("According to Reuters, …"), or an outlet
    relaying the anonymous one ("citing sources close to …")."""
    if _RELAYED_RE.search(doc.prose, max(sentence.start, start - 40), start):
        return True
    return any(cue.whole and not (cue.start < end and cue.end > start)
               for cue in doc.cue_spans(sentence.index))


@rule(code="LN307", name="anonymous-source", category="attribution", severity="info",
      summary="Anonymous and semi-anonymous sources: 'a source close to', 'people familiar "
              "with', 'officials said' with no body named.",
      source="AP Stylebook, 'anonymous sources' (say why the source is anonymous and how the "
             "source knows); Reuters Handbook of Journalism, 'Sourcing' (identify sources as "
             "fully as possible)",
      bad=["A source close to the player said he would sign.",
           "Officials said the bridge would reopen in May."],
      good=["Transport ministry officials said the bridge would reopen in May.",
            "Officials at the county council said the bridge would reopen in May."],
      enabled=False)
def anonymous_source(doc: Document, ctx: Context) -> Iterator[Hit]:
    """Why is this bad? "A source close to the player" and "officials said" ask readers to
    trust someone they cannot see. Wire style allows it, but expects the story to say which
    body the officials speak for and why a source is not named. Name the body ("ministry
    officials", "officials at the council"), or say why the source cannot be named. Reported
    at info level: it is a question for the editor, not a mistake. Off by default (select
    LN307): agencies use anonymous sources under their own policy, so it is a standards
    desk's audit, not a check on every story."""
    for sentence in doc.sentences:
        if doc.paragraphs[sentence.paragraph].is_heading:
            continue
        for pattern in (_UNNAMED_RE, _OFFICIALS_RE):
            m = pattern.search(doc.prose, sentence.start, sentence.end)
            if m is None or doc.in_direct_quote(m.start(), m.end()):
                continue
            if _covered_by_source(doc, sentence, m.start(), m.end()) or (
                    pattern is _OFFICIALS_RE and _body_named(doc, sentence, m.start(), m.end())):
                continue
            words = " ".join(m.group().split())
            yield Hit(m.start(), m.end(),
                      f"'{words}' is a source the reader cannot see; name the body, or say "
                      "why the source is not named.")
            break
