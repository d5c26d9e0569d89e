"""Plain helpers for the tests of ``copadvisor.load``: load one path, read its problems as the CLI prints them."""

from __future__ import annotations

from collections.abc import Callable

from copadvisor.load import LoadedProfile, LoadFailure, load_paths

Write = Callable[..., str]  # the `write` fixture: (content, name=...) -> path


def failure(path: str) -> LoadFailure:
    """The one result of loading ``path``, which must be a failure."""
    (result,) = load_paths([path])
    assert isinstance(result, LoadFailure), result
    return result


def loaded(path: str) -> LoadedProfile:
    """The one result of loading ``path``, which must be a valid profile."""
    (result,) = load_paths([path])
    assert isinstance(result, LoadedProfile), getattr(result, "problems", result)
    return result


def problems(path: str) -> list[str]:
    """Every problem of the profile at ``path``, each as ``path:line:col: message``."""
    return [str(problem) for problem in failure(path).problems]
