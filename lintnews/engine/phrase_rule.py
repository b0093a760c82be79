"""A declarative rule at work: find its phrases through the word index, then apply the
context conditions that keep it quiet on good copy. Built from pack data by
lintnews.engine.declarative."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import cached_property
from typing import Any, NamedTuple

from lintnews.cache.patterns import regex
from lintnews.document.attribution import reports_speech
from lintnews.document.model import Document
from lintnews.engine.matcher import Matcher, Part, PhraseSet, TriggerIndex, text_keys
from lintnews.engine.rule_types import Context, Hit, RuleMeta, Severity
from lintnews.engine.spelling import respell
from lintnews.text.lazy import LazyRegex

_MENTION_RE = regex(
    r"(?:\b(?:called|call|calls|calling|term|terms|termed|word|words|dubbed|dubs|label(?:l?ed)?|"
    r"branded|described as|describing .{0,30} as|refer(?:red|s)? to .{0,30} as|known as|"
    # a label someone pinned on someone: "insulted Biden as unintelligent"
    r"(?:insult|dismiss|derid|denounc|attack|criticis|criticiz|condemn|paint|portray|"
    r"characteri[sz]|mock|ridicul|slamm|blast|brand|label)\w*\s.{0,40}?\sas)\s+"
    r"(?:it\s+|them\s+|him\s+|her\s+|this\s+|that\s+|these\s+|those\s+)?(?:as\s+)?"
    r"(?:an?\s+|the\s+)?[\"'“‘]?)$",
    re.IGNORECASE,
)
# The word names what someone is charged with or accused of, not the writer's verdict, so it
# is mentioned rather than used: "on charges of inciting immorality", "accused of cowardice".
_CHARGE_RE = LazyRegex(
    r"\b(?:charges?|charged|accus(?:ed|ing|es|e|ations?)|convict(?:ed|ion|ions)|guilty|"
    r"suspicion|suspected|allegations?|alleging|indict(?:ed|ment)|prosecuted|arrested|jailed|"
    r"imprisoned|sentenced|fined|tried|offences?|offenses?|crimes?)"
    r"(?:\s+(?:him|her|them|us|you|me|it|[\w'’-]+'s?|the\s+[\w'’-]+)){0,1}\s+(?:of|with|for)\s+"
    r"(?:being\s+)?(?:[^\s;:.]+\s+){0,7}$", re.IGNORECASE)
_CONTEXT_CHARS = 80


class Sense(NamedTuple):
    """Where some of a rule's words are loaded and where they are neutral, told apart by
    their neighbours: "regime" is loaded when tied to a state or leader ("the Assad regime",
    "the regime arrested"), not as a scheme ("a regime of daily training")."""

    words: PhraseSet  # the hits this sense speaks about (matched against the whole hit)
    loaded_before: LazyRegex | None  # when either loaded_ key is given, one of them must match
    loaded_after: LazyRegex | None
    neutral_before: LazyRegex | None  # any neutral_ match clears the hit
    neutral_after: LazyRegex | None
    neutral_sentence: LazyRegex | None
    severity: Severity | None  # reported at this level where it is still flagged
    skip_attributed: bool = False  # these words are the source's inside its reported speech


class ContextRules(NamedTuple):
    """The context a phrase rule checks around a match (unlike Context, the run a rule is
    called in): exceptions, words before and after, and what to skip."""

    exceptions: PhraseSet | None
    unless_before: LazyRegex | None
    unless_after: LazyRegex | None
    only_before: LazyRegex | None
    only_after: LazyRegex | None
    unless_sentence: LazyRegex | None
    skip_names: bool
    skip_mentions: bool
    skip_attributed: bool
    skip_attributed_except: PhraseSet | None  # the writer's words even in reported speech
    only_speech: PhraseSet | None  # verbs reported only where they introduce speech
    skip_sourced: bool
    sourced_severity: Severity | None
    scope: frozenset[str]
    unless_nearby: LazyRegex | None = None  # in the sentence before, this or the next two
    skip_named_after: bool = False  # a named source in the next sentence stands for the vague one
    skip_titles: bool = False  # a capitalised hit mid-sentence is a title: "her single Outrageous"
    senses: tuple[Sense, ...] = ()


class Swap(NamedTuple):
    """A substitution: text the pattern recognises, and what to write instead."""

    pattern: LazyRegex
    suggestions: list[str]
    # The word-index keys a text it recognises begins with (None: unknown, as for a
    # swap_patterns entry); a hit that begins otherwise is not tried against it.
    keys: list[str] | None = None


class PhraseRule:
    """An existence or substitution rule compiled from pack data."""

    def __init__(self, meta: RuleMeta, pattern: LazyRegex,
                 build_parts: Callable[[], list[Part]], message: str,
                 swaps: list[Swap] | Callable[[], list[Swap]], context: ContextRules) -> None:
        self.meta = meta
        self.lazy_pattern = pattern  # the whole alternation, for reference and for tests
        self._build_parts = build_parts
        self.use_index = True  # find matches through the word index (see matcher.py)
        self.trigger_index: TriggerIndex | None = None  # shared with the other rules
        self.message = message
        self._templates: dict[str | None, str] = {}  # the message per spelling
        self._swaps = swaps
        self.context = context

    @cached_property
    def swaps(self) -> list[Swap]:
        """Which suggestions go with which matched text ([] for an existence rule)."""
        return self._swaps() if callable(self._swaps) else self._swaps

    @property
    def pattern(self) -> re.Pattern[str]:
        return self.lazy_pattern.compiled

    @cached_property
    def matcher(self) -> Matcher:
        return Matcher(self._build_parts(), self.lazy_pattern)

    def prepare(self) -> None:
        """Compile everything a lint will need now, not at the first match: before worker
        processes are forked, so that they share it."""
        self.matcher.prepare()

    def _swap_pattern(self, swap: Swap) -> re.Pattern[str]:
        # Compiled when a hit may be this swap's: most of a table is never needed in a run.
        return regex(swap.pattern.source, self.lazy_pattern.flags & re.IGNORECASE)

    def matches(self, doc: Document) -> Iterator[tuple[int, int]]:
        """(start, end) of each match: the same as the pattern's finditer, found faster."""
        if not self.use_index:
            return (m.span() for m in self.pattern.finditer(doc.prose))
        matcher = self.matcher
        present = self.trigger_index.present(doc, matcher) if self.trigger_index else None
        return matcher.find_in(doc, present)

    def check(self, doc: Document, ctx: Context) -> Iterator[Hit]:
        prose = doc.prose
        # lintnews' own wording follows [language] spelling; a newsroom's pack keeps its own.
        spelling = ctx.settings.spelling if self.meta.pack.startswith("builtin:") else None
        for start, end in self.matches(doc):
            sentence = doc.sentence_at(start)
            if sentence is None or end > sentence.end:
                continue
            if not self._in_scope(doc, sentence.paragraph):
                continue
            if self._excluded(doc, sentence, start, end):
                continue
            found = prose[start:end]
            suggestions = tuple(match_case(respell(s, spelling) if spelling else s, found)
                                for s in self._suggest(found))
            message = self._template(spelling).format(
                match=" ".join(found.split()),
                suggestion=" or ".join(f"'{s}'" for s in suggestions) if suggestions else "",
                replacement=suggestions[0] if suggestions else "",
            )
            severity = next((sense.severity for sense in self._senses_of(found)
                             if sense.severity is not None), None)
            if self.context.sourced_severity is not None and doc.is_sourced(sentence):
                severity = self.context.sourced_severity
            yield Hit(start, end, message, suggestions, severity)

    def _template(self, spelling: str | None) -> str:
        """The message in the configured spelling, worked out on the rule's first hit."""
        template = self._templates.get(spelling)
        if template is None:
            template = respell(self.message, spelling) if spelling else self.message
            self._templates[spelling] = template
        return template

    def _suggest(self, found: str) -> list[str]:
        normalised = " ".join(found.split())
        keys = text_keys(found)  # the same words as the normalised text's
        for swap in self.swaps:
            if keys is not None and swap.keys and not any(key in keys for key in swap.keys):
                continue  # it cannot recognise a text that begins with other words
            pattern = self._swap_pattern(swap)
            if pattern.fullmatch(found) or pattern.fullmatch(normalised):
                return swap.suggestions
        return []

    def _senses_of(self, found: str) -> list[Sense]:
        return [sense for sense in self.context.senses if sense.words.fullmatch(found)]

    def _in_scope(self, doc: Document, paragraph_index: int) -> bool:
        kind = doc.paragraphs[paragraph_index].kind
        area = ("headline" if kind in ("headline", "dek")
                else "heading" if kind == "heading" else "body")
        return area in self.context.scope

    def _excluded(self, doc: Document, sentence: Any, start: int, end: int) -> bool:
        c = self.context
        prose = doc.prose
        lo = max(sentence.start, start - _CONTEXT_CHARS)
        hi = min(sentence.end, end + _CONTEXT_CHARS)
        before, after = prose[lo:start], prose[end:hi]
        if c.exceptions is not None:
            # the window as the pattern sees it (up to hi): its words choose the phrases
            exceptions = c.exceptions.for_text(prose[lo:hi])
            for m in exceptions.finditer(prose, lo, hi):
                if m.start() < end and m.end() > start:
                    return True
        if c.unless_before is not None and c.unless_before.compiled.search(before):
            return True
        if c.unless_after is not None and c.unless_after.compiled.match(after):
            return True
        if c.only_before is not None and not c.only_before.compiled.search(before):
            return True
        if c.only_after is not None and not c.only_after.compiled.match(after):
            return True
        if c.unless_sentence is not None and c.unless_sentence.compiled.search(
                prose, sentence.start, sentence.end):
            return True
        if c.skip_mentions and is_mentioned(prose, lo, start, end):
            return True
        if c.skip_names and _in_name(prose, sentence.start, start, end):
            return True
        if c.skip_titles and is_title(prose, sentence.start, start):
            return True
        if c.skip_sourced and doc.is_sourced(sentence):
            return True
        if c.skip_named_after and doc.named_source_follows(sentence):
            return True
        if c.unless_nearby is not None and _said_nearby(c.unless_nearby, doc, sentence,
                                                         start, end):
            return True
        found = prose[start:end]
        if c.senses and any(_sense_clears(sense, doc, sentence, before, after)
                            or (sense.skip_attributed and doc.is_reported_speech(start, end))
                            for sense in self._senses_of(found)):
            return True
        if c.only_speech is not None and c.only_speech.fullmatch(found) and \
                not reports_speech(prose, start, end, sentence.start, sentence.end):
            return True  # "admitted the robbery": an object, not what someone said
        if c.skip_attributed and sentence.paragraph in doc.speaker_paragraphs:
            return True  # an interview answer or a statement: every word is the speaker's
        return c.skip_attributed and doc.is_reported_speech(start, end) and not (
            c.skip_attributed_except is not None
            and c.skip_attributed_except.fullmatch(found))


