"""A Word table written back as a `bang` of the data files: header tree, rows, and the typed total row.

The reader gives each row's cells in order but not how far a cell spans (Word's `gridSpan`, `vMerge`);
a vertically merged cell shows as an empty cell in the rows below it. The header tree is rebuilt from
that: the bottom header row gives the leaf columns, a cell of the row above either continues down
(its cells below are empty) or groups the cells under it. When a run of cells below is shared by several
group cells, the split is ambiguous: the split whose groups repeat each other's sub-headers wins, else
an even one, and a note asks the clerk to check it. A header cell left empty on purpose reads like a
merged one; exposing the spans in `ooxml.reader` would remove the guess.
"""

from __future__ import annotations

import itertools
import math
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from ..ooxml.reader import Paragraph, Table
from ..vietnamese import VietnameseValueError, format_number, parse_number
from .body_markup import runs_markup
from .notes import ImportNote, NoteKind

__all__ = ["read_table"]

_TOTAL_LABELS = ("tổng cộng", "cộng", "tổng", "tổng số")
_MAX_SPLITS = 20000  # ways to split a run of header cells tried before falling back to an even split


@dataclass(slots=True)
class _Cell:
    text: str
    start: int
    width: int
    children: list[_Cell] = field(default_factory=list)


def _fold(text: str) -> str:
    return unicodedata.normalize("NFC", " ".join(text.split())).lower()


def _plain(cell: list[Paragraph]) -> str:
    return " ".join(p.text.strip() for p in cell if p.text.strip())


def _number(text: str) -> int | Decimal | None:
    try:
        return parse_number(text.strip()) if text.strip() else None
    except (VietnameseValueError, ValueError, ArithmeticError):
        return None


def _bold(cell: list[Paragraph]) -> bool:
    runs = [r for p in cell for r in p.visible_runs()]
    return bool(runs) and all(r.format.bold for r in runs)


def _split(run: list[_Cell], parts: int) -> list[int]:
    """Split a run of header cells into `parts` groups of consecutive cells.

    Sub-headers often repeat ("Số cuộc | Số người tham gia" under each group, the same years under
    two groups), so the split whose groups repeat each other's texts most is preferred; otherwise the
    cells are shared as evenly as possible, the larger groups first.
    """
    count = len(run)
    base, extra = divmod(count, parts)
    even = [base + (1 if i < extra else 0) for i in range(parts)]
    if parts <= 1 or math.comb(count - 1, parts - 1) > _MAX_SPLITS:
        return even

    def repeats(sizes: tuple[int, ...]) -> int:
        groups, position = [], 0
        for size in sizes:
            groups.append(tuple(c.text for c in run[position : position + size]))
            position += size
        return sum(1 for g in groups if len(g) > 1 and groups.count(g) > 1)

    best = tuple(even)
    best_score = repeats(best)
    for cuts in itertools.combinations(range(1, count), parts - 1):
        bounds = (0, *cuts, count)
        sizes = tuple(bounds[i + 1] - bounds[i] for i in range(parts))
        score = repeats(sizes)
        if score > best_score:
            best, best_score = sizes, score
    return list(best)


def _spans(rows: list[list[str]], leaves: int) -> tuple[list[list[_Cell]], bool] | None:
    """Return each header row's cells with their column span, bottom-up; None when it cannot be read.

    The bool is True when a split had to be guessed.
    """
    bottom = rows[-1]
    if len(bottom) != leaves:
        return None
    out = [[_Cell(text, i, 1) for i, text in enumerate(bottom)]]
    guessed = False
    for row in reversed(rows[:-1]):
        below = out[0]
        empties = [c for c in below if not c.text]
        runs: list[list[_Cell]] = []
        for cell in below:
            if cell.text:
                if runs and runs[-1] and runs[-1][-1].start + runs[-1][-1].width == cell.start:
                    runs[-1].append(cell)
                else:
                    runs.append([cell])
        groups = len(row) - len(empties)
        if groups < len(runs) or (runs and groups > sum(len(r) for r in runs)) or (not runs and groups):
            return None
        shares = [1] * len(runs)
        for _ in range(groups - len(runs)):  # give extra groups to the runs with most cells per group
            best = max(range(len(runs)), key=lambda i: len(runs[i]) / shares[i])
            shares[best] += 1
        guessed = guessed or any(1 < s < len(r) for r, s in zip(runs, shares, strict=True))
        planned: list[tuple[int, int]] = []  # (start, width) of each cell of this row, left to right
        run_index = 0
        position = 0
        while position < leaves:
            cell = next(c for c in below if c.start == position)
            if not cell.text:
                planned.append((cell.start, cell.width))
                position += cell.width
                continue
            run = runs[run_index]
            for size in _split(run, shares[run_index]):
                chunk = run[:size]
                run = run[size:]
                planned.append((chunk[0].start, sum(c.width for c in chunk)))
            position = runs[run_index][-1].start + runs[run_index][-1].width
            run_index += 1
        if len(planned) != len(row):
            return None
        out.insert(0, [_Cell(text, start, width) for text, (start, width) in zip(row, planned, strict=True)])
    return out, guessed


