"""Unknowns speak the profile's language: every fact that can be unrecorded names a field or event of the
profile format, and every such name exists in the JSON Schemas users edit against."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from strategies import AS_OF, cop_profiles, load

from copadvisor.facts import derive
from copadvisor.facts.records import RECORDS, Record, event, field, on, record_of
from copadvisor.schema import events_schema, profile_schema
from copadvisor.thresholds import Thresholds

PROFILE = profile_schema()
EVENTS = events_schema()


def _resolve(schema: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    """The object schema behind ``node``, through $ref, anyOf (optional values) and arrays."""
    while True:
        if "$ref" in node:
            node = schema["$defs"][node["$ref"].rsplit("/", 1)[1]]
        elif "anyOf" in node:
            node = next(n for n in node["anyOf"] if n.get("type") != "null")
        elif node.get("type") == "array":
            node = node["items"]
        else:
            return node


def in_profile_schema(path: str) -> bool:
    node: dict[str, Any] = PROFILE
    for part in path.split("."):
        properties = _resolve(PROFILE, node).get("properties", {})
        if part not in properties:
            return False
        node = properties[part]
    return True


def event_properties(kind: str) -> set[str] | None:
    mapping = EVENTS["items"]["discriminator"]["mapping"]
    if kind not in mapping:
        return None
    return set(EVENTS["$defs"][mapping[kind].rsplit("/", 1)[1]]["properties"])


def in_events_schema(record: Record) -> bool:
    for kind in record.events:
        properties = event_properties(kind)
        if properties is None or (record.field and record.field not in properties):
            return False
    return bool(record.events)


@pytest.mark.parametrize(("fact", "record"), sorted(RECORDS.items()), ids=lambda v: str(v))
def test_every_record_is_a_field_or_event_of_the_format(fact: tuple[str, str], record: Record) -> None:
    assert in_profile_schema(record.path) if record.path else in_events_schema(record), f"{fact}: {record}"


def test_the_schema_checks_can_fail() -> None:
    assert not in_profile_schema("convener.trainedd")
    assert not in_events_schema(on("meeting", "principles_reinforced"))  # the old internal name
    assert not in_events_schema(event("meetings"))
    assert in_profile_schema("sponsors.oversight")
    assert in_events_schema(on(("launch", "meeting"), "minutes"))


def test_records_read_as_the_profile_spells_them() -> None:
    assert str(field("practicalities.meeting_minutes")) == "`practicalities.meeting_minutes` in cop.yaml"
    assert str(on("meeting", "feedback_responses")) == "`feedback_responses` on the `meeting` events"
    assert str(on(("launch", "meeting"), "minutes")) == "`minutes` on the `launch` or `meeting` events"
    assert str(event("training")) == "a `training` event"
    # Fifth review (dementia): the launch counted by kind is over a year old; the rule reads the past year.
    assert str(record_of("profile", "manager_attendance_percent")) == (
        "`attendance` by kind on the `launch` or `meeting` events of the past 12 months"
    )
    assert (
        str(record_of("profile", "ebe_attendance_latest")) == "`attendance` by kind on the `launch` or `meeting` events"
    )
    assert on(("launch", "meeting"), "minutes").key == "events: launch|meeting.minutes"
    assert field("convener.trained").key == "convener.trained"


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck), database=None)
@given(cop_profiles)
def test_every_fact_that_can_be_unrecorded_has_a_record(data: dict[str, Any]) -> None:
    facts = derive(load(data), AS_OF, Thresholds())
    unrecorded = {(f.kind, name) for f in facts.items for name, value in f.values.items() if value is None}
    assert unrecorded - RECORDS.keys() == set()
