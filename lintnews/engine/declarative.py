"""Declarative rules: TOML data in a pack, no code. Two kinds, after Vale's rule types:

- existence: flag each phrase in `phrases`;
- substitution: flag each key of `swap` and suggest its value.

Context keys narrow a rule so that it stays quiet on ordinary copy: `exceptions` (phrases
that, overlapping a hit, clear it: "claimed responsibility"), `unless_before` /
`unless_after` / `only_before` / `only_after` (regular expressions on the words around a hit),
`unless_sentence` (a regular expression anywhere in the hit's sentence), `only_speech`
(phrases, verbs of saying, reported only where they introduce speech, never before an object:
"admitted that…" but not "admitted the robbery"),
`skip_names` (Title-Case names such as "Sandy Hook Massacre"), `skip_mentions` ("what he
called a regime"), `skip_attributed` (reported speech of a named source; the phrases in
`skip_attributed_except`, such as "sadly", stay the writer's words even there), `skip_sourced`
(a named source in the sentence or the one before or after it in the paragraph),
`sourced_severity` (report at this severity when such a source is nearby), `unless_nearby`
(a regular expression in the sentence before, the hit's own or the next: a dispute that makes
"claimed" the right word), `skip_named_after` (a named source in the next sentence stands for
the vague one: "Analysts said… 'Rates will fall,' said Jane Doe of…"), `skip_titles`
(capitalised mid-sentence: a title), `scope` (which blocks: body, headline, heading) and
`quotes` (skip, info or report inside direct quotes).

`[[rule.sense]]` tables tell a word's loaded sense from its neutral one by its neighbours:
`words` (the phrases it speaks about), `loaded_before`/`loaded_after` (one must match, when
given), `neutral_before`/`neutral_after`/`neutral_sentence` (any match clears the hit),
`severity` (for these words where they are still flagged), `skip_attributed` (these words are
the source's inside its reported speech) and `why`.
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable
from typing import Any, NamedTuple

from lintnews.cache.patterns import regex
from lintnews.cache.rules import RuleCache
from lintnews.engine.matcher import (
    LiteralPart,
    Part,
    PhrasePart,
    PhraseSet,
    RegexPart,
    literal_table,
)
from lintnews.engine.phrase_rule import ContextRules, PhraseRule, Sense, Swap
from lintnews.engine.phrases import (
    PHRASES_CLOSE,
    PHRASES_OPEN,
    opening_options,
    ordered,
    phrase_bodies,
    phrase_keys,
    phrase_regex,
    phrases_source,
)
from lintnews.engine.prefilter import required_literal, required_prefixes, trigger_keys
from lintnews.engine.rule_types import CATEGORIES, QUOTE_POLICIES, Example, RuleMeta, Severity
from lintnews.text.lazy import LazyRegex
from lintnews.text.trie import split_padding, trie_regex
from lintnews.text.words import COMMON_WORDS

RULE_KEYS = {
    "code", "name", "category", "type", "severity", "message", "summary", "rationale",
    "source", "phrases", "swap", "patterns", "swap_patterns", "exceptions", "unless_before",
    "unless_after", "only_before", "only_after", "unless_sentence", "skip_sourced",
    "sourced_severity", "skip_names", "skip_mentions", "skip_attributed",
    "skip_attributed_except", "only_speech", "scope", "quotes", "unless_nearby",
    "skip_named_after", "skip_titles", "sense",
    "case_sensitive", "inflect", "fix_safe", "examples", "enabled",
}
SENSE_KEYS = {"words", "why", "loaded_before", "loaded_after", "neutral_before",
              "neutral_after", "neutral_sentence", "severity", "skip_attributed"}
SCOPES = {"body", "headline", "heading"}
RULE_CODE_RE = regex(r"[A-Z][A-Z0-9]*\d{2,}")
class PackError(Exception):
    """A rule pack that cannot be loaded; the message names the file and the rule."""


def _severity(value: Any, where: str) -> Severity | None:
    if value is None:
        return None
    try:
        return Severity.parse(str(value))
    except ValueError as err:
        raise PackError(f"{where}: {err}") from None


def _as_list(value: Any, key: str, where: str) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return value
    raise PackError(f"{where}: '{key}' must be a string or a list of strings")


def build_rule(data: dict[str, Any], pack: str, where: str,
               cache: RuleCache | None = None, cache_key: str | None = None) -> PhraseRule:
    """Validate one [[rule]] table and compile it: validate, read it into a spec, plan its
    parts (on first use), build the rule, and check a user's rule compiles completely."""
    spec = _spec(data, pack, _validated(data, where))
    plan = _RulePlan(spec, cache, f"{cache_key}#{data['code']}" if cache_key else None)
    rule = _build(spec, plan)
    if not spec.builtin:
        _check_compiles(rule, spec)
    return rule