def _tree(levels: list[list[_Cell]]) -> list[dict[str, object]]:
    """Return the `cot` tree: a cell whose cells below (over its span) carry text is a group."""

    def build(depth: int, start: int, width: int) -> list[dict[str, object]]:
        columns: list[dict[str, object]] = []
        for cell in levels[depth]:
            if not (start <= cell.start < start + width) or not cell.text and depth > 0:
                continue
            columns.append(node(depth, cell))
        return columns

    def node(depth: int, cell: _Cell) -> dict[str, object]:
        for lower in range(depth + 1, len(levels)):
            inside = [c for c in levels[lower] if cell.start <= c.start < cell.start + cell.width]
            if any(c.text for c in inside):
                return {"ten": cell.text, "cot": build(lower, cell.start, cell.width)}
        return {"ten": cell.text}

    return build(0, 0, max(c.start + c.width for c in levels[-1]))


def _merged_tree(table: Table, header: list[list[str]]) -> list[dict[str, object]] | None:
    """Return the `cot` tree read from the header's merged cells (Word's gridSpan and vMerge), exactly.

    A cell continued from the row above is not a column of its own; a cell's columns are the cells
    of the next row that starts inside its span, except a lone blank cell as wide as it (a header typed
    with a blank row below rather than merged). None when the header rows do not fill the same grid.
    """
    levels: list[list[_Cell]] = []
    for texts, spans in zip(header, table.spans, strict=False):
        if len(spans) != len(texts):
            return None
        levels.append(
            [
                _Cell(t, span.start, span.width)
                for t, span in zip(texts, spans, strict=True)
                if not span.continued
            ]
        )
    if not levels or not levels[0]:
        return None

    def node(depth: int, cell: _Cell) -> dict[str, object]:
        for lower in range(depth + 1, len(levels)):
            inside = [c for c in levels[lower] if cell.start <= c.start < cell.start + cell.width]
            if not inside or (len(inside) == 1 and not inside[0].text and inside[0].width == cell.width):
                continue
            return {"ten": cell.text, "cot": [node(lower, c) for c in inside]}
        return {"ten": cell.text}

    return [node(0, cell) for cell in levels[0]]


def _header_rows(table: Table, leaves: int) -> int:
    """Count the header rows: the rows at the top whose every filled cell is bold (figures included:
    a header may name years), up to a one-cell group row; without bold, the first row alone."""
    count = 0
    for index, row in enumerate(table.rows):
        texts = [_plain(c) for c in row]
        if index > 0 and len(row) == 1 < leaves:
            break
        if index > 0 and not all(_bold(c) for c, t in zip(row, texts, strict=True) if t):
            break
        if index > 0 and _fold(next((t for t in texts if t), "")) in _TOTAL_LABELS:
            break
        count += 1
    return max(min(count, len(table.rows) - 1), 1)


def _cell_markup(cell: list[Paragraph], footnote: Callable[[int], str], *, emphasis: bool) -> str:
    """A cell's paragraphs as one value, each paragraph after a line break (`\\` at the end of a line)."""
    return "\\\n".join(
        runs_markup(p.runs, footnote, emphasis=emphasis).strip()
        for p in cell
        if p.run_text.strip() or any(r.footnote_id is not None for r in p.runs)
    )


def _first_paragraph(cell: list[Paragraph]) -> int | None:
    return cell[0].index if cell else None


def _as_typed(markup: str, paragraph: int | None) -> str:
    return markup


