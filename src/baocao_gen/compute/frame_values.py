"""The values of the template's frame: số/ký hiệu, header columns, Nơi nhận and the signature block.

The frame (header block, Nơi nhận, signature) is drawn once in the template; what varies per report
is filled in from here: the số/ký hiệu line in the form of each document system, the punctuation of
Nơi nhận, the signer's lines, and the widths (in points) of the header's two columns and of its
rules, measured from the lines they hold so that no line of the header wraps unseen. Lengths are
exact fractions of a point (see ooxml/units.py); the template's tags receive them as `Length`s.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from ..codes import Code
from ..diagnostics import Diagnostic
from ..document import Inline
from ..markup import plain_text
from ..model import BaoCao
from ..ooxml.frame import LINE_AIR, FrameSpec
from ..ooxml.units import Length, step, step_down
from ..vietnamese import VietnameseValueError, format_date_words, format_document_number, format_place_date
from .locations import Locations
from .text import upper

__all__ = ["HEADER_AIR", "HEADER_SHARE", "FrameValues", "split_header", "upper"]

HEADER_SHARE = (0.40, 0.45)  # FORMAT.md: the left header column takes 40–45 % of the text width
HEADER_AIR = Fraction(3)  # pt kept free beside the widest line of a column when there is room
RULE_MIN = Fraction(30)  # pt: the shortest rule under the issuer's name
SUMMARY_RULE_MIN = Fraction(60)  # pt: the shortest rule under the trích yếu


def split_header(
    left_need: Fraction, right_need: Fraction, left_floor: Fraction, total: Fraction
) -> Fraction:
    """Return the width of the header's left column, in points.

    `left_need` and `right_need` are the widest lines of each side, `left_floor` what the left column
    cannot do without (its số line, its longest word). When both sides fit, the left column takes
    the middle of FORMAT.md's 40–45 %, moved only as far as a side needs (Lục Bình's Ban Chỉ đạo
    name needs half the width), and each side keeps up to 3 pt of air. When the two sides together
    are wider than the page, the right side keeps its lines whole (see `_header_columns`).
    """
    low, high = (step(total * Fraction(str(share))) for share in HEADER_SHARE)
    left_need, right_need, left_floor = left_need + LINE_AIR, right_need + LINE_AIR, left_floor + LINE_AIR
    spare = total - left_need - right_need
    if spare >= 0:
        air = min(HEADER_AIR - LINE_AIR, step_down(spare / 2))
        return min(max(step_down((low + high) / 2), left_need + air), total - right_need - air)
    return min(max(total - right_need, left_floor), total)


class FrameValues:
    """The frame's values for one report; problems go to `diagnostics`, located through `locations`.

    The số/ký hiệu is made once (and its problem reported once), whether the frame or an appendix's
    "(Kèm theo …)" line asks for it first.
    """

    def __init__(self, report: BaoCao, locations: Locations, diagnostics: list[Diagnostic]) -> None:
        self.report = report
        self.locations = locations
        self.diagnostics = diagnostics
        self._document_number: str | None = None

    def document_number(self) -> str:
        """Return the số/ký hiệu line, once; a part that cannot stand in it is the clerk's error.

        The model accepts any text for `viet_tat` and `loai_van_ban` and any `so` ≥ 1, but a ký hiệu
        cannot hold a space or a slash, nor a number above a billion; reported at the key, never raised.
        """
        if self._document_number is None:
            report = self.report
            try:
                self._document_number = format_document_number(
                    report.he_thong, report.so, report.loai_van_ban, report.viet_tat
                )
            except VietnameseValueError as exc:
                key = self._wrong_number_part()
                value = getattr(report, key)
                self.diagnostics.append(
                    Diagnostic(Code.WRONG_TYPE, exc.message, self.locations.at(key), str(value), exc.hint)
                )
                self._document_number = "Số: …"
        return self._document_number

    def _wrong_number_part(self) -> str:
        """Return the key whose value alone makes the số/ký hiệu line impossible."""
        report = self.report
        trials = (
            ("so", lambda: format_document_number(report.he_thong, report.so, "BC", "UBND")),
            ("viet_tat", lambda: format_document_number(report.he_thong, None, "BC", report.viet_tat)),
        )
        for key, trial in trials:
            try:
                trial()
            except VietnameseValueError:
                return key
        return "loai_van_ban"

    def attached_line(self) -> str:
        """Return `(Kèm theo Báo cáo số 05/BC-UBND ngày … của …)`, keeping blanks for the văn thư."""
        report = self.report
        number = self.document_number()
        number = number.removeprefix("Số:").removeprefix("Số")
        number = number.removeprefix(" ") if report.so is not None else number
        date_text = format_date_words(report.ngay.ngay, report.ngay.thang, report.ngay.nam)
        kind = report.ten_loai[:1].upper() + report.ten_loai[1:].lower()
        separator = " " if report.so is not None else ""
        return f"(Kèm theo {kind} số{separator}{number} {date_text} của {report.ten_goi or report.viet_tat})"

    def recipients(self) -> list[dict[str, Any]]:
        """Return the Nơi nhận lines: groups, `- ` before each, `;` (State) or `,` (Party) after, `.` last."""
        mark = ";" if self.report.he_thong == "nha_nuoc" else ","
        lines: list[dict[str, Any]] = []
        for title, items in self.report.recipient_groups():
            if title:
                lines.append({"text": title.rstrip(":") + ":", "nhom": True})
            cleaned = [
                item.strip().removeprefix("- ").removeprefix("-").strip().rstrip(";,.").strip()
                for _, item in items
            ]
            for position, item in enumerate(cleaned):
                end = "." if position == len(cleaned) - 1 else mark
                lines.append({"text": f"- {item}{end}", "nhom": False})
        return lines

    def signature(self) -> list[dict[str, Any]]:
        """Return the lines above the signer's name: authority (TM., KT.…) and title, bold where the system wants."""
        signer = self.report.nguoi_ky
        state = self.report.he_thong == "nha_nuoc"
        lines = []
        if signer.tham_quyen:
            head = f"{signer.tham_quyen} {upper(signer.thay_mat)}" if signer.thay_mat else signer.tham_quyen
            lines.append({"text": head, "dam": True})
        if signer.ky_thay:
            mark = "KT." if state else "K/T"
            lines.append({"text": f"{mark} {upper(signer.ky_thay)}", "dam": True})
        for line in signer.chuc_vu:
            # «kiêm» joins two positions and stays as typed; every other line is a position, printed in
            # capitals, as check's signature rule reads it (check/rules_parts.signature_roles): a
            # lower-case line kept as typed was refused by the audit as a fault of the tool (P306).
            joining_word = line.strip().lower() == "kiêm"
            lines.append({"text": line if joining_word else upper(line), "dam": state and not joining_word})
        return lines

    def values(self, trich_yeu: list[Inline], spec: FrameSpec) -> dict[str, Any]:
        """Return the template's frame values; `trich_yeu` (the resolved summary) sets the width of its rule,
        `spec` (read from the template's styles) the sizes and fonts every line is measured in."""
        report = self.report
        issuer = [upper(line) for line in report.co_quan_ban_hanh]
        number = self.document_number()
        place_date = format_place_date(report.dia_danh, report.ngay.ngay, report.ngay.thang, report.ngay.nam)
        left, right = self._header_columns(spec, issuer, number, place_date)
        widest = max((spec.issuer.width(line) for line in issuer), default=Fraction(0))
        rule = min(left, max(step_down(min(widest, left) * 2 / 5), RULE_MIN))
        motto, motto_style = spec.right_lines[-1] if spec.right_lines else ("", spec.issuer)
        motto_rule = min(right, motto_style.width(motto))
        summary_width = min(spec.summary.width(plain_text(trich_yeu)), spec.text_width)
        summary_rule = max(step_down(summary_width / 3), SUMMARY_RULE_MIN)
        return {
            "cot_trai": Length(left),
            "cot_phai": Length(right),
            "chu_quan": [upper(line) for line in report.co_quan_chu_quan],
            "ban_hanh": issuer,
            "le_gach_ban_hanh": Length(step_down((left - rule) / 2)),
            "le_gach_quoc_hieu": Length(step_down((right - motto_rule) / 2)),
            "le_gach_trich_yeu": Length(step_down((spec.text_width - summary_rule) / 2)),
            "so_ky_hieu": number,
            "dia_danh_ngay": place_date,
            "ten_loai": upper(report.ten_loai),
            "noi_nhan": self.recipients(),
            "ky": self.signature(),
            "ho_ten": report.nguoi_ky.ho_ten,
        }

    def _header_columns(
        self, spec: FrameSpec, issuer: list[str], number: str, place_date: str
    ) -> tuple[Fraction, Fraction]:
        """Return the widths (points) of the header's two columns (lines that must wrap: `FRAME_RULES`).

        Both sides are measured: a fixed 40/60 split wrapped `Nghĩa Hành, ngày … năm 2021` in the Party
        header while `validate` said nothing. When every line fits, see `split_header`. When not, the
        right column keeps its lines whole (the date line and the Quốc hiệu cannot be reworded, and a
        date split over two lines reads badly) and the left column's long cơ quan lines wrap; the rules
        in rules/compute_rules.py warn, since the clerk can break a name where the meaning allows.
        """
        left_lines = [(upper(line), spec.upper, "co_quan_chu_quan") for line in self.report.co_quan_chu_quan]
        left_lines += [(line, spec.issuer, "co_quan_ban_hanh") for line in issuer]
        right_lines = [*spec.right_lines, (place_date, spec.date)]
        left_need = max(style.width(line) for line, style, _ in left_lines)
        left_need = max(left_need, spec.number.width(number))
        right_need = max(style.width(line) for line, style in right_lines)
        # What the left column can never do without: the số line and the longest word of each line.
        left_floor = max(
            [spec.number.width(number)]
            + [style.width(word) for line, style, _ in left_lines for word in line.split()]
        )
        total = spec.text_width
        left = split_header(left_need, right_need, left_floor, total)
        right = total - left
        return left, right