def _validated(data: dict[str, Any], where: str) -> str:
    """Check the keys every rule has; the rule's `where` for messages, with its code."""
    unknown = sorted(set(data) - RULE_KEYS)
    if unknown:
        raise PackError(f"{where}: unknown key '{unknown[0]}'")
    for key in ("code", "name", "category", "message"):
        if not isinstance(data.get(key), str) or not data[key].strip():
            raise PackError(f"{where}: missing or empty '{key}'")
    where = f"{where} ({data['code']})"
    _check_message(data["message"], where)
    if not RULE_CODE_RE.fullmatch(data["code"]):
        raise PackError(f"{where}: code must be letters then digits, like LN201 or HOUSE01")
    if data["category"] not in CATEGORIES:
        raise PackError(f"{where}: category must be one of {', '.join(CATEGORIES)}")
    if data.get("type", "existence") not in ("existence", "substitution"):
        raise PackError(f"{where}: type must be 'existence' or 'substitution'")
    return where


class RuleSpec(NamedTuple):
    """One [[rule]] table, read: what the rule matches, and how its pack is checked."""

    data: dict[str, Any]
    pack: str
    where: str
    substitution: bool
    severity: Severity
    quotes: str
    case_sensitive: bool
    inflect: bool
    # Built-in packs are checked by the test suite, not at every start; a user's completely,
    # at load time.
    builtin: bool
    phrases: list[str]
    regexes: list[str]
    swap: dict[str, Any]
    swap_patterns: dict[str, Any]
    exception_phrases: list[str]

    @property
    def flags(self) -> int:
        return 0 if self.case_sensitive else re.IGNORECASE


def _spec(data: dict[str, Any], pack: str, where: str) -> RuleSpec:
    try:
        severity = Severity.parse(data.get("severity", "warning"))
    except ValueError as err:
        raise PackError(f"{where}: {err}") from None
    quotes = data.get("quotes", "skip")
    if quotes not in QUOTE_POLICIES:
        raise PackError(f"{where}: quotes must be one of {', '.join(QUOTE_POLICIES)}")
    builtin = pack.startswith("builtin:")
    substitution = data.get("type", "existence") == "substitution"
    phrases, regexes = (_swapped(data, builtin, where) if substitution
                        else _existing(data, builtin, where))
    return RuleSpec(
        data=data, pack=pack, where=where, substitution=substitution, severity=severity,
        quotes=quotes, case_sensitive=bool(data.get("case_sensitive", False)),
        inflect=bool(data.get("inflect", False)), builtin=builtin, phrases=phrases,
        regexes=regexes, swap=data.get("swap") or {},
        swap_patterns=data.get("swap_patterns") or {},
        exception_phrases=_exception_phrases(data, phrases, builtin, where))


def _swapped(data: dict[str, Any], builtin: bool, where: str) -> tuple[list[str], list[str]]:
    """A substitution rule's phrases (the keys of `swap`) and patterns (of `swap_patterns`)."""
    swap = data.get("swap")
    swap_patterns = data.get("swap_patterns")
    if not (isinstance(swap, dict) and swap) and not (isinstance(swap_patterns, dict)
                                                       and swap_patterns):
        raise PackError(f"{where}: a substitution rule needs a 'swap' table")
    return list(swap or {}), [r if builtin else _checked_regex(r, where)
                              for r in swap_patterns or {}]


def _existing(data: dict[str, Any], builtin: bool, where: str) -> tuple[list[str], list[str]]:
    """An existence rule's `phrases` and `patterns`."""
    phrases = _as_list(data.get("phrases", []), "phrases", where)
    regexes = [r if builtin else _checked_regex(r, where)
               for r in _as_list(data.get("patterns", []), "patterns", where)]
    if not phrases and not regexes:
        raise PackError(f"{where}: an existence rule needs 'phrases' or 'patterns'")
    return phrases, regexes


