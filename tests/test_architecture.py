"""The shape of the code: no import circle, no module over 400 lines, the architecture diagram up to date."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
MAX_LINES = 400


def architecture() -> object:
    spec = importlib.util.spec_from_file_location("architecture", ROOT / "tools" / "architecture.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["architecture"] = module
    spec.loader.exec_module(module)
    return module


def test_no_module_is_longer_than_400_lines() -> None:
    long = {
        str(path.relative_to(ROOT)): n
        for path in (ROOT / "copadvisor").rglob("*.py")
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}


def test_there_is_no_import_cycle_and_the_diagram_is_current(capsys: pytest.CaptureFixture[str]) -> None:
    tool = architecture()
    code = tool.main(["--check"])  # type: ignore[attr-defined]
    assert (code, capsys.readouterr().out) == (0, "up to date, no cycle\n")


def test_the_cycle_finder_finds_a_cycle() -> None:
    tool = architecture()

    class Graph:
        modules = frozenset({"a", "b", "c"})

        def find_modules_directly_imported_by(self, module: str) -> set[str]:
            return {"a": {"b"}, "b": {"a", "c"}, "c": set()}[module]

    assert tool.cycles(Graph()) == [["a", "b"]]  # type: ignore[attr-defined]


def test_the_reduction_keeps_the_spine() -> None:
    tool = architecture()
    assert tool.reduced({("cli", "run"), ("run", "load"), ("cli", "load")}) == {  # type: ignore[attr-defined]
        ("cli", "run"),
        ("run", "load"),
    }
