"""`baocao check`: our outputs pass, each deliberately broken document yields exactly its finding.

Broken documents are made by editing a rendered example the way a clerk would in Word (python-docx or
lxml on the package), each breaking one rule; a correct report typed by hand (header with tabs, Word
automatic numbering) must pass too, so the checker is not tuned to our own templates.
"""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import zipfile
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt
from lxml import etree

from baocao_gen.check import audit_bytes
from baocao_gen.cli import run as run_cli
from baocao_gen.codes import Code
from baocao_gen.pipeline import build
from conftest import EXAMPLE_FILES, EXAMPLES

STATE_EXAMPLE = EXAMPLES / "ba-to" / "dan-van-chinh-quyen-6-thang-2023.yaml"
PARTY_EXAMPLE = EXAMPLES / "binh-son" / "dan-van-kheo-2021.yaml"
_CACHE: dict[Path, bytes] = {}


def rendered(example: Path) -> bytes:
    if example not in _CACHE:
        result = build(example)
        assert result.data is not None, [d.format() for d in result.diagnostics]
        _CACHE[example] = result.data
    return _CACHE[example]


def codes(data: bytes, system=None) -> list[str]:
    report = audit_bytes(data, "bao-cao.docx", system)
    assert report.unreadable is None, report.unreadable
    return [f.code.value for f in report.findings]


def findings(data: bytes):
    return audit_bytes(data, "bao-cao.docx").findings


def edited(data: bytes, change: Callable[[docx.document.Document], None]) -> bytes:
    document = docx.Document(io.BytesIO(data))
    change(document)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def all_paragraphs(document):
    from docx.text.paragraph import Paragraph

    for p in document.element.body.iter(qn("w:p")):
        yield Paragraph(p, document._body)


def paragraph_starting(document, start: str):
    return next(p for p in all_paragraphs(document) if p.text.startswith(start))


def set_text(paragraph, text: str) -> None:
    """Replace a paragraph's text, keeping the first run's formatting (as typing over it in Word)."""
    runs = paragraph.runs
    runs[0].text = text
    for run in runs[1:]:
        run._r.getparent().remove(run._r)


# --- our own output ------------------------------------------------------------------------------


