"""The records between the steps (``copadvisor.report``): the verdict, a section's status, the order of findings."""

from __future__ import annotations

import datetime as dt

import pytest

from copadvisor.errors import Location
from copadvisor.report import Finding, Section, StageInfo, status

D = dt.date.fromisoformat


def finding(rule: str, severity: str, fingerprint: str = "", message: str = "m") -> Finding:
    return Finding(rule, f"title of {rule}", severity, "coalescing", message, f"do {rule}", Location("p"), fingerprint)


@pytest.mark.parametrize(
    ("severities", "expected"),
    [((), "green"), (("info", "low"), "green"), (("low", "medium"), "amber"), (("medium", "high", "info"), "red")],
)
def test_status_is_red_amber_or_green(severities: tuple[str, ...], expected: str) -> None:
    found = tuple(finding(f"r{i}", s) for i, s in enumerate(severities))
    assert status(Section("p", "s", "n", StageInfo(None, "potential", "potential", "e"), findings=found)) == expected
