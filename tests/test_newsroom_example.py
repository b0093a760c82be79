"""The newsroom adoption guide: README's "Adopting lintnews in a newsroom", examples/newsroom
and the GitHub Action in action.yml.

- Every command of the README section runs, in order, in a fresh git-less copy of
  examples/newsroom (its first block makes the copy a repository), with the exit code the
  README gives in a trailing `# exit N` comment (0 when there is none), and what each step
  claims to do is checked after it ran. `pip install` and `pre-commit` lines are required
  to be there but are not run (they need the network and a hook environment); the
  pre-commit set-up is run as written by tests/test_precommit.py.
- The example's config is valid, excludes the archive, ignores loaded language in opinion
  columns and turns every house-vocabulary entry into an LN504 with the preferred term.
- action.yml is a composite action with the documented inputs; its shell steps are run with
  bash against a real repository with an `origin` remote, as the runner would run them.
- The committed baseline is exactly what `--write-baseline` writes today.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from helpers import run_lintnews

from lintnews import __version__

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib

# Slow (~10 s: the README walkthrough, command by command): default Python only (.ci/run).
pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "newsroom"
README = ROOT / "README.md"
ACTION = ROOT / "action.yml"
SECTION_TITLE = "## Adopting lintnews in a newsroom"
NOT_RUN = ("pip install", "pre-commit autoupdate", "pre-commit install")
REPOSITORY = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))[
    "project"]["urls"]["Repository"]

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


# --- helpers -------------------------------------------------------------------------------

def readme_section() -> str:
    text = README.read_text(encoding="utf-8")
    start = text.index(SECTION_TITLE)
    end = text.find("\n## ", start + len(SECTION_TITLE))
    return text[start: end if end != -1 else len(text)]


def code_blocks(section: str, languages: tuple[str, ...]) -> list[str]:
    return [m.group(2) for m in re.finditer(r"^```(\w*)\n(.*?)^```", section, re.S | re.M)
            if m.group(1) in languages]


def section_commands() -> list[str]:
    commands = []
    for block in code_blocks(readme_section(), ("sh", "console")):
        for line in block.splitlines():
            line = line.strip()
            if line and not line.startswith("#"):
                commands.append(line)
    return commands


def expected_exit(command: str) -> int:
    m = re.search(r"#\s*exit\s+(\d+)", command)
    return int(m.group(1)) if m else 0


def clean_env(home: Path) -> dict[str, str]:
    """No git or lintnews settings from the user, the system or an enclosing git hook."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "LINTNEWS"))}
    env.update({
        "HOME": str(home),
        "LINTNEWS_CACHE_DIR": os.environ["LINTNEWS_CACHE_DIR"],  # the suite's, not ~/.cache
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": "Desk", "GIT_AUTHOR_EMAIL": "desk@example.org",
        "GIT_COMMITTER_NAME": "Desk", "GIT_COMMITTER_EMAIL": "desk@example.org",
        "PYTHONIOENCODING": "utf-8",
    })
    return env


