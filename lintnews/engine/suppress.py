"""Inline suppression comments, in Markdown and HTML comments:

    <!-- lintnews: disable LN101,LN2 -->  …  <!-- lintnews: enable -->
    <!-- lintnews: disable-next-line LN101 -->

Codes may be codes, prefixes, names or categories; none means every rule. A comment that
starts `lintnews:` but is not one of these (a misspelt verb, an unknown code) suppresses
nothing and is reported by LN590 invalid-directive (lintnews/checks/directives.py).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from lintnews.cache.patterns import regex
from lintnews.engine.rule_types import Finding, RuleMeta
from lintnews.engine.selection import is_known_token, token_matches
from lintnews.files.source import LineIndex
from lintnews.markup.prose import Comment

VERBS = ("disable", "disable-next-line", "enable")
_TOKEN_RE = regex(r"[^\s,]+")
# "<!-- lintnews: VERB CODES -->"; VERB is any word with hyphens, so that a misspelt one is
# read whole ("disable-line", not "disable" followed by the code "-line").
_DIRECTIVE_RE = regex(
    r"<!--\s*lintnews:\s*(?P<verb>[\w-]*)(?P<codes>.*?)-->", re.IGNORECASE | re.DOTALL)


class Directive(NamedTuple):
    start: int  # the comment's span in the file
    end: int
    verb: str  # lower-cased; may be none of VERBS
    verb_start: int
    tokens: tuple[tuple[str, int], ...]  # each code and where it starts in the file

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(token for token, _ in self.tokens)


class _Region(NamedTuple):
    start: int  # offsets: findings starting in [start, end) are suppressed
    end: int
    tokens: tuple[str, ...]  # empty: all rules


class DirectiveProblem(NamedTuple):
    start: int
    end: int
    message: str


def parse_directives(comments: Sequence[Comment]) -> list[Directive]:
    """The comments that are lintnews directives, well formed or not."""
    directives = []
    for comment in comments:
        m = _DIRECTIVE_RE.fullmatch(comment.body)
        if not m:
            continue
        base = comment.start
        tokens = tuple((t.group(), base + t.start())
                       for t in _TOKEN_RE.finditer(comment.body, m.start("codes"), m.end("codes")))
        directives.append(Directive(comment.start, comment.end, m.group("verb").lower(),
                                    base + m.start("verb"), tokens))
    return directives


def directive_problems(comments: Sequence[Comment],
                       known: Sequence[RuleMeta]) -> list[DirectiveProblem]:
    """Directives that cannot work: an unknown verb, or a code that names no rule in `known`
    (checked as --select and --ignore check theirs)."""
    problems = []
    for directive in parse_directives(comments):
        if directive.verb not in VERBS:
            shown = directive.verb or "(nothing)"
            problems.append(DirectiveProblem(
                directive.start, directive.end,
                f"Unknown lintnews directive '{shown}', which silences nothing; use "
                "'disable', 'disable-next-line' or 'enable'."))
            continue
        for token, start in directive.tokens:
            if not is_known_token(token, known):
                problems.append(DirectiveProblem(
                    start, start + len(token),
                    f"Unknown rule code or name '{token}' in a lintnews directive, which "
                    "silences nothing; see `lintnews rules`."))
    return problems


def suppression_regions(comments: tuple[Comment, ...], text: str,
                        lines: LineIndex) -> list[_Region]:
    regions: list[_Region] = []
    open_regions: list[tuple[int, tuple[str, ...]]] = []
    for directive in parse_directives(comments):
        verb, tokens = directive.verb, directive.codes
        if verb == "disable":
            open_regions.append((directive.end, tokens))
        elif verb == "enable":
            still_open = []
            for start, open_tokens in open_regions:
                if not tokens or set(tokens) & set(open_tokens) or not open_tokens:
                    regions.append(_Region(start, directive.start, open_tokens))
                else:
                    still_open.append((start, open_tokens))
            open_regions = still_open
        elif verb == "disable-next-line":
            line, _ = lines.position(directive.end)
            target = line + 1
            while target <= lines.line_count:
                begin = lines.line_start(target)
                stop = lines.line_start(target + 1) if target < lines.line_count else len(text)
                if text[begin:stop].strip():
                    regions.append(_Region(begin, stop, tokens))
                    break
                target += 1
    regions.extend(_Region(start, len(text) + 1, tokens) for start, tokens in open_regions)
    return regions


def is_suppressed(finding: Finding, meta: RuleMeta, regions: list[_Region]) -> bool:
    for region in regions:
        if region.start <= finding.offset < region.end and (
                not region.tokens or any(token_matches(t, meta) for t in region.tokens)):
            return True
    return False
