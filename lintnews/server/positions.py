"""Offsets in a text (code points, as findings carry them) ↔ LSP positions.

An LSP position is a line and a character counted in the negotiated encoding: UTF-16 code
units by default, UTF-8 bytes or UTF-32 code points when the client offers them. Lines end at
CRLF, CR or LF, as the protocol says and as `LineIndex` counts them. An emoji before a
finding is one code point, two UTF-16 units and four UTF-8 bytes: getting this wrong puts the
squiggle under the wrong word.
"""

from __future__ import annotations

from lsprotocol import types

from lintnews.files.source import LineIndex

UTF8, UTF16, UTF32 = "utf-8", "utf-16", "utf-32"


def units(text: str, encoding: str) -> int:
    """How many units of `encoding` `text` takes."""
    if encoding == UTF32:
        return len(text)
    if encoding == UTF8:
        return len(text.encode("utf-8", "surrogatepass"))
    # UTF-16: one unit per code point, two for those beyond the Basic Multilingual Plane.
    return len(text) + sum(1 for char in text if ord(char) > 0xFFFF)


def _code_points(line: str, count: int, encoding: str) -> int:
    """How many code points of `line` take `count` units of `encoding` (a position inside a
    character, or past the line's end, is clamped to the character's start or the end)."""
    if encoding == UTF32:
        return min(count, len(line))
    used = 0
    for index, char in enumerate(line):
        width = units(char, encoding)
        if used + width > count:
            return index
        used += width
    return len(line)


class PositionMap:
    """Converts between code-point offsets of one text and LSP positions in one encoding."""

    def __init__(self, text: str, encoding: str = UTF16) -> None:
        self.text = text
        self.encoding = encoding
        self.lines = LineIndex(text)

    def _line_end(self, line: int) -> int:
        """Offset just past the last character of 0-based `line`, before its line break."""
        if line + 1 < self.lines.line_count:
            end = self.lines.line_start(line + 2)
            end -= 2 if self.text.startswith("\r\n", end - 2) else 1
            return end
        return len(self.text)

    def position(self, offset: int) -> types.Position:
        line, column = self.lines.position(offset)
        start = self.lines.line_start(line)
        return types.Position(line=line - 1,
                              character=units(self.text[start:start + column - 1], self.encoding))

    def range(self, start: int, end: int) -> types.Range:
        return types.Range(start=self.position(start), end=self.position(end))

    def offset(self, position: types.Position) -> int:
        """The code-point offset of `position`; a line past the end is the text's end."""
        if position.line >= self.lines.line_count:
            return len(self.text)
        start = self.lines.line_start(position.line + 1)
        line = self.text[start:self._line_end(position.line)]
        return start + _code_points(line, position.character, self.encoding)


def encoding_name(kind: str | None) -> str:
    """The negotiated position encoding (pygls chooses it from the client's offer)."""
    return kind if kind in (UTF8, UTF16, UTF32) else UTF16
