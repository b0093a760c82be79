"""SARIF 2.1.0, accepted by GitHub code scanning."""

from __future__ import annotations

import hashlib
import json
from pathlib import PurePath
from urllib.parse import quote

from lintnews import __version__
from lintnews.report import Report

_LEVELS = {"error": "error", "warning": "warning", "info": "note"}
SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def _uri(path: str) -> str:
    posix = PurePath(path).as_posix()
    posix = posix[2:] if posix.startswith("./") else posix
    # artifactLocation.uri must be a URI reference: percent-encode spaces, '%' and the like.
    return quote(posix, safe="/")


def render(report: Report) -> str:
    used = sorted({f.code for f in report.findings})
    rules = []
    index = {}
    for i, code in enumerate(used):
        meta = report.rules.get(code)
        index[code] = i
        rule: dict[str, object] = {"id": code}
        if meta is not None:
            rule.update({
                "name": meta.name,
                "shortDescription": {"text": meta.summary},
                "fullDescription": {"text": meta.rationale or meta.summary},
                "help": {"text": f"{meta.rationale}\n\nSource: {meta.source}\n"
                                 f"Run `lintnews explain {code}` for examples.",
                         "markdown": f"{meta.rationale}\n\n**Source:** {meta.source}\n\n"
                                     f"Run `lintnews explain {code}` for examples."},
                "defaultConfiguration": {"level": _LEVELS[str(meta.severity)]},
                "properties": {"category": meta.category, "pack": meta.pack,
                               "tags": [meta.category]},
            })
        rules.append(rule)
    results = []
    for f in report.findings:
        fingerprint = hashlib.sha256(
            f"{f.path}|{f.code}|{f.offset}|{f.message}".encode()).hexdigest()
        result: dict[str, object] = {
            "ruleId": f.code,
            "ruleIndex": index[f.code],
            "level": _LEVELS[str(f.severity)],
            "message": {"text": f.message},
            "locations": [{"physicalLocation": {
                "artifactLocation": {"uri": _uri(f.path)},
                "region": {"startLine": f.line, "startColumn": f.column,
                           "endLine": f.end_line, "endColumn": f.end_column,
                           "charOffset": f.offset, "charLength": f.end_offset - f.offset},
            }}],
            "partialFingerprints": {"lintnewsFinding/v1": fingerprint},
            "properties": {"category": f.category, "name": f.name},
        }
        if f.suggestions and f.fix_safe:
            result["fixes"] = [{
                "description": {"text": f"Replace with '{f.suggestions[0]}'"},
                "artifactChanges": [{"artifactLocation": {"uri": _uri(f.path)}, "replacements": [{
                    "deletedRegion": {"charOffset": f.offset,
                                      "charLength": f.end_offset - f.offset},
                    "insertedContent": {"text": f.suggestions[0]}}]}],
            }]
        results.append(result)
    log = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "lintnews", "version": __version__,
                                "informationUri": "https://pypi.org/project/lintnews/",
                                "rules": rules}},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    }
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"
