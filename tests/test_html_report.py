"""`--format html`: a self-contained page that shows each finding on exactly its words.

The page is checked as a document everywhere (well-formed, ids and references sound, nothing
external, each finding's highlighted pieces holding exactly its text, the palette's contrast),
and in a real browser (tests/browser.py) where Chromium is installed: the seed article's report
as the browser builds it, keyboard navigation, the print style, and no request leaving the
file. The browser test keeps a screenshot as an artefact.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest
from browser import open_page, require_browser, skip_reason
from helpers import MIXED, invoke, write
from hypothesis import given, settings
from hypothesis import strategies as st

from lintnews.engine.rule_types import CATEGORIES, Finding, Severity
from lintnews.files.source import SourceFile
from lintnews.output.html import render
from lintnews.report import Report

DATA = Path(__file__).parent / "data"
SEED = DATA / "seed-article.txt"
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}
SVG_LEAVES = {"line", "rect", "circle", "path", "polyline"}


@dataclass
class Page:
    """What a structural reading of the page found."""

    problems: list[str] = field(default_factory=list)
    ids: list[str] = field(default_factory=list)
    references: list[str] = field(default_factory=list)  # ids that links and aria name
    external: list[str] = field(default_factory=list)
    texts: dict[str, str] = field(default_factory=dict)  # article text element id → its text
    pieces: dict[str, list[str]] = field(default_factory=dict)  # finding → its pieces' text
    spans: dict[str, tuple[str, int, int]] = field(default_factory=dict)  # text id, start, end
    index_links: list[str] = field(default_factory=list)
    index_counts: list[int] = field(default_factory=list)
    css: str = ""


class _Reader(HTMLParser):
    """Checks nesting and collects what the tests look at."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = Page()
        self.stack: list[tuple[str, dict[str, str]]] = []
        self.text_id: str | None = None
        self.in_index_row: list[str] | None = None
        self.cell = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        page = self.page
        if "id" in values:
            page.ids.append(values["id"])
        for key in ("aria-describedby", "aria-labelledby"):
            page.references.extend(values.get(key, "").split())
        href = values.get("href")
        if href is not None:
            if href.startswith("#"):
                page.references.append(href[1:])
            else:
                page.external.append(href)
        if "src" in values or tag in ("link", "iframe", "object", "embed", "img"):
            page.external.append(f"<{tag}>")
        if values.get("class") == "text":
            self.text_id = values["id"]
            page.texts[self.text_id] = ""
        if "data-f" in values and tag == "mark" and self.text_id:
            page.pieces.setdefault(values["data-f"], [])
            if "data-first" in values:
                page.spans[values["data-f"]] = (self.text_id, int(values["data-start"]),
                                                int(values["data-end"]))
        if tag == "tr" and any(t == "section" and a.get("class") == "index"
                               for t, a in self.stack):
            self.in_index_row = []
        if tag == "a" and self.in_index_row is not None:
            page.index_links.append(values["href"][1:])
        if tag == "td":
            self.cell = ""
        if tag not in VOID:
            self.stack.append((tag, values))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in VOID and tag not in SVG_LEAVES:
            self.page.problems.append(f"<{tag}/> is not a void element")
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.stack.pop()

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1][0] != tag:
            open_tag = self.stack[-1][0] if self.stack else "nothing"
            self.page.problems.append(f"</{tag}> closes <{open_tag}>")
            return
        _, values = self.stack.pop()
        if values.get("class") == "text":
            self.text_id = None
        if tag == "td" and self.in_index_row is not None:
            self.in_index_row.append(self.cell)
        if tag == "tr" and self.in_index_row is not None:
            if self.in_index_row:
                self.page.index_counts.append(int(self.in_index_row[1]))
            self.in_index_row = None

    def handle_data(self, data: str) -> None:
        self.cell += data
        if self.stack and self.stack[-1][0] == "style":
            self.page.css += data
        if self.text_id is None:
            return
        self.page.texts[self.text_id] += data
        for _, values in self.stack:
            if "data-f" in values and "class" in values and "f" in values["class"].split():
                self.page.pieces.setdefault(values["data-f"], []).append(data)


def read_page(html: str) -> Page:
    reader = _Reader()
    if "\r" in html:  # an HTML parser turns CR LF and CR into LF: the text would change
        reader.page.problems.append("a literal carriage return")
    reader.feed(html)
    reader.close()
    page = reader.page
    if reader.stack:
        page.problems.append(f"unclosed: {[t for t, _ in reader.stack]}")
    return page


