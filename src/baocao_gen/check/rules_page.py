"""Page rules: paper, orientation, margins and page numbers, per section.

NĐ 30 Phụ lục I phần I mục I.1–3 and I.7 (FORMAT.md §1.1); the Party's values are the same (§2)."""

from __future__ import annotations

from ..codes import Code
from ..ooxml.reader import DocxDocument
from .components import Components
from .findings import Finding
from .profiles import TWIPS_PER_MM, Profile, mm_text

__all__ = ["RULES"]

_A4 = (11906, 16838)
_PAPER_TOLERANCE = 30  # twips (1.5 pt): Word and LibreOffice round A4 slightly differently


def _page_size(doc: DocxDocument, parts: Components, profile: Profile | None) -> list[Finding]:
    rule = profile.page_rule if profile else "NĐ 30 PL I phần I mục I.1–2; FORMAT.md §1.1"
    out: list[Finding] = []
    for section in doc.sections:
        if section.width is None or section.height is None:
            continue
        short, long_ = sorted((section.width, section.height))
        if abs(short - _A4[0]) > _PAPER_TOLERANCE or abs(long_ - _A4[1]) > _PAPER_TOLERANCE:
            out.append(
                Finding(
                    Code.CHECK_PAGE_SIZE,
                    f"khổ giấy {mm_text(section.width)} × {mm_text(section.height)} mm, không phải A4",
                    rule,
                    "chọn khổ A4 (210 × 297 mm) trong Bố cục > Kích thước",
                    section=section.index,
                )
            )
        elif section.index == 1 and section.width > section.height:
            out.append(
                Finding(
                    Code.CHECK_PAGE_SIZE,
                    "trang đầu văn bản trình bày khổ ngang",
                    rule,
                    "trình bày theo chiều dài khổ A4; chỉ bảng biểu mới được để ngang",
                    section=section.index,
                )
            )
    return out


def _margins(doc: DocxDocument, parts: Components, profile: Profile | None) -> list[Finding]:
    if profile is None:
        return []
    names = {"top": "trên", "bottom": "dưới", "left": "trái", "right": "phải"}
    out: list[Finding] = []
    for section in doc.sections:
        wrong = []
        for side, (low, high) in profile.margins.items():
            value = getattr(section, side)
            if value is None:
                continue
            mm = value / TWIPS_PER_MM
            if not low - 0.3 <= mm <= high + 0.3:
                wrong.append(f"lề {names[side]} {mm_text(value)} mm (quy định {low}–{high} mm)")
        if wrong:
            out.append(
                Finding(
                    Code.CHECK_MARGIN,
                    "; ".join(wrong),
                    profile.margin_rule,
                    "đặt lề trên 20, dưới 20, trái 30, phải 15 mm",
                    section=section.index,
                )
            )
    return out


def _page_numbers(doc: DocxDocument, parts: Components, profile: Profile | None) -> list[Finding]:
    rule = profile.page_number_rule if profile else "NĐ 30 PL I phần I mục I.7; FORMAT.md §1.1"
    out: list[Finding] = []
    numbered = [s for s in doc.sections if any(h.has_page_number for h in s.headers.values())]
    if not doc.sections:
        return out
    if not numbered:
        if len(doc.paragraphs) > 60:  # a one-page letter needs no number; a report does
            out.append(
                Finding(
                    Code.CHECK_PAGE_NUMBER,
                    "văn bản nhiều trang mà không đánh số trang",
                    rule,
                    "chèn số trang (Chèn > Số trang) ở giữa lề trên, bỏ chọn hiện ở trang đầu",
                    section=1,
                )
            )
        return out
    for section in doc.sections:
        default = section.headers.get("default")
        first = section.headers.get("first")
        if (
            default is not None
            and default.has_page_number
            and default.page_number_alignment not in ("center", "tab")
        ):
            where = {"right": "bên phải", "left": "bên trái", None: "bên trái", "both": "bên trái"}.get(
                default.page_number_alignment, default.page_number_alignment or ""
            )
            out.append(
                Finding(
                    Code.CHECK_PAGE_NUMBER,
                    f"số trang đặt {where}, không ở giữa lề trên",
                    rule,
                    "căn giữa đoạn chứa số trang ở đầu trang",
                    section=section.index,
                )
            )
        starts_numbering = section.index == 1 or section.index in parts.appendix_sections
        if starts_numbering and default is not None and default.has_page_number:
            shown_on_first = not section.title_page or (first is not None and first.has_page_number)
            if shown_on_first:
                out.append(
                    Finding(
                        Code.CHECK_PAGE_NUMBER,
                        "số trang hiện ở trang đầu",
                        rule,
                        "chọn «Trang đầu khác» (Different First Page) cho đầu trang",
                        section=section.index,
                    )
                )
        if section.index in parts.appendix_sections and section.page_number_start != 1:
            out.append(
                Finding(
                    Code.CHECK_PAGE_NUMBER,
                    "phụ lục không đánh số trang riêng (không bắt đầu lại từ 1)",
                    rule,
                    "ở phần phụ lục chọn Định dạng số trang > Bắt đầu từ 1",
                    section=section.index,
                )
            )
    return out


RULES = (_page_size, _margins, _page_numbers)
