"""Genres: a sports report, a review, a column or a page of reader comments is not news.

The same words carry different weight by genre: "insists his side can still win" is the form
of a match report, evaluation is the point of a review, the writer's view the point of a
column, and reader comments are the readers' words. Each file gets one genre, decided in this
order: `--genre` → a front-matter key (`genre`, `section`, `type`) → the config's
`[genre.paths]` → a guess from the content → "news". A genre changes the severity of rules
(or turns them off) through the data in rules/genres.toml and the config's
`[genre.severity.GENRE]`.

The content guess is deliberately conservative: a wrong guess hides real findings, so it
needs both many cues per 1,000 words and several different ones. It is one regular-expression
pass over the prose, whatever the number of rules.
"""

from __future__ import annotations

import fnmatch
import re
from collections import Counter
from collections.abc import Callable, Iterable
from functools import lru_cache
from itertools import pairwise
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, NamedTuple

from lintnews.cache.directory import parsed_toml
from lintnews.cache.patterns import regex
from lintnews.config import GenreLevel, Settings, genre_name, parse_genre_level
from lintnews.markup.frontmatter import front_matter_values
from lintnews.text.words import COMMON_WORDS

if TYPE_CHECKING:
    from lintnews.document.model import Document

DEFAULT_GENRE = "news"
GENRE_DATA_KEYS = {"why", "aliases", "severity"}
# "Sport/Football", "sport > rugby", "Opinion | Columnists": the first part names the genre.
_COMPONENT_SEPARATORS = ("/", ">", "|", "»", "›", ":", ",", ";")


class GenreError(Exception):
    """rules/genres.toml is broken: a bug in lintnews' own data, reported in one line."""


class Genre(NamedTuple):
    name: str
    why: str
    aliases: tuple[str, ...]
    severity: dict[str, GenreLevel]  # rule code or code prefix → level or OFF


def genres_file() -> Path:
    from lintnews.engine.registry import GENRES_FILE, builtin_packs_dir

    return builtin_packs_dir() / GENRES_FILE


@lru_cache(maxsize=1)  # read-only data, read once per process
def builtin_genres() -> dict[str, Genre]:
    """The built-in genres of rules/genres.toml, by name."""
    path = genres_file()
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise GenreError(f"{path}: cannot read the built-in genres: {err}") from None
    try:
        data = parsed_toml(text)  # remembered between runs
    except ValueError as err:  # tomllib.TOMLDecodeError
        raise GenreError(f"{path}: cannot read the built-in genres: {err}") from None
    genres: dict[str, Genre] = {}
    for name, table in data.items():
        where = f"{path}: genre '{name}'"
        if not isinstance(table, dict) or set(table) - GENRE_DATA_KEYS:
            raise GenreError(f"{where}: a genre has only {', '.join(sorted(GENRE_DATA_KEYS))}")
        severity = table.get("severity", {})
        aliases = table.get("aliases", [])
        if not isinstance(aliases, list) or not isinstance(severity, dict):
            raise GenreError(f"{where}: aliases is a list and severity a table")
        try:
            genres[genre_name(name)] = Genre(
                name, str(table.get("why", "")), tuple(a.lower() for a in aliases),
                {code.upper(): parse_genre_level(level) for code, level in severity.items()})
        except (ValueError, AttributeError) as err:
            raise GenreError(f"{where}: {err}") from None
    if DEFAULT_GENRE not in genres:
        raise GenreError(f"{path}: the default genre '{DEFAULT_GENRE}' is missing")
    return genres


def known_genres(settings: Iterable[Settings]) -> list[str]:
    """Built-in genres and those the given configs define, sorted."""
    names = set(builtin_genres())
    for one in settings:
        names |= one.genre.genres
    return sorted(names)


# --- severities ---------------------------------------------------------------------------


def _most_specific(table: dict[str, GenreLevel], code: str) -> GenreLevel | None:
    """The entry of the longest key that is `code` or a prefix of it ("LN2" for LN204)."""
    for end in range(len(code), 0, -1):
        level = table.get(code[:end])
        if level is not None:
            return level
    return None


def severity_resolver(genre: str, settings: Settings) -> Callable[[str], GenreLevel | None]:
    """For a rule code: the level it has in `genre` (or OFF), or None to keep the rule's own.

    Precedence, lowest to highest: the rule's default and context severity → the built-in
    genre default → the config's [severity] → the config's [genre.severity.GENRE].
    """
    builtin = builtin_genres().get(genre)
    layers: list[dict[str, GenreLevel]] = [layer for layer in (
        builtin.severity if builtin else {},
        dict(settings.severity),
        settings.genre.severity.get(genre, {}),
    ) if layer]

    def level_for(code: str) -> GenreLevel | None:
        found: GenreLevel | None = None
        for layer in layers:
            level = _most_specific(layer, code)
            if level is not None:
                found = level
        return found

    return level_for