def assert_sound(page: Page) -> None:
    """Well-formed, unique ids, every reference resolves, nothing outside the file."""
    assert page.problems == []
    assert len(page.ids) == len(set(page.ids))
    assert set(page.references) <= set(page.ids)
    assert page.external == []
    assert "url(" not in page.css and "@import" not in page.css


def assert_exact(page: Page, texts: dict[str, str]) -> None:
    """Each article's text is its file's, and each finding's pieces hold exactly its span."""
    assert sorted(page.texts.values()) == sorted(texts.values())
    for ident, (text_id, start, end) in page.spans.items():
        assert "".join(page.pieces[ident]) == page.texts[text_id][start:end], ident
    assert set(page.pieces) == set(page.spans)


def _html_of(*args: str) -> str:
    result = invoke("check", "--format", "html", "--fail-on", "never", *args)
    assert result.exit_code == 0, result.output
    return result.output


def _json_of(*args: str) -> list[dict[str, object]]:
    result = invoke("check", "--format", "json", "--fail-on", "never", *args)
    findings: list[dict[str, object]] = json.loads(result.output)["findings"]
    return findings


# --- the document -------------------------------------------------------------------------------

def test_seed_report_is_sound_and_highlights_every_finding_exactly() -> None:
    html = _html_of(str(SEED))
    page = read_page(html)
    assert_sound(page)
    text = SEED.read_text(encoding="utf-8")
    assert_exact(page, {"seed": text})
    findings = _json_of(str(SEED))
    assert len(page.spans) == len(findings) > 20
    assert sorted((s, e) for _, s, e in page.spans.values()) == \
        sorted((f["offset"], f["end_offset"]) for f in findings)
    # Every message is on the page, and so is the summary with the chart.
    for finding in findings:
        assert str(finding["message"]) in unescape(html)
    assert "<svg" in html and "Flesch–Kincaid grade" in html


def test_quotations_are_marked_as_the_sources_words(tmp_path: Path) -> None:
    article = write(tmp_path / "quote.md",
                    'Title\n\n"We will rebuild the bridge by spring," the mayor said on Monday.\n')
    html = _html_of(str(article))
    marked = re.findall(r"<span class='quote'[^>]*>(.*?)</span>", html)
    assert marked == ['"We will rebuild the bridge by spring,"']
    assert "the source&#39;s words" in html


def test_overlapping_and_crossing_findings_each_keep_their_exact_span() -> None:
    text = "Title\r\n\r\nA & B <said> the the plan was, reportedly, very unique.\rEnd.\n"
    spans = [(9, 40), (20, 27), (24, 48), (24, 48), (33, 33), (40, 64), (62, 69)]
    findings = [_finding(text, start, end, CATEGORIES[i % len(CATEGORIES)])
                for i, (start, end) in enumerate(spans)]
    html = render(_report(findings, {"story.txt": text}))
    page = read_page(html)
    assert_sound(page)
    assert_exact(page, {"story.txt": text})
    assert len(page.spans) == len(spans)


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="ab \n\r<&“”.", min_size=1, max_size=60).flatmap(
    lambda text: st.tuples(st.just(text), st.lists(
        st.tuples(st.integers(0, len(text)), st.integers(0, len(text))), max_size=8))))
def test_any_findings_on_any_text_are_highlighted_exactly(case: tuple[str, list]) -> None:
    text, pairs = case
    findings = [_finding(text, min(a, b), max(a, b), CATEGORIES[i % len(CATEGORIES)])
                for i, (a, b) in enumerate(pairs)]
    page = read_page(render(_report(findings, {"x.txt": text})))
    assert_sound(page)
    assert_exact(page, {"x.txt": text})
    assert len(page.spans) == len(findings)


def test_many_articles_get_an_index_worst_first(tmp_path: Path) -> None:
    write(tmp_path / "clean.md", "Title\n\nThe council met on Monday.\n")
    write(tmp_path / "mixed.md", MIXED)
    write(tmp_path / "one.md", "Title\n\nIt was the the end.\n")
    page = read_page(_html_of(str(tmp_path)))
    assert_sound(page)
    assert len(page.index_links) == 3
    assert page.index_counts == sorted(page.index_counts, reverse=True)
    assert page.index_counts[0] >= 4 and page.index_counts[-1] == 0
    assert set(page.index_links) <= set(page.ids)  # each row links to its article's section
    assert len(page.texts) == 3