def shell(command: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    if command.startswith("lintnews "):
        command = f"{shlex.quote(sys.executable)} -m lintnews {command[len('lintnews '):]}"
    return subprocess.run(command, shell=True, cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=120)


def git(cwd: Path, env: dict[str, str], *args: str) -> str:
    result = subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 0, f"git {' '.join(args)}: {result.stderr}"
    return result.stdout


def findings(result: subprocess.CompletedProcess[str]) -> list[dict]:
    return json.loads(result.stdout)["findings"]


def copy_example(tmp_path: Path) -> Path:
    target = tmp_path / "newsroom"
    shutil.copytree(EXAMPLE, target, ignore=shutil.ignore_patterns("*.sarif", "__pycache__"))
    return target


# --- (a) the README walkthrough, command by command ---------------------------------------

class Walkthrough:
    """What each README step claims, checked after the step ran."""

    def __init__(self, repo: Path, env: dict[str, str]) -> None:
        self.repo = repo
        self.env = env
        self.commits = 0
        self.baselines: list[list[dict]] = []
        self.budget = repo / "articles" / "2026" / "11" / "council-budget.md"
        self.hours = repo / "articles" / "2026" / "11" / "library-hours.md"

    def current_findings(self) -> set[tuple[str, str]]:
        result = run_lintnews("check", "--format", "json", "articles", cwd=self.repo, env=self.env)
        return {(f["path"], f["code"]) for f in findings(result)}

    def git_commit(self, result: subprocess.CompletedProcess[str]) -> None:
        count = int(git(self.repo, self.env, "rev-list", "--count", "HEAD"))
        assert count == self.commits + 1, "the commit was not made"
        self.commits = count

    def version(self, result: subprocess.CompletedProcess[str]) -> None:
        assert re.search(r"\d+\.\d+", result.stdout)

    def first_run(self, result: subprocess.CompletedProcess[str]) -> None:
        found = {line.split(": ")[1].split()[0] for line in result.stdout.splitlines()
                 if line.startswith("articles/2026/11/council-budget.md:")}
        assert found == {"LN101", "LN301", "LN504"}, result.stdout
        assert "library-hours.md" not in result.stdout  # the clean story is clean
        assert "opinion" not in result.stdout  # loaded language is allowed in columns

    def write_baseline(self, result: subprocess.CompletedProcess[str]) -> None:
        data = json.loads((self.repo / "lintnews-baseline.json").read_text(encoding="utf-8"))
        recorded = {(e["path"], e["code"]) for e in data["entries"]}
        assert recorded == self.current_findings()
        if not self.baselines:  # the first time: what examples/newsroom commits
            committed = json.loads((EXAMPLE / "lintnews-baseline.json").read_text("utf-8"))
            assert data == committed
        self.baselines.append(data["entries"])

    def with_baseline(self, result: subprocess.CompletedProcess[str]) -> None:
        assert "Found 0 problems" in result.stdout, result.stdout

    def archive(self, result: subprocess.CompletedProcess[str]) -> None:
        assert "in 0 files" in result.stdout, result.stdout

    def new_slip(self, result: subprocess.CompletedProcess[str]) -> None:
        assert "utilise the delay" in self.hours.read_text(encoding="utf-8")

    def hook_check(self, result: subprocess.CompletedProcess[str]) -> None:
        lines = [line for line in result.stdout.splitlines() if ": LN" in line]
        assert len(lines) == 1 and lines[0].startswith(
            "articles/2026/11/library-hours.md:23:16: LN504 "), result.stdout

    def github(self, result: subprocess.CompletedProcess[str]) -> None:
        lines = result.stdout.splitlines()
        assert lines and all(line.startswith("::") for line in lines), result.stdout
        assert lines == [line for line in lines if "library-hours.md" in line]
        assert lines[0].startswith("::warning file=articles/2026/11/library-hours.md,line=23,")
        assert "title=LN504" in lines[0]

    def sarif(self, result: subprocess.CompletedProcess[str]) -> None:
        log = json.loads((self.repo / "lintnews.sarif").read_text(encoding="utf-8"))
        assert log["version"] == "2.1.0"
        results = log["runs"][0]["results"]
        assert [r["ruleId"] for r in results] == ["LN504"]
        location = results[0]["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uri"].endswith("articles/2026/11/library-hours.md")
        assert "lintnews.sarif" not in git(self.repo, self.env, "status", "--porcelain")

    def fix_diff(self, result: subprocess.CompletedProcess[str]) -> None:
        out = result.stdout
        assert "+++ b/articles/2026/11/council-budget.md" in out
        assert "-The council also renewed the city's twinning agreement with Kiev," in out
        assert "+The council also renewed the city's twinning agreement with Kyiv," in out
        assert "+The board will use the delay" in out
        assert "Kiev" in self.budget.read_text(encoding="utf-8")  # nothing written
        assert "utilise" in self.hours.read_text(encoding="utf-8")

    def fix(self, result: subprocess.CompletedProcess[str]) -> None:
        budget = self.budget.read_text(encoding="utf-8")
        assert "Kyiv" in budget and "Kiev" not in budget
        assert "impossible to overstate" in budget
        assert "Critics argue" in budget  # not a safe fix: left for an editor
        assert "use the delay" in self.hours.read_text(encoding="utf-8")
        assert "Fixed 3 problems" in result.stderr
        assert self.current_findings() == {("articles/2026/11/council-budget.md", "LN301")}

    def gate_passes(self, result: subprocess.CompletedProcess[str]) -> None:
        assert "Found 0 problems" in result.stdout, result.stdout

    def statistics(self, result: subprocess.CompletedProcess[str]) -> None:
        assert re.search(r"^\s*1\s+LN301\s+weasel-attribution", result.stdout, re.M)
        assert "LN504" not in result.stdout and "LN101" not in result.stdout
        assert "words per sentence" in result.stdout


CHECKS: list[tuple[str, Callable[[Walkthrough, subprocess.CompletedProcess[str]], None]]] = [
    (r"^git commit ", Walkthrough.git_commit),
    (r"^lintnews --version$", Walkthrough.version),
    (r"^lintnews check articles\b", Walkthrough.first_run),
    (r"^lintnews check --write-baseline lintnews-baseline\.json articles",
     Walkthrough.write_baseline),
    (r"^lintnews check --baseline lintnews-baseline\.json articles", Walkthrough.with_baseline),
    (r"^lintnews check archive/", Walkthrough.archive),
    (r"^printf .*>> articles/2026/11/library-hours\.md", Walkthrough.new_slip),
    (r"^lintnews check --changed-since HEAD ", Walkthrough.hook_check),
    (r"--format github", Walkthrough.github),
    (r"--format sarif articles > lintnews\.sarif", Walkthrough.sarif),
    (r"^lintnews check --fix --diff ", Walkthrough.fix_diff),
    (r"^lintnews check --fix articles", Walkthrough.fix),
    (r"^lintnews check --changed-since main --baseline lintnews-baseline\.json articles",
     Walkthrough.gate_passes),
    (r"^lintnews check --statistics ", Walkthrough.statistics),
]


def test_readme_section_exists_and_is_linked_from_quick_start() -> None:
    text = README.read_text(encoding="utf-8")
    assert text.index(SECTION_TITLE) > text.index("## pre-commit")
    assert "(#adopting-lintnews-in-a-newsroom)" in text


def test_readme_shows_the_install_steps_that_are_not_run() -> None:
    commands = section_commands()
    for prefix in NOT_RUN:
        assert any(c.startswith(prefix) for c in commands), prefix
    # lintnews is not on PyPI yet: it is installed from its repository.
    assert f'pip install "lintnews @ git+{REPOSITORY}"' in commands
    assert f"pre-commit autoupdate --freeze --repo {REPOSITORY}" in commands
    assert "pre-commit install" in commands


def test_readme_yaml_is_the_example_files() -> None:
    """The YAML the section shows is what examples/newsroom commits (comments aside)."""
    shown = [yaml.safe_load(block) for block in code_blocks(readme_section(), ("yaml",))]
    for name in (".pre-commit-config.yaml", ".github/workflows/lintnews.yml"):
        assert yaml.safe_load((EXAMPLE / name).read_text(encoding="utf-8")) in shown, name


@needs_git
def test_readme_walkthrough_runs_as_documented(tmp_path: Path) -> None:
    repo = copy_example(tmp_path)
    env = clean_env(tmp_path)
    walk = Walkthrough(repo, env)
    commands = section_commands()
    used: set[str] = set()
    run = 0
    for command in commands:
        if command.startswith(NOT_RUN):
            continue
        result = shell(command, repo, env)
        run += 1
        want = expected_exit(command)
        assert result.returncode == want, (
            f"{command!r} exited {result.returncode}, README says {want}\n"
            f"stdout:\n{result.stdout}\nstderr:\n{result.stderr}")
        for pattern, check in CHECKS:
            if re.search(pattern, command):
                check(walk, result)
                used.add(pattern)
    assert run >= 15
    assert used == {pattern for pattern, _ in CHECKS}, "a documented step is missing"
    # The baseline shrank as old problems were fixed, to the one that needs an editor.
    assert len(walk.baselines) == 2
    assert [e["code"] for e in walk.baselines[-1]] == ["LN301"]
    assert len(walk.baselines[0]) == 3
    assert git(repo, env, "status", "--porcelain", "--untracked-files=no") == ""


# --- (b) the example's config ------------------------------------------------------------

def test_example_config_is_valid_and_lints_the_articles() -> None:
    result = run_lintnews("check", "--format", "json", "--fail-on", "never", cwd=EXAMPLE)
    assert result.returncode == 0, result.stderr
    paths = {f["path"] for f in findings(result)}
    assert paths == {"articles/2026/11/council-budget.md"}
    assert json.loads(result.stdout)["summary"]


def test_archive_is_excluded_but_full_of_problems(tmp_path: Path) -> None:
    article = EXAMPLE / "archive" / "2019" / "03" / "bridge-vote.md"
    named = run_lintnews("check", "--format", "json", "archive/2019/03/bridge-vote.md", cwd=EXAMPLE)
    assert named.returncode == 0 and findings(named) == [], named.stdout + named.stderr
    everything = run_lintnews("check", "--format", "json", "--fail-on", "never", ".", cwd=EXAMPLE)
    assert not any(f["path"].startswith("archive") for f in findings(everything))
    # Without the newsroom's config the same article has plenty to say.
    (tmp_path / "lintnews.toml").write_text("", encoding="utf-8")
    shutil.copy(article, tmp_path / "bridge-vote.md")
    alone = run_lintnews("check", "--format", "json", "bridge-vote.md", cwd=tmp_path)
    assert alone.returncode == 1
    assert len({f["code"] for f in findings(alone)}) >= 6


def test_opinion_columns_may_use_loaded_language(tmp_path: Path) -> None:
    column = "articles/opinion/2026/11/keep-the-branches-open.md"
    result = run_lintnews("check", "--format", "json", column, cwd=EXAMPLE)
    assert result.returncode == 0 and findings(result) == []
    (tmp_path / "plain.toml").write_text("", encoding="utf-8")
    without = run_lintnews("check", "--format", "json", "--config", str(tmp_path / "plain.toml"),
                           column, cwd=EXAMPLE)
    assert {f["category"] for f in findings(without)} == {"loaded-language"}


def test_every_house_vocabulary_entry_is_an_ln504_with_the_preferred_term() -> None:
    config = tomllib.loads((EXAMPLE / "lintnews.toml").read_text(encoding="utf-8"))
    reject = config["vocabulary"]["reject"]
    assert reject["Kiev"] == "Kyiv" and reject["utilise"] == "use" and len(reject) >= 4
    terms = list(reject.items())
    text = "".join(f"Paragraph {i}: the officials mentioned {term} on Tuesday.\n\n"
                   for i, (term, _) in enumerate(terms))
    result = run_lintnews("check", "--format", "json", "--stdin-filename", "articles/draft.md", "-",
                          cwd=EXAMPLE, stdin=text)
    assert result.returncode == 1, result.stderr
    got = [(f["line"], f["suggestions"]) for f in findings(result) if f["code"] == "LN504"]
    assert got == [(1 + 2 * i, [preferred]) for i, (_, preferred) in enumerate(terms)]


# --- (c) the action, the workflow and the hook config -------------------------------------

def load_action() -> dict:
    return yaml.safe_load(ACTION.read_text(encoding="utf-8"))


def test_action_is_a_composite_action_with_documented_inputs() -> None:
    action = load_action()
    assert action["runs"]["using"] == "composite"
    inputs = action["inputs"]
    assert inputs["fail-on"]["default"] == "warning"
    for name in ("fail-on", "paths", "changed-lines-only", "baseline", "python-version",
                 "version", "sarif"):
        assert inputs[name]["description"].strip(), name
    assert inputs["paths"]["default"] == "."
    assert inputs["changed-lines-only"]["default"] == "true"
    assert inputs["sarif"]["default"] == "true"
    assert inputs["python-version"]["default"] == "3.12"
    assert "sarif-file" in action["outputs"]
    readme = readme_section()
    for name in inputs:
        assert f"| `{name}` |" in readme, f"input {name} is not in the README's table"

    steps = action["runs"]["steps"]
    uses = [s.get("uses", "") for s in steps]
    assert "actions/setup-python@v5" in uses
    scripts = "\n".join(s.get("run", "") for s in steps)
    for s in steps:
        if "run" in s:
            assert s["shell"] == "bash" and s["run"].startswith("set -euo pipefail\n")
            assert "${{" not in s["run"], "inputs reach the shell through env only"
    assert "--format github" in scripts and "--format sarif" in scripts
    assert "--diff-filter=ACMR" in scripts and "--changed-since" in scripts
    assert "git fetch --no-tags --depth=1 origin" in scripts
    install = next(s for s in steps if "pip install" in s.get("run", ""))
    assert install["env"]["ACTION_PATH"] == "${{ github.action_path }}"
    assert '"lintnews==$LINTNEWS_VERSION"' in install["run"]
    upload = next(s for s in steps if s.get("uses", "").startswith("github/codeql-action/"))
    assert upload["uses"] == "github/codeql-action/upload-sarif@v3"
    assert "always()" in upload["if"] and "inputs.sarif == 'true'" in upload["if"]
    assert upload["with"]["sarif_file"] == "${{ steps.lint.outputs.sarif-file }}"


def test_example_workflow_uses_the_action() -> None:
    workflow = yaml.safe_load((EXAMPLE / ".github/workflows/lintnews.yml").read_text("utf-8"))
    assert workflow["permissions"] == {"contents": "read", "security-events": "write",
                                       "pull-requests": "read"}
    on = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as true
    assert "pull_request" in on
    steps = workflow["jobs"]["lintnews"]["steps"]
    checkout = next(s for s in steps if s["uses"].startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0
    action = REPOSITORY.removeprefix("https://github.com/")
    lint = next(s for s in steps if s["uses"] == f"{action}@v{__version__}")
    assert set(lint["with"]) <= set(load_action()["inputs"])
    assert lint["with"]["fail-on"] == "warning"
    assert (EXAMPLE / lint["with"]["baseline"]).is_file()


def test_example_pre_commit_config_uses_the_hook_on_changed_lines() -> None:
    config = yaml.safe_load((EXAMPLE / ".pre-commit-config.yaml").read_text("utf-8"))
    [repo] = config["repos"]
    # `rev: main` is what the README has the newsroom pin with `pre-commit autoupdate
    # --freeze`; tests/test_precommit.py runs exactly that.
    assert repo["repo"] == REPOSITORY and repo["rev"] == "main"
    [hook] = repo["hooks"]
    assert hook["id"] == "lintnews"
    assert hook["args"] == ["--changed-since", "HEAD"]
    manifest = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))
    assert any(h["id"] == "lintnews" for h in manifest)


