"""The whole pipeline gives the same report whichever engine evaluates the rules (SPEC: only `engine` differs)."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from strategies import AS_OF, cop_profiles, load

from copadvisor.engine import available_engines
from copadvisor.pipeline import Options, Prepared, evaluate, prepare

pytestmark = pytest.mark.skipif("durable" not in available_engines(), reason="durable_rules does not import here")

OPTIONS = Options(as_of=AS_OF)
PREPARED: dict[str, Prepared] = {}


def prepared(engine: str) -> Prepared:
    if engine not in PREPARED:
        PREPARED[engine] = prepare(Options(as_of=AS_OF, engine=engine))
    return PREPARED[engine]


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cop_profiles)
def test_both_engines_give_identical_reports(data: dict[str, Any]) -> None:
    loaded = load(data)
    durable = evaluate(loaded, prepared("durable"), OPTIONS)[0]
    python = evaluate(loaded, prepared("python"), OPTIONS)[0]
    assert durable == python
    assert not durable.errors


def test_the_generated_profiles_reach_every_outcome_and_stage() -> None:
    """The property above is only as good as its inputs: they must reach every outcome and every stage."""
    outcomes: set[str] = set()
    stages: set[str] = set()

    @settings(max_examples=300, derandomize=True, database=None, deadline=None)
    @given(cop_profiles)
    def collect(data: dict[str, Any]) -> None:
        report = evaluate(load(data), prepared("python"), OPTIONS)[0]
        outcomes.update(check.outcome for check in report.checks)
        stages.add(report.stage.inferred if report.stage else "none")

    collect()
    assert outcomes == {"fail", "pass", "unknown", "not_applicable", "suppressed", "not_due"}
    assert stages == {"potential", "coalescing", "maturing", "stewardship", "transformation"}
