"""`path:line:column: CODE message`, the compiler convention problem matchers read."""

from __future__ import annotations

from lintnews.output import Report


def render(report: Report) -> str:
    lines = []
    for f in report.findings:
        hint = f" [{', '.join(repr(s) for s in f.suggestions)}]" if f.suggestions and \
            any(f.suggestions) else ""
        # One finding a line: a message that quotes text across a line break stays on one line.
        message = " ".join(f.message.splitlines())
        lines.append(f"{f.path}:{f.line}:{f.column}: {f.code} {message}{hint} "
                     f"({f.severity}, {f.name})")
    s = report.summary()
    by = s["by_severity"]
    assert isinstance(by, dict)
    noun = "file" if report.files == 1 else "files"
    lines.append(f"Found {len(report.findings)} problem{'s' if len(report.findings) != 1 else ''} "
                 f"({by['error']} error, {by['warning']} warning, {by['info']} info) "
                 f"in {report.files} {noun}.")
    return "\n".join(lines) + "\n"
