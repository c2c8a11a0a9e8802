"""ooxml/formatting.py: the one effective-formatting resolver, and its three callers agreeing.

The frame's measurements (`styles.StyleSheet`), `check`'s reader and the structure goldens each read
a style sheet; they must see the same font, size and weight for the same style, theme fonts included.
"""

from __future__ import annotations

from lxml import etree

from baocao_gen.ooxml.formatting import StyleResolver, theme_fonts
from baocao_gen.ooxml.reader import read_docx
from baocao_gen.ooxml.structure import document_structure
from baocao_gen.ooxml.styles import StyleSheet
from test_reader import STYLES, W, p, package

A = "http://schemas.openxmlformats.org/drawingml/2006/main"
THEME = (
    f'<a:theme xmlns:a="{A}"><a:themeElements><a:fontScheme>'
    '<a:majorFont><a:latin typeface="Arial"/></a:majorFont><a:minorFont><a:latin typeface="Tinos"/></a:minorFont>'
    "</a:fontScheme></a:themeElements></a:theme>"
)
THEMED = """
<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:asciiTheme="minorHAnsi"/><w:sz w:val="26"/></w:rPr></w:rPrDefault></w:docDefaults>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="Loop"><w:name w:val="Vòng"/><w:basedOn w:val="Loop2"/><w:rPr><w:b/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Loop2"><w:basedOn w:val="Loop"/><w:rPr><w:i/></w:rPr></w:style>
"""


def resolver(styles: str, theme: str | None = None) -> StyleResolver:
    root = etree.fromstring(f"<w:styles {W}>{styles}</w:styles>")
    return StyleResolver(root, theme_fonts(etree.fromstring(theme) if theme else None))


def test_defaults_then_based_on_chain_then_character_style_then_direct():
    styles = resolver(STYLES)
    assert styles.run_format("TieuNho").size == 13 and styles.run_format("TieuNho").bold is True
    assert (
        styles.run_format("TieuNho").italic is True and styles.run_format("TieuNho").font == "Times New Roman"
    )
    assert (
        styles.run_format("TieuNho", "Nhan").bold is False and styles.run_format("TieuNho", "Nhan").underline
    )
    direct = etree.fromstring(f'<w:rPr {W}><w:sz w:val="30"/></w:rPr>')
    assert styles.run_format("TieuNho", None, direct).size == 15
    assert styles.paragraph_format("TieuNho").alignment == "center"
    assert styles.paragraph_format("TieuNho").first_line == 720 and styles.paragraph_format(None).after == 120


def test_theme_fonts_resolve_and_a_based_on_loop_ends():
    styles = resolver(THEMED, THEME)
    assert styles.run_format("Normal").font == "Tinos" and styles.run_format("Normal").size == 13
    looped = styles.run_format("Loop")
    assert looped.bold and looped.italic  # both styles of the loop apply once, then it stops


def test_the_frame_the_reader_and_the_structure_golden_agree():
    root = etree.fromstring(f"<w:styles {W}>{THEMED}{STYLES.split('</w:docDefaults>')[1]}</w:styles>")
    theme = theme_fonts(etree.fromstring(THEME))
    frame = StyleSheet(root, theme).text_style("TieuNho")
    data = package(
        p("Tiêu đề nhỏ", '<w:pStyle w:val="TieuNho"/>'),
        THEMED + STYLES.split("</w:docDefaults>")[1],
        extra={"word/theme/theme1.xml": THEME},
    )
    [run] = read_docx(data).paragraphs[0].runs
    assert (frame.font, frame.size, frame.bold, frame.italic) == ("Tinos", 13, True, True)
    assert (run.format.font, run.format.size, run.format.bold, run.format.italic) == ("Tinos", 13, True, True)
    structure = document_structure(data).splitlines()
    assert "TieuNho «Tiêu đề nhỏ»: 13 đn Tinos; giữa, thụt 12.7 mm, trước 0 sau 0 pt" in structure
