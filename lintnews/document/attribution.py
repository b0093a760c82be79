"""Attribution cues: who said it. Shared by the quotation linker and the attribution rules.

The cue inventory follows the quote verbs of the Gender Gap Tracker (Asr et al., "The Gender
Gap Tracker", PLOS ONE 16(1), 2021) and the report verbs of Recasens, Danescu-Niculescu-Mizil
and Jurafsky ("Linguistic Models for Analyzing and Detecting Biased Language", ACL 2013),
stripped of factive and evaluative verbs. A cue counts only
with a *named* source nearby: a capitalised name, a pronoun standing for one, or an
institutional noun ("the ministry", "police", "a spokeswoman"). Vague subjects ("critics",
"experts", "some") are weasel attributions, not sources.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import NamedTuple

from lintnews.cache.patterns import regex
from lintnews.text.lazy import LazyRegex
from lintnews.text.slots import OpeningWordAlternation, SlottedRegex, word_list_trie

_FIRST_WORD_RE = regex(r"(?:the\s+|a\s+)?(\w[\w’'.-]*)")

CUE_VERB_LIST = (
    "said|says|say|saying|told|tells|tell|added|adds|add|commented|comments|remarked|remarks|"
    "observed|stated|states|announced|announces|wrote|"
    "writes|tweeted|posted|testified|estimated|estimates|predicted|predicts|warned|warns|"
    "confirmed|confirms|noted|notes|argued|argues|claimed|claims|insisted|insists|explained|"
    "explains|reported|reports|asked|asks|replied|responded|acknowledged|recalled|described|"
    "describes|indicated|indicates|suggested|suggests|believes|believed|thinks|thought|"
    "predicted|projected|projects|forecast|forecasts|expects|expected|urged|urges|called|"
    "calls|denied|denies|admitted|conceded|stressed|emphasised|emphasized|pointed out|"
    "disclosed|revealed|showed|show|shows|found|finds|concluded|announced|quoted|answered|"
    "countered|counters|maintained|maintains|contended|contends|retorted|rebutted|"
    # naming someone as something: "Erdoğan named the YPG as terrorists" is his label
    "named|names|labelled|labeled|labels|branded|brands|designated|designates"
)
SOURCE_NOUN_LIST = (
    "spokesman|spokeswoman|spokesperson|spokespeople|police|officials?|ministry|ministers?|"
    "government|department|agency|company|firm|court|judge|prosecutors?|authorities|"
    "statement|report|survey|poll|study|data|figures|census|lawyers?|attorneys?|mayor|"
    "president|premier|chancellor|governor|senator|lawmakers?|representative|secretary|"
    "chief|director|chairman|chairwoman|chair|ceo|executive|researchers?|scientists?|doctors?|"
    "witnesses|residents?|organi[sz]ers|organi[sz]ation|council|commission|board|office|"
    "military|army|navy|regulator|bank|union|party|campaign|team|club|coach|manager|"
    "investigators?|firefighters|paramedics|hospital|service|embassy|kremlin|pentagon|"
    "white house|un|who|reuters|ap|afp|bbc|sources?|filing|documents|records|website"
)
VAGUE_SUBJECT_LIST = (  # longer entries before the words they start with, as a trie tries them
    "many people|some people|some experts|many experts|some critics|many observers|"
    "critics|experts|observers|some|many|others|people|analysts|commentators|pundits|"
    "scientists|economists|doctors|researchers|academics|activists|historians|insiders|"
    "skeptics|sceptics|supporters|opponents|insiders|most|several|few|everyone|everybody"
)
# The lists above as tries, for speed; the test suite checks they match the same text.
CUE_VERBS = word_list_trie(CUE_VERB_LIST)
SOURCE_NOUNS = word_list_trie(SOURCE_NOUN_LIST)
VAGUE_SUBJECTS = word_list_trie(VAGUE_SUBJECT_LIST)
PRONOUNS = r"he|she|they|we|i|it"
# The lists' slots in patterns (lintnews.text.slots): a pattern is compiled, for a text,
# with only the listed words the text has. Each slot is a whole word where it stands.
WORD_LISTS = {"CUE": CUE_VERB_LIST, "SOURCE": SOURCE_NOUN_LIST, "VAGUE": VAGUE_SUBJECT_LIST}

_CUE = SlottedRegex(r"(?<![\w-])(?:<CUE>)\b", WORD_LISTS, re.IGNORECASE)
SOURCE_NOUN = SlottedRegex(r"\b(?:<SOURCE>)\b", WORD_LISTS, re.IGNORECASE)
_VAGUE = SlottedRegex(r"\b(?:<VAGUE>)\s*$", WORD_LISTS, re.IGNORECASE)
_PRONOUN_RE = regex(rf"\b(?:{PRONOUNS})\b\s*(?:\w+ly\s+)?$", re.IGNORECASE)
_NAME_RE = regex(r"\b[A-Z][a-zA-Z’'.-]+")
_STATIC_CUES_RE = regex(  # one \b before all the branches: each began with one
    r"\b(?:according to\b|in a (?:written |joint )?statement\b"
    r"|(?:data|figures|estimates|numbers|statistics) "
    r"(?:from|released by|published by|compiled by|by)\b"
    r"|told (?:reporters|journalists|the press|(?-i:[A-Z])\w+)"
    r"|(?:said|says|wrote|reported) in\b|quoted\b|cited\b|citing\b"
    r"|as reported by\b|polled by\b|surveyed by\b)",
    re.IGNORECASE,
)
# A sentence told from someone's point of view: "To the Kremlin, the protests are…", "In
# Smith's view, …", "In the eyes of the union, …".
_VIEWPOINT_RE = regex(
    r"(?:to|in the (?:eyes|view|words|opinion) of)\s+(?!(?:many|some|most|several|few|critics)\b)"
    r"([^,]{2,40}?)\s*,|in\s+([^,]{2,40}?)['’]s?\s+(?:view|eyes|words|opinion|telling|account)"
    r"\s*,", re.IGNORECASE)
_COLON_ATTRIBUTION_RE = regex(r"^[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,3}:\s")
_PASSIVE_BEFORE_RE = regex(
    r"\b(?:is|are|was|were|be|been|being|am)\s+(?:(?:\w+ly|now|also|still|not|already|long)\s+)*$",
    re.IGNORECASE)
# The verb at the start of a phrase cue ("told reporters", "said in"): a cue like the others.
_STATIC_VERB_RE = regex(r"(?:told|said|says|wrote|reported)\b", re.IGNORECASE)
WINDOW_WORDS = 7


def _words_before(text: str, index: int, limit: int = WINDOW_WORDS) -> str:
    head = text[:index]
    parts = head.split()
    return " ".join(parts[-limit:])


def has_named_source(window: str) -> bool:
    """A capitalised name, a pronoun or an institutional noun, and not only a vague subject."""
    if not window.strip():
        return False
    if _VAGUE.for_text(window).search(window):
        return False
    if _PRONOUN_RE.search(window) or SOURCE_NOUN.for_text(window).search(window):
        return True
    return any(m.group() not in _NOT_NAMES for m in _NAME_RE.finditer(window))


_NOT_NAMES = {"The", "A", "An", "But", "And", "It", "In", "On", "At", "This", "That", "As",
              "However", "Meanwhile", "Some", "Many", "Most", "Critics", "Experts", "Observers",
              "Analysts", "Others", "People", "If", "When", "While", "Although", "Though", "I"}


class Cue(NamedTuple):
    """An attribution cue with a named source, and the words it gives to that source."""

    match: re.Match[str]
    whole: bool  # covers the whole sentence: "according to X", "X: …", "in a statement"
    introduces: bool  # the words after it are the source's: "said the plan…", not "called for"
    tag_start: int | None  # where the short tag it ends begins: "…, the minister said." (the
    # words before that are the source's); None when the cue ends no such tag


def find_cue(sentence: str) -> re.Match[str] | None:
    """The first attribution cue in `sentence` that has a named source, if any."""
    cues = find_cues(sentence)
    return cues[0].match if cues else None


@lru_cache(maxsize=256)
def find_cues(sentence: str) -> tuple[Cue, ...]:
    """Attribution cues with a named source: a verb of saying ("X said …", "…, X said"), or a
    phrase that covers the whole sentence ("according to X", "X: …", "in a statement").
    Remembered per sentence text: the quotation linker and the attribution rules both ask."""
    cues: list[Cue] = []
    static = _STATIC_CUES_RE.search(sentence)
    if static and has_named_source(sentence[static.end(): static.end() + 60] + " "
                                   + _words_before(sentence, static.start())):
        verb = _STATIC_VERB_RE.match(sentence, static.start())
        if verb is None:
            cues.append(Cue(static, True, True, None))
        elif _is_cue_verb(sentence, verb):  # "told reporters", "said in": a verb of saying,
            # governing its own clause like the others (but not "Qaboos bin Said in 1970")
            cues.append(Cue(static, False, _introduces_clause(sentence, verb.end()),
                            _tag_start(sentence, verb.start(), verb.end())))
    colon = _COLON_ATTRIBUTION_RE.match(sentence)
    if colon:
        cues.append(Cue(colon, True, True, None))
    viewpoint = _VIEWPOINT_RE.match(sentence)
    if viewpoint and has_named_source(viewpoint.group(1) or viewpoint.group(2)):
        cues.append(Cue(viewpoint, True, True, None))
    for cue in _CUE.for_text(sentence).finditer(sentence):
        if not _is_cue_verb(sentence, cue):
            continue
        before = _words_before(sentence, cue.start())
        after = " ".join(sentence[cue.end():].split()[:4])
        if has_named_source(before) or _starts_with_name(after) or \
                (_starts_with_name(sentence[: cue.start()].lstrip(" \"“‘'(")) and
                 not _VAGUE.for_text(before).search(before)):
            cues.append(Cue(cue, False, _introduces_clause(sentence, cue.end()),
                            _tag_start(sentence, cue.start(), cue.end())))
    return tuple(sorted(cues, key=lambda c: c.match.start()))


def _starts_with_name(text: str) -> bool:
    """Inverted attribution: '…, said Smith' / '…, said the ministry'."""
    m = _FIRST_WORD_RE.match(text)
    if not m:
        return False
    word = m.group(1)
    return (word[:1].isupper() and word not in _NOT_NAMES) or _is_source_noun(word)


def _is_source_noun(word: str) -> bool:
    return SOURCE_NOUN.for_text(word).fullmatch(word) is not None


# -- Is the cue word a verb here? --------------------------------------------------------------
# Many cue words are also nouns ("his remarks", "the claims", "a talk show host") or part of a
# name ("the United States"). Without a tagger the word before tells: a determiner, a
# possessive or a preposition starts a noun phrase, and a verb in -s agrees with a singular
# subject ("Ruiz notes", "the ministry estimates") as a bare verb does with a plural one
# ("polls show", "they say"). A participle after a determiner is an adjective ("the expected
# rise", "the reported attack").

_DETERMINERS = frozenset({
    "a", "an", "the", "his", "her", "its", "their", "our", "my", "your", "whose", "every",
    "no", "such"})
_PLURAL_DETERMINERS = frozenset({
    "these", "those", "many", "several", "few", "both", "all", "some", "other", "various",
    "numerous", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "dozens", "hundreds", "thousands"})
_SINGULAR_DETERMINERS = frozenset({"this", "each", "another", "one", "any"})
_PREPOSITIONS = frozenset({
    "of", "in", "on", "at", "for", "with", "by", "from", "about", "against", "into", "onto",
    "over", "under", "after", "before", "amid", "amidst", "despite", "without", "between",
    "among", "through", "during", "per", "via", "toward", "towards", "upon", "than"})
# The cue words that are also nouns: plurals, and singulars or bare forms.
_PLURAL_NOUN_CUES = frozenset({
    "states", "remarks", "comments", "estimates", "notes", "claims", "reports", "calls",
    "shows", "forecasts", "projects", "names", "labels", "brands", "counters", "finds", "urges"})
_SINGULAR_NOUN_CUES = frozenset({"say", "show", "forecast"})
# Nouns that a cue word can be the first part of: "a talk show host", "claims adjusters".
_COMPOUND_HEADS = frozenset({
    "host", "hosts", "hostess", "business", "businesses", "trial", "trials", "runner",
    "runners", "jumping", "adjuster", "adjusters", "process", "processes"})
# The subjects a verb in -s agrees with, besides a name or an institution.
_SINGULAR_PRONOUNS = frozenset({
    "he", "she", "it", "who", "which", "that", "this", "one", "everyone", "someone",
    "somebody", "nobody"})
# The subjects a bare verb agrees with, and the words that come before a bare verb
# ("will say", "and say").
_PLURAL_SUBJECTS = frozenset({
    "they", "we", "i", "you", "who", "which", "that", "these", "those", "some", "many",
    "others", "most", "both", "all", "several", "few", "people", "police", "data", "media",
    "staff", "public", "will", "would", "could", "can", "should", "shall", "may", "might",
    "must", "do", "did", "does", "to", "not", "never", "and", "or", "then"})
_ADVERBS = frozenset({
    "also", "still", "now", "often", "never", "always", "even", "again", "further", "then",
    "later", "only", "just", "already", "once", "first", "too"})
# A capitalised word opening a sentence is not evidence of a name when it is an adjective
# that often stands before these nouns: "New estimates from Moscow…", "Recent reports…".
_OPENING_ADJECTIVES = frozenset({
    "new", "latest", "recent", "early", "earlier", "initial", "preliminary", "official",
    "further", "local", "media", "press", "news", "unconfirmed", "conflicting", "similar",
    "separate", "final", "first", "previous", "later", "fresh"})
# Words whose "'s" is "is", "has" or "us", not a possessive: "she's said", "let's say".
_CONTRACTED = frozenset({"he", "she", "it", "that", "what", "who", "there", "here", "let"})
_PREVIOUS_WORD_RE = regex(r"([^\W_][\w’'.-]*)(\s+)$")
_NEXT_WORD_RE = regex(r"\s+([\w’'-]+)")


def _is_cue_verb(sentence: str, cue: re.Match[str]) -> bool:
    """The cue word is a verb of saying here, not a noun, a name, a passive or a plan."""
    word = cue.group()
    start = cue.start()
    at_start = not sentence[:start].strip(" \"“‘'([—–-")
    if not word[0].islower() and not at_start and not _in_title_case(sentence):
        return False  # "the United States": part of a name
    if _PASSIVE_BEFORE_RE.search(sentence, 0, start):
        return False  # "is widely thought", "was expected": a passive, not a source speaking
    if word.lower().startswith(_PLANNED) and _INFINITIVE_AFTER.compiled.match(sentence, cue.end()):
        return False  # "had expected to brandish rifles": a plan or a forecast, not speech
    previous = _PREVIOUS_WORD_RE.search(sentence, max(0, start - 40), start)
    return not _reads_as_noun(sentence, cue, previous.group(1) if previous else None,
                              at_start)


def _reads_as_noun(sentence: str, cue: re.Match[str], previous: str | None,
                   at_start: bool) -> bool:
    word = cue.group().lower()
    participle = word.endswith(("ed", "ing")) or word in ("said", "told", "thought", "wrote")
    before = (previous or "").lower()
    if before in _DETERMINERS:
        return True  # "the claims", "his remarks", "the expected rise", "a talk"
    if before in _PREPOSITIONS and not word.endswith("ing"):
        return True  # "a series of reports", "with calls for"; but "after saying"
    if previous and not participle and previous.endswith(("'s", "’s", "s'", "s’")) and \
            before[:-2] not in _CONTRACTED:
        return True  # "Ruiz's remarks" (but "she's said", "let's say" are verbs)
    plural_noun = word in _PLURAL_NOUN_CUES
    singular_noun = word in _SINGULAR_NOUN_CUES
    if not (plural_noun or singular_noun):
        return False
    following = _NEXT_WORD_RE.match(sentence, cue.end())
    if following and following.group(1).lower() in _COMPOUND_HEADS:
        return True  # "a talk show host"
    if previous is None:
        # right after a comma or a quotation ("…, notes Ruiz") a verb; opening the sentence
        # ("Reports say…", "Claims that…") a noun
        return at_start
    if before in (_PLURAL_DETERMINERS if plural_noun else _SINGULAR_DETERMINERS):
        return True  # "these shows of force", "this show"
    if before in _ADVERBS or before.endswith("ly") or _is_name(sentence, previous):
        return False  # "Ruiz also notes", "Fox News shows"
    if _is_source_noun(previous):
        return False  # "the ministry estimates", "the figures show"
    if plural_noun:
        return before not in _SINGULAR_PRONOUNS  # "new estimates", "press claims"
    plural = before.endswith("s") and not before.endswith("ss")
    # "they didn't say", "he'd say", "we'll show"
    auxiliary = before.endswith(("n't", "n’t", "'d", "’d", "'ll", "’ll"))
    return not (plural or auxiliary or before in _PLURAL_SUBJECTS)  # "polls show", "they say"


def _is_name(sentence: str, word: str) -> bool:
    """A capitalised word that names someone: not a function word, nor an adjective that
    opens the sentence ("New estimates…")."""
    if not word[:1].isupper() or word in _NOT_NAMES:
        return False
    opening = sentence.lstrip(" \"“‘'([—–-").startswith(word)
    return not (opening and word.lower() in _OPENING_ADJECTIVES)


def _in_title_case(sentence: str) -> bool:
    """A headline in title case capitalises its verbs too: "Ruiz Says Rules Are Draconian"."""
    words = [w for w in sentence.split() if w[:1].isalpha()]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) * 10 >= len(words) * 7


# (The patterns below that only some sentences need are compiled on first use.)
# Verbs whose "to" clause is a plan or a forecast, not words: "expected to win", "asked to
# leave", "called to testify", "named to the board" (a preposition: see _introduces_clause).
_PLANNED = ("expect", "ask", "call", "name", "designat", "project", "estimat", "predict",
            "forecast", "thought")
_INFINITIVE_AFTER = LazyRegex(
    r"\s+to\s+(?!(?:the|a|an|his|her|its|their|this|that|these|those|our|my|your|reporters|"
    r"journalists)\b)(?-i:[a-z])", re.IGNORECASE)


# -- Which words does a cue give to its source? -------------------------------------------
# Forward: "Ruiz said (on Monday) the rules were draconian" gives what follows, unless a
# preposition follows the verb ("responded with a foolish remark", "called for calm", "called
# on residents"): then the words after it are the writer's description, not the source's
# words (but "warned of draconian rules" reports what was said). Time, place and
# channel phrases ("on Monday", "in a statement", "at a news conference in Geneva", "on
# Twitter", "to reporters") are skipped first.
# Backward: "…would never sell, the minister said." A tag is short: the source (perhaps with
# an appositive), the verb, and at most a time, place or channel, up to the sentence end or a
# new clause. "…, even though Dr Lee has explained in detail why it works" is not one.

_DAYS = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day\b"
_MONTHS = (r"(?:january|february|march|april|may|june|july|august|september|october|"
           r"november|december|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\b\.?")
_NAME = r"(?-i:[A-Z])[\w’'.&-]*(?:\s+(?:of\s+|the\s+)?(?-i:[A-Z])[\w’'.&-]*){0,3}(?![’']s)"
_DET = r"(?:a|an|the|his|her|its|their|this|that)"
_VENUE = (r"statement|interview|letter|speech|post|posting|tweet|release|email|e-mail|message|"
          r"video|podcast|address|filing|testimony|affidavit|op-ed|column|report|broadcast|"
          r"briefing|call|note|editorial|blog|book|memoir|appearance|session|meeting|hearing|"
          r"debate|conference|rally|summit|event|ceremony|forum|trial|launch|visit|talks|vote|"
          r"match|game|vigil|protest|funeral|parade|convention|programme|program|show")
_MONTH_WORDS = ("january", "february", "march", "april", "may", "june", "july", "august",
                "september", "october", "november", "december", "jan", "feb", "mar", "apr",
                "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec")
_DAY_WORDS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def _opening(*words: str) -> Callable[[str], bool]:
    """An alternative that opens with one of these words."""
    chosen = frozenset(words)
    return lambda word: word in chosen


# Each alternative with the words it can open with: a sentence's next word chooses the few
# to compile (lintnews.text.slots.OpeningWordAlternation; the same matches).
_ADJUNCT = OpeningWordAlternation(r"(?:\s*,)?\s+(?=\S)", [
    (_opening("on", "last", "this", "next", "late", "early"),
     rf"(?:on|last|this|next|late|early)\s+(?:{_DAYS}|{_MONTHS}\s+\d+|\d+\s+{_MONTHS})"
     r"(?:\s+(?:morning|afternoon|evening|night))?"),
    (_opening(*_DAY_WORDS, *_MONTH_WORDS), rf"(?:{_DAYS}|{_MONTHS}\s+\d+(?:,\s+\d{{4}})?)"),
    (_opening("in", "during", "since"),
     rf"(?:in|during|since)\s+(?:{_MONTHS}|\d{{4}}|the\s+(?:morning|afternoon|evening|night))"),
    (_opening("last", "this", "next", "that", "on", "over"),
     r"(?:last|this|next|that|on\s+the|over\s+the)\s+(?:week|weekend|month|year|morning|"
     r"afternoon|evening|night|spring|summer|autumn|fall|winter)"),
    (_opening("yesterday", "today", "tonight", "earlier", "later", "recently", "previously",
              "again", "also", "then", "now", "once", "twice"),
     r"(?:yesterday|today|tonight|earlier|later|recently|previously|again|also|then|now|"
     r"once|twice)\b"),
    (lambda word: word.endswith("ly"), r"(?-i:[a-z])\w+ly\b"),
    (_opening("in", "at", "during", "after", "before", "following"),
     rf"(?:in|at|during|after|before|following)\s+{_DET}\s+(?:[\w-]+\s+){{0,2}}?(?:{_VENUE})s?"
     rf"(?:\s+(?:with|to|for|on|in|at|by)\s+(?:the\s+)?{_NAME})?\b"),
    (_opening("on"),
     r"on\s+(?:twitter|facebook|instagram|x|tiktok|youtube|telegram|television|tv|radio|air|"
     r"social\s+media|(?:the\s+)?(?:radio|phone|telephone|internet|web)|"
     r"(?:his|her|its|their|the)\s+(?:website|blog|account|show|program|programme|podcast|"
     r"channel|page|site))\b"),
    (_opening("by", "via", "over"),
     r"(?:by|via|over)\s+(?:phone|telephone|email|e-mail|text|video\s+link)\b"),
    (_opening("through", "via"),
     r"(?:through|via)\s+(?:an?|his|her|its|their|the)\s+(?:spokes\w+|lawyers?|attorneys?|"
     r"representatives?|aides?|statement|publicist)\b"),
    (_opening("in"),
     r"in\s+(?:response|reply|answer)\s+to\s+(?:(?:a|an|the|his|her|its|their)\s+)?[\w-]+"
     r"(?:\s+(?:from|by)\s+(?:the\s+)?[\w-]+)?"),
    (_opening("to"),
     r"to\s+(?:reporters|journalists|the\s+press|the\s+media|parliament|lawmakers|"
     r"legislators|senators|supporters|the\s+crowd|an?\s+(?:crowd|audience)|the\s+committee|"
     rf"the\s+court|the\s+jury|{_NAME})\b"),
    (_opening("in", "at"), rf"(?:in|at)\s+(?:the\s+)?{_NAME}"),  # "in Geneva", "at the White House"
], re.IGNORECASE)
# "of", "about" and "against" name what was said ("warned of draconian rules", "spoke
# about a betrayal"): the source's own characterisation, so they are not here.
_PREPOSITION_AFTER_RE = regex(
    r"\s*(?:with|for|on|to|into|onto|at|over|from|upon|by|in|after|before|during|under|"
    r"toward|towards|without|across|through|among|between|amid|around|behind)\b",
    re.IGNORECASE)
# "said of the plan that…": a that-clause after a short phrase still reports speech.
_THAT_AFTER_PHRASE_RE = regex(r"(?:\s+[\w’'-]+){1,4}?\s+that\b", re.IGNORECASE)
_BREAK_RE = regex(r"[,;:—–()\[\]\"“”]|\s-\s")
_REST_END_RE = regex(r"[,;:—–()\[\]\"“”]|\s-\s|[.!?…]+[\s\"”’')\]]*$")
# Words that show a tag is not over: a clause after the verb ("said it would…", "explained
# why it works") or a clause around it ("even though Dr Lee said").
_CLAUSE_WORDS = frozenset({
    "that", "whether", "why", "how", "what", "if", "because", "though", "although", "while",
    "but", "he", "she", "it", "they", "we", "i", "you", "there", "is", "are", "was", "were",
    "be", "been", "will", "would", "can", "could", "should", "must", "may", "might", "has",
    "have", "had", "did", "does", "do", "shall"})
_OPENERS = frozenset({
    "and", "but", "or", "nor", "yet", "so", "though", "although", "even", "because", "since",
    "while", "whereas", "when", "whenever", "if", "unless", "until", "after", "before", "as",
    "once", "despite", "which", "that", "where", "than", "whether"})
_AUXILIARIES_ONLY = frozenset({
    "is", "are", "was", "were", "be", "been", "has", "have", "had", "will", "would", "can",
    "could", "should", "must", "may", "might", "shall", "did", "does", "do"})


def _introduces_clause(sentence: str, end: int) -> bool:
    """Are the words after the verb ending at `end` what the source said?"""
    for _ in range(4):  # "said on Monday in a statement"
        adjunct = _ADJUNCT.match(sentence, end)
        if not adjunct:
            break
        end = adjunct.end()
    preposition = _PREPOSITION_AFTER_RE.match(sentence, end)
    return not preposition or bool(_THAT_AFTER_PHRASE_RE.match(sentence, preposition.end()))


def _tag_start(sentence: str, start: int, end: int) -> int | None:
    """Where the short speech tag that the cue at sentence[start:end] ends begins (its clause
    break), or None when the cue does not end such a tag."""
    breaks = list(_BREAK_RE.finditer(sentence, 0, start))
    rest = _tag_rest(sentence, end)
    if not breaks or rest is None:
        return None
    subject = sentence[breaks[-1].end():start]
    if subject.strip():  # "…, the minister said", "…, Ruiz has said"
        words = subject.lower().split()
        if words[0] in _OPENERS or len(words) > 8 or not has_named_source(subject):
            return None
        return breaks[-1].start()
    if has_named_source(rest):  # "…, said Jane Doe", "…, argued the government's lawyer"
        return breaks[-1].start()
    return _appositive_tag_start(sentence, breaks)


def _appositive_tag_start(sentence: str, breaks: list[re.Match[str]]) -> int | None:
    """"…, Sergei Ivanov, the Kremlin chief of staff, said": the source and its appositives
    stand in the segments before the verb. The tag begins before the first of them, unless
    one opens a clause ("…, while Dr Lee, a surgeon, said")."""
    tag_start: int | None = None
    named = False
    for j in range(len(breaks) - 1, max(len(breaks) - 4, -1), -1):
        segment_start = breaks[j - 1].end() if j > 0 else 0
        words = sentence[segment_start:breaks[j].start()].lower().split()
        if not words:
            return None
        if words[0] in _OPENERS:
            return None
        relative = words[0] in ("who", "whose") and len(words) <= 12
        if not relative and (len(words) > 8 or _AUXILIARIES_ONLY.intersection(words)):
            break  # the reported words themselves
        if j == 0:
            return None  # the whole sentence before the verb is the tag: it reports nothing
        named = named or has_named_source(sentence[segment_start:breaks[j].start()])
        tag_start = breaks[j - 1].start()
    return tag_start if named else None


def _tag_rest(sentence: str, end: int) -> str | None:
    """What follows the verb up to the sentence end or a new clause, if a tag can end that
    way: a name, a time, a place or a channel ("said Jane Doe", "said in a statement on
    Monday.", "said, adding…"), not a clause ("said it would…", "explained why it works")."""
    stop = _REST_END_RE.search(sentence, end)
    rest = sentence[end: stop.start() if stop else len(sentence)]
    words = rest.lower().split()
    return rest if len(words) <= 12 and _CLAUSE_WORDS.isdisjoint(words) else None


# -- Does a verb of saying report speech? -------------------------------------------------------
# "admitted that the plan failed" reports what someone said; "admitted the robbery" (a crime),
# "conceded the election" (a result) and "admitted to hospital" do not, and "said" cannot
# replace the verb there. Without a parser, speech is recognised by what follows the verb or
# by the quotation before it.

_AUXILIARIES = (r"(?:was|were|is|are|am|had|has|have|would|will|could|can|did|does|do|should|"
                r"must|may|might|shall|ought|won['’]t|never)(?:n['’]t)?\b")
# Words that end a noun phrase without starting a clause: "admitted the error and resigned",
# "admitted to the charge". (A subject may hold "of", "in" or "on": "boasted his tent city in
# the desert was just that".)
_NOT_IN_SUBJECT = (r"(?:and|but|or|nor|then|to|by|during|after|before|when|while|because|as|"
                   r"since|until|if|than|so|who|which|whom|whose)\b")
_SPEECH_AFTER = LazyRegex(
    r"\s*(?:"
    # nothing after the verb: a speech tag ("…, he admitted.") or a colon or comma before the
    # words themselves; or a quotation straight after it
    r"$|[,:;.!?)\]—–]|[\"“‘”']"
    # a that-clause, perhaps after an adverbial: "admitted to reporters on Monday that"
    r"|(?:(?:to|on|in|at|during|after|before|under|over|last|this|earlier|later|again|also|"
    r"however|now|then|yesterday|today|tonight|privately|publicly|\w+ly)\b"
    r"[^.;:!?\"“”]{0,60}?\s)?that\b"
    # a clause with its own subject: "admitted he had", "admits the takeover has not"
    r"|(?:he|she|they|we|i|you|there)\b"
    rf"|(?:it|this|that|these|those)\s+{_AUXILIARIES}"
    rf"|(?:(?!{_NOT_IN_SUBJECT})[\w’'“”\"‘-]+\s+){{1,7}}?{_AUXILIARIES})",
    re.IGNORECASE,
)
# The verb follows a quotation, its speaker after it: '"We lost," admitted the coach'.
_AFTER_QUOTATION_RE = regex(r"(?:[,.!?…]\s*[\"”’']|[\"”’']\s*,)\s*$")


# "insists that the budget include funding", "insisted he resign": a demand in the mandative
# subjunctive, not a report of speech. A singular subject (a pronoun, or a short noun phrase
# whose last word does not end in -s) followed by a verb's bare form: not an auxiliary or a
# modal, not ending in -s or -ed, not a common irregular past, not an adverb.
_NOT_BARE_VERB = (
    r"(?:was|were|is|are|am|had|has|have|did|does|do|would|will|could|can|should|must|may|"
    r"might|shall|ought|never|not|also|always|still|only|just|already|again|even|then|now|"
    r"went|came|got|made|took|gave|knew|saw|told|said|felt|left|kept|thought|put|ran|won|lost|"
    r"paid|sent|spent|built|meant|brought|bought|found|held|led|met|set|sat|stood|understood|"
    r"wrote|spoke|broke|chose|drove|fell|forgot|grew|heard|hit|hurt|let|lay|quit|read|rose|"
    r"shut|sold|struck|taught|threw|wore|\w+ly)\b")
_DEMAND_AFTER = LazyRegex(
    r"\s+(?:that\s+)?(?:he|she|it|(?:the|a|an|this|his|her|its|their|our|every|each)"
    rf"(?:\s+(?!{_NOT_BARE_VERB})[\w-]+){{1,3}}?(?<![sS']))\s+"
    rf"(?!{_NOT_BARE_VERB})(?:be\b|[a-z]+(?<![sd]))\b",
    re.IGNORECASE,
)


def reports_speech(text: str, start: int, end: int, sentence_start: int,
                   sentence_end: int) -> bool:
    """Does the verb of saying at text[start:end] introduce what someone said: a that-clause,
    a clause ("admitted he had lied"), a colon or a comma and a quotation, or a speech tag
    ('"…," he admitted')? Not when it takes an object ("admitted the robbery"), nor when
    "insist" makes a demand ("insists that the budget include funding")."""
    if text[start:end].lower().startswith("insist") and \
            _DEMAND_AFTER.compiled.match(text, end, sentence_end):
        return False
    return bool(_SPEECH_AFTER.compiled.match(text, end, sentence_end)
                or _AFTER_QUOTATION_RE.search(text, sentence_start, start))
