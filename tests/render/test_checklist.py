"""The convener's checklist (``copadvisor.render.checklist``): items, their order, and the three formats."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from cop_testing import SHORT, write_profile

from copadvisor.cli.main import run
from copadvisor.errors import Location, Problem
from copadvisor.render import checklist
from copadvisor.report import Report

from .support import check, finding, mixed, report, section, tiny_run

AS_OF = ["--as-of", "2026-01-01"]


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = run(list(args))
    return code, capsys.readouterr().out


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
    assert "Not recorded: y, z. → Next step of f.unknown-high." in out
    assert "acknowledged: members chose" in out
    assert "→ Next step of a.done-high." not in out  # nothing to do for what is done


def test_markdown_task_lists_in_order() -> None:
    out = checklist.render_markdown(statuses())
    items = [line for line in out.splitlines() if line.startswith("- [")]
    assert [(line[:5], line.split(" — ")[1].split(" (`")[0], line.split("(`")[1].rstrip("`)")) for line in items] == [
        ("- [x]" if status in ("done", "acknowledged") else "- [ ]", status, rule) for status, rule in ORDER
    ]
    assert (
        "- [ ] **Done: f.unknown-high** — not recorded (`f.unknown-high`)\n  - Not recorded: y, z.\n  - Next step: Next step of f.unknown-high.\n"
        in out
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
        "details": ["Message of c.todo-high."],
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
