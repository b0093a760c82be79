"""lintnews as a pre-commit hook, driven through the real pre-commit framework.

pre-commit clones a hook repository at a fixed revision and pip-installs it into an
environment of its own, so it only ever sees committed files. To test the working tree as it
is now (including an uncommitted .pre-commit-hooks.yaml), the checkout's files are copied to a
temporary folder and committed there, and the consumer repository points at that copy.

The hook environment is built once per module (a shared PRE_COMMIT_HOME); it needs pip to
reach PyPI for lintnews's dependencies and the hatchling build backend.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

CHECKOUT = Path(__file__).resolve().parents[1]
FLAWED = "# Talks\n\nThe implications are impossible to understate.\n"
CLEAN = "The council met on Tuesday. It approved the budget.\n"

if shutil.which("git") is None:
    pytest.skip("git is not installed; pre-commit needs it", allow_module_level=True)


def _git_env(home: Path, pre_commit_home: Path) -> dict[str, str]:
    """An environment that isolates git from the user's and system config and from any git
    repository this test run itself may be running inside (e.g. from a hook)."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("GIT_", "PRE_COMMIT", "LINTNEWS"))}
    gitconfig = home / "gitconfig"
    if not gitconfig.exists():
        gitconfig.write_text(
            "[user]\n\tname = lintnews tests\n\temail = tests@lintnews.invalid\n"
            "[commit]\n\tgpgsign = false\n"
            "[init]\n\tdefaultBranch = main\n"
            "[protocol \"file\"]\n\tallow = always\n",
            encoding="utf-8",
        )
    env.update({
        "GIT_CONFIG_GLOBAL": str(gitconfig),
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": "lintnews tests",
        "GIT_AUTHOR_EMAIL": "tests@lintnews.invalid",
        "GIT_COMMITTER_NAME": "lintnews tests",
        "GIT_COMMITTER_EMAIL": "tests@lintnews.invalid",
        "PRE_COMMIT_HOME": str(pre_commit_home),
        "LINTNEWS_CACHE_DIR": os.environ["LINTNEWS_CACHE_DIR"],  # the suite's, not ~/.cache
        "PRE_COMMIT_COLOR": "never",
        "PIP_DISABLE_PIP_VERSION_CHECK": "1",
        "PYTHONIOENCODING": "utf-8",
    })
    return env


def _run(args: list[str], cwd: Path, env: dict[str, str],
         timeout: float = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=timeout)


def _git(cwd: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    proc = _run(["git", *args], cwd, env)
    assert proc.returncode == 0, f"git {' '.join(args)} failed:\n{proc.stdout}\n{proc.stderr}"
    return proc


def _working_tree_files() -> list[str]:
    """Tracked and untracked-but-not-ignored files of the checkout, as they are on disk."""
    proc = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=CHECKOUT, capture_output=True, check=True,
    )
    names = sorted({n for n in proc.stdout.decode("utf-8").split("\0") if n})
    return [n for n in names if (CHECKOUT / n).is_file()]


class HookSetup:
    def __init__(self, root: Path, hook_repo: Path, rev: str, env: dict[str, str]) -> None:
        self.root, self.hook_repo, self.rev, self.env = root, hook_repo, rev, env
        self._count = 0

    def config(self, args: list[str] | None = None) -> str:
        extra = f"        args: [{', '.join(args)}]\n" if args else ""
        return (
            "repos:\n"
            f"  - repo: {self.hook_repo.as_posix()}\n"
            f"    rev: {self.rev}\n"
            "    hooks:\n"
            "      - id: lintnews\n" + extra
        )

    def new_repo(self, args: list[str] | None = None) -> Path:
        """A fresh consumer repository with the hook installed as its git pre-commit hook."""
        self._count += 1
        repo = self.root / f"consumer-{self._count}"
        repo.mkdir()
        _git(repo, self.env, "init", "-q")
        (repo / ".pre-commit-config.yaml").write_text(self.config(args), encoding="utf-8")
        proc = _run([sys.executable, "-m", "pre_commit", "install"], repo, self.env)
        assert proc.returncode == 0, f"pre-commit install failed:\n{proc.stdout}\n{proc.stderr}"
        return repo

    def commit(self, repo: Path, files: dict[str, str]) -> subprocess.CompletedProcess[str]:
        for name, text in files.items():
            (repo / name).write_text(text, encoding="utf-8")
        _git(repo, self.env, "add", "--all")
        return _run(["git", "commit", "-m", "add article"], repo, self.env)


