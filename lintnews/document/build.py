"""Build a Document from a decoded file: markup → prose blocks → sentences → quotations."""

from __future__ import annotations

from lintnews.cache.patterns import regex
from lintnews.document.model import WORD_RE, Document, Paragraph, Quotation, Sentence
from lintnews.document.quotes import find_quotes, quote_speaker
from lintnews.document.sentences import split_sentences
from lintnews.markup import read_prose
from lintnews.markup.prose import ProseText


def build_document(path: str, text: str, prose: ProseText | None = None) -> Document:
    prose = prose if prose is not None else read_prose(text, path)
    masked = prose.masked
    paragraphs: list[Paragraph] = []
    sentences: list[Sentence] = []
    for p_index, block in enumerate(prose.blocks):
        first = len(sentences)
        spans = [(block.start, block.end)] if block.kind in ("headline", "heading") else \
            split_sentences(masked, block.start, block.end)
        for start, end in spans:
            words = len(WORD_RE.findall(masked, start, end))
            sentences.append(Sentence(len(sentences), p_index, start, end, words))
        paragraphs.append(Paragraph(p_index, block.kind, block.start, block.end,
                                    range(first, len(sentences))))

    spans = [(p.start, p.end) for p in paragraphs]
    quotations = []
    starts = [s.start for s in sentences]
    for raw in find_quotes(masked, spans):
        first_para = paragraphs[raw.paragraphs[0]]
        sentence = _sentence_containing(sentences, starts, raw.start)
        sentence_span = (sentence.start, sentence.end) if sentence else (raw.start, raw.end)
        attributed = quote_speaker(masked, raw, sentence_span, (first_para.start, first_para.end))
        if not attributed and len(raw.paragraphs) > 1:
            last = paragraphs[raw.paragraphs[-1]]
            attributed = quote_speaker(masked, raw, (raw.end, last.end), (last.start, last.end))
        words = len(WORD_RE.findall(masked, raw.start, raw.end))
        quotations.append(Quotation(raw.start, raw.end, words, attributed, raw.paragraphs))
    quotations.extend(_interview_turns(masked, paragraphs))
    quotations.sort(key=lambda q: (q.start, -q.end))
    return Document(path=path, text=text, prose=masked, paragraphs=tuple(paragraphs),
                    sentences=tuple(sentences), quotations=tuple(quotations),
                    comments=prose.comments)


# "((Name)) answer", "**Name:** answer", "Q: …", "SMITH: …" at the start of a paragraph.
_SPEAKER_LABEL_RE = regex(
    r"\s*(?:\(\([^()\r\n]{1,60}\)\)|\*\*[^*\r\n]{1,40}\*\*\s*:?|[A-Z][\w.'’-]*"
    r"(?: [A-Z][\w.'’-]*){0,3}\s*:)\s")


def _interview_turns(masked: str, paragraphs: list[Paragraph]) -> list[Quotation]:
    """In a Q&A transcript every turn is the speaker's words: a quotation, attributed."""
    labelled = [p for p in paragraphs if not p.is_heading
                and _SPEAKER_LABEL_RE.match(masked, p.start, p.end)]
    labels = {_SPEAKER_LABEL_RE.match(masked, p.start, p.end).group().strip() for p in labelled}
    if len(labelled) < 3 or len(labels) < 2:
        return []
    labelled_indexes = {p.index for p in labelled}
    turns = []
    in_turn = False
    for paragraph in paragraphs:
        if paragraph.is_heading:
            in_turn = False
            continue
        if paragraph.index in labelled_indexes:
            in_turn = True
        if in_turn and paragraph.kind in ("paragraph", "blockquote", "list_item"):
            words = len(WORD_RE.findall(masked, paragraph.start, paragraph.end))
            turns.append(Quotation(paragraph.start, paragraph.end, words, True, (paragraph.index,)))
    return turns


def _sentence_containing(sentences: list[Sentence], starts: list[int],
                         offset: int) -> Sentence | None:
    from bisect import bisect_right

    i = bisect_right(starts, offset) - 1
    return sentences[i] if i >= 0 else None
