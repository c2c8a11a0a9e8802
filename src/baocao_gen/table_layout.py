"""Table column widths: how wide each column must be so that no word breaks, and how the page is shared.

Word sizes a fixed-layout table by the widths it is given, and breaks a word in the middle when its
column is narrower (`Doanh nghiệ|p`). So every cell's text is measured: a column is at least as wide
as its longest word (its whole value for numbers and short values), a cell spanning columns widens
them evenly, and the width left over goes to the columns that wrap. The table is set at the largest
size, from the one asked for down to `MIN_SIZE`, at which it fits. Lengths are points (exact
fractions, see ooxml/units.py); nothing here reports to the clerk: `tables` does, from the result.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache
from typing import NamedTuple

from .document import Cell, LineBreak, Run
from .ooxml.measure import stretch, width_at
from .ooxml.units import points, step_down, twips

__all__ = [
    "CELL_PADDING",
    "DEFAULT_SIZE",
    "MIN_SIZE",
    "SHORT_VALUE",
    "Layout",
    "column_needs",
    "layout_table",
    "share_out",
]

MIN_SIZE = 10  # pt: the smallest table text that reads on paper (Phổ Hòa's 7 pt did not)
DEFAULT_SIZE = 12  # pt: the size a table starts from; it steps down to MIN_SIZE only when it must
CELL_PADDING = Fraction(8)  # pt: both cell margins (2 × 2.85 pt) and air for LibreOffice's rounding of widths
SHORT_VALUE = 24  # characters: a shorter cell value (a number, a year, a name) is kept on one line


@dataclass(frozen=True)
class Layout:
    """A table's font size (pt) and column widths (pt); `fits` is False when words must break."""

    size: float
    widths: list[Fraction]
    fits: bool = True


class _Measured(NamedTuple):
    """One placed cell, measured once for every size tried: its widest word and line in 1/1000 em.

    A named tuple rather than a frozen dataclass: one per cell, and a frozen dataclass's `__init__`
    (one `object.__setattr__` per field) was a tenth of the layout's time.
    """

    row: int
    column: int
    span: int
    word: int  # the widest stretch between spaces
    line: int  # the widest line (hard breaks split lines)
    length: int  # characters, to tell a short value


def layout_table(
    rows: list[list[Cell]],
    header_count: int,
    numeric: Sequence[bool],
    wraps: Sequence[bool],
    typed_weights: Sequence[Fraction] | None,
    available: Fraction,
    wanted: float,
) -> Layout:
    """Return the size and widths of a table whose first `header_count` rows are its header.

    `numeric` marks the columns whose values never wrap, `wraps` the text columns that receive the
    spare width (in proportion to their need), unless the clerk typed weights (`typed_weights`).
    `wanted` (pt, at least `MIN_SIZE`) is tried first, then each whole size below it down to
    `MIN_SIZE`; at each size short text values are first kept whole, then allowed to wrap.
    """
    columns = len(numeric)
    measured = _measure(rows, columns)
    sizes = [wanted] + [size for size in range(int(wanted), MIN_SIZE - 1, -1) if size < wanted]
    for size in sizes:
        for strict in (True, False):
            needs_twips = _needs_twips(measured, header_count, numeric, columns, size, strict)
            if points(sum(needs_twips)) <= available:
                needs = [points(need) for need in needs_twips]
                return Layout(size, share_out(needs, _weights(needs, wraps, typed_weights), available))
    needs = column_needs(measured, header_count, numeric, columns, MIN_SIZE, False)
    total = sum(needs)
    return Layout(MIN_SIZE, [step_down(available * need / total) for need in needs], fits=False)


def _placed(rows: list[list[Cell]], columns: int) -> list[tuple[int, Cell, int, int]]:
    """Return (row, cell, first column, span) for every cell, as the OOXML writer places them:
    a cell starts at the first column not covered by a cell merged down from a row above."""
    covered: set[tuple[int, int]] = set()
    out = []
    for r_index, cells in enumerate(rows):
        col = 0
        for cell in cells:
            while (r_index, col) in covered:
                col += 1
            if col >= columns:
                break
            span = max(1, min(cell.colspan, columns - col))
            for below in range(1, cell.rowspan):
                covered.update((r_index + below, c) for c in range(col, col + span))
            out.append((r_index, cell, col, span))
            col += span
    return out


