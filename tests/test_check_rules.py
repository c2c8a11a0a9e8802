"""`baocao check`, second session: integrity on the document's text (K519–K521) and the rules the first
session left (Kính gửi K522, a công văn's trích yếu K523, Quốc hiệu–Tiêu ngữ gap K525).

Each broken document is a rendered example or the hand-made report of test_check, edited the way a
clerk edits in Word, and yields exactly its finding; the correct variants pass.
"""

from __future__ import annotations

import io

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

from baocao_gen.check import audit_bytes
from baocao_gen.codes import Code
from test_check import (
    PARTY_EXAMPLE,
    STATE_EXAMPLE,
    _line,
    codes,
    edited,
    findings,
    hand_made_report,
    paragraph_starting,
    rendered,
    set_text,
)

OPENING = "UBND xã Ba Tô báo cáo"
FIRST_BODY = "Thực hiện Công văn số 1172"


def _body(document, *texts: str) -> None:
    """Type `texts` over the body paragraphs that follow the opening one (plain prose, as in Word)."""
    start = paragraph_starting(document, OPENING)
    set_text(start, texts[0])
    anchor = start
    for text in texts[1:]:
        new = docx.text.paragraph.Paragraph(docx.oxml.parse_xml(start._p.xml), start._parent)
        set_text(new, text)
        anchor._p.addnext(new._p)
        anchor = new


# --- K519–K521: the integrity checks on the document's text ---------------------------------------


def test_a_well_known_resolution_with_a_wrong_date():
    data = edited(
        rendered(STATE_EXAMPLE),
        lambda d: _body(d, "Thực hiện Nghị quyết số 25-NQ/TW ngày 30/6/2013 của Ban Chấp hành Trung ương."),
    )
    (finding,) = findings(data)
    assert finding.code is Code.CHECK_CITED_REGISTRY
    assert "ban hành ngày 03/6/2013, không phải 30/6/2013" in finding.message
    assert finding.text.startswith("Thực hiện Nghị quyết") and "NĐ 30 PL I" in finding.rule


def test_a_well_known_resolution_with_a_symbol_one_slip_off():
    data = edited(
        rendered(STATE_EXAMPLE),
        lambda d: _body(d, "Thực hiện Nghị quyết số 25-NQTW ngày 03/6/2013 về dân vận."),
    )
    assert codes(data) == [Code.CHECK_CITED_REGISTRY.value]


def test_one_document_cited_with_two_dates():
    data = edited(
        rendered(STATE_EXAMPLE),
        lambda d: _body(
            d,
            "Thực hiện Kế hoạch số 30/KH-UBND ngày 26/02/2022 của UBND xã về công tác dân vận.",
            "Theo Kế hoạch số 30/KH-UBND ngày 26/3/2022, các thôn đã triển khai đầy đủ.",
        ),
    )
    (finding,) = findings(data)
    assert finding.code is Code.CHECK_CITED_CONFLICT and "hai ngày" in finding.message
    first = paragraph_index(data, "Thực hiện Kế hoạch")
    assert finding.paragraph == first + 1 and f"đoạn {first}" in finding.message  # both places named


def test_counted_leads_that_skip():
    data = edited(
        rendered(STATE_EXAMPLE),
        lambda d: _body(
            d, "Một là, tuyên truyền sâu rộng.", "Hai là, phát huy dân chủ.", "Bốn là, kiểm tra."
        ),
    )
    (finding,) = findings(data)
    assert finding.code is Code.CHECK_TYPED_LIST and "«Ba là,»" in finding.message


def test_a_list_typed_on_the_lines_of_one_paragraph_that_repeats():
    def change(document):
        paragraph = paragraph_starting(document, OPENING)
        set_text(paragraph, "Kết quả như sau:")
        run = paragraph.runs[0]
        for line in ("1. Tuyên truyền.", "2. Vận động.", "2. Kiểm tra."):
            run.add_break()
            run.add_text(line)

    (finding,) = findings(edited(rendered(STATE_EXAMPLE), change))
    assert finding.code is Code.CHECK_TYPED_LIST and "lặp lại" in finding.message


