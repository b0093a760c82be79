"""`--format html`: one self-contained page an editor reads (no network, no external files).

For each article it shows the original text with every finding highlighted on exactly its
span (colour, underline style and a numbered badge per category, so colour is never the only
cue), direct quotations marked as the source's words, the findings' messages beside the text,
and a summary: counts by category and rule, readability metrics and a per-paragraph chart of
sentence length drawn as inline SVG. With many articles, an index lists them worst first.
`n`/`j` and `p`/`k` (or the buttons) move between findings; a print stylesheet keeps the
highlights and the notes legible on paper.

The text is the decoded file, HTML-escaped and shown with `white-space: pre-wrap`, so the
rendered text is the file's text character for character and finding offsets (code points)
apply to it unchanged. Overlapping findings nest; where two cross, the inner one is split
into pieces that share its `data-f`, so each finding's pieces still cover exactly its text.
"""

from __future__ import annotations

import base64
import hashlib
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from html import escape
from typing import NamedTuple

from lintnews.core import Outcome
from lintnews.document.build import build_document
from lintnews.document.model import Document
from lintnews.document.readability import document_metrics, readability
from lintnews.engine.rule_types import CATEGORIES, Finding
from lintnews.files.source import SourceFile
from lintnews.output.summary import statistics
from lintnews.report import Report, combine_metrics


class CategoryStyle(NamedTuple):
    """How one category looks: colour is one cue, the underline style and label the others."""

    label: str
    background: str  # the highlight behind the article's text
    accent: str  # underline colour, and the badge's background (white text on it)
    underline: str  # a CSS text-decoration-style, different for each category


TEXT_COLOUR = "#1b1b1b"
PAGE_BACKGROUND = "#ffffff"
MUTED_TEXT = "#4a4a4a"
QUOTE_BACKGROUND = "#ececec"
# Tints for the text behind a finding, dark accents for its underline and badge: each pair is
# held to WCAG AA by tests/test_html_report.py (text 4.5:1, underline 3:1 on the tint).
CATEGORY_STYLES: dict[str, CategoryStyle] = {
    "loaded-language": CategoryStyle("loaded language", "#ffe1e1", "#b00020", "wavy"),
    "logic": CategoryStyle("logic", "#fff0c4", "#7a4f00", "double"),
    "attribution": CategoryStyle("attribution", "#dcebff", "#0a4f9e", "dashed"),
    "readability": CategoryStyle("readability", "#e2f4dc", "#1e6b2b", "dotted"),
    "style": CategoryStyle("style", "#efe3ff", "#6331a0", "solid"),
}
OTHER_STYLE = CategoryStyle("other", "#eeeeee", "#505050", "solid")  # a plugin's own category
assert set(CATEGORY_STYLES) == set(CATEGORIES)

BODY_KINDS = ("paragraph", "blockquote", "list_item")
# open_tag(range, first piece, last piece) -> the element's start tag
OpenTag = Callable[["_Range", bool, bool], str]


def render(report: Report) -> str:
    """The whole page: header and legend, the index (several articles), the run's summary,
    then one section per article, the one with most findings first."""
    by_path: dict[str, list[Finding]] = {}
    for finding in report.findings:
        by_path.setdefault(finding.path, []).append(finding)
    paths = sorted(dict.fromkeys([*report.sources, *by_path]),
                   key=lambda path: (-len(by_path.get(path, [])), path))
    articles = [_Article(f"a{i + 1}", path, by_path.get(path, []), report.sources.get(path),
                         report.genres.get(path))
                for i, path in enumerate(paths)]
    metrics = {a.path: a.metrics for a in articles if a.metrics is not None}
    overall = combine_metrics(list(metrics.values())) or combine_metrics(
        list(report.metrics.values()))
    parts = [_header(report), _legend()]
    if len(articles) > 1:
        parts.append(_index(articles))
    parts.append(_run_summary(report, overall))
    if report.errors:
        parts.append("<section class='errors' aria-labelledby='errors-h'>"
                     "<h2 id='errors-h'>Files not linted</h2><ul>"
                     + "".join(f"<li>{escape(e)}</li>" for e in report.errors)
                     + "</ul></section>")
    parts.extend(a.section() for a in articles)
    return _page("".join(parts))


# --- one article -----------------------------------------------------------------------------

