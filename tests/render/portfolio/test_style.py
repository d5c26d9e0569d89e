"""The sponsors' page's one stylesheet (``copadvisor.render.portfolio.style``): inline, self-contained."""

from __future__ import annotations

import re

from copadvisor.render.portfolio.style import STYLESHEET


def test_it_fetches_nothing() -> None:
    assert "url(" not in STYLESHEET
    assert "@import" not in STYLESHEET
    assert "@font-face" not in STYLESHEET


def test_every_status_has_its_colour_and_print_keeps_them() -> None:
    for status in ("red", "amber", "green", "error"):
        assert f".badge.status-{status}{{" in STYLESHEET
        assert f".tile.status-{status}{{" in STYLESHEET
    assert "@media print{" in STYLESHEET
    assert "print-color-adjust:exact" in STYLESHEET


def test_the_braces_balance() -> None:
    assert STYLESHEET.count("{") == STYLESHEET.count("}")
    assert re.findall(r"--red:(#[0-9a-f]{6})", STYLESHEET) == ["#b42318"]
