"""Reading produced .docx files the way a reviewer would: texts with their effective formatting."""

from __future__ import annotations

import io
import zipfile

from docx.shared import Pt
from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _style_value(style, getter):
    while style is not None:
        value = getter(style)
        if value is not None:
            return value
        style = style.base_style
    return None


def run_format(paragraph, run) -> dict:
    """Return the effective size (pt), bold, italic and underline of a run."""
    size = run.font.size or _style_value(paragraph.style, lambda s: s.font.size) or Pt(14)
    bold = run.bold if run.bold is not None else bool(_style_value(paragraph.style, lambda s: s.font.bold))
    italic = (
        run.italic if run.italic is not None else bool(_style_value(paragraph.style, lambda s: s.font.italic))
    )
    underline = (
        run.underline
        if run.underline is not None
        else bool(_style_value(paragraph.style, lambda s: s.font.underline))
    )
    return {"size": size.pt, "bold": bool(bold), "italic": bool(italic), "underline": bool(underline)}


def all_paragraphs(document):
    """Yield every paragraph of the body, tables included, in order."""
    body = document.element.body
    from docx.text.paragraph import Paragraph

    for p in body.iter(f"{W}p"):
        yield Paragraph(p, document._body)


def find_paragraph(document, text: str):
    """Return the first paragraph whose text equals `text` (stripped)."""
    for paragraph in all_paragraphs(document):
        if paragraph.text.strip() == text:
            return paragraph
    texts = [p.text for p in all_paragraphs(document) if p.text.strip()]
    raise AssertionError(f"no paragraph {text!r}; have {texts[:40]}")


def formats(document, text: str) -> dict:
    """Return the formatting of the (single-format) paragraph with `text`."""
    paragraph = find_paragraph(document, text)
    runs = [r for r in paragraph.runs if r.text.strip()]
    found = {tuple(sorted(run_format(paragraph, r).items())) for r in runs}
    assert len(found) == 1, f"mixed formatting in {text!r}: {found}"
    return dict(found.pop())


def part(data: bytes, name: str) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return etree.fromstring(archive.read(name))


def xml_text(element) -> str:
    """Return the text of an element's runs as a reader sees it: a document code's non-breaking hyphen
    (`w:noBreakHyphen`) is a "-"."""
    return "".join(
        "-" if node.tag == f"{W}noBreakHyphen" else node.text or ""
        for node in element.iter(f"{W}t", f"{W}noBreakHyphen")
    )


def footnote_texts(data: bytes) -> list[str]:
    """Return the texts of the real footnotes (ids ≥ 1), in id order."""
    root = part(data, "word/footnotes.xml")
    notes = [n for n in root.iter(f"{W}footnote") if int(n.get(f"{W}id")) >= 1]
    return ["\n".join(xml_text(p).strip() for p in n.iter(f"{W}p")) for n in notes]


def body_text(document) -> list[str]:
    return [p.text for p in all_paragraphs(document) if p.text.strip()]


def header_rules(document) -> tuple[int, int, list[int]]:
    """Return (left column, right column, [length of each rule]) of the header table, in twips."""
    table = document.tables[0]
    left, right = (int(col.get(f"{W}w")) for col in table._tbl.tblGrid.findall(f"{W}gridCol"))
    lengths = []
    for cell, width in ((table.rows[0].cells[0], left), (table.rows[0].cells[1], right)):
        for paragraph in cell.paragraphs:
            ppr = paragraph._p.pPr
            if ppr is not None and ppr.find(f"{W}pBdr") is not None:
                ind = ppr.find(f"{W}ind")
                lengths.append(width - int(ind.get(f"{W}left")) - int(ind.get(f"{W}right")))
    return left, right, lengths
