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
from functools import lru_cache

from lintnews.engine.trie import trie_regex
from lintnews.regex_store import derived, regex

_FIRST_WORD_RE = regex(r"(?:the\s+|a\s+)?(\w[\w’'.-]*)")

def _alternation(words: str) -> str:
    """A regex alternation of `words` ("a|b|officials?|organi[sz]ation"), written as a trie:
    the same strings, but `re` no longer tries a hundred branches at every character.
    Written once and remembered with the compiled patterns (lintnews.regex_store)."""
    return str(derived("trie", words, 0, lambda: _trie_of(words)))


def _trie_of(words: str) -> str:
    expanded: list[str] = []
    for word in words.split("|"):
        spellings = [word]
        if "[" in word:  # one letter class, as in organi[sz]ation
            head, _, rest = word.partition("[")
            letters, _, tail = rest.partition("]")
            spellings = [head + letter + tail for letter in letters]
        for spelling in spellings:
            if spelling.endswith("?"):  # an optional last letter, as in officials?
                expanded += [spelling[:-2], spelling[:-1]]
            else:
                expanded.append(spelling)
    return trie_regex(expanded, fold_case=True)


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
CUE_VERBS = _alternation(CUE_VERB_LIST)
SOURCE_NOUNS = _alternation(SOURCE_NOUN_LIST)
VAGUE_SUBJECTS = _alternation(VAGUE_SUBJECT_LIST)
PRONOUNS = r"he|she|they|we|i|it"

_CUE_RE = regex(rf"(?<![\w-])(?:{CUE_VERBS})\b", re.IGNORECASE)
_SOURCE_NOUN_RE = regex(rf"\b(?:{SOURCE_NOUNS})\b", re.IGNORECASE)
_VAGUE_RE = regex(rf"\b(?:{VAGUE_SUBJECTS})\s*$", re.IGNORECASE)
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
_COLON_ATTRIBUTION_RE = regex(r"^[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,3}:\s")
_PASSIVE_BEFORE_RE = regex(r"\b(?:is|are|was|were|be|been|being|am)\s+(?:\w+ly\s+)?$",
                                re.IGNORECASE)
WINDOW_WORDS = 7


def _words_before(text: str, index: int, limit: int = WINDOW_WORDS) -> str:
    head = text[:index]
    parts = head.split()
    return " ".join(parts[-limit:])


def has_named_source(window: str) -> bool:
    """A capitalised name, a pronoun or an institutional noun, and not only a vague subject."""
    if not window.strip():
        return False
    if _VAGUE_RE.search(window):
        return False
    if _PRONOUN_RE.search(window) or _SOURCE_NOUN_RE.search(window):
        return True
    return any(m.group() not in _NOT_NAMES for m in _NAME_RE.finditer(window))


_NOT_NAMES = {"The", "A", "An", "But", "And", "It", "In", "On", "At", "This", "That", "As",
              "However", "Meanwhile", "Some", "Many", "Most", "Critics", "Experts", "Observers",
              "Analysts", "Others", "People", "If", "When", "While", "Although", "Though", "I"}


def find_cue(sentence: str) -> re.Match[str] | None:
    """The first attribution cue in `sentence` that has a named source, if any."""
    cues = find_cues(sentence)
    return cues[0][0] if cues else None


@lru_cache(maxsize=256)
def find_cues(sentence: str) -> tuple[tuple[re.Match[str], bool], ...]:
    """Attribution cues with a named source, each with whether it covers the whole sentence
    ("according to X", "X: …", "in a statement") or only the clause it governs ("X said …").
    Remembered per sentence text: the quotation linker and the attribution rules both ask."""
    cues: list[tuple[re.Match[str], bool]] = []
    static = _STATIC_CUES_RE.search(sentence)
    if static and has_named_source(sentence[static.end(): static.end() + 60] + " "
                                   + _words_before(sentence, static.start())):
        cues.append((static, True))
    colon = _COLON_ATTRIBUTION_RE.match(sentence)
    if colon:
        cues.append((colon, True))
    for cue in _CUE_RE.finditer(sentence):
        if _PASSIVE_BEFORE_RE.search(sentence, 0, cue.start()):
            continue  # "is widely thought", "was expected": a passive, not a source speaking
        before = _words_before(sentence, cue.start())
        after = " ".join(sentence[cue.end():].split()[:4])
        if has_named_source(before) or _starts_with_name(after) or \
                (_starts_with_name(sentence[: cue.start()].lstrip(" \"“‘'(")) and \
                not _VAGUE_RE.search(before)):
            cues.append((cue, False))
    return tuple(sorted(cues, key=lambda c: c[0].start()))


def _starts_with_name(text: str) -> bool:
    """Inverted attribution: '…, said Smith' / '…, said the ministry'."""
    m = _FIRST_WORD_RE.match(text)
    if not m:
        return False
    word = m.group(1)
    return (word[:1].isupper() and word not in _NOT_NAMES) or bool(_SOURCE_NOUN_RE.fullmatch(word))


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
_SPEECH_AFTER_RE = regex(
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
_DEMAND_AFTER_RE = regex(
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
            _DEMAND_AFTER_RE.match(text, end, sentence_end):
        return False
    return bool(_SPEECH_AFTER_RE.match(text, end, sentence_end)
                or _AFTER_QUOTATION_RE.search(text, sentence_start, start))
