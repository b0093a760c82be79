"""Markup readers: turn an article into prose blocks without moving a single offset.

A reader returns a *masked* copy of the text, the same length as the original, in which
everything that is not prose (code, URLs, markup characters, front-matter keys) is replaced
by spaces. Rules match against the masked text, so every match is already an exact span of
the original file.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from lintnews.markup.prose import BLOCK_KINDS, Block, Comment, ProseText, mask_span

__all__ = ["ARTICLE_SUFFIXES", "BLOCK_KINDS", "INPUT_FORMATS", "SUFFIX_LIST", "UNNAMED", "Block",
           "Comment", "InputFormat", "ProseText", "input_format", "mask_span", "read_prose"]

UNNAMED = "-"  # standard input without --stdin-filename


def _read_markdown(text: str) -> ProseText:
    # Imported on first use: a run over plain text never loads the Markdown reader.
    from lintnews.markup.markdown import read_markdown

    return read_markdown(text)


def _read_plaintext(text: str) -> ProseText:
    from lintnews.markup.plaintext import read_plaintext

    return read_plaintext(text)


class InputFormat(NamedTuple):
    """A kind of article file: the suffixes that mark it, and its reader."""

    name: str
    suffixes: tuple[str, ...]
    read: Callable[[str], ProseText]


MARKDOWN = InputFormat("Markdown", (".md", ".markdown", ".mdx"), _read_markdown)
PLAIN_TEXT = InputFormat("plain text", (".txt",), _read_plaintext)
# The one list of input formats: discovery, its messages and the reader choice read it
# (action.yml cannot, and a test holds it to this list).
INPUT_FORMATS: tuple[InputFormat, ...] = (MARKDOWN, PLAIN_TEXT)
ARTICLE_SUFFIXES = frozenset(suffix for f in INPUT_FORMATS for suffix in f.suffixes)
SUFFIX_LIST = ", ".join(suffix for f in INPUT_FORMATS for suffix in f.suffixes)  # for messages


def input_format(text: str, path: str) -> InputFormat:
    """The format of a file by its name; unnamed text ("-") is Markdown if it clearly is,
    and a file with another suffix (named on the command line) is plain text."""
    lowered = path.lower()
    for candidate in INPUT_FORMATS:
        if lowered.endswith(candidate.suffixes):
            return candidate
    if path == UNNAMED and _is_markdown(text):
        return MARKDOWN
    return PLAIN_TEXT


def read_prose(text: str, path: str) -> ProseText:
    """Read an article with the reader of its format (see `input_format`)."""
    return input_format(text, path).read(text)


def _is_markdown(text: str) -> bool:
    from lintnews.markup.sniff import looks_like_markdown

    return looks_like_markdown(text)
