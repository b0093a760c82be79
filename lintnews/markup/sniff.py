"""Is unnamed text (standard input without --stdin-filename) Markdown?

Only clear evidence counts, since misreading a plain-text article as Markdown would hide its
prose: front matter with a key on its first line, a ``` fenced code block, an ATX heading, an
inline link or reference definition, or a template tag (a Liquid `{% tag %}` or a Hugo
shortcode `{{< x >}}`, `{{% x %}}`). Marks that plain-text copy also uses (a "* " or "1. "
list, *emphasis*, a "> " line, a `code span`, an HTML comment) count only when two different
kinds of them appear together.
"""

from __future__ import annotations

from lintnews.cache.patterns import regex
from lintnews.markup.frontmatter import front_matter_end

_FRONT_MATTER_KEY_RE = regex(r"(?:---|\+\+\+)[ \t]*(?:\r\n|\r|\n)[ \t]*[A-Za-z_][\w-]*[ \t]*[:=]")
# Marks at the start of a line, found in one pass: the pattern opens with the line break
# before the line (the text is searched with one put in front), so the scan jumps from line
# to line instead of trying the pattern at every character.
_LINE_MARK_RE = regex(
    r"\n {0,3}(?:(?P<fence>```)"
    r"|(?P<heading>#{1,6}[ \t]+\S)"
    r"|(?P<reference>\[[^\]\r\n]+\]:[ \t]+(?:https?://|/)\S*)"
    r"|(?P<list>(?:[-*+]|\d{1,3}[.)])[ \t]+\S)"
    r"|(?P<quote>>[ \t]))")
_STRONG_LINE_MARKS = {"heading", "reference"}
# The opening of a Liquid tag or a Hugo shortcode with its name; its closer, on the same line.
_TEMPLATE_OPEN_RE = regex(r"\{\{([<%])[ \t]*/?[ \t]*[A-Za-z_]|\{%-?[ \t]*[A-Za-z_]")
_TEMPLATE_CLOSERS = {"<": ">}}", "%": "%}}", None: "%}"}
_TEMPLATE_TAG_CHARS_MAX = 400
_LINK_RE = regex(r"\[[^\]\r\n]+\]\((?:https?://|/|\./|#|mailto:)[^)\s]*\)")  # [words](url)
# Marks inside a line; each kind is one or more patterns that open with the mark itself.
_WEAK_INLINE = {
    "strong": (regex(r"\*\*(?<![\w*]\*\*)[^\s*][^*\r\n]*?\*\*(?![\w*])"),
               regex(r"__(?<!\w__)[^\s_][^_\r\n]*?__(?!\w)")),
    "emphasis": (regex(r"\*(?<![\w*]\*)[^\s*][^*\r\n]*?\*(?![\w*])"),
                 regex(r"_(?<!\w_)[^\s_][^_\r\n]*?_(?!\w)")),
    "code": (regex(r"`(?<!``)[^`\r\n]+`(?!`)"),),
    "comment": (regex(r"<!--.*?-->"),),  # an HTML comment (where lintnews directives live)
}


def looks_like_markdown(text: str) -> bool:
    """True when `text` is clearly Markdown; plain-text articles answer False."""
    if front_matter_end(text) is not None and _FRONT_MATTER_KEY_RE.match(text):
        return True
    if _LINK_RE.search(text):
        return True
    if ("{{" in text or "{%" in text) and _has_template_tag(text):
        return True
    scan = "\n" + (text if "\n" in text else text.replace("\r", "\n"))
    fences = 0
    weak: set[str] = set()
    for match in _LINE_MARK_RE.finditer(scan):
        kind = match.lastgroup or ""
        if kind in _STRONG_LINE_MARKS:
            return True
        if kind == "fence":
            fences += 1
            if fences == 2:  # a fenced code block: an opening and a closing fence
                return True
        else:
            weak.add(kind)
    for kind, patterns in _WEAK_INLINE.items():
        if len(weak) >= 2:
            break
        if any(pattern.search(text) for pattern in patterns):
            weak.add(kind)
    return len(weak) >= 2


def _has_template_tag(text: str) -> bool:
    for m in _TEMPLATE_OPEN_RE.finditer(text):
        limit = m.end() + _TEMPLATE_TAG_CHARS_MAX
        end = text.find(_TEMPLATE_CLOSERS[m.group(1)], m.end(), limit)
        if end >= 0 and "\n" not in text[m.end():end] and "\r" not in text[m.end():end]:
            return True
    return False
