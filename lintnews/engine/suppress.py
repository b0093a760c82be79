"""Inline suppression comments, in Markdown and HTML comments:

    <!-- lintnews: disable LN101,LN2 -->  …  <!-- lintnews: enable -->
    <!-- lintnews: disable-next-line LN101 -->

Codes may be codes, prefixes, names or categories; none means every rule.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from lintnews.engine.model import Finding, RuleMeta
from lintnews.engine.selection import token_matches
from lintnews.markup import Comment
from lintnews.regex_store import regex
from lintnews.source import LineIndex

_SEPARATOR_RE = regex(r"[\s,]+")
_DIRECTIVE_RE = regex(
    r"<!--\s*lintnews:\s*(?P<verb>disable-next-line|disable|enable)\b(?P<codes>[^>]*?)\s*-->",
    re.IGNORECASE,
)


class _Region(NamedTuple):
    start: int  # offsets: findings starting in [start, end) are suppressed
    end: int
    tokens: tuple[str, ...]  # empty: all rules


def _tokens(raw: str) -> tuple[str, ...]:
    return tuple(t for t in _SEPARATOR_RE.split(raw.strip()) if t)


def suppression_regions(comments: tuple[Comment, ...], text: str,
                        lines: LineIndex) -> list[_Region]:
    regions: list[_Region] = []
    open_regions: list[tuple[int, tuple[str, ...]]] = []
    for comment in comments:
        m = _DIRECTIVE_RE.fullmatch(comment.body.strip())
        if not m:
            continue
        verb, tokens = m.group("verb").lower(), _tokens(m.group("codes"))
        if verb == "disable":
            open_regions.append((comment.end, tokens))
        elif verb == "enable":
            still_open = []
            for start, open_tokens in open_regions:
                if not tokens or set(tokens) & set(open_tokens) or not open_tokens:
                    regions.append(_Region(start, comment.start, open_tokens))
                else:
                    still_open.append((start, open_tokens))
            open_regions = still_open
        else:
            line, _ = lines.position(comment.end)
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
