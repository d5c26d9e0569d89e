"""One CoP's section of the sponsors' page (``copadvisor.render.portfolio.cop_section``)."""

from __future__ import annotations

import datetime as dt

from copadvisor.errors import Location
from copadvisor.facts.activity import Activity, Gap, Session, StagePeriod
from copadvisor.portfolio_view import Changes, CopView, Risk
from copadvisor.render.portfolio.cop_section import TOP_RISKS, badge, section, severity

D = dt.date.fromisoformat
AS_OF = D("2026-03-01")


def risk(n: int, level: str = "medium", count: int = 1) -> Risk:
    return Risk(f"r.{n}", f"Risk <{n}>", level, count, f"Step {n}")


def cop(**fields: object) -> CopView:
    base: dict[str, object] = {
        "anchor": "cop-1",
        "name": "A & B <CoP>",
        "path": "p/cop.yaml",
        "status": "amber",
        "stage": "coalescing",
        "counts": (("high", 0), ("medium", 2), ("low", 1), ("info", 0)),
        "needs_data": 1,
        "acknowledged": 0,
    }
    return CopView(**{**base, **fields})  # type: ignore[arg-type]


def test_badge_and_severity() -> None:
    assert badge("red").startswith('<span class="badge status-red" title="')
    assert badge("red").endswith(">Red</span>")
    assert severity("high") == '<span class="sev sev-high">High</span>'
    assert severity("odd") == '<span class="sev sev-odd">odd</span>'


def test_the_counts_line_and_escaped_name() -> None:
    html = section(cop(), AS_OF, None, 120)
    assert '<h2 id="cop-1-h">A &amp; B &lt;CoP&gt;</h2>' in html
    assert "0 high risks · 2 medium risks · 1 low risk · 1 check needs data · 0 risks acknowledged" in html
    assert "No events recorded yet: the CoP is setting up." in html
    assert "No risks found." in html
    assert "No launch or meeting recorded yet." in html


def test_the_top_risks_then_the_rest_in_one_line() -> None:
    risks = tuple(risk(i, count=2 if i == 0 else 1) for i in range(TOP_RISKS + 2))
    html = section(cop(risks=risks), AS_OF, None, 120)
    assert html.count('<p class="step"><strong>How a sponsor can help:</strong>') == TOP_RISKS
    assert 'Risk &lt;0&gt;</strong> <span class="also">(2×)</span>' in html
    assert '<p class="also">Also found: Risk &lt;5&gt; (medium); Risk &lt;6&gt; (medium).</p>' in html


def test_changes_only_with_since() -> None:
    changes = Changes(new=(risk(1, "high", 3),), resolved=())
    assert "Since" not in section(cop(changes=changes), AS_OF, None, 120)
    html = section(cop(changes=changes), AS_OF, D("2026-01-01"), 120)
    assert "<h3>Since 1 January 2026</h3>" in html
    assert '<li><span class="sev sev-high">High</span> Risk &lt;1&gt; (3×)</li>' in html
    assert "<p>Nothing resolved.</p>" in html
    unknown = section(cop(changes=Changes(known=False)), AS_OF, D("2026-01-01"), 120)
    assert "could not be evaluated at that date" in unknown


def test_an_unread_profile_points_at_lint_and_shows_nothing_it_holds() -> None:
    """Red team 3, break 11: the name and folder of a profile that could not be read may hold a person id that
    was never read, so the section shows neither (``portfolio_view._redacted``), nor any location."""
    html = section(cop(status="error", problems=(Location("p/cop.yaml", 3, 22),)), AS_OF, None, 120)
    body = html.split("</div>", 1)[1]
    assert body == (
        "<p>This profile <strong>could not be read</strong>, so it was not checked. Its name and folder are not "
        "shown: they were not read whole, so a person's name in them could not be blanked out. Whoever keeps "
        "the profiles can see which one it is and what to mend with <code>copadvisor lint</code>.</p></section>"
    )


def test_sessions_charts_and_tables() -> None:
    activity = Activity(
        sessions=(Session(D("2026-01-05"), True, 120, 12), Session(D("2026-02-20"), False, None, 9)),
        gaps=(Gap(D("2026-01-05"), D("2026-02-20"), 46, 56, False), Gap(D("2026-02-20"), AS_OF, 9, 56, True)),
        stages=(StagePeriod("coalescing", D("2026-01-05"), AS_OF),),
    )
    html = section(cop(activity=activity), AS_OF, None, 90)
    assert html.count("<figure>") == 3
    assert "<figcaption>Length against the 90-minute guidance</figcaption>" in html
    assert '<tr><td>5 January 2026</td><td>Launch</td><td class="num">120</td><td class="num">12</td></tr>' in html
    assert "<td>still open</td>" in html
    assert html.count("<svg") == 4  # the stage timeline and three charts


def test_changes_say_what_each_finding_is_about() -> None:
    subjects = (("gap", "2026-01-05", "open"), ("session", "launch", "2026-01-05"), ("sponsor",), ("profile",))
    found = Risk("r.1", "Risk", "high", 4, "Step", subjects)
    html = section(cop(changes=Changes(new=(found,))), AS_OF, D("2026-01-01"), 120)
    assert (
        '<li><span class="sev sev-high">High</span> Risk: the gap since 5 Jan 2026 (still open); '
        "the launch of 5 Jan 2026; a sponsor</li>"
    ) in html


def test_status_over_time_is_a_row_of_cells_in_words() -> None:
    history = ((D("2025-12-31"), "not_started"), (D("2026-03-31"), "amber"))
    html = section(cop(history=history), AS_OF, None, 120)
    assert (
        '<h3 id="cop-1-hist">Status over time</h3><ol class="history" aria-labelledby="cop-1-hist">'
        '<li class="hist status-not_started"><span class="when">Dec 2025</span> <span class="what">Not started</span>'
        '</li><li class="hist status-amber"><span class="when">Mar 2026</span> <span class="what">Amber</span></li>'
        '<li class="hist status-amber"><span class="when">Now</span> <span class="what">Amber</span></li></ol>'
        '<p class="also">At the end of each quarter, judged from what is recorded today. Not started: the quarter '
        "ended before the CoP&#x27;s first recorded event.</p>"
    ) in html
    assert "Status over time" not in section(cop(), AS_OF, None, 120)
    started = section(cop(history=history[1:]), AS_OF, None, 120)
    assert '<p class="also">At the end of each quarter, judged from what is recorded today.</p>' in started
