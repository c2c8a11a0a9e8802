"""Any .docx as a plain model: sections, paragraphs with their effective formatting, tables, notes.

The checker (`baocao check`) and later the importer read documents typed in Word, not made by us:
headers built with tables, tabs or text boxes, formatting inherited through the style sheet, and
heading numbers that come from Word's automatic lists. This module is the only place that knows
that XML; what it returns are dataclasses of plain values, so the rules never see an lxml element.

Effective formatting is resolved the way Word does it for what matters here: document defaults,
then the paragraph style chain (`basedOn`), then the character style chain, then direct formatting
(`formatting.py`, the one resolver, shared with the frame's measurements and the structure goldens).
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field

from lxml import etree

from .formatting import (
    ElementKey,
    ParagraphFormat,
    RunFormat,
    StyleResolver,
    element_key,
    first_child,
    grandchild,
    int_value,
    leading_child,
    theme_fonts,
    toggle,
)
from .ns import qn
from .numbering import Numbering
from .parsed import ParsedPackage

__all__ = [
    "DocxDocument",
    "CellSpan",
    "Footnote",
    "HeaderInfo",
    "Paragraph",
    "ParagraphFormat",
    "Run",
    "RunFormat",
    "Section",
    "Table",
    "UnreadableDocx",
    "body_children",
    "read_docx",
    "story_runs",
    "text_boxes",
]

_PARSER = etree.XMLParser(resolve_entities=False, huge_tree=False, remove_blank_text=False)
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_MAX_PART = 64 * 1024 * 1024

# Tags and attributes asked for on every paragraph and run, spelt out once (a long report has thousands).
_P, _R, _T, _TAB, _PPR, _RPR = qn("w:p"), qn("w:r"), qn("w:t"), qn("w:tab"), qn("w:pPr"), qn("w:rPr")
_PSTYLE, _RSTYLE, _NUMPR, _NUMID, _ILVL = (
    qn("w:pStyle"),
    qn("w:rStyle"),
    qn("w:numPr"),
    qn("w:numId"),
    qn("w:ilvl"),
)
_SECTPR, _VAL, _TYPE, _ID = qn("w:sectPr"), qn("w:val"), qn("w:type"), qn("w:id")
_BREAKS = frozenset({qn("w:br"), qn("w:cr")})
_NO_BREAK_HYPHEN, _FOOTNOTE_REFERENCE = qn("w:noBreakHyphen"), qn("w:footnoteReference")
_DRAWINGS = (qn("w:drawing"), qn("w:pict"))
_TEXT_BOX = qn("w:txbxContent")
_FIELD_TAGS = (qn("w:fldSimple"), qn("w:fldChar"), qn("w:instrText"))
# Everything `_fields`, `_text_boxes` and the drawing test look for: one walk of a paragraph finds
# none of them in nearly every paragraph, and the three walks are skipped (one walk for six tags costs
# two thirds of the three: ≈1 ms of a 700-paragraph read).
_RARE = (*_DRAWINGS, *_FIELD_TAGS, _TEXT_BOX)
_RUN_CONTAINERS = frozenset(
    qn(tag)
    for tag in ("w:hyperlink", "w:ins", "w:smartTag", "w:fldSimple", "w:sdt", "w:sdtContent", "w:customXml")
)
_TC, _TR, _TCPR, _GRID_SPAN, _V_MERGE = qn("w:tc"), qn("w:tr"), qn("w:tcPr"), qn("w:gridSpan"), qn("w:vMerge")
_TRPR, _CANT_SPLIT, _GRID_BEFORE = qn("w:trPr"), qn("w:cantSplit"), qn("w:gridBefore")
_TBL, _TBLPR, _TBL_BORDERS = qn("w:tbl"), qn("w:tblPr"), qn("w:tblBorders")


class UnreadableDocx(Exception):
    """The file is not a .docx we can read; the message says why, in Vietnamese."""


@dataclass(frozen=True, slots=True)
class Run:
    """A stretch of text with one effective format; `footnote_id` marks a footnote reference."""

    text: str
    format: RunFormat
    footnote_id: int | None = None


@dataclass(slots=True)
class Paragraph:
    """One paragraph as a reader sees it: its number label (automatic numbering) and its runs.

    `index` counts every paragraph of the main story in reading order from 1 (table cells and text
    boxes included), which is the "đoạn N" a finding points at.
    """

    index: int
    style_id: str | None
    style_name: str | None
    format: ParagraphFormat
    runs: list[Run]
    label: str = ""
    label_format: str | None = None
    list_level: int | None = None
    section: int = 1
    table: int | None = None
    row: int | None = None
    cell: int | None = None
    in_text_box: bool = False
    page_break: bool = False
    has_drawing: bool = False  # a shape or picture anchored here (offices draw the header's short rules)
    fields: tuple[
        str, ...
    ] = ()  # the instructions of Word fields here (PAGE, DATE…); their shown text is in runs

    @property
    def run_text(self) -> str:
        return "".join(r.text for r in self.runs)

    @property
    def text(self) -> str:
        """The text with the automatic label in front, as printed."""
        if self.label:
            return f"{self.label}\t{self.run_text}" if self.run_text else self.label
        return self.run_text

    def visible_runs(self) -> list[Run]:
        """Runs that carry letters (spaces and tabs alone decide nothing about formatting)."""
        return [r for r in self.runs if r.text.strip() and r.footnote_id is None]


@dataclass(frozen=True, slots=True)
class CellSpan:
    """Where a cell sits in the table grid: first grid column (from 0), columns spanned, and whether it
    continues a vertical merge from the row above (Word keeps such a cell, empty, in every row)."""

    start: int
    width: int = 1
    continued: bool = False


@dataclass(slots=True)
class Table:
    """A table of the body: rows of cells, each a list of paragraphs; `bordered` when any border shows.

    `spans` holds one `CellSpan` per cell, row by row, so merged header cells can be rebuilt exactly.
    """

    index: int
    rows: list[list[list[Paragraph]]]
    bordered: bool
    cant_split: list[bool] = field(default_factory=list)
    spans: list[list[CellSpan]] = field(default_factory=list)

    @property
    def merged(self) -> bool:
        """True when any cell spans columns or continues a merge from above."""
        return any(span.width > 1 or span.continued for row in self.spans for span in row)


@dataclass(frozen=True, slots=True)
class HeaderInfo:
    """A header part as it matters for page numbers."""

    text: str
    has_page_number: bool
    page_number_alignment: str | None


@dataclass(frozen=True, slots=True)
class Section:
    """Page setup of one section (twips); headers by type (`default`, `first`, `even`), inherited as Word does."""

    index: int
    width: int | None
    height: int | None
    landscape: bool
    top: int | None
    bottom: int | None
    left: int | None
    right: int | None
    title_page: bool
    page_number_start: int | None
    headers: dict[str, HeaderInfo]
    first_paragraph: int


@dataclass(frozen=True, slots=True)
class Footnote:
    """A footnote: its paragraphs as runs (bold, italic, non-breaking hyphens kept) and their text.

    `text` joins the paragraphs with a line break, as they print one under another.
    """

    id: int
    text: str
    paragraphs: tuple[tuple[Run, ...], ...] = ()


@dataclass(slots=True)
class DocxDocument:
    """The whole document: blocks of the body in order, every paragraph flat, sections and notes."""

    blocks: list[Paragraph | Table] = field(default_factory=list)
    paragraphs: list[Paragraph] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    footnotes: dict[int, Footnote] = field(default_factory=dict)
    footnote_references: list[tuple[int, int]] = field(default_factory=list)


# --- reading the parts ---------------------------------------------------------------------------


def _open_parts(data: bytes) -> dict[str, bytes]:
    """Return the XML parts of the package, or raise UnreadableDocx saying why in Vietnamese."""
    if data.startswith(_OLE_MAGIC):
        raise UnreadableDocx(
            "tệp được đặt mật khẩu (mã hóa) hoặc là tệp .doc cũ của Word 97–2003, không phải .docx"
        )
    if not data.startswith(b"PK"):
        raise UnreadableDocx("không phải tệp .docx (không phải gói Office Open XML)")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts: dict[str, bytes] = {}
            for info in archive.infolist():
                if not info.filename.endswith((".xml", ".rels")):
                    continue
                if info.file_size > _MAX_PART:
                    raise UnreadableDocx(f"phần «{info.filename}» quá lớn")
                parts[info.filename] = archive.read(info)
    except (
        zipfile.BadZipFile,
        EOFError,
        zlib.error,
        NotImplementedError,
        OSError,
        RuntimeError,
        ValueError,
    ) as exc:
        raise UnreadableDocx("tệp .docx bị hỏng (gói nén không đọc được)") from exc
    if "word/document.xml" not in parts:
        raise UnreadableDocx("không phải tệp .docx của Word (thiếu word/document.xml)")
    return parts


class _Parts:
    """The XML parts of one package, each parsed once when first asked for (or already parsed)."""

    def __init__(self, data: dict[str, bytes], trees: dict[str, etree._Element] | None = None):
        self._data = data
        self._trees = dict(trees or {})

    def xml(self, name: str) -> etree._Element | None:
        """Return the tree of part `name` (None when the package has none); raise UnreadableDocx if broken."""
        tree = self._trees.get(name)
        if tree is not None:
            return tree
        data = self._data.get(name)
        if data is None:
            return None
        try:
            tree = self._trees[name] = etree.fromstring(data, _PARSER)
        except etree.XMLSyntaxError as exc:
            raise UnreadableDocx(f"tệp .docx bị hỏng (phần «{name}» không phải XML hợp lệ)") from exc
        return tree


def _relationships(parts: _Parts) -> dict[str, str]:
    root = parts.xml("word/_rels/document.xml.rels")
    if root is None:
        return {}
    return {rel.get("Id", ""): rel.get("Target", "") for rel in root}


def _field_has_page(container: etree._Element) -> bool:
    for simple in container.iter(qn("w:fldSimple")):
        if "PAGE" in simple.get(qn("w:instr"), "").upper().split():
            return True
    return any("PAGE" in (t.text or "").upper().split() for t in container.iter(qn("w:instrText")))


@dataclass(frozen=True, slots=True)
class _ParagraphProperties:
    """What a paragraph's own properties decide: its style, its format, the list it belongs to."""

    style_id: str | None
    style_name: str | None
    format: ParagraphFormat
    num_id: str | None
    level: int | None
    ends_section: bool  # the pPr holds a `w:sectPr` (the same content always does)


