"""`baocao check` on documents typed in Word the ways offices really type them, none from our templates.

Three documents built with python-docx, each correct first (no finding), then broken one rule at a
time (exactly that finding):
- a Party report whose header is a borderless table and whose short rules are drawn shapes
  (DrawingML with the VML fallback Word writes), its Nơi nhận and signature in a second table;
- a State report whose header is typed with tabs, every run and paragraph formatted directly (the
  Normal style left as python-docx ships it: Calibri 11), with a landscape appendix numbered on its own;
- a State report whose heading numbers all come from Word's automatic lists, attached to paragraph
  styles (not to the paragraphs), the points lettered by `lowerLetter` up to `f)`.
"""

from __future__ import annotations

import io
from collections.abc import Callable

import docx
import pytest
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt
from lxml import etree

from baocao_gen.check import audit_bytes
from baocao_gen.check.repair import repair_bytes
from baocao_gen.codes import Code
from baocao_gen.ooxml.reader import read_docx

FONT = "Times New Roman"
BODY = (
    "Cấp ủy đã lãnh đạo, chỉ đạo các chi bộ, đoàn thể triển khai thực hiện công tác dân vận, "
    "phát huy quyền làm chủ của Nhân dân, giải quyết kịp thời những kiến nghị chính đáng ở cơ sở."
)

Run = tuple[str, float, bool, bool, bool]  # text, size, bold, italic, underline


def _font(run, name: str = FONT) -> None:
    """Set a run's font on every script slot, as Word does when a clerk picks a font."""
    r_pr = run._r.get_or_add_rPr()
    fonts = r_pr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        r_pr.insert(0, fonts)
    for slot in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(slot), name)


def _para(
    container, runs: list[Run], align=WD_ALIGN_PARAGRAPH.LEFT, tabs=(), first=None, after=0, style=None
):
    """Add a paragraph with everything set directly: alignment, indent, spacing, each run's look."""
    paragraph = container.add_paragraph(style=style)
    paragraph.alignment = align
    fmt = paragraph.paragraph_format
    fmt.first_line_indent = first if first is not None else Cm(0)
    fmt.space_before, fmt.space_after = Pt(0), Pt(after)
    fmt.line_spacing = 1.0
    for stop in tabs:
        fmt.tab_stops.add_tab_stop(Cm(stop), WD_TAB_ALIGNMENT.CENTER)
    for text, size, bold, italic, underline in runs:
        run = paragraph.add_run(text)
        _font(run)
        run.font.size = Pt(size)
        run.bold, run.italic, run.underline = bold, italic, underline
    return paragraph


def _first_cell_paragraph(cell, runs: list[Run], align=WD_ALIGN_PARAGRAPH.CENTER):
    """Fill a cell's own first paragraph (a new cell holds one), then add the others after it."""
    paragraph = cell.paragraphs[0]
    if paragraph.runs or paragraph.text:
        return _para(cell, runs, align)
    new = _para(cell, runs, align)
    paragraph._p.getparent().remove(paragraph._p)
    return new


def _body(document, text: str = BODY, size: float = 14, font: str = FONT):
    paragraph = _para(
        document, [(text, size, False, False, False)], WD_ALIGN_PARAGRAPH.JUSTIFY, first=Cm(1.27), after=6
    )
    paragraph.paragraph_format.line_spacing = 1.15
    for run in paragraph.runs:
        _font(run, font)
    return paragraph


def _page_setup(section, landscape: bool = False) -> None:
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (Mm(297), Mm(210)) if landscape else (Mm(210), Mm(297))
    section.top_margin = section.bottom_margin = Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)


