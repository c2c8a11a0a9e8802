"""Mechanical repairs of any .docx: page setup, run properties, a few characters, page numbers.

`baocao check --sua` decides *what* to change from the findings (check/repair.py); this module is
where those decisions meet the XML. Edits address paragraphs the way `ooxml.reader` numbers them
("đoạn N", table cells and text boxes included) and characters by their offset in the paragraph's
run text, so a decision made on the reader's plain model lands on the right `w:r`. A run is split
where an edit starts or ends inside it, which changes no character and no formatting outside the edit.

Only the parts an edit touches are re-serialised; every other part, and the zip entries' order and
dates, are copied from the input, so the same input gives the same bytes and an untouched part stays
byte-equal to the original.
"""

from __future__ import annotations

import copy
import io
import posixpath
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from lxml import etree

from .ns import CT, PART_CONTENT_TYPES, PART_DOCUMENT, PART_DOCUMENT_RELS, PR, REL, XML, R, W, qn
from .package import xml_bytes, xml_of
from .reader import _Reader

__all__ = [
    "Edit",
    "PageNumbers",
    "PageSetup",
    "RepairFailed",
    "RunProps",
    "StyleSpan",
    "TextEdit",
    "apply_repairs",
    "paragraph_texts",
]

_REL_HEADER = REL + "header"
_CT_HEADER = "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"
_FONT = "Times New Roman"
_PAGE_NUMBER_HALF_POINTS = "28"  # FORMAT.md: page numbers in size 14


def _names(text: str) -> tuple[str, ...]:
    return tuple(text.split())


# Schema order of the children we add (CT_RPr, CT_PPr, CT_SectPr): a child goes before the first
# successor present, so the result stays valid for Word, which refuses children out of order.
_RPR_ORDER = _names(
    "rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint noProof "
    "snapToGrid vanish webHidden color spacing w kern position sz szCs highlight u effect bdr shd "
    "fitText vertAlign rtl cs em lang eastAsianLayout specVanish oMath rPrChange"
)
_PPR_ORDER = _names(
    "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLineNumbers pBdr "
    "shd tabs suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE autoSpaceDN "
    "bidi adjustRightInd snapToGrid spacing ind contextualSpacing mirrorIndents suppressOverlap jc "
    "textDirection textAlignment textboxTightWrap outlineLvl divId cnfStyle rPr sectPr pPrChange"
)
_SECT_ORDER = _names(
    "headerReference footerReference footnotePr endnotePr type pgSz pgMar paperSrc pgBorders "
    "lnNumType pgNumType cols formProt vAlign noEndnote titlePg textDirection bidi rtlGutter docGrid "
    "printerSettings sectPrChange"
)


class RepairFailed(Exception):
    """An edit could not be placed (the text moved, a range crosses a tab); nothing is written."""


@dataclass(frozen=True, slots=True)
class RunProps:
    """Run properties to set directly; None leaves a property as it is."""

    font: str | None = None
    size: float | None = None
    bold: bool | None = None
    italic: bool | None = None
    underline: bool | None = None


@dataclass(frozen=True, slots=True)
class StyleSpan:
    """Set `props` on characters [start, end) of paragraph `paragraph`'s run text."""

    paragraph: int
    start: int
    end: int
    props: RunProps


@dataclass(frozen=True, slots=True)
class TextEdit:
    """Replace characters [start, end) of a paragraph's run text by `text`, in the run that holds them.

    An insertion (start == end) takes the look of the character before it (a mark ending a line), or
    with `joins_next` of the character after it (a zero put before a digit).
    """

    paragraph: int
    start: int
    end: int
    text: str
    joins_next: bool = False


@dataclass(frozen=True, slots=True)
class PageSetup:
    """A section's paper (twips, `landscape` giving `w:orient`) and the margins to set (twips by side)."""

    section: int
    size: tuple[int, int, bool] | None = None
    margins: tuple[tuple[str, int], ...] = ()


@dataclass(frozen=True, slots=True)
class PageNumbers:
    """Page-number placement of a section: add a header, centre it, hide it on page 1, restart at 1."""

    section: int
    add_header: bool = False
    centre: bool = False
    title_page: bool = False
    clear_first: bool = False
    restart: bool = False


Edit = StyleSpan | TextEdit | PageSetup | PageNumbers


# --- walking the main story as the reader does ---------------------------------------------------