def paragraph_index(data: bytes, start: str) -> int:
    from baocao_gen.ooxml.reader import read_docx

    return next(p.index for p in read_docx(data).paragraphs if p.run_text.startswith(start))


# --- K522: Kính gửi -----------------------------------------------------------------------------------


def _addressee(
    document, text: str = "Kính gửi: Ủy ban nhân dân huyện Ba Tơ", italic: bool = False, where=None
):
    anchor = paragraph_starting(document, where or FIRST_BODY)
    new = document.add_paragraph()
    new.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = new.add_run(text)
    run.font.size, run.italic = Pt(14), italic
    if where:
        anchor._p.addnext(new._p)
    else:
        anchor._p.addprevious(new._p)


def test_kinh_gui_under_the_title_passes():
    assert codes(edited(rendered(STATE_EXAMPLE), _addressee)) == []


def test_kinh_gui_in_italics():
    data = edited(rendered(STATE_EXAMPLE), lambda d: _addressee(d, italic=True))
    (finding,) = findings(data)
    assert finding.code is Code.CHECK_ADDRESSEE and "chữ đứng" in finding.message


def test_kinh_gui_in_the_middle_of_the_body():
    data = edited(rendered(STATE_EXAMPLE), lambda d: _addressee(d, where=OPENING))
    (finding,) = findings(data)
    assert finding.code is Code.CHECK_ADDRESSEE and "giữa nội dung" in finding.message


def test_kinh_gui_to_several_recipients_needs_their_punctuation():
    def change(document):
        _addressee(document, "Kính gửi:")
        heading = paragraph_starting(document, "Kính gửi:")
        for text in reversed(("- Ủy ban nhân dân huyện;", "- Phòng Nội vụ huyện")):
            item = document.add_paragraph(text)
            heading._p.addnext(item._p)

    (finding,) = findings(edited(rendered(STATE_EXAMPLE), change))
    assert finding.code is Code.CHECK_ADDRESSEE and "dấu chấm" in finding.message


# --- K523: a công văn's trích yếu ----------------------------------------------------------------------


def letter(
    summary: str | None = "V/v tăng cường công tác dân vận", size: int = 12, italic: bool = False
) -> bytes:
    """The hand-made report turned into a công văn: no tên loại, số without a type code, V/v under số."""
    document = docx.Document(io.BytesIO(hand_made_report()))
    number = paragraph_starting(document, "Số: 07")
    number.runs[0].text = "Số: 07/UBND-VX"
    for start in ("BÁO CÁO", "Kết quả công tác"):
        paragraph = paragraph_starting(document, start)
        paragraph._p.getparent().remove(paragraph._p)
    bordered = next(
        p
        for p in document.paragraphs
        if p._p.pPr is not None and p._p.pPr.find(docx.oxml.ns.qn("w:pBdr")) is not None and not p.text
    )
    bordered._p.getparent().remove(bordered._p)
    if summary is not None:
        line = _line(document, [(summary, size, False, italic, False)])
        line.paragraph_format.left_indent = Cm(0)
        number._p.addnext(line._p)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_a_correct_cong_van_passes():
    report = audit_bytes(letter(), "cv.docx")
    assert [f.format("cv.docx") for f in report.findings] == []


def test_a_cong_van_without_v_v():
    (finding,) = findings(letter(summary=None))
    assert finding.code is Code.CHECK_LETTER_SUMMARY and "thiếu trích yếu" in finding.message


def test_a_cong_van_summary_in_italics_and_14_pt():
    (finding,) = findings(letter(size=14, italic=True))
    assert finding.code is Code.CHECK_LETTER_SUMMARY
    assert "chữ đứng" in finding.message and "cỡ chữ 14" in finding.message


# --- K525: the gap between Quốc hiệu and Tiêu ngữ ---------------------------------------------------


