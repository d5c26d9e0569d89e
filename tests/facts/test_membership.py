"""Membership facts (``copadvisor.facts.membership``)."""

from __future__ import annotations

from pathlib import Path

from cop_testing import facts_of


def test_membership_review_since_the_launch(tmp_path: Path) -> None:
    events = [
        {"date": "2024-06-01", "type": "membership_review"},
        {"date": "2025-01-01", "type": "launch"},
    ]
    values = facts_of(tmp_path, events=events).profile.values
    assert values["membership_reviewed_since_launch"] is False
    same_day = [*events, {"date": "2025-01-01", "type": "membership_review"}]
    values = facts_of(tmp_path, events=same_day, as_of="2026-02-01").profile.values
    assert values["membership_reviewed_since_launch"] is True
    assert values["months_since_membership_review"] == 13


def test_growth_since_a_small_start(tmp_path: Path) -> None:
    events = [
        {"date": "2025-01-01", "type": "launch", "attendance": {"practitioner": 8, "manager": 2}},
        {"date": "2025-01-01", "type": "membership_review"},  # at the launch: not after it
        {"date": "2025-02-01", "type": "meeting", "attendance": 30},
        {"date": "2025-03-01", "type": "meeting", "attendance": 16},
    ]
    values = facts_of(tmp_path, {"membership": {"start_small": True}}, events, as_of="2025-06-01").profile.values
    assert (values["start_small"], values["membership_reviewed_after_launch"]) == (True, False)
    assert (values["launch_attendance"], values["latest_meeting_attendance"], values["growth_since_launch"]) == (
        10,
        16,
        1.6,
    )


def test_growth_is_not_recorded_without_the_launch_attendance(tmp_path: Path) -> None:
    events = [{"date": "2025-01-01", "type": "launch"}, {"date": "2025-02-01", "type": "meeting", "attendance": 9}]
    values = facts_of(tmp_path, events=events, as_of="2025-06-01").profile.values
    assert (values["start_small"], values["growth_since_launch"], values["latest_meeting_attendance"]) == (
        None,
        None,
        9,
    )


def test_a_small_start_is_the_recorded_field_never_the_review_notes(tmp_path: Path) -> None:
    review = {"date": "2026-07-15", "type": "membership_review", "notes": "Members agreed to Keep it small to start."}
    assert facts_of(tmp_path, events=[review], as_of="2026-12-01").profile.values["start_small"] is None
    declared = facts_of(tmp_path, profile={"membership": {"start_small": True}}, events=[review], as_of="2026-12-01")
    assert declared.profile.values["start_small"] is True


def test_sessions_that_record_commissioners_and_whether_members_kept_them_out(tmp_path: Path) -> None:
    events = [
        {"date": "2026-01-10", "type": "launch", "attendance": {"practitioner": 12, "commissioner": 0}},
        {"date": "2026-02-10", "type": "meeting", "attendance": {"practitioner": 10, "commissioner": 2}},
        {"date": "2026-03-10", "type": "meeting", "attendance": 11},
    ]
    facts = facts_of(tmp_path, profile={"membership": {"commissioners": "excluded"}}, events=events, as_of="2026-12-01")
    assert facts.profile.values["commissioners_attended_sessions"] == 1
    assert [f.values["commissioners_kept_out"] for f in facts.of_kind("session")] == [True, True, True]
    members = facts_of(
        tmp_path, profile={"membership": {"commissioners": "members"}}, events=events, as_of="2026-12-01"
    )
    assert [f.values["commissioners_kept_out"] for f in members.of_kind("session")] == [False, False, False]
