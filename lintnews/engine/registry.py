"""Where rules come from: built-in packs, code rules, plugins and local pack folders.

Every source is loaded the same way and checked the same way: a pack that fails to load, or
a code claimed by two rules, is an error. A rule never silently disappears.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from lintnews.cache.rules import RuleCache
from lintnews.engine.declarative import RULE_CODE_RE, PackError, build_rule
from lintnews.engine.entry_points import discover, load
from lintnews.engine.matcher import TriggerIndex
from lintnews.engine.phrase_rule import PhraseRule
from lintnews.engine.rule_types import CATEGORIES, QUOTE_POLICIES, Rule, RuleMeta, Severity

PACK_KEYS = {"name", "description", "source"}
# Data shipped beside the built-in packs that is not a rule pack (read by lintnews.engine.genre).
GENRES_FILE = "genres.toml"


def builtin_packs_dir() -> Path:
    """The packs shipped in the wheel, or the repository's rules/ folder in a checkout."""
    here = Path(__file__).resolve().parent.parent
    installed = here / "builtin_packs"
    return installed if installed.is_dir() else here.parent / "rules"


def _parse_pack(path: Path) -> dict[str, Any]:
    # Imported here: a run whose packs are all cached (engine/cache.py) parses no TOML.
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as err:
        raise PackError(f"{path}: cannot read rule pack ({err.strerror or err})") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as err:
        raise PackError(f"{path}: invalid TOML in rule pack: {err}") from None


def load_pack_file(path: Path, origin: str, cache: RuleCache | None = None) -> list[Rule]:
    """Load one TOML pack file. Loading executes nothing from it."""
    data = cache.pack_data(path, _parse_pack) if cache is not None else _parse_pack(path)
    unknown = sorted(set(data) - {"pack", "rule"})
    if unknown:
        raise PackError(f"{path}: unknown key '{unknown[0]}' (a pack has [pack] and [[rule]])")
    pack_info = data.get("pack", {})
    if not isinstance(pack_info, dict) or set(pack_info) - PACK_KEYS:
        raise PackError(f"{path}: [pack] may only have {', '.join(sorted(PACK_KEYS))}")
    rules = data.get("rule", [])
    if not isinstance(rules, list):
        raise PackError(f"{path}: 'rule' must be an array of tables ([[rule]])")
    name = str(pack_info.get("name", path.stem))
    file_key = RuleCache.file_key(path)
    return [build_rule(r, f"{origin}:{name}", f"{path}: rule {i + 1}", cache, file_key)
            for i, r in enumerate(rules) if _is_table(r, path)]


def _is_table(value: Any, path: Path) -> bool:
    if not isinstance(value, dict):
        raise PackError(f"{path}: each [[rule]] must be a table")
    return True


def load_pack_folder(folder: Path, origin: str, cache: RuleCache | None = None,
                     skip: tuple[str, ...] = ()) -> list[Rule]:
    """Every *.toml pack under `folder`, except the files named in `skip` at its top."""
    if not folder.is_dir():
        raise PackError(f"{folder}: rule pack folder does not exist")
    rules: list[Rule] = []
    for path in sorted(folder.rglob("*.toml")):
        if path.parent == folder and path.name in skip:
            continue
        if not path.is_file():  # a named pipe or a device would block the run
            raise PackError(f"{path}: not a regular file")
        rules.extend(load_pack_file(path, origin, cache))
    return rules


def plugin_rules(cache: RuleCache | None = None) -> list[Rule]:
    """Rules from installed third-party packs (entry-point group `lintnews.rules`).

    An entry point may name a list of rules, a callable returning rules, or a folder of
    TOML packs (a str or Path).
    """
    rules: list[Rule] = []
    found = cache.entry_points(discover) if cache is not None else discover()
    for name, value in found:
        origin = f"plugin:{name}"
        try:
            loaded = load(value)
            if callable(loaded):
                loaded = loaded()
        except (Exception, SystemExit) as err:  # a broken plugin must be named, not hidden
            raise PackError(f"plugin '{name}' ({value}) failed to load: "
                            f"{type(err).__name__}: {err}") from None
        if isinstance(loaded, (str, Path)):
            rules.extend(load_pack_folder(Path(loaded), origin))
            continue
        if not isinstance(loaded, Iterable):
            raise PackError(f"plugin '{name}' did not provide rules")
        for rule in loaded:
            if not hasattr(rule, "meta") or not callable(getattr(rule, "check", None)):
                raise PackError(f"plugin '{name}' provided {rule!r}, which is not a rule")
            _validate_meta(rule.meta, f"plugin '{name}'")
            rules.append(_with_origin(rule, origin))
    return rules


def _validate_meta(meta: object, where: str) -> None:
    """A plugin's rule metadata must fit the contract, like a pack's."""
    if not isinstance(meta, RuleMeta):
        raise PackError(f"{where}: rule metadata is {type(meta).__name__}, not a RuleMeta")
    if meta.category not in CATEGORIES:
        raise PackError(f"{where}: rule {meta.code} has category '{meta.category}' "
                        f"(use one of {', '.join(CATEGORIES)})")
    if not isinstance(meta.severity, Severity):
        raise PackError(f"{where}: rule {meta.code} has severity {meta.severity!r}")
    if meta.quotes not in QUOTE_POLICIES:
        raise PackError(f"{where}: rule {meta.code} has quotes policy {meta.quotes!r}")
    if not RULE_CODE_RE.fullmatch(meta.code) or not meta.name:
        raise PackError(f"{where}: rule code {meta.code!r} must be letters then digits")


def _with_origin(rule: Rule, origin: str) -> Rule:

    if not rule.meta.pack.startswith("plugin:"):
        with contextlib.suppress(AttributeError):  # a rule whose meta cannot be set keeps its own
            rule.meta = rule.meta._replace(pack=origin)
    return rule


def builtin_pack_rules(cache: RuleCache | None = None) -> list[Rule]:
    """The rules of the packs shipped with lintnews (rules/ in a checkout)."""
    return load_pack_folder(builtin_packs_dir(), "builtin", cache, skip=(GENRES_FILE,))


def assemble(rules: list[Rule]) -> list[Rule]:
    """One run's rules, sorted by code: codes and names must be unique, and the phrase rules
    share one trigger index."""
    phrase_rules = [r for r in rules if isinstance(r, PhraseRule)]
    shared = TriggerIndex(phrase_rules)
    for rule in phrase_rules:
        rule.trigger_index = shared
    seen: dict[str, str] = {}
    names: dict[str, str] = {}
    for rule in rules:
        code, name = rule.meta.code, rule.meta.name
        if code in seen:
            raise PackError(f"rule code {code} is defined twice "
                            f"({seen[code]} and {rule.meta.pack})")
        if name in names:
            raise PackError(f"rule name '{name}' is used by {names[name]} and {code}")
        seen[code] = rule.meta.pack
        names[name] = code
    return sorted(rules, key=lambda r: r.meta.code)