def _measure(rows: list[list[Cell]], columns: int) -> list[_Measured]:
    """Return every placed cell with the widths of its widest word and line, narrowest span first."""
    out = []
    for r_index, cell, col, span in sorted(_placed(rows, columns), key=lambda item: item[3]):
        word = line = length = 0
        for runs in _lines(cell):
            line_width = piece = 0
            for run in runs:
                part = stretch(run.text, run.bold or cell.bold, run.italic)
                line_width += part.total
                if part.spaced:
                    word = max(word, piece + part.head, part.inner)
                    piece = part.tail
                else:
                    piece += part.total
                word = max(word, piece)
                length += len(run.text)
            line = max(line, line_width)
        out.append(_Measured(r_index, col, span, word, line, length))
    return out


def _lines(cell: Cell) -> list[list[Run]]:
    """Return a cell's lines (split at hard breaks) as the runs on each."""
    lines: list[list[Run]] = [[]]
    for inline in cell.inlines:
        if isinstance(inline, LineBreak):
            lines.append([])
        elif isinstance(inline, Run):
            lines[-1].append(inline)
    return lines


def column_needs(
    measured: list[_Measured],
    header_count: int,
    numeric: Sequence[bool],
    columns: int,
    size: float,
    strict: bool,
) -> list[Fraction]:
    """Return the narrowest width (pt) of each column at which no word (no number) breaks in the middle.

    Header cells and long values may wrap between words. Numbers never wrap; short text values do
    not either while `strict`. A cell spanning columns widens them evenly when its longest word
    needs more than they give together.
    """
    return [points(need) for need in _needs_twips(measured, header_count, numeric, columns, size, strict)]


_PADDING_TWIPS = twips(CELL_PADDING)


@lru_cache(maxsize=16384)
def _width_twips(em_thousandths: int, size: float) -> int:
    """Return `width_at` in twips: exact, since it lies on the 1/20 pt step."""
    return twips(width_at(em_thousandths, size))


def _needs_twips(
    measured: list[_Measured],
    header_count: int,
    numeric: Sequence[bool],
    columns: int,
    size: float,
    strict: bool,
) -> list[int]:
    """Return `column_needs` in whole twips.

    Every length added here (padding, measured widths, shares of a spanning cell) lies on the 1/20 pt
    step, so whole twips give the same widths as `Fraction` points without building thousands of
    fractions (the layout of Phổ Hòa's appendix tables: ≈5 → ≈3 ms a render). A spanning cell's extra width is
    cut as `units.share` cuts it: whole twips, the first shares one twip larger.
    """
    needs = [_PADDING_TWIPS] * columns
    for cell in measured:
        whole = (
            cell.row >= header_count
            and cell.span == 1
            and (numeric[cell.column] or (strict and cell.length <= SHORT_VALUE))
        )
        need = _width_twips(cell.line if whole else cell.word, size) + _PADDING_TWIPS
        have = sum(needs[cell.column : cell.column + cell.span])
        if need > have:
            each, rest = divmod(need - have, cell.span)
            for offset in range(cell.span):
                needs[cell.column + offset] += each + (1 if offset < rest else 0)
    return needs


def _weights(
    needs: list[Fraction], wraps: Sequence[bool], typed: Sequence[Fraction] | None
) -> list[Fraction]:
    """Return how the spare width is shared: typed weights (`rong`), else to the text columns that
    wrap, in proportion to their need (all columns when none wraps). Typed weights are exact
    decimals: `2,6` and `7,4` make 10, as the clerk meant, not 9.999… as binary floats do."""
    if typed is not None:
        return list(typed)
    receiving = list(wraps) if any(wraps) else [True] * len(needs)
    return [need if receives else Fraction(0) for need, receives in zip(needs, receiving, strict=True)]


def share_out(needs: list[Fraction], weights: list[Fraction], available: Fraction) -> list[Fraction]:
    """Return widths that fill `available`: by weight, but never below a column's need.

    A column whose share would be narrower than its need gets its need, and the others share what
    is left, again by weight (typed `rong` weights used to squeeze a column under its longest word).
    Shares are cut on the 1/20 pt step, downwards, so the table is never wider than `available`.
    """
    fixed: set[int] = {i for i, weight in enumerate(weights) if weight <= 0}
    while True:
        free = [i for i in range(len(needs)) if i not in fixed]
        if not free:
            break
        pool = available - sum(needs[i] for i in fixed)
        total = sum(weights[i] for i in free)
        # `pool * weight / total < need`, multiplied out (free weights are positive): one fraction less.
        short = [i for i in free if pool * weights[i] < needs[i] * total]
        if not short:
            break
        fixed.update(short)
    widths = list(needs)
    if free:
        pool = available - sum(needs[i] for i in fixed)
        total = sum(weights[i] for i in free)
        for i in free:
            widths[i] = step_down(pool * weights[i] / total)
    return widths