# Where the hit's own clause ends: what follows may be another voice ("…; the company says").
_CLAUSE_END_RE = regex(r"[;:—–]|\s-\s|,?\s+(?:but|while|whereas|although|though|however|yet)\b",
                       re.IGNORECASE)


def _said_nearby(pattern: LazyRegex, doc: Document, sentence: Any, start: int, end: int) -> bool:
    """`pattern` in the sentence before, in the hit's sentence outside the clause it governs
    (the claim itself: "claimed the story was a hoax"), or in the next two sentences."""
    around = doc.sentences_around(sentence, after=2)
    compiled = pattern.compiled
    prose = doc.prose
    # Each piece on its own: "But" opening the hit's own sentence contrasts it with the one
    # before; opening the next sentence ("…. But the company says…"), it answers the claim.
    if around[0] is not sentence and compiled.search(prose[around[0].start:sentence.start]):
        return True
    if compiled.search(prose[sentence.start:start]):
        return True
    clause_end = _CLAUSE_END_RE.search(prose, end, sentence.end)
    if clause_end and compiled.search(prose[clause_end.start():sentence.end]):
        return True
    # from the hit sentence's last character, so that the next one is seen opening
    return around[-1] is not sentence and bool(compiled.search(prose[sentence.end - 1:
                                                                      around[-1].end]))


