"""dashboard.html of `lintnews audit --output`: self-contained (no script, no request), and
in headless Chromium its charts and table render."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from browser import open_page, require_browser
from helpers import write

from lintnews.audit.dashboard import render_dashboard
from lintnews.audit.run import AuditOptions, run_audit

NEWS = Path(__file__).parent / "data" / "news"


@pytest.fixture(scope="module")
def summary(tmp_path_factory: pytest.TempPathFactory) -> dict:
    root = tmp_path_factory.mktemp("dash") / "archive"
    for number, file in enumerate(sorted(NEWS.glob("wn*.txt"))[:35]):
        write(root / ("world" if number % 2 else "local") / file.name, file.read_text("utf-8"))
    return run_audit(AuditOptions((str(root),), by=("section", "month"))).summary


def test_the_dashboard_is_one_self_contained_page(summary: dict) -> None:
    html = render_dashboard(summary)
    assert "<script" not in html
    assert not re.search(r"(?:src|href)\s*=", html)  # nothing loaded, nothing linked
    assert "http" not in html.replace("http://www.w3.org", "")
    assert html.count("<svg") == 2
    assert html.count("<tr>") == len(summary["groups"]) + 1 + min(
        15, len([c for c in summary["changes"] if c["scope"] != "all"])) + 1


def test_the_dashboard_renders_in_chromium_without_requests(summary: dict,
                                                            tmp_path: Path) -> None:
    require_browser()
    page_file = tmp_path / "dashboard.html"
    page_file.write_text(render_dashboard(summary), encoding="utf-8")
    with open_page() as recorded:
        page = recorded.page
        page.goto(page_file.as_uri())
        charts = page.locator("svg")
        assert charts.count() == 2
        for index in range(2):
            box = charts.nth(index).bounding_box()
            assert box is not None and box["width"] > 300 and box["height"] > 100
        # the line over time: one point per month with words, for each series drawn
        months = [t for t in summary["timeline"] if t["words"] and t["period"][0] != "("]
        first_line = page.locator("svg").first.locator("polyline").first
        assert len(first_line.get_attribute("points").split()) == len(months)
        rows = page.locator("table").first.locator("tbody tr")
        assert rows.count() == len(summary["groups"])
        assert page.locator("h1").inner_text() == "lintnews audit"
        outside = recorded.outside_requests()
    assert outside == []
