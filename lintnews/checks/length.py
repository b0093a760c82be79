"""Sentence, lead and paragraph length, after the Reuters lead rule and the BBC styleguide."""

from __future__ import annotations

from collections.abc import Iterator

from lintnews.checks import rule
from lintnews.document.model import Document
from lintnews.engine.rule_types import Context, Hit, Severity

_LONG = "A 48-word sentence: " + " ".join(["word"] * 46) + " end."


def _first_words(doc: Document, start: int, end: int, count: int = 5) -> str:
    words = doc.prose[start:end].split()
    return " ".join(words[:count]) + ("…" if len(words) > count else "")


def _lead_index(doc: Document) -> int | None:
    for paragraph in doc.body_paragraphs():
        if paragraph.kind == "paragraph" and len(paragraph.sentences):
            return paragraph.sentences.start
    return None


@rule(code="LN401", name="sentence-length", category="readability", severity="warning",
      summary="Sentences over 30 words (info) and over 40 words (warning); "
              "thresholds configurable.",
      source="Reuters Handbook of Journalism (lead rule: over 30 words be very nervous, at 40 "
             "break the sentence); US Navy journalism manual ('30 words or less')",
      bad=["Title\n\nThe talks resume on Monday.\n\nUkraine will insist on territorial integrity "
           "and sovereignty as the endpoints of any "
           "negotiated outcome, but the logic of international political bargaining necessitates "
           "making peace when or as situations allow, irrespective of whether such terms are "
           "sufficient for Ukraine, and regardless of what its allies may say."],
      good=["Ukraine will insist on territorial integrity. Its allies may press it to settle."])
def sentence_length(doc: Document, ctx: Context) -> Iterator[Hit]:
    """Why is this bad? Long sentences are the first thing a copy editor cuts: readers lose the
    subject before they reach the verb. Wire guides put the limit at about 30 words and call a
    40-word sentence one to break. Quotations count towards the length but are not reported
    on their own. The lead sentence has its own rule (LN402)."""
    limits = ctx.settings.readability
    lead = _lead_index(doc)
    for sentence in doc.sentences:
        paragraph = doc.paragraphs[sentence.paragraph]
        if (paragraph.is_heading or paragraph.kind in ("table_cell", "dek")
                or sentence.index == lead):
            continue
        if sentence.words > limits.sentence_words_warning:
            severity = Severity.WARNING
        elif sentence.words > limits.sentence_words_info:
            severity = Severity.INFO
        else:
            continue
        limit = (limits.sentence_words_info if severity is Severity.INFO
                 else limits.sentence_words_warning)
        yield Hit(sentence.start, sentence.end,
                  f"Sentence of {sentence.words} words (over {limit}), starting "
                  f"'{_first_words(doc, sentence.start, sentence.end)}'; split it in two.",
                  severity=severity)


@rule(code="LN402", name="lead-length", category="readability", severity="warning",
      summary="A lead (first sentence) over 30 words (info) or 40 words (warning).",
      source="Reuters Handbook of Journalism, as quoted by mediasceneindia ('count the words in "
             "the first sentence: over 25, get nervous'); WWU J104 'Keys' (leads of 19–26 words)",
      bad=["Title\n\nTrump and Putin, both leaders, agreed on Wednesday to pursue negotiations "
           "aimed at ending the long war in Ukraine, a conflict that has ravaged the region for "
           "close to three years, over the phone from their capitals, according to statements "
           "from both sides."],
      good=["Title\n\nTrump and Putin agreed on Wednesday to start talks on ending the war in "
            "Ukraine."])
def lead_length(doc: Document, ctx: Context) -> Iterator[Hit]:
    """Why is this bad? The lead carries the story. Wire desks count its words: over 25 the
    editor gets nervous, over 30 very nervous, and at 40 the sentence must be broken. The
    defaults (info over 30, warning over 40) follow that scale; set `lead-words-info` and
    `lead-words-warning` under [readability] for a stricter desk."""
    limits = ctx.settings.readability
    index = _lead_index(doc)
    if index is None:
        return
    sentence = doc.sentences[index]
    if sentence.words > limits.lead_words_warning:
        severity, limit = Severity.WARNING, limits.lead_words_warning
    elif sentence.words > limits.lead_words_info:
        severity, limit = Severity.INFO, limits.lead_words_info
    else:
        return
    yield Hit(sentence.start, sentence.end,
              f"Lead sentence of {sentence.words} words (over {limit}); keep the lead short and "
              "move detail to the second paragraph.", severity=severity)


@rule(code="LN403", name="paragraph-length", category="readability", severity="info",
      summary="Body paragraphs of more than 70 words or 4 sentences.",
      source="AP and Reuters practice of one- and two-sentence paragraphs; lintnews' "
             "thresholds (70 words or 4 sentences, set in [readability])",
      bad=["Title\n\n" + " ".join(["The council met on Monday to discuss the budget."] * 9)],
      good=["Title\n\nThe council met on Monday. It approved the budget."])
def paragraph_length(doc: Document, ctx: Context) -> Iterator[Hit]:
    """Why is this bad? News paragraphs are short, usually one or two sentences, so that a
    reader scanning a narrow column or a phone screen never faces a wall of text."""
    limits = ctx.settings.readability
    for paragraph in doc.body_paragraphs():
        if paragraph.kind not in ("paragraph", "blockquote"):
            continue
        words = sum(doc.sentences[i].words for i in paragraph.sentences)
        count = len(paragraph.sentences)
        if (words > limits.paragraph_words and count > 1) or count > limits.paragraph_sentences:
            first = doc.sentences[paragraph.sentences.start]
            yield Hit(first.start, first.end,
                      f"Paragraph of {count} sentences and {words} words starting "
                      f"'{_first_words(doc, first.start, first.end)}'; break it up.")
