"""The pre-commit hook, end to end: `pre-commit try-repo` installs this repository as a hook and runs it on a
temporary git repository of profiles (slow: it builds the package in its own virtualenv)."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SHORT = "copadvisor: 1\nname: Short meetings\npracticalities: {meeting_minutes: 60}\n"

pytestmark = pytest.mark.skipif(
    shutil.which("git") is None or importlib.util.find_spec("pre_commit") is None, reason="needs git and pre-commit"
)


def git(folder: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=folder, check=True, capture_output=True)


def try_repo(folder: Path, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "NO_COLOR": "1"}
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "pre_commit",
            "try-repo",
            str(REPO),
            "copadvisor-lint",
            "--all-files",
            "--color",
            "never",
        ],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def test_the_hook_lints_the_profiles_a_commit_touches(tmp_path: Path) -> None:
    repo = tmp_path / "profiles-repo"
    (repo / "profiles" / "short").mkdir(parents=True)
    (repo / "profiles" / "short" / "cop.yaml").write_text(SHORT)
    (repo / "profiles" / "short" / "events.yaml").write_text("[]\n")
    (repo / "notes.yaml").write_text("just: some other yaml\n")  # not a profile file: not passed to the hook
    (repo / "copadvisor.toml").write_text('select = ["meetings.too-short"]\n')
    git(repo, "init", "-q")
    git(repo, "add", ".")

    failing = try_repo(repo, tmp_path / "cache")
    assert failing.returncode == 1, failing.stdout + failing.stderr
    assert "meetings.too-short" in failing.stdout
    assert "Failed" in failing.stdout
    assert "notes.yaml" not in failing.stdout

    (repo / "profiles" / "short" / "cop.yaml").write_text(SHORT.replace("60", "120"))
    git(repo, "add", ".")
    passing = try_repo(repo, tmp_path / "cache")
    assert passing.returncode == 0, passing.stdout + passing.stderr
    assert "Passed" in passing.stdout