def test_one_article_has_no_index() -> None:
    page = read_page(_html_of(str(SEED)))
    assert page.index_links == []


def test_standard_input_and_fix_show_the_text_the_findings_are_in(tmp_path: Path) -> None:
    text = "Title\n\nIt was the the end of a legendary run.\n"
    result = invoke("check", "--format", "html", "--fail-on", "never", "--stdin-filename",
                    "story.md", "-", stdin=text)
    page = read_page(result.output)
    assert_exact(page, {"-": text})
    assert len(page.spans) >= 2
    article = write(tmp_path / "story.md", text)
    fixed = invoke("check", "--format", "html", "--fail-on", "never", "--fix", str(article))
    html = fixed.output[:fixed.output.rindex("</html>") + len("</html>\n")]
    page = read_page(html)
    after = article.read_text(encoding="utf-8")
    assert after != text
    assert_exact(page, {"-": after})
    assert page.spans  # the finding left ("legendary") sits in the fixed text


def test_report_without_texts_still_lists_the_findings() -> None:
    text = "Title\n\nThe legendary coach.\n"
    html = render(_report([_finding(text, 11, 20, "loaded-language")], {}))
    page = read_page(html)
    assert_sound(page)
    assert page.texts == {} and "The text of this file was not kept" in html


# --- colour and contrast ----------------------------------------------------------------------

def _luminance(colour: str) -> float:
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    light, dark = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_contrast_helper_agrees_with_wcag_reference_values() -> None:
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)


def test_palette_meets_wcag_aa() -> None:
    """From the CSS the page defines: text on every highlight and on the page 4.5:1, the
    badges' white on their accent 4.5:1, and underlines 3:1 against the highlight."""
    css = read_page(_html_of(str(SEED))).css
    colours = dict(re.findall(r"--([\w-]+):(#[0-9a-fA-F]{6})", css))
    text, page = colours["text"], colours["page"]
    assert contrast(text, page) >= 4.5
    assert contrast(colours["muted"], page) >= 4.5
    assert contrast(text, colours["quote"]) >= 4.5
    categories = [name[:-3] for name in colours if name.endswith("-bg")]
    assert set(CATEGORIES) <= set(categories)
    for name in categories:
        background, accent = colours[f"{name}-bg"], colours[f"{name}-accent"]
        assert contrast(text, background) >= 4.5, name
        assert contrast("#ffffff", accent) >= 4.5, name
        assert contrast(accent, background) >= 3.0, name
        assert contrast(accent, page) >= 3.0, name
    for fixed in re.findall(r"(?:fill|color|background|outline):\s*[^;{}]*?(#[0-9a-fA-F]{6})",
                            css):
        assert contrast(fixed, page) >= 3.0 or contrast(text, fixed) >= 4.5, fixed


def test_each_category_has_its_own_underline_style_and_label() -> None:
    html = _html_of(str(SEED))
    css = read_page(html).css
    styles = dict(re.findall(r"mark\.c-([\w-]+)\{[^}]*text-decoration-style:(\w+)", css))
    assert len({styles[c] for c in CATEGORIES}) == len(CATEGORIES)
    for category in CATEGORIES:  # a text label in the notes and the key
        assert f"<span class='label'>{category.replace('-', ' ')}</span>" in html \
            or f"c-{category} sample'>{category.replace('-', ' ')}<" in html


# --- in a real browser ------------------------------------------------------------------------

def test_browser_reason_is_clear_when_it_cannot_run() -> None:
    reason = skip_reason()
    assert reason is None or "Chromium" in reason or "playwright" in reason


