"""Property tests: every finding's span and line/column is exact, whatever the input.

Texts are built from prose known to trigger rules, Markdown constructs, arbitrary Unicode
(astral-plane characters, combining marks, look-alike line separators) and the three line
endings, optionally behind a UTF-8 byte-order mark. Each text is linted as Markdown and as
plain text; positions are checked against an independent reference implementation.
"""

from __future__ import annotations

import codecs
import re

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from lintnews.config import Settings
from lintnews.engine.runner import lint_source, select_rules
from lintnews.files.source import LineIndex, SourceFile, decode
from lintnews.markup import read_prose
from lintnews.ruleset import load_rules

SETTINGS = Settings()
ALL_RULES = load_rules()
RULES = select_rules(ALL_RULES, SETTINGS, None, ())
# Rules that report a matched phrase (declarative packs): their span is the words matched.
PHRASE_CODES = {r.meta.code for r in ALL_RULES if type(r).__name__ == "PhraseRule"}

_BREAK_RE = re.compile(r"\r\n|\r|\n")
LINE_ENDINGS = ["\n", "\r\n", "\r"]

TRIGGERS = [
    "impossible to understate",
    "It is impossible to understate the crisis.",
    "critics argue",
    "Critics argue the plan will fail.",
    "Share this content:",
    "so bravely",
    "He fought so bravely.",
    "The regime slammed the report.",
    "the the",
    "Officials said the plan cannot be understated , and it will surely collapse.",
    "Prices rose 45% last year.",
    "“It is impossible to understate,” she said.",
    "\"Critics argue so,\" said Smith.",
    "It is widely believed that ",
    "Mr. Smith arrived at 9 a.m. The U.S. said no.",
    "impossible to\r\nunderstate",
    "critics\rargue",
    "so\nbravely",
]
MARKDOWN = [
    "# ", "## ", "###### ", "- ", "* ", "+ ", "1. ", "2) ", "> ", "> > ", "    ", "\t",
    "```", "```python", "~~~", "`", "``", "[", "]", "(", ")", "](http://x/impossible-to-understate)",
    "[critics argue](http://x/critics-argue)", "![so bravely](img.png)", "<http://x/so-bravely>",
    "http://example.com/impossible-to-understate", "www.example.org/critics-argue",
    "someone@example.com", "*", "**", "_", "__", "~~", "\\", "|", " | ", "|---|---|",
    "| impossible to understate | critics argue |", "---", "+++", "===", "***",
    "title: ", "description: ", "title = ", "author: Slammed Smith", "tags: [regime]",
    "<!-- ", " -->", "<!-- lintnews: disable LN101 -->", "<!-- lintnews: enable -->",
    "<!-- lintnews: disable-next-line LN301 -->", "<div>", "</div>", "<span>", "</span>",
    "[^1]", "[ref]: http://x", "\"", "“", "”", "‘", "’", "'", "«", "»", "…", "...", ". ",
    "? ", "! ", ", ", ": ", "—",
]
UNICODE_SAMPLES = [
    "😀", "👍🏽", "👩‍👩‍👧", "🇺🇦", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "𠀀", "e\u0301", "\u0301", "\u0308\u0323", "ﬁ",
    "İ", "ß", "Σ", "ǅ", "\u00a0", "\u200b", "\u200d", "\ufeff", "\u2028", "\u2029", "\x85",
    "\x0b", "\x0c", "\x1c", "\x1e", "\t", "\u202e", "עברית", "العربية", "日本語", "Ⅻ", "①",
    "ＡＢＣ", "\U0010fffd", "\x7f",
]

# Any code point except surrogates (which cannot be encoded) and NUL (binary content).
_CHARS = st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00")

_piece = st.one_of(
    st.sampled_from(TRIGGERS),
    st.sampled_from(MARKDOWN),
    st.sampled_from(LINE_ENDINGS),
    st.sampled_from(UNICODE_SAMPLES),
    st.text(_CHARS, max_size=6),
    st.just(" "),
)