def _page_numbers(section) -> None:
    """A centred PAGE field in the header, hidden on the section's first page."""
    section.different_first_page_header_footer = True
    header = section.header
    header.is_linked_to_previous = False
    paragraph = header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), " PAGE ")
    run = OxmlElement("w:r")
    r_pr = OxmlElement("w:rPr")
    size = OxmlElement("w:sz")
    size.set(qn("w:val"), "28")
    r_pr.append(size)
    run.append(r_pr)
    text = OxmlElement("w:t")
    text.text = "2"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def _widths(table, *cm: float) -> None:
    """Give the columns the widths a clerk drags them to (python-docx splits the page evenly)."""
    table.autofit = False
    for column, width in zip(table.columns, cm, strict=True):
        column.width = Cm(width)
        for cell in column.cells:
            cell.width = Cm(width)


def _borderless(table) -> None:
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        edge = OxmlElement(f"w:{side}")
        edge.set(qn("w:val"), "nil")
        borders.append(edge)
    table._tbl.tblPr.append(borders)


_DRAWN_LINE = (
    '<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    ' xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
    ' xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"'
    ' xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"'
    ' xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"'
    ' xmlns:v="urn:schemas-microsoft-com:vml">'
    '<mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>'
    '<wp:anchor distT="0" distB="0" distL="114300" distR="114300" simplePos="0" relativeHeight="{z}"'
    ' behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/>'
    '<wp:positionH relativeFrom="column"><wp:posOffset>{x}</wp:posOffset></wp:positionH>'
    '<wp:positionV relativeFrom="paragraph"><wp:posOffset>{y}</wp:posOffset></wp:positionV>'
    '<wp:extent cx="{cx}" cy="0"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapNone/>'
    '<wp:docPr id="{z}" name="Đường kẻ {z}"/><wp:cNvGraphicFramePr/>'
    '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
    '<wps:wsp><wps:cNvCnPr/><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="0"/></a:xfrm>'
    '<a:prstGeom prst="line"><a:avLst/></a:prstGeom><a:ln w="9525"><a:solidFill><a:srgbClr val="000000"/>'
    "</a:solidFill></a:ln></wps:spPr><wps:bodyPr/></wps:wsp></a:graphicData></a:graphic></wp:anchor>"
    '</w:drawing></mc:Choice><mc:Fallback><w:pict><v:line style="position:absolute" from="{pt},{pt_y}"'
    ' to="{pt_end},{pt_y}" strokeweight="0.75pt"/></w:pict></mc:Fallback></mc:AlternateContent></w:r>'
)


def _draw_rule(paragraph, x_emu: int, width_emu: int, z: int, y: int = 0) -> None:
    """Anchor a short horizontal line drawn as a shape, the way Word's Insert > Shapes > Line does."""
    pt, pt_end, pt_y = x_emu / 12700, (x_emu + width_emu) / 12700, y / 12700
    xml = _DRAWN_LINE.format(
        x=x_emu, y=y, cx=width_emu, z=z, pt=f"{pt:g}pt", pt_end=f"{pt_end:g}pt", pt_y=f"{pt_y:g}pt"
    )
    paragraph._p.append(parse_xml(xml))


def _saved(document) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _edited(data: bytes, change: Callable) -> bytes:
    document = docx.Document(io.BytesIO(data))
    change(document)
    return _saved(document)


def _paragraphs(document):
    from docx.text.paragraph import Paragraph

    for p in document.element.body.iter(qn("w:p")):
        yield Paragraph(p, document._body)


def _starting(document, start: str):
    return next(p for p in _paragraphs(document) if p.text.lstrip("\t").startswith(start))


def _retype(paragraph, text: str) -> None:
    runs = [r for r in paragraph.runs if r.text]
    runs[0].text = text
    for run in runs[1:]:
        run._r.getparent().remove(run._r)


def _findings(data: bytes) -> list[str]:
    return [f.format("tay.docx") for f in audit_bytes(data, "tay.docx").findings]


def _codes(data: bytes) -> list[Code]:
    return [f.code for f in audit_bytes(data, "tay.docx").findings]


# --- 1. a Party report: header in a borderless table, short rules drawn as shapes ----------------


