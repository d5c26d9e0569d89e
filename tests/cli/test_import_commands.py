"""``copadvisor import calendar|attendance|pulse`` on the command line (``copadvisor.cli.import_commands``)."""

from __future__ import annotations

import shlex
from pathlib import Path

import pytest
from load.imports.support import GOOGLE, GOOGLE_FORMS, IDENTIFYING, MS_FORMS, OUTLOOK, REGISTER, profile

from copadvisor.cli.main import run
from copadvisor.load import load_paths

QUESTIONS = (
    "--question",
    "voice=I can get my voice heard",
    "--question",
    "safe=I feel safe to say what I think",
    "--question",
    "worth=The CoP is worth my time",
)


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = run(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_the_three_imports_on_the_fixtures(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = profile(tmp_path, "# kept\n- {date: 2026-01-14, type: launch}\n")
    log = Path(folder) / "events.yaml"
    code, out, err = _run(
        capsys, "import", "calendar", OUTLOOK, "--profile", folder, "--as-of", "2026-07-01", "--match", "Perinatal"
    )
    assert (code, out) == (0, "")
    assert err == (
        f"{log}: added 4, skipped 1 (already recorded)\n"
        f"{log}: left out 2 cancelled, all-day, non-matching or later entries\n"
    )
    code, out, err = _run(capsys, "import", "attendance", REGISTER, "--profile", folder)
    assert (code, err.splitlines()[0]) == (0, f"{log}: added 0, filled in 5, skipped 0 (already recorded)")
    code, out, err = _run(capsys, "import", "pulse", MS_FORMS, "--profile", folder, "--date", "2026-06-17", *QUESTIONS)
    assert (code, err) == (0, f"{log}: added 1, skipped 0 (already recorded)\n")
    assert log.read_text(encoding="utf-8") == (
        "# kept\n"
        "- {date: 2026-01-14, type: launch, attendance: {practitioner: 16, manager: 2, expert_by_experience: 2}}\n"
        "- {date: 2026-02-11, type: meeting, minutes: 120, attendance: {practitioner: 12, manager: 1, expert_by_experience: 2}}\n"
        "- {date: 2026-03-11, type: meeting, minutes: 120, attendance: {practitioner: 11, expert_by_experience: 2}}\n"
        "- {date: 2026-05-13, type: meeting, minutes: 120, attendance: {practitioner: 9, manager: 1, expert_by_experience: 1}}\n"
        "- {date: 2026-06-17, type: meeting, minutes: 90, attendance: {practitioner: 10, manager: 0, expert_by_experience: 2}}\n"
        "- date: 2026-06-17\n"
        "  type: pulse\n"
        "  responses: 7\n"
        "  answers:\n"
        "    voice: {agree: 5, neutral: 1, disagree: 1}\n"
        "    safe: {agree: 5, neutral: 1, disagree: 1}\n"
        "    worth: {agree: 6, neutral: 0, disagree: 1}\n"
    )
    (loaded,) = load_paths([folder])
    assert not hasattr(loaded, "problems")
    for args in (
        ("calendar", OUTLOOK, "--as-of", "2026-07-01", "--match", "Perinatal"),
        ("attendance", REGISTER),
        ("pulse", MS_FORMS, "--date", "2026-06-17", *QUESTIONS),
    ):
        before = log.read_bytes()
        code, _, err = _run(capsys, "import", *args[:2], "--profile", folder, *args[2:])
        assert (code, log.read_bytes()) == (0, before)
        assert ": added 0, skipped " in err.splitlines()[0]


def test_dry_run_prints_the_events_and_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = profile(tmp_path)
    code, out, err = _run(
        capsys, "import", "calendar", GOOGLE, "--profile", folder, "--as-of", "2026-06-01", "--dry-run"
    )
    assert (code, out) == (
        0,
        "- {date: 2026-03-03, type: meeting, minutes: 120}\n- {date: 2026-05-26, type: meeting, minutes: 120}\n",
    )
    assert err.splitlines()[0] == (
        f"{Path(folder) / 'events.yaml'}: would add 2, would skip 0 (already recorded); nothing written (dry run)"
    )
    assert not (Path(folder) / "events.yaml").exists()


def test_dry_run_shows_what_it_would_fill_in(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = profile(tmp_path, "- {date: 2026-01-14, type: launch}\n")
    code, out, err = _run(capsys, "import", "attendance", REGISTER, "--profile", folder, "--dry-run")
    assert code == 0
    assert out.splitlines()[:2] == [
        "# launch of 2026-01-14: attendance: {practitioner: 16, manager: 2, expert_by_experience: 2}",
        "- {date: 2026-02-11, type: meeting, attendance: {practitioner: 12, manager: 1, expert_by_experience: 2}}",
    ]
    assert err.splitlines()[0].endswith(
        ": would add 4, would fill in 1, would skip 0 (already recorded); nothing written (dry run)"
    )
    assert (Path(folder) / "events.yaml").read_bytes() == b"- {date: 2026-01-14, type: launch}\n"


def test_questions_from_the_config(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = profile(tmp_path)
    (tmp_path / "copadvisor.toml").write_text('[pulse]\nvoice = "I can get my voice heard"\n', encoding="utf-8")
    code, out, _ = _run(
        capsys, "import", "pulse", GOOGLE_FORMS, "--profile", folder, "--date", "2026-09-10", "--dry-run"
    )
    assert (code, out) == (
        0,
        "- date: 2026-09-10\n  type: pulse\n  responses: 8\n  answers:\n    voice: {agree: 5, neutral: 1, disagree: 2}\n",
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("pulse", GOOGLE_FORMS, "--date", "2026-09-10"), "map at least one question"),
        (("pulse", GOOGLE_FORMS, "--date", "2026-09-10", "--question", "voice"), "write it as KEY=TEXT"),
        (
            ("pulse", GOOGLE_FORMS, "--date", "10/09/2026", "--question", "voice=x"),
            "is not a date: write it as YYYY-MM-DD",
        ),
        (("pulse", GOOGLE_FORMS, "--date", "2026-09-10", "--question", "voice=What one thing"), "it is not shown here"),
        (("attendance", GOOGLE_FORMS), "no `date` column"),
        (("calendar", REGISTER), "not an iCalendar file"),
        (("calendar", str(Path(OUTLOOK).parent / "missing.ics")), "missing.ics"),
    ],
)
def test_bad_input_exits_2_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: tuple[str, ...], message: str
) -> None:
    folder = profile(tmp_path, "# mine\n")
    code, out, err = _run(capsys, "import", *args[:2], "--profile", folder, *args[2:])
    assert (code, out) == (2, "")
    assert message in err
    assert "Traceback" not in err
    assert (Path(folder) / "events.yaml").read_bytes() == b"# mine\n"


def test_a_register_row_after_the_as_of_date_is_refused_at_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = profile(tmp_path, "# mine\n")
    register = tmp_path / "register.csv"
    register.write_text("Date,Attendance\n14/01/2026,18\n10/12/2026,4\n01/01/2027,\n", encoding="utf-8")
    args = ("import", "attendance", str(register), "--profile", folder)
    code, out, err = _run(capsys, *args, "--as-of", "2026-12-01")
    assert (code, out) == (2, "")
    assert err == (
        f"{register}:3:1: row 2, column 'Date': 2026-12-10 is after the as-of date, 2026-12-01: a register records"
        " sessions already held (a mistyped date?); if it was held, give --as-of 2026-12-10 or later\n"
    )
    assert (Path(folder) / "events.yaml").read_bytes() == b"# mine\n"
    code, out, err = _run(capsys, *args, "--as-of", "2026-12-10")
    log = Path(folder) / "events.yaml"
    assert (code, out) == (0, "")
    assert err == f"{log}: added 2, skipped 0 (already recorded)\n{log}: left out 1 row without any count\n"
    assert log.read_text(encoding="utf-8") == (
        "# mine\n- {date: 2026-01-14, type: meeting, attendance: 18}\n- {date: 2026-12-10, type: meeting, attendance: 4}\n"
    )


def test_no_identifying_text_reaches_a_file_or_an_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = profile(tmp_path)
    seen = []
    for args in (
        ("calendar", OUTLOOK, "--as-of", "2026-12-01"),
        ("calendar", GOOGLE, "--as-of", "2026-12-01"),
        ("attendance", REGISTER),
        ("pulse", MS_FORMS, "--date", "2026-06-17", *QUESTIONS),
        ("pulse", GOOGLE_FORMS, "--date", "2026-09-10", *QUESTIONS),
    ):
        for dry in ((), ("--dry-run",)):
            code, out, err = _run(capsys, "import", *args[:2], "--profile", folder, *args[2:], *dry)
            assert code == 0
            seen += [out, err.replace(folder, "")]
    seen.append((Path(folder) / "events.yaml").read_text(encoding="utf-8"))
    assert [text for text in IDENTIFYING if any(text in s for s in seen)] == []


def readme_session() -> list[tuple[str, list[str]]]:
    """The README's import walk-through: each command as typed (continuation lines joined) and what it prints."""
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    block = readme.split("With the example exports in `tests/load/fixtures/`", 1)[1].split("```\n", 2)[1]
    session: list[tuple[str, list[str]]] = []
    lines = iter(block.splitlines())
    for line in lines:
        if line.startswith("$ "):
            command = line[2:]
            while command.endswith("\\"):
                command = command[:-1] + next(lines).strip()
            session.append((command, []))
        else:
            session[-1][1].append(line)
    return session


def test_the_readme_commands_say_what_the_readme_shows(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    session = readme_session()
    assert session[0] == ('fixtures=$PWD/tests/load/fixtures && cd "$(mktemp -d)"', [])  # the clone stays clean
    fixtures = str(Path(OUTLOOK).parent)
    monkeypatch.chdir(tmp_path)
    for command, shown in session[1:]:
        words = shlex.split(command.replace("$fixtures", fixtures))
        assert words[0] == "copadvisor"
        code, out, err = _run(capsys, *words[1:])
        assert code == 0
        if words[1] == "init":
            assert out.startswith("wrote my-cop/cop.yaml\n")
            continue
        assert (out, err.splitlines()) == ("", shown)
    assert [command.split()[2] for command, _ in session[2:]] == ["calendar", "attendance", "pulse"]
    text = (tmp_path / "my-cop" / "events.yaml").read_text(encoding="utf-8")
    assert (
        "- {date: 2026-01-14, type: launch, minutes: 120, attendance: {practitioner: 16, manager: 2, expert_by_experience: 2}}\n"
        in text
    )
    (loaded,) = load_paths(["my-cop"])
    events = loaded.profile.events or []  # type: ignore[union-attr]
    assert [e.type for e in events] == ["launch", "meeting", "meeting", "meeting", "meeting", "pulse"]


def test_an_events_file_that_is_a_link_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    elsewhere = tmp_path / "elsewhere.yaml"
    elsewhere.write_bytes(b"# not the profile's\n")
    folder = profile(tmp_path)
    (Path(folder) / "events.yaml").symlink_to(elsewhere)
    code, out, err = _run(capsys, "import", "calendar", OUTLOOK, "--profile", folder, "--as-of", "2026-07-01")
    assert (code, out) == (2, "")
    assert err == (
        f"{Path(folder) / 'events.yaml'}:1:1: is a symbolic link: import writes only a profile's own events file, "
        "never through a link\n"
    )
    assert elsewhere.read_bytes() == b"# not the profile's\n"


def test_the_file_imported_is_never_written_over(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # An events.yaml of comments only, read as the survey: a header `# q,voice` and one answer `agree`.
    folder = profile(tmp_path, "# q,voice\n#,agree\n")
    log = Path(folder) / "events.yaml"
    code, out, err = _run(
        capsys, "import", "pulse", str(log), "--profile", folder, "--date", "2026-03-01", "--question", "voice=voice"
    )
    assert (code, out) == (2, "")
    assert err == f"{log}:1:1: is an input of this run: will not write the output over it\n"
    assert log.read_bytes() == b"# q,voice\n#,agree\n"


def test_a_survey_without_answers_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    survey = tmp_path / "s.csv"
    survey.write_bytes(b"Id,I can get my voice heard\n1,\n2,\n")
    folder = profile(tmp_path, "# mine\n")
    code, out, err = _run(
        capsys, "import", "pulse", str(survey), "--profile", folder, "--date", "2026-03-01", "--question", "voice=voice"
    )
    assert (code, out, err) == (2, "", f"{survey}:1:1: no answers in the columns of the questions: nothing to count\n")
    assert (Path(folder) / "events.yaml").read_bytes() == b"# mine\n"


@pytest.mark.parametrize("config", [False, True])
def test_a_question_not_found_never_lists_the_headings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], config: bool
) -> None:
    folder = profile(tmp_path)
    given = ("--question", "voice=Nope")
    if config:
        (tmp_path / "copadvisor.toml").write_text('[pulse]\nvoice = "Nope"\n', encoding="utf-8")
        given = ()
    code, out, err = _run(capsys, "import", "pulse", MS_FORMS, "--profile", folder, "--date", "2026-06-17", *given)
    assert (code, out) == (2, "")
    assert err == f"{MS_FORMS}:1:1: no column is headed 'Nope' (question voice) among the file's 12 columns\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("pulse", MS_FORMS, "--date", "2026-06-17", "--question", "Voice=x"),
            "Error: --question Voice=…: 'Voice' is not a question key (lower case letters, digits and _, e.g. voice)\n",
        ),
        (
            ("calendar", OUTLOOK, "--as-of", "9999-12-31"),
            "--as-of:1:1: 9999-12-31 is too far ahead: give a date before 9000-01-01\n",
        ),
    ],
)
def test_a_bad_option_is_blamed_on_the_option(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: tuple[str, ...], message: str
) -> None:
    folder = profile(tmp_path, "# mine\n")
    assert _run(capsys, "import", *args[:2], "--profile", folder, *args[2:]) == (2, "", message)
