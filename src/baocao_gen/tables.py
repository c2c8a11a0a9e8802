"""Tables from data: merged multi-row headers from a column tree, and a totals row that is computed.

Seed 001's appendices show why totals are never typed: its "Tổng cộng" of models is 15 where the
rows add up to 32. Here a clerk types the data rows only; numeric columns are summed, cells are
formatted the Vietnamese way and right-aligned, and header cells merge from the column tree.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any, Literal, Protocol

from .codes import Code
from .diagnostics import Diagnostic, Location, Severity
from .document import Block, Cell, Inline, LineBreak, Paragraph, Run, Table
from .model import Bang, Cot
from .ooxml.body import text_width
from .ooxml.measure import TWIPS_PER_POINT, char_width
from .vietnamese import VietnameseValueError, format_number, parse_count, parse_number

__all__ = ["CellText", "build_table", "header_rows", "leaf_columns"]

TOTAL_LABEL = "Tổng cộng"
_NUMERIC_SHAPE = re.compile(r"^\s*-?[\d.,]+\s*%?\s*$")


class CellText(Protocol):
    """What a table needs from the stage that builds it: typed text turned into runs, and places.

    compute's `TextResolver` is one; a test may pass a stub. Titles, header names and cells may hold
    markup (figures, citations, footnotes), resolved like any other prose of the report.
    """

    diagnostics: list[Diagnostic]

    def locate(self, *path: str | int) -> Location | None:
        """Return where the value at `path` was typed."""

    def inline(self, text: str, *path: str | int, bold: bool = False) -> list[Inline]:
        """Return the runs of a one-line value typed at `path`."""


def leaf_columns(columns: list[Cot]) -> list[Cot]:
    """Return the data columns (leaves of the header tree), left to right."""
    out: list[Cot] = []
    for column in columns:
        out.extend(leaf_columns(column.cot) if column.cot else [column])
    return out


def _depth(columns: list[Cot]) -> int:
    return max((1 + _depth(c.cot) if c.cot else 1 for c in columns), default=0)


def header_rows(columns: list[Cot], text: Any = None) -> list[list[Cell]]:
    """Return the header rows: a group spans its leaves; a leaf spans down to the last header row.
    `text` turns a column name into runs (markup: quotes, italics); plain runs by default."""
    text = text or (lambda name: [Run(name)])
    depth = _depth(columns)
    rows: list[list[Cell]] = [[] for _ in range(depth)]

    def place(nodes: list[Cot], level: int) -> None:
        for node in nodes:
            if node.cot:
                span = len(leaf_columns(node.cot))
                rows[level].append(Cell(text(node.ten), colspan=span, align="center", bold=True))
                place(node.cot, level + 1)
            else:
                rows[level].append(Cell(text(node.ten), rowspan=depth - level, align="center", bold=True))

    place(columns, 0)
    return rows


def _number(text: str | None) -> int | Decimal | None:
    if text is None or not str(text).strip():
        return None
    return parse_number(str(text).strip().rstrip("%").strip())


Align = Literal["left", "center", "right", "both"]
_ALIGN: dict[str, Align] = {"trai": "left", "giua": "center", "phai": "right"}


def _align(column: Cot, kind: str) -> Align:
    if column.can:
        return _ALIGN[column.can]
    return "center" if kind == "stt" else "left" if kind == "chu" else "right"


def build_table(
    table: Bang, resolver: CellText, path: tuple[str | int, ...], orientation: str, part: str | None = None
) -> list[Block]:
    """Return the blocks of one table (title, table, note), with its totals computed.

    A row with a single value in a table of several columns is a group row (e.g. "Cấp phường"): it spans
    the whole width, in bold. A column of kind `stt` is numbered 1, 2, 3… over the data rows. A cell of
    a count column (`dem`) is a whole number from 0 up, and blank only when the table says `de_trong`.
    `path` is where the table's keys were typed: its rows are at `path.dong`; `part` names the part of
    the report that holds it ("Phụ lục II"), for the clerk.
    """
    leaves = leaf_columns(table.cot)
    table = table.model_copy(update={"dong": _with_serial_cells(table.dong, leaves)})
    kinds = _column_kinds(table, leaves)
    body_rows: list[list[Cell]] = []
    sums: list[Any] = [0] * len(leaves)
    summed_any = [False] * len(leaves)
    serial = 0
    for r_index, row in enumerate(table.dong):
        here = (*path, "dong", r_index)
        if len(row) == 1 and len(leaves) > 1:
            body_rows.append(
                [Cell(resolver.inline(str(row[0] or ""), *here, 0), colspan=len(leaves), bold=True)]
            )
            continue
        if len(row) > len(leaves):  # checked before stt filling: a longer row is always a mistake
            resolver.diagnostics.append(
                Diagnostic(
                    Code.WRONG_TYPE,
                    f"dòng có {len(row)} ô nhưng bảng chỉ có {len(leaves)} cột.",
                    resolver.locate(*here),
                    hint="bớt ô thừa hoặc thêm cột vào `cot`",
                )
            )
        first = str(row[0] or "") if row else ""
        if first.strip().lower().startswith("tổng"):
            resolver.diagnostics.append(
                Diagnostic(
                    Code.TOTALS_DISAGREE,
                    "không gõ dòng tổng: công cụ tự cộng.",
                    resolver.locate(*here),
                    first,
                    "xóa dòng này và đặt `tong_cong: có` cho bảng",
                    severity=Severity.WARNING,
                )
            )
        serial += 1
        cells = []
        for c_index, column in enumerate(leaves):
            raw = row[c_index] if c_index < len(row) else None
            text = "" if raw is None else str(raw)
            align = _align(column, kinds[c_index])
            if kinds[c_index] == "stt":
                cells.append(Cell([Run(text or str(serial))], align=align))
                continue
            if kinds[c_index] == "dem" and not (table.de_trong and not text.strip()):
                try:
                    count = parse_count(text)
                except VietnameseValueError as exc:
                    where = resolver.locate(*here, c_index) if c_index < len(row) else resolver.locate(*here)
                    resolver.diagnostics.append(
                        Diagnostic(
                            Code.BAD_COUNT,
                            f"{exc.message.rstrip('.')} (cột «{_column_name(table.cot, column)}»).",
                            where,
                            text,
                            exc.hint,
                        )
                    )
                    cells.append(Cell([Run(text)], align=align))
                    continue
                sums[c_index] += count
                summed_any[c_index] = True
                cells.append(Cell([Run(format_number(count))], align=align))
                continue
            if kinds[c_index] == "chu" or not text.strip():
                cells.append(Cell(resolver.inline(text, *here, c_index) if text else [], align=align))
                continue
            try:
                value = _number(text)
            except VietnameseValueError as exc:
                resolver.diagnostics.append(
                    Diagnostic(Code.BAD_NUMBER, exc.message, resolver.locate(*here, c_index), text, exc.hint)
                )
                cells.append(Cell([Run(text)], align=align))
                continue
            if value is not None:
                sums[c_index] += value
                summed_any[c_index] = True
            shown = (
                format_number(value) + ("%" if kinds[c_index] == "ti_le" else "") if value is not None else ""
            )
            cells.append(Cell([Run(shown)], align=align))
        body_rows.append(cells)
    if table.tong_cong:
        label = table.tong_cong if isinstance(table.tong_cong, str) else TOTAL_LABEL
        total_cells = [Cell([Run(label)], align="center", bold=True)]
        for c_index in range(1, len(leaves)):
            summed = (
                kinds[c_index] in ("so", "dem") and leaves[c_index].tong is not False and summed_any[c_index]
            )
            total_cells.append(
                Cell(
                    [Run(format_number(sums[c_index]))] if summed else [],
                    align=_align(leaves[c_index], kinds[c_index]),
                    bold=True,
                )
            )
        body_rows.append(total_cells)
    headers = header_rows(table.cot, lambda name: resolver.inline(name, *path, "cot"))
    size, widths = _layout(table, leaves, kinds, headers, body_rows, orientation, resolver, path, part)
    blocks: list[Block] = []
    if table.tieu_de:
        blocks.append(
            Paragraph(resolver.inline(table.tieu_de, *path, "tieu_de"), style="TieuDeBang", keep_next=True)
        )
    blocks.append(
        Table(headers + body_rows, widths, header_rows=len(headers), font_half_points=round(size * 2))
    )
    if table.ghi_chu:
        blocks.append(Paragraph(resolver.inline(table.ghi_chu, *path, "ghi_chu"), style="GhiChuBang"))
    return blocks


def _column_name(columns: list[Cot], leaf: Cot) -> str:
    """Return a leaf column's name with its groups ("Giám sát chuyên đề / Số cuộc"): many columns of a
    statistics table share a name such as "Số cuộc", and the clerk must find the one meant."""

    def find(nodes: list[Cot], trail: tuple[str, ...]) -> tuple[str, ...] | None:
        for node in nodes:
            here = (*trail, node.ten) if node.ten else trail
            if node is leaf:
                return here
            found = find(node.cot, here)
            if found is not None:
                return found
        return None

    return " / ".join(find(columns, ()) or (leaf.ten,))


def _with_serial_cells(rows: list[list[str | None]], leaves: list[Cot]) -> list[list[str | None]]:
    """Rows may leave out the serial-number (`stt`) columns, which the tool fills: put blanks there."""
    serials = {i for i, leaf in enumerate(leaves) if leaf.kieu == "stt"}
    if not serials:
        return rows
    out = []
    for row in rows:
        if len(row) == len(leaves) - len(serials) and len(row) > 1:
            values = iter(row)
            row = ["" if i in serials else next(values) for i in range(len(leaves))]
        out.append(row)
    return out


MIN_SIZE = 10  # pt: the smallest table text that reads on paper (Phổ Hòa's 7 pt did not)
DEFAULT_SIZE = 12  # pt: the size a table starts from; it steps down to MIN_SIZE only when it must
CELL_PADDING = 160  # twips: both cell margins (2 × 57) and air for LibreOffice's rounding of widths
SHORT_VALUE = 24  # characters: a shorter cell value (a number, a year, a name) is kept on one line
_NUMERIC_KINDS = ("so", "dem", "ti_le", "stt")


def _layout(
    table: Bang,
    leaves: list[Cot],
    kinds: list[str],
    headers: list[list[Cell]],
    body: list[list[Cell]],
    orientation: str,
    resolver: CellText,
    path: tuple[str | int, ...],
    part: str | None,
) -> tuple[float, list[int]]:
    """Return the font size (pt) and column widths (twips) of a table, warning when it cannot be read.

    Each column is at least as wide as its longest word (its whole value for numbers and short
    values) so that no word breaks in the middle, as `Doanh nghiệ|p` did when widths were shared out
    by weight alone. The table is set at `co_chu` (default 12 pt) when that fits, else at the largest
    size down to 10 pt that does; short text values may wrap between words before the size drops.
    A table that does not fit at 10 pt is set at 10 pt with a warning: words will break there.
    """
    available = text_width(orientation)
    wanted = float(table.co_chu) if table.co_chu else DEFAULT_SIZE
    here = resolver.locate(*path, "co_chu") if table.co_chu else resolver.locate(*path)
    if wanted < MIN_SIZE:
        resolver.diagnostics.append(
            Diagnostic(
                Code.OTHER_RULE,
                f"chữ trong bảng cỡ {table.co_chu} khó đọc trên giấy; công cụ in cỡ {MIN_SIZE}, nhỏ nhất cho phép.",
                here,
                str(table.co_chu),
                f"bỏ `co_chu` (công cụ tự chọn cỡ chữ lớn nhất vừa khổ giấy) hoặc ghi từ {MIN_SIZE} trở lên",
                severity=Severity.WARNING,
            )
        )
        wanted = MIN_SIZE
    sizes = [wanted] + [size for size in range(int(wanted), MIN_SIZE - 1, -1) if size < wanted]
    rows = headers + body
    numeric = [kind in _NUMERIC_KINDS for kind in kinds]
    for size in sizes:
        for strict in (True, False):
            needs = _column_needs(rows, len(headers), numeric, len(leaves), size, strict)
            if sum(needs) <= available:
                return size, _share_out(needs, _weights(table, leaves, needs), available)
    name = " ".join(
        part for part in (f"«{table.tieu_de}»" if table.tieu_de else "", f"ở {part}" if part else "") if part
    )
    landscape = "" if orientation == "landscape" else "đặt phụ lục khổ ngang (`huong: ngang`), "
    resolver.diagnostics.append(
        Diagnostic(
            Code.OTHER_RULE,
            f"bảng {name or 'này'} có {len(leaves)} cột, không vừa bề ngang trang giấy ngay cả với chữ cỡ {MIN_SIZE}: "
            "chữ trong bảng sẽ bị ngắt giữa từ.",
            resolver.locate(*path),
            hint=f"{landscape}bớt cột, hoặc tách thành hai bảng, mỗi bảng một phần các cột",
            severity=Severity.WARNING,
        )
    )
    needs = _column_needs(rows, len(headers), numeric, len(leaves), MIN_SIZE, False)
    return MIN_SIZE, [int(available * need / sum(needs)) for need in needs]


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


def _text_lines(cell: Cell) -> list[list[tuple[str, bool, bool]]]:
    """Return a cell's lines (split at hard breaks) as characters with their bold and italic."""
    lines: list[list[tuple[str, bool, bool]]] = [[]]
    for inline in cell.inlines:
        if isinstance(inline, LineBreak):
            lines.append([])
        elif isinstance(inline, Run):
            lines[-1].extend((char, inline.bold or cell.bold, inline.italic) for char in inline.text)
    return lines


