"""Configuration: discovery, every documented key, inline suppressions, and bad configs."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from helpers import invoke, run_lintnews, write

MISNEGATION = "Title\n\nThe implications are impossible to understate.\n"
MIXED = ("Title\n\n"
         "The stakes are impossible to understate.\n\n"  # LN101 logic error
         "The legendary coach left.\n\n"  # LN204 loaded-language warning
         "The so-called plan stalled.\n")  # LN206 loaded-language info
# Not the lead (LN402 has its own limits); 20 words.
TWENTY = ("The minister said on Tuesday that the budget would fund more teachers and nurses "
          "in every region of the country.")
assert len(TWENTY.split()) == 20


pytestmark = pytest.mark.usefixtures("rules_loaded_once")






def check_json(*args: str) -> tuple[int, list[dict]]:
    result = invoke("check", "--format", "json", *args)
    assert result.exit_code in (0, 1), result.output
    return result.exit_code, json.loads(result.stdout)["findings"]


def codes(*args: str) -> set[str]:
    return {f["code"] for f in check_json(*args)[1]}


def codes_by_file(*args: str) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for f in check_json(*args)[1]:
        out.setdefault(Path(f["path"]).as_posix(), set()).add(f["code"])
    return out


@pytest.fixture
def tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working folder outside any config; the tests lint files below it."""
    work = tmp_path / "cwd"
    work.mkdir()
    monkeypatch.chdir(work)
    return tmp_path


# --- discovery ----------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "body"), [
    ("lintnews.toml", 'ignore = ["LN101"]\n'),
    (".lintnews.toml", 'ignore = ["LN101"]\n'),
    ("pyproject.toml", '[project]\nname = "paper"\n\n[tool.lintnews]\nignore = ["LN101"]\n'),
])
def test_config_is_found_walking_up_from_the_linted_file(tmp: Path, name: str, body: str):
    article = write(tmp / "paper" / "news" / "2025" / "a.md", MIXED)
    assert "LN101" in codes(str(article))
    write(tmp / "paper" / name, body)
    found = codes(str(article))
    assert "LN101" not in found
    assert "LN204" in found


def test_pyproject_without_tool_lintnews_is_skipped(tmp: Path):
    article = write(tmp / "paper" / "news" / "a.md", MIXED)
    write(tmp / "paper" / "news" / "pyproject.toml", '[tool.black]\nline-length = 88\n')
    before = codes(str(article))
    write(tmp / "paper" / "lintnews.toml", 'ignore = ["LN101"]\n')
    assert codes(str(article)) == before - {"LN101"}
    assert {"LN204", "LN206"} <= before


def test_each_file_uses_its_nearest_config(tmp: Path, monkeypatch: pytest.MonkeyPatch):
    root = tmp / "paper"
    write(root / "lintnews.toml", 'ignore = ["LN101"]\n')
    write(root / "news" / "a.md", MIXED)
    write(root / "opinion" / "lintnews.toml", 'ignore = ["LN204"]\n')
    write(root / "opinion" / "b.md", MIXED)
    monkeypatch.chdir(root)
    found = codes_by_file(".")
    assert "LN101" not in found["news/a.md"] and "LN204" in found["news/a.md"]
    assert "LN204" not in found["opinion/b.md"] and "LN101" in found["opinion/b.md"]


def test_explicit_config_replaces_discovery(tmp: Path):
    article = write(tmp / "paper" / "a.md", MIXED)
    write(tmp / "paper" / "lintnews.toml", 'ignore = ["LN101"]\n')
    explicit = write(tmp / "elsewhere" / "house.toml", 'select = ["LN101", "LN206"]\n')
    assert codes("--config", str(explicit), str(article)) == {"LN101", "LN206"}


def test_explicit_config_that_does_not_exist(tmp: Path):
    article = write(tmp / "a.md", MIXED)
    result = invoke("check", "--config", str(tmp / "nope.toml"), str(article))
    assert result.exit_code == 2
    assert "nope.toml" in result.stderr


# --- select, ignore, fail-on, severity ----------------------------------------------------


