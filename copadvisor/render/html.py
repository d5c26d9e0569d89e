"""The sponsors' portfolio report as one self-contained HTML page (`copadvisor report --html FILE`).

Inline CSS and SVG only: no script, no font, no image, nothing fetched — a Content-Security-Policy that forbids
all of them says so to the browser too. Every piece of profile text is escaped. The page shows aggregates
only (see ``copadvisor.portfolio_view``), and the same view always gives the same bytes.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from copadvisor.portfolio_view import CopView, PortfolioView, build_view
from copadvisor.render import safe
from copadvisor.render.portfolio import charts
from copadvisor.render.portfolio.cop_section import badge, section, severity
from copadvisor.render.portfolio.style import STYLESHEET
from copadvisor.render.portfolio.words import (
    CHANGES_RULE,
    HOW_TO_READ,
    NEEDS_DATA_RULE,
    SEVERITY_LABELS,
    STAGE_MEANINGS,
    STATUS_LABELS,
    STATUS_MEANINGS,
    STATUS_RULE,
    long_date,
    plural,
    short_date,
    stage_label,
)
from copadvisor.render.safe import html_text as escape
from copadvisor.render.style import RenderOptions
from copadvisor.report import Report

POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"
TITLE = "How our Communities of Practice are doing"


def render(report: Report, options: RenderOptions | None = None) -> str:
    """The sponsors' page of ``report``, through its anonymised view; no line of it a workflow command."""
    return safe.no_commands(page(build_view(report)))


def page(view: PortfolioView) -> str:
    return "".join(pieces(view))


def pieces(view: PortfolioView) -> Iterator[str]:
    """The page in the order it is read, a CoP's section or an overview row at a time (``page`` joins them),
    so that a page of thousands of CoPs is written as it is drawn, never held whole."""
    yield (
        '<!DOCTYPE html>\n<html lang="en-GB">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{POLICY}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="referrer" content="no-referrer">\n'
        f"<title>{escape(TITLE)} — {escape(long_date(view.as_of))}</title>\n"
        f"<style>{STYLESHEET}</style>\n</head>\n<body>\n<main>\n"
    )
    yield f"{_header(view)}\n{_how_to_read(view)}\n{_tiles(view)}\n"
    yield from _overview(view)
    yield f"\n{_portfolio(view)}\n"
    for cop in view.cops:
        yield section(cop, view.as_of, view.since, view.meeting_minutes) + "\n"
    yield _footer(view) + "\n</main>\n</body>\n</html>\n"


def _header(view: PortfolioView) -> str:
    since = f" · changes since {long_date(view.since)}" if view.since else ""
    return (
        f"<header><h1>{escape(TITLE)}</h1>"
        f'<p class="sub">Sponsors\' report · {escape(plural(len(view.cops), "CoP"))} · as of '
        f"{escape(long_date(view.as_of))}{escape(since)}</p></header>"
    )


def _how_to_read(view: PortfolioView) -> str:
    since = f" {CHANGES_RULE.format(since=long_date(view.since))}" if view.since else ""
    return (
        '<aside class="note" aria-labelledby="how-h"><h2 id="how-h">How to read this</h2>'
        f"<p>{escape(HOW_TO_READ)}</p><p>{escape(STATUS_RULE)} {escape(NEEDS_DATA_RULE)}{escape(since)}</p>"
        "<p>Each CoP's own section shows its status and stage over time, its top risks with the support a sponsor "
        "can offer for each, and charts of its sessions, each with the same figures in words and as a table.</p>"
        "</aside>"
    )


def _tiles(view: PortfolioView) -> str:
    tiles = "".join(
        f'<li class="tile status-{status}"><strong>{count}</strong>{escape(STATUS_LABELS[status])}'
        f'<span class="sr-only"> — {escape(STATUS_MEANINGS[status])}</span></li>'
        for status, count in view.status_counts
        if count or status != "error"
    )
    return f'<ul class="tiles" aria-label="CoPs by status">{tiles}</ul>'


def _overview(view: PortfolioView) -> Iterator[str]:
    since = f'<th scope="col">Since {escape(short_date(view.since))}</th>' if view.since else ""
    head = (
        '<thead><tr><th scope="col">CoP</th><th scope="col">Status and stage</th>'
        f'<th scope="col">Risks found</th>{since}<th scope="col">Last session</th>'
        '<th scope="col">How sponsors can help</th></tr></thead>'
    )
    yield (
        '<section aria-labelledby="overview-h"><h2 id="overview-h">Overview</h2>'
        f'<table class="overview"><caption class="sr-only">Every CoP, worst status first</caption>{head}<tbody>'
    )
    for cop in view.cops:
        yield _row(cop, view.since is not None)
    yield "</tbody></table></section>"


