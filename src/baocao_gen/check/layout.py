"""Where the signature block falls: page breaks estimated from text widths, with an honest margin.

A signature alone on its page (no line of the body above it) is refused by every office, but only a
rendering knows where pages break. The checker has no renderer, so it estimates: each paragraph's
lines from the advance widths of Times New Roman (`ooxml.measure`), its line height from size and
spacing, rows of tables as their tallest cell. The estimate drifts with every page, so the margin
of error grows with the height laid out; inside that margin the answer is "không xác định".
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from ..ooxml.measure import text_width_twips
from ..ooxml.reader import DocxDocument, Paragraph, Section, Table

__all__ = ["ClosingEstimate", "estimate_closing"]

_FONT_HEIGHT = 1.15  # Times New Roman's line height (ascent + descent) in em
_BASE_ERROR = 2 * 322  # two lines of 14 pt text
_DRIFT = 0.08  # share of the laid-out height the estimate may be off by (measured: 1 page in 9)


@dataclass(frozen=True, slots=True)
class ClosingEstimate:
    """Pages (from 1) of the last body line and of the closing block's first unit, and how sure."""

    body_page: int
    closing_page: int
    distance: int  # twips between the closing's needs and the room left; its sign says which side
    error: int  # twips the estimate may be off by

    @property
    def alone(self) -> bool:
        return self.closing_page > self.body_page

    @property
    def certain(self) -> bool:
        return abs(self.distance) > self.error


def _text_width(section: Section) -> int:
    width = section.width or 11906
    return width - (section.left or 1701) - (section.right or 850)


def _line_height(paragraph: Paragraph, size: float) -> float:
    fmt = paragraph.format
    natural = size * 20 * _FONT_HEIGHT
    if fmt.line_rule == "exact" and fmt.line:
        return float(fmt.line)
    if fmt.line_rule == "atLeast" and fmt.line:
        return max(float(fmt.line), natural)
    return natural * (fmt.line or 240) / 240


def paragraph_height(paragraph: Paragraph, width: int) -> tuple[float, float]:
    """Return (whole height, height of its first line) in twips, spacing included."""
    sizes = [r.format.size or 12 for r in paragraph.runs if r.text.strip()] or [12.0]
    size = max(sizes)
    room = max(width - (paragraph.format.left or 0), 1440) * 0.95  # words wrap before the margin
    lines = 0
    for chunk in paragraph.text.split("\n"):
        lines += max(1, math.ceil(_chunk_width(paragraph, chunk, size) / room))
    line = _line_height(paragraph, size)
    before = paragraph.format.before or 0
    after = paragraph.format.after or 0
    return lines * line + before + after, line + before


def _chunk_width(paragraph: Paragraph, chunk: str, size: float) -> float:
    """Width of one line-broken chunk, taking the formatting of the run it mostly comes from."""
    bold = any(r.format.bold for r in paragraph.runs if r.text.strip())
    italic = all(r.format.italic for r in paragraph.runs if r.text.strip()) if paragraph.runs else False
    return max(paragraph.format.first_line or 0, 0) + text_width_twips(chunk, size, bold, bool(italic))


def _row_height(table: Table, row: int, width: int) -> float:
    cells = table.rows[row]
    cell_width = width // max(len(cells), 1)
    return max((sum(paragraph_height(p, cell_width)[0] for p in cell) for cell in cells), default=0.0)


def estimate_closing(doc: DocxDocument, last_body: int, closing_first: int) -> ClosingEstimate | None:
    """Estimate the page of paragraph `last_body` and of the block holding paragraph `closing_first`."""
    if not doc.sections:
        return None
    section = doc.sections[0]
    if closing_first >= (doc.sections[1].first_paragraph if len(doc.sections) > 1 else 10**9):
        return None  # the closing is not in the first section: beyond what this estimate models
    page_height = (section.height or 16838) - (section.top or 1134) - (section.bottom or 1134)
    width = _text_width(section)
    page, y, laid = 1, 0.0, 0.0
    body_page = 1
    for block in doc.blocks:
        if isinstance(block, Paragraph):
            if block.index > last_body and block.index >= closing_first:
                break
            if block.format.page_break_before and y > 0:
                page, y = page + 1, 0.0
            height, _ = paragraph_height(block, width)
            y += height
            laid += height
            while y > page_height:
                page, y = page + 1, y - page_height
            if block.index <= last_body:
                body_page = page
            if block.page_break and not block.format.page_break_before:
                page, y = page + 1, 0.0
            continue
        for r, row in enumerate(block.rows):
            row_paragraphs = [p.index for cell in row for p in cell]
            height = _row_height(block, r, width)
            holds_closing = closing_first in row_paragraphs
            if holds_closing:
                need = (
                    height
                    if (r < len(block.cant_split) and block.cant_split[r])
                    else height / max(len(row_paragraphs), 1)
                )
                room = page_height - y
                closing_page = page if need <= room else page + 1
                distance = int(need - room)
                return ClosingEstimate(body_page, closing_page, distance, int(_BASE_ERROR + _DRIFT * laid))
            y += height
            laid += height
            while y > page_height:
                page, y = page + 1, y - page_height
            if max(row_paragraphs, default=0) <= last_body:
                body_page = page
    closing = next((p for p in doc.paragraphs if p.index == closing_first), None)
    if closing is None:
        return None
    _, need = paragraph_height(closing, width)
    room = page_height - y
    closing_page = page if need <= room else page + 1
    return ClosingEstimate(body_page, closing_page, int(need - room), int(_BASE_ERROR + _DRIFT * laid))