def _walk(body: etree._Element) -> tuple[list[etree._Element], list[etree._Element]]:
    """Return the paragraphs in reader order (đoạn 1, 2, …) and the sections' `w:sectPr` in order."""
    paragraphs: list[etree._Element] = []
    sections: list[etree._Element] = []

    def paragraph(p: etree._Element) -> None:
        paragraphs.append(p)
        for box in _Reader._text_boxes(p):
            for inner in box.iter(qn("w:p")):
                paragraph(inner)
        p_pr = p.find(qn("w:pPr"))
        sect = p_pr.find(qn("w:sectPr")) if p_pr is not None else None
        if sect is not None:
            sections.append(sect)

    def table(tbl: etree._Element) -> None:
        for tr in tbl.findall(qn("w:tr")):
            for tc in tr.findall(qn("w:tc")):
                for child in tc:
                    if child.tag == qn("w:p"):
                        paragraph(child)
                    elif child.tag == qn("w:tbl"):
                        table(child)

    for child in _Reader._body_children(body):
        if child.tag == qn("w:p"):
            paragraph(child)
        elif child.tag == qn("w:tbl"):
            table(child)
        elif child.tag == qn("w:sectPr"):
            sections.append(child)
    return paragraphs, sections


def _length(node: etree._Element) -> int:
    """Return how many characters a run child adds to the reader's text."""
    tag = node.tag
    if tag == qn("w:t"):
        return len(node.text or "")
    if tag in (qn("w:br"), qn("w:cr")):
        return 0 if node.get(qn("w:type")) == "page" else 1
    return 1 if tag in (qn("w:tab"), qn("w:noBreakHyphen")) else 0


def _run_spans(p: etree._Element) -> Iterator[tuple[etree._Element, int, int]]:
    """Yield each story run of `p` with its [start, end) in the paragraph's run text."""
    offset = 0
    for r in _Reader._story_runs(p):
        length = sum(_length(node) for node in r)
        yield r, offset, offset + length
        offset += length


def paragraph_texts(data: bytes) -> list[str]:
    """Return the run text of every paragraph in reader order (what the edits' offsets count)."""
    document = xml_of(_parts(data)[PART_DOCUMENT])
    body = document.find(qn("w:body"))
    paragraphs, _ = _walk(body) if body is not None else ([], [])
    return ["".join(_node_text(n) for r, _, _ in _run_spans(p) for n in r) for p in paragraphs]


def _node_text(node: etree._Element) -> str:
    if node.tag == qn("w:t"):
        return node.text or ""
    if _length(node) == 1:
        return "\t" if node.tag == qn("w:tab") else ("-" if node.tag == qn("w:noBreakHyphen") else "\n")
    return ""


# --- runs: splitting, properties, text ---------------------------------------------------------


def _split_run(r: etree._Element, at: int) -> etree._Element:
    """Split run `r` `at` characters from its start; return the new run holding the rest."""
    tail = etree.Element(qn("w:r"))
    for name, value in r.attrib.items():
        tail.set(name, value)
    r_pr = r.find(qn("w:rPr"))
    if r_pr is not None:
        tail.append(copy.deepcopy(r_pr))
    offset = 0
    moving = False
    for node in list(r):
        if node.tag == qn("w:rPr"):
            continue
        if moving:
            tail.append(node)
            continue
        length = _length(node)
        if offset + length <= at:
            offset += length
            if offset == at and length:
                moving = True
            continue
        if node.tag != qn("w:t"):  # a tab or break cannot be cut in two; offsets fall around it
            tail.append(node)
            moving = True
            continue
        cut = at - offset
        text = node.text or ""
        rest = etree.SubElement(tail, qn("w:t"))
        rest.text = text[cut:]
        rest.set(f"{{{XML}}}space", "preserve")
        node.text = text[:cut]
        node.set(f"{{{XML}}}space", "preserve")
        moving = True
    r.addnext(tail)
    return tail


def _runs_between(p: etree._Element, start: int, end: int) -> list[etree._Element]:
    """Return the runs covering exactly [start, end) of `p`'s run text, splitting at the ends."""
    for r, run_start, run_end in list(_run_spans(p)):
        if run_start < start < run_end:
            _split_run(r, start - run_start)
    for r, run_start, run_end in list(_run_spans(p)):
        if run_start < end < run_end:
            _split_run(r, end - run_start)
    return [r for r, run_start, run_end in _run_spans(p) if start <= run_start and run_end <= end]


def _child(parent: etree._Element, name: str, order: Sequence[str]) -> etree._Element:
    """Return the child `w:name` of `parent`, inserted in schema order when it is missing."""
    found = parent.find(qn(f"w:{name}"))
    if found is not None:
        return found
    element = etree.Element(qn(f"w:{name}"))
    later = order[order.index(name) + 1 :]
    for sibling in parent:
        local = etree.QName(sibling).localname if isinstance(sibling.tag, str) else ""
        if local in later:
            sibling.addprevious(element)
            return element
    parent.append(element)
    return element


