"""YAML (---) and TOML (+++) front matter: prose fields are linted, everything else is skipped."""

from __future__ import annotations

from collections.abc import Iterable

from lintnews.cache.patterns import regex
from lintnews.markup.prose import Block, mask_span

PROSE_FIELDS = {"title": "headline", "headline": "headline", "description": "dek",
                "summary": "dek", "dek": "dek", "subtitle": "dek", "standfirst": "dek"}

_LINE_RE = regex(r"[^\r\n]*(?:\r\n|\r|\n|$)")
_YAML_KEY_RE = regex(r"(?P<key>[A-Za-z_][\w-]*)\s*:(?:\s+|$)(?P<value>.*)$")
_TOML_KEY_RE = regex(r"(?P<key>[A-Za-z_][\w-]*)\s*=\s*(?P<value>.*)$")


def _lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end-without-line-break) of each line in text[start:end]."""
    out = []
    for m in _LINE_RE.finditer(text, start, end):
        if m.start() == m.end():
            break
        out.append((m.start(), m.start() + len(m.group().rstrip("\r\n"))))
    return out


def front_matter_end(text: str) -> tuple[int, str] | None:
    """Return (end offset, delimiter) of the front matter at the top of `text`, if any."""
    first = _LINE_RE.match(text)
    if not first:
        return None
    delimiter = first.group().rstrip("\r\n").rstrip()
    if delimiter not in ("---", "+++"):
        return None
    closers = ("---", "...") if delimiter == "---" else ("+++",)
    for m in _LINE_RE.finditer(text, first.end()):
        if m.start() == m.end():
            break
        if m.group().rstrip("\r\n").rstrip() in closers:
            return m.end(), delimiter
    return None


def read_front_matter(text: str, chars: list[str]) -> tuple[int, list[Block]]:
    """Mask the front matter and return (where the body starts, prose blocks from its fields)."""
    found = front_matter_end(text)
    if found is None:
        return 0, []
    end, delimiter = found
    mask_span(chars, 0, end)
    key_re = _YAML_KEY_RE if delimiter == "---" else _TOML_KEY_RE
    blocks: list[Block] = []
    lines = _lines(text, 0, end)[1:-1]
    i = 0
    while i < len(lines):
        start, stop = lines[i]
        m = key_re.match(text, start, stop)
        i += 1
        if not m or m.group("key").lower() not in PROSE_FIELDS:
            continue
        kind = PROSE_FIELDS[m.group("key").lower()]
        value_start, value_end = m.start("value"), stop
        raw = text[value_start:value_end].rstrip()
        value_end = value_start + len(raw)
        if raw in (">", "|", ">-", "|-", ">+", "|+") and delimiter == "---":
            # A block scalar: the value is the following, more indented lines.
            while i < len(lines) and (text[lines[i][0]:lines[i][1]].startswith((" ", "\t"))
                                      or not text[lines[i][0]:lines[i][1]].strip()):
                s, e = lines[i]
                _unmask(text, chars, s, e)
                blocks.append(Block(kind, s, e))
                i += 1
            continue
        if raw[:1] in "\"'" and len(raw) >= 2 and raw[-1] == raw[0]:
            value_start, value_end = value_start + 1, value_end - 1
        if value_end > value_start:
            _unmask(text, chars, value_start, value_end)
            blocks.append(Block(kind, value_start, value_end))
    return end, _merge_block_scalars(blocks)


def _unmask(text: str, chars: list[str], start: int, end: int) -> None:
    chars[start:end] = list(text[start:end])


def _merge_block_scalars(blocks: list[Block]) -> list[Block]:
    merged: list[Block] = []
    for block in blocks:
        if merged and merged[-1].kind == block.kind and block.start - merged[-1].end <= 2:
            merged[-1] = Block(block.kind, merged[-1].start, block.end)
        else:
            merged.append(block)
    return merged


def front_matter_values(text: str, keys: Iterable[str]) -> dict[str, str]:
    """The value of each of `keys` (lower case) set at the top level of the front matter.

    YAML `key: value` (quoted or not, a trailing `# comment` dropped) and TOML
    `key = "value"`; for a list (`[a, b]`, or YAML `- a` items on the next lines) the first
    item. Keys under a TOML [table] or indented under another YAML key are not read.
    """
    found = front_matter_end(text)
    wanted = {key.lower() for key in keys}
    if found is None or not wanted:
        return {}
    end, delimiter = found
    yaml = delimiter == "---"
    key_re = _YAML_KEY_RE if yaml else _TOML_KEY_RE
    lines = [text[start:stop] for start, stop in _lines(text, 0, end)[1:-1]]
    values: dict[str, str] = {}
    for i, line in enumerate(lines):
        if not yaml and line.lstrip().startswith("["):
            break  # a TOML table: what follows belongs to it
        m = key_re.match(line)
        key = m.group("key").lower() if m else ""
        if key not in wanted or key in values:
            continue
        raw = m.group("value").strip() if m else ""
        if yaml and (not raw or raw.startswith("#")):
            raw = _first_block_item(lines[i + 1:])
        value = _scalar(raw, yaml)
        if value:
            values[key] = value
    return values


def _first_block_item(lines: list[str]) -> str:
    """The first `- item` of a YAML block list (indented lines after `key:`), or ""."""
    for line in lines:
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if line[:1] in (" ", "\t", "-") and stripped.startswith("- "):
            return stripped[2:].strip()
        break
    return ""


def _scalar(raw: str, yaml: bool) -> str:
    """A value written in front matter, unquoted; a list's first item."""
    if raw.startswith("["):
        raw = raw[1:].split("]", 1)[0].split(",", 1)[0].strip()
    if raw[:1] in ("'", '"'):
        closing = raw.find(raw[0], 1)
        return raw[1:closing if closing > 0 else len(raw)].strip()
    if yaml:
        raw = raw.split(" #", 1)[0]
    return raw.strip()