class _Range(NamedTuple):
    """A span of the text to wrap in an element: a finding's or a quotation's."""

    start: int
    end: int
    order: int  # ties keep the findings' order
    finding: int | None  # index into the article's findings; None for a quotation or heading
    attributed: bool = False  # for a quotation
    heading: bool = False  # a headline or heading, set in bold


class _Article:
    """One article's section: its text with the findings in place, its notes and figures."""

    def __init__(self, anchor: str, path: str, findings: list[Finding],
                 source: SourceFile | None, genre: str | None) -> None:
        self.anchor = anchor
        self.path = path
        self.findings = findings
        self.source = source
        self.genre = genre
        self.document: Document | None = None
        self.metrics: dict[str, float] | None = None
        if source is not None:
            # The same reading as linting: the file's own name picks Markdown or plain text.
            self.document = build_document(source.path, source.text)
            self.metrics = document_metrics(self.document)

    def counts(self) -> Counter[str]:
        return Counter(str(f.severity) for f in self.findings)

    def section(self) -> str:
        a = self.anchor
        counts = self.counts()
        meta = [f"{_counted(len(self.findings), 'finding')} ({_severities(counts)})"]
        if self.metrics:
            meta.append(f"{int(self.metrics['words'])} words")
        if self.genre:
            meta.append(f"linted as {escape(self.genre)}")
        out = [f"<section class='article' id='{a}' aria-labelledby='{a}-h'>",
               f"<h2 id='{a}-h'>{escape(self.path)}</h2>",
               f"<p class='meta'>{' · '.join(meta)}</p>",
               "<div class='article-summary'>",
               _category_table(self.findings, f"{a}-cat"),
               _metrics_list(self.metrics or {}),
               "</div>"]
        if self.document is not None:
            out.append(_paragraph_chart(self.document, f"{a}-chart"))
        out.append("<div class='reading'>")
        if self.source is not None:
            out.append(f"<div class='text' id='{a}-text' data-path='{escape(self.path)}'>"
                       f"{self._marked_text()}</div>")
        else:
            out.append("<p class='no-text'>The text of this file was not kept; its findings "
                       "are listed.</p>")
        out.append(self._notes())
        out.append("</div></section>")
        return "".join(out)

    def _ranges(self) -> list[_Range]:
        ranges = [_Range(f.offset, f.end_offset, i, i) for i, f in enumerate(self.findings)]
        if self.document is not None:
            ranges.extend(_Range(q.start, q.end, len(ranges) + i, None, q.attributed)
                          for i, q in enumerate(self.document.quotations) if q.is_direct)
            # Negative order: a heading is outside a finding or quotation of the same span.
            ranges.extend(_Range(p.start, p.end, -1 - i, None, heading=True)
                          for i, p in enumerate(self.document.paragraphs) if p.is_heading)
        return ranges

    def _marked_text(self) -> str:
        assert self.source is not None
        text = self.source.text
        ranges = self._ranges()
        return _nest(text, ranges, self._open_tag, _close_tag)

    def _open_tag(self, piece: _Range, first: bool, last: bool) -> str:
        if piece.heading:
            return "<span class='heading'>"
        if piece.finding is None:
            kind = "attributed quotation" if piece.attributed else "quotation"
            return (f"<span class='quote' title='A {kind}: the source&#39;s words, not the "
                    f"writer&#39;s'>")
        number = piece.finding + 1
        finding = self.findings[piece.finding]
        style = CATEGORY_STYLES.get(finding.category, OTHER_STYLE)
        ident = f"{self.anchor}-{number}"
        title = escape(f"{finding.code} {finding.name} ({style.label}, {finding.severity}): "
                       f"{finding.message}", quote=True)
        attributes = [f"class='f c-{_css_name(finding.category)} s-{finding.severity}'",
                      f"data-f='{ident}'", f"title='{title}'"]
        if first:
            attributes += [f"id='{ident}'", "tabindex='0'", "data-first=''",
                           f"data-start='{finding.offset}'", f"data-end='{finding.end_offset}'",
                           f"aria-describedby='{ident}-note'"]
        if last:
            attributes.append(f"data-badge='{number}'")
        return f"<mark {' '.join(attributes)}>"

    def _notes(self) -> str:
        if not self.findings:
            return "<p class='notes-empty'>No findings.</p>"
        items = []
        for i, finding in enumerate(self.findings):
            ident = f"{self.anchor}-{i + 1}"
            style = CATEGORY_STYLES.get(finding.category, OTHER_STYLE)
            suggestions = ""
            if finding.suggestions:
                suggestions = ("<p class='suggest'>Suggestion: "
                               + ", ".join(f"<q>{escape(s)}</q>" for s in finding.suggestions)
                               + "</p>")
            link = f"<a href='#{ident}'>{i + 1}</a>" if self.source is not None \
                else f"{i + 1}"
            items.append(
                f"<li id='{ident}-note' class='note c-{_css_name(finding.category)}' "
                f"data-f='{ident}'>"
                f"<span class='num'>{link}</span> "
                f"<span class='label'>{escape(style.label)}</span> "
                f"<span class='sev s-{finding.severity}'>{finding.severity}</span> "
                f"<code>{escape(finding.code)}</code> {escape(finding.name)}, "
                f"line {finding.line}:{finding.column}"
                f"<p class='msg'>{escape(finding.message)}</p>{suggestions}</li>")
        return (f"<ol class='notes' aria-label='Findings in {escape(self.path)}'>"
                + "".join(items) + "</ol>")


