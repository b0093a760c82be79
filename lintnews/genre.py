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
import sys
from collections import Counter
from collections.abc import Callable, Iterable
from functools import lru_cache
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, NamedTuple

from lintnews.config import GenreLevel, Settings, genre_name, parse_genre_level
from lintnews.markup.frontmatter import front_matter_values
from lintnews.regex_store import regex

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
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    path = genres_file()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as err:
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
    best: str | None = None
    for key in table:
        if code.startswith(key) and (best is None or len(key) > len(best)):
            best = key
    return None if best is None else table[best]


def severity_resolver(genre: str, settings: Settings) -> Callable[[str], GenreLevel | None]:
    """For a rule code: the level it has in `genre` (or OFF), or None to keep the rule's own.

    Precedence, lowest to highest: the rule's default and context severity → the built-in
    genre default → the config's [severity] → the config's [genre.severity.GENRE].
    """
    builtin = builtin_genres().get(genre)
    layers: list[dict[str, GenreLevel]] = [
        builtin.severity if builtin else {},
        dict(settings.severity),
        settings.genre.severity.get(genre, {}),
    ]

    def level_for(code: str) -> GenreLevel | None:
        found: GenreLevel | None = None
        for layer in layers:
            level = _most_specific(layer, code) if layer else None
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


class Evidence(NamedTuple):
    """What a guess needs: cue weight per 1,000 words, and different cues."""

    per_1000_words: float
    distinct: int


# Each cue is a named alternative of one regular expression: "sports_score" is a cue of the
# genre "sports". Weights above 1 mark strong cues (a label, a rating, a result line).
_CUES: dict[str, tuple[int, str]] = {
    # Sports: results, positions, the vocabulary of play.
    "sports_score": (2, r"\b(?:won|win|wins|beat|beats|defeated|defeat|lost|draw|drew|victory"
                        r"|lead|led|trailing|trail)\s+(?:[\w'’]+\s+){0,4}?\d{1,3}\s?[–-]\s?\d{1,3}"
                        r"\b(?![–-]|\s?(?:per\s?cent|%|percent|votes?|years?|months?|days?))"
                        r"|\b\d{1,3} points to \d{1,3}\b"),
    "sports_goal": (1, r"\b(?:goals?|goalkeeper|equali[sz]er|own goal|hat-trick|penalty kick"
                       r"|penalty shoot-?out|free kick|corner kick|offside)\b"),
    "sports_position": (1, r"\b(?:striker|midfielder|winger|full-?back|fly-?half|scrum-?half"
                           r"|quarterback|pitcher|batsman|batter|bowler|wicket-?keeper"
                           r"|goalie|captain)s?\b"),
    "sports_coach": (1, r"\b(?:head coach|coach|manager|the referee|umpire)\b"),
    "sports_competition": (1, r"\b(?:league|premiership|world cup|[\w-]+ cup|tournament"
                              r"|grand slam|championships?|playoffs?|semi-?finals?"
                              r"|quarter-?finals?|round (?:\d+|one|two|three|four|five|six))\b"),
    "sports_match": (1, r"\b(?:match|matches|fixture|kick-?off|half-?time|full-?time"
                        r"|final whistle|extra time|injury time|stoppage time|the visitors"
                        r"|home side|away side|the hosts|home ground|season opener)\b"),
    "sports_cricket": (1, r"\b(?:innings|wickets?|overs|test match|run chase)\b"),
    "sports_rugby": (1, r"\b(?:scored a try|tries|scrum|line-?out|conversion kick|sin bin"
                        r"|yellow cards?|red cards?)\b"),
    "sports_gridiron": (1, r"\b(?:touchdowns?|field goal|end zone|inning|home runs?"
                           r"|slam dunk|rebounds|assists)\b"),
    "sports_season": (1, r"\b(?:this|last|next|the|regular|[12]\d{3}(?:[–-]\d{2,4})?)"
                         r" season\b"),
    "sports_medal": (1, r"\b(?:gold|silver|bronze) medal|\bpersonal best|\bworld record\b"),
    "sports_race": (1, r"\b\d+ ?(?:m|metres|meters|km) (?:hurdles|sprint|relay|freestyle"
                       r"|backstroke|breaststroke|butterfly|medley|steeplechase)\b"
                       r"|\bwith a time of\b|\b(?:finished|crossed) the (?:race|line)\b"
                       r"|\bthe (?:sprint|marathon|relay|peloton)\b"),
    "sports_title": (1, r"\b(?:defen[cs]e of (?:his|her|their|the) (?:\d{4} )?title"
                        r"|title defen[cs]e|defending champions?|reigning champions?"
                        r"|(?:won|win|wins|retained|clinched) the (?:title|trophy|pennant))\b"),
    # Reviews: a rating, the work under review, the craft of it.
    "review_stars": (3, r"[★☆]{2,}|\b(?:one|two|three|four|five|[1-5]) stars?\b(?! hotel)"
                        r"|\b\d(?:\.\d)?\s?/\s?(?:5|10)\b|\bout of (?:five|ten|5|10)\b"
                        r"|^\s*(?:rating|verdict|our verdict)\s*:"),
    "review_work": (1, r"\bthe (?:film|movie|album|novel|memoir|production|play|musical|sequel"
                       r"|debut album|game|record|ep|soundtrack|book)\b"),
    "review_craft": (1, r"\b(?:directed by|director|screenplay|cinematography|plot|gameplay"
                        r"|performances?|protagonist|the cast|cast of|storyline|narrative"
                        r"|soundtrack|runtime|chapters|the author|tracklist|melod(?:y|ies)"
                        r"|pacing|set pieces|dialogue|characters)\b"),
    "review_verdict": (1, r"\b(?:i (?:loved|enjoyed|liked|hated)|worth (?:seeing|watching"
                          r"|reading|a listen|the price)|must-see|disappointing|(?:a )?triumph"
                          r"|masterpiece|forgettable|overlong|underwhelming|gripping)\b"),
    # Opinion: a labelled column, a writer who says "I" and "we must" outside quotations.
    "opinion_label": (6, r"^\W{0,3}(?:opinion|comment|column|editorial|op-?ed|viewpoint"
                         r"|commentary|analysis and comment)\s*[:|—–-]\s"),
    "opinion_view": (2, r"\b(?-i:I) (?:think|believe|would argue|suspect|fear|doubt|am convinced"
                        r"|disagree|agree)\b|\bin my (?:view|opinion|experience)\b"
                        r"|\b(?:it seems to me|to my mind|as i see it)\b"),
    "opinion_exhort": (2, r"\b(?:we (?:must|should|need to|cannot|can't|ought to|have to)"
                          r"|let us|let's|it is time (?:for|to)|it's time (?:for|to)"
                          r"|make no mistake|the truth is|frankly)\b"),
    "opinion_first_person": (1, r"\b(?-i:I|I'm|I’m|I've|I’ve|I'd|I’d|my|me|myself)\b"),
    # Reader comments: "name wrote:" lines, a comment thread's furniture.
    "comments_wrote": (2, r"^\s*@?[\w.'’ -]{2,40}?\s+(?:wrote|writes|said|commented|replied)"
                          r"\s*:\s*$|^\s*@?[\w.'’-]{2,30}\s+(?:wrote|writes|replied):"),
    "comments_heading": (3, r"^\W*(?:reader comments|readers' comments|readers’ comments"
                            r"|comments \(\d+\)|\d+ comments|letters to the editor|your views"
                            r"|have your say)\b"),
    "comments_furniture": (1, r"\b(?:report abuse|recommend(?:ed)? \d+|\d+ (?:likes|replies)"
                              r"|reply to this comment|posted (?:on|at) \d|in reply to)\b"),
}
# How much a genre needs. Measured on the 291 Wikinews articles of benchmarks/corpus/news
# (news, three of them rugby match reports): these thresholds guess only those three, as sports.
_THRESHOLDS: dict[str, Evidence] = {
    "sports": Evidence(per_1000_words=25.0, distinct=5),
    "review": Evidence(per_1000_words=20.0, distinct=3),
    "opinion": Evidence(per_1000_words=14.0, distinct=3),
    "comments": Evidence(per_1000_words=20.0, distinct=2),
}
# Interview transcripts ("((WN)) How…", "NG: It is…") speak in the first person without
# quotation marks; a paragraph that opens with a speaker's label is not the writer's voice.
_SPEAKER_LABEL_RE = regex(r"\s*(?:\(\([^()\n]{1,40}\)\)|[A-Z][\w.'’ -]{0,30}:(?!\S))")
_CUES_RE = regex("|".join(f"(?P<{name}>{pattern})" for name, (_, pattern) in _CUES.items()),
                 re.IGNORECASE | re.MULTILINE)
