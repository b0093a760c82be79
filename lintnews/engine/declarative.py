"""Declarative rules: TOML data in a pack, no code. Two kinds, after Vale's rule types:

- existence: flag each phrase in `phrases`;
- substitution: flag each key of `swap` and suggest its value.

Context keys narrow a rule so that it stays quiet on ordinary copy: `exceptions` (phrases
that, overlapping a hit, clear it: "claimed responsibility"), `unless_before` /
`unless_after` / `only_before` / `only_after` (regular expressions on the words around a hit),
`unless_sentence` (a regular expression anywhere in the hit's sentence),
`skip_names` (Title-Case names such as "Sandy Hook Massacre"), `skip_mentions` ("what he
called a regime"), `skip_attributed` (reported speech of a named source), `skip_sourced` (a named source
in the sentence or the one before or after it in the paragraph), `sourced_severity` (report
at this severity when such a source is nearby), `scope` (which
blocks: body, headline, heading) and `quotes` (skip, info or report inside direct quotes).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from lintnews.document.model import Document
from lintnews.engine.model import CATEGORIES, QUOTE_POLICIES, Context, Example, Hit, RuleMeta, Severity
from lintnews.engine.phrases import compile_phrases, phrase_regex
from lintnews.engine.prefilter import required_prefixes, trigger_keys
from lintnews.engine.safety import check_user_regex, compile_user_regex
from lintnews.engine.trie import split_padding, trie_regex

RULE_KEYS = {
    "code", "name", "category", "type", "severity", "message", "summary", "rationale",
    "source", "phrases", "swap", "patterns", "swap_patterns", "exceptions", "unless_before", "unless_after", "only_before",
    "only_after", "unless_sentence", "skip_sourced", "sourced_severity", "skip_names", "skip_mentions", "skip_attributed", "scope", "quotes",
    "case_sensitive", "inflect", "fix_safe", "examples", "enabled",
}
SCOPES = {"body", "headline", "heading"}
_MENTION_RE = re.compile(
    r"(?:\b(?:called|call|calls|calling|term|terms|termed|word|words|dubbed|dubs|label(?:l?ed)?|"
    r"branded|described as|describing .{0,30} as|refer(?:red|s)? to .{0,30} as|known as)\s+"
    r"(?:it\s+|them\s+|him\s+|her\s+)?(?:as\s+)?(?:an?\s+|the\s+)?[\"'“‘]?)$",
    re.IGNORECASE,
)
_CONTEXT_CHARS = 80
# Above this many candidate positions an ordinary scan beats anchored matches (measured on
# the news corpus: an anchored match costs ~1.5 µs, a scan of a 4,000-character article
# ~250 µs).
SCAN_INSTEAD_ABOVE = 150


class PackError(Exception):
    """A rule pack that cannot be loaded; the message names the file and the rule."""


@dataclass(frozen=True)
class _Context:
    exceptions: re.Pattern[str] | None
    unless_before: re.Pattern[str] | None
    unless_after: re.Pattern[str] | None
    only_before: re.Pattern[str] | None
    only_after: re.Pattern[str] | None
    unless_sentence: re.Pattern[str] | None
    skip_names: bool
    skip_mentions: bool
    skip_attributed: bool
    skip_sourced: bool
    sourced_severity: Severity | None
    scope: frozenset[str]


class PhraseRule:
    """An existence or substitution rule compiled from pack data."""

    def __init__(self, meta: RuleMeta, build_pattern: Callable[[], re.Pattern[str]],
                 message: str, swaps: dict[str, list[str]], context: _Context) -> None:
        self.meta = meta
        self._build_pattern = build_pattern
        self.use_index = True  # match through the document's word index (see prefilter)
        self.message = message
        self.swaps = swaps  # a regex per swap key → suggestions ({} for existence)
        self.context = context

    @cached_property
    def pattern(self) -> re.Pattern[str]:
        """Compiled on first use: building a large pack's patterns is the cost of start-up."""
        try:
            return self._build_pattern()
        except (ValueError, re.error) as err:
            raise PackError(f"{self.meta.pack}: rule {self.meta.code}: bad pattern: {err}") from None

    @cached_property
    def swap_patterns(self) -> list[tuple[re.Pattern[str], list[str]]]:
        # Compiled on the first hit only: most rules never need them in a run.
        flags = self.pattern.flags & re.IGNORECASE
        return [(re.compile(k, flags), v) for k, v in self.swaps.items()]

    @cached_property
    def trigger_keys(self) -> frozenset[str] | None:
        return trigger_keys(self.pattern)

    @cached_property
    def required_prefixes(self) -> frozenset[str] | None:
        return required_prefixes(self.pattern) if self.trigger_keys is None else None

    def matches(self, doc: Document) -> Iterator[re.Match[str]]:
        """The same matches as pattern.finditer(doc.prose), found through the word index."""
        pattern, prose = self.pattern, doc.prose
        keys = self.trigger_keys if self.use_index else None
        if keys is None:
            prefixes = self.required_prefixes if self.use_index else None
            if prefixes is not None and not any(p in doc.lowered for p in prefixes):
                return
            yield from pattern.finditer(prose)
            return
        starts = doc.word_starts
        present = keys.intersection(starts) if len(keys) < len(starts) else \
            set(starts).intersection(keys)
        if not present:
            return
        count = sum(len(starts[key]) for key in present)
        if count > SCAN_INSTEAD_ABOVE:  # common opening words: one scan is cheaper
            yield from pattern.finditer(prose)
            return
        positions = sorted(p for key in present for p in starts[key])
        last_end = -1
        for position in positions:
            if position < last_end:
                continue
            match = pattern.match(prose, position)
            if match and match.end() > match.start():
                last_end = match.end()
                yield match

    def check(self, doc: Document, ctx: Context) -> Iterator[Hit]:
        prose = doc.prose
        for match in self.matches(doc):
            start, end = match.span()
            sentence = doc.sentence_at(start)
            if sentence is None or end > sentence.end:
                continue
            if not self._in_scope(doc, sentence.paragraph):
                continue
            if self._excluded(doc, sentence, start, end):
                continue
            found = prose[start:end]
            suggestions = tuple(_match_case(s, found) for s in self._suggest(found))
            message = self.message.format(
                match=" ".join(found.split()),
                suggestion=" or ".join(f"'{s}'" for s in suggestions) if suggestions else "",
                replacement=suggestions[0] if suggestions else "",
            )
            severity = None
            if self.context.sourced_severity is not None and doc.is_sourced(sentence):
                severity = self.context.sourced_severity
            yield Hit(start, end, message, suggestions, severity)

    def _suggest(self, found: str) -> list[str]:
        normalised = " ".join(found.split())
        for pattern, suggestions in self.swap_patterns:
            if pattern.fullmatch(found) or pattern.fullmatch(normalised):
                return suggestions
        return []

    def _in_scope(self, doc: Document, paragraph_index: int) -> bool:
        kind = doc.paragraphs[paragraph_index].kind
        area = "headline" if kind in ("headline", "dek") else "heading" if kind == "heading" else "body"
        return area in self.context.scope

    def _excluded(self, doc: Document, sentence: Any, start: int, end: int) -> bool:
        c = self.context
        prose = doc.prose
        lo = max(sentence.start, start - _CONTEXT_CHARS)
        hi = min(sentence.end, end + _CONTEXT_CHARS)
        before, after = prose[lo:start], prose[end:hi]
        if c.exceptions is not None:
            for m in c.exceptions.finditer(prose, lo, hi):
                if m.start() < end and m.end() > start:
                    return True
        if c.unless_before is not None and c.unless_before.search(before):
            return True
        if c.unless_after is not None and c.unless_after.match(after):
            return True
        if c.only_before is not None and not c.only_before.search(before):
            return True
        if c.only_after is not None and not c.only_after.match(after):
            return True
        if c.unless_sentence is not None and c.unless_sentence.search(
                prose, sentence.start, sentence.end):
            return True
        if c.skip_mentions and (_MENTION_RE.search(before) or _is_quoted_word(prose, start, end)):
            return True
        if c.skip_names and _in_name(prose, sentence.start, start, end):
            return True
        if c.skip_sourced and doc.is_sourced(sentence):
            return True
        return c.skip_attributed and doc.is_reported_speech(start, end)


