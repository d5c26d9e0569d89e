"""A CoP's figures — its stage timeline, session length, attendance and gaps — as charts and as sentences.

The sentences are each chart's text equivalent (the HTML adds tables too) and the Markdown form's only view.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from copadvisor.facts.activity import Activity, Gap, Session, StagePeriod
from copadvisor.render.portfolio import charts
from copadvisor.render.portfolio.words import duration, long_date, month_year, plural, short_date, stage_label

NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six")
LONG_SPAN_DAYS = 150


def guidance_phrase(minutes: int) -> str:
    """``two-hour`` for 120 minutes, ``90-minute`` for 90."""
    hours, rest = divmod(minutes, 60)
    if rest == 0 and hours < len(NUMBER_WORDS):
        return f"{NUMBER_WORDS[hours]}-hour"
    return f"{minutes}-minute"


def _date_labels(days: Sequence[dt.date]) -> list[str]:
    """Axis labels: months and years over a long span (Mar 2024); else days and months, the year on the first."""
    if days and (days[-1] - days[0]).days > LONG_SPAN_DAYS:
        return [month_year(d) for d in days]
    return [short_date(d, i == 0 or d.year != days[i - 1].year) for i, d in enumerate(days)]


def _kind(session: Session) -> str:
    return "Launch" if session.launch else "Meeting"


# --- session length -------------------------------------------------------------------------------------------


def length_chart(ident: str, sessions: Sequence[Session], guidance: int) -> str:
    labels = _date_labels([s.date for s in sessions])
    bars = [
        charts.Bar(
            label,
            s.minutes,
            f"{_kind(s)}, {long_date(s.date)}: " + (f"{s.minutes} minutes" if s.minutes else "length not recorded"),
            warn=s.minutes is not None and s.minutes < guidance,
        )
        for label, s in zip(labels, sessions, strict=True)
    ]
    title = f"Length of each session against the {guidance_phrase(guidance)} guidance"
    return charts.bar_chart(
        ident, title, length_summary(sessions, guidance), bars, "minutes", (guidance, f"{guidance} min guidance")
    )


def length_summary(sessions: Sequence[Session], guidance: int) -> str:
    recorded = [s.minutes for s in sessions if s.minutes is not None]
    short = sum(1 for m in recorded if m < guidance)
    parts = [f"{plural(len(sessions), 'session')} (launch and meetings)"]
    if recorded:
        parts.append(f"{short} shorter than {guidance} minutes" if short else f"none shorter than {guidance} minutes")
        parts.append(_range(recorded, "minutes"))
    missing = len(sessions) - len(recorded)
    if missing:
        parts.append(f"{missing} without a recorded length")
    return "; ".join(parts) + "."


def _range(values: Sequence[int], unit: str) -> str:
    low, high = min(values), max(values)
    if low == high:
        return f"{low} {unit} each time" if len(values) > 1 else f"{low} {unit}"
    return f"from {low} to {high} {unit}"


# --- attendance -----------------------------------------------------------------------------------------------


def attendance_chart(ident: str, sessions: Sequence[Session]) -> str:
    labels = _date_labels([s.date for s in sessions])
    points = [
        charts.Bar(
            label,
            s.attendance,
            f"{_kind(s)}, {long_date(s.date)}: "
            + (plural(s.attendance, "person", "people") if s.attendance is not None else "attendance not recorded"),
        )
        for label, s in zip(labels, sessions, strict=True)
    ]
    return charts.line_chart(ident, "Attendance at each session", attendance_summary(sessions), points, "people")


def attendance_summary(sessions: Sequence[Session]) -> str:
    recorded = [s.attendance for s in sessions if s.attendance is not None]
    if not recorded:
        return "Attendance is not recorded for any session."
    text = f"Attendance: {_range(recorded, 'people')}; at the latest recorded session, {recorded[-1]}"
    missing = len(sessions) - len(recorded)
    return text + (f"; {missing} without a recorded attendance." if missing else ".")


# --- gaps -----------------------------------------------------------------------------------------------------


def gaps_chart(ident: str, gaps: Sequence[Gap], closed: dt.date | None = None) -> str:
    labels = _date_labels([g.start for g in gaps])
    bars = [
        charts.Bar(label, g.days, _gap_words(g), warn=g.over, ongoing=g.ongoing)
        for label, g in zip(labels, gaps, strict=True)
    ]
    limit = gaps[-1].limit_days
    return charts.bar_chart(
        ident, "Gaps between sessions", gaps_summary(gaps, closed), bars, "days", (limit, f"limit {limit:g} days")
    )


def _gap_words(gap: Gap) -> str:
    end = "the as-of date (still open)" if gap.ongoing else long_date(gap.end)
    over = " — over the limit" if gap.over else ""
    return f"From {long_date(gap.start)} to {end}: {plural(gap.days, 'day')}{over}"


def gaps_summary(gaps: Sequence[Gap], closed: dt.date | None = None) -> str:
    """The gaps in words, the gaps between sessions apart from the one still open (which is not yet a gap
    between two sessions), so that "longest" and "over the limit" speak of the same gaps."""
    ended = f"Closed on {long_date(closed)}, so no gap runs on after its last session" if closed else ""
    if not gaps:
        return (ended or "No sessions yet, so no gaps") + "."
    between = [g for g in gaps if not g.ongoing]
    over = sum(1 for g in between if g.over)
    parts = [f"Limit: {gaps[-1].limit_days:g} days between sessions"]
    if between:
        longest = max(g.days for g in between)
        judged = f"{over} of {len(between)} over the limit" if over else "none over the limit"
        parts.append(f"longest gap between sessions {plural(longest, 'day')}, {judged}")
    current = gaps[-1]
    if current.ongoing:
        state = "over the limit" if current.over else "within the limit"
        parts.append(f"{plural(current.days, 'day')} since the last session so far, {state}")
    if ended:
        parts.append(ended[0].lower() + ended[1:])
    return "; ".join(parts) + "."


# --- stages ---------------------------------------------------------------------------------------------------


def timeline_chart(ident: str, periods: Sequence[StagePeriod], as_of: dt.date) -> str:
    shown = [charts.Period(p.stage, p.start, p.end) for p in periods]
    return charts.stage_timeline(ident, "Stage timeline", timeline_summary(periods), shown, as_of)


def timeline_summary(periods: Sequence[StagePeriod]) -> str:
    if not periods:
        return "No events recorded yet."
    return "; ".join(period_words(p, p is periods[-1]) for p in periods) + "."


def period_words(period: StagePeriod, current: bool) -> str:
    days = (period.end - period.start).days
    if current:
        return f"{stage_label(period.stage)} since {long_date(period.start)} ({duration(days)})"
    return f"{stage_label(period.stage)} from {long_date(period.start)} to {long_date(period.end)} ({duration(days)})"


def activity_summary(activity: Activity, guidance: int) -> list[str]:
    """The figures in sentences, for the Markdown form."""
    if not activity.sessions:
        return ["No launch or meeting recorded yet."]
    return [
        length_summary(activity.sessions, guidance),
        attendance_summary(activity.sessions),
        gaps_summary(activity.gaps, activity.closed),
    ]