def test_seed_report_in_chromium(tmp_path: Path) -> None:
    require_browser()
    report = tmp_path / "report-seed.html"
    report.write_text(_html_of(str(SEED)), encoding="utf-8")
    text = SEED.read_text(encoding="utf-8")
    findings = _json_of(str(SEED))
    # The screenshot is kept where LINTNEWS_TEST_ARTEFACTS says (CI can collect it), else in
    # the test's temporary folder; its path is printed either way.
    artefacts = Path(os.environ.get("LINTNEWS_TEST_ARTEFACTS") or tmp_path / "artefacts")
    artefacts.mkdir(parents=True, exist_ok=True)
    with open_page() as recorded:
        page = recorded.page
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.on("console", lambda message: errors.append(message.text)
                if message.type == "error" else None)
        page.goto(report.as_uri())
        # The DOM the browser built: the article's text is the file's, and each finding's
        # pieces hold exactly its span and are visibly highlighted.
        dom = page.evaluate("""() => {
            const text = document.querySelector('.text');
            const out = {text: text.textContent, findings: []};
            for (const first of text.querySelectorAll('mark[data-first]')) {
              const ident = first.dataset.f;
              const pieces = [...text.querySelectorAll(`[data-f='${ident}']`)];
              const style = getComputedStyle(first);
              out.findings.push({start: +first.dataset.start, end: +first.dataset.end,
                text: pieces.map(p => p.textContent).join(''),
                background: style.backgroundColor, underline: style.textDecorationStyle,
                focusable: first.tabIndex === 0});
            }
            return out;
        }""")
        assert dom["text"] == text
        assert len(dom["findings"]) == len(findings)
        for seen in dom["findings"]:
            assert seen["text"] == text[seen["start"]:seen["end"]]
            assert seen["background"] not in ("rgba(0, 0, 0, 0)", "transparent")
            assert seen["underline"] in ("wavy", "double", "dashed", "dotted", "solid")
            assert seen["focusable"]
        # Keyboard: n/j forward, p/k back, wrapping round; the status bar says which.
        order = page.evaluate("[...document.querySelectorAll('mark[data-first]')]"
                              ".map(m => m.id)")
        focused = []
        for key in ("n", "n", "j", "p", "k"):
            page.keyboard.press(key)
            focused.append(page.evaluate("document.activeElement.id"))
        assert focused == [order[0], order[1], order[2], order[1], order[0]]
        page.keyboard.press("p")
        assert page.evaluate("document.activeElement.id") == order[-1]
        status = page.inner_text("#status")
        assert status.startswith(f"Finding {len(order)} of {len(order)}:")
        page.click("#next")
        assert page.evaluate("document.activeElement.id") == order[0]
        page.keyboard.press("n")
        page.keyboard.press("n")
        screenshot = artefacts / "report-seed.png"
        page.screenshot(path=str(screenshot))
        # Print: no toolbar, and the notes follow the text instead of scrolling beside it.
        page.emulate_media(media="print")
        assert page.evaluate("getComputedStyle(document.querySelector('.toolbar')).display") \
            == "none"
        assert page.evaluate("getComputedStyle(document.querySelector('.notes')).overflow") \
            == "visible"
        assert errors == []
        assert recorded.outside_requests() == []
        assert recorded.requests == [report.as_uri()]
    assert screenshot.stat().st_size > 10_000
    print(f"screenshot of the seed article's report: {screenshot}")


def test_line_endings_survive_in_chromium(tmp_path: Path) -> None:
    """CR LF and a lone CR are the file's characters in the page too (offsets count them)."""
    require_browser()
    text = "Title\r\n\r\nThe legendary coach left.\rIt was the the end.\r\n"
    article = tmp_path / "story.txt"
    article.write_bytes(text.encode("utf-8"))
    report = tmp_path / "report.html"
    report.write_text(_html_of(str(article)), encoding="utf-8")
    with open_page() as recorded:
        recorded.page.goto(report.as_uri())
        dom = recorded.page.evaluate("""() => [document.querySelector('.text').textContent,
            [...document.querySelectorAll('mark[data-first]')].map(m => m.textContent)]""")
    assert dom[0] == text
    spans = [text[f["offset"]:f["end_offset"]] for f in _json_of(str(article))]
    assert dom[1] == spans and "legendary" in spans  # after the lone CR too


# --- helpers --------------------------------------------------------------------------------

def _finding(text: str, start: int, end: int, category: str) -> Finding:
    line = text.count("\n", 0, start) + 1
    return Finding("x.txt", line, 1, line, 1, start, end, "LN999", "test-rule", category,
                   Severity.WARNING, f"a {category} finding <{start}-{end}>", ("fix & go",))


def _report(findings: list[Finding], texts: dict[str, str]) -> Report:
    path = next(iter(texts), "x.txt")
    findings = [f._replace(path=path) for f in findings]
    return Report(findings=findings, rules={}, files=1,
                  sources={p: SourceFile(p, t) for p, t in texts.items()})
