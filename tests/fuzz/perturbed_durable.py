"""The durable_rules adapter fuzzed against the pure-Python engine; run by test_durable_perturbed.py in a
process started with MALLOC_PERTURB_=165, where durable_rules' use of uninitialised memory crashes.

    MALLOC_PERTURB_=165 python tests/fuzz/perturbed_durable.py [EXAMPLES]

Two properties, each over EXAMPLES generated inputs: whole profiles give the same report with either engine;
random facts (tricky texts and numbers, unmatched kinds, empty lists, many fields) against generated rules
give the same matches, or the same refusal. Exits 0 when both hold; a crash is a signal exit.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/: the shared strategies

from strategies import AS_OF, cop_profiles, load

from copadvisor.engine import EngineError, RuleSet, make_engine
from copadvisor.engine.dialect import scalar_problem
from copadvisor.pipeline import Options, evaluate, prepare

OPTIONS = Options(as_of=AS_OF)
PREPARED = {engine: prepare(Options(as_of=AS_OF, engine=engine)) for engine in ("durable", "python")}
KINDS = ["meeting", "member", "sponsor", "profile", "nothing-matches-this"]
TEXTS = ["", "a", "a b", 'a"', "a\\", "a\n", "é", "😀", "10", "true", "x" * 300]
NUMBERS = [0, 1, -1, 0.5, -0.0, 2**53 + 1, 2**63 - 1, -(2**63), True, False]


numbers = (
    st.sampled_from(NUMBERS)
    | st.integers(-(2**63), 2**63 - 1)
    | st.floats(allow_nan=False, allow_infinity=False).filter(lambda v: scalar_problem(v) is None)
)
texts = st.sampled_from(TEXTS) | st.text(max_size=6)
# Each field holds one family of values, as the rule compiler guarantees (the engines differ across them).
FAMILIES = {"n": numbers, "m": numbers, "t": texts, "b": st.booleans()}


@st.composite
def leaf(draw: st.DrawFn) -> dict[str, Any]:
    field = draw(st.sampled_from(sorted(FAMILIES)))
    operator = draw(st.sampled_from(["$eq", "$neq", "$lt", "$lte", "$gt", "$gte", "$ex", "$nex"]))
    if operator in ("$ex", "$nex"):
        return {operator: {field: 1}}
    value = draw(FAMILIES[field])
    return {field: value} if operator == "$eq" else {operator: {field: value}}


expressions = st.recursive(
    leaf(),
    lambda inner: st.builds(
        lambda op, items: {op: items}, st.sampled_from(["$and", "$or"]), st.lists(inner, min_size=1, max_size=3)
    ),
    max_leaves=8,
)
rule_sets = st.dictionaries(
    st.from_regex(r"c[0-9]{1,3}", fullmatch=True),
    st.builds(
        lambda kind, expr: {"$and": [{"kind": kind}, expr]} if kind else expr,
        st.sampled_from([*KINDS[:3], None]),
        expressions,
    ),
    min_size=1,
    max_size=12,
)
facts = st.lists(
    st.fixed_dictionaries({"kind": st.sampled_from(KINDS)}, optional=FAMILIES),
    max_size=12,
).map(lambda items: [{"id": number, **item} for number, item in enumerate(items, start=1)])
SEEN: dict[str, int] = {}


def outcome(definition: dict[str, Any], name: str, engine: str, given_facts: list[dict[str, Any]]) -> Any:
    try:
        compiled = RuleSet(name, {clause: {"all": [{"m": expr}]} for clause, expr in definition.items()})
        return make_engine(compiled, engine).evaluate(given_facts)
    except EngineError as error:
        return ("refused", type(error).__name__)


def main(examples: int) -> int:
    common = settings(
        max_examples=examples,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
    )

    @common
    @given(cop_profiles)
    def profiles_agree(data: dict[str, Any]) -> None:
        loaded = load(data)
        assert evaluate(loaded, PREPARED["durable"], OPTIONS) == evaluate(loaded, PREPARED["python"], OPTIONS)

    @common
    @given(rule_sets, facts)
    def facts_agree(definition: dict[str, Any], given_facts: list[dict[str, Any]]) -> None:
        # A name per definition: durable_rules' rulesets are compiled once per name and process.
        name = f"fuzz-{SEEN.setdefault(repr(sorted(definition.items(), key=str)), len(SEEN))}"
        try:
            durable = outcome(definition, name, "durable", given_facts)
        except Exception as error:  # rules durable_rules cannot hold: the python engine takes them
            if type(error).__name__ != "EngineUnavailable":
                raise
            return
        assert durable == outcome(definition, name, "python", given_facts), (definition, given_facts)

    profiles_agree()
    facts_agree()
    print(f"ok: {examples} profiles and {examples} rule sets with facts, both engines agree")
    return 0


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 1000))
