"""Heading numbers as typed or as Word's automatic numbering: which kind, which value, how long.

The tool computes every section number from the position of the section, so an imported report keeps
the kind of each level (`danh_so`: phan, la_ma, so, so_phu, chu) and drops the typed number itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..vietnamese import VIETNAMESE_POINT_LETTERS, ordinal_words, to_roman

__all__ = ["KIND_ORDER", "Number", "number_of", "part_number"]

KIND_ORDER: tuple[str, ...] = ("phan", "la_ma", "so", "so_phu", "chu")
"""The numbering kinds from the outermost level in; `danh_so` lists the ones a report uses, in this order."""

_ROMAN_VALUES = {to_roman(n): n for n in range(1, 40)}
_PART_WORDS = {ordinal_words(n).removeprefix("thứ ").strip(): n for n in range(1, 30)}
_PART = re.compile(r"^\s*(phần)\s+(?:thứ\s+(\S+?)|([IVXLC]+)|(\d+))\s*[.:]?(?:\s+|$)", re.IGNORECASE)
# "II." and "II:" as typed; "I-Đặc điểm", "II- Công tác" too (a hyphen before a capital, so "X-quang" is prose)
_ROMAN = re.compile(r"^\s*([IVXLC]+)\s*([.:]|[-–](?=\s*\w))\s*")
_DECIMAL = re.compile(r"^\s*(\d{1,2}(?:\.\d{1,2})*)\s*[.)]?\s+")
_LETTER = re.compile(r"^\s*([a-zđ])\s*\)\s*")


@dataclass(frozen=True, slots=True)
class Number:
    """A heading number: its kind (`so_phu` for 1.1.), its value at its level, its typed length."""

    kind: str
    value: int
    length: int
    parents: tuple[int, ...] = ()  # 2 for "2.1." — the number of the section it belongs to


def part_number(word: str) -> int | None:
    """Return n of "Phần thứ n" written in words (nhất, hai…, tư), in Roman or in digits."""
    word = word.strip(" .:").lower()
    if word in _PART_WORDS:
        return _PART_WORDS[word]
    if word.upper() in _ROMAN_VALUES:
        return _ROMAN_VALUES[word.upper()]
    return int(word) if word.isdigit() else None


def number_of(text: str) -> Number | None:
    """Return the heading number at the start of `text` ("III. ", "2.1. ", "đ) ", "Phần thứ hai"), if any."""
    match = _PART.match(text)
    if match:
        value = part_number(match.group(2) or match.group(3) or match.group(4) or "")
        if value is not None:
            return Number("phan", value, match.end())
    match = _ROMAN.match(text)
    after = text[match.end() : match.end() + 1] if match else ""
    if match and match.group(2) in "-–" and not after.isupper():
        match = None  # "X-quang", "V-1": a hyphen starts a heading only before a capital
    if match and match.group(1) in _ROMAN_VALUES and (after or " ") != "/":
        return Number("la_ma", _ROMAN_VALUES[match.group(1)], match.end())
    match = _DECIMAL.match(text)
    if match:
        digits = [int(d) for d in match.group(1).split(".")]
        typed = match.group(0)
        if len(digits) == 1 and not typed.rstrip().endswith("."):
            return None  # "2 xã" is prose, "2." a number
        if len(digits) == 1:
            return Number("so", digits[0], match.end())
        if len(digits) == 2 and digits[0] < 100:
            return Number("so_phu", digits[1], match.end(), (digits[0],))
        return None
    match = _LETTER.match(text)
    if match and match.group(1) in VIETNAMESE_POINT_LETTERS:
        return Number("chu", VIETNAMESE_POINT_LETTERS.index(match.group(1)) + 1, match.end())
    return None
