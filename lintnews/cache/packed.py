"""A cache file of many small items, each read only when it is asked for.

The lexicon's table has thousands of entries and a one-article run looks at a few dozen:
reading every entry's objects cost it more than all of its matching. So each item is stored as
its own marshal bytes and turned back into an object on first use (`LazyItems`). The file is
named by the cache's name, the installation and the Python version (marshal's format), and
holds the key it was written for: another key reads as no cache.
"""

from __future__ import annotations

import marshal
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any, TypeVar

from lintnews.cache.directory import cache_dir, save_marshal
from lintnews.cache.keys import install_tag, python_tag

K = TypeVar("K")
V = TypeVar("V")


def packed_file(name: str) -> Path | None:
    folder = cache_dir()
    return folder / f"{name}-{install_tag()}-{python_tag()}.marshal" if folder else None


def save_packed(name: str, key: str,
                tables: Mapping[str, Mapping[Any, Any] | list[Any]]) -> None:
    """Store each table (a dict or a list) item by item, under `key`."""
    file = packed_file(name)
    if file is None:
        return
    packed: dict[str, Any] = {"key": key}
    for table_name, table in tables.items():
        if isinstance(table, list):
            packed[table_name] = [marshal.dumps(item) for item in table]
        else:
            packed[table_name] = {k: marshal.dumps(item) for k, item in table.items()}
    save_marshal(file, packed)


def load_packed(name: str, key: str,
                makers: Mapping[str, Callable[[Any], Any]]) -> dict[str, LazyItems] | None:
    """The tables stored under `key`, each item made by its table's maker on first use; None
    when there is no such cache (or it is damaged, or written for another key)."""
    file = packed_file(name)
    if file is None:
        return None
    try:
        data = marshal.loads(file.read_bytes())
        if data["key"] != key:
            return None
        return {table_name: LazyItems(data[table_name], make)
                for table_name, make in makers.items()}
    except (OSError, ValueError, EOFError, KeyError, TypeError):
        return None


class LazyItems(Mapping[K, V]):
    """A list or dict of marshal bytes, read item by item as asked (and remembered)."""

    def __init__(self, packed: dict[K, bytes] | list[bytes],
                 make: Callable[[Any], V]) -> None:
        self._packed = packed
        self._make = make
        self._done: dict[K, V] = {}

    def __getitem__(self, key: K) -> V:
        value = self._done.get(key)
        if value is None:
            raw = self._packed[key]  # type: ignore[index]
            value = self._done[key] = self._make(marshal.loads(raw))
        return value

    def __contains__(self, key: object) -> bool:
        return key in self._packed

    def __iter__(self) -> Iterator[K]:
        return iter(self._packed if isinstance(self._packed, dict)
                    else range(len(self._packed)))  # type: ignore[arg-type]

    def __len__(self) -> int:
        return len(self._packed)
