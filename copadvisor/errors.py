"""Located problems: the one error family for expected failures (bad YAML, profile, rule pack, config)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

# Longest text a message echoes from input: a 4 MB value is cut, with an ellipsis.
MAX_ECHO = 200
# Longest message a problem carries, whatever it quotes.
MAX_MESSAGE = 1000


def shorten(value: str, limit: int = MAX_ECHO) -> str:
    """At most ``limit`` characters, with an ellipsis when cut (for values echoed in messages)."""
    return value if len(value) <= limit else value[: limit - 1] + "…"


DATE_FORM = "write it as YYYY-MM-DD"
NO_SUCH_DAY = "there is no such day"
WITH_A_TIME = "write it as YYYY-MM-DD, without a time"


def not_a_date(value: str, why: str = DATE_FORM) -> str:
    """The one wording of a bad date, wherever it is given: ``'2024-02-30' is not a date: there is no such
    day``; ``why`` is ``DATE_FORM``, ``NO_SUCH_DAY`` or ``WITH_A_TIME``."""
    return f"'{shorten(value)}' is not a date: {why}"


@dataclass(frozen=True, order=True, slots=True)
class Location:
    """A 1-based position in a file; line 1 column 1 when only the file is known."""

    path: str
    line: int = 1
    column: int = 1

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"


@dataclass(frozen=True, order=True, slots=True)
class Problem:
    """An input that could not be used, with where it is and what to do about it."""

    location: Location
    message: str

    def __post_init__(self) -> None:
        if len(self.message) > MAX_MESSAGE:  # a backstop: messages quote input, and input can be megabytes
            object.__setattr__(self, "message", shorten(self.message, MAX_MESSAGE))

    def __str__(self) -> str:
        return f"{self.location}: {self.message}"


class InputError(Exception):
    """Raised for input a user can mend; carries every problem found, each located."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(sorted(problems))
        super().__init__("\n".join(str(p) for p in self.problems))


class UsageError(Exception):
    """A command line that cannot be carried out as given (exit 2): the message says what to change."""