@pytest.mark.parametrize("example", EXAMPLE_FILES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_every_example_passes_check(example):
    report = audit_bytes(rendered(example), example.name)
    assert report.system is not None and report.detection.startswith("nhận ra")
    assert [f.format(example.name) for f in report.findings] == []


def test_system_is_detected_from_the_header():
    assert audit_bytes(rendered(STATE_EXAMPLE), "a").system.value == "nha_nuoc"
    assert audit_bytes(rendered(PARTY_EXAMPLE), "a").system.value == "dang"


# --- one broken rule each ------------------------------------------------------------------------


def _margin(document):
    document.sections[0].left_margin = Mm(20)


def _motto_not_bold(document):
    for run in paragraph_starting(document, "CỘNG HÒA").runs:
        run.bold = False


def _date_zeros(document):
    set_text(paragraph_starting(document, "Ba Tô, ngày"), "Ba Tô, ngày 5 tháng 06 năm 2023")


def _duplicate_roman(document):
    paragraph = paragraph_starting(document, "IV.")
    paragraph.runs[0].text = paragraph.runs[0].text.replace("IV.", "III.", 1)


def _letter_f(document):
    paragraph = paragraph_starting(document, "d) ")
    paragraph.runs[0].text = paragraph.runs[0].text.replace("d)", "f)", 1)


def _recipient_without_semicolon(document):
    set_text(paragraph_starting(document, "- Phòng Nội vụ"), "- Phòng Nội vụ huyện")


def _archive_without_full_stop(document):
    set_text(paragraph_starting(document, "- Lưu: VT"), "- Lưu: VT")


def _page_number_on_first_page(document):
    document.sections[0].different_first_page_header_footer = False


def _party_mark_in_state(document):
    set_text(paragraph_starting(document, "TM. ỦY BAN"), "T/M ỦY BAN NHÂN DÂN")


def _body_size_12(document):
    for run in paragraph_starting(document, "UBND xã Ba Tô báo cáo").runs:
        run.font.size = Pt(12)


def _body_arial(document):
    for run in paragraph_starting(document, "UBND xã Ba Tô báo cáo").runs:
        run.font.name = "Arial"


def _body_left_aligned(document):
    paragraph_starting(document, "UBND xã Ba Tô báo cáo").alignment = WD_ALIGN_PARAGRAPH.LEFT


def _slogan_caps(document):
    set_text(paragraph_starting(document, "Độc lập"), "ĐỘC LẬP - TỰ DO - HẠNH PHÚC")


def _number_without_zero(document):
    set_text(paragraph_starting(document, "Số:"), "Số: 5/BC-UBND")


def _signature_on_its_own_page(document):
    closing = next(t for t in document.tables if "Nơi nhận" in t.cell(0, 0).text)
    breaker = OxmlElement("w:p")
    run = OxmlElement("w:r")
    br = OxmlElement("w:br")
    br.set(qn("w:type"), "page")
    run.append(br)
    breaker.append(run)
    closing._tbl.addprevious(breaker)


def _letter_paper(document):
    document.sections[0].page_width = Mm(215.9)
    document.sections[0].page_height = Mm(279.4)


def _tab_title_not_bold(document):
    for run in paragraph_starting(document, "BÁO CÁO").runs:
        run.bold = False


def _letter_straight_under_roman(document):
    paragraph = paragraph_starting(document, "- Tiếp tục quán triệt")
    paragraph.runs[0].text = paragraph.runs[0].text.replace("- ", "a) ", 1)


def _summary_without_rule(document):
    for paragraph in all_paragraphs(document):
        p_pr = paragraph._p.pPr
        if (
            p_pr is not None
            and p_pr.find(qn("w:pBdr")) is not None
            and not paragraph.text
            and paragraph._p.getparent().tag == qn("w:body")
        ):
            p_pr.remove(p_pr.find(qn("w:pBdr")))


def _first_page_landscape(document):
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = section.page_height, section.page_width


def _february_without_zero(document):
    set_text(paragraph_starting(document, "Ba Tô, ngày"), "Ba Tô, ngày 15 tháng 2 năm 2023")


def _date_without_comma(document):
    set_text(paragraph_starting(document, "Ba Tô, ngày"), "Ba Tô ngày 15 tháng 6 năm 2023")


def _date_without_place(document):
    set_text(paragraph_starting(document, "Ba Tô, ngày"), "Ngày 15 tháng 6 năm 2023")


def _date_upright(document):
    for run in paragraph_starting(document, "Ba Tô, ngày").runs:
        run.italic = False


def _roman_skipped(document):
    paragraph = paragraph_starting(document, "IV.")
    paragraph.runs[0].text = paragraph.runs[0].text.replace("IV.", "V.", 1)


def _letter_j(document):
    paragraph = paragraph_starting(document, "d) ")
    paragraph.runs[0].text = paragraph.runs[0].text.replace("d)", "j)", 1)


def _body_without_indent(document):
    paragraph_starting(document, "UBND xã Ba Tô báo cáo").paragraph_format.first_line_indent = Cm(0)


def _body_double_spaced(document):
    paragraph_starting(document, "UBND xã Ba Tô báo cáo").paragraph_format.line_spacing = 2.0


def _issuer_not_bold(document):
    for run in paragraph_starting(document, "ỦY BAN NHÂN DÂN XÃ").runs:
        run.bold = False


def _summary_not_bold(document):
    for run in paragraph_starting(document, "Kết quả thực hiện công tác dân vận chính quyền 6").runs:
        run.bold = False


def _recipients_title_upright(document):
    for run in paragraph_starting(document, "Nơi nhận").runs:
        run.italic = False


def _motto_arial(document):
    for run in paragraph_starting(document, "CỘNG HÒA").runs:
        run.font.name = "Arial"


def _motto_14(document):
    for run in paragraph_starting(document, "CỘNG HÒA").runs:
        run.font.size = Pt(14)


def _number_in_party_form(document):
    set_text(paragraph_starting(document, "Số:"), "Số 05-BC/UBND")


def _body_without_spacing(document):
    fmt = paragraph_starting(document, "UBND xã Ba Tô báo cáo").paragraph_format
    fmt.space_before = fmt.space_after = Pt(0)


def _signer_not_bold(document):
    for run in paragraph_starting(document, "Phạm Văn Hiền").runs:
        run.bold = False


def _slogan_without_rule(document):
    slogan = paragraph_starting(document, "Độc lập")
    rule = slogan._p.getnext()
    assert rule is not None and not "".join(rule.itertext()).strip()
    p_pr = rule.find(qn("w:pPr"))
    p_pr.remove(p_pr.find(qn("w:pBdr")))


def _number_italic(document):
    for run in paragraph_starting(document, "Số:").runs:
        run.italic = True


STATE_BREAKS = {
    "lề trái 20 mm": (_margin, Code.CHECK_MARGIN),
    "Quốc hiệu không đậm": (_motto_not_bold, Code.CHECK_EMPHASIS),
    "ngày 5 tháng 06": (_date_zeros, Code.CHECK_DATE_LINE),
    "III. lặp lại": (_duplicate_roman, Code.CHECK_HEADING_SEQUENCE),
    "điểm f)": (_letter_f, Code.CHECK_POINT_LETTER),
    "a) ngay dưới IV.": (_letter_straight_under_roman, Code.CHECK_HEADING_SEQUENCE),
    "nơi nhận thiếu ;": (_recipient_without_semicolon, Code.CHECK_RECIPIENTS),
    "dòng Lưu thiếu dấu chấm": (_archive_without_full_stop, Code.CHECK_RECIPIENTS),
    "số trang ở trang 1": (_page_number_on_first_page, Code.CHECK_PAGE_NUMBER),
    "T/M trong văn bản Nhà nước": (_party_mark_in_state, Code.CHECK_AUTHORITY),
    "thân văn bản cỡ 12": (_body_size_12, Code.CHECK_BODY),
    "thân văn bản phông Arial": (_body_arial, Code.CHECK_FONT),
    "thân văn bản căn trái": (_body_left_aligned, Code.CHECK_BODY),
    "Tiêu ngữ in hoa": (_slogan_caps, Code.CHECK_CASE),
    "Số: 5/": (_number_without_zero, Code.CHECK_NUMBER_SIGN),
    "chữ ký sang trang riêng": (_signature_on_its_own_page, Code.CHECK_SIGNATURE_PAGE),
    "khổ Letter": (_letter_paper, Code.CHECK_PAGE_SIZE),
    "trích yếu không có đường kẻ": (_summary_without_rule, Code.CHECK_MISSING_PART),
    "tên loại không đậm": (_tab_title_not_bold, Code.CHECK_EMPHASIS),
    "trang đầu khổ ngang": (_first_page_landscape, Code.CHECK_PAGE_SIZE),
    "tháng 2 thiếu số 0": (_february_without_zero, Code.CHECK_DATE_LINE),
    "thiếu dấu phẩy sau địa danh": (_date_without_comma, Code.CHECK_DATE_LINE),
    "thiếu địa danh": (_date_without_place, Code.CHECK_DATE_LINE),
    "ngày tháng chữ đứng": (_date_upright, Code.CHECK_EMPHASIS),
    "bỏ sót IV.": (_roman_skipped, Code.CHECK_HEADING_SEQUENCE),
    "điểm j)": (_letter_j, Code.CHECK_POINT_LETTER),
    "đoạn văn không thụt đầu dòng": (_body_without_indent, Code.CHECK_BODY),
    "đoạn văn giãn dòng 2": (_body_double_spaced, Code.CHECK_BODY),
    "tên cơ quan không đậm": (_issuer_not_bold, Code.CHECK_EMPHASIS),
    "trích yếu không đậm": (_summary_not_bold, Code.CHECK_EMPHASIS),
    "Nơi nhận chữ đứng": (_recipients_title_upright, Code.CHECK_EMPHASIS),
    "Quốc hiệu phông Arial": (_motto_arial, Code.CHECK_FONT),
    "Quốc hiệu cỡ 14": (_motto_14, Code.CHECK_SIZE),
    "số theo dạng văn bản Đảng": (_number_in_party_form, Code.CHECK_NUMBER_SIGN),
    "đoạn văn không cách đoạn": (_body_without_spacing, Code.CHECK_BODY),
    "họ tên người ký không đậm": (_signer_not_bold, Code.CHECK_EMPHASIS),
    "Tiêu ngữ không có đường kẻ": (_slogan_without_rule, Code.CHECK_MISSING_PART),
    "số, ký hiệu in nghiêng": (_number_italic, Code.CHECK_EMPHASIS),
}


@pytest.mark.parametrize("name", STATE_BREAKS)
def test_each_broken_state_document_yields_exactly_its_finding(name):
    change, code = STATE_BREAKS[name]
    assert codes(edited(rendered(STATE_EXAMPLE), change)) == [code.value]


def test_date_finding_says_both_mistakes_and_where():
    (finding,) = findings(edited(rendered(STATE_EXAMPLE), _date_zeros))
    line = finding.format("bao-cao.docx")
    assert line.startswith("bao-cao.docx:đoạn 8: lỗi: «Ba Tô, ngày 5 tháng 06 năm 2023»: ")
    assert "ngày 5 nhỏ hơn 10" in line and "tháng 6 không viết số 0" in line
    assert "(quy định: NĐ 30 PL I phần I mục II.4" in line and "(gợi ý: ngày 05; tháng 6)" in line
    assert line.endswith("[K509]")


def test_duplicate_heading_names_the_expected_number():
    (finding,) = findings(edited(rendered(STATE_EXAMPLE), _duplicate_roman))
    assert "«III.» lặp lại" in finding.message and finding.hint.startswith("đánh «IV.»")


def _party_colon(document):
    set_text(paragraph_starting(document, "Số 374"), "Số: 374-BC/HU")


def _party_recipients_title_plain(document):
    for run in paragraph_starting(document, "Nơi nhận").runs:
        run.underline = False


def _party_state_mark(document):
    set_text(paragraph_starting(document, "T/M BAN"), "TM. BAN THƯỜNG VỤ")


def _party_title_size(document):
    for run in paragraph_starting(document, "ĐẢNG CỘNG SẢN").runs:
        run.font.size = Pt(13)


def _party_appendix_margin_right(document):
    document.sections[0].right_margin = Mm(25)


def _party_without_star(document):
    set_text(paragraph_starting(document, "*"), " ")


def _party_number_without_zero(document):
    set_text(paragraph_starting(document, "Số 374"), "Số 7-BC/HU")


def _party_day_without_zero(document):
    set_text(paragraph_starting(document, "Bình Sơn, ngày"), "Bình Sơn, ngày 5 tháng 12 năm 2021")


def _party_recipient_without_mark(document):
    set_text(paragraph_starting(document, "- Ban Dân vận Tỉnh ủy"), "- Ban Dân vận Tỉnh ủy")


def _party_type_not_bold(document):
    for run in paragraph_starting(document, "BÁO CÁO").runs:
        run.bold = False


PARTY_BREAKS = {
    "Số: trong văn bản Đảng": (_party_colon, Code.CHECK_NUMBER_SIGN),
    "Nơi nhận không gạch chân": (_party_recipients_title_plain, Code.CHECK_EMPHASIS),
    "TM. trong văn bản Đảng": (_party_state_mark, Code.CHECK_AUTHORITY),
    "tiêu đề Đảng cỡ 13": (_party_title_size, Code.CHECK_SIZE),
    "lề phải 25 mm": (_party_appendix_margin_right, Code.CHECK_MARGIN),
    "thiếu dấu * dưới cơ quan": (_party_without_star, Code.CHECK_MISSING_PART),
    "số Đảng thiếu số 0": (_party_number_without_zero, Code.CHECK_NUMBER_SIGN),
    "ngày 5 trong văn bản Đảng": (_party_day_without_zero, Code.CHECK_DATE_LINE),
    "nơi nhận Đảng thiếu dấu": (_party_recipient_without_mark, Code.CHECK_RECIPIENTS),
    "tên loại Đảng không đậm": (_party_type_not_bold, Code.CHECK_EMPHASIS),
}


@pytest.mark.parametrize("name", PARTY_BREAKS)
def test_each_broken_party_document_yields_exactly_its_finding(name):
    change, code = PARTY_BREAKS[name]
    assert codes(edited(rendered(PARTY_EXAMPLE), change)) == [code.value]


def test_appendix_without_its_own_page_numbers():
    data = rendered(EXAMPLES / "pho-hoa" / "tong-ket-nq25-2023.yaml")

    def drop_restart(document):
        for section in list(document.sections)[1:2]:
            for number in section._sectPr.findall(qn("w:pgNumType")):
                section._sectPr.remove(number)

    result = findings(edited(data, drop_restart))
    assert [(f.code, f.section) for f in result] == [(Code.CHECK_PAGE_NUMBER, 2)]
    assert "phụ lục" in result[0].message


def test_footnote_reference_without_its_note():
    data = rendered(EXAMPLES / "ba-to" / "dan-van-chinh-quyen-6-thang-2023.yaml")
    parts = _parts(data)
    root = etree.fromstring(parts["word/footnotes.xml"])
    for note in root.findall(qn("w:footnote")):
        if int(note.get(qn("w:id"))) >= 1:
            root.remove(note)
    parts["word/footnotes.xml"] = etree.tostring(
        root, xml_declaration=True, encoding="UTF-8", standalone=True
    )
    assert codes(_zip(parts)) == [Code.CHECK_FOOTNOTE.value]


def test_findings_are_sorted_by_position():
    data = edited(edited(rendered(STATE_EXAMPLE), _recipient_without_semicolon), _date_zeros)
    result = findings(edited(data, _letter_f))
    assert [f.code for f in result] == [Code.CHECK_DATE_LINE, Code.CHECK_POINT_LETTER, Code.CHECK_RECIPIENTS]
    assert [f.paragraph for f in result] == sorted(f.paragraph for f in result)


def test_system_given_overrides_detection():
    from baocao_gen.check import System

    report = audit_bytes(rendered(STATE_EXAMPLE), "a", System.PARTY)
    assert report.detection.startswith("theo --he-thong") and "Nhà nước" in report.detection
    assert Code.CHECK_NUMBER_SIGN in {f.code for f in report.findings}  # «Số:» is the State form


# --- a report typed by hand in Word: tabs for the header, automatic numbering ---------------------

_NUMBERING = """
<w:abstractNum xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" w:abstractNumId="90">
  <w:multiLevelType w:val="multilevel"/>
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2."/></w:lvl>
  <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%3)"/></w:lvl>
</w:abstractNum>
"""


def _add_numbering(document) -> str:
    numbering = document.part.numbering_part.element
    abstract = etree.fromstring(_NUMBERING)
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    num = etree.SubElement(numbering, qn("w:num"))
    num.set(qn("w:numId"), "90")
    etree.SubElement(num, qn("w:abstractNumId")).set(qn("w:val"), "90")
    return "90"


def _numbered(paragraph, num_id: str, level: int) -> None:
    p_pr = paragraph._p.get_or_add_pPr()
    num_pr = OxmlElement("w:numPr")
    ilvl = OxmlElement("w:ilvl")
    ilvl.set(qn("w:val"), str(level))
    num = OxmlElement("w:numId")
    num.set(qn("w:val"), num_id)
    num_pr.append(ilvl)
    num_pr.append(num)
    p_pr.append(num_pr)


def _line(document, parts, align=WD_ALIGN_PARAGRAPH.LEFT, tabs=()):
    """Add a paragraph made of (text, size, bold, italic, underline) runs."""
    paragraph = document.add_paragraph()
    paragraph.alignment = align
    paragraph.paragraph_format.first_line_indent = Cm(0)
    paragraph.paragraph_format.space_after = Pt(0)
    for stop in tabs:
        paragraph.paragraph_format.tab_stops.add_tab_stop(Cm(stop))
    for text, size, bold, italic, underline in parts:
        run = paragraph.add_run(text)
        run.font.size = Pt(size)
        run.bold, run.italic, run.underline = bold, italic, underline
    return paragraph


def _draw_lines(paragraph) -> None:
    from docx.oxml import parse_xml

    for left in ("40pt", "300pt"):
        paragraph._p.append(
            parse_xml(
                '<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
                'xmlns:v="urn:schemas-microsoft-com:vml"><w:pict>'
                f'<v:line style="position:absolute" from="{left},-8pt" to="{int(left[:-2]) + 90}pt,-8pt" strokeweight="0.75pt"/>'
                "</w:pict></w:r>"
            )
        )


def _bottom_border(paragraph) -> None:
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for name, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(name), value)
    borders.append(bottom)
    paragraph._p.get_or_add_pPr().append(borders)
    paragraph.paragraph_format.left_indent = Cm(5.5)
    paragraph.paragraph_format.right_indent = Cm(5.5)


