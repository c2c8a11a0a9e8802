"""The header's measured geometry written into the rendered document: column widths and rule lengths.

The two header columns and the short rules (under the cơ quan ban hành, under the Tiêu ngữ or the
Party title, under the trích yếu) are sized from the text of each report. They used to be template
tags inside XML attributes (`w:w="{{ cot_trai }}"`), which no editor keeps: Word refuses a package with
a non-number there and LibreOffice saves it as 0. So the template holds plain numbers and this module
finds the places by structure after docxtpl has filled the frame:

- the header table is the first table of the body; its grid columns and every cell's width follow the
  two computed column widths (a cell spanning both gets their sum);
- a rule is a paragraph with a bottom border: inside the header table, in the left column it is the
  rule under the cơ quan ban hành, in the right column the rule under the Tiêu ngữ; after the table,
  before the first paragraph of the body, the rule under the trích yếu. Its left and right indents
  centre a rule of the computed length.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from .ns import qn

__all__ = ["HeaderGeometry", "apply_header_geometry"]

# Children of w:pPr that come after w:ind (ECMA-376 CT_PPrBase order, then rPr, sectPr, pPrChange).
_AFTER_IND = frozenset(
    qn(f"w:{name}")
    for name in (
        "contextualSpacing",
        "mirrorIndents",
        "suppressOverlap",
        "jc",
        "textDirection",
        "textAlignment",
        "textboxTightWrap",
        "outlineLvl",
        "divId",
        "cnfStyle",
        "rPr",
        "sectPr",
        "pPrChange",
    )
)


@dataclass(frozen=True, slots=True)
class HeaderGeometry:
    """Twips: the two header columns and the indent (each side) of the three rules."""

    left: int
    right: int
    issuer_rule_indent: int
    motto_rule_indent: int
    summary_rule_indent: int


def _has_bottom_border(p: etree._Element) -> bool:
    return p.find(f"{qn('w:pPr')}/{qn('w:pBdr')}/{qn('w:bottom')}") is not None


def _set_indent(p: etree._Element, indent: int) -> None:
    p_pr = p.find(qn("w:pPr"))
    if p_pr is None:
        p_pr = etree.SubElement(p, qn("w:pPr"))
        p.insert(0, p_pr)
    ind = p_pr.find(qn("w:ind"))
    if ind is None:
        ind = etree.Element(qn("w:ind"))
        after = next((i for i, child in enumerate(p_pr) if child.tag in _AFTER_IND), None)
        if after is None:
            p_pr.append(ind)
        else:
            p_pr.insert(after, ind)
    ind.set(qn("w:left"), str(indent))
    ind.set(qn("w:right"), str(indent))


def _set_cell_width(tc: etree._Element, width: int) -> None:
    tc_pr = tc.find(qn("w:tcPr"))
    if tc_pr is None:
        tc_pr = etree.Element(qn("w:tcPr"))
        tc.insert(0, tc_pr)
    tc_w = tc_pr.find(qn("w:tcW"))
    if tc_w is None:
        tc_w = etree.Element(qn("w:tcW"))
        tc_pr.insert(1 if tc_pr.find(qn("w:cnfStyle")) is not None else 0, tc_w)
    tc_w.set(qn("w:w"), str(width))
    tc_w.set(qn("w:type"), "dxa")


def _span(tc: etree._Element) -> int:
    span = tc.find(f"{qn('w:tcPr')}/{qn('w:gridSpan')}")
    try:
        return max(int(span.get(qn("w:val"), "1")), 1) if span is not None else 1
    except ValueError:
        return 1


def apply_header_geometry(document: etree._Element, geometry: HeaderGeometry) -> None:
    """Size the header table's columns and centre its rules (see the module docstring)."""
    body = document.find(qn("w:body"))
    if body is None:
        return
    table = body.find(qn("w:tbl"))
    if table is None:
        return
    columns = (geometry.left, geometry.right)
    grid = table.find(qn("w:tblGrid"))
    if grid is not None:
        for col, width in zip(grid.findall(qn("w:gridCol")), columns, strict=False):
            col.set(qn("w:w"), str(width))
    for tr in table.findall(qn("w:tr")):
        position = 0
        for tc in tr.findall(qn("w:tc")):
            span = _span(tc)
            _set_cell_width(tc, sum(columns[position : position + span]))
            if position < 2:
                indent = geometry.issuer_rule_indent if position == 0 else geometry.motto_rule_indent
                for p in tc.iter(qn("w:p")):
                    if span == 1 and _has_bottom_border(p):
                        _set_indent(p, indent)
            position += span
    for sibling in table.itersiblings():
        if sibling.tag != qn("w:p"):
            break
        if _has_bottom_border(sibling):
            _set_indent(sibling, geometry.summary_rule_indent)
            break
