"""Where lintnews keeps what it may forget: $LINTNEWS_CACHE_DIR, else
$XDG_CACHE_HOME/lintnews, else ~/.cache/lintnews; LINTNEWS_NO_CACHE=1 means nowhere."""

from __future__ import annotations

import os
from pathlib import Path


def cache_dir() -> Path | None:
    if os.environ.get("LINTNEWS_NO_CACHE"):
        return None
    explicit = os.environ.get("LINTNEWS_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "lintnews"