def test_select_and_ignore_from_config(tmp: Path):
    article = write(tmp / "p" / "a.md", MIXED)
    config = write(tmp / "p" / "lintnews.toml", 'select = ["loaded-language"]\n')
    found = codes(str(article))
    assert {"LN204", "LN206"} <= found and all(c.startswith("LN2") for c in found)
    config.write_text('select = ["LN1", "LN2"]\nignore = ["doubt-caster"]\n')
    found = codes(str(article))
    assert {"LN101", "LN204"} <= found and "LN206" not in found
    assert all(c.startswith(("LN1", "LN2")) for c in found)


def test_command_line_select_replaces_config_select_and_ignores_add_up(tmp: Path):
    article = write(tmp / "p" / "a.md", MIXED)
    write(tmp / "p" / "lintnews.toml", 'select = ["LN2"]\nignore = ["LN206"]\n')
    # As ruff: the command line's --select replaces the config's selection, its ignore too
    # (ruff's docs: with `ignore = ["F401"]` in the config, `--select F401` enforces F401).
    assert codes("--select", "LN101,LN206", str(article)) == {"LN101", "LN206"}
    assert codes("--select", "LN101,LN206", "--ignore", "LN206", str(article)) == {"LN101"}
    found = codes("--ignore", "LN204", str(article))
    assert not found & {"LN101", "LN204", "LN206"}
    assert all(c.startswith("LN2") for c in found)
    assert codes(str(article)) >= {"LN204"}


@pytest.mark.parametrize(("level", "exit_code"), [
    ("error", 0), ("warning", 1), ("info", 1), ("never", 0)])
def test_fail_on_from_config(tmp: Path, level: str, exit_code: int):
    # One warning (LN204) and one info (LN206), no errors.
    article = write(tmp / "p" / "a.md", "Title\n\nThe legendary coach left.\n\n"
                                          "The so-called plan stalled.\n")
    write(tmp / "p" / "lintnews.toml", f'fail-on = "{level}"\n')
    result = invoke("check", str(article))
    assert result.exit_code == exit_code, result.output


def test_command_line_fail_on_overrides_config(tmp: Path):
    article = write(tmp / "p" / "a.md", MISNEGATION)
    write(tmp / "p" / "lintnews.toml", 'fail-on = "never"\n')
    assert invoke("check", str(article)).exit_code == 0
    assert invoke("check", "--fail-on", "error", str(article)).exit_code == 1


def test_per_rule_severity_override(tmp: Path):
    article = write(tmp / "p" / "a.md", MIXED)
    write(tmp / "p" / "lintnews.toml", '[severity]\nLN101 = "info"\nLN206 = "error"\n')
    exit_code, findings = check_json(str(article))
    severity = {f["code"]: f["severity"] for f in findings}
    assert severity["LN101"] == "info"
    assert severity["LN206"] == "error"
    assert severity["LN204"] == "warning"
    assert exit_code == 1  # LN206 is now an error


def test_severity_override_changes_the_exit_code(tmp: Path):
    article = write(tmp / "p" / "a.md", MISNEGATION)
    write(tmp / "p" / "lintnews.toml", '[severity]\nLN101 = "info"\n')
    assert invoke("check", str(article)).exit_code == 0
    assert invoke("check", "--fail-on", "info", str(article)).exit_code == 1


# --- per-path ignores and exclude ---------------------------------------------------------


def test_per_path_ignores_by_glob(tmp: Path):
    root = tmp / "paper"
    write(root / "lintnews.toml",
          '[per-path-ignores]\n"opinion/*.md" = ["LN101"]\n"wire/*" = ["loaded-language"]\n')
    write(root / "news" / "a.md", MIXED)
    write(root / "opinion" / "b.md", MIXED)
    write(root / "wire" / "c.txt", MIXED)
    found = codes_by_file(str(root))
    news = (root / "news" / "a.md").as_posix()
    opinion = (root / "opinion" / "b.md").as_posix()
    wire = (root / "wire" / "c.txt").as_posix()
    assert found[news] >= {"LN101", "LN204", "LN206"}
    assert "LN101" not in found[opinion] and {"LN204", "LN206"} <= found[opinion]
    assert "LN101" in found[wire] and not found[wire] & {"LN204", "LN206"}


