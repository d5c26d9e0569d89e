"""The entry point (``copadvisor.cli.main``): every failure a plain message and an exit code (2 for what a user
can mend, 3 for a bug, the traceback only with --debug)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from cop_testing import write_profile

from copadvisor import __version__
from copadvisor.cli.main import run

AS_OF = ["--as-of", "2026-01-01"]


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = run(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli(capsys, "--version") == (0, f"copadvisor {__version__}\n", "")


def test_internal_errors_are_one_plain_line(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr("copadvisor.commands.stream", broken)
    folder = write_profile(tmp_path)
    code, out, err = cli(capsys, "check", str(folder))
    assert code == 3
    assert out == ""
    assert err.count("\n") == 1
    assert "internal error" in err
    assert "Traceback" not in err
    code, _, err = cli(capsys, "--debug", "check", str(folder))
    assert code == 3
    assert "Traceback" in err
    assert "RuntimeError: boom" in err


def test_usage_errors_are_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli(capsys, "check", "--format", "nope")[0] == 2
    assert cli(capsys, "check", ".", "--as-of", "2026-13-01")[0] == 2
    assert cli(capsys, "check", ".", "--fail-on", "loud")[0] == 2
    assert cli(capsys, "nonsense")[0] == 2


# What `copadvisor --version` (and each worker process, which re-imports the console script) must not load.
HEAVY = ["durable", "pydantic", "tabulate", "multiprocessing", "yaml", "copadvisor.pipeline", "copadvisor.model"]


def test_the_entry_point_imports_nothing_heavy() -> None:
    """Lazy imports (cold start): the CLI module, its commands and the format registry import only click."""
    code = (
        "import sys; import copadvisor.cli.main; from copadvisor.render import FORMATS; sorted(FORMATS['lint']); "
        f"print(sorted(m for m in sys.modules if m.split('.')[0] in {HEAVY!r}"
        f" or any(m == h or m.startswith(h + '.') for h in {HEAVY!r})))"
    )
    shown = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert shown.stdout == "[]\n"


def test_version_imports_nothing_heavy() -> None:
    code = (
        "import sys; from copadvisor.cli.main import run; code = run(['--version']); "
        f"print(code, sorted(m for m in sys.modules if any(m == h or m.startswith(h + '.') for h in {HEAVY!r})))"
    )
    shown = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert shown.stdout == f"copadvisor {__version__}\n0 []\n"


def test_check_of_one_profile_starts_no_worker_machinery() -> None:
    """multiprocessing (and the subprocess module it brings) is imported only when workers start."""
    profile = Path(__file__).resolve().parents[2] / "profiles" / "aaot-north"
    code = (
        "import sys; from copadvisor.cli.main import run; "
        f"code = run(['check', '--as-of', '2026-11-01', {str(profile)!r}]); "
        "print(code, 'multiprocessing' in sys.modules, 'subprocess' in sys.modules)"
    )
    shown = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert shown.stdout.splitlines()[-1] == "1 False False"


def test_a_command_imports_what_it_runs() -> None:
    """The lazy `report` group is found by name, and the registry imports a format on first use."""
    code = (
        "import sys; from copadvisor.cli.commands import cli; from copadvisor.render import FORMATS; "
        "print(cli.list_commands(None)); FORMATS['lint']['sarif']; "
        "print('copadvisor.render.sarif' in sys.modules, 'copadvisor.render.junit' in sys.modules)"
    )
    shown = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert shown.stdout == "['check', 'checklist', 'import', 'init', 'lint', 'report', 'rules', 'schema']\nTrue False\n"


def test_the_schema_names_are_the_schemas() -> None:
    from copadvisor.cli.commands import SCHEMA_NAMES
    from copadvisor.schema import SCHEMAS

    assert tuple(SCHEMAS) == SCHEMA_NAMES
