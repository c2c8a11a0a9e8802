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

import io
import posixpath
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass

from lxml import etree

from .ns import CT, PART_CONTENT_TYPES, PART_DOCUMENT, PART_DOCUMENT_RELS, PR, REL, R, W, qn
from .package import xml_bytes, xml_of
from .reader import body_children, text_boxes
from .repair_runs import (
    PPR_ORDER,
    SECT_ORDER,
    RepairFailed,
    RunProps,
    TextEdit,
    child_in_order,
    detach,
    drop,
    node_text,
    replace_text,
    run_spans,
    runs_between,
    set_props,
)

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


@dataclass(frozen=True, slots=True)
class StyleSpan:
    """Set `props` on characters [start, end) of paragraph `paragraph`'s run text."""

    paragraph: int
    start: int
    end: int
    props: RunProps


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
        for box in text_boxes(p):
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

    for child in body_children(body):
        if child.tag == qn("w:p"):
            paragraph(child)
        elif child.tag == qn("w:tbl"):
            table(child)
        elif child.tag == qn("w:sectPr"):
            sections.append(child)
    return paragraphs, sections


def paragraph_texts(data: bytes) -> list[str]:
    """Return the run text of every paragraph in reader order (what the edits' offsets count)."""
    document = xml_of(_parts(data)[PART_DOCUMENT])
    body = document.find(qn("w:body"))
    paragraphs, _ = _walk(body) if body is not None else ([], [])
    return ["".join(node_text(n) for r, _, _ in run_spans(p) for n in r) for p in paragraphs]


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
    set_props(r, RunProps(font=_FONT, size=float(_PAGE_NUMBER_HALF_POINTS) / 2))
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
            detach(simple)
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
                    detach(r)
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
                child_in_order(p_pr, "jc", PPR_ORDER).set(qn("w:val"), "center")
                break
    if edit.title_page:
        drop(child_in_order(sect, "titlePg", SECT_ORDER), qn("w:val"))
    if edit.clear_first:
        name = _section_header(package, sections, edit.section, "first")
        if name is not None and name in package.parts:
            _remove_page_fields(package.tree(name))
    if edit.restart:
        child_in_order(sect, "pgNumType", SECT_ORDER).set(qn("w:start"), "1")


def _page_setup(sections: list[etree._Element], edit: PageSetup) -> None:
    sect = sections[edit.section - 1]
    if edit.size is not None:
        width, height, landscape = edit.size
        size = child_in_order(sect, "pgSz", SECT_ORDER)
        size.set(qn("w:w"), str(width))
        size.set(qn("w:h"), str(height))
        if landscape:
            size.set(qn("w:orient"), "landscape")
        else:
            drop(size, qn("w:orient"))
    if edit.margins:
        margins = child_in_order(sect, "pgMar", SECT_ORDER)
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
            for r in runs_between(paragraph(edit.paragraph), edit.start, edit.end):
                set_props(r, edit.props)
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
        replace_text(paragraph(edit.paragraph), edit)
    return package.write()
