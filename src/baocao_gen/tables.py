"""Tables from data: merged multi-row headers from a column tree, and a totals row that is computed.

Seed 001's appendices show why totals are never typed: its "Tổng cộng" of models is 15 where the
rows add up to 32. Here a clerk types the data rows only; numeric columns are summed, cells are
formatted the Vietnamese way and right-aligned, and header cells merge from the column tree.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from .diagnostics import Diagnostic, Severity
from .document import Block, Cell, Paragraph, Run, Table
from .model import Bang, Cot
from .ooxml.body import text_width
from .ooxml.measure import text_width_twips
from .vietnamese import VietnameseValueError, format_number, parse_count, parse_number

if TYPE_CHECKING:  # pragma: no cover
    from .compute import _Computer

__all__ = ["build_table", "header_rows", "leaf_columns"]

TOTAL_LABEL = "Tổng cộng"
_NUMERIC_SHAPE = re.compile(r"^\s*-?[\d.,]+\s*%?\s*$")


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


_ALIGN = {"trai": "left", "giua": "center", "phai": "right"}


def _align(column: Cot, kind: str) -> str:
    if column.can:
        return _ALIGN[column.can]
    return "center" if kind == "stt" else "left" if kind == "chu" else "right"


def build_table(table: Bang, computer: _Computer, path: tuple[str | int, ...], orientation: str) -> list[Block]:
    """Return the blocks of one table (title, table, note), with its totals computed.

    A row with a single value in a table of several columns is a group row (e.g. "Cấp phường"): it spans
    the whole width, in bold. A column of kind `stt` is numbered 1, 2, 3… over the data rows. A cell of
    a count column (`dem`) is a whole number from 0 up, and blank only when the table says `de_trong`.
    `path` is where the table's keys were typed: its rows are at `path.dong`.
    """
    leaves = leaf_columns(table.cot)
    table = table.model_copy(update={"dong": _with_serial_cells(table.dong, leaves)})
    kinds = _column_kinds(table, leaves)
    size = table.co_chu or (12 if len(leaves) <= 8 else 10 if len(leaves) <= 16 else 8)
    body_rows: list[list[Cell]] = []
    sums: list[Any] = [0] * len(leaves)
    summed_any = [False] * len(leaves)
    serial = 0
    for r_index, row in enumerate(table.dong):
        here = (*path, "dong", r_index)
        if len(row) == 1 and len(leaves) > 1:
            body_rows.append([Cell(computer.inline(str(row[0] or ""), *here, 0), colspan=len(leaves), bold=True)])
            continue
        if len(row) > len(leaves):  # checked before stt filling: a longer row is always a mistake
            computer.diagnostics.append(
                Diagnostic(
                    "D108",
                    f"dòng có {len(row)} ô nhưng bảng chỉ có {len(leaves)} cột.",
                    computer._loc(*here),
                    hint="bớt ô thừa hoặc thêm cột vào `cot`",
                )
            )
        first = str(row[0] or "") if row else ""
        if first.strip().lower().startswith("tổng"):
            computer.diagnostics.append(
                Diagnostic(
                    "D123",
                    "không gõ dòng tổng: công cụ tự cộng.",
                    computer._loc(*here),
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
                    where = computer._loc(*here, c_index) if c_index < len(row) else computer._loc(*here)
                    computer.diagnostics.append(
                        Diagnostic("D127", f"{exc.message.rstrip('.')} (cột «{_column_name(table.cot, column)}»).", where, text, exc.hint)
                    )
                    cells.append(Cell([Run(text)], align=align))
                    continue
                sums[c_index] += count
                summed_any[c_index] = True
                cells.append(Cell([Run(format_number(count))], align=align))
                continue
            if kinds[c_index] == "chu" or not text.strip():
                cells.append(Cell(computer.inline(text, *here, c_index) if text else [], align=align))
                continue
            try:
                value = _number(text)
            except VietnameseValueError as exc:
                computer.diagnostics.append(Diagnostic("D104", exc.message, computer._loc(*here, c_index), text, exc.hint))
                cells.append(Cell([Run(text)], align=align))
                continue
            if value is not None:
                sums[c_index] += value
                summed_any[c_index] = True
            shown = format_number(value) + ("%" if kinds[c_index] == "ti_le" else "") if value is not None else ""
            cells.append(Cell([Run(shown)], align=align))
        body_rows.append(cells)
    if table.tong_cong:
        label = table.tong_cong if isinstance(table.tong_cong, str) else TOTAL_LABEL
        total_cells = [Cell([Run(label)], align="center", bold=True)]
        for c_index in range(1, len(leaves)):
            summed = kinds[c_index] in ("so", "dem") and leaves[c_index].tong is not False and summed_any[c_index]
            total_cells.append(Cell([Run(format_number(sums[c_index]))] if summed else [], align=_align(leaves[c_index], kinds[c_index]), bold=True))
        body_rows.append(total_cells)
    headers = header_rows(table.cot, lambda name: computer.inline(name, *path, "cot"))
    widths = _widths(table, leaves, text_width(orientation), size)
    blocks: list[Block] = []
    if table.tieu_de:
        blocks.append(Paragraph(computer.inline(table.tieu_de, *path, "tieu_de"), style="TieuDeBang", keep_next=True))
    blocks.append(Table(headers + body_rows, widths, header_rows=len(headers), font_half_points=size * 2))
    if table.ghi_chu:
        blocks.append(Paragraph(computer.inline(table.ghi_chu, *path, "ghi_chu"), style="GhiChuBang"))
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


def _widths(table: Bang, leaves: list[Cot], available: int, size: int) -> list[int]:
    """Return column widths: typed weights (`rong`), else wide enough for each column's longest word
    in the header and its longest value, so that Word does not break words in the middle."""
    padding = 160
    needs = []
    for c_index, column in enumerate(leaves):
        words = column.ten.split() or [""]
        need = max(text_width_twips(word, size, bold=True) for word in words)
        for row in table.dong:
            if len(row) > 1 and c_index < len(row) and row[c_index] is not None:
                value = str(row[c_index])
                longest_word = max((text_width_twips(w, size) for w in value.split()), default=0)
                # text columns may wrap between words; short values (numbers, years) must not wrap at all
                need = max(need, longest_word if len(value) > 24 else text_width_twips(value, size))
        needs.append(need + padding)
    if any(c.rong for c in leaves):
        weights = [float(c.rong) if c.rong else 1.0 for c in leaves]
        return [int(available * w / sum(weights)) for w in weights]
    total = sum(needs)
    if total >= available:
        return [int(available * n / total) for n in needs]
    # share the spare width in proportion to need, more to the text columns that wrap
    text_columns = [i for i, n in enumerate(needs) if _is_text(table, i)] or list(range(len(needs)))
    spare = available - total
    extra = [spare * needs[i] / sum(needs[j] for j in text_columns) if i in text_columns else 0 for i in range(len(needs))]
    return [int(n + e) for n, e in zip(needs, extra, strict=True)]


def _is_text(table: Bang, c_index: int) -> bool:
    values = [str(row[c_index]) for row in table.dong if len(row) > 1 and c_index < len(row) and row[c_index] not in (None, "")]
    return bool(values) and not all(_NUMERIC_SHAPE.match(v) for v in values)


def _column_kinds(table: Bang, leaves: list[Cot]) -> list[str]:
    """Return each data column's kind: typed by the clerk, else numeric when every filled cell is."""
    kinds = []
    for c_index, column in enumerate(leaves):
        if column.kieu:
            kinds.append(column.kieu)
            continue
        # A column is numeric when every filled cell is written with digits and separators only;
        # a malformed number such as `5.6` in it is then reported instead of printed as text.
        values = [v for row in table.dong if len(row) > 1 for v in [row[c_index] if c_index < len(row) else None] if v not in (None, "")]
        numeric = bool(values) and c_index > 0 and all(_NUMERIC_SHAPE.match(str(v)) for v in values)
        kinds.append("so" if numeric else "chu")
    return kinds