class _Reader:
    """Walks the main story once, numbering paragraphs and following sections as it goes."""

    def __init__(self, parts: _Parts):
        self.parts = parts
        self.styles = StyleResolver(
            parts.xml("word/styles.xml"), theme_fonts(parts.xml("word/theme/theme1.xml"))
        )
        self.numbering = Numbering(parts.xml("word/numbering.xml"))
        self.rels = _relationships(parts)
        self.doc = DocxDocument()
        self.count = 0
        self.section = 1
        self.section_start = 1
        self.tables = 0
        self.last_headers: dict[str, HeaderInfo] = {}
        # What a paragraph's pPr (by its content, `element_key`) and a run's rPr (with its paragraph style) decide:
        # a long report repeats a few dozen of each thousands of times.
        self._paragraph_properties: dict[ElementKey, _ParagraphProperties] = {}
        self._run_formats: dict[tuple[str | None, ElementKey], RunFormat] = {}

    def _run_format(self, style_id: str | None, r_pr: etree._Element | None) -> RunFormat:
        if r_pr is None:
            return self.styles.run_format(style_id)
        key = (style_id, element_key(r_pr))
        found = self._run_formats.get(key)
        if found is None:
            char = first_child(r_pr, _RSTYLE)
            found = self._run_formats[key] = self.styles.run_format(
                style_id, char.get(_VAL) if char is not None else None, r_pr
            )
        return found

    def _properties(self, p_pr: etree._Element | None) -> _ParagraphProperties:
        """Return the style, format and list membership a paragraph's pPr gives it."""
        key = () if p_pr is None else element_key(p_pr)
        found = self._paragraph_properties.get(key)
        if found is not None:
            return found
        style_el = first_child(p_pr, _PSTYLE) if p_pr is not None else None
        style_id = style_el.get(_VAL) if style_el is not None else None
        num_id, level = self.styles.numbering_of(style_id)
        num_pr = first_child(p_pr, _NUMPR) if p_pr is not None else None
        if num_pr is not None:
            found_id = first_child(num_pr, _NUMID)
            found_level = first_child(num_pr, _ILVL)
            if found_id is not None:
                num_id = found_id.get(_VAL)
            if found_level is not None:
                level = int_value(found_level.get(_VAL))
        found = self._paragraph_properties[key] = _ParagraphProperties(
            style_id,
            self.styles.name(style_id),
            self.styles.paragraph_format(style_id, p_pr),
            num_id,
            level,
            p_pr is not None and first_child(p_pr, _SECTPR) is not None,
        )
        return found

    def runs(self, p: etree._Element, style_id: str | None) -> tuple[list[Run], bool]:
        out: list[Run] = []
        page_break = False
        for r in self._story_runs(p):
            fmt = self._run_format(style_id, leading_child(r, _RPR))
            text: list[str] = []
            for node in r:
                tag = node.tag
                if tag == _T:
                    text.append(node.text or "")
                elif tag == _TAB:
                    text.append("\t")
                elif tag in _BREAKS:
                    if node.get(_TYPE) == "page":
                        page_break = True
                    else:
                        text.append("\n")
                elif tag == _NO_BREAK_HYPHEN:
                    text.append("-")
                elif tag == _FOOTNOTE_REFERENCE:
                    note = int_value(node.get(_ID)) or 0
                    out.append(Run("", fmt, note))
                    self.doc.footnote_references.append((note, self.count))
            if text:
                out.append(Run("".join(text), fmt))
        return out, page_break

    @staticmethod
    def _story_runs(p: etree._Element) -> Iterator[etree._Element]:
        """Runs of the paragraph itself (hyperlinks, fields, insertions), not of text boxes inside it."""
        for child in p:
            if child.tag == _R:
                yield child
            elif child.tag in _RUN_CONTAINERS:
                yield from _Reader._story_runs(child)

    def paragraph(self, p: etree._Element, **where: int | bool | None) -> Paragraph:
        self.count += 1
        p_pr = leading_child(p, _PPR)
        props = self._properties(p_pr)
        fmt, level = props.format, props.level
        label, label_format = self.numbering.label(props.num_id, level)
        runs, page_break = self.runs(p, props.style_id)
        rare = next(p.iter(*_RARE), None) is not None
        paragraph = Paragraph(
            index=self.count,
            style_id=props.style_id,
            style_name=props.style_name,
            format=fmt,
            runs=runs,
            label=label,
            label_format=label_format,
            list_level=level if label else None,
            section=self.section,
            page_break=page_break or bool(fmt.page_break_before),
            has_drawing=rare and next(p.iter(*_DRAWINGS), None) is not None,
            fields=self._fields(p) if rare else (),
            **where,  # type: ignore[arg-type]
        )
        self.doc.paragraphs.append(paragraph)
        for box in self._text_boxes(p) if rare else ():
            for inner in box.iter(_P):
                self.paragraph(inner, in_text_box=True)
        sect = first_child(p_pr, _SECTPR) if props.ends_section and p_pr is not None else None
        if sect is not None:
            self.close_section(sect)
        return paragraph

    @staticmethod
    def _fields(p: etree._Element) -> tuple[str, ...]:
        """Field instructions of the paragraph itself: simple fields and complex ones (their instrText
        joined from the `begin` to the `separate` or `end` mark), text boxes inside it left out."""
        out: list[str] = []
        instruction: list[str] | None = None
        for node in p.iter(qn("w:fldSimple"), qn("w:fldChar"), qn("w:instrText"), qn("w:txbxContent")):
            if any(a.tag == qn("w:txbxContent") for a in node.iterancestors()) or node.tag == qn(
                "w:txbxContent"
            ):
                continue
            if node.tag == qn("w:fldSimple"):
                out.append(" ".join((node.get(qn("w:instr")) or "").split()))
            elif node.tag == qn("w:instrText"):
                if instruction is not None:
                    instruction.append(node.text or "")
            elif node.get(qn("w:fldCharType")) == "begin":
                instruction = []
            elif instruction is not None:  # separate or end
                out.append(" ".join("".join(instruction).split()))
                instruction = None
        return tuple(out)

    @staticmethod
    def _text_boxes(p: etree._Element) -> list[etree._Element]:
        """Text boxes anchored in `p`, once each (Word writes a VML fallback copy; it is skipped)."""
        out = []
        for box in p.iter(_TEXT_BOX):
            if any(a.tag == f"{{{_MC}}}Fallback" for a in box.iterancestors()):
                continue
            if any(a.tag == _TEXT_BOX for a in box.iterancestors()):
                continue
            out.append(box)
        return out

    def table(self, tbl: etree._Element) -> Table:
        self.tables += 1
        index = self.tables
        borders = grandchild(tbl, _TBLPR, _TBL_BORDERS)
        bordered = borders is not None and any(b.get(qn("w:val")) not in ("nil", "none") for b in borders)
        rows: list[list[list[Paragraph]]] = []
        cant_split: list[bool] = []
        spans: list[list[CellSpan]] = []
        for r_index, tr in enumerate(tbl.iterchildren(_TR), start=1):
            cant_split.append(bool(toggle(grandchild(tr, _TRPR, _CANT_SPLIT))))
            row: list[list[Paragraph]] = []
            row_spans: list[CellSpan] = []
            before = grandchild(tr, _TRPR, _GRID_BEFORE)
            position = (int_value(before.get(_VAL)) if before is not None else None) or 0
            for c_index, tc in enumerate(tr.iterchildren(_TC), start=1):
                row_spans.append(self._span(tc, position))
                position += row_spans[-1].width
                cell: list[Paragraph] = []
                for child in tc:
                    if child.tag == _P:
                        cell.append(self.paragraph(child, table=index, row=r_index, cell=c_index))
                    elif child.tag == _TBL:
                        self.table(child)
                row.append(cell)
            rows.append(row)
            spans.append(row_spans)
        return Table(index, rows, bordered, cant_split, spans)

    @staticmethod
    def _span(tc: etree._Element, start: int) -> CellSpan:
        tc_pr = first_child(tc, _TCPR)
        if tc_pr is None:
            return CellSpan(start)
        grid_span = first_child(tc_pr, _GRID_SPAN)
        width = int_value(grid_span.get(_VAL)) if grid_span is not None else None
        v_merge = first_child(tc_pr, _V_MERGE)
        continued = v_merge is not None and v_merge.get(_VAL, "continue") == "continue"
        return CellSpan(start, max(width or 1, 1), continued)

    def header(self, target: str) -> HeaderInfo:
        root = self.parts.xml("word/" + target.lstrip("/").removeprefix("word/"))
        if root is None:
            return HeaderInfo("", False, None)
        text = "".join(t.text or "" for t in root.iter(qn("w:t")))
        alignment: str | None = None
        has_page = False
        for p in root.iter(qn("w:p")):
            if _field_has_page(p):
                has_page = True
                p_pr = p.find(qn("w:pPr"))
                style_el = p_pr.find(qn("w:pStyle")) if p_pr is not None else None
                style_id = style_el.get(qn("w:val")) if style_el is not None else None
                fmt = self.styles.paragraph_format(style_id, p_pr)
                alignment = fmt.alignment
                if alignment in (None, "left") and any(
                    getattr(tab.getparent(), "tag", None) == qn("w:r") for tab in p.iter(qn("w:tab"))
                ):
                    alignment = "tab"  # placed by a tab stop (Word's Header style centres at its middle tab)
                break
        return HeaderInfo(text, has_page, alignment)

    def close_section(self, sect: etree._Element) -> None:
        size = sect.find(qn("w:pgSz"))
        margins = sect.find(qn("w:pgMar"))
        number = sect.find(qn("w:pgNumType"))
        headers = dict(self.last_headers)  # a section without its own header uses the previous one
        for ref in sect.findall(qn("w:headerReference")):
            target = self.rels.get(ref.get(qn("r:id"), ""), "")
            headers[ref.get(qn("w:type"), "default")] = self.header(target)
        self.last_headers = headers

        def attr(el: etree._Element | None, name: str) -> int | None:
            return int_value(el.get(qn(name))) if el is not None else None

        self.doc.sections.append(
            Section(
                index=self.section,
                width=attr(size, "w:w"),
                height=attr(size, "w:h"),
                landscape=size is not None and size.get(qn("w:orient")) == "landscape",
                top=attr(margins, "w:top"),
                bottom=attr(margins, "w:bottom"),
                left=attr(margins, "w:left"),
                right=attr(margins, "w:right"),
                title_page=bool(toggle(sect.find(qn("w:titlePg")))),
                page_number_start=attr(number, "w:start"),
                headers=headers,
                first_paragraph=self.section_start,
            )
        )
        self.section += 1
        self.section_start = self.count + 1

    def read(self) -> DocxDocument:
        root = self.parts.xml("word/document.xml")
        body = root.find(qn("w:body")) if root is not None else None
        if body is None:
            raise UnreadableDocx("tệp .docx không có thân văn bản")
        for child in self._body_children(body):
            if child.tag == qn("w:p"):
                self.doc.blocks.append(self.paragraph(child))
            elif child.tag == qn("w:tbl"):
                self.doc.blocks.append(self.table(child))
            elif child.tag == qn("w:sectPr"):
                self.close_section(child)
        notes = self.parts.xml("word/footnotes.xml")
        if notes is not None:
            for note in notes.iter(qn("w:footnote")):
                note_id = int_value(note.get(qn("w:id")))
                if note_id is None or note.get(qn("w:type")) in (
                    "separator",
                    "continuationSeparator",
                    "continuationNotice",
                ):
                    continue
                self.doc.footnotes[note_id] = self.footnote(note_id, note)
        return self.doc

    def footnote(self, note_id: int, note: etree._Element) -> Footnote:
        """Read one footnote's paragraphs with the same run reading as the body (tabs, breaks, hyphens)."""
        paragraphs: list[tuple[Run, ...]] = []
        for p in note.iter(qn("w:p")):
            p_pr = p.find(qn("w:pPr"))
            style_el = p_pr.find(qn("w:pStyle")) if p_pr is not None else None
            runs, _ = self.runs(p, style_el.get(qn("w:val")) if style_el is not None else None)
            paragraphs.append(tuple(runs))
        while paragraphs and not "".join(r.text for r in paragraphs[-1]).strip():
            paragraphs.pop()
        text = "\n".join("".join(r.text for r in runs) for runs in paragraphs)
        return Footnote(note_id, text.strip(), tuple(paragraphs))

    @staticmethod
    def _body_children(body: etree._Element) -> Iterator[etree._Element]:
        """Blocks of the body, looking through content controls (`w:sdt`) as Word shows them."""
        for child in body:
            if child.tag == qn("w:sdt"):
                content = child.find(qn("w:sdtContent"))
                if content is not None:
                    yield from _Reader._body_children(content)
            else:
                yield child