def hand_made_report(letters: int = 3) -> bytes:
    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = section.bottom_margin = Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    section.different_first_page_header_footer = True
    header = section.header.paragraphs[0]
    header.alignment = WD_ALIGN_PARAGRAPH.CENTER
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), " PAGE ")
    header._p.append(field)
    normal = document.styles["Normal"]
    normal.font.name = "Times New Roman"
    normal.font.size = Pt(14)
    normal.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    normal.paragraph_format.first_line_indent = Cm(1.27)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.15

    _line(
        document,
        [
            ("UBND TỈNH QUẢNG NGÃI", 12, False, False, False),
            ("\t", 12, False, False, False),
            ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 12, True, False, False),
        ],
        tabs=(9,),
    )
    _line(
        document,
        [
            ("ỦY BAN NHÂN DÂN XÃ NGHĨA HÀNH", 12, True, False, False),
            ("\t", 12, False, False, False),
            ("Độc lập - Tự do - Hạnh phúc", 13, True, False, False),
        ],
        tabs=(9.5,),
    )
    _line(
        document,
        [
            ("Số: 07/BC-UBND", 13, False, False, False),
            ("\t", 13, False, False, False),
            ("Nghĩa Hành, ngày 09 tháng 02 năm 2026", 13, False, True, False),
        ],
        tabs=(8,),
    )
    _draw_lines(document.paragraphs[-1])  # the short rules under cơ quan and Tiêu ngữ, drawn as shapes
    _line(document, [("BÁO CÁO", 14, True, False, False)], WD_ALIGN_PARAGRAPH.CENTER)
    _line(
        document, [("Kết quả công tác dân vận năm 2025", 14, True, False, False)], WD_ALIGN_PARAGRAPH.CENTER
    )
    _bottom_border(_line(document, [], WD_ALIGN_PARAGRAPH.CENTER))  # the short rule under trích yếu
    num_id = _add_numbering(document)
    body = "Ủy ban nhân dân xã báo cáo kết quả thực hiện công tác dân vận trong năm như sau, với đủ số liệu."
    document.add_paragraph(body)
    for roman in range(2):
        heading = document.add_paragraph("KẾT QUẢ THỰC HIỆN" if roman == 0 else "NHIỆM VỤ NĂM TỚI")
        _numbered(heading, num_id, 0)
        for _clause in range(2):
            _numbered(document.add_paragraph("Công tác tuyên truyền"), num_id, 1)
            document.add_paragraph(body)
            for _ in range(letters):
                _numbered(document.add_paragraph("Một mô hình dân vận khéo ở thôn."), num_id, 2)
    document.add_paragraph("Ủy ban nhân dân xã kính báo cáo./.")
    _line(
        document,
        [
            ("Nơi nhận:", 12, True, True, False),
            ("\t", 12, False, False, False),
            ("TM. ỦY BAN NHÂN DÂN", 14, True, False, False),
        ],
        tabs=(11,),
    )
    _line(
        document,
        [
            ("- UBND tỉnh;", 11, False, False, False),
            ("\t", 11, False, False, False),
            ("CHỦ TỊCH", 14, True, False, False),
        ],
        tabs=(11,),
    )
    _line(document, [("- Lưu: VT.", 11, False, False, False)])
    for _ in range(3):
        _line(document, [])
    _line(document, [("\t", 14, False, False, False), ("Trần Văn Bình", 14, True, False, False)], tabs=(11,))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_a_correct_report_typed_by_hand_passes():
    report = audit_bytes(hand_made_report(), "tay.docx")
    assert report.system is not None and report.system.value == "nha_nuoc"
    assert [f.format("tay.docx") for f in report.findings] == []


