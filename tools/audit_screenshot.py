"""Regenerate docs/audit-dashboard.png: the dashboard of `lintnews audit --by month` over the
Wikinews sample corpus (benchmarks/corpus/news, dated by its index.tsv), as headless Chromium
shows it.

    python tools/audit_screenshot.py                 # write docs/audit-dashboard.png
    python tools/audit_screenshot.py --out x.png     # somewhere else

Needs the test and audit extras (playwright, pyarrow) and Debian's Chromium at
/usr/bin/chromium; the browser is launched as the tests launch it (tests/browser.py).
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

CORPUS = ROOT / "benchmarks" / "corpus" / "news"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "audit-dashboard.png")
    args = parser.parse_args()
    reason = skip_reason()
    if reason:
        print(f"cannot take the screenshot: {reason}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as folder:
        output = Path(folder) / "audit"
        subprocess.run(
            [sys.executable, "-m", "lintnews", "audit", str(CORPUS / "articles"), "--by",
             "month", "--metadata", str(CORPUS / "index.tsv"), "--output", str(output)],
            cwd=ROOT, check=True, capture_output=True)
        with open_page(width=1200, height=900) as recorded:
            page = recorded.page
            page.goto((output / "dashboard.html").as_uri())
            args.out.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(args.out), full_page=False)
            outside = recorded.outside_requests()
    if outside:
        print(f"the page requested {outside}", file=sys.stderr)
        return 1
    print(f"wrote {args.out.relative_to(ROOT) if args.out.is_relative_to(ROOT) else args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
