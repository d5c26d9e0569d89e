"""The GitHub Action (``action.yml``): its lint step, run with bash as the runner runs it, on a repository of
profiles. A fail-on left unset leaves the decision to the config (or to lint's default, medium), as a local
``copadvisor lint`` does; a fail-on given wins over the config."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from cop_testing import SHORT, write_profile

REPO = Path(__file__).resolve().parents[1]
ACTION: dict[str, Any] = yaml.safe_load((REPO / "action.yml").read_text(encoding="utf-8"))
COPADVISOR = Path(sys.executable).parent / "copadvisor"

pytestmark = pytest.mark.skipif(
    shutil.which("bash") is None or not COPADVISOR.is_file(), reason="needs bash and the copadvisor command"
)


def lint_step() -> str:
    (step,) = [s for s in ACTION["runs"]["steps"] if s.get("id") == "lint"]
    assert step["env"]["FAIL_ON"] == "${{ inputs.fail-on }}"
    return str(step["run"])


def run_step(repo: Path, fail_on: str) -> tuple[str, str]:
    """The step's script with the inputs as the runner passes them: ``fail_on`` "" when the user set none."""
    output = repo / "github-output"
    output.write_text("")
    env = {
        **os.environ,
        "PATH": f"{COPADVISOR.parent}{os.pathsep}{os.environ.get('PATH', '')}",
        "PATHS": "",
        "FAIL_ON": fail_on,
        "AS_OF": "2026-01-01",
        "GITHUB_OUTPUT": str(output),
        "NO_COLOR": "1",
    }
    env.pop("GITHUB_ACTIONS", None)
    done = subprocess.run(
        ["bash", "-e", "-o", "pipefail", "-c", lint_step()],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr  # the step itself passes; the last step exits with `code`
    return output.read_text(), done.stdout


def test_fail_on_is_unset_by_default() -> None:
    assert ACTION["inputs"]["fail-on"]["default"] == ""
    assert "else lint's default, medium" in ACTION["inputs"]["fail-on"]["description"]


@pytest.mark.parametrize(
    ("config", "fail_on", "code"),
    [
        ('fail_on = "high"\n', "", "code=0\n"),  # the config decides: the medium finding does not fail
        ('fail_on = "high"\n', "medium", "code=1\n"),  # the input wins over the config
        ("", "", "code=1\n"),  # neither: lint's default, medium
        ('fail_on = "none"\n', "info", "code=1\n"),
    ],
)
def test_the_config_decides_unless_fail_on_is_given(tmp_path: Path, config: str, fail_on: str, code: str) -> None:
    repo = tmp_path / "repo"
    write_profile(repo / "profiles", SHORT, slug="short")
    (repo / "copadvisor.toml").write_text('select = ["meetings.too-short"]\n' + config)
    written, annotations = run_step(repo, fail_on)
    assert written == code
    assert annotations.startswith("::warning file=profiles/short/cop.yaml,")  # medium: a warning annotation
    assert "meetings.too-short" in annotations
    assert (repo / "copadvisor.sarif").is_file()