def test_word_automatic_lettering_skips_đ_and_reaches_f():
    """Word's lowerLetter runs a b c d e f: «e)» skips «đ)», and «f)» is not a Vietnamese letter."""
    result = findings(hand_made_report(letters=6))
    assert [f.code for f in result] == [
        Code.CHECK_HEADING_SEQUENCE,
        Code.CHECK_POINT_LETTER,
    ] * 4  # each khoản
    assert "phải là «đ)»" in result[0].message and "«f)»" in result[1].message


# --- the command --------------------------------------------------------------------------------


def _parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _zip(parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return out.getvalue()


def test_cli_clean_file_exits_0(tmp_path, capsys):
    path = tmp_path / "bc.docx"
    path.write_bytes(rendered(STATE_EXAMPLE))
    assert run_cli(["check", str(path)]) == 0
    err = capsys.readouterr().err
    assert "văn bản Nhà nước" in err and "đúng thể thức" in err


def test_cli_findings_exit_1_in_the_contract_form(tmp_path, capsys):
    path = tmp_path / "bc.docx"
    path.write_bytes(edited(rendered(STATE_EXAMPLE), _recipient_without_semicolon))
    assert run_cli(["check", str(path)]) == 1
    (line,) = capsys.readouterr().out.splitlines()
    assert line.startswith(f"{path}:đoạn ") and ": lỗi: «- Phòng Nội vụ huyện»: " in line
    assert "(quy định: NĐ 30 PL I phần I mục II.9" in line and "(gợi ý: - Phòng Nội vụ huyện;)" in line
    assert line.endswith("[K512]")


def test_cli_json_gives_the_same_as_data(tmp_path, capsys):
    path = tmp_path / "bc.docx"
    path.write_bytes(edited(rendered(PARTY_EXAMPLE), _party_colon))
    assert run_cli(["check", str(path), "--json"]) == 1
    (report,) = json.loads(capsys.readouterr().out)
    assert report["system"] == "dang" and report["detection"].startswith("nhận ra")
    assert [f["code"] for f in report["findings"]] == ["K508"]
    assert report["findings"][0]["paragraph"] == 6 and report["findings"][0]["rule"].startswith("HD 36")


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "mật khẩu"),
        (b"Day khong phai docx", "không phải tệp .docx"),
        (None, "bị hỏng"),
    ],
    ids=["ole-encrypted", "text", "damaged-zip"],
)
def test_unreadable_files_exit_2_with_the_reason(tmp_path, capsys, content, reason):
    path = tmp_path / "hong.docx"
    path.write_bytes(content if content is not None else rendered(STATE_EXAMPLE)[:3000])
    assert run_cli(["check", str(path)]) == 2
    err = capsys.readouterr().err
    assert reason in err and "Traceback" not in err


