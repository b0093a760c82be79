"""The Markdown reader: front matter, masking of non-prose, and prose block kinds.

Each behaviour is checked twice where it matters: on the reader's output (masked text and
blocks) and end to end (the findings a user sees), so a masking bug cannot hide behind a rule
that happens not to fire.
"""

from __future__ import annotations

import json

import pytest
from helpers import run_lintnews

from lintnews.config import Settings
from lintnews.engine.runner import lint_source, select_rules
from lintnews.files.source import SourceFile
from lintnews.markup.frontmatter import front_matter_end
from lintnews.markup.markdown import read_markdown
from lintnews.ruleset import load_rules

SETTINGS = Settings()
RULES = select_rules(load_rules(), SETTINGS, None, ())
MISNEGATION = "impossible to understate"


def lint(text: str, name: str = "article.md"):
    result = lint_source(SourceFile(path=name, text=text), RULES, SETTINGS)
    assert not result.rule_errors, result.rule_errors
    return result.findings


def spans(text: str, code: str | None = None) -> list[str]:
    """The text of each finding (of one rule, if given)."""
    return [text[f.offset:f.end_offset] for f in lint(text) if code is None or f.code == code]


def blocks(text: str) -> list[tuple[str, str]]:
    prose = read_markdown(text)
    return [(b.kind, text[b.start:b.end]) for b in prose.blocks]


def read_masked(text: str) -> str:
    return read_markdown(text).masked


# -- front matter ----------------------------------------------------------------------------

YAML_ARTICLE = (
    "---\n"
    "title: It is impossible to understate the crisis\n"
    "author: Slammed Smith\n"
    "tags: [regime]\n"
    "description: Critics argue the plan will fail.\n"
    "---\n"
    "\n"
    "The council met on Tuesday.\n"
)


def test_yaml_title_and_description_become_headline_and_dek_blocks() -> None:
    assert blocks(YAML_ARTICLE) == [
        ("headline", "It is impossible to understate the crisis"),
        ("dek", "Critics argue the plan will fail."),
        ("paragraph", "The council met on Tuesday."),
    ]


def test_yaml_title_is_linted_and_the_finding_points_into_the_front_matter() -> None:
    findings = [f for f in lint(YAML_ARTICLE) if f.code == "LN101"]
    assert len(findings) == 1
    f = findings[0]
    assert YAML_ARTICLE[f.offset:f.end_offset] == MISNEGATION
    assert (f.line, f.column, f.end_line, f.end_column) == (2, 14, 2, 38)
    end, delimiter = front_matter_end(YAML_ARTICLE)
    assert delimiter == "---" and f.end_offset < end


def test_yaml_description_is_linted_as_dek() -> None:
    found = [(f.code, f.line, YAML_ARTICLE[f.offset:f.end_offset]) for f in lint(YAML_ARTICLE)
             if f.code == "LN301"]
    assert found == [("LN301", 5, "Critics argue")]


def test_other_front_matter_keys_and_delimiters_are_masked() -> None:
    masked = read_markdown(YAML_ARTICLE).masked
    lines = masked.split("\n")
    assert lines[0] == "   "  # ---
    assert lines[2].strip() == "" and len(lines[2]) == len("author: Slammed Smith")
    assert lines[3].strip() == ""  # tags: [regime]
    assert lines[5].strip() == ""  # closing ---
    assert lines[1] == "       It is impossible to understate the crisis"  # the key is masked
    codes = {f.code for f in lint(YAML_ARTICLE)}
    assert "LN202" not in codes  # "Slammed" in author
    assert "LN207" not in codes  # "regime" in tags
    # The same words in the body are reported, so the rules do fire on them.
    body = YAML_ARTICLE + "\nThe minister slammed the regime.\n"
    assert {"LN202", "LN207"} <= {f.code for f in lint(body)}


@pytest.mark.parametrize("key,kind", [
    ("title", "headline"), ("headline", "headline"), ("description", "dek"),
    ("summary", "dek"), ("dek", "dek"), ("Title", "headline"),
])
def test_yaml_prose_keys(key: str, kind: str) -> None:
    text = f"---\n{key}: Critics argue the plan will fail\nslug: critics-argue\n---\n\nBody.\n"
    assert blocks(text)[0] == (kind, "Critics argue the plan will fail")
    found = [(f.line, f.column) for f in lint(text) if f.code == "LN301"]
    assert found == [(2, len(key) + 3)]


@pytest.mark.parametrize("quote", ['"', "'"])
def test_yaml_quoted_values_lose_their_quotes(quote: str) -> None:
    text = f"---\ntitle: {quote}It is impossible to understate{quote}\n---\nBody.\n"
    assert blocks(text)[0] == ("headline", "It is impossible to understate")
    assert spans(text, "LN101") == [MISNEGATION]


