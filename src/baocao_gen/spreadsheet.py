"""Figures kept in an Excel sheet: `so_lieu: {tep: so-lieu.xlsx, trang: Sheet1}`.

Some units keep their numbers in Excel. The sheet has a fixed two-column layout (docs/du-lieu.md):
row 1 is a header and is skipped; from row 2, column A holds a figure's name in dotted form
(`ho_so.tiep_nhan`) and column B its value; other columns are the clerk's notes. The sheet becomes
the same tree of located strings the YAML loader gives (`YMap`/`YStr`), so every later check (an
unknown figure, a bad number, a blank count, a typed total) works unchanged and points at the cell:
`so-lieu.xlsx!Sheet1!B7`.

A value is read as it was typed. Text cells follow the YAML rules (`1.836` is 1836). Whole numbers
are fine whatever the cell's format. A decimal with exactly three decimals (1.836) is refused: Excel
set to English reads a typed "1.836" as one point eight three six, while the clerk meant one thousand
eight hundred thirty-six, and nothing in the cell tells the two apart.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from .codes import Code
from .diagnostics import Diagnostic, Location
from .limits import MAX_LIST_ITEMS
from .loader import YMap, YStr
from .vietnamese import format_number

__all__ = ["FILE_KEY", "SHEET_KEY", "figures_from_spreadsheet"]

FIGURES_KEY = "so_lieu"
FILE_KEY = "tep"
SHEET_KEY = "trang"
SUFFIX = ".xlsx"
HEADER_ROWS = 1
KEY_COLUMN, VALUE_COLUMN = "A", "B"
_KEY = re.compile(r"[a-z0-9_]+(\.[a-z0-9_]+)*")
_AMBIGUOUS_DECIMALS = 3  # 1.836: a thousands group or three decimals, the cell cannot say which
_NAME_HINT = "tên số liệu viết không dấu, chữ thường, các cấp nối bằng dấu chấm, ví dụ ho_so.tiep_nhan"


@dataclass(frozen=True, slots=True)
class _Sheet:
    """Where the figures are: the workbook's path, how the clerk wrote it, and the sheet's name."""

    path: Path
    shown: str
    sheet: str | None

    def cell(self, sheet: str, column: str, row: int, path: tuple[str | int, ...] = ()) -> Location:
        return Location(f"{self.shown}!{sheet}!{column}{row}", path=path)


def figures_from_spreadsheet(tree: Any) -> tuple[Path | None, list[Diagnostic]]:
    """Replace a `so_lieu` that names a sheet by the figures read from it, in place.

    Return the workbook's path (the run depends on it, like on a `ke_thua` file) and the problems;
    a tree whose `so_lieu` is ordinary figures is left alone.
    """
    if not isinstance(tree, YMap):
        return None, []
    reference = tree.get(FIGURES_KEY)
    where, problems = _sheet_named(reference)
    if where is None or not isinstance(reference, YMap):
        return None, problems
    figures, read_problems = _read(where, reference)
    problems += read_problems
    if figures is not None:
        tree[FIGURES_KEY] = figures
    else:
        del tree[FIGURES_KEY]  # the problems say why; no figure is better than a second error per reference
    return where.path, problems


def _sheet_named(reference: Any) -> tuple[_Sheet | None, list[Diagnostic]]:
    """Return the sheet `so_lieu` names (a mapping with `tep`), or None when it holds figures."""
    if not isinstance(reference, YMap) or FILE_KEY not in reference:
        return None, []
    problems = [
        Diagnostic(
            Code.UNKNOWN_KEY,
            f"khi số liệu lấy từ bảng tính, so_lieu chỉ ghi {FILE_KEY} và {SHEET_KEY}; «{key}» phải ghi trong bảng tính.",
            reference.key_locs.get(key, reference.loc),
            hint=f"thêm một dòng «{key}…» vào trang tính, hoặc bỏ {FILE_KEY} để gõ mọi số liệu trong tệp này",
        )
        for key in reference
        if key not in (FILE_KEY, SHEET_KEY)
    ]
    name, sheet = reference[FILE_KEY], reference.get(SHEET_KEY)
    if (
        not isinstance(name, YStr)
        or name.is_null
        or (sheet is not None and (not isinstance(sheet, YStr) or sheet.is_null))
    ):
        problems.append(
            Diagnostic(
                Code.WRONG_TYPE,
                f"{FILE_KEY} là tên tệp Excel, {SHEET_KEY} là tên trang tính.",
                reference.loc,
                hint="ví dụ so_lieu: {tep: so-lieu.xlsx, trang: Sheet1}",
            )
        )
        return None, problems
    holder = Path(name.loc.file).parent if name.loc.line > 0 else Path()
    path = holder / str(name).strip()
    return _Sheet(path, str(path), None if sheet is None else str(sheet).strip()), problems


def _unreadable(message: str, reference: YMap, key: str = FILE_KEY, hint: str | None = None) -> Diagnostic:
    value = reference.get(key)
    where = value.loc if isinstance(value, YStr) else reference.loc
    return Diagnostic(
        Code.SPREADSHEET_UNREADABLE, message, where, str(value) if value is not None else None, hint
    )


def _open(where: _Sheet, reference: YMap, formulas: bool = False) -> tuple[Any, list[Diagnostic]]:
    """Return the workbook (cached values, or formulas), or why it cannot be read."""
    if where.path.suffix.lower() != SUFFIX:
        hint = "mở tệp trong Excel rồi lưu dạng Excel Workbook (.xlsx)"
        return None, [
            _unreadable(
                f"số liệu phải ở tệp Excel {SUFFIX}, không phải «{where.path.name}».", reference, hint=hint
            )
        ]
    if not where.path.is_file():
        hint = "đường dẫn tính từ thư mục chứa tệp này, ví dụ tep: so-lieu.xlsx"
        return None, [_unreadable(f"không thấy tệp bảng tính «{where.shown}».", reference, hint=hint)]
    try:
        import openpyxl
    except ImportError:  # a broken install: openpyxl is a dependency
        return None, [
            _unreadable("thiếu thư viện openpyxl để đọc tệp Excel.", reference, hint="cài lại baocao-gen")
        ]
    try:
        return openpyxl.load_workbook(where.path, read_only=True, data_only=not formulas), []
    except Exception as exc:  # noqa: BLE001 - a damaged or foreign file raises anything from zipfile to lxml
        hint = "mở tệp trong Excel rồi lưu lại dạng Excel Workbook (.xlsx)"
        return None, [
            _unreadable(
                f"không đọc được tệp Excel «{where.shown}» ({type(exc).__name__}).", reference, hint=hint
            )
        ]


def _read(where: _Sheet, reference: YMap) -> tuple[YMap | None, list[Diagnostic]]:
    book, problems = _open(where, reference)
    if book is None:
        return None, problems
    try:
        names = list(book.sheetnames)
        name = where.sheet if where.sheet is not None else names[0]
        if name not in names:
            close = difflib.get_close_matches(name, names, n=1, cutoff=0.5)
            hint = f"có phải «{close[0]}»?" if close else "các trang tính có: " + ", ".join(names)
            return None, [
                *problems,
                _unreadable(f"tệp «{where.shown}» không có trang tính «{name}».", reference, SHEET_KEY, hint),
            ]
        rows = _rows(book[name])
    finally:
        book.close()
    reader = _SheetReader(where, name, reference)
    uncomputed = [row for row in rows if row.value is None and row.key is not None]
    formulas = _formula_rows(where, name, reference) if uncomputed else set()
    for row in rows:
        reader.add(row, row.number in formulas)
    return reader.figures, [*problems, *reader.problems]


@dataclass(frozen=True, slots=True)
class _Row:
    number: int
    key: Any
    value: Any
    kind: str  # openpyxl's data type of the value cell: n, s, b, d, e, f


def _rows(sheet: Any) -> list[_Row]:
    out = []
    for cells in sheet.iter_rows(min_row=HEADER_ROWS + 1, max_col=2):
        key_cell = cells[0] if cells else None
        value_cell = cells[1] if len(cells) > 1 else None
        key = getattr(key_cell, "value", None)
        value = getattr(value_cell, "value", None)
        if key is None and value is None:
            continue
        number = int(getattr(key_cell, "row", None) or getattr(value_cell, "row", None) or 0)
        out.append(_Row(number, key, value, getattr(value_cell, "data_type", "n") or "n"))
        if len(out) > MAX_LIST_ITEMS:
            break
    return out


def _formula_rows(where: _Sheet, name: str, reference: YMap) -> set[int]:
    """Return the rows whose value is a formula (read only when some value came back empty)."""
    book, _ = _open(where, reference, formulas=True)
    if book is None:
        return set()
    try:
        return {row.number for row in _rows(book[name]) if row.kind == "f"}
    finally:
        book.close()


class _SheetReader:
    """Turn the sheet's rows into the nested figures tree, collecting every problem."""

    def __init__(self, where: _Sheet, sheet: str, reference: YMap):
        self.where = where
        self.sheet = sheet
        self.figures = YMap(reference.loc)
        self.problems: list[Diagnostic] = []
        self.seen: dict[str, Location] = {}

    def _at(self, column: str, row: int, path: tuple[str | int, ...] = ()) -> Location:
        return self.where.cell(self.sheet, column, row, path)

    def add(self, row: _Row, formula: bool) -> None:
        if len(self.seen) >= MAX_LIST_ITEMS:
            if len(self.seen) == MAX_LIST_ITEMS:
                self.problems.append(
                    Diagnostic(
                        Code.OVER_LIMIT,
                        f"bảng tính có hơn {format_number(MAX_LIST_ITEMS)} số liệu.",
                        self._at(KEY_COLUMN, row.number),
                    )
                )
                self.seen[""] = self._at(KEY_COLUMN, row.number)
            return
        key = unicodedata.normalize("NFC", str(row.key)).strip() if row.key is not None else ""
        if not key:
            self.problems.append(
                Diagnostic(
                    Code.SPREADSHEET_BAD_KEY,
                    "dòng có giá trị nhưng chưa có tên số liệu ở cột A.",
                    self._at(KEY_COLUMN, row.number),
                    _shown(row.value),
                    _NAME_HINT,
                )
            )
            return
        key_loc = self._at(KEY_COLUMN, row.number, (FIGURES_KEY, *key.split(".")))
        if not _KEY.fullmatch(key):
            self.problems.append(
                Diagnostic(Code.SPREADSHEET_BAD_KEY, "tên số liệu viết sai.", key_loc, key, _NAME_HINT)
            )
            return
        if key in self.seen:
            first = self.seen[key].file.rpartition("!")[2]
            self.problems.append(
                Diagnostic(
                    Code.DUPLICATE_KEY,
                    f"số liệu «{key}» đã có ở ô {first}.",
                    key_loc,
                    key,
                    "mỗi số liệu chỉ ghi một dòng",
                )
            )
            return
        self.seen[key] = key_loc
        parts = key.split(".")
        value_loc = self._at(VALUE_COLUMN, row.number, (FIGURES_KEY, *parts))
        value, problem = _cell_text(row, formula, value_loc)
        if problem is not None:
            self.problems.append(problem)
            return
        self._place(parts, YStr(value or "", value_loc, is_null=value is None), key_loc)

    def _place(self, parts: list[str], value: YStr, key_loc: Location) -> None:
        node = self.figures
        for depth, part in enumerate(parts[:-1]):
            child = node.get(part)
            if child is None:
                child = node[part] = YMap(key_loc)
                node.key_locs[part] = key_loc
            if not isinstance(child, YMap):
                self._conflict(".".join(parts[: depth + 1]), ".".join(parts), key_loc)
                return
            node = child
        if parts[-1] in node:  # `ho_so` typed as a figure after `ho_so.tiep_nhan` made it a group
            self._conflict(".".join(parts), ".".join(parts), key_loc)
            return
        node[parts[-1]] = value
        node.key_locs[parts[-1]] = key_loc

    def _conflict(self, group: str, key: str, where: Location) -> None:
        self.problems.append(
            Diagnostic(
                Code.SPREADSHEET_BAD_KEY,
                f"«{group}» vừa là một số liệu vừa là nhóm số liệu.",
                where,
                key,
                f"đổi tên một trong hai, ví dụ {group}.tong",
            )
        )