def _drop(element: etree._Element, name: str) -> None:
    if name in element.attrib:
        del element.attrib[name]


def _detach(element: etree._Element) -> None:
    parent = element.getparent()
    if parent is not None:
        parent.remove(element)


def _r_pr(r: etree._Element) -> etree._Element:
    r_pr = r.find(qn("w:rPr"))
    if r_pr is None:
        r_pr = etree.Element(qn("w:rPr"))
        r.insert(0, r_pr)
    return r_pr


def _toggle(r_pr: etree._Element, name: str, on: bool) -> None:
    element = _child(r_pr, name, _RPR_ORDER)
    if on:
        _drop(element, qn("w:val"))
    else:
        element.set(qn("w:val"), "0")


def _set_props(r: etree._Element, props: RunProps) -> None:
    r_pr = _r_pr(r)
    if props.font is not None:
        fonts = _child(r_pr, "rFonts", _RPR_ORDER)
        for attr in ("asciiTheme", "hAnsiTheme", "csTheme", "eastAsiaTheme"):
            _drop(fonts, qn(f"w:{attr}"))  # a theme font wins over a named one in Word
        for attr in ("ascii", "hAnsi", "cs"):
            fonts.set(qn(f"w:{attr}"), props.font)
    if props.bold is not None:
        _toggle(r_pr, "b", props.bold)
    if props.italic is not None:
        _toggle(r_pr, "i", props.italic)
    if props.size is not None:
        half_points = str(round(props.size * 2))
        _child(r_pr, "sz", _RPR_ORDER).set(qn("w:val"), half_points)
        _child(r_pr, "szCs", _RPR_ORDER).set(qn("w:val"), half_points)
    if props.underline is not None:
        _child(r_pr, "u", _RPR_ORDER).set(qn("w:val"), "single" if props.underline else "none")


def _replace_text(p: etree._Element, edit: TextEdit) -> None:
    """Replace the characters of `edit` inside the `w:t` elements that hold them, keeping their runs."""
    texts: list[tuple[etree._Element, int, int]] = []
    for r, run_start, _ in _run_spans(p):
        offset = run_start
        for node in r:
            length = _length(node)
            if node.tag == qn("w:t"):
                texts.append((node, offset, offset + length))
            elif length and offset < edit.end and edit.start < offset + length:
                raise RepairFailed(f"đoạn {edit.paragraph}: chỗ cần sửa có dấu tab hoặc ngắt dòng")
            offset += length
    if edit.start == edit.end:
        before = next((t for t in texts if t[1] < edit.start <= t[2]), None)
        after = next((t for t in texts if t[1] <= edit.start < t[2]), None)
        holder = (after or before) if edit.joins_next else (before or after)
        if holder is None:
            raise RepairFailed(f"đoạn {edit.paragraph}: không thấy chỗ cần sửa")
        node, start, _ = holder
        text = node.text or ""
        node.text = text[: edit.start - start] + edit.text + text[edit.start - start :]
        return
    touched = [t for t in texts if t[1] < edit.end and edit.start < t[2]]
    if not touched or touched[0][1] > edit.start or touched[-1][2] < edit.end:
        raise RepairFailed(f"đoạn {edit.paragraph}: không thấy chỗ cần sửa")
    for i, (node, start, _) in enumerate(touched):
        text = node.text or ""
        local_start = max(edit.start - start, 0)
        local_end = min(edit.end - start, len(text))
        node.text = text[:local_start] + (edit.text if i == 0 else "") + text[local_end:]
    for node, _, _ in touched:
        node.set(f"{{{XML}}}space", "preserve")


# --- the package: parts, headers, sections -------------------------------------------------------


def _parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


