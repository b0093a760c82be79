"""The plugin API: everything a newsroom's house plugin imports, from this one module.

Import only from `lintnews.plugin`. The names below are kept across releases; where they
live inside lintnews may change, and a plugin that imports from elsewhere in the package
may break on any release. Removing or renaming a name here is a deliberate, announced change.

Writing a rule
--------------
A code rule is a function over the `Document`, decorated with `rule`. It yields a `Hit` for
each problem; its docstring is the rationale that `lintnews explain` prints::

    from collections.abc import Iterator

    from lintnews.plugin import Context, Document, Hit, rule

    @rule(code="OUR01", name="boondoggle", category="loaded-language", severity="warning",
          summary="'boondoggle' editorialises.", source="Our Paper style guide",
          bad=["The plan is a boondoggle."], good=["The plan is costly."])
    def boondoggle(doc: Document, ctx: Context) -> Iterator[Hit]:
        \"\"\"A sneer, not a fact: say what the plan costs.\"\"\"
        for sentence in doc.sentences:
            start = doc.sentence_text(sentence).find("boondoggle")
            if start >= 0:
                start += sentence.start
                yield Hit(start, start + len("boondoggle"), "'boondoggle' editorialises.",
                          suggestions=("costly project",))

    RULES = [boondoggle]

and is published under the entry-point group `lintnews.rules`, naming the list (or a function
returning it, or a folder of TOML packs)::

    [project.entry-points."lintnews.rules"]
    ourpaper = "ourpaper_lintnews:RULES"

`rule(...)` arguments
---------------------
code, name
    A unique code (letters then digits, e.g. "OUR01") and a short kebab-case name; both may be
    used in `--select`, `--ignore`, `[severity]` and directives.
category
    One of `CATEGORIES`: loaded-language, logic, attribution, readability, style.
severity
    "error", "warning" or "info": the default; a config's `[severity]` may change it.
summary, source
    One line for `lintnews rules`, and the style guide the rule follows.
bad, good
    Example texts the rule must, and must not, report. `lintnews explain` prints them, and
    the test suite runs them, so write them as you would a test.
quotes
    Inside a direct quotation: "skip" (the default: a source's own words are news), "info"
    (report at info level) or "report".
fix_safe
    The first suggestion may be applied by `lintnews check --fix` (default False).
enabled
    False: the rule runs only when selected (`--extend-select OUR01`).
example_config
    TOML the examples need (e.g. a `[vocabulary]` table), used by `explain` and the tests.

What a rule reports: `Hit`
--------------------------
`Hit(start, end, message, suggestions=(), severity=None)`. `start` and `end` are offsets
into `doc.text` (the same offsets as in `doc.prose`); lintnews turns them into lines and
columns. `severity` overrides the rule's default for this hit (a `Severity`). A hit outside
the text, or reversed, is an internal error of the rule, reported by name; the other rules
still run.

What a rule reads
-----------------
`Document`, built once per file and shared by every rule:

- `text`: the file exactly as decoded; `prose`: the same length, with everything that is not
  prose (markup, code, URLs, front matter keys) replaced by spaces. Match against `prose`:
  its offsets are the file's.
- `paragraphs` (`Paragraph`: index, kind, start, end, sentences: a range of sentence indexes;
  `kind` is headline, dek, heading, paragraph, list_item, blockquote or table_cell),
  `sentences` (`Sentence`: index, paragraph, start, end, words), `quotations` (`Quotation`:
  start, end, words, attributed, paragraphs; `is_direct`), `comments` (`Comment`: start,
  end, body: the HTML comments).
- `sentence_text(sentence)`, `words(sentence)` (word matches), `word_count`, `headline`,
  `body_paragraphs()`, `sentence_at(offset)`, `next_sentence(sentence)`,
  `quotation_at(offset)`, `in_direct_quote(start, end)`.
- Attribution: `has_cue(sentence)` (the sentence names a source: "said", "according to"),
  `cue_spans(index)` (`CueSpan`s), `is_reported_speech(start, end)` (the words are what a
  named source is reported as saying), `is_sourced(sentence)` (a source in or beside it).

`Context`: `settings` (`Settings`: the file's configuration, e.g. `settings.readability`,
`settings.vocabulary`) and `known_rules` (the `RuleMeta` of every loaded rule).

A rule need not use the decorator: any object with a `meta` (a `RuleMeta`) and a
`check(doc, ctx)` method returning hits is a `Rule`.
"""

from __future__ import annotations

from lintnews.checks import rule
from lintnews.config import Settings
from lintnews.document.model import CueSpan, Document, Paragraph, Quotation, Sentence
from lintnews.engine.rule_types import CATEGORIES, Context, Example, Hit, Rule, RuleMeta, Severity
from lintnews.markup.prose import Comment

__all__ = [
    "CATEGORIES",
    "Comment",
    "Context",
    "CueSpan",
    "Document",
    "Example",
    "Hit",
    "Paragraph",
    "Quotation",
    "Rule",
    "RuleMeta",
    "Sentence",
    "Settings",
    "Severity",
    "rule",
]
