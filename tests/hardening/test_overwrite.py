"""Class 1 of issue 12: an input is never overwritten. `--output` and `--html` refuse any target that is an input
of the run once links are resolved (same device and inode): profiles, event logs, the config, the
`pyproject.toml` holding it, rule packs. Writes go through a temporary file renamed into place."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from copadvisor.errors import InputError
from copadvisor.files import write_file

from .support import AS_OF, PACK, cli, example


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    example(tmp_path)
    return tmp_path


INPUT = "{}:1:1: is an input of this run: will not write the output over it"
YAML = "Error: {}: will not write a report over a YAML file (it could be a profile)"


def refused(capsys: pytest.CaptureFixture[str], target: str, *args: str, why: str = INPUT) -> str:
    code, _, err = cli(capsys, *args)
    assert code == 2, err
    assert why.format(target) in err.splitlines()
    return err


def test_a_symbolic_link_to_the_profile(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = (here / "p" / "cop.yaml").read_bytes()
    os.symlink("p/cop.yaml", "out.txt")  # the red-team's reproduction
    refused(capsys, "out.txt", "check", "p", "--as-of", AS_OF, "--output", "out.txt", why=YAML)
    assert (here / "p" / "cop.yaml").read_bytes() == before
    assert os.path.islink("out.txt")


@pytest.mark.parametrize("name", ["cop.yaml", "events.yaml"])
def test_a_hard_link_to_a_profile_file(here: Path, capsys: pytest.CaptureFixture[str], name: str) -> None:
    before = (here / "p" / name).read_bytes()
    os.link(here / "p" / name, "hard.txt")
    refused(capsys, "hard.txt", "check", "p", "--output", "hard.txt")
    assert (here / "p" / name).read_bytes() == before


def test_the_config_file(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (here / "copadvisor.toml").write_text('fail_on = "none"\n')
    refused(capsys, "copadvisor.toml", "check", "p", "--output", "copadvisor.toml")
    assert (here / "copadvisor.toml").read_text() == 'fail_on = "none"\n'


def test_the_pyproject_holding_the_config(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (here / "pyproject.toml").write_text('[tool.copadvisor]\nfail_on = "none"\n')
    refused(capsys, "pyproject.toml", "lint", "p", "--output", "pyproject.toml")


def test_a_profile_named_txt(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (here / "prof.txt").write_bytes((here / "p" / "cop.yaml").read_bytes())
    refused(capsys, "prof.txt", "check", "prof.txt", "--output", "prof.txt")


@pytest.mark.parametrize("command", ["check", "lint", "checklist"])
def test_a_link_to_a_rule_pack(here: Path, capsys: pytest.CaptureFixture[str], command: str) -> None:
    (here / "extra").mkdir()
    (here / "extra" / "pack.yaml").write_text(PACK)
    os.symlink("extra/pack.yaml", "pack.txt")
    refused(capsys, "pack.txt", command, "p", "--rules", "extra", "--output", "pack.txt", why=YAML)
    assert (here / "extra" / "pack.yaml").read_text() == PACK


def test_report_html_and_output_never_overwrite_an_input(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    os.symlink("p/events.yaml", "r.html")
    code, _, err = cli(capsys, "report", "p", "--html", "r.html")
    assert code == 2
    assert "Invalid value for '--html': r.html: will not write a report over a YAML file (it could be a profile)" in err
    os.symlink("p/cop.yaml", "r.md")
    refused(capsys, "r.md", "report", "p", "--output", "r.md", why=YAML)
    (here / "p.txt").write_bytes((here / "p" / "cop.yaml").read_bytes())
    os.symlink("p.txt", "r.htm")
    refused(capsys, "r.htm", "report", "p.txt", "--html", "r.htm")


@pytest.mark.parametrize(
    "args",
    [
        ["check", "p", "--output", "out.txt"],
        ["lint", "p", "--output", "out.txt"],
        ["checklist", "p", "--output", "out.txt"],
        ["report", "p", "--output", "out.txt"],
        ["report", "p", "--html", "out.txt"],
    ],
)
def test_a_link_to_a_yaml_file_that_is_no_input_is_refused(
    here: Path, capsys: pytest.CaptureFixture[str], args: list[str]
) -> None:
    # The third red team's break 2: `out.html -> other-profile/cop.yaml` replaced another CoP's profile,
    # because only the name given was looked at; the file written is the link's target.
    other = example(here, "other")
    before = (other / "cop.yaml").read_bytes()
    os.symlink("other/cop.yaml", "out.txt")
    code, _, err = cli(capsys, *args, "--as-of", AS_OF)
    assert code == 2, err
    assert "out.txt: will not write a report over a YAML file (it could be a profile)" in err
    assert (other / "cop.yaml").read_bytes() == before


def test_a_link_to_an_unrelated_file_is_written_through(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (here / "elsewhere.txt").write_text("old")
    os.symlink("elsewhere.txt", "out.txt")
    code, _, err = cli(capsys, "check", "p", "--as-of", AS_OF, "--output", "out.txt", "--format", "json")
    assert code in (0, 1), err
    assert os.path.islink("out.txt")  # the link is kept, the file it points at replaced
    assert (here / "elsewhere.txt").read_text().startswith("{")


def test_a_yaml_target_is_still_refused(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = cli(capsys, "check", "p", "--output", "report.YML")
    assert code == 2
    assert "will not write a report over a YAML file" in err


def test_writes_are_atomic_and_keep_the_mode(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    target.write_text("old")
    target.chmod(0o640)
    write_file(str(target), "new")
    assert target.read_text() == "new"
    assert target.stat().st_mode & 0o777 == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.txt"]  # no temporary file left


def test_the_writer_refuses_every_input_it_is_given(tmp_path: Path) -> None:
    source = tmp_path / "input.txt"
    source.write_text("keep")
    os.symlink(source, tmp_path / "a")
    os.link(source, tmp_path / "b")
    for name in ("input.txt", "a", "b"):
        with pytest.raises(InputError):
            write_file(str(tmp_path / name), "over", [str(source)])
    assert source.read_text() == "keep"
