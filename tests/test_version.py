"""One version, one tag scheme.

The version lives in lintnews/__init__.py (the CLI, the caches and SARIF read it there) and
the package metadata takes it from there; releases are tagged `v<version>`. Wherever the
README, the action or the example newsroom name a release tag, it is this version's tag, so a
version bump that forgets one of them fails here.
"""

from __future__ import annotations

import re
from pathlib import Path

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib

from lintnews import __version__

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
REPOSITORY = PYPROJECT["project"]["urls"]["Repository"]
# "owner/name" of the GitHub repository, as an action's `uses:` names it.
ACTION_NAME = REPOSITORY.removeprefix("https://github.com/")

# Where a release tag can be named: an action reference, a pre-commit `rev:` and the comment
# `pre-commit autoupdate --freeze` writes beside a pinned SHA.
# (`vX.Y.Z`, the scheme itself, is not a tag.)
_TAG = r"(v\d[^\s'\"#`]*)"
TAG_PATTERNS = (
    re.compile(re.escape(ACTION_NAME) + "@" + _TAG),
    re.compile(r"^\s*rev:\s*['\"]?" + _TAG, re.M),
    re.compile(r"#\s*frozen:\s*" + _TAG),
)


def documents() -> list[Path]:
    files = [ROOT / "README.md", ROOT / "action.yml", ROOT / ".pre-commit-hooks.yaml"]
    for pattern in ("*.md", "*.yml", "*.yaml"):
        files.extend((ROOT / "examples").rglob(pattern))
    files.extend((ROOT / "examples").rglob(".*.yaml"))
    return sorted(set(files))


def test_the_package_version_comes_from_lintnews_init() -> None:
    project = PYPROJECT["project"]
    assert "version" not in project, "pyproject.toml repeats the version; it is dynamic"
    assert "version" in project.get("dynamic", [])
    assert PYPROJECT["tool"]["hatch"]["version"]["path"] == "lintnews/__init__.py"
    assert re.fullmatch(r"\d+\.\d+\.\d+", __version__), __version__


def test_every_release_tag_named_in_the_docs_is_this_versions_tag() -> None:
    found: list[tuple[str, str]] = []
    for path in documents():
        text = path.read_text(encoding="utf-8")
        for pattern in TAG_PATTERNS:
            found.extend((path.relative_to(ROOT).as_posix(), tag)
                         for tag in pattern.findall(text))
    assert found, "no release tag found in the docs (the action's `uses:` names one)"
    assert all(tag == f"v{__version__}" for _, tag in found), found


def test_the_changelog_starts_with_this_version() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    changelog = readme[readme.index("## Changelog"):]
    first = re.search(r"^- (\d+\.\d+\.\d+):", changelog, re.M)
    assert first is not None and first.group(1) == __version__