def test_per_path_ignores_apply_to_an_explicit_file(tmp: Path):
    root = tmp / "paper"
    write(root / "lintnews.toml", '[per-path-ignores]\n"opinion/*.md" = ["LN101"]\n')
    article = write(root / "opinion" / "b.md", MIXED)
    assert "LN101" not in codes(str(article))


def test_exclude_skips_files_when_walking(tmp: Path, monkeypatch: pytest.MonkeyPatch):
    root = tmp / "paper"
    write(root / "lintnews.toml", 'exclude = ["drafts", "*.txt"]\n')
    write(root / "news" / "a.md", MISNEGATION)
    write(root / "news" / "notes.txt", MISNEGATION)
    write(root / "drafts" / "b.md", MISNEGATION)
    write(root / "drafts" / "deep" / "c.md", MISNEGATION)
    monkeypatch.chdir(root)
    assert set(codes_by_file(".")) == {"news/a.md"}


# --- readability thresholds ---------------------------------------------------------------


def test_sentence_length_threshold(tmp: Path):
    article = write(tmp / "p" / "a.md", f"Title\n\nThe budget passed.\n\n{TWENTY}\n")
    assert "LN401" not in codes(str(article))
    write(tmp / "p" / "lintnews.toml", "[readability]\nsentence-words-warning = 15\n")
    exit_code, findings = check_json(str(article))
    [hit] = [f for f in findings if f["code"] == "LN401"]
    assert hit["severity"] == "warning"
    assert hit["line"] == 5 and hit["column"] == 1
    assert "20" in hit["message"]
    assert exit_code == 1


def test_sentence_length_info_threshold(tmp: Path):
    article = write(tmp / "p" / "a.md", f"Title\n\nThe budget passed.\n\n{TWENTY}\n")
    write(tmp / "p" / "lintnews.toml",
          "[readability]\nsentence-words-info = 19\nsentence-words-warning = 25\n")
    exit_code, findings = check_json(str(article))
    assert [f["severity"] for f in findings if f["code"] == "LN401"] == ["info"]
    assert exit_code == 0
    write(tmp / "p" / "lintnews.toml",
          "[readability]\nsentence-words-info = 20\nsentence-words-warning = 25\n")
    assert "LN401" not in codes(str(article))  # exactly at the limit is fine


def test_equal_info_and_warning_thresholds_are_allowed(tmp: Path):
    # No info band: a long sentence is a warning straight away.
    article = write(tmp / "p" / "a.md", f"Title\n\nThe budget passed.\n\n{TWENTY}\n")
    write(tmp / "p" / "lintnews.toml",
          "[readability]\nsentence-words-info = 15\nsentence-words-warning = 15\n")
    _, findings = check_json(str(article))
    assert [f["severity"] for f in findings if f["code"] == "LN401"] == ["warning"]


# --- house vocabulary ---------------------------------------------------------------------


def test_vocabulary_reject_with_replacement(tmp: Path):
    text = "Title\n\nOfficials in Kiev met on Tuesday. Kyiv has a new mayor.\n"
    article = write(tmp / "p" / "a.md", text)
    assert "LN504" not in codes(str(article))
    write(tmp / "p" / "lintnews.toml", '[vocabulary]\nreject = {"Kiev" = "Kyiv"}\n')
    exit_code, findings = check_json(str(article))
    hits = [f for f in findings if f["code"] == "LN504"]
    assert len(hits) == 1
    [hit] = hits
    assert text[hit["offset"]:hit["end_offset"]] == "Kiev"
    assert hit["suggestions"] == ["Kyiv"]
    assert "Kiev" in hit["message"]
    assert hit["category"] == "style"
    assert exit_code == 1


