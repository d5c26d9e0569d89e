"""The fact families: each value as SPEC §4 defines the quantity behind a rule."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from cop_testing import day, facts_of, load_one

from copadvisor.facts import VOCABULARY, derive
from copadvisor.facts.activity import Activity
from copadvisor.load import LoadedProfile, load_paths
from copadvisor.thresholds import Thresholds


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
        {"date": "2025-06-01", "type": "role_change", "role": "chair", "from": "D", "to": "F"},  # leads planning
        {"date": "2025-07-01", "type": "planning_meeting", "attendees": ["A"]},
    ]
    profile = {"roles": {"co_convener": ["D"]}, "acknowledged_risks": [{"rule": "x.y", "reason": "r"}]}
    values = facts_of(tmp_path, profile, events, as_of="2026-01-15").profile.values
    assert values["meetings_count"] == 1  # the launch is not a meeting
    assert values["acknowledged_risks_count"] == 1
    assert values["co_conveners_count"] == 2  # D handed on to E, and C joined
    assert values["planning_meetings_recent"] == 1  # January 2025 is more than 12 months back
    assert values["convening_handoffs_recent"] == 2  # D to E, and the chair D to F


def test_without_activity_the_same_facts_and_an_empty_activity(tmp_path: Path) -> None:
    events = [
        {"date": "2025-01-10", "type": "launch", "minutes": 120, "attendance": 9},
        {"date": "2025-03-10", "type": "meeting", "minutes": 60, "attendance": 7},
    ]
    loaded = load_one(tmp_path, events=events)
    full = derive(loaded, day("2026-01-01"), Thresholds())
    bare = derive(loaded, day("2026-01-01"), Thresholds(), with_activity=False)
    assert (bare.items, bare.stage, bare.evidence) == (full.items, full.stage, full.evidence)
    assert [s.date.isoformat() for s in full.activity.sessions] == ["2025-01-10", "2025-03-10"]
    assert bare.activity == Activity()


def test_without_the_activity_the_facts_are_the_same_and_the_activity_empty() -> None:
    root = Path(__file__).resolve().parents[2] / "profiles"
    for folder in sorted(p for p in root.iterdir() if p.is_dir()):
        [loaded] = load_paths([str(folder)])
        assert isinstance(loaded, LoadedProfile)
        whole = derive(loaded, dt.date(2026, 11, 1), Thresholds())
        lean = derive(loaded, dt.date(2026, 11, 1), Thresholds(), with_activity=False)
        assert (lean.evidence, lean.stage, lean.items) == (whole.evidence, whole.stage, whole.items)
        assert whole.activity != Activity()
        assert lean.activity == Activity()