@st.composite
def articles(draw: st.DrawFn) -> str:
    eol = draw(st.sampled_from(LINE_ENDINGS))
    mixed = draw(st.booleans())
    pieces = draw(st.lists(_piece, max_size=60))
    if not mixed:  # one line-ending style throughout, as most real files have
        pieces = [eol if p in LINE_ENDINGS else p for p in pieces]
    body = "".join(pieces)
    front = draw(st.sampled_from(["", "yaml", "toml", "yaml-block", "unclosed"]))
    if front == "yaml":
        title = draw(st.sampled_from(TRIGGERS))
        body = (f"---{eol}title: {title}{eol}author: Slammed Smith{eol}tags: [regime]{eol}"
                f"description: \"{draw(st.sampled_from(TRIGGERS))}\"{eol}---{eol}{body}")
    elif front == "toml":
        body = (f"+++{eol}title = \"{draw(st.sampled_from(TRIGGERS))}\"{eol}"
                f"tags = [\"regime\"]{eol}+++{eol}{body}")
    elif front == "yaml-block":
        body = (f"---{eol}summary: >{eol}  {draw(st.sampled_from(TRIGGERS))}{eol}"
                f"  {draw(st.sampled_from(TRIGGERS))}{eol}---{eol}{body}")
    elif front == "unclosed":
        body = f"---{eol}title: {draw(st.sampled_from(TRIGGERS))}{eol}{body}"
    return body


def reference_position(text: str, offset: int) -> tuple[int, int]:
    """1-based (line, column) of `offset`, counting code points; written independently."""
    line, line_start = 1, 0
    for m in _BREAK_RE.finditer(text):
        if m.end() > offset:
            break
        line, line_start = line + 1, m.end()
    return line, offset - line_start + 1


def inside_crlf(text: str, offset: int) -> bool:
    return 0 < offset < len(text) and text[offset - 1] == "\r" and text[offset] == "\n"


def _source(text: str, name: str, bom: bool) -> SourceFile:
    if text.startswith("\ufeff"):
        bom = True  # without a BOM in front, a leading U+FEFF would itself be read as the BOM
    data = (codecs.BOM_UTF8 if bom else b"") + text.encode("utf-8")
    source = decode(data, name)
    assert source.text == text  # the BOM is not part of the text; nothing else changes
    return source


def check_findings(text: str, name: str, bom: bool) -> None:
    source = _source(text, name, bom)
    result = lint_source(source, RULES, SETTINGS)
    assert not result.rule_errors, result.rule_errors
    n = len(text)
    for f in result.findings:
        where = f"{f.code} {f.offset}:{f.end_offset} {text[f.offset:f.end_offset]!r}"
        assert 0 <= f.offset <= f.end_offset <= n, where
        assert (f.line, f.column) == reference_position(text, f.offset), where
        assert (f.end_line, f.end_column) == reference_position(text, f.end_offset), where
        assert not inside_crlf(text, f.offset), where
        assert not inside_crlf(text, f.end_offset), where
        if f.code in PHRASE_CODES:
            span = text[f.offset:f.end_offset]
            assert span, where
            assert span.strip() == span, where  # a phrase starts and ends on a word
            assert not span.startswith(("\r", "\n")), where


def check_masking(text: str, name: str) -> None:
    prose = read_prose(text, name)
    masked = prose.masked
    assert len(masked) == len(text)
    for i, (m, t) in enumerate(zip(masked, text, strict=True)):
        if m != " ":
            assert m == t, (i, m, t)
        if t in "\r\n":
            assert m == t, (i, repr(t))
    for block in prose.blocks:
        assert 0 <= block.start < block.end <= len(text), block
        assert masked[block.start:block.end].strip(), block
    previous_end = 0
    for block in prose.blocks:
        assert block.start >= previous_end, ("blocks overlap", prose.blocks)
        previous_end = block.end
    for comment in prose.comments:
        assert 0 <= comment.start < comment.end <= len(text)
        assert text[comment.start:comment.end] == comment.body


