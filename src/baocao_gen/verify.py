"""Stage 5, verify: re-read the produced package strictly before anything is written.

LibreOffice opens files that make Word ask to "repair" them. So the package is checked the strict
way: every XML part parses without `recover`, every part has a content type and every relationship
target exists, footnote references resolve, ids are unique, no `{{`/`{%` is left, and the section
count is what the plan expects (a landscape appendix must not silently turn portrait).
"""

from __future__ import annotations

import posixpath
import re
from collections import Counter

from lxml import etree

from .codes import Code
from .diagnostics import Diagnostic, Location
from .ooxml.ns import CT, PR, qn
from .ooxml.package import read_parts

__all__ = ["template_tags", "text_tags", "verify_package"]

_STRICT = etree.XMLParser(resolve_entities=False)
_TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}")


def template_tags(template_xml: str) -> set[str]:
    """Return the Jinja tags of a template's text (each paragraph's text joined), normalised."""
    root = etree.fromstring(template_xml.encode("utf-8") if isinstance(template_xml, str) else template_xml, _STRICT)
    tags: set[str] = set()
    for paragraph in root.iter(qn("w:p")):
        tags |= text_tags("".join(t.text or "" for t in paragraph.iter(qn("w:t"))))
    return tags


def text_tags(text: str) -> set[str]:
    """Return the Jinja-looking tags of a text, normalised as `template_tags` normalises them."""
    return {_normal_tag(tag) for tag in _TAG.findall(text)}


def _normal_tag(tag: str) -> str:
    return " ".join(tag.split())


def verify_package(data: bytes, expected_sections: int, name: str = "kết quả", tags: set[str] | None = None) -> list[Diagnostic]:
    """Return the problems of a produced .docx (an empty list when it is sound)."""
    where = Location(name)
    problems: list[Diagnostic] = []
    parts = read_parts(data)
    trees: dict[str, etree._Element] = {}
    for part, content in parts.items():
        if part.endswith((".xml", ".rels")):
            try:
                trees[part] = etree.fromstring(content, _STRICT)
            except etree.XMLSyntaxError as exc:
                problems.append(Diagnostic(Code.INVALID_PACKAGE, f"phần {part} không phải XML hợp lệ ({exc}).", where))
    if problems:
        return problems
    types = trees["[Content_Types].xml"]
    defaults = {el.get("Extension").lower() for el in types if el.tag == f"{{{CT}}}Default"}
    overrides = {el.get("PartName") for el in types if el.tag == f"{{{CT}}}Override"}
    for part in parts:
        if part == "[Content_Types].xml" or part.endswith("/"):
            continue
        if "/" + part not in overrides and part.rsplit(".", 1)[-1].lower() not in defaults:
            problems.append(Diagnostic(Code.INVALID_PACKAGE, f"phần {part} không có kiểu nội dung.", where))
    for part, tree in trees.items():
        if not part.endswith(".rels"):
            continue
        base = posixpath.dirname(posixpath.dirname(part))
        for rel in tree.iter(f"{{{PR}}}Relationship"):
            if rel.get("TargetMode") == "External":
                continue
            target = posixpath.normpath(posixpath.join(base, rel.get("Target"))).lstrip("/")
            if target not in parts:
                problems.append(Diagnostic(Code.INVALID_PACKAGE, f"{part} trỏ tới {target} nhưng phần này không có.", where))
    document = trees["word/document.xml"]
    # A tag of the template that survives rendering is a template bug; `{{` typed by a clerk is text.
    for paragraph in document.iter(qn("w:p")):
        text = "".join(t.text or "" for t in paragraph.iter(qn("w:t")))
        if tags and any(_normal_tag(found) in tags for found in _TAG.findall(text)):
            problems.append(Diagnostic(Code.LEFTOVER_TAG, f"còn sót thẻ mẫu trong đoạn: {text[:80]!r}.", where, hint="sửa mẫu .docx"))
    sections = len(list(document.iter(qn("w:sectPr"))))
    if sections != expected_sections:
        problems.append(
            Diagnostic(Code.WRONG_SECTION_COUNT, f"văn bản có {sections} phần (section), đúng ra phải là {expected_sections}.", where)
        )
    notes = trees.get("word/footnotes.xml")
    note_ids = [int(n.get(qn("w:id"))) for n in notes.iter(qn("w:footnote"))] if notes is not None else []
    references = [int(r.get(qn("w:id"))) for r in document.iter(qn("w:footnoteReference"))]
    for ident, count in Counter(note_ids).items():
        if count > 1:
            problems.append(Diagnostic(Code.DUPLICATE_ID, f"chú thích id {ident} bị trùng.", where))
    for ident in references:
        if ident not in note_ids:
            problems.append(Diagnostic(Code.INVALID_PACKAGE, f"tham chiếu tới chú thích {ident} không có.", where))
    doc_pr = [el.get("id") for el in document.iter("{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr")]
    for ident, count in Counter(doc_pr).items():
        if count > 1:
            problems.append(Diagnostic(Code.DUPLICATE_ID, f"id hình {ident} bị trùng.", where))
    return problems
