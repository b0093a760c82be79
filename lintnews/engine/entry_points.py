"""Finding third-party rule packs (entry-point group `lintnews.rules`) without paying for
importlib.metadata on every run.

Reading the metadata of every installed distribution costs about 10 ms, a tenth of a
pre-commit run, and its answer only changes when something is installed or removed. That
changes the modification time of the folder it is installed in, so the answer is remembered
in the rule cache under the list of import folders and their modification times.
"""

from __future__ import annotations

from functools import reduce
from importlib import import_module

from lintnews.cache.patterns import regex

GROUP = "lintnews.rules"
_VALUE_RE = regex(r"(?P<module>[\w.]+)\s*(?::\s*(?P<attr>[\w.]+)\s*)?(?:\[.*\]\s*)?$")


def discover() -> list[tuple[str, str]]:
    """(name, value) of each installed entry point in the group, sorted by name."""
    from importlib import metadata

    return sorted({(e.name, e.value) for e in metadata.entry_points(group=GROUP)})


def load(value: str) -> object:
    """What an entry point's value ("module:attribute") names, as EntryPoint.load does."""
    match = _VALUE_RE.match(value)
    if match is None:
        raise ValueError(f"malformed entry point {value!r}")
    module = import_module(match.group("module"))
    attrs = (match.group("attr") or "").split(".")
    return reduce(getattr, [a for a in attrs if a], module)
