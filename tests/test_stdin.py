"""Standard input, the editors' path: `-` must behave exactly like the same text in a file.

- `--fix -` prints the whole text, fixed, on standard output (as black and `ruff check --fix -`
  do), byte for byte as it came in apart from the fixed spans; the findings left and the
  "Fixed N problems." line go to standard error.
- `--stdin-filename` names the file the text stands for: its config (found by walking up from
  that name), its per-path ignores and its excludes apply as they would to the file.
- Without a name, text that is clearly Markdown (front matter, fences, headings, links) is
  read as Markdown; plain-text articles stay plain text.
"""

from __future__ import annotations

import codecs
import json
import subprocess
from pathlib import Path

import pytest
from helpers import run_lintnews_bytes

from lintnews.markup.sniff import looks_like_markdown

# Slow (~8 s: every input through a subprocess, twice): run on the default Python only (.ci/run).
pytestmark = pytest.mark.slow

DATA = Path(__file__).parent / "data"
EXAMPLES = Path(__file__).parent.parent / "examples"


def json_of(proc: subprocess.CompletedProcess[bytes], stream: str = "stdout") -> dict:
    return json.loads(getattr(proc, stream).decode("utf-8"))


# --- 1. --fix with standard input ----------------------------------------------------------


def test_fix_from_stdin_prints_the_fixed_text(tmp_path: Path) -> None:
    proc = run_lintnews_bytes("check", "--fix", "-", cwd=tmp_path,
                              stdin=b"It is impossible to understate.\n")
    assert proc.stdout == b"It is impossible to overstate.\n"
    assert proc.stderr.decode().splitlines()[-1] == "Fixed 1 problem."
    assert proc.returncode == 0


# A BOM, CRLF line endings, curly quotes and accents around two fixes, and one finding that
# has no fix (LN204 'legendary', a warning) and must stay on standard error.
ARTICLE = ("Council vote\r\n\r\n“Núñez,” he said, “is impossible to understate.”\r\n"
           "The stakes for Núñez are impossible to understate, and the legendary coach left.\r\n"
           "The Kiev office agreed.\r\n")
FIXED = ARTICLE.replace("are impossible to understate", "are impossible to overstate")


@pytest.mark.parametrize("encoding, bom", [("utf-8", b""), ("utf-8", codecs.BOM_UTF8),
                                           ("utf-16-le", codecs.BOM_UTF16_LE)])
def test_fixed_stdin_text_is_byte_faithful_outside_the_fixed_span(
        tmp_path: Path, encoding: str, bom: bytes) -> None:
    data = bom + ARTICLE.encode(encoding)
    proc = run_lintnews_bytes("check", "--fix", "-", cwd=tmp_path, stdin=data)
    # The quoted misnegation is the speaker's words: never fixed; only the writer's is.
    assert proc.stdout == bom + FIXED.encode(encoding)
    report = proc.stderr.decode("utf-8")
    assert "Fixed 1 problem." in report
    assert "-:4:" in report and "LN204" in report  # the finding left, in the fixed text
    assert proc.returncode == 1  # a warning is left


def test_remaining_findings_of_fixed_stdin_are_json_on_stderr(tmp_path: Path) -> None:
    proc = run_lintnews_bytes("check", "--fix", "--format", "json", "-", cwd=tmp_path,
                              stdin=ARTICLE.encode("utf-8"))
    assert proc.stdout == FIXED.encode("utf-8")
    findings = json.loads(proc.stderr.decode("utf-8").split("\nFixed", 1)[0])["findings"]
    legendary = next(f for f in findings if f["code"] == "LN204")
    assert FIXED[legendary["offset"]:legendary["end_offset"]] == "legendary"


@pytest.mark.parametrize("text, code", [("Headline\n\nThe minister met officials.\n", 0),
                                        ("Headline\r\n\r\nThe legendary coach left.", 1)])
def test_stdin_without_a_fix_is_echoed_unchanged(tmp_path: Path, text: str, code: int) -> None:
    data = codecs.BOM_UTF8 + text.encode("utf-8")
    proc = run_lintnews_bytes("check", "--fix", "-", cwd=tmp_path, stdin=data)
    assert proc.stdout == data
    assert "Fixed 0 problems." in proc.stderr.decode()
    assert proc.returncode == code


def test_fix_diff_from_stdin_prints_the_diff(tmp_path: Path) -> None:
    data = b"Headline\n\nIt is impossible to understate.\n"
    proc = run_lintnews_bytes("check", "--fix", "--diff", "-", cwd=tmp_path, stdin=data)
    assert proc.returncode == 1
    assert proc.stdout.decode().splitlines()[:2] == ["--- a/-", "+++ b/-"]
    assert "+It is impossible to overstate." in proc.stdout.decode()
    named = run_lintnews_bytes("check", "--fix", "--diff", "--stdin-filename", "x.md", "-",
                               cwd=tmp_path, stdin=data)
    assert named.stdout.decode().splitlines()[:2] == ["--- a/x.md", "+++ b/x.md"]


