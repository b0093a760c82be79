"""Inline masking shared by the readers: URLs, e-mail addresses, and Markdown inline syntax."""

from __future__ import annotations

import re

from lintnews.cache.patterns import regex
from lintnews.markup.prose import mask_span

URL_RE = regex(r"(?:\bhttps?://|\bwww\.)[^\s<>()\"'“”]*[^\s<>()\"'“”.,;:!?]", re.IGNORECASE)
EMAIL_RE = regex(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")

_CODE_SPAN_RE = regex(r"(`+)(?!`).*?(?<!`)\1(?!`)", re.DOTALL)
_AUTOLINK_RE = regex(r"<(?:https?|ftp|mailto):[^>\s]*>|<[\w.+-]+@[\w.-]+>", re.IGNORECASE)
_HTML_TAG_RE = regex(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s+[^<>]*?)?/?>")
_IMAGE_RE = regex(r"!\[[^\]\n]*\]\([^)\n]*\)|!\[[^\]\n]*\]\[[^\]\n]*\]")
# [text](target "title") and [text][ref]: keep the text, mask brackets and target.
_LINK_RE = regex(r"\[(?P<text>[^\]\n]*)\](?P<target>\([^)\n]*\)|\[[^\]\n]*\])")
_FOOTNOTE_RE = regex(r"\[\^[^\]\s]+\]")
_EMPHASIS_RE = regex(r"(?<![\w*])\*{1,3}(?=\S)|(?<=\S)\*{1,3}(?![\w*])"
                          r"|~~|(?<!\w)_{1,3}(?=\S)|(?<=\S)_{1,3}(?!\w)")
_ESCAPE_RE = regex(r"\\(?=[\\`*_{}\[\]()#+\-.!|<>~\"'])")


def without_urls(text: str) -> str:
    """`text` with bare URLs and e-mail addresses blanked (mask_urls); most articles have
    none, and are returned as they are, without being split into characters."""
    if "://" not in text and "www." not in text.lower() and "@" not in text:
        return text
    chars = list(text)
    mask_urls(text, chars)
    return "".join(chars)


def mask_urls(text: str, chars: list[str], start: int = 0, end: int | None = None) -> None:
    """Blank bare URLs and e-mail addresses in text[start:end]."""
    end = len(text) if end is None else end
    segment = text[start:end]
    # Most articles have neither; a substring test is far cheaper than a pattern scan.
    if "://" in segment or "www." in segment.lower():
        for m in URL_RE.finditer(text, start, end):
            mask_span(chars, m.start(), m.end())
    if "@" in segment:
        for m in EMAIL_RE.finditer(text, start, end):
            mask_span(chars, m.start(), m.end())


def mask_markdown_inline(text: str, chars: list[str], start: int,
                         end: int) -> list[tuple[int, int]]:
    """Blank Markdown inline syntax in text[start:end], leaving only the prose.

    Returns the (start, end) offsets of the code spans found.
    """
    segment = text[start:end]
    taken = bytearray(len(segment))  # positions already masked as code or markup

    def blank(a: int, b: int) -> None:
        mask_span(chars, start + a, start + b)
        taken[a:b] = b"\x01" * (b - a)

    code_spans = []
    for m in _CODE_SPAN_RE.finditer(segment):
        blank(m.start(), m.end())
        code_spans.append((start + m.start(), start + m.end()))
    for pattern in (_AUTOLINK_RE, _IMAGE_RE):
        for m in pattern.finditer(segment):
            if not any(taken[m.start() : m.end()]):
                blank(m.start(), m.end())
    for m in _LINK_RE.finditer(segment):
        if any(taken[m.start() : m.end()]):
            continue
        blank(m.start(), m.start() + 1)  # [
        blank(m.end("text"), m.end())  # ](target)
    for pattern in (_FOOTNOTE_RE, _HTML_TAG_RE, _ESCAPE_RE):
        for m in pattern.finditer(segment):
            if not any(taken[m.start() : m.end()]):
                blank(m.start(), m.end())
    for m in URL_RE.finditer(segment):
        blank(m.start(), m.end())
    for m in EMAIL_RE.finditer(segment):
        blank(m.start(), m.end())
    for m in _EMPHASIS_RE.finditer(segment):
        if not any(taken[m.start() : m.end()]):
            blank(m.start(), m.end())
    return code_spans
