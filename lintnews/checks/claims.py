"""Unsourced predictions and statistics: claims that need a named source nearby."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator

from lintnews.cache.patterns import regex
from lintnews.checks import rule
from lintnews.document.attribution import WORD_LISTS
from lintnews.document.model import Document
from lintnews.engine.matcher import Matcher
from lintnews.engine.rule_types import Context, Hit, Severity
from lintnews.text.slots import SlottedRegex

_TENTATIVE_RE = regex(r"\b(?:likely|unlikely)\b", re.IGNORECASE)

_OUTCOME = (r"(?:disappointment|blow|setback|victory|boost|relief|success|failure|disaster|"
            r"catastrophe|turning point|game[- ]changer|watershed|triumph|embarrassment|defeat|"
            r"humiliation|windfall|lifeline|death knell|wake-up call)")
# Verbs of harm or benefit, not of plans: "will raise prices" or "will cut 200 jobs" is what
# a company announces; "will hurt farmers" is what someone predicts.
_EFFECT = (r"hurt|harm|damage|hit|cost|kill|destroy|boost|benefit|undermine|weaken|worsen|"
           r"hamper|hinder|stifle|squeeze|devastate|cripple|drive up|push up|drive down|"
           r"push down|lead to|result in|fuel")
_AFFECTED = (r"farmers|workers|jobs|job losses|consumers|households|families|businesses|"
             r"companies|firms|exporters|importers|retailers|prices|growth|economy|exports|"
             r"imports|investment|inflation|lives|taxpayers|renters|tenants|patients|"
             r"pensioners|trade|tourism|competition|wages|the poor|industry|industries|"
             r"employment|unemployment|layoffs|shortages|demand|sales|profits|innovation|"
             r"rents|bills|communities|residents")
_PREDICTION_RE = regex(
    rf"\bwill (?:(?:likely|probably|surely|undoubtedly|certainly|almost certainly) )?be "
    rf"(?:a |an |the )?(?:\w+ ){{0,2}}{_OUTCOME}\b"
    r"|\bwill (?:likely|probably|almost certainly|doubtless|surely) \w+"
    r"|\b(?:is|are|was|were) (?:all but |almost |virtually |widely |now |also )?"
    r"(?:certain|poised|destined|doomed"
    r"|likely|unlikely|bound) to (?!be held|take place|take effect)\w+"
    r"|\bwill (?:inevitably |surely )?(?:doom|cripple|devastate|transform|revolutioni[sz]e|reshape"
    r"|destroy|ruin|backfire|fail|collapse|unravel|spell the end)\b"
    # the effect of a decision on the people or the economy it touches, stated as fact:
    # "the tariffs will hurt farmers", "the plan will cost jobs"
    rf"|\bwill (?:{_EFFECT}) (?:(?!(?:on|in|at|by|from|with)\b)[\w'’-]+ ){{0,2}}?(?:{_AFFECTED})\b",
    re.IGNORECASE)
_SCHEDULED_RE = regex(
    r"\b(?:meet|vote|hold|held|take effect|begin|start|open|close|travel|visit|attend|speak|host|"
    r"face|play|return|resume|sign|announce|publish|release|launch|report|decide|rule|hear|"
    r"testify|appear)\b", re.IGNORECASE)


# Every alternative of _PREDICTION_RE opens with one of these words (then a space).
_PREDICTION_OPENINGS = ("w:will", "w:is", "w:are", "w:was", "w:were")


def _prediction_openings(doc: Document) -> list[int] | None:
    """Where a prediction can start, in order: where the word index has one of its opening
    words (None: the index cannot be trusted for this text, Document.index_fits_ascii)."""
    if not doc.index_fits_ascii:
        return None
    index = doc.word_starts
    return sorted(p for key in _PREDICTION_OPENINGS for p in index.get(key, ()))


@rule(code="LN303", name="unsourced-prediction", category="attribution", severity="warning",
      summary="A forecast of an outcome or a reaction with no named source nearby.",
      source="Reuters Handbook of Journalism, 'Sourcing' ('who says so?'); AP Stylebook on "
             "speculation; attribution cues after the Gender Gap Tracker quote verbs (Asr et al., "
             "PLOS ONE 16(1), 2021) and the report verbs of Recasens, Danescu-Niculescu-Mizil and "
             "Jurafsky (ACL 2013)",
      bad=["This declaration will be a bitter disappointment to Kyiv.",
           "The tariffs will probably hurt farmers in the Midwest.",
           "The plan will cost jobs in the coal industry."],
      good=["The declaration will be a bitter disappointment to Kyiv, a Ukrainian official told "
            "Reuters.", "The two leaders will meet in Geneva on Tuesday."])
def unsourced_prediction(doc: Document, ctx: Context) -> Iterator[Hit]:
    """Why is this bad? A reporter does not know how a decision will land or how events will
    turn out. "This will be a bitter disappointment to Kyiv" is a forecast in the writer's
    voice. Attribute it to someone who said it (in the same sentence, or the sentence before
    or after in the paragraph), or report the reaction once it happens. The same goes for
    the effect of a decision stated as fact ("the tariffs will hurt farmers", "the plan will
    cost jobs"): someone forecast it. Scheduled events ("will meet on Tuesday") and
    announced plans ("will cut 200 jobs") are not predictions and are not flagged."""
    openings = _prediction_openings(doc)
    for sentence in doc.sentences:
        if doc.paragraphs[sentence.paragraph].is_heading:
            continue
        start = sentence.start
        if openings is not None:  # searched from the sentence's first opening word, if any
            first = bisect_left(openings, start)
            if first == len(openings) or openings[first] >= sentence.end:
                continue
            start = openings[first]
        for m in _PREDICTION_RE.finditer(doc.prose, start, sentence.end):
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
_POPULATION = (r"(?:people|adults|children|teenagers|young people|americans|britons|residents|"
               r"households|families|women|men|workers|employees|students|pupils|patients|"
               r"respondents|citizens|consumers|smokers|renters|homeowners|parents|pensioners|"
               r"migrants|immigrants|the population|the public)")
# A number that begins a word, "\b\d+" written digit first: `re` then skips from digit to
# digit instead of trying the pattern at every character ("(?<!\w\d)": no word goes on
# before the digit, as "\b" says).
_NUMBER_WORD = r"\d(?<!\w\d)"
_SHARE_IN_FIGURES = rf"{_NUMBER_WORD}[\d,.]*\s?(?:%|percent\b|per cent\b)"
_SHARE_IN_WORDS = (r"\b(?:half|(?:a|one|two)[- ](?:third|quarter|fifth|tenth)s?|two-thirds|"
                   r"three-quarters|three-fifths|(?:a|one) in (?:\d+|ten|five|four|three))\b")
_OF_A_POPULATION = (r"\s+of\s+(?:all\s+)?(?:(?!the\b|a\b|an\b|its\b|their\b)[a-z-]+\s+)?"
                    rf"{_POPULATION}\b")
_IN_EVERY = rf" (?:in|out of) (?:every )?(?:\d+|ten|five|four|three) (?:{_POPULATION}|voters)\b"
# Each alternative below matches what it would as one part of a larger choice ("(?:one|two|
# \d+) in every…" is "one in every…" or else "\d+ in every…"): one in words is found through
# the word index, one in figures by the quick search for digits.
_STATISTIC_ALTERNATIVES = [
    rf"\b{_CHANGE}\b(?:\s+(?:by|about|nearly|almost|roughly|around|some|more|than|over|a|"
    rf"further|another|an|estimated|sharply|steeply|slightly)){{0,3}}\s+{_NUMBER}",
    rf"{_NUMBER}\s+(?:rise|fall|increase|decrease|decline|drop|jump|surge|gain|loss|cut)\b",
    rf"\b{_CHANGE}\s+by\s+(?:about\s+|nearly\s+|almost\s+|more than\s+)?(?:a third|a quarter|"
    r"half|two-thirds|three-quarters|a fifth|a tenth)\b",
    r"\b(?:doubled|tripled|trebled|quadrupled|halved)\b",
    r"\brecord (?:high|low)s?\b",
    r"\bfastest-growing\b",
    rf"\b(?:one|two|three|four){_IN_EVERY}",
    rf"{_NUMBER_WORD}\d*{_IN_EVERY}",
    # a share of a population: "40% of adults", "two-thirds of households" (not "of the
    # residents", people in the story, nor "of the vote")
    rf"{_SHARE_IN_FIGURES}{_OF_A_POPULATION}",
    rf"{_SHARE_IN_WORDS}{_OF_A_POPULATION}",
    # a record of quantity: "the highest level since 2008", "the most deaths on record"
    r"\b(?:highest|lowest|largest|biggest|smallest|fewest|most)\s+(?:[a-z-]+\s+)?"
    r"(?:level|number|rate|total|figure|amount|share|proportion|count|tally|deaths|cases)s?\s+"
    r"(?:since\s+(?:\d{4}|records\s+began|the\s+\w+|\w+\s+\d{4})|on\s+record|ever\s+recorded"
    r"|in\s+(?:\d+|two|three|four|five|six|seven|eight|nine|ten|a|several|many)\s+"
    r"(?:years|decades|months))",
    # money per head: "$1,200 per taxpayer" (a price, "tickets cost $40 per person", is not)
    r"[$£€]\s?\d[\d,.]*(?:\s?(?:million|billion|bn|m|k)\b)?\s+(?:per|a|for each|for every)\s+"
    r"(?:person|head|capita|resident|household|family|taxpayer|citizen|child|pupil|student|"
    r"patient|worker)\b",
]
# The alternation as separately indexed parts (same matches as one regex, found faster).
_STATISTIC = Matcher.of(_STATISTIC_ALTERNATIVES, re.IGNORECASE)


# The sentence's own subject is the figure's source. A body's own results ("the carmaker's
# quarterly profit fell 37%", "Toyota's sales rose") are what it reported; and a named
# subject that reports, posts or explains the figure ("the airline blamed fuel costs for a
# 40% drop") is the attribution. A country's or a city's rate ("Britain's unemployment")
# is not: someone measured it.
_OWN_RESULTS = (r"(?:profits?|revenues?|sales|earnings|income|turnover|output|production|"
                r"deliveries|orders|losses|loss|margins?|subscribers|customers|users|members|"
                r"membership|passengers|traffic|bookings|shares?|stock|dividend|spending|"
                r"costs|debt|cash|assets|market share|workforce|headcount)")
_LEAD_IN = r"^[\s\"“‘'(]*(?:(?:on|in|at|for|during|after|last|this)\b[^,;]{0,40},\s*)?"
_OWNER_SUBJECT_RE = regex(
    rf"{_LEAD_IN}(?:the\s+)?(?:[\w&.-]+\s+){{0,3}}?[\w&.-]+['’]s?\s+(?:[\w-]+\s+){{0,2}}?"
    rf"{_OWN_RESULTS}\b[^,;]*$", re.IGNORECASE)
_REPORTING_SUBJECT_RE = regex(
    rf"{_LEAD_IN}(?:the\s+\w[\w&.-]*|(?-i:[A-Z])[\w&.'’-]*)(?:\s+[\w&.'’-]+){{0,3}}?\s+"
    r"(?:also\s+)?(?:blamed|attributed|posted|recorded|booked|reported|announced|forecast|"
    r"projected|disclosed|cited|credited|expects|expected|warned of|flagged)\b[^;]*$",
    re.IGNORECASE)
# A figure in a price: "tickets cost $40 per person".
_PRICE_RE = regex(r"\b(?:tickets?|admission|entry|fares?|prices?|priced|fees?|charges?|"
                  r"costs? of entry|rooms?|menu|subscriptions?|rent)\b", re.IGNORECASE)


def _subject_is_source(doc: Document, sentence_start: int, start: int) -> bool:
    """The words before the figure are its owner reporting it (see _OWNER_SUBJECT_RE)."""
    before = doc.prose[sentence_start:start]
    subject = _REPORTING_SUBJECT_RE.match(before)
    if subject and not _VAGUE_OPENING.for_text(before).match(before):
        return True
    return bool(_OWNER_SUBJECT_RE.match(before))


# The lead-in ends with a space or punctuation, so the word list's slot is a whole word.
_VAGUE_OPENING = SlottedRegex(rf"{_LEAD_IN}(?:<VAGUE>)\b", WORD_LISTS, re.IGNORECASE)


def _sourced(doc: Document, sentence_index: int) -> bool:
    """A source named in the statistic's paragraph, or anywhere earlier in the story."""
    sentence = doc.sentences[sentence_index]
    paragraph = doc.paragraphs[sentence.paragraph]
    return any(doc.has_cue(doc.sentences[i]) for i in paragraph.sentences) or \
        doc.sourced_in_article(sentence)


@rule(code="LN304", name="unsourced-statistic", category="attribution", severity="info",
      summary="A rise, fall, record, share of a population or sum per head stated with no "
              "source in its paragraph or earlier in the story.",
      source="AP Stylebook 'polls and surveys'; Reuters Handbook of Journalism, 'Numbers'; "
             "attribution cues after the Gender Gap Tracker quote verbs (Asr et al., PLOS ONE "
             "16(1), 2021)",
      bad=["Unemployment among young people rose 40 percent last year.",
           "About 40% of adults in the region cannot swim."],
      good=["Unemployment among young people rose 40 percent last year, according to the "
            "Labor Department.", "The 42-year-old was arrested on Monday.",
            "The carmaker's quarterly profit fell 37% on weak demand in China.",
            "Tickets cost $40 per person."])
def unsourced_statistic(doc: Document, ctx: Context) -> Iterator[Hit]:
    """Why is this bad? A claimed change ("rose 40 percent", "doubled", "a record high") with
    no source cannot be checked. Say where the figure comes from ("according to the census",
    "data from the central bank show"). A source named in the paragraph, or earlier in the
    story, covers it: readers take a figure to come from the sources the story has named.
    Shares of a population ("40% of adults", "one in four children"), records of quantity
    ("the highest level since 2008") and money per head ("$1,200 per taxpayer") are claims
    too. A sentence's own subject can be the source: a company's own results ("the
    carmaker's quarterly profit fell 37%") or a named subject that reports or explains the
    figure ("the airline blamed fuel costs for a 40% drop"). Plain figures such as vote
    shares, dates, ages, scores and prices are background facts and are not flagged."""
    reported: set[int] = set()
    for start, end in _STATISTIC.find_in(doc):
        sentence = doc.sentence_at(start)
        if sentence is None or sentence.index in reported or end > sentence.end:
            continue
        if doc.paragraphs[sentence.paragraph].is_heading or \
                doc.in_direct_quote(start, end) or _sourced(doc, sentence.index) or \
                _subject_is_source(doc, sentence.start, start):
            continue
        if doc.prose[start] in "$£€" and _PRICE_RE.search(doc.prose, sentence.start,
                                                          sentence.end):
            continue
        reported.add(sentence.index)
        yield Hit(start, end, f"The statistic '{doc.prose[start:end]}' has no named source "
                  "nearby; say where the figure comes from.")