def test_yaml_folded_block_scalar_is_a_dek() -> None:
    text = ("---\ndescription: >\n  Critics argue the plan\n  will fail, officials said.\n"
            "author: Slammed Smith\n---\n\nBody.\n")
    kinds = blocks(text)
    assert kinds[0][0] == "dek"
    assert kinds[0][1].split() == ["Critics", "argue", "the", "plan", "will", "fail,", "officials",
                                   "said."]
    assert [f.line for f in lint(text) if f.code == "LN301"] == [3]
    assert "LN202" not in {f.code for f in lint(text)}


def test_yaml_front_matter_may_close_with_dots() -> None:
    text = "---\ntitle: It is impossible to understate\n...\n\nBody.\n"
    assert blocks(text)[0] == ("headline", "It is impossible to understate")


TOML_ARTICLE = (
    "+++\n"
    'title = "It is impossible to understate the crisis"\n'
    'author = "Slammed Smith"\n'
    'tags = ["regime"]\n'
    "summary = 'Critics argue the plan will fail.'\n"
    "+++\n"
    "\n"
    "The council met on Tuesday.\n"
)


def test_toml_front_matter() -> None:
    assert blocks(TOML_ARTICLE) == [
        ("headline", "It is impossible to understate the crisis"),
        ("dek", "Critics argue the plan will fail."),
        ("paragraph", "The council met on Tuesday."),
    ]
    findings = lint(TOML_ARTICLE)
    assert [(f.code, f.line, f.column) for f in findings if f.code in ("LN101", "LN301")] == [
        ("LN101", 2, 16), ("LN301", 5, 12)]
    assert not {"LN202", "LN207"} & {f.code for f in findings}
    end, delimiter = front_matter_end(TOML_ARTICLE)
    assert delimiter == "+++"
    assert all(f.end_offset < end for f in findings if f.code in ("LN101", "LN301"))


@pytest.mark.parametrize("eol", ["\r\n", "\r"])
def test_front_matter_with_crlf_and_cr_line_endings(eol: str) -> None:
    text = YAML_ARTICLE.replace("\n", eol)
    assert blocks(text)[:2] == [
        ("headline", "It is impossible to understate the crisis"),
        ("dek", "Critics argue the plan will fail."),
    ]
    f = next(f for f in lint(text) if f.code == "LN101")
    assert (f.line, f.column) == (2, 14)
    masked = read_markdown(text).masked
    assert masked.count(eol) == text.count(eol)


def test_front_matter_only_at_the_top() -> None:
    text = "Intro paragraph.\n\n---\ntitle: something\n---\n"
    assert "headline" not in [kind for kind, _ in blocks(text)]
    assert front_matter_end(text) is None


def test_unclosed_front_matter_is_not_front_matter() -> None:
    text = "---\ntitle: It is impossible to understate\n\nBody.\n"
    assert front_matter_end(text) is None
    assert "headline" not in [kind for kind, _ in blocks(text)]
    assert spans(text, "LN101") == [MISNEGATION]  # still prose, still linted


# -- code ------------------------------------------------------------------------------------

@pytest.mark.parametrize("fence", ["```", "~~~", "````", "```python", "~~~ {.text}"])
def test_fenced_code_is_masked(fence: str) -> None:
    closing = fence.split()[0].rstrip("python")
    text = (f"Intro.\n\n{fence}\nIt is impossible to understate.\ncritics argue\n\n"
            f"so bravely\n{closing}\n\nAfter: critics argue.\n")
    fence_end = text.index("\n\nAfter")
    assert read_markdown(text).masked[text.index(fence):fence_end].strip() == ""
    assert [(f.code, f.line) for f in lint(text)] == [("LN301", 10)]
    assert blocks(text) == [("paragraph", "Intro."), ("paragraph", "After: critics argue.")]


def test_a_fence_closes_only_with_its_own_character_and_enough_of_it() -> None:
    text = "````\n```\n~~~\nimpossible to understate\n````\n\nAfter: critics argue.\n"
    assert [(f.code, f.line) for f in lint(text)] == [("LN301", 7)]


def test_an_unterminated_fence_masks_to_the_end() -> None:
    text = "Intro.\n\n```\nimpossible to understate\n\ncritics argue\n"
    assert lint(text) == []


def test_indented_code_is_masked() -> None:
    text = "Intro.\n\n    It is impossible to understate.\n\tcritics argue\n\nAfter.\n"
    assert lint(text) == []
    assert blocks(text) == [("paragraph", "Intro."), ("paragraph", "After.")]


