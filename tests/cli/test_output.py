"""Where the CLI's text goes (``copadvisor.cli.output``): never over a YAML file, two outputs never one file."""

from __future__ import annotations

from pathlib import Path

import pytest

from copadvisor.cli.output import distinct_outputs, emit, is_yaml
from copadvisor.errors import UsageError


@pytest.mark.parametrize(
    ("name", "yaml"), [("a.yaml", True), ("A.YML", True), ("a.yaml.txt", False), ("r.html", False)]
)
def test_yaml_names_in_any_case(name: str, yaml: bool) -> None:
    assert is_yaml(name) is yaml


def test_a_report_is_never_written_over_a_yaml_file(tmp_path: Path) -> None:
    target = tmp_path / "cop.YAML"
    target.write_text("copadvisor: 1\n")
    with pytest.raises(UsageError, match="will not write a report over a YAML file"):
        emit("report", str(target))
    assert target.read_text() == "copadvisor: 1\n"
    emit("report", str(tmp_path / "r.txt"))
    assert (tmp_path / "r.txt").read_text() == "report"


def test_two_outputs_are_two_files(tmp_path: Path) -> None:
    distinct_outputs(str(tmp_path / "a.html"), None, str(tmp_path / "b.md"))
    with pytest.raises(UsageError, match="given for two outputs"):
        distinct_outputs(str(tmp_path / "r.html"), str(tmp_path / "." / "r.html"))
