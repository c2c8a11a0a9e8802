"""The report's own words in reading order: the opening, the numbered sections, the closing.

The opening may be built from the documents the report answers (`mo_dau.can_cu`); the closing,
when the clerk wrote none, is the standard "… kính báo cáo./."; the sections get their numbers from
`outline` and their tables from `tables`. Every function resolves its text through the same
`TextResolver`, and must be called in reading order, since footnotes are numbered as they are met.
"""

from __future__ import annotations

from ..document import Block, Paragraph, Run
from ..model import BaoCao, Muc
from ..tables import build_table
from ..vietnamese import format_date_short, part_title
from .outline import Numbering
from .text import TextResolver, upper

__all__ = ["body", "closing", "opening"]

_NUMBER_STYLE_OF_LEVEL = {"phan": "Phan", "la_ma": "Muc", "so": "Khoan", "so_phu": "KhoanPhu", "chu": "Diem"}


def opening(report: BaoCao, text: TextResolver) -> list[Block]:
    """Return the opening paragraphs: typed prose, or "Thực hiện …" built from the căn cứ documents."""
    opening = report.mo_dau
    if opening is None:
        return []
    if isinstance(opening, str):
        return text.prose(opening, "mo_dau")
    phrases = []
    for doc in opening.can_cu:
        phrase = f"{doc.loai} số {doc.so}" if doc.so else f"{doc.loai} số      "
        if doc.ngay:
            phrase += f" ngày {format_date_short(doc.ngay)}"
        if doc.cua:
            phrase += f" của {doc.cua}"
        if doc.ve:
            phrase += f" về {doc.ve}"
        phrases.append(phrase)
    blocks: list[Block] = []
    if phrases:
        first = "Thực hiện " + "; ".join(phrases)
        if opening.bao_cao and opening.cung_doan:
            first += ", " + opening.bao_cao
        elif not first.endswith("."):
            first += "."
        blocks.extend(_italic_if(text.prose(first, "mo_dau", "can_cu"), opening.in_nghieng))
    if opening.bao_cao and not (opening.cung_doan and phrases):
        blocks.extend(text.prose(opening.bao_cao, "mo_dau", "bao_cao"))
    return blocks


def _italic_if(blocks: list[Block], italic: bool) -> list[Block]:
    """Return `blocks` with every run set in italic when `italic` (the căn cứ paragraph may be)."""
    if not italic:
        return blocks
    for block in blocks:
        if isinstance(block, Paragraph):
            block.inlines = [
                Run(i.text, i.bold, True, i.underline, i.superscript) if isinstance(i, Run) else i
                for i in block.inlines
            ]
    return blocks


def closing(report: BaoCao, text: TextResolver) -> list[Block]:
    """Return the closing paragraphs, kept with what follows (Nơi nhận and the signature)."""
    if report.ket_thuc:
        blocks = text.prose(report.ket_thuc, "ket_thuc")
    elif report.ten_goi:
        ending = "./." if report.he_thong == "nha_nuoc" else "."
        blocks = [Paragraph([Run(f"{report.ten_goi} kính báo cáo{ending}")])]
    else:
        blocks = []
    # The closing words travel with Nơi nhận and the signature: never a signature alone on a page.
    for block in blocks:
        if isinstance(block, Paragraph):
            block.keep_next = True
    return blocks


def body(sections: list[Muc], text: TextResolver, numbering: Numbering) -> list[Block]:
    """Return the blocks of the numbered sections (`noi_dung`), with their tables."""
    blocks: list[Block] = []
    _sections(sections, 0, "", ("noi_dung",), blocks, text, numbering)
    return blocks


def _sections(
    sections: list[Muc],
    depth: int,
    parent_number: str,
    path: tuple[str | int, ...],
    out: list[Block],
    text: TextResolver,
    numbering: Numbering,
) -> None:
    """Append the blocks of `sections` (level `depth`, under number `parent_number`) and of their subsections."""
    for index, section in enumerate(sections, start=1):
        here = (*path, index - 1)
        kind = numbering.level_style(depth, here)
        number = numbering.number(kind, index, parent_number, here)
        if kind == "phan":
            out.append(Paragraph([Run(part_title(index))], style="Phan", keep_next=True))
            if section.tieu_de:
                out.append(
                    Paragraph(
                        text.inline(upper(section.tieu_de), *here, "tieu_de"),
                        style="PhanTieuDe",
                        keep_next=True,
                    )
                )
            first = text.prose(section.van_ban, *here, "van_ban")
        elif section.tieu_de:
            title = upper(section.tieu_de) if kind == "la_ma" else section.tieu_de
            heading = [Run(number + " "), *text.inline(title, *here, "tieu_de")]
            out.append(Paragraph(heading, style=_NUMBER_STYLE_OF_LEVEL[kind], keep_next=True))
            first = text.prose(section.van_ban, *here, "van_ban")
        else:
            # An untitled khoản/điểm: its number leads its first paragraph, not bold (NĐ 30 Phụ lục I).
            first = text.prose(section.van_ban, *here, "van_ban")
            if first and isinstance(first[0], Paragraph):
                first[0].inlines.insert(0, Run(number + " "))
            else:
                first.insert(0, Paragraph([Run(number)]))
        out.extend(first)
        for t_index, table in enumerate(section.bang):
            out.extend(build_table(table, text, (*here, "bang", t_index), "portrait"))
        _sections(section.muc, depth + 1, number.rstrip("."), (*here, "muc"), out, text, numbering)
        out.extend(text.prose(section.van_ban_sau, *here, "van_ban_sau"))
