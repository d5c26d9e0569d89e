"""The convener's checklist: every rule of a stage as done, to do, not recorded or acknowledged.

A different view of the same ``Report``: the checks of the stage the rules were applied for.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
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
    # For a rule that stands aside while the CoP may be ending: what the records show, as a checklist status.
    recorded: str | None = None
    # False for an item that only points at another (contradicted by it, or shown under it): the other item's
    # next step is the one that fits the facts (fifth review: "ask the co-convener" when there is none).
    own_step: bool = True


def items(profile: Section, rules: Mapping[str, Rule] | None = None) -> list[Item]:
    """The stage's rules (not-applicable ones left out), things to do first, then by severity and rule. With
    ``rules``, a rule shown with another (its `shown_with`) is a "see also" under that item, not an item."""
    found = {g.first.rule: g for g in groups(profile.findings, rules)}
    folded = {other.first.rule: g.first.rule for g in found.values() for other in _nested(g)}
    checks = {c.rule: c for c in profile.checks}
    out = []
    for check in profile.checks:
        if check.outcome not in STATUS:
            continue
        if check.rule in folded and folded[check.rule] in checks:
            # Its finding is a "see also" under another item; its own item stays, to do, and points there
            # (issue 11, fourth review: a folded item must not vanish from the list).
            host = checks[folded[check.rule]]
            out.append(Item("to do", check, (f"See “{host.item}” ({host.rule}).",), own_step=False))
            continue
        status = STATUS[check.outcome]
        group = found.get(check.rule)
        if group is not None and group.next_step != check.next_step:
            check = replace(check, next_step=group.next_step)
        against = _contradiction(check, checks)
        if against is not None:
            # SPEC §4: never "done" (nor "not yet") for what the records contradict; the finding and its next step
            # are the other rule's, so the item points at it.
            detail = f"Not done while “{against.item}” is to do ({against.rule})."
            out.append(Item("to do", check, (detail,), own_step=False))
            continue
        details = {
            "to do": (f"{group.message} ({group.where})", *see_also(group)) if group is not None else (),
            "not recorded": (f"Not recorded: {', '.join(map(str, check.missing))}.",),
            "acknowledged": (f"acknowledged: {check.reason}",),
            "done": (),
            "not yet": (f"Not yet: {check.reason}.",),
        }[status]
        if check.held is not None:
            recorded = STATUS[check.held]
            held = check.held_detail.rstrip(".")
            if len(check.held_findings) > 1:
                held = groups(check.held_findings, rules)[0].message.rstrip(".")
            out.append(Item(status, check, (f"{held}.",) if held else (), recorded))
            continue
        out.append(Item(status, check, details))
    severity = SEVERITIES_WORST_FIRST
    # The natural-end finding leads its group: the advice to close well or renew comes first (SPEC §4). An item
    # that is only to do because a fixable cause's rule fails takes its place by severity, after that cause.
    return sorted(
        out,
        key=lambda i: (
            i.recorded is not None,
            ORDER.index(i.recorded or i.status),
            not (i.check.rule == NATURAL_END and i.check.outcome == "fail"),
            severity.index(i.check.severity),
            i.check.rule,
        ),
    )


def _nested(group: Group) -> list[Group]:
    return [g for other in group.also for g in (other, *_nested(other))]


def _contradiction(check: Check, checks: dict[str, Check]) -> Check | None:
    """The first rule among ``contradicted_by`` that fails, when this item would otherwise not be to do."""
    if check.outcome not in ("pass", "not_due", "unknown"):
        return None
    return next((checks[r] for r in check.contradicted_by if r in checks and checks[r].outcome == "fail"), None)


PAUSED = "Paused while the CoP decides whether to end"


def _paused_intro(paused: list[Item]) -> str:
    """SPEC §4's one reason, said once for every item that stands aside, instead of once per item."""
    return f"Not yet: {paused[0].check.reason}. What the records show meanwhile:"


def _heading(profile: Section, report: Report, quote: Callable[[str], str] = safe.text) -> str:
    title = quote(profile.title)
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
        listed = items(profile, rules)
        rows = [
            (
                paint(item.status, COLOURS[item.status], style),
                safe.text(item.check.item),
                safe.text(" ".join((*item.details, *_next(item)))),
            )
            for item in listed
            if item.recorded is None
        ]
        paused = [item for item in listed if item.recorded is not None]
        held = [
            (
                paint(i.recorded or "", COLOURS[i.recorded or "not yet"], style),
                safe.text(i.check.item),
                safe.text(" ".join(i.details)),
            )
            for i in paused
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
            + (_paused_block(paused, held, width) if paused else "")
            + _voice_block(heard)
        )
    return safe.no_commands("\n\n".join(parts) + "\n")


def _paused_block(paused: list[Item], rows: list[tuple[str, str, str]], width: int) -> str:
    intro = "\n".join(wrap(f"{PAUSED}. {_paused_intro(paused)}", width, "", "  "))
    return f"\n\n{intro}\n" + table(rows, ("records", "item", "what the records show"), width, lead=2)


def _voice_block(lines: str) -> str:
    return f"\n\nMembers' voice:{lines}" if lines else ""


def _next(item: Item) -> tuple[str, ...]:
    if not item.own_step or item.status in ("done", "acknowledged", "not yet"):
        return ()
    return (f"→ {item.check.next_step}",)


def render_markdown(report: Report, options: RenderOptions | None = None) -> str:
    """GitHub-flavoured task lists, to print or paste into an issue or a meeting note."""
    parts = []
    rules = rules_by_id(report)
    for profile in _shown(report):
        lines = [f"## {_heading(profile, report, safe.markdown)}", ""]
        if profile.errors:
            lines += [f"- could not be read: {_code(safe.problem(p))}" for p in profile.errors]
        listed = items(profile, rules)
        for item in listed:
            rule = _code(item.check.rule)
            if item.recorded is not None:
                if item is next(i for i in listed if i.recorded is not None):
                    lines += ["", f"### {PAUSED}", "", _inline(_paused_intro([item])), ""]
                shown = f"not yet; the records show: {item.recorded}"
                lines.append(f"- {MARKS['not yet']} **{_inline(item.check.item)}** — {shown} ({rule})")
                lines += [f"  - {_inline(detail)}" for detail in item.details]
                continue
            lines.append(f"- {MARKS[item.status]} **{_inline(item.check.item)}** — {item.status} ({rule})")
            lines += [f"  - {_inline(detail)}" for detail in item.details]
            lines += [f"  - Next step: {_inline(item.check.next_step)}" for _ in _next(item)]
        heard = voice.summary(profile.activity.pulses)
        lines += ["", "**Members' voice**", "", *(f"- {_inline(line)}" for line in heard)] if heard else []
        parts.append("\n".join(lines))
    return safe.no_commands("\n\n".join(parts) + "\n")


def _inline(text: str) -> str:
    """Text inside a list item: on its one line, never read as the start of a task (``[x]``), as markup that
    would close the item's bold text, nor as an image, a link or a tag (as every Markdown format). Its code
    spans (what is not recorded) are kept."""
    return safe.markdown(text, code_spans=True)


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
                "recorded": i.recorded,
                "severity": i.check.severity,
                "details": list(i.details),
                "next_step": i.check.next_step,
            }
            for i in items(section)
        ],
        "errors": [str(p) for p in section.errors],
    }
