"""The reader of any .docx: effective formatting, Word's automatic numbering, sections, text boxes, notes.

Packages are written by hand here (only the parts the reader needs), so each test shows the XML a
document typed in Word carries and what a reader of the page sees from it.
"""

from __future__ import annotations

import io
import zipfile

import pytest

from baocao_gen.ooxml.reader import UnreadableDocx, read_docx

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
NS = (
    W + ' xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
    ' xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
    ' xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"'
    ' xmlns:v="urn:schemas-microsoft-com:vml"'
)
A4 = '<w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134" w:bottom="1134" w:left="1701" w:right="850"/>'


def package(body: str, styles: str = "", numbering: str = "", footnotes: str = "", extra=None) -> bytes:
    parts = {"word/document.xml": f"<w:document {NS}><w:body>{body}</w:body></w:document>"}
    if styles:
        parts["word/styles.xml"] = f"<w:styles {W}>{styles}</w:styles>"
    if numbering:
        parts["word/numbering.xml"] = f"<w:numbering {W}>{numbering}</w:numbering>"
    if footnotes:
        parts["word/footnotes.xml"] = f"<w:footnotes {W}>{footnotes}</w:footnotes>"
    parts.update(extra or {})
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
    return out.getvalue()


def p(text: str, p_pr: str = "", r_pr: str = "") -> str:
    return f'<w:p><w:pPr>{p_pr}</w:pPr><w:r><w:rPr>{r_pr}</w:rPr><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'


STYLES = """
<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman"/><w:sz w:val="24"/></w:rPr></w:rPrDefault>
<w:pPrDefault><w:pPr><w:spacing w:after="120"/></w:pPr></w:pPrDefault></w:docDefaults>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/>
  <w:pPr><w:jc w:val="both"/><w:ind w:firstLine="720"/></w:pPr><w:rPr><w:sz w:val="28"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Tieu"><w:name w:val="Tiêu đề"/><w:basedOn w:val="Normal"/>
  <w:pPr><w:jc w:val="center"/></w:pPr><w:rPr><w:b/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="TieuNho"><w:name w:val="Tiêu đề nhỏ"/><w:basedOn w:val="Tieu"/>
  <w:rPr><w:sz w:val="26"/><w:i/></w:rPr></w:style>
<w:style w:type="character" w:styleId="Nhan"><w:name w:val="Nhấn"/><w:rPr><w:u w:val="single"/><w:b w:val="0"/></w:rPr></w:style>
"""


def test_effective_formatting_follows_defaults_style_chain_and_direct_formatting():
    body = (
        p("thường")
        + p("tiêu đề nhỏ", '<w:pStyle w:val="TieuNho"/>')
        + p("tắt đậm", '<w:pStyle w:val="TieuNho"/>', '<w:b w:val="0"/><w:sz w:val="30"/>')
        + '<w:p><w:pPr><w:pStyle w:val="Tieu"/></w:pPr><w:r><w:rPr><w:rStyle w:val="Nhan"/></w:rPr><w:t>nhấn</w:t></w:r></w:p>'
        + f"<w:sectPr>{A4}</w:sectPr>"
    )
    doc = read_docx(package(body, STYLES))
    plain, small, direct, char = doc.paragraphs
    assert (plain.runs[0].format.size, plain.runs[0].format.font, plain.runs[0].format.bold) == (
        14,
        "Times New Roman",
        None,
    )
    assert (plain.format.alignment, plain.format.first_line, plain.format.after) == ("both", 720, 120)
    assert (
        small.style_name == "Tiêu đề nhỏ" and small.format.alignment == "center"
    )  # from Tieu, through basedOn
    assert (small.runs[0].format.size, small.runs[0].format.bold, small.runs[0].format.italic) == (
        13,
        True,
        True,
    )
    assert (direct.runs[0].format.size, direct.runs[0].format.bold) == (15, False)
    assert (char.runs[0].format.bold, char.runs[0].format.underline) == (
        False,
        True,
    )  # character style wins over paragraph style


NUMBERING = """
<w:abstractNum w:abstractNumId="1">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2."/></w:lvl>
  <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%3)"/></w:lvl>
  <w:lvl w:ilvl="3"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2.%4."/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="2">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="-"/></w:lvl>
</w:abstractNum>
<w:num w:numId="5"><w:abstractNumId w:val="1"/></w:num>
<w:num w:numId="6"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="4"/></w:lvlOverride></w:num>
<w:num w:numId="7"><w:abstractNumId w:val="2"/></w:num>
"""


def numbered(text: str, num_id: int, level: int) -> str:
    return p(text, f'<w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>')


