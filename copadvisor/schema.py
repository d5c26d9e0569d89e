"""JSON Schemas of the input files, for editors (yaml-language-server) and other tools."""

from __future__ import annotations

from typing import Any

from pydantic import TypeAdapter

from copadvisor.model import Event, Profile
from copadvisor.rulepack.model import RulePack

SCHEMA_DRAFT = "https://json-schema.org/draft/2020-12/schema"


def profile_schema() -> dict[str, Any]:
    """The schema of ``cop.yaml`` (or a single-file profile with inline ``events``)."""
    schema = Profile.model_json_schema(by_alias=True)
    return {"$schema": SCHEMA_DRAFT, "title": "copadvisor profile (cop.yaml)", **_without_title(schema)}


def events_schema() -> dict[str, Any]:
    """The schema of ``events.yaml``: a list of events."""
    schema = TypeAdapter(list[Event]).json_schema(by_alias=True)
    return {"$schema": SCHEMA_DRAFT, "title": "copadvisor event log (events.yaml)", **_without_title(schema)}


def _without_title(schema: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in schema.items() if key != "title"}


def rules_schema() -> dict[str, Any]:
    """The schema of a rule pack (conditions are checked further against the fact vocabulary on load)."""
    schema = RulePack.model_json_schema(by_alias=True)
    return {"$schema": SCHEMA_DRAFT, "title": "copadvisor rule pack", **_without_title(schema)}


SCHEMAS = {"profile": profile_schema, "events": events_schema, "rules": rules_schema}