# --- deciding a file's genre ----------------------------------------------------------------


def genre_for_value(value: str, settings: Settings) -> str | None:
    """The genre a front-matter value names: the config's aliases first, then the built-in
    ones; "Sport/Football" by its first part when the whole names none."""
    def lookup(text: str) -> str | None:
        key = " ".join(text.lower().split())
        if key in settings.genre.aliases:
            return settings.genre.aliases[key]
        if key in settings.genre.genres:
            return key
        return next((g.name for g in builtin_genres().values()
                     if key in g.aliases or key == g.name), None)

    found = lookup(value)
    if found is None:
        first = value
        for separator in _COMPONENT_SEPARATORS:
            first = first.split(separator, 1)[0]
        if first.strip() and first != value:
            found = lookup(first)
    return found


def genre_for_path(settings: Settings, relative_path: Path | None) -> str | None:
    """The genre of the first [genre.paths] glob that matches the file (relative to the
    config file's folder)."""
    if relative_path is None or not settings.genre.paths:
        return None
    posix = PurePosixPath(relative_path.as_posix())
    for pattern, genre in settings.genre.paths.items():
        if fnmatch.fnmatch(str(posix), pattern) or posix.match(pattern):
            return genre
    return None


def decide_genre(doc: Document, settings: Settings, relative_path: Path | None,
                 forced: str | None = None) -> str:
    """The genre of one file: --genre, front matter, [genre.paths], a content guess, news."""
    if forced:
        return forced
    keys = settings.genre.keys
    values = front_matter_values(doc.text, keys)
    for key in keys:
        if key in values:
            named = genre_for_value(values[key], settings)
            if named is not None:
                return named
    by_path = genre_for_path(settings, relative_path)
    if by_path is not None:
        return by_path
    if settings.genre.guess:
        guessed = guess_genre(doc)
        if guessed is not None:
            return guessed
    return DEFAULT_GENRE


# --- the content guess ----------------------------------------------------------------------
#
# The guess counts words and two-word phrases in the document's word index (the one the
# rules' matcher builds anyway, Document.word_starts), so it costs next to nothing however
# many cues there are. Where a cue needs more (a scoreline, a line that opens with a label,
# first person outside quotations), a small second step looks, and the costliest of these
# runs only when the cheap counts show that the genre could pass.


class Evidence(NamedTuple):
    """What a guess needs: cue weight per 1,000 words, and different cues."""

    per_1000_words: float
    distinct: int


class Cue(NamedTuple):
    weight: int  # above 1 for a strong cue: a label, a rating, a result
    words: frozenset[str]  # single words, lower case
    pairs: frozenset[tuple[str, str]]  # two-word phrases, lower case


_WORD_RE = regex(r"[^\W_]+")  # a word as the word index splits it


def _cue(weight: int, *phrases: str) -> Cue:
    """A cue from phrases of one or two words ("hurdles", "final whistle"); a word written
    with a hyphen or apostrophe is two here ("half-time", "let's"), as the word index has it."""
    words, pairs = set(), set()
    for phrase in phrases:
        parts = _WORD_RE.findall(phrase.lower())
        if len(parts) == 1:
            words.add(parts[0])
        elif len(parts) == 2:
            pairs.add((parts[0], parts[1]))
        else:
            raise ValueError(f"a cue is one or two words, not {phrase!r}")
    return Cue(weight, frozenset(words), frozenset(pairs))


_NUMBERS = ("1", "2", "3", "4", "5", "6", "7", "8", "9", "one", "two", "three", "four", "five",
            "six")
