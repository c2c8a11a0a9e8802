"""Namespaces, qualified names, relationship and content types: the only namespace map of the project.

Every other module, in `ooxml/` or not, takes its URIs from here, so a namespace is spelled once.
"""

from __future__ import annotations

import functools

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
PR = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"
XML = "http://www.w3.org/XML/1998/namespace"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
CP = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
DC = "http://purl.org/dc/elements/1.1/"
DCTERMS = "http://purl.org/dc/terms/"
CUSTOM = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
VT = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"

# The one prefix → URI map: `qn()` resolves prefixes with it, and new elements declare from it.
_PREFIXES = {
    "w": W,
    "r": R,
    "wp": WP,
    "pr": PR,
    "ct": CT,
    "xml": XML,
    "xsi": XSI,
    "cp": CP,
    "dc": DC,
    "dcterms": DCTERMS,
    "custom": CUSTOM,
    "vt": VT,
}
NSMAP = {"w": W, "r": R}

REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
REL_FOOTNOTES = REL + "footnotes"
REL_CUSTOM_PROPERTIES = REL + "custom-properties"
REL_STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"
REL_THUMBNAIL = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail"
CT_FOOTNOTES = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
CT_CUSTOM_PROPERTIES = "application/vnd.openxmlformats-officedocument.custom-properties+xml"

# Part names of the package (the main document is always at this name in Word's and LibreOffice's files).
PART_CONTENT_TYPES = "[Content_Types].xml"
PART_PACKAGE_RELS = "_rels/.rels"
PART_DOCUMENT = "word/document.xml"
PART_DOCUMENT_RELS = "word/_rels/document.xml.rels"
PART_STYLES = "word/styles.xml"
PART_THEME = "word/theme/theme1.xml"
PART_FOOTNOTES = "word/footnotes.xml"
PART_CORE = "docProps/core.xml"
PART_CUSTOM = "docProps/custom.xml"


@functools.lru_cache(maxsize=1024)  # a few dozen tags, asked for ~10,000 times per report (benchmarks)
def qn(tag: str) -> str:
    """Return Clark notation for a prefixed tag: `w:p` → `{…/main}p`."""
    prefix, _, local = tag.partition(":")
    return f"{{{_PREFIXES[prefix]}}}{local}"
