"""Class 9 of issue 12: the smaller defects, each with its reproduction and variants."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from copadvisor.cli.main import run
from copadvisor.render.sarif import artifact_uri

from .support import AS_OF, EXAMPLE, example


def cli(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    code = run([str(a) for a in args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def with_practicalities(folder: Path, **values: object) -> Path:
    data = yaml.safe_load((EXAMPLE / "cop.yaml").read_text(encoding="utf-8"))
    data["practicalities"] = {**data.get("practicalities", {}), **values}
    target = example(folder)
    (target / "cop.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return target


@pytest.mark.parametrize("engine", ["durable", "python"])
@pytest.mark.parametrize("value", [0.00001, 1e-300, 0.0999])
def test_a_tiny_cadence_is_a_located_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], engine: str, value: float
) -> None:
    profile = with_practicalities(tmp_path, cadence_weeks=value)
    code, out, err = cli(capsys, "check", profile, "--as-of", AS_OF, "--engine", engine)
    assert code == 2, err
    assert "practicalities.cadence_weeks: should be 0.1 or more" in out


@pytest.mark.parametrize("engine", ["durable", "python"])
@pytest.mark.parametrize("value", [0.1, 0.5, 519.999999])
def test_cadences_at_the_bounds_are_judged(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], engine: str, value: float
) -> None:
    profile = with_practicalities(tmp_path, cadence_weeks=value)
    code, _, err = cli(capsys, "check", profile, "--as-of", AS_OF, "--engine", engine)
    assert code in (0, 1), err


@pytest.mark.parametrize("value", ["0.00001", "1.0e-05", "0.00004999"])
def test_tiny_protected_hours_reach_the_engine_rounded(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], value: str
) -> None:
    profile = example(tmp_path)
    text = (profile / "cop.yaml").read_text(encoding="utf-8")
    lines = [
        f"  dedicated_hours_per_month: {value}" if "dedicated_hours_per_month" in line else line
        for line in text.splitlines()
    ]
    (profile / "cop.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    for engine in ("durable", "python"):
        code, out, err = cli(capsys, "check", profile, "--as-of", AS_OF, "--engine", engine)
        assert code in (0, 1), out + err


@pytest.mark.parametrize(
    "threshold",
    ["min_cadence_weeks", "gap_cadence_multiplier", "convener_hours_per_meeting_min", "ending_attendance_ratio"],
)
def test_a_tiny_threshold_is_a_located_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], threshold: str
) -> None:
    profile = example(tmp_path)
    (tmp_path / "t.toml").write_text(f"[thresholds]\n{threshold} = 0.00001\n")
    code, _, err = cli(capsys, "check", profile, "--config", tmp_path / "t.toml")
    assert code == 2
    assert err.startswith(f"{tmp_path / 't.toml'}:2:1: thresholds.{threshold}: should be greater than or equal to 0.01")


def test_the_smallest_thresholds_are_judged(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    profile = example(tmp_path)
    names = ["min_cadence_weeks", "gap_cadence_multiplier", "convener_hours_per_meeting_min", "ending_attendance_ratio"]
    (tmp_path / "t.toml").write_text("[thresholds]\n" + "".join(f"{n} = 0.01\n" for n in names))
    for engine in ("durable", "python"):
        code, _, err = cli(
            capsys, "check", profile, "--as-of", AS_OF, "--config", tmp_path / "t.toml", "--engine", engine
        )
        assert code in (0, 1), err


@pytest.mark.parametrize("option", ["--as-of"])
@pytest.mark.parametrize(
    "value", ["20261101", "2026-W05-1", "2026-W05", "2026-305", "2026-1-5", " 2026-11-01", "2026-11-01T00"]
)
def test_only_yyyy_mm_dd_on_the_command_line(capsys: pytest.CaptureFixture[str], option: str, value: str) -> None:
    code, _, err = cli(capsys, "check", str(EXAMPLE), option, value)
    assert code == 2
    assert "is not a date: write it as YYYY-MM-DD" in err


def test_since_takes_only_yyyy_mm_dd(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = cli(capsys, "report", str(EXAMPLE), "--as-of", AS_OF, "--since", "2026-W05-1")
    assert code == 2
    assert "is not a date: write it as YYYY-MM-DD" in err


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("'2026-W05-1'", "'2026-W05-1' is not a date: write it as YYYY-MM-DD"),
        ("'20261101'", "'20261101' is not a date: write it as YYYY-MM-DD"),
        ("2026-1-5", "'2026-1-5' is not a date: write it as YYYY-MM-DD"),
        ("!!timestamp 2026-1-5", "'2026-1-5' is not a date: write it as YYYY-MM-DD"),
        ("'2026-1-5'", "'2026-1-5' is not a date: write it as YYYY-MM-DD"),
    ],
)
def test_only_yyyy_mm_dd_in_profiles(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], value: str, message: str
) -> None:
    (tmp_path / "p.yaml").write_text(f"copadvisor: 1\nname: x\nevents:\n  - date: {value}\n    type: meeting\n")
    code, out, _ = cli(capsys, "check", tmp_path / "p.yaml", "--as-of", AS_OF)
    assert code == 2
    assert message in out


@pytest.mark.parametrize("text", ["tool = 1\n", 'tool = "x"\n', "tool = [1]\n"])
def test_a_pyproject_whose_tool_is_not_a_table(tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str) -> None:
    (tmp_path / "pyproject.toml").write_text(text)
    code, _, err = cli(capsys, "check", str(EXAMPLE), "--config", tmp_path / "pyproject.toml")
    assert code == 2
    assert err == f"{tmp_path / 'pyproject.toml'}:1:1: `tool` should be a table ([tool.copadvisor])\n"


def test_an_array_of_tool_copadvisor_tables_found_by_walking_up(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    example(tmp_path)
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n\n[[tool.copadvisor]]\nfail_on = "low"\n')
    code, _, err = cli(capsys, "check", "p")
    assert code == 2
    assert err == "pyproject.toml:4:1: [[tool.copadvisor]] is an array of tables: write one table, [tool.copadvisor]\n"


@pytest.mark.parametrize("text", ['[tool]\ncopadvisor = { fail_on = "low" }\n', 'tool.copadvisor.fail_on = "low"\n'])
def test_other_spellings_of_the_tool_table_are_found(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, text: str
) -> None:
    monkeypatch.chdir(tmp_path)
    example(tmp_path)
    (tmp_path / "pyproject.toml").write_text(text)
    code, out, _ = cli(capsys, "check", "p", "--as-of", AS_OF)
    assert code == 1  # fail_on = "low" was read
    assert "fails at --fail-on low" in out


def test_html_and_output_to_one_file_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "r.html"
    code, _, err = cli(capsys, "report", str(EXAMPLE), "--html", target, "--output", target)
    assert code == 2
    assert err == f"Error: {target} is given for two outputs: give each its own file\n"
    assert not target.exists()
    other = tmp_path / "other.html"
    other.symlink_to(target)
    code, _, err = cli(capsys, "report", str(EXAMPLE), "--html", target, "--output", other)
    assert code == 2


@pytest.mark.parametrize(
    ("path", "uri"),
    [
        ("profiles/a#b/cop.yaml", "profiles/a%23b/cop.yaml"),
        ("my profiles/cop.yaml", "my%20profiles/cop.yaml"),
        ("p/100%/cop.yaml", "p/100%25/cop.yaml"),
        ("p/a?b/cop.yaml", "p/a%3Fb/cop.yaml"),
        ("p\\win\\cop.yaml", "p/win/cop.yaml"),
        ("p/café/cop.yaml", "p/caf%C3%A9/cop.yaml"),
    ],
)
def test_sarif_uris_are_percent_encoded(path: str, uri: str) -> None:
    assert artifact_uri(path) == uri


def test_sarif_uris_of_a_real_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    example(tmp_path, "a #1")
    _, out, _ = cli(capsys, "check", "a #1", "--as-of", AS_OF, "--format", "sarif")
    uris = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in json.loads(out)["runs"][0]["results"]
    }
    assert uris == {"a%20%231/cop.yaml", "a%20%231/events.yaml"} or uris <= {
        "a%20%231/cop.yaml",
        "a%20%231/events.yaml",
    }


def test_profiles_of_one_slug_in_two_folders_have_different_fingerprints(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    example(tmp_path / "north", "p")
    example(tmp_path / "south", "p")
    _, out, _ = cli(capsys, "check", "north", "south", "--as-of", AS_OF, "--format", "sarif")
    results = json.loads(out)["runs"][0]["results"]
    north = {r["partialFingerprints"]["copadvisor/v1"] for r in results if "north/" in json.dumps(r["locations"])}
    south = {r["partialFingerprints"]["copadvisor/v1"] for r in results if "south/" in json.dumps(r["locations"])}
    assert north
    assert south
    assert not north & south
