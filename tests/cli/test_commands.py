"""The click commands (``copadvisor.cli.commands``) end to end: `check`, `checklist`, `lint`, `init` and `schema`,
their exit codes and what they print."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from cop_testing import SHORT, write_profile

from copadvisor.cli.main import run
from copadvisor.load import LoadedProfile, load_paths

REPO = Path(__file__).resolve().parents[2]
AS_OF = ["--as-of", "2026-01-01"]


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = run(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_exit_codes_follow_fail_on(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = write_profile(tmp_path, SHORT)
    base = ["check", str(folder), "--as-of", "2026-01-01", "--select", "meetings.too-short"]
    assert cli(capsys, *base)[0] == 0  # medium < the default `high`
    assert cli(capsys, *base, "--fail-on", "medium")[0] == 1
    assert cli(capsys, *base, "--fail-on", "none")[0] == 0
    assert cli(capsys, *base, "--fail-on", "info", "--ignore", "meetings.")[0] == 0


def test_a_broken_profile_is_exit_2_and_the_others_are_still_reported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_profile(tmp_path, SHORT, slug="good")
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "cop.yaml").write_text("copadvisor: 1\nname: Bad\nconvener: {id: A, hours: 3}\n")
    code, out, _ = cli(capsys, "check", str(tmp_path), "--as-of", "2026-01-01", "--format", "json")
    assert code == 2
    report = json.loads(out)
    by_slug = {p["slug"]: p for p in report["profiles"]}
    assert by_slug["good"]["findings"]
    assert not by_slug["good"]["errors"]
    [error] = by_slug["bad"]["errors"]
    assert error["location"] == {"path": str(bad / "cop.yaml"), "line": 3, "column": 19}
    assert "convener.hours: unknown key" in error["message"]


def test_the_hook_s_validity_only_args_pass_a_risky_profile_and_refuse_a_malformed_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The README's pre-commit `args: [--fail-on, none]`: the hook runs `copadvisor lint ARGS FILES`."""
    good = write_profile(tmp_path, SHORT, slug="good") / "cop.yaml"
    assert cli(capsys, "lint", *AS_OF, str(good))[0] == 1  # medium risks: refused by default
    code, out, _ = cli(capsys, "lint", "--fail-on", "none", *AS_OF, str(good))
    assert (code, out.splitlines()[-1].endswith("— passes at --fail-on none")) == (0, True)
    bad = tmp_path / "bad" / "cop.yaml"
    bad.parent.mkdir()
    bad.write_text("copadvisor: 1\nname: Bad\nconvener: {id: A, hours: 3}\n")
    code, out, _ = cli(capsys, "lint", "--fail-on", "none", *AS_OF, str(good), str(bad))
    assert code == 2
    assert f"{bad}:3:19: error convener.hours: unknown key" in out
    (tmp_path / "copadvisor.toml").write_text('fail_on = "none"\n')  # the same, for every run of lint
    assert cli(capsys, "lint", *AS_OF, str(good))[0] == 0


