"""Properties over generated articles: the formats agree, and --fix only fixes.

test_positions.py already checks every finding's span, line and column against the decoded
text (Markdown and plain text, every line ending, BOM, astral characters). This module adds
what it does not cover:

- every output format carries the same positions: the text format parses back to the JSON
  fields, and GitHub annotations, Checkstyle and SARIF agree with them, for awkward file names
  (spaces, colons, commas, percent signs, non-ASCII, control characters) and messages;
- the same through the real command line, text and JSON, on generated files;
- --fix changes nothing outside the spans of safe fixes (and never a span that covers masked
  markup), leaves the remaining findings at correct positions in the fixed text, keeps the
  file's encoding, byte-order mark and line-ending style, and is idempotent: a second --fix
  changes nothing.
"""

from __future__ import annotations

import codecs
import json
import re
import xml.etree.ElementTree as ET
from bisect import bisect_right
from pathlib import Path, PurePath
from urllib.parse import unquote

import pytest
from helpers import invoke
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from lintnews.config import Settings, Vocabulary
from lintnews.engine.runner import lint_source, select_rules
from lintnews.files.source import SourceFile
from lintnews.markup import read_prose
from lintnews.output import formatter
from lintnews.report import Report
from lintnews.ruleset import load_rules
from lintnews.workflow.apply_fixes import keep_layout
from lintnews.workflow.fix_passes import fix_source

SETTINGS = Settings(vocabulary=Vocabulary(reject={"Kiev": "Kyiv", "utilise": "use"}))
ALL_RULES = load_rules()
RULES = select_rules(ALL_RULES, SETTINGS, None, ())
METAS = {r.meta.code: r.meta for r in ALL_RULES}
SAFE_CODES = {code for code, meta in METAS.items() if meta.fix_safe}

LINE_ENDINGS = ["\n", "\r\n", "\r"]
FIXABLE = [
    "impossible to understate", "It is impossible to understate.", "could care less",
    "I could care less.", "the the", "The the", "and and", "the the the", "word ,",
    "Trump , Putin", "due to the fact that", "because due to the fact that",
    "in close proximity to", "in close proximity", "at this point in time", "irregardless",
    "past history", "12 noon", "Kiev", "utilise", "the Kiev Kiev", "impossible to\nunderstate",
]
OTHER = [
    "Critics argue the plan failed.", "The regime slammed the report.", "so-called",
    "He fought so bravely.", "“It is impossible to understate,” she said.", "Prices rose 45%.",
]
MARKUP = [
    "# ", "## ", "- ", "1. ", "> ", "    ", "```", "`", "*", "**", "_", "[", "](http://x.org)",
    "[impossible to understate](http://x.org)", "<!-- lintnews: disable LN101 -->", "<br>",
    "| a | b |", "|---|---|", "---", "\"", "“", "”", "'", "’", ". ", ", ", " ",
]
UNICODE = ["😀", "e\u0301", "ß", "中文", "\u00a0", "\u2028", "\x85", "\t", "Ⅻ", "ﬁ"]
_CHARS = st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00")
_piece = st.one_of(st.sampled_from(FIXABLE), st.sampled_from(OTHER), st.sampled_from(MARKUP),
                   st.sampled_from(LINE_ENDINGS), st.sampled_from(UNICODE),
                   st.text(_CHARS, max_size=4))


@st.composite
def articles(draw: st.DrawFn) -> str:
    eol = draw(st.sampled_from(LINE_ENDINGS))
    pieces = draw(st.lists(_piece, max_size=40))
    if not draw(st.booleans()):  # one line-ending style throughout, as most files have
        pieces = [p.replace("\r\n", "\n").replace("\r", "\n").replace("\n", eol) for p in pieces]
    return f"Headline{eol}{eol}" + "".join(pieces)


PROPERTY = settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
CLI_PROPERTY = settings(max_examples=50, deadline=None, suppress_health_check=list(HealthCheck))


