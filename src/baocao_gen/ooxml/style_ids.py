"""Style ids of a template saved by another program, brought back to the ids the renderer writes.

A style has an id (`w:styleId`, what paragraphs point at) and a name (`w:name`, what Word and
LibreOffice show). Word keeps the ids it reads; LibreOffice writes new ones made from the names with
every non-ASCII letter dropped: "Văn bản" (id `VanBan`) comes back as `Vnbn`, "Quốc hiệu" as `Quchiu`,
"footnote text" as `Footnote`. A designer who opens the built-in template in LibreOffice, changes a
size and saves it would otherwise get a template that "lacks" every style of the contract, and a body
written with `VanBan` would print in the default style.

So a template is read through `canonical_template`: each style whose id is not one the renderer knows
but whose name is the name of one (compared without case, as Word does) gets that id back, and every
reference to it (paragraphs, runs, tables, `basedOn`, `next`, `link`, numbering) follows. A template
whose ids are already right is returned as the same bytes.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path

from .ns import PART_STYLES, qn
from .package import read_parts, write_parts, xml_bytes, xml_of

__all__ = ["canonical_template", "read_template", "style_names"]

# Elements whose `w:val` names a style.
_REFERENCES = frozenset(
    qn(tag)
    for tag in (
        "w:pStyle",
        "w:rStyle",
        "w:tblStyle",
        "w:basedOn",
        "w:next",
        "w:link",
        "w:numStyleLink",
        "w:styleLink",
    )
)
_ZIP_STAMP = datetime(1980, 1, 1)  # the template is re-zipped only in memory; any fixed date will do


def _folded(name: str) -> str:
    return " ".join(name.split()).casefold()


def style_names(data: bytes) -> dict[str, str]:
    """Return the styles of a package as {folded name: id}."""
    styles = read_parts(data).get(PART_STYLES)
    if styles is None:
        return {}
    out: dict[str, str] = {}
    for style in xml_of(styles).iter(qn("w:style")):
        name = style.find(qn("w:name"))
        style_id = style.get(qn("w:styleId"))
        if name is not None and style_id and name.get(qn("w:val")):
            out.setdefault(_folded(name.get(qn("w:val"), "")), style_id)
    return out


def _renames(styles_xml: bytes, known: Mapping[str, str]) -> dict[str, str]:
    """Return {id in the template: id the renderer knows} for styles known by name under another id."""
    root = xml_of(styles_xml)
    present = {s.get(qn("w:styleId")) for s in root.iter(qn("w:style"))}
    wanted = set(known.values())
    renames: dict[str, str] = {}
    for style in root.iter(qn("w:style")):
        style_id = style.get(qn("w:styleId")) or ""
        name = style.find(qn("w:name"))
        if style_id in wanted or name is None:
            continue
        target = known.get(_folded(name.get(qn("w:val"), "")))
        if target is not None and target not in present and target not in renames.values():
            renames[style_id] = target
    return renames


def canonical_template(data: bytes, known: Mapping[str, str]) -> bytes:
    """Return `data` with its style ids brought back to `known` ({folded name: id}); the same bytes when
    nothing needs it. Raises what `read_parts` / `xml_of` raise on a package that is not a .docx."""
    parts = read_parts(data)
    styles = parts.get(PART_STYLES)
    renames = _renames(styles, known) if styles is not None else {}
    if not renames:
        return data
    for name, content in parts.items():
        if not (name.startswith("word/") and name.endswith(".xml")):
            continue
        root = xml_of(content)
        changed = False
        for element in root.iter():
            if element.tag in _REFERENCES and element.get(qn("w:val")) in renames:
                element.set(qn("w:val"), renames[element.get(qn("w:val"), "")])
                changed = True
            elif element.tag == qn("w:style") and element.get(qn("w:styleId")) in renames:
                element.set(qn("w:styleId"), renames[element.get(qn("w:styleId"), "")])
                changed = True
        if changed:
            parts[name] = xml_bytes(root)
    return write_parts(parts, _ZIP_STAMP)


def read_template(path: Path, builtin: tuple[Path, ...]) -> bytes:
    """Return the bytes of the template `path` with canonical style ids, read once per file version.

    `builtin` are the shipped templates, whose style names and ids are the ones the renderer knows.
    """
    stat = path.stat()
    return _read(path.resolve(), stat.st_mtime_ns, stat.st_size, builtin)


@functools.lru_cache(maxsize=16)
def _read(path: Path, mtime_ns: int, size: int, builtin: tuple[Path, ...]) -> bytes:
    return canonical_template(path.read_bytes(), _known(builtin))


@functools.lru_cache(maxsize=2)
def _known(builtin: tuple[Path, ...]) -> dict[str, str]:
    known: dict[str, str] = {}
    for template in builtin:
        for name, style_id in style_names(template.read_bytes()).items():
            known.setdefault(name, style_id)
    return known
