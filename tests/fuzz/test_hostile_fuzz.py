"""Issue 12's promises fuzzed: random file trees (links, FIFOs, permissions, odd and non-UTF-8 names, outputs
aimed at inputs) and random rule packs (nesting, list sizes), each run bounded in time (and, for packs, in
memory). Run with ``pytest -m fuzz``; ``COPADVISOR_FUZZ_EXAMPLES`` scales the examples as for the other fuzz
tests."""

from __future__ import annotations

import contextlib
import io
import os
import resource
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from copadvisor.cli.main import run

pytestmark = pytest.mark.fuzz

REPO = Path(__file__).resolve().parents[2]
SCALE = int(os.environ.get("COPADVISOR_FUZZ_EXAMPLES", "10500")) / 10500
PROFILE = (REPO / "profiles" / "aaot-north" / "cop.yaml").read_bytes()
EVENTS = (REPO / "profiles" / "aaot-north" / "events.yaml").read_bytes()
SECONDS = 30  # a hang guard: a run of a few files takes well under a second
PACK_SECONDS = 60
PACK_BYTES = 1536 * 1024 * 1024  # address space per pack run: the red-team's pack needed 940 MB of memory


def fuzz_settings(examples: int) -> Any:
    return settings(
        max_examples=max(1, round(examples * SCALE)),
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture],
    )


@contextlib.contextmanager
def alarm(seconds: int) -> Iterator[None]:
    def expired(signum: int, frame: object) -> None:
        raise TimeoutError(f"the run took more than {seconds} s: a hang")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def invoke(args: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err), alarm(SECONDS):
        code = run(args)
    return code, out.getvalue(), err.getvalue()


# --- random file trees ----------------------------------------------------------------------------------

NAMES = [b"cop.yaml", b"cop.yml", b"COP.YAML", b"events.yaml", b"events.yml", b"x.yaml", b"notes.yaml", b"pack.yaml"]
ODD = [b"caf\xe9", b"bad\xff", b"sp ace", b"::error file=a::b", b"\x1b[2J", b"#hash", b"-dash", b"\xe2\x80\xae"]
CONTENTS = [
    PROFILE,
    EVENTS,
    b"copadvisor: 1\nname: x\n",
    b"[]\n",
    b"",
    b"\xff\xfe" + "copadvisor: 1".encode("utf-16-le"),
]
KINDS = ["file", "fifo", "dir", "link", "dangling", "hardlink", "unreadable"]


@st.composite
def trees(draw: st.DrawFn) -> list[tuple[bytes, str, bytes]]:
    entries = []
    for _ in range(draw(st.integers(1, 8))):
        folder = draw(st.sampled_from([b"", b"a/", b"a/b/", *(odd + b"/" for odd in ODD)]))
        name = draw(st.sampled_from(NAMES) | st.sampled_from(ODD).map(lambda n: n + b".yaml"))
        entries.append((folder + name, draw(st.sampled_from(KINDS)), draw(st.sampled_from(CONTENTS))))
    return entries


def build(root: Path, entries: list[tuple[bytes, str, bytes]]) -> list[bytes]:
    base = os.fsencode(root)
    made: list[bytes] = []
    for relative, kind, content in entries:
        path = os.path.join(base, relative)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        if os.path.lexists(path):
            continue
        if kind == "fifo":
            os.mkfifo(path)
        elif kind == "dir":
            os.mkdir(path)
        elif kind == "link" and made:
            os.symlink(made[0], path)
        elif kind == "dangling":
            os.symlink(os.path.join(base, b"nowhere"), path)
        elif kind == "hardlink" and made and os.path.isfile(made[0]):
            os.link(made[0], path)
        else:
            with open(path, "wb") as handle:
                handle.write(content)
            if kind == "unreadable":
                os.chmod(path, 0)
        made.append(path)
    return made


def snapshot(paths: list[bytes]) -> dict[bytes, bytes]:
    found = {}
    for path in paths:
        if os.path.isfile(path) and not os.path.islink(path):
            with contextlib.suppress(OSError), open(path, "rb") as handle:
                found[path] = handle.read()
    return found


