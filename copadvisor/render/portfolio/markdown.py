"""The sponsors' report in Markdown, for pasting a summary into a governance paper (`report --format markdown`).

The same anonymised view as the HTML page: status, stage, counts, last session and how sponsors can help per CoP,
the stages across the portfolio, portfolio risks, and per CoP its top risks, changes and figures in words.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence

from copadvisor.portfolio_view import Changes, CopView, PortfolioView, Risk, build_view
from copadvisor.render import safe
from copadvisor.render.portfolio import figures, voice
from copadvisor.render.portfolio.cop_section import change_words, flat, see_also
from copadvisor.render.portfolio.words import (
    CHANGES_RULE,
    HISTORY_LABELS,
    HOW_TO_READ,
    NEEDS_DATA_RULE,
    NOT_STARTED_NOTE,
    SEVERITY_LABELS,
    STATUS_LABELS,
    STATUS_RULE,
    long_date,
    month_year,
    plural,
    short_date,
    stage_label,
)
from copadvisor.render.style import RenderOptions
from copadvisor.report import Report
from copadvisor.terms import NOT_STARTED

TOP_RISKS = 5
# Where to look for a profile that could not be read: its name and folder are not shown (``_redacted``).
UNREAD_HINT = "`copadvisor lint` shows which profile and what to mend"
STATUS_MARKS = {
    "red": "🔴 Red",
    "amber": "🟠 Amber",
    "ending": "🟣 May be ending",
    "green": "🟢 Green",
    "error": "⚪ Could not be read",
}


def render(report: Report, options: RenderOptions | None = None) -> str:
    """The sponsors' report of ``report`` in Markdown, through its anonymised view."""
    return safe.no_commands(document(build_view(report)))


def document(view: PortfolioView) -> str:
    return "".join(pieces(view))


def pieces(view: PortfolioView) -> Iterator[str]:
    """The document a table row or a CoP at a time (``document`` joins them), written as it is drawn."""
    head = [
        f"# Communities of Practice: sponsors' report (as of {long_date(view.as_of)})",
        "",
        f"> {HOW_TO_READ}",
        ">",
        f"> {STATUS_RULE} {NEEDS_DATA_RULE}"
        + (f" {CHANGES_RULE.format(since=long_date(view.since))}" if view.since else ""),
        "",
        *_summary(view),
    ]
    yield "\n".join(head) + "\n"
    yield from (line + "\n" for line in _table(view))
    yield "\n".join([*_stages(view), *_portfolio(view)])
    for cop in view.cops:
        yield "\n" + "\n".join(_cop(cop, view))
    tail = ["", f"_Made by copadvisor {view.version} as of {view.as_of.isoformat()}._"]
    yield ("\n" + "\n".join(tail)).rstrip() + "\n"


def cell(text: str) -> str:
    """Text safe inside a table cell and inert as Markdown or HTML (``safe.markdown``, which every Markdown
    format shares)."""
    return safe.markdown(text)


def _summary(view: PortfolioView) -> list[str]:
    counts = ", ".join(f"{count} {STATUS_LABELS[s].lower()}" for s, count in view.status_counts if count)
    since = f" Changes are shown since {long_date(view.since)}." if view.since else ""
    return [f"{plural(len(view.cops), 'CoP')}: {counts or 'none'}.{since}", ""]


def _table(view: PortfolioView) -> Iterator[str]:
    extra = " New | Resolved |" if view.since else ""
    yield (
        f"| CoP | Status | Stage | High | Medium | Low | Info | Need data |{extra} Last session "
        "| How sponsors can help |"
    )
    yield "|---|---|---|---:|---:|---:|---:|---:|" + ("---:|---:|" if view.since else "") + "---|---|"
    yield from (_row(cop, view.since is not None) for cop in view.cops)
    yield ""