def test_cli_unknown_system_is_a_usage_error(tmp_path, capsys):
    path = tmp_path / "bc.docx"
    path.write_bytes(rendered(STATE_EXAMPLE))
    assert run_cli(["check", str(path), "--he-thong", "dang-uy"]) == 2
    assert "nha_nuoc" in capsys.readouterr().err


# --- a signature alone on its page, estimated from the layout -----------------------------------

BODY_LINE = (
    "Ủy ban nhân dân xã đã triển khai thực hiện các nội dung công tác dân vận chính quyền, "
    "tiếp nhận và giải quyết hồ sơ đúng hạn cho người dân."
)


def signature_report(body_paragraphs: int, keep_last_with_signature: bool = False) -> bytes:
    """A one- or two-page report whose closing is a borderless table row that cannot split."""
    document = docx.Document(io.BytesIO(hand_made_report(letters=0)))
    body = document.element.body
    for paragraph in document.paragraphs[6:]:  # keep the header and title, drop body and closing
        body.remove(paragraph._p)
    for _ in range(body_paragraphs):
        document.add_paragraph(BODY_LINE)
    last = document.add_paragraph("Ủy ban nhân dân xã kính báo cáo./.")
    last.paragraph_format.keep_with_next = keep_last_with_signature
    table = document.add_table(rows=1, cols=2)
    row_pr = table.rows[0]._tr.get_or_add_trPr()
    row_pr.append(OxmlElement("w:cantSplit"))
    left, right = table.rows[0].cells
    left.paragraphs[0].text = "Nơi nhận:"
    for run in left.paragraphs[0].runs:
        run.font.size, run.bold, run.italic = Pt(12), True, True
    for item in ["- UBND tỉnh;", "- Sở Nội vụ;", "- Đảng ủy xã;", "- HĐND xã;", "- UBMTTQ xã;", "- Lưu: VT."]:
        run = left.add_paragraph().add_run(item)
        run.font.size = Pt(11)
    for text in ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "", "", "", "", "", "", "Trần Văn Bình"]:
        paragraph = (
            right.paragraphs[0]
            if not right.paragraphs[0].text and text.startswith("TM")
            else right.add_paragraph()
        )
        run = paragraph.add_run(text)
        run.font.size, run.bold = Pt(14), True
    for cell in (left, right):
        for paragraph in cell.paragraphs:
            paragraph.paragraph_format.first_line_indent = Cm(0)
            paragraph.paragraph_format.space_after = Pt(0)
            paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT if cell is left else WD_ALIGN_PARAGRAPH.CENTER
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_signature_pushed_alone_to_the_next_page_is_found_by_estimate():
    result = findings(signature_report(body_paragraphs=13))
    assert [f.code for f in result] == [Code.CHECK_SIGNATURE_PAGE]
    assert "ước tính" in result[0].message


