"""The CLI's own output: --statistics as JSON, help, summary wording, the rules table,
--column-unit (and the Vim setup in the README that relies on it), and the README's options
table against `check --help`."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import click
import pytest
from helpers import MIXED, run_lintnews, write_house_pack

from lintnews.cli import check

# Slow (~10 s of whole CLI runs and a real Vim): run on the default Python only (.ci/run).
pytestmark = pytest.mark.slow

ROOT = Path(__file__).parent.parent
README = ROOT / "README.md"



# --- 4. --statistics --format json ---------------------------------------------------------


def test_statistics_as_json_has_the_documented_shape(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(MIXED, encoding="utf-8")
    (tmp_path / "b.txt").write_text(MIXED.replace("legendary", "veteran"), encoding="utf-8")
    listed = json.loads(run_lintnews("check", "--format", "json", ".", cwd=tmp_path).stdout)
    proc = run_lintnews("check", "--statistics", "--format", "json", ".", cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr
    stats = json.loads(proc.stdout)
    findings = listed["findings"]
    assert stats["files"] == 2 and stats["words"] == listed["summary"]["words"] > 0
    assert stats["findings"] == len(findings)
    assert stats["by_severity"] == listed["summary"]["by_severity"]
    by_rule = Counter(f["code"] for f in findings)
    assert {code: entry["count"] for code, entry in stats["by_rule"].items()} == by_rule
    assert list(stats["by_rule"]) == sorted(by_rule, key=lambda c: (-by_rule[c], c))
    for f in findings:
        assert stats["by_rule"][f["code"]]["name"] == f["name"]
        assert stats["by_rule"][f["code"]]["category"] == f["category"]
    by_category = Counter(f["category"] for f in findings)
    assert {c: e["count"] for c, e in stats["by_category"].items()} == by_category
    for category, entry in stats["by_category"].items():
        assert entry["per_1000_words"] == round(1000 * by_category[category] / stats["words"], 2)
    assert stats["metrics"] == listed["summary"]["metrics"]["overall"]
    assert "baseline" not in stats


def test_statistics_as_json_reports_the_baseline(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(MIXED, encoding="utf-8")
    run_lintnews("check", "--write-baseline", "b.json", "a.txt", cwd=tmp_path)
    (tmp_path / "a.txt").write_text(MIXED.replace("It was the the end.", "It ended."),
                                    encoding="utf-8")
    stats = json.loads(run_lintnews("check", "--statistics", "--format", "json", "--baseline",
                                    "b.json", "a.txt", cwd=tmp_path).stdout)
    assert stats["findings"] == 0
    assert stats["baseline"] == {"recorded": 5, "remaining": 4, "fixed": 1}


@pytest.mark.parametrize("output_format", ["sarif", "github", "checkstyle"])
def test_statistics_with_a_findings_only_format_is_a_usage_error(tmp_path: Path,
                                                                 output_format: str) -> None:
    (tmp_path / "a.txt").write_text(MIXED, encoding="utf-8")
    proc = run_lintnews("check", "--statistics", "--format", output_format, "a.txt", cwd=tmp_path)
    assert proc.returncode == 2 and proc.stdout == ""
    assert proc.stderr.count("\n") == 1 and "--statistics" in proc.stderr
    assert output_format in proc.stderr


# --- 5. help, the summary line, the rules table ---------------------------------------------


def test_help_lists_every_command_in_full_at_80_columns(tmp_path: Path) -> None:
    env = {**os.environ, "COLUMNS": "80"}
    proc = run_lintnews("--help", cwd=tmp_path, env=env)
    assert proc.returncode == 0
    lines = proc.stdout.splitlines()
    commands = lines[lines.index("Commands:") + 1:]
    assert [line.split()[0] for line in commands] == [
        "audit", "check", "explain", "rules", "server"]
    for line in commands:
        assert len(line) <= 80 and not line.rstrip().endswith("..."), line
        assert line.rstrip().endswith("."), line  # a whole sentence, not cut short


@pytest.mark.parametrize("texts, summary", [
    ([MIXED], "Found 5 problems (1 error, 3 warnings, 1 info) in 1 file."),
    ([MIXED, MIXED], "Found 10 problems (2 errors, 6 warnings, 2 info) in 2 files."),
    (["Title\n\nThe legendary coach left.\n"],
     "Found 1 problem (0 errors, 1 warning, 0 info) in 1 file."),
])
def test_text_summary_uses_singular_and_plural(tmp_path: Path, texts: list[str],
                                               summary: str) -> None:
    for i, text in enumerate(texts):
        (tmp_path / f"a{i}.txt").write_text(text, encoding="utf-8")
    proc = run_lintnews("check", ".", cwd=tmp_path)
    assert proc.stdout.splitlines()[-1] == summary


def test_rules_table_columns_are_aligned_for_long_names_and_packs(tmp_path: Path) -> None:
    write_house_pack(tmp_path, """
        [[rule]]
        code = "HOUSE01"
        name = "a-house-rule-with-a-much-longer-name-than-any-builtin"
        category = "style"
        message = "House style: avoid '{match}'."
        summary = "House style: avoid 'boondoggle'."
        phrases = ["boondoggle"]
        """, folder="a-very-long-house-style-folder-for-the-city-desk")
    rules = json.loads(run_lintnews("rules", "--format", "json", cwd=tmp_path).stdout)
    assert any(len(r["name"]) > 40 for r in rules) and any(len(r["pack"]) > 40 for r in rules)
    lines = run_lintnews("rules", cwd=tmp_path).stdout.splitlines()
    rows = [line for line in lines if not line.lstrip().startswith("source: ")]
    sources = [line for line in lines if line.lstrip().startswith("source: ")]
    assert len(rows) == len(sources) == len(rules)
    starts = set()
    for row, rule in zip(rows, rules, strict=True):
        fields = [rule["code"], rule["name"], rule["category"], rule["severity"], rule["pack"],
                  rule["summary"]]
        cursor, found = 0, []
        for value in fields:
            at = row.index(value, cursor)
            assert at == 0 or row[at - 1] == " "
            found.append(at)
            cursor = at + len(value)
        starts.add(tuple(found))
    assert len(starts) == 1, "columns start at different places on different rows"
    name_column = starts.pop()[1]
    assert {line.index("source: ") for line in sources} == {name_column}


# --- 6. --column-unit --------------------------------------------------------------------

# Accents and curly quotes (two and three bytes each in UTF-8) before the finding.
ACCENTS = "Title\n\nNúñez said “no” and it is impossible to understate.\n"
ASTRAL = "Title\n\nThe 😀 reaction: it is impossible to understate.\n"
WIDE_AND_TAB = "Title\n\nThe 北京\tteam: it is impossible to understate.\n"


def _columns(text: str, phrase: str) -> dict[str, tuple[int, int]]:
    line = text.splitlines()[2]
    start = line.index(phrase)
    end = start + len(phrase)
    return {
        "characters": (start + 1, end + 1),
        "bytes": (len(line[:start].encode("utf-8")) + 1, len(line[:end].encode("utf-8")) + 1),
        "utf-16": (len(line[:start].encode("utf-16-le")) // 2 + 1,
                   len(line[:end].encode("utf-16-le")) // 2 + 1),
    }


@pytest.mark.parametrize("text", [ACCENTS, ASTRAL])
@pytest.mark.parametrize("unit", ["characters", "bytes", "utf-16"])
def test_column_unit_in_text_github_and_checkstyle(tmp_path: Path, text: str, unit: str) -> None:
    (tmp_path / "a.md").write_text(text, encoding="utf-8")
    start, end = _columns(text, "impossible to understate")[unit]
    args = ("check", "--select", "LN101", "--column-unit", unit)
    as_text = run_lintnews(*args, "a.md", cwd=tmp_path).stdout.splitlines()[0]
    assert as_text.startswith(f"a.md:3:{start}: LN101 ")
    github = run_lintnews(*args, "--format", "github", "a.md", cwd=tmp_path).stdout
    assert f"line=3,col={start},endColumn={end}," in github
    checkstyle = ET.fromstring(run_lintnews(*args, "--format", "checkstyle", "a.md",
                                            cwd=tmp_path).stdout)
    error = checkstyle.find("file/error")
    assert error is not None and error.get("column") == str(start)


def test_characters_are_the_default_column_unit(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(ACCENTS, encoding="utf-8")
    start, _ = _columns(ACCENTS, "impossible to understate")["characters"]
    proc = run_lintnews("check", "--select", "LN101", "a.md", cwd=tmp_path)
    assert proc.stdout.startswith(f"a.md:3:{start}: LN101 ")


# A fix (one character shorter) before a finding that stays, after accents and curly quotes.
FIX_THEN_LEGENDARY = ("Title\n\nNúñez’s “Plan B” budget is impossible to understate, and the "
                      "legendary coach left.\n")


def test_column_unit_after_fix_counts_in_the_fixed_text(tmp_path: Path) -> None:
    text = FIX_THEN_LEGENDARY
    (tmp_path / "a.md").write_text(text, encoding="utf-8")
    proc = run_lintnews("check", "--fix", "--column-unit", "bytes", "--select", "LN101,LN204",
                        "a.md", cwd=tmp_path)
    fixed = (tmp_path / "a.md").read_text(encoding="utf-8")
    assert "impossible to overstate" in fixed
    start, _ = _columns(fixed, "legendary")["bytes"]
    assert proc.stdout.splitlines()[0].startswith(f"a.md:3:{start}: LN204 "), proc.stdout


def test_column_unit_from_fixed_stdin(tmp_path: Path) -> None:
    text = FIX_THEN_LEGENDARY
    proc = run_lintnews("check", "--fix", "--column-unit", "bytes", "--select", "LN101,LN204", "-",
                        cwd=tmp_path, stdin=text.encode("utf-8"))
    fixed = proc.stdout
    start, _ = _columns(fixed, "legendary")["bytes"]
    assert proc.stderr.splitlines()[0].startswith(f"-:3:{start}: LN204 "), proc.stderr


@pytest.mark.parametrize("output_format", ["json", "sarif"])
def test_column_unit_bytes_with_json_or_sarif_is_a_usage_error(tmp_path: Path,
                                                               output_format: str) -> None:
    (tmp_path / "a.md").write_text(ACCENTS, encoding="utf-8")
    proc = run_lintnews("check", "--column-unit", "bytes", "--format", output_format, "a.md",
                        cwd=tmp_path)
    assert proc.returncode == 2 and proc.stdout == ""
    assert proc.stderr.count("\n") == 1 and "--column-unit" in proc.stderr


def _readme_vim_blocks() -> list[list[str]]:
    blocks = re.findall(r"```vim\n(.*?)```", README.read_text(encoding="utf-8"), re.S)
    return [[line for line in block.splitlines() if line.startswith("set ")]
            for block in blocks]


def _errorformat_regex(errorformat: str) -> re.Pattern[str]:
    """The first pattern of a Vim 'errorformat' as a regular expression (the few items used)."""
    first = errorformat.split(",")[0].replace("\\ ", " ")
    items = {"%f": r"(?P<f>.+?)", "%l": r"(?P<l>\d+)", "%c": r"(?P<c>\d+)",
             "%v": r"(?P<v>\d+)", "%m": r"(?P<m>.+)"}
    parts = re.split(r"(%[flcvm])", first)
    return re.compile("".join(items.get(p, re.escape(p)) for p in parts) + "$")


def test_readme_vim_errorformats_read_every_finding_line(tmp_path: Path) -> None:
    blocks = _readme_vim_blocks()
    assert len(blocks) == 2
    (tmp_path / "a.md").write_text(ACCENTS + "\nThe legendary coach left.\n", encoding="utf-8")
    for block in blocks:
        settings = dict(line[len("set "):].split("=", 1) for line in block)
        command = settings["makeprg"].replace("\\ ", " ").split()
        assert command[:2] == ["lintnews", "check"] and command[-1] == "%"
        output = run_lintnews(*command[1:-1], "a.md", cwd=tmp_path).stdout.splitlines()
        pattern = _errorformat_regex(settings["errorformat"])
        assert settings["errorformat"].endswith(",%-G%.%#")  # the summary line is not an error
        findings, summary = output[:-1], output[-1]
        assert len(findings) >= 2 and not pattern.match(summary)
        for line in findings:
            m = pattern.match(line)
            assert m and m["f"] == "a.md" and m["m"].startswith("LN"), line


@pytest.mark.skipif(shutil.which("vim") is None, reason="needs Vim")
def test_readme_vim_setups_land_on_the_flagged_words_in_vim(tmp_path: Path) -> None:
    """:make in a real Vim, with each setup from the README, puts the cursor on the words."""
    bin_folder = Path(sys.executable).parent
    if shutil.which("lintnews", path=str(bin_folder)) is None:
        pytest.skip("the lintnews command is not installed beside this Python")
    article = tmp_path / "a.md"
    env = {**os.environ, "PATH": f"{bin_folder}{os.pathsep}{os.environ.get('PATH', '')}"}
    blocks = _readme_vim_blocks()
    # Accents and curly quotes suit both setups; after a tab and wide characters, only bytes.
    cases = [(block, ACCENTS) for block in blocks] + [
        (block, WIDE_AND_TAB) for block in blocks if "--column-unit\\ bytes" in block[0]]
    assert len(cases) == 3
    for i, (block, text) in enumerate(cases):
        article.write_text(text, encoding="utf-8")
        script = tmp_path / f"setup{i}.vim"
        where = tmp_path / f"where{i}.txt"
        script.write_text("\n".join([
            "set nocompatible encoding=utf-8", *block, "silent make",
            f"call writefile([getline('.')[col('.') - 1:]], '{where}')", "qall!"]) + "\n",
            encoding="utf-8")
        subprocess.run(["vim", "-N", "-u", "NONE", "-i", "NONE", "-n", "-es", "-S", str(script),
                        "a.md"], cwd=tmp_path, env=env, timeout=60, check=False,
                       stdin=subprocess.DEVNULL, capture_output=True)
        landed = where.read_text(encoding="utf-8")
        assert landed.startswith("impossible to understate"), (block, landed)


# --- 7. the README's options table ----------------------------------------------------------


def test_readme_options_table_lists_every_check_option() -> None:
    readme = README.read_text(encoding="utf-8")
    table = readme.split("| option | meaning |", 1)[1].split("\n\n", 1)[0]
    first_cells = [row.split(" | ", 1)[0] for row in table.splitlines()[2:]]
    documented = {opt for cell in first_cells for opt in re.findall(r"--[a-z][a-z-]*", cell)}
    options = {opt for param in check.params if isinstance(param, click.Option)
               for opt in param.opts if opt.startswith("--") and opt != "--help"}
    assert options - documented == set()
