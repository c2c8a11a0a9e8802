"""The .docx package after docxtpl: the body, footnotes, section fix-ups, fixed metadata, reproducible zip.

docxtpl renders only the frame's own tags, cannot write footnotes and would stamp the current time
into the package; this step puts the body's elements where the frame's slots are (ooxml.slots), adds
the footnotes part, gives every section break the template's page-number headers, sets the last
section's orientation, writes one fixed timestamp everywhere, drops the parts that describe the
template rather than the report (or that nothing refers to) and records a content hash, so that the
same data gives the same bytes and a hand-edited output can be recognised before it is overwritten.
"""

from __future__ import annotations

import copy
import hashlib
import io
import posixpath
import zipfile
from collections.abc import Mapping
from datetime import datetime

from lxml import etree

from .body import keep_codes_together
from .geometry import HeaderGeometry, apply_header_geometry
from .ns import (
    CT_CUSTOM_PROPERTIES,
    CT_FOOTNOTES,
    CUSTOM,
    PART_CONTENT_TYPES,
    PART_CORE,
    PART_CUSTOM,
    PART_DOCUMENT,
    PART_DOCUMENT_RELS,
    PART_FOOTNOTES,
    PART_PACKAGE_RELS,
    REL_CUSTOM_PROPERTIES,
    REL_FOOTNOTES,
    REL_STYLES_WITH_EFFECTS,
    REL_THUMBNAIL,
    VT,
    qn,
)
from .slots import fill_slots

__all__ = [
    "FIGURES_PROPERTY",
    "HASH_PROPERTY",
    "content_hash",
    "custom_property",
    "drop_relationships",
    "drop_unreferenced",
    "finish_package",
    "read_parts",
    "recorded_hash",
    "with_custom_property",
    "write_parts",
    "xml_bytes",
    "xml_of",
]

HASH_PROPERTY = "baocao-gen-hash"
# The typed figures at generation (JSON, name → value as printed), so that the next run can say which
# figures changed; custom.xml is outside the hand-edit fingerprint, so recording them changes no hash.
FIGURES_PROPERTY = "baocao-gen-so-lieu"
_CUSTOM_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"
_SECT_ORDER = (
    "headerReference",
    "footerReference",
    "footnotePr",
    "endnotePr",
    "type",
    "pgSz",
    "pgMar",
    "paperSrc",
    "pgBorders",
    "lnNumType",
    "pgNumType",
    "cols",
    "formProt",
    "vAlign",
    "noEndnote",
    "titlePg",
    "textDirection",
    "bidi",
    "rtlGutter",
    "docGrid",
    "printerSettings",
)
_STRICT = etree.XMLParser(resolve_entities=False, remove_blank_text=False)
# Parts a template may bring that describe the template, not the report: Word 2010's copy of the
# styles (stale as soon as styles.xml changes, and Word then "repairs" the file) and the preview
# picture of the template's first page. They are dropped from every output.
_STALE = (REL_STYLES_WITH_EFFECTS, REL_THUMBNAIL)


def read_parts(data: bytes) -> dict[str, bytes]:
    """Return the parts of a package by name, in archive order."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def write_parts(parts: dict[str, bytes], stamp: datetime) -> bytes:
    """Return a zip with a stable entry order and one timestamp, so equal input gives equal bytes."""
    first = [name for name in (PART_CONTENT_TYPES, PART_PACKAGE_RELS) if name in parts]
    names = first + sorted(name for name in parts if name not in first)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in names:
            info = zipfile.ZipInfo(name, date_time=(stamp.year, stamp.month, stamp.day, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 0
            archive.writestr(info, parts[name])
    return buffer.getvalue()


def xml_of(data: bytes) -> etree._Element:
    """Return the tree of an XML part, parsed strictly (no entities, no recovery)."""
    return etree.fromstring(data, _STRICT)


def xml_bytes(root: etree._Element) -> bytes:
    """Return a part's bytes with the declaration Word writes, so rewritten parts look like Word's."""
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _rels_name(part: str) -> str:
    """Return the relationships part of `part` ("" is the package itself)."""
    folder, base = posixpath.split(part)
    return posixpath.join(folder, "_rels", base + ".rels")


def _source_of(rels: str) -> str:
    """Return the part whose relationships `rels` holds ("" for the package's _rels/.rels)."""
    folder = posixpath.dirname(posixpath.dirname(rels))
    return posixpath.join(folder, posixpath.basename(rels)[: -len(".rels")]).lstrip("/")


def _relationships(parts: dict[str, bytes], source: str) -> list[tuple[etree._Element, str]]:
    """Return the internal relationships of `source` with their targets resolved to part names."""
    rels = parts.get(_rels_name(source))
    if rels is None:
        return []
    base = posixpath.dirname(source)
    out = []
    for rel in xml_of(rels).iter(qn("pr:Relationship")):
        target = rel.get("Target")
        if rel.get("TargetMode") == "External" or target is None:
            continue
        resolved = (
            target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(base, target))
        )
        out.append((rel, resolved))
    return out


