"""Baselines: record today's findings so that only new problems are reported.

Entries are matched by file, rule, the flagged words and the sentence around them, never by
line number, so a baseline survives edits above a finding. The file is sorted, indented JSON,
one entry per finding kind with a count, so that it diffs well in a newsroom's repository.
"""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path, PurePath
from typing import NamedTuple

from lintnews.document.model import Document
from lintnews.engine.rule_types import Finding

VERSION = 1
CONTEXT_CHARS = 300


class BaselineError(Exception):
    """A baseline file that cannot be read; the message names it."""


class Entry(NamedTuple):
    path: str
    code: str
    text: str
    context: str


def entry_for(finding: Finding, doc: Document, path: PurePath) -> Entry:
    """The entry of `finding` in `doc`, recorded under `path` (relative to the baseline's
    folder: lintnews.core.relative_path)."""
    sentence = doc.sentence_at(finding.offset)
    span = (sentence.start, sentence.end) if sentence else (finding.offset, finding.end_offset)
    context = " ".join(doc.text[span[0]: span[1]].split())[:CONTEXT_CHARS]
    text = " ".join(doc.text[finding.offset: finding.end_offset].split())
    return Entry(path.as_posix(), finding.code, text, context)


def load(path: Path) -> Counter[Entry]:
    import json

    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BaselineError(f"{path}: baseline file does not exist (create it with "
                            "--write-baseline)") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
        raise BaselineError(f"{path}: cannot read baseline: {err}") from None
    if not isinstance(data, dict) or not isinstance(data.get("entries"), list):
        raise BaselineError(f"{path}: not a lintnews baseline (no 'entries' list)")
    entries: Counter[Entry] = Counter()
    for item in data["entries"]:
        try:
            entries[Entry(item["path"], item["code"], item["text"], item["context"])] += \
                int(item.get("count", 1))
        except (KeyError, TypeError, ValueError):
            raise BaselineError(f"{path}: malformed baseline entry {item!r}") from None
    return entries


def write(path: Path, entries: Counter[Entry]) -> None:
    import json
    import tempfile

    rows = [{"path": e.path, "code": e.code, "text": e.text, "context": e.context,
             "count": n} for e, n in sorted(entries.items())]
    body = json.dumps({"version": VERSION, "tool": "lintnews", "entries": rows}, indent=2,
                      ensure_ascii=False) + "\n"
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.resolve().parent)
    with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(body)
    os.replace(tmp, path)


class Filter:
    """Drops findings recorded in the baseline, consuming one recorded count per finding."""

    def __init__(self, entries: Counter[Entry]) -> None:
        self.remaining = Counter(entries)
        self.total = sum(entries.values())
        self.matched = 0

    def keep(self, entry: Entry) -> bool:
        if self.remaining[entry] > 0:
            self.remaining[entry] -= 1
            self.matched += 1
            return False
        return True
