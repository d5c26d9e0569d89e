"""One profile through the straight line: loaded → facts → engine → decision → a ``Section``.

``copadvisor.runner`` drives it over every profile of a run (``copadvisor.parallel`` in worker processes) and
adds the portfolio's section and the verdict.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property

from copadvisor.decide import Policy, decide, judge
from copadvisor.engine import Engine, EngineError, EngineFact, RuleSet, Scalar, make_engine
from copadvisor.errors import Location, Problem
from copadvisor.facts import Fact, Facts, derive
from copadvisor.facts.people import person_ids
from copadvisor.facts.portfolio import kept, portfolio_fact
from copadvisor.facts.stage import StageEvidence
from copadvisor.load import LoadedProfile, LoadFailure
from copadvisor.report import Section, Since, StageInfo, status
from copadvisor.rulepack import Compiled, LoadedRule, builtin_rules_dir, compile_rules, load_rules_leniently
from copadvisor.rulepack.model import Rule
from copadvisor.terms import NATURAL_END, NOT_STARTED, PORTFOLIO
from copadvisor.thresholds import Thresholds

STATUS_SEVERITIES = ("high", "medium")  # with the natural-end rule, what decides a status (report.status)
# The engine of the status history, by the engine asked for. The pure-Python twin gives the same matches (the
# engines' agreement is tested) and, on these few rules and ~50 facts a date, costs a quarter of what
# durable_rules' session set-up, JSON and actions cost; an engine named by the user is used as named.
STATUS_ENGINE = {"auto": "python"}
# A profile's section, and its profile fact for the portfolio rules (None when it could not be evaluated).
Evaluated = tuple[Section, Fact | None]


@dataclass(frozen=True)
class Options:
    as_of: dt.date
    thresholds: Thresholds = field(default_factory=Thresholds)
    policy: Policy = field(default_factory=Policy)
    rule_dirs: tuple[str, ...] = ()  # added to the built-in packs
    engine: str = "auto"
    stage: str | None = None
    fail_on: str = "high"
    since: dt.date | None = None  # also evaluate each profile at this earlier date (report --since)
    history: tuple[dt.date, ...] = ()  # and its status at each of these dates (the sponsors' report)
    # Keep each profile's activity and person ids on its section, for the sponsors' view (`report`); `lint`,
    # `check` and `checklist` leave them out, so that workers send back and the run holds only what is shown.
    activity: bool = True


@dataclass(frozen=True)
class Prepared:
    """Rules loaded, selected and compiled once, with the engine built on them."""

    loaded: tuple[LoadedRule, ...]
    rules: tuple[Rule, ...]  # selected
    compiled: Compiled
    engine: Engine
    problems: tuple[Problem, ...] = ()  # rule packs left out
    # With a status history to draw: only the rules that can decide a status, compiled apart (see ``_history``).
    status: Prepared | None = None

    @cached_property
    def profile_rules(self) -> tuple[Rule, ...]:
        return tuple(r for r in self.rules if r.stages != PORTFOLIO)

    @cached_property
    def portfolio_rules(self) -> tuple[Rule, ...]:
        return tuple(r for r in self.rules if r.stages == PORTFOLIO)


def prepare(options: Options) -> Prepared:
    """Rules loaded and compiled once. A bad rule pack is left out and reported with the results (exit 2);
    ``EngineUnavailable`` when the engine asked for cannot run here."""
    loaded, problems = load_rules_leniently([builtin_rules_dir(), *options.rule_dirs])
    rules = tuple(r.rule for r in loaded if options.policy.selects(r.id))
    compiled = compile_rules(rules, options.thresholds)
    status = _status_rules(loaded, rules, options) if options.history else None
    return Prepared(loaded, rules, compiled, make_engine(compiled.ruleset, options.engine), problems, status)


def _status_rules(loaded: tuple[LoadedRule, ...], rules: tuple[Rule, ...], options: Options) -> Prepared:
    """The rules a status depends on (SPEC §5): the natural-end rule and those whose findings can be of high or
    medium severity. The status history judges eight more dates per profile; these rules alone make it about three
    times cheaper than all of them (`docs/benchmarks.md`), and give the same status."""
    chosen = tuple(r for r in rules if r.stages != PORTFOLIO and (r.id == NATURAL_END or _may_count(r, options)))
    full = compile_rules(chosen, options.thresholds)
    # A status counts findings only: the clauses that hold for lack of data (named `…?`) need not run.
    definition = {name: entry for name, entry in full.ruleset.definition.items() if not name.endswith("?")}
    ruleset = RuleSet(f"{full.ruleset.name}-status", definition)
    compiled = Compiled(ruleset, {name: info for name, info in full.clauses.items() if name in definition})
    return Prepared(loaded, chosen, compiled, make_engine(ruleset, STATUS_ENGINE.get(options.engine, options.engine)))


def _may_count(rule: Rule, options: Options) -> bool:
    """The rule's findings can be of high or medium severity: as the user set it, or else as the rule or one of
    its escalations gives it."""
    chosen = options.policy.severities.get(rule.id)
    severities = [chosen] if chosen else [rule.severity, *(e.severity for e in rule.escalations)]
    return any(s in STATUS_SEVERITIES for s in severities)


def evaluate(result: LoadedProfile | LoadFailure, prepared: Prepared, options: Options) -> Evaluated:
    """One profile's section as of ``options.as_of`` (and what changed since ``options.since``, if given)."""
    if isinstance(result, LoadFailure):
        return Section(result.path, result.slug, result.name, None, errors=result.problems), None
    section, facts = _evaluate_at(result, prepared, options, options.as_of)
    if facts is None:
        return section, None
    if options.since is not None:
        earlier, _ = _evaluate_at(result, prepared, options, options.since)
        section = _with_since(section, earlier)
    if options.history:
        section = replace(section, history=_history(result, prepared, options, facts))
    return section, kept(facts.profile)


