"""The fact families: each value as SPEC §4 defines the quantity behind a rule."""

from __future__ import annotations

from pathlib import Path

from cop_testing import facts_of

from copadvisor.facts import VOCABULARY


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
    assert kinds == {"profile", "session", "gap", "role", "role_change", "sponsor", "task", "acknowledged_risk"}
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