def party_report() -> bytes:
    document = docx.Document()
    _page_setup(document.sections[0])
    _page_numbers(document.sections[0])
    header = document.add_table(rows=1, cols=2)
    _borderless(header)
    _widths(header, 6.5, 10.0)
    left, right = header.rows[0].cells
    _first_cell_paragraph(left, [("ĐẢNG BỘ HUYỆN SƠN TỊNH", 14, False, False, False)])
    _para(left, [("ĐẢNG ỦY XÃ TỊNH HÀ", 14, True, False, False)], WD_ALIGN_PARAGRAPH.CENTER)
    _para(left, [("*", 14, False, False, False)], WD_ALIGN_PARAGRAPH.CENTER)
    _para(left, [("Số 12-BC/ĐU", 14, False, False, False)], WD_ALIGN_PARAGRAPH.CENTER)
    _first_cell_paragraph(right, [("ĐẢNG CỘNG SẢN VIỆT NAM", 15, True, False, False)])
    rule = _para(right, [], WD_ALIGN_PARAGRAPH.CENTER)
    _draw_rule(rule, 600000, 2600000, 1)  # the line under «ĐẢNG CỘNG SẢN VIỆT NAM»
    _para(right, [("Tịnh Hà, ngày 20 tháng 11 năm 2025", 14, False, True, False)], WD_ALIGN_PARAGRAPH.RIGHT)
    _para(document, [], WD_ALIGN_PARAGRAPH.CENTER)
    _para(document, [("BÁO CÁO", 16, True, False, False)], WD_ALIGN_PARAGRAPH.CENTER)
    _para(
        document,
        [("kết quả lãnh đạo công tác dân vận năm 2025", 15, True, False, False)],
        WD_ALIGN_PARAGRAPH.CENTER,
    )
    _para(document, [("-----", 14, False, False, False)], WD_ALIGN_PARAGRAPH.CENTER, after=6)
    _body(document)
    for roman, title in (("I", "TÌNH HÌNH CHUNG"), ("II", "KẾT QUẢ THỰC HIỆN"), ("III", "NHIỆM VỤ NĂM 2026")):
        heading = _body(document, f"{roman}. {title}")
        for run in heading.runs:
            run.bold = True
        for number in (1, 2):
            clause = _body(document, f"{number}. Công tác tuyên truyền, vận động Nhân dân")
            for run in clause.runs:
                run.bold = True
            _body(document)
    _body(document, "Trên đây là báo cáo kết quả công tác dân vận năm 2025 của Đảng ủy xã Tịnh Hà.")
    closing = document.add_table(rows=1, cols=2)
    _borderless(closing)
    left, right = closing.rows[0].cells
    _first_cell_paragraph(left, [("Nơi nhận:", 14, False, False, True)], WD_ALIGN_PARAGRAPH.LEFT)
    for item in ("- Ban Thường vụ Huyện ủy,", "- Ban Dân vận Huyện ủy,", "- Các chi bộ trực thuộc,"):
        _para(left, [(item, 12, False, False, False)])
    _para(left, [("- Lưu Văn phòng Đảng ủy.", 12, False, False, False)])
    _first_cell_paragraph(right, [("T/M ĐẢNG ỦY", 14, True, False, False)])
    _para(right, [("BÍ THƯ", 14, False, False, False)], WD_ALIGN_PARAGRAPH.CENTER)
    for _ in range(3):
        _para(right, [], WD_ALIGN_PARAGRAPH.CENTER)
    _para(right, [("Nguyễn Văn An", 14, True, False, False)], WD_ALIGN_PARAGRAPH.CENTER)
    return _saved(document)


def test_the_party_report_in_tables_with_drawn_rules_is_read_as_typed():
    doc = read_docx(party_report())
    header = [p for p in doc.paragraphs if p.table == 1]
    assert [p.text for p in header if p.text] == [
        "ĐẢNG BỘ HUYỆN SƠN TỊNH",
        "ĐẢNG ỦY XÃ TỊNH HÀ",
        "*",
        "Số 12-BC/ĐU",
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "Tịnh Hà, ngày 20 tháng 11 năm 2025",
    ]
    assert any(p.has_drawing for p in header)
    assert not any(block.bordered for block in doc.blocks if not hasattr(block, "runs"))


