"""Configuration: `[tool.lintnews]` in pyproject.toml, or lintnews.toml / .lintnews.toml.

The nearest config file is found by walking up from each linted file. Unknown keys and bad
values are errors that name the file and the key: a typo must never silently do nothing.
"""

from __future__ import annotations

import string
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from lintnews.severity import Severity

SPELLINGS = ("us", "uk")  # of lintnews' own messages and suggestions (lintnews.engine.spelling)
DEFAULT_SPELLING = "us"  # AP style, the wire desks' default
CONFIG_NAMES = ("lintnews.toml", ".lintnews.toml", "pyproject.toml")
FAIL_ON = ("error", "warning", "info", "never")


class ConfigError(Exception):
    """A config file that cannot be used; the message names the file and the key."""


class Readability(NamedTuple):
    sentence_words_info: int = 30
    sentence_words_warning: int = 40
    lead_words_info: int = 30
    lead_words_warning: int = 40
    paragraph_words: int = 70
    paragraph_sentences: int = 4


@dataclass(frozen=True)
class Vocabulary:
    reject: dict[str, str] = field(default_factory=dict)  # term → preferred ("" for none)
    accept: tuple[str, ...] = ()  # terms no rule may flag


OFF = "off"  # a genre severity: the rule is not reported in that genre
GenreLevel = Severity | str  # a Severity, or OFF
DEFAULT_GENRE_KEYS = ("genre", "section", "type")


@dataclass(frozen=True)
class GenreSettings:
    """The [genre] table: how a file's genre is decided, and per-genre severities."""

    keys: tuple[str, ...] = DEFAULT_GENRE_KEYS  # front-matter keys read, first that names one
    guess: bool = True  # guess from the content when nothing else decides
    paths: dict[str, str] = field(default_factory=dict)  # glob (from the config's folder) → genre
    aliases: dict[str, str] = field(default_factory=dict)  # front-matter value (lower) → genre
    severity: dict[str, dict[str, GenreLevel]] = field(default_factory=dict)  # genre → code → level

    @property
    def genres(self) -> set[str]:
        """The genres this config names: a config may define its own (e.g. "obituary")."""
        return {*self.paths.values(), *self.aliases.values(), *self.severity}


AUDIT_GROUPS = ("section", "year", "month", "author", "outlet")  # what `lintnews audit --by` takes
AUDIT_KEYS = {*AUDIT_GROUPS, "front-matter", "batch-size"}


@dataclass(frozen=True)
class AuditSettings:
    """The [audit] table: where `lintnews audit` finds each document's group keys."""

    # group → a path pattern naming it, as "articles/{section}/**"
    paths: dict[str, str] = field(default_factory=dict)
    # group → the front-matter keys read for it, first found wins ([audit.front-matter])
    front_matter: dict[str, tuple[str, ...]] = field(default_factory=dict)
    batch_size: int | None = None  # documents per batch (and checkpoint)


@dataclass(frozen=True)
class Settings:
    path: Path | None = None  # the config file, None for defaults
    select: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    fail_on: str = "warning"
    exclude: tuple[str, ...] = ()
    per_path_ignores: dict[str, tuple[str, ...]] = field(default_factory=dict)
    severity: dict[str, Severity] = field(default_factory=dict)
    rule_packs: tuple[Path, ...] = ()
    lexicons: tuple[Path, ...] = ()  # house lexicon files, after the built-in rules/lexicon.tsv
    readability: Readability = field(default_factory=Readability)
    vocabulary: Vocabulary = field(default_factory=Vocabulary)
    spelling: str = DEFAULT_SPELLING  # of lintnews' own messages and suggestions: "us" or "uk"
    genre: GenreSettings = field(default_factory=GenreSettings)
    audit: AuditSettings = field(default_factory=AuditSettings)

    @property
    def root(self) -> Path:
        return self.path.parent if self.path else Path.cwd()


TOP_KEYS = {"select", "extend-select", "ignore", "fail-on", "exclude", "per-path-ignores",
            "severity", "rule-packs", "readability", "vocabulary", "language", "genre",
            "lexicon", "audit"}
