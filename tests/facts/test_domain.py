"""Domain facts (``copadvisor.facts.domain``): is the CoP clear about the problem it is for?"""

from __future__ import annotations

from pathlib import Path

from cop_testing import facts_of


def test_counts_and_a_blank_statement(tmp_path: Path) -> None:
    domain = {"statement": "  ", "strategic_objectives": ["a", "b"], "wicked_problems": ["w"], "out_of_scope": []}
    values = facts_of(tmp_path, {"domain": domain}).profile.values
    assert values["domain_statement_recorded"] is False  # blank is not a statement
    assert (values["strategic_objectives_count"], values["wicked_problems_count"], values["out_of_scope_count"]) == (
        2,
        1,
        0,
    )
    assert facts_of(tmp_path, {"domain": {"statement": "Outreach"}}).profile.values["domain_statement_recorded"]


def test_distinct_meeting_themes_whatever_their_case(tmp_path: Path) -> None:
    events = [
        {"date": "2025-01-01", "type": "meeting", "themes": ["Risk", "Handover"]},
        {"date": "2025-02-01", "type": "meeting", "themes": ["risk", "Supervision"]},
        {"date": "2025-03-01", "type": "launch"},
    ]
    assert facts_of(tmp_path, events=events).profile.values["meeting_themes_count"] == 3


def test_the_counts_point_at_their_keys(tmp_path: Path) -> None:
    facts = facts_of(tmp_path, {"domain": {"statement": "x", "wicked_problems": ["w"]}})
    assert facts.profile.location_of("domain_statement_recorded").line == 4
    assert facts.profile.location_of("wicked_problems_count").line == 5
