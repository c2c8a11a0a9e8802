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
from fractions import Fraction
from pathlib import Path

from .body import text_width
from .inspect import inspect_template
from .styles import TextStyle
from .units import points

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
    "LINE_AIR",
    "fits",
    "frame_of_bytes",
    "frame_of_file",
    "page_text_width",
    "read_frame_spec",
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
# pt: LibreOffice rounds glyph advances, and wraps a line measured 1/2 pt short of its column.
LINE_AIR = Fraction(1)
COMPONENT_STYLES = (STYLE_UPPER, STYLE_ISSUER, STYLE_NUMBER, STYLE_DATE, STYLE_KIND, STYLE_SUMMARY)


@dataclass(frozen=True)
class FrameSpec:
    """What compute needs to size the header of one template: text styles, fixed lines, text width."""

    system: str
    text_width: Fraction  # points between the margins of the template's (portrait) section
    upper: TextStyle
    issuer: TextStyle
    number: TextStyle
    date: TextStyle
    summary: TextStyle
    right_lines: tuple[tuple[str, TextStyle], ...]  # Quốc hiệu and Tiêu ngữ, or the Party's title


def fits(width: Fraction, column: Fraction) -> bool:
    """Return whether a line measured `width` points stays on one line in a column `column` points wide."""
    return width + LINE_AIR <= column


def page_text_width(orientation: str = "portrait") -> Fraction:
    """Return the width between the margins of the built-in A4 page (NĐ 30 / HD 36), in points."""
    return points(text_width(orientation))


def read_frame_spec(template: bytes, system: str) -> FrameSpec:
    """Return the measurements of `template` for a report of `system`.

    A component prints as its style says, unless the designer set a size or font directly on its
    text (`TemplateFacts.printed`). Missing styles resolve to the document defaults (the contract
    check names them before this is used); a section without a readable size is taken as A4 with
    the decree's margins.
    """
    facts = inspect_template(template)
    right = [
        (text.strip(), facts.printed(style))
        for style in RIGHT_LINE_STYLES[system]
        for text in facts.texts.get(style, ())
        if text.strip()
    ]
    width = page_text_width("portrait")
    if facts.page is not None and facts.page.width > facts.page.left + facts.page.right:
        width = points(facts.page.width - facts.page.left - facts.page.right)
    return FrameSpec(
        system=system,
        text_width=width,
        upper=facts.printed(STYLE_UPPER),
        issuer=facts.printed(STYLE_ISSUER),
        number=facts.printed(STYLE_NUMBER),
        date=facts.printed(STYLE_DATE),
        summary=facts.printed(STYLE_SUMMARY),
        right_lines=tuple(right),
    )


def frame_of_file(template: Path, system: str) -> FrameSpec:
    """Return the measurements of the template file `template`, read once per file version."""
    stat = template.stat()
    return _cached_frame(template.resolve(), stat.st_mtime_ns, stat.st_size, system)


@functools.lru_cache(maxsize=16)
def _cached_frame(template: Path, mtime_ns: int, size: int, system: str) -> FrameSpec:
    return read_frame_spec(template.read_bytes(), system)


@functools.lru_cache(maxsize=16)
def frame_of_bytes(template: bytes, system: str) -> FrameSpec:
    """Return the measurements of a template already read (an office's, its style ids made canonical)."""
    return read_frame_spec(template, system)
