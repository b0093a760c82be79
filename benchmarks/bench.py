"""Speed: lintnews against proselint, measured in the same run on the same files.

    python benchmarks/bench.py              # one article, the corpus, the corpus x10
    python benchmarks/bench.py --quick      # one article and the corpus only, 3 runs each

Then `--fix --diff` on the seed article repeated to 1 MB and 4 MB (0.25 and 1 MB with --quick):
the time ratio of the two shows whether fixing stays linear in the file's length (4.0 is).

Every figure is the median of several whole-process runs (start-up included), with the
peak resident memory of the process. Both tools run as their installed commands (`lintnews`,
`proselint`), as a pre-commit hook runs them; proselint must be installed (it is in the test
extra). lintnews' bytecode is compiled first, as `pip install` does for any installed package
(an editable install under PYTHONDONTWRITEBYTECODE would otherwise recompile it every run),
and one warm-up run fills its cache (~/.cache/lintnews) as the first commit of the day does;
the first-run figure, with an empty cache, is reported on its own row.
The corpus is benchmarks/corpus/news/articles, 291 Wikinews articles (or --corpus DIR).
"""

from __future__ import annotations

import argparse
import compileall
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORD_RE = re.compile(r"\w+(?:['’]\w+)*")


# Runs the command and reports the peak RSS of the largest process in its tree (worker
# processes included), as resource.RUSAGE_CHILDREN sees it once they have all been waited for.
# The wrapper's own start-up is not timed.
_WRAPPER = ("import resource, subprocess, sys, time; t = time.perf_counter(); "
            "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL); "
            "print(time.perf_counter() - t, "
            "resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")


def run_once(command: list[str]) -> tuple[float, float]:
    """(seconds, peak RSS in MB) of one whole-process run."""
    out = subprocess.run([sys.executable, "-c", _WRAPPER, *command], capture_output=True,
                         text=True, check=True).stdout.split()
    return float(out[0]), int(out[1]) / 1024


def measure(command: list[str], runs: int) -> tuple[float, float]:
    results = [run_once(command) for _ in range(runs)]
    return statistics.median(r[0] for r in results), max(r[1] for r in results)


def words_in(paths: list[Path]) -> int:
    return sum(len(WORD_RE.findall(p.read_text(encoding="utf-8"))) for p in paths)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path,
                        default=ROOT / "benchmarks" / "corpus" / "news" / "articles")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--jobs", type=int, default=None, help="also time lintnews --jobs N")
    args = parser.parse_args(argv)
    runs = 3 if args.quick else args.runs
    articles = sorted(args.corpus.glob("*.txt"))
    if not articles:
        print(f"bench.py: no articles in {args.corpus}", file=sys.stderr)
        return 2
    lintnews = [*_command("lintnews"), "check", "--fail-on", "never", "--jobs", "1"]
    proselint = [*_command("proselint"), "check"]
    compileall.compile_dir(str(ROOT / "lintnews"), quiet=1)
    if shutil.which("proselint") is None and not _importable("proselint"):
        print("bench.py: proselint is not installed (pip install -e '.[test]')", file=sys.stderr)
        return 2

    with tempfile.TemporaryDirectory() as tmp:
        tenfold = Path(tmp) / "x10"
        for i in range(10):
            copy = tenfold / f"copy{i}"
            copy.mkdir(parents=True)
            for a in articles:
                shutil.copy(a, copy / a.name)
        one = articles[0]
        cases = [("one article", [one], [str(one)]),
                 ("corpus", articles, [str(args.corpus)])]
        if not args.quick:
            cases.append(("corpus x10", articles * 10, [str(tenfold)]))
        print(f"# lintnews vs proselint, {date.today()}, {platform.machine()}, "
              f"{os.cpu_count()} cores, Python {platform.python_version()}, median of {runs} runs")
        print()
        print("| case | words | lintnews s | proselint s | lintnews words/s | proselint words/s "
              "| speed ratio | lintnews MB | proselint MB |")
        print("|---|---|---|---|---|---|---|---|---|")
        subprocess.run([*lintnews, str(one)], capture_output=True, check=False)  # warm-up
        with tempfile.TemporaryDirectory() as empty:
            cold = [run_once(["env", f"LINTNEWS_CACHE_DIR={empty}/{i}", *lintnews, str(one)])
                    for i in range(runs)]
        cold_s = statistics.median(c[0] for c in cold)
        print(f"| one article, first run (empty cache) | {words_in([one])} | {cold_s:.3f} | "
              f"| {words_in([one]) / cold_s:,.0f} | | | {max(c[1] for c in cold):.0f} | |")
        timings = {}
        for name, files, target in cases:
            words = words_in(files)
            # A one-article run lasts a tenth of a second, so more runs steady its median.
            n = max(runs, 15) if name == "one article" else runs
            lt, lm = measure(lintnews + target, n)
            pt, pm = measure(proselint + target, n if name != "corpus x10" else 1)
            timings[name] = lt
            print(f"| {name} | {words} | {lt:.3f} | {pt:.3f} | {words / lt:,.0f} "
                  f"| {words / pt:,.0f} | {pt / lt:.1f}x | {lm:.0f} | {pm:.0f} |")
            if args.jobs and name != "one article":
                jt, jm = measure([*lintnews[:-2], "--jobs", str(args.jobs), *target], runs)
                print(f"| {name}, --jobs {args.jobs} | {words} | {jt:.3f} | {pt:.3f} "
                      f"| {words / jt:,.0f} | {words / pt:,.0f} | {pt / jt:.1f}x "
                      f"| {jm:.0f} | {pm:.0f} |")
        if "corpus x10" in timings:
            print(f"\ncorpus x10 / corpus time: {timings['corpus x10'] / timings['corpus']:.1f} "
                  "(10.0 is linear)")
        sizes = (0.25, 1.0) if args.quick else (1.0, 4.0)
        bench_fix(lintnews, sizes, min(runs, 3), Path(tmp))
    return 0


def bench_fix(lintnews: list[str], sizes: tuple[float, float], runs: int, folder: Path) -> None:
    """Time `--fix --diff` on the seed article repeated to each of two sizes (in MB)."""
    article = (ROOT / "tests" / "data" / "seed-article.txt").read_text(encoding="utf-8")
    article = article.rstrip("\n") + "\n\n"
    print()
    print("| case | words | lintnews s | lintnews words/s | lintnews MB |")
    print("|---|---|---|---|---|")
    seconds = []
    for size in sizes:
        path = folder / f"fix-{size:g}MB.txt"
        copies = round(size * 2**20 / len(article.encode("utf-8")))
        path.write_text(article * copies, encoding="utf-8")
        words = words_in([path])
        t, m = measure([*lintnews, "--fix", "--diff", str(path)], runs)
        seconds.append(t)
        print(f"| --fix --diff, seed article x{copies} ({size:g} MB) | {words} | {t:.3f} "
              f"| {words / t:,.0f} | {m:.0f} |")
    print(f"\n--fix {sizes[1]:g} MB / {sizes[0]:g} MB time: {seconds[1] / seconds[0]:.1f} "
          f"({sizes[1] / sizes[0]:.1f} is linear)")


def _command(name: str) -> list[str]:
    """The installed command next to this Python, else `python -m name`."""
    script = Path(sys.executable).parent / name
    return [str(script)] if script.is_file() else [sys.executable, "-m", name]


def _importable(name: str) -> bool:
    from importlib.util import find_spec

    return find_spec(name) is not None


if __name__ == "__main__":
    sys.exit(main())
