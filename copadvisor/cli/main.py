"""Entry point: parse, dispatch, and turn every failure into a plain message and an exit code."""

from __future__ import annotations

import io
import os
import sys
import traceback
from collections.abc import Sequence

import click

from copadvisor import __version__
from copadvisor.cli.commands import cli
from copadvisor.cli.output import say
from copadvisor.cli.signals import Terminated, catch_termination
from copadvisor.errors import InputError, UsageError

EXIT_INTERNAL = 3
EXIT_USAGE = 2


def main(argv: Sequence[str] | None = None) -> None:
    """Run the CLI and exit with its code; only ``--debug`` ever shows a traceback."""
    args = list(sys.argv[1:] if argv is None else argv)
    catch_termination()
    _tolerant_streams()
    sys.exit(run(args))


def _tolerant_streams() -> None:
    """A console that cannot encode a character shows an escape instead of failing (cp1252, LC_ALL=C)."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")


def run(args: list[str]) -> int:
    try:
        code = cli.main(args=args, prog_name="copadvisor", standalone_mode=False)
    except click.exceptions.Exit as exc:
        return exc.exit_code
    except (click.exceptions.Abort, KeyboardInterrupt) as exc:
        cause = exc if isinstance(exc, Terminated) else exc.__cause__  # click wraps an interrupt in Abort
        if isinstance(cause, Terminated):
            say(f"Terminated ({cause.name}).")
            return cause.exit_code
        say("Aborted.")
        return EXIT_USAGE
    except click.ClickException as exc:
        _show(exc)
        return EXIT_USAGE
    except UsageError as exc:
        say(f"Error: {exc}")
        return EXIT_USAGE
    except InputError as exc:
        for problem in exc.problems:
            say(str(problem))
        return EXIT_USAGE
    except BrokenPipeError:
        _quiet_stdout()
        return 0  # `copadvisor … | head` is normal use
    except Exception as exc:  # the one place where a bug becomes a plain message
        if _engine_unavailable(exc):
            say(f"copadvisor: {exc}")
            return EXIT_USAGE
        if "--debug" in args:
            traceback.print_exc()
        say(
            f"copadvisor {__version__}: internal error (a bug). Please report it with the command you ran; "
            "run again with --debug for the details."
        )
        return EXIT_INTERNAL
    return code if isinstance(code, int) else 0


def _engine_unavailable(exc: Exception) -> bool:
    """``copadvisor.engine.EngineUnavailable``, without importing the engines to ask (only they raise it)."""
    engine = sys.modules.get("copadvisor.engine")
    return engine is not None and isinstance(exc, engine.EngineUnavailable)


def _show(exc: click.ClickException) -> None:
    """click's message, as ``exc.show()`` words it, each line neutralised (it may echo an argument)."""
    buffer = io.StringIO()
    exc.show(file=buffer)
    for line in buffer.getvalue().rstrip("\n").split("\n"):
        say(line)


def _quiet_stdout() -> None:
    """After a broken pipe, the interpreter's last flush of stdout must not print a second error."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass
