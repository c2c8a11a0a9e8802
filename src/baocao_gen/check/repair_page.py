"""What `--sua` changes in the page setup: paper, margins and the placement of page numbers.

The same conditions as the page rules (`rules_page.py`), turned into edits: A4 in the orientation the
section already shows, each margin outside its range set to FORMAT.md's value, the page number put in
a centred header, hidden on the first page of the document and of each appendix, appendices restarted.
"""

from __future__ import annotations

from ..ooxml.reader import DocxDocument
from ..ooxml.repair import PageNumbers, PageSetup
from .components import Components
from .profiles import TWIPS_PER_MM, Profile, mm_text
from .repair_change import Change, Repair

__all__ = ["page_repairs"]

_A4 = (11906, 16838)
_PAPER_TOLERANCE = 30  # twips, as the page rule
_MARGINS = {"top": 1134, "bottom": 1134, "left": 1701, "right": 850}  # 20/20/30/15 mm (FORMAT.md)
_SIDES = {"top": "trên", "bottom": "dưới", "left": "trái", "right": "phải"}
_MANY_PARAGRAPHS = 60  # as the page-number rule: a short letter needs no number


def _paper(doc: DocxDocument, rule: str) -> list[Repair]:
    out: list[Repair] = []
    for section in doc.sections:
        if section.width is None or section.height is None:
            continue
        short, long_ = sorted((section.width, section.height))
        if abs(short - _A4[0]) <= _PAPER_TOLERANCE and abs(long_ - _A4[1]) <= _PAPER_TOLERANCE:
            continue
        landscape = section.width > section.height
        size = (_A4[1], _A4[0], True) if landscape else (_A4[0], _A4[1], False)
        what = f"khổ giấy {mm_text(section.width)} × {mm_text(section.height)} mm → A4 " + (
            "ngang (297 × 210 mm)" if landscape else "(210 × 297 mm)"
        )
        out.append(Repair(Change(what, rule, section=section.index), (PageSetup(section.index, size=size),)))
    return out


def _margins(doc: DocxDocument, profile: Profile) -> list[Repair]:
    out: list[Repair] = []
    for section in doc.sections:
        wrong: list[tuple[str, int]] = []
        said: list[str] = []
        for side, (low, high) in profile.margins.items():
            value = getattr(section, side)
            if value is None or low - 0.3 <= value / TWIPS_PER_MM <= high + 0.3:
                continue
            wrong.append((side, _MARGINS[side]))
            said.append(f"lề {_SIDES[side]} {mm_text(value)} → {mm_text(_MARGINS[side])} mm")
        if wrong:
            change = Change("; ".join(said), profile.margin_rule, section=section.index)
            out.append(Repair(change, (PageSetup(section.index, margins=tuple(wrong)),)))
    return out


def _page_numbers(doc: DocxDocument, parts: Components, rule: str) -> list[Repair]:
    out: list[Repair] = []
    numbered = [s for s in doc.sections if any(h.has_page_number for h in s.headers.values())]
    if not doc.sections:
        return out
    if not numbered:
        if len(doc.paragraphs) > _MANY_PARAGRAPHS:
            change = Change("thêm số trang ở giữa lề trên (cỡ 14), không hiện ở trang đầu", rule, section=1)
            out.append(Repair(change, (PageNumbers(1, add_header=True, title_page=True),)))
        return out
    for section in doc.sections:
        default = section.headers.get("default")
        first = section.headers.get("first")
        said: list[str] = []
        centre = title_page = clear_first = restart = False
        if default is not None and default.has_page_number:
            if default.page_number_alignment not in ("center", "tab"):
                centre = True
                said.append("căn giữa số trang ở lề trên")
            starts = section.index == 1 or section.index in parts.appendix_sections
            if starts and not section.title_page:
                title_page = True
                said.append("bỏ số trang ở trang đầu («Trang đầu khác»)")
            elif starts and first is not None and first.has_page_number:
                clear_first = True
                said.append("bỏ số trang ở trang đầu")
        if section.index in parts.appendix_sections and section.page_number_start != 1:
            restart = True
            said.append("phụ lục đánh số trang riêng từ 1")
        if said:
            edit = PageNumbers(
                section.index, centre=centre, title_page=title_page, clear_first=clear_first, restart=restart
            )
            out.append(Repair(Change("; ".join(said), rule, section=section.index), (edit,)))
    return out


def page_repairs(doc: DocxDocument, parts: Components, profile: Profile | None) -> list[Repair]:
    """Return the page repairs the document needs, in section order."""
    page_rule = profile.page_rule if profile else "NĐ 30 PL I phần I mục I.1–2; FORMAT.md §1.1"
    number_rule = profile.page_number_rule if profile else "NĐ 30 PL I phần I mục I.7; FORMAT.md §1.1"
    out = _paper(doc, page_rule)
    if profile is not None:
        out += _margins(doc, profile)
    return out + _page_numbers(doc, parts, number_rule)
