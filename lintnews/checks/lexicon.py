"""The loaded-language lexicon's rules: one per class of entry in rules/lexicon.tsv.

All classes share one pass over the document (lintnews.engine.lexicon); each rule reports its
own class, so a desk can select, ignore or re-grade "size judgements" apart from "pejorative
labels". The context rules are those of the hand-written loaded-language rules: not inside
quotations (the runner), not in a name or a title (unless the entry's lemma is written with
capitals: a label capitalised by nature, such as "RINO"), not where the word is mentioned
rather than used, and not inside what a named source is reported as saying, except for the
writer's stance and intensifiers, which stay the writer's words there.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from lintnews.checks import rule
from lintnews.document.model import Document
from lintnews.engine.lexicon import LexiconHit, load_lexicon, neutral_here
from lintnews.engine.phrase_rule import is_mentioned, is_title, match_case
from lintnews.engine.rule_types import Context, Hit, Severity
from lintnews.text.lazy import LazyRegex

_CONTEXT_CHARS = 80
# A dramatising verb is loaded of a political or business act, literal of a thing: "gutted the
# agency" / "the fire gutted the building", "torpedoed the bill" / "torpedoed the ship".
# Compiled on the first dramatising verb a run meets: most articles have none.
_ACT_OBJECT_RE = LazyRegex(
    r"\W+(?:[\w'’-]+\W+){0,3}?(?:bill|bills|law|laws|legislation|agency|agencies|plan|plans|"
    r"deal|deals|budget|budgets|regulation|regulations|rule|rules|program|programs|programme|"
    r"programmes|department|ministry|talks|negotiations|reform|reforms|proposal|proposals|"
    r"treaty|accord|agreement|policy|policies|measure|measures|nomination|candidacy|campaign|"
    r"merger|takeover|bid|offer|ceasefire|truce|vote|motion|amendment|funding|spending|"
    r"subsidies|tax|taxes|tariffs|sanctions|inquiry|investigation|protections|rights|"
    r"opposition|rivals?|critics|government|administration|party|coalition|congress|"
    r"parliament|senate|board|union|unions|chances|hopes|minister|president|senator|mayor|"
    r"chancellor|leader|governor|premier|candidate|opponent|opponents|"
    # people and groups: "demonised the police", "vilified migrants", "pandering to voters"
    r"police|officers?|voters?|immigrants?|migrants?|refugees|workers|employees|staff|"
    r"people|women|men|students|teachers|doctors|nurses|journalists|reporters|media|press|"
    r"protesters|activists|supporters|liberals|conservatives|democrats|republicans|"
    r"him|her|them|himself|herself|themselves|"
    # a name ("gutted Medicare"), but not a day or a month ("gutted the fish on Friday")
    r"(?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|"
    r"April|May|June|July|August|September|October|November|December)\b)"
    r"(?-i:[A-Z])[\w'’-]+)\b",
    re.IGNORECASE)
LEXICON_SOURCE = ("rules/lexicon.tsv: entries reviewed by copy editors against real copy; "
                  "candidates from VADER's lexicon (MIT) and TextBlob's English lexicon (MIT); "
                  "style guidance from AP, Reuters, BBC, The Guardian, The Economist and "
                  "Wikipedia's Manual of Style 'Words to watch' (each entry names its source)")


class ClassText(NamedTuple):
    what: str  # "'{match}' is {what}"
    advice: str
    writers_even_in_speech: bool = False  # the writer's words even inside reported speech


TEXTS = {
    "puffery": ClassText("promotional puffery", "say what makes the subject notable instead"),
    "evaluative": ClassText("the writer's judgement",
                            "attribute it to a source or describe the facts"),
    "intensifier": ClassText("an editorialising intensifier", "cut it or give the figure",
                             True),
    "stance": ClassText("the writer's stance", "cut it: report, and let readers judge", True),
    "size": ClassText("a judgement of size", "give the number and let readers judge"),
    "pejorative": ClassText("a pejorative label", "describe what the people did or said"),
    "status-label": ClassText("a contested label", "use the neutral term"),
    "saying-verb": ClassText("a loaded verb of saying", "use 'said' or a neutral verb"),
    "dramatising-verb": ClassText("a dramatising verb",
                                  "say plainly what was done"),
    "euphemism": ClassText("a euphemism or dysphemism for a contested act",
                           "name the act plainly"),
    "doubt": ClassText("a doubt-caster in the writer's voice",
                       "if the status is disputed, say who disputes it"),
}


def writers_hits(doc: Document, ctx: Context) -> list[LexiconHit]:
    """The lexicon's matches, every class and severity, that are the writer's own words in
    the loaded sense: outside quotations, names and titles, mentions, speakers' paragraphs and
    (except for stance and intensifiers) what a named source is reported as saying. Worked out
    once per document for all the lexicon's rules."""
    lexicon = load_lexicon(ctx.settings.lexicons)
    key = ("lexicon-writer", id(lexicon))
    cached = doc.memo.get(key)
    if cached is None:
        # in text order, so that a cluster names the same partner on every run
        cached = sorted((hit for hit in lexicon.hits(doc) if _writers(doc, hit)),
                        key=lambda hit: (hit.start, hit.end))
        doc.memo[key] = cached
    return cached


