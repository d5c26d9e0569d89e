"""Hypothesis strategies for whole CoP profiles whose dates fall around one as-of date, so that every stage
and most rules are reached (the loader's own tests generate wilder, less meaningful inputs)."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import strategies as st

from copadvisor.load import LoadedProfile, load_paths

AS_OF = dt.date(2026, 6, 1)
KINDS = ["practitioner", "manager", "commissioner", "expert_by_experience", "researcher", "sponsor", "other"]
ROLES = ["co_convener", "admin", "tech", "communications", "timekeeper", "session_design", "chair"]
PEOPLE = ["A", "B", "C", "D", "S"]

days = st.integers(-1100, 30).map(lambda n: AS_OF + dt.timedelta(days=n))
maybe = st.none() | st.booleans()
people = st.lists(st.sampled_from(PEOPLE), max_size=3, unique=True)


def _drop_none(**fields: Any) -> dict[str, Any]:
    return {key: value for key, value in fields.items() if value is not None}


def _section(**fields: st.SearchStrategy[Any]) -> st.SearchStrategy[dict[str, Any] | None]:
    return st.none() | st.fixed_dictionaries(dict(fields.items())).map(lambda d: _drop_none(**d))


session_fields = {
    "minutes": st.none() | st.sampled_from([60, 90, 119, 120, 150]),
    "attendance": st.none() | st.integers(0, 40) | st.fixed_dictionaries({"expert_by_experience": st.integers(0, 2)}),
}
meeting_fields = {
    **session_fields,
    "convened_by": st.none() | people,
    "planning_offer": maybe,
    "principles_revisited": maybe,
    "themes": st.none() | st.lists(st.sampled_from(["caseload", "closures"]), max_size=2),
    "external_voice": maybe,
    "feedback_responses": st.none() | st.integers(0, 5),
}


def _event(kind: str, **fields: st.SearchStrategy[Any]) -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries({"date": days, **fields}).map(lambda d: {"type": kind, **_drop_none(**d)})


events = st.one_of(
    _event("meeting", **meeting_fields),
    _event("meeting", **meeting_fields),
    _event("launch", **session_fields, principles_introduced=maybe),
    _event("contact", channel=st.none() | st.just("email")),
    _event("membership_review"),
    _event(
        "task_proposed",
        by=st.none() | st.sampled_from(PEOPLE),
        decision=st.none() | st.sampled_from(["accepted", "declined", "pending"]),
        decided_by=st.none() | st.sampled_from(["members", "convener", "planning_group", "sponsor"]),
    ),
    _event(
        "funding",
        **{"for": st.none() | st.sampled_from(["experts_by_experience", "venue"])},
        outcome=st.none() | st.sampled_from(["requested", "granted", "denied"]),
    ),
    _event(
        "role_change",
        role=st.sampled_from(["convener", "chair", "co_convener"]),
        to=st.none() | st.sampled_from(PEOPLE),
        handover=maybe,
    ),
    _event("value_evidence", cycle=st.sampled_from(["immediate", "applied"])),
    _event("training", person=st.none() | st.sampled_from(PEOPLE)),
    _event("closed", learning_captured=maybe),
)

profiles = st.fixed_dictionaries(
    {
        "stage": st.none() | st.sampled_from(["potential", "coalescing", "maturing", "stewardship"]),
        "domain": _section(
            statement=st.none() | st.just("Outreach"),
            strategic_objectives=st.none() | st.lists(st.just("x"), max_size=1),
            wicked_problems=st.none() | st.lists(st.just("y"), max_size=1),
        ),
        "convener": _section(
            id=st.none() | st.sampled_from(PEOPLE),
            dedicated_hours_per_month=st.none() | st.sampled_from([0, 4, 16]),
            trained=maybe,
            involvement_ends=st.none() | days,
            successor=st.none() | st.just("B"),
        ),
        "people": st.none()
        | st.lists(
            st.fixed_dictionaries(
                {"id": st.sampled_from(PEOPLE), "kinds": st.lists(st.sampled_from(KINDS), min_size=1, max_size=2)}
            ),
            max_size=4,
        ),
        "roles": st.none() | st.dictionaries(st.sampled_from(ROLES), people, max_size=4),
        "planning_group": st.none() | people,
        "sponsors": st.none()
        | st.lists(
            st.fixed_dictionaries({"id": st.just("S"), "oversight": maybe, "in_planning": maybe}).map(
                lambda d: _drop_none(**d)
            ),
            max_size=1,
        ),
        "membership": _section(
            target=st.none() | st.just("Practitioners"),
            includes=st.none() | st.lists(st.sampled_from(KINDS), max_size=2),
            commissioners=st.none() | st.sampled_from(["members", "undecided"]),
        ),
        "practicalities": _section(
            cadence_weeks=st.none() | st.sampled_from([2, 4, 8]),
            meeting_minutes=st.none() | st.sampled_from([60, 120]),
            format=st.none() | st.sampled_from(["online", "hybrid"]),
            format_chosen_by_members=maybe,
            schedule=st.none() | st.just("fixed"),
            shift_workers=maybe,
            resources=st.none() | st.lists(st.just("room"), max_size=1),
        ),
        "experts_by_experience": _section(
            involved=maybe, recompense=st.none() | st.sampled_from(["funded", "requested"]), payment_policy=maybe
        ),
        "governance": _section(acknowledged=maybe),
        "between_meetings": _section(channels=st.none() | st.lists(st.just("email"), max_size=1)),
        "value_capture": _section(methods=st.none() | st.lists(st.just("survey"), max_size=1)),
        "acknowledged_risks": st.none()
        | st.lists(
            st.fixed_dictionaries(
                {
                    "rule": st.sampled_from(["roles.unfilled", "meetings.too-short", "no.such"]),
                    "reason": st.just("agreed"),
                    "until": st.none() | days,
                }
            ).map(lambda d: _drop_none(**d)),
            max_size=2,
        ),
        "events": st.none(),
    }
).map(lambda d: {"copadvisor": 1, "name": "Generated", **_drop_none(**d)})


@st.composite
def event_logs(draw: st.DrawFn) -> list[dict[str, Any]]:
    """Random events, often around a launch followed by a run of meetings, so that every stage occurs."""
    log = draw(st.lists(events, max_size=8))
    if draw(st.booleans()):
        day = AS_OF + dt.timedelta(days=draw(st.integers(-1000, 0)))
        log.append(draw(_event("launch", **session_fields, principles_introduced=maybe)) | {"date": day})
        for _ in range(draw(st.integers(0, 8))):
            day += dt.timedelta(days=draw(st.integers(1, 120)))
            log.append(draw(_event("meeting", **meeting_fields)) | {"date": day})
    return draw(st.permutations(log)) if log else log


cop_profiles = st.tuples(profiles, event_logs()).map(lambda pair: {**pair[0], "events": pair[1]})


def load(data: dict[str, Any]) -> LoadedProfile:
    """A generated profile written as YAML and loaded as a user's would be."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "cop.yaml"
        path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
        [result] = load_paths([str(path)])
    assert isinstance(result, LoadedProfile), result
    return result
