"""Template tags in Markdown are markup, not prose.

Liquid/Jekyll tags (`{% include … %}`, `{% image "…" "alt" %}`), Liquid output (`{{ page.title }}`)
and Hugo shortcodes (`{{< figure … >}}`, `{{% notice %}}`) are masked with spaces of the same
length, so what is around and between them keeps its exact position. Content that is not
prose is masked whole: Liquid `raw`, `comment` and `highlight` blocks, and the inner content
of a paired `{{< x >}}…{{< /x >}}` shortcode (raw, not Markdown, in Hugo). The inner content
of a paired `{{% x %}}…{{% /x %}}` shortcode is Markdown, and is linted.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import run_lintnews
from hypothesis import given, settings
from hypothesis import strategies as st

from lintnews.config import Settings
from lintnews.engine.runner import lint_source, select_rules
from lintnews.files.source import SourceFile
from lintnews.markup.markdown import read_markdown
from lintnews.markup.plaintext import read_plaintext
from lintnews.ruleset import load_rules

SETTINGS = Settings()
RULES = select_rules(load_rules(), SETTINGS, None, ())
# An image caption of 41 words: as prose it was a lead over 40 words (LN402).
ALT = ("Crowds gathered outside the parliament building on Monday evening as the final vote on "
       "the budget was counted, with police closing the main road and several hundred "
       "protesters holding banners about the price of bread, rent and the new tax on fuel")


def lint(text: str, name: str = "article.md") -> list[tuple[str, int, int, str]]:
    result = lint_source(SourceFile(path=name, text=text), RULES, SETTINGS)
    assert not result.rule_errors, result.rule_errors
    return [(f.code, f.line, f.column, text[f.offset:f.end_offset]) for f in result.findings]


def masked_out(text: str, *pieces: str) -> str:
    """`text` with each of `pieces` blanked (line breaks kept), as the reader should mask it."""
    for piece in pieces:
        blank = "".join(c if c in "\r\n" else " " for c in piece)
        assert piece in text
        text = text.replace(piece, blank, 1)
    return text


@pytest.mark.parametrize("tag", [
    f'{{% image "crowds.jpg" "{ALT}" %}}',
    '{% include figure.html caption="Critics argue it is impossible to understate" %}',
    "{%- if page.critics -%}",
    "{{ page.title | upcase }}",
    "{{- site.legendary -}}",
    f'{{{{< figure src="/crowds.jpg" caption="{ALT}" >}}}}',
    '{{% notice info "Critics argue" %}}',
    '{{</* figure src="x.jpg" caption="so bravely" */>}}',
    '{{< youtube id="w7Ft2ymGmfc" title="The legendary final" />}}',
])
def test_a_template_tag_is_masked_and_the_prose_around_it_kept(tag: str) -> None:
    text = f"The council met.\n\nHe left. {tag} She stayed so bravely.\n\nThe end.\n"
    assert read_markdown(text).masked == masked_out(text, tag)
    found = lint(text)
    column = len("He left. ") + len(tag) + len(" She stayed ") + 1
    assert ("LN201", 3, column, "so bravely") in found
    assert all(code not in ("LN401", "LN402", "LN301", "LN101", "LN204") for code, *_ in found)


def test_a_tag_over_several_lines_is_masked() -> None:
    tag = f'{{{{< figure\n    src="/crowds.jpg"\n    caption="{ALT}"\n>}}}}'
    text = f"The council met.\n\n{tag}\n\nHe acted so bravely.\n"
    assert read_markdown(text).masked == masked_out(text, tag)
    assert [(code, line) for code, line, *_ in lint(text)] == [("LN201", 8)]


def test_markdown_shortcode_content_is_prose_and_raw_shortcode_content_is_not() -> None:
    text = ("The council met.\n\n"
            "{{% notice warning %}}\nThe legendary coach left.\n{{% /notice %}}\n\n"
            "{{< highlight python >}}\nlegendary = 'impossible to understate'\n"
            "{{< /highlight >}}\n\n"
            "{{< card >}}Critics argue it failed.{{< /card >}} He acted so bravely.\n")
    masked = read_markdown(text).masked
    assert masked == masked_out(
        text, "{{% notice warning %}}", "{{% /notice %}}",
        "{{< highlight python >}}\nlegendary = 'impossible to understate'\n{{< /highlight >}}",
        "{{< card >}}Critics argue it failed.{{< /card >}}")
    found = [(code, line, column) for code, line, column, _ in lint(text)]
    assert ("LN204", 4, 5) in found  # "legendary", inside the {{% notice %}}
    assert ("LN201", 11, len("{{< card >}}Critics argue it failed.{{< /card >}} He acted ") + 1) \
        in found
    assert not [f for f in found if f[1] in (7, 8, 9)] and ("LN301", 11, 13) not in found


@pytest.mark.parametrize("block", [
    "{% raw %}\n{{ page.title }} is impossible to understate\n{% endraw %}",
    "{%- raw -%}Critics argue {% if x %}{%- endraw -%}",
    "{% comment %}\nCritics argue the legendary coach left.\n{% endcomment %}",
    "{% highlight ruby %}\ndef legendary\n  'impossible to understate'\nend\n{% endhighlight %}",
])
def test_liquid_raw_comment_and_highlight_blocks_are_masked_whole(block: str) -> None:
    text = f"The council met.\n\n{block}\n\nHe acted so bravely.\n"
    assert read_markdown(text).masked == masked_out(text, block)
    assert [code for code, *_ in lint(text)] == ["LN201"]


def test_a_tag_shown_in_code_is_code_and_does_not_open_a_block() -> None:
    text = ("Write `{% raw %}` before the tags.\n\n"
            "He acted so bravely.\n\n"
            "```liquid\n{% endraw %}\n```\n")
    assert [(code, line) for code, line, *_ in lint(text)] == [("LN201", 3)]


@pytest.mark.parametrize("text", [
    "Use {{ to open a tag.\n\nHe acted so bravely.\n\nClose it with }} later.\n",
    "Start {% raw %} here.\n\nHe acted so bravely.\n",  # never closed: only the tag
    "Open {{< card >}} here.\n\nHe acted so bravely.\n",  # never closed: only the shortcode
])
def test_an_unclosed_tag_or_block_does_not_swallow_the_article(text: str) -> None:
    assert ("LN201", 3) in [(code, line) for code, line, *_ in lint(text)]


def test_plain_text_keeps_braces_as_text() -> None:
    text = "Title\n\nThe {% legendary %} coach left.\n"
    assert read_plaintext(text).masked == text


def test_cli_reports_no_sentence_length_on_a_caption_and_exact_positions_after_tags(
        tmp_path: Path) -> None:
    text = ("---\ntitle: Budget vote\n---\n\n"
            f'{{% image "crowds.jpg" "{ALT}" %}}\n\n'
            "The council met on {{ page.date }} and the police acted so bravely.\n\n"
            f'{{{{< figure src="/crowds.jpg" caption="{ALT}" >}}}}\n')
    (tmp_path / "vote.md").write_text(text, encoding="utf-8")
    proc = run_lintnews("check", "--format", "json", "--fail-on", "info", "vote.md",
                        cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr
    findings = json.loads(proc.stdout)["findings"]
    column = len("The council met on {{ page.date }} and the police acted ") + 1
    assert [(f["code"], f["line"], f["column"], f["end_column"]) for f in findings] == [
        ("LN201", 7, column, column + len("so bravely"))]


_PIECES = ["{{", "}}", "{%", "%}", "{{<", ">}}", "{{%", "%}}", " /card ", " card ", " raw ",
           " endraw ", "/*", "*/", "/", "-", "`", "```\n", "\n", "\n\n", "\r\n", "so bravely",
           "He acted ", ". "]


@settings(max_examples=200, deadline=None)
@given(pieces=st.lists(st.sampled_from(_PIECES), max_size=40))
def test_masking_templates_keeps_every_offset(pieces: list[str]) -> None:
    text = "".join(pieces)
    masked = read_markdown(text).masked
    assert len(masked) == len(text)
    for m, t in zip(masked, text, strict=True):
        assert m == t or (m == " " and t not in "\r\n")
    lint(text)  # and the rules run on it without error


@pytest.mark.parametrize("tag", ["{% include legendary-coach.html %}",
                                 "{{< figure src=/legendary.jpg >}}",
                                 "{{% notice legendary %}}"])
def test_standard_input_with_template_tags_is_read_as_markdown(tmp_path: Path, tag: str) -> None:
    text = f"The council met.\n\n{tag}\n\nHe acted so bravely.\n"
    proc = run_lintnews("check", "--format", "json", "-", cwd=tmp_path, stdin=text)
    found = [(f["code"], f["line"]) for f in json.loads(proc.stdout)["findings"]]
    assert found == [("LN201", 5)]
