"""Word's automatic numbering (numbering.xml) resolved into the labels a reader sees: `I.`, `1.`, `a)`.

Clerks number headings with Word's lists as often as by typing; a checker that read only typed
numbers would miss a skipped `III.` or a `f)` that Word's lowerLetter produces after `e)`. Counters
run per abstract list, as Word counts them, and a `startOverride` restarts its list.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from .ns import qn

__all__ = ["Numbering"]


def _int(value: str | None) -> int | None:
    try:
        return None if value is None else int(float(value))
    except ValueError:
        return None


_ROMAN = (
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
)


def _roman(n: int) -> str:
    out = ""
    for value, letters in _ROMAN:
        while n >= value:
            out += letters
            n -= value
    return out


def _letters(n: int) -> str:
    """Word's lowerLetter: a…z, then aa…zz (so the sixth item is `f`, which Vietnamese has not)."""
    if n < 1:
        return ""
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def _format_number(n: int, num_fmt: str) -> str:
    if num_fmt == "upperRoman":
        return _roman(n)
    if num_fmt == "lowerRoman":
        return _roman(n).lower()
    if num_fmt == "lowerLetter":
        return _letters(n)
    if num_fmt == "upperLetter":
        return _letters(n).upper()
    if num_fmt == "decimalZero":
        return f"{n:02d}"
    if num_fmt in ("none",):
        return ""
    return str(n)


@dataclass(frozen=True, slots=True)
class _Level:
    start: int
    num_fmt: str
    text: str


class Numbering:
    """numbering.xml: labels of automatic lists, counted per abstract list as Word counts them."""

    def __init__(self, root: etree._Element | None):
        self._levels: dict[str, dict[int, _Level]] = {}
        self._num_abstract: dict[str, str] = {}
        self._overrides: dict[str, dict[int, int]] = {}
        self._counters: dict[str, dict[int, int]] = {}
        self._restarted: set[str] = set()
        if root is None:
            return
        for abstract in root.iter(qn("w:abstractNum")):
            levels: dict[int, _Level] = {}
            for lvl in abstract.findall(qn("w:lvl")):
                levels[_int(lvl.get(qn("w:ilvl"))) or 0] = self._level(lvl)
            self._levels[abstract.get(qn("w:abstractNumId"), "")] = levels
        for num in root.iter(qn("w:num")):
            num_id = num.get(qn("w:numId"), "")
            ref = num.find(qn("w:abstractNumId"))
            self._num_abstract[num_id] = ref.get(qn("w:val"), "") if ref is not None else ""
            overrides: dict[int, int] = {}
            for override in num.findall(qn("w:lvlOverride")):
                start = override.find(qn("w:startOverride"))
                if start is not None:
                    overrides[_int(override.get(qn("w:ilvl"))) or 0] = _int(start.get(qn("w:val"))) or 1
            self._overrides[num_id] = overrides

    @staticmethod
    def _level(lvl: etree._Element) -> _Level:
        start = lvl.find(qn("w:start"))
        fmt = lvl.find(qn("w:numFmt"))
        text = lvl.find(qn("w:lvlText"))
        return _Level(
            start=_int(start.get(qn("w:val"))) or 0 if start is not None else 1,
            num_fmt=fmt.get(qn("w:val"), "decimal") if fmt is not None else "decimal",
            text=text.get(qn("w:val"), "") if text is not None else "",
        )

    def label(self, num_id: str | None, level: int | None) -> tuple[str, str | None]:
        """Return the next label of list `num_id` at `level` and its number format ('' when none)."""
        if not num_id or num_id == "0" or num_id not in self._num_abstract:
            return "", None
        level = level or 0
        abstract = self._num_abstract[num_id]
        levels = self._levels.get(abstract, {})
        if level not in levels:
            return "", None
        counters = self._counters.setdefault(abstract, {})
        overrides = self._overrides.get(num_id, {})
        if num_id not in self._restarted:
            self._restarted.add(num_id)
            for lvl, start in overrides.items():
                counters[lvl] = start - 1
        this = levels[level]
        counters[level] = counters.get(level, this.start - 1) + 1
        for deeper in [k for k in counters if k > level]:
            del counters[deeper]
        if this.num_fmt == "bullet":
            return this.text, "bullet"

        def value(match: re.Match[str]) -> str:
            lvl = int(match.group(1)) - 1
            if lvl not in levels:
                return ""
            count = counters.get(lvl, levels[lvl].start)
            return _format_number(count, levels[lvl].num_fmt)

        return re.sub(r"%(\d)", value, this.text), this.num_fmt
