"""Governance, value and ending facts (``copadvisor.facts.value``)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from cop_testing import facts_of


def test_value_signals_in_the_recent_months_and_the_furthest_cycle(tmp_path: Path) -> None:
    events = [
        {"date": "2025-01-01", "type": "value_evidence", "cycle": "applied"},
        {"date": "2025-08-01", "type": "value_evidence", "cycle": "immediate"},
        {"date": "2025-09-01", "type": "meeting", "feedback_responses": 4},
        {"date": "2025-10-01", "type": "meeting", "feedback_responses": 0},
    ]
    values = facts_of(tmp_path, {"value_capture": {"methods": ["survey"]}}, events).profile.values
    assert values["value_evidence_count"] == 2
    assert values["value_signals_recent"] == 2  # since 2025-07-01: one evidence, one meeting with feedback
    assert values["value_highest_cycle"] == "applied"
    assert values["value_capture_methods_count"] == 1


def test_governance_reports(tmp_path: Path) -> None:
    events = [
        {"date": "2025-01-01", "type": "governance_report"},
        {"date": "2025-07-01", "type": "governance_report", "to": "Board"},
    ]
    values = facts_of(tmp_path, {"governance": {"acknowledged": True}}, events).profile.values
    assert values["governance_acknowledged"] is True
    assert values["governance_reports_count"] == 2
    assert values["last_governance_report_date"] == dt.date(2025, 7, 1)
    assert values["months_since_governance_report"] == 6
    # The next is due by the cycle's end (governance_report_months, 13), after which the rule fails.
    assert values["next_governance_report_due"] == dt.date(2026, 8, 1)
    assert facts_of(tmp_path).profile.values["next_governance_report_due"] is None


def test_closing(tmp_path: Path) -> None:
    events = [{"date": "2025-11-01", "type": "closed", "reason": "work_done", "learning_captured": True}]
    values = facts_of(tmp_path, events=events).profile.values
    assert (values["closed"], values["closed_date"], values["closed_reason"], values["closed_learning_captured"]) == (
        True,
        dt.date(2025, 11, 1),
        "work_done",
        True,
    )


def test_nothing_recorded(tmp_path: Path) -> None:
    values = facts_of(tmp_path).profile.values
    assert (values["value_highest_cycle"], values["value_evidence_count"], values["closed"]) == ("none", 0, False)
    assert (values["governance_acknowledged"], values["closed_reason"]) == (None, None)


def test_a_pulse_is_a_value_signal(tmp_path: Path) -> None:
    events = [
        {"date": "2025-05-01", "type": "pulse", "responses": 9},  # before the six months
        {"date": "2025-09-01", "type": "pulse", "responses": 3},  # small pulses still count as feedback
    ]
    assert facts_of(tmp_path, events=events).profile.values["value_signals_recent"] == 1


def test_value_for_whom(tmp_path: Path) -> None:
    events = [
        {"date": "2025-01-01", "type": "value_evidence", "cycle": "immediate", "for": ["members"]},
        {"date": "2025-02-01", "type": "value_evidence", "cycle": "applied"},
        {"date": "2025-03-01", "type": "value_evidence", "cycle": "applied", "for": ["members"]},
    ]
    values = facts_of(tmp_path, events=events).profile.values
    assert (values["value_for_recorded_count"], values["value_for_groups_count"], values["value_for_group"]) == (
        2,
        1,
        "members",
    )
    events.append({"date": "2025-04-01", "type": "value_evidence", "cycle": "realised", "for": ["organisations"]})
    values = facts_of(tmp_path, events=events).profile.values
    assert (values["value_for_groups_count"], values["value_for_group"]) == (2, None)


def test_the_groups_value_is_for_are_unknown_while_a_record_does_not_say(tmp_path: Path) -> None:
    stories = [
        {"date": "2025-10-10", "type": "value_evidence", "cycle": "immediate", "for": ["members"]},
        {"date": "2026-03-10", "type": "value_evidence", "cycle": "applied"},
    ]
    assert facts_of(tmp_path, events=stories, as_of="2026-12-01").profile.values["value_for_groups"] is None
    both = [stories[0], {**stories[1], "for": ["members"]}]
    assert facts_of(tmp_path, events=both, as_of="2026-12-01").profile.values["value_for_groups"] == 1
    wider = [stories[0], stories[1], {**stories[1], "date": "2026-04-10", "for": ["service_users"]}]
    assert facts_of(tmp_path, events=wider, as_of="2026-12-01").profile.values["value_for_groups"] == 2


@pytest.mark.parametrize(
    ("methods", "counts_only"),
    [
        (["attendance counts"], True),
        (["numbers attending", "sign-in sheet"], True),
        (["headcount"], True),
        (["attendance counts", "short feedback form"], False),  # one method asks what changed
        (["attendance and feedback"], False),
        (["one-word evaluation after each session"], False),
        (["count of practice changes"], False),
        (["the crisis lines' own call audit, for realised value"], False),
        ([], False),  # nothing recorded is value.no-capture-plan's finding, not this one
    ],
)
def test_value_captured_only_by_counting_people(tmp_path: Path, methods: list[str], counts_only: bool) -> None:
    values = facts_of(tmp_path, {"value_capture": {"methods": methods}}).profile.values
    assert values["value_capture_counts_only"] is counts_only
