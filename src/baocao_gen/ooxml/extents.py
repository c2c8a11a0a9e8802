"""Sizes and extents the format audit needs beyond `reader`: the page number's printed size, and where
the short rules of the header, drawn as paragraph borders, begin and end.

`reader` gives each paragraph's words and formats; the audit also has to know how long the line under
the cơ quan or the Tiêu ngữ is and whether it is centred, which needs the paragraph's two indents and
the width of the table cell it sits in, and what size the PAGE field prints in. Only the top of the
main story is read (the header is there), so a long report costs no more than a short one.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from dataclasses import dataclass

from lxml import etree

from .ns import qn
from .styles import StyleSheet

__all__ = ["AuditExtents", "BorderRule", "read_extents"]

_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_HEADER_PARAGRAPHS = 60  # the header block is within the first paragraphs (check reads 40)
_PARSER = etree.XMLParser(resolve_entities=False, huge_tree=False)


@dataclass(frozen=True, slots=True)
class BorderRule:
    """A line drawn as a paragraph's bottom border: where it starts and how long it is, in twips."""

    paragraph: int  # the paragraph number, counted as `reader` counts
    start: int  # from the left edge of its container (a table cell, else the text area)
    end_gap: int  # from its end to the right edge of the container
    container: int | None  # the cell's width; None when the line is in the body (the text area's width)


@dataclass(frozen=True, slots=True)
class AuditExtents:
    """The page numbers' sizes (one per header that prints a page number) and the header's border lines."""

    page_number_sizes: tuple[float, ...] = ()
    border_rules: tuple[BorderRule, ...] = ()


def read_extents(data: bytes) -> AuditExtents:
    """Return the extents of a package `reader` has already accepted; what cannot be read is left out."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            styles = _parse(archive, "word/styles.xml", names)
            sheet = StyleSheet(styles) if styles is not None else None
            sizes: list[float] = []
            for name in sorted(n for n in names if n.startswith("word/header") and n.endswith(".xml")):
                header = _parse(archive, name, names)
                if header is not None and sheet is not None:
                    sizes += _page_number_sizes(header, sheet)
            rules = _border_rules(archive.read("word/document.xml")) if "word/document.xml" in names else ()
    except (zipfile.BadZipFile, KeyError, OSError, EOFError, zlib.error, ValueError, etree.XMLSyntaxError):
        return AuditExtents()
    return AuditExtents(tuple(sizes), rules)


def _parse(archive: zipfile.ZipFile, name: str, names: set[str]) -> etree._Element | None:
    if name not in names:
        return None
    return etree.fromstring(archive.read(name), _PARSER)


def _has_page_field(paragraph: etree._Element) -> bool:
    if any("PAGE" in s.get(qn("w:instr"), "").upper().split() for s in paragraph.iter(qn("w:fldSimple"))):
        return True
    return any("PAGE" in (t.text or "").upper().split() for t in paragraph.iter(qn("w:instrText")))


def _page_number_sizes(header: etree._Element, sheet: StyleSheet) -> list[float]:
    """The printed size of each page number in a header part: the largest of its field's visible runs."""
    out: list[float] = []
    for paragraph in header.iter(qn("w:p")):
        if not _has_page_field(paragraph):
            continue
        style = paragraph.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
        style_id = style.get(qn("w:val"), "Normal") if style is not None else "Normal"
        sizes = [
            sheet.text_style(style_id, run.find(qn("w:rPr"))).size
            for run in paragraph.iter(qn("w:r"))
            if any((t.text or "").strip() for t in run.iter(qn("w:t")))
        ]
        if sizes:
            out.append(max(sizes))
    return out


def _border_rules(document: bytes) -> tuple[BorderRule, ...]:
    """Bottom-bordered empty paragraphs among the first paragraphs, numbered in `reader`'s order."""
    out: list[BorderRule] = []
    number = 0
    numbers: dict[etree._Element, int] = {}
    for event, element in etree.iterparse(
        io.BytesIO(document), events=("start", "end"), tag=qn("w:p"), resolve_entities=False
    ):
        if any(a.tag == _MC_FALLBACK for a in element.iterancestors()):
            continue  # Word's VML copy of a text box: reader skips it
        if event == "start":
            number += 1
            numbers[element] = number
            continue
        rule = _border_rule(element, numbers.get(element, 0))
        if rule is not None:
            out.append(rule)
        if number >= _HEADER_PARAGRAPHS:
            break
    return tuple(out)


def _border_rule(paragraph: etree._Element, number: int) -> BorderRule | None:
    p_pr = paragraph.find(qn("w:pPr"))
    bottom = p_pr.find(f"{qn('w:pBdr')}/{qn('w:bottom')}") if p_pr is not None else None
    if p_pr is None or bottom is None or bottom.get(qn("w:val")) in ("nil", "none"):
        return None
    if any((t.text or "").strip() for t in paragraph.iter(qn("w:t"))):
        return None  # a border under text is an underline of that line, not a drawn rule
    ind = p_pr.find(qn("w:ind"))
    start = _twips(ind, "w:left", "w:start")
    end_gap = _twips(ind, "w:right", "w:end")
    cell = next((a for a in paragraph.iterancestors(qn("w:tc"))), None)
    width = cell.find(f"{qn('w:tcPr')}/{qn('w:tcW')}") if cell is not None else None
    container: int | None = None
    if width is not None and width.get(qn("w:type"), "dxa") == "dxa":
        container = _twips(width, "w:w")
    if cell is not None and container is None:
        return None  # a cell sized in percent or automatically: its width is not written
    return BorderRule(number, start, end_gap, container)


def _twips(element: etree._Element | None, *names: str) -> int:
    if element is None:
        return 0
    for name in names:
        value = element.get(qn(name))
        if value is not None:
            try:
                return int(float(value))
            except ValueError:
                return 0
    return 0