def test_signature_near_the_page_end_is_undecided_not_guessed():
    (finding,) = findings(signature_report(body_paragraphs=12))
    assert finding.code is Code.CHECK_UNDECIDED and finding.level.value == "không xác định"
    assert (
        run_cli_exit(signature_report(body_paragraphs=12)) == 0
    )  # undecided is said, not counted as an error


def test_signature_with_room_or_kept_with_the_body_passes():
    assert findings(signature_report(body_paragraphs=6)) == []
    assert findings(signature_report(body_paragraphs=13, keep_last_with_signature=True)) == []


def run_cli_exit(data: bytes) -> int:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bc.docx"
        path.write_bytes(data)
        return run_cli(["check", str(path)])


SOFFICE = (shutil.which("soffice") or shutil.which("libreoffice")) if shutil.which("pdftotext") else None


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed on this machine")
def test_libreoffice_puts_the_estimated_lone_signature_on_a_page_of_its_own(tmp_path):
    """The estimate's premise, checked by a real rendering: body ends on page 1, Nơi nhận on page 2."""
    (tmp_path / "ky.docx").write_bytes(signature_report(body_paragraphs=13))
    subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation=file://{tmp_path}/lo",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(tmp_path / "ky.docx"),
        ],
        check=True,
        capture_output=True,
        timeout=240,
    )
    pages = subprocess.run(
        ["pdftotext", str(tmp_path / "ky.pdf"), "-"], check=True, capture_output=True, text=True
    ).stdout.split("\f")
    assert "kính báo cáo" in pages[0] and "Nơi nhận" not in pages[0] and "Nơi nhận" in pages[1]