def test_same_inputs_same_bytes_whatever_the_hash_seed() -> None:
    outputs = set()
    for seed in ("1", "2", "random"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run(
            [sys.executable, "-m", "copadvisor", "check", "profiles", "--as-of", "2026-11-01", "--format", "json"],
            cwd=REPO,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode in (0, 1), done.stderr
        assert not done.stderr
        assert json.loads(done.stdout)["profiles"]
        outputs.add(done.stdout)
    assert len(outputs) == 1


def test_missing_path_is_located(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "300")  # the long temporary path on one line
    code, out, _ = cli(capsys, "check", str(tmp_path / "nowhere"), "--as-of", "2026-01-01")
    assert code == 2
    assert f"{tmp_path / 'nowhere'}:1:1: no such file or directory" in out


def test_github_is_chosen_on_github_actions(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = write_profile(tmp_path, SHORT)
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    assert cli(capsys, "lint", str(folder), *AS_OF)[1].startswith("::")
    assert cli(capsys, "lint", str(folder), *AS_OF, "--format", "text")[1].startswith(str(folder))


def test_checklist_next_stage_and_statuses(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = write_profile(tmp_path, SHORT)
    data = json.loads(cli(capsys, "checklist", str(folder), *AS_OF, "--next", "--format", "json")[1])
    [profile] = data["profiles"]
    assert profile["stage"] == "coalescing"
    statuses = {item["rule"]: item["status"] for item in profile["items"]}
    assert set(statuses.values()) <= {"done", "to do", "not recorded", "acknowledged", "not yet"}
    # not launched: nothing about sessions is done, it is not yet due (SPEC §4, evidence, not vacuous passes)
    for rule in ("meetings.momentum-gap", "planning.offer-not-repeated", "principles.not-reinforced"):
        assert statuses[rule] == "not yet", rule
    assert cli(capsys, "checklist", str(folder), "--next", "--stage", "maturing")[0] == 2


def test_checklist_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = write_profile(tmp_path, SHORT)
    assert cli(capsys, "checklist", str(folder), *AS_OF)[0] == 0  # for reading: no --fail-on, no failure
    assert cli(capsys, "checklist", str(folder), *AS_OF, "--fail-on", "medium")[0] == 1


def test_init_writes_a_valid_commented_profile(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "new-cop"
    assert run(["init", str(folder)]) == 0
    names = sorted(p.name for p in folder.iterdir())
    assert names == ["cop.schema.json", "cop.yaml", "events.schema.json", "events.yaml"]
    cop = (folder / "cop.yaml").read_text()
    assert cop.startswith("# yaml-language-server: $schema=cop.schema.json\n")
    assert (folder / "events.yaml").read_text().startswith("# yaml-language-server: $schema=events.schema.json\n")
    assert cop.count("\n#") > 20  # commented guidance
    [result] = load_paths([str(folder)])
    assert isinstance(result, LoadedProfile)
    assert result.profile.events == []
    assert json.loads((folder / "cop.schema.json").read_text())["additionalProperties"] is False
    capsys.readouterr()
    code = run(["check", str(folder), "--as-of", "2026-01-01", "--format", "json", "--fail-on", "none"])
    assert code == 0
    assert not json.loads(capsys.readouterr().out)["profiles"][0]["errors"]


def test_init_never_overwrites(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "cop"
    folder.mkdir()
    (folder / "events.yaml").write_text("- {date: 2026-01-01, type: launch}\n")
    assert run(["init", str(folder)]) == 2
    err = capsys.readouterr().err
    assert f"{folder / 'events.yaml'}:1:1: already exists: nothing was written" in err
    assert sorted(p.name for p in folder.iterdir()) == ["events.yaml"]
    assert (folder / "events.yaml").read_text() == "- {date: 2026-01-01, type: launch}\n"


def test_init_refuses_a_file_as_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "file"
    target.write_text("x")
    assert run(["init", str(target)]) == 2
    assert target.read_text() == "x"


def test_schema(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = cli(capsys, "schema")
    both = json.loads(out)
    assert code == 0
    assert set(both) == {"cop.yaml", "events.yaml"}
    assert both["cop.yaml"]["required"] == ["copadvisor", "name"]
    assert both["cop.yaml"]["additionalProperties"] is False
    assert both["events.yaml"]["type"] == "array"


def test_check_checklist_and_report_take_lint_s_default_path(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    write_profile(tmp_path / "profiles", SHORT, slug="one")
    monkeypatch.chdir(tmp_path)
    for command in ("check", "checklist", "lint"):
        code, out, _ = cli(capsys, command, *AS_OF, "--format", "json")
        assert code in (0, 1), command
        assert [p["path"] for p in json.loads(out)["profiles"]] == ["profiles/one/cop.yaml"], command
    code, out, _ = cli(capsys, "report", *AS_OF, "--format", "markdown")
    assert code in (0, 1)
    assert "profiles/one" not in out  # sponsors' words: the CoP by name
    assert "CoP one" in out
    (tmp_path / "copadvisor.toml").write_text('profiles = ["elsewhere"]\n')
    code, out, _ = cli(capsys, "check", *AS_OF)
    assert code == 2
    assert out.splitlines()[-1] == (
        "0 profile(s): no findings; 0 check(s) need data; 0 with errors; 1 path(s) with no profile"
        " — could not evaluate every input"
    )


def test_help_gives_each_command_s_fail_on_default(capsys: pytest.CaptureFixture[str]) -> None:
    for command, default in (("check", "high"), ("checklist", "none"), ("lint", "medium"), ("report", "high")):
        _, out, _ = cli(capsys, command, "--help")
        assert f"(default: {default}, or the config's fail_on)" in " ".join(out.split()), command


def test_lint_statistics_and_quiet(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = write_profile(tmp_path, SHORT)
    base = ["lint", str(folder), *AS_OF, "--select", "meetings.too-short", "--select", "roles.unfilled"]
    code, out, _ = cli(capsys, *base, "--statistics")
    assert code == 1
    assert out == (
        "7 roles.unfilled     A role has nobody in it\n"
        "1 meetings.too-short Meetings shorter than two hours\n"
        "1 profile(s): 1 medium, 7 low; 0 check(s) need data; 0 with errors — fails at --fail-on medium\n"
    )
    code, out, _ = cli(capsys, *base, "--quiet")
    assert (code, out) == (
        1,
        "1 profile(s): 1 medium, 7 low; 0 check(s) need data; 0 with errors — fails at --fail-on medium\n",
    )
    code, _, err = cli(capsys, *base, "--quiet", "--format", "json")
    assert code == 2
    assert err.splitlines()[-1] == "Error: --quiet is for the text format, not json"


def test_a_missing_path_or_an_empty_folder_is_not_a_profile(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "empty").mkdir()
    code, out, _ = cli(capsys, "check", str(tmp_path / "empty"), str(tmp_path / "nowhere"), *AS_OF)
    assert code == 2
    assert out.splitlines()[-1] == (
        "0 profile(s): no findings; 0 check(s) need data; 0 with errors; 2 path(s) with no profile"
        " — could not evaluate every input"
    )
    code, out, _ = cli(capsys, "check", str(tmp_path / "nowhere"), *AS_OF, "--format", "json")
    summary = json.loads(out)["summary"]
    assert (summary["profiles"], summary["paths_without_profile"]) == (0, 1)


def test_a_path_with_no_profile_is_titled_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "empty").mkdir()
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("COLUMNS", "80")
    _, out, _ = cli(capsys, "check", "empty", *AS_OF)
    assert out.splitlines()[:3] == [
        "empty",
        "  error empty:1:1: no profile here: a folder needs a cop.yaml, or a *.yaml file",
        "      whose top level has `copadvisor:`",
    ]
    _, out, _ = cli(capsys, "check", "empty", *AS_OF, "--format", "markdown")
    assert out.split("\n\n## ", 1)[1] == (
        "empty\n\n- error: `` empty:1:1: no profile here: a folder needs a cop.yaml, or a *.yaml file whose top"
        " level has `copadvisor:` ``\n"
    )


def test_events_after_the_as_of_date_are_noted(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    later = [{"date": "2026-03-01", "type": "meeting"}, {"date": "2026-04-01", "type": "meeting"}]
    folder = write_profile(tmp_path, SHORT, [{"date": "2025-06-01", "type": "launch"}, *later])
    _, out, _ = cli(capsys, "check", str(folder), *AS_OF)
    assert out.splitlines()[2] == "  note: 2 events after 2026-01-01 were not considered"
    _, out, _ = cli(capsys, "check", str(folder), "--as-of", "2026-03-15")
    assert out.splitlines()[2] == "  note: 1 event after 2026-03-15 was not considered"
    _, out, _ = cli(capsys, "check", str(folder), *AS_OF, "--format", "markdown")
    assert "\nNote: 2 events after 2026-01-01 were not considered.\n" in out
    _, out, _ = cli(capsys, "check", str(folder), *AS_OF, "--format", "json")
    assert json.loads(out)["profiles"][0]["events_after_as_of"] == 2
    _, out, _ = cli(capsys, "check", str(folder), "--as-of", "2026-05-01", "--format", "json")
    assert "events_after_as_of" not in json.loads(out)["profiles"][0]