def _sense_clears(sense: Sense, doc: Document, sentence: Any, before: str, after: str) -> bool:
    """Do the hit's neighbours show the neutral sense, or fail to show the loaded one?"""
    if sense.neutral_before is not None and sense.neutral_before.compiled.search(before):
        return True
    if sense.neutral_after is not None and sense.neutral_after.compiled.match(after):
        return True
    if sense.neutral_sentence is not None and sense.neutral_sentence.compiled.search(
            doc.sentence_text(sentence)):
        return True
    if sense.loaded_before is None and sense.loaded_after is None:
        return False
    return not ((sense.loaded_before is not None and sense.loaded_before.compiled.search(before))
                or (sense.loaded_after is not None and sense.loaded_after.compiled.match(after)))


def is_title(prose: str, sentence_start: int, start: int) -> bool:
    """A capitalised word mid-sentence, not after a colon or an opening quote: a title or a
    name ("her single Outrageous", "the Iconic Hotel")."""
    if not prose[start].isupper() or start <= sentence_start:
        return False
    previous = prose[sentence_start:start].rstrip()
    if not previous or previous[-1] in ":;\"“‘'(—–-":
        return False
    words = previous.split()[-8:]  # a headline in title case capitalises every word
    return sum(w[:1].isupper() for w in words) * 2 <= len(words)


def is_mentioned(prose: str, lo: int, start: int, end: int) -> bool:
    """The word is mentioned, not used: "what he called a regime", "the word 'regime'", "accused
    of cowardice"."""
    return bool(_MENTION_RE.search(prose[lo:start])) or _is_quoted_word(prose, start, end) or \
        bool(_CHARGE_RE.compiled.search(prose, lo, start))


def _is_quoted_word(prose: str, start: int, end: int) -> bool:
    return start > 0 and prose[start - 1] in "\"'“‘" and end < len(prose) and prose[end] in "\"'”’"


_CAP_WORD_RE = regex(r"([A-Z][\w’'.-]*)\s+$")


def _in_name(prose: str, sentence_start: int, start: int, end: int) -> bool:
    """The hit is part of a Title-Case name: 'Sandy Hook massacre', 'the Radical Party'."""
    if prose[start].isupper() and start > sentence_start:
        return True
    m = _CAP_WORD_RE.search(prose, max(sentence_start, start - 40), start)
    return bool(m and m.start() > sentence_start)


def match_case(suggestion: str, found: str) -> str:
    if found[:1].isupper() and suggestion[:1].islower():
        return suggestion[:1].upper() + suggestion[1:]
    return suggestion
