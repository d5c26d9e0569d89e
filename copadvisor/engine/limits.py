"""Every measured limit of durable_rules 2.0.28 that the engines design against, in one place.

durable_rules is pinned (2.0.28, its last release, from 2020) and unmaintained, so these numbers will not
move. The dialect (`dialect.py`) refuses what either engine would read differently; the durable adapter
(`durable/`) splits rules to stay within the rest. Nothing else defines these numbers.
"""

from __future__ import annotations

from collections.abc import Mapping

# --- facts and values ---------------------------------------------------------------------------------

# durable_rules keeps at most 254 properties per fact; the durable adapter adds "sid" to each fact.
MAX_FACT_FIELDS = 253
# durable_rules compares strings with a 16-bit length: longer texts compare as their truncated prefix.
MAX_TEXT_BYTES = 65_535
# durable_rules reads integers as C int64: beyond this range they saturate silently.
INT64_MIN, INT64_MAX = -(2**63), 2**63 - 1

# --- field names --------------------------------------------------------------------------------------

# The session id durable_rules joins facts within; the adapter sets it on every fact it asserts.
SESSION_FIELD = "sid"
# durable_rules uses "sid" (session) and "id" (fact identity) itself; clauses on them loop or mislead.
RESERVED_FIELDS = frozenset({"id", SESSION_FIELD})
# The sentinel fact's one field: `delete_state` segfaults on a sid where no action ran, so a sentinel
# clause on this field fires before every deletion. The capacity model counts that clause too.
SENTINEL_FIELD = "copadvisor_sentinel"

# --- rulesets -----------------------------------------------------------------------------------------

# durable_rules walks matching conditions with a 64-entry stack ("error 303", findings lost): stay below it
# with a margin for what the network model may not see.
STACK_BUDGET = 56
# Well below the 255 clauses one condition may lead to and the 511 children a condition may have (at 512
# durable_rules hangs while creating the ruleset).
MAX_CLAUSES_PER_RULESET = 200
# Each $and/$or takes two of the 32 expression slots durable_rules gives a clause.
MAX_CONNECTIVES = 15
# Splitting a clause into alternatives can grow exponentially: past this many parts the adapter gives up.
MAX_PARTS = 64

# --- running ------------------------------------------------------------------------------------------

# durable_rules drops, unreported, the actions of a fact once one has run for longer than this (seconds).
ACTION_SECONDS = 10
# What the numeric codes in durable_rules' C errors mean, as measured.
ERROR_CODES: Mapping[int, str] = {
    202: "a value durable_rules cannot parse",
    204: "a value durable_rules cannot parse",
    302: "a fact with more fields than durable_rules holds",
    303: "a fact matching more conditions at once than durable_rules can follow",
}