def test_the_correct_party_report_passes():
    report = audit_bytes(party_report(), "tay.docx")
    assert report.system is not None and report.system.value == "dang"
    assert _findings(party_report()) == []


def _party_number_with_colon(document):
    _retype(_starting(document, "Số 12"), "Số: 12-BC/ĐU")


def _party_state_mark(document):
    _retype(_starting(document, "T/M"), "TM. ĐẢNG ỦY")


def _party_title_14(document):
    for run in _starting(document, "ĐẢNG CỘNG SẢN").runs:
        run.font.size = Pt(14)


def _party_no_star(document):
    star = _starting(document, "*")
    star._p.getparent().remove(star._p)


def _party_body_13(document):
    for run in _starting(document, "Trên đây là báo cáo").runs:
        run.font.size = Pt(13)


def _party_recipient_with_full_stop(document):
    _retype(_starting(document, "- Ban Dân vận Huyện ủy"), "- Ban Dân vận Huyện ủy.")


def _party_month_with_zero(document):
    _retype(_starting(document, "Tịnh Hà, ngày"), "Tịnh Hà, ngày 20 tháng 09 năm 2025")


def _party_without_dashes(document):
    dashes = _starting(document, "-----")
    dashes._p.getparent().remove(dashes._p)


PARTY_BREAKS = {
    "Số: trong văn bản Đảng": (_party_number_with_colon, Code.CHECK_NUMBER_SIGN, False),
    "TM. trong văn bản Đảng": (_party_state_mark, Code.CHECK_AUTHORITY, False),
    "«ĐẢNG CỘNG SẢN VIỆT NAM» cỡ 14": (_party_title_14, Code.CHECK_SIZE, True),
    "thiếu dấu *": (_party_no_star, Code.CHECK_MISSING_PART, False),
    "đoạn văn cỡ 13": (_party_body_13, Code.CHECK_BODY, True),
    "nơi nhận giữa danh sách có dấu chấm": (_party_recipient_with_full_stop, Code.CHECK_RECIPIENTS, True),
    "tháng 09": (_party_month_with_zero, Code.CHECK_DATE_LINE, True),
    "thiếu «-----» dưới trích yếu": (_party_without_dashes, Code.CHECK_MISSING_PART, False),
}


@pytest.mark.parametrize("name", PARTY_BREAKS)
def test_each_break_of_the_party_report_yields_exactly_its_finding(name):
    change, code, mechanical = PARTY_BREAKS[name]
    broken = _edited(party_report(), change)
    assert _codes(broken) == [code]
    result = repair_bytes(broken, "sua.docx")
    assert result.data is not None
    assert bool(result.changes) is mechanical
    assert _codes(result.data) == ([] if mechanical else [code])


def test_a_party_recipient_repaired_takes_the_lists_comma():
    result = repair_bytes(_edited(party_report(), _party_recipient_with_full_stop), "sua.docx")
    assert result.data is not None
    texts = [p.text for p in read_docx(result.data).paragraphs]
    assert "- Ban Dân vận Huyện ủy," in texts


# --- 2. a State report: header with tabs, direct formatting only, a landscape appendix ------------


