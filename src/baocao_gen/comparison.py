"""Comparison with the previous period: `ky_truoc: <file>` and the figure form `{ho_so.tiep_nhan|so_sanh}`.

Reports compare each figure with the same period of the year before ("tăng 35 hồ sơ (7,2%) so với
cùng kỳ"). Typed by hand, the difference and the rate are the figures most often wrong after a
correction, so they are computed: the period file names last period's data file, that file is read
through the same stages (load, spreadsheet, validate, kind totals) and the form prints the change
with Vietnamese number rules. A base of 0 has no rate (no division by zero): the sentence says so.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .codes import Code
from .diagnostics import Diagnostic, Location, has_errors
from .loader import load_data, location_of
from .markup import Unresolved
from .spreadsheet import figures_from_spreadsheet
from .vietnamese import format_number, format_percent

if TYPE_CHECKING:  # pragma: no cover
    from .kinds import Kind
    from .model import BaoCao

__all__ = [
    "COMPARISON_FORM",
    "PREVIOUS_KEY",
    "Compare",
    "PreviousPeriod",
    "describe_change",
    "previous_period",
    "without_previous",
]

PREVIOUS_KEY = "ky_truoc"
COMPARISON_FORM = "so_sanh"
RATE_DECIMALS = 1  # "7,2%", as reports print rates of change
# The unit a count is counted in, read from the start of the kind's description of the figure
# ("số hồ sơ tiếp nhận trực tuyến" → "hồ sơ"); the longest that fits wins. A figure whose description
# starts with none of them is compared without a unit ("tăng 35 (7,2%) so với cùng kỳ").
UNITS = (
    "hồ sơ", "lượt", "đơn thư", "đơn", "mô hình", "tập thể", "cá nhân", "ngày công", "đảng viên", "vụ", "cuộc",
    "người", "hộ", "buổi", "lớp", "văn bản", "tổ chức", "công trình", "tổ", "chi bộ", "đồng",
)  # fmt: skip
_LEADS = ("tổng số ", "số lượng ", "số ")

Compare = Callable[[str, "int | Decimal"], "str | Unresolved"]


def describe_change(current: int | Decimal, previous: int | Decimal, unit: str | None) -> str:
    """Return the comparison sentence: "tăng 35 hồ sơ (7,2%) so với cùng kỳ", "giảm …", "bằng cùng kỳ"."""
    change: int | Decimal = current - previous
    if change == 0:
        return "bằng cùng kỳ"
    size = Decimal(-change if change < 0 else change)
    amount = format_number(size) + (f" {unit}" if unit else "")
    verb = "tăng" if change > 0 else "giảm"
    if previous == 0:
        return f"{verb} {amount} so với cùng kỳ (cùng kỳ không có)"
    rate = format_percent(size / abs(Decimal(previous)), RATE_DECIMALS)
    return f"{verb} {amount} ({rate}) so với cùng kỳ"


def without_previous(name: str, value: int | Decimal) -> Unresolved:
    """The comparison form in a report that names no previous period."""
    return Unresolved(
        f"{{{name}|{COMPARISON_FORM}}} cần số liệu của kỳ trước, mà tệp này chưa ghi `{PREVIOUS_KEY}`.",
        f"thêm dòng `{PREVIOUS_KEY}: <tệp dữ liệu kỳ trước>.yaml`",
    )


def _unit_of(description: str) -> str | None:
    text = description.strip().lower()
    for lead in _LEADS:
        if text.startswith(lead):
            text = text[len(lead) :]
            break
    fits = [unit for unit in UNITS if text == unit or text.startswith(unit + " ")]
    return max(fits, key=len) if fits else None


def _lookup(figures: dict[str, Any], name: str) -> tuple[bool, Any]:
    node: Any = figures
    for part in name.split("."):
        if not isinstance(node, dict) or part not in node:
            return False, None
        node = node[part]
    return True, node


@dataclass(frozen=True)
class PreviousPeriod:
    """Last period's figures (with the kind's totals), or why they cannot be used."""

    shown: str  # the file as the clerk named it
    figures: dict[str, Any] | None
    reason: str | None = None
    kind: Kind | None = None

    def unit(self, name: str) -> str | None:
        """Return the unit of figure `name` from the kind (a total takes its first part's)."""
        if self.kind is None:
            return None
        declared = self.kind.figures
        parts = self.kind.tinh.get(name, ())
        figure = declared.get(name) or next((declared[p] for p in parts if p in declared), None)
        return _unit_of(figure.mo_ta) if figure is not None else None

    def compare(self, name: str, value: int | Decimal) -> str | Unresolved:
        """Return the comparison of figure `name` (this period's `value`) with last period's."""
        if self.figures is None:
            return Unresolved(
                f"chưa so sánh được với kỳ trước: {self.reason}",
                f"chạy `baocao validate {self.shown}` rồi sửa tệp kỳ trước",
            )
        found, previous = _lookup(self.figures, name)
        if not found or previous is None:
            what = "để trống" if found else "không có"
            return Unresolved(
                f"số liệu «{name}» {what} trong tệp kỳ trước «{self.shown}», nên không so sánh được.",
                f"gõ số của kỳ trước vào tệp ấy, hoặc viết {{{name}}} thay cho {{{name}|{COMPARISON_FORM}}}",
            )
        if not isinstance(previous, int | Decimal):
            return Unresolved(f"«{name}» của kỳ trước không phải một số.", f"xem lại tệp «{self.shown}»")
        return describe_change(value, previous, self.unit(name))


def previous_period(
    report: BaoCao, tree: Any, kind: Kind | None
) -> tuple[PreviousPeriod | None, Path | None, list[Diagnostic]]:
    """Return last period's figures named by `ky_truoc`, the file read, and the problems found.

    A missing file is an error at the `ky_truoc` line. Problems inside that file are not repeated
    here: each use of `{…|so_sanh}` says that the comparison cannot be made and how to see why.
    """
    name = report.ky_truoc
    if name is None:
        return None, None, []
    where = location_of(tree, (PREVIOUS_KEY,)) or Location(PREVIOUS_KEY, path=(PREVIOUS_KEY,))
    holder = Path(where.file).parent if where.line > 0 else Path()
    path = holder / name
    shown = str(path)
    if not path.is_file():
        missing = PreviousPeriod(shown, None, f"không thấy tệp «{shown}».", kind)
        return (
            missing,
            None,
            [
                Diagnostic(
                    Code.PREVIOUS_PERIOD_MISSING,
                    f"không thấy tệp dữ liệu kỳ trước «{shown}».",
                    where,
                    name,
                    "đường dẫn tính từ thư mục chứa tệp này, ví dụ ky_truoc: ../2023/bao-cao-6-thang.yaml",
                )
            ],
        )
    figures, reason = _figures_of(path)
    return PreviousPeriod(shown, figures, reason, kind), path, []


def _figures_of(path: Path) -> tuple[dict[str, Any] | None, str | None]:
    """Return the figures of a data file with its kind's totals, or the first reason they cannot be had."""
    from .kinds import compute_figures, shipped_kind
    from .validate import validate_tree

    tree, problems = load_data(path)
    if tree is not None and not has_errors(problems):
        _, more = figures_from_spreadsheet(tree)
        problems += more
    if tree is None or has_errors(problems):
        return None, _first_error(problems)
    report, problems = validate_tree(tree)
    if report is None or has_errors(problems):
        return None, _first_error(problems)
    kind, _ = shipped_kind(report.loai)
    if kind is None:
        return dict(report.so_lieu), None
    figures, _ = compute_figures(kind, report.so_lieu)
    return figures, None


def _first_error(problems: list[Diagnostic]) -> str:
    first = next((d for d in problems if d.is_error), None)
    return first.format() if first is not None else "tệp không đọc được."
