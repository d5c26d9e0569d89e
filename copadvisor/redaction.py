"""Person ids blanked out of sponsor-facing text (SPEC §5: sponsors never see who attended or said what)."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable

from copadvisor.errors import Location

REDACTED = "…"


class Redactor:
    """Blanks out each person id of a portfolio wherever it stands in a text as a whole token, in time linear
    in the text: ids are indexed by their first word (or, for an id that starts with another character, by
    that character), so each place in the text is tried only against the ids that could start there.

    The same result as one regular expression ``(?<!\\w)ID(?!\\w)`` of every id, longest first, without
    building and sorting the portfolio's ids for every text."""

    def __init__(self, ids: Iterable[str]) -> None:
        index: dict[str, list[str]] = defaultdict(list)
        for i in sorted({i for i in ids if i.strip()}, key=lambda i: (-len(i), i)):
            index[_head(i)].append(i)
        self._index = dict(index)

    def redact(self, text: str) -> str:
        if not self._index:
            return text
        out: list[str] = []
        pos = done = 0
        while pos < len(text):
            found = self._at(text, pos) if pos == 0 or not _word(text[pos - 1]) else None
            if found:
                out += [text[done:pos], REDACTED]
                pos = done = pos + len(found)
            else:
                pos += 1
        return "".join([*out, text[done:]])

    def _at(self, text: str, pos: int) -> str | None:
        """The longest id standing as a whole token at ``pos``, if any."""
        head = _WORD.match(text, pos)
        for candidate in self._index.get(head.group() if head else text[pos], ()):
            end = pos + len(candidate)
            if text.startswith(candidate, pos) and (end == len(text) or not _word(text[end])):
                return candidate
        return None

    def location(self, location: Location) -> Location:
        return Location(self.redact(location.path), location.line, location.column)


_WORD = re.compile(r"\w+")


def _word(char: str) -> bool:
    return _WORD.fullmatch(char) is not None


def _head(person_id: str) -> str:
    head = _WORD.match(person_id)
    return head.group() if head else person_id[0]