def _exception_phrases(data: dict[str, Any], phrases: list[str], builtin: bool,
                       where: str) -> list[str]:
    """The `exceptions` list, once a user's phrases are known to be well formed."""
    try:
        if not builtin:
            for phrase in phrases:
                phrase_regex(phrase)  # syntax errors in phrases are reported now
                _check_phrase_shape(phrase, where)
        return _as_list(data["exceptions"], "exceptions", where) if data.get("exceptions") \
            else []
    except (ValueError, re.error) as err:
        raise PackError(f"{where}: bad phrase: {err}") from None


class _RulePlan:
    """The rule's parts, its exceptions' table and which swap a hit came from: worked out
    on first use, once (and kept between runs by the cache, see cache.py)."""

    def __init__(self, spec: RuleSpec, cache: RuleCache | None, key: str | None) -> None:
        self._spec = spec
        self._cache = cache if key else None
        self._key = key
        self._planned: dict[str, Any] | None = None

    def __call__(self) -> dict[str, Any]:
        if self._planned is None:
            self._planned = (self._cache.plan(self._key, self._compute)
                             if self._cache is not None and self._key else self._compute())
        return self._planned

    def _compute(self) -> dict[str, Any]:
        spec = self._spec
        return {"parts": _plan(spec.phrases, spec.regexes, spec.case_sensitive, spec.inflect),
                "exceptions": (_phrase_table(spec.exception_phrases, False)
                               if spec.exception_phrases else None),
                # which swap a hit came from, looked for among those it can be
                "swap_keys": [_keys_of(phrase, spec.inflect) for phrase in spec.swap]
                if spec.substitution else []}


def _build(spec: RuleSpec, plan: _RulePlan) -> PhraseRule:
    exceptions = (PhraseSet(lambda: plan()["exceptions"], re.IGNORECASE, PHRASES_OPEN,
                            PHRASES_CLOSE)
                  if spec.exception_phrases else None)
    context = _context(spec, exceptions)
    pattern = LazyRegex(lambda: _pattern_source(spec.phrases, spec.regexes,
                                                spec.case_sensitive, spec.inflect), spec.flags)

    def build_parts() -> list[Part]:
        return _parts(plan()["parts"], spec.case_sensitive)

    # A user's swaps are checked at the end (_check_compiles); a built-in rule's on its first
    # hit: proselint's tables have thousands of entries.
    swaps: list[Swap] | Callable[[], list[Swap]] = (lambda: _swaps(spec, plan)) \
        if spec.substitution else []
    return PhraseRule(_meta(spec), pattern, build_parts, spec.data["message"], swaps, context)


def _swaps(spec: RuleSpec, plan: _RulePlan) -> list[Swap]:
    keys = plan()["swap_keys"]
    out = [Swap(LazyRegex(_phrase_fullmatch(phrase, spec.inflect)),
                _as_list(suggestion, f"swap.{phrase}", spec.where), phrase_keys)
           for (phrase, suggestion), phrase_keys in zip(spec.swap.items(), keys, strict=True)]
    out += [Swap(LazyRegex(pattern), _as_list(suggestion, f"swap_patterns.{pattern}",
                                               spec.where))
            for pattern, suggestion in spec.swap_patterns.items()]
    return out


def _context(spec: RuleSpec, exceptions: PhraseSet | None) -> ContextRules:
    """The context keys that narrow where the rule reports."""
    data, where = spec.data, spec.where
    senses = data.get("sense", [])
    if not isinstance(senses, list):
        raise PackError(f"{where}: 'sense' must be a list of tables ([[rule.sense]])")
    scope = frozenset(_as_list(data.get("scope", sorted(SCOPES)), "scope", where))
    if not scope <= SCOPES:
        raise PackError(f"{where}: scope entries must be among {', '.join(sorted(SCOPES))}")
    return ContextRules(
        exceptions=exceptions,
        unless_before=_user_regex(spec, data, "unless_before", "end"),
        unless_after=_user_regex(spec, data, "unless_after", "start"),
        only_before=_user_regex(spec, data, "only_before", "end"),
        only_after=_user_regex(spec, data, "only_after", "start"),
        unless_sentence=_user_regex(spec, data, "unless_sentence", "anywhere"),
        skip_names=bool(data.get("skip_names", False)),
        skip_mentions=bool(data.get("skip_mentions", True)),
        skip_attributed=bool(data.get("skip_attributed", False)),
        skip_attributed_except=_phrase_set(spec, data, "skip_attributed_except"),
        only_speech=_phrase_set(spec, data, "only_speech"),
        skip_sourced=bool(data.get("skip_sourced", False)),
        sourced_severity=_severity(data.get("sourced_severity"), where),
        scope=scope,
        unless_nearby=_user_regex(spec, data, "unless_nearby", "anywhere"),
        skip_named_after=bool(data.get("skip_named_after", False)),
        skip_titles=bool(data.get("skip_titles", False)),
        senses=tuple(_sense(spec, table, n) for n, table in enumerate(senses, 1)),
    )