def test_vocabulary_reject_lower_case_term_matches_any_case(tmp: Path):
    text = "Title\n\nUtilise the budget. They utilise it well.\n"
    article = write(tmp / "p" / "a.md", text)
    write(tmp / "p" / "lintnews.toml", '[vocabulary]\nreject = {"utilise" = "use"}\n')
    hits = [f for f in check_json(str(article))[1] if f["code"] == "LN504"]
    assert [text[f["offset"]:f["end_offset"]] for f in hits] == ["Utilise", "utilise"]
    assert [f["suggestions"] for f in hits] == [["Use"], ["use"]]


def test_vocabulary_accept_silences_a_term(tmp: Path):
    article = write(tmp / "p" / "a.md", MIXED)
    before = codes(str(article))
    assert {"LN101", "LN204", "LN206"} <= before
    write(tmp / "p" / "lintnews.toml", '[vocabulary]\naccept = ["legendary"]\n')
    assert codes(str(article)) == before - {"LN204"}


# --- inline suppression -------------------------------------------------------------------


SUPPRESSED = """Title

Para one is impossible to understate.

<!-- lintnews: disable-next-line LN101 -->
Para two is impossible to understate.

Para three is impossible to understate.

<!-- lintnews: disable LN101 -->
Para four is impossible to understate. It was legendary.

Para five is impossible to understate.
<!-- lintnews: enable -->

Para six is impossible to understate. It was legendary.

<!-- lintnews: disable -->
Para seven is impossible to understate. It was legendary.
<!-- lintnews: enable -->

<!-- lintnews: disable-next-line loaded-language -->
Para eight is impossible to understate. It was legendary.

<!-- lintnews: disable LN101,LN204 -->
Para nine is impossible to understate. It was legendary.
"""


@pytest.fixture
def suppressed(tmp: Path) -> dict[int, set[str]]:
    article = write(tmp / "p" / "s.md", SUPPRESSED)
    by_line: dict[int, set[str]] = {}
    for f in check_json(str(article))[1]:
        by_line.setdefault(f["line"], set()).add(f["code"])
    return by_line


def line_of(text: str) -> int:
    return next(i for i, line in enumerate(SUPPRESSED.splitlines(), 1) if line.startswith(text))


def test_unsuppressed_lines_are_reported(suppressed: dict[int, set[str]]):
    assert "LN101" in suppressed[line_of("Para one")]
    assert "LN101" in suppressed[line_of("Para three")]
    assert {"LN101", "LN204"} <= suppressed[line_of("Para six")]


def test_disable_next_line(suppressed: dict[int, set[str]]):
    assert "LN101" not in suppressed.get(line_of("Para two"), set())


def test_disable_enable_block_for_one_code(suppressed: dict[int, set[str]]):
    assert "LN101" not in suppressed.get(line_of("Para four"), set())
    assert "LN101" not in suppressed.get(line_of("Para five"), set())
    assert "LN204" in suppressed[line_of("Para four")]


def test_disable_without_codes_silences_every_rule(suppressed: dict[int, set[str]]):
    assert line_of("Para seven") not in suppressed


def test_disable_next_line_by_category(suppressed: dict[int, set[str]]):
    assert suppressed[line_of("Para eight")] & {"LN101", "LN204"} == {"LN101"}


def test_disable_several_codes_until_end_of_file(suppressed: dict[int, set[str]]):
    assert not suppressed.get(line_of("Para nine"), set()) & {"LN101", "LN204"}


def test_suppression_comments_in_markdown_from_stdin(tmp: Path):
    data = (b"Title\n\n<!-- lintnews: disable-next-line LN101 -->\n"
            b"It is impossible to understate.\n")
    result = invoke("check", "--format", "json", "-", "--stdin-filename", "x.md", stdin=data)
    assert result.exit_code == 0
    assert json.loads(result.stdout)["findings"] == []


# --- bad configs --------------------------------------------------------------------------


def assert_config_error(proc: subprocess.CompletedProcess[str], config: Path,
                        *needles: str) -> None:
    assert proc.returncode == 2, (proc.stdout, proc.stderr)
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert config.name in lines[0]
    for needle in needles:
        assert needle in lines[0], lines[0]
    assert "LN101" not in proc.stdout  # nothing was linted


