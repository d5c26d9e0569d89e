"""The sponsors' HTML report in a real browser: headless Chromium with the network cut off opens the page,
which must load without a console error or exception, fetch nothing, run nothing (even from a hostile profile),
lay out without horizontal overflow, show RAG badges with enough contrast, screenshot as a page that is not
blank, and print to PDF. Skipped where Chromium is not installed; CI installs it (``.ci/run``)."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from browser.cdp import CHROMIUM, PageRun, chromium
from browser.hostile import HOSTILE, broken_profile, hostile_profile
from browser.png import Image, decode
from copadvisor.cli.main import run

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason=f"headless Chromium is not installed at {CHROMIUM} (CI installs it: apt-get install -y chromium)",
)

REPO = Path(__file__).resolve().parents[2]
WIDTH, HEIGHT, SCALE = 1280, 2000, 0.5
BADGES = {"Red", "Amber", "May be ending", "Green", "Could not be read"}
DOM_FACTS = """JSON.stringify({
  title: document.title,
  scripts: document.scripts.length,
  charts: document.querySelectorAll('svg.chart').length,
  narrowCharts: [...document.querySelectorAll('svg.chart')].filter(s => s.getBoundingClientRect().width < 150).length,
  sections: document.querySelectorAll('section.cop').length,
  rows: document.querySelectorAll('table.overview tbody tr').length,
  badges: [...document.querySelectorAll('.overview .badge')].map(b => {
    const style = getComputedStyle(b);
    return [b.textContent, style.color, style.backgroundColor];
  }),
  text: document.body.innerText,
  pwned: typeof window.__pwned,
  scrollWidth: document.documentElement.scrollWidth,
})"""


def render(folder: Path, target: Path, *args: str) -> Path:
    run(["report", str(folder), *args, "--html", str(target)])
    assert target.exists()
    return target


def visit(page: Path, scratch: Path) -> tuple[PageRun, dict[str, Any], bytes, bytes]:
    with chromium(scratch / "chromium-profile") as browser:
        browser.open(page.as_uri(), WIDTH, HEIGHT)
        facts: dict[str, Any] = json.loads(browser.evaluate(DOM_FACTS))
        shot = browser.screenshot(WIDTH, HEIGHT, SCALE)
        pdf = browser.pdf()
        return browser.run, facts, shot, pdf


def rgb(css: str) -> tuple[int, int, int]:
    """``rgb(180, 35, 24)`` → (180, 35, 24)."""
    r, g, b = (int(part) for part in css[css.index("(") + 1 : css.index(")")].split(",")[:3])
    return r, g, b


def contrast(one: tuple[int, int, int], two: tuple[int, int, int]) -> float:
    """The WCAG 2 contrast ratio of two colours."""

    def luminance(colour: tuple[int, int, int]) -> float:
        linear = [c / 255 / 12.92 if c <= 10 else ((c / 255 + 0.055) / 1.055) ** 2.4 for c in colour]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    light, dark = sorted((luminance(one), luminance(two)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def colours(image: Image) -> Counter[tuple[int, int, int]]:
    counted: Counter[tuple[int, int, int]] = Counter()
    step = image.channels
    for row in image.rows:
        for x in range(0, image.width * step, step):
            counted[(row[x], row[x + 1], row[x + 2])] += 1
    return counted


def near(counted: Counter[tuple[int, int, int]], colour: tuple[int, int, int], tolerance: int = 12) -> int:
    return sum(n for c, n in counted.items() if max(abs(a - b) for a, b in zip(c, colour, strict=True)) <= tolerance)


def test_the_example_report_renders_cleanly_offline(tmp_path: Path) -> None:
    page = render(REPO / "profiles", tmp_path / "examples.html", "--as-of", "2026-11-01", "--since", "2026-06-01")
    events, facts, shot, pdf = visit(page, tmp_path)
    (tmp_path / "examples.png").write_bytes(shot)  # kept by pytest for a human to look at

    assert events.errors == []
    assert events.requests == [page.as_uri()]  # nothing fetched but the page itself
    assert facts["scripts"] == 0
    assert facts["sections"] == facts["rows"] >= 1
    assert facts["charts"] >= 1 + facts["sections"]
    assert facts["narrowCharts"] == 0
    assert facts["scrollWidth"] <= WIDTH  # no sideways scrolling
    assert "How to read this" in facts["text"]
    assert "insight, not oversight" in facts["text"]

    image = decode(shot)
    assert (image.width, image.height) == (WIDTH * SCALE, HEIGHT * SCALE)
    counted = colours(image)
    background = counted.most_common(1)[0][1] / (image.width * image.height)
    assert background < 0.9, "the screenshot is (almost) blank"
    assert len(counted) > 50
    for label, ink, fill in facts["badges"]:
        assert label in BADGES
        if label != "Could not be read":
            assert contrast(rgb(ink), rgb(fill)) >= 4.5, f"{label} badge text lacks contrast"
            assert near(counted, rgb(fill)) > 20, f"the {label} badge is not visible"

    assert pdf.startswith(b"%PDF-")
    assert len(pdf) > 10_000


def test_a_hostile_portfolio_runs_nothing_and_fetches_nothing(tmp_path: Path) -> None:
    portfolio = tmp_path / "portfolio"
    hostile_profile(portfolio)
    broken_profile(portfolio)
    page = render(portfolio, tmp_path / "hostile.html", "--as-of", "2026-06-01", "--since", "2026-03-15")
    events, facts, shot, _ = visit(page, tmp_path)

    assert events.errors == []
    assert events.requests == [page.as_uri()]  # the <img src=x> in the slug stayed text
    assert facts["scripts"] == 0
    assert facts["pwned"] == "undefined"
    assert HOSTILE in facts["text"]  # shown, as text
    assert "Could not be read" in facts["text"]
    counted = colours(decode(shot))
    assert counted.most_common(1)[0][1] / sum(counted.values()) < 0.9
