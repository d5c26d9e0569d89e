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


def undescribed(node: object, where: str = "") -> list[str]:
    """Every property of every object in a schema that has no description (what an editor's hover shows)."""
    out: list[str] = []
    if isinstance(node, dict):
        for name, sub in (node.get("properties") or {}).items():
            if not (isinstance(sub, dict) and sub.get("description")):
                out.append(f"{where}.{name}")
        for key, value in node.items():
            out += undescribed(value, f"{where}/{key}")
    elif isinstance(node, list):
        for value in node:
            out += undescribed(value, where)
    return out


def test_every_property_of_the_profile_and_events_schemas_has_a_description() -> None:
    assert undescribed(profile_schema()) == []
    assert undescribed(events_schema()) == []
    assert undescribed({"properties": {"a": {"type": "string"}, "b": {"description": "B"}}}) == [".a"]
    convener = profile_schema()["$defs"]["Convener"]["properties"]["dedicated_hours_per_month"]
    assert convener["description"] == "Hours a month protected for convening (seed tip 5); 0 if none."
    meeting = events_schema()["$defs"]["Meeting"]
    assert meeting["description"] == "A meeting of the CoP after its launch."
    assert meeting["properties"]["type"]["description"] == "The event type: `meeting`."
