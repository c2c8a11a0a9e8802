"""Lengths: compute and the document tree speak points; only WordprocessingML speaks twips.

A length is a `Fraction` of a point. Layout compares lengths for equality at its edges (a header
line exactly as wide as its column still fits), and binary floats cannot hold 0.05 pt: the sum of
two measured widths could land a hair under the column and a line be reported as wrapping. Exact
fractions cost nothing at the few hundred lengths a report has, and `float()` of one is exact enough
for anyone who reads it.

`twips` is the one conversion to the file's unit. Word stores widths and indents in whole twips
(1/20 pt), so a layout that shares out a whole (a table's width among its columns, the rest of a
header beside a line) shares it in steps of 1/20 pt (`STEP`, `step_down`, `share`): finer shares
would, once rounded, add up to more or less than the whole they came from.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction

__all__ = ["STEP", "TWIPS_PER_POINT", "Length", "points", "share", "step", "step_down", "twips"]

TWIPS_PER_POINT = 20
STEP = Fraction(1, TWIPS_PER_POINT)  # pt: the finest length the file stores for a width or an indent


def twips(length: Fraction | float) -> int:
    """Return `length` (points) in twips, the unit of WordprocessingML widths and indents.

    Rounding rule: to the nearest twip, a value exactly half-way to the even one (Python's `round`,
    as widths were always rounded here). A float is first rounded to a millionth of a twip, so that
    187.05 pt stored as 187.04999… is 3741 twips and a float half-way stays half-way.
    """
    scaled = length * TWIPS_PER_POINT
    if not isinstance(scaled, Fraction):
        scaled = Fraction(round(scaled, 6))
    return round(scaled)


def points(twips_value: int | str) -> Fraction:
    """Return a length read from the file (twips) in points."""
    return Fraction(int(twips_value), TWIPS_PER_POINT)


def step(length: Fraction) -> Fraction:
    """Return `length` on the nearest 1/20 pt step (the rule of `twips`)."""
    return points(twips(length))


def step_down(length: Fraction) -> Fraction:
    """Return the largest 1/20 pt step not above `length`: a share that must never exceed its whole."""
    return Fraction(math.floor(length * TWIPS_PER_POINT), TWIPS_PER_POINT)


def share(length: Fraction, parts: int) -> list[Fraction]:
    """Return `length` cut into `parts` shares on the 1/20 pt step that add up to it exactly
    (when it is on the step itself), the first shares a step larger than the last."""
    whole, rest = divmod(math.floor(length * TWIPS_PER_POINT), parts)
    return [points(whole + (1 if index < rest else 0)) for index in range(parts)]


@dataclass(frozen=True)
class Length:
    """A length (points) of the frame: the header columns and the indents of its rules.

    `ooxml.geometry` writes them into the rendered header by structure. `__html__` (twips) is kept
    for an office template made before that, which still carries `{{ cot_trai }}` inside a `w:w`
    attribute: docxtpl fills it through Jinja's autoescape, then the geometry sets the same number.
    """

    points: Fraction

    def __html__(self) -> str:
        return str(twips(self.points))
