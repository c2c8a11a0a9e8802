"""Read a .docx package and return plain facts about it: what verify and the template check judge.

The judging (which fact is a problem, in what words) happens outside `ooxml/`; walking the parts,
relationships, content types and `w:` elements happens only here.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Mapping
from dataclasses import dataclass

from lxml import etree

from .formatting import theme_fonts
from .ns import (
    CT,
    PART_CONTENT_TYPES,
    PART_DOCUMENT,
    PART_DOCUMENT_RELS,
    PART_FOOTNOTES,
    PART_STYLES,
    PART_THEME,
    PR,
    qn,
)
from .package import read_parts
from .parsed import ParsedPackage, parse_package
from .styles import StyleSheet, TextStyle

__all__ = [
    "PackageFacts",
    "PageSetup",
    "TemplateFacts",
    "inspect_package",
    "inspect_template",
    "normal_tag",
    "part_tags",
    "text_tags",
]

_STRICT = etree.XMLParser(resolve_entities=False)
_TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}")
_PAGE_FIELD = re.compile(r"^\s*PAGE\b")


def normal_tag(tag: str) -> str:
    """Return a Jinja tag with its inner whitespace collapsed, as tags are compared."""
    return " ".join(tag.split())


def text_tags(text: str) -> set[str]:
    """Return the Jinja-looking tags of a text, normalised."""
    return {normal_tag(tag) for tag in _TAG.findall(text)}


def _paragraph_texts(root: etree._Element) -> list[str]:
    """Return the text of each paragraph, runs joined (Word splits a typed tag over several runs)."""
    return ["".join(t.text or "" for t in p.iter(qn("w:t"))) for p in root.iter(qn("w:p"))]


def part_tags(xml: bytes) -> set[str]:
    """Return the Jinja tags of an XML part's paragraphs, normalised."""
    tags: set[str] = set()
    for text in _paragraph_texts(etree.fromstring(xml, _STRICT)):
        tags |= text_tags(text)
    return tags


@dataclass(frozen=True)
class PackageFacts:
    """What a produced package holds, as verify needs it; parts that do not parse hide the rest."""

    unparsable: tuple[tuple[str, str], ...] = ()  # (part, parser's message)
    untyped_parts: tuple[str, ...] = ()
    broken_targets: tuple[tuple[str, str], ...] = ()  # (relationships part, missing target)
    paragraph_texts: tuple[str, ...] = ()  # of the main document, in order
    section_count: int = 0
    footnote_ids: tuple[int, ...] = ()
    footnote_references: tuple[int, ...] = ()
    drawing_ids: tuple[str, ...] = ()


def inspect_package(data: bytes | ParsedPackage) -> PackageFacts:
    """Return the facts of a package, parsing every XML part strictly (no recovery, no entities);
    `data` may be already parsed (`parsed.parse_package`), as verify shares it with the audit."""
    package = data if isinstance(data, ParsedPackage) else parse_package(data)
    parts, trees = package.parts, package.trees
    if package.unparsable:
        return PackageFacts(unparsable=package.unparsable)
    types = trees[PART_CONTENT_TYPES]
    defaults = {(el.get("Extension") or "").lower() for el in types if el.tag == f"{{{CT}}}Default"}
    overrides = {el.get("PartName") for el in types if el.tag == f"{{{CT}}}Override"}
    untyped = [
        part
        for part in parts
        if part != PART_CONTENT_TYPES
        and not part.endswith("/")
        and "/" + part not in overrides
        and part.rsplit(".", 1)[-1].lower() not in defaults
    ]
    broken: list[tuple[str, str]] = []
    for part, tree in trees.items():
        if not part.endswith(".rels"):
            continue
        base = posixpath.dirname(posixpath.dirname(part))
        for rel in tree.iter(f"{{{PR}}}Relationship"):
            if rel.get("TargetMode") == "External":
                continue
            target = posixpath.normpath(posixpath.join(base, rel.get("Target") or "")).lstrip("/")
            if target not in parts:
                broken.append((part, target))
    document = trees[PART_DOCUMENT]
    notes = trees.get(PART_FOOTNOTES)
    return PackageFacts(
        untyped_parts=tuple(untyped),
        broken_targets=tuple(broken),
        paragraph_texts=tuple(_paragraph_texts(document)),
        section_count=len(list(document.iter(qn("w:sectPr")))),
        footnote_ids=tuple(int(n.get(qn("w:id"), "0")) for n in notes.iter(qn("w:footnote")))
        if notes is not None
        else (),
        footnote_references=tuple(
            int(r.get(qn("w:id"), "0")) for r in document.iter(qn("w:footnoteReference"))
        ),
        drawing_ids=tuple(el.get("id") or "" for el in document.iter(qn("wp:docPr"))),
    )


@dataclass(frozen=True)
class PageSetup:
    """The page of a section, in twips, and whether page 1 has its own (empty) header."""

    width: int
    height: int
    top: int
    bottom: int
    left: int
    right: int
    title_page: bool


