"""Step 2 of the pipeline: a validated profile, the as-of date and the thresholds → flat, located facts.

Cross-event reasoning lives here (gaps, who convened the last meetings, attendance means, the stage), so that
every rule is a condition on one fact. Each family module documents its facts in a ``VOCABULARY``.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from copadvisor.errors import Location
from copadvisor.facts import (
    convener,
    domain,
    ebe,
    handover,
    lifecycle,
    meetings,
    membership,
    people,
    portfolio,
    sessions,
    sponsors,
    trends,
    value,
    voice,
)
from copadvisor.facts.activity import Activity
from copadvisor.facts.activity import activity as _activity
from copadvisor.facts.base import Context, Fact, FactField, Item, Part, Value
from copadvisor.facts.stage import NEXT, StageEvidence, following, infer_stage
from copadvisor.facts.timeline import build_timeline
from copadvisor.load import LoadedProfile
from copadvisor.thresholds import Thresholds

__all__ = ["VOCABULARY", "Activity", "Fact", "FactField", "Facts", "StageEvidence", "Value", "derive"]

_FAMILIES = (domain, convener, handover, meetings, trends, membership, ebe, sponsors, value, people, voice)
_ITEM_FAMILIES = (convener, sessions, sponsors, lifecycle, people)


def _vocabulary() -> dict[str, dict[str, FactField]]:
    merged: dict[str, dict[str, FactField]] = {}
    for family in (lifecycle, *_FAMILIES, sessions, portfolio):
        for kind, fields in family.VOCABULARY.items():
            clash = merged.setdefault(kind, {}).keys() & fields.keys()
            if clash:  # pragma: no cover - a programming error, caught by the tests at import
                raise RuntimeError(f"fact names defined twice: {sorted(clash)}")
            merged[kind].update(fields)
    return merged


VOCABULARY: Mapping[str, Mapping[str, FactField]] = _vocabulary()


@dataclass(frozen=True)
class Facts:
    """Everything the rules see of one profile (its stage evidence and its numbered facts), and the aggregates
    of what it did that the sponsors' view shows. Never changed once derived."""

    evidence: StageEvidence
    stage: str
    items: tuple[Fact, ...]  # the profile fact first
    activity: Activity = field(default_factory=Activity)

    @property
    def profile(self) -> Fact:
        return self.items[0]

    def of_kind(self, kind: str) -> list[Fact]:
        return [fact for fact in self.items if fact.kind == kind]


def derive(
    loaded: LoadedProfile,
    as_of: dt.date,
    thresholds: Thresholds,
    stage: str | None = None,
    *,
    with_activity: bool = True,
) -> Facts:
    """The facts of one profile as of a date; ``stage`` overrides the inferred stage (``--stage``), and
    ``next`` means the stage after the inferred one (``checklist --next``). Without ``with_activity``, the
    ``Activity`` is left empty (no rule reads it: `lint` and `check` do not draw it)."""
    timeline = build_timeline(loaded.profile, as_of)
    evidence = infer_stage(timeline, as_of, thresholds)
    chosen = following(evidence.stage) if stage == NEXT else stage or evidence.stage
    ctx = Context(loaded.profile, loaded.source, as_of, thresholds, timeline, chosen)
    parts = [lifecycle.profile_part(ctx, evidence), *(family.profile_part(ctx) for family in _FAMILIES)]
    profile = Item("profile", "profile", Location(loaded.path), *_merge(parts))
    items = [profile, *(item for family in _ITEM_FAMILIES for item in family.items(ctx))]
    numbered = tuple(_numbered(items))
    if not with_activity:
        return Facts(evidence, ctx.stage, numbered)
    return Facts(evidence, ctx.stage, numbered, _activity(numbered, timeline, as_of, thresholds))


def _merge(parts: Iterable[Part]) -> tuple[dict[str, Value], dict[str, Location]]:
    values: dict[str, Value] = {}
    locations: dict[str, Location] = {}
    for part in parts:
        values.update(part.values)
        locations.update(part.locations)
    return values, locations


def _numbered(items: Iterable[Item]) -> Iterable[Fact]:
    """Ids from 1 in order (durable_rules takes a fact's ``id`` as its identity); keys made unique."""
    seen: Counter[str] = Counter()
    for number, item in enumerate(items, start=1):
        seen[item.key] += 1
        key = item.key if seen[item.key] == 1 else f"{item.key}#{seen[item.key]}"
        yield Fact(item.kind, number, key, item.location, dict(item.values), dict(item.locations))
