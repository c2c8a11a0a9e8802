"""Run-level edits for `ooxml.repair`: split a run where an edit starts, set run properties, replace text.

Offsets count the characters the reader (`ooxml.reader`) gives a paragraph's runs: `w:t` text, a tab,
a line break (not a page break), a non-breaking hyphen. A run is split only at an edit's ends, which
changes no character and no formatting outside the edit. Children are inserted in schema order, so Word
never finds a property out of place.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from lxml import etree

from .ns import XML, qn
from .reader import story_runs

__all__ = [
    "PPR_ORDER",
    "SECT_ORDER",
    "RepairFailed",
    "RunProps",
    "TextEdit",
    "child_in_order",
    "detach",
    "drop",
    "node_text",
    "replace_text",
    "run_spans",
    "runs_between",
    "set_props",
]


def _names(text: str) -> tuple[str, ...]:
    return tuple(text.split())


# Schema order of the children we add (CT_RPr, CT_PPr, CT_SectPr): a child goes before the first
# successor present, so the result stays valid for Word, which refuses children out of order.
_RPR_ORDER = _names(
    "rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint noProof "
    "snapToGrid vanish webHidden color spacing w kern position sz szCs highlight u effect bdr shd "
    "fitText vertAlign rtl cs em lang eastAsianLayout specVanish oMath rPrChange"
)
PPR_ORDER = _names(
    "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLineNumbers pBdr "
    "shd tabs suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE autoSpaceDN "
    "bidi adjustRightInd snapToGrid spacing ind contextualSpacing mirrorIndents suppressOverlap jc "
    "textDirection textAlignment textboxTightWrap outlineLvl divId cnfStyle rPr sectPr pPrChange"
)
SECT_ORDER = _names(
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


def _length(node: etree._Element) -> int:
    """Return how many characters a run child adds to the reader's text."""
    tag = node.tag
    if tag == qn("w:t"):
        return len(node.text or "")
    if tag in (qn("w:br"), qn("w:cr")):
        return 0 if node.get(qn("w:type")) == "page" else 1
    return 1 if tag in (qn("w:tab"), qn("w:noBreakHyphen")) else 0


def run_spans(p: etree._Element) -> Iterator[tuple[etree._Element, int, int]]:
    """Yield each story run of `p` with its [start, end) in the paragraph's run text."""
    offset = 0
    for r in story_runs(p):
        length = sum(_length(node) for node in r)
        yield r, offset, offset + length
        offset += length


def node_text(node: etree._Element) -> str:
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


def runs_between(p: etree._Element, start: int, end: int) -> list[etree._Element]:
    """Return the runs covering exactly [start, end) of `p`'s run text, splitting at the ends."""
    for r, run_start, run_end in list(run_spans(p)):
        if run_start < start < run_end:
            _split_run(r, start - run_start)
    for r, run_start, run_end in list(run_spans(p)):
        if run_start < end < run_end:
            _split_run(r, end - run_start)
    return [r for r, run_start, run_end in run_spans(p) if start <= run_start and run_end <= end]


def child_in_order(parent: etree._Element, name: str, order: Sequence[str]) -> etree._Element:
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


def drop(element: etree._Element, name: str) -> None:
    if name in element.attrib:
        del element.attrib[name]


def detach(element: etree._Element) -> None:
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
    element = child_in_order(r_pr, name, _RPR_ORDER)
    if on:
        drop(element, qn("w:val"))
    else:
        element.set(qn("w:val"), "0")


def set_props(r: etree._Element, props: RunProps) -> None:
    r_pr = _r_pr(r)
    if props.font is not None:
        fonts = child_in_order(r_pr, "rFonts", _RPR_ORDER)
        for attr in ("asciiTheme", "hAnsiTheme", "csTheme", "eastAsiaTheme"):
            drop(fonts, qn(f"w:{attr}"))  # a theme font wins over a named one in Word
        for attr in ("ascii", "hAnsi", "cs"):
            fonts.set(qn(f"w:{attr}"), props.font)
    if props.bold is not None:
        _toggle(r_pr, "b", props.bold)
    if props.italic is not None:
        _toggle(r_pr, "i", props.italic)
    if props.size is not None:
        half_points = str(round(props.size * 2))
        child_in_order(r_pr, "sz", _RPR_ORDER).set(qn("w:val"), half_points)
        child_in_order(r_pr, "szCs", _RPR_ORDER).set(qn("w:val"), half_points)
    if props.underline is not None:
        child_in_order(r_pr, "u", _RPR_ORDER).set(qn("w:val"), "single" if props.underline else "none")


def replace_text(p: etree._Element, edit: TextEdit) -> None:
    """Replace the characters of `edit` inside the `w:t` elements that hold them, keeping their runs."""
    texts: list[tuple[etree._Element, int, int]] = []
    for r, run_start, _ in run_spans(p):
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
