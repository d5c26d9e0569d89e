"""The declared CoP profile and its event log (SPEC §3.2, §3.3) as frozen pydantic models.

Every optional field defaults to ``None``: absent means *not recorded*, which later rules must tell apart from
false, zero or empty. Models are strict (YAML's ``"5"`` is not the number 5) and refuse unknown keys.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Discriminator, Field, Tag, model_validator

from copadvisor.errors import shorten
from copadvisor.model_parts import (
    ISO_DATE,
    ROLES,
    STANDARD_QUESTIONS,
    AcknowledgedRisk,
    BetweenMeetings,
    Convener,
    Count,
    Date,
    Domain,
    ExpertsByExperience,
    Format,
    Governance,
    Membership,
    Minutes,
    Model,
    Person,
    PersonId,
    PersonKind,
    Practicalities,
    PulseAnswer,
    QuestionKey,
    Role,
    ShortText,
    Sponsor,
    Text,
    ValueCapture,
)
from copadvisor.terms import StageId

FORMAT_VERSION = 1
# The profile's parts and the shared field types live in model_parts (this module would be too long); they are
# imported from here.
__all__ = [
    "EVENT_TYPES",
    "FORMAT_VERSION",
    "ISO_DATE",
    "ROLES",
    "STANDARD_QUESTIONS",
    "AcknowledgedRisk",
    "Attendance",
    "BetweenMeetings",
    "Closed",
    "Contact",
    "Convener",
    "Count",
    "Date",
    "Domain",
    "Event",
    "EventBase",
    "ExpertsByExperience",
    "Format",
    "Funding",
    "Governance",
    "GovernanceReport",
    "Launch",
    "Meeting",
    "Membership",
    "MembershipReview",
    "Minutes",
    "Model",
    "Person",
    "PersonId",
    "PersonKind",
    "PlanningMeeting",
    "Practicalities",
    "Profile",
    "Pulse",
    "PulseAnswer",
    "QuestionKey",
    "Role",
    "RoleChange",
    "ShortText",
    "Sponsor",
    "TaskProposed",
    "Text",
    "Training",
    "ValueCapture",
    "ValueEvidence",
]

# --- events -------------------------------------------------------------------------------------------------


def _attendance_form(value: Any) -> str:
    return "by_kind" if isinstance(value, dict) else "total"


# Chosen by the value's shape, so that a bad map is not also told "should be a whole number".
Attendance = Annotated[
    Annotated[Count, Tag("total")] | Annotated[dict[PersonKind, Count], Tag("by_kind")],
    Discriminator(_attendance_form),
]


class EventBase(Model):
    """What every event has: its date, and notes if wanted."""

    date: Date
    """When it happened (YYYY-MM-DD). Events after the as-of date are not considered."""
    notes: Text | None = None
    """Free notes for the convener; never shown in the sponsors' report."""


class PlanningMeeting(EventBase):
    """A meeting of the planning group (before the launch, or to plan sessions)."""

    type: Literal["planning_meeting"]
    """The event type: `planning_meeting`."""
    attendees: list[PersonId] | None = None
    """The short ids of the planning group members who came."""


class Launch(EventBase):
    """The launch session: the first meeting of the CoP's members."""

    type: Literal["launch"]
    """The event type: `launch`."""
    minutes: Minutes | None = None
    """How long the session lasted, in minutes."""
    attendance: Attendance | None = None
    """How many came: a number, or a map of kinds to numbers ({practitioner: 14, manager: 2})."""
    principles_introduced: bool | None = None
    """Whether the CoP's principles were introduced (members own it; one member, one voice)."""


class Meeting(EventBase):
    """A meeting of the CoP after its launch."""

    type: Literal["meeting"]
    """The event type: `meeting`."""
    minutes: Minutes | None = None
    """How long the meeting lasted, in minutes."""
    attendance: Attendance | None = None
    """How many came: a number, or a map of kinds to numbers ({practitioner: 14, manager: 2})."""
    convened_by: list[PersonId] | None = None
    """The short ids of the people who convened this meeting."""
    planning_offer: bool | None = None
    """Whether members were invited to join the planning group (seed tip 9)."""
    principles_revisited: bool | None = None
    """Whether the CoP's principles were recalled."""
    themes: list[ShortText] | None = None
    """The themes the meeting worked on."""
    format: Format | None = None
    """How it was held: online, face_to_face or hybrid."""
    external_voice: bool | None = None
    """Whether someone from outside the CoP brought a case, a question or a view."""
    feedback_responses: Count | None = None
    """How many members answered a check-in or feedback at the end."""
    # How the time was used: members' cases, a workshop, a talk, or a mix (a CoP is not a webinar series).
    style: Literal["case_discussion", "workshop", "presentation", "mixed"] | None = None
    """How the time was used: case_discussion, workshop, presentation or mixed."""


class Contact(EventBase):
    """Contact among members between meetings, such as a message thread or a call (seed tip 10)."""

    type: Literal["contact"]
    """The event type: `contact`."""
    channel: ShortText | None = None
    """The channel of the contact: email, chat, a call."""
    # The offer to join planning, repeated between meetings (seed tips 9 and 10).
    planning_offer: bool | None = None
    """Whether members were invited to join the planning group in this contact (seed tips 9 and 10)."""


class MembershipReview(EventBase):
    """A review of the membership with members: who is here, who is missing (seed tip 11)."""

    type: Literal["membership_review"]
    """The event type: `membership_review`."""


