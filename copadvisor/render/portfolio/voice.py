"""Members' voice in the sponsors' report and the convener's checklist: the latest pulse as a small chart
with words and a table, and how agreement moved since the pulses before.

Privacy by construction: only pulses with at least ``MIN_SHOWN`` responses reach this module's output, and
within them only questions that at least ``MIN_SHOWN`` members answered (fewer answers identify people);
free text never reaches a pulse at all. Self-contained: the chart's colours are SVG attributes, so the page's
stylesheet needs nothing new.
"""

from __future__ import annotations

from collections.abc import Sequence

from copadvisor.facts.voice import PulseResult, Tally, trend
from copadvisor.model import STANDARD_QUESTIONS
from copadvisor.render.portfolio.charts import svg, text
from copadvisor.render.portfolio.words import long_date
from copadvisor.render.safe import html_text as escape

MIN_SHOWN = 5  # SPEC §5: never lower, whatever the thresholds say
TREND_PULSES = 4
TREND_POINTS = 10
COLOURS = (("agree", "#1f7a3a"), ("neutral", "#9ca3af"), ("disagree", "#b42318"))
WIDTH, ROW, LABEL, TOP, VALUE = 540, 30, 210, 8, 52


def shown(pulses: Sequence[PulseResult]) -> tuple[PulseResult, ...]:
    return tuple(p for p in pulses if p.responses >= MIN_SHOWN)


def tallies(pulse: PulseResult) -> tuple[Tally, ...]:
    return tuple(t for t in pulse.tallies if t.answered >= MIN_SHOWN)


def statement(question: str) -> str:
    return STANDARD_QUESTIONS.get(question, question.replace("_", " ").capitalize())


def words(tally: Tally) -> str:
    """``5 of 7 agree, 1 neutral, 1 disagree``."""
    return f"{tally.agree} of {tally.answered} agree, {tally.neutral} neutral, {tally.disagree} disagree"


def _percent(tally: Tally) -> str:
    return f"{tally.percent(tally.agree):.0f}%"


def trends(pulses: Sequence[PulseResult]) -> list[str]:
    """Per question asked in the latest pulse: agreement over the last pulses, and which way it moved."""
    recent = shown(pulses)[-TREND_PULSES:]
    if len(recent) < 2:
        return []
    out = []
    for question in (t.question for t in tallies(recent[-1])):
        kept = [p for p in recent if (t := p.tally(question)) is not None and t.answered >= MIN_SHOWN]
        moved = trend(kept, question, TREND_POINTS)
        if moved is not None:
            path = " → ".join(_percent(t) for p in kept if (t := p.tally(question)) is not None)
            out.append(f"{statement(question)}: {path} agreeing, {_MOVED[moved]}")
    return out


_MOVED = {"better": "up", "steady": "about the same", "worse": "down"}


def summary(pulses: Sequence[PulseResult]) -> list[str]:
    """The latest pulse and the trend in plain words (the checklist, the Markdown report); nothing without a
    pulse to show (the rule voice.no-recent-pulse speaks for that)."""
    counted = shown(pulses)
    if not counted:
        return []
    latest = counted[-1]
    lines = [f"Latest pulse: {long_date(latest.date)}, {latest.responses} responses."]
    lines += [f"{statement(t.question)}: {words(t)}." for t in tallies(latest)]
    return lines + [f"Trend — {line}." for line in trends(pulses)]


def html(anchor: str, pulses: Sequence[PulseResult]) -> str:
    """The section of one CoP: heading, chart, words, table and trend."""
    counted = shown(pulses)
    if not counted:
        return ""
    latest = counted[-1]
    rows = tallies(latest)
    intro = (
        f"<p>The latest anonymous pulse of members, on {escape(long_date(latest.date))}: "
        f"{latest.responses} responses. Counts only: nobody's answers are shown.</p>"
    )
    trend_list = "".join(f"<li>{escape(line)}</li>" for line in trends(pulses))
    return (
        f'<h3>Members\' voice</h3><div class="voice">{intro}'
        + (_chart(f"{anchor}-voice", rows) + _table(rows) if rows else "<p>No question had 5 or more answers.</p>")
        + (f"<p>Since the pulses before:</p><ul>{trend_list}</ul>" if trend_list else "")
        + "</div>"
    )


def _chart(ident: str, rows: Sequence[Tally]) -> str:
    height = TOP + ROW * len(rows) + 26
    body = []
    for number, tally in enumerate(rows):
        y = TOP + number * ROW
        body.append(text(LABEL - 8, y + 15, statement(tally.question), anchor="end"))
        x = float(LABEL)
        for name, colour in COLOURS:
            count = getattr(tally, name)
            width = (WIDTH - LABEL - VALUE) * count / tally.answered
            if width > 0:
                body.append(
                    f'<rect x="{x:.1f}" y="{y}" width="{width:.1f}" height="20" fill="{colour}">'
                    f"<title>{escape(f'{count} {name}')}</title></rect>"
                )
            x += width
        body.append(text(WIDTH - VALUE + 6, y + 15, f"{_percent(tally)} agree", "value", "start"))
    legend_y = TOP + ROW * len(rows) + 14
    for number, (name, colour) in enumerate(COLOURS):
        x = LABEL + number * 90
        body.append(f'<rect x="{x}" y="{legend_y - 9}" width="10" height="10" fill="{colour}"/>')
        body.append(text(x + 14, legend_y, name, anchor="start"))
    desc = "; ".join(f"{statement(t.question)}: {words(t)}" for t in rows)
    return svg(ident, "Members' answers in the latest pulse", desc, body, WIDTH, height)


def _table(rows: Sequence[Tally]) -> str:
    cells = "".join(
        f'<tr><td>{escape(statement(t.question))}</td><td class="num">{t.agree}</td>'
        f'<td class="num">{t.neutral}</td><td class="num">{t.disagree}</td><td class="num">{_percent(t)}</td></tr>'
        for t in rows
    )
    return (
        '<table><caption>The latest pulse</caption><thead><tr><th scope="col">Statement</th>'
        '<th scope="col" class="num">Agree</th><th scope="col" class="num">Neutral</th>'
        '<th scope="col" class="num">Disagree</th><th scope="col" class="num">Agreeing</th></tr></thead>'
        f"<tbody>{cells}</tbody></table>"
    )
