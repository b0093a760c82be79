"""Write the README's table of built-in genres from rules/genres.toml.

    python tools/genre_table.py            # rewrite the table in README.md
    python tools/genre_table.py --check    # exit 1 if the README's table is out of date

The table sits between `<!-- genres:start -->` and `<!-- genres:end -->` in the README's
"Genres" section, so it cannot drift from the data lintnews reads.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
START, END = "<!-- genres:start -->", "<!-- genres:end -->"


def render() -> str:
    """The Markdown table of the built-in genres."""
    sys.path.insert(0, str(ROOT))
    from lintnews.engine.genre import builtin_genres

    rows = ["| genre | front-matter values (any case) | severities | why |",
            "| --- | --- | --- | --- |"]
    for genre in builtin_genres().values():
        levels = ", ".join(f"{code} {level}" for code, level in genre.severity.items())
        rows.append(f"| `{genre.name}` | {', '.join(genre.aliases)} | "
                    f"{levels or 'the rules’ own'} | {genre.why} |")
    return "\n".join(rows)


def with_table(readme: str) -> str:
    before, rest = readme.split(START, 1)
    _, after = rest.split(END, 1)
    return f"{before}{START}\n{render()}\n{END}{after}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="exit 1 if README.md's table is out of date, writing nothing")
    args = parser.parse_args()
    text = README.read_text(encoding="utf-8")
    updated = with_table(text)
    if args.check:
        if updated != text:
            print("README.md: the genres table is out of date; run python tools/genre_table.py",
                  file=sys.stderr)
            return 1
        return 0
    README.write_text(updated, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
