"""One CoP's section of the sponsors' HTML report: status, stage timeline, top risks, changes, session charts.

Every piece of profile text passes through ``html.escape``; nothing here names a person.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from copadvisor.facts.activity import Activity
from copadvisor.portfolio_view import Changes, CopView, Risk
from copadvisor.render.portfolio import figures, voice
from copadvisor.render.portfolio.words import (
    HISTORY_LABELS,
    SEVERITY_LABELS,
    STAGE_MEANINGS,
    STATUS_LABELS,
    STATUS_MEANINGS,
    history_note,
    long_date,
    month_year,
    plural,
    stage_label,
    subject_words,
)
from copadvisor.render.safe import html_text as escape

TOP_RISKS = 5


def badge(status: str) -> str:
    label, meaning = STATUS_LABELS[status], STATUS_MEANINGS[status]
    return f'<span class="badge status-{status}" title="{escape(meaning)}">{escape(label)}</span>'


def severity(level: str) -> str:
    return f'<span class="sev sev-{level}">{escape(SEVERITY_LABELS.get(level, level))}</span>'


def section(cop: CopView, as_of: dt.date, since: dt.date | None, guidance: int) -> str:
    head = (
        f'<section class="cop status-{cop.status}" id="{cop.anchor}" aria-labelledby="{cop.anchor}-h">'
        f'<div class="cop-head"><h2 id="{cop.anchor}-h">{escape(cop.name)}</h2>{badge(cop.status)}</div>'
    )
    if cop.status == "error":
        return head + _unread(cop) + "</section>"
    parts = [
        head,
        _meta(cop),
        _history(cop),
        _timeline(cop, as_of),
        _risks(cop.risks),
        _changes(cop.changes, since) if since and cop.changes else "",
        _activity(cop.anchor, cop.activity, guidance),
        voice.html(cop.anchor, cop.activity.pulses),
        "</section>",
    ]
    return "\n".join(p for p in parts if p)


def _unread(cop: CopView) -> str:
    return (
        "<p>This profile <strong>could not be read</strong>, so it was not checked. Its name and folder are not "
        "shown: they were not read whole, so a person's name in them could not be blanked out. Whoever keeps "
        "the profiles can see which one it is and what to mend with <code>copadvisor lint</code>.</p>"
    )


def _meta(cop: CopView) -> str:
    stage = cop.stage or ""
    counts = [plural(cop.count(s), f"{SEVERITY_LABELS[s].lower()} risk") for s in ("high", "medium", "low")]
    needs = plural(cop.needs_data, "check") + (" needs data" if cop.needs_data == 1 else " need data")
    extra = [needs, plural(cop.acknowledged, "risk") + " acknowledged"]
    return (
        f"<p>Stage: <strong>{escape(stage_label(stage))}</strong> — {escape(STAGE_MEANINGS.get(stage, ''))}. "
        f'<span class="path">{escape(cop.path)}</span></p>'
        f'<p class="counts">{escape(" · ".join(counts + extra))}</p>'
    )


def _history(cop: CopView) -> str:
    """The status at each quarter's end, then now: coloured cells that say it in words too."""
    if not cop.history:
        return ""
    cells = [(month_year(day), state) for day, state in cop.history] + [("Now", cop.status)]
    items = "".join(
        f'<li class="hist status-{state}"><span class="when">{escape(when)}</span> '
        f'<span class="what">{escape(HISTORY_LABELS[state])}</span></li>'
        for when, state in cells
    )
    return (
        f'<h3 id="{cop.anchor}-hist">Status over time</h3>'
        f'<ol class="history" aria-labelledby="{cop.anchor}-hist">{items}</ol>'
        f'<p class="also">{escape(history_note(state for _, state in cop.history))}</p>'
    )


def _timeline(cop: CopView, as_of: dt.date) -> str:
    periods = cop.activity.stages
    if not periods:
        return "<h3>Stage timeline</h3><p>No events recorded yet: the CoP is setting up.</p>"
    items = "".join(f"<li>{escape(figures.period_words(p, p is periods[-1]))}</li>" for p in periods)
    chart = figures.timeline_chart(f"{cop.anchor}-stages", periods, as_of)
    return f'<h3>Stage timeline</h3><div class="timeline">{chart}</div><ol class="periods">{items}</ol>'


def _risks(risks: Sequence[Risk]) -> str:
    if not risks:
        return "<h3>Top risks and how to help</h3><p>No risks found.</p>"
    top = "".join(_risk(r) for r in risks[:TOP_RISKS])
    rest = risks[TOP_RISKS:]
    also = ""
    if rest:
        names = "; ".join(f"{r.title} ({SEVERITY_LABELS[r.severity].lower()}{_times(r)})" for r in flat(rest))
        also = f'<p class="also">Also found: {escape(names)}.</p>'
    return f'<h3>Top risks and how to help</h3><ol class="risks">{top}</ol>{also}'


def flat(risks: Sequence[Risk]) -> list[Risk]:
    """The risks and those shown with them, in order, for a list that names each."""
    return [r for risk in risks for r in (risk, *_also(risk))]