def _writers(doc: Document, hit: LexiconHit) -> bool:
    entry, prose = hit.entry, doc.prose
    sentence = doc.sentence_at(hit.start)
    if sentence is None or hit.end > sentence.end or neutral_here(doc.lowered, hit):
        return False
    if doc.quotation_at(hit.start) is not None:
        return False  # quoted, or a term in quote marks ('the "radical left"'): not the writer's
    if is_title(prose, sentence.start, hit.start) and \
            not entry.written_as_label(prose[hit.start:hit.end]):
        return False  # a name or a title ("the Iconic Hotel"), not a label such as "RINO"
    if is_mentioned(prose, max(sentence.start, hit.start - _CONTEXT_CHARS), hit.start, hit.end):
        return False
    if sentence.paragraph in doc.speaker_paragraphs:
        return False  # an interview answer or a statement: every word is the speaker's
    if not TEXTS[entry.kind].writers_even_in_speech and \
            doc.is_reported_speech(hit.start, hit.end):
        return False
    # a dramatising verb on a thing is literal: "the fire gutted the building"
    return not (entry.kind == "dramatising-verb" and entry.pos == "VERB" and
                not _ACT_OBJECT_RE.compiled.match(prose, hit.end,
                                                  min(sentence.end, hit.end + 60)))


def _hit(doc: Document, hit: LexiconHit, beside: str = "") -> Hit:
    entry, text = hit.entry, TEXTS[hit.entry.kind]
    found = doc.prose[hit.start:hit.end]
    sentence = doc.sentence_at(hit.start)
    # a label's own capitals ("the Chinese virus") ask for no capital, a sentence's first do
    opens_sentence = sentence is None or not doc.prose[sentence.start:hit.start].strip()
    case_of = found if opens_sentence or not entry.written_as_label(found) else found.lower()
    suggestions = tuple(match_case(s.strip(), case_of) for s in entry.neutral.split(";")
                        if s.strip())
    advice = (f"consider {' or '.join(repr(s) for s in suggestions)}" if suggestions
              else text.advice)
    return Hit(hit.start, hit.end,
               f"'{' '.join(found.split())}' is {text.what}{beside}; {advice}.", suggestions,
               Severity.parse(entry.severity))


def lexicon_hits(doc: Document, ctx: Context, kind: str | None) -> Iterator[Hit]:
    """The writer's matches of one class at warning or error level (or, for kind None, the
    info-level entries of every class)."""
    for hit in writers_hits(doc, ctx):
        entry = hit.entry
        if (entry.kind != kind or entry.severity == "info") if kind else entry.severity != "info":
            continue
        yield _hit(doc, hit)


def clustered_hits(doc: Document, ctx: Context) -> Iterator[Hit]:
    """Info-level entries (often defensible alone) in a sentence that holds another of the
    lexicon's words in the writer's voice: "a bold, reckless gamble", or loaded wording another
    rule finds ("a bold plan, critics slammed"). An info-level political label ("radical",
    "leftist") describes a position rather than judging it, so it does not make a cluster for
    another word."""
    hits = writers_hits(doc, ctx)
    by_sentence: dict[int, list[LexiconHit]] = {}
    for hit in hits:
        sentence = doc.sentence_at(hit.start)
        if sentence is not None:
            by_sentence.setdefault(sentence.index, []).append(hit)
    for group in by_sentence.values():
        for hit in group:
            if hit.entry.severity != "info":
                continue
            others = [o for o in group if (o.end <= hit.start or o.start >= hit.end) and
                      (o.entry.severity != "info" or o.entry.kind != "status-label")]
            if others:
                other = " ".join(doc.prose[others[0].start:others[0].end].split())
                yield _hit(doc, hit, f", beside '{other}' in the same sentence")
            else:  # reported if another rule finds loaded wording in the sentence
                yield _hit(doc, hit, " in a sentence with other loaded wording")._replace(
                    needs_company=True)