def reference_position(text: str, offset: int) -> tuple[int, int]:
    starts = [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", text)]
    line = bisect_right(starts, offset) - 1
    return line + 1, offset - starts[line] + 1


# --- every format, the same positions -------------------------------------------------------

TEXT_LINE_RE = re.compile(r"^(?P<path>.*):(?P<line>\d+):(?P<col>\d+): (?P<code>[A-Z]+\d+) "
                          r"(?P<rest>.*) \((?P<severity>error|warning|info), (?P<name>[\w-]+)\)$")
GITHUB_RE = re.compile(r"^::(?P<level>error|warning|notice) (?P<props>[^:]*)::(?P<data>.*)$")
_path_chars = st.sampled_from([*"abcxyz019 :,.%#&<>\"'[]()é😀-_", "\n", "\t", "\x1b"])
paths = st.lists(_path_chars, min_size=1, max_size=12).map(
    lambda cs: "news/" + "".join(cs).replace("/", "") + ".md")


def _unescape_text_path(path: str) -> str:
    return re.sub(r"\\(x[0-9a-f]{2}|u[0-9a-f]{4}|[ntr])",
                  lambda m: m.group().encode("ascii").decode("unicode_escape"), path)


def _unescape_github(value: str) -> str:
    for escaped, raw in (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","),
                         ("%25", "%")):
        value = value.replace(escaped, raw)
    return value


@PROPERTY
@given(text=articles(), path=paths)
@example(text="Headline\n\nIt is impossible\x1cto understate, critics argue.\n",
         path="news/a:1:2: b\n.md")
def test_every_format_carries_the_same_positions(text: str, path: str) -> None:
    result = lint_source(SourceFile(path, text), RULES, SETTINGS)
    report = Report(findings=result.findings, rules=METAS, files=1)
    expected = [(f.path, f.line, f.column, f.code) for f in result.findings]

    as_json = json.loads(formatter("json")(report))["findings"]
    assert [(f["path"], f["line"], f["column"], f["code"]) for f in as_json] == expected
    for f in as_json:
        assert (f["line"], f["column"]) == reference_position(text, f["offset"])
        assert (f["end_line"], f["end_column"]) == reference_position(text, f["end_offset"])

    lines = formatter("text")(report).split("\n")
    assert lines[-1] == "" and len(lines) == len(expected) + 2  # one line each, a summary
    parsed = []
    for line in lines[:-2]:
        m = TEXT_LINE_RE.match(line)
        assert m, line
        parsed.append((_unescape_text_path(m["path"]), int(m["line"]), int(m["col"]), m["code"]))
    assert parsed == expected

    github = []
    for line in formatter("github")(report).splitlines():
        m = GITHUB_RE.match(line)
        assert m, line
        props = dict(p.split("=", 1) for p in m["props"].split(","))
        github.append((_unescape_github(props["file"]), int(props["line"]), int(props["col"]),
                       _unescape_github(props["title"]).split()[0]))
    assert github == expected

    root = ET.fromstring(formatter("checkstyle")(report))
    checkstyle = sorted((file.get("name"), int(e.get("line")), int(e.get("column")),
                         e.get("source").split(".")[1])
                        for file in root for e in file)
    cleaned = "".join(c for c in path if c in "\t\n\r" or ord(c) >= 0x20)
    assert checkstyle == sorted((cleaned, line, col, code) for _p, line, col, code in expected)

    sarif = json.loads(formatter("sarif")(report))["runs"][0]["results"]
    posix = PurePath(path).as_posix()
    for r, f in zip(sarif, result.findings, strict=True):
        location = r["locations"][0]["physicalLocation"]
        region = location["region"]
        assert unquote(location["artifactLocation"]["uri"]) == posix
        assert (r["ruleId"], region["startLine"], region["startColumn"], region["endLine"],
                region["endColumn"], region["charOffset"], region["charLength"]) == \
            (f.code, f.line, f.column, f.end_line, f.end_column, f.offset,
             f.end_offset - f.offset)


@pytest.fixture(scope="module")
def cli(tmp_path_factory: pytest.TempPathFactory, rules_loaded_once):
    """Run the CLI in-process (CliRunner), with the rule packs compiled once."""
    folder = tmp_path_factory.mktemp("cli")
    (folder / "lintnews.toml").write_text('[vocabulary]\nreject = { "Kiev" = "Kyiv", '
                                          '"utilise" = "use" }\n', encoding="utf-8")

    def run(*args: str) -> tuple[int, str, str]:
        result = invoke("check", "--jobs", "1", *args)
        return result.exit_code, result.stdout, result.stderr

    run.folder = folder  # type: ignore[attr-defined]
    yield run