class _Package:
    """The parts as bytes, with the few that edits parse kept as trees until written back."""

    def __init__(self, data: bytes):
        self.data = data
        self.parts = _parts(data)
        self.trees: dict[str, etree._Element] = {}

    def tree(self, name: str) -> etree._Element:
        if name not in self.trees:
            self.trees[name] = xml_of(self.parts[name])
        return self.trees[name]

    def relationships(self) -> dict[str, str]:
        """Relationship id → part name of the main document's relationships."""
        if PART_DOCUMENT_RELS not in self.parts:
            return {}
        return {
            rel.get("Id", ""): _part_name(rel.get("Target", ""))
            for rel in self.tree(PART_DOCUMENT_RELS)
            if rel.get("TargetMode") != "External"
        }

    def add_header(self, sect: etree._Element) -> None:
        """Create a header part holding a centred PAGE field and make it the section's default header."""
        number = 1
        while f"word/header{number}.xml" in self.parts:
            number += 1
        name = f"word/header{number}.xml"
        header = etree.Element(qn("w:hdr"), nsmap={"w": W, "r": R})
        header.append(_page_number_paragraph())
        self.parts[name] = b""
        self.trees[name] = header
        rels = self.tree(PART_DOCUMENT_RELS)
        ids = {rel.get("Id") for rel in rels}
        rel_number = 1
        while f"rId{rel_number}" in ids:
            rel_number += 1
        rel = etree.SubElement(rels, f"{{{PR}}}Relationship")
        rel.set("Id", f"rId{rel_number}")
        rel.set("Type", _REL_HEADER)
        rel.set("Target", f"header{number}.xml")
        types = self.tree(PART_CONTENT_TYPES)
        override = etree.SubElement(types, f"{{{CT}}}Override")
        override.set("PartName", "/" + name)
        override.set("ContentType", _CT_HEADER)
        reference = etree.Element(qn("w:headerReference"))
        reference.set(qn("w:type"), "default")
        reference.set(qn("r:id"), f"rId{rel_number}")
        sect.insert(0, reference)

    def write(self) -> bytes:
        """Return the package: changed parts re-serialised, the others and the zip order as they were."""
        for name, root in self.trees.items():
            written = xml_bytes(root)
            original = self.parts[name]
            if not original or written != xml_bytes(xml_of(original)):  # untouched parts keep their bytes
                self.parts[name] = written
        out = io.BytesIO()
        with zipfile.ZipFile(io.BytesIO(self.data)) as source, zipfile.ZipFile(out, "w") as archive:
            infos = source.infolist()
            for info in infos:
                archive.writestr(_copy_info(info), self.parts[info.filename])
            stamp = infos[0].date_time if infos else (1980, 1, 1, 0, 0, 0)
            for name in sorted(set(self.parts) - {i.filename for i in infos}):
                info = zipfile.ZipInfo(name, date_time=stamp)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                archive.writestr(info, self.parts[name])
        return out.getvalue()


def _part_name(target: str) -> str:
    """Return the part a relationship of the main document points at (relative, or absolute with `/`)."""
    if target.startswith("/"):
        return posixpath.normpath(target.lstrip("/"))
    return posixpath.normpath(posixpath.join("word", target))


def _copy_info(info: zipfile.ZipInfo) -> zipfile.ZipInfo:
    copied = zipfile.ZipInfo(info.filename, date_time=info.date_time)
    copied.compress_type = info.compress_type
    copied.external_attr = info.external_attr
    copied.create_system = info.create_system
    return copied


def _page_number_paragraph() -> etree._Element:
    """A header paragraph: centred, no indent, Times New Roman 14, holding the PAGE field."""
    p = etree.Element(qn("w:p"))
    p_pr = etree.SubElement(p, qn("w:pPr"))
    spacing = etree.SubElement(p_pr, qn("w:spacing"))
    spacing.set(qn("w:before"), "0")
    spacing.set(qn("w:after"), "0")
    indent = etree.SubElement(p_pr, qn("w:ind"))
    for attr in ("w:left", "w:right", "w:firstLine"):
        indent.set(qn(attr), "0")
    etree.SubElement(p_pr, qn("w:jc")).set(qn("w:val"), "center")
    field = etree.SubElement(p, qn("w:fldSimple"))
    field.set(qn("w:instr"), " PAGE ")
    r = etree.SubElement(field, qn("w:r"))
    _set_props(r, RunProps(font=_FONT, size=float(_PAGE_NUMBER_HALF_POINTS) / 2))
    etree.SubElement(r, qn("w:t")).text = "2"
    return p


def _has_page_field(p: etree._Element) -> bool:
    for simple in p.iter(qn("w:fldSimple")):
        if "PAGE" in simple.get(qn("w:instr"), "").upper().split():
            return True
    return any("PAGE" in (t.text or "").upper().split() for t in p.iter(qn("w:instrText")))


def _remove_page_fields(root: etree._Element) -> None:
    """Remove every PAGE field of a header part (simple, or complex from its begin to its end)."""
    for simple in list(root.iter(qn("w:fldSimple"))):
        if "PAGE" in simple.get(qn("w:instr"), "").upper().split():
            _detach(simple)
    for p in root.iter(qn("w:p")):
        runs = list(p.iter(qn("w:r")))
        i = 0
        while i < len(runs):
            begin = runs[i].find(qn("w:fldChar"))
            if begin is None or begin.get(qn("w:fldCharType")) != "begin":
                i += 1
                continue
            depth, j, instruction = 0, i, ""
            while j < len(runs):
                for node in runs[j]:
                    if node.tag == qn("w:fldChar"):
                        kind = node.get(qn("w:fldCharType"))
                        depth += 1 if kind == "begin" else -1 if kind == "end" else 0
                    elif node.tag == qn("w:instrText"):
                        instruction += node.text or ""
                if depth == 0:
                    break
                j += 1
            if "PAGE" in instruction.upper().split():
                for r in runs[i : j + 1]:
                    _detach(r)
            i = j + 1