class TaskProposed(EventBase):
    """A task or problem put to the CoP by someone, and what became of it (seed tip 4)."""

    type: Literal["task_proposed"]
    """The event type: `task_proposed`."""
    by: PersonId | None = None
    """Who proposed it: a short id, or a role word such as sponsor or manager."""
    task: Text | None = None
    """The task or problem, in a few words."""
    # reshaped: members took the problem on in their own terms (seed tip 4).
    decision: Literal["accepted", "reshaped", "declined", "pending"] | None = None
    """What became of it: accepted, reshaped (members took it on in their own terms), declined or pending."""
    decided_by: Literal["members", "convener", "planning_group", "sponsor"] | None = None
    """Who decided: members, convener, planning_group or sponsor."""


class Funding(EventBase):
    """A request for money and its outcome: payment of Experts by Experience, a venue, licences."""

    type: Literal["funding"]
    """The event type: `funding`."""
    for_: Literal["experts_by_experience", "venue", "licences", "other"] | None = Field(None, alias="for")
    """What the money is for: experts_by_experience, venue, licences or other."""
    outcome: Literal["requested", "granted", "denied"] | None = None
    """requested, granted or denied."""
    amount: Annotated[float, Field(ge=0, le=1e9)] | None = None
    """How much, in pounds."""


class RoleChange(EventBase):
    """A role, the convening or a place in the planning group changing hands."""

    type: Literal["role_change"]
    """The event type: `role_change`."""
    role: Literal[Role, "convener", "planning_group"]  # one flat Literal: one error listing every choice
    """The role that changed hands: a role of the roles table, convener or planning_group."""
    from_: PersonId | None = Field(None, alias="from")
    """The short id of who held it before (null if nobody)."""
    to: PersonId | None = None
    """The short id of who holds it now (null if nobody)."""
    handover: bool | None = None
    """Whether there was a handover between them."""


class ValueEvidence(EventBase):
    """Evidence of the value the CoP creates, by the cycle of value it shows (seed tip 13)."""

    type: Literal["value_evidence"]
    """The event type: `value_evidence`."""
    cycle: Literal["immediate", "potential", "applied", "realised", "reframing"]
    """The cycle of value: immediate, potential, applied, realised or reframing (Wenger, Trayner and de Laat)."""
    summary: Text | None = None
    """The evidence in a sentence; never shown in the sponsors' report."""
    # Value for whom (seed tip 13): members, the people they serve, their organisations.
    for_: list[Literal["members", "service_users", "organisations"]] | None = Field(None, alias="for")
    """Value for whom: members, service_users, organisations (seed tip 13)."""


class Training(EventBase):
    """Training of someone in the CoP, such as the convener on a convening course."""

    type: Literal["training"]
    """The event type: `training`."""
    person: PersonId | None = None
    """The short id of who was trained (the convener when left out)."""
    course: ShortText | None = None
    """The course."""


class GovernanceReport(EventBase):
    """An update given to a board, a committee or the sponsors."""

    type: Literal["governance_report"]
    """The event type: `governance_report`."""
    to: ShortText | None = None
    """Who the update went to: a board, a committee, the sponsors."""


class Closed(EventBase):
    """The CoP closed: why, and whether its learning was captured."""

    type: Literal["closed"]
    """The event type: `closed`."""
    reason: Literal["work_done", "enthusiasts_moved_on", "priorities_changed", "merged", "other"] | None = None
    """Why: work_done, enthusiasts_moved_on, priorities_changed, merged or other."""
    learning_captured: bool | None = None
    """Whether the CoP's learning was captured and shared."""


class Pulse(EventBase):
    """An anonymous members' check-in, aggregated: counts per statement, never names or free text (seed tip 14)."""

    type: Literal["pulse"]
    """The event type: `pulse`."""
    responses: Count
    """How many members responded."""
    answers: dict[QuestionKey, PulseAnswer] | None = None
    """Per statement, how many agreed, were neutral or disagreed. Standard keys: voice (I can get my voice heard),
    safe (I feel safe to say what I think), worth (the CoP is worth my time), ours (members choose what we work
    on), understanding (I understand how the CoP works); other keys are shown, not judged."""

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
    """A Community of Practice profile (cop.yaml): only `copadvisor` and `name` are required; absent means
    not recorded."""

    copadvisor: Annotated[Literal[1], BeforeValidator(_exact_version)]
    """The format version of the file: 1."""
    name: Annotated[str, Field(min_length=1, max_length=200)]
    """The CoP's name."""
    stage: StageId | None = None
    """The declared lifecycle stage: potential, coalescing, maturing, stewardship or transformation (copadvisor also
    infers it from the events)."""
    domain: Domain | None = None
    """What the CoP is about (seed tip 1)."""
    convener: Convener | None = None
    """The convener (seed tips 5-7)."""
    people: list[Person] | None = None
    """An optional register of people: short ids and their kinds."""
    roles: dict[Role, list[PersonId]] | None = None
    """Who holds each role, by short id: co_convener (two wanted), admin, tech, communications, timekeeper,
    session_design, chair (seed tip 8)."""
    planning_group: list[PersonId] | None = None
    """The short ids of the planning group."""
    sponsors: list[Sponsor] | None = None
    """The senior sponsors."""
    membership: Membership | None = None
    """Who the CoP is for (seed tip 11)."""
    practicalities: Practicalities | None = None
    """How the CoP meets (seed tip 5)."""
    experts_by_experience: ExpertsByExperience | None = None
    """The involvement of Experts by Experience (seed tip 12)."""
    governance: Governance | None = None
    """Acknowledgement in governance (seed tip 4)."""
    between_meetings: BetweenMeetings | None = None
    """Staying in touch between meetings (seed tip 10)."""
    value_capture: ValueCapture | None = None
    """Capturing value (seed tip 13)."""
    acknowledged_risks: list[AcknowledgedRisk] | None = None
    """Rules' findings accepted for a while, each with a reason and an optional expiry."""
    events: list[Event] | None = None
    """The event log inline, instead of an events.yaml beside the profile."""
