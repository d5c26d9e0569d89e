"""The command line: click wiring on top of the library. Nothing in the library imports this package.

``entry`` is the console script: it imports nothing heavy itself, so that Ctrl-C, SIGTERM or SIGHUP while
the rest of the CLI is still being imported ends the run with one line and an exit code, never a traceback.
SIGTERM and SIGHUP (what ``timeout``, CI cancellation and ``docker stop`` send) are raised in the main thread
as ``Terminated``, so that the run unwinds as it does on Ctrl-C: a report being written leaves no temporary
file behind. The exit code is 128 + the signal's number, as a shell reports it; Ctrl-C exits 2.
"""

from __future__ import annotations

import signal
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from types import FrameType

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


def entry() -> None:
    """The ``copadvisor`` command: the CLI imported and run, an interrupt at any moment one line of stderr."""
    try:
        catch_termination()
        from copadvisor.cli.main import main

        main()
    except KeyboardInterrupt as exc:  # only before main's own handler is in place: it exits itself
        code = exc.exit_code if isinstance(exc, Terminated) else 2
        try:
            sys.stderr.write("Terminated.\n" if isinstance(exc, Terminated) else "Aborted.\n")
            sys.stderr.flush()
        except (OSError, ValueError, AttributeError):
            pass
        sys.exit(code)