READABILITY_KEYS = {
    "sentence-words-info": int, "sentence-words-warning": int, "lead-words-info": int,
    "lead-words-warning": int, "paragraph-words": int, "paragraph-sentences": int,
}
# Thresholds in pairs: a sentence longer than the info limit is reported at info level, one
# longer than the warning limit as a warning, so the info limit may not exceed the other.
THRESHOLD_PAIRS = (("sentence-words-info", "sentence-words-warning"),
                   ("lead-words-info", "lead-words-warning"))
VOCABULARY_KEYS = {"reject", "accept"}
LANGUAGE_KEYS = {"spelling"}
GENRE_KEYS = {"keys", "guess", "paths", "aliases", "severity"}
_GENRE_NAME_CHARS = frozenset(string.ascii_lowercase + string.digits + "_-")


def _read_toml(path: Path) -> dict[str, Any]:
    # The parsed file is remembered between runs (keyed by its text): a run whose config
    # is unchanged never imports a TOML parser.
    from lintnews.cache.directory import parsed_toml

    try:
        text = path.read_text(encoding="utf-8")
    except OSError as err:
        raise ConfigError(f"{path}: cannot read config ({err.strerror or err})") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: config is not UTF-8 text") from None
    try:
        return parsed_toml(text)
    except ValueError as err:  # tomllib.TOMLDecodeError
        raise ConfigError(f"{path}: invalid TOML: {err}") from None


def _string_list(value: Any, where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [v.strip() for v in value.split(",") if v.strip()]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}: expected a list of strings")
    return tuple(value)


def parse_settings(table: dict[str, Any], path: Path, section: str) -> Settings:
    """Validate a config table and turn it into Settings."""
    def where(key: str) -> str:
        return f"{path}: key '{key}' in {section}"

    unknown = sorted(set(table) - TOP_KEYS)
    if unknown:
        raise ConfigError(f"{path}: unknown key '{unknown[0]}' in {section}")
    fail_on = table.get("fail-on", "warning")
    if fail_on not in FAIL_ON:
        raise ConfigError(f"{where('fail-on')}: must be one of {', '.join(FAIL_ON)}")
    per_path = table.get("per-path-ignores", {})
    if not isinstance(per_path, dict):
        raise ConfigError(f"{where('per-path-ignores')}: expected a table of glob = [codes]")
    severity_table = table.get("severity", {})
    if not isinstance(severity_table, dict):
        raise ConfigError(f"{where('severity')}: expected a table of CODE = \"level\"")
    severities = {}
    for code, level in severity_table.items():
        try:
            severities[code] = Severity.parse(str(level))
        except ValueError as err:
            raise ConfigError(f"{path}: key 'severity.{code}' in {section}: {err}") from None
    packs = tuple(path.parent / p for p in _string_list(table.get("rule-packs", []),
                                                         where("rule-packs")))
    return Settings(
        path=path,
        select=_string_list(table.get("select", []), where("select")),
        extend_select=_string_list(table.get("extend-select", []), where("extend-select")),
        ignore=_string_list(table.get("ignore", []), where("ignore")),
        fail_on=fail_on,
        exclude=_string_list(table.get("exclude", []), where("exclude")),
        per_path_ignores={k: _string_list(v, f"{path}: key 'per-path-ignores.{k}' in {section}")
                          for k, v in per_path.items()},
        severity=severities,
        rule_packs=packs,
        lexicons=tuple(path.parent / p for p in _string_list(table.get("lexicon", []),
                                                             where("lexicon"))),
        readability=_readability(table.get("readability", {}), path, section),
        vocabulary=_vocabulary(table.get("vocabulary", {}), path, section),
        spelling=_spelling(table.get("language", {}), path, section),
        genre=_genre(table.get("genre", {}), path, section),
        audit=_audit(table.get("audit", {}), path, section),
    )


