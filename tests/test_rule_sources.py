"""What a rule cites is a public work a reader can look up, never a file they do not have."""

from __future__ import annotations

import ast
import io
import re
import subprocess
import tokenize
from pathlib import Path

import pytest

from lintnews.ruleset import load_rules

ROOT = Path(__file__).resolve().parent.parent
RULES = load_rules()
# A file name as a rule or a module would cite one: "DETECTORS.md", "docs/notes.txt".
_FILE_RE = re.compile(r"(?<![\w/.-])((?:\.\./|[\w-]+/)*[\w-]+\.(?:md|txt|rst|toml|json|py|csv))\b")


def _repository_files() -> set[str]:
    listed = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True)
    if listed.returncode != 0:  # an unpacked sdist: what is on disk is the repository
        return {p.relative_to(ROOT).as_posix() for p in ROOT.rglob("*") if p.is_file()}
    return set(listed.stdout.split())


def _missing_files(text: str, files: set[str]) -> list[str]:
    names = {Path(f).name for f in files}
    return [ref for ref in _FILE_RE.findall(text)
            if ref.startswith("../") or (ref not in files and Path(ref).name not in names)]


@pytest.mark.parametrize("rule", RULES, ids=[r.meta.code for r in RULES])
def test_rule_cites_no_file_outside_the_repository(rule) -> None:
    meta = rule.meta
    text = "\n".join((meta.source, meta.rationale, meta.summary))
    assert "../" not in text and "shared/" not in text, f"{meta.code}: {meta.source!r}"
    assert not _missing_files(text, _repository_files()), f"{meta.code}: {meta.source!r}"


def _prose(path: Path) -> str:
    """What a reader reads as prose: a module's docstrings and comments, a pack's whole text.
    (Code names files it writes itself, such as "example.md", in string literals.)"""
    text = path.read_text(encoding="utf-8")
    if path.suffix != ".py":
        return text
    nodes = [node for node in ast.walk(ast.parse(text))
             if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef,
                                  ast.AsyncFunctionDef))]
    docstrings = [ast.get_docstring(node) or "" for node in nodes]
    comments = [token.string for token in tokenize.generate_tokens(io.StringIO(text).readline)
                if token.type == tokenize.COMMENT]
    return "\n".join(docstrings + comments)


def test_package_and_packs_cite_no_document_outside_the_repository() -> None:
    """Module docstrings, comments and pack headers too: 'see DETECTORS.md' must point
    somewhere."""
    files = _repository_files()
    for path in sorted([*(ROOT / "lintnews").rglob("*.py"), *(ROOT / "rules").glob("*.toml")]):
        assert "../shared" not in path.read_text(encoding="utf-8"), path
        text = _prose(path)
        missing = [ref for ref in _missing_files(text, files) if ref.endswith((".md", ".rst"))]
        assert not missing, (path, missing)