def test_tieu_ngu_pulled_away_from_quoc_hieu():
    def change(document):
        paragraph_starting(document, "Độc lập").paragraph_format.space_before = Pt(12)

    (finding,) = findings(edited(rendered(STATE_EXAMPLE), change))
    assert finding.code is Code.CHECK_HEADER_GAP and "12 pt" in finding.message


def test_an_empty_line_between_quoc_hieu_and_tieu_ngu():
    def change(document):
        motto = paragraph_starting(document, "CỘNG HÒA")
        empty = docx.text.paragraph.Paragraph(docx.oxml.parse_xml(motto._p.xml), motto._parent)
        set_text(empty, "")
        motto._p.addnext(empty._p)

    (finding,) = findings(edited(rendered(STATE_EXAMPLE), change))
    assert finding.code is Code.CHECK_HEADER_GAP and "dòng trống" in finding.message


# --- K503: page-number size; K524: the short rules' position and length ------------------------------


def test_page_numbers_in_12_pt():
    def change(document):
        next(s for s in document.styles if s.style_id == "SoTrang").font.size = Pt(12)

    (finding,) = findings(edited(rendered(STATE_EXAMPLE), change))
    assert finding.code is Code.CHECK_PAGE_NUMBER and "số trang cỡ chữ 12 (quy định 13–14)" in finding.message


def _rule_under(document, start: str):
    """The empty bordered paragraph under the header line that starts with `start`."""
    line = paragraph_starting(document, start)
    return docx.text.paragraph.Paragraph(line._p.getnext(), line._parent)


def _indents(paragraph, left: int, right: int) -> None:
    ind = paragraph._p.pPr.find(docx.oxml.ns.qn("w:ind"))
    ind.set(docx.oxml.ns.qn("w:left"), str(left))
    ind.set(docx.oxml.ns.qn("w:right"), str(right))


def test_the_line_under_tieu_ngu_pushed_to_the_left():
    def change(document):
        rule = _rule_under(document, "Độc lập")
        ind = rule._p.pPr.find(docx.oxml.ns.qn("w:ind"))
        side = int(ind.get(docx.oxml.ns.qn("w:left")))
        _indents(rule, side - 600, side + 600)  # same length, 1 cm off centre

    (finding,) = findings(edited(rendered(STATE_EXAMPLE), change))
    assert finding.code is Code.CHECK_RULE_PLACE and "lệch sang trái" in finding.message
    assert "Tiêu ngữ" in finding.message and "NĐ 30 PL I phần I mục II.1.b" in finding.rule


def test_the_line_under_the_issuer_as_long_as_the_cell():
    (finding,) = findings(
        edited(rendered(STATE_EXAMPLE), lambda d: _indents(_rule_under(d, "ỦY BAN"), 100, 100))
    )
    assert finding.code is Code.CHECK_RULE_PLACE and "từ 1/3 đến 1/2" in finding.message


def test_a_line_drawn_as_a_shape_is_not_measured():
    """The hand-made report draws its header lines as shapes: nothing to measure, nothing said."""
    assert codes(hand_made_report()) == []


def test_a_signer_name_without_letters_is_not_taken_from_the_line_above():
    """Fuzz seed 15 mutant 298: the name pasted as emoji; the Party position above it is not bold, rightly."""
    document = docx.Document(io.BytesIO(rendered(PARTY_EXAMPLE)))
    closing = next(t for t in document.tables if "Nơi nhận" in t.cell(0, 0).text)
    signer = [p for p in closing.cell(0, 1).paragraphs if p.text.strip()][-1]
    set_text(signer, "\U0001f468\u200d\U0001f469")
    out = io.BytesIO()
    document.save(out)
    assert codes(out.getvalue()) == []


def test_an_issuer_typed_as_an_invisible_mark_does_not_make_the_line_above_the_issuer():
    """Fuzz seed 15 mutant 1494: `co_quan_ban_hanh` holding only U+200F; the cấp trên line stays plain."""
    data = edited(rendered(PARTY_EXAMPLE), lambda d: set_text(paragraph_starting(d, "HUYỆN ỦY"), "\u200f"))
    assert codes(data) == []
