"""Unsourced predictions and statistics: claims that need a named source nearby."""

from __future__ import annotations

import re
from collections.abc import Iterator

from lintnews.checks import rule
from lintnews.document.model import Document
from lintnews.engine.matcher import Matcher
from lintnews.engine.model import Context, Hit, Severity
from lintnews.regex_store import regex

_TENTATIVE_RE = regex(r"\b(?:likely|unlikely)\b", re.IGNORECASE)

_OUTCOME = (r"(?:disappointment|blow|setback|victory|boost|relief|success|failure|disaster|"
            r"catastrophe|turning point|game[- ]changer|watershed|triumph|embarrassment|defeat|"
            r"humiliation|windfall|lifeline|death knell|wake-up call)")
_PREDICTION_RE = regex(
    rf"\bwill (?:(?:likely|probably|surely|undoubtedly|certainly|almost certainly) )?be "
    rf"(?:a |an |the )?(?:\w+ ){{0,2}}{_OUTCOME}\b"
    r"|\bwill (?:likely|probably|almost certainly|doubtless|surely) \w+"
    r"|\b(?:is|are|was|were) (?:all but |almost |virtually |widely |now |also )?"
    r"(?:certain|poised|destined|doomed"
    r"|likely|unlikely|bound) to (?!be held|take place|take effect)\w+"
    r"|\bwill (?:inevitably |surely )?(?:doom|cripple|devastate|transform|revolutioni[sz]e|reshape"
    r"|destroy|ruin|backfire|fail|collapse|unravel|spell the end)\b",
    re.IGNORECASE)
_SCHEDULED_RE = regex(
    r"\b(?:meet|vote|hold|held|take effect|begin|start|open|close|travel|visit|attend|speak|host|"
    r"face|play|return|resume|sign|announce|publish|release|launch|report|decide|rule|hear|"
    r"testify|appear)\b", re.IGNORECASE)


@rule(code="LN303", name="unsourced-prediction", category="attribution", severity="warning",
      summary="A forecast of an outcome or a reaction with no named source nearby.",
      source="Reuters Handbook of Journalism, 'Sourcing' ('who says so?'); AP Stylebook on "
             "speculation; attribution cues after the Gender Gap Tracker quote verbs (Asr et al., "
             "PLOS ONE 16(1), 2021) and the report verbs of Recasens, Danescu-Niculescu-Mizil and "
             "Jurafsky (ACL 2013)",
      bad=["This declaration will be a bitter disappointment to Kyiv.",
           "The tariffs will probably hurt farmers in the Midwest."],
      good=["The declaration will be a bitter disappointment to Kyiv, a Ukrainian official told "
            "Reuters.", "The two leaders will meet in Geneva on Tuesday."])
def unsourced_prediction(doc: Document, ctx: Context) -> Iterator[Hit]:
    """Why is this bad? A reporter does not know how a decision will land or how events will
    turn out. "This will be a bitter disappointment to Kyiv" is a forecast in the writer's
    voice. Attribute it to someone who said it (in the same sentence, or the sentence before
    or after in the paragraph), or report the reaction once it happens. Scheduled events
    ("will meet on Tuesday") are not predictions and are not flagged."""
    for sentence in doc.sentences:
        if doc.paragraphs[sentence.paragraph].is_heading:
            continue
        for m in _PREDICTION_RE.finditer(doc.prose, sentence.start, sentence.end):
            if doc.in_direct_quote(m.start(), m.end()) or _SCHEDULED_RE.search(m.group()):
                continue
            if doc.is_sourced(sentence):
                break
            tentative = _TENTATIVE_RE.search(m.group())
            yield Hit(m.start(), m.end(),
                      f"'{' '.join(m.group().split())}' predicts an outcome with no named "
                      "source; attribute the forecast or report what is known.",
                      severity=Severity.INFO if tentative else None)
            break


_CHANGE = (r"(?:rose|rise|rises|risen|rising|fell|fall|falls|fallen|falling|increased|increases|"
           r"decreased|decreases|declined|declines|dropped|drops|jumped|jumps|surged|surges|soared|"
           r"soars|climbed|climbs|plunged|plunges|plummeted|grew|grows|shrank|shrunk|slumped|"
           r"tumbled|spiked)")
_NUMBER = r"\d[\d,.]*\s?(?:%|percent|per cent|percentage points?)"
_STATISTIC_ALTERNATIVES = [
    rf"\b{_CHANGE}\b(?:\s+(?:by|about|nearly|almost|roughly|around|some|more|than|over|a|"
    rf"further|another|an|estimated|sharply|steeply|slightly)){{0,3}}\s+{_NUMBER}",
    rf"{_NUMBER}\s+(?:rise|fall|increase|decrease|decline|drop|jump|surge|gain|loss|cut)\b",
    rf"\b{_CHANGE}\s+by\s+(?:about\s+|nearly\s+|almost\s+|more than\s+)?(?:a third|a quarter|"
    r"half|two-thirds|three-quarters|a fifth|a tenth)\b",
    r"\b(?:doubled|tripled|trebled|quadrupled|halved)\b",
    r"\brecord (?:high|low)s?\b",
    r"\bfastest-growing\b",
    r"\b(?:one|two|three|four|\d+) (?:in|out of) (?:every )?(?:\d+|ten|five|four|three) "
    r"(?:people|adults|children|americans|britons|voters|residents|women|men|workers)\b",
]
# The alternation as separately indexed parts (same matches as one regex, found faster).
_STATISTIC = Matcher.of(_STATISTIC_ALTERNATIVES, re.IGNORECASE)


def _sourced(doc: Document, sentence_index: int) -> bool:
    """A source named in the statistic's paragraph, or anywhere earlier in the story."""
    sentence = doc.sentences[sentence_index]
    paragraph = doc.paragraphs[sentence.paragraph]
    return any(doc.has_cue(doc.sentences[i]) for i in paragraph.sentences) or \
        doc.sourced_in_article(sentence)


@rule(code="LN304", name="unsourced-statistic", category="attribution", severity="info",
      summary="A rise, fall or record stated as a figure with no source in its paragraph or "
              "earlier in the story.",
      source="AP Stylebook 'polls and surveys'; Reuters Handbook of Journalism, 'Numbers'; "
             "attribution cues after the Gender Gap Tracker quote verbs (Asr et al., PLOS ONE "
             "16(1), 2021)",
      bad=["Unemployment among young people rose 40 percent last year."],
      good=["Unemployment among young people rose 40 percent last year, according to the "
            "Labor Department.", "The 42-year-old was arrested on Monday."])
def unsourced_statistic(doc: Document, ctx: Context) -> Iterator[Hit]:
    """Why is this bad? A claimed change ("rose 40 percent", "doubled", "a record high") with
    no source cannot be checked. Say where the figure comes from ("according to the census",
    "data from the central bank show"). A source named in the paragraph, or earlier in the
    story, covers it: readers take a figure to come from the sources the story has named.
    Plain figures such as vote shares, dates, ages, scores and prices are background facts
    and are not flagged."""
    reported: set[int] = set()
    for start, end in _STATISTIC.find_in(doc):
        sentence = doc.sentence_at(start)
        if sentence is None or sentence.index in reported or end > sentence.end:
            continue
        if doc.paragraphs[sentence.paragraph].is_heading or \
                doc.in_direct_quote(start, end) or _sourced(doc, sentence.index):
            continue
        reported.add(sentence.index)
        yield Hit(start, end, f"The statistic '{doc.prose[start:end]}' has no named source "
                  "nearby; say where the figure comes from.")
