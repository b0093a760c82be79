"""Changed-lines mode: what was added or changed in a file since a git revision.

One `git diff -U0 -M REF` per repository gives the changed lines of every tracked file
(renames followed); files git does not track yet count as changed everywhere, and so does
everything in a repository with no commit yet when REF is HEAD (the first commit). The
working tree is compared, so in a pre-commit hook (where the working tree holds the staged
content) `--changed-since HEAD` means "the staged changes".

Within a changed line only the changed words count: a CMS export keeps a paragraph on one
line, and changing one word in it must not make every old finding of the paragraph new. The
old and new text of each hunk are compared word by word (difflib), and a finding is kept
when it is on a changed line and its sentence holds a changed word (see FileChanges.keeps).
Lines that are purely added are new from end to end.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import cached_property
from pathlib import Path

from lintnews.cache.patterns import regex

_HUNK_RE = regex(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,\d+)? @@")
# git shows no lines for a file it takes for binary (a UTF-16 article without a byte-order
# mark, say): such a file counts as changed from end to end.
_BINARY_RE = regex(r'^Binary files .* and ("?)b/(.*)\1 differ$')
# Words and single punctuation marks: what a word-level comparison compares. Whitespace is
# not compared, so re-wrapping a paragraph changes nothing.
_TOKEN_RE = regex(r"\w+|[^\w\s]")
# Beyond this many tokens on either side of one hunk, the word comparison could take seconds;
# the hunk's new lines then count as changed from end to end.
MAX_HUNK_TOKENS = 10000

Position = tuple[int, int]  # 1-based line, 1-based column in code points (as in a Finding)
Extent = tuple[Position, Position]  # start, exclusive end


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


@dataclass(frozen=True)
class FileChanges:
    """The changed lines of one file and, within them, the changed words.

    `regions` are sorted and do not overlap; a region whose start equals its end marks where
    words were deleted.
    """

    lines: frozenset[int]
    regions: tuple[Extent, ...]

    def keeps(self, lines: range, extent: Extent) -> bool:
        """Is a finding on `lines`, whose sentence (or span, outside sentences) is `extent`,
        part of the change? It must be on a changed line, and a changed or deleted word must
        lie in its sentence."""
        if not any(n in self.lines for n in lines):
            return False
        start, end = extent
        for i in range(bisect_left(self._ends, start), len(self.regions)):
            region_start, region_end = self.regions[i]
            if region_start > end:
                break
            if region_start == region_end or (region_start < end and region_end > start):
                return True
        return False

    @cached_property
    def _ends(self) -> list[Position]:
        return [region_end for _, region_end in self.regions]


@dataclass
class _Repository:
    root: Path
    files: dict[str, FileChanges | None] = field(default_factory=dict)  # None: binary
    untracked: set[str] = field(default_factory=set)
    all_new: bool = False  # no commit yet: every file is new


class ChangedLines:
    """What changed since `ref`, per file, for every repository the files live in."""

    def __init__(self, ref: str) -> None:
        self.ref = ref
        self._repos: dict[Path, _Repository] = {}

    def changes_for(self, path: Path) -> FileChanges | None:
        """The changes to `path`; None when all of it is new (a new file)."""
        folder = path.resolve().parent
        repo = self._repository(folder)
        relative = path.resolve().relative_to(repo.root).as_posix()
        if repo.all_new or relative in repo.untracked:
            return None
        return repo.files.get(relative, _UNCHANGED)

    def _repository(self, folder: Path) -> _Repository:
        try:
            top = Path(_git(["rev-parse", "--show-toplevel"], folder).strip()).resolve()
        except GitError:
            raise GitError(f"{folder}: not inside a git repository (needed by --changed-since)") \
                from None
        if top not in self._repos:
            self._repos[top] = self._read(top)
        return self._repos[top]

    def _read(self, top: Path) -> _Repository:
        try:
            _git(["rev-parse", "--verify", "--quiet", f"{self.ref}^{{commit}}"], top)
        except GitError:
            if self.ref in ("HEAD", "@") and _head_is_unborn(top):
                return _Repository(top, all_new=True)
            raise GitError(f"git revision '{self.ref}' not found in {top}") from None
        repo = _Repository(top)
        diff = _git(["-c", "core.quotepath=off", "diff", "-U0", "-M", "--no-color",
                     "--no-ext-diff", "--src-prefix=a/", "--dst-prefix=b/", self.ref, "--"], top)
        repo.files = parse_diff(diff)
        others = _git(["-c", "core.quotepath=off", "ls-files", "--others",
                       "--exclude-standard", "-z"], top)
        repo.untracked = {p for p in others.split("\0") if p}
        return repo


def _head_is_unborn(top: Path) -> bool:
    """HEAD names a branch with no commit yet: a new repository (or an orphan branch).
    Called once HEAD did not resolve; a detached HEAD always names a commit."""
    try:
        _git(["symbolic-ref", "--quiet", "HEAD"], top)
    except GitError:
        return False
    return True


_UNCHANGED = FileChanges(frozenset(), ())


def parse_diff(diff: str) -> dict[str, FileChanges | None]:
    """The changes per file (new-side names) in a unified diff made with -U0; None for a
    binary file, whose changes git does not show."""
    changed: dict[str, FileChanges | None] = {}
    name: str | None = None
    lines: set[int] = set()
    regions: list[Extent] = []
    hunk: tuple[int, list[str], list[str]] | None = None  # new start, old lines, new lines

    def end_hunk() -> None:
        nonlocal hunk
        if hunk is not None:
            start, old, new = hunk
            lines.update(range(start, start + len(new)))
            regions.extend(changed_words(start, old, new))
            hunk = None

    def end_file() -> None:
        end_hunk()
        if name is not None:
            changed[name] = FileChanges(frozenset(lines), tuple(sorted(regions)))

    # Only "\n" ends a diff line: str.splitlines() would also split an article line at
    # U+2028, NEL or a form feed and shift every line number after it.
    for line in diff.split("\n"):
        if hunk is not None and line[:1] in ("+", "-"):
            (hunk[2] if line[0] == "+" else hunk[1]).append(line[1:])
        elif line.startswith("@@"):
            end_hunk()
            m = _HUNK_RE.match(line)
            if m and name is not None:
                hunk = (int(m.group(1)), [], [])
        elif line.startswith("diff "):
            end_file()
            name, lines, regions = None, set(), []
        elif line.startswith("Binary files ") and hunk is None:
            binary = _BINARY_RE.match(line)
            if binary:
                quote, target = binary.groups()
                changed[_unquote(f'"{target}"' if quote else target)] = None
        elif line.startswith("+++ ") and hunk is None:
            target = line[4:]
            name = None if target == "/dev/null" else _unquote(
                target[2:] if target.startswith("b/") else target)
    end_file()
    return changed


def _unquote(name: str) -> str:
    if name.startswith('"') and name.endswith('"'):
        name = name[1:-1].encode("latin-1", "backslashreplace").decode("unicode_escape") \
            .encode("latin-1").decode("utf-8", "replace")
    return name.rstrip("\t")


def changed_words(start: int, old: list[str], new: list[str]) -> list[Extent]:
    """Where the new lines of a hunk (`new`, from line `start`) differ from the old lines it
    replaces, word by word; all of them when nothing was replaced (lines purely added)."""
    if not new:
        return []
    # lintnews reads past a byte-order mark, so its columns start after it.
    if start == 1 and new[0].startswith("\ufeff"):
        new = [new[0][1:], *new[1:]]
    if old and old[0].startswith("\ufeff"):
        old = [old[0][1:], *old[1:]]
    whole = [((start, 1), (start + len(new), 0))]
    if not old:
        return whole
    old_tokens = [m.group() for line in old for m in _TOKEN_RE.finditer(line)]
    new_found = [(number, m) for number, line in enumerate(new, start)
                 for m in _TOKEN_RE.finditer(line)]
    if max(len(old_tokens), len(new_found)) > MAX_HUNK_TOKENS:
        return whole
    new_tokens = [m.group() for _, m in new_found]
    positions = [((number, m.start() + 1), (number, m.end() + 1)) for number, m in new_found]
    regions: list[Extent] = []
    matcher = SequenceMatcher(None, old_tokens, new_tokens, autojunk=False)
    for tag, _, _, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        if j1 < j2:
            regions.append((positions[j1][0], positions[j2 - 1][1]))
        else:  # words deleted: the place where they were
            where = positions[j1][0] if j1 < len(positions) else \
                positions[-1][1] if positions else (start, 1)
            regions.append((where, where))
    return regions


__all__ = ["ChangedLines", "FileChanges", "GitError", "parse_diff"]