def drop_relationships(parts: dict[str, bytes], types: tuple[str, ...]) -> None:
    """Remove every relationship of one of `types`, then the parts nothing refers to any more."""
    for name in [n for n in parts if n.endswith(".rels")]:
        root = xml_of(parts[name])
        doomed = [rel for rel in root if rel.get("Type") in types]
        if doomed:
            for rel in doomed:
                root.remove(rel)
            parts[name] = xml_bytes(root)
    drop_unreferenced(parts)


def drop_unreferenced(parts: dict[str, bytes]) -> None:
    """Remove the parts no relationship reaches from the package root, and their content types.

    A part nothing refers to is invisible to Word and LibreOffice but still travels in every copy
    (python-docx's default template leaves several); a strict validator counts it as a defect.
    """
    reached = {""}
    pending = [""]
    while pending:
        for _, target in _relationships(parts, pending.pop()):
            if target in parts and target not in reached:
                reached.add(target)
                pending.append(target)
    for name in list(parts):
        if name == PART_CONTENT_TYPES or name in reached:
            continue
        if name.endswith(".rels") and _source_of(name) in reached:
            continue
        del parts[name]
    types = xml_of(parts[PART_CONTENT_TYPES])
    extensions = {posixpath.splitext(name)[1].lstrip(".").lower() for name in parts}
    stale = [
        el
        for el in types
        if (el.tag == qn("ct:Override") and el.get("PartName", "").lstrip("/") not in parts)
        or (
            el.tag == qn("ct:Default") and el.get("Extension", "").lower() not in extensions | {"rels", "xml"}
        )
    ]
    if stale:
        for el in stale:
            types.remove(el)
        parts[PART_CONTENT_TYPES] = xml_bytes(types)


def _insert_in_order(sect: etree._Element, child: etree._Element) -> None:
    local = etree.QName(child).localname
    rank = _SECT_ORDER.index(local)
    for index, existing in enumerate(sect):
        if _SECT_ORDER.index(etree.QName(existing).localname) > rank:
            sect.insert(index, child)
            return
    sect.append(child)


def _fix_sections(document: etree._Element, orientation: str, restart: bool) -> None:
    body = document.find(qn("w:body"))
    final = body.find(qn("w:sectPr")) if body is not None else None
    if body is None or final is None:  # a template without section properties: Word's defaults apply
        return
    refs = [el for el in final if etree.QName(el).localname in ("headerReference", "footerReference")]
    for inner in body.iter(qn("w:sectPr")):
        if inner is final or inner.find(qn("w:headerReference")) is not None:
            continue
        for ref in reversed(refs):
            inner.insert(0, copy.deepcopy(ref))
    size = final.find(qn("w:pgSz"))
    if size is not None and orientation == "landscape":
        width, height = int(size.get(qn("w:w")) or 0), int(size.get(qn("w:h")) or 0)
        if width < height:
            size.set(qn("w:w"), str(height))
            size.set(qn("w:h"), str(width))
            size.set(qn("w:orient"), "landscape")
    if restart and final.find(qn("w:pgNumType")) is None:
        _insert_in_order(final, etree.Element(qn("w:pgNumType"), {qn("w:start"): "1"}))


