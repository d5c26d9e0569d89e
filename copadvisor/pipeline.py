"""The whole pipeline: load → facts → engine → outcomes → a ``Report`` (rendering is the caller's step)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property

from copadvisor import __version__
from copadvisor.engine import Engine, EngineError, EngineFact, Scalar, make_engine
from copadvisor.errors import Location, Problem
from copadvisor.facts import Fact, Facts, derive
from copadvisor.facts.portfolio import portfolio_fact
from copadvisor.facts.stage import StageEvidence
from copadvisor.load import LoadedProfile, LoadFailure, discover
from copadvisor.model import Profile
from copadvisor.outcomes import Decided, Policy, decide, is_late, is_portfolio, judge, merge, risk_facts
from copadvisor.report import Check, PortfolioReport, ProfileReport, Report, StageInfo
from copadvisor.rulepack import Compiled, LoadedRule, builtin_rules_dir, compile_rules, load_rules_leniently
from copadvisor.rulepack.model import Rule
from copadvisor.thresholds import Thresholds


@dataclass(frozen=True)
class Options:
    as_of: dt.date
    thresholds: Thresholds = field(default_factory=Thresholds)
    policy: Policy = field(default_factory=Policy)
    rule_dirs: tuple[str, ...] = ()  # added to the built-in packs
    engine: str = "auto"
    stage: str | None = None
    fail_on: str = "high"


@dataclass(frozen=True)
class Prepared:
    """Rules loaded, selected and compiled once, with the engine built on them."""

    loaded: tuple[LoadedRule, ...]
    rules: tuple[Rule, ...]  # selected, early ones first
    compiled: Compiled
    engine: Engine
    problems: tuple[Problem, ...] = ()  # rule packs left out

    # Per profile, these would be recomputed for every profile: computed once, on first use.
    @cached_property
    def known_ids(self) -> tuple[str, ...]:
        return tuple(r.id for r in self.loaded)

    @cached_property
    def early_rules(self) -> tuple[Rule, ...]:
        """The rules of the first pass: neither late (on acknowledged risks) nor portfolio rules."""
        return tuple(r for r in self.rules if not is_late(r) and not is_portfolio(r))

    @cached_property
    def late_rules(self) -> tuple[Rule, ...]:
        return tuple(r for r in self.rules if is_late(r))


def prepare(options: Options) -> Prepared:
    """Rules loaded and compiled once. A bad rule pack is left out and reported with the results (exit 2);
    ``EngineUnavailable`` when the engine asked for cannot run here."""
    loaded, problems = load_rules_leniently([builtin_rules_dir(), *options.rule_dirs])
    rules = tuple(r.rule for r in loaded if options.policy.selects(r.id))
    compiled = compile_rules(rules, options.thresholds)
    return Prepared(loaded, rules, compiled, make_engine(compiled.engine_rules, options.engine), problems)


def run(paths: Sequence[str], options: Options, prepared: Prepared | None = None, jobs: int = 1) -> Report:
    """Evaluate every profile under ``paths``; ``jobs`` > 1 uses worker processes (same output, in order)."""
    from copadvisor.parallel import evaluate_sources  # it imports this module

    prepared = prepared or prepare(options)
    sources, missing = discover(paths)
    reports: list[ProfileReport] = [
        ProfileReport(p.location.path, p.location.path, None, None, errors=(p,)) for p in missing
    ]
    profiles: list[Fact] = []
    for report, profile in evaluate_sources(sources, options, prepared, jobs):
        reports.append(_with_shared_checks(report))
        if profile is not None:
            profiles.append(profile)
    where = Location(paths[0] if paths else ".")
    return Report(
        version=__version__,
        as_of=options.as_of.isoformat(),
        engine=prepared.engine.name,
        profiles=tuple(reports),
        errors=prepared.problems,
        fail_on=options.fail_on,
        rules=prepared.rules,
        portfolio=evaluate_portfolio(profiles, prepared, options, where),
    )


def evaluate(result: LoadedProfile | LoadFailure, prepared: Prepared, options: Options) -> ProfileReport:
    return evaluate_with_facts(result, prepared, options)[0]


def evaluate_with_facts(
    result: LoadedProfile | LoadFailure, prepared: Prepared, options: Options
) -> tuple[ProfileReport, Facts | None]:
    if isinstance(result, LoadFailure):
        return ProfileReport(result.path, result.slug, result.name, None, errors=result.problems), None
    facts = derive(result, options.as_of, options.thresholds, options.stage)
    stage = StageInfo(result.profile.stage, facts.evidence.stage, facts.stage, facts.evidence.reason)
    try:
        decided = _decide(result, facts, prepared, options)
    except EngineError as exc:
        problem = Problem(Location(result.path), f"the rules engine failed on this profile: {exc}")
        return ProfileReport(result.path, result.slug, result.profile.name, stage, errors=(problem,)), None
    report = ProfileReport(
        path=result.path,
        slug=result.slug,
        name=result.profile.name,
        stage=stage,
        findings=decided.findings,
        suppressed=decided.suppressed,
        unknowns=decided.unknowns,
        checks=decided.checks,
    )
    return report, facts


def _with_shared_checks(report: ProfileReport) -> ProfileReport:
    """The report with each check replaced by an equal one already kept, if any.

    The whole report is held until it is rendered, and a profile's checks (one per rule: 60 objects) are
    mostly equal to other profiles' (same rule, outcome and count): sharing them halves the memory a
    large corpus needs. Checks are frozen, so nothing can tell the difference."""
    if len(_CHECKS) > _MAX_SHARED_CHECKS:
        _CHECKS.clear()
    return replace(report, checks=tuple(_CHECKS.setdefault(check, check) for check in report.checks))


_CHECKS: dict[Check, Check] = {}
_MAX_SHARED_CHECKS = 50_000


def evaluate_portfolio(
    profiles: Sequence[Fact], prepared: Prepared, options: Options, where: Location
) -> PortfolioReport | None:
    """The portfolio rules over the profile facts of every CoP evaluated together (None without such rules)."""
    rules = [r for r in prepared.rules if is_portfolio(r)]
    if not rules:
        return None
    fact = portfolio_fact(profiles, options.thresholds, where)
    facts = Facts(StageEvidence("portfolio", "the CoPs evaluated together", None, 0, None), "portfolio", (fact,))
    try:
        matches = prepared.engine.evaluate(engine_facts([fact]))
    except EngineError as exc:  # pragma: no cover - the portfolio fact is small and sanitised
        raise RuntimeError(f"the rules engine failed on the portfolio: {exc}") from exc
    judged = judge(rules, prepared.compiled, facts, matches, "portfolio", options.thresholds)
    decided = decide(judged, _NO_RISKS, options.as_of, options.policy)
    return PortfolioReport(where, len(profiles), decided.findings, decided.checks)


_NO_RISKS = Profile(copadvisor=1, name="portfolio")


def _decide(loaded: LoadedProfile, facts: Facts, prepared: Prepared, options: Options) -> Decided:
    early, late = prepared.early_rules, prepared.late_rules
    first_facts = [f for f in facts.items if f.kind != "acknowledged_risk"]
    matches = prepared.engine.evaluate(engine_facts(first_facts))
    judged = judge(early, prepared.compiled, facts, matches, loaded.slug, options.thresholds)
    first = decide(judged, loaded.profile, options.as_of, options.policy)
    risks = risk_facts(facts, first.suppressed_by_risk, prepared.known_ids)
    late_facts = Facts(facts.evidence, facts.stage, (facts.profile, *risks))
    late_matches = prepared.engine.evaluate(engine_facts(risks)) if risks else []
    late_judged = judge(late, prepared.compiled, late_facts, late_matches, loaded.slug, options.thresholds)
    return merge(
        first,
        decide(
            late_judged, loaded.profile.model_copy(update={"acknowledged_risks": None}), options.as_of, options.policy
        ),
    )


def engine_facts(facts: Iterable[Fact]) -> list[EngineFact]:
    """Flat JSON-safe facts: unrecorded values left out (the engines treat absence as unknown), dates as text,
    numbers rounded to 6 decimal places (durable_rules cannot read a float written with an exponent, such as
    1e-07, and no threshold needs that precision)."""
    out: list[EngineFact] = []
    for fact in facts:
        values: dict[str, Scalar] = {"id": fact.id, "kind": fact.kind}
        for name, value in fact.values.items():
            if value is not None:
                values[name] = _engine_value(value)
        out.append(values)
    return out


def _engine_value(value: int | float | str | bool | dt.date) -> int | float | str | bool:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return round(value, 6) + 0.0  # + 0.0 turns -0.0 into 0.0
    return value