def _has_commit(repo: Path, env: dict[str, str]) -> bool:
    return _run(["git", "rev-parse", "--verify", "-q", "HEAD"], repo, env).returncode == 0


@pytest.fixture(scope="module")
def hook(tmp_path_factory: pytest.TempPathFactory) -> HookSetup:
    root = tmp_path_factory.mktemp("precommit")
    env = _git_env(root, root / "pre-commit-home")

    # The hook repository: a committed copy of the current working tree.
    hook_repo = root / "lintnews-hook-repo"
    files = _working_tree_files()
    assert ".pre-commit-hooks.yaml" in files, "the checkout has no .pre-commit-hooks.yaml"
    for name in files:
        target = hook_repo / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(CHECKOUT / name, target)
    _git(hook_repo, env, "init", "-q")
    _git(hook_repo, env, "add", "--all")
    _git(hook_repo, env, "commit", "-q", "--no-verify", "-m", "lintnews working tree")
    rev = _git(hook_repo, env, "rev-parse", "HEAD").stdout.strip()

    setup = HookSetup(root, hook_repo, rev, env)
    # Build the hook environment once (clone + pip install), so each test only commits.
    repo = setup.new_repo()
    proc = _run([sys.executable, "-m", "pre_commit", "install-hooks"], repo, env, timeout=600)
    assert proc.returncode == 0, (
        f"pre-commit could not build the lintnews hook environment:\n{proc.stdout}\n{proc.stderr}")
    return setup


def test_flawed_markdown_article_blocks_the_commit(hook: HookSetup) -> None:
    repo = hook.new_repo()
    proc = hook.commit(repo, {"article.md": FLAWED})
    output = proc.stdout + proc.stderr
    assert proc.returncode != 0, f"commit was not blocked:\n{output}"
    assert "LN101" in output
    assert "article.md:3:" in output
    assert "Failed" in output
    assert not _has_commit(repo, hook.env)


def test_flawed_plain_text_article_blocks_the_commit(hook: HookSetup) -> None:
    repo = hook.new_repo()
    proc = hook.commit(repo, {"article.txt": FLAWED})
    output = proc.stdout + proc.stderr
    assert proc.returncode != 0, f"commit was not blocked:\n{output}"
    assert "LN101" in output
    assert "article.txt:" in output
    assert not _has_commit(repo, hook.env)


def test_clean_article_is_committed(hook: HookSetup) -> None:
    repo = hook.new_repo()
    proc = hook.commit(repo, {"article.md": CLEAN, "notes.txt": CLEAN})
    output = proc.stdout + proc.stderr
    assert proc.returncode == 0, f"clean commit was blocked:\n{output}"
    # The hook really ran on the article (it was not skipped for want of files).
    assert any(line.startswith("lintnews") and line.rstrip().endswith("Passed")
               for line in output.splitlines()), output
    assert _has_commit(repo, hook.env)


def test_source_code_is_not_linted_as_an_article(hook: HookSetup) -> None:
    """Only Markdown and plain-text files are passed, not every text file."""
    repo = hook.new_repo()
    proc = hook.commit(repo, {
        "script.py": f"# {FLAWED.splitlines()[-1]}\nprint('hi')\n",
        "settings.yaml": f"note: {FLAWED.splitlines()[-1]}\n",
    })
    output = proc.stdout + proc.stderr
    assert proc.returncode == 0, f"non-article files were linted:\n{output}"
    assert "LN101" not in output
    assert _has_commit(repo, hook.env)


def test_hook_on_staged_changes_only(hook: HookSetup) -> None:
    """With --changed-since HEAD, an old slip already in the file does not block a commit;
    a new slip in the staged lines does."""
    repo = hook.new_repo(["--changed-since", "HEAD"])
    old = "# Budget\n\nIts importance is impossible to understate.\n"
    (repo / "story.md").write_text(old, encoding="utf-8")
    _git(repo, hook.env, "add", "--all")
    _git(repo, hook.env, "commit", "-q", "--no-verify", "-m", "old article")

    clean_edit = hook.commit(repo, {"story.md": old + "\nThe council met on Tuesday.\n"})
    assert clean_edit.returncode == 0, clean_edit.stdout + clean_edit.stderr

    flawed_edit = hook.commit(repo, {"story.md": old + "\nThe council met on Tuesday.\n"
                                     "\nThe mayor slammed the plan.\n"})
    assert flawed_edit.returncode != 0
    output = flawed_edit.stdout + flawed_edit.stderr
    assert "LN202" in output and "LN101" not in output
