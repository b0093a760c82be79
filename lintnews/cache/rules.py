"""A small on-disk cache that keeps start-up short for the pre-commit case.

Three things are expensive to redo on every run and cheap to remember: the parsed TOML of the
rule packs (keyed by each file's path and content), each rule's plan (its pattern split into
parts with their trigger keys, keyed by the pack file's version and the rule's code), and
which plugins are installed (see lintnews.engine.entry_points). The file's name carries a
checksum of lintnews' own code (lintnews.cache.keys), so a plan is never read by other code
than the code that worked it out. All are pure functions of their keys, so a
stale or missing cache only costs time. The cache lives in $LINTNEWS_CACHE_DIR, else
$XDG_CACHE_HOME/lintnews, else ~/.cache/lintnews; LINTNEWS_NO_CACHE=1 turns it off, and an
unwritable folder simply means no cache. Nothing is ever downloaded.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import sys
from pathlib import Path
from typing import Any

from lintnews.cache.directory import cache_dir, save_marshal
from lintnews.cache.keys import code_tag, content_key, install_tag, python_tag

STALE_AFTER = 30 * 24 * 3600  # seconds before another installation's unused cache is removed


def import_path_fingerprint() -> str:
    """The import folders and when each last changed (an install or removal changes it).

    The first entry is left out: it is the running script's folder, or the current folder
    under `python -m`, which changes whenever a file is saved there; nothing is installed
    in it."""
    parts = []
    for entry in sys.path[1:]:
        try:
            parts.append(f"{entry}@{os.stat(entry or '.').st_mtime_ns}")
        except OSError:
            parts.append(f"{entry}@-")
    return "|".join(parts)



class RuleCache:
    """Remembered pack data, rule plans and plugins; `save()` writes them back if anything
    changed."""

    def __init__(self, folder: Path | None = None, *, enabled: bool = True) -> None:
        self.folder = folder if folder is not None else cache_dir()
        self.enabled = enabled and self.folder is not None
        # One file per installation: two virtualenvs' packs never crowd each other's cache.
        self._stem = f"rules-{install_tag()}"
        name = f"{self._stem}-{code_tag()}-{python_tag()}.marshal"
        self._file = self.folder / name if self.folder else None
        self.packs: dict[str, Any] = {}
        self.plans: dict[str, dict[str, Any]] = {}
        self.plugins: dict[str, list[tuple[str, str]]] = {}
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
            self.plans = dict(data["plans"])
            self.plugins = dict(data.get("plugins", {}))
        except (OSError, ValueError, EOFError, KeyError, TypeError, AttributeError):
            self.packs, self.plans, self.plugins = {}, {}, {}
            return
        if _older_than(self._file, 24 * 3600):  # in use: not stale for other installations
            with contextlib.suppress(OSError):
                os.utime(self._file)

    @staticmethod
    def file_key(path: Path) -> str | None:
        """Identifies one version of a file: its path and content (lintnews.cache.keys)."""
        return content_key(path)

    def pack_data(self, path: Path, parse: Any) -> Any:
        """parse(path) for a pack file, remembered while the file is unchanged."""
        key = self.file_key(path)
        if key is None:
            return parse(path)
        if key in self.packs:
            return self.packs[key]
        data = parse(path)
        if self.enabled:
            _drop_older_versions(self.packs, key)
            self.packs[key] = data
            self._dirty = True
        return data

    def plan(self, key: str, compute: Any) -> dict[str, Any]:
        """compute() for a rule's parts, remembered under `key` (its pack file's version and
        code); the plans of older versions of the same file are dropped."""
        if key in self.plans:
            return self.plans[key]
        value = compute()
        if self.enabled:
            _drop_older_versions(self.plans, key)
            self.plans[key] = value
            self._dirty = True
        return value

    def entry_points(self, discover: Any) -> list[tuple[str, str]]:
        """discover() for the installed plugins, remembered while no import folder changes."""
        key = import_path_fingerprint()
        if key in self.plugins:
            return [tuple(e) for e in self.plugins[key]]  # type: ignore[misc]
        found: list[tuple[str, str]] = discover()
        if self.enabled:
            while len(self.plugins) >= 8:  # a few environments (virtualenvs) share the cache
                del self.plugins[next(iter(self.plugins))]
            self.plugins[key] = found
            self._dirty = True
        return found

    def _remove_stale_files(self) -> None:
        """Other versions' caches of this installation, and caches of installations not
        used for a month (a deleted virtualenv's, say)."""
        assert self._file is not None
        for old in self._file.parent.glob("rules-*.marshal"):
            if old == self._file:
                continue
            ours = old.name.startswith(self._stem + "-") and \
                old.name.endswith(f"-{python_tag()}.marshal")
            if ours or _older_than(old, STALE_AFTER):
                old.unlink(missing_ok=True)

    def save(self) -> None:
        if not (self.enabled and self._dirty and self._file is not None):
            return
        _drop_missing_files(self.packs)  # packs deleted or moved since
        _drop_missing_files(self.plans)
        if save_marshal(self._file, {"packs": self.packs, "plans": self.plans,
                                     "plugins": self.plugins}):
            self._dirty = False
            self._remove_stale_files()


def _older_than(path: Path, seconds: float) -> bool:
    import time

    try:
        return time.time() - path.stat().st_mtime > seconds
    except OSError:
        return False


def _drop_older_versions(table: dict[str, Any], key: str) -> None:
    """Forget entries of the same file ("path|size|mtime…") at another size or time."""
    path, _, rest = key.partition("|")
    version = rest.split("#", 1)[0]
    for old in [k for k in table if k.startswith(path + "|")
                and k.partition("|")[2].split("#", 1)[0] != version]:
        del table[old]


def _drop_missing_files(table: dict[str, Any]) -> None:
    """Forget entries ("path|size|mtime…") of files that no longer exist."""
    paths = {key.partition("|")[0] for key in table}
    gone = {p for p in paths if not os.path.exists(p)}
    for key in [k for k in table if k.partition("|")[0] in gone]:
        del table[key]