def _row(cop: CopView, with_changes: bool) -> str:
    name = f'<th scope="row"><a href="#{cop.anchor}">{escape(cop.name)}</a></th>'
    stage = (
        f'<td data-label="Status and stage">{badge(cop.status)}'
        f'<div class="stage">{escape(stage_label(cop.stage))}</div></td>'
    )
    if cop.status == "error":
        blanks = "<td>—</td>" * (3 if with_changes else 2)
        return (
            f'<tr>{name}{stage}{blanks}<td class="steps">Could not be read: see <code>copadvisor lint</code></td></tr>'
        )
    tally = _tally(
        "Risks found",
        [(cop.count(s), SEVERITY_LABELS[s].lower()) for s in SEVERITY_LABELS] + [(cop.needs_data, "need data")],
    )
    if with_changes:
        changed = cop.change_counts
        tally += (
            _tally("Changes", [(changed[0], "new"), (changed[1], "resolved")])
            if changed
            else '<td data-label="Changes">not known</td>'
        )
    steps = "".join(f"<li>{escape(step)}</li>" for step in cop.next_steps) or "<li>None: no risks found.</li>"
    return (
        f'<tr>{name}{stage}{tally}<td data-label="Last session">{_last(cop)}</td>'
        f'<td class="steps" data-label="How sponsors can help"><ol>{steps}</ol></td></tr>'
    )


def _tally(label: str, counts: Sequence[tuple[int, str]]) -> str:
    items = "".join(
        f"<li{' class=zero' if count == 0 else ''}><strong>{count}</strong> {escape(label)}</li>"
        for count, label in counts
    )
    return f'<td data-label="{escape(label)}"><ul class="tally">{items}</ul></td>'


def _last(cop: CopView) -> str:
    last = cop.last_session
    if last is None:
        return "none yet"
    return escape(short_date(last.date)) + (" (launch)" if last.launch else "")


def _portfolio(view: PortfolioView) -> str:
    counts = view.stage_counts
    rows = [(stage_label(stage), count, f"st-{stage}") for stage, count in counts]
    unread = dict(view.status_counts)["error"]
    if unread:
        rows.append((STATUS_LABELS["error"], unread, "st-error"))
    total = sum(count for _, count in counts)
    desc = "; ".join(f"{label}: {count}" for label, count, _ in rows)
    chart = charts.distribution_chart("stages-chart", "CoPs by stage", desc, rows)
    table = "".join(
        f'<tr><th scope="row" class="key-cell"><span class="key st-{stage}"></span>{escape(stage_label(stage))}</th>'
        f'<td>{escape(STAGE_MEANINGS[stage])}</td><td class="num">{count}</td></tr>'
        for stage, count in counts
    )
    distribution = (
        f'<div class="distribution"><h3>Stages</h3>{chart}<table><caption class="sr-only">CoPs by stage</caption>'
        '<thead><tr><th scope="col">Stage</th><th scope="col">Meaning</th><th scope="col" class="num">CoPs</th></tr>'
        f"</thead><tbody>{table}</tbody></table><p>{escape(plural(total, 'CoP'))} checked.</p></div>"
    )
    return (
        '<section aria-labelledby="portfolio-h"><h2 id="portfolio-h">Across the portfolio</h2>'
        f'<div class="columns">{distribution}<div>{_portfolio_rules(view)}{_problems(view)}</div></div></section>'
    )


def _portfolio_rules(view: PortfolioView) -> str:
    if not view.findings:
        checked = "; ".join(view.portfolio_checked) or "none selected"
        return f"<h3>Portfolio risks</h3><p>None found. The portfolio was checked for: {escape(checked)}.</p>"
    items = "".join(
        f'<div class="portfolio-finding">{severity(f.severity)} <strong>{escape(f.title)}</strong>'
        f'<p>{escape(f.message)}</p><p class="step"><strong>How sponsors can help:</strong> '
        f"{escape(f.sponsor_step)}</p></div>"
        for f in view.findings
    )
    return f"<h3>Portfolio risks</h3>{items}"


def _problems(view: PortfolioView) -> str:
    unread = view.unread
    if not unread and not view.problems:
        return ""
    lines = [f'<li><a href="#{c.anchor}">{escape(c.name)}</a></li>' for c in unread]
    lines += [
        f'<li><span class="path">{escape(str(loc))}</span>: settings or rules could not be read</li>'
        for loc in view.problems
    ]
    return (
        "<h3>Not checked</h3><p>Some inputs could not be read, so this report is incomplete. "
        f"<code>copadvisor lint</code> shows what to mend.</p><ul>{''.join(lines)}</ul>"
    )


def _footer(view: PortfolioView) -> str:
    return (
        f"<footer><p>Made by copadvisor {escape(view.version)} from {escape(plural(len(view.cops), 'profile'))}, "
        f"as of {escape(long_date(view.as_of))}. The same profiles and date always give the same report. "
        "It holds no names, attendee lists or records of who convened or proposed anything.</p></footer>"
    )