# The action's shell steps, run as the runner runs them: bash, GITHUB_OUTPUT, RUNNER_TEMP and
# the step's env, in a pull request's checkout whose `origin` is a real repository.

needs_bash = pytest.mark.skipif(shutil.which("bash") is None, reason="bash is not installed")


class FakeRunner:
    def __init__(self, tmp_path: Path, repo: Path, env: dict[str, str]) -> None:
        self.repo = repo
        self.temp = tmp_path / "runner-temp"
        self.temp.mkdir()
        bin_dir = tmp_path / "bin"
        bin_dir.mkdir()
        shim = bin_dir / "lintnews"
        shim.write_text(f"#!/bin/sh\nexec {shlex.quote(sys.executable)} -m lintnews \"$@\"\n",
                        encoding="utf-8")
        shim.chmod(0o755)
        self.env = dict(env, PATH=f"{bin_dir}{os.pathsep}{env['PATH']}",
                        RUNNER_TEMP=str(self.temp))
        self.steps = {s.get("id"): s for s in load_action()["runs"]["steps"]}
        self.outputs: dict[str, dict[str, str]] = {}

    def run(self, step_id: str, inputs: dict[str, str], base_ref: str = "main"
            ) -> subprocess.CompletedProcess[str]:
        step = self.steps[step_id]
        output = self.temp / f"output-{step_id}"
        output.write_text("", encoding="utf-8")
        context = {"github.base_ref": base_ref, **{f"inputs.{k}": v for k, v in inputs.items()}}
        for sid, values in self.outputs.items():
            context.update({f"steps.{sid}.outputs.{k}": v for k, v in values.items()})
        env = dict(self.env, GITHUB_OUTPUT=str(output))
        for key, value in step.get("env", {}).items():
            env[key] = re.sub(r"\$\{\{\s*([\w.-]+)\s*\}\}",
                              lambda m: context.get(m.group(1), ""), value)
        result = subprocess.run(["bash", "-e", "-c", step["run"]], cwd=self.repo, env=env,
                                capture_output=True, text=True, timeout=120)
        self.outputs[step_id] = dict(line.split("=", 1) for line in
                                     output.read_text(encoding="utf-8").splitlines() if line)
        return result


