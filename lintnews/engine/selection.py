"""Choosing rules by code, code prefix, name or category, as ruff does with --select/--ignore."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from lintnews.engine.model import CATEGORIES, RuleMeta
from lintnews.regex_store import regex

_CODE_PREFIX_RE = regex(r"[A-Za-z]+[0-9]*")


class SelectionError(Exception):
    """A --select/--ignore token that matches no rule."""


def token_matches(token: str, meta: RuleMeta) -> bool:
    token = token.strip()
    if token.upper() == "ALL":
        return True
    if _CODE_PREFIX_RE.fullmatch(token) and meta.code.startswith(token.upper()):
        return True
    return token == meta.name or token == meta.category


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


def is_selected(meta: RuleMeta, select: Sequence[str], ignore: Sequence[str]) -> bool:
    """Selected explicitly or enabled by default, and not ignored."""
    if any(token_matches(t, meta) for t in ignore):
        return False
    if select:
        explicit = any(t.strip().upper() == meta.code or t == meta.name for t in select)
        return explicit or (meta.enabled_by_default and any(token_matches(t, meta) for t in select))
    return meta.enabled_by_default
