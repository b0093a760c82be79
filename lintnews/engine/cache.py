"""A small on-disk cache that keeps start-up short for the pre-commit case.

Two things are expensive to redo on every run and cheap to remember: the parsed TOML of the
rule packs (keyed by file, size and modification time) and the trigger keys of each rule's
pattern (keyed by the pattern's text). Both are pure functions of their keys, so a stale or
missing cache only costs time. The cache lives in $LINTNEWS_CACHE_DIR, else
$XDG_CACHE_HOME/lintnews, else ~/.cache/lintnews; LINTNEWS_NO_CACHE=1 turns it off, and an
unwritable folder simply means no cache. Nothing is ever downloaded.
"""

from __future__ import annotations

import marshal
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

from lintnews import __version__

KEY_SCHEME = "k4"  # bump when the way trigger keys are computed changes


def cache_dir() -> Path | None:
    if os.environ.get("LINTNEWS_NO_CACHE"):
        return None
    explicit = os.environ.get("LINTNEWS_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "lintnews"


class RuleCache:
    """Remembered pack data and trigger keys; `save()` writes them back if anything changed."""

    def __init__(self, folder: Path | None = None, *, enabled: bool = True) -> None:
        self.folder = folder if folder is not None else cache_dir()
        self.enabled = enabled and self.folder is not None
        python = f"py{sys.version_info[0]}{sys.version_info[1]}"
        name = f"rules-{__version__}-{KEY_SCHEME}-{python}.marshal"
        self._file = self.folder / name if self.folder else None
        self.packs: dict[str, Any] = {}
        self.keys: dict[str, frozenset[str] | None] = {}
        self._dirty = False
        if self.enabled:
            self._load()

    def _load(self) -> None:
        assert self._file is not None
        # marshal, not pickle: reading it cannot run code, and it loads ten times faster
        # than JSON. Its format belongs to one Python version, named in the file name.
        try:
            data = marshal.loads(self._file.read_bytes())
            self.packs = dict(data["packs"])
            self.keys = dict(data["keys"])
        except (OSError, ValueError, EOFError, KeyError, TypeError, AttributeError):
            self.packs, self.keys = {}, {}

    @staticmethod
    def file_key(path: Path) -> str | None:
        """Identifies one version of a file: its path, size and modification time."""
        try:
            st = path.stat()
        except OSError:
            return None
        return f"{path.resolve()}|{st.st_size}|{st.st_mtime_ns}"

    def pack_data(self, path: Path, parse: Any) -> Any:
        """parse(path) for a pack file, remembered while the file is unchanged."""
        key = self.file_key(path)
        if key is None:
            return parse(path)
        if key in self.packs:
            return self.packs[key]
        data = parse(path)
        if self.enabled:
            self.packs[key] = data
            self._dirty = True
        return data

    def trigger_keys(self, key: str, compute: Any) -> frozenset[str] | None:
        """compute() for a rule, remembered under `key` (its pack file's version and code)."""
        if key in self.keys:
            return self.keys[key]
        value = compute()
        if self.enabled:
            self.keys[key] = value
            self._dirty = True
        return value

    def save(self) -> None:
        if not (self.enabled and self._dirty and self._file is not None):
            return
        try:
            data = marshal.dumps({"packs": self.packs, "keys": self.keys})
        except ValueError:  # a pack value marshal cannot store (a TOML date): no cache
            return
        try:
            self._file.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".rules-", dir=self._file.parent)
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.replace(tmp, self._file)
            self._dirty = False
        except OSError:
            pass  # a read-only home or a full disk only costs speed