def _times(risk: Risk) -> str:
    return f", {risk.count}×" if risk.count > 1 else ""


def _risk(risk: Risk) -> str:
    times = f' <span class="also">({risk.count}×)</span>' if risk.count > 1 else ""
    also = f'<p class="also">{escape(see_also(risk))}</p>' if risk.also else ""
    return (
        f"<li>{severity(risk.severity)} <strong>{escape(risk.title)}</strong>{times}"
        f'<p class="step"><strong>How a sponsor can help:</strong> {escape(risk.sponsor_step)}</p>{also}</li>'
    )


def see_also(risk: Risk) -> str:
    """The risks shown with this one, from the same cause: "See also, from the same cause: One person
    convenes every meeting alone (medium)."."""
    named = "; ".join(f"{r.title} ({r.severity}{_times(r)})" for r in _also(risk))
    return f"See also, from the same cause: {named}."


def _also(risk: Risk) -> list[Risk]:
    return [r for other in risk.also for r in (other, *_also(other))]


def _changes(changes: Changes, since: dt.date) -> str:
    heading = f"<h3>Since {escape(long_date(since))}</h3>"
    if not changes.known:
        return heading + "<p>The profile could not be evaluated at that date, so there is nothing to compare.</p>"
    return (
        f'{heading}<div class="changes"><div><strong>New</strong>{_change_list(changes.new, "Nothing new.")}</div>'
        f"<div><strong>Resolved</strong>{_change_list(changes.resolved, 'Nothing resolved.')}</div></div>"
    )


def _change_list(risks: Sequence[Risk], empty: str) -> str:
    if not risks:
        return f"<p>{empty}</p>"
    items = "".join(f"<li>{severity(r.severity)} {escape(change_words(r))}</li>" for r in risks)
    return f"<ul>{items}</ul>"


def change_words(risk: Risk) -> str:
    """A new or resolved risk with what each of its findings is about: "A role has nobody in it: the admin
    role; the tech role"."""
    about = [words for words in (subject_words(s) for s in risk.subjects) if words]
    if not about:
        return risk.title + (f" ({risk.count}×)" if risk.count > 1 else "")
    return f"{risk.title}: {'; '.join(about)}"


def _activity(anchor: str, activity: Activity, guidance: int) -> str:
    if not activity.sessions:
        return "<h3>Sessions</h3><p>No launch or meeting recorded yet.</p>"
    sessions, gaps = activity.sessions, activity.gaps
    cards = [
        _figure(
            figures.length_chart(f"{anchor}-length", sessions, guidance),
            figures.length_summary(sessions, guidance),
            f"Length against the {figures.guidance_phrase(guidance)} guidance",
        ),
        _figure(
            figures.attendance_chart(f"{anchor}-attendance", sessions),
            figures.attendance_summary(sessions),
            "Attendance",
        ),
        _figure(
            figures.gaps_chart(f"{anchor}-gaps", gaps, activity.closed) if gaps else "",
            figures.gaps_summary(gaps, activity.closed),
            "Gaps between sessions",
        ),
    ]
    return f'<h3>Sessions</h3><div class="charts">{"".join(cards)}</div>{_tables(activity)}'


def _figure(chart: str, summary: str, caption: str) -> str:
    return f'<figure><figcaption>{escape(caption)}</figcaption>{chart}<p class="summary">{escape(summary)}</p></figure>'


def _tables(activity: Activity) -> str:
    sessions = "".join(
        f"<tr><td>{escape(long_date(s.date))}</td><td>{'Launch' if s.launch else 'Meeting'}</td>"
        f'<td class="num">{_cell(s.minutes)}</td><td class="num">{_cell(s.attendance)}</td></tr>'
        for s in activity.sessions
    )
    gaps = "".join(
        f"<tr><td>{escape(long_date(g.start))}</td>"
        f"<td>{escape('still open' if g.ongoing else long_date(g.end))}</td>"
        f'<td class="num">{g.days}</td><td class="num">{g.limit_days:g}</td>'
        f"<td>{'over' if g.over else 'within'}</td></tr>"
        for g in activity.gaps
    )
    return (
        '<div class="figures"><h4>The figures as tables</h4><div class="scroll"><table><caption>Sessions</caption>'
        '<thead><tr><th scope="col">Date</th><th scope="col">Type</th>'
        '<th scope="col" class="num">Minutes</th><th scope="col" class="num">Attendance</th></tr></thead>'
        f"<tbody>{sessions}</tbody></table></div>"
        '<div class="scroll"><table><caption>Gaps between sessions</caption>'
        '<thead><tr><th scope="col">From</th><th scope="col">To</th>'
        '<th scope="col" class="num">Days</th><th scope="col" class="num">Limit (days)</th>'
        f'<th scope="col">Against the limit</th></tr></thead><tbody>{gaps}</tbody></table></div></div>'
    )


def _cell(value: int | None) -> str:
    return "not recorded" if value is None else str(value)
