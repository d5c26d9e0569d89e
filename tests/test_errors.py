"""The one error family (``copadvisor.errors``): located problems, printed as ``path:line:col: message``."""

from __future__ import annotations

import pytest

from copadvisor.errors import InputError, Location, Problem, UsageError


def test_a_location_prints_as_path_line_column() -> None:
    assert str(Location("p/cop.yaml", 4, 3)) == "p/cop.yaml:4:3"
    assert str(Location("p/cop.yaml")) == "p/cop.yaml:1:1"  # only the file known


def test_locations_and_problems_sort_by_path_then_line_then_column() -> None:
    places = [Location("b", 1, 1), Location("a", 2, 1), Location("a", 1, 5), Location("a", 1, 2)]
    assert sorted(places) == [Location("a", 1, 2), Location("a", 1, 5), Location("a", 2, 1), Location("b", 1, 1)]
    assert sorted([Problem(Location("a", 2), "x"), Problem(Location("a", 1), "z")])[0].message == "z"


def test_a_problem_prints_where_then_what() -> None:
    assert str(Problem(Location("c.toml", 2, 1), "ignorre: unknown key")) == "c.toml:2:1: ignorre: unknown key"


def test_an_input_error_carries_every_problem_sorted() -> None:
    second = Problem(Location("a.yaml", 9, 1), "second")
    first = Problem(Location("a.yaml", 2, 7), "first")
    error = InputError([second, first])
    assert error.problems == (first, second)
    assert str(error) == "a.yaml:2:7: first\na.yaml:9:1: second"


def test_a_usage_error_is_its_message() -> None:
    with pytest.raises(UsageError, match=r"^give --stage or --next, not both$"):
        raise UsageError("give --stage or --next, not both")
    assert not issubclass(UsageError, InputError)
