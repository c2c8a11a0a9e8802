"""`baocao nhap`, the frame half: what last year's report says in its header, title, signature and Nơi nhận
comes back as the keys the clerk would have typed.

Every example is rendered, imported from the .docx, written, loaded and validated, and its frame must
equal the example's own data; reports typed by hand (python-docx, not our templates: the header in a
borderless table or with tabs, Nơi nhận beside the signature in a table) import the same way.
"""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml

from baocao_gen.check.components import find_components
from baocao_gen.document import Run
from baocao_gen.nhap.frame import closing_name, escape_markup, read_frame
from baocao_gen.nhap.importer import import_file, period_file_name, write_import
from baocao_gen.nhap.notes import NoteKind
from baocao_gen.ooxml.reader import read_docx
from baocao_gen.pipeline import Result, build, check
from conftest import EXAMPLE_FILES

Line = tuple[str, bool, bool]  # text, bold, italic


def _paragraph(container, runs: list[Line], center: bool = False) -> None:
    paragraph = container.add_paragraph()
    for text, bold, italic in runs:
        run = paragraph.add_run(text)
        run.bold, run.italic = bold or None, italic or None
    if center:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER


def _cell(cell, lines: list[Line]) -> None:
    first = cell.paragraphs[0]
    text, bold, italic = lines[0]
    run = first.add_run(text)
    run.bold, run.italic = bold or None, italic or None
    for line in lines[1:]:
        _paragraph(cell, [line])


def _text_boxes(left: list[Line], right: list[Line]):
    """A paragraph anchoring two text boxes (a DrawingML box with its VML copy, as Word saves them)."""

    def box(lines: list[Line]) -> str:
        paragraphs = "".join(
            f'<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:rPr>{"<w:b/>" if bold else ""}'
            f"{'<w:i/>' if italic else ''}</w:rPr><w:t>{text}</w:t></w:r></w:p>"
            for text, bold, italic in lines
        )
        return (
            '<mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:wsp><wps:txbx><w:txbxContent>'
            f"{paragraphs}</w:txbxContent></wps:txbx></wps:wsp></w:drawing></mc:Choice><mc:Fallback><w:pict>"
            f"<v:textbox><w:txbxContent>{paragraphs}</w:txbxContent></v:textbox></w:pict></mc:Fallback>"
            "</mc:AlternateContent>"
        )

    return parse_xml(
        '<w:p xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
        ' xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
        ' xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"'
        ' xmlns:v="urn:schemas-microsoft-com:vml"><w:r>' + box(left) + box(right) + "</w:r></w:p>"
    )


def hand_made(
    path: Path,
    *,
    header: str = "table",
    number: str = "Số: 07/BC-UBND",
    date: str = "Long Hiệp, ngày 15 tháng 12 năm 2024",
    motto: str = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    kind: str = "BÁO CÁO",
    summary: list[list[Line]] | None = None,
    signature: list[Line] | None = None,
    recipients: list[str] | None = None,
    font: str | None = None,
    body: list[str] | None = None,
) -> Path:
    """Write a report typed the way offices type them in Word, not from our templates."""
    document = docx.Document()
    if font is not None:
        document.styles["Normal"].font.name = font
    left = [
        ("UBND HUYỆN MINH LONG", False, False),
        ("ỦY BAN NHÂN DÂN XÃ LONG HIỆP", True, False),
        (number, False, False),
    ]
    right = [(motto, True, False), ("Độc lập - Tự do - Hạnh phúc", True, False), (date, False, True)]
    if header == "table":
        table = document.add_table(rows=1, cols=2)  # no style: no borders, as offices lay a header out
        _cell(table.rows[0].cells[0], left)
        _cell(table.rows[0].cells[1], right)
    elif header == "text boxes":  # the cơ quan and the Quốc hiệu in two drawn boxes, số and date under them
        document.element.body.insert(0, _text_boxes(left[:2], right[:2]))
        _paragraph(document, [left[2], ("\t\t", False, False), right[2]])
    else:
        for l_line, r_line in zip(left, right, strict=True):
            _paragraph(document, [l_line, ("\t\t", False, False), r_line])
    _paragraph(document, [(kind, True, False)], center=True)
    for line in summary or [[("Kết quả công tác dân vận năm 2024", True, False)]]:
        _paragraph(document, line, center=True)
    for text in body or [
        "Thực hiện Kế hoạch số 12/KH-UBND ngày 05/01/2024, UBND xã báo cáo như sau:",
        "Trong năm, xã đã giải quyết 1.836 hồ sơ.",
        "UBND xã Long Hiệp kính báo cáo./.",
    ]:
        _paragraph(document, [(text, False, False)])
    closing = document.add_table(rows=1, cols=2)
    _cell(
        closing.rows[0].cells[0],
        [("Nơi nhận:", True, True)]
        + [
            (line, False, False)
            for line in recipients or ["- UBND huyện;", "- TT Đảng ủy xã;", "- Lưu: VT, VP."]
        ],
    )
    _cell(
        closing.rows[0].cells[1],
        signature
        or [
            ("KT. CHỦ TỊCH", True, False),
            ("PHÓ CHỦ TỊCH", True, False),
            ("", False, False),
            ("Đinh Văn Tám", True, False),
        ],
    )
    document.save(path)
    return path