# Cue names are "genre_what": "sports_goal" is a cue of the genre "sports".
_CUES: dict[str, Cue] = {
    "sports_goal": _cue(1, "goal", "goals", "goalkeeper", "equaliser", "equalizer", "offside",
                        "hat-trick", "penalty kick", "free kick", "corner kick",
                        "penalty shootout"),
    "sports_position": _cue(1, "striker", "strikers", "midfielder", "midfielders", "winger",
                            "fullback", "quarterback", "pitcher", "batsman", "batsmen", "bowler",
                            "goalie", "captain", "fly-half", "scrum-half", "full-back",
                            "wicket-keeper"),
    "sports_coach": _cue(1, "coach", "coaches", "referee", "umpire"),
    "sports_competition": _cue(1, "league", "premiership", "tournament", "championship",
                               "championships", "playoff", "playoffs", "semi-final",
                               "semi-finals", "quarter-final", "quarter-finals", "grand slam",
                               "world cup", *(f"round {n}" for n in _NUMBERS)),
    "sports_match": _cue(1, "match", "matches", "fixture", "kick-off", "kickoff", "half-time",
                         "halftime", "full-time", "final whistle", "extra time", "injury time",
                         "stoppage time", "the visitors", "home side", "away side", "the hosts",
                         "home ground"),
    "sports_cricket": _cue(1, "innings", "wicket", "wickets", "test match", "run chase"),
    "sports_rugby": _cue(1, "tries", "scrum", "lineout", "line-out", "sin bin", "yellow card",
                         "yellow cards", "red card", "red cards", "conversion kick"),
    "sports_gridiron": _cue(1, "touchdown", "touchdowns", "inning", "field goal", "end zone",
                            "home run", "home runs", "slam dunk"),
    "sports_season": _cue(1, "this season", "last season", "next season", "the season",
                          "regular season"),
    "sports_medal": _cue(1, "gold medal", "silver medal", "bronze medal", "personal best",
                         "world record"),
    "sports_race": _cue(1, "hurdles", "steeplechase", "marathon", "peloton", "relay",
                        "freestyle", "backstroke", "breaststroke"),
    "sports_title": _cue(1, "defending champion", "defending champions", "reigning champion",
                         "title defence", "title defense"),
    "review_rating": _cue(3, *(f"{n} stars" for n in _NUMBERS[:5] + _NUMBERS[9:14]),
                         "one star", "1 star"),
    "review_work": _cue(1, "the film", "the movie", "the album", "the novel", "the memoir",
                        "the production", "the musical", "the sequel", "the soundtrack"),
    "review_craft": _cue(1, "director", "directed by", "screenplay", "cinematography", "plot",
                         "gameplay", "the cast", "cast of", "protagonist", "storyline",
                         "runtime", "chapters", "tracklist", "pacing", "dialogue", "characters"),
    "review_verdict": _cue(1, "masterpiece", "forgettable", "overlong", "underwhelming",
                           "gripping", "disappointing", "triumph", "must-see", "worth seeing",
                           "worth watching", "worth reading", "i loved", "i enjoyed"),
    "opinion_view": _cue(2, "i think", "i believe", "i suspect", "i fear", "i doubt",
                         "my view", "my opinion", "to me"),
    "opinion_exhort": _cue(2, "we must", "we should", "we need", "we cannot", "we ought",
                           "let us", "let's", "no mistake", "frankly"),
    "opinion_first_person": _cue(1, "my", "me", "myself"),  # and "I", counted by case
    "comments_furniture": _cue(1, "report abuse", "this comment"),
    "business_market": _cue(1, "shares", "stocks", "stock market", "share price", "nasdaq",
                            "dow", "ftse", "nikkei", "dax", "bond", "bonds", "yields",
                            "treasuries", "benchmark index", "basis points"),
    "business_results": _cue(1, "earnings", "revenue", "revenues", "profit", "profits",
                             "quarterly", "dividend", "guidance", "sales", "margins",
                             "fiscal year", "full-year", "per share"),
    "business_macro": _cue(1, "inflation", "interest rates", "central bank", "gdp", "recession",
                           "economists", "output", "unemployment rate", "rate cut",
                           "rate cuts", "rate hike", "rate hikes"),
    "business_actors": _cue(1, "investors", "traders", "analysts", "shareholders",
                            "chief executive", "ceo", "the company", "the firm", "the lender"),
}
_OPINION_CUES = tuple(name for name in _CUES if name.startswith("opinion_"))
# Cues found another way; their weights.
_SCORE, _LABEL, _WROTE, _COMMENTS_HEADING = (
    "sports_score", "opinion_label", "comments_wrote", "comments_heading")
_RATING = "review_rating"  # a word cue ("four stars"), also found as "★★★★" and "4/5"
_WEIGHTS = {name: cue.weight for name, cue in _CUES.items()} | {
    _SCORE: 2, _LABEL: 6, _WROTE: 2, _COMMENTS_HEADING: 3}
# "won 2–1", "a 24-10 win", "45 points to 24": a number pair near a result.
_SCORE_RE = regex(r"[0-9]{1,3}(?:\s?[–-]\s?| points to )[0-9]{1,3}(?![0-9]|\s?(?:per|%))")
_RESULT_WORDS = frozenset({"won", "win", "wins", "beat", "beats", "defeated", "defeat", "lost",
                           "draw", "drew", "victory", "lead", "led", "trailing", "points",
                           "loss"})
_RATING_RE = regex(r"[0-9](?:\.[0-9])?\s?/\s?(?:10|5)(?![0-9])|[★☆]{2,}")
_RATING_MARKS = ("/", "★", "☆")  # what a rating _RATING_RE finds must contain
# At the start of the headline or an opening paragraph: "Opinion:", "Comment |", "Verdict:".
_LABEL_RE = regex(r"\W{0,3}(?P<opinion>opinion|comment|column|editorial|op-?ed|viewpoint"
                  r"|commentary)\s*[:|—–-]\s|\W{0,3}(?P<review>rating|verdict|our verdict)\s*:"
                  r"|\W{0,3}(?P<comments>reader comments|readers['’] comments|comments \(\d+\)"
                  r"|\d+ comments|letters to the editor|your views|have your say)\b",
                  re.IGNORECASE)
_WROTE_RE = regex(r"^[ \t>*-]*@?[\w.'’ -]{2,40}?\s+(?:wrote|writes|commented|replied)\s*:",
                  re.MULTILINE | re.IGNORECASE)
# Interview transcripts ("((WN)) How…", "NG: It is…") speak in the first person without
# quotation marks; a paragraph that opens with a speaker's label is not the writer's voice.
_SPEAKER_LABEL_RE = regex(r"\s*(?:\(\([^()\n]{1,40}\)\)|[A-Z][\w.'’ -]{0,30}:(?!\S))")
# How much a genre needs. Measured on the 291 Wikinews articles of benchmarks/corpus/news
# (news, three of them rugby match reports): these thresholds guess only those three, as sports.
_THRESHOLDS: dict[str, Evidence] = {
    "sports": Evidence(per_1000_words=25.0, distinct=5),
    "review": Evidence(per_1000_words=20.0, distinct=3),
    "opinion": Evidence(per_1000_words=14.0, distinct=3),
    "comments": Evidence(per_1000_words=20.0, distinct=2),
    # a market or company report: all four kinds of cue, densely (an economy story in the
    # news pages names a rate or an analyst, not shares, results and investors together)
    "business": Evidence(per_1000_words=30.0, distinct=4),
}
MIN_WORDS = 80  # below this, no text carries enough evidence for a guess


def _index_keys() -> tuple[dict[str, list[str]], dict[str, list[tuple[str, str]]]]:
    """The word index's keys of each cue: "w:word" for a word, "b:first second" for a phrase
    that opens with a common word (the index has those pairs); and the other phrases, looked
    for by position from their first word: "w:first" → (second, cue name)."""
    by_key: dict[str, list[str]] = {}
    by_first: dict[str, list[tuple[str, str]]] = {}
    for name, cue in _CUES.items():
        for word in cue.words:
            by_key.setdefault(f"w:{word}", []).append(name)
        for first, second in cue.pairs:
            if first in COMMON_WORDS:
                by_key.setdefault(f"b:{first} {second}", []).append(name)
            else:
                by_first.setdefault(f"w:{first}", []).append((second, name))
    return by_key, by_first


_INDEX_KEYS, _OTHER_PAIRS = _index_keys()


def _pair_count(index: dict[str, list[int]], lowered: str, first: list[int], first_length: int,
                second: str) -> int:
    """How often `second` follows the word at `first` with only spaces or a hyphen between."""
    seconds = index.get("w:" + second)
    if not seconds:
        return 0
    ends = {start + first_length for start in first}
    found = 0
    for start in seconds:
        gap = start
        while gap > 0 and lowered[gap - 1] in " \t\n-":
            gap -= 1
        found += gap < start and gap in ends
    return found


def _word_cue_counts(doc: Document) -> Counter[str]:
    """Occurrences of the word-and-phrase cues, from the document's word index."""
    index, lowered = doc.word_starts, doc.lowered
    counts: Counter[str] = Counter()
    for key in _INDEX_KEYS.keys() & index.keys():
        for name in _INDEX_KEYS[key]:
            counts[name] += len(index[key])
    for key in _OTHER_PAIRS.keys() & index.keys():
        for second, name in _OTHER_PAIRS[key]:
            counts[name] += _pair_count(index, lowered, index[key], len(key) - 2, second)
    # "I" is a first-person cue as a capital (the index is lower case): the roman numeral
    # aside, it always is one.
    counts["opinion_first_person"] += sum(1 for start in index.get("w:i", ())
                                          if doc.prose[start:start + 1] == "I")
    return counts