def test_a_header_drawn_in_text_boxes_is_recognised():
    """Some offices draw the header as two text boxes; their paragraphs are read as the header."""
    from docx.oxml import parse_xml

    document = docx.Document(io.BytesIO(hand_made_report()))
    first, second = document.paragraphs[0], document.paragraphs[1]

    def box(lines):
        paragraphs = "".join(
            f'<w:p><w:pPr><w:jc w:val="center"/><w:ind w:firstLine="0"/><w:spacing w:after="0"/></w:pPr>'
            f'<w:r><w:rPr><w:sz w:val="{size * 2}"/>{"<w:b/>" if bold else ""}</w:rPr><w:t>{text}</w:t></w:r></w:p>'
            for text, size, bold in lines
        )
        return (
            '<mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:wsp><wps:txbx><w:txbxContent>'
            f"{paragraphs}</w:txbxContent></wps:txbx></wps:wsp></w:drawing></mc:Choice><mc:Fallback><w:pict>"
            f"<v:textbox><w:txbxContent>{paragraphs}</w:txbxContent></v:textbox></w:pict></mc:Fallback></mc:AlternateContent>"
        )

    anchor = parse_xml(
        '<w:p xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
        ' xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
        ' xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"'
        ' xmlns:v="urn:schemas-microsoft-com:vml"><w:r>'
        + box([("UBND TỈNH QUẢNG NGÃI", 12, False), ("ỦY BAN NHÂN DÂN XÃ NGHĨA HÀNH", 12, True)])
        + box([("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 12, True), ("Độc lập - Tự do - Hạnh phúc", 13, True)])
        + "</w:r></w:p>"
    )
    first._p.addprevious(anchor)
    for paragraph in (first, second):
        paragraph._p.getparent().remove(paragraph._p)
    set_text(paragraph_starting(document, "Số: 07"), "Số: 07/BC-UBND")
    date = document.add_paragraph()
    date.paragraph_format.first_line_indent = Cm(0)
    date.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    run = date.add_run("Nghĩa Hành, ngày 09 tháng 02 năm 2026")
    run.font.size, run.italic = Pt(13), True
    paragraph_starting(document, "Số: 07")._p.addnext(date._p)
    report = audit_bytes(_saved(document), "hop.docx")
    assert report.system is not None and report.system.value == "nha_nuoc"
    assert [f.format("hop.docx") for f in report.findings] == []
    bad = docx.Document(io.BytesIO(_saved(document)))
    for element in bad.element.body.iter(qn("w:b")):
        element.getparent().remove(element)  # nothing bold any more: Quốc hiệu, cơ quan, title…
    found = audit_bytes(_saved(bad), "hop.docx").findings
    assert {f.code for f in found} == {Code.CHECK_EMPHASIS}
    assert any(f.text == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" for f in found)


def _saved(document) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_text_after_the_signature_is_not_taken_for_it():
    document = docx.Document(io.BytesIO(hand_made_report()))
    _line(document, [("Phụ lục", 14, True, False, False)], WD_ALIGN_PARAGRAPH.CENTER)
    _line(document, [("DANH SÁCH MÔ HÌNH DÂN VẬN KHÉO", 14, True, False, False)], WD_ALIGN_PARAGRAPH.CENTER)
    document.add_paragraph("Mô hình thứ nhất ở thôn Một.")
    report = audit_bytes(_saved(document), "tay.docx")
    assert [f.format("tay.docx") for f in report.findings] == []
