"""Plain-text articles: paragraphs, the headline, and headings by their shape.

Text files come in two shapes: one paragraph per line (pasted from a CMS), or hard-wrapped
paragraphs separated by blank lines. A block whose lines are long is the first shape.

The first line is the headline only when it is shaped like one (see looks_like_headline) and
more text follows it: a file that is one paragraph, or opens with a sentence, is body copy.
"""

from __future__ import annotations

from lintnews.cache.patterns import regex
from lintnews.markup.inline import without_urls
from lintnews.markup.prose import Block, ProseText

_LINE_RE = regex(r"[^\r\n]*(?:\r\n|\r|\n|$)")
_WORD_RE = regex(r"[A-Za-z][\w'’-]*")
_MINOR_WORDS = {
    "a", "an", "the", "and", "but", "or", "nor", "for", "so", "yet", "as", "at", "by", "in",
    "of", "off", "on", "per", "to", "up", "via", "with", "from", "into", "over", "vs", "than",
}
WRAPPED_LINE_MAX = 100
# Wikinews headlines run to 22 words; a sentence-length first line is rarely a headline.
HEADLINE_WORDS_MAX = 25
_SENTENCE_END_RE = regex(r"[.!?…][\"'”’»)\]]*$")


def looks_like_headline(line: str) -> bool:
    """A first line that can be a headline: short, and not ended like a sentence (closing
    quotes and brackets aside), as headlines are written."""
    stripped = line.strip()
    return (0 < len(stripped.split()) <= HEADLINE_WORDS_MAX
            and _SENTENCE_END_RE.search(stripped) is None)


def looks_like_heading(line: str) -> bool:
    """A short line in title case, or a short line with no sentence punctuation at the end."""
    stripped = line.strip()
    if len(stripped.split()) > 16 or stripped.endswith((",", ";")):
        return False  # checked first: most lines are paragraphs, too long to read word by word
    words = _WORD_RE.findall(stripped)
    if not words:
        return False
    major = [w for w in words if w.lower() not in _MINOR_WORDS]
    if not major:
        return False
    capitalised = sum(1 for w in major if w[0].isupper())
    if capitalised / len(major) >= 0.8 and len(major) >= 2:
        return True
    return not stripped.endswith((".", "!", "?", ":", "\"", "”", "’", "'")) and len(words) <= 10 \
        and capitalised / len(major) >= 0.5


def read_plaintext(text: str) -> ProseText:
    masked = without_urls(text)
    lines = []
    for m in _LINE_RE.finditer(masked):
        if m.start() == m.end():
            break
        lines.append((m.start(), m.start() + len(m.group().rstrip("\r\n"))))

    groups: list[list[tuple[int, int]]] = []
    current: list[tuple[int, int]] = []
    for start, end in lines:
        if masked[start:end].strip():
            current.append((start, end))
        elif current:
            groups.append(current)
            current = []
    if current:
        groups.append(current)

    spans_found: list[tuple[int, int]] = []
    for group in groups:
        one_per_line = len(group) == 1 or any(e - s > WRAPPED_LINE_MAX for s, e in group)
        spans = group if one_per_line else [(group[0][0], group[-1][1])]
        if not one_per_line and looks_like_heading(masked[group[0][0]:group[0][1]]):
            # A heading line directly above a wrapped paragraph.
            spans = [group[0], (group[1][0], group[-1][1])]
        for start, end in spans:
            segment = masked[start:end]
            left = len(segment) - len(segment.lstrip())
            right = len(segment.rstrip())
            spans_found.append((start + left, start + right))

    blocks: list[Block] = []
    for start, end in spans_found:
        one_line = "\n" not in masked[start:end] and "\r" not in masked[start:end]
        if not blocks and len(spans_found) > 1 and one_line \
                and looks_like_headline(masked[start:end]):
            kind = "headline"
        elif len(spans_found) > 1 and one_line and looks_like_heading(masked[start:end]):
            kind = "heading"
        else:
            kind = "paragraph"
        blocks.append(Block(kind, start, end))
    return ProseText(masked=masked, blocks=tuple(blocks))
