"""Inline SVG charts drawn by small functions: every text escaped, every coordinate rounded, no random ids —
the same data always gives the same bytes. Colours come from the page's stylesheet (classes), so that the
print styles and the screen share one palette. Each chart carries a <title> and <desc>; the page adds a text
summary and a table as its equivalent."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass

from copadvisor.render.portfolio.words import short_date, stage_label
from copadvisor.render.safe import html_text as escape

WIDTH, HEIGHT = 360, 200
LEFT, RIGHT, TOP, BOTTOM = 44, 14, 24, 40
MAX_LABELS = 5
MAX_VALUE_LABELS = 12


@dataclass(frozen=True)
class Bar:
    label: str  # under the bar (a date)
    value: float | None  # None: not recorded
    tip: str  # the tooltip: the bar in words
    warn: bool = False  # outside the guidance
    ongoing: bool = False  # still running at the as-of date


@dataclass(frozen=True)
class Period:
    stage: str
    start: dt.date
    end: dt.date


def n(value: float) -> str:
    """A coordinate with at most one decimal, never ``-0``."""
    text = f"{round(value, 1):.1f}".removesuffix(".0")
    return "0" if text == "-0" else text


def svg(ident: str, title: str, desc: str, body: Sequence[str], width: int = WIDTH, height: int = HEIGHT) -> str:
    head = (
        f'<svg class="chart" viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" '
        f'aria-labelledby="{escape(ident)}-t {escape(ident)}-d" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{escape(ident)}-t">{escape(title)}</title><desc id="{escape(ident)}-d">{escape(desc)}</desc>'
    )
    return head + "".join(body) + "</svg>"


def text(x: float, y: float, content: str, cls: str = "label", anchor: str = "middle") -> str:
    return f'<text x="{n(x)}" y="{n(y)}" class="{cls}" text-anchor="{anchor}">{escape(content)}</text>'


def line(x1: float, y1: float, x2: float, y2: float, cls: str) -> str:
    return f'<line x1="{n(x1)}" y1="{n(y1)}" x2="{n(x2)}" y2="{n(y2)}" class="{cls}"/>'


def rect(x: float, y: float, w: float, h: float, cls: str, tip: str = "") -> str:
    shape = f'<rect x="{n(x)}" y="{n(y)}" width="{n(max(w, 0))}" height="{n(max(h, 0))}" class="{cls}"'
    return f"{shape}><title>{escape(tip)}</title></rect>" if tip else shape + "/>"


def ticks(top: float) -> tuple[float, ...]:
    """Round steps (1, 2 or 5 times a power of ten) from 0 to at least ``top``, at most about 5 of them."""
    top = max(top, 1.0)
    raw = top / 4
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw)
    step = max(step, 1.0)
    return tuple(step * i for i in range(math.ceil(top / step - 1e-9) + 1))


def shown_labels(count: int) -> set[int]:
    """Which of ``count`` x labels to print so that they do not overlap: every k-th, and always the last."""
    every = max(1, math.ceil(count / MAX_LABELS))
    chosen = set(range(0, count, every))
    if count and (count - 1) not in chosen:
        chosen.discard(max(chosen))
        chosen.add(count - 1)
    return chosen


def _axes(scale: tuple[float, ...], unit: str) -> list[str]:
    top = scale[-1]
    parts = []
    for tick in scale:
        y = _y(tick, top)
        parts.append(line(LEFT, y, WIDTH - RIGHT, y, "grid" if tick else "axis"))
        parts.append(text(LEFT - 6, y + 4, f"{tick:g}", "tick", "end"))
    parts.append(text(LEFT - 36, TOP - 10, unit, "unit", "start"))
    return parts


def _y(value: float, top: float) -> float:
    return HEIGHT - BOTTOM - (HEIGHT - TOP - BOTTOM) * value / top


def _slot(index: int, count: int) -> tuple[float, float]:
    """The centre of the index-th of ``count`` slots across the plot, and the slot's width."""
    width = (WIDTH - LEFT - RIGHT) / max(count, 1)
    return LEFT + width * (index + 0.5), width


def _x_labels(labels: Sequence[str]) -> list[str]:
    chosen = shown_labels(len(labels))
    return [
        text(_slot(i, len(labels))[0], HEIGHT - BOTTOM + 16, lab, "tick") for i, lab in enumerate(labels) if i in chosen
    ]


def _reference(value: float, top: float, label: str) -> list[str]:
    """The dashed line across the plot, and its key above the plot's top right corner (clear of the bars)."""
    y = _y(value, top)
    key_end = WIDTH - RIGHT - 7.2 * len(label) - 6
    return [
        line(LEFT, y, WIDTH - RIGHT, y, "ref"),
        line(key_end - 22, TOP - 14, key_end, TOP - 14, "ref"),
        text(WIDTH - RIGHT, TOP - 10, label, "ref-label", "end"),
    ]


def bar_chart(
    ident: str, title: str, desc: str, bars: Sequence[Bar], unit: str, reference: tuple[float, str] | None = None
) -> str:
    """Bars in date order, an optional dashed reference line (the guidance), bars outside it marked."""
    values = [b.value for b in bars if b.value is not None]
    scale = ticks(max([*values, reference[0] if reference else 0.0, 1.0]) * 1.1)
    body = _axes(scale, unit)
    for index, bar in enumerate(bars):
        body.extend(_bar(index, len(bars), bar, scale[-1]))
    if reference:
        body.extend(_reference(reference[0], scale[-1], reference[1]))
    body.extend(_x_labels([b.label for b in bars]))
    return svg(ident, title, desc, body)


