"""Fuzzing the reader, the document model and the regular-expression guard.

Three hypothesis targets, fast by default (a few hundred inputs each, a few seconds):

- `test_fuzz_reader_and_document`: arbitrary bytes, and bytes built from Markdown constructs,
  quotation marks, sentence punctuation, arbitrary Unicode, every line ending and byte-order
  mark, are decoded (lintnews.files.source), read as Markdown and as plain text (lintnews.markup),
  built into a document (lintnews.document) and linted with every rule. Decoding may refuse
  the input with an InputError; nothing else may raise, and the document model's invariants
  must hold: the masked text keeps every offset and line break, blocks and sentences are
  ordered, non-overlapping and inside the text, quotations are inside the text, and every
  finding's span, line and column agree with the text.
- `test_fuzz_regex_guard`: random regular expressions from a small grammar (nesting,
  alternation, every quantifier, lazy and possessive ones, groups, lookahead); every pattern
  that lintnews.engine.safety accepts must finish quickly on hostile inputs.
- `test_fuzz_cli_bytes`: random bytes as a file through the CLI in-process: exit 0, 1 or 2,
  never an exception.

Run longer (the count is per target; hypothesis prints what it ran with the statistics flag):

    LINTNEWS_FUZZ_EXAMPLES=200000 python -m pytest tests/test_fuzz.py -q -p no:cacheprovider \\
        --hypothesis-show-statistics

Findings of the first long run are listed in the report that came with these tests.
"""

from __future__ import annotations

import codecs
import os
import re
import signal
from bisect import bisect_right

import pytest
from helpers import invoke
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st

from lintnews.config import Settings
from lintnews.document.build import build_document
from lintnews.engine.runner import lint_source, select_rules
from lintnews.files.source import InputError, LineIndex, decode
from lintnews.markup import read_prose
from lintnews.ruleset import load_rules

EXAMPLES = int(os.environ.get("LINTNEWS_FUZZ_EXAMPLES", "300"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck),
                print_blob=True)
SETTINGS = Settings()
RULES = select_rules(load_rules(), SETTINGS, None, ())
_BREAK_RE = re.compile(r"\r\n|\r|\n")

PIECES = [
    "# ", "## Heading\n", "Title\n=====\n", "- ", "* ", "1. ", "> ", "> > ", "    code\n",
    "```\n", "~~~\n", "`", "``", "*", "**", "_", "~~", "[", "]", "(", ")", "](http://x.org)",
    "![img](a.png)", "<http://x.org>", "http://example.com/a_b", "a@b.org", "<!-- ", " -->",
    "<!-- lintnews: disable LN101 -->", "<!-- lintnews: enable -->",
    "<!-- lintnews: disable-next-line LN2 -->", "<div>", "</div>", "<br>", "| a | b |\n",
    "|---|---|\n", "---\n", "+++\n", "...\n", "title: ", "description: >\n  ", "[^1]",
    "[ref]: http://x\n", "\\", "\"", "'", "“", "”", "‘", "’", "«", "»", "„", "…", ". ", "? ",
    "! ", ", ", ": ", "; ", "—", "–", "Mr. ", "U.S. ", "a.m. ", "No. 5 ", "Calif. ",
    "SMITH: ", "Q: ", "**Anna:** ", "((Host)) ", "said ", "according to officials, ",
    "impossible to understate", "critics argue", "so bravely", "the the", "so-called",
    "Share this content:", "45%", "will surely", "The Uncomplicated Reality of ",
    "\n", "\r\n", "\r", "\n\n", "\r\n\r\n", "\u2028", "\u2029", "\x85", "\x0b", "\x0c", "\t",
    " ", "😀", "👩‍👩‍👧", "e\u0301", "\u0301", "\ufeff", "\u200b", "\u202e", "ß", "İ", "中文",
    "\U0010fffd", "\x7f", "\x1c",
]
_CHARS = st.characters(blacklist_categories=("Cs",))
_texts = st.lists(st.one_of(st.sampled_from(PIECES), st.text(_CHARS, max_size=5)),
                  max_size=50).map("".join)
