"""Appendices of an imported report: each section after the closing that starts with «Phụ lục», or an
appendix typed after the closing in the same section; title lines, the «(Kèm theo …)» line the tool writes
itself, prose, tables and the page orientation.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..check.components import APPENDIX, Components
from ..ooxml.reader import DocxDocument, Paragraph, Table
from .body_markup import runs_markup
from .citations import Citer
from .notes import ImportNote, NoteKind
from .tables import read_table

__all__ = ["after_closing", "appendix", "first_index", "landscape", "section_blocks"]

_SUBTITLE = re.compile(r"^\(\s*Kèm theo", re.IGNORECASE)


def first_index(table: Table) -> int | None:
    for row in table.rows:
        for cell in row:
            for paragraph in cell:
                return paragraph.index
    return None


def section_blocks(doc: DocxDocument, section: int) -> list[Paragraph | Table]:
    return [
        b for b in doc.blocks if (b.section if isinstance(b, Paragraph) else _section_of(doc, b)) == section
    ]


def after_closing(
    doc: DocxDocument, parts: Components, notes: list[ImportNote]
) -> list[list[Paragraph | Table]]:
    """Appendices typed after the closing without a section break of their own, each from its «Phụ lục» line.

    Anything else found there is listed as not carried over, with its paragraph, never dropped silently.
    """
    pieces = [*parts.signature, *parts.recipients]
    if parts.recipients_title is not None:
        pieces.append(parts.recipients_title)
    if not pieces:
        return []
    last = max(p.paragraph.index for p in pieces)
    main = pieces[0].paragraph.section
    groups: list[list[Paragraph | Table]] = []
    for block in section_blocks(doc, main):
        first = block.index if isinstance(block, Paragraph) else first_index(block)
        if first is None or first <= last:
            continue
        if isinstance(block, Paragraph) and APPENDIX.match(block.run_text):
            groups.append([block])
        elif groups:
            groups[-1].append(block)
        elif isinstance(block, Table) or block.run_text.strip():
            text = block.run_text.strip() if isinstance(block, Paragraph) else "(bảng)"
            notes.append(
                ImportNote(
                    NoteKind.NOT_MAPPED,
                    f"«{text[:80]}» đứng sau phần ký và Nơi nhận, không thuộc phụ lục nào: không được chuyển.",
                    first,
                )
            )
    return groups


def landscape(doc: DocxDocument, block: Paragraph | Table) -> bool:
    section = block.section if isinstance(block, Paragraph) else _section_of(doc, block)
    return any(s.landscape for s in doc.sections if s.index == section)


def appendix(
    blocks: list[Paragraph | Table],
    landscape: bool,
    footnotes: Callable[[int], str],
    notes: list[ImportNote],
    citer: Citer,
) -> dict[str, object]:
    """One appendix: title lines, subtitle, prose, tables, orientation."""
    title: list[str] = []
    out: dict[str, object] = {}
    before: list[str] = []
    after: list[str] = []
    tables: list[dict[str, object]] = []
    stage = "label"
    for block in blocks:
        if isinstance(block, Table):
            tables.append(read_table(block, footnotes, notes, citer))
            stage = "after"
            continue
        text = block.run_text.strip()
        if not text:
            continue
        if stage == "label" and APPENDIX.match(text):
            stage = "title"
            continue
        if stage in ("label", "title") and _SUBTITLE.match(text):
            notes.append(
                ImportNote(
                    NoteKind.RECOGNISED,
                    f"dòng «{text[:50]}…» của phụ lục do công cụ viết từ số, ngày của báo cáo.",
                    block.index,
                )
            )
            stage = "prose"
            continue
        if stage in ("label", "title") and block.format.alignment == "center":
            title.append(runs_markup(block.runs, footnotes, emphasis=False).strip())
            stage = "title"
            continue
        if stage in ("label", "title"):
            stage = "prose"
        if tables and block.run_text.strip().lower().startswith("ghi chú") and "ghi_chu" not in tables[-1]:
            tables[-1]["ghi_chu"] = runs_markup(block.runs, footnotes)
            continue
        line = citer(runs_markup(block.runs, footnotes), block.index)
        (after if tables else before).append(line)
    out["tieu_de"] = "\\\n".join(title) if title else "Phụ lục"
    if landscape:
        out["huong"] = "ngang"
    if before:
        out["van_ban"] = "\n".join(before)
    if tables:
        out["bang"] = tables
    if after:
        out["van_ban_sau"] = "\n".join(after)
    return out


def _section_of(doc: DocxDocument, table: Table) -> int | None:
    first = first_index(table)
    if first is None:
        return None
    return doc.paragraphs[first - 1].section
