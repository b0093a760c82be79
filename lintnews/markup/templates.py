"""Template tags in Markdown: Liquid/Jekyll and Hugo shortcodes are markup, not prose.

Found here, masked by the Markdown reader with spaces of the same length:

- Liquid tags `{% name … %}` and output `{{ expression }}` (with `{%-`/`-%}` trimming). The
  blocks whose content is not prose are masked whole: `raw` (template source shown
  verbatim), `comment`, and `highlight`/`codeblock` (code).
- Hugo shortcodes `{{< name … >}}`, `{{% name … %}}`, self-closing `… />}}` and the
  escaped `{{</* … */>}}`. As Hugo documents, the inner content of a paired `{{% x %}}…
  {{% /x %}}` is Markdown (prose: only the two tags are masked), while the inner content of
  `{{< x >}}…{{< /x >}}` is passed raw to the template (often code or HTML), so the pair is
  masked whole, as the reader masks an HTML block.

A tag never runs over a blank line (nor over 4,000 characters), so a stray `{{` or `{%` in
prose masks nothing.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Sequence
from typing import NamedTuple

from lintnews.cache.patterns import regex

_OPEN_RE = regex(r"\{\{[<%]?|\{%")
_CLOSERS = {"{{<": ">}}", "{{%": "%}}", "{%": "%}", "{{": "}}"}
# Where each closer occurs (overlapping: "}}}" closes at either brace pair).
_CLOSER_RES = {closer: regex("(?=" + re.escape(closer) + ")")
               for closer in _CLOSERS.values()}
TAG_CHARS_MAX = 4000  # a caption is long, but not this long: a stray "{{" is text
_BLANK_LINE_RE = regex(r"(?:\r\n|\r|\n)[ \t]*(?:\r\n|\r|\n)")
_NAME_RE = regex(r"[-\s]*(/)?\s*([\w.-]*)")
# Liquid blocks whose content is not prose: the tag that opens one, the pattern of its end.
_VERBATIM_BLOCKS = {name: regex(r"\{%-?\s*end" + name + r"\s*-?%\}")
                    for name in ("raw", "comment", "highlight", "codeblock")}


class _Tag(NamedTuple):
    start: int
    end: int
    opener: str  # "{{<", "{{%", "{%" or "{{"
    name: str
    closing: bool  # {{< /name >}}
    standalone: bool  # self-closing, escaped, or not a shortcode


def template_spans(text: str, start: int = 0,
                   code: Sequence[tuple[int, int]] = ()) -> list[tuple[int, int]]:
    """The spans of text[start:] to mask as template markup, in order.

    `code` holds sorted (start, end) spans of code, where a tag is only an example."""
    if "{{" not in text and "{%" not in text:  # most articles: nothing to do
        return []
    code_starts = [s for s, _ in code]
    index = _Index(text)
    spans: list[tuple[int, int]] = []
    open_shortcodes: list[_Tag] = []
    open_names: Counter[str] = Counter()
    unclosed_after: dict[str, int] = {}  # a verbatim block's name: no end after this offset
    pos = start
    while True:
        m = _OPEN_RE.search(text, pos)
        if m is None:
            break
        tag = _read_tag(text, index, m.start(), m.group())
        if tag is None or _in_code(m.start(), code, code_starts):
            pos = m.end()
            continue
        pos = tag.end
        if tag.opener == "{%" and tag.name in _VERBATIM_BLOCKS:
            if tag.end >= unclosed_after.get(tag.name, len(text) + 1):
                close = None  # searched before, in vain: the text is not scanned again
            else:
                close = _VERBATIM_BLOCKS[tag.name].search(text, tag.end)
                if close is None:
                    unclosed_after[tag.name] = tag.end
            if close is not None:
                pos = close.end()
            spans.append((tag.start, pos))
            continue
        spans.append((tag.start, tag.end))
        if tag.opener not in ("{{<", "{{%") or tag.standalone:
            continue
        if not tag.closing:
            open_shortcodes.append(tag)
            open_names[tag.name] += 1
            continue
        if not open_names[tag.name]:
            continue
        # Close the innermost open shortcode of that name; any left open inside it had no
        # closing tag (each shortcode is popped once, so this stays linear).
        while True:
            opening = open_shortcodes.pop()
            open_names[opening.name] -= 1
            if opening.name == tag.name:
                break
        if opening.opener == "{{<":  # raw inner content: mask the pair whole
            spans.append((opening.start, tag.end))
    return _merged(spans)


class _Index:
    """Where the closers and blank lines are, found once per text, so that looking for the
    end of each candidate tag is a binary search instead of a scan (a text of stray braces
    would otherwise take quadratic time)."""

    def __init__(self, text: str) -> None:
        self.closers = {closer: [m.start() for m in pattern.finditer(text)]
                        for closer, pattern in _CLOSER_RES.items()}
        self.blank_lines = [m.start() for m in _BLANK_LINE_RE.finditer(text)]

    def closer_at_or_after(self, closer: str, start: int, limit: int) -> int:
        positions = self.closers[closer]
        i = bisect_left(positions, start)
        return positions[i] if i < len(positions) and positions[i] < limit else -1

    def blank_line_between(self, start: int, end: int) -> bool:
        i = bisect_left(self.blank_lines, start)
        return i < len(self.blank_lines) and self.blank_lines[i] < end


def _read_tag(text: str, index: _Index, start: int, opener: str) -> _Tag | None:
    closer = _CLOSERS[opener]
    body_start = start + len(opener)
    end = index.closer_at_or_after(closer, body_start, body_start + TAG_CHARS_MAX)
    if end < 0 or index.blank_line_between(body_start, end):
        return None
    body = text[body_start:end]
    end += len(closer)
    if opener in ("{{<", "{{%"):
        escaped = body.lstrip().startswith("/*")
        m = _NAME_RE.match(body)
        closing = bool(m and m.group(1)) and not escaped
        name = m.group(2) if m else ""
        standalone = escaped or body.rstrip().endswith("/") or not name
        return _Tag(start, end, opener, name, closing, standalone)
    m = _NAME_RE.match(body)
    return _Tag(start, end, opener, m.group(2) if m else "", False, True)


def _in_code(offset: int, code: Sequence[tuple[int, int]], code_starts: list[int]) -> bool:
    i = bisect_right(code_starts, offset) - 1
    return i >= 0 and code[i][0] <= offset < code[i][1]


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out
