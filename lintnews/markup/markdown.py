"""A small, offset-preserving Markdown reader (CommonMark block structure, pragmatically).

It does not render Markdown; it decides which characters are prose. Code (fenced, indented,
inline), HTML blocks and comments, link targets, URLs, markup characters and template tags
(Liquid, Hugo shortcodes: lintnews.markup.templates) are masked.
Headings, paragraphs, list items, block quotes and table cells become blocks.
"""

from __future__ import annotations

import re

from lintnews.cache.patterns import regex
from lintnews.markup import Block, Comment, ProseText, mask_span
from lintnews.markup.frontmatter import read_front_matter
from lintnews.markup.inline import mask_markdown_inline

_LINE_RE = regex(r"[^\r\n]*(?:\r\n|\r|\n|$)")
_FENCE_RE = regex(r" {0,3}(`{3,}|~{3,})")
_ATX_RE = regex(r" {0,3}(#{1,6})(?:[ \t]+|$)")
_ATX_CLOSE_RE = regex(r"[ \t]+#+[ \t]*$|^#+[ \t]*$")
_SETEXT_RE = regex(r" {0,3}(=+|-+)[ \t]*$")
_THEMATIC_RE = regex(r" {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_LIST_RE = regex(r" {0,3}(?:[-*+]|\d{1,9}[.)])(?:[ \t]+|$)")
_QUOTE_RE = regex(r"(?: {0,3}>[ ]?)+")
_LINK_DEF_RE = regex(r" {0,3}\[[^\]]+\]:\s*\S+")
_TABLE_SEP_RE = regex(r" {0,3}\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$")
_HTML_BLOCK_RE = regex(
    r" {0,3}</?(?:address|article|aside|blockquote|details|dialog|div|dl|fieldset|figcaption|figure"
    r"|footer|form|h[1-6]|header|hr|iframe|li|main|nav|ol|p|pre|script|section|style|summary|table"
    r"|tbody|td|tfoot|th|thead|tr|ul|video|audio|img|picture|source|center|noscript)(?:[\s/>]|$)",
    re.IGNORECASE,
)
_COMMENT_RE = regex(r"<!--.*?(?:-->|$)", re.DOTALL)
_COMMENT_BLOCK_RE = regex(r" {0,3}<!--")


class _Lines:
    def __init__(self, text: str, start: int) -> None:
        self.spans: list[tuple[int, int]] = []
        for m in _LINE_RE.finditer(text, start):
            if m.start() == m.end():
                break
            self.spans.append((m.start(), m.start() + len(m.group().rstrip("\r\n"))))


class _Builder:
    """Accumulates blocks; one open block at a time, as in a paragraph-oriented parser."""

    def __init__(self, text: str, chars: list[str]) -> None:
        self.text = text
        self.chars = chars
        self.blocks: list[Block] = []
        self.open: tuple[str, int, int] | None = None
        self.code_spans: list[tuple[int, int]] = []  # inline code, found when a block closes

    def add_prose(self, kind: str, start: int, end: int, *, continues: bool) -> None:
        if continues and self.open is not None:
            self.open = (self.open[0], self.open[1], end)
        else:
            self.flush()
            self.open = (kind, start, end)

    def flush(self) -> None:
        if self.open is None:
            return
        kind, start, end = self.open
        self.open = None
        # Inline syntax is masked over the whole block, so a code span or a tag may cross a
        # line break; block markers inside it (a quote's ">") are already blank in self.chars.
        segment = self.chars[start:end]
        spans = mask_markdown_inline("".join(segment), segment, 0, end - start)
        self.chars[start:end] = segment
        self.code_spans.extend((start + a, start + b) for a, b in spans)
        masked = "".join(self.chars[start:end])
        stripped_start = len(masked) - len(masked.lstrip())
        stripped_end = len(masked.rstrip())
        if stripped_end > stripped_start:
            self.blocks.append(Block(kind, start + stripped_start, start + stripped_end))


