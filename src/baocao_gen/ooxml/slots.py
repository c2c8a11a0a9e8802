"""The body's way into the package around docxtpl: a marker while the frame renders, the elements after.

docxtpl runs every rendered part through text passes (`{_{` becomes `{{`, `%_}` becomes `%}`, a tab
or line feed in a `w:t` becomes a new run), which would rewrite what a clerk typed. So the frame's
slots (`{{p noi_dung }}`, `{{r trich_yeu }}`…) receive only a marker, a bookmark start with a reserved
name that no typed text can produce (text is escaped, never markup); once docxtpl has finished, the
marker is replaced by the elements the body writer built, which never pass through docxtpl at all.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from lxml import etree

from .ns import qn

__all__ = ["fill_slots", "paragraph_marker", "run_marker"]

_PREFIX = "_baocao_slot_"


def run_marker(name: str) -> str:
    """Return the XML a `{{r name }}` tag receives: a marker inside the template's own paragraph."""
    return f'<w:bookmarkStart w:id="0" w:name="{_PREFIX}{name}"/>'


def paragraph_marker(name: str) -> str:
    """Return the XML a `{{p name }}` tag receives: a paragraph holding only the marker."""
    return f"<w:p>{run_marker(name)}</w:p>"


def fill_slots(
    document: etree._Element,
    blocks: Mapping[str, Sequence[etree._Element]],
    runs: Mapping[str, Sequence[etree._Element]],
) -> None:
    """Replace each marker of `document` by its slot's elements: a paragraph slot's marker paragraph by
    `blocks[name]` (none: the paragraph goes), a run slot's marker by `runs[name]` in its paragraph."""
    markers = [
        el for el in document.iter(qn("w:bookmarkStart")) if (el.get(qn("w:name")) or "").startswith(_PREFIX)
    ]
    for marker in markers:
        name = (marker.get(qn("w:name")) or "")[len(_PREFIX) :]
        parent = marker.getparent()
        if parent is None:
            continue
        holder = parent.getparent()
        if name in blocks and parent.tag == qn("w:p") and holder is not None:
            index = holder.index(parent)
            holder.remove(parent)
            for offset, element in enumerate(blocks[name]):
                holder.insert(index + offset, element)
            continue
        index = parent.index(marker)
        parent.remove(marker)
        for offset, element in enumerate(runs.get(name, ())):
            parent.insert(index + offset, element)
