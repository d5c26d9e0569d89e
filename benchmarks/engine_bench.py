"""Facts per second of each engine on synthetic profiles (not a test).

python benchmarks/engine_bench.py [--profiles 1000] [--facts 50] [--clauses 40] [--seed 7]
"""

from __future__ import annotations

import argparse
import random
import time
from collections.abc import Sequence
from typing import Any

from copadvisor.engine import EngineFact, RuleSet, available_engines, make_engine

KINDS = ("meeting", "member", "role", "event", "sponsor", "stage", "value", "profile")
NUMBERS = ("size", "days", "count")
TEXTS = ("status", "label")
BOOLS = ("active",)
STATUSES = ("draft", "open", "closed", "paused")


def synthetic_rules(clauses: int, rng: random.Random) -> RuleSet:
    """`clauses` single-fact rules shaped like the compiler's: kind first, then one to three tests."""
    definition = {}
    for number in range(clauses):
        tests = [_test(rng) for _ in range(rng.randint(1, 3))]
        if rng.random() < 0.2:
            tests = [{"$or": tests}]
        expr = {"$and": [{"kind": KINDS[number % len(KINDS)]}, *tests]}
        definition[f"rule-{number:03}"] = {"all": [{"m": expr}]}
    return RuleSet(f"bench-{clauses}-{rng.random()}", definition)


def _test(rng: random.Random) -> dict[str, Any]:
    choice = rng.random()
    if choice < 0.5:
        operator = rng.choice(("$lt", "$lte", "$gt", "$gte", "$neq"))
        return {operator: {rng.choice(NUMBERS): rng.randint(0, 30)}}
    if choice < 0.7:
        return {rng.choice(TEXTS[:1]): rng.choice(STATUSES)}
    if choice < 0.85:
        return {"active": rng.random() < 0.5}
    return {rng.choice(("$ex", "$nex")): {rng.choice((*NUMBERS, *TEXTS)): 1}}


def synthetic_profiles(profiles: int, facts: int, rng: random.Random) -> list[list[EngineFact]]:
    return [[_fact(fact_id, rng) for fact_id in range(1, facts + 1)] for _ in range(profiles)]


def _fact(fact_id: int, rng: random.Random) -> EngineFact:
    fact: dict[str, Any] = {"id": fact_id, "kind": rng.choice(KINDS), "active": rng.random() < 0.5}
    for name in NUMBERS:
        if rng.random() < 0.8:
            fact[name] = rng.randint(0, 30)
    fact["status"] = rng.choice(STATUSES)
    if rng.random() < 0.5:
        fact["label"] = rng.choice(("core", "guest", "lead"))
    return fact


def measure(which: str, rules: RuleSet, profiles: Sequence[Sequence[EngineFact]]) -> tuple[float, float, int]:
    """(seconds to build, seconds to evaluate every profile, matches found)."""
    started = time.perf_counter()
    engine = make_engine(rules, which)
    built = time.perf_counter()
    found = sum(len(engine.evaluate(facts)) for facts in profiles)
    return built - started, time.perf_counter() - built, found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--profiles", type=int, default=1000)
    parser.add_argument("--facts", type=int, default=50)
    parser.add_argument("--clauses", type=int, default=40)
    parser.add_argument("--seed", type=int, default=7)
    options = parser.parse_args()
    rng = random.Random(options.seed)
    rules = synthetic_rules(options.clauses, rng)
    profiles = synthetic_profiles(options.profiles, options.facts, rng)
    total = options.profiles * options.facts
    print(f"{options.profiles} profiles x {options.facts} facts, {options.clauses} clauses")
    print(f"{'engine':<8} {'build s':>8} {'run s':>8} {'facts/s':>10} {'matches':>8}")
    for which in available_engines():
        built, ran, found = measure(which, rules, profiles)
        print(f"{which:<8} {built:>8.3f} {ran:>8.2f} {total / ran:>10,.0f} {found:>8}")


if __name__ == "__main__":
    main()
