"""The sponsors' report in Markdown (``copadvisor.render.portfolio.markdown``): inert cells, the table, changes."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

from copadvisor.errors import Location
from copadvisor.facts.activity import Activity, StagePeriod
from copadvisor.portfolio_view import Changes, CopView, PortfolioView, risks
from copadvisor.render.portfolio import markdown
from copadvisor.report import Finding

from ..support import tiny_run

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
        risks=risks([finding("b.medium", "medium")], {"b.medium": "offer b"}),
        activity=Activity(stages=(StagePeriod("coalescing", D("2026-01-01"), D("2026-03-01")),)),
        changes=Changes(new=risks([replace(finding("b.medium", "medium"), subject=("role", "co_convener"))], {})),
        history=((D("2025-12-31"), "not_started"), (D("2026-01-31"), "green")),
    )
    view = PortfolioView("0", D("2026-03-01"), D("2026-02-01"), 120, (cop,))
    text = markdown.document(view)
    assert "| New | Resolved |" in text
    assert "| A \\| CoP | 🟠 Amber | Coalescing | 0 | 1 | 0 | 0 | 0 | 1 | 0 | none yet | 1. offer b |" in text
    assert "Since 1 February 2026: new — title of b.medium: the co-convener role (medium); resolved — nothing." in text
    assert (
        "Status at each quarter's end: Dec 2025 not started; Jan 2026 green; now amber. Not started: the quarter ended"
        " before the CoP's first recorded event.\n"
    ) in text


def overview(text: str) -> list[list[str]]:
    lines = [line for line in text.splitlines() if line.startswith("| ") and not line.startswith("| CoP |")]
    return [[cell.strip() for cell in line.strip("|").split("|")][:8] for line in lines]


def test_a_tiny_run_counts_each_severity_in_its_column(tmp_path: Path) -> None:
    text = markdown.render(tiny_run(tmp_path))
    assert (
        "| CoP | Status | Stage | High | Medium | Low | Info | Need data | Last session | How sponsors can help |"
        in text
    )
    assert overview(text) == [
        ["CoP a", "🟠 Amber", "Potential", "0", "1", "6", "2", "0"],
        ["CoP b", "🟢 Green", "Potential", "0", "0", "7", "0", "0"],
    ]
    assert "\n2 CoPs: 1 amber, 1 green.\n" in text
    assert "Potential 2; Coalescing 0; Maturing 0; Stewardship 0; Transformation 0." in text
    a = text[text.index("## CoP a") : text.index("## CoP b")]
    assert [line.split("**")[1] for line in a.splitlines() if line.startswith("- **")] == [
        "Medium: Meetings shorter than two hours",
        "Low: A role has nobody in it",
        "Info: The declared stage differs from the event log",
        "Info: An acknowledged risk suppresses nothing",
    ]
    assert "- **Low: A role has nobody in it** (6×)." in a
    assert "None found. The portfolio was checked for: Several new CoPs started close together." in text
