"""Document tree → WordprocessingML for the body, footnotes and section breaks.

Properties are emitted in schema order (CT_PPr, CT_RPr, CT_TcPr, CT_SectPr), because Word — unlike
LibreOffice — asks to "repair" a file whose property children are out of order.

The XML is written as text and parsed once by lxml's C parser: a report body has thousands of
elements, and creating them one by one from Python was the largest item of a render's profile
(docs/benchmarks.md). Every character a clerk typed goes through `_text` or `_value`, which escape
it so that the parsed tree holds exactly the typed string, and refuse what XML cannot hold, as lxml
does when a string is assigned to an element.
"""

from __future__ import annotations

import re
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
    "block_markup",
    "blocks_to_xml",
    "holds_empty_text",
    "inline_elements",
    "inline_markup",
    "inlines_to_xml",
    "markup_elements",
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


# -- writing XML as text ------------------------------------------------------------------------------
_DECLARATIONS = "".join(f' xmlns:{prefix}="{uri}"' for prefix, uri in NSMAP.items())
_PARSER = etree.XMLParser(resolve_entities=False)
# The characters XML 1.0 forbids, listed (the C0 controls but Tab, LF and CR; surrogates; U+FFFE/FFFF)
# rather than written as the complement of what it allows: the same set (tests/test_perf_boot.py checks
# every code point), and compiled in 0.8 ms instead of 6.5 ms at every start (a negated class spanning
# the astral planes is slow for `re` to build).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_EMPTY_TEXT = "<w:t></w:t>"
_T = qn("w:t")

Xml = list[str]  # the pieces of a fragment being written, joined once


def _checked(value: str) -> str:
    """Return `value`, or refuse it as lxml refuses a string XML 1.0 cannot hold."""
    if _NOT_XML.search(value):
        raise ValueError(
            "All strings must be XML compatible: Unicode or ASCII, no NULL bytes or control characters"
        )
    return value


