"""The convener's checklist (``copadvisor.render.checklist``): items, their order, and the three formats."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path

import pytest
from cop_testing import SHORT, cli, write_profile

from copadvisor.errors import Location, Problem
from copadvisor.render import checklist
from copadvisor.render.style import RenderOptions
from copadvisor.report import Report

from .support import check, finding, mixed, report, section, small, tiny_run

AS_OF = ["--as-of", "2026-01-01"]


def test_markdown_checklist(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = write_profile(tmp_path, SHORT)
    out = cli(capsys, "checklist", str(folder), *AS_OF, "--format", "markdown")[1]
    items = [line for line in out.splitlines() if line.startswith("- [")]
    assert items
    assert all(line[:6] in ("- [ ] ", "- [x] ") for line in items)
    assert any(line.startswith("- [ ]") and "meetings.too-short" in line for line in items)
    assert "checklist for the potential stage" in out


CHECKS = [
    check("a.done-high", "pass", "high"),
    check("b.todo-low", "fail", "low", 1),
    check("c.todo-high", "fail", "high", 1),
    check("d.unknown-info", "unknown", "info", missing=("x",)),
    check("e.ack-medium", "suppressed", "medium", 1, reason="members chose"),
    check("f.unknown-high", "unknown", "high", missing=("y", "z")),
    check("g.na", "not_applicable", "high"),
    check("h.todo-high", "fail", "high", 1),
    check("i.done-info", "pass", "info"),
    check("j.todo-medium", "fail", "medium", 1),
]
FOUND = [finding("b.todo-low", "low"), finding("c.todo-high", "high"), finding("h.todo-high", "high", 2)]
FOUND += [finding("j.todo-medium", "medium")]
# to do, not recorded, acknowledged, done; within each, high → info, then by rule id
ORDER = [
    ("to do", "c.todo-high"),
    ("to do", "h.todo-high"),
    ("to do", "j.todo-medium"),
    ("to do", "b.todo-low"),
    ("not recorded", "f.unknown-high"),
    ("not recorded", "d.unknown-info"),
    ("acknowledged", "e.ack-medium"),
    ("done", "a.done-high"),
    ("done", "i.done-info"),
]


def statuses() -> Report:
    return report(section("a", FOUND, checks=CHECKS))


def test_items_by_status_then_severity_then_rule() -> None:
    [profile] = statuses().profiles
    assert [(i.status, i.check.rule) for i in checklist.items(profile)] == ORDER


def test_text_rows_in_order_with_details_and_next_steps() -> None:
    out = checklist.render_text(statuses())
    lines = out.splitlines()
    assert lines[0] == "CoP a — checklist for the coalescing stage (as of 2026-01-01)"
    found = [
        (m.group(1).strip(), m.group(2))
        for m in (re.match(r"^(to do|not recorded|acknowledged|done)\s+Done: (\S+)", line) for line in lines)
        if m
    ]
    assert found == ORDER
    assert "Not recorded: `y` in cop.yaml, `z` in cop.yaml. → Next step of f.unknown-high." in " ".join(out.split())
    assert "acknowledged: members chose" in out
    assert "→ Next step of a.done-high." not in out  # nothing to do for what is done


def test_markdown_task_lists_in_order() -> None:
    out = checklist.render_markdown(statuses())
    items = [line for line in out.splitlines() if line.startswith("- [")]
    assert [(line[:5], line.split(" — ")[1].split(" (`")[0], line.split("(`")[1].rstrip("`)")) for line in items] == [
        ("- [x]" if status in ("done", "acknowledged") else "- [ ]", status, rule) for status, rule in ORDER
    ]
    assert (
        "- [ ] **Done: f.unknown-high** — not recorded (`f.unknown-high`)\n"
        "  - Not recorded: `y` in cop.yaml, `z` in cop.yaml.\n  - Next step: Next step of f.unknown-high.\n" in out
    )
    assert "- [x] **Done: e.ack-medium** — acknowledged (`e.ack-medium`)\n  - acknowledged: members chose\n- [x]" in out


def test_json_items_in_order_with_their_fields() -> None:
    data = json.loads(checklist.render_json(statuses()))
    [profile] = data["profiles"]
    assert [(i["status"], i["rule"]) for i in profile["items"]] == ORDER
    assert profile["items"][0] == {
        "rule": "c.todo-high",
        "item": "Done: c.todo-high",
        "status": "to do",
        "severity": "high",
        "details": ["Message of c.todo-high. (p/cop.yaml:1)"],
        "next_step": "Next step of c.todo-high.",
        "recorded": None,
    }
    assert (profile["stage"], profile["errors"], data["portfolio"]) == ("coalescing", [], None)


def test_the_portfolio_and_errors() -> None:
    broken = section("bad", errors=[Problem(Location("bad/cop.yaml", 3, 1), "stage: not a stage")])
    out = checklist.render_text(mixed())
    assert "Portfolio of 2 CoP(s) — checklist for the portfolio (as of 2026-01-01)" in out
    assert checklist.render_text(report(broken)) == "bad/cop.yaml\n  error: bad/cop.yaml:3:1: stage: not a stage\n"
    assert "- could not be read: `bad/cop.yaml:3:1: stage: not a stage`" in checklist.render_markdown(report(broken))
    data = json.loads(checklist.render_json(mixed()))
    assert [i["rule"] for i in data["portfolio"]["items"]] == ["portfolio.many-new-cops"]


def test_a_tiny_run(tmp_path: Path) -> None:
    data = json.loads(checklist.render_json(tiny_run(tmp_path)))
    a = [(i["status"], i["severity"], i["rule"]) for i in data["profiles"][0]["items"]]
    assert a == [
        ("to do", "medium", "meetings.too-short"),
        ("to do", "low", "roles.unfilled"),
        ("to do", "info", "stage.mismatch"),
        ("to do", "info", "suppression.unused"),
        ("acknowledged", "high", "domain.statement-missing"),
        ("done", "low", "suppression.expired"),
    ]


# At 60 columns the three columns cannot fit: each item is an entry of a list.
CHECKLIST_TEXT_60 = (
    "CoP small — checklist for the coalescing stage (as of\n"
    "    2026-01-01)\n"
    "to do  Done: r.high\n"
    "    details and next step: A high finding whose message is\n"
    "      long enough to wrap at a narrow width. (p/cop.yaml:2)\n"
    "      → Next step of r.high.\n"
    "\n"
    "to do  Done: r.low\n"
    "    details and next step: Message of r.low. (p/cop.yaml:5)\n"
    "      → Next step of r.low.\n"
    "\n"
    "not recorded  Done: r.unknown\n"
    "    details and next step: Not recorded: `a_fact` in\n"
    "      cop.yaml, `b_fact` in cop.yaml. → Next step of\n"
    "      r.unknown.\n"
    "\n"
    "acknowledged  Done: r.hidden\n"
    "    details and next step: acknowledged: members’ choice\n"
    "\n"
    "done  Done: r.done\n"
)

CHECKLIST_TEXT_80 = (
    "CoP small — checklist for the coalescing stage (as of 2026-01-01)\n"
    "status        item             details and next step\n"
    "------------  ---------------  -----------------------------------------------\n"
    "to do         Done: r.high     A high finding whose message is long enough to\n"
    "                               wrap at a narrow width. (p/cop.yaml:2) → Next\n"
    "                               step of r.high.\n"
    "to do         Done: r.low      Message of r.low. (p/cop.yaml:5) → Next step of\n"
    "                               r.low.\n"
    "not recorded  Done: r.unknown  Not recorded: `a_fact` in cop.yaml, `b_fact` in\n"
    "                               cop.yaml. → Next step of r.unknown.\n"
    "acknowledged  Done: r.hidden   acknowledged: members’ choice\n"
    "done          Done: r.done\n"
)

CHECKLIST_MARKDOWN = (
    "## CoP small — checklist for the coalescing stage (as of 2026-01-01)\n"
    "\n"
    "- [ ] **Done: r.high** — to do (`r.high`)\n"
    "  - A high finding whose message is long enough to wrap at a narrow width. (p/cop.yaml:2)\n"
    "  - Next step: Next step of r.high.\n"
    "- [ ] **Done: r.low** — to do (`r.low`)\n"
    "  - Message of r.low. (p/cop.yaml:5)\n"
    "  - Next step: Next step of r.low.\n"
    "- [ ] **Done: r.unknown** — not recorded (`r.unknown`)\n"
    "  - Not recorded: `a_fact` in cop.yaml, `b_fact` in cop.yaml.\n"
    "  - Next step: Next step of r.unknown.\n"
    "- [x] **Done: r.hidden** — acknowledged (`r.hidden`)\n"
    "  - acknowledged: members’ choice\n"
    "- [x] **Done: r.done** — done (`r.done`)\n"
)

CHECKLIST_JSON = (
    "{\n"
    '  "copadvisor": "0.1.0",\n'
    '  "as_of": "2026-01-01",\n'
    '  "profiles": [\n'
    "    {\n"
    '      "path": "small/cop.yaml",\n'
    '      "name": "CoP small",\n'
    '      "stage": "coalescing",\n'
    '      "items": [\n'
    "        {\n"
    '          "rule": "r.high",\n'
    '          "item": "Done: r.high",\n'
    '          "status": "to do",\n'
    '          "recorded": null,\n'
    '          "severity": "high",\n'
    '          "details": [\n'
    '            "A high finding whose message is long enough to wrap at a narrow width. (p/cop.yaml:2)"\n'
    "          ],\n"
    '          "next_step": "Next step of r.high."\n'
    "        },\n"
    "        {\n"
    '          "rule": "r.low",\n'
    '          "item": "Done: r.low",\n'
    '          "status": "to do",\n'
    '          "recorded": null,\n'
    '          "severity": "low",\n'
    '          "details": [\n'
    '            "Message of r.low. (p/cop.yaml:5)"\n'
    "          ],\n"
    '          "next_step": "Next step of r.low."\n'
    "        },\n"
    "        {\n"
    '          "rule": "r.unknown",\n'
    '          "item": "Done: r.unknown",\n'
    '          "status": "not recorded",\n'
    '          "recorded": null,\n'
    '          "severity": "info",\n'
    '          "details": [\n'
    '            "Not recorded: `a_fact` in cop.yaml, `b_fact` in cop.yaml."\n'
    "          ],\n"
    '          "next_step": "Next step of r.unknown."\n'
    "        },\n"
    "        {\n"
    '          "rule": "r.hidden",\n'
    '          "item": "Done: r.hidden",\n'
    '          "status": "acknowledged",\n'
    '          "recorded": null,\n'
    '          "severity": "medium",\n'
    '          "details": [\n'
    '            "acknowledged: members’ choice"\n'
    "          ],\n"
    '          "next_step": "Next step of r.hidden."\n'
    "        },\n"
    "        {\n"
    '          "rule": "r.done",\n'
    '          "item": "Done: r.done",\n'
    '          "status": "done",\n'
    '          "recorded": null,\n'
    '          "severity": "low",\n'
    '          "details": [],\n'
    '          "next_step": "Next step of r.done."\n'
    "        }\n"
    "      ],\n"
    '      "errors": []\n'
    "    }\n"
    "  ],\n"
    '  "portfolio": null\n'
    "}\n"
)


def test_every_checklist_format_exactly() -> None:
    assert checklist.render_text(small(), RenderOptions(width=60)) == CHECKLIST_TEXT_60
    assert checklist.render_text(small(), RenderOptions(width=80)) == CHECKLIST_TEXT_80
    assert checklist.render_markdown(small()) == CHECKLIST_MARKDOWN
    assert checklist.render_json(small()) == CHECKLIST_JSON


def test_a_profile_that_could_not_be_read_is_listed_and_the_others_still_shown() -> None:
    broken = section("bad", errors=[Problem(Location("bad/cop.yaml", 3, 1), "stage: not a stage")])
    both = report(broken, *small().sections)
    text = checklist.render_text(both, RenderOptions(width=60))
    assert text == "bad/cop.yaml\n  error: bad/cop.yaml:3:1: stage: not a stage\n\n" + CHECKLIST_TEXT_60
    markdown_ = checklist.render_markdown(both)
    assert markdown_ == (
        "## CoP bad — checklist for the unknown stage (as of 2026-01-01)\n\n"
        "- could not be read: `bad/cop.yaml:3:1: stage: not a stage`\n\n" + CHECKLIST_MARKDOWN
    )
    data = json.loads(checklist.render_json(both))
    assert data["profiles"][0] == {
        "path": "bad/cop.yaml",
        "name": "CoP bad",
        "stage": None,
        "items": [],
        "errors": ["bad/cop.yaml:3:1: stage: not a stage"],
    }


def test_the_portfolio_checklist_is_for_a_portfolio() -> None:
    quiet = section("profiles", checks=[check("portfolio.many-new-cops", "not_due")], kind="portfolio")
    one = checklist.render_text(report(section("one"), quiet), RenderOptions(width=100))
    two = checklist.render_text(report(section("one"), section("two"), quiet), RenderOptions(width=100))
    assert ("checklist for the portfolio" in one, "checklist for the portfolio" in two) == (False, True)
    said = section("profiles", [finding("portfolio.many-new-cops", path="profiles")], kind="portfolio")
    assert "checklist for the portfolio" in checklist.render_text(report(section("one"), said), RenderOptions())


def test_a_rule_shown_with_another_is_a_see_also_under_its_item_not_an_item() -> None:
    from cop_testing import minimal_rule

    from copadvisor.render.checklist import items

    rules = {"r.host": minimal_rule(id="r.host"), "r.folded": minimal_rule(id="r.folded", shown_with=["r.host"])}
    found = [finding("r.host", "high"), finding("r.folded", line=4)]
    profile = section(
        "a", found, checks=[check("r.host", "fail", "high", 1), check("r.folded", "fail", findings=1), check("r.x")]
    )
    assert [(i.check.rule, i.details) for i in items(profile, rules)] == [
        (
            "r.host",
            ("Message of r.host. (p/cop.yaml:1)", "See also r.folded (medium, p/cop.yaml:4): Message of r.folded."),
        ),
        ("r.folded", ("See “Done: r.host” (r.host).",)),
        ("r.x", ()),
    ]
    assert [i.status for i in items(profile, rules)] == ["to do", "to do", "done"]
    assert [i.check.rule for i in items(profile)] == ["r.host", "r.folded", "r.x"]


# SPEC §4: never "done" for what the records contradict (issue 11, third review, E list).
CONTRADICTED = [
    replace(check("a.shared", "pass"), contradicted_by=("b.inactive",)),
    replace(check("c.hours", "not_due", reason="no protected hours"), contradicted_by=("d.no-hours",)),
    replace(check("e.chosen", "pass"), contradicted_by=("b.acknowledged",)),
    check("b.inactive", "fail", "medium", 1),
    check("d.no-hours", "fail", "high", 1),
    check("b.acknowledged", "suppressed", "low", 1, reason="members chose"),
]


def test_an_item_is_to_do_while_a_rule_that_contradicts_it_fails() -> None:
    found = [finding("b.inactive", "medium"), finding("d.no-hours", "high")]
    [profile] = report(section("a", found, checks=CONTRADICTED)).profiles
    got = {i.check.rule: (i.status, i.details) for i in checklist.items(profile)}
    assert got["a.shared"] == ("to do", ("Not done while “Done: b.inactive” is to do (b.inactive).",))
    assert got["c.hours"] == ("to do", ("Not done while “Done: d.no-hours” is to do (d.no-hours).",))
    assert got["e.chosen"] == ("done", ())  # an acknowledged risk does not contradict
    # The other rule's finding carries the next step that fits the facts; the pointing item has none of its own.
    items = {i.check.rule: i for i in checklist.items(profile)}
    assert (checklist._next(items["a.shared"]), checklist._next(items["b.inactive"])) == (
        (),
        ("→ Next step of b.inactive.",),
    )


ENDING = "the CoP may be coming to a natural end"
HELD = [
    check("ending.natural-candidate", "fail", "info", 1),
    replace(check("p.small", "not_due", "medium", reason=ENDING), held="fail", held_detail="Two people plan."),
    replace(check("q.short", "not_due", "medium", reason=ENDING), held="pass"),
    replace(check("r.log", "not_due", "low", reason=ENDING), held="unknown", held_detail="Not recorded: `x`."),
    replace(check("s.task", "not_due", "low", reason=ENDING), held="not_due", held_detail="no task yet"),
]


def held_report() -> Report:
    return report(section("a", [finding("ending.natural-candidate", "info")], checks=HELD))


def test_a_natural_end_shows_what_the_records_say_beneath_the_one_not_yet() -> None:
    [profile] = held_report().profiles
    got = [(i.status, i.recorded, i.check.rule, i.details) for i in checklist.items(profile)]
    assert got == [
        ("to do", None, "ending.natural-candidate", ("Message of ending.natural-candidate. (p/cop.yaml:1)",)),
        ("not yet", "to do", "p.small", ("Two people plan.",)),
        ("not yet", "not recorded", "r.log", ("Not recorded: `x`.",)),
        ("not yet", "done", "q.short", ()),
        ("not yet", "not yet", "s.task", ("no task yet.",)),
    ]
    text = checklist.render_text(held_report(), RenderOptions(width=80)).splitlines()
    start = text.index("Paused while the CoP decides whether to end. Not yet: the CoP may be coming to a")
    assert text[start : start + 8] == [
        "Paused while the CoP decides whether to end. Not yet: the CoP may be coming to a",
        "  natural end. What the records show meanwhile:",
        "records       item           what the records show",
        "------------  -------------  ---------------------",
        "to do         Done: p.small  Two people plan.",
        "not recorded  Done: r.log    Not recorded: `x`.",
        "done          Done: q.short",
        "not yet       Done: s.task   no task yet.",
    ]
    markdown = checklist.render_markdown(held_report())
    assert (
        "### Paused while the CoP decides whether to end\n\n"
        "Not yet: the CoP may be coming to a natural end. What the records show meanwhile:\n\n"
        "- [ ] **Done: p.small** — not yet; the records show: to do (`p.small`)\n  - Two people plan.\n"
        "- [ ] **Done: r.log** — not yet; the records show: not recorded (`r.log`)\n  - Not recorded: `x`.\n"
        "- [ ] **Done: q.short** — not yet; the records show: done (`q.short`)\n"
        "- [ ] **Done: s.task** — not yet; the records show: not yet (`s.task`)\n  - no task yet.\n"
    ) in markdown
    [item] = [
        i for i in json.loads(checklist.render_json(held_report()))["profiles"][0]["items"] if i["rule"] == "p.small"
    ]
    assert (item["status"], item["recorded"], item["details"]) == ("not yet", "to do", ["Two people plan."])


ROOT = Path(__file__).parents[2]
# The exact items of the review's profiles that the third review found ticked or "not yet" against the records.
REVIEWED = [
    ("tests/scenarios/diabetes-webinar-drift", "2026-11-01", "domain.no-wicked-problems", "to do",
     ["Not done while “Meetings are mostly members working on their own practice” is to do (community.webinar-drift)."]),
    ("tests/scenarios/diabetes-webinar-drift", "2026-11-01", "community.no-check-in", "not recorded",
     ["Not recorded: `feedback_responses` on the `meeting` events."]),
    ("tests/scenarios/stroke-sponsor-tasks", "2026-10-20", "domain.no-wicked-problems", "to do",
     ["Not done while “Members decide on the tasks sponsors and managers propose” is to do (sponsor.delegated-task)."]),
    ("tests/scenarios/stroke-sponsor-tasks", "2026-10-20", "community.webinar-drift", "to do",
     ["Not done while “Members decide on the tasks sponsors and managers propose” is to do (sponsor.delegated-task)."]),
    ("tests/scenarios/stroke-sponsor-tasks", "2026-10-20", "membership.manager-heavy-attendance", "done", []),
    ("tests/scenarios/wound-care-convener-leaving", "2026-11-01", "convener.hours-low-for-cadence", "to do",
     ["Not done while “The convener has protected time for the CoP” is to do (convener.no-dedicated-time)."]),
    ("tests/scenarios/wound-care-convener-leaving", "2026-11-01", "succession.core-group-share-low", "to do",
     ["Not done while “The planning group has at least three people” is to do (succession.planning-group-small)."]),
    ("tests/scenarios/talking-therapies-stewardship", "2026-12-01", "planning.members-absent", "not recorded",
     ["Not recorded: `planning_meeting` events of the past 12 months (three or more), each with its `attendees`."]),
    ("profiles/crisis-line-stewardship", "2026-11-01", "planning.members-absent", "not recorded",
     ["Not recorded: `planning_meeting` events of the past 12 months (three or more), each with its `attendees`."]),
    ("profiles/aaot-north", "2026-11-01", "sponsor.delegated-task", "to do",
     ["Not done while “Members give sponsors' suggestions a timely answer” is to do (sponsor.task-pending)."]),
    ("profiles/aaot-north", "2026-11-01", "succession.no-handover", "done", []),
    ("profiles/dementia-carers-fading", "2026-11-01", "governance.no-recent-report", "not yet",
     ["Not yet: one report so far, on 2025-12-02; the next is due by 2027-01-02."]),
]  # fmt: skip


@pytest.mark.parametrize(("path", "as_of", "rule", "status", "details"), REVIEWED)
def test_the_reviewed_items_read_the_records(
    capsys: pytest.CaptureFixture[str], path: str, as_of: str, rule: str, status: str, details: list[str]
) -> None:
    out = cli(capsys, "checklist", str(ROOT / path), "--as-of", as_of, "--format", "json")[1]
    [item] = [i for i in json.loads(out)["profiles"][0]["items"] if i["rule"] == rule]
    assert (item["status"], item["details"]) == (status, details)


PERINATAL_EVENTS = ROOT / "profiles/perinatal-setup/events.yaml"
NOT_DONE_TALKS = "Not done while “Meetings are mostly members working on their own practice” is to do"
NO_PULSE = "no pulse is recorded; run one (a `pulse` event, or `copadvisor import pulse`)"
# The fifth review's checklist points (its "E" lists): each item's status, what the paused list shows beneath a
# natural end (`recorded`), and its words, as the records show them.
FIFTH = [
    # 1. Members chose to start small at the launch's review; nothing has grown, and no review since.
    ("profiles/aaot-north", "2026-11-01", "membership.grown-past-small-start", "not yet", None,
     ["Not yet: no growth past the small start: 20 at the last meeting, 20 at the launch."]),
    # 2. The one meeting since the launch collected 20 responses.
    ("profiles/aaot-north", "2026-11-01", "community.no-check-in", "not yet", None,
     ["Not yet: one meeting since the launch so far; it collected 20 feedback responses."]),
    # 3. A CoP 2½ years old: no pulse is recorded, and how to run one.
    ("profiles/crisis-line-stewardship", "2026-11-01", "voice.not-heard", "not yet", None, [f"Not yet: {NO_PULSE}."]),
    ("profiles/crisis-line-stewardship", "2026-11-01", "voice.worth-doubted", "not yet", None,
     [f"Not yet: {NO_PULSE}."]),
    # 4. The launch counted by kind is over a year old: the rule reads the sessions of the past 12 months.
    ("profiles/dementia-carers-fading", "2026-11-01", "membership.manager-heavy-attendance", "not yet",
     "not recorded",
     ["Not recorded: `attendance` by kind on the `launch` or `meeting` events of the past 12 months."]),
    # 5. The 8 hours were the convener's, who has left.
    ("profiles/dementia-carers-fading", "2026-11-01", "convener.hours-low-for-cadence", "not yet", "not yet",
     ["the convener has left (convener.missing speaks for that)."]),
    # 7. Attendance at 41% of its best while the meetings are talks: not done, the talks' item speaks.
    ("tests/scenarios/diabetes-webinar-drift", "2026-11-01", "ending.natural-candidate", "to do", None,
     [f"{NOT_DONE_TALKS} (community.webinar-drift)."]),
    # 8. A manager and the sponsor are not potential members: HV1 and MW1 of the planning group are two.
    ("profiles/perinatal-setup", "2026-11-01", "planning.idea-not-vetted", "to do", None,
     ["Planning meetings before the launch have brought together 2 potential members so far (the convener,"
      " sponsors and managers aside), fewer than the 3 worth talking the idea through with."
      f" ({PERINATAL_EVENTS}:15)"]),
    ("tests/scenarios/peer-support-setup", "2026-11-15", "planning.idea-not-vetted", "done", None, []),
    # 9. Before the launch, the planning group's decision, to be put to members at the launch.
    ("tests/scenarios/peer-support-setup", "2026-11-15", "ebe.involvement-not-considered", "not yet", None,
     ["Not yet: the planning group has decided; put it to members at the launch."]),
    # 10. Closed CoPs with no acknowledged risk.
    ("profiles/eating-disorders-closed.yaml", "2026-11-01", "suppression.expired", "not yet", None,
     ["Not yet: no acknowledged risks are recorded."]),
    ("tests/scenarios/social-prescribing-natural-end", "2026-11-01", "suppression.unused", "not yet", None,
     ["Not yet: no acknowledged risks are recorded."]),
]  # fmt: skip


@pytest.mark.parametrize(("path", "as_of", "rule", "status", "recorded", "details"), FIFTH)
def test_the_fifth_review_s_items_say_what_the_records_show(
    capsys: pytest.CaptureFixture[str],
    path: str,
    as_of: str,
    rule: str,
    status: str,
    recorded: str | None,
    details: list[str],
) -> None:
    out = cli(capsys, "checklist", str(ROOT / path), "--as-of", as_of, "--format", "json")[1]
    [item] = [i for i in json.loads(out)["profiles"][0]["items"] if i["rule"] == rule]
    assert (item["status"], item["recorded"], item["details"]) == (status, recorded, details)


def test_value_evidence_s_item_says_that_members_feedback_counts(capsys: pytest.CaptureFixture[str]) -> None:
    """6. Diabetes: done on 3 feedback responses, which SPEC counts; the item says so."""
    path = str(ROOT / "tests/scenarios/diabetes-webinar-drift")
    out = cli(capsys, "checklist", path, "--as-of", "2026-11-01", "--format", "json")[1]
    [item] = [i for i in json.loads(out)["profiles"][0]["items"] if i["rule"] == "value.no-evidence"]
    assert (item["item"], item["status"]) == (
        "Value evidence or members' feedback was recorded in the past six months",
        "done",
    )


def test_a_natural_end_item_to_do_for_a_fixable_cause_follows_that_cause(capsys: pytest.CaptureFixture[str]) -> None:
    """7. Only a natural-end finding leads the list (SPEC §4); pointing at the talks, the item (info) comes after
    them (high)."""
    path = str(ROOT / "tests/scenarios/diabetes-webinar-drift")
    out = cli(capsys, "checklist", path, "--as-of", "2026-11-01", "--format", "json")[1]
    to_do = [i["rule"] for i in json.loads(out)["profiles"][0]["items"] if i["status"] == "to do"]
    assert (to_do[0], to_do[-1]) == ("community.webinar-drift", "ending.natural-candidate")


def test_the_fading_cop_shows_the_planning_group_it_has_beneath_the_not_yet(capsys: pytest.CaptureFixture[str]) -> None:
    path = str(ROOT / "profiles/dementia-carers-fading")
    out = cli(capsys, "checklist", path, "--as-of", "2026-11-01", "--format", "json")[1]
    [item] = [i for i in json.loads(out)["profiles"][0]["items"] if i["rule"] == "succession.planning-group-small"]
    assert (item["status"], item["recorded"], item["details"]) == (
        "not yet",
        "to do",
        [
            "The planning group is 2 strong, fewer than the 3 people a core group needs to share planning, convening"
            " and succession."
        ],
    )


def test_a_rule_that_stands_aside_words_its_several_findings_as_one_pattern() -> None:
    from cop_testing import minimal_rule

    rules = {"p.roles": minimal_rule(id="p.roles", message_many="{count} places are open.")}
    found = (finding("p.roles", line=3), finding("p.roles", line=4))
    paused = replace(
        check("p.roles", "not_due", "low", reason=ENDING),
        held="fail",
        held_detail="2 times; the first: Message of p.roles.",
        held_findings=found,
    )
    profile = section("a", [finding("ending.natural-candidate", "info")], checks=[HELD[0], paused])
    by_rule = {i.check.rule: i for i in checklist.items(profile, rules)}
    assert (by_rule["p.roles"].recorded, by_rule["p.roles"].details) == ("to do", ("2 places are open.",))
    # Without the rule pack (a bare report), the count and the first message, as before.
    assert checklist.items(profile)[1].details == ("2 times; the first: Message of p.roles.",)
