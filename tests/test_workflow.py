"""The newsroom workflow: changed-lines mode, baselines and safe fixes, on real git repos."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from helpers import run_lintnews

from lintnews.engine.runner import lint_source
from lintnews.files.source import SourceFile
from lintnews.rule_examples import example_settings, example_text
from lintnews.ruleset import load_rules
from lintnews.workflow.apply_fixes import apply_edits, safe_edits

# Slow (~11 s of git repositories and whole CLI runs): run on the default Python only (.ci/run).
pytestmark = [pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed"),
              pytest.mark.slow]

OLD_SLIP = "The plan's importance is impossible to understate.\n"
NEW_SLIP = "The mayor slammed the plan on Monday.\n"


def git(repo: Path, *args: str) -> str:
    env = {"GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_SYSTEM": "/dev/null",
           "HOME": str(repo), "PATH": "/usr/bin:/bin:/usr/local/bin"}
    result = subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, env=env,
                            check=True)
    return result.stdout


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "newsroom"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    git(root, "config", "user.email", "desk@example.org")
    git(root, "config", "user.name", "Desk")
    articles = root / "articles"
    articles.mkdir()
    (articles / "budget.md").write_text("# Budget vote\n\n" + OLD_SLIP + "\nThe council met.\n",
                                        encoding="utf-8")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "first")
    return root


def codes(result: subprocess.CompletedProcess) -> list[str]:
    return [f["code"] for f in json.loads(result.stdout)["findings"]]


def test_changed_line_with_a_new_slip_fails_and_old_slip_is_ignored(repo: Path) -> None:
    article = repo / "articles" / "budget.md"
    article.write_text(article.read_text(encoding="utf-8") + "\n" + NEW_SLIP, encoding="utf-8")
    result = run_lintnews("check", "--changed-since", "HEAD", "--format", "json", "articles",
                          cwd=repo)
    assert result.returncode == 1, result.stderr
    assert codes(result) == ["LN202"]  # the new slip; LN101 on an untouched line is not reported
    plain = run_lintnews("check", "--format", "json", "articles", cwd=repo)
    assert "LN101" in codes(plain)


def test_untouched_file_passes_in_changed_lines_mode(repo: Path) -> None:
    result = run_lintnews("check", "--changed-since", "HEAD", "articles", cwd=repo)
    assert result.returncode == 0, result.stdout + result.stderr


def test_new_untracked_and_renamed_files(repo: Path) -> None:
    (repo / "articles" / "new.md").write_text("# New\n\n" + OLD_SLIP, encoding="utf-8")
    git(repo, "mv", "articles/budget.md", "articles/budget-vote.md")
    renamed = repo / "articles" / "budget-vote.md"
    renamed.write_text(renamed.read_text(encoding="utf-8") + "\n" + NEW_SLIP, encoding="utf-8")
    result = run_lintnews("check", "--changed-since", "HEAD", "--format", "json", "articles",
                          cwd=repo)
    found = {(Path(f["path"]).name, f["code"]) for f in json.loads(result.stdout)["findings"]}
    assert ("new.md", "LN101") in found  # a new file: every line counts
    assert ("budget-vote.md", "LN202") in found  # the changed line of the renamed file
    assert ("budget-vote.md", "LN101") not in found  # the renamed file's old line


def test_crlf_file_and_a_path_outside_the_current_folder(repo: Path, tmp_path: Path) -> None:
    article = repo / "articles" / "crlf.md"
    article.write_bytes(b"# Title\r\n\r\nThe council met.\r\n")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "crlf")
    article.write_bytes(b"# Title\r\n\r\nThe council met.\r\n" + NEW_SLIP.encode().replace(
        b"\n", b"\r\n"))
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = run_lintnews("check", "--changed-since", "HEAD", "--format", "json", str(article),
                          cwd=elsewhere)
    findings = json.loads(result.stdout)["findings"]
    assert [(f["code"], f["line"]) for f in findings] == [("LN202", 4)]


def test_unknown_revision_and_not_a_repository_exit_2(repo: Path, tmp_path: Path) -> None:
    result = run_lintnews("check", "--changed-since", "no-such-branch", "articles", cwd=repo)
    assert result.returncode == 2 and "no-such-branch" in result.stderr
    assert "Traceback" not in result.stderr
    outside = tmp_path / "plain"
    outside.mkdir()
    (outside / "a.txt").write_text("Headline\n\nIt is fine.\n", encoding="utf-8")
    result = run_lintnews("check", "--changed-since", "HEAD", "a.txt", cwd=outside)
    assert result.returncode == 2 and "not inside a git repository" in result.stderr


def test_first_commit_of_a_new_repository_counts_every_line(tmp_path: Path) -> None:
    """No commit yet (an unborn HEAD): everything staged is new, as in a hook on the first
    commit. A revision that does not exist is still an error."""
    root = tmp_path / "fresh"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    (root / "story.md").write_text("# Budget\n\n" + OLD_SLIP, encoding="utf-8")
    (root / "clean.md").write_text("# Council\n\nThe council met.\n", encoding="utf-8")
    git(root, "add", "story.md", "clean.md")
    (root / "draft.md").write_text("# Draft\n\n" + NEW_SLIP, encoding="utf-8")  # untracked
    result = run_lintnews("check", "--changed-since", "HEAD", "--format", "json", ".", cwd=root)
    assert result.returncode == 1, result.stderr
    found = {(f["path"], f["code"]) for f in json.loads(result.stdout)["findings"]}
    assert found == {("story.md", "LN101"), ("draft.md", "LN202")}
    clean = run_lintnews("check", "--changed-since", "HEAD", "clean.md", cwd=root)
    assert clean.returncode == 0, clean.stdout + clean.stderr
    bad = run_lintnews("check", "--changed-since", "no-such-branch", ".", cwd=root)
    assert bad.returncode == 2 and "no-such-branch" in bad.stderr
    assert "Traceback" not in bad.stderr


# A CMS export: each paragraph on one line. Three sentences: a loaded verb (LN202), a plain
# one, and a misnegation (LN101).
ONE_LINE_PARAGRAPH = ("The mayor slammed the plan on Monday. The council met for three hours "
                      "in the old hall. Its importance is impossible to understate, aides "
                      "said.\n")


@pytest.fixture
def cms_repo(repo: Path) -> Path:
    (repo / "articles" / "cms.md").write_text("# Vote\n\n" + ONE_LINE_PARAGRAPH + "\nEnd.\n",
                                              encoding="utf-8")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "cms export")
    return repo


def changed_findings(repo: Path, paragraph: str) -> list[tuple[str, int, int]]:
    article = repo / "articles" / "cms.md"
    article.write_text("# Vote\n\n" + paragraph + "\nEnd.\n", encoding="utf-8")
    result = run_lintnews("check", "--changed-since", "HEAD", "--format", "json", "articles/cms.md",
                          cwd=repo)
    assert result.returncode in (0, 1), result.stderr
    return [(f["code"], f["line"], f["column"]) for f in json.loads(result.stdout)["findings"]]


@pytest.mark.parametrize(("old", "new", "expected"), [
    # One word changed in the misnegation's sentence: only that sentence's finding.
    ("aides said", "officials said", [("LN101", 3, 106)]),
    # One word changed in the first sentence, or a word deleted from it.
    ("on Monday", "on Tuesday", [("LN202", 3, 11)]),
    ("the plan on Monday", "the plan", [("LN202", 3, 11)]),
    # A changed word in the sentence between them: neither old finding.
    ("three hours", "four hours", []),
    # A new flagged phrase in the middle sentence: only the new finding.
    ("in the old hall.", "in the old hall, and the chair slammed the delay.",
     [("LN202", 3, 102)]),
], ids=["changed-word", "other-sentence", "deleted-word", "no-finding", "new-phrase"])
def test_changed_lines_mode_reports_only_the_changed_sentences(
        cms_repo: Path, old: str, new: str, expected: list[tuple[str, int, int]]) -> None:
    assert old in ONE_LINE_PARAGRAPH
    assert changed_findings(cms_repo, ONE_LINE_PARAGRAPH.replace(old, new)) == expected


def test_rewrapping_a_paragraph_reports_nothing_old(cms_repo: Path) -> None:
    """Only line breaks changed: no word changed, so no finding is new."""
    wrapped = ONE_LINE_PARAGRAPH.replace(" The council", "\nThe council").replace(
        " Its", "\nIts")
    assert changed_findings(cms_repo, wrapped) == []
    # Every line of a pure addition is still new.
    added = ONE_LINE_PARAGRAPH + "\n" + ONE_LINE_PARAGRAPH
    assert changed_findings(cms_repo, added) == [("LN202", 5, 11), ("LN101", 5, 106)]


def test_diff_lines_that_look_like_file_headers_are_article_text() -> None:
    """An added line that begins "++ " or "-- " is text of the article, not a new file."""
    from lintnews.workflow.gitdiff import parse_diff

    diff = ("diff --git a/one.md b/one.md\n--- a/one.md\n+++ b/one.md\n"
            "@@ -2 +2 @@\n--- old rule\n+++ b/two.md is not a file name\n"
            "@@ -9,0 +10 @@\n+An added line.\n"
            "diff --git a/two.md b/two.md\n--- a/two.md\n+++ b/two.md\n"
            "@@ -1 +1 @@\n-Same start, old end.\n+Same start, new end.\n")
    changes = parse_diff(diff)
    assert set(changes) == {"one.md", "two.md"}
    assert changes["one.md"].lines == {2, 10}
    assert changes["two.md"].lines == {1}
    # Only "new" changed in two.md: a sentence there holding it is part of the change.
    assert changes["two.md"].regions == (((1, 13), (1, 16)),)
    assert changes["two.md"].keeps(range(1, 2), ((1, 1), (1, 21)))
    assert not changes["two.md"].keeps(range(1, 2), ((1, 1), (1, 12)))


def test_baseline_survives_edits_above_a_finding(repo: Path) -> None:
    written = run_lintnews("check", "--write-baseline", "lintnews-baseline.json", "articles",
                           cwd=repo)
    assert written.returncode == 0, written.stderr
    baseline = json.loads((repo / "lintnews-baseline.json").read_text(encoding="utf-8"))
    assert [e["code"] for e in baseline["entries"]] == ["LN101"]
    assert baseline["entries"][0]["path"] == "articles/budget.md"
    article = repo / "articles" / "budget.md"
    text = article.read_text(encoding="utf-8")
    article.write_text(text.replace("# Budget vote\n\n", "# Budget vote\n\nA new first "
                                    "paragraph.\n\nAnd another.\n\n"), encoding="utf-8")
    result = run_lintnews("check", "--baseline", "lintnews-baseline.json", "articles", cwd=repo)
    assert result.returncode == 0, result.stdout
    article.write_text(article.read_text(encoding="utf-8") + "\n" + NEW_SLIP, encoding="utf-8")
    result = run_lintnews("check", "--baseline", "lintnews-baseline.json", "--format", "json",
                          "articles", cwd=repo)
    assert result.returncode == 1 and codes(result) == ["LN202"]


def test_fixed_entries_leave_the_baseline_and_statistics_count_them(repo: Path) -> None:
    article = repo / "articles" / "budget.md"
    article.write_text(article.read_text(encoding="utf-8") + "\n" + NEW_SLIP, encoding="utf-8")
    run_lintnews("check", "--write-baseline", "b.json", "articles", cwd=repo)
    assert len(json.loads((repo / "b.json").read_text())["entries"]) == 2
    article.write_text(article.read_text(encoding="utf-8").replace(NEW_SLIP, ""), encoding="utf-8")
    stats = run_lintnews("check", "--baseline", "b.json", "--statistics", "articles", cwd=repo)
    assert "1 of 2 recorded findings remain; 1 have been fixed" in stats.stdout
    run_lintnews("check", "--write-baseline", "b.json", "articles", cwd=repo)
    entries = json.loads((repo / "b.json").read_text())["entries"]
    assert [e["code"] for e in entries] == ["LN101"]
    text = (repo / "b.json").read_text(encoding="utf-8")
    assert text.endswith("\n") and text == json.dumps(json.loads(text), indent=2,
                                                      ensure_ascii=False) + "\n"


def test_missing_or_corrupt_baseline_is_a_clear_error(repo: Path) -> None:
    result = run_lintnews("check", "--baseline", "nope.json", "articles", cwd=repo)
    assert result.returncode == 2 and "nope.json" in result.stderr
    (repo / "bad.json").write_text("{not json", encoding="utf-8")
    result = run_lintnews("check", "--baseline", "bad.json", "articles", cwd=repo)
    assert result.returncode == 2 and "bad.json" in result.stderr
    assert "Traceback" not in result.stderr


SAFE_RULES = [r for r in load_rules() if r.meta.fix_safe]


@pytest.mark.parametrize("rule", SAFE_RULES, ids=[r.meta.code for r in SAFE_RULES])
def test_every_safe_fix_changes_only_its_span(rule, tmp_path: Path) -> None:
    for example in rule.meta.bad_examples:
        text = "Intro line kept as is.\r\n" + example_text(example).replace("\n", "\r\n") + \
            "Tail line — kept, exactly.\r\n"
        source = SourceFile("a.txt", text)
        findings = lint_source(source, [rule], example_settings(rule)).findings
        edits = safe_edits(findings)
        assert edits, f"{rule.meta.code}: its bad example produced no safe fix"
        fixed = apply_edits(text, edits)
        # Everything outside the edited spans is byte-for-byte the same, in order.
        cursor_old = cursor_new = 0
        for start, end, replacement in edits:
            assert fixed[cursor_new: cursor_new + start - cursor_old] == text[cursor_old:start]
            cursor_new += start - cursor_old + len(replacement)
            cursor_old = end
        assert fixed[cursor_new:] == text[cursor_old:]
        again = lint_source(SourceFile("a.txt", fixed), [rule], example_settings(rule)).findings
        assert not safe_edits(again), f"{rule.meta.code}: a second --fix would change more"


def test_fix_writes_atomically_keeping_encoding_bom_endings_and_mode(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    body = ("Title\r\n\r\nIts effect is impossible to understate, due to the fact that it "
            "is big.\r\n")
    path.write_bytes(b"\xef\xbb\xbf" + body.encode("utf-8"))
    path.chmod(0o640)
    result = run_lintnews("check", "--fix", "a.md", cwd=tmp_path)
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and b"\r\n" in data and b"\n" not in \
        data.replace(b"\r\n", b"")
    assert "impossible to overstate" in data.decode("utf-8-sig")
    assert "because" in data.decode("utf-8-sig")
    assert (path.stat().st_mode & 0o777) == 0o640
    assert not list(tmp_path.glob(".a.md.*")), "no temporary file is left behind"
    assert result.returncode == 0, result.stdout + result.stderr
    again = path.read_bytes()
    run_lintnews("check", "--fix", "a.md", cwd=tmp_path)
    assert path.read_bytes() == again


def test_fix_diff_prints_a_unified_diff_and_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text("Title\n\nIt is impossible to understate.\n", encoding="utf-8")
    before = path.read_bytes()
    result = run_lintnews("check", "--fix", "--diff", "a.md", cwd=tmp_path)
    assert result.returncode == 1
    assert "--- a/a.md" in result.stdout and "+++ b/a.md" in result.stdout
    assert "+It is impossible to overstate." in result.stdout
    assert path.read_bytes() == before


def test_fix_never_touches_quotations(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    text = 'Title\n\n"Its effect is impossible to understate," the mayor said.\n'
    path.write_text(text, encoding="utf-8")
    run_lintnews("check", "--fix", "a.md", cwd=tmp_path)
    assert path.read_text(encoding="utf-8") == text


def test_a_line_separator_inside_an_article_line_does_not_shift_changed_lines(
        repo: Path) -> None:
    """U+2028 (or a form feed) inside a line is text to git, not a line break: the words
    after it on a changed line are where git says they are."""
    article = repo / "articles" / "budget.md"
    article.write_text("# Budget vote\n\nThe vote\u2028passed.\n\nThe council met.\n",
                       encoding="utf-8")
    git(repo, "commit", "-q", "-am", "separator")
    article.write_text("# Budget vote\n\nThe vote\u2028passed. " + NEW_SLIP
                       + "\nThe council met.\n", encoding="utf-8")
    result = run_lintnews("check", "--changed-since", "HEAD", "--format", "json", "articles",
                          cwd=repo)
    assert codes(result) == ["LN202"], result.stdout + result.stderr


def test_a_changed_file_git_takes_for_binary_is_linted_in_full(repo: Path) -> None:
    """A UTF-16 article without a byte-order mark: git shows no lines for it ("Binary files
    differ"), so all of it counts as changed rather than none of it."""
    article = repo / "articles" / "utf16.txt"
    article.write_bytes("Headline\n\nThe council met.\n".encode("utf-16-le"))
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "utf-16")
    article.write_bytes(("Headline\n\nThe council met.\n\n" + NEW_SLIP).encode("utf-16-le"))
    result = run_lintnews("check", "--changed-since", "HEAD", "--format", "json",
                          "articles/utf16.txt", cwd=repo)
    assert codes(result) == ["LN202"], result.stdout + result.stderr


def test_fix_and_write_baseline_together_is_a_usage_error(repo: Path) -> None:
    """--write-baseline records findings and would skip the fix (and, with '-', print its
    message where an editor expects the fixed text): refused, nothing written."""
    article = repo / "articles" / "budget.md"
    before = article.read_bytes()
    result = run_lintnews("check", "--fix", "--write-baseline", "b.json", "articles", cwd=repo)
    assert result.returncode == 2 and "--write-baseline" in result.stderr
    assert article.read_bytes() == before and not (repo / "b.json").exists()
    piped = run_lintnews("check", "--fix", "--write-baseline", "b.json", "-", cwd=repo,
                         stdin=OLD_SLIP)
    assert piped.returncode == 2 and piped.stdout == ""