def _add_footnotes(parts: dict[str, bytes], footnotes: bytes) -> None:
    parts[PART_FOOTNOTES] = footnotes
    rels = xml_of(parts[PART_DOCUMENT_RELS])
    if not any(rel.get("Type") == REL_FOOTNOTES for rel in rels):
        used = {rel.get("Id") for rel in rels}
        number = 1
        while f"rId{number}" in used:
            number += 1
        etree.SubElement(
            rels, qn("pr:Relationship"), Id=f"rId{number}", Type=REL_FOOTNOTES, Target="footnotes.xml"
        )
        parts[PART_DOCUMENT_RELS] = xml_bytes(rels)
    types = xml_of(parts[PART_CONTENT_TYPES])
    if not any(o.get("PartName") == "/" + PART_FOOTNOTES for o in types):
        etree.SubElement(types, qn("ct:Override"), PartName="/" + PART_FOOTNOTES, ContentType=CT_FOOTNOTES)
        parts[PART_CONTENT_TYPES] = xml_bytes(types)


def _core_properties(parts: dict[str, bytes], stamp: datetime, title: str) -> None:
    core = xml_of(parts[PART_CORE])
    when = stamp.strftime("%Y-%m-%dT%H:%M:%SZ")
    for tag in ("dcterms:created", "dcterms:modified"):
        el = core.find(qn(tag))
        if el is not None:
            el.text = when
    for tag, text in (
        ("cp:lastModifiedBy", "baocao-gen"),
        ("cp:revision", "1"),
        ("dc:title", title),
        ("dc:creator", "baocao-gen"),
    ):
        el = core.find(qn(tag))
        if el is None:
            el = etree.SubElement(core, qn(tag))
        el.text = text
    for tag in ("cp:lastPrinted",):
        el = core.find(qn(tag))
        if el is not None:
            core.remove(el)
    parts[PART_CORE] = xml_bytes(core)


def content_hash(parts: dict[str, bytes]) -> str:
    """Return the fingerprint of everything a person can change in Word or LibreOffice.

    Recorded at generation, it tells an untouched output (safe to regenerate over) from one the
    clerk edited. An edit can land in any part: the body, footnotes, endnotes, headers and footers,
    styles (the Normal font), numbering, settings, comments, pictures, fonts, theme, relationships,
    content types. So every part counts, by name and content in sorted name order (the zip order is
    irrelevant), except the one that stores the fingerprint itself. Core and extended properties
    count too: an author or title typed in the file's properties is a hand edit as well. Word and
    LibreOffice rewrite them on every save, but they rewrite every other part too, so a file saved
    again without a change counts as edited, which errs on the safe side: it is kept, not overwritten.
    """
    digest = hashlib.sha256()
    for name in sorted(parts):
        if name == PART_CUSTOM or name.endswith("/"):
            continue
        content = parts[name]
        digest.update(len(name.encode("utf-8")).to_bytes(8, "big") + name.encode("utf-8"))
        digest.update(len(content).to_bytes(8, "big") + content)
    return digest.hexdigest()


def _record_hash(parts: dict[str, bytes], properties: Mapping[str, str]) -> None:
    """Write the fingerprint into docProps/custom.xml, after everything else is final, then `properties`.

    The other properties (the typed figures) are outside the fingerprint, like custom.xml itself; they
    are written here, in the same tree, so that the package is zipped once rather than zipped, read back
    and zipped again to add them (that round trip cost ~7 ms of CPU per Phổ Hòa render).
    """
    rels = xml_of(parts[PART_PACKAGE_RELS])
    if not any(rel.get("Type") == REL_CUSTOM_PROPERTIES for rel in rels):
        etree.SubElement(
            rels, qn("pr:Relationship"), Id="rIdCustom", Type=REL_CUSTOM_PROPERTIES, Target=PART_CUSTOM
        )
        parts[PART_PACKAGE_RELS] = xml_bytes(rels)
    types = xml_of(parts[PART_CONTENT_TYPES])
    if not any(o.get("PartName") == "/" + PART_CUSTOM for o in types):
        etree.SubElement(
            types, qn("ct:Override"), PartName="/" + PART_CUSTOM, ContentType=CT_CUSTOM_PROPERTIES
        )
        parts[PART_CONTENT_TYPES] = xml_bytes(types)
    root = etree.Element(qn("custom:Properties"), nsmap={None: CUSTOM, "vt": VT})  # type: ignore[dict-item]  # lxml-stubs: default namespace
    prop = etree.SubElement(root, qn("custom:property"), fmtid=_CUSTOM_FMTID, pid="2", name=HASH_PROPERTY)
    etree.SubElement(prop, qn("vt:lpwstr")).text = content_hash(parts)
    for name, value in properties.items():
        _set_custom_property(root, name, value)
    parts[PART_CUSTOM] = xml_bytes(root)


