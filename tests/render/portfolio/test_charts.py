"""The SVG charts of the sponsors' page (``copadvisor.render.portfolio.charts``)."""

from __future__ import annotations

from copadvisor.render.portfolio import charts


def test_ticks_are_round_and_cover_the_top() -> None:
    assert charts.ticks(132) == (0, 50, 100, 150)
    assert charts.ticks(22) == (0, 10, 20, 30)
    assert charts.ticks(18) == (0, 5, 10, 15, 20)
    assert charts.ticks(0) == (0, 1)
    assert charts.ticks(3.3)[-1] >= 3.3


def test_x_labels_are_thinned_but_the_last_is_kept() -> None:
    assert charts.shown_labels(3) == {0, 1, 2}
    assert charts.shown_labels(12) == {0, 3, 6, 11}
    assert charts.shown_labels(0) == set()


def test_coordinates_are_short_and_stable() -> None:
    assert [charts.n(v) for v in (1.0, 1.25, -0.01, 120.0 / 7)] == ["1", "1.2", "0", "17.1"]


def test_a_missing_value_is_marked_not_drawn() -> None:
    bars = [charts.Bar("1 Jan", None, "not recorded"), charts.Bar("2 Feb", 90, "90 minutes", warn=True)]
    svg = charts.bar_chart("x", "t", "d", bars, "minutes", (120, "guidance"))
    assert "n/r" in svg
    assert 'class="bar warn"' in svg
    assert 'class="ref"' in svg
    assert svg == charts.bar_chart("x", "t", "d", bars, "minutes", (120, "guidance"))


def test_chart_text_is_escaped() -> None:
    svg = charts.bar_chart("id", "<t>", "<d>", [charts.Bar("<x>", 1, "<tip>")], "<u>")
    assert "<t>" not in svg
    assert "&lt;t&gt;" in svg
    assert "&lt;tip&gt;" in svg
    assert "&lt;x&gt;" in svg
