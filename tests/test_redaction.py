"""Person ids blanked out of sponsor-facing text (``copadvisor.redaction``); the property test against a regular
expression is in ``tests/test_sponsors_anonymity.py``."""

from __future__ import annotations

from copadvisor.errors import Location
from copadvisor.redaction import REDACTED, Redactor


def test_whole_tokens_only_the_longest_id_first() -> None:
    redactor = Redactor(["AB", "AB CD", "X-1", " "])
    assert (
        redactor.redact("AB CD met AB, not ABC or XAB; X-1 too")
        == f"{REDACTED} met {REDACTED}, not ABC or XAB; {REDACTED} too"
    )
    assert Redactor([]).redact("AB") == "AB"


def test_a_location_keeps_its_line_and_column() -> None:
    assert Redactor(["AK"]).location(Location("cops/AK/cop.yaml", 3, 5)) == Location(f"cops/{REDACTED}/cop.yaml", 3, 5)