def _readability(table: Any, path: Path, section: str) -> Readability:
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: key 'readability' in {section}: expected a table")
    values: dict[str, Any] = {}
    for key, value in table.items():
        kind = READABILITY_KEYS.get(key)
        if kind is None:
            raise ConfigError(f"{path}: unknown key 'readability.{key}' in {section}")
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0 \
                or (kind is int and not isinstance(value, int)):
            raise ConfigError(f"{path}: key 'readability.{key}' in {section}: "
                              f"expected a positive {'whole ' if kind is int else ''}number")
        values[key.replace("-", "_")] = kind(value)
    for info_key, warning_key in THRESHOLD_PAIRS:
        # Only a pair the file sets both halves of: lowering just the warning limit below
        # the default info limit is a way to have no info band, and works as it reads.
        if info_key in table and warning_key in table and table[info_key] > table[warning_key]:
            raise ConfigError(
                f"{path}: keys 'readability.{info_key}' ({table[info_key]}) and "
                f"'readability.{warning_key}' ({table[warning_key]}) in {section}: the info "
                "threshold must not be above the warning threshold")
    readability = Readability(**values)
    return readability


def _check_table(table: Any, name: str, keys: set[str], path: Path,
                 section: str) -> None:
    """A sub-table such as [language]: a table, holding only the keys it knows."""
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: key '{name}' in {section}: expected a table")
    unknown = sorted(set(table) - keys)
    if unknown:
        raise ConfigError(f"{path}: unknown key '{name}.{unknown[0]}' in {section}")


def _vocabulary(table: Any, path: Path, section: str) -> Vocabulary:
    _check_table(table, "vocabulary", VOCABULARY_KEYS, path, section)
    reject = table.get("reject", {})
    if isinstance(reject, list):
        reject = {term: "" for term in _string_list(reject, f"{path}: key 'vocabulary.reject'")}
    if not isinstance(reject, dict) or not all(isinstance(v, str) for v in reject.values()):
        raise ConfigError(f"{path}: key 'vocabulary.reject' in {section}: "
                          "expected a table of \"rejected term\" = \"preferred term\"")
    accept = _string_list(table.get("accept", []), f"{path}: key 'vocabulary.accept' in {section}")
    return Vocabulary(reject=dict(reject), accept=accept)


def _spelling(table: Any, path: Path, section: str) -> str:
    _check_table(table, "language", LANGUAGE_KEYS, path, section)
    spelling = table.get("spelling", DEFAULT_SPELLING)
    if spelling not in SPELLINGS:
        raise ConfigError(f"{path}: key 'language.spelling' in {section}: must be "
                          f"{' or '.join(repr(s) for s in SPELLINGS)}, not {spelling!r}")
    return str(spelling)


def parse_genre_level(value: Any) -> GenreLevel:
    """A genre severity: "error", "warning", "info" or "off"."""
    if isinstance(value, str) and value.strip().lower() == OFF:
        return OFF
    if not isinstance(value, str):
        raise ValueError(f"expected \"error\", \"warning\", \"info\" or \"off\", not {value!r}")
    try:
        return Severity.parse(value)
    except ValueError:
        raise ValueError(f"unknown severity {value!r} (use error, warning, info or off)") from None


def genre_name(value: Any) -> str:
    """A genre's name, lower case: a word such as "sports" or "obituary"."""
    name = value.strip().lower() if isinstance(value, str) else ""
    if not name or name[0] not in string.ascii_lowercase or set(name) - _GENRE_NAME_CHARS:
        raise ValueError(f"{value!r} is not a genre name (a lower-case word such as "
                         "\"sports\" or \"obituary\")")
    return name


def _genre(table: Any, path: Path, section: str) -> GenreSettings:
    _check_table(table, "genre", GENRE_KEYS, path, section)

    def fail(key: str, problem: str) -> ConfigError:
        return ConfigError(f"{path}: key 'genre.{key}' in {section}: {problem}")

    keys = _string_list(table.get("keys", list(DEFAULT_GENRE_KEYS)),
                        f"{path}: key 'genre.keys' in {section}")
    guess = table.get("guess", True)
    if not isinstance(guess, bool):
        raise fail("guess", f"expected true or false, not {guess!r}")
    named: dict[str, dict[str, str]] = {}
    for sub in ("paths", "aliases"):
        sub_table = table.get(sub, {})
        if not isinstance(sub_table, dict):
            raise fail(sub, "expected a table of \"" +
                       ("glob" if sub == "paths" else "front-matter value") + "\" = \"genre\"")
        named[sub] = {}
        for key, value in sub_table.items():
            try:
                named[sub][key if sub == "paths" else key.strip().lower()] = genre_name(value)
            except ValueError as err:
                raise fail(f"{sub}.{key}", str(err)) from None
    severity_table = table.get("severity", {})
    if not isinstance(severity_table, dict):
        raise fail("severity", "expected tables [genre.severity.GENRE] of CODE = \"level\"")
    severity: dict[str, dict[str, GenreLevel]] = {}
    for genre, levels in severity_table.items():
        try:
            name = genre_name(genre)
        except ValueError as err:
            raise fail(f"severity.{genre}", str(err)) from None
        if not isinstance(levels, dict):
            raise fail(f"severity.{genre}", "expected a table of CODE = \"level\"")
        severity[name] = {}
        for code, level in levels.items():
            try:
                severity[name][code.strip().upper()] = parse_genre_level(level)
            except ValueError as err:
                raise fail(f"severity.{genre}.{code}", str(err)) from None
    return GenreSettings(keys=tuple(k.lower() for k in keys), guess=guess,
                         paths=named["paths"], aliases=named["aliases"], severity=severity)


