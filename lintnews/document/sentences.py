"""A sentence splitter that knows news copy: titles, months, states, initials, a.m./p.m."""

from __future__ import annotations

import re

from lintnews.cache.patterns import regex

# Abbreviations that do not end a sentence when followed by a capitalised word. Titles count
# only when capitalised ("Rep. Smith"; but "a sales rep. The …").
TITLE_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "gov", "sen", "rep", "gen", "col", "lt", "sgt", "capt",
    "cmdr", "adm", "maj", "cpl", "pvt", "rev", "fr", "st", "mt", "ft", "hon", "pres", "supt",
    "insp", "det", "atty", "messrs", "mme", "mlle", "sr", "jr",
}
OTHER_ABBREVIATIONS = {
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "inc", "corp", "co", "ltd", "bros", "vol", "vs", "v", "approx", "est", "dept", "univ",
    "ave", "blvd", "rd", "e.g", "i.e", "cf", "al", "etc", "fig", "pp", "op",
}
# AP state abbreviations: capitalised, and they can end a sentence ("… in Cupertino, Calif.
# It employs …"), so they end one before a sentence starter, like a.m. and U.S.
STATE_ABBREVIATIONS = {
    "ala", "ariz", "ark", "calif", "colo", "conn", "del", "fla", "ga", "ill", "ind", "kan",
    "ky", "la", "md", "mass", "mich", "minn", "miss", "mo", "mont", "neb", "nev", "okla",
    "ore", "pa", "tenn", "vt", "va", "wash", "wis", "wyo",
}
# "No. 10" abbreviates a number only before one; "He said no. The deal …" ends a sentence.
NUMBER_ABBREVIATIONS = {"no", "nos"}
# Dotted forms that can end a sentence ("… at 9 a.m. Police said …").
AMBIGUOUS_DOTTED = {"a.m", "p.m", "u.s", "u.k", "u.n", "e.u", "d.c", "u.s.a", "etc", "inc",
                    "co", "corp", "ltd", "jr", "sr"}
# Words that, after an ambiguous abbreviation, show that a new sentence began.
SENTENCE_STARTERS = {
    "the", "a", "an", "he", "she", "it", "they", "we", "i", "you", "but", "and", "in", "on",
    "at", "this", "that", "these", "those", "there", "his", "her", "their", "its", "our",
    "police", "officials", "however", "meanwhile", "after", "before", "when", "while", "if",
    "as", "no", "one", "two", "three", "some", "many", "most", "both", "earlier", "later",
}

_BOUNDARY_RE = regex(
    r"(?:[.!?]+|…)(?P<close>[\"'”’)\]]*)(?P<space>\s+)(?=(?P<next>[\"'“‘(\[]*[A-Z0-9À-Ý]))"
)
_TOKEN_BEFORE_RE = regex(r"([A-Za-z][A-Za-z.]*)$")
_NEXT_WORD_RE = regex(r"[\"'“‘(\[]*([A-Za-z]+)")
# '"What now?" Smith asked.': a speaker and a verb of saying continue the sentence.
_SPEAKER_AFTER_RE = regex(
    r"[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,2}\s+(?:said|says|asked|asks|added|replied|"
    r"shouted|yelled|cried|wondered|wrote|told)\b")


def _is_boundary(text: str, match: re.Match[str], start: int) -> bool:
    punct = text[match.start(): match.start("close")]
    if "?" in punct or "!" in punct or "…" in punct or len(punct) > 1:
        return not match.group("close") or _quote_closes_sentence(text, match)
    before = _TOKEN_BEFORE_RE.search(text, start, match.start())
    if before is None or match.group("close"):
        return True
    word = before.group(1)
    token = word.lower()
    following = _NEXT_WORD_RE.match(text, match.end())
    next_word = following.group(1).lower() if following else ""
    if token in AMBIGUOUS_DOTTED:
        return next_word in SENTENCE_STARTERS
    if token in NUMBER_ABBREVIATIONS:
        return not text[match.end():match.end() + 1].isdigit()
    if token in STATE_ABBREVIATIONS and word[0].isupper():
        return next_word in SENTENCE_STARTERS
    if (token in TITLE_ABBREVIATIONS and word[0].isupper()) or token in OTHER_ABBREVIATIONS:
        return False
    if len(token) == 1 and token.isalpha() and before.group(1).isupper():
        return False  # a middle initial: "John F. Kennedy"
    return "." not in token or token.count(".") < 1 or len(token.replace(".", "")) > 3


def _quote_closes_sentence(text: str, match: re.Match[str]) -> bool:
    # '"Is it over?" she asked' continues; '"It is over!" The crowd …' does not.
    following = _NEXT_WORD_RE.match(text, match.end())
    if following and _SPEAKER_AFTER_RE.match(text, following.start(1)):
        return False
    return not following or following.group(1)[0].isupper()


def split_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split text[start:end] into sentence spans (offsets into `text`, trimmed)."""
    spans: list[tuple[int, int]] = []
    cursor = start
    for match in _BOUNDARY_RE.finditer(text, start, end):
        if _is_boundary(text, match, cursor):
            stop = match.start("space")
            if stop > cursor:
                spans.append((cursor, stop))
            cursor = match.end()
    if cursor < end:
        spans.append((cursor, end))
    trimmed = []
    for s, e in spans:
        segment = text[s:e]
        left = len(segment) - len(segment.lstrip())
        right = len(segment.rstrip())
        if right > left:
            trimmed.append((s + left, s + right))
    return trimmed
