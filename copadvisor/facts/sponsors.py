"""Sponsor facts: insight without oversight, and tasks that management tries to delegate (seed tip 4)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from copadvisor.facts.base import RECENT_MEETINGS, Context, FactField, Item, Part, Value
from copadvisor.facts.convener import holders
from copadvisor.facts.dates import months_between
from copadvisor.model import Meeting, TaskProposed

SPONSOR_KINDS = frozenset({"sponsor", "manager"})

VOCABULARY = {
    "profile": {
        "sponsors_count": FactField("number", "senior sponsors listed"),
        "tasks_proposed_count": FactField("number", "task_proposed events so far"),
        "sponsor_tasks_count": FactField(
            "number", "task_proposed events by a sponsor or manager (by_sponsor), whatever became of them"
        ),
        "sponsors_named_count": FactField(
            "number", "distinct sponsors: those in `sponsors` and people of kind sponsor (0 when none)"
        ),
        "sponsor_tasks_imposed_count": FactField(
            "number",
            "tasks by a sponsor or manager accepted with decided_by recorded and not members (sponsor.delegated-task)",
        ),
        "manager_convened_recent": FactField(
            "number",
            "of the last 3 meetings, those convened by (or with) a sponsor or a person of kind sponsor or manager",
        ),
    },
    "sponsor": {
        "sponsor_id": FactField("text", "the sponsor's short id"),
        "oversight": FactField("bool", "the sponsor has an oversight role"),
        "in_planning": FactField("bool", "the sponsor is in planning (declared, or in planning_group)"),
    },
    "task": {
        "date": FactField("date", "when it was proposed"),
        "by_sponsor": FactField(
            "bool", "proposed by a sponsor, a person of kind sponsor or manager, or the role word sponsor or manager"
        ),
        "decision": FactField("text", "what became of it", ("accepted", "reshaped", "declined", "pending")),
        "decided_by": FactField("text", "who decided", ("members", "convener", "planning_group", "sponsor")),
        "months_ago": FactField("number", "months from the proposal to the as-of date"),
        "meetings_since": FactField("number", "meetings held after it was proposed"),
        "worked_on_meetings": FactField(
            "number",
            "meetings after it was proposed that worked on it: a theme of theirs whose every word of meaning is in"
            " the task's text (not recorded without the text, once a meeting has been held since)",
        ),
        "worked_on_date": FactField("date", "the first meeting that worked on it"),
    },
}


def profile_part(ctx: Context) -> Part:
    named = {s.id for s in ctx.profile.sponsors or ()}
    named.update(p.id for p in ctx.profile.people or () if "sponsor" in p.kinds)
    recent = ctx.timeline.of_type(Meeting)[-RECENT_MEETINGS:]
    where = ctx.at_event(recent[-1][0]) if recent else ctx.at_key("events")
    return Part(
        {
            "sponsors_count": len(ctx.profile.sponsors or ()),
            "tasks_proposed_count": len(ctx.timeline.of_type(TaskProposed)),
            "sponsor_tasks_count": sum(1 for _, t in ctx.timeline.of_type(TaskProposed) if _by_sponsor(ctx, t)),
            "sponsors_named_count": len(named),
            "sponsor_tasks_imposed_count": sum(
                1 for t in sponsor_tasks(ctx) if t.decision == "accepted" and t.decided_by not in (None, "members")
            ),
            "manager_convened_recent": _manager_convened(ctx, [m for _, m in recent]),
        },
        {
            "sponsors_count": ctx.at_key("sponsors"),
            "sponsors_named_count": ctx.at_key("sponsors"),
            "manager_convened_recent": where,
        },
    )


def _manager_convened(ctx: Context, meetings: list[Meeting]) -> int | None:
    """Meetings a sponsor or manager convened, alone or with others; not recorded if one does not say who."""
    if any(m.convened_by is None for m in meetings):
        return None
    senior = _sponsor_ids(ctx)
    return sum(1 for m in meetings if senior & set(m.convened_by or ()))


def _by_sponsor(ctx: Context, task: TaskProposed) -> bool | None:
    return task.by in _sponsor_ids(ctx) or task.by in SPONSOR_KINDS if task.by is not None else None


def _sponsor_ids(ctx: Context) -> set[str]:
    ids = {s.id for s in ctx.profile.sponsors or ()}
    ids.update(p.id for p in ctx.profile.people or () if SPONSOR_KINDS & set(p.kinds))
    return ids


def items(ctx: Context) -> Iterator[Item]:
    group = set(holders(ctx, "planning_group") or ())
    for i, sponsor in enumerate(ctx.profile.sponsors or ()):
        in_planning = True if sponsor.id in group else sponsor.in_planning
        values: dict[str, Value] = {
            "sponsor_id": sponsor.id,
            "oversight": sponsor.oversight,
            "in_planning": in_planning,
        }
        yield Item("sponsor", f"sponsor:{sponsor.id}", ctx.source.of_value(("sponsors", i)), values)
    for index, task in ctx.timeline.of_type(TaskProposed):
        values = {
            "date": task.date,
            "by_sponsor": _by_sponsor(ctx, task),
            "decision": task.decision,
            "decided_by": task.decided_by,
            "months_ago": months_between(task.date, ctx.as_of),
            "meetings_since": sum(1 for _, m in ctx.timeline.of_type(Meeting) if m.date > task.date),
        }
        worked = worked_on(ctx, task)
        values["worked_on_meetings"] = len(worked) if task.task is not None or not values["meetings_since"] else None
        values["worked_on_date"] = worked[0] if worked else None
        yield Item("task", f"task@{task.date}", ctx.at_event(index), values)


# Words that carry no meaning of their own in a theme or a task ("length of stay", "the business case for …").
_LITTLE_WORDS = frozenset(
    ("and", "the", "for", "with", "about", "from", "into", "our", "their", "its", "are", "was", "not", "but")
)


def worked_on(ctx: Context, task: TaskProposed) -> list[dt.date]:
    """The dates of the meetings after ``task`` that worked on it: one of their themes is the task's."""
    if task.task is None:
        return []
    words = _words(task.task)
    return [
        m.date
        for _, m in ctx.timeline.of_type(Meeting)
        if m.date > task.date and any(_theme_of(theme, words) for theme in m.themes or ())
    ]


def sponsor_tasks(ctx: Context) -> list[TaskProposed]:
    """The tasks proposed by a sponsor or manager."""
    return [t for _, t in ctx.timeline.of_type(TaskProposed) if _by_sponsor(ctx, t)]


def _theme_of(theme: str, task_words: frozenset[str]) -> bool:
    words = _words(theme)
    return bool(words) and words <= task_words


def _words(text: str) -> frozenset[str]:
    """The words of meaning, in lower case, a plural's s dropped: "Discharge letters" → {discharge, letter}."""
    found = re.findall(r"[a-z0-9]+", text.lower())
    return frozenset(w.removesuffix("s") for w in found if len(w) > 2 and w not in _LITTLE_WORDS)
