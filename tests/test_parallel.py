"""copadvisor.parallel: the same bytes whatever the number of jobs, on a generated corpus with broken profiles."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from copadvisor.cli.main import run
from copadvisor.load import discover
from copadvisor.parallel import MIN_PROFILES_PER_JOB

REPO = Path(__file__).resolve().parents[1]
AS_OF = "2026-11-01"
BROKEN = {
    "cop-00007/cop.yaml": "copadvisor: 1\nname: [unclosed\n",  # invalid YAML
    "cop-00031/events.yaml": "- {date: 2024-02-30, type: meeting}\n",  # an impossible date
    "cop-00064/cop.yaml": "",  # empty
    "cop-00090/cop.yaml": "copadvisor: 1\nname: x\nconvener: {id: AK, dedicated_hour_per_month: 3}\n",  # typo
}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """120 generated profiles of 20 events, four of them broken in different ways, and a single-file one."""
    spec = importlib.util.spec_from_file_location("corpus", REPO / "benchmarks" / "corpus.py")
    assert spec
    assert spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    root = tmp_path_factory.mktemp("parallel") / "corpus"
    module.write_corpus(root, profiles=120, events=20)
    for name, text in BROKEN.items():
        (root / name).write_text(text, encoding="utf-8")
    (root / "single.yaml").write_text("copadvisor: 1\nname: One file\nevents: []\n", encoding="utf-8")
    return root


def lint(folder: Path, out: Path, jobs: int, *options: str) -> tuple[int, bytes]:
    code = run(["lint", str(folder), "--as-of", AS_OF, "--jobs", str(jobs), "--output", str(out), *options])
    return code, out.read_bytes()


def test_the_corpus_is_large_enough_for_two_workers(corpus: Path) -> None:
    sources, _ = discover([str(corpus)])
    assert len(sources) == 121
    assert len(sources) // MIN_PROFILES_PER_JOB >= 2  # so that --jobs 2 really starts two workers


@pytest.mark.parametrize("fmt", ["json", "text", "sarif"])
def test_one_job_and_two_jobs_give_the_same_bytes(corpus: Path, tmp_path: Path, fmt: str) -> None:
    one = lint(corpus, tmp_path / f"one.{fmt}", 1, "--format", fmt)
    two = lint(corpus, tmp_path / f"two.{fmt}", 2, "--format", fmt)
    assert one[0] == two[0] == 2  # the broken profiles make it exit 2; the others are still reported
    assert one[1] == two[1]
    assert b"cop-00119" in one[1]
    assert b"cop-00007" in one[1]


def test_check_json_is_the_same_with_every_core(corpus: Path, tmp_path: Path) -> None:
    outputs = []
    for jobs in (1, 0):  # 0: one worker per core
        out = tmp_path / f"check-{jobs}.json"
        code = run(
            ["check", str(corpus), "--as-of", AS_OF, "--jobs", str(jobs), "--format", "json", "--output", str(out)]
        )
        outputs.append((code, out.read_bytes()))
    assert outputs[0] == outputs[1]