def _phrase_set(spec: RuleSpec, table: dict[str, Any], key: str) -> PhraseSet | None:
    """The phrases of a context key (`only_speech`), to recognise a hit's own words."""
    listed = _as_list(table[key], key, spec.where) if table.get(key) else []
    if not listed:
        return None
    try:
        if not spec.builtin:
            for phrase in listed:
                phrase_regex(phrase)
                _check_phrase_shape(phrase, spec.where)
    except (ValueError, re.error) as err:
        raise PackError(f"{spec.where}: '{key}': bad phrase: {err}") from None
    inflect = spec.inflect
    return PhraseSet(lambda: _phrase_table(listed, inflect), spec.flags, PHRASES_OPEN,
                     PHRASES_CLOSE)


def _user_regex(spec: RuleSpec, table: dict[str, Any], key: str,
                anchor: str) -> LazyRegex | None:
    """A context key's regular expression, anchored to the hit's side (`anchor`)."""
    value = table.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise PackError(f"{spec.where}: '{key}' must be a string (a regular expression)")
    body = {"end": f"(?:{value})\\s*$", "start": f"\\s*(?:{value})"}.get(anchor, value)
    lazy = LazyRegex(body, re.IGNORECASE)
    if spec.builtin:
        return lazy  # compiled when first used
    from lintnews.engine.safety import compile_user_regex  # only user packs need it

    try:
        lazy.__dict__["compiled"] = compile_user_regex(value, anchor)
    except ValueError as err:
        raise PackError(f"{spec.where}: '{key}': {err}") from None
    return lazy


def _sense(spec: RuleSpec, table: Any, number: int) -> Sense:
    """One [[rule.sense]] table: which words, and the neighbours that tell their senses."""
    at = f"{spec.where}: sense {number}"
    if not isinstance(table, dict):
        raise PackError(f"{at}: expected a table ([[rule.sense]])")
    unknown_keys = sorted(set(table) - SENSE_KEYS)
    if unknown_keys:
        raise PackError(f"{at}: unknown key '{unknown_keys[0]}'")
    words = _phrase_set(spec, table, "words")
    if words is None:
        raise PackError(f"{at}: 'words' must name the phrases it speaks about")
    return Sense(words=words,
                 loaded_before=_user_regex(spec, table, "loaded_before", "end"),
                 loaded_after=_user_regex(spec, table, "loaded_after", "start"),
                 neutral_before=_user_regex(spec, table, "neutral_before", "end"),
                 neutral_after=_user_regex(spec, table, "neutral_after", "start"),
                 neutral_sentence=_user_regex(spec, table, "neutral_sentence", "anywhere"),
                 severity=_severity(table.get("severity"), at),
                 skip_attributed=bool(table.get("skip_attributed", False)))


def _meta(spec: RuleSpec) -> RuleMeta:
    data, where = spec.data, spec.where
    examples = data.get("examples", {})
    if not isinstance(examples, dict) or set(examples) - {"bad", "good"}:
        raise PackError(f"{where}: 'examples' must be a table with 'bad' and 'good' lists")
    bad = _as_list(examples.get("bad", []), "examples.bad", where)
    good = _as_list(examples.get("good", []), "examples.good", where)
    return RuleMeta(
        code=data["code"], name=data["name"], category=data["category"],
        severity=spec.severity, summary=str(data.get("summary", data["message"])),
        rationale=str(data.get("rationale", "")).strip(),
        source=str(data.get("source", "")), pack=spec.pack,
        examples=tuple([Example(t, True) for t in bad] + [Example(t, False) for t in good]),
        quotes=spec.quotes, fix_safe=bool(data.get("fix_safe", False)),
        enabled_by_default=bool(data.get("enabled", True)),
    )


def _check_compiles(rule: PhraseRule, spec: RuleSpec) -> None:
    """A user's pack is checked completely at load time: its pattern, swaps and exceptions."""
    try:
        _ = rule.pattern
        _ = [swap.pattern.compiled for swap in rule.swaps]
        exceptions = rule.context.exceptions
        _ = exceptions.whole.compiled if exceptions else None
    except (re.error, ValueError) as err:  # ValueError: a phrase that matches nothing
        raise PackError(f"{spec.where}: bad pattern: {err}") from None


