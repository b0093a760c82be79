"""The command line, as users and CI drive it: `check`, `rules`, `explain`, `--version`.

A few tests run the real program in a subprocess (`python -m lintnews`), so that exit codes,
stderr and the absence of tracebacks are exactly what a shell sees; the rest use click's
CliRunner, which is much faster.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from importlib.metadata import version as dist_version
from pathlib import Path

import pytest
from helpers import MIXED, invoke, run_lintnews

import lintnews
from lintnews.engine.rule_types import CATEGORIES
from lintnews.ruleset import load_rules

DATA = Path(__file__).parent / "data"
SEED = DATA / "seed-article.txt"

TEXT_LINE_RE = re.compile(
    r"^(?P<path>[^:]+):(?P<line>\d+):(?P<col>\d+): (?P<code>LN\d+) .+")
FIELDS = ("path", "line", "column", "end_line", "end_column", "offset", "end_offset",
          "code", "name", "category", "severity", "message", "suggestions")

MISNEGATION = "Title\n\nThe implications are impossible to understate.\n"
INFO_ONLY = "Title\n\nThe so-called plan stalled.\n"  # LN206, info
WARNING_ONLY = "Title\n\nThe legendary coach left.\n"  # LN204, warning
CLEAN = "Title\n\nThe minister met officials on Tuesday.\n"


pytestmark = pytest.mark.usefixtures("rules_loaded_once")


def json_findings(*args: str, stdin: bytes | None = None) -> list[dict]:
    result = invoke("check", "--format", "json", *args, stdin=stdin)
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)["findings"]


def codes_of(findings: list[dict]) -> set[str]:
    return {f["code"] for f in findings}


def position(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column (code points) of `offset`; CRLF, CR and LF end lines."""
    starts = [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", text)]
    line = bisect_right(starts, offset) - 1
    return line + 1, offset - starts[line] + 1


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture(scope="module")
def all_rules():
    return load_rules()


# --- check on the seed article ------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_run(tmp_path_factory: pytest.TempPathFactory):
    """The seed article, linted once in each of text and json, in a real subprocess."""
    cwd = tmp_path_factory.mktemp("seed")
    text = run_lintnews("check", str(SEED), cwd=cwd)
    as_json = run_lintnews("check", "--format", "json", str(SEED), cwd=cwd)
    return text, as_json


def test_seed_article_exits_1_and_reports_misnegation(seed_run):
    text, _ = seed_run
    assert text.returncode == 1, text.stderr
    assert "Traceback" not in text.stderr
    lines = [line for line in text.stdout.splitlines() if " LN101 " in line]
    assert len(lines) == 1
    assert "impossible to understate" in lines[0]
    assert "overstate" in lines[0]


def test_seed_article_json_misnegation_suggests_overstate(seed_run):
    _, as_json = seed_run
    assert as_json.returncode == 1
    findings = json.loads(as_json.stdout)["findings"]
    ln101 = [f for f in findings if f["code"] == "LN101"]
    assert len(ln101) == 1
    f = ln101[0]
    assert "impossible to understate" in f["message"]
    assert f["name"] == "misnegation" and f["category"] == "logic"
    assert f["suggestions"] and any("overstate" in s for s in f["suggestions"])
    assert f["path"] == str(SEED)


def test_text_lines_follow_compiler_convention_and_agree_with_json(seed_run):
    text, as_json = seed_run
    findings = json.loads(as_json.stdout)["findings"]
    lines = text.stdout.splitlines()
    assert len(findings) > 5
    # one line a finding, then one summary line
    assert len(lines) == len(findings) + 1
    parsed = []
    for line in lines[:-1]:
        m = TEXT_LINE_RE.match(line)
        assert m, f"not path:line:col: CODE message: {line!r}"
        parsed.append((m["path"], int(m["line"]), int(m["col"]), m["code"]))
    assert TEXT_LINE_RE.match(lines[-1]) is None
    assert str(len(findings)) in lines[-1]
    assert parsed == [(f["path"], f["line"], f["column"], f["code"]) for f in findings]


def test_json_findings_have_every_contract_field_and_exact_offsets(seed_run):
    _, as_json = seed_run
    document = json.loads(as_json.stdout)
    assert set(document) >= {"findings", "summary"}
    text = SEED.read_bytes().decode("utf-8")
    for f in document["findings"]:
        assert set(FIELDS) <= set(f), f
        assert isinstance(f["suggestions"], list)
        assert all(isinstance(s, str) for s in f["suggestions"])
        assert f["category"] in CATEGORIES
        assert f["severity"] in ("error", "warning", "info")
        assert re.fullmatch(r"LN\d+", f["code"])
        assert 0 <= f["offset"] < f["end_offset"] <= len(text)
        assert position(text, f["offset"]) == (f["line"], f["column"]), f
        assert position(text, f["end_offset"]) == (f["end_line"], f["end_column"]), f
    ln101 = next(f for f in document["findings"] if f["code"] == "LN101")
    assert text[ln101["offset"]:ln101["end_offset"]] == "impossible to understate"
    ln201 = next(f for f in document["findings"] if f["code"] == "LN201")
    assert text[ln201["offset"]:ln201["end_offset"]] == "so bravely"
    assert document["summary"]["findings"] == len(document["findings"])


def test_offsets_and_columns_count_code_points_not_bytes(in_tmp: Path):
    # Non-ASCII (2-, 3- and 4-byte UTF-8) before the phrase, and CRLF line endings.
    raw = ("Title\r\n\r\nCafé ☕ 𝔘 — it is impossible to understate.\r\n\r\n"
           "More: impossible to understate.\r\n").encode()
    (in_tmp / "c.md").write_bytes(raw)
    text = raw.decode("utf-8")
    findings = [f for f in json_findings("c.md") if f["code"] == "LN101"]
    assert len(findings) == 2
    for f in findings:
        assert text[f["offset"]:f["end_offset"]] == "impossible to understate"
        assert position(text, f["offset"]) == (f["line"], f["column"])
    first, second = findings
    assert (first["line"], first["column"]) == (3, 18)
    assert (first["end_line"], first["end_column"]) == (3, 42)
    assert (second["line"], second["column"]) == (5, 7)


# --- --select / --ignore ------------------------------------------------------------------


@pytest.fixture
def mixed(in_tmp: Path) -> str:
    (in_tmp / "mixed.md").write_text(MIXED, encoding="utf-8")
    return "mixed.md"


def test_mixed_article_baseline(mixed: str):
    assert codes_of(json_findings(mixed)) >= {"LN101", "LN204", "LN206", "LN301", "LN502"}


def matching_codes(tokens: str, rules) -> set[str]:
    """The codes a --select/--ignore list names: codes, code prefixes, names, categories."""
    out = set()
    for token in tokens.split(","):
        for rule in rules:
            m = rule.meta
            if m.code.startswith(token) or token in (m.name, m.category):
                out.add(m.code)
    return out


@pytest.mark.parametrize(("token", "expected"), [
    ("LN101", {"LN101"}),
    ("misnegation", {"LN101"}),
    ("LN2", {"LN204", "LN206"}),
    ("loaded-language", {"LN204", "LN206"}),
    ("LN101,LN502", {"LN101", "LN502"}),
    ("attribution,doubled-word", {"LN301", "LN502"}),
])
def test_select(mixed: str, all_rules, token: str, expected: set[str]):
    found = codes_of(json_findings("--select", token, mixed))
    assert expected <= found
    assert found <= matching_codes(token, all_rules), found


@pytest.mark.parametrize(("token", "gone"), [
    ("LN101", {"LN101"}),
    ("misnegation", {"LN101"}),
    ("LN2", {"LN204", "LN206"}),
    ("loaded-language", {"LN204", "LN206"}),
    ("style,LN3", {"LN502", "LN301"}),
])
def test_ignore(mixed: str, all_rules, token: str, gone: set[str]):
    before = codes_of(json_findings(mixed))
    assert gone <= before
    after = codes_of(json_findings("--ignore", token, mixed))
    assert after == before - matching_codes(token, all_rules)
    assert not after & gone
    assert after, "ignoring some rules must leave the others"


def test_ignore_wins_over_select(mixed: str):
    found = codes_of(json_findings("--select", "LN2", "--ignore", "LN206", mixed))
    assert "LN204" in found
    assert "LN206" not in found
    assert all(code.startswith("LN2") for code in found)


@pytest.mark.parametrize("option", ["--select", "--ignore"])
def test_unknown_code_is_a_usage_error(in_tmp: Path, option: str):
    (in_tmp / "a.md").write_text(MISNEGATION, encoding="utf-8")
    proc = run_lintnews("check", option, "LN101,LN999", "a.md", cwd=in_tmp)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert "LN999" in lines[0]
    assert option in lines[0]
    assert "LN101" not in proc.stdout  # nothing was linted


def test_unknown_name_in_select_is_a_usage_error(in_tmp: Path):
    (in_tmp / "a.md").write_text(MISNEGATION, encoding="utf-8")
    result = invoke("check", "--select", "misnegations", "a.md")
    assert result.exit_code == 2
    assert "misnegations" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


# --- --fail-on ----------------------------------------------------------------------------


@pytest.mark.parametrize(("content", "fail_on", "code"), [
    (MISNEGATION, None, 1),
    (MISNEGATION, "never", 0),
    (MISNEGATION, "error", 1),
    (MISNEGATION, "warning", 1),
    (MISNEGATION, "info", 1),
    (WARNING_ONLY, None, 1),
    (WARNING_ONLY, "error", 0),
    (WARNING_ONLY, "warning", 1),
    (WARNING_ONLY, "info", 1),
    (WARNING_ONLY, "never", 0),
    (INFO_ONLY, None, 0),
    (INFO_ONLY, "error", 0),
    (INFO_ONLY, "warning", 0),
    (INFO_ONLY, "info", 1),
    (CLEAN, "info", 0),
])
def test_fail_on_exit_codes(in_tmp: Path, content: str, fail_on: str | None, code: int):
    (in_tmp / "a.md").write_text(content, encoding="utf-8")
    findings = json_findings("a.md")
    expected_severities = {MISNEGATION: {"error"}, WARNING_ONLY: {"warning"},
                           INFO_ONLY: {"info"}, CLEAN: set()}[content]
    assert {f["severity"] for f in findings} == expected_severities
    args = ["check", "a.md"] + (["--fail-on", fail_on] if fail_on else [])
    result = invoke(*args)
    assert result.exit_code == code, result.output


def test_fail_on_rejects_unknown_level(in_tmp: Path):
    (in_tmp / "a.md").write_text(CLEAN, encoding="utf-8")
    result = invoke("check", "--fail-on", "sometimes", "a.md")
    assert result.exit_code == 2
    assert "sometimes" in result.stderr


def test_real_exit_codes_in_a_subprocess(in_tmp: Path):
    (in_tmp / "a.md").write_text(WARNING_ONLY, encoding="utf-8")
    assert run_lintnews("check", "a.md", cwd=in_tmp).returncode == 1
    assert run_lintnews("check", "--fail-on", "error", "a.md", cwd=in_tmp).returncode == 0


# --- standard input -----------------------------------------------------------------------

MARKDOWN_ONLY = ("Title\n\n"
                 "The phrase `impossible to understate` is quoted as code here.\n\n"
                 "<!-- lintnews: disable-next-line LN101 -->\n"
                 "This one is impossible to understate too.\n")


def test_stdin_with_stdin_filename_reports_that_name(in_tmp: Path):
    proc = run_lintnews("check", "-", "--stdin-filename", "x.md", cwd=in_tmp,
                        stdin=MISNEGATION.encode("utf-8"))
    assert proc.returncode == 1, proc.stderr
    first = proc.stdout.splitlines()[0]
    m = TEXT_LINE_RE.match(first)
    assert m and m["path"] == "x.md" and m["code"] == "LN101"
    assert (m["line"], m["col"]) == ("3", "22")


def test_stdin_default_name_is_dash(in_tmp: Path):
    findings = json_findings("-", stdin=MISNEGATION.encode("utf-8"))
    assert [f["path"] for f in findings] == ["-"]


def test_stdin_filename_selects_markdown_rules(in_tmp: Path):
    data = MARKDOWN_ONLY.encode("utf-8")
    as_markdown = json_findings("-", "--stdin-filename", "x.md", stdin=data)
    as_text = json_findings("-", "--stdin-filename", "x.txt", stdin=data)
    # Plain text: both phrases are prose and no comment is a directive.
    assert [f["line"] for f in as_text if f["code"] == "LN101"] == [3, 6]
    assert all(f["path"] == "x.txt" for f in as_text)
    # Markdown: the code span is not prose and the comment suppresses the next line.
    assert [f for f in as_markdown if f["code"] == "LN101"] == []


def test_stdin_and_files_together(in_tmp: Path):
    (in_tmp / "a.md").write_text(WARNING_ONLY, encoding="utf-8")
    findings = json_findings("a.md", "-", "--stdin-filename", "piped.md",
                             stdin=MISNEGATION.encode("utf-8"))
    assert {(f["path"], f["code"]) for f in findings} == {("a.md", "LN204"),
                                                         ("piped.md", "LN101")}


# --- input errors -------------------------------------------------------------------------


def test_missing_path_is_reported_and_other_files_still_linted(in_tmp: Path):
    (in_tmp / "a.md").write_text(MISNEGATION, encoding="utf-8")
    proc = run_lintnews("check", "nope/missing.md", "a.md", cwd=in_tmp)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    errors = proc.stderr.strip().splitlines()
    assert len(errors) == 1 and "nope/missing.md" in errors[0]
    assert re.search(r"^a\.md:3:22: LN101 ", proc.stdout, re.MULTILINE)


def test_missing_path_with_json_still_prints_findings(in_tmp: Path):
    (in_tmp / "a.md").write_text(MISNEGATION, encoding="utf-8")
    result = invoke("check", "--format", "json", "a.md", "missing.md")
    assert result.exit_code == 2
    document = json.loads(result.stdout)
    assert codes_of(document["findings"]) == {"LN101"}
    assert "missing.md" in result.stderr


def test_folder_without_articles_is_an_error(in_tmp: Path):
    folder = in_tmp / "empty"
    folder.mkdir()
    (folder / "script.py").write_text("print('impossible to understate')\n")
    (folder / "data.csv").write_text("a,b\n")
    proc = run_lintnews("check", "empty", cwd=in_tmp)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1
    assert "empty" in proc.stderr


def test_undecodable_file_is_an_error_for_that_file_only(in_tmp: Path):
    (in_tmp / "bad.md").write_bytes(b"Title\n\nCaf\xe9 is impossible to understate.\n")
    (in_tmp / "good.md").write_text(MISNEGATION, encoding="utf-8")
    result = invoke("check", "--format", "json", "bad.md", "good.md")
    assert result.exit_code == 2
    assert {f["path"] for f in json.loads(result.stdout)["findings"]} == {"good.md"}
    assert "bad.md" in result.stderr


def test_folder_walk_finds_articles_and_skips_hidden_and_venvs(in_tmp: Path):
    for name in ("news/a.md", "news/deep/b.markdown", "news/c.txt", "news/.hidden/d.md",
                 "news/.venv/e.md", "news/node_modules/f.md", "news/g.py"):
        path = in_tmp / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(MISNEGATION, encoding="utf-8")
    paths = {Path(f["path"]).as_posix() for f in json_findings("news")}
    assert paths == {"news/a.md", "news/deep/b.markdown", "news/c.txt"}


def test_check_without_paths_lints_the_current_folder(in_tmp: Path):
    (in_tmp / "a.md").write_text(MISNEGATION, encoding="utf-8")
    result = invoke("check", "--format", "json")
    assert result.exit_code == 1
    findings = json.loads(result.stdout)["findings"]
    assert [(Path(f["path"]).name, f["code"]) for f in findings] == [("a.md", "LN101")]


# --- rules, explain, --version ------------------------------------------------------------


def test_rules_json_lists_every_rule(in_tmp: Path, all_rules):
    result = invoke("rules", "--format", "json")
    assert result.exit_code == 0
    listed = json.loads(result.stdout)
    assert [r["code"] for r in listed] == [r.meta.code for r in all_rules]
    assert len({r["code"] for r in listed}) == len(listed)
    for entry in listed:
        assert {"code", "name", "category", "severity", "pack", "summary"} <= set(entry)
        assert entry["category"] in CATEGORIES
        assert entry["severity"] in ("error", "warning", "info")
        assert entry["pack"] and entry["summary"]
    assert {"LN101", "LN201", "LN301", "LN401", "LN501"} <= {r["code"] for r in listed}


def test_rules_text_lists_every_code_with_category_and_pack(in_tmp: Path, all_rules):
    proc = run_lintnews("rules", cwd=in_tmp)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    for rule in all_rules:
        m = rule.meta
        matching = [line for line in lines if line.split()[:1] == [m.code]]
        assert len(matching) == 1, m.code
        words = matching[0].split()
        assert m.name in words and m.category in words and m.pack in words, matching[0]


def test_explain_shows_rationale_examples_and_how_to_silence(in_tmp: Path, all_rules):
    meta = next(r.meta for r in all_rules if r.meta.code == "LN101")
    proc = run_lintnews("explain", "LN101", cwd=in_tmp)
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert out.startswith("LN101 misnegation")
    assert meta.rationale and meta.rationale.splitlines()[0].strip() in out
    assert meta.bad_examples and meta.good_examples
    for example in meta.bad_examples + meta.good_examples:
        assert example in out
    assert out.index(meta.bad_examples[0]) < out.index(meta.good_examples[0])
    assert "impossible to understate" in out
    assert "<!-- lintnews: disable-next-line LN101 -->" in out
    assert "<!-- lintnews: disable LN101 -->" in out


def test_explain_accepts_a_rule_name(in_tmp: Path):
    result = invoke("explain", "misnegation")
    assert result.exit_code == 0
    assert result.stdout.startswith("LN101 misnegation")


def test_explain_every_rule(in_tmp: Path, all_rules):
    for rule in all_rules:
        result = invoke("explain", rule.meta.code)
        assert result.exit_code == 0, rule.meta.code
        assert f"disable-next-line {rule.meta.code}" in result.stdout


def test_explain_unknown_code(in_tmp: Path):
    proc = run_lintnews("explain", "NOPE", cwd=in_tmp)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1
    assert "NOPE" in proc.stderr
    assert proc.stdout == ""


def test_version(in_tmp: Path):
    proc = run_lintnews("--version", cwd=in_tmp)
    assert proc.returncode == 0
    assert proc.stdout.strip() == f"lintnews {lintnews.__version__}"
    assert lintnews.__version__ == dist_version("lintnews")


def test_unknown_format_is_a_usage_error(in_tmp: Path):
    (in_tmp / "a.md").write_text(CLEAN, encoding="utf-8")
    result = invoke("check", "--format", "yaml", "a.md")
    assert result.exit_code == 2
    assert "yaml" in result.stderr
