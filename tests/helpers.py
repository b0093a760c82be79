"""Small helpers shared by several test modules (imported as `helpers`: pytest puts this
folder on sys.path for its conftest)."""

from __future__ import annotations

import textwrap
from pathlib import Path

# One sentence per rule family, each known to the built-in rules:
# LN101 (logic, error), LN204 (loaded-language, warning), LN206 (loaded-language, info),
# LN301 (attribution, warning), LN502 (style, warning).
MIXED = ("Title\n\n"
         "The stakes are impossible to understate.\n\n"
         "The legendary coach left.\n\n"
         "The so-called plan stalled.\n\n"
         "Critics argue it failed.\n\n"
         "It was the the end.\n")


def write_house_pack(root: Path, rules_toml: str, folder: str = "house",
                     file: str = "house.toml") -> Path:
    """A folder of TOML rules under `root`, named by `root/lintnews.toml` as its rule pack."""
    packs = root / folder
    packs.mkdir(parents=True, exist_ok=True)
    (packs / file).write_text(textwrap.dedent(rules_toml), encoding="utf-8")
    (root / "lintnews.toml").write_text(f'rule-packs = ["{folder}"]\n', encoding="utf-8")
    return packs