def test_indented_line_continuing_a_paragraph_is_prose() -> None:
    # CommonMark: indented code cannot interrupt a paragraph.
    text = "The effect of the ruling\n    is impossible to understate.\n"
    assert spans(text, "LN101") == [MISNEGATION]


@pytest.mark.parametrize("code", [
    "`impossible to understate`",
    "``impossible ` to understate``",
    "`` `critics argue` ``",
])
def test_inline_code_is_masked(code: str) -> None:
    text = f"Run {code}. Critics argue it works.\n"
    assert spans(text) == ["Critics argue"]
    start = text.index(code)
    assert read_markdown(text).masked[start:start + len(code)].strip() == ""


@pytest.mark.parametrize("text", [
    "Run `impossible\nto understate` now.\n",
    "Run `impossible\r\nto understate` now.\r\n",
    "> Run `impossible\n> to understate` now.\n",
    "- Run `impossible\n  to understate` now.\n",
])
def test_inline_code_spanning_a_line_break_is_masked(text: str) -> None:
    # CommonMark code spans may contain line endings inside a paragraph.
    assert spans(text) == []
    assert len(read_masked(text)) == len(text)


def test_a_directive_inside_inline_code_is_not_a_directive() -> None:
    text = ("Write `<!-- lintnews: disable LN101 -->` to silence it.\n\n"
            "It is impossible to understate.\n")
    assert read_markdown(text).comments == ()
    assert spans(text, "LN101") == [MISNEGATION]


# -- links, URLs, HTML -----------------------------------------------------------------------

def test_link_target_is_masked_and_link_text_is_linted() -> None:
    text = "Read [the report](http://x/impossible-to-understate) today.\n"
    assert lint(text) == []
    text = "It is [impossible to understate](http://x/critics-argue \"critics argue\").\n"
    assert spans(text) == [MISNEGATION]
    masked = read_markdown(text).masked
    assert "http" not in masked and "[" not in masked and "](" not in masked


def test_reference_links_images_and_autolinks_are_masked() -> None:
    text = ("See [the ruling][critics-argue] and ![critics argue](so-bravely.png) and "
            "<http://x/impossible-to-understate>.\n\n"
            "[critics-argue]: http://x/critics-argue \"impossible to understate\"\n")
    assert lint(text) == []
    assert blocks(text) == [("paragraph", "See [the ruling][critics-argue] and "
                                          "![critics argue](so-bravely.png) and "
                                          "<http://x/impossible-to-understate>.")]


@pytest.mark.parametrize("url", [
    "http://example.com/impossible-to-understate",
    "https://example.com/a?q=critics+argue&so=bravely",
    "www.example.org/critics-argue",
    "critics-argue@example.com",
])
def test_bare_urls_and_emails_are_masked(url: str) -> None:
    text = f"Details at {url} tomorrow.\n"
    assert lint(text) == []
    start = text.index(url)
    assert read_masked(text)[start:start + len(url)].strip() == ""


def test_html_comments_are_masked_and_recorded() -> None:
    text = ("Intro.\n\n<!-- It is impossible to understate -->\n\n"
            "Text <!-- critics argue --> more.\n\n<!--\nso bravely\n\ncritics argue\n-->\n\n"
            "After.\n")
    assert lint(text) == []
    prose = read_markdown(text)
    assert [c.body for c in prose.comments] == [
        "<!-- It is impossible to understate -->", "<!-- critics argue -->",
        "<!--\nso bravely\n\ncritics argue\n-->"]
    for c in prose.comments:
        assert prose.masked[c.start:c.end].strip() == ""
    assert [kind for kind, _ in blocks(text)] == ["paragraph", "paragraph", "paragraph"]


def test_comment_markers_inside_code_are_not_comments() -> None:
    text = "```\n<!-- not a comment -->\n```\n\nUse `<!-- x -->` here.\n"
    assert read_markdown(text).comments == ()


def test_a_fence_line_inside_a_comment_does_not_swallow_the_article() -> None:
    # A multi-line comment is an HTML block (CommonMark type 2): it ends at "-->". A fence
    # marker inside it must not open a code block that masks everything after the comment.
    text = "Intro.\n\n<!--\n```\nold draft\n-->\n\nIt is impossible to understate.\n"
    assert spans(text, "LN101") == [MISNEGATION]


def test_text_after_a_multi_line_comment_on_its_closing_line_is_prose() -> None:
    text = "<!--\nold draft: impossible to understate\n--> It is impossible to understate.\n"
    found = [(f.line, f.column) for f in lint(text) if f.code == "LN101"]
    assert found == [(3, 11)]


