"""Finding article files: walk folders, skip hidden folders, virtual environments and excludes."""

from __future__ import annotations

import fnmatch
import os
import stat
import sys
from collections.abc import Callable, Iterator
from pathlib import Path, PurePosixPath

from lintnews.files.source import looks_binary, special_kind
from lintnews.markup import ARTICLE_SUFFIXES

SKIP_DIRS = {".git", ".hg", ".svn", "node_modules", "__pycache__", "venv", ".venv", "env",
             "site-packages", "build", "dist", ".tox", ".nox", ".mypy_cache", ".pytest_cache",
             ".ruff_cache"}


def is_excluded(path: Path, root: Path, patterns: tuple[str, ...]) -> bool:
    """Does a config `exclude` glob (relative to the config's folder) match this path?"""
    if not patterns:
        return False
    try:
        relative = PurePosixPath(path.resolve().relative_to(root.resolve()).as_posix())
    except ValueError:
        relative = PurePosixPath(path.as_posix())
    text = str(relative)
    for pattern in patterns:
        stripped = pattern.rstrip("/")
        if fnmatch.fnmatch(text, stripped) or relative.match(stripped) or \
                any(fnmatch.fnmatch(str(parent), stripped) for parent in relative.parents
                    if str(parent) != "."):
            return True
    return False


def walk_articles(folder: Path, on_skip: Callable[[str], None] | None = None,
                  excluded: Callable[[Path], bool] | None = None) -> Iterator[Path]:
    """Article files under `folder`, in a stable order; symlink loops are not followed.

    A file with an article suffix that is not text (an image saved as .txt: NUL bytes in its
    first 8 KB) or not a regular file (a named pipe, a socket) is skipped with a notice
    through `on_skip` (by default one line on stderr), as is a folder that cannot be listed.
    Broken links and unreadable files are yielded, so that reading them reports an error that
    names them. A file named explicitly is never skipped here: reading it reports any problem
    as an error. Files for which `excluded` says yes are passed over before any of this.
    """
    notify = on_skip if on_skip is not None else _notice
    seen: set[tuple[int, int]] = set()

    def cannot_list(err: OSError) -> None:
        notify(f"{err.filename}: cannot list folder ({err.strerror or err}); skipped")

    for current, dirs, files in os.walk(folder, followlinks=True, onerror=cannot_list):
        try:
            st = os.stat(current)
        except OSError:
            dirs[:] = []
            continue
        key = (st.st_dev, st.st_ino)
        if key in seen:
            dirs[:] = []
            continue
        seen.add(key)
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in SKIP_DIRS
                         and not _is_virtualenv(Path(current) / d))
        for name in sorted(files):
            if Path(name).suffix.lower() in ARTICLE_SUFFIXES and not name.startswith("."):
                path = Path(current) / name
                if excluded is not None and excluded(path):
                    continue
                reason = _not_an_article(path)
                if reason:
                    notify(f"{path}: {reason}; skipped")
                    continue
                yield path


def _is_virtualenv(folder: Path) -> bool:
    try:
        return (folder / "pyvenv.cfg").exists()
    except OSError:  # a folder that cannot be searched: walking it reports that
        return False


def _not_an_article(path: Path) -> str | None:
    """Why a walked file is not an article, or None (also when it cannot be read: reading
    it later reports that as an error)."""
    try:
        info = path.stat()
    except OSError:
        return None
    if not stat.S_ISREG(info.st_mode):
        return f"not a regular file ({special_kind(info.st_mode)})"
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        with os.fdopen(fd, "rb") as handle:
            head = handle.read(8192)
    except OSError:
        return None
    return "not a text file (binary content)" if looks_binary(head) else None


def _notice(message: str) -> None:
    sys.stderr.write(f"lintnews: notice: {message}\n")
    sys.stderr.flush()
