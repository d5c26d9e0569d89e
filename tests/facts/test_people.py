"""Every person id a profile holds (``copadvisor.facts.people``), wherever it stands."""

from __future__ import annotations

from typing import Any

from copadvisor.facts.people import person_ids
from copadvisor.model import Profile


def profile(**fields: Any) -> Profile:
    return Profile.model_validate({"copadvisor": 1, "name": "A CoP", **fields})


def test_no_one_recorded() -> None:
    assert person_ids(profile()) == frozenset()


def test_every_place_a_person_id_stands() -> None:
    p = profile(
        convener={"id": "CON", "successor": "SUC"},
        people=[{"id": "PER", "kinds": ["practitioner"]}],
        roles={"chair": ["ROL"], "admin": []},
        planning_group=["PLA"],
        sponsors=[{"id": "SPO"}],
        events=[
            {"date": "2025-01-01", "type": "planning_meeting", "attendees": ["ATT"]},
            {"date": "2025-01-02", "type": "meeting", "convened_by": ["CNV"]},
            {"date": "2025-01-03", "type": "task_proposed", "by": "BY"},
            {"date": "2025-01-04", "type": "role_change", "role": "chair", "from": "FRM", "to": "TO"},
            {"date": "2025-01-05", "type": "training", "person": "TRN"},
            {"date": "2025-01-06", "type": "contact", "channel": "NOT-A-PERSON"},
        ],
    )
    assert person_ids(p) == {"CON", "SUC", "PER", "ROL", "PLA", "SPO", "ATT", "CNV", "BY", "FRM", "TO", "TRN"}


def test_absent_ids_are_left_out() -> None:
    p = profile(
        convener={"dedicated_hours_per_month": 4},
        events=[
            {"date": "2025-01-04", "type": "role_change", "role": "convener", "from": "OLD", "to": None},
            {"date": "2025-01-05", "type": "meeting"},
        ],
    )
    assert person_ids(p) == {"OLD"}
