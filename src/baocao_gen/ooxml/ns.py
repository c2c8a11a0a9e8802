"""Namespaces and qualified names: the only nsmap of the project."""

from __future__ import annotations

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PR = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"
XML = "http://www.w3.org/XML/1998/namespace"
CP = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
DC = "http://purl.org/dc/elements/1.1/"
DCTERMS = "http://purl.org/dc/terms/"

NSMAP = {"w": W, "r": R}

REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
REL_FOOTNOTES = REL + "footnotes"
REL_STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"
REL_THUMBNAIL = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail"
CT_FOOTNOTES = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"


def qn(tag: str) -> str:
    """Return Clark notation for a prefixed tag: `w:p` → `{…/main}p`."""
    prefix, _, local = tag.partition(":")
    uri = {"w": W, "r": R, "xml": XML, "cp": CP, "dc": DC, "dcterms": DCTERMS}[prefix]
    return f"{{{uri}}}{local}"
