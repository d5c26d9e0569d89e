"""The declared CoP profile and its event log (SPEC §3.2, §3.3) as frozen pydantic models.

Every optional field defaults to ``None``: absent means *not recorded*, which later rules must tell apart from
false, zero or empty. Models are strict (YAML's ``"5"`` is not the number 5) and refuse unknown keys.
"""

from __future__ import annotations

import datetime as dt
import re
import typing
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Discriminator, Field, Tag, model_validator

from copadvisor.errors import shorten
from copadvisor.terms import StageId

FORMAT_VERSION = 1


PersonKind = Literal[
    "practitioner", "manager", "commissioner", "expert_by_experience", "researcher", "sponsor", "other"
]
Role = Literal["co_convener", "admin", "tech", "communications", "timekeeper", "session_design", "chair"]
ROLES: tuple[Role, ...] = typing.get_args(Role)
Format = Literal["online", "face_to_face", "hybrid"]


ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _parse_iso_date(value: Any) -> Any:
    # YAML gives date objects for unquoted dates; a quoted YYYY-MM-DD is accepted too, nothing looser (not
    # the week dates `2026-W05-1` nor the basic form `20261101` that `date.fromisoformat` also reads).
    if isinstance(value, str):
        if not ISO_DATE.fullmatch(value):
            raise ValueError(f"{shorten(value)!r} is not a date: write it as YYYY-MM-DD")
        try:
            return dt.date.fromisoformat(value)
        except ValueError as exc:
            raise ValueError(f"{value!r} is not a real date (YYYY-MM-DD)") from exc
    if isinstance(value, dt.datetime):
        return value  # refused below: a time of day has no place here
    return value


def _no_datetime(value: dt.date) -> dt.date:
    if isinstance(value, dt.datetime):
        raise ValueError("give a date (YYYY-MM-DD) without a time")
    return value


Date = Annotated[dt.date, BeforeValidator(_parse_iso_date), AfterValidator(_no_datetime)]
Text = Annotated[str, Field(min_length=1, max_length=5000)]
ShortText = Annotated[str, Field(min_length=1, max_length=200)]
PersonId = Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[^\s].*$")]
Count = Annotated[int, Field(ge=0, le=1_000_000)]
Minutes = Annotated[int, Field(gt=0, le=24 * 60)]