ACTION_DEFAULTS = {"fail-on": "warning", "paths": ".", "changed-lines-only": "true",
                   "baseline": "", "sarif": "true"}


@pytest.fixture
def pull_request(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """An `origin` with main (the example newsroom), and a clone on a pull request's branch
    that adds a slip to one story and a clean new story, with only HEAD fetched (like
    actions/checkout's default depth of 1)."""
    env = clean_env(tmp_path)
    origin = copy_example(tmp_path)
    git(origin, env, "init", "-q", "-b", "main")
    git(origin, env, "add", ".")
    git(origin, env, "commit", "-q", "-m", "newsroom")
    clone = tmp_path / "checkout"
    git(tmp_path, env, "clone", "-q", "--no-local", str(origin), str(clone))
    git(clone, env, "switch", "-q", "-c", "story")
    hours = clone / "articles" / "2026" / "11" / "library-hours.md"
    hours.write_text(hours.read_text(encoding="utf-8")
                     + "\nThe board will utilise the delay to survey readers.\n", "utf-8")
    (clone / "articles" / "2026" / "11" / "new story.md").write_text(
        "# Bridge reopens\n\nThe bridge reopened on Monday, the city said.\n", "utf-8")
    (clone / "notes.yaml").write_text("not: an article\n", "utf-8")
    git(clone, env, "add", ".")
    git(clone, env, "commit", "-q", "-m", "story")
    git(clone, env, "update-ref", "-d", "refs/remotes/origin/main")  # the action fetches it
    return clone, env


@needs_git
@needs_bash
def test_action_lints_the_changed_lines_of_a_pull_request(
        tmp_path: Path, pull_request: tuple[Path, dict[str, str]]) -> None:
    clone, env = pull_request
    runner = FakeRunner(tmp_path, clone, env)
    inputs = dict(ACTION_DEFAULTS, baseline="lintnews-baseline.json")
    found = runner.run("files", inputs)
    assert found.returncode == 0, found.stderr
    assert runner.outputs["files"]["count"] == "2"  # the changed .md files, not notes.yaml
    git(clone, env, "rev-parse", "--verify", "refs/remotes/origin/main")  # fetched by the step
    listed = Path(runner.outputs["files"]["list"]).read_bytes().split(b"\0")
    assert sorted(listed) == [b"", b"articles/2026/11/library-hours.md",
                              b"articles/2026/11/new story.md"]

    lint = runner.run("lint", inputs)
    assert lint.returncode == 1, lint.stdout + lint.stderr  # fail-on warning: a new warning
    annotations = [line for line in lint.stdout.splitlines() if line.startswith("::")]
    assert len(annotations) == 1 and "title=LN504" in annotations[0]
    assert "file=articles/2026/11/library-hours.md" in annotations[0]
    sarif_file = Path(runner.outputs["lint"]["sarif-file"])
    log = json.loads(sarif_file.read_text(encoding="utf-8"))
    assert [r["ruleId"] for r in log["runs"][0]["results"]] == ["LN504"]

    relaxed = runner.run("lint", dict(inputs, **{"fail-on": "never"}))
    assert relaxed.returncode == 0 and "title=LN504" in relaxed.stdout

    # Every finding in the changed files, without the baseline: the old story is not changed,
    # so it is still not linted; only the lines rule is lifted.
    whole = runner.run("lint", dict(inputs, **{"changed-lines-only": "false", "sarif": "false"}))
    assert whole.returncode == 1
    assert runner.outputs["lint"]["sarif-file"] == ""
    assert "council-budget" not in whole.stdout


@needs_git
@needs_bash
def test_action_lints_every_article_outside_pull_requests(
        tmp_path: Path, pull_request: tuple[Path, dict[str, str]]) -> None:
    clone, env = pull_request
    runner = FakeRunner(tmp_path, clone, env)
    inputs = dict(ACTION_DEFAULTS, paths="articles/2026", baseline="lintnews-baseline.json")
    found = runner.run("files", inputs, base_ref="")  # a push: no base branch
    assert found.returncode == 0, found.stderr
    assert "::notice title=lintnews::Not a pull request" in found.stdout
    assert runner.outputs["files"]["count"] == "3"  # not the opinion column: not under paths
    lint = runner.run("lint", inputs, base_ref="")
    assert lint.returncode == 1
    # Whole files, so the baseline is what keeps the old findings of council-budget.md out.
    assert [line.split(",")[0] for line in lint.stdout.splitlines() if line.startswith("::")] \
        == ["::warning file=articles/2026/11/library-hours.md"]


@needs_git
@needs_bash
def test_action_passes_with_a_notice_when_no_article_changed(
        tmp_path: Path, pull_request: tuple[Path, dict[str, str]]) -> None:
    clone, env = pull_request
    runner = FakeRunner(tmp_path, clone, env)
    inputs = dict(ACTION_DEFAULTS, paths="opinion/**\narchive-not-here")
    found = runner.run("files", inputs)
    assert found.returncode == 0, found.stderr
    assert runner.outputs["files"]["count"] == "0"
    assert "::notice title=lintnews::No changed article files" in found.stdout
    lint = runner.run("lint", inputs)
    assert lint.returncode == 0, lint.stderr
    log = json.loads(Path(runner.outputs["lint"]["sarif-file"]).read_text(encoding="utf-8"))
    assert log["runs"][0]["results"] == []


# --- (d) the committed baseline is current ------------------------------------------------

def test_committed_baseline_is_what_write_baseline_writes_today(tmp_path: Path) -> None:
    copy = copy_example(tmp_path)
    (copy / "lintnews-baseline.json").unlink()
    result = run_lintnews("check", "--write-baseline", "lintnews-baseline.json", "articles",
                          cwd=copy)
    assert result.returncode == 0, result.stderr
    fresh = (copy / "lintnews-baseline.json").read_text(encoding="utf-8")
    committed = (EXAMPLE / "lintnews-baseline.json").read_text(encoding="utf-8")
    assert fresh == committed, (
        "examples/newsroom/lintnews-baseline.json is stale; regenerate it with\n"
        "  cd examples/newsroom && lintnews check --write-baseline lintnews-baseline.json "
        "articles")