def read_markdown(text: str) -> ProseText:
    chars = list(text)
    body_start, blocks = read_front_matter(text, chars)
    out = _Builder(text, chars)
    lines = _Lines(text, body_start).spans
    code_lines: set[int] = set()
    fence: str | None = None
    in_html = False
    in_comment = False  # a multi-line HTML comment opened at the start of a line
    in_table = False

    for index, (start, end) in enumerate(lines):
        line = text[start:end]
        blank = not line.strip()
        if fence is not None:
            code_lines.add(index)
            mask_span(chars, start, end)
            stripped = line.strip()
            if stripped.startswith(fence) and set(stripped) == {fence[0]}:
                fence = None
            continue
        if in_html:
            mask_span(chars, start, end)
            if blank:
                in_html = False
            continue
        if in_comment:
            close = line.find("-->")
            if close < 0:
                mask_span(chars, start, end)
                continue
            in_comment = False
            mask_span(chars, start, start + close + 3)
            if line[close + 3:].strip():
                out.add_prose("paragraph", start + close + 3, end, continues=False)
            continue
        if blank:
            out.flush()
            in_table = False
            continue
        m = _COMMENT_BLOCK_RE.match(line)
        if m and "-->" not in line[m.end():]:
            # CommonMark HTML block (type 2): it ends at "-->", and nothing inside it (a fence,
            # a heading) is Markdown.
            out.flush()
            mask_span(chars, start, end)
            in_comment = True
            continue
        m = _FENCE_RE.match(line)
        if m:
            out.flush()
            fence = m.group(1)
            code_lines.add(index)
            mask_span(chars, start, end)
            continue
        indent = len(line) - len(line.lstrip(" \t").expandtabs(4)) if line[:1] == "\t" else \
            len(line) - len(line.lstrip(" "))
        # indented code: only where it cannot continue a paragraph
        if (line[:1] == "\t" or indent >= 4) and out.open is None:
            code_lines.add(index)
            mask_span(chars, start, end)
            continue
        if _HTML_BLOCK_RE.match(line):
            out.flush()
            mask_span(chars, start, end)
            in_html = True
            continue
        if out.open is not None and out.open[0] == "paragraph" and _SETEXT_RE.match(line):
            _kind, b_start, b_end = out.open
            out.open = ("heading", b_start, b_end)
            out.flush()
            mask_span(chars, start, end)
            continue
        if _THEMATIC_RE.match(line) or _LINK_DEF_RE.match(line):
            out.flush()
            mask_span(chars, start, end)
            continue
        m = _ATX_RE.match(line)
        if m:
            out.flush()
            mask_span(chars, start, start + m.end())
            close = _ATX_CLOSE_RE.search(line, m.end())
            stop = start + (close.start() if close else len(line))
            mask_span(chars, stop, end)
            out.add_prose("heading", start + m.end(), stop, continues=False)
            out.flush()
            continue
        next_line = text[lines[index + 1][0]:lines[index + 1][1]] if index + 1 < len(lines) else ""
        if "|" in line and (in_table or (_TABLE_SEP_RE.match(next_line) and "-" in next_line)):
            out.flush()
            in_table = True
            if _TABLE_SEP_RE.match(line):
                mask_span(chars, start, end)
                continue
            _add_table_row(out, text, chars, start, end)
            continue
        m = _QUOTE_RE.match(line)
        if m:
            mask_span(chars, start, start + m.end())
            rest = start + m.end()
            if not text[rest:end].strip():
                out.flush()
                continue
            lm = _LIST_RE.match(text, rest, end)
            if lm:
                mask_span(chars, rest, lm.end())
                out.add_prose("blockquote", lm.end(), end, continues=False)
                continue
            continues = out.open is not None and out.open[0] == "blockquote"
            out.add_prose("blockquote", rest, end, continues=continues)
            continue
        m = _LIST_RE.match(line)
        if m:
            mask_span(chars, start, start + m.end())
            out.add_prose("list_item", start + m.end(), end, continues=False)
            continue
        continues = out.open is not None and out.open[0] in ("paragraph", "list_item", "blockquote")
        out.add_prose("paragraph", start, end, continues=continues)
    out.flush()

    comments = []
    code_spans = sorted([lines[i] for i in code_lines] + out.code_spans)
    if "{{" in text or "{%" in text:
        # Template tags are masked once the code is known: in code they are examples.
        from lintnews.markup.templates import template_spans

        for start, end in template_spans(text, body_start, code_spans):
            mask_span(chars, start, end)
    for m in _COMMENT_RE.finditer(text, body_start):
        if any(s <= m.start() < e for s, e in code_spans):
            continue
        mask_span(chars, m.start(), m.end())
        comments.append(Comment(m.start(), m.end(), m.group()))
    masked = "".join(chars)
    all_blocks = [*blocks, *out.blocks]
    return ProseText(masked=masked, blocks=tuple(_trim(b, masked) for b in all_blocks
                                                 if masked[b.start:b.end].strip()),
                     comments=tuple(comments))


def _add_table_row(out: _Builder, text: str, chars: list[str], start: int, end: int) -> None:
    cell_start = start
    for i in range(start, end + 1):
        if i == end or (text[i] == "|" and (i == start or text[i - 1] != "\\")):
            if i < end:
                chars[i] = " "
            if text[cell_start:i].strip():
                out.add_prose("table_cell", cell_start, i, continues=False)
                out.flush()
            cell_start = i + 1


def _trim(block: Block, masked: str) -> Block:
    segment = masked[block.start:block.end]
    left = len(segment) - len(segment.lstrip())
    right = len(segment.rstrip())
    return Block(block.kind, block.start + left, block.start + right)