def _rule_for(kind: str | None, code: str, name: str, summary: str, bad: list[str],
              good: list[str], severity: str = "warning",
              enabled: bool = True):  # type: ignore[no-untyped-def]
    def check(doc: Document, ctx: Context) -> Iterator[Hit]:
        return lexicon_hits(doc, ctx, kind)

    check.__doc__ = RATIONALES[kind or "mild"]
    return rule(code=code, name=name, category="loaded-language", severity=severity,
                summary=summary, source=LEXICON_SOURCE, bad=bad, good=good,
                enabled=enabled)(check)


RATIONALES = {
    "puffery": """Why is this bad? Puffery ("world-class", "groundbreaking", "beloved") is the
    language of press releases: it asserts an evaluation without evidence. Give the facts that
    earn the praise. Entries are in rules/lexicon.tsv, class puffery.""",
    "evaluative": """Why is this bad? Emotive and evaluative words ("callous", "sinister",
    "draconian", "disgraceful") are verdicts. In news copy a verdict belongs to a named source;
    report the facts that would lead a reader to it. Inside what a named source is reported as
    saying, the word is theirs and is not flagged. Entries: rules/lexicon.tsv, class
    evaluative.""",
    "intensifier": """Why is this bad? Intensifiers ("utterly", "staggeringly", "hugely") tell
    the reader how strongly to feel. Give the figure or the fact instead. They stay the
    writer's words even inside reported speech. Entries: rules/lexicon.tsv, class
    intensifier.""",
    "stance": """Why is this bad? Comment adverbs ("frankly", "admittedly", "clearly",
    "obviously") put the writer's attitude into a news report. Cut them. They stay the writer's
    words even inside reported speech ("the minister said the plan had clearly failed").
    Entries: rules/lexicon.tsv, class stance.""",
    "size": """Why is this bad? "A mere", "a paltry", "a whopping" and "eye-watering" judge an
    amount for the reader. Give the number, and a comparison if it helps. Entries:
    rules/lexicon.tsv, class size.""",
    "pejorative": """Why is this bad? Labels such as "thug", "zealot" or "crony" judge people
    instead of describing them. Describe what they did, or attribute the label to whoever used
    it. A label capitalised by nature ("RINO", "Trumptards"; its lemma is written with capitals)
    is flagged mid-sentence too, where a capitalised word is otherwise taken for a name. Entries:
    rules/lexicon.tsv, class pejorative.""",
    "status-label": """Why is this bad? Political and legal-status labels such as "illegals"
    or "death tax" take a side; stylebooks give a neutral term. Entries: rules/lexicon.tsv,
    class status-label, with the neutral wording.""",
    "saying-verb": """Why is this bad? Verbs such as "ranted", "whined" and "gloated" judge the
    speaker. Wire style prefers "said". Entries: rules/lexicon.tsv, class saying-verb.""",
    "dramatising-verb": """Why is this bad? Verbs of force used of political or business acts
    ("torpedoed the bill", "stormed out", "gutted the agency") dramatise. Say plainly what was
    done: "voted down", "left", "cut". Entries: rules/lexicon.tsv, class dramatising-verb.""",
    "euphemism": """Why is this bad? Euphemisms and dysphemisms for contested acts ("collateral
    damage", "enhanced interrogation") take a side by softening or hardening. Name the act.
    Entries: rules/lexicon.tsv, class euphemism.""",
    "mild": """Why is this bad? Some words are loaded in one story and fair in the next
    ("huge", "hero", "bold", "nice"): the reviewers of the lexicon marked them `info`, often
    defensible. A desk that wants them queried selects this rule (`--select LN222`); it is off
    by default, because a flag an editor usually leaves teaches the desk to ignore the linter.
    Entries: rules/lexicon.tsv, every class, severity info.""",
    "doubt": """Why is this bad? Words that cast doubt in the writer's voice ("purported",
    "self-appointed") sneer at their subject. If a status is disputed, name who disputes it.
    Entries: rules/lexicon.tsv, class doubt.""",
}

puffery = _rule_for(
    "puffery", "LN211", "lexicon-puffery",
    "Promotional praise from the lexicon: 'world-class', 'groundbreaking', 'trailblazing'.",
    bad=["The company unveiled its groundbreaking new phone on Monday."],
    good=["The company unveiled a phone with a folding screen on Monday."])
