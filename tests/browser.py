"""A real browser for tests: Debian's headless Chromium, driven by playwright.

Playwright's own browser download does not work offline, so the system browser is launched
by path (`.ci/run` installs it with apt-get when it is missing). `open_page` records every
request the page makes, so a test can assert that nothing left the file.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
# No sandbox (containers and CI run as root); no GPU; and none of the browser's own traffic
# (updates, sync, first-run pages), so any request recorded comes from the page.
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", "--no-first-run"]


def skip_reason() -> str | None:
    """Why browser tests cannot run here, or None when they can."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright is not installed (pip install -e '.[test]')"
    if not CHROMIUM.exists():
        return (f"no Chromium at {CHROMIUM} (apt-get install chromium; .ci/run installs it): "
                "the report is still checked as an HTML document")
    return None


def require_browser() -> None:
    """Skip the calling test, with the reason, when no browser can run."""
    reason = skip_reason()
    if reason:
        pytest.skip(reason)


class RecordedPage:
    """A page and every URL it requested."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.requests: list[str] = []
        page.on("request", lambda request: self.requests.append(request.url))

    def outside_requests(self) -> list[str]:
        """Requests that went anywhere but the local file and inline data."""
        return [url for url in self.requests if not url.startswith(("file:", "data:"))]


@contextmanager
def open_page(width: int = 1280, height: int = 900) -> Iterator[RecordedPage]:
    """A fresh page in headless Chromium (the caller checks `skip_reason` first)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        try:
            context = browser.new_context(viewport={"width": width, "height": height})
            yield RecordedPage(context.new_page())
        finally:
            browser.close()
