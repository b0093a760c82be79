"""Each document's group keys: section, year, month, author and outlet.

A key comes from, first to last: a path pattern in the config's [audit] table
(`section = "articles/{section}/**"`), the front matter (`[audit.front-matter]` keys, else the
defaults below), and then a fallback of its own:

- section: the first folder below the audited path;
- year, month: a date in the path (`2019/01/`, `2019-01-04-story.txt`), else a dateline near
  the top of the text: a short line with a date ("Friday, January 4, 2019",
  "LONDON, 4 January 2019", "2019-01-04");
- author: none;
- outlet: the audited path's own name (audit several outlets as several paths).

A document without a key is grouped under UNKNOWN.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from typing import NamedTuple

from lintnews.config import AUDIT_GROUPS, AuditSettings
from lintnews.markup.frontmatter import front_matter_values

UNKNOWN = "(unknown)"
DEFAULT_FRONT_MATTER: dict[str, tuple[str, ...]] = {
    "section": ("section", "desk", "category"),
    "year": ("date", "published", "pubdate", "publishdate"),
    "month": ("date", "published", "pubdate", "publishdate"),
    "author": ("author", "byline", "authors"),
    "outlet": ("outlet", "publisher", "publication"),
}
# How far into the text a dated line is looked for: a headline, a dek, a dateline.
DATED_LINES = 6
DATELINE_CHARS = 60

_MONTHS = {name: number for number, names in enumerate(
    [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
     ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
     ("october", "oct"), ("november", "nov"), ("december", "dec")], start=1)
    for name in names}
_MONTH = "(?P<month_name>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_ISO_DATE = re.compile(r"(?<!\d)(?P<year>(?:19|20)\d\d)[-/_.](?P<month>0[1-9]|1[0-2])"
                       r"(?:[-/_.](?:0[1-9]|[12]\d|3[01]))?(?!\d)")
_WRITTEN_DATES = (
    re.compile(_MONTH + r"\s+\d{1,2}(?:st|nd|rd|th)?,?\s+(?P<year>(?:19|20)\d\d)\b", re.I),
    re.compile(r"\b\d{1,2}(?:st|nd|rd|th)?\s+" + _MONTH + r",?\s+(?P<year>(?:19|20)\d\d)\b",
               re.I),
)
_YEAR_FOLDER = re.compile(r"(?:^|/)(?P<year>(?:19|20)\d\d)(?:/|$)")


class Keys(NamedTuple):
    """A document's group keys (UNKNOWN where none was found)."""

    section: str = UNKNOWN
    year: str = UNKNOWN
    month: str = UNKNOWN  # "2019-01"
    author: str = UNKNOWN
    outlet: str = UNKNOWN


def document_keys(relative: str, outlet: str, text: str, settings: AuditSettings) -> Keys:
    """The keys of the document at `relative` (a POSIX path below the audited path `outlet`
    names; "" when the document is the audited path itself) with text `text`."""
    found: dict[str, str] = {}
    for group, pattern in settings.paths.items():
        value = _from_pattern(pattern, relative).get(group)
        if value and group in ("year", "month"):
            value = _period(value, group)  # "01" alone is no month: the path's date is
        if value:
            found[group] = value
    wanted = {group: settings.front_matter.get(group, DEFAULT_FRONT_MATTER[group])
              for group in AUDIT_GROUPS if group not in found}
    if text.startswith(("---", "+++")) and wanted:
        values = front_matter_values(text, {k for keys in wanted.values() for k in keys})
        for group, keys in wanted.items():
            value = next((values[k] for k in keys if values.get(k)), "")
            if group in ("year", "month"):
                value = _period(value, group)
            if value:
                found[group] = value
    if "section" not in found and "/" in relative:
        found["section"] = relative.split("/", 1)[0]
    if "outlet" not in found and outlet:
        found["outlet"] = outlet
    if "year" not in found or "month" not in found:
        add_period(found, *_date_of(relative, text))
    return Keys(**found)


def add_period(keys: dict[str, str], year: str, month: str) -> None:
    """Give `keys` the year and month of a date ("" for none) where no better source named
    them; a month alone ("2020-03") names its year too."""
    if year:
        keys.setdefault("year", year)
    if month:
        keys.setdefault("month", month)
    if "month" in keys and "year" not in keys:
        keys["year"] = keys["month"][:4]


def _period(value: str, group: str) -> str:
    """A date written in front matter or a path as a year ("2019") or a month ("2019-01");
    "" for what names neither."""
    year, month = _date_in(value)
    return year if group == "year" else month


def period_of(value: str) -> tuple[str, str]:
    """(year, month) of a date such as "2019-01-04" or "January 4, 2019"; "" where none."""
    return _date_in(value)


def _date_of(relative: str, text: str) -> tuple[str, str]:
    """(year, month) from the path, else from a dated line near the top; "" for none."""
    year, month = _date_in(relative)
    if month:
        return year, month
    folder_year = _YEAR_FOLDER.search(relative)
    for line in text.lstrip("\ufeff").splitlines()[:DATED_LINES]:
        # A dateline is a short line of its own; a date inside a paragraph is something the
        # story tells of ("Born on December 11, 1935").
        if len(line.strip()) > DATELINE_CHARS:
            continue
        line_year, line_month = _date_in(line)
        if line_month:
            return line_year, line_month
    return (folder_year.group("year"), "") if folder_year else ("", "")


def _date_in(value: str) -> tuple[str, str]:
    """(year, month) of the first date in `value`: ISO-like or written out."""
    iso = _ISO_DATE.search(value)
    if iso:
        return iso.group("year"), f"{iso.group('year')}-{iso.group('month')}"
    for pattern in _WRITTEN_DATES:
        written = pattern.search(value)
        if written:
            year = written.group("year")
            month = _MONTHS[written.group("month_name").lower().rstrip(".")]
            return year, f"{year}-{month:02d}"
    bare = re.fullmatch(r"\s*((?:19|20)\d\d)\s*", value)
    return (bare.group(1), "") if bare else ("", "")


def _from_pattern(pattern: str, relative: str) -> Mapping[str, str]:
    """The {name} parts of `relative` matched by `pattern` ({} when it does not match).

    The pattern is matched against the path below the audited path; failing that, against
    any tail of it, so "articles/{section}/**" also works when `articles/` itself is audited
    from a folder further up.
    """
    whole, tail = _compiled(pattern)
    match = whole.fullmatch(relative) or tail.fullmatch(relative)
    return match.groupdict() if match else {}


@lru_cache(maxsize=64)
def _compiled(pattern: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    parts: list[str] = []
    for token in re.split(r"(\{\w+\}|\*\*/?|\*|\?)", pattern.strip("/")):
        if token.startswith("{"):
            parts.append(f"(?P<{token[1:-1]}>[^/]+)")
        elif token.startswith("**"):
            parts.append("(?:.*/)?" if token.endswith("/") else ".*")
        elif token == "*":
            parts.append("[^/]*")
        elif token == "?":
            parts.append("[^/]")
        else:
            parts.append(re.escape(token))
    body = "".join(parts)
    return re.compile(body), re.compile(f"(?:.*/)?{body}")
