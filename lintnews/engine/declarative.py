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
from typing import Any

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
from lintnews.engine.phrase_rule import Context_, PhraseRule, Sense, Swap
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
    """Validate one [[rule]] table and compile it."""
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

    builtin = pack.startswith("builtin:")  # checked by the test suite, not at every start
    swaps: list[Swap] | Callable[[], list[Swap]] = []
    regexes: list[str] = []
    phrases: list[str] = []
    if kind == "substitution":
        swap = data.get("swap")
        swap_patterns = data.get("swap_patterns")
        if not (isinstance(swap, dict) and swap) and not (isinstance(swap_patterns, dict)
                                                           and swap_patterns):
            raise PackError(f"{where}: a substitution rule needs a 'swap' table")
        phrases = list(swap or {})
        regexes = [r if builtin else _checked_regex(r, where) for r in swap_patterns or {}]

        def make_swaps() -> list[Swap]:
            keys = rule_plan()["swap_keys"]
            out = [Swap(LazyRegex(_phrase_fullmatch(phrase, inflect)),
                        _as_list(suggestion, f"swap.{phrase}", where), phrase_keys)
                   for (phrase, suggestion), phrase_keys in zip((swap or {}).items(), keys,
                                                                strict=True)]
            out += [Swap(LazyRegex(pattern), _as_list(suggestion, f"swap_patterns.{pattern}",
                                                       where))
                    for pattern, suggestion in (swap_patterns or {}).items()]
            return out

        # A user's pack is checked at the end (below); a built-in one (checked by the test
        # suite) on its first hit: proselint's tables have thousands of entries.
        swaps = make_swaps
    else:
        phrases = _as_list(data.get("phrases", []), "phrases", where)
        regexes = [r if builtin else _checked_regex(r, where)
                   for r in _as_list(data.get("patterns", []), "patterns", where)]
        if not phrases and not regexes:
            raise PackError(f"{where}: an existence rule needs 'phrases' or 'patterns'")
    rule_key = f"{cache_key}#{data['code']}" if cache_key else None
    planned: list[dict[str, Any]] = []

    def rule_plan() -> dict[str, Any]:
        """The parts and the exceptions' pattern, worked out once (and cached, see cache.py)."""
        if not planned:
            def compute() -> dict[str, Any]:
                return {"parts": _plan(phrases, regexes, case_sensitive, inflect),
                        "exceptions": (_phrase_table(exception_phrases, False)
                                       if exception_phrases else None),
                        # which swap a hit came from, looked for among those it can be
                        "swap_keys": [_keys_of(phrase, inflect) for phrase in swap or {}]
                        if kind == "substitution" else []}
            planned.append(cache.plan(rule_key, compute) if cache and rule_key else compute())
        return planned[0]

    def phrase_set(key: str, table: dict[str, Any] = data) -> PhraseSet | None:
        """The phrases of a context key (`only_speech`), to recognise a hit's own words."""
        listed = _as_list(table[key], key, where) if table.get(key) else []
        if not listed:
            return None
        try:
            if not builtin:  # built-in packs are checked by the test suite
                for phrase in listed:
                    phrase_regex(phrase)
                    _check_phrase_shape(phrase, where)
        except (ValueError, re.error) as err:
            raise PackError(f"{where}: '{key}': bad phrase: {err}") from None
        return PhraseSet(lambda: _phrase_table(listed, inflect),
                         0 if case_sensitive else re.IGNORECASE, PHRASES_OPEN, PHRASES_CLOSE)

    exception_phrases: list[str] = []
    try:
        if not builtin:  # built-in packs are checked by the test suite
            for phrase in phrases:
                phrase_regex(phrase)  # syntax errors in phrases are reported now
                _check_phrase_shape(phrase, where)
        exception_phrases = (_as_list(data["exceptions"], "exceptions", where)
                             if data.get("exceptions") else [])
        exceptions = (PhraseSet(lambda: rule_plan()["exceptions"], re.IGNORECASE,
                                PHRASES_OPEN, PHRASES_CLOSE)
                      if exception_phrases else None)
    except (ValueError, re.error) as err:
        raise PackError(f"{where}: bad phrase: {err}") from None

    def user_regex(key: str, anchor: str, table: dict[str, Any] = data) -> LazyRegex | None:
        value = table.get(key)
        if value is None:
            return None
        if not isinstance(value, str):
            raise PackError(f"{where}: '{key}' must be a string (a regular expression)")
        body = {"end": f"(?:{value})\\s*$", "start": f"\\s*(?:{value})"}.get(anchor, value)
        lazy = LazyRegex(body, re.IGNORECASE)
        if builtin:
            return lazy  # built-in packs are checked by the test suite; compiled when first used
        from lintnews.engine.safety import compile_user_regex  # only user packs need it

        try:
            lazy.__dict__["compiled"] = compile_user_regex(value, anchor)
        except ValueError as err:
            raise PackError(f"{where}: '{key}': {err}") from None
        return lazy

    def sense(table: Any, number: int) -> Sense:
        """One [[rule.sense]] table: which words, and the neighbours that tell their senses."""
        at = f"sense {number}"
        if not isinstance(table, dict):
            raise PackError(f"{where}: {at}: expected a table ([[rule.sense]])")
        unknown_keys = sorted(set(table) - SENSE_KEYS)
        if unknown_keys:
            raise PackError(f"{where}: {at}: unknown key '{unknown_keys[0]}'")
        words = phrase_set("words", table)
        if words is None:
            raise PackError(f"{where}: {at}: 'words' must name the phrases it speaks about")
        return Sense(words=words,
                     loaded_before=user_regex("loaded_before", "end", table),
                     loaded_after=user_regex("loaded_after", "start", table),
                     neutral_before=user_regex("neutral_before", "end", table),
                     neutral_after=user_regex("neutral_after", "start", table),
                     neutral_sentence=user_regex("neutral_sentence", "anywhere", table),
                     severity=_severity(table.get("severity"), f"{where}: {at}"),
                     skip_attributed=bool(table.get("skip_attributed", False)))

    senses = data.get("sense", [])
    if not isinstance(senses, list):
        raise PackError(f"{where}: 'sense' must be a list of tables ([[rule.sense]])")
    scope = frozenset(_as_list(data.get("scope", sorted(SCOPES)), "scope", where))
    if not scope <= SCOPES:
        raise PackError(f"{where}: scope entries must be among {', '.join(sorted(SCOPES))}")
    context = Context_(
        exceptions=exceptions,
        unless_before=user_regex("unless_before", "end"),
        unless_after=user_regex("unless_after", "start"),
        only_before=user_regex("only_before", "end"),
        only_after=user_regex("only_after", "start"),
        unless_sentence=user_regex("unless_sentence", "anywhere"),
        skip_names=bool(data.get("skip_names", False)),
        skip_mentions=bool(data.get("skip_mentions", True)),
        skip_attributed=bool(data.get("skip_attributed", False)),
        skip_attributed_except=phrase_set("skip_attributed_except"),
        only_speech=phrase_set("only_speech"),
        skip_sourced=bool(data.get("skip_sourced", False)),
        sourced_severity=_severity(data.get("sourced_severity"), where),
        scope=scope,
        unless_nearby=user_regex("unless_nearby", "anywhere"),
        skip_named_after=bool(data.get("skip_named_after", False)),
        skip_titles=bool(data.get("skip_titles", False)),
        senses=tuple(sense(table, n) for n, table in enumerate(senses, 1)),
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
    flags = 0 if case_sensitive else re.IGNORECASE
    pattern = LazyRegex(lambda: _pattern_source(phrases, regexes, case_sensitive, inflect), flags)
    def build_parts() -> list[Part]:
        return _parts(rule_plan()["parts"], case_sensitive)

    rule = PhraseRule(meta, pattern, build_parts, data["message"], swaps, context)
    if not builtin:
        try:  # a user's pack is checked completely at load time
            _ = rule.pattern
            _ = [swap.pattern.compiled for swap in rule.swaps]
            _ = exceptions.whole.compiled if exceptions else None
        except (re.error, ValueError) as err:  # ValueError: a phrase that matches nothing
            raise PackError(f"{where}: bad pattern: {err}") from None
    return rule


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


def _plan(phrases: list[str], regexes: list[str], case_sensitive: bool,
          inflect: bool) -> list[PartPlan]:
    """The rule's alternation as separately matched parts, in the same order as
    _pattern_source writes them (see lintnews.engine.matcher)."""
    flags = 0 if case_sensitive else re.IGNORECASE
    plan: list[PartPlan] = []

    def regex_plan(source: str, keys: frozenset[str] | None = None) -> PartPlan:
        if keys is None:
            keys = trigger_keys(source, flags)
        prefixes = required_prefixes(source, flags) if keys is None else None
        required = required_literal(source, flags) if keys is None else None
        return ("regex", source, keys, prefixes, required)

    if phrases:
        # One part for all phrases, tried once at each position (a part per phrase costs
        # more than it saves on a long run), compiled for a document with only the phrases
        # whose keys it has (matcher.PhrasePart). Two-word keys come from the phrases
        # themselves when they open with a common word.
        bodies, body_keys, choices = _phrase_table(phrases, inflect)
        if all(keys is not None for keys in body_keys):
            plan.append(("phrases", bodies, body_keys, choices))
        else:  # an open-ended phrase: the whole list is one pattern, found without keys
            plan.append(regex_plan(phrases_source(phrases, inflect_first=inflect), None))
    groups: dict[tuple[str, str], list[str]] = {}
    for pattern in regexes:
        split = split_padding(pattern)
        if split is None:
            plan.append(regex_plan(f"(?:{pattern})"))
        else:
            left, literal, right = split
            groups.setdefault((left, right), []).append(literal)
    for (left, right), literals in groups.items():
        if LiteralPart.suits(literals, left):
            plan.append(("literals", literal_table(literals, fold_case=not case_sensitive),
                         left, right))
        else:
            plan.append(regex_plan(left + "(?:" + trie_regex(
                literals, fold_case=not case_sensitive) + ")" + right))
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
    parts = []
    if phrases:
        parts.append(phrases_source(phrases, inflect_first=inflect))
    literal_groups: dict[tuple[str, str], list[str]] = {}
    for pattern in regexes:
        split = split_padding(pattern)
        if split is None:
            parts.append(f"(?:{pattern})")
        else:
            left, literal, right = split
            literal_groups.setdefault((left, right), []).append(literal)
    for (left, right), literals in literal_groups.items():
        parts.append(left + "(?:" + trie_regex(literals, fold_case=not case_sensitive) + ")"
                     + right)
    return "|".join(parts)


def _phrase_fullmatch(phrase: str, inflect: bool) -> Callable[[], str]:
    """A regex that recognises which swap key a match came from (written when needed)."""
    return lambda: phrases_source([phrase], inflect_first=inflect)
