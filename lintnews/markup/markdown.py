"""A small, offset-preserving Markdown reader (CommonMark block structure, pragmatically).

It does not render Markdown; it decides which characters are prose. Code (fenced, indented,
inline), HTML blocks and comments, link targets, URLs, markup characters and template tags
(Liquid, Hugo shortcodes: lintnews.markup.templates) are masked.
Headings, paragraphs, list items, block quotes and table cells become blocks.
"""

from __future__ import annotations

import re

from lintnews.cache.patterns import regex
from lintnews.markup.frontmatter import read_front_matter
from lintnews.markup.inline import mask_markdown_inline
from lintnews.markup.prose import Block, Comment, ProseText, mask_span

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
    reader = _BlockReader(text, chars, out, _Lines(text, body_start).spans)
    for index in range(len(reader.lines)):
        reader.read(index)
    out.flush()
    code_spans = sorted([reader.lines[i] for i in reader.code_lines] + out.code_spans)
    comments = _mask_templates_and_comments(text, chars, body_start, code_spans)
    masked = "".join(chars)
    all_blocks = [*blocks, *out.blocks]
    return ProseText(masked=masked, blocks=tuple(_trim(b, masked) for b in all_blocks
                                                 if masked[b.start:b.end].strip()),
                     comments=tuple(comments))