def _history(loaded: LoadedProfile, prepared: Prepared, options: Options, facts: Facts) -> tuple[tuple[str, str], ...]:
    """The profile's status as of each date of ``options.history`` (SPEC §5: each quarter's end), from the
    profile already loaded; before its first event, and on a date not before the as-of date, nothing to judge."""
    periods = facts.activity.stages
    first = periods[0].start if periods else None
    out: list[tuple[str, str]] = []
    for day in options.history:
        if first is None or day < first or day >= options.as_of:
            out.append((day.isoformat(), NOT_STARTED))
        else:
            judged = _evaluate_at(loaded, prepared.status or prepared, options, day, history=True)[0]
            out.append((day.isoformat(), status(judged)))
    return tuple(out)


def quarter_ends(as_of: dt.date, count: int = 8) -> tuple[dt.date, ...]:
    """The last ``count`` quarter ends (31 March, 30 June, 30 September, 31 December) before ``as_of``, oldest
    first: two years of quarters by default."""
    ends: list[dt.date] = []
    year, quarter = as_of.year, (as_of.month - 1) // 3  # the quarter before as_of's own
    while len(ends) < count:
        if quarter == 0:
            year, quarter = year - 1, 4
        if year < dt.MINYEAR:
            break
        month = quarter * 3
        end = dt.date(year, 12, 31) if month == 12 else dt.date(year, month + 1, 1) - dt.timedelta(days=1)
        if end < as_of:
            ends.append(end)
        quarter -= 1
    return tuple(reversed(ends))


