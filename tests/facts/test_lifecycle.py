"""Stage facts (``copadvisor.facts.lifecycle``): the stage in force, the declared one, time since the launch,
and one fact per acknowledged risk."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from cop_testing import facts_of


def test_launch_facts(tmp_path: Path) -> None:
    events = [
        {"date": "2025-01-10", "type": "planning_meeting"},
        {"date": "2025-03-01", "type": "launch"},
        {"date": "2025-03-01", "type": "meeting"},  # the launch day: not after it
        {"date": "2025-04-01", "type": "meeting"},
    ]
    values = facts_of(tmp_path, {"stage": "coalescing"}, events, as_of="2025-06-01").profile.values
    assert values["launched"] is True
    assert values["launch_date"] == dt.date(2025, 3, 1)
    assert values["first_event_date"] == dt.date(2025, 1, 10)
    assert (values["months_since_launch"], values["days_since_launch"]) == (3, 92)
    assert (values["meetings_after_launch"], values["sessions_count"]) == (1, 3)
    assert (values["stage"], values["inferred_stage"], values["declared_stage"]) == ("coalescing",) * 3
    assert values["stage_differs"] is False


def test_before_any_launch(tmp_path: Path) -> None:
    values = facts_of(tmp_path).profile.values
    assert (values["launched"], values["launch_date"], values["months_since_launch"]) == (False, None, None)
    assert (values["first_event_date"], values["sessions_count"], values["stage_differs"]) == (None, 0, False)


def test_one_fact_per_acknowledged_risk_numbered_from_one(tmp_path: Path) -> None:
    risks = [
        {"rule": "roles.unfilled", "reason": "later", "until": "2026-01-01"},
        {"rule": "meetings.too-short", "reason": "members asked", "until": "2025-12-31"},
        {"rule": "x.y", "reason": "open-ended"},
    ]
    facts = facts_of(tmp_path, {"acknowledged_risks": risks}).of_kind("acknowledged_risk")
    assert [(f.values["rule"], f.values["expired"], f.values["position"]) for f in facts] == [
        ("roles.unfilled", False, 1),  # its last day
        ("meetings.too-short", True, 2),
        ("x.y", False, 3),
    ]
    assert [f.key for f in facts] == ["risk:roles.unfilled", "risk:meetings.too-short", "risk:x.y"]
    assert [f.location.line for f in facts] == [4, 7, 10]


def test_the_first_placeholder_left_from_the_template_is_named_in_words_and_located(tmp_path: Path) -> None:
    profile = {
        "name": "Name of your community of practice",
        "governance": {"reports_to": "Name of the board or group"},
    }
    fact = facts_of(tmp_path, profile).profile
    assert fact.values["template_placeholder"] == "name"
    assert (fact.location_of("template_placeholder").line, fact.location_of("template_placeholder").column) == (2, 1)
    own = facts_of(tmp_path / "own", {"governance": {"reports_to": " Name of the board or group "}}).profile
    assert own.values["template_placeholder"] == "board the CoP reports to"  # spaces around do not hide it
    assert facts_of(tmp_path / "none").profile.values["template_placeholder"] is None