def _bar(index: int, count: int, bar: Bar, top: float) -> list[str]:
    centre, slot = _slot(index, count)
    width = min(slot * 0.62, 40.0)
    base = _y(0, top)
    if bar.value is None:
        return [
            text(centre, base - 4, "n/r", "missing"),
            rect(centre - width / 2, TOP, width, base - TOP, "hit", bar.tip),
        ]
    cls = "bar warn" if bar.warn else "bar"
    y = _y(bar.value, top)
    if not bar.ongoing:
        return [rect(centre - width / 2, y, width, base - y, cls, bar.tip)]
    return [
        rect(centre - width / 2, y, width, base - y, cls + " ongoing", bar.tip),
        text(centre, y - 5, "open", "missing"),
    ]


def line_chart(ident: str, title: str, desc: str, points: Sequence[Bar], unit: str) -> str:
    """Points in date order joined by a line; a missing value breaks the line."""
    values = [p.value for p in points if p.value is not None]
    scale = ticks(max([*values, 1.0]) * 1.15)
    body = _axes(scale, unit)
    runs: list[list[str]] = [[]]
    for index, point in enumerate(points):
        if point.value is None:
            runs.append([])
            continue
        runs[-1].append(f"{n(_slot(index, len(points))[0])},{n(_y(point.value, scale[-1]))}")
    body.extend(f'<polyline points="{" ".join(run)}" class="trend"/>' for run in runs if len(run) > 1)
    labelled = _labelled(points)
    for index, point in enumerate(points):
        body.extend(_dot(index, len(points), point, scale[-1], index in labelled))
    body.extend(_x_labels([p.label for p in points]))
    return svg(ident, title, desc, body)


def _labelled(points: Sequence[Bar]) -> set[int]:
    """Which points get their value printed: all of a few; else the first, the last, the highest, the lowest."""
    known = [(i, p.value) for i, p in enumerate(points) if p.value is not None]
    if len(known) <= MAX_VALUE_LABELS:
        return {i for i, _ in known}
    if not known:
        return set()
    by_value = sorted(known, key=lambda pair: (pair[1], pair[0]))
    return {known[0][0], known[-1][0], by_value[0][0], by_value[-1][0]}


def _dot(index: int, count: int, point: Bar, top: float, labelled: bool) -> list[str]:
    x = _slot(index, count)[0]
    if point.value is None:
        return [text(x, _y(0, top) - 4, "n/r", "missing")]
    y = _y(point.value, top)
    dot = f'<circle cx="{n(x)}" cy="{n(y)}" r="4" class="dot"><title>{escape(point.tip)}</title></circle>'
    return [dot, text(x, y - 9, f"{point.value:g}", "value")] if labelled else [dot]


# --- stages ---------------------------------------------------------------------------------------------------

TIMELINE_WIDTH, TIMELINE_HEIGHT = 720, 82
BAND_TOP, BAND_HEIGHT = 8, 34
ROW_DROPS = (16, 32)  # where date labels stand below the band


def stage_timeline(ident: str, title: str, desc: str, periods: Sequence[Period], as_of: dt.date) -> str:
    """One band from the first event to the as-of date, a segment per stage, its start dates beneath (on two
    alternating rows, so that close dates do not overlap; the as-of date takes the row the last one leaves)."""
    first = periods[0].start
    span = max((as_of - first).days, 1)

    def x(day: dt.date) -> float:
        return 12 + (TIMELINE_WIDTH - 24) * (day - first).days / span

    body: list[str] = []
    for number, period in enumerate(periods):
        body.extend(_period(period, x(period.start), x(period.end), ROW_DROPS[number % 2]))
    end = x(as_of)
    drop = ROW_DROPS[len(periods) % 2]
    body.append(line(end, BAND_TOP - 4, end, BAND_TOP + BAND_HEIGHT + drop - 10, "now"))
    body.append(text(end, BAND_TOP + BAND_HEIGHT + drop, f"as of {short_date(as_of)}", "tick now-label", "end"))
    return svg(ident, title, desc, body, TIMELINE_WIDTH, TIMELINE_HEIGHT)


def _period(period: Period, left: float, right: float, drop: int) -> list[str]:
    right = max(right, left + 3)
    label = stage_label(period.stage)
    tip = f"{label}: {short_date(period.start)} to {short_date(period.end)}"
    parts = [rect(left, BAND_TOP, right - left, BAND_HEIGHT, f"stage st-{period.stage}", tip)]
    if right - left > 7.2 * len(label) + 8:
        parts.append(text((left + right) / 2, BAND_TOP + 22, label, "stage-label"))
    parts.append(line(left, BAND_TOP + BAND_HEIGHT, left, BAND_TOP + BAND_HEIGHT + drop - 10, "axis"))
    anchor = "end" if left > TIMELINE_WIDTH - 100 else "start"  # near the right edge: end at the line
    parts.append(text(left, BAND_TOP + BAND_HEIGHT + drop, short_date(period.start), "tick", anchor))
    return parts


ROW, ROWS_LEFT = 28, 150


def distribution_chart(ident: str, title: str, desc: str, rows: Sequence[tuple[str, int, str]]) -> str:
    """Horizontal bars, one row per (label, count, CSS class)."""
    width, height = 480, ROW * len(rows) + 8
    top = max([count for _, count, _ in rows] + [1])
    body: list[str] = []
    for index, (label, count, cls) in enumerate(rows):
        y = 4 + index * ROW
        length = (width - ROWS_LEFT - 40) * count / top
        body.append(text(ROWS_LEFT - 8, y + 17, label, "label", "end"))
        body.append(rect(ROWS_LEFT, y + 3, max(length, 2 if count else 0), ROW - 8, cls, f"{label}: {count}"))
        body.append(text(ROWS_LEFT + length + 6, y + 17, str(count), "value", "start"))
    return svg(ident, title, desc, body, width, height)
