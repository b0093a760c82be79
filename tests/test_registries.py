"""Every extension point has one registry, and everything that lists its members reads it:

- code rules: every `@rule` in a module of lintnews.checks is loaded, with no list to keep;
- output formats: lintnews.output.OUTPUT_FORMATS names every writer in lintnews/output and
  feeds the CLI's choices and option checks;
- input formats: lintnews.markup.INPUT_FORMATS picks the reader, feeds discovery and its
  message; action.yml (a shell script, which cannot read it) and the README list the same
  suffixes.
"""

from __future__ import annotations

import re
from importlib import import_module
from pathlib import Path

import pytest
import yaml
from helpers import invoke

import lintnews.checks
import lintnews.output
from lintnews.checks import CodeRule, all_rules
from lintnews.files.discover import walk_articles
from lintnews.markup import (
    ARTICLE_SUFFIXES,
    INPUT_FORMATS,
    MARKDOWN,
    PLAIN_TEXT,
    SUFFIX_LIST,
    UNNAMED,
    input_format,
)
from lintnews.output import OUTPUT_FORMATS, formatter
from lintnews.report import Report

ROOT = Path(__file__).resolve().parents[1]


def test_every_code_rule_in_the_checks_package_is_loaded() -> None:
    """Each source file under lintnews/checks, imported on its own, defines no rule that
    all_rules leaves out (a rule there may be made by a helper, not only by `@rule`)."""
    folder = Path(lintnews.checks.__file__).parent
    defined: dict[str, set[str]] = {}
    for path in sorted(folder.glob("*.py")):
        module = import_module(f"lintnews.checks.{path.stem}")
        defined[path.name] = {value.meta.code for value in vars(module).values()
                              if isinstance(value, CodeRule)}
    loaded = [r.meta.code for r in all_rules()]
    assert len(loaded) == len(set(loaded))
    for name, codes in defined.items():
        assert codes <= set(loaded), f"rules of checks/{name} not loaded: {codes - set(loaded)}"
    assert set(loaded) == set().union(*defined.values())
    assert len(defined) > 5 and len(loaded) > 20  # the files were found at all


def test_every_writer_in_the_output_package_is_a_registered_format() -> None:
    """A writer is a module of lintnews.output with a `render(report)`; the package also
    holds `summary` (--statistics), which renders counts, not a report."""
    folder = Path(lintnews.output.__file__).parent
    writers = {p.stem for p in folder.glob("*.py")
               if re.search(r"^def render\(", p.read_text(encoding="utf-8"), re.M)}
    assert "summary" not in writers and len(writers) >= 5
    assert {f.module for f in OUTPUT_FORMATS} == writers
    assert len({f.name for f in OUTPUT_FORMATS}) == len(OUTPUT_FORMATS)


@pytest.mark.parametrize("output", OUTPUT_FORMATS, ids=lambda f: f.name)
def test_every_registered_format_renders_and_is_a_cli_choice(output, tmp_path: Path) -> None:
    assert isinstance(formatter(output.name)(Report(findings=[], rules={}, files=1)), str)
    (tmp_path / "article.md").write_text("Title\n\nIt was the the end.\n", encoding="utf-8")
    result = invoke("check", "--format", output.name, "--fail-on", "never",
                    str(tmp_path / "article.md"))
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("output", OUTPUT_FORMATS, ids=lambda f: f.name)
def test_statistics_and_column_units_follow_the_registry(output, tmp_path: Path) -> None:
    article = tmp_path / "article.md"
    article.write_text("Title\n\nIt was the the end.\n", encoding="utf-8")
    statistics = invoke("check", "--statistics", "--format", output.name, "--fail-on", "never",
                        str(article))
    assert (statistics.exit_code == 0) == output.statistics, statistics.output
    units = invoke("check", "--column-unit", "bytes", "--format", output.name,
                   "--fail-on", "never", str(article))
    assert (units.exit_code == 0) == output.column_units, units.output