@pytest.fixture(scope="module")
def work(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("hostile")


@fuzz_settings(600)
@given(
    entries=trees(),
    command=st.sampled_from(["check", "lint", "checklist"]),
    fmt=st.sampled_from(["text", "json", "sarif", "junit", "github", "markdown"]),
    output=st.sampled_from([None, "first", "new.txt", "a/", "missing/x.txt"]),
    jobs=st.sampled_from(["1", "2"]),
)
def test_random_file_trees_never_hang_crash_or_overwrite(
    work: Path, entries: list[tuple[bytes, str, bytes]], command: str, fmt: str, output: str | None, jobs: str
) -> None:
    root = work / "tree"
    shutil.rmtree(root, ignore_errors=True)
    root.mkdir()
    made = build(root, entries)
    before = snapshot(made)
    args = [command, str(root), "--as-of", "2026-11-01"]
    if command != "checklist":
        args += ["--format", fmt, "-j", jobs]
    if output == "first" and made:
        args += ["--output", os.fsdecode(made[0])]
    elif output not in (None, "first"):
        args += ["--output", str(root / output)]
    with contextlib.chdir(root):
        code, out, err = invoke(args)
    assert code in (0, 1, 2), err[-3000:]
    assert "internal error" not in err, err[-3000:]
    assert "Traceback" not in out + err
    for line in (out + err).splitlines():
        if fmt != "github" or line in err:
            assert not line.lstrip().startswith("::error file=a"), line
        assert "\x1b" not in line
    assert snapshot(made) == before  # no input was written over


# --- random rule packs ----------------------------------------------------------------------------------

FACTS = {
    "minutes": st.integers(0, 300),
    "attendance": st.integers(0, 50),
    "type": st.sampled_from(["launch", "meeting"]),
}


def conditions(depth: int) -> st.SearchStrategy[dict[str, Any]]:
    leaf = st.sampled_from(sorted(FACTS)).flatmap(
        lambda fact: st.one_of(
            FACTS[fact].map(lambda v: {fact: v}),
            st.lists(FACTS[fact], min_size=1, max_size=60).map(lambda vs: {fact: {"in": vs}}),
            st.lists(FACTS[fact], min_size=1, max_size=40).map(lambda vs: {fact: {"not_in": vs}}),
            st.just({fact: {"exists": True}}),
        )
    )
    if depth == 0:
        return leaf
    inner = conditions(depth - 1)
    return st.one_of(
        leaf,
        st.lists(inner, min_size=1, max_size=6).map(lambda xs: {"all": xs}),
        st.lists(inner, min_size=1, max_size=6).map(lambda xs: {"any": xs}),
        inner.map(lambda x: {"not": x}),
    )


def chain(levels: int) -> dict[str, Any]:
    when: dict[str, Any] = {"minutes": {"lt": 60}}
    for level in range(levels):
        when = {("any" if level % 2 else "all"): [when, {"minutes": {"gt": level}}]}
    return when


packs = st.one_of(
    st.integers(1, 12).flatmap(conditions),
    st.integers(8, 24).map(chain),  # the red-team's doubling pack, around the bound
    st.integers(1, 1200).map(lambda n: {"minutes": {"in": list(range(n))}}),
)


def limited() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (PACK_BYTES, PACK_BYTES))


@fuzz_settings(40)
@given(when=packs, rules=st.integers(1, 3), engine=st.sampled_from(["durable", "python"]))
def test_random_rule_packs_are_bounded_in_time_and_memory(
    work: Path, when: dict[str, Any], rules: int, engine: str
) -> None:
    root = work / "packs"
    shutil.rmtree(root, ignore_errors=True)
    (root / "rules").mkdir(parents=True)
    (root / "profiles" / "p").mkdir(parents=True)
    (root / "profiles" / "p" / "cop.yaml").write_bytes(PROFILE)
    (root / "profiles" / "p" / "events.yaml").write_bytes(EVENTS)
    entries = [
        {
            "id": f"local.fuzzed-{i}",
            "title": "Fuzzed",
            "stages": "all",
            "severity": "low",
            "source": "fuzz",
            "on": "session",
            "when": when,
            "message": "Fuzzed.",
            "rationale": "Fuzz.",
            "next_step": "None.",
            "examples": {"fail": [{"profile": {}}], "pass": [{"profile": {}}]},
        }
        for i in range(rules)
    ]
    (root / "rules" / "pack.yaml").write_text(yaml.safe_dump({"copadvisor-rules": 1, "rules": entries}))
    result = subprocess.run(
        [sys.executable, "-m", "copadvisor", "lint", "--as-of", "2026-11-01", "--format", "sarif", "--engine", engine],
        cwd=root,
        capture_output=True,
        timeout=PACK_SECONDS,
        preexec_fn=limited,
        check=False,
    )
    assert result.returncode in (0, 1, 2), result.stderr[-3000:]
    assert b"internal error" not in result.stderr
    assert b"profiles/p/cop.yaml" in result.stdout  # the profile is reported whatever the pack