@CLI_PROPERTY
@given(text=articles(), name=st.sampled_from(["a.md", "b c.txt", "ünï:code.md"]))
def test_cli_text_lines_are_the_json_positions(cli, text: str, name: str) -> None:
    path = cli.folder / name
    path.write_text(text, encoding="utf-8", newline="")
    code_json, out_json, _ = cli("--format", "json", "--fail-on", "never", str(path))
    code_text, out_text, _ = cli("--fail-on", "never", str(path))
    assert code_json == code_text == 0
    found = json.loads(out_json)["findings"]
    lines = out_text.splitlines()
    assert len(lines) == len(found) + 1
    for line, f in zip(lines, found, strict=False):
        m = TEXT_LINE_RE.match(line)
        assert m, line
        assert (m["path"], int(m["line"]), int(m["col"]), m["code"]) == \
            (f["path"], f["line"], f["column"], f["code"])
        assert (f["line"], f["column"]) == reference_position(text, f["offset"])


# --- --fix ----------------------------------------------------------------------------------


def _relint(source: SourceFile, text: str):
    return lint_source(SourceFile(source.path, text, source.encoding, source.bom), RULES,
                       SETTINGS).findings


def explained_by_fixes(before: str, after: str, spans: list[tuple[int, int, str]]) -> bool:
    """Can `after` be made from `before` by copying it, except that some of `spans` (start,
    end, suggestion) are replaced by their suggestion? (Decided by search, not by diffing:
    a diff of "the the the" against "the the" is ambiguous.)"""
    choices: dict[int, list[tuple[int, str]]] = {}
    for start, end, suggestion in spans:
        choices.setdefault(start, []).append((end, keep_layout(before[start:end], suggestion)))
    seen: set[tuple[int, int]] = set()
    todo = [(0, 0)]
    while todo:
        i, j = todo.pop()
        if (i, j) in seen:
            continue
        seen.add((i, j))
        if i == len(before) and j == len(after):
            return True
        for end, replacement in choices.get(i, ()):
            if after.startswith(replacement, j):
                todo.append((end, j + len(replacement)))
        if i < len(before) and j < len(after) and before[i] == after[j]:
            todo.append((i + 1, j + 1))
    return False


def markup_kept(before: str, masked: str, after: str) -> bool:
    """Every character the reader masked as markup is still there, in order."""
    markup = iter(after)
    return all(c in markup for c, m in zip(before, masked, strict=True) if c != m)


def _line_breaks(text: str) -> set[str]:
    return set(re.findall(r"\r\n|\r|\n", text))


def check_fix(text: str, name: str) -> None:
    source = SourceFile(name, text)
    findings = _relint(source, text)
    after, applied, left = fix_source(source, findings)  # one pass, as without relint
    masked = read_prose(text, name).masked
    # 1. only the spans of safe fixes change, and never one that covers masked markup
    safe = [(f.offset, f.end_offset, f.suggestions[0]) for f in findings
            if f.fix_safe and f.suggestions
            and text[f.offset:f.end_offset] == masked[f.offset:f.end_offset]]
    assert explained_by_fixes(text, after, safe), (text, after)
    assert applied <= len(safe)
    # 2. no new kind of line break (a CRLF file gets no bare LF)
    assert _line_breaks(after) <= _line_breaks(text)
    # 3. what is left points into the fixed text
    for f in left:
        assert 0 <= f.offset <= f.end_offset <= len(after)
        assert (f.line, f.column) == reference_position(after, f.offset)
        assert (f.end_line, f.end_column) == reference_position(after, f.end_offset)
    # 4. with re-linting between passes (what the CLI does when given relint), --fix reaches
    #    a fixed point: a second run finds nothing more to fix
    final, _count, _left = fix_source(source, findings, _relint)
    again, more, _ = fix_source(SourceFile(name, final), _relint(source, final), _relint)
    assert (again, more) == (final, 0)
    assert markup_kept(text, masked, final)


@PROPERTY
@given(text=articles(), name=st.sampled_from(["a.md", "a.txt"]))
@example(text="Headline\n\nThe the the the end.\n", name="a.md")
@example(text="Headline\n\nIt was because due to the fact that it rained.\n", name="a.md")
@example(text="Headline\n\nIt is impossible to *understate* and `x` the the.\n", name="a.md")
@example(text="Headline\r\n\r\nIt is impossible to\r\nunderstate, due to the fact that.\r\n",
         name="a.txt")