def _row(cop: CopView, with_changes: bool) -> str:
    if cop.status == "error":
        blanks = ["—"] * (6 + (2 if with_changes else 0))
        return (
            "| "
            + " | ".join([cell(cop.name), STATUS_MARKS["error"], *blanks, "—", f"could not be read: {UNREAD_HINT}"])
            + " |"
        )
    counts = [str(cop.count(s)) for s in ("high", "medium", "low", "info")] + [str(cop.needs_data)]
    if with_changes:
        changed = cop.change_counts
        counts += [str(n) for n in changed] if changed else ["—", "—"]
    last = cop.last_session
    when = (short_date(last.date) + (" (launch)" if last.launch else "")) if last else "none yet"
    steps = "<br>".join(f"{i}. {cell(s)}" for i, s in enumerate(cop.next_steps, start=1)) or "none"
    return (
        "| "
        + " | ".join([cell(cop.name), STATUS_MARKS[cop.status], stage_label(cop.stage), *counts, when, steps])
        + " |"
    )


def _stages(view: PortfolioView) -> list[str]:
    shown = "; ".join(f"{stage_label(stage)} {count}" for stage, count in view.stage_counts)
    return ["## Stages", "", f"{shown}.", ""]


def _portfolio(view: PortfolioView) -> list[str]:
    lines = ["## Portfolio risks", ""]
    if not view.findings:
        checked = "; ".join(view.portfolio_checked) or "none selected"
        return [*lines, f"None found. The portfolio was checked for: {cell(checked)}.", ""]
    for f in view.findings:
        lines += [
            f"- **{SEVERITY_LABELS[f.severity]}: {cell(f.title)}.** {cell(f.message)} "
            f"How sponsors can help: {cell(f.sponsor_step)}"
        ]
    return [*lines, ""]


def _cop(cop: CopView, view: PortfolioView) -> list[str]:
    lines = ["", f"## {cell(cop.name)} — {STATUS_MARKS[cop.status]}", ""]
    if cop.status == "error":
        return [*lines, f"Could not be read, so not checked: {UNREAD_HINT}."]
    periods = cop.activity.stages
    lines.append(f"Stage: **{stage_label(cop.stage)}**. " + figures.timeline_summary(periods))
    if cop.history:
        cells = [f"{month_year(day)} {HISTORY_LABELS[state].lower()}" for day, state in cop.history]
        started = "" if all(state != NOT_STARTED for _, state in cop.history) else f" {NOT_STARTED_NOTE}"
        lines += [
            "",
            f"Status at each quarter's end: {'; '.join(cells)}; now {STATUS_LABELS[cop.status].lower()}.{started}",
        ]
    lines += ["", *_risks(cop.risks)]
    if view.since and cop.changes:
        lines += ["", _changes(cop.changes, view.since)]
    lines += ["", *(f"- {s}" for s in figures.activity_summary(cop.activity, view.meeting_minutes))]
    heard = voice.summary(cop.activity.pulses)
    lines += ["", "Members' voice:", "", *(f"- {s}" for s in heard)] if heard else []
    return lines


def _risks(risks: Sequence[Risk]) -> list[str]:
    if not risks:
        return ["No risks found."]
    lines = [
        _risk_line(r) + f" How a sponsor can help: {cell(r.sponsor_step)}" + (f" {cell(see_also(r))}" if r.also else "")
        for r in risks[:TOP_RISKS]
    ]
    rest = risks[TOP_RISKS:]
    if rest:
        also = (f"{cell(r.title)} ({r.severity}{f', {r.count}×' if r.count > 1 else ''})" for r in flat(rest))
        lines.append("- Also found: " + "; ".join(also) + ".")
    return lines


def _risk_line(risk: Risk) -> str:
    times = f" ({risk.count}×)" if risk.count > 1 else ""
    return f"- **{SEVERITY_LABELS[risk.severity]}: {cell(risk.title)}**{times}."


def _changes(changes: Changes, since: dt.date) -> str:
    heading = f"Since {long_date(since)}:"
    if not changes.known:
        return f"{heading} could not be evaluated at that date."
    new = " · ".join(f"{cell(change_words(r))} ({r.severity})" for r in changes.new) or "nothing"
    gone = " · ".join(f"{cell(change_words(r))} ({r.severity})" for r in changes.resolved) or "nothing"
    return f"{heading} new — {new}; resolved — {gone}."