@pytest.mark.parametrize("tag", ["div", "table", "script", "figure", "section"])
def test_html_blocks_are_masked(tag: str) -> None:
    text = (f"Intro.\n\n<{tag} class=\"x\">\nIt is impossible to understate.\ncritics argue\n"
            f"</{tag}>\n\nHe acted so bravely.\n")
    assert [(f.code, f.line) for f in lint(text)] == [("LN201", 8)]


def test_inline_html_tags_are_masked_but_their_text_is_prose() -> None:
    text = 'A <span title="critics argue">ruling impossible to understate</span> today.\n'
    assert spans(text) == [MISNEGATION]


def test_emphasis_markers_are_masked() -> None:
    text = "It is **impossible to understate** and he acted _so bravely_.\n"
    assert spans(text) == [MISNEGATION, "so bravely"]


# -- prose blocks ----------------------------------------------------------------------------

def test_block_kinds() -> None:
    text = (
        "# Critics argue the point\n\n"
        "Setext heading\n==============\n\n"
        "- a list item impossible to understate\n"
        "* another so bravely\n"
        "1. an ordered item\n"
        "2) one more\n\n"
        "> Critics argue in a quote\n"
        "> continued\n\n"
        "| Name | Note |\n"
        "|------|:----:|\n"
        "| impossible to understate | critics argue |\n\n"
        "A plain paragraph.\n"
    )
    assert blocks(text) == [
        ("heading", "Critics argue the point"),
        ("heading", "Setext heading"),
        ("list_item", "a list item impossible to understate"),
        ("list_item", "another so bravely"),
        ("list_item", "an ordered item"),
        ("list_item", "one more"),
        ("blockquote", "Critics argue in a quote\n> continued"),
        ("table_cell", "Name"),
        ("table_cell", "Note"),
        ("table_cell", "impossible to understate"),
        ("table_cell", "critics argue"),
        ("paragraph", "A plain paragraph."),
    ]
    found = [(f.code, f.line, text[f.offset:f.end_offset]) for f in lint(text)
             if f.code in ("LN101", "LN201", "LN301")]
    assert found == [
        ("LN301", 1, "Critics argue"),
        ("LN101", 6, MISNEGATION),
        ("LN201", 7, "so bravely"),
        ("LN301", 11, "Critics argue"),
        ("LN101", 16, MISNEGATION),
        ("LN301", 16, "critics argue"),
    ]


@pytest.mark.parametrize("text", [
    "He noted that critics argue the plan will fail.\n",
    "- Officials fear that critics argue the plan will fail.\n",
    "> Yet even now critics argue the plan will fail.\n",
])
def test_weasel_phrase_after_other_words_is_reported(text: str) -> None:
    # A regression check: LN301 once stayed silent after any word (case-insensitive context).
    assert spans(text, "LN301") == ["critics argue"]


def test_heading_markers_are_masked() -> None:
    text = "## Critics argue ##\n"
    masked = read_markdown(text).masked
    assert masked == "   Critics argue   \n"
    assert blocks(text) == [("heading", "Critics argue")]


def test_nested_block_quote_markers_are_masked() -> None:
    text = "> > nested critics argue\n> still so bravely\n"
    masked = read_markdown(text).masked
    assert ">" not in masked
    assert spans(text) == ["critics argue", "so bravely"]


def test_masked_text_keeps_length_line_breaks_and_original_characters() -> None:
    text = YAML_ARTICLE.replace("\n", "\r\n") + (
        "```\r\ncode\r\n```\r\n\r\n# H [l](http://x)\r\n\r\n> q `c` <!-- c -->\r\n")
    masked = read_markdown(text).masked
    assert len(masked) == len(text)
    for m, t in zip(masked, text, strict=True):
        assert m == t or m == " "
        if t in "\r\n":
            assert m == t


# -- end to end through the CLI --------------------------------------------------------------

def test_cli_json_reports_front_matter_and_body_but_not_code(tmp_path) -> None:
    article = tmp_path / "story.md"
    text = YAML_ARTICLE + "\n```\nimpossible to understate\n```\n\nHe acted so bravely.\n"
    article.write_text(text, encoding="utf-8", newline="")
    run = run_lintnews("check", "--format", "json", str(article), cwd=tmp_path)
    assert run.returncode == 1, run.stderr
    findings = json.loads(run.stdout)["findings"]
    got = [(f["code"], f["line"], text[f["offset"]:f["end_offset"]]) for f in findings
           if f["code"] in ("LN101", "LN201", "LN301")]
    assert got == [
        ("LN101", 2, MISNEGATION),
        ("LN301", 5, "Critics argue"),
        ("LN201", 14, "so bravely"),
    ]
    assert all(f["path"] == str(article) for f in findings)
