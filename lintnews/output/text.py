"""`path:line:column: CODE message`, the compiler convention problem matchers read."""

from __future__ import annotations

from lintnews.cache.patterns import regex
from lintnews.report import Report

# Line breaks and other control characters, which would break "one finding a line" or drive
# the terminal (an article can hold them, and so can a file name).
_CONTROL_RE = regex("[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029]")


def _one_line(value: str) -> str:
    return _CONTROL_RE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), value)


def render(report: Report) -> str:
    lines = []
    for f in report.findings:
        hint = f" [{', '.join(repr(s) for s in f.suggestions)}]" if f.suggestions and \
            any(f.suggestions) else ""
        # One finding a line: a message that quotes text across a line break stays on one line.
        message = _one_line(" ".join(f.message.splitlines()))
        lines.append(f"{_one_line(f.path)}:{f.line}:{f.column}: {f.code} {message}{hint} "
                     f"({f.severity}, {f.name})")
    s = report.summary()
    by = s["by_severity"]
    assert isinstance(by, dict)
    lines.append(f"Found {counted(len(report.findings), 'problem')} "
                 f"({counted(by['error'], 'error')}, {counted(by['warning'], 'warning')}, "
                 f"{by['info']} info) in {counted(report.files, 'file')}.")
    return "\n".join(lines) + "\n"


def counted(number: int, noun: str) -> str:
    """"1 error", "2 errors", "0 errors" ("info" is uncountable and has no plural)."""
    return f"{number} {noun}{'' if number == 1 else 's'}"