def _audit(table: Any, path: Path, section: str) -> AuditSettings:
    _check_table(table, "audit", AUDIT_KEYS, path, section)

    def fail(key: str, problem: str) -> ConfigError:
        return ConfigError(f"{path}: key 'audit.{key}' in {section}: {problem}")

    paths: dict[str, str] = {}
    for group in AUDIT_GROUPS:
        if group not in table:
            continue
        pattern = table[group]
        if not isinstance(pattern, str) or "{" + group + "}" not in pattern:
            raise fail(group, f"expected a path pattern holding {{{group}}}, such as "
                              f"\"articles/{{{group}}}/**\"")
        paths[group] = pattern
    front = table.get("front-matter", {})
    _check_table(front, "audit.front-matter", set(AUDIT_GROUPS), path, section)
    front_matter = {group: tuple(k.lower() for k in _string_list(
        keys, f"{path}: key 'audit.front-matter.{group}' in {section}"))
        for group, keys in front.items()}
    batch_size = table.get("batch-size")
    if batch_size is not None and (isinstance(batch_size, bool) or not isinstance(batch_size, int)
                                   or batch_size < 1):
        raise fail("batch-size", f"expected a positive whole number, not {batch_size!r}")
    return AuditSettings(paths=paths, front_matter=front_matter, batch_size=batch_size)


def load_config_file(path: Path) -> Settings | None:
    """Settings from one file; None for a pyproject.toml without [tool.lintnews]."""
    data = _read_toml(path)
    if path.name == "pyproject.toml":
        tool = data.get("tool", {})
        if not isinstance(tool, dict) or "lintnews" not in tool:
            return None
        table = tool["lintnews"]
        section = "[tool.lintnews]"
    else:
        table, section = data, path.name
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: {section} must be a table")
    return parse_settings(table, path.resolve(), section)


class ConfigFinder:
    """Finds the nearest config for a file, caching by folder."""

    def __init__(self, explicit: Path | None = None) -> None:
        self._cache: dict[Path, Settings] = {}
        self._explicit_settings: Settings | None = None
        if explicit is not None:
            if not explicit.is_file():
                raise ConfigError(f"{explicit}: config file does not exist")
            self._explicit_settings = (load_config_file(explicit)
                                       or Settings(path=explicit.resolve()))

    @classmethod
    def fixed(cls, settings: Settings) -> ConfigFinder:
        """A finder that gives every path `settings`."""
        finder = cls()
        finder._explicit_settings = settings
        return finder

    def for_path(self, path: Path) -> Settings:
        if self._explicit_settings is not None:
            return self._explicit_settings
        folder = (path if path.is_dir() else path.parent).resolve()
        return self._for_folder(folder)

    def _for_folder(self, folder: Path) -> Settings:
        if folder in self._cache:
            return self._cache[folder]
        found: Settings | None = None
        for name in CONFIG_NAMES:
            candidate = folder / name
            try:
                present = candidate.is_file()
            except OSError:  # a folder this user may not search holds no config we can use
                present = False
            if present:
                found = load_config_file(candidate)
                if found is not None:
                    break
        if found is None:
            found = Settings() if folder.parent == folder else self._for_folder(folder.parent)
        self._cache[folder] = found
        return found