def _evaluate_at(
    loaded: LoadedProfile, prepared: Prepared, options: Options, as_of: dt.date, history: bool = False
) -> tuple[Section, Facts | None]:
    """The section as of ``as_of``. The activity is drawn by the sponsors' view and the checklist, and read for
    the status history's first date; the ``history``'s own evaluations draw none of it."""
    drawn = (options.activity or bool(options.history)) and not history
    facts = derive(loaded, as_of, options.thresholds, options.stage, with_activity=drawn)
    stage = StageInfo(loaded.profile.stage, facts.evidence.stage, facts.stage, facts.evidence.reason)
    try:
        matches = prepared.engine.evaluate(engine_facts(facts.items))
    except EngineError as exc:
        problem = Problem(Location(loaded.path), f"the rules engine failed on this profile: {exc}")
        return Section(loaded.path, loaded.slug, loaded.profile.name, stage, errors=(problem,)), None
    judged = judge(prepared.profile_rules, prepared.compiled, facts, matches, subject(loaded), options.thresholds)
    decided = decide(judged, loaded.profile.acknowledged_risks, as_of, options.policy)
    section = Section(
        path=loaded.path,
        slug=loaded.slug,
        name=loaded.profile.name,
        stage=stage,
        findings=decided.findings,
        suppressed=decided.suppressed,
        unknowns=decided.unknowns,
        checks=decided.checks,
        later_events=sum(1 for event in loaded.profile.events or () if event.date > as_of),
    )
    if options.activity and not history:
        section = replace(section, activity=facts.activity, person_ids=person_ids(loaded.profile))
    return section, facts


def _with_since(now: Section, then: Section) -> Section:
    """``now`` with the findings new since ``then`` and those ``then`` had that are no longer reported."""
    if then.errors:
        return replace(now, since=Since(known=False))
    before = {f.fingerprint for f in then.findings}
    after = {f.fingerprint for f in now.findings}
    new = tuple(f for f in now.findings if f.fingerprint not in before)
    resolved = tuple(f for f in then.findings if f.fingerprint not in after)
    return replace(now, since=Since(new, resolved))


def evaluate_portfolio(
    profiles: Sequence[Fact], prepared: Prepared, options: Options, where: Location
) -> Section | None:
    """The portfolio rules over the profile facts of every CoP evaluated together (None without such rules)."""
    rules = prepared.portfolio_rules
    if not rules:
        return None
    fact = portfolio_fact(profiles, options.thresholds, where)
    facts = Facts(StageEvidence(PORTFOLIO, "the CoPs evaluated together", None, 0, None), PORTFOLIO, (fact,))
    try:
        matches = prepared.engine.evaluate(engine_facts([fact]))
    except EngineError as exc:  # pragma: no cover - the portfolio fact is small and sanitised
        raise RuntimeError(f"the rules engine failed on the portfolio: {exc}") from exc
    judged = judge(rules, prepared.compiled, facts, matches, PORTFOLIO, options.thresholds)
    decided = decide(judged, None, options.as_of, options.policy)
    return Section(
        path=where.path,
        slug=PORTFOLIO,
        name=f"Portfolio of {len(profiles)} CoP(s)",
        stage=None,
        findings=decided.findings,
        checks=decided.checks,
        kind="portfolio",
        cops=len(profiles),
    )


def subject(loaded: LoadedProfile) -> str:
    """A profile's identity in fingerprints: its slug and its path (as given, with ``/`` separators)."""
    return f"{loaded.slug}|{os.path.normpath(loaded.path).replace(os.sep, '/')}"


def engine_facts(facts: Iterable[Fact]) -> list[EngineFact]:
    """Flat JSON-safe facts: unrecorded values left out (the engines treat absence as unknown), dates as text,
    numbers rounded to 6 decimal places (durable_rules cannot read a float written with an exponent, such as
    1e-07, and no threshold needs that precision)."""
    out: list[EngineFact] = []
    for fact in facts:
        values: dict[str, Scalar] = {"id": fact.id, "kind": fact.kind}
        for name, value in fact.values.items():
            if value is None:
                continue
            # Texts, integers and booleans, most values, go as they are.
            values[name] = value if isinstance(value, str | int) else _engine_value(value)
        out.append(values)
    return out


def _engine_value(value: int | float | str | bool | dt.date) -> int | float | str | bool:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        rounded = round(value, 6)
        if abs(rounded) < 1e-4:  # below 0.0001 Python writes floats with an exponent (1e-05): to 0 or ±0.0001
            rounded = round(rounded, 4)
        return rounded + 0.0  # + 0.0 turns -0.0 into 0.0
    return value