def _shown(value: Any) -> str | None:
    return None if value is None else str(value)


def _cell_text(row: _Row, formula: bool, where: Location) -> tuple[str | None, Diagnostic | None]:
    """Return the value of a figure's cell as the text the YAML rules read, or why it cannot be one."""
    value = row.value
    if value is None:
        if formula:
            return None, Diagnostic(
                Code.BAD_NUMBER,
                "ô có công thức nhưng chưa có giá trị đã tính.",
                where,
                hint="mở tệp trong Excel rồi lưu lại để Excel tính công thức, hoặc gõ thẳng số vào ô",
            )
        return None, None
    if row.kind == "e":
        return None, Diagnostic(
            Code.BAD_NUMBER,
            "ô báo lỗi công thức, không có số.",
            where,
            str(value),
            "sửa công thức trong Excel",
        )
    if isinstance(value, bool):
        return None, Diagnostic(
            Code.BAD_NUMBER, "ô là giá trị đúng/sai, không phải số.", where, str(value), "gõ số vào ô"
        )
    if isinstance(value, datetime | date | time | timedelta):
        return None, Diagnostic(
            Code.BAD_NUMBER,
            "ô được Excel hiểu là ngày giờ, không phải số.",
            where,
            str(value),
            "định dạng ô là Number (Số) hoặc Text (Văn bản) rồi gõ lại số",
        )
    if isinstance(value, int):
        return str(value), None
    if isinstance(value, float):
        return _decimal_text(value, where)
    return unicodedata.normalize("NFC", str(value)).strip(), None


def _decimal_text(value: float, where: Location) -> tuple[str | None, Diagnostic | None]:
    if value.is_integer():
        return str(int(value)), None
    number = Decimal(repr(value))
    decimals = -int(number.as_tuple().exponent)
    if decimals == _AMBIGUOUS_DECIMALS:
        thousands = format_number(number.scaleb(_AMBIGUOUS_DECIMALS))
        return None, Diagnostic(
            Code.BAD_NUMBER,
            f"Excel lưu ô này là số thập phân {format_number(number)}: nếu đã gõ «{repr(value)}» với ý "
            f"{thousands} thì Excel (đặt kiểu tiếng Anh) đã hiểu dấu chấm là dấu thập phân.",
            where,
            repr(value),
            f"gõ {thousands.replace('.', '')} (không dấu chấm); nếu đúng là số thập phân, định dạng ô là Text rồi gõ {format_number(number)}",
        )
    return format_number(number), None
