"""Text folded for matching (lower case, punctuation as spaces), each character mapped back to the typed one.

A clerk's pasted sentence differs from the kind's template in small ways ("trực tiếp 408" for
"trực tiếp: 408", "văn hóa- xã hội" for "văn hóa - xã hội", a capital letter): rules match the folded
text, then point at the typed characters through `origin`.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Folded", "fold", "fold_words"]

_SPACES = set(" \t\n\r\u00a0:;,()[]“”\"'*–—-_/")


@dataclass(frozen=True)
class Folded:
    """A folded text and, for each of its characters, the offset of the typed character it comes from."""

    text: str
    origin: tuple[int, ...]

    def offset(self, index: int) -> int:
        """Return the typed offset of folded character `index` (the end of the text past the last one)."""
        if index < len(self.origin):
            return self.origin[index]
        return (self.origin[-1] + 1) if self.origin else 0


def fold(text: str) -> Folded:
    """Return `text` in lower case with punctuation and runs of spaces as one space.

    A comma or a full stop between two digits is kept: it belongs to a number (`1.836`, `90,3`).
    """
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
    return Folded("".join(out), tuple(origin))


def fold_words(text: str) -> list[str]:
    """Return the folded words of `text` (a label of a template)."""
    return fold(text).text.split()