def _set_custom_property(root: etree._Element, name: str, value: str) -> None:
    """Give the custom properties `root` the property `name` = `value`, replacing one of that name."""
    for prop in [p for p in root if p.get("name") == name]:
        root.remove(prop)
    used = [int(p.get("pid") or 0) for p in root]
    prop = etree.SubElement(
        root, qn("custom:property"), fmtid=_CUSTOM_FMTID, pid=str(max(used, default=1) + 1), name=name
    )
    etree.SubElement(prop, qn("vt:lpwstr")).text = value


def _custom_part(data: bytes) -> bytes | None:
    """Return docProps/custom.xml of a package, or None; only that member is inflated, not every part."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        try:
            return archive.read(PART_CUSTOM)
        except KeyError:
            return None


def custom_property(data: bytes, name: str) -> str | None:
    """Return the text of the custom property `name` of a package, or None (absent, not a package)."""
    try:
        custom = _custom_part(data)
        if custom is None:
            return None
        for prop in xml_of(custom):
            if prop.get("name") == name:
                return "".join(str(text) for text in prop.itertext())
    except (zipfile.BadZipFile, etree.XMLSyntaxError, KeyError):
        return None
    return None


def with_custom_property(data: bytes, name: str, value: str, stamp: datetime) -> bytes:
    """Return the package with the custom property `name` set to `value` (after the hash, which stays valid).

    Only docProps/custom.xml changes, and it is outside `content_hash`, so the recorded fingerprint
    still matches; the zip is rewritten with the same fixed order and timestamp (same input, same bytes).
    """
    parts = read_parts(data)
    root = xml_of(parts[PART_CUSTOM])
    _set_custom_property(root, name, value)
    parts[PART_CUSTOM] = xml_bytes(root)
    return write_parts(parts, stamp)


def recorded_hash(data: bytes) -> tuple[str | None, str | None]:
    """Return (hash recorded at generation, hash of the content now) of an existing .docx."""
    try:
        parts = read_parts(data)
        custom = parts.get(PART_CUSTOM)
        recorded = None
        if custom is not None:
            for prop in xml_of(custom):
                if prop.get("name") == HASH_PROPERTY:
                    recorded = "".join(str(text) for text in prop.itertext()).strip()
        return recorded, content_hash(parts)
    except (zipfile.BadZipFile, etree.XMLSyntaxError, KeyError):
        return None, None


def finish_package(
    data: bytes,
    *,
    blocks: Mapping[str, str],
    runs: Mapping[str, str],
    footnotes: bytes | None,
    orientation: str,
    restart: bool,
    stamp: datetime,
    title: str,
    geometry: HeaderGeometry | None = None,
    properties: Mapping[str, str] | None = None,
) -> bytes:
    """Return the final package bytes from docxtpl's output and the body's XML text by slot.

    `geometry` sizes the header (`ooxml.geometry`); it is applied before the body goes in, so that
    only the template's own paragraphs are searched for the rules. `properties` are custom properties
    recorded after the fingerprint (outside it), as `with_custom_property` would add them one by one.
    """
    parts = read_parts(data)
    document = xml_of(parts[PART_DOCUMENT])
    if geometry is not None:
        apply_header_geometry(document, geometry)
    document = fill_slots(document, blocks, runs)
    _fix_sections(document, orientation, restart)
    keep_codes_together(document)
    parts[PART_DOCUMENT] = xml_bytes(document)
    if footnotes is not None:
        _add_footnotes(parts, footnotes)
    _core_properties(parts, stamp, title)
    drop_relationships(parts, _STALE)
    _record_hash(parts, properties or {})
    return write_parts(parts, stamp)
