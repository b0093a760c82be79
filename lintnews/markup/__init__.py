"""Markup readers: turn an article into prose blocks without moving a single offset.

A reader returns a *masked* copy of the text, the same length as the original, in which
everything that is not prose (code, URLs, markup characters, front-matter keys) is replaced
by spaces. Rules match against the masked text, so every match is already an exact span of
the original file.
"""

from __future__ import annotations

from typing import NamedTuple

BLOCK_KINDS = (
    "headline",  # the article's title: front matter title/headline, or a text file's first line
    "dek",  # standfirst / description / summary
    "heading",
    "paragraph",
    "list_item",
    "blockquote",
    "table_cell",
)


class Block(NamedTuple):
    """A run of prose that is one paragraph for the document model."""

    kind: str
    start: int
    end: int


class Comment(NamedTuple):
    """An HTML comment; lintnews directives live in these."""

    start: int
    end: int
    body: str


class ProseText(NamedTuple):
    masked: str
    blocks: tuple[Block, ...]
    comments: tuple[Comment, ...] = ()


def mask_span(chars: list[str], start: int, end: int) -> None:
    """Blank out chars[start:end], keeping line breaks so lines stay where they are."""
    for i in range(start, end):
        if chars[i] not in "\r\n":
            chars[i] = " "


UNNAMED = "-"  # standard input without --stdin-filename


def read_prose(text: str, path: str) -> ProseText:
    """Pick the reader for a file by its name; unnamed text ("-") by what it clearly is."""
    lowered = path.lower()
    if lowered.endswith((".md", ".markdown", ".mdx")) or (path == UNNAMED and _is_markdown(text)):
        from lintnews.markup.markdown import read_markdown

        return read_markdown(text)
    from lintnews.markup.plaintext import read_plaintext

    return read_plaintext(text)


def _is_markdown(text: str) -> bool:
    from lintnews.markup.sniff import looks_like_markdown

    return looks_like_markdown(text)
