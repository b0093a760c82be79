"""Framing euphemisms for annexed territory: 'recovered', 'reunited', 'liberated'."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

from lintnews.cache.directory import parsed_toml
from lintnews.cache.patterns import regex
from lintnews.checks import rule
from lintnews.document.model import Document
from lintnews.engine.rule_types import Context, Hit

TERRITORIES_FILE = Path(__file__).parent / "data" / "territories.toml"
_EUPHEMISM_RE = regex(
    r"\b(?:recover(?:ed|y|ing)?|reunit(?:ed|ing|ification)|reunif(?:ied|ication|y)|return(?:ed|ing)?"
    r"(?= to)|reclaim(?:ed|ing)?|liberat(?:ed|ion|ing)|regain(?:ed|ing)?|restor(?:ed|ation|ing)"
    r"|took back|taken back|rejoin(?:ed|ing)?|reincorporat(?:ed|ion)|homecoming)\b",
    re.IGNORECASE)
# Words that carry the annexing power's framing by themselves, with or without its name.
_SELF_FRAMING_RE = regex(r"reunit|reunif|liberat|homecoming", re.IGNORECASE)
WINDOW = 60  # characters between the verb and the territory name


@lru_cache(maxsize=1)
def _territories() -> tuple[tuple[tuple[str, ...], re.Pattern[str], re.Pattern[str]], ...]:
    """(names, names pattern, annexing powers pattern) for each territory (read on the rule's
    first hit, the parsed TOML remembered between runs)."""
    data = parsed_toml(TERRITORIES_FILE.read_text(encoding="utf-8"))
    out = []
    for entry in data["territory"]:
        names = "|".join(re.escape(n) for n in entry["names"])
        powers = "|".join(re.escape(p) for p in entry["annexed_by"])
        out.append((tuple(entry["names"]), regex(rf"\b(?:{names})\b"),
                    regex(rf"\b(?:{powers})\b")))
    return tuple(out)


@rule(code="LN209", name="annexation-euphemism", category="loaded-language", severity="warning",
      summary="'Recovered', 'reunited' or 'liberated' said of a territory whose annexation is not "
              "recognised; neutral usage is 'annexed'.",
      source="Reuters and AP usage ('Russia annexed Crimea in 2014'); UN General Assembly "
             "resolution 68/262; BBC Editorial Guidelines on contested terms",
      bad=["It is further complicated by territorial disputes, like Crimea, recovered from "
           "Ukraine by Russia in 2014."],
      good=["Russia annexed Crimea from Ukraine in 2014.",
            "Ukraine has vowed to recover Crimea.",
            "Israel captured East Jerusalem in 1967 and later annexed it.",
            "Putin said Crimea had been reunited with Russia."])
def annexation_euphemism(doc: Document, ctx: Context) -> Iterator[Hit]:
    """Why is this bad? Words such as "recovered", "reunited", "returned to" and "liberated"
    adopt the annexing power's framing of a territory's status, which the UN and most states
    reject. Wire services write "annexed". "Reunified" and "liberated" carry that framing by
    themselves; "recovered", "returned" and "regained" fire only when the annexing power is
    named in the same sentence, so "Ukraine has vowed to recover Crimea" stays silent. The
    rule is silent in attributed reported speech and quotations. The territory list is data
    (lintnews/checks/data/territories.toml)."""
    # A substring test first: most articles name no territory on the list.
    territories = [(names, powers) for plain, names, powers in _territories()
                   if any(n in doc.prose for n in plain) and names.search(doc.prose)]
    if not territories:
        return
    for sentence in doc.sentences:
        text = doc.prose[sentence.start: sentence.end]
        for names, powers in territories:
            place = names.search(text)
            if not place:
                continue
            power_named = bool(powers.search(text))
            for m in _EUPHEMISM_RE.finditer(text):
                if not power_named and not _SELF_FRAMING_RE.match(m.group()):
                    continue
                gap = (m.start() - place.end() if m.start() >= place.end()
                       else place.start() - m.end())
                start = sentence.start + m.start()
                if gap <= WINDOW and not doc.is_reported_speech(start, sentence.start + m.end()):
                    yield Hit(start, sentence.start + m.end(),
                              f"'{m.group()}' adopts the annexing power's framing of "
                              f"{place.group()}; neutral usage is 'annexed'.", ("annexed",))
                    break
