"""Finding article files: walk folders, skip hidden folders, virtual environments and excludes."""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Iterator
from pathlib import Path, PurePosixPath

ARTICLE_SUFFIXES = {".md", ".markdown", ".mdx", ".txt"}
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


def walk_articles(folder: Path) -> Iterator[Path]:
    """Article files under `folder`, in a stable order; symlink loops are not followed."""
    seen: set[tuple[int, int]] = set()
    for current, dirs, files in os.walk(folder, followlinks=True):
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
                         and not (Path(current) / d / "pyvenv.cfg").exists())
        for name in sorted(files):
            if Path(name).suffix.lower() in ARTICLE_SUFFIXES and not name.startswith("."):
                yield Path(current) / name