@example(text="Headline\n\n> It is impossible to\n> understate now.\n", name="a.md")
# a fix that makes a finding appear further on (found by Hypothesis in CI, 2026-12-02)
@example(text="Headline\n\nimpossible to understateimpossible to understatethe thethe thethe "
              "the thethe the the# # impossible to\nunderstate", name="a.txt")
def test_fix_changes_only_fixed_spans_and_reaches_a_fixed_point(text: str, name: str) -> None:
    check_fix(text, name)


ENCODINGS = [("utf-8", b""), ("utf-8", codecs.BOM_UTF8), ("utf-16-le", codecs.BOM_UTF16_LE),
             ("utf-16-be", codecs.BOM_UTF16_BE)]


@CLI_PROPERTY
@given(text=articles(), encoding=st.sampled_from(ENCODINGS), name=st.sampled_from(["a.md",
                                                                                   "a.txt"]))
@example(text="Headline\r\n\r\nIt is impossible to understate and the so-called plan failed "
              "due to the fact that it rained.\r\n", encoding=ENCODINGS[2], name="a.md")
def test_cli_fix_keeps_encoding_bom_line_endings_and_reports_fixed_positions(
        cli, text: str, encoding: tuple[str, bytes], name: str) -> None:
    codec, bom = encoding
    path = cli.folder / name
    path.write_bytes(bom + text.encode(codec))
    _, before_json, _ = cli("--format", "json", "--fail-on", "never", str(path))
    reported = json.loads(before_json)["findings"]
    code, out, err = cli("--fix", "--format", "json", "--fail-on", "never", str(path))
    assert code == 0, err
    data = path.read_bytes()
    assert data.startswith(bom) and (bom or not data.startswith(codecs.BOM_UTF8))
    after = data[len(bom):].decode(codec)  # still decodes with the file's own codec
    # The CLI fixes in passes, re-linting between them; the library's passes (each of which
    # test_fix_changes_only_fixed_spans_and_reaches_a_fixed_point checks span by span) must
    # give the very same text.
    source = SourceFile(name, text)
    expected, _count, _left = fix_source(source, _relint(source, text), _relint)
    assert after == expected, (text, after, expected)
    assert reported is not None
    assert _line_breaks(after) <= _line_breaks(text)
    for f in json.loads(out)["findings"]:  # what is left, at its place in the fixed file
        assert (f["line"], f["column"]) == reference_position(after, f["offset"])
        assert (f["end_line"], f["end_column"]) == reference_position(after, f["end_offset"])


@pytest.mark.parametrize("body", ["The the the end.", "It was because due to the fact that."])
def test_cli_fix_twice_changes_nothing_the_second_time(cli, body: str) -> None:
    path = cli.folder / "twice.md"
    path.write_text(f"Headline\n\n{body}\n", encoding="utf-8")
    cli("--fix", str(path))
    once = path.read_bytes()
    cli("--fix", str(path))
    assert path.read_bytes() == once


@pytest.mark.parametrize(("body", "fixed"), [
    ("The the the the end.", "The end."),
    ("It was because due to the fact that it rained.", "It was because it rained."),
    ("It is impossible to\nunderstate, irregardless.",
     "It is impossible to\noverstate, regardless."),
    ("It is impossible to *understate* now.", "It is impossible to *understate* now."),
])
def test_relinter_fixes_to_a_fixed_point(tmp_path: Path, body: str, fixed: str) -> None:
    """lintnews.core.Linter.relint, which Linter.fix (--fix) passes to fix_source: one run
    of --fix is enough."""
    from lintnews.core import Linter

    path = tmp_path / "a.md"
    text = f"Headline\n\n{body}\n"
    source = SourceFile(str(path), text)
    relint = Linter().relint
    after, _count, left = fix_source(source, relint(source, text), relint)
    assert after == f"Headline\n\n{fixed}\n"
    again = SourceFile(str(path), after)
    assert fix_source(again, relint(again, after), relint)[:2] == (after, 0)
    for f in left:
        assert (f.line, f.column) == reference_position(after, f.offset)