@dataclass(frozen=True)
class TemplateFacts:
    """What the template check and the header measurement need: tags, styles, texts, the page."""

    tags: frozenset[str]
    styles: StyleSheet
    page: PageSetup | None
    page_number_from_page_two: bool  # the default header has a PAGE field and page 1's header has none
    section_count: int
    texts: Mapping[str, tuple[str, ...]]  # style id → the texts of the paragraphs in that style, in order
    direct: Mapping[
        str, etree._Element
    ]  # style id → the run properties of its first paragraph's first text run

    def printed(self, style_id: str) -> TextStyle:
        """Return how text in paragraphs of `style_id` prints: the style, overridden by the formatting
        set directly on the first such paragraph's text (a designer who selects the Quốc hiệu in Word
        and picks 13 pt writes it there, not in the style)."""
        return self.styles.text_style(style_id, self.direct.get(style_id))


def _twips(element: etree._Element | None, attribute: str) -> int:
    if element is None:
        return 0
    try:
        return int(element.get(qn(f"w:{attribute}"), "0"))
    except ValueError:
        return 0


def _page_setup(sect: etree._Element | None) -> PageSetup | None:
    if sect is None:
        return None
    size, margins = sect.find(qn("w:pgSz")), sect.find(qn("w:pgMar"))
    title = sect.find(qn("w:titlePg"))
    return PageSetup(
        width=_twips(size, "w"),
        height=_twips(size, "h"),
        top=_twips(margins, "top"),
        bottom=_twips(margins, "bottom"),
        left=_twips(margins, "left"),
        right=_twips(margins, "right"),
        title_page=title is not None and title.get(qn("w:val"), "1").lower() not in ("0", "false", "off"),
    )


def _has_page_field(root: etree._Element) -> bool:
    simple = any(_PAGE_FIELD.match(f.get(qn("w:instr"), "")) for f in root.iter(qn("w:fldSimple")))
    return simple or any(_PAGE_FIELD.match(t.text or "") for t in root.iter(qn("w:instrText")))


def _headers(parts: dict[str, bytes], sect: etree._Element | None) -> dict[str, etree._Element]:
    """Return the header parts of a section by type (default, first, even)."""
    if sect is None or PART_DOCUMENT_RELS not in parts:
        return {}
    targets = {
        rel.get("Id"): posixpath.normpath(posixpath.join("word", rel.get("Target") or ""))
        for rel in etree.fromstring(parts[PART_DOCUMENT_RELS], _STRICT)
    }
    out = {}
    for ref in sect.findall(qn("w:headerReference")):
        name = targets.get(ref.get(qn("r:id")))
        if name in parts:
            out[ref.get(qn("w:type"), "default")] = etree.fromstring(parts[name], _STRICT)
    return out


def inspect_template(data: bytes) -> TemplateFacts:
    """Return the facts of a frame template; a package that is not a readable .docx raises.

    Raises `zipfile.BadZipFile`, `KeyError` (a part missing) or `etree.XMLSyntaxError`.
    """
    parts = read_parts(data)
    document = etree.fromstring(parts[PART_DOCUMENT], _STRICT)
    theme = parts.get(PART_THEME)
    styles = StyleSheet(
        etree.fromstring(parts[PART_STYLES], _STRICT),
        theme_fonts(etree.fromstring(theme, _STRICT) if theme is not None else None),
    )
    tags = part_tags(parts[PART_DOCUMENT])
    sect = document.find(f"{qn('w:body')}/{qn('w:sectPr')}")
    headers = _headers(parts, sect)
    page = _page_setup(sect)
    numbered = "default" in headers and _has_page_field(headers["default"])
    first_clean = (
        page is not None
        and page.title_page
        and ("first" not in headers or not _has_page_field(headers["first"]))
    )
    texts: dict[str, list[str]] = {}
    direct: dict[str, etree._Element] = {}
    for paragraph in document.iter(qn("w:p")):
        style = paragraph.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
        ident = style.get(qn("w:val")) if style is not None else None
        if not ident:
            continue
        first = ident not in texts
        texts.setdefault(ident, []).append("".join(t.text or "" for t in paragraph.iter(qn("w:t"))))
        runs = [
            r for r in paragraph.iter(qn("w:r")) if "".join(t.text or "" for t in r.iter(qn("w:t"))).strip()
        ]
        formatted = runs[0].find(qn("w:rPr")) if first and runs else None
        if formatted is not None and len(formatted):
            direct[ident] = formatted
    return TemplateFacts(
        tags=frozenset(tags),
        styles=styles,
        page=page,
        page_number_from_page_two=numbered and first_clean,
        section_count=len(list(document.iter(qn("w:sectPr")))),
        texts={ident: tuple(found) for ident, found in texts.items()},
        direct=direct,
    )
