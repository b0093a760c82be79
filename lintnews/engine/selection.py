"""Choosing rules by code, code prefix, name or category, as ruff does with --select,
--extend-select and --ignore.

The starting selection is every rule enabled by default. Then each source of settings is
applied in turn (the config file, then the command line), as one SelectionLayer:

- within a layer, each rule takes the verdict of the most specific selector that matches it
  (`ALL` < a bare code prefix such as `LN` < a category < a numbered prefix, longer ones more
  specific < an exact code or name), and `ignore` wins a tie;
- a layer with a `select` replaces the selection so far with what it selects, rules off by
  default included; a layer without one only adds (`extend-select`) and removes (`ignore`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import NamedTuple

from lintnews.cache.patterns import regex
from lintnews.engine.rule_types import CATEGORIES, RuleMeta

_CODE_PREFIX_RE = regex(r"[A-Za-z]+[0-9]*")

# How specific a selector is, lowest first (ruff's "more specific prefixes override less
# specific prefixes"). A numbered prefix adds its digit count to NUMBERED_PREFIX.
SPECIFICITY_ALL = 0
SPECIFICITY_BARE_PREFIX = 1  # letters only: every rule of a pack ("LN", "HOUSE")
SPECIFICITY_CATEGORY = 2
SPECIFICITY_NUMBERED_PREFIX = 2  # + the number of digits: "LN6" is 3, "LN69" is 4
SPECIFICITY_RULE = 1_000  # an exact code or name


class SelectionError(Exception):
    """A --select/--extend-select/--ignore token that matches no rule."""


class SelectionLayer(NamedTuple):
    """One source's selectors: the config file's, or the command line's."""

    select: tuple[str, ...] | None = None  # None (or empty): keep the selection so far
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()


def token_matches(token: str, meta: RuleMeta) -> bool:
    return specificity(token, meta) is not None


def specificity(token: str, meta: RuleMeta) -> int | None:
    """How specifically `token` names `meta`'s rule, or None when it does not name it."""
    token = token.strip()
    upper = token.upper()
    if upper == "ALL":
        return SPECIFICITY_ALL
    if upper == meta.code or token == meta.name:
        return SPECIFICITY_RULE
    if token == meta.category:
        return SPECIFICITY_CATEGORY
    if _CODE_PREFIX_RE.fullmatch(token) and meta.code.startswith(upper):
        digits = sum(ch.isdigit() for ch in token)
        return SPECIFICITY_NUMBERED_PREFIX + digits if digits else SPECIFICITY_BARE_PREFIX
    return None


def is_known_token(token: str, metas: Sequence[RuleMeta]) -> bool:
    """Whether `token` names something: ALL, a category, or a code, code prefix or name of
    one of `metas`."""
    if token.strip().upper() == "ALL" or token in CATEGORIES:
        return True
    return any(token_matches(token, meta) for meta in metas)


def validate_tokens(tokens: Iterable[str], metas: Sequence[RuleMeta], where: str) -> None:
    for token in tokens:
        if not is_known_token(token, metas):
            raise SelectionError(f"{where}: unknown rule code or name '{token}' "
                                 "(see `lintnews rules`)")


def _verdict(meta: RuleMeta, layer: SelectionLayer) -> bool | None:
    """True to select, False to ignore, None when no selector of the layer names the rule."""
    best: tuple[int, bool] | None = None  # (specificity, is_ignore): ignore wins a tie
    selecting = (*(layer.select or ()), *layer.extend_select)
    for tokens, is_ignore in ((selecting, False), (layer.ignore, True)):
        for token in tokens:
            level = specificity(token, meta)
            if level is not None and (best is None or (level, is_ignore) > best):
                best = (level, is_ignore)
    return None if best is None else not best[1]


def resolve_selection(metas: Iterable[RuleMeta], layers: Sequence[SelectionLayer]) -> set[str]:
    """The codes of the rules selected after applying `layers`, in order, to the default
    selection (every rule enabled by default)."""
    metas = list(metas)
    selected = {m.code for m in metas if m.enabled_by_default}
    for layer in layers:
        if layer.select:
            selected = set()
        for meta in metas:
            verdict = _verdict(meta, layer)
            if verdict is True:
                selected.add(meta.code)
            elif verdict is False:
                selected.discard(meta.code)
    return selected