def state_report(appendix_restarts: bool = True) -> bytes:
    document = docx.Document()  # Normal stays Calibri 11: every look below is direct formatting
    _page_setup(document.sections[0])
    _page_numbers(document.sections[0])
    columns = (3.2, 11.8)  # centre tab stops under the two header columns, as clerks set them
    _para(
        document,
        [
            ("\t", 13, False, False, False),
            ("UBND HUYỆN TƯ NGHĨA", 13, False, False, False),
            ("\t", 13, False, False, False),
            ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 13, True, False, False),
        ],
        tabs=columns,
    )
    slogan = _para(
        document,
        [
            ("\t", 13, False, False, False),
            ("PHÒNG NỘI VỤ", 13, True, False, False),
            ("\t", 13, False, False, False),
            ("Độc lập - Tự do - Hạnh phúc", 14, True, False, False),
        ],
        tabs=columns,
    )
    _draw_rule(slogan, 1450000, 700000, 1, y=200000)  # under «PHÒNG NỘI VỤ»
    _draw_rule(slogan, 5150000, 2100000, 2, y=200000)  # under the Tiêu ngữ
    _para(document, [])
    _para(
        document,
        [
            ("\t", 13, False, False, False),
            ("Số: 08/BC-PNV", 13, False, False, False),
            ("\t", 13, False, False, False),
            ("Tư Nghĩa, ngày 03 tháng 3 năm 2026", 14, False, True, False),
        ],
        tabs=columns,
    )
    _para(document, [], WD_ALIGN_PARAGRAPH.CENTER)
    _para(document, [("BÁO CÁO", 14, True, False, False)], WD_ALIGN_PARAGRAPH.CENTER)
    summary = _para(
        document,
        [("Tình hình thực hiện cải cách hành chính quý I năm 2026", 14, True, False, False)],
        WD_ALIGN_PARAGRAPH.CENTER,
    )
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for name, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(name), value)
    borders.append(bottom)
    rule = _para(document, [], WD_ALIGN_PARAGRAPH.CENTER, after=6)
    rule._p.get_or_add_pPr().append(borders)
    rule.paragraph_format.left_indent = rule.paragraph_format.right_indent = Cm(6)
    assert summary.text
    _body(document, "Phòng Nội vụ báo cáo tình hình thực hiện cải cách hành chính quý I năm 2026 như sau:")
    for roman, title in (("I", "KẾT QUẢ ĐẠT ĐƯỢC"), ("II", "NHIỆM VỤ QUÝ II")):
        heading = _body(document, f"{roman}. {title}")
        for run in heading.runs:
            run.bold = True
        _body(document, BODY.replace("Cấp ủy", "Phòng"))
        _body(document, "Số liệu chi tiết tại Phụ lục kèm theo báo cáo này.")
    _body(document, "Phòng Nội vụ kính báo cáo./.")
    _para(
        document,
        [
            ("Nơi nhận:", 12, True, True, False),
            ("\t", 12, False, False, False),
            ("TRƯỞNG PHÒNG", 14, True, False, False),
        ],
        tabs=(11,),
    )
    _para(
        document,
        [("- UBND huyện;", 11, False, False, False), ("\t", 11, False, False, False)],
        tabs=(11,),
    )
    _para(document, [("- Lưu: VT, NV.", 11, False, False, False)])
    for _ in range(3):
        _para(document, [])
    _para(document, [("\t", 14, False, False, False), ("Lê Thị Hoa", 14, True, False, False)], tabs=(11,))

    appendix = document.add_section()
    _page_setup(appendix, landscape=True)
    appendix.different_first_page_header_footer = True
    if appendix_restarts:
        number = OxmlElement("w:pgNumType")
        number.set(qn("w:start"), "1")
        appendix._sectPr.append(number)
    _para(document, [("Phụ lục", 14, True, False, False)], WD_ALIGN_PARAGRAPH.CENTER)
    _para(
        document,
        [("KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH QUÝ I NĂM 2026", 14, True, False, False)],
        WD_ALIGN_PARAGRAPH.CENTER,
    )
    _para(
        document,
        [("(Kèm theo Báo cáo số 08/BC-PNV ngày 03/3/2026 của Phòng Nội vụ)", 14, False, True, False)],
        WD_ALIGN_PARAGRAPH.CENTER,
    )
    table = document.add_table(rows=3, cols=4)
    table.style = "Table Grid"
    for r, row in enumerate(
        [
            ("TT", "Lĩnh vực", "Tiếp nhận", "Đúng hạn"),
            ("1", "Hộ tịch", "412", "412"),
            ("2", "Đất đai", "57", "55"),
        ]
    ):
        for c, value in enumerate(row):
            cell = table.cell(r, c)
            cell.paragraphs[0]._p.getparent().remove(cell.paragraphs[0]._p)
            _para(cell, [(value, 13, r == 0, False, False)], WD_ALIGN_PARAGRAPH.CENTER)
    return _saved(document)


