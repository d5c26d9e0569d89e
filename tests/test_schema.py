"""JSON Schemas of the input files (``copadvisor.schema``), for editors and other tools."""

from __future__ import annotations

import jsonschema

from copadvisor.schema import SCHEMA_DRAFT, SCHEMAS, events_schema, profile_schema, rules_schema


def test_each_schema_is_titled_and_of_draft_2020_12() -> None:
    assert set(SCHEMAS) == {"profile", "events", "rules"}
    titles = {name: make()["title"] for name, make in SCHEMAS.items()}
    assert titles == {
        "profile": "copadvisor profile (cop.yaml)",
        "events": "copadvisor event log (events.yaml)",
        "rules": "copadvisor rule pack",
    }
    assert {make()["$schema"] for make in SCHEMAS.values()} == {SCHEMA_DRAFT}
    for make in SCHEMAS.values():
        jsonschema.Draft202012Validator.check_schema(make())


def test_the_profile_schema_requires_the_version_and_a_name_and_refuses_other_keys() -> None:
    schema = profile_schema()
    assert schema["required"] == ["copadvisor", "name"]
    assert schema["additionalProperties"] is False
    validator = jsonschema.Draft202012Validator(schema)
    assert validator.is_valid({"copadvisor": 1, "name": "A CoP"})
    assert not validator.is_valid({"copadvisor": 1})
    assert not validator.is_valid({"copadvisor": 1, "name": "A CoP", "nmae": "typo"})


def test_the_events_schema_is_a_list_of_typed_events() -> None:
    validator = jsonschema.Draft202012Validator(events_schema())
    assert events_schema()["type"] == "array"
    assert validator.is_valid([{"date": "2026-01-01", "type": "launch", "minutes": 120}])
    assert not validator.is_valid([{"date": "2026-01-01", "type": "party"}])
    assert not validator.is_valid({"date": "2026-01-01", "type": "launch"})


def test_the_rules_schema_names_the_pack_version_key() -> None:
    schema = rules_schema()
    assert "copadvisor-rules" in schema["properties"]
    assert set(schema["required"]) == {"copadvisor-rules", "rules"}