@pytest.mark.parametrize(("name", "body", "needles"), [
    ("lintnews.toml", 'select = ["LN101"]\nfail-on = \n', ("line 2",)),
    ("lintnews.toml", 'select = ["LN101"]\nfail_on = "error"\n', ("fail_on",)),
    ("lintnews.toml", '[readability]\nsentence-words-warnin = 30\n',
     ("sentence-words-warnin",)),
    ("lintnews.toml", 'fail-on = "sometimes"\n', ("fail-on",)),
    (".lintnews.toml", '[severity]\nLN101 = "fatal"\n', ("LN101", "fatal")),
    ("pyproject.toml", '[tool.lintnews]\nfail-on = "always"\n', ("fail-on",)),
    ("pyproject.toml", '[tool.lintnews]\nselekt = ["LN1"]\n', ("selekt",)),
    ("pyproject.toml",
     '[tool.lintnews.readability]\nsentence-words-info = 50\nsentence-words-warning = 10\n',
     ("sentence-words-info", "sentence-words-warning")),
])
def test_bad_config_is_a_one_line_error(tmp: Path, name: str, body: str,
                                        needles: tuple[str, ...]):
    root = tmp / "paper"
    config = write(root / name, body)
    write(root / "news" / "a.md", MISNEGATION)
    proc = run_lintnews("check", "news/a.md", cwd=root)
    assert_config_error(proc, config, *needles)


@pytest.mark.parametrize(("body", "needles"), [
    ('[readability]\nsentence-words-warning = 0\n', ("sentence-words-warning",)),
    ('[readability]\nsentence-words-warning = "ten"\n', ("sentence-words-warning",)),
    ('[readability]\nparagraph-sentences = 2.5\n', ("paragraph-sentences",)),
    # Inverted info/warning pairs.
    ('[readability]\nsentence-words-info = 50\nsentence-words-warning = 10\n',
     ("readability.sentence-words-info", "readability.sentence-words-warning", "50", "10")),
    ('[readability]\nlead-words-warning = 40\nlead-words-info = 41\n',
     ("readability.lead-words-info", "readability.lead-words-warning", "41", "40")),
    ('select = 5\n', ("select",)),
    ('select = ["LN999"]\n', ("select", "LN999")),
    ('ignore = ["not-a-rule"]\n', ("ignore", "not-a-rule")),
    ('[per-path-ignores]\n"a/*.md" = ["LN998"]\n', ("per-path-ignores", "LN998")),
    ('[severity]\nLN101 = 3\n', ("LN101",)),
    ('[vocabulary]\nreject = {"Kiev" = 1}\n', ("vocabulary.reject",)),
    ('[vocabulary]\nprefer = {"Kiev" = "Kyiv"}\n', ("prefer",)),
    ('exclude = [1]\n', ("exclude",)),
])
def test_bad_config_values(tmp: Path, body: str, needles: tuple[str, ...]):
    root = tmp / "paper"
    config = write(root / "lintnews.toml", body)
    article = write(root / "a.md", MISNEGATION)
    result = invoke("check", str(article))
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert config.name in lines[0]
    for needle in needles:
        assert needle in lines[0], lines[0]


@pytest.mark.parametrize("key", ["LN999", "misnegatoin"])
def test_severity_override_for_an_unknown_rule_is_an_error(tmp: Path, key: str):
    # A typo in [severity] must not silently leave the rule at its default level.
    root = tmp / "paper"
    config = write(root / "lintnews.toml", f'[severity]\n{key} = "info"\n')
    article = write(root / "a.md", MISNEGATION)
    result = invoke("check", str(article))
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert config.name in lines[0] and key in lines[0] and "severity" in lines[0]


def test_explicit_bad_config_is_a_one_line_error(tmp: Path):
    config = write(tmp / "house.toml", 'fail-on = "sometimes"\n')
    article = write(tmp / "a.md", MISNEGATION)
    proc = run_lintnews("check", "--config", str(config), str(article), cwd=tmp)
    assert_config_error(proc, config, "fail-on")