class _BlockReader:
    """The block structure, line by line. A line inside a block that spans lines (fenced
    code, an HTML block, a comment) belongs to it; a blank line closes the open block; any
    other line is tried against the block starts in order of precedence, and continues or
    opens a paragraph when none matches."""

    def __init__(self, text: str, chars: list[str], out: _Builder,
                 lines: list[tuple[int, int]]) -> None:
        self.text = text
        self.chars = chars
        self.out = out
        self.lines = lines
        self.code_lines: set[int] = set()  # indices of lines of fenced or indented code
        self.fence: str | None = None
        self.in_html = False
        self.in_comment = False  # a multi-line HTML comment opened at the start of a line
        self.in_table = False
        self.block_starts = (self._comment_block, self._fence_opening, self._indented_code,
                             self._html_block, self._setext_underline, self._rule_or_link_def,
                             self._atx_heading, self._table_row, self._block_quote,
                             self._list_item)

    def read(self, index: int) -> None:
        start, end = self.lines[index]
        line = self.text[start:end]
        if self.fence is not None:
            self._in_fence(index, start, end, line, self.fence)
        elif self.in_html:
            mask_span(self.chars, start, end)
            self.in_html = bool(line.strip())
        elif self.in_comment:
            self._in_comment(start, end, line)
        elif not line.strip():
            self.out.flush()
            self.in_table = False
        elif not any(starts(index, start, end, line) for starts in self.block_starts):
            open_kind = self.out.open[0] if self.out.open is not None else None
            self.out.add_prose("paragraph", start, end,
                               continues=open_kind in ("paragraph", "list_item", "blockquote"))

    def _in_fence(self, index: int, start: int, end: int, line: str, fence: str) -> None:
        self.code_lines.add(index)
        mask_span(self.chars, start, end)
        stripped = line.strip()
        if stripped.startswith(fence) and set(stripped) == {fence[0]}:
            self.fence = None

    def _in_comment(self, start: int, end: int, line: str) -> None:
        close = line.find("-->")
        if close < 0:
            mask_span(self.chars, start, end)
            return
        self.in_comment = False
        mask_span(self.chars, start, start + close + 3)
        if line[close + 3:].strip():
            self.out.add_prose("paragraph", start + close + 3, end, continues=False)

    def _comment_block(self, index: int, start: int, end: int, line: str) -> bool:
        m = _COMMENT_BLOCK_RE.match(line)
        if not m or "-->" in line[m.end():]:
            return False
        # CommonMark HTML block (type 2): it ends at "-->", and nothing inside it (a fence,
        # a heading) is Markdown.
        self.out.flush()
        mask_span(self.chars, start, end)
        self.in_comment = True
        return True

    def _fence_opening(self, index: int, start: int, end: int, line: str) -> bool:
        m = _FENCE_RE.match(line)
        if not m:
            return False
        self.out.flush()
        self.fence = m.group(1)
        self.code_lines.add(index)
        mask_span(self.chars, start, end)
        return True

    def _indented_code(self, index: int, start: int, end: int, line: str) -> bool:
        indent = len(line) - len(line.lstrip(" \t").expandtabs(4)) if line[:1] == "\t" else \
            len(line) - len(line.lstrip(" "))
        # indented code: only where it cannot continue a paragraph
        if not (line[:1] == "\t" or indent >= 4) or self.out.open is not None:
            return False
        self.code_lines.add(index)
        mask_span(self.chars, start, end)
        return True

    def _html_block(self, index: int, start: int, end: int, line: str) -> bool:
        if not _HTML_BLOCK_RE.match(line):
            return False
        self.out.flush()
        mask_span(self.chars, start, end)
        self.in_html = True
        return True

    def _setext_underline(self, index: int, start: int, end: int, line: str) -> bool:
        out = self.out
        if out.open is None or out.open[0] != "paragraph" or not _SETEXT_RE.match(line):
            return False
        _kind, b_start, b_end = out.open
        out.open = ("heading", b_start, b_end)
        out.flush()
        mask_span(self.chars, start, end)
        return True

    def _rule_or_link_def(self, index: int, start: int, end: int, line: str) -> bool:
        if not (_THEMATIC_RE.match(line) or _LINK_DEF_RE.match(line)):
            return False
        self.out.flush()
        mask_span(self.chars, start, end)
        return True

    def _atx_heading(self, index: int, start: int, end: int, line: str) -> bool:
        m = _ATX_RE.match(line)
        if not m:
            return False
        self.out.flush()
        mask_span(self.chars, start, start + m.end())
        close = _ATX_CLOSE_RE.search(line, m.end())
        stop = start + (close.start() if close else len(line))
        mask_span(self.chars, stop, end)
        self.out.add_prose("heading", start + m.end(), stop, continues=False)
        self.out.flush()
        return True

    def _table_row(self, index: int, start: int, end: int, line: str) -> bool:
        if "|" not in line:
            return False
        if not self.in_table:
            following = self.lines[index + 1] if index + 1 < len(self.lines) else (0, 0)
            next_line = self.text[following[0]:following[1]]
            if not (_TABLE_SEP_RE.match(next_line) and "-" in next_line):
                return False
        self.out.flush()
        self.in_table = True
        if _TABLE_SEP_RE.match(line):
            mask_span(self.chars, start, end)
        else:
            _add_table_row(self.out, self.text, self.chars, start, end)
        return True

    def _block_quote(self, index: int, start: int, end: int, line: str) -> bool:
        m = _QUOTE_RE.match(line)
        if not m:
            return False
        mask_span(self.chars, start, start + m.end())
        rest = start + m.end()
        if not self.text[rest:end].strip():
            self.out.flush()
            return True
        lm = _LIST_RE.match(self.text, rest, end)
        if lm:
            mask_span(self.chars, rest, lm.end())
            self.out.add_prose("blockquote", lm.end(), end, continues=False)
            return True
        continues = self.out.open is not None and self.out.open[0] == "blockquote"
        self.out.add_prose("blockquote", rest, end, continues=continues)
        return True

    def _list_item(self, index: int, start: int, end: int, line: str) -> bool:
        m = _LIST_RE.match(line)
        if not m:
            return False
        mask_span(self.chars, start, start + m.end())
        self.out.add_prose("list_item", start + m.end(), end, continues=False)
        return True


def _mask_templates_and_comments(text: str, chars: list[str], body_start: int,
                                 code_spans: list[tuple[int, int]]) -> list[Comment]:
    """Mask template tags and HTML comments outside code; the comments, for directives."""
    if "{{" in text or "{%" in text:
        # Template tags are masked once the code is known: in code they are examples.
        from lintnews.markup.templates import template_spans

        for start, end in template_spans(text, body_start, code_spans):
            mask_span(chars, start, end)
    comments = []
    for m in _COMMENT_RE.finditer(text, body_start):
        if any(s <= m.start() < e for s, e in code_spans):
            continue
        mask_span(chars, m.start(), m.end())
        comments.append(Comment(m.start(), m.end(), m.group()))
    return comments


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