MESSAGE_FIELDS = {"match", "suggestion", "replacement"}
MAX_OPEN_TOKENS = 4  # optional words and wildcards in one phrase


def _check_message(message: str, where: str) -> None:
    """A message template is data: only {match}, {suggestion} and {replacement}, plainly."""
    try:
        fields = list(string.Formatter().parse(message))
    except ValueError as err:
        raise PackError(f"{where}: message: {err} (write {{{{ and }}}} for braces)") from None
    for _text, field, spec, conversion in fields:
        if field is None:
            continue
        if field not in MESSAGE_FIELDS or spec or conversion:
            written = (field + (f"!{conversion}" if conversion else "")
                       + (f":{spec}" if spec else ""))
            raise PackError(f"{where}: message may only use {{match}}, {{suggestion}} and "
                            f"{{replacement}}, not {{{written}}}")


def _check_phrase_shape(phrase: str, where: str) -> None:
    """Many optional words in a row backtrack exponentially; a house pack does not need them."""
    open_tokens = sum(1 for t in phrase.split() if t == "*" or t.endswith("?"))
    if open_tokens > MAX_OPEN_TOKENS:
        raise PackError(f"{where}: phrase {phrase!r} has {open_tokens} optional words or "
                        f"wildcards; at most {MAX_OPEN_TOKENS} are allowed (split it into "
                        "several phrases)")


def _checked_regex(pattern: str, where: str) -> str:
    """A pack's raw regular expression, checked for catastrophic backtracking and for
    matching empty text."""
    from lintnews.engine.safety import MATCHES_EMPTY, can_match_empty, check_user_regex

    try:
        check_user_regex(pattern)
    except ValueError as err:
        raise PackError(f"{where}: pattern {pattern!r}: {err}") from None
    if can_match_empty(pattern):
        raise PackError(f"{where}: pattern {pattern!r} {MATCHES_EMPTY}")
    return pattern


# A rule's parts as data (marshal can store it, so engine/cache.py remembers it between
# runs): ("regex", source, trigger keys, required prefixes, required text), ("phrases",
# each phrase's pattern in order, each one's trigger keys) or ("literals", table by index
# key, left padding, right padding). Working it out parses every phrase and
# word-list entry.
PartPlan = tuple[Any, ...]
# A phrase's opening choice: each option's pattern, each option's keys, the rest of the body.
OpeningChoice = tuple[list[str], list[list[str] | None], str]
PhraseTable = tuple[list[str], list[list[str] | None], list[OpeningChoice | None]]


# One alternative of a rule's alternation, as data: ("phrases", the phrases), ("pattern",
# a pattern's source) or ("literals", left padding, the words, right padding) for patterns
# that are a plain word list between the same padding (see trie.split_padding).
Alternative = tuple[Any, ...]


def _alternatives(phrases: list[str], regexes: list[str]) -> list[Alternative]:
    """The rule's alternation, in its one order: all phrases, each pattern that is not a
    padded word list, then the word lists, one per padding, in order of first appearance.
    The rule's single pattern (_pattern_source) and its separately matched parts (_plan)
    are both written from this list, so a match is the same either way (test_exactness)."""
    alternatives: list[Alternative] = [("phrases", phrases)] if phrases else []
    groups: dict[tuple[str, str], list[str]] = {}
    for pattern in regexes:
        split = split_padding(pattern)
        if split is None:
            alternatives.append(("pattern", f"(?:{pattern})"))
        else:
            left, literal, right = split
            groups.setdefault((left, right), []).append(literal)
    alternatives += [("literals", left, literals, right)
                     for (left, right), literals in groups.items()]
    return alternatives


def _source(alternative: Alternative, case_sensitive: bool, inflect: bool) -> str:
    """One alternative as a regular expression (not compiled)."""
    if alternative[0] == "phrases":
        return phrases_source(alternative[1], inflect_first=inflect)
    if alternative[0] == "pattern":
        return str(alternative[1])
    _, left, literals, right = alternative
    return left + "(?:" + trie_regex(literals, fold_case=not case_sensitive) + ")" + right


