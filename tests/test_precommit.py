"""lintnews as a pre-commit hook, driven through the real pre-commit framework.

pre-commit clones a hook repository at a fixed revision and pip-installs it into an
environment of its own, so it only ever sees committed files. To test the working tree as it
is now (including an uncommitted .pre-commit-hooks.yaml), the checkout's files are copied to a
temporary folder and committed there, and the consumer repository points at that copy.

Every pre-commit set-up the README shows is run as written: its YAML block and the
`pre-commit` commands of the shell block after it, with the project's repository URL (from
pyproject.toml) replaced by that copy; nothing else is changed.

The hook environment is built once per module (a shared PRE_COMMIT_HOME); pip needs to find
lintnews's dependencies and the hatchling build backend (PyPI, or a local index or wheel
folder in pip's configuration).
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from lintnews import __version__

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib

# Slow (~25 s of real pre-commit runs in git repositories): default Python only (.ci/run).
pytestmark = pytest.mark.slow

CHECKOUT = Path(__file__).resolve().parents[1]
README = CHECKOUT / "README.md"
REPOSITORY = tomllib.loads((CHECKOUT / "pyproject.toml").read_text(encoding="utf-8"))[
    "project"]["urls"]["Repository"]
FLAWED = "# Talks\n\nThe implications are impossible to understate.\n"
CLEAN = "The council met on Tuesday. It approved the budget.\n"
# A CMS export: a paragraph on one line, a loaded verb (LN202) in its first sentence and a
# misnegation (LN101) in its last.
ONE_LINE = ("# Vote\n\nThe mayor slammed the plan on Monday. The council met for three hours. "
            "Its importance is impossible to understate, aides said.\n")

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

    def empty_repo(self) -> Path:
        """A new git repository with no commit and no pre-commit set-up."""
        self._count += 1
        repo = self.root / f"consumer-{self._count}"
        repo.mkdir()
        _git(repo, self.env, "init", "-q")
        return repo

    def new_repo(self, args: list[str] | None = None) -> Path:
        """A fresh consumer repository with the hook installed as its git pre-commit hook."""
        repo = self.empty_repo()
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


def test_flawed_mdx_article_blocks_the_commit(hook: HookSetup) -> None:
    """.mdx is tagged `mdx`, not `markdown`, by pre-commit: the hook must still run on it."""
    repo = hook.new_repo()
    proc = hook.commit(repo, {"explainer.mdx": FLAWED})
    output = proc.stdout + proc.stderr
    assert proc.returncode != 0, f"commit was not blocked:\n{output}"
    assert "explainer.mdx:3:" in output and "LN101" in output
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


# --- the README's set-ups, as written ---------------------------------------------------------

def readme_pre_commit_setups() -> list[tuple[str, list[str]]]:
    """Each pre-commit config the README shows, with the `pre-commit` commands of the shell
    block right after it."""
    text = README.read_text(encoding="utf-8")
    blocks = list(re.finditer(r"^```(\w*)\n(.*?)^```", text, re.S | re.M))
    setups = []
    for block, following in zip(blocks, [*blocks[1:], None], strict=True):
        if block.group(1) != "yaml" or not re.search(r"^repos:", block.group(2), re.M):
            continue
        assert following is not None and following.group(1) == "sh", (
            f"no shell block after the pre-commit config:\n{block.group(2)}")
        commands = [line.strip() for line in following.group(2).splitlines()
                    if line.strip().startswith("pre-commit ")]
        setups.append((block.group(2), commands))
    return setups


SETUPS = readme_pre_commit_setups()


def test_readme_pre_commit_setups_use_this_repository_pinned_by_autoupdate() -> None:
    assert len(SETUPS) == 2  # the pre-commit section and step 4 of the newsroom guide
    for config, commands in SETUPS:
        repos = yaml.safe_load(config)["repos"]
        assert [r["repo"] for r in repos] == [REPOSITORY]
        assert [h["id"] for h in repos[0]["hooks"]] == ["lintnews"]
        assert commands[0] == f"pre-commit autoupdate --freeze --repo {REPOSITORY}"
        assert "pre-commit install" in commands


def _set_up_as_written(hook: HookSetup, repo: Path, hook_repo: Path,
                       setup: tuple[str, list[str]]) -> str:
    """Write the README's config into `repo` and run its pre-commit commands, with the
    repository URL pointing at `hook_repo`; return the config as the commands left it."""
    config, commands = setup
    local = hook_repo.as_posix()
    config_file = repo / ".pre-commit-config.yaml"
    config_file.write_text(config.replace(REPOSITORY, local), encoding="utf-8")
    for command in commands:
        args = shlex.split(command.replace(REPOSITORY, local))
        proc = _run([sys.executable, "-m", "pre_commit", *args[1:]], repo, hook.env)
        assert proc.returncode == 0, f"{command} failed:\n{proc.stdout}\n{proc.stderr}"
    return config_file.read_text(encoding="utf-8")


@pytest.mark.parametrize("setup", SETUPS, ids=["pre-commit-section", "newsroom-guide"])
def test_readme_pre_commit_setup_works_as_written(hook: HookSetup,
                                                  setup: tuple[str, list[str]]) -> None:
    repo = hook.empty_repo()
    pinned = _set_up_as_written(hook, repo, hook.hook_repo, setup)
    # No release is tagged in the hook repository: autoupdate pins its newest commit.
    [entry] = yaml.safe_load(pinned)["repos"]
    assert entry["rev"] == hook.rev, pinned

    # The first commit of a new repository (no HEAD yet): .md, .mdx and .txt are all linted,
    # and every line of them is new.
    articles = {"article.md": FLAWED, "explainer.mdx": FLAWED, "notes.txt": FLAWED}
    proc = hook.commit(repo, articles)
    output = proc.stdout + proc.stderr
    assert proc.returncode != 0, f"commit was not blocked:\n{output}"
    for name in articles:
        assert re.search(rf"^{re.escape(name)}:3:\d+: LN101 ", output, re.M), output
    assert not _has_commit(repo, hook.env)

    proc = hook.commit(repo, dict.fromkeys(articles, CLEAN))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert _has_commit(repo, hook.env)

    # A one-line paragraph with two old findings; then one word of it changes.
    (repo / "vote.md").write_text(ONE_LINE, encoding="utf-8")
    _git(repo, hook.env, "add", "vote.md")
    _git(repo, hook.env, "commit", "-q", "--no-verify", "-m", "CMS export")
    changed_only = "--changed-since" in setup[0]
    proc = hook.commit(repo, {"vote.md": ONE_LINE.replace("aides said", "officials said")})
    output = proc.stdout + proc.stderr
    assert proc.returncode != 0, output
    assert "vote.md:3:" in output and "LN101" in output
    assert ("LN202" in output) is not changed_only, output  # the unchanged sentence's
    proc = hook.commit(repo, {"vote.md": ONE_LINE.replace("three hours", "four hours")})
    assert (proc.returncode == 0) is changed_only, proc.stdout + proc.stderr


def test_readme_autoupdate_pins_a_release_tag(hook: HookSetup) -> None:
    """Once a release is tagged v<version>, the README's autoupdate pins the tag's commit
    and names the tag."""
    tagged = hook.root / "lintnews-tagged"
    _git(hook.root, hook.env, "clone", "-q", hook.hook_repo.as_posix(), tagged.as_posix())
    _git(tagged, hook.env, "tag", "-a", f"v{__version__}", "-m", f"lintnews {__version__}")
    repo = hook.empty_repo()
    config, commands = SETUPS[0]
    autoupdate = [c for c in commands if c.startswith("pre-commit autoupdate")]
    pinned = _set_up_as_written(hook, repo, tagged, (config, autoupdate))
    # The SHA of the tag (an annotated tag's own object, which pre-commit checks out as the
    # commit it tags).
    tag_sha = _git(tagged, hook.env, "rev-parse", f"v{__version__}").stdout.strip()
    assert re.search(rf"^\s+rev: {tag_sha}  # frozen: v{re.escape(__version__)}$", pinned,
                     re.M), pinned