def _severity(value: Any, where: str) -> Severity | None:
    if value is None:
        return None
    try:
        return Severity.parse(str(value))
    except ValueError as err:
        raise PackError(f"{where}: {err}") from None


def _is_quoted_word(prose: str, start: int, end: int) -> bool:
    return start > 0 and prose[start - 1] in "\"'“‘" and end < len(prose) and prose[end] in "\"'”’"


_CAP_WORD_RE = re.compile(r"([A-Z][\w’'.-]*)\s+$")


def _in_name(prose: str, sentence_start: int, start: int, end: int) -> bool:
    """The hit is part of a Title-Case name: 'Sandy Hook massacre', 'the Radical Party'."""
    if prose[start].isupper() and start > sentence_start:
        return True
    m = _CAP_WORD_RE.search(prose, max(sentence_start, start - 40), start)
    return bool(m and m.start() > sentence_start)


def _match_case(suggestion: str, found: str) -> str:
    if found[:1].isupper() and suggestion[:1].islower():
        return suggestion[:1].upper() + suggestion[1:]
    return suggestion


def _as_list(value: Any, key: str, where: str) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return value
    raise PackError(f"{where}: '{key}' must be a string or a list of strings")


def build_rule(data: dict[str, Any], pack: str, where: str) -> PhraseRule:
    """Validate one [[rule]] table and compile it."""
    unknown = sorted(set(data) - RULE_KEYS)
    if unknown:
        raise PackError(f"{where}: unknown key '{unknown[0]}'")
    for key in ("code", "name", "category", "message"):
        if not isinstance(data.get(key), str) or not data[key].strip():
            raise PackError(f"{where}: missing or empty '{key}'")
    where = f"{where} ({data['code']})"
    if not re.fullmatch(r"[A-Z][A-Z0-9]*\d{2,}", data["code"]):
        raise PackError(f"{where}: code must be letters then digits, like LN201 or HOUSE01")
    if data["category"] not in CATEGORIES:
        raise PackError(f"{where}: category must be one of {', '.join(CATEGORIES)}")
    kind = data.get("type", "existence")
    if kind not in ("existence", "substitution"):
        raise PackError(f"{where}: type must be 'existence' or 'substitution'")
    try:
        severity = Severity.parse(data.get("severity", "warning"))
    except ValueError as err:
        raise PackError(f"{where}: {err}") from None
    quotes = data.get("quotes", "skip")
    if quotes not in QUOTE_POLICIES:
        raise PackError(f"{where}: quotes must be one of {', '.join(QUOTE_POLICIES)}")
    case_sensitive = bool(data.get("case_sensitive", False))
    inflect = bool(data.get("inflect", False))

    swaps: dict[str, list[str]] = {}
    regexes: list[str] = []
    phrases: list[str] = []
    if kind == "substitution":
        swap = data.get("swap")
        swap_patterns = data.get("swap_patterns")
        if not (isinstance(swap, dict) and swap) and not (isinstance(swap_patterns, dict)
                                                           and swap_patterns):
            raise PackError(f"{where}: a substitution rule needs a 'swap' table")
        for phrase, suggestion in (swap or {}).items():
            phrases.append(phrase)
            swaps[_phrase_fullmatch(phrase, inflect)] = _as_list(suggestion, f"swap.{phrase}", where)
        for regex, suggestion in (swap_patterns or {}).items():
            regexes.append(_checked_regex(regex, where))
            swaps[regex] = _as_list(suggestion, f"swap_patterns.{regex}", where)
    else:
        phrases = _as_list(data.get("phrases", []), "phrases", where)
        regexes = [_checked_regex(r, where) for r in _as_list(data.get("patterns", []),
                                                              "patterns", where)]
        if not phrases and not regexes:
            raise PackError(f"{where}: an existence rule needs 'phrases' or 'patterns'")
    try:
        for phrase in phrases:
            phrase_regex(phrase)  # syntax errors in phrases are reported now, not at first use
        exceptions = (compile_phrases(_as_list(data["exceptions"], "exceptions", where))
                      if data.get("exceptions") else None)
    except (ValueError, re.error) as err:
        raise PackError(f"{where}: bad phrase: {err}") from None

    def user_regex(key: str, anchor: str) -> re.Pattern[str] | None:
        value = data.get(key)
        if value is None:
            return None
        if not isinstance(value, str):
            raise PackError(f"{where}: '{key}' must be a string (a regular expression)")
        try:
            return compile_user_regex(value, anchor)
        except ValueError as err:
            raise PackError(f"{where}: '{key}': {err}") from None

    scope = frozenset(_as_list(data.get("scope", sorted(SCOPES)), "scope", where))
    if not scope <= SCOPES:
        raise PackError(f"{where}: scope entries must be among {', '.join(sorted(SCOPES))}")
    context = _Context(
        exceptions=exceptions,
        unless_before=user_regex("unless_before", "end"),
        unless_after=user_regex("unless_after", "start"),
        only_before=user_regex("only_before", "end"),
        only_after=user_regex("only_after", "start"),
        unless_sentence=user_regex("unless_sentence", "anywhere"),
        skip_names=bool(data.get("skip_names", False)),
        skip_mentions=bool(data.get("skip_mentions", True)),
        skip_attributed=bool(data.get("skip_attributed", False)),
        skip_sourced=bool(data.get("skip_sourced", False)),
        sourced_severity=_severity(data.get("sourced_severity"), where),
        scope=scope,
    )
    examples = data.get("examples", {})
    if not isinstance(examples, dict) or set(examples) - {"bad", "good"}:
        raise PackError(f"{where}: 'examples' must be a table with 'bad' and 'good' lists")
    bad = _as_list(examples.get("bad", []), "examples.bad", where)
    good = _as_list(examples.get("good", []), "examples.good", where)
    meta = RuleMeta(
        code=data["code"], name=data["name"], category=data["category"], severity=severity,
        summary=str(data.get("summary", data["message"])),
        rationale=str(data.get("rationale", "")).strip(),
        source=str(data.get("source", "")), pack=pack,
        examples=tuple([Example(t, True) for t in bad] + [Example(t, False) for t in good]),
        quotes=quotes, fix_safe=bool(data.get("fix_safe", False)),
        enabled_by_default=bool(data.get("enabled", True)),
    )
    def build_pattern() -> re.Pattern[str]:
        return _combine(phrases, regexes, case_sensitive, inflect)

    rule = PhraseRule(meta, build_pattern, data["message"], swaps, context)
    if not pack.startswith("builtin:"):
        try:  # a user's pack is checked completely at load time
            _ = rule.pattern
        except PackError as err:
            raise PackError(f"{where}: {err}") from None
    return rule


