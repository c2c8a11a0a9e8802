"""The body's way into the package around docxtpl: a marker while the frame renders, the elements after.

docxtpl runs every rendered part through text passes (`{_{` becomes `{{`, `%_}` becomes `%}`, a tab
or line feed in a `w:t` becomes a new run), which would rewrite what a clerk typed. So the frame's
slots (`{{p noi_dung }}`, `{{r trich_yeu }}`…) receive only a marker, a bookmark start with a reserved
name that no typed text can produce (text is escaped, never markup); once docxtpl has finished, the
marker is replaced by the XML the body writer wrote, which never passes through docxtpl at all.

The body arrives as the writer's XML text. Parsed alone and then moved into the document, its ~8,500
elements (Phổ Hòa) each had their namespaces fixed by lxml on the way in: ~5–8 ms of CPU per render,
more than parsing them. So the text is put in place of the markers in the document's own text and
the whole is parsed once (`_spliced`). That needs three things to hold, and otherwise the elements are
parsed alone and moved as before (`_moved`, the same result): the document binds the prefix `w:` the
writer uses, each slot has one marker, and no slot has an empty `w:t` (which parsing reads as no text;
`body.markup_elements` restores it).
"""

from __future__ import annotations

from collections.abc import Mapping

from lxml import etree

from .body import holds_empty_text, markup_elements
from .ns import W, qn

__all__ = ["fill_slots", "paragraph_marker", "run_marker"]

_PREFIX = "_baocao_slot_"
_STRICT = etree.XMLParser(resolve_entities=False, remove_blank_text=False)


def run_marker(name: str) -> str:
    """Return the XML a `{{r name }}` tag receives: a marker inside the template's own paragraph."""
    return f'<w:bookmarkStart w:id="0" w:name="{_PREFIX}{name}"/>'


def paragraph_marker(name: str) -> str:
    """Return the XML a `{{p name }}` tag receives: a paragraph holding only the marker."""
    return f"<w:p>{run_marker(name)}</w:p>"


def _markers(document: etree._Element) -> list[tuple[etree._Element, str]]:
    """Return each slot marker of `document` with its slot's name, in document order."""
    return [
        (el, name[len(_PREFIX) :])
        for el in document.iter(qn("w:bookmarkStart"))
        if (name := el.get(qn("w:name")) or "").startswith(_PREFIX)
    ]


def _replaced(marker: etree._Element, name: str, blocks: Mapping[str, str]) -> etree._Element | None:
    """Return what a marker stands for: its paragraph for a paragraph slot, else the marker itself
    (None: a marker outside any element, left alone)."""
    parent = marker.getparent()
    if parent is None:
        return None
    if name in blocks and parent.tag == qn("w:p") and parent.getparent() is not None:
        return parent
    return marker


def fill_slots(
    document: etree._Element, blocks: Mapping[str, str], runs: Mapping[str, str]
) -> etree._Element:
    """Return `document` with each marker replaced by its slot's XML: a paragraph slot's marker
    paragraph by `blocks[name]` (empty: the paragraph goes), a run slot's marker by `runs[name]` in its
    paragraph. The answer may be a new tree; `document` must not be used afterwards."""
    markers = _markers(document)
    names = [name for _, name in markers]
    texts = [*blocks.values(), *runs.values()]
    if (
        len(set(names)) == len(names)
        and all(marker.nsmap.get("w") == W for marker, _ in markers)
        and not any(holds_empty_text(text) for text in texts)
        and not any(
            str(comment.text or "").strip().startswith(_PREFIX) for comment in document.iter(etree.Comment)
        )
    ):
        return _spliced(document, markers, blocks, runs)
    _moved(markers, blocks, runs)
    return document


def _spliced(
    document: etree._Element,
    markers: list[tuple[etree._Element, str]],
    blocks: Mapping[str, str],
    runs: Mapping[str, str],
) -> etree._Element:
    """Put each slot's XML text where its marker was in the document's text, and parse the whole once."""
    placeholders: dict[str, str] = {}
    for marker, name in markers:
        replaced = _replaced(marker, name, blocks)
        if replaced is None:
            continue
        holder = replaced.getparent()
        assert holder is not None  # _replaced answers an element with a parent
        holder.replace(replaced, etree.Comment(f"{_PREFIX}{name}"))
        placeholders[f"<!--{_PREFIX}{name}-->"] = (
            blocks[name] if replaced is not marker else runs.get(name, "")
        )
    text = etree.tostring(document, encoding="unicode")
    for placeholder, xml in placeholders.items():
        text = text.replace(placeholder, xml)
    return etree.fromstring(text.encode("utf-8"), _STRICT)


def _moved(
    markers: list[tuple[etree._Element, str]], blocks: Mapping[str, str], runs: Mapping[str, str]
) -> None:
    """Parse each slot's XML alone and move its elements where its marker was."""
    for marker, name in markers:
        replaced = _replaced(marker, name, blocks)
        if replaced is None:
            continue
        holder = replaced.getparent()
        assert holder is not None
        xml = blocks[name] if replaced is not marker else runs.get(name, "")
        index = holder.index(replaced)
        holder.remove(replaced)
        for offset, element in enumerate(markup_elements(xml) if xml else ()):
            holder.insert(index + offset, element)
