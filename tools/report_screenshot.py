"""Regenerate docs/report-seed.png: the `--format html` report of the seed article, as headless
Chromium shows it with the third finding selected from the keyboard.

    python tools/report_screenshot.py                 # write docs/report-seed.png
    python tools/report_screenshot.py --out x.png     # somewhere else

Needs the test extra (playwright) and Debian's Chromium at /usr/bin/chromium; the browser is
launched as the tests launch it (tests/browser.py), never downloaded.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))  # the one launch helper, shared with the tests

from browser import open_page, skip_reason  # noqa: E402

SEED = ROOT / "tests" / "data" / "seed-article.txt"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "report-seed.png")
    parser.add_argument("--steps", type=int, default=3,
                        help="how many times to press n (next finding) before the shot")
    args = parser.parse_args()
    reason = skip_reason()
    if reason:
        print(f"cannot take the screenshot: {reason}", file=sys.stderr)
        return 2
    html = subprocess.run(
        [sys.executable, "-m", "lintnews", "check", "--format", "html", "--fail-on", "never",
         str(SEED.relative_to(ROOT))], cwd=ROOT, check=True, capture_output=True, text=True,
        encoding="utf-8").stdout
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "report-seed.html"
        report.write_text(html, encoding="utf-8")
        with open_page() as recorded:
            page = recorded.page
            page.goto(report.as_uri())
            for _ in range(args.steps):
                page.keyboard.press("n")
            args.out.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(args.out))
            outside = recorded.outside_requests()
    if outside:
        print(f"the page requested {outside}", file=sys.stderr)
        return 1
    print(f"wrote {args.out.relative_to(ROOT) if args.out.is_relative_to(ROOT) else args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
