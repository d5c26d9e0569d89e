"""SIGTERM and SIGHUP (what ``timeout``, CI cancellation and ``docker stop`` send) raised in the main thread as
``Terminated``, so that the run unwinds as it does on Ctrl-C: every ``finally`` runs, and a report being
written leaves no temporary file behind. The exit code is 128 + the signal's number, as a shell reports it."""

from __future__ import annotations

import signal
from types import FrameType  # loaded already (by enum): unlike typing, it costs the start nothing

SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name))


class Terminated(KeyboardInterrupt):
    """SIGTERM or SIGHUP received: unwind (every ``finally`` runs), then exit ``128 + signum``."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum

    @property
    def name(self) -> str:
        return signal.Signals(self.signum).name

    @property
    def exit_code(self) -> int:
        return 128 + self.signum


def _terminated(signum: int, frame: FrameType | None) -> None:
    raise Terminated(signum)


def catch_termination() -> None:
    """SIGTERM and SIGHUP raise ``Terminated`` in the main thread (a signal already ignored stays ignored)."""
    for number in SIGNALS:
        try:
            if signal.getsignal(number) is not signal.SIG_IGN:
                signal.signal(number, _terminated)
        except (OSError, ValueError):  # not the main thread, or not a signal of this system
            pass
