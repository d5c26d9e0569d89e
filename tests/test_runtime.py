"""Process-wide state (``copadvisor.runtime``): the collector tuned for a batch and restored, equal checks shared."""

from __future__ import annotations

import gc

from copadvisor.runtime import batch_gc


def test_the_collector_is_restored_after_a_batch() -> None:
    thresholds = gc.get_threshold()
    with batch_gc():
        assert gc.get_threshold()[0] >= 20_000
        assert gc.get_freeze_count() > 0
    assert gc.get_threshold() == thresholds
    assert gc.get_freeze_count() == 0
