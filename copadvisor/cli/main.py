"""Entry point: parse, dispatch, and turn every failure into a plain message and an exit code."""

from __future__ import annotations

import sys
import traceback
from collections.abc import Sequence

import click

from copadvisor import __version__
from copadvisor.cli.commands import cli
from copadvisor.engine import EngineUnavailable
from copadvisor.errors import InputError, UsageError

EXIT_INTERNAL = 3
EXIT_USAGE = 2


def main(argv: Sequence[str] | None = None) -> None:
    """Run the CLI and exit with its code; only ``--debug`` ever shows a traceback."""
    args = list(sys.argv[1:] if argv is None else argv)
    sys.exit(run(args))


def run(args: list[str]) -> int:
    try:
        code = cli.main(args=args, prog_name="copadvisor", standalone_mode=False)
    except click.exceptions.Exit as exc:
        return exc.exit_code
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        return EXIT_USAGE
    except click.ClickException as exc:
        exc.show()
        return EXIT_USAGE
    except UsageError as exc:
        click.echo(f"Error: {exc}", err=True)
        return EXIT_USAGE
    except EngineUnavailable as exc:
        click.echo(f"copadvisor: {exc}", err=True)
        return EXIT_USAGE
    except InputError as exc:
        for problem in exc.problems:
            click.echo(str(problem), err=True)
        return EXIT_USAGE
    except BrokenPipeError:
        return 0  # `copadvisor … | head` is normal use
    except Exception:  # the one place where a bug becomes a plain message
        if "--debug" in args:
            traceback.print_exc()
        click.echo(
            f"copadvisor {__version__}: internal error (a bug). Please report it with the command you ran; "
            "run again with --debug for the details.",
            err=True,
        )
        return EXIT_INTERNAL
    return code if isinstance(code, int) else 0