MIN_WORDS = 80  # below this, no text carries enough evidence for a guess


def cue_counts(doc: Document) -> Counter[str]:
    """How often each cue occurs in the prose; first-person cues only in the writer's voice
    (outside quotations and outside interview answers)."""
    speaker_spans = [(p.start, p.end) for p in doc.paragraphs
                     if _SPEAKER_LABEL_RE.match(doc.text, p.start, p.end)]
    # A label ("Opinion:") is a label only over the headline and the first paragraphs.
    label_end = doc.paragraphs[2].end if len(doc.paragraphs) > 2 else len(doc.text)
    counts: Counter[str] = Counter()
    for match in _CUES_RE.finditer(doc.prose):
        name = match.lastgroup or ""
        start = match.start()
        if name == "opinion_label" and start >= label_end:
            continue
        if name.startswith("opinion_") and name != "opinion_label" and (
                doc.quotation_at(start) is not None
                or any(s <= start < e for s, e in speaker_spans)):
            continue
        counts[name] += 1
    return counts


def genre_evidence(counts: Counter[str], words: int) -> dict[str, Evidence]:
    """Per genre: weighted cues per 1,000 words and how many different cues there were."""
    weight: Counter[str] = Counter()
    distinct: Counter[str] = Counter()
    for name, count in counts.items():
        genre = name.split("_", 1)[0]
        weight[genre] += count * _CUES[name][0]
        distinct[genre] += 1
    return {genre: Evidence(round(1000 * weight[genre] / max(words, 1), 1), distinct[genre])
            for genre in weight}


def guess_genre(doc: Document) -> str | None:
    """The genre the content clearly is, or None (for news, or when in doubt)."""
    words = doc.word_count
    if words < MIN_WORDS:
        return None
    evidence = genre_evidence(cue_counts(doc), words)
    passing = [(found.per_1000_words / _THRESHOLDS[genre].per_1000_words, genre)
               for genre, found in evidence.items()
               if found.per_1000_words >= _THRESHOLDS[genre].per_1000_words
               and found.distinct >= _THRESHOLDS[genre].distinct]
    return max(passing)[1] if passing else None
