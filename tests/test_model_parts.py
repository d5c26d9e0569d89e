"""The profile's parts and shared field types (``copadvisor.model_parts``), as ``copadvisor.model`` re-exports them."""

from __future__ import annotations

import datetime as dt

import pydantic
import pytest

from copadvisor import model, model_parts
from copadvisor.model_parts import AcknowledgedRisk, Convener


def test_the_model_re_exports_every_part() -> None:
    assert model.Convener is model_parts.Convener
    assert model.Date is model_parts.Date
    assert model.ROLES == ("co_convener", "admin", "tech", "communications", "timekeeper", "session_design", "chair")


def test_each_field_is_described_by_the_docstring_under_it() -> None:
    assert Convener.model_fields["trained"].description == (
        "Whether the convener has had training in convening a CoP (seed tips 6-7)."
    )
    assert AcknowledgedRisk.__doc__ is not None
    assert all(field.description for field in Convener.model_fields.values())


def test_dates_are_strict_and_parts_refuse_unknown_keys() -> None:
    assert AcknowledgedRisk(rule="a.b", reason="r", until="2026-01-31").until == dt.date(2026, 1, 31)  # type: ignore[arg-type]
    with pytest.raises(pydantic.ValidationError, match="is not a date: write it as YYYY-MM-DD"):
        AcknowledgedRisk(rule="a.b", reason="r", until="31/01/2026")  # type: ignore[arg-type]
    with pytest.raises(pydantic.ValidationError, match="Extra inputs are not permitted"):
        Convener.model_validate({"hours": 3})