evaluative = _rule_for(
    "evaluative", "LN212", "lexicon-evaluative",
    "Emotive and evaluative words from the lexicon: 'callous', 'sinister', 'draconian'.",
    bad=["The new rules for protests are draconian."],
    good=["The new rules ban protests within 500 metres of parliament.",
          "Senator Ruiz said the rules were draconian."])
intensifier = _rule_for(
    "intensifier", "LN213", "lexicon-intensifier",
    "Editorialising intensifiers from the lexicon: 'utterly', 'hugely', 'staggeringly'.",
    bad=["The plan was utterly rejected by the council."],
    good=["The council rejected the plan by nine votes to two."])
stance = _rule_for(
    "stance", "LN214", "lexicon-stance",
    "The writer's stance adverbs from the lexicon: 'frankly', 'admittedly', 'obviously'.",
    bad=["The bill is frankly unlikely to pass the Senate."],
    good=["The bill needs 60 votes to pass the Senate."])
size = _rule_for(
    "size", "LN215", "lexicon-size",
    "Judgements of size from the lexicon: 'a paltry', 'whopping', 'eye-watering'.",
    bad=["Teachers were offered a paltry 2 percent rise."],
    good=["Teachers were offered a 2 percent rise; inflation is 6 percent."])
pejorative = _rule_for(
    "pejorative", "LN216", "lexicon-pejorative",
    "Pejorative labels for people or groups from the lexicon: 'thugs', 'zealots', 'cronies'.",
    bad=["The president appointed his cronies to the board.",
         "The two RINO senators blocked the bill on Tuesday."],
    good=["The president appointed two former campaign aides to the board.",
          "The two Republican senators blocked the bill on Tuesday."])
status_label = _rule_for(
    "status-label", "LN217", "lexicon-status-label",
    "Political and legal-status labels a stylebook replaces, from the lexicon.",
    bad=["The bill would deport illegals who arrived as children."],
    good=["The bill would deport people who entered the country illegally as children."])
saying_verb = _rule_for(
    "saying-verb", "LN218", "lexicon-saying-verb",
    "Loaded verbs of saying from the lexicon: 'ranted', 'whined', 'gloated'.",
    bad=["The senator ranted about the budget for an hour."],
    good=["The senator spoke about the budget for an hour."])
dramatising_verb = _rule_for(
    "dramatising-verb", "LN219", "lexicon-dramatising-verb",
    "Dramatising verbs for political or business acts from the lexicon: 'torpedoed'.",
    bad=["Republicans torpedoed the bill on Thursday."],
    good=["Republicans voted down the bill on Thursday."])
euphemism = _rule_for(
    "euphemism", "LN220", "lexicon-euphemism",
    "Euphemisms and dysphemisms for contested acts from the lexicon.",
    bad=["The strike caused collateral damage in the village."],
    good=["The strike killed four civilians in the village, local officials said."],
    severity="info")
doubt = _rule_for(
    "doubt", "LN221", "lexicon-doubt",
    "Doubt-casters in the writer's voice from the lexicon: 'purported', 'self-appointed'.",
    bad=["The self-appointed spokesman addressed the crowd."],
    good=["The spokesman addressed the crowd."], severity="info")
mild = _rule_for(
    None, "LN222", "lexicon-mild",
    "Lexicon entries that are often defensible (severity info), every class; off by default.",
    bad=["The mayor gave a bold speech on Monday."],
    good=["The mayor spoke for 40 minutes on Monday."], severity="info", enabled=False)


@rule(code="LN223", name="lexicon-cluster", category="loaded-language", severity="info",
      summary="An often-defensible lexicon word beside another loaded word in one sentence.",
      source=LEXICON_SOURCE,
      bad=["The mayor's bold plan is a reckless gamble with public money."],
      good=["The mayor gave a bold speech on Monday.",
            "The mayor's plan would borrow 40 million pounds, the council said."])
def cluster(doc: Document, ctx: Context) -> Iterator[Hit]:
    """Why is this bad? One "bold", "huge" or "controversial" is often fair, which is why the
    reviewers marked such words `info` and LN222 is off by default. Beside another loaded word
    in the same sentence ("a bold, reckless gamble") it is part of a verdict: loaded words
    together make a sentence read as the writer's opinion. Report what was done and let the
    reader judge. The same context rules apply as for LN211-LN221; the other word may be any
    loaded wording another rule reports in the sentence ("a bold plan, slammed by opponents"),
    and is reported by its own rule."""
    return clustered_hits(doc, ctx)
