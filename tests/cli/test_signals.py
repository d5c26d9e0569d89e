"""SIGTERM and SIGHUP as an exception (``copadvisor.cli.signals``); the run they interrupt is tested in
tests/hardening/test_red_team3.py."""

from __future__ import annotations

import signal
from collections.abc import Iterator

import pytest

from copadvisor.cli.signals import SIGNALS, Terminated, catch_termination

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGHUP"), reason="SIGHUP needs POSIX")


@pytest.fixture(autouse=True)
def handlers() -> Iterator[None]:
    saved = {number: signal.getsignal(number) for number in SIGNALS}
    yield
    for number, handler in saved.items():
        signal.signal(number, handler)


@pytest.mark.parametrize(("name", "code"), [("SIGTERM", 143), ("SIGHUP", 129)])
def test_a_termination_is_raised_as_an_interrupt_with_the_shells_exit_code(name: str, code: int) -> None:
    catch_termination()
    number = getattr(signal, name)
    with pytest.raises(Terminated) as raised:
        signal.raise_signal(number)  # its handler runs before the call returns
    assert (isinstance(raised.value, KeyboardInterrupt), raised.value.name, raised.value.exit_code) == (
        True,
        name,
        code,
    )


def test_a_signal_already_ignored_stays_ignored() -> None:
    signal.signal(signal.SIGHUP, signal.SIG_IGN)  # `nohup copadvisor …`
    catch_termination()
    assert signal.getsignal(signal.SIGHUP) is signal.SIG_IGN
    assert signal.getsignal(signal.SIGTERM) is not signal.SIG_DFL
