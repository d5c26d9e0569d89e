"""The command line: click wiring on top of the library. Nothing in the library imports this package.

``entry`` is the console script: it imports nothing heavy itself, so that Ctrl-C, SIGTERM or SIGHUP while
the rest of the CLI is still being imported ends the run with one line and an exit code, never a traceback
(``copadvisor.cli.signals``: SIGTERM and SIGHUP exit 128 + the signal's number; Ctrl-C exits 2).
"""

from __future__ import annotations

import sys

from copadvisor.cli.signals import Terminated, catch_termination


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
