"""Process-wide state (``copadvisor.runtime``): the collector tuned for a batch and restored, equal checks shared."""

from __future__ import annotations

import gc

import pytest

from copadvisor import runtime
from copadvisor.report import Check, Section
from copadvisor.runtime import GC_THRESHOLD, batch_gc, tune_worker_gc, with_shared_checks


def test_the_collector_is_restored_after_a_batch() -> None:
    thresholds = gc.get_threshold()
    with batch_gc():
        assert gc.get_threshold()[0] >= 20_000
        assert gc.get_freeze_count() > 0
    assert gc.get_threshold() == thresholds
    assert gc.get_freeze_count() == 0


def test_a_worker_keeps_its_imports_out_of_the_collector() -> None:
    thresholds = gc.get_threshold()
    try:
        tune_worker_gc()
        assert gc.get_threshold() == (GC_THRESHOLD, *thresholds[1:])
        assert gc.get_freeze_count() > 0
    finally:
        gc.set_threshold(*thresholds)
        gc.unfreeze()


def check(rule: str, outcome: str = "pass") -> Check:
    return Check(rule, rule, "low", outcome, "n")


def test_equal_checks_are_shared_between_sections_and_nothing_else_changes() -> None:
    first = Section("a", "a", None, None, checks=(check("r.one"), check("r.two", "fail")))
    second = Section("b", "b", None, None, checks=(check("r.one"), check("r.two")))
    kept_first, kept_second = with_shared_checks(first), with_shared_checks(second)
    assert kept_first == first
    assert kept_second == second
    assert kept_second.checks[0] is kept_first.checks[0]  # the same object: kept once
    assert kept_second.checks[1] is not kept_first.checks[1]  # a different outcome is a different check


def test_the_shared_checks_are_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(runtime, "MAX_SHARED_CHECKS", 2)
    monkeypatch.setattr(runtime, "_checks", {})
    for i in range(5):
        with_shared_checks(Section("p", "p", None, None, checks=(check(f"r.n{i}"),)))
        assert len(runtime._checks) <= 3