PROPERTY = settings(max_examples=300, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


@PROPERTY
@given(text=articles(), bom=st.booleans())
@example(text="---\r\ntitle: impossible to understate\r\n---\r\n\r\nCritics argue so.\r\n",
         bom=True)
@example(text="# H 😀 impossible to understate\r\rcritics argue\r\n\r\n\U0001f600so bravely",
         bom=False)
@example(text="\u2028impossible to understate\x85critics argue\u2029", bom=False)
@example(text="e\u0301\u0301 impossible to understate\r\n", bom=True)
def test_markdown_finding_positions(text: str, bom: bool) -> None:
    check_findings(text, "article.md", bom)


@PROPERTY
@given(text=articles(), bom=st.booleans())
@example(text="Headline 😀 Here\r\n\r\nIt is impossible to understate.\rcritics argue", bom=True)
@example(text="\r\n\r\n\r\nso bravely\r", bom=False)
def test_plaintext_finding_positions(text: str, bom: bool) -> None:
    check_findings(text, "article.txt", bom)


@PROPERTY
@given(text=articles())
@example(text="```\r\nimpossible\r\n```\r\n<!--\rx\r-->\r")
@example(text="> quote\r\n> more `code\r\n> span` end\r\n")
def test_masked_text_preserves_offsets(text: str) -> None:
    check_masking(text, "article.md")
    check_masking(text, "article.txt")


@settings(max_examples=150, deadline=None)
@given(text=st.text(st.characters(blacklist_categories=("Cs",)), max_size=200))
def test_arbitrary_unicode_never_raises(text: str) -> None:
    """Fully arbitrary text (NUL included, no decode step) lints without error in both readers."""
    for name in ("a.md", "a.txt"):
        result = lint_source(SourceFile(path=name, text=text), RULES, SETTINGS)
        assert not result.rule_errors, result.rule_errors
        for f in result.findings:
            assert 0 <= f.offset <= f.end_offset <= len(text)
            assert (f.line, f.column) == reference_position(text, f.offset)
            assert (f.end_line, f.end_column) == reference_position(text, f.end_offset)
        check_masking(text, name)


@settings(max_examples=300, deadline=None)
@given(text=st.text(st.sampled_from(["a", "😀", "\u0301", "\r", "\n", "\x85", "\u2028"]),
                    max_size=40), data=st.data())
def test_line_index_matches_reference(text: str, data: st.DataObject) -> None:
    index = LineIndex(text)
    offset = data.draw(st.integers(0, len(text)))
    assert index.position(offset) == reference_position(text, offset)
    assert index.line_count == len(_BREAK_RE.split(text))


@pytest.mark.parametrize("eol", LINE_ENDINGS)
@pytest.mark.parametrize("name", ["a.md", "a.txt"])
def test_known_positions_after_astral_characters(eol: str, name: str) -> None:
    # Columns count code points: the emoji is one column, the combining accent another.
    text = f"Headline{eol}{eol}😀e\u0301 it is impossible to understate.{eol}"
    findings = [f for f in lint_source(SourceFile(path=name, text=text), RULES, SETTINGS).findings
                if f.code == "LN101"]
    assert len(findings) == 1
    f = findings[0]
    assert text[f.offset:f.end_offset] == "impossible to understate"
    assert (f.line, f.column) == (3, 11)
    assert (f.end_line, f.end_column) == (3, 35)


def test_bom_is_not_counted_in_columns() -> None:
    text = "Headline\n\nIt is impossible to understate.\n"
    source = decode(codecs.BOM_UTF8 + text.encode("utf-8"), "a.md")
    findings = [f for f in lint_source(source, RULES, SETTINGS).findings if f.code == "LN101"]
    assert [(f.line, f.column, f.offset) for f in findings] == [(3, 7, 16)]
