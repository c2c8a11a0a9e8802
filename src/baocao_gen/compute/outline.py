"""Numbers of headings and points, from their position: a clerk never types "III." or "f)".

Each level of the outline has a style from `danh_so`: `phan` (Phần thứ nhất…), `la_ma` (I., II.),
`so` (1., 2.), `so_phu` (1.1., 1.2.) and `chu` (a), b)…, in the Vietnamese alphabet, which has no f,
j, w or z). A level deeper than `danh_so` says, or more items than a style can number, is the
clerk's error, located at the item and reported once; the document still gets a number there.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..codes import Code
from ..diagnostics import Diagnostic
from ..limits import MAX_ROMAN_NUMBER
from ..vietnamese import format_number, point_letter, to_roman
from .locations import Locations

__all__ = ["Numbering"]

Path = tuple[str | int, ...]


class Numbering:
    """Number the items of an outline numbered in the styles `styles` (the report's `danh_so`), top level first."""

    def __init__(self, styles: Sequence[str], locations: Locations, diagnostics: list[Diagnostic]) -> None:
        self.styles = styles
        self.locations = locations
        self.diagnostics = diagnostics

    def level_style(self, depth: int, path: Path) -> str:
        """Return the numbering style of level `depth` (0 = top); past `danh_so`, an error and letters."""
        styles = self.styles
        if depth < len(styles):
            return styles[depth]
        self.diagnostics.append(
            Diagnostic(
                Code.TOO_DEEP_OR_MANY,
                f"mục lồng quá sâu: cấp {depth + 1} không có trong `danh_so` ({', '.join(styles)}).",
                self.locations.at(*path),
                hint="thêm một kiểu đánh số vào `danh_so` hoặc viết nội dung cấp này thành gạch đầu dòng",
            )
        )
        return "chu"

    def number(self, kind: str, index: int, parent: str, path: Path) -> str:
        """Return the number of the `index`-th item (1-based) in style `kind`; `parent` is the number above, for `so_phu`."""
        if kind == "phan":
            return str(index)
        if kind == "la_ma":
            return f"{self.roman(index, path)}."
        if kind == "so":
            return f"{index}."
        if kind == "so_phu":
            return f"{parent}.{index}." if parent else f"{index}."
        try:
            return f"{point_letter(index)})"
        except ValueError:
            self.diagnostics.append(
                Diagnostic(
                    Code.TOO_DEEP_OR_MANY,
                    "quá nhiều điểm để đánh chữ cái (tối đa 23, đến “y)”).",
                    self.locations.at(*path),
                    hint="chia nhỏ mục này",
                )
            )
            return f"{index})"

    def roman(self, index: int, path: Path, what: str = "mục") -> str:
        """Return I, II, III…; past MAX_ROMAN_NUMBER say so once, at the first item, and use digits.

        `to_roman` stops at 3999 (plain Roman numerals have no letter for 5000) and a list may be
        longer, so without this check the 4000th section was an internal error.
        """
        if index <= MAX_ROMAN_NUMBER:
            return to_roman(index)
        if index == MAX_ROMAN_NUMBER + 1:
            hint = f"gộp các {what} nhỏ lại"
            if what == "mục":
                hint += ", hoặc chọn kiểu đánh số khác trong `danh_so`"
            self.diagnostics.append(
                Diagnostic(
                    Code.TOO_DEEP_OR_MANY,
                    f"quá nhiều {what} để đánh số La Mã (tối đa {format_number(MAX_ROMAN_NUMBER)}, "
                    f"đến “{to_roman(MAX_ROMAN_NUMBER)}”).",
                    self.locations.at(*path),
                    hint=hint,
                )
            )
        return str(index)
