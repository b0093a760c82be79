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


MAX_TOML_TEXTS = 16  # config files and data files remembered; a full store starts afresh


def parsed_toml(text: str) -> dict[str, Any]:
    """tomllib.loads(text), remembered between runs in the cache folder (marshal of the plain
    data, keyed by the text): importing and running the TOML parser costs a one-article run
    several milliseconds. Raises tomllib.TOMLDecodeError (a ValueError) as loads() does."""
    import sys
    from binascii import crc32

    folder = cache_dir()
    file = (folder / f"toml-py{sys.version_info[0]}{sys.version_info[1]}.marshal"
            if folder is not None else None)
    key = f"{crc32(text.encode('utf-8', 'surrogatepass')):08x}:{len(text)}"
    store: dict[str, Any] = {}
    if file is not None:
        try:
            loaded = marshal.loads(file.read_bytes())
            store = loaded if isinstance(loaded, dict) else {}
            entry = store.get(key)
            if isinstance(entry, tuple) and len(entry) == 2 and entry[0] == text:
                return dict(entry[1])
        except (OSError, ValueError, EOFError, TypeError):
            store = {}
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    data = tomllib.loads(text)
    if file is not None:
        if len(store) >= MAX_TOML_TEXTS:
            store = {}
        store[key] = (text, data)
        save_marshal(file, store)  # a value marshal cannot hold (a date) is simply not kept
    return data
