"""A produced .docx as plain text: body (tables row by row), section breaks, then footnotes.

Used by the golden tests (a reviewable text diff of what changed in a document) and by anyone who
wants to compare a generated report with a typed one.
"""

from __future__ import annotations

from lxml import etree

from .ns import PART_DOCUMENT, PART_FOOTNOTES, qn
from .package import read_parts

__all__ = ["document_text"]


def _paragraph_text(p: etree._Element) -> str:
    out = []
    for node in p.iter(qn("w:t"), qn("w:br"), qn("w:footnoteReference"), qn("w:tab"), qn("w:noBreakHyphen")):
        if node.tag == qn("w:t"):
            out.append(node.text or "")
        elif node.tag == qn("w:noBreakHyphen"):
            out.append("-")  # a document code's hyphen reads as the hyphen it is
        elif node.tag == qn("w:footnoteReference"):
            out.append(f"[^{node.get(qn('w:id'))}]")
        elif node.tag == qn("w:br"):
            out.append("\n" if node.get(qn("w:type")) == "page" else " / ")
        else:
            out.append("\t")
    return "".join(out)


def _block_lines(element: etree._Element) -> list[str]:
    lines: list[str] = []
    for child in element:
        if child.tag == qn("w:p"):
            text = _paragraph_text(child).strip()
            if text:
                lines.append(text)
            sect = child.find(f"{qn('w:pPr')}/{qn('w:sectPr')}")
            if sect is not None:
                size = sect.find(qn("w:pgSz"))
                orient = "ngang" if size is not None and size.get(qn("w:orient")) == "landscape" else "dọc"
                lines.append(f"=== hết phần ({orient}) ===")
        elif child.tag == qn("w:tbl"):
            for row in child.iter(qn("w:tr")):
                cells = []
                for cell in row.findall(qn("w:tc")):
                    merged = cell.find(f"{qn('w:tcPr')}/{qn('w:vMerge')}")
                    if merged is not None and merged.get(qn("w:val")) != "restart":
                        cells.append("^")
                        continue
                    cells.append(
                        " / ".join(t for t in (_paragraph_text(p).strip() for p in cell.iter(qn("w:p"))) if t)
                    )
                lines.append("| " + " | ".join(cells) + " |")
    return lines


def document_text(data: bytes) -> str:
    """Return the reading text of a .docx: body paragraphs and tables, then numbered footnotes."""
    parts = read_parts(data)
    body = etree.fromstring(parts[PART_DOCUMENT]).find(qn("w:body"))
    lines = _block_lines(body) if body is not None else []
    notes = parts.get(PART_FOOTNOTES)
    if notes is not None:
        lines.append("--- chú thích ---")
        for note in etree.fromstring(notes).iter(qn("w:footnote")):
            ident = int(note.get(qn("w:id")) or 0)
            if ident < 1:
                continue
            texts = [t for t in (_paragraph_text(p).strip() for p in note.iter(qn("w:p"))) if t]
            lines.append(f"[{ident}] " + "\n    ".join(texts))
    return "\n".join(lines) + "\n"
