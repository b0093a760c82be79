"""--jobs gives the same output as a serial run, and the progress line is for terminals only."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

from helpers import run_lintnews

NEWS = Path(__file__).parent / "data" / "news"


def test_parallel_output_is_identical_to_serial() -> None:
    serial = run_lintnews("check", "--jobs", "1", "--format", "json", str(NEWS), timeout=300)
    parallel = run_lintnews("check", "--jobs", "3", "--format", "json", str(NEWS), timeout=300)
    assert serial.returncode == parallel.returncode
    assert serial.stdout == parallel.stdout
    assert serial.stdout.count('"code"') > 50
    text_serial = run_lintnews("check", "--jobs", "1", str(NEWS), timeout=300).stdout
    assert run_lintnews("check", "--jobs", "2", str(NEWS), timeout=300).stdout == text_serial


def test_no_progress_line_in_pipes_or_ci() -> None:
    result = run_lintnews("check", str(NEWS), timeout=300)
    assert "\r" not in result.stderr and "[#" not in result.stderr


def _run_on_a_terminal(env: dict[str, str]) -> str:
    """Run with stderr on a pseudo-terminal and return what the terminal received."""
    main, secondary = pty.openpty()
    process = subprocess.Popen([sys.executable, "-m", "lintnews", "check", "--jobs", "1",
                                str(NEWS)], stdout=subprocess.DEVNULL, stderr=secondary,
                               env=env)
    os.close(secondary)
    received = b""
    while True:
        try:
            chunk = os.read(main, 65536)
        except OSError:
            break
        if not chunk:
            break
        received += chunk
    process.wait(timeout=300)
    os.close(main)
    return received.decode("utf-8", "replace")


def test_progress_line_on_an_interactive_terminal() -> None:
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    shown = _run_on_a_terminal(env)
    total = len(list(NEWS.glob('*.txt'))) + len(list(NEWS.glob('*.md')))
    assert "[#" in shown and f"/{total}" in shown
    assert "[#" not in _run_on_a_terminal({**env, "CI": "true"})
