"""The parts of a CoP profile (SPEC §3.2) and the field types every model shares, re-exported by
``copadvisor.model`` (import them from there): the profile's sections as frozen pydantic models.

The docstring under each field is its description, in the JSON Schema and in ``docs/profile.md``.
"""

from __future__ import annotations

import datetime as dt
import re
import typing
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field

from copadvisor.errors import NO_SUCH_DAY, WITH_A_TIME, not_a_date

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
            raise ValueError(not_a_date(value))
        try:
            return dt.date.fromisoformat(value)
        except ValueError as exc:
            raise ValueError(not_a_date(value, NO_SUCH_DAY)) from exc
    if isinstance(value, dt.datetime):
        return value  # refused below: a time of day has no place here
    return value


def _no_datetime(value: dt.date) -> dt.date:
    if isinstance(value, dt.datetime):
        raise ValueError(not_a_date(value.isoformat(sep=" "), WITH_A_TIME))
    return value


Date = Annotated[dt.date, BeforeValidator(_parse_iso_date), AfterValidator(_no_datetime)]
Text = Annotated[str, Field(min_length=1, max_length=5000)]
ShortText = Annotated[str, Field(min_length=1, max_length=200)]
PersonId = Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[^\s].*$")]
Count = Annotated[int, Field(ge=0, le=1_000_000)]
Minutes = Annotated[int, Field(gt=0, le=24 * 60)]


class Model(BaseModel):
    # The docstring under each field is its description in the JSON Schema (editors show it on hover) and in
    # docs/profile.md: one source.
    model_config = ConfigDict(
        strict=True, extra="forbid", frozen=True, allow_inf_nan=False, use_attribute_docstrings=True
    )


class Domain(Model):
    """What the CoP is about: the problem it tries to solve (seed tip 1)."""

    statement: Text | None = None
    """What problem the CoP is trying to solve, in a sentence or two (seed tip 1)."""
    strategic_objectives: list[Text] | None = None
    """The organisation's objectives where the CoP's learning adds value (seed tip 1)."""
    wicked_problems: list[Text] | None = None
    """The themes or wicked problems members have chosen to work on."""
    out_of_scope: list[Text] | None = None
    """What the CoP is not for."""


class Convener(Model):
    """The person who convenes the CoP: protected time, training and succession (seed tips 5-7)."""

    id: PersonId | None = None
    """The convener's short id (initials or a pseudonym, never a name)."""
    dedicated_hours_per_month: Annotated[float, Field(ge=0, le=744)] | None = None
    """Hours a month protected for convening (seed tip 5); 0 if none."""
    trained: bool | None = None
    """Whether the convener has had training in convening a CoP (seed tips 6-7)."""
    involvement_ends: Date | None = None
    """The date a time-limited involvement of the convener ends (YYYY-MM-DD), for succession."""
    successor: PersonId | None = None
    """The short id of the person lined up to take over convening."""


class Person(Model):
    """An entry of the optional register of people: a short id (initials or a pseudonym) and its kinds."""

    id: PersonId
    """A short id: initials or a pseudonym, never a name."""
    kinds: list[PersonKind] = Field(min_length=1)
    """What kind of member the person is: practitioner, manager, commissioner, expert_by_experience, researcher, sponsor
    or other."""


class Sponsor(Model):
    """A senior sponsor: insight, not oversight."""

    id: PersonId
    """The sponsor's short id."""
    oversight: bool | None = None
    """Whether the sponsor oversees the CoP's work (healthy: false)."""
    in_planning: bool | None = None
    """Whether the sponsor sits in the planning group (healthy: false)."""


class Membership(Model):
    """Who the CoP is for, reviewed with members (seed tip 11)."""

    target: Text | None = None
    """Who the CoP is for (seed tip 11)."""
    size: Count | None = None
    """How many members the CoP has."""
    includes: list[PersonKind] | None = None
    """The kinds of members welcome now."""
    commissioners: Literal["members", "deferred", "excluded", "undecided"] | None = None
    """The members' decision on commissioners: members (they may join), deferred, excluded or undecided."""
    # Members chose to keep the CoP small to start with (seed tip 2, go slowly; seed: Who should be invited).
    start_small: bool | None = None
    """Whether members chose to keep the CoP small to start with (seed tip 2)."""


class Practicalities(Model):
    """How the CoP meets (seed tip 5)."""

    # At least a tenth of a week (meetings at most every 17 hours): smaller gaps mean nothing, and break the engine.
    cadence_weeks: Annotated[float, Field(ge=0.1, le=520)] | None = None
    """The planned number of weeks between meetings."""
    meeting_minutes: Minutes | None = None
    """The planned length of a meeting in minutes (the guidance is two hours)."""
    format: Format | None = None
    """How members meet: online, face_to_face or hybrid."""
    format_chosen_by_members: bool | None = None
    """Whether the members chose the format."""
    schedule: Literal["fixed", "rotating"] | None = None
    """fixed (the same day and time) or rotating (moved around for shift workers)."""
    shift_workers: bool | None = None
    """Whether members work shifts."""
    resources: list[ShortText] | None = None
    """What the CoP has to meet with: budget, venue, licences."""


class ExpertsByExperience(Model):
    """The involvement of Experts by Experience, people with lived experience (seed tip 12)."""

    involved: bool | None = None
    """Whether Experts by Experience take part."""
    recompense: Literal["funded", "requested", "unfunded", "not_applicable"] | None = None
    """Payment for their time: funded, requested, unfunded or not_applicable (seed tip 12)."""
    payment_policy: bool | None = None
    """Whether a written payment and expenses policy exists."""


class Governance(Model):
    """How the CoP is acknowledged in the organisation's governance (seed tip 4)."""

    acknowledged: bool | None = None
    """Whether the CoP is acknowledged in the organisation's governance (seed tip 4)."""
    reports_to: ShortText | None = None
    """The board or group the CoP gives its updates to."""


class BetweenMeetings(Model):
    """How members stay in touch between meetings (seed tip 10)."""

    channels: list[ShortText] | None = None
    """The channels members use between meetings: an email list, a chat channel, a shared space."""


class ValueCapture(Model):
    """How the value of the CoP is captured (seed tip 13)."""

    methods: list[ShortText] | None = None
    """How value is captured: a one-word evaluation, a feedback form, stories of changed practice."""


class AcknowledgedRisk(Model):
    """A rule's findings accepted for a while, with the reason (they are left out of the results)."""

    rule: Annotated[str, Field(min_length=1, max_length=100)]
    """The id of the rule whose findings are accepted (`copadvisor rules list` shows them)."""
    reason: Text
    """Why the risk is accepted (required)."""
    until: Date | None = None
    """The date the acknowledgement expires (YYYY-MM-DD); none means until removed."""


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
    """How many agreed (or strongly agreed)."""
    neutral: Count = 0
    """How many neither agreed nor disagreed."""
    disagree: Count = 0
    """How many disagreed (or strongly disagreed)."""

    @property
    def answered(self) -> int:
        return self.agree + self.neutral + self.disagree