def _cell_need(cell: Cell, size: float, whole: bool) -> int:
    """Return the width (twips, padding included) a cell's text needs at `size` pt: its longest word,
    or its longest line when `whole`."""
    widest = 0
    for line in _text_lines(cell):
        pieces: list[list[tuple[str, bool, bool]]] = [[]]
        for char in line:
            if not whole and char[0].isspace():
                pieces.append([])
            else:
                pieces[-1].append(char)
        for piece in pieces:
            width = sum(char_width(c, bold, italic) for c, bold, italic in piece)
            widest = max(widest, round(width * size * TWIPS_PER_POINT / 1000))
    return widest + CELL_PADDING


def _column_needs(
    rows: list[list[Cell]], header_count: int, numeric: list[bool], columns: int, size: float, strict: bool
) -> list[int]:
    """Return the narrowest width of each column at which no word (no number) breaks in the middle.

    Header cells and long values may wrap between words. Numbers never wrap; short text values do
    not either while `strict`. A cell spanning columns widens them evenly when its longest word
    needs more than they give together.
    """
    placed = _placed(rows, columns)
    needs = [CELL_PADDING] * columns

    def whole(r_index: int, cell: Cell, col: int, span: int) -> bool:
        if r_index < header_count or span > 1:
            return False
        text = "".join(char for line in _text_lines(cell) for char, _, _ in line)
        return numeric[col] or (strict and len(text) <= SHORT_VALUE)

    for r_index, cell, col, span in sorted(placed, key=lambda item: item[3]):
        need = _cell_need(cell, size, whole(r_index, cell, col, span))
        have = sum(needs[col : col + span])
        if need > have:
            extra, rest = divmod(need - have, span)
            for offset in range(span):
                needs[col + offset] += extra + (1 if offset < rest else 0)
    return needs