def _section_header(package: _Package, sections: list[etree._Element], index: int, kind: str) -> str | None:
    """Return the part name of a section's header of `kind`, inherited from earlier sections as Word does."""
    rels = package.relationships()
    for sect in reversed(sections[:index]):
        for reference in sect.findall(qn("w:headerReference")):
            if reference.get(qn("w:type"), "default") == kind:
                return rels.get(reference.get(qn("r:id"), ""))
    return None


def _page_numbers(package: _Package, sections: list[etree._Element], edit: PageNumbers) -> None:
    sect = sections[edit.section - 1]
    if edit.add_header:
        current = _section_header(package, sections, edit.section, "default")
        if current is not None and current in package.parts:
            root = package.tree(current)
            if "".join(t.text or "" for t in root.iter(qn("w:t"))).strip():
                raise RepairFailed("đầu trang đã có nội dung khác")
            for child in list(root):
                if child.tag in (qn("w:p"), qn("w:tbl"), qn("w:sdt")):
                    root.remove(child)
            root.append(_page_number_paragraph())
        else:
            package.add_header(sect)
    if edit.centre:
        name = _section_header(package, sections, edit.section, "default")
        if name is None or name not in package.parts:
            raise RepairFailed("không thấy phần đầu trang")
        for p in package.tree(name).iter(qn("w:p")):
            if _has_page_field(p):
                p_pr = p.find(qn("w:pPr"))
                if p_pr is None:
                    p_pr = etree.Element(qn("w:pPr"))
                    p.insert(0, p_pr)
                _child(p_pr, "jc", _PPR_ORDER).set(qn("w:val"), "center")
                break
    if edit.title_page:
        _drop(_child(sect, "titlePg", _SECT_ORDER), qn("w:val"))
    if edit.clear_first:
        name = _section_header(package, sections, edit.section, "first")
        if name is not None and name in package.parts:
            _remove_page_fields(package.tree(name))
    if edit.restart:
        _child(sect, "pgNumType", _SECT_ORDER).set(qn("w:start"), "1")


def _page_setup(sections: list[etree._Element], edit: PageSetup) -> None:
    sect = sections[edit.section - 1]
    if edit.size is not None:
        width, height, landscape = edit.size
        size = _child(sect, "pgSz", _SECT_ORDER)
        size.set(qn("w:w"), str(width))
        size.set(qn("w:h"), str(height))
        if landscape:
            size.set(qn("w:orient"), "landscape")
        else:
            _drop(size, qn("w:orient"))
    if edit.margins:
        margins = _child(sect, "pgMar", _SECT_ORDER)
        for side, value in edit.margins:
            margins.set(qn(f"w:{side}"), str(value))


def apply_repairs(data: bytes, edits: Sequence[Edit]) -> bytes:
    """Return the package with `edits` applied; raise RepairFailed when one cannot be placed."""
    if not edits:
        return data
    package = _Package(data)
    document = package.tree(PART_DOCUMENT)
    body = document.find(qn("w:body"))
    if body is None:
        raise RepairFailed("tệp không có thân văn bản")
    paragraphs, sections = _walk(body)

    def paragraph(index: int) -> etree._Element:
        if not 1 <= index <= len(paragraphs):
            raise RepairFailed(f"không có đoạn {index}")
        return paragraphs[index - 1]

    for edit in edits:
        if isinstance(edit, StyleSpan):
            for r in _runs_between(paragraph(edit.paragraph), edit.start, edit.end):
                _set_props(r, edit.props)
        elif isinstance(edit, PageSetup | PageNumbers):
            if not 1 <= edit.section <= len(sections):
                raise RepairFailed(f"không có phần {edit.section}")
            if isinstance(edit, PageSetup):
                _page_setup(sections, edit)
            else:
                _page_numbers(package, sections, edit)
    # Text edits come after the style spans (which split runs but move no character), last-first
    # within a paragraph, so every offset still counts the original text.
    for edit in sorted((e for e in edits if isinstance(e, TextEdit)), key=lambda e: (e.paragraph, -e.start)):
        _replace_text(paragraph(edit.paragraph), edit)
    return package.write()
