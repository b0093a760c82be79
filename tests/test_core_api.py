"""lintnews.core, the one "lint a document" path every front end takes.

- lint_text and lint_paths give exactly the findings `lintnews check --format json` prints;
- a file that cannot be linted is an error in its Result, never an exception;
- the exit code is the core's fail-on decision (`fails`, `Result.failed`, `Outcome.failed`)
  at every --fail-on level, and with a config's fail-on, --fix included;
- a Linter built once lints many texts as fresh ones would, in any order, with any jobs;
- the README's "Using lintnews from Python" example runs and prints what it says.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import MIXED, invoke

from lintnews.config import FAIL_ON, Settings
from lintnews.core import Linter, Result, fails
from lintnews.engine.selection import SelectionError

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
SEED = DATA / "seed-article.txt"
ARTICLES = [SEED, DATA / "news" / "wn0001.txt", DATA / "news" / "wn0006.txt"]
README = ROOT / "README.md"
EXIT_CODE = {False: 0, True: 1}


def cli_json(*args: str, cwd: Path) -> dict:
    """`lintnews check --format json` in a real process, as a user runs it."""
    proc = subprocess.run([sys.executable, "-m", "lintnews", "check", "--format", "json",
                           "--fail-on", "never", *args], cwd=cwd, capture_output=True,
                          check=False)
    assert proc.returncode == 0, proc.stderr.decode()
    return json.loads(proc.stdout)


def as_json(result: Result) -> list[dict]:
    return [f.to_dict() for f in result.findings]


# --- the same findings as the command line --------------------------------------------------

def test_lint_text_and_lint_paths_give_the_cli_json_findings(tmp_path: Path) -> None:
    printed = cli_json(*map(str, ARTICLES), cwd=tmp_path)
    linter = Linter()
    by_paths = list(linter.lint_paths([str(a) for a in ARTICLES]))
    assert [r.path for r in by_paths] == [str(a) for a in ARTICLES]
    assert [f for r in by_paths for f in as_json(r)] == printed["findings"]
    assert printed["findings"], "the articles have findings to compare"
    by_text = [linter.lint_text(a.read_text(encoding="utf-8"), str(a)) for a in ARTICLES]
    assert [f for r in by_text for f in as_json(r)] == printed["findings"]
    # and the per-file figures the JSON summary shows
    summary = printed["summary"]
    for result in (*by_paths, *by_text):
        assert summary["metrics"]["files"][result.path] == result.metrics
        assert summary["genres"][result.path] == result.genre
    assert summary["words"] == sum(r.words for r in by_paths) == sum(r.words for r in by_text)


def test_the_selection_options_mean_what_they_mean_on_the_command_line(tmp_path: Path) -> None:
    printed = cli_json("--select", "LN2", "--ignore", "LN204", str(SEED), cwd=tmp_path)
    result = Linter(select=["LN2"], ignore=["LN204"]).lint_text(
        SEED.read_text(encoding="utf-8"), str(SEED))
    assert as_json(result) == printed["findings"]
    assert {f.code for f in result.findings} and all(
        f.code.startswith("LN2") and f.code != "LN204" for f in result.findings)


def test_a_selection_that_names_no_rule_is_an_error_as_on_the_command_line() -> None:
    with pytest.raises(SelectionError, match="LN999"):
        list(Linter(select=["LN999"]).lint_paths([str(SEED)]))


# --- errors are results ---------------------------------------------------------------------

def test_a_file_that_cannot_be_linted_is_an_error_in_its_result(tmp_path: Path) -> None:
    binary = tmp_path / "photo.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    cp1252 = tmp_path / "old.txt"
    cp1252.write_bytes("Headline\n\n\u201cQuoted,\u201d he said.\n".encode("cp1252"))
    good = tmp_path / "good.md"
    good.write_text("Headline\n\nThe legendary coach left.\n", encoding="utf-8")
    missing = tmp_path / "gone.md"
    results = list(Linter().lint_paths([str(binary), str(missing), str(cp1252), str(good)]))
    by_path = {r.path: r for r in results}
    # the path that names no file comes first, as the command line reports it first
    assert results[0].path == str(missing) and "no such file" in (results[0].error or "")
    for path in (binary, cp1252):
        result = by_path[str(path)]
        assert result.error and str(path) in result.error
        assert result.findings == [] and not result.failed
    assert by_path[str(good)].error is None and by_path[str(good)].findings
    # and the command line reports each of them, exiting 2
    cli = invoke("check", str(binary), str(missing), str(cp1252), str(good))
    assert cli.exit_code == 2
    for result in results:
        if result.error:
            assert result.error in cli.stderr


# --- fail-on, decided once ------------------------------------------------------------------

@pytest.mark.parametrize("level", FAIL_ON)
def test_the_exit_code_is_the_cores_fail_on_decision(level: str, rules_loaded_once: None
                                                     ) -> None:
    text = SEED.read_text(encoding="utf-8")
    result = Linter(fail_on=level).lint_text(text, str(SEED))
    assert result.failed == fails(result.findings, level)
    cli = invoke("check", "--fail-on", level, str(SEED))
    assert cli.exit_code == EXIT_CODE[result.failed]
    outcome = Linter(fail_on=level).run([str(SEED)])
    assert outcome.failed == result.failed


def test_the_levels_are_ordered() -> None:
    """The seed article has findings of every severity, so each level decides differently."""
    findings = Linter().lint_text(SEED.read_text(encoding="utf-8"), str(SEED)).findings
    assert {str(f.severity) for f in findings} == {"error", "warning", "info"}
    assert [fails(findings, level) for level in FAIL_ON] == [True, True, True, False]
    warnings_only = [f for f in findings if str(f.severity) == "warning"]
    assert [fails(warnings_only, level) for level in FAIL_ON] == [False, True, True, False]


def test_a_configs_fail_on_decides_with_and_without_fix(tmp_path: Path,
                                                        rules_loaded_once: None) -> None:
    """A warning left after --fix does not fail a run whose config says fail-on = "error"
    (before lintnews.core, --fix decided at "warning" whatever the config said)."""
    (tmp_path / "lintnews.toml").write_text('fail-on = "error"\n', encoding="utf-8")
    article = tmp_path / "a.md"
    body = "Headline\n\nThe legendary coach left in the the end.\n"
    article.write_text(body, encoding="utf-8")
    result = Linter().lint_text(body, str(article))
    assert result.fail_on == "error" and result.findings and not result.failed
    assert invoke("check", str(article)).exit_code == 0
    assert invoke("check", "--fix", str(article)).exit_code == 0
    assert "the the" not in article.read_text(encoding="utf-8")
    left = Linter().lint_text(article.read_text(encoding="utf-8"), str(article))
    assert [f.code for f in left.findings] == ["LN204"]  # the warning the fix cannot fix
    assert invoke("check", "--fix", "--fail-on", "warning", str(article)).exit_code == 1


# --- built once, used many times ------------------------------------------------------------

def _texts() -> list[tuple[str, str]]:
    return [(a.read_text(encoding="utf-8"), str(a)) for a in ARTICLES] + [
        (MIXED, "mixed.md"), ("# Title\n\nIt was the the end.\n", "-"),
        (MIXED, "mixed.txt")]


def _figures(result: Result) -> tuple[object, ...]:
    return (result.path, result.findings, result.words, result.genre, result.metrics,
            result.fixes, result.error)


def test_a_linter_built_once_lints_many_texts_as_fresh_ones_do() -> None:
    settings = Settings()
    texts = _texts()
    fresh = [_figures(Linter(settings).lint_text(text, path)) for text, path in texts]
    once = Linter(settings)
    assert [_figures(once.lint_text(text, path)) for text, path in texts] == fresh
    # in the other order too: nothing one text leaves behind changes the next
    backwards = [_figures(once.lint_text(text, path)) for text, path in reversed(texts)]
    assert backwards[::-1] == fresh
    assert any(figures[1] for figures in fresh) and any(figures[5] for figures in fresh)


def test_lint_paths_in_worker_processes_gives_the_same_results() -> None:
    folder = DATA / "news"
    one = list(Linter(jobs=1).lint_paths([str(folder)]))
    assert len(one) >= 16  # enough files for the worker processes to be used
    assert [_figures(r) for r in Linter(jobs=2).lint_paths([str(folder)])] == \
        [_figures(r) for r in one]


# --- the README -----------------------------------------------------------------------------

def test_the_readme_example_runs_and_prints_what_it_says(tmp_path: Path) -> None:
    section = README.read_text(encoding="utf-8").split("## Using lintnews from Python", 1)[1]
    section = section.split("\n## ", 1)[0]
    code = re.findall(r"```python\n(.*?)```", section, re.S)
    printed = re.findall(r"```text\n(.*?)```", section, re.S)
    assert len(code) == 1 and len(printed) == 1
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "one.md").write_text("Headline\n\nThe legendary coach left.\n",
                                                   encoding="utf-8")
    (tmp_path / "articles" / "two.txt").write_bytes(  # not UTF-8: an error, not an exception
        "Headline\n\n\u201cQuoted,\u201d he said.\n".encode("cp1252"))
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.run([sys.executable, "-c", code[0]], cwd=tmp_path, capture_output=True,
                          text=True, check=False, env=env)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith(printed[0])
    rest = proc.stdout[len(printed[0]):].splitlines()
    assert rest == [f"{Path('articles') / 'one.md'} 5 news 1",
                    f"{Path('articles') / 'two.txt'}: cannot decode as UTF-8 (invalid byte at "
                    "offset 10); save the file as UTF-8"]
