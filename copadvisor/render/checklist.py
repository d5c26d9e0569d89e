"""The convener's checklist: every rule of a stage as done, to do, not recorded or acknowledged.

A different view of the same ``Report``: the checks of the stage the rules were applied for.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from copadvisor.render import safe
from copadvisor.render.common import Group, groups, later_note, rules_by_id, see_also
from copadvisor.render.layout import table, wrap
from copadvisor.render.portfolio import voice
from copadvisor.render.style import RenderOptions, paint
from copadvisor.report import Check, Report, Section
from copadvisor.rulepack.model import Rule
from copadvisor.terms import NATURAL_END, SEVERITIES_WORST_FIRST

# SPEC §4: `pass` is done; `not_due` is "not yet", with its reason, and never ticked.
STATUS = {
    "pass": "done",
    "fail": "to do",
    "unknown": "not recorded",
    "suppressed": "acknowledged",
    "not_due": "not yet",
}
ORDER = ("to do", "not recorded", "acknowledged", "done", "not yet")
MARKS = {"done": "[x]", "to do": "[ ]", "not recorded": "[ ]", "acknowledged": "[x]", "not yet": "[ ]"}
COLOURS = {"done": "green", "to do": "red", "not recorded": "yellow", "acknowledged": "cyan", "not yet": "blue"}


@dataclass(frozen=True)
class Item:
    status: str
    check: Check
    details: tuple[str, ...]  # the findings' messages, what to record, or the reason given


def items(profile: Section, rules: Mapping[str, Rule] | None = None) -> list[Item]:
    """The stage's rules (not-applicable ones left out), things to do first, then by severity and rule. With
    ``rules``, a rule shown with another (its `shown_with`) is a "see also" under that item, not an item."""
    found = {g.first.rule: g for g in groups(profile.findings, rules)}
    folded = {other.first.rule for g in found.values() for other in _nested(g)}
    out = []
    for check in profile.checks:
        if check.outcome not in STATUS or check.rule in folded:
            continue
        status = STATUS[check.outcome]
        group = found.get(check.rule)
        if group is not None and group.next_step != check.next_step:
            check = replace(check, next_step=group.next_step)
        details = {
            "to do": (f"{group.message} ({group.where})", *see_also(group)) if group is not None else (),
            "not recorded": (f"Not recorded: {', '.join(map(str, check.missing))}.",),
            "acknowledged": (f"acknowledged: {check.reason}",),
            "done": (),
            "not yet": (f"Not yet: {check.reason}.",),
        }[status]
        out.append(Item(status, check, details))
    severity = SEVERITIES_WORST_FIRST
    # The natural-end item leads its group: the advice to close well or renew comes first (SPEC §4).
    return sorted(
        out,
        key=lambda i: (
            ORDER.index(i.status),
            i.check.rule != NATURAL_END,
            severity.index(i.check.severity),
            i.check.rule,
        ),
    )


def _nested(group: Group) -> list[Group]:
    return [g for other in group.also for g in (other, *_nested(other))]


def _heading(profile: Section, report: Report) -> str:
    title = safe.text(profile.title)
    if profile.kind == "portfolio":
        return f"{title} — checklist for the portfolio (as of {report.as_of})"
    stage = profile.stage.used if profile.stage else "unknown"
    return f"{title} — checklist for the {stage} stage (as of {report.as_of})"


def _shown(report: Report) -> list[Section]:
    """Every profile; the portfolio's checklist only for a portfolio (two CoPs or more), or when it has something
    to say: for one CoP it is noise to its convener."""
    many = sum(1 for s in report.sections if s.kind == "profile") > 1
    return [s for s in report.sections if s.kind == "profile" or many or s.findings or s.errors]


def render_text(report: Report, options: RenderOptions | None = None) -> str:
    style = options or RenderOptions()
    width = style.width
    rules = rules_by_id(report)
    parts = []
    for profile in _shown(report):
        if profile.errors:
            errors = [line for p in profile.errors for line in wrap(f"error: {safe.problem(p)}", width, "  ", "    ")]
            parts.append("\n".join([*wrap(safe.text(profile.path), width), *errors]))
            continue
        rows = [
            (
                paint(item.status, COLOURS[item.status], style),
                safe.text(item.check.item),
                safe.text(" ".join((*item.details, *_next(item)))),
            )
            for item in items(profile, rules)
        ]
        heading = "\n".join(wrap(paint(_heading(profile, report), "bold", style), width, "", "    "))
        later = later_note(profile, report.as_of)
        heading += "".join("\n" + line for line in wrap(f"note: {later}", width, "", "    ")) if later else ""
        heard = "".join(
            "\n" + line for text in voice.summary(profile.activity.pulses) for line in wrap(text, width, "  ", "    ")
        )
        parts.append(
            heading
            + "\n"
            + table(rows, ("status", "item", "details and next step"), width, lead=2)
            + _voice_block(heard)
        )
    return safe.no_commands("\n\n".join(parts) + "\n")


def _voice_block(lines: str) -> str:
    return f"\n\nMembers' voice:{lines}" if lines else ""


def _next(item: Item) -> tuple[str, ...]:
    return () if item.status in ("done", "acknowledged", "not yet") else (f"→ {item.check.next_step}",)


def render_markdown(report: Report, options: RenderOptions | None = None) -> str:
    """GitHub-flavoured task lists, to print or paste into an issue or a meeting note."""
    parts = []
    rules = rules_by_id(report)
    for profile in _shown(report):
        lines = [f"## {_heading(profile, report)}", ""]
        if profile.errors:
            lines += [f"- could not be read: {_code(safe.problem(p))}" for p in profile.errors]
        for item in items(profile, rules):
            rule = _code(item.check.rule)
            lines.append(f"- {MARKS[item.status]} **{_inline(item.check.item)}** — {item.status} ({rule})")
            lines += [f"  - {_inline(detail)}" for detail in item.details]
            lines += [f"  - Next step: {_inline(item.check.next_step)}" for _ in _next(item)]
        heard = voice.summary(profile.activity.pulses)
        lines += ["", "**Members' voice**", "", *(f"- {_inline(line)}" for line in heard)] if heard else []
        parts.append("\n".join(lines))
    return safe.no_commands("\n\n".join(parts) + "\n")


def _inline(text: str) -> str:
    """Text inside a list item: on its one line, and never read as the start of a task (``[x]``) or markup
    that would close the item's bold text."""
    return safe.text(text).replace("[", "\\[").replace("*", "\\*")


def _code(text: str) -> str:
    text = safe.text(text)
    fence = "`" * (max((len(run) for run in re.findall("`+", text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def render_json(report: Report, options: RenderOptions | None = None) -> str:
    portfolio = report.portfolio
    data: dict[str, Any] = {
        "copadvisor": report.version,
        "as_of": report.as_of,
        "profiles": [_json(profile) for profile in report.profiles],
        "portfolio": _json(portfolio) if portfolio else None,
    }
    return safe.json_text(json.dumps(data, indent=2, ensure_ascii=False)) + "\n"


def _json(section: Section) -> dict[str, Any]:
    return {
        "path": section.path,
        "name": section.name,
        "stage": section.stage.used if section.stage else None,
        "items": [
            {
                "rule": i.check.rule,
                "item": i.check.item,
                "status": i.status,
                "severity": i.check.severity,
                "details": list(i.details),
                "next_step": i.check.next_step,
            }
            for i in items(section)
        ],
        "errors": [str(p) for p in section.errors],
    }
