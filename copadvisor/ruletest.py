"""Run every rule's examples: each must give the outcome its list names (``rules test`` and pytest)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from copadvisor.errors import InputError, Location, Problem
from copadvisor.load import LoadedProfile, SourceMap
from copadvisor.load.validate import validate_profile
from copadvisor.load.yamlsource import Path
from copadvisor.pipeline import Options, Prepared, evaluate, evaluate_portfolio
from copadvisor.report import Check
from copadvisor.rulepack import LoadedRule
from copadvisor.rulepack.model import Example, Member

EXPECTED = {"fail": "fail", "pass_": "pass", "unknown": "unknown", "not_due": "not_due"}


@dataclass(frozen=True)
class ExampleResult:
    rule: str
    expected: str
    got: str
    location: Location
    description: str
    detail: str = ""

    @property
    def ok(self) -> bool:
        return self.expected == self.got and not self.detail


def run_examples(prepared: Prepared, rules: Sequence[LoadedRule]) -> list[ExampleResult]:
    return [result for rule in rules for result in _rule_examples(prepared, rule)]


def _rule_examples(prepared: Prepared, loaded: LoadedRule) -> Iterator[ExampleResult]:
    for attribute, expected in EXPECTED.items():
        alias = "pass" if attribute == "pass_" else attribute
        for j, example in enumerate(getattr(loaded.rule.examples, attribute)):
            prefix = ("rules", loaded.index, "examples", alias, j)
            yield _run(prepared, loaded, example, expected, prefix)


def _run(prepared: Prepared, loaded: LoadedRule, example: Example, expected: str, prefix: Path) -> ExampleResult:
    location = loaded.source.of_value(prefix)
    description = example.description or f"{expected} example {int(prefix[-1]) + 1}"
    options = Options(as_of=example.as_of, stage=example.stage)
    try:
        if example.portfolio is not None:
            members = [_profile(m, loaded.source, (*prefix, "portfolio", i)) for i, m in enumerate(example.portfolio)]
            checks = _portfolio_checks(members, prepared, options, location)
        else:
            section, _ = evaluate(_profile(example, loaded.source, prefix), prepared, options)
            if section.errors:
                return ExampleResult(loaded.id, expected, "error", location, description, str(section.errors[0]))
            checks = section.checks
    except InputError as exc:
        detail = "; ".join(str(p) for p in exc.problems)
        return ExampleResult(loaded.id, expected, "error", location, description, detail)
    check = next((c for c in checks if c.rule == loaded.id), None)
    got = check.outcome if check else "not run"
    detail = ""
    if expected == "fail" and example.findings is not None and check and check.findings != example.findings:
        detail = f"expected {example.findings} finding(s), got {check.findings}"
    elif expected == "fail" and example.severity is not None and check and check.severity != example.severity:
        detail = f"expected severity {example.severity}, got {check.severity}"
    return ExampleResult(loaded.id, expected, got, location, description, detail)


def _portfolio_checks(
    members: list[LoadedProfile], prepared: Prepared, options: Options, location: Location
) -> tuple[Check, ...]:
    facts = [evaluate(m, prepared, options)[1] for m in members]
    if any(f is None for f in facts):
        raise InputError([Problem(location, "a member of the portfolio example could not be evaluated")])
    portfolio = evaluate_portfolio([f for f in facts if f is not None], prepared, options, location)
    return portfolio.checks if portfolio else ()


def _profile(example: Example | Member, source: SourceMap, prefix: Path) -> LoadedProfile:
    """The example as a loaded profile whose positions point into the rule pack."""
    value = {"copadvisor": 1, "name": "Example", **example.profile}
    if example.events is not None:
        value["events"] = example.events
    values = _rebased(source.values, (*prefix, "profile"), ())
    values.update(_rebased(source.values, (*prefix, "events"), ("events",)))
    keys = _rebased(source.keys, (*prefix, "profile"), ())
    keys.update(_rebased(source.keys, (*prefix, "events"), ("events",)))
    values.setdefault((), source.of_value(prefix))
    rebased = SourceMap(source.path, values, keys)
    return LoadedProfile("example", source.path, validate_profile(value, rebased), rebased)


def _rebased(positions: dict[Path, Location], old: Path, new: Path) -> dict[Path, Location]:
    size = len(old)
    return {(*new, *path[size:]): loc for path, loc in positions.items() if path[:size] == old}
