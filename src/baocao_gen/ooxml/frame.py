"""The frame template as measurements: what the header's lines print in, read from the template itself.

The templates in templates/ (and an office's own) are the source, drawn in Word or LibreOffice. Word
cannot size a column or a paragraph rule to its text, so compute measures the header's lines; the
sizes, fonts and weights it measures with come from here, read from the template's named styles
(one per header component, see docs/mau-van-ban.md), and the text width from its section. A designer
who sets Tiêu ngữ to 14 pt in Word gets a rule as long as the 14 pt Tiêu ngữ, with no code change.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from .body import text_width
from .ns import PART_DOCUMENT, PART_STYLES, qn
from .package import read_parts, xml_of
from .styles import StyleSheet, TextStyle

__all__ = [
    "COMPONENT_STYLES",
    "RIGHT_LINE_STYLES",
    "STYLE_DATE",
    "STYLE_ISSUER",
    "STYLE_KIND",
    "STYLE_NUMBER",
    "STYLE_SUMMARY",
    "STYLE_UPPER",
    "FrameSpec",
    "frame_of_file",
    "read_frame_spec",
    "section_text_width",
]

# Style ids of the header components; the names a designer sees in Word are in docs/mau-van-ban.md.
STYLE_UPPER = "CoQuanChuQuan"  # cơ quan chủ quản (State) / cấp trên trực tiếp (Party)
STYLE_ISSUER = "CoQuanBanHanh"
STYLE_NUMBER = "SoKyHieu"
STYLE_DATE = "DiaDanhNgay"
STYLE_KIND = "TenLoai"
STYLE_SUMMARY = "TrichYeu"
# The fixed lines of the header's right column, top to bottom; the rule under them is as long as the last.
RIGHT_LINE_STYLES = {"nha_nuoc": ("QuocHieu", "TieuNgu"), "dang": ("TieuDeDang",)}
COMPONENT_STYLES = (STYLE_UPPER, STYLE_ISSUER, STYLE_NUMBER, STYLE_DATE, STYLE_KIND, STYLE_SUMMARY)


@dataclass(frozen=True)
class FrameSpec:
    """What compute needs to size the header of one template: text styles, fixed lines, text width."""

    system: str
    text_width: int  # twips between the margins of the template's (portrait) section
    upper: TextStyle
    issuer: TextStyle
    number: TextStyle
    date: TextStyle
    summary: TextStyle
    right_lines: tuple[tuple[str, TextStyle], ...]  # Quốc hiệu and Tiêu ngữ, or the Party's title


def _paragraph_text(paragraph: etree._Element) -> str:
    return "".join(t.text or "" for t in paragraph.iter(qn("w:t")))


def _paragraph_style(paragraph: etree._Element) -> str | None:
    style = paragraph.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
    return style.get(qn("w:val")) if style is not None else None


def section_text_width(document: etree._Element) -> int | None:
    """Return the width between the margins of the document's last section, in twips."""
    sect = document.find(f"{qn('w:body')}/{qn('w:sectPr')}")
    if sect is None:
        return None
    size, margins = sect.find(qn("w:pgSz")), sect.find(qn("w:pgMar"))
    if size is None or margins is None:
        return None
    try:
        return int(size.get(qn("w:w"), "")) - int(margins.get(qn("w:left"), "0")) - int(margins.get(qn("w:right"), "0"))
    except ValueError:
        return None


def read_frame_spec(template: bytes, system: str) -> FrameSpec:
    """Return the measurements of `template` for a report of `system`.

    Missing styles resolve to the document defaults (the contract check names them before this is
    used); a section without a readable size takes A4 with the decree's margins.
    """
    parts = read_parts(template)
    sheet = StyleSheet(xml_of(parts[PART_STYLES]))
    document = xml_of(parts[PART_DOCUMENT])
    right: list[tuple[str, TextStyle]] = []
    wanted = RIGHT_LINE_STYLES[system]
    for paragraph in document.iter(qn("w:p")):
        style = _paragraph_style(paragraph)
        if style in wanted and _paragraph_text(paragraph).strip():
            right.append((_paragraph_text(paragraph).strip(), sheet.text_style(style)))
    return FrameSpec(
        system=system,
        text_width=section_text_width(document) or text_width("portrait"),
        upper=sheet.text_style(STYLE_UPPER),
        issuer=sheet.text_style(STYLE_ISSUER),
        number=sheet.text_style(STYLE_NUMBER),
        date=sheet.text_style(STYLE_DATE),
        summary=sheet.text_style(STYLE_SUMMARY),
        right_lines=tuple(right),
    )


def frame_of_file(template: Path, system: str) -> FrameSpec:
    """Return the measurements of the template file `template`, read once per file version."""
    stat = template.stat()
    return _cached_frame(template.resolve(), stat.st_mtime_ns, stat.st_size, system)


@functools.lru_cache(maxsize=16)
def _cached_frame(template: Path, mtime_ns: int, size: int, system: str) -> FrameSpec:
    return read_frame_spec(template.read_bytes(), system)