def test_readme_lists_the_registered_output_formats() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    row = re.search(r"^\| `--format ([\w\\|]+)` \|", readme, re.M)
    assert row, "the --format row of the options table"
    assert row.group(1).split("\\|") == [f.name for f in OUTPUT_FORMATS]


def test_each_suffix_belongs_to_one_input_format() -> None:
    suffixes = [s for f in INPUT_FORMATS for s in f.suffixes]
    assert len(suffixes) == len(set(suffixes)) == len(ARTICLE_SUFFIXES)
    assert all(s.startswith(".") and s == s.lower() for s in suffixes)
    assert ", ".join(suffixes) == SUFFIX_LIST


@pytest.mark.parametrize("fmt", INPUT_FORMATS, ids=lambda f: f.name)
def test_each_suffix_is_discovered_and_read_by_its_format(fmt, tmp_path: Path) -> None:
    for suffix in fmt.suffixes:
        for name in (f"article{suffix}", f"ARTICLE{suffix.upper()}"):
            (tmp_path / name).write_text("Title\n\nBody.\n", encoding="utf-8")
            assert input_format("# Title\n", name) is fmt
    (tmp_path / "notes.rst").write_text("Title\n\nBody.\n", encoding="utf-8")
    found = {p.name for p in walk_articles(tmp_path)}
    assert found == {f"article{s}" for s in fmt.suffixes} | \
        {f"ARTICLE{s.upper()}" for s in fmt.suffixes}


def test_unnamed_and_unknown_files_fall_back_as_before() -> None:
    assert input_format("# A headline\n\nSome *emphasis* and a [link](https://x.org).\n",
                        UNNAMED) is MARKDOWN
    assert input_format("A headline\n\nPlain prose.\n", UNNAMED) is PLAIN_TEXT
    assert input_format("# A headline\n", "notes.rst") is PLAIN_TEXT


def test_folder_without_articles_names_every_accepted_suffix(tmp_path: Path) -> None:
    result = invoke("check", str(tmp_path))
    assert result.exit_code == 2
    assert f"no article files ({SUFFIX_LIST}) found" in result.output


def _action_file_step() -> str:
    action = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    step = next(s for s in action["runs"]["steps"] if s.get("id") == "files")
    return str(step["run"])


def test_action_yml_picks_the_registered_suffixes() -> None:
    script = _action_file_step()
    patterns = re.search(r"^\s*(\*\.[^)]*)\)\s*$", script, re.M)
    assert patterns, "the case pattern that picks article files"
    assert [p.strip() for p in patterns.group(1).split("|")] == \
        [f"*{s}" for f in INPUT_FORMATS for s in f.suffixes]
    assert f"No changed article files ({SUFFIX_LIST})" in script
    assert "shopt -s nocasematch" in script  # suffixes match in any case, as discovery does


def test_action_yml_paths_input_names_the_registered_suffixes() -> None:
    action = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    description = " ".join(action["inputs"]["paths"]["description"].split())
    suffixes = [s for f in INPUT_FORMATS for s in f.suffixes]
    spoken = f"{', '.join(suffixes[:-1])} and {suffixes[-1]}"
    assert f"Only {spoken} files are linted" in description


def _backticked(suffixes: list[str] | tuple[str, ...], *, last: str = ", ") -> str:
    quoted = [f"`{s}`" for s in suffixes]
    return ", ".join(quoted[:-1]) + last + quoted[-1] if len(quoted) > 1 else quoted[0]


def test_readme_names_the_registered_suffixes() -> None:
    readme = " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())
    suffixes = [s for f in INPUT_FORMATS for s in f.suffixes]
    assert f"Folders are walked for {_backticked(suffixes, last=' and ')} files" in readme
    assert f"finds the article files ({_backticked(suffixes)})" in readme
    assert f"Markdown ({_backticked(MARKDOWN.suffixes)})" in readme
    assert f"plain-text files ({_backticked(PLAIN_TEXT.suffixes)}," in readme
