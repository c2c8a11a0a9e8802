"""A produced .docx as plain text: body (tables row by row), section breaks, then footnotes.

Used by the golden tests (a reviewable text diff of what changed in a document) and by anyone who
wants to compare a generated report with a typed one.
"""

from __future__ import annotations

from functools import lru_cache

from lxml import etree

from .formatting import first_child, grandchild
from .ns import PART_DOCUMENT, PART_FOOTNOTES, qn
from .package import read_parts

__all__ = ["document_text"]

# Tags spelt out once: `qn` on every node of a long report cost a tenth of this module's time.
_P, _T, _BR, _TAB, _TBL, _TR, _TC = (qn(t) for t in ("w:p", "w:t", "w:br", "w:tab", "w:tbl", "w:tr", "w:tc"))
_NO_BREAK_HYPHEN, _FOOTNOTE_REFERENCE = qn("w:noBreakHyphen"), qn("w:footnoteReference")
_PPR, _SECTPR, _PGSZ, _TCPR, _VMERGE = qn("w:pPr"), qn("w:sectPr"), qn("w:pgSz"), qn("w:tcPr"), qn("w:vMerge")
_VAL, _TYPE, _ID, _ORIENT = qn("w:val"), qn("w:type"), qn("w:id"), qn("w:orient")
_BODY, _FOOTNOTE = qn("w:body"), qn("w:footnote")
_TEXT_TAGS = (_T, _BR, _FOOTNOTE_REFERENCE, _TAB, _NO_BREAK_HYPHEN)


def _paragraph_text(p: etree._Element) -> str:
    out = []
    for node in p.iter(*_TEXT_TAGS):
        tag = node.tag
        if tag == _T:
            out.append(node.text or "")
        elif tag == _NO_BREAK_HYPHEN:
            out.append("-")  # a document code's hyphen reads as the hyphen it is
        elif tag == _FOOTNOTE_REFERENCE:
            out.append(f"[^{node.get(_ID)}]")
        elif tag == _BR:
            out.append("\n" if node.get(_TYPE) == "page" else " / ")
        else:
            out.append("\t")
    return "".join(out)


def _block_lines(element: etree._Element) -> list[str]:
    lines: list[str] = []
    for child in element:
        if child.tag == _P:
            text = _paragraph_text(child).strip()
            if text:
                lines.append(text)
            sect = grandchild(child, _PPR, _SECTPR)
            if sect is not None:
                size = first_child(sect, _PGSZ)
                orient = "ngang" if size is not None and size.get(_ORIENT) == "landscape" else "dọc"
                lines.append(f"=== hết phần ({orient}) ===")
        elif child.tag == _TBL:
            for row in child.iter(_TR):
                cells = []
                for cell in row.iterchildren(_TC):
                    merged = grandchild(cell, _TCPR, _VMERGE)
                    if merged is not None and merged.get(_VAL) != "restart":
                        cells.append("^")
                        continue
                    cells.append(
                        " / ".join(t for t in (_paragraph_text(p).strip() for p in cell.iter(_P)) if t)
                    )
                lines.append("| " + " | ".join(cells) + " |")
    return lines


@lru_cache(maxsize=2)
def document_text(data: bytes) -> str:
    """Return the reading text of a .docx: body paragraphs and tables, then numbered footnotes.

    Remembered for the last two packages, by their bytes (a function of them alone): `render` and
    `watch` compare the output they replace with the new one, and the next run's old output is this
    run's new one, so each output is read once instead of twice (≈10 ms of a warm Phổ Hòa render).
    """
    parts = read_parts(data)
    body = etree.fromstring(parts[PART_DOCUMENT]).find(_BODY)
    lines = _block_lines(body) if body is not None else []
    notes = parts.get(PART_FOOTNOTES)
    if notes is not None:
        lines.append("--- chú thích ---")
        for note in etree.fromstring(notes).iter(_FOOTNOTE):
            ident = int(note.get(_ID) or 0)
            if ident < 1:
                continue
            texts = [t for t in (_paragraph_text(p).strip() for p in note.iter(_P)) if t]
            lines.append(f"[{ident}] " + "\n    ".join(texts))
    return "\n".join(lines) + "\n"