def _weights(table: Bang, leaves: list[Cot], needs: list[int]) -> list[float]:
    """Return how the spare width is shared: typed weights (`rong`), else to the text columns that
    wrap, in proportion to their need (all columns when none wraps)."""
    if any(c.rong for c in leaves):
        return [float(c.rong) if c.rong else 1.0 for c in leaves]
    text_columns = [i for i in range(len(leaves)) if _is_text(table, i)] or list(range(len(leaves)))
    return [float(needs[i]) if i in text_columns else 0.0 for i in range(len(leaves))]


def _share_out(needs: list[int], weights: list[float], available: int) -> list[int]:
    """Return widths that fill `available`: by weight, but never below a column's need.

    A column whose share would be narrower than its need gets its need, and the others share what
    is left, again by weight (typed `rong` weights used to squeeze a column under its longest word).
    """
    fixed: set[int] = {i for i, weight in enumerate(weights) if weight <= 0}
    while True:
        free = [i for i in range(len(needs)) if i not in fixed]
        if not free:
            break
        pool = available - sum(needs[i] for i in fixed)
        total = sum(weights[i] for i in free)
        short = [i for i in free if pool * weights[i] / total < needs[i]]
        if not short:
            break
        fixed.update(short)
    widths = list(needs)
    if free:
        pool = available - sum(needs[i] for i in fixed)
        total = sum(weights[i] for i in free)
        for i in free:
            widths[i] = int(pool * weights[i] / total)
    return widths


def _is_text(table: Bang, c_index: int) -> bool:
    values = [
        str(row[c_index])
        for row in table.dong
        if len(row) > 1 and c_index < len(row) and row[c_index] not in (None, "")
    ]
    return bool(values) and not all(_NUMERIC_SHAPE.match(v) for v in values)


def _column_kinds(table: Bang, leaves: list[Cot]) -> list[str]:
    """Return each data column's kind: typed by the clerk, else numeric when every filled cell is."""
    kinds: list[str] = []
    for c_index, column in enumerate(leaves):
        if column.kieu:
            kinds.append(column.kieu)
            continue
        # A column is numeric when every filled cell is written with digits and separators only;
        # a malformed number such as `5.6` in it is then reported instead of printed as text.
        values = [
            v
            for row in table.dong
            if len(row) > 1
            for v in [row[c_index] if c_index < len(row) else None]
            if v not in (None, "")
        ]
        numeric = bool(values) and c_index > 0 and all(_NUMERIC_SHAPE.match(str(v)) for v in values)
        kinds.append("so" if numeric else "chu")
    return kinds
