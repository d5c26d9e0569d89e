"""The convener's checklist (``copadvisor.render.checklist``): items, their order, and the three formats."""

from __future__ import annotations

import json
import re
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
        ("r.x", ()),
    ]
    assert [i.check.rule for i in items(profile)] == ["r.host", "r.folded", "r.x"]