def test_the_state_report_is_formatted_directly_and_its_appendix_is_landscape():
    data = state_report()
    doc = read_docx(data)
    styles = docx.Document(io.BytesIO(data)).styles
    assert styles["Normal"].font.name is None and styles["Normal"].font.size is None  # nothing from the style
    assert [(s.landscape, s.page_number_start) for s in doc.sections] == [(False, None), (True, 1)]
    assert all(r.format.font == FONT for p in doc.paragraphs for r in p.visible_runs())


def test_the_correct_state_report_passes():
    report = audit_bytes(state_report(), "tay.docx")
    assert report.system is not None and report.system.value == "nha_nuoc"
    assert _findings(state_report()) == []


def test_an_appendix_numbered_on_with_the_report_is_found_and_restarted():
    broken = state_report(appendix_restarts=False)
    found = audit_bytes(broken, "a").findings
    assert [(f.code, f.section) for f in found] == [(Code.CHECK_PAGE_NUMBER, 2)]
    result = repair_bytes(broken, "sua.docx")
    assert result.data is not None and _codes(result.data) == []
    assert read_docx(result.data).sections[1].page_number_start == 1


def _state_body_in_calibri(document):
    paragraph = _starting(document, "Phòng Nội vụ kính báo cáo")
    for run in paragraph.runs:
        r_pr = run._r.get_or_add_rPr()
        r_pr.remove(r_pr.find(qn("w:rFonts")))  # the direct font gone: Normal's Calibri shows


def _state_slogan_not_bold(document):
    paragraph = _starting(document, "PHÒNG NỘI VỤ")
    for run in paragraph.runs:
        if "Độc lập" in run.text:
            run.bold = False


def _state_parent_italic(document):
    # (a bold parent line reads as the first line of a two-line issuer name: nothing to report)
    next(r for r in _starting(document, "UBND HUYỆN").runs if r.text.startswith("UBND")).italic = True


def _state_number_without_zero(document):
    next(r for r in _starting(document, "Số: 08").runs if r.text.startswith("Số")).text = "Số: 8/BC-PNV"


def _state_recipients_title_not_bold(document):
    paragraph = _starting(document, "Nơi nhận")
    paragraph.runs[0].bold = False


def _state_body_left(document):
    _starting(document, "Phòng Nội vụ kính báo cáo").alignment = WD_ALIGN_PARAGRAPH.LEFT


def _state_first_section_letter(document):
    section = document.sections[0]
    section.page_width, section.page_height = Mm(215.9), Mm(279.4)


STATE_BREAKS = {
    "đoạn văn mất phông (Calibri của Normal)": (_state_body_in_calibri, Code.CHECK_FONT, True),
    "Tiêu ngữ không đậm": (_state_slogan_not_bold, Code.CHECK_EMPHASIS, True),
    "cơ quan chủ quản in nghiêng": (_state_parent_italic, Code.CHECK_EMPHASIS, True),
    "Số: 8/": (_state_number_without_zero, Code.CHECK_NUMBER_SIGN, False),
    "«Nơi nhận:» không đậm": (_state_recipients_title_not_bold, Code.CHECK_EMPHASIS, True),
    "đoạn văn căn trái": (_state_body_left, Code.CHECK_BODY, False),
    "khổ Letter": (_state_first_section_letter, Code.CHECK_PAGE_SIZE, True),
}


@pytest.mark.parametrize("name", STATE_BREAKS)
def test_each_break_of_the_state_report_yields_exactly_its_finding(name):
    change, code, mechanical = STATE_BREAKS[name]
    broken = _edited(state_report(), change)
    assert _codes(broken) == [code]
    result = repair_bytes(broken, "sua.docx")
    assert result.data is not None
    assert bool(result.changes) is mechanical
    assert _codes(result.data) == ([] if mechanical else [code])