def _close_tag(piece: _Range) -> str:
    return "</span>" if piece.finding is None else "</mark>"


def _nest(text: str, ranges: Sequence[_Range], open_tag: OpenTag,
          close_tag: Callable[[_Range], str]) -> str:
    """`text`, escaped, with an element around each range. Elements nest: a range that
    starts inside another and ends after it is closed and reopened around the other's end, so
    each range is one or more pieces that together hold exactly its text."""
    starts: dict[int, list[_Range]] = {}
    for r in ranges:
        starts.setdefault(r.start, []).append(r)
    for opening in starts.values():
        opening.sort(key=lambda r: (-r.end, r.order))  # the longer outside
    points = sorted({0, len(text), *starts, *(r.end for r in ranges)})
    out: list[str] = []
    stack: list[_Range] = []
    # Where each open piece's start tag is in `out`, and whether it is the range's first: the
    # last piece is known only when the range ends, and then gets the badge.
    open_at: dict[_Range, tuple[int, bool]] = {}

    def open_piece(r: _Range, first: bool) -> None:
        open_at[r] = (len(out), first)
        out.append(open_tag(r, first, False))
        stack.append(r)

    for point, next_point in zip(points, [*points[1:], None], strict=True):
        closing = [i for i, r in enumerate(stack) if r.end == point]
        if closing:
            above = stack[closing[0]:]
            del stack[closing[0]:]
            for r in reversed(above):
                out.append(close_tag(r))
                if r.end == point:
                    index, first = open_at.pop(r)
                    out[index] = open_tag(r, first, True)
            for r in above:
                if r.end != point:
                    open_piece(r, False)
        for r in starts.get(point, ()):
            if r.end == point:  # an empty span: an empty element marks the place
                out.append(open_tag(r, True, True) + close_tag(r))
            else:
                open_piece(r, True)
        if next_point is not None:
            out.append(_escape_text(text, point, next_point))
    return "".join(out)


def _escape_text(text: str, start: int, end: int) -> str:
    """text[start:end] for HTML. A carriage return is written as a character reference, which
    the parser keeps (a literal one in CR LF is dropped), so the page's text is the file's; a
    lone CR (an old Mac line end) also gets a line break, which is no text."""
    chunk = escape(text[start:end], quote=False)
    if "\r" not in chunk:
        return chunk
    out = []
    for i, char in enumerate(text[start:end], start):
        if char == "\r":
            lone = i + 1 >= len(text) or text[i + 1] != "\n"
            out.append("&#13;<br>" if lone else "&#13;")
        else:
            out.append(escape(char, quote=False))
    return "".join(out)