def test_fix_of_named_stdin_never_writes_the_named_file(tmp_path: Path) -> None:
    on_disk = b"Headline\n\nThe file on disk is impossible to underestimate.\n"
    (tmp_path / "x.md").write_bytes(on_disk)
    proc = run_lintnews_bytes("check", "--fix", "--stdin-filename", "x.md", "-", cwd=tmp_path,
                              stdin=b"Headline\n\nThe buffer is impossible to understate.\n")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == b"Headline\n\nThe buffer is impossible to overstate.\n"
    assert (tmp_path / "x.md").read_bytes() == on_disk
    missing = run_lintnews_bytes("check", "--fix", "--stdin-filename", "new/unsaved.md", "-",
                                 cwd=tmp_path, stdin=b"It is impossible to understate.\n")
    assert missing.returncode == 0, missing.stderr
    assert missing.stdout == b"It is impossible to overstate.\n"
    assert not (tmp_path / "new").exists()


@pytest.mark.parametrize("paths", [("-", "a.md"), ("a.md", "-"), ("-", "-")])
def test_fix_with_stdin_and_other_paths_is_a_usage_error(tmp_path: Path,
                                                         paths: tuple[str, ...]) -> None:
    original = b"Headline\n\nIt is impossible to understate.\n"
    (tmp_path / "a.md").write_bytes(original)
    proc = run_lintnews_bytes("check", "--fix", *paths, cwd=tmp_path, stdin=original)
    assert proc.returncode == 2
    assert proc.stdout == b""
    message = proc.stderr.decode().strip()
    assert message.startswith("lintnews: error: ") and "'-'" in message and "\n" not in message
    assert (tmp_path / "a.md").read_bytes() == original


def test_fix_diff_may_mix_stdin_and_files(tmp_path: Path) -> None:
    original = b"Headline\n\nThe file is impossible to understate.\n"
    (tmp_path / "a.md").write_bytes(original)
    proc = run_lintnews_bytes("check", "--fix", "--diff", "--stdin-filename", "piped.md", "-",
                              "a.md", cwd=tmp_path,
                              stdin=b"Headline\n\nThe buffer is impossible to understate.\n")
    assert proc.returncode == 1
    headers = [line for line in proc.stdout.decode().splitlines() if line.startswith("+++")]
    assert headers == ["+++ b/piped.md", "+++ b/a.md"]
    assert (tmp_path / "a.md").read_bytes() == original


# --- 2. --stdin-filename: the named file's config, per-path ignores and excludes -----------

OPINION = ("Headline\n\nThe legendary mayor slammed the plan, critics argue.\n\n"
           "The Kiev office agreed; it is impossible to understate.\n")


@pytest.fixture
def newsroom(tmp_path: Path) -> Path:
    """A root config that the named path must not use, and the articles' own config below it."""
    (tmp_path / "lintnews.toml").write_text('ignore = ["LN3"]\n', encoding="utf-8")
    articles = tmp_path / "articles"
    (articles / "opinion").mkdir(parents=True)
    (articles / "lintnews.toml").write_text(
        'exclude = ["archive/**"]\n\n'
        '[per-path-ignores]\n"opinion/**" = ["loaded-language"]\n\n'
        '[vocabulary]\nreject = { "Kiev" = "Kyiv" }\n', encoding="utf-8")
    return tmp_path


def _without_path(findings: list[dict]) -> list[dict]:
    return [{k: v for k, v in f.items() if k != "path"} for f in findings]


@pytest.mark.parametrize("cwd, name", [(".", "articles/opinion/x.md"),
                                       ("articles", "opinion/x.md"),
                                       ("articles/opinion", "x.md")])
def test_named_stdin_is_linted_as_the_file_at_that_path(newsroom: Path, cwd: str,
                                                        name: str) -> None:
    folder = newsroom / cwd
    piped = run_lintnews_bytes("check", "--format", "json", "--fail-on", "never",
                               "--stdin-filename", name, "-", cwd=folder,
                               stdin=OPINION.encode("utf-8"))
    (newsroom / "articles" / "opinion" / "x.md").write_text(OPINION, encoding="utf-8")
    saved = run_lintnews_bytes("check", "--format", "json", "--fail-on", "never", name, cwd=folder)
    assert piped.returncode == saved.returncode == 0, piped.stderr
    on_disk, from_stdin = json_of(saved)["findings"], json_of(piped)["findings"]
    assert from_stdin == on_disk
    codes = {f["code"] for f in from_stdin}
    assert "LN504" in codes  # the articles' own vocabulary: its config was used
    assert not codes & {"LN202", "LN204"}  # its per-path ignores applied
    assert "LN301" in codes  # the root config (which ignores LN3) was not used
    assert {f["path"] for f in from_stdin} == {name}