# --- 3. automatic numbering through paragraph styles, lowerLetter up to f) ------------------------

_ABSTRACT = """
<w:abstractNum xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" w:abstractNumId="70">
  <w:multiLevelType w:val="multilevel"/>
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:pStyle w:val="MucLaMa"/>
    <w:lvlText w:val="%1."/><w:lvlJc w:val="left"/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:pStyle w:val="Khoan"/>
    <w:lvlText w:val="%2."/><w:lvlJc w:val="left"/></w:lvl>
  <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:pStyle w:val="Diem"/>
    <w:lvlText w:val="%3)"/><w:lvlJc w:val="left"/></w:lvl>
</w:abstractNum>
"""


def _numbering_styles(document) -> dict[str, str]:
    """Add the list and three paragraph styles that carry it (Word's «Define New Multilevel List»)."""
    numbering = document.part.numbering_part.element
    abstract = etree.fromstring(_ABSTRACT)
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    num = etree.SubElement(numbering, qn("w:num"))
    num.set(qn("w:numId"), "70")
    etree.SubElement(num, qn("w:abstractNumId")).set(qn("w:val"), "70")
    names = {}
    for level, (style_id, name, bold) in enumerate(
        (("MucLaMa", "Mục La Mã", True), ("Khoan", "Khoản", True), ("Diem", "Điểm", False))
    ):
        style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.element.set(qn("w:styleId"), style_id)
        style.base_style = document.styles["Normal"]
        style.font.bold = bold
        p_pr = style.element.get_or_add_pPr()
        num_pr = OxmlElement("w:numPr")
        ilvl = OxmlElement("w:ilvl")
        ilvl.set(qn("w:val"), str(level))
        num_id = OxmlElement("w:numId")
        num_id.set(qn("w:val"), "70")
        num_pr.append(ilvl)
        num_pr.append(num_id)
        p_pr.insert(0, num_pr)
        names[style_id] = name
    return names