class Model(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid", frozen=True, allow_inf_nan=False)


class Domain(Model):
    statement: Text | None = None
    strategic_objectives: list[Text] | None = None
    wicked_problems: list[Text] | None = None
    out_of_scope: list[Text] | None = None


class Convener(Model):
    id: PersonId | None = None
    dedicated_hours_per_month: Annotated[float, Field(ge=0, le=744)] | None = None
    trained: bool | None = None
    involvement_ends: Date | None = None
    successor: PersonId | None = None


class Person(Model):
    id: PersonId
    kinds: list[PersonKind] = Field(min_length=1)


class Sponsor(Model):
    id: PersonId
    oversight: bool | None = None
    in_planning: bool | None = None


class Membership(Model):
    target: Text | None = None
    size: Count | None = None
    includes: list[PersonKind] | None = None
    commissioners: Literal["members", "deferred", "excluded", "undecided"] | None = None
    # Members chose to keep the CoP small to start with (seed tip 2, go slowly; seed: Who should be invited).
    start_small: bool | None = None


class Practicalities(Model):
    # At least a tenth of a week (meetings at most every 17 hours): smaller gaps mean nothing, and break the engine.
    cadence_weeks: Annotated[float, Field(ge=0.1, le=520)] | None = None
    meeting_minutes: Minutes | None = None
    format: Format | None = None
    format_chosen_by_members: bool | None = None
    schedule: Literal["fixed", "rotating"] | None = None
    shift_workers: bool | None = None
    resources: list[ShortText] | None = None


class ExpertsByExperience(Model):
    involved: bool | None = None
    recompense: Literal["funded", "requested", "unfunded", "not_applicable"] | None = None
    payment_policy: bool | None = None


class Governance(Model):
    acknowledged: bool | None = None
    reports_to: ShortText | None = None


class BetweenMeetings(Model):
    channels: list[ShortText] | None = None


class ValueCapture(Model):
    methods: list[ShortText] | None = None


class AcknowledgedRisk(Model):
    rule: Annotated[str, Field(min_length=1, max_length=100)]
    reason: Text
    until: Date | None = None


# --- events -------------------------------------------------------------------------------------------------


def _attendance_form(value: Any) -> str:
    return "by_kind" if isinstance(value, dict) else "total"


# Chosen by the value's shape, so that a bad map is not also told "should be a whole number".
Attendance = Annotated[
    Annotated[Count, Tag("total")] | Annotated[dict[PersonKind, Count], Tag("by_kind")],
    Discriminator(_attendance_form),
]


class EventBase(Model):
    date: Date
    notes: Text | None = None


class PlanningMeeting(EventBase):
    type: Literal["planning_meeting"]
    attendees: list[PersonId] | None = None


class Launch(EventBase):
    type: Literal["launch"]
    minutes: Minutes | None = None
    attendance: Attendance | None = None
    principles_introduced: bool | None = None


class Meeting(EventBase):
    type: Literal["meeting"]
    minutes: Minutes | None = None
    attendance: Attendance | None = None
    convened_by: list[PersonId] | None = None
    planning_offer: bool | None = None
    principles_revisited: bool | None = None
    themes: list[ShortText] | None = None
    format: Format | None = None
    external_voice: bool | None = None
    feedback_responses: Count | None = None
    # How the time was used: members' cases, a workshop, a talk, or a mix (a CoP is not a webinar series).
    style: Literal["case_discussion", "workshop", "presentation", "mixed"] | None = None


class Contact(EventBase):
    type: Literal["contact"]
    channel: ShortText | None = None
    # The offer to join planning, repeated between meetings (seed tips 9 and 10).
    planning_offer: bool | None = None


class MembershipReview(EventBase):
    type: Literal["membership_review"]


class TaskProposed(EventBase):
    type: Literal["task_proposed"]
    by: PersonId | None = None
    task: Text | None = None
    # reshaped: members took the problem on in their own terms (seed tip 4).
    decision: Literal["accepted", "reshaped", "declined", "pending"] | None = None
    decided_by: Literal["members", "convener", "planning_group", "sponsor"] | None = None


class Funding(EventBase):
    type: Literal["funding"]
    for_: Literal["experts_by_experience", "venue", "licences", "other"] | None = Field(None, alias="for")
    outcome: Literal["requested", "granted", "denied"] | None = None
    amount: Annotated[float, Field(ge=0, le=1e9)] | None = None


class RoleChange(EventBase):
    type: Literal["role_change"]
    role: Literal[Role, "convener", "planning_group"]  # one flat Literal: one error listing every choice
    from_: PersonId | None = Field(None, alias="from")
    to: PersonId | None = None
    handover: bool | None = None


class ValueEvidence(EventBase):
    type: Literal["value_evidence"]
    cycle: Literal["immediate", "potential", "applied", "realised", "reframing"]
    summary: Text | None = None
    # Value for whom (seed tip 13): members, the people they serve, their organisations.
    for_: list[Literal["members", "service_users", "organisations"]] | None = Field(None, alias="for")


class Training(EventBase):
    type: Literal["training"]
    person: PersonId | None = None
    course: ShortText | None = None


class GovernanceReport(EventBase):
    type: Literal["governance_report"]
    to: ShortText | None = None


class Closed(EventBase):
    type: Literal["closed"]
    reason: Literal["work_done", "enthusiasts_moved_on", "priorities_changed", "merged", "other"] | None = None
    learning_captured: bool | None = None


# --- members' voice: an anonymous, aggregated pulse check-in (SPEC §3.3; seed tip 14) ----------------------

QuestionKey = Annotated[str, Field(min_length=1, max_length=40, pattern=r"^[a-z][a-z0-9_]*$")]
STANDARD_QUESTIONS: dict[str, str] = {
    "voice": "I can get my voice heard",
    "safe": "I feel safe to say what I think",
    "worth": "The CoP is worth my time",
    "ours": "Members choose what we work on",
    "understanding": "I understand how the CoP works",
}


class PulseAnswer(Model):
    """How many members agreed, were neutral or disagreed with one statement (counts only: never who)."""

    agree: Count = 0
    neutral: Count = 0
    disagree: Count = 0

    @property
    def answered(self) -> int:
        return self.agree + self.neutral + self.disagree


class Pulse(EventBase):
    type: Literal["pulse"]
    responses: Count
    answers: dict[QuestionKey, PulseAnswer] | None = None

    @model_validator(mode="after")
    def _answers_within_responses(self) -> Pulse:
        for key, answer in (self.answers or {}).items():
            if answer.answered > self.responses:
                raise ValueError(
                    f"{answer.answered} answers to {key!r} but only {self.responses} responses: "
                    "each member answers a question once"
                )
        return self


Event = Annotated[
    PlanningMeeting
    | Launch
    | Meeting
    | Contact
    | MembershipReview
    | TaskProposed
    | Funding
    | RoleChange
    | ValueEvidence
    | Training
    | GovernanceReport
    | Closed
    | Pulse,
    Field(discriminator="type"),
]

EVENT_TYPES: dict[str, type[EventBase]] = {
    cls.model_fields["type"].annotation.__args__[0]: cls  # type: ignore[union-attr]
    for cls in (
        PlanningMeeting,
        Launch,
        Meeting,
        Contact,
        MembershipReview,
        TaskProposed,
        Funding,
        RoleChange,
        ValueEvidence,
        Training,
        GovernanceReport,
        Closed,
        Pulse,
    )
}


def _exact_version(value: Any) -> Any:
    # Literal[1] alone takes `true` and `1.0` for 1.
    if type(value) is not int:
        raise ValueError(f"{shorten(repr(value))} is not a format version")
    return value


class Profile(Model):
    copadvisor: Annotated[Literal[1], BeforeValidator(_exact_version)]
    name: Annotated[str, Field(min_length=1, max_length=200)]
    stage: StageId | None = None
    domain: Domain | None = None
    convener: Convener | None = None
    people: list[Person] | None = None
    roles: dict[Role, list[PersonId]] | None = None
    planning_group: list[PersonId] | None = None
    sponsors: list[Sponsor] | None = None
    membership: Membership | None = None
    practicalities: Practicalities | None = None
    experts_by_experience: ExpertsByExperience | None = None
    governance: Governance | None = None
    between_meetings: BetweenMeetings | None = None
    value_capture: ValueCapture | None = None
    acknowledged_risks: list[AcknowledgedRisk] | None = None
    events: list[Event] | None = None
