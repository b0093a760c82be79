"""What the caches' keys are made of: content hashes of lintnews' own code and of the files a
cache entry was worked out from (never modification times, which `rsync -t` or a checkout can
keep while the content changes), the interpreter, and where lintnews is installed."""

from __future__ import annotations

import os
import sys
from binascii import crc32  # built in; hashlib would cost 3 ms of start-up
from functools import lru_cache
from pathlib import Path

from lintnews import __version__

PACKAGE = Path(__file__).resolve().parent.parent


def python_tag() -> str:
    return f"py{sys.version_info[0]}{sys.version_info[1]}"


@lru_cache(maxsize=1)
def code_tag() -> str:
    """A checksum of the running lintnews' own code (package_checksum)."""
    return package_checksum(PACKAGE)


def package_checksum(package: Path) -> str:
    """A checksum of a lintnews package folder's code. An installed wheel's RECORD holds the
    SHA-256 of every file pip installed, so its checksum is the package's content hash, read
    from one file; a checkout (or an editable install) has no RECORD beside it, so there
    every module is read (about 70 files, a few milliseconds: a developer's edit must never
    meet a plan that its old code worked out)."""
    record = package.parent / f"lintnews-{__version__}.dist-info" / "RECORD"
    try:
        return f"r{crc32(record.read_bytes()):08x}"
    except OSError:
        pass
    checksum = 0
    for root, folders, names in os.walk(package):
        folders[:] = sorted(f for f in folders if f != "__pycache__")
        for name in sorted(names):
            if name.endswith(".py"):
                path = os.path.join(root, name)
                where = os.path.relpath(path, package)
                checksum = crc32(where.encode("utf-8", "surrogateescape"), checksum)
                try:
                    with open(path, "rb") as handle:
                        checksum = crc32(handle.read(), checksum)
                except OSError:
                    continue
    return f"s{checksum:08x}"


@lru_cache(maxsize=1)
def install_tag() -> str:
    """A short name for where this lintnews is installed."""
    where = str(PACKAGE).encode("utf-8", "surrogateescape")
    return f"{crc32(where):08x}"


def content_key(path: Path) -> str | None:
    """Identifies one version of a file by its path and content (None: unreadable)."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    return f"{path.resolve()}|{len(data)}|{crc32(data):08x}"