def test_word_automatic_numbering_gives_the_labels_a_reader_sees():
    levels = [0, 1, 2, 2, 2, 2, 2, 2, 1, 3, 3, 0, 1]
    body = "".join(numbered(f"mục {i}", 5, level) for i, level in enumerate(levels))
    body += numbered("tiếp tục từ IV", 6, 0) + numbered("gạch đầu dòng", 7, 0) + p("không số")
    doc = read_docx(package(body, numbering=NUMBERING))
    labels = [x.label for x in doc.paragraphs]
    assert labels == [
        "I.",
        "1.",
        "a)",
        "b)",
        "c)",
        "d)",
        "e)",
        "f)",  # Word's lowerLetter reaches f: the checker flags it
        "2.",
        "2.1.",
        "2.2.",
        "II.",
        "1.",  # deeper levels restart under a new heading
        "IV.",
        "-",
        "",
    ]
    assert doc.paragraphs[0].text == "I.\tmục 0" and doc.paragraphs[2].label_format == "lowerLetter"


def test_numbering_set_by_a_paragraph_style():
    styles = STYLES + (
        '<w:style w:type="paragraph" w:styleId="Muc"><w:basedOn w:val="Normal"/>'
        '<w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="5"/></w:numPr></w:pPr></w:style>'
    )
    body = p("một", '<w:pStyle w:val="Muc"/>') + p("hai", '<w:pStyle w:val="Muc"/>')
    assert [x.label for x in read_docx(package(body, styles, NUMBERING)).paragraphs] == ["I.", "II."]


def test_sections_page_setup_and_inherited_headers():
    rels = (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rH1" Type="header" Target="header1.xml"/><Relationship Id="rH2" Type="header" Target="header2.xml"/>'
        "</Relationships>"
    )
    header1 = f'<w:hdr {W}><w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:fldSimple w:instr=" PAGE "><w:r><w:t>2</w:t></w:r></w:fldSimple></w:p></w:hdr>'
    header2 = (
        f'<w:hdr {W}><w:p><w:pPr><w:jc w:val="right"/></w:pPr><w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        '<w:r><w:instrText> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p></w:hdr>'
    )
    body = (
        p("trang đầu")
        + f'<w:p><w:pPr><w:sectPr><w:headerReference w:type="default" r:id="rH1"/>{A4}<w:titlePg/></w:sectPr></w:pPr></w:p>'
        + p("phụ lục ngang")
        + '<w:p><w:pPr><w:sectPr><w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/><w:pgNumType w:start="1"/></w:sectPr></w:pPr></w:p>'
        + p("cuối")
        + f'<w:sectPr><w:headerReference w:type="default" r:id="rH2"/>{A4}</w:sectPr>'
    )
    extra = {"word/_rels/document.xml.rels": rels, "word/header1.xml": header1, "word/header2.xml": header2}
    first, appendix, last = read_docx(package(body, extra=extra)).sections
    assert (first.width, first.height, first.landscape, first.left, first.right) == (
        11906,
        16838,
        False,
        1701,
        850,
    )
    assert first.title_page and first.page_number_start is None and first.first_paragraph == 1
    assert (
        first.headers["default"].has_page_number
        and first.headers["default"].page_number_alignment == "center"
    )
    assert appendix.landscape and appendix.page_number_start == 1 and appendix.first_paragraph == 3
    assert (
        appendix.headers["default"].page_number_alignment == "center"
    )  # no header of its own: the previous one
    assert (
        last.headers["default"].has_page_number and last.headers["default"].page_number_alignment == "right"
    )
    assert [x.section for x in read_docx(package(body, extra=extra)).paragraphs] == [1, 1, 2, 2, 3]


