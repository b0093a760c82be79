"""`--column-unit`: columns in the unit an editor counts.

Findings carry columns in code points, the contract's unit and the one JSON and SARIF
promise. Vim's quickfix `%c` counts bytes of the line (UTF-8), and LSP clients count UTF-16
code units by default; on a line with "Núñez" or curly quotes before a finding, a code-point
column lands an editor inside the wrong word. The text-like formats (text, github,
checkstyle) can give columns in either unit instead.
"""

from __future__ import annotations

from lintnews.engine.rule_types import Finding

COLUMN_UNITS = ("characters", "bytes", "utf-16")
DEFAULT_UNIT = "characters"


def _width(text: str, unit: str) -> int:
    if unit == "bytes":
        return len(text.encode("utf-8", "surrogatepass"))
    if unit == "utf-16":
        return len(text.encode("utf-16-le", "surrogatepass")) // 2
    return len(text)


def in_column_unit(findings: list[Finding], text: str, unit: str) -> list[Finding]:
    """`findings` of `text` with `column` and `end_column` counted in `unit` (1-based, the end
    exclusive, as before); lines, offsets and everything else unchanged."""
    if unit == DEFAULT_UNIT:
        return findings
    out = []
    for f in findings:
        line_start = f.offset - (f.column - 1)
        end_line_start = f.end_offset - (f.end_column - 1)
        out.append(f._replace(
            column=_width(text[line_start:f.offset], unit) + 1,
            end_column=_width(text[end_line_start:f.end_offset], unit) + 1))
    return out