def _text(value: str) -> str:
    """Return `value` escaped as element content: parsed back, it is `value` exactly (a CR too)."""
    escaped = _checked(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return escaped.replace("\r", "&#13;") if "\r" in escaped else escaped


def _value(value: str) -> str:
    """Return `value` escaped as an attribute value (quotes and line ends too, which a parser would normalise)."""
    escaped = _text(value).replace('"', "&quot;")
    return escaped.replace("\n", "&#10;").replace("\t", "&#9;")


def _parse(tag: str, xml: Xml) -> etree._Element:
    """Return the fragment `xml` parsed inside a `tag` element that declares the namespaces."""
    text = "".join(xml)
    root = etree.fromstring(f"<{tag}{_DECLARATIONS}>{text}</{tag}>".encode(), _PARSER)
    if _EMPTY_TEXT in text:  # a parser reads `<w:t></w:t>` as no text; the writer always gave one
        for t in root.iter(_T):
            if t.text is None:
                t.text = ""
    return root


def _grid_widths(table: Table) -> list[int]:
    """Return the widths of the table's grid columns, in twips: the one place the body reads them.

    The document tree speaks points; twips appear only here, in OOXML.
    """
    return [twips(width) for width in table.widths]


# -- runs and paragraphs ------------------------------------------------------------------------------
_NOTE_STYLE = '<w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr>'


def _run(out: Xml, inline: Inline, size_half_points: int | None = None) -> None:
    if isinstance(inline, NoteRef):
        out.append(f'<w:r>{_NOTE_STYLE}<w:footnoteReference w:id="{inline.number}"/></w:r>')
        return
    if isinstance(inline, LineBreak):
        out.append("<w:r><w:br/></w:r>")
        return
    assert isinstance(inline, Run)
    props = []
    if inline.bold:
        props.append("<w:b/><w:bCs/>")
    if inline.italic:
        props.append("<w:i/><w:iCs/>")
    if size_half_points:
        props.append(f'<w:sz w:val="{size_half_points}"/><w:szCs w:val="{size_half_points}"/>')
    if inline.underline:
        props.append('<w:u w:val="single"/>')
    if inline.superscript or inline.subscript:
        props.append(f'<w:vertAlign w:val="{"superscript" if inline.superscript else "subscript"}"/>')
    out.append("<w:r><w:rPr>" + "".join(props) + "</w:rPr>" if props else "<w:r>")
    _text_pieces(out, inline.text)
    out.append("</w:r>")


def _code_hyphens(text: str) -> list[int]:
    """Return the hyphens of document codes in `text`; most texts have no hyphen, and no regex is run."""
    return code_hyphens(text) if "-" in text else []


def _text_pieces(out: Xml, text: str) -> None:
    """Write the run content for `text`: `w:t` pieces, with a `w:noBreakHyphen` for each hyphen of a
    document code, so that Word and LibreOffice never end a line in "Kết luận số 43-"."""
    start = 0
    written = False
    for position in [*_code_hyphens(text), len(text)]:
        piece = text[start:position]
        if piece or not written and position == len(text):
            preserve = piece != piece.strip() or "  " in piece
            out.append(
                f'<w:t xml:space="preserve">{_text(piece)}</w:t>'
                if preserve
                else f"<w:t>{_text(piece)}</w:t>"
            )
            written = True
        if position < len(text):
            out.append("<w:noBreakHyphen/>")
            written = True
        start = position + 1


def keep_codes_together(root: etree._Element) -> None:
    """Give the hyphens of document codes in text the template wrote (the số/ký hiệu line, Nơi nhận…)
    the same non-breaking form as the body's: docxtpl fills those values into plain `w:t` elements."""
    for t in list(root.iter(_T)):
        text = t.text or ""
        if not _code_hyphens(text):
            continue
        run = t.getparent()
        if run is None:
            continue
        index = run.index(t)
        run.remove(t)
        pieces: Xml = []
        _text_pieces(pieces, text)
        for offset, element in enumerate(list(_parse("w:r", pieces))):
            run.insert(index + offset, element)


def _paragraph(out: Xml, p: Paragraph, size_half_points: int | None = None, lead: str = "") -> None:
    """Write `p`; `lead` is XML put before its runs (a footnote's own number)."""
    out.append(f'<w:p><w:pPr><w:pStyle w:val="{_value(p.style)}"/>')
    if p.keep_next:
        out.append("<w:keepNext/>")
    if p.first_line is False:
        out.append('<w:ind w:firstLine="0"/>')
    if p.align:
        out.append(f'<w:jc w:val="{_value(p.align)}"/>')
    out.append("</w:pPr>" + lead)
    for inline in p.inlines:
        _run(out, inline, size_half_points)
    out.append("</w:p>")


_PAGE_BREAK = '<w:p><w:pPr><w:pStyle w:val="VanBan"/></w:pPr><w:r><w:br w:type="page"/></w:r></w:p>'


def _section_xml(orientation: str, restart_page_numbers: bool) -> str:
    landscape = orientation == "landscape"
    width, height = (PAGE.HEIGHT, PAGE.WIDTH) if landscape else (PAGE.WIDTH, PAGE.HEIGHT)
    orient = ' w:orient="landscape"' if landscape else ""
    return (
        f'<w:sectPr><w:pgSz w:w="{width}" w:h="{height}"{orient}/>'
        f'<w:pgMar w:top="{PAGE.TOP}" w:right="{PAGE.RIGHT}" w:bottom="{PAGE.BOTTOM}" w:left="{PAGE.LEFT}"'
        f' w:header="{PAGE.HEADER}" w:footer="{PAGE.FOOTER}" w:gutter="0"/>'
        + ('<w:pgNumType w:start="1"/>' if restart_page_numbers else "")
        + '<w:cols w:space="720"/><w:titlePg/><w:docGrid w:linePitch="360"/></w:sectPr>'
    )


def section_properties(orientation: str = "portrait", restart_page_numbers: bool = False) -> etree._Element:
    """Return a `w:sectPr` for an A4 section (header references are added by the package step)."""
    return _parse("w:body", [_section_xml(orientation, restart_page_numbers)])[0]


def _section_break(out: Xml, br: SectionBreak) -> None:
    out.append(
        '<w:p><w:pPr><w:pStyle w:val="VanBan"/><w:spacing w:before="0" w:after="0" w:line="14" w:lineRule="exact"/>'
        + _section_xml(br.orientation, br.restart_page_numbers)
        + "</w:pPr></w:p>"
    )


# -- tables ---------------------------------------------------------------------------------------------
_BORDERS = "".join(
    f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
    for side in ("top", "left", "bottom", "right", "insideH", "insideV")
)
_CELL_MARGINS = '<w:tblCellMar><w:left w:w="57" w:type="dxa"/><w:right w:w="57" w:type="dxa"/></w:tblCellMar>'


def _cell(
    out: Xml,
    cell: Cell | None,
    width: int,
    span: int,
    continue_merge: bool,
    restart: bool,
    size: int,
    keep_next: bool = False,
) -> None:
    out.append(f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>')
    if span > 1:
        out.append(f'<w:gridSpan w:val="{span}"/>')
    if continue_merge:
        out.append("<w:vMerge/>")
    elif restart:
        out.append('<w:vMerge w:val="restart"/>')
    out.append('<w:vAlign w:val="center"/></w:tcPr>')
    if cell is None:
        out.append(
            '<w:p><w:pPr><w:pStyle w:val="Bang"/>'
            + ("<w:keepNext/>" if keep_next else "")
            + "</w:pPr></w:p></w:tc>"
        )
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
    _paragraph(out, paragraph, size)
    out.append("</w:tc>")


def _table(out: Xml, table: Table) -> None:
    widths = _grid_widths(table)
    out.append(
        f'<w:tbl><w:tblPr><w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:jc w:val="center"/>'
        f'<w:tblBorders>{_BORDERS}</w:tblBorders><w:tblLayout w:type="fixed"/>{_CELL_MARGINS}</w:tblPr>'
        "<w:tblGrid>" + "".join(f'<w:gridCol w:w="{width}"/>' for width in widths) + "</w:tblGrid>"
    )
    # Rows hold only the cells that start there; cells covered by a rowspan from above are
    # written as vMerge continuations so that every row fills the whole grid.
    covered: dict[tuple[int, int], tuple[int, int]] = {}
    # A short table stays on one page: its rows keep with the next one (a longer table breaks anyway).
    # Split, a short table left its totals row alone on the next page, under a repeated header that
    # LibreOffice draws clipped when it has cells merged down.
    together = len(table.rows) <= KEEP_TOGETHER_ROWS
    size = round(table.font_size * 2)  # half-points
    for r_index, cells in enumerate(table.rows):
        keep = together and r_index < len(table.rows) - 1
        out.append(
            "<w:tr><w:trPr><w:cantSplit/>"
            + ("<w:tblHeader/>" if r_index < table.header_rows else "")
            + "</w:trPr>"
        )
        col = 0
        queue = list(cells)
        while col < len(widths):
            if (r_index, col) in covered:
                span, _ = covered[(r_index, col)]
                _cell(out, None, sum(widths[col : col + span]), span, True, False, size, keep)
                col += span
                continue
            if not queue:
                _cell(out, None, sum(widths[col:]), len(widths) - col, False, False, size, keep)
                break
            cell = queue.pop(0)
            span = max(1, min(cell.colspan, len(widths) - col))
            for below in range(1, cell.rowspan):
                covered[(r_index + below, col)] = (span, cell.rowspan)
            _cell(out, cell, sum(widths[col : col + span]), span, False, cell.rowspan > 1, size, keep)
            col += span
        out.append("</w:tr>")
    out.append("</w:tbl>")


# -- the public writers ----------------------------------------------------------------------------------
_AFTER_TABLE = Paragraph([], style="SauBang")


def _blocks_xml(blocks: Iterable[Block]) -> Xml:
    out: Xml = []
    for block in blocks:
        if isinstance(block, Paragraph):
            _paragraph(out, block)
        elif isinstance(block, Table):
            _table(out, block)
            # Word needs a paragraph between two tables and after a table that ends a cell or section.
            _paragraph(out, _AFTER_TABLE)
        elif isinstance(block, PageBreak):
            out.append(_PAGE_BREAK)
        elif isinstance(block, SectionBreak):
            _section_break(out, block)
        else:  # pragma: no cover - the Block union is closed
            raise TypeError(block)
    return out


def block_elements(blocks: Iterable[Block]) -> list[etree._Element]:
    """Return the XML elements of `blocks`, in order."""
    return list(_parse("w:body", _blocks_xml(blocks)))


def block_markup(blocks: Iterable[Block]) -> str:
    """Return `blocks` as the writer's XML text, unparsed: prefix `w:` undeclared, for a document that
    declares it (`ooxml.slots` parses it in place); `markup_elements` parses it alone."""
    return "".join(_blocks_xml(blocks))


def inline_markup(inlines: Iterable[Inline]) -> str:
    """Return the runs of `inlines` as the writer's XML text, unparsed (see `block_markup`)."""
    out: Xml = []
    for inline in inlines:
        _run(out, inline)
    return "".join(out)


def markup_elements(markup: str) -> list[etree._Element]:
    """Return the elements of XML text from `block_markup` or `inline_markup`, in order."""
    return list(_parse("w:body", [markup]))


def holds_empty_text(markup: str) -> bool:
    """Whether `markup` has an empty `w:t`, which parsing alone reads as no text (`_parse` restores it)."""
    return _EMPTY_TEXT in markup


def inline_elements(inlines: Iterable[Inline]) -> list[etree._Element]:
    """Return the runs of `inlines`, for a run slot whose paragraph (and style) the template owns."""
    return list(_parse("w:p", [inline_markup(inlines)]))


def inlines_to_xml(inlines: Iterable[Inline]) -> str:
    """Return runs only, for a `{{r …}}` slot whose paragraph (and style) the template owns."""
    return "".join(etree.tostring(run, encoding="unicode") for run in inline_elements(inlines))


def blocks_to_xml(blocks: Iterable[Block]) -> str:
    """Return `blocks` as a WordprocessingML fragment to splice into a template paragraph slot."""
    return "".join(etree.tostring(el, encoding="unicode") for el in block_elements(blocks))


_SEPARATORS = "".join(
    f'<w:footnote w:type="{kind}" w:id="{note_id}"><w:p><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/>'
    f"</w:pPr><w:r><w:{child}/></w:r></w:p></w:footnote>"
    for note_id, kind, child in (
        ("-1", "separator", "separator"),
        ("0", "continuationSeparator", "continuationSeparator"),
    )
)
_NOTE_NUMBER = f'<w:r>{_NOTE_STYLE}<w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> </w:t></w:r>'


def footnotes_part(footnotes: list[Footnote]) -> bytes:
    """Return `word/footnotes.xml` with Word's two separators (ids -1 and 0) and our notes from 1."""
    out: Xml = [_SEPARATORS]
    for note in footnotes:
        out.append(f'<w:footnote w:id="{note.number}">')
        for index, block in enumerate(note.blocks):
            _paragraph(out, block, lead=_NOTE_NUMBER if index == 0 else "")
        out.append("</w:footnote>")
    root = _parse("w:footnotes", out)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
