"""Text folded for matching (lower case, punctuation as spaces), each character mapped back to the typed one.

A clerk's pasted sentence differs from the kind's template in small ways ("trực tiếp 408" for
"trực tiếp: 408", "văn hóa- xã hội" for "văn hóa - xã hội", a capital letter): rules match the folded
text, then point at the typed characters through `origin`.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

__all__ = ["Folded", "fold", "fold_words"]

_SPACES = set(" \t\n\r\u00a0:;,()[]“”\"'*–—-_/")
_SEPARATOR_RUN = re.compile("[" + "".join(re.escape(char) for char in sorted(_SPACES)) + "]+")


@dataclass(frozen=True)
class Folded:
    """A folded text and where each of its characters comes from in the typed text.

    `starts` and `typed` describe pieces: the folded characters from `starts[k]` on come from the typed
    characters from `typed[k]` on, one for one, up to the next piece (a run of spaces and punctuation
    folds to a piece of one space). Lines are folded by the hundred per report and looked up rarely,
    so the map is kept by piece rather than by character.
    """

    text: str
    starts: tuple[int, ...]
    typed: tuple[int, ...]

    @property
    def origin(self) -> tuple[int, ...]:
        """Return, for each folded character, the offset of the typed character it comes from."""
        return tuple(self._at(index) for index in range(len(self.text)))

    def offset(self, index: int) -> int:
        """Return the typed offset of folded character `index` (the end of the text past the last one)."""
        if index < len(self.text):
            return self._at(index)
        return (self._at(len(self.text) - 1) + 1) if self.text else 0

    def _at(self, index: int) -> int:
        piece = bisect.bisect_right(self.starts, index) - 1
        return self.typed[piece] + index - self.starts[piece]


def fold(text: str) -> Folded:
    """Return `text` in lower case with punctuation and runs of spaces as one space.

    A comma or a full stop between two digits is kept: it belongs to a number (`1.836`, `90,3`).
    """
    lowered = text.lower()
    if len(lowered) != len(text) or "Σ" in text:  # a letter whose lower case is not one letter of its own
        return _fold_each(text)
    out: list[str] = []
    starts: list[int] = []
    typed: list[int] = []
    size = 0  # folded characters so far
    position = 0
    last = len(text) - 1
    for match in _SEPARATOR_RUN.finditer(text):
        start, end = match.span()
        if end - start == 1 and text[start] in ",/" and _in_number(text, start, last):
            continue  # kept with the text around it
        if start > position:
            out.append(lowered[position:start])
            starts.append(size)
            typed.append(position)
            size += start - position
        if size:
            out.append(" ")
            starts.append(size)
            typed.append(start)
            size += 1
        position = end
    if position <= last:
        out.append(lowered[position:])
        starts.append(size)
        typed.append(position)
    return Folded("".join(out), tuple(starts), tuple(typed))


def _in_number(text: str, index: int, last: int) -> bool:
    """Return whether the comma or slash at `index` stands between two digits (part of a number)."""
    return 0 < index < last and text[index - 1].isdigit() and text[index + 1].isdigit()


def _fold_each(text: str) -> Folded:
    """`fold`, one character at a time: for text whose lower case is not the lower case of each letter."""
    out: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        between_digits = 0 < index < len(text) - 1 and text[index - 1].isdigit() and text[index + 1].isdigit()
        if char in _SPACES and not (char in ",/" and between_digits):
            if out and out[-1] != " ":
                out.append(" ")
                origin.append(index)
            continue
        out.append(char.lower())
        origin.append(index)
    text_out = "".join(out)
    each = tuple(index for piece, index in zip(out, origin, strict=True) for _ in piece)  # "İ" lowers to two
    return Folded(text_out, tuple(range(len(text_out))), each)


def fold_words(text: str) -> list[str]:
    """Return the folded words of `text` (a label of a template)."""
    return fold(text).text.split()
