"""What the language server needs of the core: a lint that a newer text supersedes stops
between rules (Linter.lint_text's `cancelled`), and Linter.validate checks a file's config
and the selection before linting, as `check` does."""

from __future__ import annotations

from pathlib import Path

import pytest

from lintnews.config import ConfigError
from lintnews.core import Cancelled, Linter
from lintnews.engine.selection import SelectionError

TEXT = "Council vote\n\nThe legendary coach left the the team.\nHe slammed the plan.\n"


def test_a_lint_never_cancelled_finds_what_a_plain_lint_finds() -> None:
    linter = Linter()
    plain = linter.lint_text(TEXT, "story.md").findings
    assert linter.lint_text(TEXT, "story.md", cancelled=lambda: False).findings == plain
    assert {f.code for f in plain} == {"LN202", "LN204", "LN502"}


def test_a_cancelled_lint_stops_between_rules() -> None:
    asked: list[int] = []

    def cancelled() -> bool:
        asked.append(1)
        return len(asked) > 3  # the text changed while the fourth rule was waiting

    with pytest.raises(Cancelled):
        Linter().lint_text(TEXT, "story.md", cancelled=cancelled)
    assert len(asked) == 4  # asked before each rule, until it said yes


def test_validate_reports_a_bad_config_and_a_bad_selection(tmp_path: Path) -> None:
    (tmp_path / "lintnews.toml").write_text('ignore = ["LN9999"]\n', encoding="utf-8")
    with pytest.raises(SelectionError, match="LN9999"):
        Linter().validate(str(tmp_path / "story.md"))
    (tmp_path / "lintnews.toml").write_text("no-such-key = 1\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="no-such-key"):
        Linter().validate(str(tmp_path / "story.md"))
    (tmp_path / "lintnews.toml").write_text('ignore = ["LN204"]\n', encoding="utf-8")
    Linter().validate(str(tmp_path / "story.md"))
    with pytest.raises(SelectionError, match="LN9998"):
        Linter(select=["LN9998"]).validate(str(tmp_path / "story.md"))