def read_table(
    table: Table,
    footnote: Callable[[int], str],
    notes: list[ImportNote],
    cite: Callable[[str, int | None], str] = _as_typed,
) -> dict[str, object]:
    """Return the `bang` of a Word table, noting what was guessed or what to check.

    `cite` turns well-known documents typed in a cell into citations (the body's `Citer`).
    """
    first = table.rows[0][0][0].index if table.rows and table.rows[0] and table.rows[0][0] else None
    leaves = max((len(r) for r in table.rows), default=0)
    heads = _header_rows(table, leaves)
    header = [[_cell_markup(c, footnote, emphasis=False) for c in row] for row in table.rows[:heads]]
    merged = _merged_tree(table, header) if table.merged else None
    spans = (
        None
        if merged is not None
        else _spans(header, leaves)
        if heads > 1 or (header and len(header[0]) != leaves)
        else None
    )
    if merged is not None:
        columns = merged
    elif spans is not None:
        columns = _tree(spans[0])
        if spans[1]:
            notes.append(
                ImportNote(
                    NoteKind.TO_CHECK,
                    "bảng: cách gộp ô tiêu đề cột được đoán theo số ô mỗi dòng; xem lại cây cột (`cot`).",
                    first,
                )
            )
    else:
        columns = [{"ten": t} for t in header[-1]] if header else []
        if header and (len(header) > 1 or len(header[-1]) != leaves):
            notes.append(
                ImportNote(
                    NoteKind.TO_CHECK,
                    "bảng: không dựng lại được các ô tiêu đề gộp; chỉ giữ dòng tiêu đề cuối, xem lại.",
                    first,
                )
            )
        while len(columns) < leaves:
            columns.append({"ten": ""})
    rows: list[list[str]] = []
    for row in table.rows[heads:]:
        cells = []
        for cell in row:
            uniform = _bold(cell)
            cells.append(cite(_cell_markup(cell, footnote, emphasis=not uniform), _first_paragraph(cell)))
        rows.append(cells)
    out: dict[str, object] = {"cot": columns, "dong": rows}
    _take_total(out, rows, leaves, first, notes)
    return out


def _take_total(
    out: dict[str, object], rows: list[list[str]], leaves: int, where: int | None, notes: list[ImportNote]
) -> None:
    """Remove a typed total row (Tổng cộng, Cộng, Tổng) and set `tong_cong`; note totals that disagree."""
    if not rows:
        return
    last = rows[-1]
    label = next((c for c in last if c.strip()), "")
    if _fold(label) not in _TOTAL_LABELS:
        return
    data = rows[:-1]
    offset = leaves - len(last)  # a label cell spanning several columns shifts the figures right
    leaf_columns = _leaves(out["cot"])  # type: ignore[arg-type]
    numeric_columns = [
        j for j in range(leaves) if any(len(r) == leaves and _number(r[j]) is not None for r in data)
    ]
    if not numeric_columns:
        return  # nothing the tool could add up: the row stays as typed
    label_column = last.index(label) + (offset if last.index(label) > 0 else 0)
    for j in numeric_columns:
        typed = last[j - offset] if 0 <= j - offset < len(last) and j != label_column else ""
        total = sum((_number(r[j]) or 0 for r in data if len(r) == leaves), start=Decimal(0))
        if not typed.strip():
            if j < len(leaf_columns):
                leaf_columns[j]["tong"] = "không"
            continue
        value = _number(typed)
        if value is None or Decimal(value) != total:
            notes.append(
                ImportNote(
                    NoteKind.TO_CHECK,
                    f"bảng: dòng «{label}» ghi {typed} ở cột «{leaf_columns[j]['ten'] if j < len(leaf_columns) else j + 1}», "
                    f"nhưng cộng các dòng được {format_number(total)}; công cụ sẽ in {format_number(total)}.",
                    where,
                )
            )
    rows.pop()
    out["tong_cong"] = "có" if _fold(label) == "tổng cộng" else label
    notes.append(
        ImportNote(
            NoteKind.RECOGNISED, f"bảng: dòng «{label}» gõ tay được bỏ, công cụ tự cộng (`tong_cong`).", where
        )
    )


def _leaves(columns: list[dict[str, object]]) -> list[dict[str, object]]:
    out: list[dict[str, object]] = []
    for column in columns:
        children = column.get("cot")
        if isinstance(children, list) and children:
            out.extend(_leaves(children))
        else:
            out.append(column)
    return out