def _plan(phrases: list[str], regexes: list[str], case_sensitive: bool,
          inflect: bool) -> list[PartPlan]:
    """The rule's alternation as separately matched parts, one per alternative (see
    lintnews.engine.matcher)."""
    flags = 0 if case_sensitive else re.IGNORECASE

    def regex_plan(source: str) -> PartPlan:
        keys = trigger_keys(source, flags)
        prefixes = required_prefixes(source, flags) if keys is None else None
        required = required_literal(source, flags) if keys is None else None
        return ("regex", source, keys, prefixes, required)

    plan: list[PartPlan] = []
    for alternative in _alternatives(phrases, regexes):
        if alternative[0] == "phrases":
            # One part for all phrases, tried once at each position (a part per phrase costs
            # more than it saves on a long run), compiled for a document with only the
            # phrases whose keys it has (matcher.PhrasePart). Two-word keys come from the
            # phrases themselves when they open with a common word. An open-ended phrase
            # makes the whole list one pattern, found without keys.
            bodies, body_keys, choices = _phrase_table(phrases, inflect)
            if all(keys is not None for keys in body_keys):
                plan.append(("phrases", bodies, body_keys, choices))
                continue
        elif alternative[0] == "literals" and LiteralPart.suits(alternative[2], alternative[1]):
            _, left, literals, right = alternative
            plan.append(("literals", literal_table(literals, fold_case=not case_sensitive),
                         left, right))
            continue
        plan.append(regex_plan(_source(alternative, case_sensitive, inflect)))
    return plan


def _phrase_table(phrases: list[str], inflect: bool) -> PhraseTable:
    """Each phrase's pattern in the order they are tried, each one's trigger keys, and each
    one's opening choice (see _opening_choice)."""
    bodies = phrase_bodies(phrases, inflect_first=inflect)
    keys = [_keys_of(phrase, inflect) for phrase in ordered(phrases)]
    choices = [_opening_choice(phrase, body, its_keys, inflect)
               for phrase, body, its_keys in zip(ordered(phrases), bodies, keys, strict=True)]
    return bodies, keys, choices


def _opening_choice(phrase: str, body: str, keys: list[str] | None,
                    inflect: bool) -> OpeningChoice | None:
    """A phrase that opens with a choice of plain words ("(very|extremely|…) unique", or an
    inflected verb, "claim~ responsibility"): the body as (each option's pattern, each
    option's trigger keys, the rest of the body), so that a document compiles only the
    options whose keys it has (matcher.PhraseSet). None for any other phrase."""
    split = opening_options(phrase, inflect_first=inflect) if keys is not None else None
    if split is None:
        return None
    options, rest = split
    option_bodies = [phrase_regex(o) for o in options]
    opening = "(?:" + "|".join(option_bodies) + ")"
    option_keys = [_keys_of(f"{o} {rest}".strip(), False) for o in options]
    if not body.startswith(opening) or any(k is None for k in option_keys) or \
            {k for ks in option_keys for k in ks or ()} != set(keys):
        return None  # not the shape expected: the phrase is compiled whole
    return option_bodies, option_keys, body[len(opening):]


def _keys_of(phrase: str, inflect: bool) -> list[str] | None:
    keys = phrase_keys([phrase], COMMON_WORDS, inflect_first=inflect)
    return None if keys is None else sorted(keys)


def _parts(plan: list[PartPlan], case_sensitive: bool) -> list[Part]:
    flags = 0 if case_sensitive else re.IGNORECASE
    parts: list[Part] = []
    for item in plan:
        if item[0] == "literals":
            _, table, left, right = item
            parts.append(LiteralPart.from_table(table, left, right,
                                                fold_case=not case_sensitive))
        elif item[0] == "phrases":
            _, bodies, body_keys, choices = item
            table = (bodies, body_keys, choices)
            parts.append(PhrasePart(PhraseSet(lambda table=table: table, flags,
                                              PHRASES_OPEN, PHRASES_CLOSE)))
        else:
            _, source, keys, prefixes, required = item
            parts.append(RegexPart(LazyRegex(source, flags), lambda keys=keys: keys,
                                   lambda prefixes=prefixes: prefixes,
                                   lambda required=required: required))
    return parts


def _pattern_source(phrases: list[str], regexes: list[str], case_sensitive: bool,
                    inflect: bool) -> str:
    """One regular expression for all of a rule's phrases and patterns (not compiled)."""
    return "|".join(_source(alternative, case_sensitive, inflect)
                    for alternative in _alternatives(phrases, regexes))


def _phrase_fullmatch(phrase: str, inflect: bool) -> Callable[[], str]:
    """A regex that recognises which swap key a match came from (written when needed)."""
    return lambda: phrases_source([phrase], inflect_first=inflect)