_encoded = st.tuples(_texts, st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-be"])) \
    .map(lambda t: t[0].encode(t[1]) if t[1] != "utf-16-be"
         else codecs.BOM_UTF16_BE + t[0].encode("utf-16-be"))
_prefixes = st.sampled_from([b"", codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE,
                             b"\xff", b"\x00", b"\xef\xbb"])
inputs = st.one_of(_encoded, _encoded, st.tuples(_prefixes, st.binary(max_size=200)).map(b"".join))


def reference_position(text: str, offset: int) -> tuple[int, int]:
    starts = [0] + [m.end() for m in _BREAK_RE.finditer(text)]
    line = bisect_right(starts, offset) - 1
    return line + 1, offset - starts[line] + 1


def check_document(text: str, name: str) -> None:
    n = len(text)
    prose = read_prose(text, name)
    masked = prose.masked
    assert len(masked) == n
    for m, t in zip(masked, text, strict=True):
        assert m == t or (m == " " and t not in "\r\n"), (m, t)
    previous = 0
    for block in prose.blocks:
        assert previous <= block.start < block.end <= n, prose.blocks
        assert masked[block.start:block.end].strip()
        previous = block.end
    for comment in prose.comments:
        assert text[comment.start:comment.end] == comment.body

    doc = build_document(name, text, prose)
    assert len(doc.paragraphs) == len(prose.blocks)
    expected_sentence = 0
    for paragraph in doc.paragraphs:
        assert paragraph.sentences.start == expected_sentence
        expected_sentence = paragraph.sentences.stop
        for i in paragraph.sentences:
            s = doc.sentences[i]
            assert s.index == i and s.paragraph == paragraph.index
            assert paragraph.start <= s.start < s.end <= paragraph.end
            assert doc.sentence_at(s.start) == s
            assert s.words >= 0
    assert expected_sentence == len(doc.sentences)
    starts = [s.start for s in doc.sentences]
    assert starts == sorted(starts)
    for a, b in zip(doc.sentences, doc.sentences[1:], strict=False):
        assert a.end <= b.start
    for q in doc.quotations:
        assert 0 <= q.start < q.end <= n
        assert all(0 <= p < len(doc.paragraphs) for p in q.paragraphs)
    for offset in range(0, n + 1, max(1, n // 7)):
        doc.quotation_at(offset)
        doc.in_direct_quote(offset, min(n, offset + 3))
    assert doc.word_count >= 0

    index = LineIndex(text)
    assert index.line_count == len(_BREAK_RE.findall(text)) + 1
    for offset in range(0, n + 1, max(1, n // 5)):
        assert index.position(offset) == reference_position(text, offset)


@FUZZ
@given(data=inputs, name=st.sampled_from(["a.md", "a.txt"]))
@example(data=b"\xff\xfe" + "\ud7ff x".encode("utf-16-le"), name="a.md")
@example(data=b"---\r\ntitle: \"\r\n---\r\n> \"a\r\n\r\n\"b\r\n", name="a.md")
@example(data=b"Q: a\n\nA: b\n\nQ: c\n\nA: d\n", name="a.txt")
def test_fuzz_reader_and_document(data: bytes, name: str) -> None:
    try:
        source = decode(data, name)
    except InputError as err:
        assert str(err).startswith(name + ": ")
        event("refused: " + str(err).split(": ", 1)[1].split(" (")[0].split(";")[0])
        return
    event(f"decoded as {source.encoding}{' with BOM' if source.bom else ''}")
    text = source.text
    assert source.encode(text) == data  # decoding loses nothing: the file can be written back
    check_document(text, name)
    result = lint_source(source, RULES, SETTINGS)
    assert not result.rule_errors, result.rule_errors
    for f in result.findings:
        assert 0 <= f.offset <= f.end_offset <= len(text)
        assert (f.line, f.column) == reference_position(text, f.offset)
        assert (f.end_line, f.end_column) == reference_position(text, f.end_offset)


# --- the regular-expression guard -----------------------------------------------------------

_atoms = st.sampled_from(["a", "b", ".", r"\w", r"\s", "[ab]", "[^b]", " ", r"\d", "x", r"\b"])


def _extend(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.one_of(
        st.tuples(inner, inner).map("".join),
        st.tuples(inner, inner).map(lambda t: f"(?:{t[0]}|{t[1]})"),
        inner.map(lambda x: f"(?:{x})*"), inner.map(lambda x: f"(?:{x})+"),
        inner.map(lambda x: f"(?:{x})?"), inner.map(lambda x: f"(?:{x})*?"),
        inner.map(lambda x: f"({x})"), inner.map(lambda x: f"(?={x})"),
        st.tuples(inner, st.integers(0, 4), st.integers(0, 30)).map(
            lambda t: f"(?:{t[0]}){{{t[1]},{t[1] + t[2]}}}"),
        *([inner.map(lambda x: f"(?:{x})++"), inner.map(lambda x: f"(?>{x})")]
          if hasattr(re, "NOFLAG") else []),  # Python 3.11+
    )


regexes = st.tuples(st.recursive(_atoms, _extend, max_leaves=14),
                    st.sampled_from(["", "$", "!", r"\s*$"])).map("".join)
HOSTILE = ["a" * 30 + "!", "a" * 24 + "b" * 6 + "!", "ab" * 15 + "!", " " * 30 + "!",
           "a " * 15 + "!", "ab " * 10 + "!", "x" * 30, "1" * 30 + "!", "a" * 30]


def _interrupted_after(seconds: float):
    def interrupt(signum, frame):
        raise TimeoutError
    signal.signal(signal.SIGALRM, interrupt)
    signal.setitimer(signal.ITIMER_REAL, seconds)


@pytest.mark.skipif(not hasattr(signal, "setitimer"), reason="needs an interval timer")
@FUZZ
@given(pattern=regexes)
@example(pattern="(?:(?:(?:ab)+)+)*$")
@example(pattern="(?:(?:a)+){0,8}$")
@example(pattern="(?:(?:(a)|b))++")  # CPython 3.11 re: SystemError on "aaa…b"; now rejected
def test_fuzz_regex_guard(pattern: str) -> None:
    from lintnews.engine.safety import check_user_regex

    try:
        check_user_regex(pattern)
    except ValueError as err:
        event("rejected: " + str(err).split(",")[0].split(":")[0])
        return
    event("accepted, then timed")
    compiled = re.compile(pattern, re.IGNORECASE)
    previous = signal.getsignal(signal.SIGALRM)
    try:
        for text in HOSTILE:
            # A hang detector, not a speed test: a pattern the guard should have refused
            # backtracks for minutes on these 30-character texts; one it rightly accepts
            # takes microseconds (benchmarks/guards.py reports the times).
            _interrupted_after(2.0)
            try:
                list(compiled.finditer(text))
            except TimeoutError:
                pytest.fail(f"accepted pattern {pattern!r} hangs on {text!r}")
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
    finally:
        signal.signal(signal.SIGALRM, previous)


# --- the CLI ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory, rules_loaded_once):
    return tmp_path_factory.mktemp("fuzz")


@settings(max_examples=max(20, EXAMPLES // 10), deadline=None,
          suppress_health_check=list(HealthCheck))
@given(data=inputs, name=st.sampled_from(["a.md", "a.txt"]),
       output=st.sampled_from(["text", "json", "sarif", "github", "checkstyle"]))
def test_fuzz_cli_bytes(folder, data: bytes, name: str, output: str) -> None:
    path = folder / name
    path.write_bytes(data)
    result = invoke("check", "--jobs", "1", "--format", output, "--fail-on", "warning",
                    str(path))
    assert result.exit_code in (0, 1, 2)
    event(f"exit {result.exit_code}")
    if result.exit_code == 2:
        errors = [line for line in result.stderr.splitlines() if line.startswith("lintnews:")]
        assert len(errors) == 1 and name in errors[0], result.stderr

