"""Code rules: the few rules that need more than phrase data. One small module each.

A code rule is a function over the Document, decorated with `@rule(...)`; its docstring is the
rationale ("why is this bad?") that `lintnews explain` prints. A module added to this package
needs no registration: `all_rules` imports every module here and collects what `@rule` made.
"""

from __future__ import annotations

import inspect
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from importlib import import_module

from lintnews.document.model import Document
from lintnews.engine.rule_types import Context, Example, Hit, RuleMeta, Severity

CheckFunction = Callable[[Document, Context], Iterable[Hit]]


@dataclass
class CodeRule:
    meta: RuleMeta
    function: CheckFunction

    def check(self, doc: Document, ctx: Context) -> Iterable[Hit]:
        return self.function(doc, ctx)


def rule(*, code: str, name: str, category: str, severity: str, summary: str, source: str,
         bad: Iterable[str] = (), good: Iterable[str] = (), quotes: str = "skip",
         fix_safe: bool = False, enabled: bool = True,
         example_config: str = "") -> Callable[[CheckFunction], CodeRule]:
    """Declare a code rule; the function's docstring is its rationale."""
    def wrap(function: CheckFunction) -> CodeRule:
        meta = RuleMeta(
            code=code, name=name, category=category, severity=Severity.parse(severity),
            summary=summary, rationale=inspect.cleandoc(function.__doc__ or ""), source=source,
            pack=f"builtin:{category}",
            examples=tuple([Example(t, True) for t in bad] + [Example(t, False) for t in good]),
            quotes=quotes, fix_safe=fix_safe, enabled_by_default=enabled,
            example_config=example_config,
        )
        return CodeRule(meta, function)
    return wrap


def all_rules() -> Iterator[CodeRule]:
    """Every code rule of every module in this package, module by module in name order."""
    for name in _module_names():
        module = import_module(f"{__name__}.{name}")
        for value in vars(module).values():
            if isinstance(value, CodeRule):
                yield value


def _module_names() -> list[str]:
    # The source files beside this one, as pkgutil.iter_modules would find them, without its
    # import (2 ms of every run's start-up).
    return sorted({entry.name[:-3] for folder in __path__ for entry in os.scandir(folder)
                   if entry.name.endswith(".py") and not entry.name.startswith("_")})
