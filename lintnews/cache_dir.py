"""Where lintnews keeps what it may forget: $LINTNEWS_CACHE_DIR, else
$XDG_CACHE_HOME/lintnews, else ~/.cache/lintnews; LINTNEWS_NO_CACHE=1 means nowhere. And
how a cache file is written: whole, or not at all."""

from __future__ import annotations

import marshal
import os
from pathlib import Path
from typing import Any


def cache_dir() -> Path | None:
    if os.environ.get("LINTNEWS_NO_CACHE"):
        return None
    explicit = os.environ.get("LINTNEWS_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "lintnews"


def save_marshal(file: Path, value: Any) -> bool:
    """Write `value` to `file` with marshal, atomically (a reader sees the old file or the
    new one). False when it cannot be stored: a value marshal cannot hold (a TOML date), a
    read-only home or a full disk only cost the next run some time."""
    import tempfile

    try:
        data = marshal.dumps(value)
        file.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{file.stem}-", dir=file.parent)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, file)
    except (OSError, ValueError):
        return False
    return True