def imported(path: Path, folder: Path) -> tuple[Result, Path]:
    """Import a .docx into `folder`, load and validate what was written; return the check and the period file."""
    result, problems = import_file(path)
    assert result is not None and not problems, [d.format() for d in problems]
    written, problems = write_import(result, folder)
    assert not problems, [d.format() for d in problems]
    checked = check(written[1])
    assert checked.ok and checked.report is not None, [d.format() for d in checked.diagnostics]
    return checked, written[1]


def _frame(path: Path, **kwargs):
    doc = read_docx(path.read_bytes())
    return read_frame(doc, find_components(doc, None))


def _italic_words(result: Result) -> list[str]:
    assert result.plan is not None
    return [i.text for i in result.plan.trich_yeu if isinstance(i, Run) and i.italic]


# -- every example: render → nhap gives the example's own frame ----------------------------------------


@pytest.mark.parametrize("example", EXAMPLE_FILES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_the_frame_of_every_example_comes_back_as_its_data(example, tmp_path):
    original = build(example)
    assert original.data is not None and original.report is not None and original.plan is not None
    report_path = tmp_path / "bao-cao-nam-truoc.docx"
    report_path.write_bytes(original.data)

    checked, _ = imported(report_path, tmp_path / "nhap")
    mine, theirs = checked.report, original.report
    assert mine is not None and checked.plan is not None
    assert mine.he_thong == theirs.he_thong
    assert [line.upper() for line in mine.co_quan_chu_quan] == [
        line.upper() for line in theirs.co_quan_chu_quan
    ]
    assert [line.upper() for line in mine.co_quan_ban_hanh] == [
        line.upper() for line in theirs.co_quan_ban_hanh
    ]
    assert (mine.viet_tat, mine.dia_danh, mine.so, mine.ngay) == (
        theirs.viet_tat,
        theirs.dia_danh,
        theirs.so,
        theirs.ngay,
    )
    assert (mine.loai_van_ban, mine.ten_loai) == (theirs.loai_van_ban, theirs.ten_loai)
    # The trích yếu as printed (citations resolved), its italic words and line breaks included.
    assert checked.plan.trich_yeu and checked.plan.title == original.plan.title
    assert _italic_words(checked) == _italic_words(original)
    assert [type(i).__name__ for i in checked.plan.trich_yeu].count("LineBreak") == [
        type(i).__name__ for i in original.plan.trich_yeu
    ].count("LineBreak")
    # The signer: thẩm quyền, the body, chức vụ lines (a lower-case "kiêm" as typed), the name.
    signer, expected = mine.nguoi_ky, theirs.nguoi_ky
    assert (signer.tham_quyen, signer.ho_ten) == (expected.tham_quyen, expected.ho_ten)
    assert (signer.thay_mat or "").upper() == (expected.thay_mat or "").upper()
    assert [line if line == line.lower() else line.upper() for line in signer.chuc_vu] == [
        line if line == line.lower() else line.upper() for line in expected.chuc_vu
    ]
    # Nơi nhận with its groups, and the Lưu line, exactly as the example types them.
    assert mine.noi_nhan == theirs.noi_nhan
    assert mine.luu == theirs.luu
    # What the frame prints is what the example printed.
    for key in (
        "chu_quan",
        "ban_hanh",
        "so_ky_hieu",
        "dia_danh_ngay",
        "ten_loai",
        "noi_nhan",
        "ky",
        "ho_ten",
    ):
        assert checked.plan.values[key] == original.plan.values[key], key


# -- reports typed by hand ---------------------------------------------------------------------------


@pytest.mark.parametrize("header", ["table", "tabs", "text boxes"])
def test_a_report_typed_in_word_imports_with_its_frame(tmp_path, header):
    path = hand_made(tmp_path / "bc.docx", header=header)
    checked, period = imported(path, tmp_path / "nhap")
    report = checked.report
    assert report is not None
    assert report.he_thong == "nha_nuoc"
    assert report.co_quan_chu_quan == ("UBND HUYỆN MINH LONG",)
    assert report.co_quan_ban_hanh == ("ỦY BAN NHÂN DÂN XÃ LONG HIỆP",)
    assert (report.viet_tat, report.so, report.dia_danh) == ("UBND", 7, "Long Hiệp")
    assert (report.ngay.ngay, report.ngay.thang, report.ngay.nam) == (15, 12, 2024)
    assert report.trich_yeu == "Kết quả công tác dân vận năm 2024"
    signer = report.nguoi_ky
    assert (signer.tham_quyen, signer.thay_mat, signer.chuc_vu, signer.ho_ten) == (
        "KT.",
        "CHỦ TỊCH",
        ("PHÓ CHỦ TỊCH",),
        "Đinh Văn Tám",
    )
    assert report.noi_nhan == ["UBND huyện", "TT Đảng ủy xã"]
    assert report.luu == "VT, VP"
    assert report.ten_goi == "UBND xã Long Hiệp"  # from the closing sentence, the one form trusted
    assert period.name == "bao-cao-2024.yaml"


def test_a_blank_day_stays_blank_and_a_wholly_blank_number_stays_blank(tmp_path):
    path = hand_made(
        tmp_path / "bc.docx", number="Số:      /BC-UBND", date="Long Hiệp, ngày     tháng 6 năm 2023"
    )
    frame = _frame(path)
    assert frame.period["so"] is None
    assert frame.period["ngay"] == {"thang": 6, "nam": 2023}
    path = hand_made(tmp_path / "bc2.docx", date="Long Hiệp, ngày      tháng      năm 2023")
    assert _frame(path).period["ngay"] == {"nam": 2023}


def test_a_party_report_gives_its_symbol_and_signing_marks(tmp_path):
    path = hand_made(
        tmp_path / "bc.docx",
        motto="ĐẢNG CỘNG SẢN VIỆT NAM",
        number="Số 374-BC/HU",
        signature=[
            ("T/M BAN THƯỜNG VỤ", True, False),
            ("PHÓ BÍ THƯ", False, False),
            ("Đỗ Thiết Khiêm", True, False),
        ],
        recipients=["- Ban Dân vận Tỉnh ủy,", "- Lưu VPH."],
    )
    frame = _frame(path)
    assert frame.profile["he_thong"] == "dang"
    assert (frame.profile["viet_tat"], frame.period["so"]) == ("HU", 374)
    assert frame.profile["nguoi_ky"] == {
        "tham_quyen": "T/M",
        "thay_mat": "BAN THƯỜNG VỤ",
        "chuc_vu": "PHÓ BÍ THƯ",
        "ho_ten": "Đỗ Thiết Khiêm",
    }
    assert (frame.profile["noi_nhan"], frame.profile["luu"]) == (["Ban Dân vận Tỉnh ủy"], "VPH")


def test_another_kind_of_document_keeps_its_type_code_and_name(tmp_path):
    path = hand_made(tmp_path / "kh.docx", number="Số: 05/KH-UBND", kind="KẾ HOẠCH")
    frame = _frame(path)
    assert (frame.period["loai_van_ban"], frame.period["ten_loai"]) == ("KH", "KẾ HOẠCH")
    assert period_file_name(frame.period) == "ke-hoach-2024.yaml"
    assert "loai_van_ban" not in _frame(hand_made(tmp_path / "bc.docx")).period


def test_a_summary_on_two_lines_with_italic_words_is_written_in_the_markup(tmp_path):
    summary = [
        [("kết quả phong trào “", True, False), ("Dân vận khéo", True, True), ("” năm 2024,", True, False)],
        [("phương hướng, nhiệm vụ năm 2025 [dự thảo]", True, False)],
    ]
    frame = _frame(hand_made(tmp_path / "bc.docx", summary=summary))
    assert (
        frame.period["trich_yeu"]
        == "kết quả phong trào “*Dân vận khéo*” năm 2024,\\\nphương hướng, nhiệm vụ năm 2025 \\[dự thảo\\]"
    )


def test_a_signer_with_a_lower_case_joining_line_and_no_authority(tmp_path):
    signature = [
        ("PHÓ BÍ THƯ", False, False),
        ("kiêm", False, False),
        ("PHÓ TRƯỞNG BAN CHỈ ĐẠO", False, False),
        ("Nông Thị Quyến", True, False),
    ]
    frame = _frame(hand_made(tmp_path / "bc.docx", signature=signature))
    assert frame.profile["nguoi_ky"] == {
        "chuc_vu": ["PHÓ BÍ THƯ", "kiêm", "PHÓ TRƯỞNG BAN CHỈ ĐẠO"],
        "ho_ten": "Nông Thị Quyến",
    }


def test_a_signing_mark_of_the_other_system_is_written_the_system_s_way_and_noted(tmp_path):
    signature = [
        ("T/M ỦY BAN NHÂN DÂN", True, False),
        ("CHỦ TỊCH", True, False),
        ("Phạm Văn Hiền", True, False),
    ]
    frame = _frame(hand_made(tmp_path / "bc.docx", signature=signature))
    assert frame.profile["nguoi_ky"]["tham_quyen"] == "TM."  # type: ignore[index]
    assert any(n.kind is NoteKind.TO_CHECK and "T/M" in n.message for n in frame.notes)


def test_groups_of_recipients_and_a_line_that_runs_on(tmp_path):
    recipients = [
        "Gửi bản giấy:",
        "- Lưu Đảng ủy.",
        "Gửi bản điện tử:",
        "- Ban Dân vận Huyện ủy (Báo cáo),",
        "- Các đồng chí Ủy viên Ban Chấp hành",
        "Đảng bộ xã,",
        "- Lưu: VT.",
    ]
    frame = _frame(hand_made(tmp_path / "bc.docx", recipients=recipients))
    assert frame.profile["noi_nhan"] == [
        {"nhom": "Gửi bản giấy", "danh_sach": ["Lưu Đảng ủy"]},
        {
            "nhom": "Gửi bản điện tử",
            "danh_sach": ["Ban Dân vận Huyện ủy (Báo cáo)", "Các đồng chí Ủy viên Ban Chấp hành Đảng bộ xã"],
        },
    ]
    assert frame.profile["luu"] == "VT"  # only the last line is the Lưu line the tool adds back
    assert any(n.kind is NoteKind.TO_CHECK and "Đảng bộ xã" in n.message for n in frame.notes)


def test_a_missing_signer_name_is_a_mark_to_fill_and_a_note(tmp_path):
    frame = _frame(
        hand_made(
            tmp_path / "bc.docx", signature=[("TM. ỦY BAN NHÂN DÂN", True, False), ("CHỦ TỊCH", True, False)]
        )
    )
    assert frame.profile["nguoi_ky"]["ho_ten"] == "<điền họ tên người ký>"  # type: ignore[index]
    assert any(n.kind is NoteKind.TO_CHECK and "ho_ten" in n.message for n in frame.notes)


def test_without_motto_the_system_is_taken_from_the_symbol_and_flagged_to_check(tmp_path):
    frame = _frame(hand_made(tmp_path / "bc.docx", motto="", number="Số 12-BC/ĐU"))
    assert frame.profile["he_thong"] == "dang"
    assert any(n.kind is NoteKind.TO_CHECK and "hệ thống văn bản" in n.message for n in frame.notes)


@pytest.mark.parametrize(
    ("closing", "name"),
    [
        ("UBND xã Ba Tô kính báo cáo./.", "UBND xã Ba Tô"),
        ("Trên đây là báo cáo kết quả, Ban Thường vụ Huyện ủy báo cáo.", None),
        ("Đảng ủy phường Phổ Hòa báo cáo.", "Đảng ủy phường Phổ Hòa"),
        ("Đề nghị các đồng chí thực hiện.", None),
        ("Trên đây là báo cáo tổng kết.\nUBND xã Ba Tô kính báo cáo./.", "UBND xã Ba Tô"),  # seed 000
        ("Trên đây là báo cáo, \\\nUBND xã Ba Tô kính báo cáo./.", None),  # one paragraph, broken
        (None, None),
    ],
)
def test_the_unit_name_is_taken_only_from_the_one_fixed_closing_sentence(closing, name):
    assert closing_name(closing) == name


def test_markup_characters_typed_in_a_frame_text_are_escaped():
    assert escape_markup("a*b [[x]] {y} \\") == "a\\*b \\[\\[x\\]\\] \\{y\\} \\\\"


def test_a_signed_copy_s_mark_is_not_taken_for_the_name(tmp_path):
    signature = [
        ("TM. ỦY BAN NHÂN DÂN", True, False),
        ("CHỦ TỊCH", True, False),
        ("(Đã ký)", False, True),
        ("Phạm Văn Hiền", True, False),
    ]
    frame = _frame(hand_made(tmp_path / "bc.docx", signature=signature))
    assert frame.profile["nguoi_ky"] == {
        "tham_quyen": "TM.",
        "thay_mat": "ỦY BAN NHÂN DÂN",
        "chuc_vu": "CHỦ TỊCH",
        "ho_ten": "Phạm Văn Hiền",
    }
    assert any(n.kind is NoteKind.NOT_MAPPED and "(Đã ký)" in n.message for n in frame.notes)


# -- what the five real reports typed in Word showed (tests/test_nhap_seeds.py) ------------------------


def test_a_signature_typed_as_one_paragraph_with_line_breaks_gives_each_line_its_key(tmp_path):
    signature = [
        ("TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH", True, False),
        ("", False, False),
        ("Phạm Văn Hiền", True, False),
    ]
    frame = _frame(hand_made(tmp_path / "bc.docx", signature=signature))
    assert frame.profile["nguoi_ky"] == {
        "tham_quyen": "TM.",
        "thay_mat": "ỦY BAN NHÂN DÂN",
        "chuc_vu": "CHỦ TỊCH",
        "ho_ten": "Phạm Văn Hiền",
    }


def test_a_joining_line_typed_between_breaks_is_a_title_line_not_the_name(tmp_path):
    document = tmp_path / "bc.docx"
    hand_made(
        document, signature=[("PHÓ BÍ THƯ", True, False), ("", False, False), ("Nông Thị Quyến", True, False)]
    )
    typed = docx.Document(str(document))
    cell = typed.tables[-1].rows[0].cells[1].paragraphs[0]
    cell.add_run("\nkiêm\n")  # «PHÓ BÍ THƯ↵kiêm↵PHÓ TRƯỞNG BAN CHỈ ĐẠO»: bold, plain, bold in one paragraph
    cell.add_run("PHÓ TRƯỞNG BAN CHỈ ĐẠO").bold = True
    typed.save(str(document))
    frame = _frame(document)
    assert frame.profile["nguoi_ky"] == {
        "chuc_vu": ["PHÓ BÍ THƯ", "kiêm", "PHÓ TRƯỞNG BAN CHỈ ĐẠO"],
        "ho_ten": "Nông Thị Quyến",
    }


def test_a_centred_part_line_under_the_summary_starts_the_body(tmp_path):
    summary = [
        [("Tổng kết 10 năm thực hiện Nghị quyết số 25-NQ/TW", True, False)],
        [("Phần thứ nhất", False, False)],
        [("KẾT QUẢ THỰC HIỆN", False, False)],
    ]
    frame = _frame(hand_made(tmp_path / "bc.docx", summary=summary))
    assert frame.period["trich_yeu"] == "Tổng kết 10 năm thực hiện Nghị quyết số 25-NQ/TW"


def test_a_header_without_a_date_line_leaves_place_and_year_to_fill(tmp_path):
    frame = _frame(hand_made(tmp_path / "bc.docx", date=""))
    assert frame.profile["dia_danh"] == "<điền địa danh ở dòng ngày tháng>"
    assert frame.period["ngay"] == {"nam": "<điền năm của báo cáo>"}  # not a date left blank for the văn thư
    assert any(n.kind is NoteKind.TO_CHECK and "`ngay`" in n.message for n in frame.notes)