def test_named_stdin_with_an_explicit_config_applies_its_per_path_ignores(newsroom: Path) -> None:
    config = newsroom / "articles" / "lintnews.toml"
    piped = run_lintnews_bytes("check", "--format", "json", "--fail-on", "never", "--config",
                               str(config), "--stdin-filename", "articles/opinion/x.md", "-",
                               cwd=newsroom, stdin=OPINION.encode("utf-8"))
    codes = {f["code"] for f in json_of(piped)["findings"]}
    assert "LN504" in codes and not codes & {"LN202", "LN204"}


def test_excluded_stdin_name_reports_nothing(newsroom: Path) -> None:
    data = OPINION.encode("utf-8")
    proc = run_lintnews_bytes("check", "--format", "json", "--stdin-filename",
                              "articles/archive/2019/old.md", "-", cwd=newsroom, stdin=data)
    assert proc.returncode == 0, proc.stderr
    assert json_of(proc)["findings"] == [] and proc.stderr == b""
    fixed = run_lintnews_bytes("check", "--fix", "--stdin-filename", "articles/archive/2019/old.md",
                               "-", cwd=newsroom, stdin=data)
    assert fixed.returncode == 0 and fixed.stdout == data  # echoed unchanged, as nothing to fix


def test_fix_of_named_stdin_uses_the_named_files_config(newsroom: Path) -> None:
    proc = run_lintnews_bytes("check", "--fix", "--stdin-filename", "articles/opinion/x.md", "-",
                              cwd=newsroom, stdin=OPINION.encode("utf-8"))
    assert proc.stdout.decode("utf-8") == OPINION.replace("Kiev", "Kyiv").replace(
        "impossible to understate", "impossible to overstate")


# --- 3. unnamed standard input: Markdown when it clearly is --------------------------------

MARKDOWN = ("---\ntitle: Council vote\nnotes: impossible to understate\n---\n\n"
            "# Council vote\n\nThe council met on Tuesday.\n\n"
            "```\nThe sample is impossible to understate.\n```\n\n"
            "It is impossible to underestimate, [the minutes](https://example.org/m) say.\n")


def test_unnamed_stdin_that_is_markdown_is_read_as_markdown(tmp_path: Path) -> None:
    data = MARKDOWN.encode("utf-8")
    unnamed = run_lintnews_bytes("check", "--format", "json", "-", cwd=tmp_path, stdin=data)
    named = run_lintnews_bytes("check", "--format", "json", "--stdin-filename", "x.md", "-",
                               cwd=tmp_path, stdin=data)
    findings = json_of(unnamed)["findings"]
    assert _without_path(findings) == _without_path(json_of(named)["findings"])
    # Only the body's misnegation: not the front matter's notes, not the fenced code.
    assert [f["line"] for f in findings if f["code"] == "LN101"] == [14]
    assert {f["path"] for f in findings} == {"-"}


@pytest.mark.parametrize("text", [
    "---\ntitle: A vote\n---\nBody.\n",
    "+++\ntitle = \"A vote\"\n+++\nBody.\n",
    "Headline\n\n## Background\n\nBody.\n",
    "Headline\n\nBody.\n\n```python\nprint(1)\n```\n",
    "Headline\n\nSee [the report](https://example.org/r) for details.\n",
    "Headline\n\n- one\n- two\n\nThis is **very** important.\n",
])
def test_clear_markdown_is_detected(text: str) -> None:
    assert looks_like_markdown(text)


@pytest.mark.parametrize("text", [
    "Headline\n\n* Both candidates dropped out before Super Tuesday\n\nThe vote followed.\n",
    "Results\n\n1. Unofficial results\n2. Relative to seats at dissolution\n",
    "Headline\n\nThe #MeToo movement and the *actual* numbers.\n",
    "Headline\n\n---\n\nA plain rule between paragraphs is not front matter.\n",
    "---\nNot front matter: no key on its first line\n---\n",
    "Headline\n\nHe said [sic] the plan (the second one) had failed.\n",
])
def test_plain_text_with_stray_marks_stays_plain(text: str) -> None:
    assert not looks_like_markdown(text)


def test_news_articles_stay_plain_text() -> None:
    articles = sorted((DATA / "news").glob("*.txt"))
    assert len(articles) > 50
    assert [a.name for a in articles if looks_like_markdown(a.read_text(encoding="utf-8"))] == []
    assert not looks_like_markdown((DATA / "seed-article.txt").read_text(encoding="utf-8"))


def test_markdown_examples_are_detected() -> None:
    examples = sorted(EXAMPLES.rglob("*.md"))
    assert len(examples) >= 4
    assert [e.name for e in examples if not looks_like_markdown(e.read_text(encoding="utf-8"))] \
        == []
