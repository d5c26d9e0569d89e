"""The rule pack format: YAML files of rules as data (SPEC §4). Conditions are checked in ``condition``."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from functools import cached_property
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

from copadvisor.errors import shorten
from copadvisor.model import Date
from copadvisor.terms import STAGES, Severity, StageId, severity_rank

_RULE_ID = re.compile(r"[a-z][a-z0-9_-]*(\.[a-z0-9][a-z0-9_-]*)+")


def _rule_id(value: str) -> str:
    if len(value) > 80 or not _RULE_ID.fullmatch(value):
        raise ValueError(
            f"'{shorten(value)}' is not a rule id: write area.rule-name, in lower case, with a dot between parts"
        )
    return value


RuleId = Annotated[str, AfterValidator(_rule_id)]
Prose = Annotated[str, Field(min_length=1, max_length=2000)]
# A field path (`convener.dedicated_hours_per_month`), a YAML key or value (`decided_by`, `external_voice`) or
# the word "record": the convener's editing instructions, which have no place in the sponsors' words.
_EDITING = re.compile(r"\b[a-z][a-z_]+\.[a-z][a-z_]+\b|\b[a-z]+_[a-z_]+\b|(?i:\brecord\b)")


def _sponsor_words(value: str) -> str:
    found = _EDITING.search(value)
    if found:
        raise ValueError(
            f"'{shorten(found.group())}' is an editing instruction: a sponsor step says what support a sponsor "
            "can offer, in plain words (no field names or YAML keys, no 'record')"
        )
    return value


SponsorWords = Annotated[Prose, AfterValidator(_sponsor_words)]
SPONSOR_STEP_FALLBACK = "Ask the convener what support would help with this."
# `all` and `all-but-transformation` spell out the stage lists of SPEC §4's table.
StageList = list[StageId] | Literal["all", "all-but-transformation", "portfolio"]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class Clause(Strict):
    """One way a rule can fail: a condition on one kind of fact."""

    on: Annotated[str, Field(min_length=1)] = "profile"
    when: dict[str, Any]
    at: str | None = None  # the fact whose source locates the finding
    message: Prose | None = None
    next_step: Prose | None = None  # what to do when this clause fails; the rule's `next_step` when absent


class Precondition(Strict):
    """One part of a rule's precondition (a list under `applies_when`), with its own reason for `not_due` (which
    may name facts of the profile, `{stage}` and `{threshold.NAME}`, like a message). ``contradicted_by``: rules
    whose failure, while this part is the reason the rule is not due, leaves its checklist item to do (the part
    names a cause another rule speaks for, such as a fall in attendance that a run of talks explains)."""

    when: dict[str, Any]
    not_due: Prose
    contradicted_by: Annotated[list[RuleId], Field(max_length=8)] = Field(default_factory=list)


class Variant(Strict):
    """One wording of a rule's `message_many` or `next_step_many`: used when its `when` holds over the group
    (each key a placeholder equal to its value, or to one of a list; for `subjects`, each value is among the
    subjects) and every placeholder it names can be filled; the first such variant is the one shown."""

    when: dict[str, str | int | bool | list[str]] | None = None
    message: Prose


# What a `message_many` may name besides the facts it shares, computed from the group in
# ``copadvisor.render.common``: how many findings (and, as `count.KIND`, how many about facts of one kind), what
# each is about, the first and last date among them; `range.FACT` is a fact's lowest to highest value.
GROUP_PLACEHOLDERS = ("count", "subjects", "first_date", "last_date")
_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")


def group_names(kinds: Iterable[str], fields: Iterable[str]) -> frozenset[str]:
    """Every name a `message_many` of a rule on facts of ``kinds`` (with ``fields``) may use."""
    listed = tuple(fields)
    return frozenset((*GROUP_PLACEHOLDERS, *listed, *(f"range.{f}" for f in listed), *(f"count.{k}" for k in kinds)))


def fields_named(variants: Iterable[Variant]) -> tuple[str, ...]:
    """The facts (and thresholds) the variants read: their placeholders and `when` keys, without the group's
    own names."""
    names: dict[str, None] = {}
    for variant in variants:
        for name in (*_PLACEHOLDER.findall(variant.message), *(variant.when or {})):
            name = name.removeprefix("range.")
            if name not in GROUP_PLACEHOLDERS and not name.startswith("count.") and name != "stage":
                names[name] = None
    return tuple(names)


# A sentence about the pattern, for a rule that fails several times in one profile: one text, or variants.
Many = Prose | Annotated[list[Variant], Field(min_length=1, max_length=8)]


class Escalation(Strict):
    """Co-occurring evidence that makes a rule's findings more serious: when ``when`` holds, the findings take
    ``severity`` (above the rule's: the rule's severity is the floor) and their message gains ``because``.
    ``when`` is a condition on the profile fact (the portfolio fact for portfolio rules), and then raises every
    finding of the rule; or, with ``on`` naming the fact kind of the rule's clauses, on each finding's own fact,
    and then raises that finding alone."""

    on: Annotated[str, Field(min_length=1)] | None = None
    when: dict[str, Any]
    severity: Severity
    because: Prose


class Member(Strict):
    """One CoP of a portfolio example."""

    profile: dict[str, Any] = Field(default_factory=dict)
    events: list[Any] | None = None


class Example(Strict):
    """A small profile the rule must judge as the example's list says (run by ``rules test``); for a
    portfolio rule, a list of small profiles under ``portfolio``."""

    description: str | None = None
    as_of: Date = dt.date(2026, 1, 1)
    stage: StageId | None = None
    profile: dict[str, Any] = Field(default_factory=dict)
    events: list[Any] | None = None
    portfolio: list[Member] | None = None
    findings: Annotated[int, Field(ge=1)] | None = None  # the number of findings a failing example gives
    severity: Severity | None = None  # the severity a failing example's findings take (after `escalate`)


class Examples(Strict):
    fail: list[Example] = Field(min_length=1)
    pass_: list[Example] = Field(alias="pass", min_length=1)
    unknown: list[Example] = Field(default_factory=list)
    not_due: list[Example] = Field(default_factory=list)


class Rule(Strict):
    id: RuleId
    title: Annotated[str, Field(min_length=1, max_length=120)]
    # The same item worded as done, for checklists ("A convener is named"); the title when absent.
    checklist: Annotated[str, Field(min_length=1, max_length=120)] | None = None
    # Rules whose failure the checklist item cannot be done beside ("Convening is shared" while a listed
    # co-convener no longer convenes): while one of them fails, the checklist shows the item to do, whatever this
    # rule's own outcome, and the finding stays that rule's (no second finding for one cause).
    contradicted_by: Annotated[list[RuleId], Field(max_length=8)] = Field(default_factory=list)
    stages: StageList
    severity: Severity
    source: Prose
    tips: list[Annotated[int, Field(ge=1, le=14)]] = Field(default_factory=list)
    topics: list[str] = Field(default_factory=list)
    on: str | None = None
    when: dict[str, Any] | None = None
    at: str | None = None
    match: Annotated[list[Clause], Field(max_length=16)] | None = None
    # The precondition, apart from the condition that fails (SPEC §4, "Evidence, not vacuous passes"): a
    # condition on the profile fact (the portfolio fact for portfolio rules). Unless it definitely holds, the
    # rule has nothing to judge yet and its outcome is `not_due`, with `not_due` as the reason. A list of
    # `{when, not_due}` gives each part its own reason: all must hold, the first that does not gives the reason.
    applies_when: dict[str, Any] | list[Precondition] | None = None
    not_due: Prose | None = None
    # Judged after every other rule, over their results: a match stands only where this says (see
    # ``copadvisor.decide.suppressions.KEEP_IF``).
    keep_if: Literal["suppresses-nothing"] | None = None
    # Raise the findings' severity when co-occurring evidence holds: the first escalation that holds applies.
    escalate: Annotated[list[Escalation], Field(min_length=1, max_length=8)] | None = None
    message: Prose
    # What people read when the rule fails several times in one profile (SPEC §4, "One finding, many places"):
    # the pattern, with the group's placeholders (``copadvisor.render.common.GROUP_PLACEHOLDERS``).
    message_many: Many | None = None
    rationale: Prose
    next_step: Prose
    next_step_many: Many | None = None  # the next step for several, when `next_step` reads wrong for them
    # One situation shown once: people's formats show this rule's findings as a "see also" under the first of
    # these rules that fails in the same profile (the finding it repeats the cause and step of).
    shown_with: Annotated[list[RuleId], Field(max_length=8)] = Field(default_factory=list)
    # The same advice in the sponsors' words (SPEC §5): the support a sponsor can offer (protected time,
    # funding, recognition, stepping back), never an editing instruction. The sponsors' report shows it in
    # place of `next_step`; every built-in rule has one (a local rule without one gets SPONSOR_STEP_FALLBACK).
    sponsor_step: SponsorWords | None = None
    examples: Examples

    @model_validator(mode="after")
    def _one_form(self) -> Rule:
        if self.match is not None and (self.when is not None or self.on is not None or self.at is not None):
            raise ValueError("give either `match` (a list of clauses) or `on`/`when`, not both")
        if self.match is None and self.when is None:
            raise ValueError("a rule needs a condition: `when` (or `match`, a list of clauses)")
        if isinstance(self.applies_when, list):
            if not self.applies_when or self.not_due is not None:
                raise ValueError("a list under `applies_when` gives each part its own `not_due`, and no other")
        elif (self.applies_when is None) != (self.not_due is None):
            raise ValueError("give `applies_when` and `not_due` (the reason the rule is not due yet) together")
        for escalation in self.escalate or ():
            if severity_rank(escalation.severity) <= severity_rank(self.severity):
                raise ValueError(
                    f"an escalation raises the severity above the rule's ({self.severity}); "
                    f"'{escalation.severity}' is not above it"
                )
        return self

    @property
    def many_variants(self) -> tuple[Variant, ...]:
        return _variants(self.message_many)

    @property
    def next_step_many_variants(self) -> tuple[Variant, ...]:
        return _variants(self.next_step_many)

    @cached_property
    def many_fields(self) -> tuple[str, ...]:
        """The facts a finding keeps for its group's sentences (``Finding.values``)."""
        return fields_named((*self.many_variants, *self.next_step_many_variants))

    @property
    def sponsor_words(self) -> str:
        return self.sponsor_step or SPONSOR_STEP_FALLBACK

    @property
    def preconditions(self) -> tuple[Precondition, ...]:
        """The parts of `applies_when`, each with the reason the rule is not due while it does not hold."""
        if self.applies_when is None:
            return ()
        if isinstance(self.applies_when, list):
            return tuple(self.applies_when)
        return (Precondition(when=self.applies_when, not_due=self.not_due or ""),)

    @property
    def escalations(self) -> tuple[Escalation, ...]:
        return tuple(self.escalate or ())

    def escalation_kind(self, escalation: Escalation) -> str:
        return escalation.on or self.precondition_kind

    @property
    def precondition_kind(self) -> str:
        return "portfolio" if self.stages == "portfolio" else "profile"

    @property
    def clauses(self) -> tuple[Clause, ...]:
        if self.match is not None:
            return tuple(self.match)
        return (Clause(on=self.on or "profile", when=self.when or {}, at=self.at),)

    @property
    def stage_ids(self) -> tuple[str, ...]:
        if self.stages == "all":
            return STAGES
        if self.stages == "all-but-transformation":
            return STAGES[:-1]
        if self.stages == "portfolio":
            return ("portfolio",)
        return tuple(self.stages)


def _variants(many: str | list[Variant] | None) -> tuple[Variant, ...]:
    if many is None:
        return ()
    return (Variant(message=many),) if isinstance(many, str) else tuple(many)


class RulePack(Strict):
    copadvisor_rules: Literal[1] = Field(alias="copadvisor-rules")
    rules: list[Rule] = Field(min_length=1, max_length=500)
