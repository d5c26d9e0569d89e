"""The sponsors' report in Markdown (``copadvisor.render.portfolio.markdown``): inert cells, the table, changes."""

from __future__ import annotations

import datetime as dt

from copadvisor.errors import Location
from copadvisor.facts.activity import Activity, StagePeriod
from copadvisor.portfolio_view import Changes, CopView, PortfolioView, risks
from copadvisor.render.portfolio import markdown
from copadvisor.report import Finding

D = dt.date.fromisoformat


def finding(rule: str, severity: str, fingerprint: str = "", message: str = "m") -> Finding:
    return Finding(rule, f"title of {rule}", severity, "coalescing", message, f"do {rule}", Location("p"), fingerprint)


def test_markdown_cells_are_inert() -> None:
    assert markdown.cell("a|b\n<i>x</i> `c` *d* [e](f)") == "a\\|b \\<i\\>x\\</i\\> \\`c\\` \\*d\\* \\[e\\](f)"
    assert markdown.cell("role_change _x_") == "role_change \\_x\\_"


def test_markdown_shows_changes_when_asked() -> None:
    cop = CopView(
        "cop-1",
        "A | CoP",
        "p/cop.yaml",
        "amber",
        stage="coalescing",
        counts=(("high", 0), ("medium", 1), ("low", 0), ("info", 0)),
        risks=risks([finding("b.medium", "medium")]),
        activity=Activity(stages=(StagePeriod("coalescing", D("2026-01-01"), D("2026-03-01")),)),
        changes=Changes(new=risks([finding("b.medium", "medium")])),
    )
    view = PortfolioView("0", D("2026-03-01"), D("2026-02-01"), 120, (cop,))
    text = markdown.document(view)
    assert "| New | Resolved |" in text
    assert "| A \\| CoP | 🟠 Amber | Coalescing | 0 | 1 | 0 | 0 | 0 | 1 | 0 | none yet | 1. do b.medium |" in text
    assert "Since 1 February 2026: new — title of b.medium (medium); resolved — nothing." in text
