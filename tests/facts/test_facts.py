"""The fact families: each value as SPEC §4 defines the quantity behind a rule."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from cop_testing import day, load_one

from copadvisor.facts import VOCABULARY, Facts, derive
from copadvisor.thresholds import Thresholds


def facts_of(
    tmp_path: Path, profile: dict[str, Any] | None = None, events: list[Any] | None = None, as_of: str = "2026-01-01"
) -> Facts:
    return derive(load_one(tmp_path, profile, events), day(as_of), Thresholds())


def test_every_fact_has_exactly_its_vocabulary(tmp_path: Path) -> None:
    events = [
        {"date": "2025-01-01", "type": "launch", "minutes": 120},
        {"date": "2025-02-01", "type": "meeting", "convened_by": ["A"]},
        {"date": "2025-02-02", "type": "task_proposed", "by": "S"},
        {"date": "2025-02-03", "type": "role_change", "role": "chair", "to": "B"},
    ]
    facts = facts_of(
        tmp_path, {"sponsors": [{"id": "S"}], "acknowledged_risks": [{"rule": "x.y", "reason": "r"}]}, events
    )
    kinds = {fact.kind for fact in facts.items}
    assert kinds == {
        "profile",
        "session",
        "gap",
        "role",
        "role_change",
        "sponsor",
        "task",
        "acknowledged_risk",
        "person_id",
    }
    for fact in facts.items:
        expected = set(VOCABULARY[fact.kind]) - (
            {"suppressed_findings", "rule_known"} if fact.kind == "acknowledged_risk" else set()
        )
        assert set(fact.values) - {"rule_known"} == expected - {"rule_known"}, fact.kind


def test_no_fact_is_named_like_the_engine_fields() -> None:
    for fields in VOCABULARY.values():
        assert not {"id", "kind"} & set(fields)


def test_ids_are_unique_and_keys_do_not_depend_on_lines(tmp_path: Path) -> None:
    events = [
        {"date": "2025-01-01", "type": "launch"},
        {"date": "2025-01-01", "type": "meeting"},
        {"date": "2025-01-01", "type": "meeting"},
    ]
    facts = facts_of(tmp_path, events=events)
    assert [f.id for f in facts.items] == list(range(1, len(facts.items) + 1))
    keys = [f.key for f in facts.items]
    assert len(keys) == len(set(keys))
    assert "meeting@2025-01-01#2" in keys


def test_absent_is_not_recorded_but_no_x_counts_are_zero(tmp_path: Path) -> None:
    values = facts_of(tmp_path).profile.values
    assert values["convener_hours"] is None
    assert values["convener_trained"] is None
    assert values["strategic_objectives_count"] == 0
    assert values["domain_statement_recorded"] is False
    assert values["planning_group_size"] is None
    assert facts_of(tmp_path, {"planning_group": []}).profile.values["planning_group_size"] == 0


def test_gaps_run_between_sessions_and_to_the_as_of_date(tmp_path: Path) -> None:
    events = [
        {"date": "2025-01-01", "type": "launch"},
        {"date": "2025-01-05", "type": "contact"},
        {"date": "2025-03-01", "type": "meeting"},
    ]
    gaps = facts_of(tmp_path, {"practicalities": {"cadence_weeks": 4}}, events, as_of="2025-06-01").of_kind("gap")
    assert [(g.values["days"], g.values["limit_days"], g.values["ongoing"]) for g in gaps] == [
        (59, 56.0, False),
        (92, 56.0, True),
    ]
    assert gaps[0].values["over_by_days"] == 3.0
    no_cadence = facts_of(tmp_path, events=events, as_of="2025-06-01").of_kind("gap")
    assert no_cadence[0].values["limit_days"] == 90.0


def test_events_after_the_as_of_date_are_ignored(tmp_path: Path) -> None:
    events = [{"date": "2025-01-01", "type": "launch"}, {"date": "2025-03-01", "type": "meeting"}]
    facts = facts_of(tmp_path, events=events, as_of="2025-02-01")
    assert facts.profile.values["sessions_count"] == 1
    assert [g.values["days"] for g in facts.of_kind("gap")] == [31]


def test_sole_convener_of_the_last_three_meetings(tmp_path: Path) -> None:
    def sole(conveners: list[list[str] | None], roles: dict[str, Any] | None = None) -> tuple[Any, Any]:
        events: list[dict[str, Any]] = [{"date": "2025-01-01", "type": "launch"}]
        for i, who in enumerate(conveners):
            events.append({"date": f"2025-0{i + 2}-01", "type": "meeting", **({"convened_by": who} if who else {})})
        values = facts_of(tmp_path, {"roles": roles} if roles else None, events).profile.values
        return values["last_meetings_sole_convener"], values["co_conveners_besides_sole_convener"]

    assert sole([["B"], ["A"], ["A"], ["A"]]) == (True, 0)
    assert sole([["A"], ["A"], ["A"]], {"co_convener": ["A", "B"]}) == (True, 1)
    assert sole([["A"], ["A", "B"], ["A"]]) == (False, None)
    assert sole([["A"], ["B"], ["A"]]) == (False, None)
    assert sole([["A"], ["A"]]) == (False, None)  # fewer than three meetings
    assert sole([["A"], None, ["A"]]) == (None, None)  # not recorded on one of them


def test_convener_leaving_and_coming_back(tmp_path: Path) -> None:
    left = [{"date": "2025-01-01", "type": "role_change", "role": "convener", "from": "A", "to": None}]
    values = facts_of(tmp_path, {"convener": {"id": "A"}}, left).profile.values
    assert (values["has_convener"], values["convener_left"], values["convener_left_without_successor"]) == (
        False,
        True,
        True,
    )
    back = [*left, {"date": "2025-02-01", "type": "role_change", "role": "convener", "from": None, "to": "B"}]
    values = facts_of(tmp_path, {"convener": {"id": "A"}}, back).profile.values
    assert (values["has_convener"], values["convener_left"]) == (True, False)


@pytest.mark.parametrize(
    ("profile", "events", "involved"),
    [
        ({}, [], None),
        ({"experts_by_experience": {"involved": False}}, [], False),
        ({"experts_by_experience": {"involved": True}}, [], True),
        ({"people": [{"id": "E", "kinds": ["expert_by_experience"]}]}, [], True),
        ({}, [{"date": "2025-01-01", "type": "launch", "attendance": {"expert_by_experience": 1}}], True),
        ({}, [{"date": "2025-01-01", "type": "launch", "attendance": {"expert_by_experience": 0}}], None),
    ],
)
def test_experts_by_experience_involved(
    tmp_path: Path, profile: dict[str, Any], events: list[Any], involved: bool | None
) -> None:
    assert facts_of(tmp_path, profile, events).profile.values["ebe_involved"] is involved


def test_latest_funding_for_experts_by_experience(tmp_path: Path) -> None:
    events = [
        {"date": "2025-01-01", "type": "funding", "for": "experts_by_experience", "outcome": "denied"},
        {"date": "2025-02-01", "type": "funding", "for": "venue", "outcome": "granted"},
    ]
    assert facts_of(tmp_path, events=events).profile.values["ebe_latest_funding"] == "denied"
    assert facts_of(tmp_path).profile.values["ebe_latest_funding"] == "none"


def test_tasks_by_sponsors_and_managers(tmp_path: Path) -> None:
    profile = {
        "sponsors": [{"id": "S"}],
        "people": [{"id": "M", "kinds": ["manager"]}, {"id": "P", "kinds": ["practitioner"]}],
    }
    events = [{"date": "2025-01-0" + str(i + 1), "type": "task_proposed", "by": who} for i, who in enumerate("SMP")]
    tasks = facts_of(tmp_path, profile, events).of_kind("task")
    assert [t.values["by_sponsor"] for t in tasks] == [True, True, False]


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


def test_attendance_means_exclude_the_launch(tmp_path: Path) -> None:
    counts = [30, 20, 22, 24, 9, 10, 11]
    events: list[dict[str, Any]] = [{"date": "2025-01-01", "type": "launch", "attendance": 50}]
    events += [{"date": f"2025-{m + 2:02d}-01", "type": "meeting", "attendance": n} for m, n in enumerate(counts)]
    values = facts_of(tmp_path, events=events).profile.values
    assert values["attendance_last3_mean"] == 10
    assert values["attendance_best3_mean"] == 24
    assert values["attendance_ratio"] == round(10 / 24, 4)


def test_locations_point_at_keys_events_and_missing_mappings(tmp_path: Path) -> None:
    profile = {"convener": {"id": "A", "dedicated_hours_per_month": 0}}
    events = [{"date": "2025-01-01", "type": "launch"}]
    facts = facts_of(tmp_path, profile, events)
    assert facts.profile.location_of("convener_hours").line == 5  # the key, under `convener:` on line 3
    assert facts.profile.location_of("convener_trained").line == 4  # the mapping that lacks it
    assert facts.profile.location_of("membership_target_recorded").line == 1  # no `membership:` at all
    [session] = facts.of_kind("session")
    assert session.location.path.endswith("events.yaml")
    assert session.location.line == 1


def test_the_convener_block_describes_only_the_convener_in_post(tmp_path: Path) -> None:
    profile = {
        "convener": {"id": "AK", "dedicated_hours_per_month": 8, "involvement_ends": "2026-12-31", "successor": "JC"}
    }
    handed_over = [{"date": "2025-06-01", "type": "role_change", "role": "convener", "from": "AK", "to": "JC"}]
    before = facts_of(tmp_path, profile).profile.values
    assert (before["convener_hours"], before["successor_named"], before["involvement_ends_on"]) == (
        8,
        True,
        day("2026-12-31"),
    )
    after = facts_of(tmp_path, profile, handed_over).profile.values
    # AK's hours, end date and successor say nothing about JC, who now convenes: not recorded.
    assert (after["has_convener"], after["convener_hours"], after["involvement_ends_on"]) == (True, None, None)
    assert after["successor_named"] is False


def test_the_counts_behind_the_rules_preconditions(tmp_path: Path) -> None:
    """SPEC §4, evidence, not vacuous passes: the counts `applies_when` reads are 0 (never unknown) when nothing
    is recorded, and count only what the rule judges."""
    empty = facts_of(tmp_path).profile.values
    for name in (
        "meetings_count",
        "acknowledged_risks_count",
        "co_conveners_count",
        "planning_meetings_recent",
        "convening_handoffs_recent",
    ):
        assert empty[name] == 0, name
    events = [
        {"date": "2024-06-01", "type": "role_change", "role": "convener", "from": "A", "to": "B"},  # over a year ago
        {"date": "2025-01-01", "type": "planning_meeting", "attendees": ["A"]},
        {"date": "2025-02-01", "type": "launch"},
        {"date": "2025-03-01", "type": "meeting"},
        {"date": "2025-04-01", "type": "role_change", "role": "co_convener", "from": None, "to": "C"},  # no one before
        {"date": "2025-05-01", "type": "role_change", "role": "co_convener", "from": "D", "to": "E"},
        {"date": "2025-06-01", "type": "role_change", "role": "chair", "from": "D", "to": "F"},  # not convening
        {"date": "2025-07-01", "type": "planning_meeting", "attendees": ["A"]},
    ]
    profile = {"roles": {"co_convener": ["D"]}, "acknowledged_risks": [{"rule": "x.y", "reason": "r"}]}
    values = facts_of(tmp_path, profile, events, as_of="2026-01-15").profile.values
    assert values["meetings_count"] == 1  # the launch is not a meeting
    assert values["acknowledged_risks_count"] == 1
    assert values["co_conveners_count"] == 2  # D handed on to E, and C joined
    assert values["planning_meetings_recent"] == 1  # January 2025 is more than 12 months back
    assert values["convening_handoffs_recent"] == 1  # D to E only
