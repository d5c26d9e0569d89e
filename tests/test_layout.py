"""The tests mirror the package module by module: ``copadvisor/a/b.py`` is tested in ``tests/a/test_b.py`` and a
package's ``copadvisor/a/__init__.py`` in ``tests/a/test_a.py``. Tests that are about no one module (golden
reports, the examples, the engines agreeing, fuzzing, the browser) have their own names, listed here."""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PACKAGE = REPO / "copadvisor"
TESTS = REPO / "tests"

# Modules with nothing to test of their own. Keep this short: anything with a function or a table gets a test.
NOTHING_TO_TEST = {
    "copadvisor/__init__.py",  # only __version__ (asserted by tests/cli/test_main.py)
    "copadvisor/__main__.py",  # `python -m copadvisor` calls cli.main (run by tests/cli/test_commands.py)
    "copadvisor/cli/__init__.py",  # a docstring
    "copadvisor/render/portfolio/__init__.py",  # a docstring
}

# Test modules about no one module of the package: their names say what they are about.
CROSS_CUTTING = {
    "tests/test_layout.py",  # this file
    "tests/test_golden.py",  # every byte of the example profiles' reports
    "tests/test_examples.py",  # what each example profile is for
    "tests/test_scenarios.py",  # the guidance scenarios of tests/scenarios/: goldens and an expert's expectations
    "tests/test_rule_catalogue.py",  # the built-in rules as a whole, every rule's YAML examples on both engines
    "tests/test_engines_agree_on_profiles.py",  # the whole pipeline, whichever engine
    "tests/test_malloc_perturb.py",  # the pipeline under MALLOC_PERTURB_
    "tests/test_every_format.py",  # one fixture portfolio through every output format
    "tests/test_sponsors_anonymity.py",  # no person id in the sponsors' HTML or Markdown
    "tests/engine/test_engines_agree.py",  # both engines on measured and generated rules
    "tests/load/test_properties.py",  # property tests of loading as a whole
    "tests/cli/test_precommit.py",  # the pre-commit hook end to end
    "tests/test_action.py",  # the GitHub Action's lint step, run as the runner runs it
    "tests/test_terminal_width.py",  # every command for people at 80 and 120 columns
    "tests/test_architecture.py",  # import layers, cycles, module sizes, the architecture diagram
}
CROSS_CUTTING_FOLDERS = ("tests/fuzz/", "tests/browser/", "tests/hardening/")  # hardening: one module a promise


def expected_test(module: Path) -> str:
    """``copadvisor/a/b.py`` → ``tests/a/test_b.py``; ``copadvisor/a/__init__.py`` → ``tests/a/test_a.py``."""
    relative = module.relative_to(PACKAGE)
    if relative.name == "__init__.py":
        folder = relative.parent
        return str(Path("tests", folder, f"test_{folder.name}.py"))
    return str(Path("tests", relative.parent, f"test_{relative.name}"))


def modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "templates" not in p.parts)


def test_the_mapping_of_modules_to_tests() -> None:
    assert expected_test(PACKAGE / "decide" / "policy.py") == "tests/decide/test_policy.py"
    assert expected_test(PACKAGE / "render" / "sarif.py") == "tests/render/test_sarif.py"
    assert expected_test(PACKAGE / "config.py") == "tests/test_config.py"
    assert expected_test(PACKAGE / "cli" / "commands.py") == "tests/cli/test_commands.py"
    assert expected_test(PACKAGE / "decide" / "__init__.py") == "tests/decide/test_decide.py"
    assert expected_test(PACKAGE / "render" / "portfolio" / "charts.py") == "tests/render/portfolio/test_charts.py"


def test_every_module_has_its_test_module() -> None:
    missing = [
        f"{module.relative_to(REPO)} → {expected_test(module)}"
        for module in modules()
        if str(module.relative_to(REPO)) not in NOTHING_TO_TEST and not (REPO / expected_test(module)).is_file()
    ]
    assert missing == []


def test_the_allow_list_names_only_modules_that_exist() -> None:
    assert sorted(n for n in NOTHING_TO_TEST if not (REPO / n).is_file()) == []
    assert sorted(n for n in CROSS_CUTTING if not (REPO / n).is_file()) == []


def test_every_test_module_mirrors_a_module_or_is_named_as_cross_cutting() -> None:
    mirrors = {expected_test(module) for module in modules()}
    strays = [
        str(path.relative_to(REPO))
        for path in sorted(TESTS.rglob("test_*.py"))
        if str(path.relative_to(REPO)) not in mirrors | CROSS_CUTTING
        and not str(path.relative_to(REPO)).startswith(CROSS_CUTTING_FOLDERS)
    ]
    assert strays == []


def test_every_test_folder_is_a_package() -> None:
    """Test modules of the same name in two folders (render/test_markdown.py, render/portfolio/test_markdown.py)
    import only as packages under pytest's default import mode."""
    folders = {path.parent for path in TESTS.rglob("test_*.py")} - {TESTS}
    assert sorted(str(f.relative_to(REPO)) for f in folders if not (f / "__init__.py").is_file()) == []