def _checked_regex(pattern: str, where: str) -> str:
    """A pack's raw regular expression, checked for catastrophic backtracking."""
    try:
        check_user_regex(pattern)
    except ValueError as err:
        raise PackError(f"{where}: pattern {pattern!r}: {err}") from None
    return pattern


def _combine(phrases: list[str], regexes: list[str], case_sensitive: bool,
             inflect: bool) -> re.Pattern[str]:
    flags = 0 if case_sensitive else re.IGNORECASE
    parts = []
    if phrases:
        parts.append(compile_phrases(phrases, case_sensitive=case_sensitive,
                                     inflect_first=inflect).pattern)
    literal_groups: dict[tuple[str, str], list[str]] = {}
    for regex in regexes:
        split = split_padding(regex)
        if split is None:
            parts.append(f"(?:{regex})")
        else:
            left, literal, right = split
            literal_groups.setdefault((left, right), []).append(literal)
    for (left, right), literals in literal_groups.items():
        parts.append(left + "(?:" + trie_regex(literals, fold_case=not case_sensitive) + ")" + right)
    return re.compile("|".join(parts), flags)


def _phrase_fullmatch(phrase: str, inflect: bool) -> str:
    """A regex that recognises which swap key a match came from."""
    pattern = compile_phrases([phrase], inflect_first=inflect).pattern
    return pattern
