"""Typing slips: doubled words and a space before punctuation."""

from __future__ import annotations

import re
from collections.abc import Iterator

from lintnews.cache.patterns import regex
from lintnews.checks import rule
from lintnews.document.model import Document
from lintnews.engine.rule_types import Context, Hit

# The gap between the words: spaces with at most one line break (a blank line ends the
# paragraph). Matches run within one block, so headings and list items are never joined.
_DOUBLED_RE = regex(r"\b([A-Za-z]+)((?=\s)[^\S\r\n]*(?:\r\n|\r|\n)?[^\S\r\n]*)(\1)\b",
                    re.IGNORECASE)
_SPACES_AFTER_RE = regex(r"[^\S\r\n]+(?=\w)")
_QUOTE_LINE_BREAK_RE = regex(r"[^\S\r\n]*(?:\r\n|\r|\n)(?:[ \t]*>)+[ \t]*")
_GRAMMATICAL_DOUBLES = {"had", "that", "is", "do", "bye", "no", "so", "very", "ha", "boo",
                        "chop", "knock", "tut", "yada", "mahi", "bora", "cha", "dum", "aye",
                        "pom", "tom", "sing", "never", "now", "go", "ta", "la", "rah", "really",
                        "many", "blah", "yeah", "yes", "oh", "well", "far",
                        "hear", "tsk", "murmur", "walla"}


@rule(code="LN502", name="doubled-word", category="style", severity="warning", quotes="report",
      fix_safe=True,
      summary="The same word twice in a row, even across a line break: 'the the'.",
      source="proselint lexical_illusions (BSD-3-Clause); write-good 'lexical illusions'",
      bad=["The talks will resume in the the spring.",
           "The council voted on Monday to cut the\nthe budget for roads."],
      good=["What he had had to do was clear.", "She said that that was the plan.",
            "Budget talks\n\nThe council voted on Monday to cut the\n\nthe budget for roads."])
def doubled_word(doc: Document, ctx: Context) -> Iterator[Hit]:
    """Why is this bad? A doubled word is a typing slip that the eye skips over (a "lexical
    illusion"), so it survives proofreading, and more easily still when a line break falls
    between the two. Grammatical doubles ("had had", "that that") are not flagged."""
    for paragraph in doc.paragraphs:
        for m in _DOUBLED_RE.finditer(doc.prose, paragraph.start, paragraph.end):
            word = m.group(1)
            if word.lower() in _GRAMMATICAL_DOUBLES:
                continue
            if word[:1].isupper() and m.group(3)[:1].isupper():
                continue  # a name: "Sirhan Sirhan", "Duran Duran"
            message = f"'{word} {m.group(3)}' repeats a word; delete one."
            after = _SPACES_AFTER_RE.match(doc.text, m.end(3), paragraph.end)  # typed spaces
            if doc.text[m.start(2): m.end(2)].strip():
                if _QUOTE_LINE_BREAK_RE.fullmatch(doc.text, m.start(2), m.end(2)):
                    # The next line of a block quote ("> cut the⏎> the budget"): the marker
                    # stays, so the fix deletes only the second word and the spaces after it.
                    # Before punctuation or a line end it is reported without a fix.
                    yield Hit(m.start(3), after.end() if after else m.end(3), message,
                              ("",) if after else ())
                continue  # other markup sat between the words
            end, replacement = m.end(3), ""
            gap = m.group(2)
            if ("\n" in gap or "\r" in gap) and after is not None:
                # Across a line break, keep the break and drop the second word with the spaces
                # after it, so a hard-wrapped line keeps its shape: "cut the⏎the budget" becomes
                # "cut the⏎budget". The span still starts at the gap, next to the first word,
                # so a fix that leaves a new doubled word is next to what it changed.
                end, replacement = after.end(), gap
            yield Hit(m.start(2), end, message, (replacement,))


_SPACE_BEFORE_RE = regex(r"(?<=[\w.)%”’\"])([ \t]+)([,.;:!?])(?=\s|$)")


@rule(code="LN503", name="space-before-punctuation", category="style", severity="warning",
      quotes="report", fix_safe=True,
      summary="A space before a comma, full stop, colon, semicolon or question mark.",
      source="AP Stylebook and Chicago Manual of Style punctuation spacing",
      bad=["Trump , Putin, both leaders agreed to talk."],
      good=["Trump, Putin and Zelensky agreed to talk.", "He paused ... then spoke."])
def space_before_punctuation(doc: Document, ctx: Context) -> Iterator[Hit]:
    """Why is this bad? English puts no space before these marks. A stray space is usually a
    leftover from an edit and looks careless in print."""
    for paragraph in doc.paragraphs:
        for m in _SPACE_BEFORE_RE.finditer(doc.prose, paragraph.start, paragraph.end):
            if doc.text[m.start(1): m.end(1)].strip():
                continue  # the "space" is masked markup, not a typed space
            if m.group(2) == "." and doc.prose[m.end(2): m.end(2) + 2].startswith(".."):
                continue
            yield Hit(m.start(1), m.end(2),
                      f"Space before '{m.group(2)}'; delete it.", (m.group(2),))
