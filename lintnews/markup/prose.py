"""What a markup reader returns: the masked text (prose kept, everything else blanked, every
offset unmoved), its prose blocks and its comments."""

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
