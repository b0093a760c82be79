"""Changed-lines mode: which lines of a file were added or changed since a git revision.

One `git diff -U0 -M REF` per repository gives the changed lines of every tracked file
(renames followed); files git does not track yet count as changed everywhere. The working
tree is compared, so in a pre-commit hook (where the working tree holds the staged content)
`--changed-since HEAD` means "the staged changes".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from lintnews.regex_store import regex

_HUNK_RE = regex(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@", re.MULTILINE)


class GitError(Exception):
    """Not a git repository, git missing, or an unknown revision; the message says which."""


def _git(args: list[str], cwd: Path) -> str:
    import subprocess  # here, not at the top: most runs never call git

    try:
        result = subprocess.run(["git", *args], cwd=cwd, capture_output=True, timeout=120,
                                check=False)
    except FileNotFoundError:
        raise GitError("git is not installed or not on PATH") from None
    except subprocess.TimeoutExpired:
        raise GitError(f"git {' '.join(args)} timed out") from None
    if result.returncode != 0:
        message = result.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(message[-1] if message else f"git {' '.join(args)} failed")
    return result.stdout.decode("utf-8", "surrogateescape")


@dataclass
class _Repository:
    root: Path
    changed: dict[str, set[int]] = field(default_factory=dict)  # path → changed lines
    untracked: set[str] = field(default_factory=set)


class ChangedLines:
    """Lines changed since `ref`, per file, for every repository the files live in."""

    def __init__(self, ref: str) -> None:
        self.ref = ref
        self._repos: dict[Path, _Repository] = {}

    def lines_for(self, path: Path) -> set[int] | None:
        """Changed 1-based line numbers of `path`; None when every line counts (a new file)."""
        folder = path.resolve().parent
        repo = self._repository(folder)
        relative = path.resolve().relative_to(repo.root).as_posix()
        if relative in repo.untracked:
            return None
        return repo.changed.get(relative, set())

    def _repository(self, folder: Path) -> _Repository:
        try:
            top = Path(_git(["rev-parse", "--show-toplevel"], folder).strip()).resolve()
        except GitError:
            raise GitError(f"{folder}: not inside a git repository (needed by --changed-since)") \
                from None
        if top not in self._repos:
            try:
                _git(["rev-parse", "--verify", "--quiet", f"{self.ref}^{{commit}}"], top)
            except GitError:
                raise GitError(f"git revision '{self.ref}' not found in {top}") from None
            repo = _Repository(top)
            diff = _git(["-c", "core.quotepath=off", "diff", "-U0", "-M", "--no-color",
                         "--no-ext-diff", "--src-prefix=a/", "--dst-prefix=b/", self.ref, "--"],
                        top)
            repo.changed = parse_diff(diff)
            others = _git(["-c", "core.quotepath=off", "ls-files", "--others",
                           "--exclude-standard", "-z"], top)
            repo.untracked = {p for p in others.split("\0") if p}
            self._repos[top] = repo
        return self._repos[top]


def parse_diff(diff: str) -> dict[str, set[int]]:
    """Added or changed new-side line numbers per file in a unified diff with -U0."""
    changed: dict[str, set[int]] = {}
    current: set[int] | None = None
    for line in diff.splitlines():
        if line.startswith("+++ "):
            target = line[4:]
            if target == "/dev/null":
                current = None
                continue
            name = target[2:] if target.startswith("b/") else target
            if name.startswith('"') and name.endswith('"'):
                name = name[1:-1].encode("latin-1", "backslashreplace").decode("unicode_escape") \
                    .encode("latin-1").decode("utf-8", "replace")
            current = changed.setdefault(name.rstrip("\t"), set())
        elif line.startswith("@@") and current is not None:
            m = _HUNK_RE.match(line)
            if m:
                start = int(m.group(1))
                count = int(m.group(2)) if m.group(2) is not None else 1
                current.update(range(start, start + count))
    return changed
