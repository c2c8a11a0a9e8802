"""Document tree → WordprocessingML for the body, footnotes and section breaks.

Properties are emitted in schema order (CT_PPr, CT_RPr, CT_TcPr, CT_SectPr), because Word — unlike
LibreOffice — asks to "repair" a file whose property children are out of order.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable

from lxml import etree

from ..document import (
    Block,
    Cell,
    Footnote,
    Inline,
    LineBreak,
    NoteRef,
    PageBreak,
    Paragraph,
    Run,
    SectionBreak,
    Table,
)
from ..vietnamese import code_hyphens
from .ns import NSMAP, qn
from .units import twips

__all__ = [
    "PAGE",
    "block_elements",
    "blocks_to_xml",
    "inline_elements",
    "inlines_to_xml",
    "footnotes_part",
    "keep_codes_together",
    "section_properties",
    "text_width",
]


class PAGE:
    """A4 with NĐ 30 / HD 36 margins (top 20, bottom 20, left 30, right 15 mm), in twips."""

    WIDTH = 11906
    HEIGHT = 16838
    TOP = 1134
    BOTTOM = 1134
    LEFT = 1701
    RIGHT = 850
    HEADER = 567
    FOOTER = 567


KEEP_TOGETHER_ROWS = 15  # rows: a table this short is kept on one page


def text_width(orientation: str = "portrait") -> int:
    """Return the width between the margins, in twips."""
    page_width = PAGE.HEIGHT if orientation == "landscape" else PAGE.WIDTH
    return page_width - PAGE.LEFT - PAGE.RIGHT


@functools.lru_cache(maxsize=256)
def _attribute(name: str) -> str:
    """Return the Clark name of a keyword attribute: `val` is `w:val` (the body's hottest line)."""
    return qn(f"w:{name}") if ":" not in name else qn(name)


def _el(tag: str, parent: etree._Element | None = None, **attrs: str) -> etree._Element:
    attributes = {_attribute(k): v for k, v in attrs.items()}
    if parent is None:
        return etree.Element(qn(tag), attributes, nsmap=NSMAP)
    return etree.SubElement(parent, qn(tag), attributes)


def _run(parent: etree._Element, inline: Inline, size_half_points: int | None = None) -> None:
    if isinstance(inline, NoteRef):
        r = _el("w:r", parent)
        rpr = _el("w:rPr", r)
        _el("w:rStyle", rpr, val="FootnoteReference")
        _el("w:footnoteReference", r, id=str(inline.number))
        return
    r = _el("w:r", parent)
    if isinstance(inline, LineBreak):
        _el("w:br", r)
        return
    assert isinstance(inline, Run)
    rpr = etree.Element(qn("w:rPr"))
    if inline.bold:
        _el("w:b", rpr)
        _el("w:bCs", rpr)
    if inline.italic:
        _el("w:i", rpr)
        _el("w:iCs", rpr)
    if size_half_points:
        _el("w:sz", rpr, val=str(size_half_points))
        _el("w:szCs", rpr, val=str(size_half_points))
    if inline.underline:
        _el("w:u", rpr, val="single")
    if inline.superscript or inline.subscript:
        _el("w:vertAlign", rpr, val="superscript" if inline.superscript else "subscript")
    if len(rpr):
        r.append(rpr)
    for element in _text_elements(inline.text):
        r.append(element)


def _text_elements(text: str) -> list[etree._Element]:
    """Return the run content for `text`: `w:t` pieces, with a `w:noBreakHyphen` for each hyphen of a
    document code, so that Word and LibreOffice never end a line in "Kết luận số 43-"."""
    out: list[etree._Element] = []
    start = 0
    for position in [*code_hyphens(text), len(text)]:
        piece = text[start:position]
        if piece or not out and position == len(text):
            t = etree.Element(qn("w:t"))
            t.text = piece
            if piece != piece.strip() or "  " in piece:
                t.set(qn("xml:space"), "preserve")
            out.append(t)
        if position < len(text):
            out.append(etree.Element(qn("w:noBreakHyphen")))
        start = position + 1
    return out


def keep_codes_together(root: etree._Element) -> None:
    """Give the hyphens of document codes in text the template wrote (the số/ký hiệu line, Nơi nhận…)
    the same non-breaking form as the body's: docxtpl fills those values into plain `w:t` elements."""
    for t in list(root.iter(qn("w:t"))):
        text = t.text or ""
        if not code_hyphens(text):
            continue
        run = t.getparent()
        if run is None:
            continue
        index = run.index(t)
        run.remove(t)
        for offset, element in enumerate(_text_elements(text)):
            run.insert(index + offset, element)


def _paragraph(p: Paragraph, size_half_points: int | None = None) -> etree._Element:
    el = _el("w:p")
    ppr = _el("w:pPr", el)
    _el("w:pStyle", ppr, val=p.style)
    if p.keep_next:
        _el("w:keepNext", ppr)
    if p.first_line is False:
        _el("w:ind", ppr, firstLine="0")
    if p.align:
        _el("w:jc", ppr, val=p.align)
    for inline in p.inlines:
        _run(el, inline, size_half_points)
    return el


def _page_break() -> etree._Element:
    el = _el("w:p")
    ppr = _el("w:pPr", el)
    _el("w:pStyle", ppr, val="VanBan")
    _el("w:br", _el("w:r", el), type="page")
    return el


def section_properties(orientation: str = "portrait", restart_page_numbers: bool = False) -> etree._Element:
    """Return a `w:sectPr` for an A4 section (header references are added by the package step)."""
    sect = _el("w:sectPr")
    landscape = orientation == "landscape"
    size = {
        "w": str(PAGE.HEIGHT if landscape else PAGE.WIDTH),
        "h": str(PAGE.WIDTH if landscape else PAGE.HEIGHT),
    }
    if landscape:
        size["orient"] = "landscape"
    _el("w:pgSz", sect, **size)
    _el(
        "w:pgMar",
        sect,
        top=str(PAGE.TOP),
        right=str(PAGE.RIGHT),
        bottom=str(PAGE.BOTTOM),
        left=str(PAGE.LEFT),
        header=str(PAGE.HEADER),
        footer=str(PAGE.FOOTER),
        gutter="0",
    )
    if restart_page_numbers:
        _el("w:pgNumType", sect, start="1")
    _el("w:cols", sect, space="720")
    _el("w:titlePg", sect)
    _el("w:docGrid", sect, linePitch="360")
    return sect


def _section_break(br: SectionBreak) -> etree._Element:
    el = _el("w:p")
    ppr = _el("w:pPr", el)
    _el("w:pStyle", ppr, val="VanBan")
    _el("w:spacing", ppr, before="0", after="0", line="14", lineRule="exact")
    ppr.append(section_properties(br.orientation, br.restart_page_numbers))
    return el


def _cell(
    row: etree._Element,
    cell: Cell | None,
    width: int,
    span: int,
    continue_merge: bool,
    restart: bool,
    size: int,
    keep_next: bool = False,
) -> None:
    tc = _el("w:tc", row)
    tcpr = _el("w:tcPr", tc)
    _el("w:tcW", tcpr, w=str(width), type="dxa")
    if span > 1:
        _el("w:gridSpan", tcpr, val=str(span))
    if continue_merge:
        _el("w:vMerge", tcpr)
    elif restart:
        _el("w:vMerge", tcpr, val="restart")
    _el("w:vAlign", tcpr, val="center")
    if cell is None:
        p = _el("w:p", tc)
        ppr = _el("w:pPr", p)
        _el("w:pStyle", ppr, val="Bang")
        if keep_next:
            _el("w:keepNext", ppr)
        return
    paragraph = Paragraph(
        [
            Run(i.text, bold=i.bold or cell.bold, italic=i.italic) if isinstance(i, Run) else i
            for i in cell.inlines
        ],
        style="Bang",
        keep_next=keep_next,
        align=cell.align,
    )
    tc.append(_paragraph(paragraph, size))


def _table(table: Table) -> etree._Element:
    widths = [twips(width) for width in table.widths]  # the document tree speaks points
    size = round(table.font_size * 2)  # half-points
    tbl = _el("w:tbl")
    tblpr = _el("w:tblPr", tbl)
    _el("w:tblW", tblpr, w=str(sum(widths)), type="dxa")
    _el("w:jc", tblpr, val="center")
    borders = _el("w:tblBorders", tblpr)
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        _el(f"w:{side}", borders, val="single", sz="4", space="0", color="000000")
    _el("w:tblLayout", tblpr, type="fixed")
    margins = _el("w:tblCellMar", tblpr)
    _el("w:left", margins, w="57", type="dxa")
    _el("w:right", margins, w="57", type="dxa")
    grid = _el("w:tblGrid", tbl)
    for width in widths:
        _el("w:gridCol", grid, w=str(width))
    # Rows hold only the cells that start there; cells covered by a rowspan from above are
    # written as vMerge continuations so that every row fills the whole grid.
    covered: dict[tuple[int, int], tuple[int, int]] = {}
    # A short table stays on one page: its rows keep with the next one (a longer table breaks anyway).
    # Split, a short table left its totals row alone on the next page, under a repeated header that
    # LibreOffice draws clipped when it has cells merged down.
    together = len(table.rows) <= KEEP_TOGETHER_ROWS
    for r_index, cells in enumerate(table.rows):
        keep = together and r_index < len(table.rows) - 1
        tr = _el("w:tr", tbl)
        trpr = _el("w:trPr", tr)
        _el("w:cantSplit", trpr)
        if r_index < table.header_rows:
            _el("w:tblHeader", trpr)
        col = 0
        queue = list(cells)
        while col < len(widths):
            if (r_index, col) in covered:
                span, _ = covered[(r_index, col)]
                width = sum(widths[col : col + span])
                _cell(tr, None, width, span, True, False, size, keep)
                col += span
                continue
            if not queue:
                width = sum(widths[col:])
                _cell(tr, None, width, len(widths) - col, False, False, size, keep)
                break
            cell = queue.pop(0)
            span = max(1, min(cell.colspan, len(widths) - col))
            for below in range(1, cell.rowspan):
                covered[(r_index + below, col)] = (span, cell.rowspan)
            width = sum(widths[col : col + span])
            _cell(tr, cell, width, span, False, cell.rowspan > 1, size, keep)
            col += span
    return tbl


def block_elements(blocks: Iterable[Block]) -> list[etree._Element]:
    """Return the XML elements of `blocks`, in order."""
    out: list[etree._Element] = []
    for block in blocks:
        if isinstance(block, Paragraph):
            out.append(_paragraph(block))
        elif isinstance(block, Table):
            out.append(_table(block))
            # Word needs a paragraph between two tables and after a table that ends a cell or section.
            out.append(_paragraph(Paragraph([], style="SauBang")))
        elif isinstance(block, PageBreak):
            out.append(_page_break())
        elif isinstance(block, SectionBreak):
            out.append(_section_break(block))
        else:  # pragma: no cover - the Block union is closed
            raise TypeError(block)
    return out


def inline_elements(inlines: Iterable[Inline]) -> list[etree._Element]:
    """Return the runs of `inlines`, for a run slot whose paragraph (and style) the template owns."""
    holder = _el("w:p")
    for inline in inlines:
        _run(holder, inline)
    return list(holder)


def inlines_to_xml(inlines: Iterable[Inline]) -> str:
    """Return runs only, for a `{{r …}}` slot whose paragraph (and style) the template owns."""
    holder = _el("w:p")
    for inline in inlines:
        _run(holder, inline)
    return "".join(etree.tostring(run, encoding="unicode") for run in holder)


def blocks_to_xml(blocks: Iterable[Block]) -> str:
    """Return `blocks` as a WordprocessingML fragment to splice into a template paragraph slot."""
    return "".join(etree.tostring(el, encoding="unicode") for el in block_elements(blocks))


def footnotes_part(footnotes: list[Footnote]) -> bytes:
    """Return `word/footnotes.xml` with Word's two separators (ids -1 and 0) and our notes from 1."""
    root = etree.Element(qn("w:footnotes"), nsmap=NSMAP)
    for note_id, kind, child in (
        ("-1", "separator", "w:separator"),
        ("0", "continuationSeparator", "w:continuationSeparator"),
    ):
        fn = _el("w:footnote", root, type=kind, id=note_id)
        p = _el("w:p", fn)
        ppr = _el("w:pPr", p)
        _el("w:spacing", ppr, after="0", line="240", lineRule="auto")
        _el(child, _el("w:r", p))
    for note in footnotes:
        fn = _el("w:footnote", root, id=str(note.number))
        for index, block in enumerate(note.blocks):
            p = _paragraph(block)
            if index == 0:
                ref = etree.Element(qn("w:r"))
                _el("w:rStyle", _el("w:rPr", ref), val="FootnoteReference")
                _el("w:footnoteRef", ref)
                p.insert(1, ref)
                space = etree.Element(qn("w:r"))
                t = _el("w:t", space)
                t.text = " "
                t.set(qn("xml:space"), "preserve")
                p.insert(2, space)
            fn.append(p)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
