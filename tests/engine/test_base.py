"""The records and errors every engine shares (``copadvisor.engine.base``)."""

from __future__ import annotations

import dataclasses

import pytest

from copadvisor import engine
from copadvisor.engine.base import EngineError, EngineUnavailable, InvalidRules, RuleSet


def test_the_face_re_exports_the_same_objects() -> None:
    assert (engine.EngineError, engine.EngineUnavailable, engine.InvalidRules, engine.RuleSet) == (
        EngineError,
        EngineUnavailable,
        InvalidRules,
        RuleSet,
    )


def test_the_error_family() -> None:
    assert issubclass(EngineUnavailable, ValueError)
    assert issubclass(InvalidRules, ValueError)
    assert not issubclass(EngineError, ValueError)


def test_a_rule_set_is_frozen_and_compares_by_value() -> None:
    rules = RuleSet("name", {"c": {"all": [{"m": {"kind": "k"}}]}})
    assert rules == RuleSet("name", {"c": {"all": [{"m": {"kind": "k"}}]}})
    with pytest.raises(dataclasses.FrozenInstanceError):
        rules.name = "other"  # type: ignore[misc]
