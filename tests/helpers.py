"""Small helpers shared by several test modules (imported as `helpers`: pytest puts this
folder on sys.path for its conftest)."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

from click.testing import CliRunner, Result

from lintnews.api import lint_text
from lintnews.cli import main
from lintnews.ruleset import load_rules

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


def invoke(*args: str, stdin: Any = None) -> Result:
    """Run the CLI in process; an exception other than the exit is the test's failure."""
    result = CliRunner().invoke(main, list(args), input=stdin)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result


def run_lintnews_bytes(*args: str, cwd: Path | str | None = None, stdin: bytes = b"",
                       env: dict[str, str] | None = None, timeout: float = 120,
                       preexec_fn: Callable[[], object] | None = None
                       ) -> subprocess.CompletedProcess[bytes]:
    """Run `python -m lintnews ARGS` in a process of its own, as a user or a hook does, with
    `stdin` on its standard input; its output as bytes."""
    return subprocess.run([sys.executable, "-m", "lintnews", *args], cwd=cwd, input=stdin,
                          env=env, capture_output=True, timeout=timeout, preexec_fn=preexec_fn)


def run_lintnews(*args: str, cwd: Path | str | None = None, stdin: str | bytes = b"",
                 env: dict[str, str] | None = None, timeout: float = 120,
                 preexec_fn: Callable[[], object] | None = None
                 ) -> subprocess.CompletedProcess[str]:
    """run_lintnews_bytes, with text in (UTF-8) and out: output that is not UTF-8 fails the
    test here."""
    proc = run_lintnews_bytes(*args, cwd=cwd, env=env, timeout=timeout, preexec_fn=preexec_fn,
                              stdin=stdin.encode("utf-8") if isinstance(stdin, str) else stdin)
    return subprocess.CompletedProcess(proc.args, proc.returncode, proc.stdout.decode("utf-8"),
                                       proc.stderr.decode("utf-8"))


def write(path: Path, text: str) -> Path:
    """Write `text` to `path` (UTF-8), making its folder."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def calls_made(work: Callable[[], object]) -> int:
    """How many Python and built-in functions `work` calls: a measure of work that, unlike
    seconds, is the same on every run and every machine. (Work done inside one C call, such
    as one regular-expression scan, counts once.)"""
    count = 0

    def profile(frame: object, event: str, arg: object) -> None:
        nonlocal count
        if event in ("call", "c_call"):
            count += 1

    sys.setprofile(profile)
    try:
        work()
    finally:
        sys.setprofile(None)
    return count


_BUILTIN_RULES: list[Any] = []


def flagged(code: str, body: str) -> list[str]:
    """The words rule `code` flags in an article with this body (after a headline;
    paragraphs split by blank lines)."""
    if not _BUILTIN_RULES:
        _BUILTIN_RULES.extend(load_rules())
    text = f"Headline\n\n{body}\n"
    return [text[f.offset:f.end_offset]
            for f in lint_text(text, "a.txt", select=(code,), rules=_BUILTIN_RULES)]
