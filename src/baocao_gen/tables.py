"""Tables from data: merged multi-row headers from a column tree, and a totals row that is computed.

Seed 001's appendices show why totals are never typed: its "Tổng cộng" of models is 15 where the
rows add up to 32. Here a clerk types the data rows only; numeric columns are summed, cells are
formatted the Vietnamese way and right-aligned, and header cells merge from the column tree.
"""

from __future__ import annotations

import re
from decimal import Decimal
from fractions import Fraction
from typing import Any, Literal, Protocol

from .codes import Code
from .diagnostics import Diagnostic, Location, Severity
from .document import Block, Cell, Inline, Paragraph, Run, Table
from .model import Bang, Cot
from .ooxml.frame import page_text_width
from .table_layout import DEFAULT_SIZE, MIN_SIZE, layout_table
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
    blocks.append(Table(headers + body_rows, widths, header_rows=len(headers), font_size=size))
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
) -> tuple[float, list[Fraction]]:
    """Return the font size and column widths (pt) of a table (see `table_layout`), warning when it
    cannot be read: a size under `MIN_SIZE` asked for, or a table that does not fit even at it."""
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
    typed = [Fraction(c.rong or 1) for c in leaves] if any(c.rong for c in leaves) else None
    layout = layout_table(
        headers + body,
        len(headers),
        [kind in _NUMERIC_KINDS for kind in kinds],
        [_is_text(table, i) for i in range(len(leaves))],
        typed,
        page_text_width(orientation),
        wanted,
    )
    if not layout.fits:
        name = " ".join(
            part
            for part in (f"«{table.tieu_de}»" if table.tieu_de else "", f"ở {part}" if part else "")
            if part
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
    return layout.size, layout.widths


def _is_text(table: Bang, c_index: int) -> bool:
    """Return whether a column holds text (some filled value is not a number): it may wrap."""
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
