"""The engine's face: choosing an engine and asking whether a clause fits every engine available here."""

from __future__ import annotations

import io
from typing import Any

import pytest

from copadvisor.engine import (
    ENGINES,
    EngineUnavailable,
    RuleSet,
    available_engines,
    capacity_problem,
    durable,
    make_engine,
)


def rules(**clauses: Any) -> RuleSet:
    definition = {name: {"all": [{"m": expr}]} for name, expr in clauses.items()}
    return RuleSet("face-test-" + repr(sorted(definition.items())), definition)


def test_make_engine_python() -> None:
    assert make_engine(rules(c={"kind": "k"}), "python").name == "python"


def test_make_engine_auto_takes_the_first_available() -> None:
    assert make_engine(rules(c={"kind": "k"})).name == available_engines()[0]


def test_make_engine_unknown_name() -> None:
    with pytest.raises(EngineUnavailable, match="unknown engine 'drools'"):
        make_engine(rules(c={"kind": "k"}), "drools")
    assert issubclass(EngineUnavailable, ValueError)


def test_without_durable_auto_falls_back_to_python(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(durable, "AVAILABLE", False)
    assert available_engines() == ("python",)
    assert make_engine(rules(c={"kind": "k"})).name == "python"
    with pytest.raises(EngineUnavailable, match=r"^durable_rules is not installed: it is the optional `durable`"):
        make_engine(rules(c={"kind": "k"}), "durable")


EXTRA = "pip install 'copadvisor[durable]'"


def test_why_durable_rules_cannot_run_names_the_real_cause() -> None:
    missing = ModuleNotFoundError("No module named 'durable'", name="durable")
    assert durable.unavailable_reason(missing, (3, 11, 7)) == (
        f"durable_rules is not installed: it is the optional `durable` extra ({EXTRA}, which needs a C compiler);"
        " --engine python (or auto) gives the same results"
    )
    assert durable.unavailable_reason(missing, (3, 13, 1)) == (
        "durable_rules does not run on Python 3.13 or newer (this is 3.13): --engine python (or auto) gives the"
        " same results"
    )
    broken = ImportError("libfoo.so: cannot open shared object file")
    assert durable.unavailable_reason(broken, (3, 12, 0)) == (
        "durable_rules is installed but does not import (libfoo.so: cannot open shared object file): reinstall"
        f" it with {EXTRA}; --engine python (or auto) gives the same results"
    )


def test_engine_durable_without_the_extra_is_a_usage_error_naming_the_extra(
    tmp_path: Any, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from cop_testing import SHORT, write_profile

    from copadvisor.cli.main import run

    monkeypatch.setattr(durable, "AVAILABLE", False)
    monkeypatch.setattr(durable, "_IMPORT_ERROR", ModuleNotFoundError("No module named 'durable'", name="durable"))
    monkeypatch.setattr(durable.sys, "version_info", (3, 11, 7))
    folder = write_profile(tmp_path, SHORT)
    assert run(["check", str(folder), "--as-of", "2026-01-01", "--engine", "durable", "--jobs", "1"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == (
        f"copadvisor: durable_rules is not installed: it is the optional `durable` extra ({EXTRA}, which needs a C"
        " compiler); --engine python (or auto) gives the same results\n"
    )


# --- capacity_problem ---------------------------------------------------------------------------------

NORMAL = {"$and": [{"kind": "meeting"}, {"$or": [{"$gte": {"size": 3}}, {"$nex": {"size": 1}}]}]}
# 20 three-way $or under one $and: past durable_rules' 15 $and/$or, and too many alternatives to split.
TOO_LARGE = {"$and": [{"kind": "meeting"}, *({"$or": [{"a": i}, {"b": i}, {"c": i}]} for i in range(20))]}
OUTSIDE_THE_DIALECT = {"$and": [{"kind": "meeting"}, {"$in": {"size": 3}}]}


@pytest.fixture(params=ENGINES)
def first_engine(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Each interpreter this can run in: with durable_rules importing (where it does here), and without."""
    if request.param == "durable" and not durable.AVAILABLE:
        pytest.skip("durable_rules does not import here")
    monkeypatch.setattr(durable, "AVAILABLE", request.param == "durable")
    return str(request.param)


def test_capacity_problem_accepts_a_normal_clause(first_engine: str) -> None:
    assert available_engines()[0] == first_engine
    assert capacity_problem("c", NORMAL) is None
    for which in available_engines():
        assert make_engine(rules(c=NORMAL), which).evaluate([{"id": 1, "kind": "meeting"}]) == [("c", 1)]


def test_capacity_problem_refuses_a_clause_too_large_for_durable(first_engine: str) -> None:
    problem = capacity_problem("c", TOO_LARGE)
    if first_engine == "durable":
        assert problem == "clause 'c': more than 15 $and/$or, too many to split for durable_rules"
        with pytest.raises(EngineUnavailable, match="too many to split"):
            make_engine(rules(c=TOO_LARGE), "durable")
    else:  # only the python engine runs here, and it holds any clause of the dialect
        assert problem is None
    assert make_engine(rules(c=TOO_LARGE), "python").evaluate([{"id": 1, "kind": "meeting", "a": 1}]) == []


def test_capacity_problem_refuses_what_no_engine_reads(first_engine: str) -> None:
    problem = capacity_problem("c", OUTSIDE_THE_DIALECT)
    assert problem == "clause 'c': field name '$in' must be non-empty, without a leading '$' or a '.'"


NOTE = (
    "copadvisor: the pure-Python engine ran (same results): durable_rules is an optional extra;"
    ' engine = "python" in the config silences this note'
)


def test_a_note_only_when_auto_falls_back_where_durable_rules_could_run(monkeypatch: pytest.MonkeyPatch) -> None:
    from copadvisor import engine

    monkeypatch.setattr(engine.durable, "AVAILABLE", False)
    monkeypatch.setattr(engine.sys, "version_info", (3, 11, 7))
    assert engine.fallback_note("auto") == NOTE
    assert engine.fallback_note("python") is None  # asked for
    monkeypatch.setattr(engine.sys, "version_info", (3, 13, 0))
    assert engine.fallback_note("auto") is None  # durable_rules cannot run here: the pure-Python engine is the one
    monkeypatch.setattr(engine.durable, "AVAILABLE", True)
    monkeypatch.setattr(engine.sys, "version_info", (3, 11, 7))
    assert engine.fallback_note("auto") is None


class Stderr(io.StringIO):
    def __init__(self, tty: bool) -> None:
        super().__init__()
        self.tty = tty

    def isatty(self) -> bool:
        return self.tty


def check_json(folder: Any, *more: str) -> list[str]:
    return ["check", str(folder), "--as-of", "2026-01-01", "--fail-on", "none", "--format", "json", *more]


def test_the_note_is_one_line_on_a_terminal_and_the_run_goes_on(
    tmp_path: Any, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from cop_testing import SHORT, write_profile

    from copadvisor import engine
    from copadvisor.cli import output
    from copadvisor.cli.main import run

    monkeypatch.setattr(engine.durable, "AVAILABLE", False)
    monkeypatch.setattr(engine.sys, "version_info", (3, 12, 1))
    monkeypatch.delenv("CI", raising=False)
    folder = write_profile(tmp_path, SHORT)
    terminal = Stderr(tty=True)
    monkeypatch.setattr(output.sys, "stderr", terminal)
    assert run(check_json(folder)) == 0
    assert terminal.getvalue() == NOTE + "\n"
    assert '"engine": "python"' in capsys.readouterr().out
    terminal = Stderr(tty=True)
    monkeypatch.setattr(output.sys, "stderr", terminal)
    assert run(check_json(folder, "--engine", "python")) == 0
    assert terminal.getvalue() == ""  # asked for: nothing to say


@pytest.mark.parametrize(
    ("command", "ci", "tty"),
    [
        (["check"], "", False),  # a pipe or a log
        (["check"], "true", True),  # CI, even on a terminal
        (["lint", "-q"], "", True),  # quiet means the summary line only
        (["lint", "--quiet"], "", True),
        (["checklist"], "true", True),
        (["report"], "", False),
    ],
)
def test_no_note_in_ci_in_a_pipe_or_under_quiet(
    command: list[str], ci: str, tty: bool, tmp_path: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cop_testing import SHORT, write_profile

    from copadvisor import engine
    from copadvisor.cli import output
    from copadvisor.cli.main import run

    monkeypatch.setattr(engine.durable, "AVAILABLE", False)
    monkeypatch.setattr(engine.sys, "version_info", (3, 11, 7))
    monkeypatch.setenv("CI", ci)
    folder = write_profile(tmp_path, SHORT)
    stderr = Stderr(tty=tty)
    monkeypatch.setattr(output.sys, "stderr", stderr)
    run([*command, str(folder), "--as-of", "2026-01-01", "--fail-on", "none"])
    assert stderr.getvalue() == ""