def _writer_voice(doc: Document) -> str:
    """The prose outside quotations and outside interview answers."""
    chars = list(doc.prose)
    spans = [(q.start, q.end) for q in doc.quotations]
    spans += [(p.start, p.end) for p in doc.paragraphs
              if _SPEAKER_LABEL_RE.match(doc.text, p.start, p.end)]
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    return "".join(chars)


def _writer_voice_counts(doc: Document) -> Counter[str]:
    """The opinion cues, counted in the writer's voice only (the rare text that needs it)."""
    voice = _writer_voice(doc)
    tokens = _WORD_RE.findall(voice)
    lowered = [token.lower() for token in tokens]
    words = Counter(lowered)
    pairs = Counter(pairwise(lowered))
    counts: Counter[str] = Counter()
    for name in _OPINION_CUES:
        cue = _CUES[name]
        counts[name] = sum(words[w] for w in cue.words) + sum(pairs[p] for p in cue.pairs)
    counts["opinion_first_person"] += tokens.count("I")
    return counts


def cue_counts(doc: Document) -> Counter[str]:
    """How often each cue occurs in the prose; first-person and opinion cues only in the
    writer's voice (outside quotations and interview answers)."""
    prose = doc.prose
    counts = _word_cue_counts(doc)
    opening = {p.index for p in doc.paragraphs[:3]}
    for paragraph in doc.paragraphs:
        if paragraph.index not in opening and not paragraph.is_heading:
            continue
        label = _LABEL_RE.match(prose, paragraph.start, paragraph.end)
        if label is None or (label.lastgroup == "opinion" and paragraph.index not in opening):
            continue
        counts[{"opinion": _LABEL, "review": _RATING, "comments": _COMMENTS_HEADING}[
            label.lastgroup or ""]] += 1
    # The cues below take a look at the text; each is looked for only when the genre could
    # pass with it (it adds one different cue at most).
    words = doc.word_count
    evidence = genre_evidence(counts, words)
    if _could_pass("sports", evidence):
        lowered = doc.lowered
        for match in _SCORE_RE.finditer(prose):
            before = _WORD_RE.findall(lowered, max(0, match.start() - 40), match.start())
            if _RESULT_WORDS.intersection(before[-5:]) or "points to" in match.group():
                counts[_SCORE] += 1
    if _could_pass("review", evidence) and any(mark in prose for mark in _RATING_MARKS):
        for match in _RATING_RE.finditer(prose):
            if match.start() == 0 or not prose[match.start() - 1].isalnum():
                counts[_RATING] += 1
    index = doc.word_starts
    if any("w:" + word in index for word in ("wrote", "writes", "commented", "replied")):
        counts[_WROTE] = len(_WROTE_RE.findall(prose))
    if _passes("opinion", genre_evidence(counts, words)):
        # Enough even with the quotations: count again without them and interview answers.
        voice = _writer_voice_counts(doc)
        for name in _OPINION_CUES:
            counts[name] = voice[name]
    else:
        for name in _OPINION_CUES:
            counts.pop(name, None)  # too little even with every quotation counted
    return +counts


def genre_evidence(counts: Counter[str], words: int) -> dict[str, Evidence]:
    """Per genre: weighted cues per 1,000 words and how many different cues there were."""
    weight: Counter[str] = Counter()
    distinct: Counter[str] = Counter()
    for name, count in counts.items():
        if count <= 0:
            continue
        genre = name.split("_", 1)[0]
        weight[genre] += count * _WEIGHTS[name]
        distinct[genre] += 1
    return {genre: Evidence(round(1000 * weight[genre] / max(words, 1), 1), distinct[genre])
            for genre in weight}


def _could_pass(genre: str, evidence: dict[str, Evidence]) -> bool:
    """Whether one more different cue could make `genre` pass (rate aside: a cue found by
    looking may occur any number of times)."""
    found = evidence.get(genre)
    return found is not None and found.distinct + 1 >= _THRESHOLDS[genre].distinct


def _passes(genre: str, evidence: dict[str, Evidence]) -> bool:
    found, needed = evidence.get(genre), _THRESHOLDS[genre]
    return found is not None and found.per_1000_words >= needed.per_1000_words \
        and found.distinct >= needed.distinct


def guess_genre(doc: Document) -> str | None:
    """The genre the content clearly is, or None (for news, or when in doubt)."""
    words = doc.word_count
    if words < MIN_WORDS:
        return None
    evidence = genre_evidence(cue_counts(doc), words)
    passing = [(evidence[genre].per_1000_words / _THRESHOLDS[genre].per_1000_words, genre)
               for genre in _THRESHOLDS if _passes(genre, evidence)]
    return max(passing)[1] if passing else None