def read_docx(data: bytes | ParsedPackage) -> DocxDocument:
    """Return the plain model of a .docx package; raise UnreadableDocx (Vietnamese reason) otherwise.

    `data` may be a package already parsed (verify parses its output once for its checks and this
    audit); its trees are read, not changed.
    """
    if isinstance(data, ParsedPackage):
        if data.unparsable:
            name = data.unparsable[0][0]
            raise UnreadableDocx(f"tệp .docx bị hỏng (phần «{name}» không phải XML hợp lệ)")
        if "word/document.xml" not in data.parts:
            raise UnreadableDocx("không phải tệp .docx của Word (thiếu word/document.xml)")
        return _Reader(_Parts(data.parts, data.trees)).read()
    return _Reader(_Parts(_open_parts(data))).read()


def story_runs(p: etree._Element) -> Iterator[etree._Element]:
    """Return the runs of paragraph `p` as the reader reads them, so an edit counts offsets alike."""
    return _Reader._story_runs(p)


def text_boxes(p: etree._Element) -> list[etree._Element]:
    """Return the text boxes anchored in `p` that the reader numbers as paragraphs, once each."""
    return _Reader._text_boxes(p)


def body_children(body: etree._Element) -> Iterator[etree._Element]:
    """Return the body's blocks in the reader's order (through content controls)."""
    return _Reader._body_children(body)
