"""Class 3 of issue 12: rule packs are bounded when they load. Nesting, list sizes and the number of tests and
clauses are refused with a located error before anything is compiled, and every clause's engine capacity is
checked at load time with the same model the engine uses, so the engine can never refuse a rule set later."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from copadvisor.engine import available_engines, capacity_problem
from copadvisor.errors import InputError
from copadvisor.rulepack import load_rules
from copadvisor.rulepack.condition import MAX_NESTING, MAX_TESTS

from .support import AS_OF, copadvisor, example


def rule(when: dict[str, Any], rule_id: str = "local.bounded", **extra: Any) -> dict[str, Any]:
    return {
        "id": rule_id,
        "title": "Bounded",
        "stages": "all",
        "severity": "low",
        "source": "tests",
        "on": "session",
        "when": when,
        "message": "A meeting.",
        "rationale": "Tests.",
        "next_step": "None.",
        "examples": {"fail": [{"profile": {}}], "pass": [{"profile": {}}]},
        **extra,
    }


def write_pack(folder: Path, *rules: dict[str, Any]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "pack.yaml"
    path.write_text(yaml.safe_dump({"copadvisor-rules": 1, "rules": list(rules)}, sort_keys=False), encoding="utf-8")
    return path


def nested(levels: int) -> dict[str, Any]:
    """The red-team's pack: each level an `any` of two `all`s, doubling the compiled form."""
    when: dict[str, Any] = {"minutes": {"lt": 60}}
    for level in range(levels):
        key = "any" if level % 2 else "all"
        when = {key: [when, {"minutes": {"gt": level}}]}
    return when


def load_problems(folder: Path) -> list[str]:
    with pytest.raises(InputError) as caught:
        load_rules([str(folder)])
    return [str(p) for p in caught.value.problems]


def test_a_condition_nested_18_levels_is_refused_at_once(tmp_path: Path) -> None:
    path = write_pack(tmp_path / "rules", rule(nested(18)))
    (problem,) = load_problems(tmp_path / "rules")
    assert problem.startswith(f"{path}:")
    assert f"nested more than {MAX_NESTING} levels deep" in problem


def test_the_nesting_allowed_loads(tmp_path: Path) -> None:
    when: dict[str, Any] = {"minutes": {"lt": 60}}
    for _ in range(MAX_NESTING):
        when = {"not": when}
    write_pack(tmp_path / "rules", rule(when))
    assert [r.id for r in load_rules([str(tmp_path / "rules")])] == ["local.bounded"]


@pytest.mark.parametrize(
    ("when", "words"),
    [
        ({"minutes": {"in": list(range(1, 1001))}}, "1000 values in `in`"),  # the red-team's RecursionError
        ({"type": {"not_in": ["meeting"] * 40}}, "40 values in `not_in`"),
        ({"any": [{"minutes": {"gt": i}} for i in range(40)]}, "40 conditions in `any`"),
        ({"all": [{"minutes": {"gt": i}} for i in range(33)]}, "33 conditions in `all`"),
        (
            {"any": [{"minutes": {"in": list(range(j * 20 + 1, j * 20 + 21))}} for j in range(4)]},
            f"more than {MAX_TESTS} tests in one condition",
        ),
    ],
)
def test_long_lists_are_refused_with_a_located_error(tmp_path: Path, when: dict[str, Any], words: str) -> None:
    path = write_pack(tmp_path / "rules", rule(when))
    (problem,) = load_problems(tmp_path / "rules")
    assert problem.startswith(f"{path}:")
    assert words in problem


def test_too_many_clauses_in_a_rule_are_refused(tmp_path: Path) -> None:
    clauses = [{"on": "session", "when": {"minutes": {"lt": i + 1}}} for i in range(17)]
    entry = rule({"minutes": 1})
    del entry["on"], entry["when"]
    entry["match"] = clauses
    write_pack(tmp_path / "rules", entry)
    (problem,) = load_problems(tmp_path / "rules")
    assert "rules[1].match: should have at most 16 items" in problem or "at most 16" in problem


@pytest.mark.skipif("durable" not in available_engines(), reason="durable_rules does not import here")
def test_a_clause_durable_rules_would_refuse_at_run_time_is_refused_at_load(tmp_path: Path) -> None:
    # 32 values in an `in` is within the list bound, and within durable_rules' 15 connectives, but not within
    # its condition stack once joined with other tests: before, the pack loaded and the whole run failed later.
    when = {"all": [{"minutes": {"in": list(range(1, 33))}}, {"attendance": {"in": list(range(1, 33))}}]}
    expr = {"$and": [{"kind": "session"}, {"$or": [{"minutes": i} for i in range(1, 61)]}]}
    assert capacity_problem("x", expr) is not None  # the stack model, at load time
    path = write_pack(tmp_path / "rules", rule(when))
    try:
        load_rules([str(tmp_path / "rules")])
    except InputError as exc:
        (problem,) = exc.problems
        assert problem.location.path == str(path)
        assert "too complex for the rules engine" in problem.message


@pytest.mark.skipif("durable" not in available_engines(), reason="durable_rules does not import here")
@pytest.mark.parametrize("values", [16, 24, 32])
def test_every_pack_that_loads_runs_on_durable_rules(tmp_path: Path, values: int) -> None:
    """No clause that passes load makes durable_rules refuse the rule set: the profiles are reported."""
    when = {"any": [{"minutes": {"in": list(range(1, values + 1))}}, {"type": "launch"}]}
    write_pack(tmp_path / "extra", rule(when))
    profile = example(tmp_path)
    result = copadvisor(
        "lint", profile, "--rules", tmp_path / "extra", "--as-of", AS_OF, "--format", "sarif", "--engine", "durable"
    )
    assert result.returncode in (0, 1, 2), result.stderr
    sarif = json.loads(result.stdout)
    results = sarif["runs"][0]["results"]
    if result.returncode == 2:  # refused at load: a located error, and the profile still evaluated
        assert any(r["ruleId"] == "copadvisor/invalid-input" and "pack.yaml" in json.dumps(r) for r in results)
    assert any(r["ruleId"] != "copadvisor/invalid-input" for r in results)


def test_plain_lint_bounds_a_local_rules_folder(tmp_path: Path) -> None:
    """The red-team's first reproduction: plain `lint` picks up ./rules; the 18-level pack is refused in
    well under the 35 s it took, and the profile is still linted."""
    write_pack(tmp_path / "rules", rule(nested(18)))
    example(tmp_path, "profiles/p")
    result = copadvisor("lint", "--as-of", AS_OF, cwd=tmp_path, timeout=60)
    assert result.returncode == 2
    out = result.stdout.decode()
    assert "rules/pack.yaml" in out
    assert "nested more than" in out
    assert "profiles/p/cop.yaml" in out  # the profile was still linted
