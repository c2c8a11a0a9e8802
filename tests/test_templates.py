"""The committed frame templates are the source: they are checked for what the renderer and FORMAT.md
need (tags, styles and their properties, the page), not compared with bytes a program wrote.

Properties are read here with python-docx, independently of the reader under test (ooxml.styles).
"""

from __future__ import annotations

import docx
import pytest
from docx.enum.section import WD_ORIENT

from baocao_gen.ooxml.contract import REQUIRED_TAGS, body_styles, check_template, style_rules
from baocao_gen.ooxml.inspect import inspect_template
from baocao_gen.ooxml.package import read_parts
from baocao_gen.resources import template_path
from conftest import LEFTOVER_PARTS

SYSTEMS = ["nha_nuoc", "dang"]


def _document(system: str) -> docx.document.Document:
    return docx.Document(str(template_path(system)))


def _effective(
    document: docx.document.Document, style_id: str
) -> tuple[str | None, float | None, bool, bool]:
    """Return (font, size pt, bold, italic) of a paragraph style, walking base styles as Word does."""
    style = next(s for s in document.styles if s.style_id == style_id)
    font = size = bold = italic = None
    while style is not None:
        font = font or style.font.name
        size = size or (style.font.size.pt if style.font.size else None)
        bold = style.font.bold if bold is None else bold
        italic = style.font.italic if italic is None else italic
        style = style.base_style
    return font, size, bool(bold), bool(italic)


def _paragraph_texts(system: str) -> list[str]:
    document = _document(system)
    texts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                texts += [p.text for p in cell.paragraphs]
    return texts


@pytest.mark.parametrize("system", SYSTEMS)
def test_template_has_every_tag_the_renderer_fills(system):
    texts = _paragraph_texts(system)
    for tag in REQUIRED_TAGS:
        assert tag in texts, f"{tag} is not a paragraph of its own in the {system} template"
    # The body slots and the loops stand alone in their paragraph (docxtpl's {%p %} and {{p }} need it).
    assert all(text.strip() == text for text in texts if text.startswith(("{%p", "{{p")))


@pytest.mark.parametrize("system", SYSTEMS)
def test_template_styles_are_what_format_md_requires(system):
    document = _document(system)
    ids = {style.style_id for style in document.styles}
    assert set(body_styles()) <= ids
    for rule in style_rules(system):
        assert rule.style_id in ids, rule.style_id
        font, size, bold, italic = _effective(document, rule.style_id)
        assert font == "Times New Roman", (rule.style_id, font)
        if rule.sizes:
            assert rule.sizes[0] <= size <= rule.sizes[1], (rule.style_id, size)
        if rule.bold is not None:
            assert bold == rule.bold, rule.style_id
        if rule.italic is not None:
            assert italic == rule.italic, rule.style_id


def test_state_components_have_the_decree_example_sizes():
    document = _document("nha_nuoc")
    sizes = {
        ident: _effective(document, ident)[1]
        for ident in ("QuocHieu", "TieuNgu", "CoQuanBanHanh", "SoKyHieu", "TenLoai", "VanBan")
    }
    assert sizes == {
        "QuocHieu": 12,
        "TieuNgu": 13,
        "CoQuanBanHanh": 12,
        "SoKyHieu": 13,
        "TenLoai": 14,
        "VanBan": 14,
    }
    assert _effective(document, "DiaDanhNgay")[3] is True  # the place and date line is italic


def test_party_title_is_15_bold():
    assert _effective(_document("dang"), "TieuDeDang")[1:] == (15, True, False)


@pytest.mark.parametrize("system", SYSTEMS)
def test_template_page_is_a4_with_the_decree_margins_and_numbers_from_page_two(system):
    document = _document(system)
    [section] = document.sections
    assert section.orientation == WD_ORIENT.PORTRAIT
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    margins = [section.top_margin, section.bottom_margin, section.left_margin, section.right_margin]
    assert [round(m.mm) for m in margins] == [20, 20, 30, 15]
    assert section.different_first_page_header_footer
    assert "PAGE" in section.header._element.xml and "PAGE" not in section.first_page_header._element.xml
    number_style = next(s for s in document.styles if s.style_id == "SoTrang")
    assert number_style.paragraph_format.alignment == 1  # centred
    assert round(section.header_distance.mm) == 10 < round(section.top_margin.mm)  # in the top margin


@pytest.mark.parametrize("system", SYSTEMS)
def test_committed_template_keeps_the_contract(system):
    assert check_template(inspect_template(template_path(system).read_bytes()), system) == []


@pytest.mark.parametrize("system", SYSTEMS)
def test_template_carries_no_default_template_leftovers(system):
    parts = read_parts(template_path(system).read_bytes())
    assert not [name for name in parts if name in LEFTOVER_PARTS or name.startswith("customXml/")]
    assert b"python-docx" not in parts["docProps/core.xml"]
    styles = parts["word/styles.xml"]
    assert b"latentStyles" not in styles and b'w:styleId="Heading1"' not in styles