def _counted(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def _severities(counts: Counter[str]) -> str:
    return (f"{_counted(counts['error'], 'error')}, {_counted(counts['warning'], 'warning')}, "
            f"{counts['info']} info")


def _css_name(category: str) -> str:
    return "".join(c if c.isalnum() or c == "-" else "-" for c in category.lower())


# --- summaries -------------------------------------------------------------------------------

def _header(report: Report) -> str:
    counts = Counter(str(f.severity) for f in report.findings)
    files = report.files or len(report.sources)
    return ("<header><h1>lintnews report</h1>"
            f"<p class='meta'>{_counted(files, 'file')}, {_counted(report.words, 'word')}, "
            f"{_counted(len(report.findings), 'finding')} "
            f"({_severities(counts)})"
            "</p></header>"
            "<nav class='toolbar' aria-label='Findings'>"
            "<button type='button' id='prev' aria-keyshortcuts='p k'>◀ Previous finding"
            "</button>"
            "<button type='button' id='next' aria-keyshortcuts='n j'>Next finding ▶</button>"
            "<span class='keys'>keys: <kbd>n</kbd>/<kbd>j</kbd> next, "
            "<kbd>p</kbd>/<kbd>k</kbd> previous</span>"
            "<p id='status' role='status' aria-live='polite'></p></nav>")


def _legend() -> str:
    items = "".join(
        f"<li><mark class='f c-{_css_name(name)} sample'>{escape(style.label)}</mark> "
        f"{style.underline} underline</li>"
        for name, style in CATEGORY_STYLES.items())
    return ("<section class='legend' aria-labelledby='legend-h'><h2 id='legend-h'>Key</h2>"
            f"<ul>{items}<li><span class='quote sample'>“quoted words”</span> a direct "
            "quotation: the source's words, not the writer's</li></ul>"
            "<p>Each finding has a numbered badge; its note, with the message and any "
            "suggestion, is in the list beside the text and in the bar at the top when the "
            "finding has focus.</p></section>")


def _index(articles: list[_Article]) -> str:
    rows = []
    for article in articles:
        counts = article.counts()
        grade = article.metrics.get("flesch_kincaid_grade") if article.metrics else None
        rows.append(
            f"<tr><td><a href='#{article.anchor}'>{escape(article.path)}</a></td>"
            f"<td>{len(article.findings)}</td><td>{counts['error']}</td>"
            f"<td>{counts['warning']}</td><td>{counts['info']}</td>"
            f"<td>{int(article.metrics['words']) if article.metrics else ''}</td>"
            f"<td>{'' if grade is None else grade}</td></tr>")
    return ("<section class='index' aria-labelledby='index-h'>"
            "<h2 id='index-h'>Articles, most findings first</h2>"
            "<table><thead><tr><th scope='col'>article</th><th scope='col'>findings</th>"
            "<th scope='col'>errors</th><th scope='col'>warnings</th><th scope='col'>info</th>"
            "<th scope='col'>words</th><th scope='col'>grade</th></tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table></section>")


def _run_summary(report: Report, metrics: dict[str, float]) -> str:
    numbers = statistics(Outcome(report))
    rules = "".join(
        f"<tr><td><code>{escape(code)}</code></td><td>{escape(entry['name'])}</td>"
        f"<td>{escape(CATEGORY_STYLES.get(entry['category'], OTHER_STYLE).label)}</td>"
        f"<td>{entry['count']}</td></tr>"
        for code, entry in numbers["by_rule"].items())
    rule_table = ("<table class='rules'><caption>By rule</caption><thead><tr>"
                  "<th scope='col'>code</th><th scope='col'>rule</th>"
                  "<th scope='col'>category</th><th scope='col'>findings</th></tr></thead>"
                  f"<tbody>{rules}</tbody></table>") if rules else ""
    return ("<section class='summary' aria-labelledby='summary-h'>"
            "<h2 id='summary-h'>Summary</h2><div class='article-summary'>"
            + _category_table(report.findings, "run-cat", report.words)
            + rule_table + _metrics_list(metrics) + "</div></section>")


def _category_table(findings: Iterable[Finding], ident: str, words: int = 0) -> str:
    counts = Counter(f.category for f in findings)
    rows = []
    for name in [*CATEGORY_STYLES, *sorted(set(counts) - set(CATEGORY_STYLES))]:
        style = CATEGORY_STYLES.get(name, OTHER_STYLE)
        per = f"<td>{1000 * counts[name] / words:.2f}</td>" if words else ""
        rows.append(f"<tr><th scope='row'><mark class='f c-{_css_name(name)} sample'>"
                    f"{escape(style.label)}</mark></th><td>{counts[name]}</td>{per}</tr>")
    per_head = "<th scope='col'>per 1,000 words</th>" if words else ""
    return (f"<table class='categories' id='{ident}'><caption>By category</caption>"
            f"<thead><tr><th scope='col'>category</th><th scope='col'>findings</th>{per_head}"
            f"</tr></thead><tbody>{''.join(rows)}</tbody></table>")


METRIC_LABELS = {
    "words": "words",
    "sentences": "body sentences",
    "words_per_sentence": "words per sentence",
    "words_per_sentence_p90": "words per sentence, 90th percentile",
    "lead_words": "words in the lead",
    "flesch_kincaid_grade": "Flesch–Kincaid grade",
    "flesch_reading_ease": "Flesch reading ease",
    "gunning_fog": "Gunning fog",
    "passive_rate": "% sentences with a passive",
    "nominalisations_per_100_words": "nominalisations per 100 words",
}


def _metrics_list(metrics: dict[str, float]) -> str:
    if not metrics:
        return ""
    items = "".join(f"<dt>{escape(METRIC_LABELS.get(key, key))}</dt><dd>{_number(value)}</dd>"
                    for key, value in metrics.items())
    return f"<dl class='metrics' aria-label='Readability metrics'>{items}</dl>"


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"


class ParagraphFigures(NamedTuple):
    """One body paragraph's sentence lengths and Flesch–Kincaid grade."""

    number: int  # 1-based, among the body paragraphs
    sentences: int
    mean_words: float
    longest: int
    grade: float


def paragraph_figures(document: Document) -> list[ParagraphFigures]:
    """Sentence length and grade per body paragraph, in order."""
    out = []
    for paragraph in document.body_paragraphs():
        if paragraph.kind not in BODY_KINDS:
            continue
        sentences = [document.sentences[i] for i in paragraph.sentences
                     if document.sentences[i].words]
        if not sentences:
            continue
        lengths = [s.words for s in sentences]
        text = " ".join(document.sentence_text(s) for s in sentences)
        out.append(ParagraphFigures(len(out) + 1, len(sentences),
                                     sum(lengths) / len(lengths), max(lengths),
                                     round(readability(text).flesch_kincaid_grade, 1)))
    return out


def _paragraph_chart(document: Document, ident: str) -> str:
    """Bars of words per sentence for each body paragraph (a dot marks its longest
    sentence), with the same figures in a table for screen readers and print."""
    figures = paragraph_figures(document)
    if not figures:
        return ""
    top = max(max(f.longest for f in figures), 10)
    bar, gap, left, height, bottom = 14, 6, 34, 120, 22
    width = left + len(figures) * (bar + gap) + gap
    shapes = [f"<line x1='{left}' y1='{height}' x2='{width}' y2='{height}' class='axis'/>",
              f"<text x='{left - 4}' y='{height}' class='tick'>0</text>",
              f"<text x='{left - 4}' y='10' class='tick'>{top}</text>"]
    for i, figure in enumerate(figures):
        x = left + gap + i * (bar + gap)
        h = (height - 8) * figure.mean_words / top
        dot = height - (height - 8) * figure.longest / top
        label = (f"Paragraph {figure.number}: {figure.sentences} sentence"
                 f"{'' if figure.sentences == 1 else 's'}, {figure.mean_words:.1f} words per "
                 f"sentence, longest {figure.longest}, grade {figure.grade}")
        shapes.append(f"<g><title>{escape(label)}</title>"
                      f"<rect x='{x}' y='{height - h:.1f}' width='{bar}' height='{h:.1f}' "
                      "class='bar'/>"
                      f"<circle cx='{x + bar / 2}' cy='{dot:.1f}' r='3' class='dot'/></g>")
        if figure.number == 1 or figure.number % 5 == 0:
            shapes.append(f"<text x='{x + bar / 2}' y='{height + 15}' class='num'>"
                          f"{figure.number}</text>")
    rows = "".join(f"<tr><td>{f.number}</td><td>{f.sentences}</td><td>{f.mean_words:.1f}</td>"
                   f"<td>{f.longest}</td><td>{f.grade}</td></tr>" for f in figures)
    return (f"<figure class='chart'><svg role='img' aria-labelledby='{ident}-t' "
            f"viewBox='0 0 {width} {height + bottom}' width='{width}' "
            f"height='{height + bottom}' xmlns='http://www.w3.org/2000/svg'>"
            f"<title id='{ident}-t'>Words per sentence in each of {len(figures)} paragraphs "
            "(bars: the mean; dots: the longest sentence)</title>"
            f"{''.join(shapes)}</svg>"
            "<figcaption>Words per sentence by paragraph: bars the mean, dots the longest "
            "sentence.<details><summary>The figures</summary><table><thead><tr>"
            "<th scope='col'>paragraph</th><th scope='col'>sentences</th>"
            "<th scope='col'>words per sentence</th><th scope='col'>longest</th>"
            f"<th scope='col'>grade</th></tr></thead><tbody>{rows}</tbody></table></details>"
            "</figcaption></figure>")


# --- the page --------------------------------------------------------------------------------

def stylesheet() -> str:
    """The page's CSS: the palette as custom properties, one rule set per category."""
    variables = [f"--text:{TEXT_COLOUR}", f"--page:{PAGE_BACKGROUND}",
                 f"--muted:{MUTED_TEXT}", f"--quote:{QUOTE_BACKGROUND}"]
    categories = []
    for name, style in [*CATEGORY_STYLES.items(), ("other", OTHER_STYLE)]:
        css = _css_name(name)
        variables += [f"--{css}-bg:{style.background}", f"--{css}-accent:{style.accent}"]
        categories.append(
            f"mark.c-{css}{{background:var(--{css}-bg);text-decoration-line:underline;"
            f"text-decoration-style:{style.underline};"
            f"text-decoration-color:var(--{css}-accent)}}"
            f"mark.c-{css}[data-badge]::after,.c-{css} .label{{background:var(--{css}-accent)}}"
            f"li.c-{css}{{border-left-color:var(--{css}-accent)}}")
    return (":root{" + ";".join(variables) + "}" + "".join(categories) + _BASE_CSS)


_BASE_CSS = """
body{color:var(--text);background:var(--page);font:16px/1.5 Georgia,'DejaVu Serif',serif;
 margin:0 auto;max-width:78rem;padding:0 1rem 4rem}
h1,h2,.toolbar,.meta,table,dl,.notes,.legend,figure{font-family:'DejaVu Sans',Arial,sans-serif}
h2{margin-top:2.5rem;border-bottom:1px solid var(--muted)}
section,mark.f,.note{scroll-margin-top:6rem}
.meta{color:var(--muted)}
a{color:#0a4f9e}
:focus-visible{outline:3px solid #0a4f9e;outline-offset:2px}
.toolbar{position:sticky;top:0;z-index:2;background:var(--page);border-bottom:1px solid
 var(--muted);padding:.4rem 0;display:flex;flex-wrap:wrap;gap:.5rem;align-items:center}
.toolbar button{font:inherit;padding:.2rem .7rem;color:var(--text);background:#f2f2f2;
 border:1px solid var(--muted);border-radius:3px;cursor:pointer}
.toolbar .keys{color:var(--muted);font-size:.9rem}
#status{margin:0;flex-basis:100%;min-height:1.5em;font-size:.95rem}
.legend ul{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.4rem 1.5rem}
table{border-collapse:collapse;margin:.5rem 1.5rem .5rem 0;font-size:.9rem}
caption{text-align:left;font-weight:bold}
th,td{border-bottom:1px solid #d0d0d0;padding:.15rem .6rem;text-align:left}
.article-summary{display:flex;flex-wrap:wrap;align-items:flex-start}
dl.metrics{display:grid;grid-template-columns:auto auto;gap:.1rem .8rem;font-size:.9rem}
dl.metrics dt{color:var(--muted)}dl.metrics dd{margin:0}
figure.chart{margin:.5rem 0;font-size:.85rem}
svg .bar{fill:#3d5a80}svg .dot{fill:#b00020}svg .axis{stroke:var(--text)}
svg text{fill:var(--text);font-size:10px}svg .tick{text-anchor:end}svg .num{text-anchor:middle}
.reading{display:grid;grid-template-columns:minmax(0,3fr) minmax(16rem,2fr);gap:1.5rem;
 align-items:start}
.text{white-space:pre-wrap;overflow-wrap:break-word;line-height:2}
mark.f{color:var(--text);text-decoration-thickness:2px;text-underline-offset:.2em;
 text-decoration-skip-ink:none;border-radius:2px}
mark.f.s-error{font-weight:bold}
mark.f[data-badge]::after{content:attr(data-badge);display:inline-block;color:#fff;
 font:bold .7em/1 'DejaVu Sans',Arial,sans-serif;padding:.1em .3em;margin-left:.15em;
 border-radius:.6em;vertical-align:super}
mark.f.current{outline:3px solid var(--text);outline-offset:1px}
mark.sample{padding:0 .3rem}
.heading{font-weight:bold;font-family:'DejaVu Sans',Arial,sans-serif}
.quote{background:var(--quote);font-style:italic;box-decoration-break:clone;
 -webkit-box-decoration-break:clone;border-bottom:2px solid var(--muted)}
.notes{position:sticky;top:5rem;max-height:80vh;overflow:auto;margin:0;padding:0 .5rem 0 0;
 list-style:none;font-size:.9rem}
.note{border-left:4px solid var(--muted);padding:.3rem .5rem;margin:.4rem 0}
.note.current{background:#f2f2f2;outline:2px solid var(--text)}
.note .label{color:#fff;padding:0 .35rem;border-radius:3px}
.note .msg{margin:.2rem 0}.note .suggest{margin:.2rem 0;color:var(--muted)}
.note .sev{font-variant:small-caps}.note .num{font-weight:bold}
@media (max-width:55rem){.reading{grid-template-columns:1fr}.notes{position:static;
 max-height:none}}
@media print{
 .toolbar,.no-print{display:none}
 body{max-width:none;font-size:11pt}
 *{-webkit-print-color-adjust:exact;print-color-adjust:exact}
 .reading{display:block}.notes{position:static;max-height:none;overflow:visible}
 .article{break-before:page}.note{break-inside:avoid}
 a{color:var(--text);text-decoration:none}
 details{display:block}details>summary{display:none}
}
"""

_SCRIPT = """
(function () {
  "use strict";
  var marks = Array.prototype.slice.call(document.querySelectorAll("mark[data-first]"));
  var status = document.getElementById("status");
  var current = -1;
  function select(index) {
    var old = document.querySelectorAll(".current");
    for (var i = 0; i < old.length; i++) { old[i].classList.remove("current"); }
    current = index;
    var mark = marks[index];
    var ident = mark.getAttribute("data-f");
    var pieces = document.querySelectorAll("[data-f='" + ident + "']");
    for (var j = 0; j < pieces.length; j++) { pieces[j].classList.add("current"); }
    var note = document.getElementById(ident + "-note");
    status.textContent = "Finding " + (index + 1) + " of " + marks.length + ": " +
      (note ? note.innerText.replace(/\\s+/g, " ").trim() : mark.title);
    if (note && note.parentNode.scrollTo) {
      note.parentNode.scrollTop = note.offsetTop - note.parentNode.offsetTop - 8;
    }
  }
  function move(step) {
    if (!marks.length) { status.textContent = "No findings."; return; }
    var index = current < 0 ? (step > 0 ? 0 : marks.length - 1)
      : (current + step + marks.length) % marks.length;
    marks[index].focus({preventScroll: true});
    marks[index].scrollIntoView({block: "center"});
  }
  marks.forEach(function (mark, index) {
    mark.addEventListener("focus", function () { select(index); });
  });
  document.getElementById("next").addEventListener("click", function () { move(1); });
  document.getElementById("prev").addEventListener("click", function () { move(-1); });
  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey) { return; }
    var tag = event.target && event.target.tagName;
    if (tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT") { return; }
    if (event.key === "n" || event.key === "j") { move(1); event.preventDefault(); }
    if (event.key === "p" || event.key === "k") { move(-1); event.preventDefault(); }
  });
}());
"""


def _page(body: str) -> str:
    css = stylesheet()
    # The policy allows this page's own style and script (by hash) and nothing else: no
    # request can leave the file, even from a finding's text.
    policy = (f"default-src 'none'; style-src '{_digest(css)}'; script-src '{_digest(_SCRIPT)}'; "
              "img-src data:; base-uri 'none'; form-action 'none'")
    return ("<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'>"
            f"<meta http-equiv='Content-Security-Policy' content=\"{policy}\">"
            "<meta name='viewport' content='width=device-width, initial-scale=1'>"
            "<meta name='generator' content='lintnews'>"
            f"<title>lintnews report</title><style>{css}</style></head><body>{body}"
            f"<script>{_SCRIPT}</script></body></html>\n")


def _digest(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode()
