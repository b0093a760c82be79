"""House vocabulary from config: reject this term, prefer that one."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from lintnews.checks import rule
from lintnews.document.model import Document
from lintnews.engine.phrases import compile_phrases
from lintnews.engine.rule_types import Context, Hit


@lru_cache(maxsize=32)
def _patterns(reject: tuple[tuple[str, str], ...]) -> tuple[tuple[re.Pattern[str], str, str], ...]:
    out = []
    for term, preferred in reject:
        # A term with capitals is matched exactly; a lower-case term in any case.
        literal = re.sub(r"([()|*~?])", r"\\\1", term)
        pattern = compile_phrases([literal], case_sensitive=term != term.lower())
        out.append((pattern, term, preferred))
    return tuple(out)


@rule(code="LN504", name="house-vocabulary", category="style", severity="warning",
      fix_safe=True,
      summary="Terms the newsroom's config rejects, with its preferred replacement.",
      source="The newsroom's own style guide, configured in [vocabulary] reject",
      bad=["The talks were held in Kiev on Tuesday."], good=["The talks were held in Kyiv."],
      example_config='[vocabulary]\nreject = { "Kiev" = "Kyiv" }\n')
def house_vocabulary(doc: Document, ctx: Context) -> Iterator[Hit]:
    """Why is this bad? Every newsroom keeps a list of spellings and terms it does not use
    ("Kiev" for "Kyiv", "utilise" for "use"). Put it in the config as
    `[vocabulary] reject = { "Kiev" = "Kyiv" }`; the replacement is safe to apply with --fix.
    A term written with capitals matches exactly; a lower-case term matches in any case."""
    reject = tuple(sorted(ctx.settings.vocabulary.reject.items()))
    if not reject:
        return
    for pattern, _term, preferred in _patterns(reject):
        for m in pattern.finditer(doc.prose):
            found = m.group()
            suggestion = preferred
            if preferred and found[:1].isupper() and preferred[:1].islower():
                suggestion = preferred[:1].upper() + preferred[1:]
            advice = f"write '{suggestion}'" if preferred else "avoid it"
            yield Hit(m.start(), m.end(), f"House style rejects '{found}'; {advice}.",
                      (suggestion,) if preferred else ())