def test_tables_text_boxes_and_footnotes():
    box = (
        '<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx><w:txbxContent>'
        + p("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
        + "</w:txbxContent></wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict><v:textbox><w:txbxContent>"
        + p("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
        + "</w:txbxContent></v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>"
    )
    table = (
        '<w:tbl><w:tblPr><w:tblBorders><w:top w:val="nil"/></w:tblBorders></w:tblPr><w:tr>'
        f"<w:tc>{p('trái')}</w:tc><w:tc>{p('phải')}{p('phải 2')}</w:tc></w:tr></w:tbl>"
    )
    note_ref = '<w:p><w:r><w:t>có chú thích</w:t></w:r><w:r><w:footnoteReference w:id="1"/></w:r></w:p>'
    notes = (
        '<w:footnote w:type="separator" w:id="-1"><w:p/></w:footnote>'
        '<w:footnote w:id="1"><w:p><w:r><w:t>Lời chú thích.</w:t></w:r></w:p></w:footnote>'
    )
    doc = read_docx(package(box + table + note_ref, footnotes=notes))
    texts = [(x.index, x.text, x.in_text_box, x.table, x.row, x.cell) for x in doc.paragraphs]
    assert texts == [
        (1, "", False, None, None, None),
        (2, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", True, None, None, None),  # once: the VML copy is skipped
        (3, "trái", False, 1, 1, 1),
        (4, "phải", False, 1, 1, 2),
        (5, "phải 2", False, 1, 1, 2),
        (6, "có chú thích", False, None, None, None),
    ]
    assert not doc.blocks[1].bordered and len(doc.blocks) == 3
    assert doc.footnote_references == [(1, 6)] and doc.footnotes[1].text == "Lời chú thích."


def _ole() -> bytes:
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512)


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (_ole(), "mật khẩu"),
        (b"%PDF-1.7", "không phải tệp .docx"),
        (package(p("x"))[:60], "bị hỏng"),
        (package(p("x"), extra={"word/document.xml": "<w:document"}), "không phải XML hợp lệ"),
    ],
    ids=["encrypted-ole", "pdf", "cut-zip", "broken-xml"],
)
def test_unreadable_packages_say_why_in_vietnamese(data, reason):
    with pytest.raises(UnreadableDocx) as caught:
        read_docx(data)
    assert reason in str(caught.value)


def test_zip_without_a_document_part():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    with pytest.raises(UnreadableDocx, match="thiếu word/document.xml"):
        read_docx(out.getvalue())


def test_merged_cells_keep_their_grid_place_span_and_vertical_merge():
    def tc(text: str, tc_pr: str = "") -> str:
        return f"<w:tc><w:tcPr>{tc_pr}</w:tcPr>{p(text)}</w:tc>"

    table = (
        "<w:tbl><w:tr>"
        + tc("Giai đoạn", '<w:vMerge w:val="restart"/>')
        + tc("Kết quả", '<w:gridSpan w:val="2"/>')
        + "</w:tr><w:tr>"
        + tc("", "<w:vMerge/>")
        + tc("Số cuộc")
        + tc("Số người")
        + '</w:tr><w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr>'
        + tc("5")
        + tc("")
        + "</w:tr></w:tbl>"
    )
    doc = read_docx(package(table))
    spans = [[(s.start, s.width, s.continued) for s in row] for row in doc.blocks[0].spans]
    assert spans == [
        [(0, 1, False), (1, 2, False)],
        [(0, 1, True), (1, 1, False), (2, 1, False)],
        [(1, 1, False), (2, 1, False)],  # a row that starts after one grid column
    ]
    assert doc.blocks[0].merged
    plain = read_docx(package(f"<w:tbl><w:tr>{tc('a')}{tc('b')}</w:tr></w:tbl>"))
    assert not plain.blocks[0].merged


def test_a_footnote_keeps_its_paragraphs_emphasis_and_non_breaking_hyphens():
    notes = (
        '<w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> Công văn số 18</w:t>'
        "</w:r><w:r><w:noBreakHyphen/><w:t>CV/BDVHU;</w:t></w:r></w:p>"
        "<w:p><w:r><w:rPr><w:i/></w:rPr><w:t>a) Mô hình</w:t></w:r></w:p><w:p/></w:footnote>"
    )
    doc = read_docx(package(p("x"), footnotes=notes))
    note = doc.footnotes[1]
    assert note.text == "Công văn số 18-CV/BDVHU;\na) Mô hình"
    assert len(note.paragraphs) == 2  # the empty last paragraph is not a line of the note
    assert [r.format.italic for r in note.paragraphs[1]] == [True]


def test_word_fields_are_named_and_their_shown_text_kept():
    simple = '<w:p><w:fldSimple w:instr=" DATE \\@ &quot;dd/MM/yyyy&quot; "><w:r><w:t>05/6/2023</w:t></w:r></w:fldSimple></w:p>'
    complex_ = (
        '<w:p><w:r><w:t xml:space="preserve">Trang </w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        '<w:r><w:instrText xml:space="preserve"> PA</w:instrText></w:r><w:r><w:instrText>GE </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>3</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>'
    )
    doc = read_docx(package(simple + complex_ + p("chữ thường")))
    assert [(x.fields, x.text) for x in doc.paragraphs] == [
        (('DATE \\@ "dd/MM/yyyy"',), "05/6/2023"),
        (("PAGE",), "Trang 3"),
        ((), "chữ thường"),
    ]
