"""Person ids blanked out of sponsor-facing text (SPEC §5: sponsors never see who attended or said what)."""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable

from copadvisor.errors import Location

REDACTED = "…"


class Redactor:
    """Blanks out each person id of a portfolio wherever it stands in a text as a whole token, in time linear
    in the text: ids are indexed by their first word (or, for an id that starts with another character, by
    that character), so each place in the text is tried only against the ids that could start there.

    A token is bounded by anything but a letter or a digit: an underscore, a hyphen, a dot, a slash or a space
    (``ann_smith_cop`` holds the id ``ann``). Ids are matched in any letter case (``jc`` for ``JC``) and text
    and ids are compared in Unicode's composed form (NFC: ``Zoë`` typed either way), so the text comes back
    composed. The same result as one regular expression ``(?<![^\\W_])ID(?![^\\W_])`` of every id, longest
    first, ignoring case, on NFC text, without building and sorting the portfolio's ids for every text."""

    def __init__(self, ids: Iterable[str]) -> None:
        index: dict[str, list[re.Pattern[str]]] = defaultdict(list)
        chosen = {_nfc(i) for i in ids if i.strip()}
        for i in sorted(chosen, key=lambda i: (-len(i), i)):
            index[_head(i)].append(re.compile(re.escape(i), re.IGNORECASE))
        self._index = dict(index)

    def redact(self, text: str) -> str:
        if not self._index:
            return text
        text = _nfc(text)
        out: list[str] = []
        pos = done = 0
        while pos < len(text):
            found = self._at(text, pos) if pos == 0 or not _word(text[pos - 1]) else 0
            if found:
                out += [text[done:pos], REDACTED]
                pos = done = pos + found
            else:
                pos += 1
        return "".join([*out, text[done:]])

    def _at(self, text: str, pos: int) -> int:
        """The length of the longest id standing as a whole token at ``pos`` (0 if none)."""
        head = _WORD.match(text, pos)
        for candidate in self._index.get((head.group() if head else text[pos]).casefold(), ()):
            match = candidate.match(text, pos)
            if match and (match.end() == len(text) or not _word(text[match.end()])):
                return match.end() - pos
        return 0

    def location(self, location: Location) -> Location:
        return Location(self.redact(location.path), location.line, location.column)


_WORD = re.compile(r"[^\W_]+")  # letters and digits: an underscore bounds a token as a hyphen does


def _word(char: str) -> bool:
    return _WORD.fullmatch(char) is not None


def _head(person_id: str) -> str:
    head = _WORD.match(person_id)
    return (head.group() if head else person_id[0]).casefold()


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)