def numbered_report(points: int = 4) -> bytes:
    document = docx.Document()
    normal = document.styles["Normal"]
    normal.font.name, normal.font.size = FONT, Pt(14)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:hAnsi"), FONT)
    fmt = normal.paragraph_format
    fmt.alignment, fmt.first_line_indent = WD_ALIGN_PARAGRAPH.JUSTIFY, Cm(1.27)
    fmt.space_after, fmt.line_spacing = Pt(6), 1.15
    _page_setup(document.sections[0])
    _page_numbers(document.sections[0])
    header = document.add_table(rows=1, cols=2)
    _widths(header, 6.0, 10.5)
    left, right = header.rows[0].cells
    _first_cell_paragraph(left, [("ỦY BAN NHÂN DÂN", 13, True, False, False)])
    _para(left, [("XÃ MINH LONG", 13, True, False, False)], WD_ALIGN_PARAGRAPH.CENTER)
    _para(left, [("Số: 21/BC-UBND", 13, False, False, False)], WD_ALIGN_PARAGRAPH.CENTER)
    _first_cell_paragraph(right, [("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 12, True, False, False)])
    _para(right, [("Độc lập - Tự do - Hạnh phúc", 13, True, False, False)], WD_ALIGN_PARAGRAPH.CENTER)
    _draw_rule(right.paragraphs[-1], 900000, 2000000, 1, y=180000)
    _draw_rule(left.paragraphs[1], 800000, 700000, 2, y=180000)
    _para(
        right, [("Minh Long, ngày 28 tháng 11 năm 2025", 14, False, True, False)], WD_ALIGN_PARAGRAPH.CENTER
    )
    _para(document, [], WD_ALIGN_PARAGRAPH.CENTER)
    _para(document, [("BÁO CÁO", 14, True, False, False)], WD_ALIGN_PARAGRAPH.CENTER)
    _para(
        document,
        [("Kết quả thực hiện Quy chế dân chủ năm 2025", 14, True, False, False)],
        WD_ALIGN_PARAGRAPH.CENTER,
    )
    rule = _para(document, [], WD_ALIGN_PARAGRAPH.CENTER, after=6)
    _draw_rule(rule, 2000000, 1200000, 3)
    styles = _numbering_styles(document)
    document.add_paragraph(BODY)
    for section_title in ("KẾT QUẢ THỰC HIỆN", "NHIỆM VỤ NĂM 2026"):
        document.add_paragraph(section_title, style=styles["MucLaMa"])
        for clause in ("Công khai thông tin", "Nhân dân bàn và quyết định"):
            document.add_paragraph(clause, style=styles["Khoan"])
            document.add_paragraph(BODY)
            for _ in range(points):
                document.add_paragraph("Các thôn tổ chức họp dân đúng quy định.", style=styles["Diem"])
    document.add_paragraph("Ủy ban nhân dân xã kính báo cáo./.")
    closing = document.add_table(rows=1, cols=2)
    left, right = closing.rows[0].cells
    _first_cell_paragraph(left, [("Nơi nhận:", 12, True, True, False)], WD_ALIGN_PARAGRAPH.LEFT)
    _para(left, [("- UBND huyện;", 11, False, False, False)])
    _para(left, [("- Lưu: VT.", 11, False, False, False)])
    _first_cell_paragraph(right, [("TM. ỦY BAN NHÂN DÂN", 14, True, False, False)])
    _para(right, [("CHỦ TỊCH", 14, True, False, False)], WD_ALIGN_PARAGRAPH.CENTER)
    for _ in range(3):
        _para(right, [], WD_ALIGN_PARAGRAPH.CENTER)
    _para(right, [("Đinh Văn Tâm", 14, True, False, False)], WD_ALIGN_PARAGRAPH.CENTER)
    return _saved(document)


def test_the_numbers_come_from_the_styles_lists():
    doc = read_docx(numbered_report(points=6))
    labels = [p.label for p in doc.paragraphs if p.label]
    assert labels[:10] == ["I.", "1.", "a)", "b)", "c)", "d)", "e)", "f)", "2.", "a)"]
    assert all(p.run_text and not p.run_text[0].isdigit() for p in doc.paragraphs if p.label)


def test_the_correct_numbered_report_passes():
    assert _findings(numbered_report(points=4)) == []


def test_points_lettered_by_word_up_to_f_are_found_at_each_clause():
    found = audit_bytes(numbered_report(points=6), "tay.docx").findings
    assert [f.code for f in found] == [Code.CHECK_HEADING_SEQUENCE, Code.CHECK_POINT_LETTER] * 4
    skipped, lettered = found[0], found[1]
    assert skipped.text is not None and skipped.text.startswith("e)") and "phải là «đ)»" in skipped.message
    assert lettered.text is not None and lettered.text.startswith("f)") and "«f)»" in lettered.message
    assert repair_bytes(numbered_report(points=6), "sua.docx").changes == []  # renumbering is the clerk's


def test_a_clause_style_used_where_a_point_belongs_is_a_mixed_level():
    def swap(document):
        point = _starting(document, "Các thôn tổ chức")
        point.style = document.styles["Mục La Mã"]

    (found,) = audit_bytes(_edited(numbered_report(points=2), swap), "tay.docx").findings
    assert found.code is Code.CHECK_HEADING_SEQUENCE and "cấp mục lẫn lộn" in found.message
    assert found.text is not None and found.text.startswith("a)")  # «a)» right under «II.», no «1.»


def test_a_header_typed_with_centre_tabs_keeps_its_two_columns_apart():
    """`<tab>CƠ QUAN<tab>QUỐC HIỆU`: the names sit in column 1, the Quốc hiệu side in column 2."""
    from baocao_gen.check.components import find_components

    parts = find_components(read_docx(state_report()), None)
    assert [p.text for p in parts.parent_bodies] == ["UBND HUYỆN TƯ NGHĨA"]
    assert [p.text for p in parts.issuer] == ["PHÒNG NỘI VỤ"]
    assert parts.motto is not None and parts.motto.column == 2
