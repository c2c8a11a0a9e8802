"""`nhap`, body half: headings (typed, automatic, style, bold), escaping, tables and their total rows,
citations, and a report typed in Word (python-docx) that imports into data that renders the same."""

from __future__ import annotations

from pathlib import Path

import pytest

from baocao_gen.check.components import Components, Piece
from baocao_gen.nhap.body import read_body
from baocao_gen.nhap.body_markup import escape, runs_markup
from baocao_gen.nhap.notes import NoteKind
from baocao_gen.nhap.outline import number_of
from baocao_gen.nhap.tables import read_table
from baocao_gen.ooxml.reader import (
    DocxDocument,
    Footnote,
    Paragraph,
    ParagraphFormat,
    Run,
    RunFormat,
    Table,
    read_docx,
)
from baocao_gen.ooxml.text import document_text
from conftest import STATE_PROFILE, built
from test_nhap_body_support import handmade_report, import_body, write_period

PLAIN = RunFormat()
BOLD = RunFormat(bold=True)
ITALIC = RunFormat(italic=True)


def para(
    index: int,
    *runs: tuple[str, RunFormat],
    style: str | None = None,
    label: str = "",
    fmt: str | None = None,
    level: int | None = None,
) -> Paragraph:
    return Paragraph(
        index=index,
        style_id=style,
        style_name=style,
        format=ParagraphFormat(),
        runs=[Run(text, f) for text, f in runs],
        label=label,
        label_format=fmt,
        list_level=level,
    )


def body_of(*paragraphs: Paragraph) -> dict[str, object]:
    doc = DocxDocument(blocks=list(paragraphs), paragraphs=list(paragraphs))
    return read_body(doc, Components(body=list(paragraphs))).period


# --- numbers and headings ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        ("Phần thứ nhất", "phan", 1),
        ("PHẦN II. NHIỆM VỤ", "phan", 2),
        ("III. ĐÁNH GIÁ", "la_ma", 3),
        ("I-Đặc điểm tình hình", "la_ma", 1),  # seed 001 types its Roman headings with a hyphen
        ("II- Công tác lãnh đạo", "la_ma", 2),
        ("2. Ưu điểm", "so", 2),
        ("2.1. Hạn chế:", "so_phu", 1),
        ("đ) Mô hình", "chu", 5),
    ],
)
def test_typed_numbers_are_recognised(text: str, kind: str, value: int) -> None:
    number = number_of(text)
    assert number is not None and (number.kind, number.value) == (kind, value)


@pytest.mark.parametrize(
    "text",
    ["2 xã", "1.836 hồ sơ", "25-NQ/TW", "Một là, tiếp tục", "f) chữ f", "X-quang lưu động", "V-1 tên lửa"],
)
def test_numbers_in_prose_are_not_headings(text: str) -> None:
    assert number_of(text) is None


def test_typed_headings_drop_their_numbers_and_keep_their_levels() -> None:
    period = body_of(
        para(1, ("Thực hiện Kế hoạch số 47/KH-UBND, UBND xã báo cáo như sau:", PLAIN)),
        para(2, ("I. KẾT QUẢ", BOLD)),
        para(3, ("1. Tiếp dân", BOLD)),
        para(4, ("a) Thường xuyên", BOLD)),
        para(5, ("Tiếp 12 lượt công dân.", PLAIN)),
        para(6, ("2. Đơn thư", BOLD)),
        para(7, ("II. PHƯƠNG HƯỚNG", BOLD)),
        para(8, ("1. Tiếp tục tuyên truyền.", PLAIN)),
        para(9, ("2. Tăng cường kiểm tra.", PLAIN)),
        para(10, ("UBND xã kính báo cáo./.", PLAIN)),
    )
    assert period["danh_so"] == ["la_ma", "so", "chu"]
    assert period["mo_dau"] == "Thực hiện Kế hoạch số 47/KH-UBND, UBND xã báo cáo như sau:"
    first, second = period["noi_dung"]
    assert first == {
        "tieu_de": "KẾT QUẢ",
        "muc": [
            {
                "tieu_de": "Tiếp dân",
                "muc": [{"tieu_de": "Thường xuyên", "van_ban": "Tiếp 12 lượt công dân."}],
            },
            {"tieu_de": "Đơn thư"},
        ],
    }
    # numbered prose lines that continue the outline are sections without a title ("1. Tiếp tục …")
    assert second == {
        "tieu_de": "PHƯƠNG HƯỚNG",
        "muc": [{"van_ban": "Tiếp tục tuyên truyền."}, {"van_ban": "Tăng cường kiểm tra."}],
    }
    assert period["ket_thuc"] == "UBND xã kính báo cáo./."


def test_word_automatic_numbering_heading_styles_and_bold_lines() -> None:
    period = body_of(
        para(1, ("Kết quả", BOLD), label="I.", fmt="upperRoman", level=0),
        para(2, ("Tiếp dân", BOLD), label="1.", fmt="decimal", level=1),
        para(3, ("Nội dung.", PLAIN)),
        para(4, ("Đơn thư", PLAIN), style="Heading 2"),
        para(5, ("Nội dung khác.", PLAIN)),
        para(6, ("Kiến nghị", BOLD)),
        para(7, ("Không có.", PLAIN)),
    )
    assert period["danh_so"] == ["la_ma", "so", "chu"]  # an unnumbered bold line: a point of the clause
    [section] = period["noi_dung"]
    assert section["tieu_de"] == "Kết quả"
    assert [m["tieu_de"] for m in section["muc"]] == ["Tiếp dân", "Đơn thư"]
    assert section["muc"][0]["van_ban"] == "Nội dung."
    assert section["muc"][1]["muc"] == [{"tieu_de": "Kiến nghị", "van_ban": "Không có."}]


def test_a_bold_sentence_is_prose_and_a_run_in_heading_stays_in_its_paragraph() -> None:
    period = body_of(
        para(1, ("I. ĐÁNH GIÁ", BOLD)),
        para(2, ("1. Hạn chế", BOLD)),
        para(3, ("1.1. ", ITALIC), ("Hạn chế:", ITALIC), (" Tuyên truyền chưa thường xuyên.", PLAIN)),
        para(4, ("Cần tập trung chỉ đạo quyết liệt hơn nữa.", BOLD)),
    )
    [section] = period["noi_dung"]
    [clause] = section["muc"]
    assert clause["muc"] == [
        {
            "van_ban": "*Hạn chế:* Tuyên truyền chưa thường xuyên.\n**Cần tập trung chỉ đạo quyết liệt hơn nữa.**"
        }
    ]
    assert period["danh_so"] == ["la_ma", "so", "so_phu"]


def test_bullets_typed_or_automatic_become_the_list_form() -> None:
    period = body_of(
        para(1, ("I. KẾT QUẢ", BOLD)),
        para(2, ("• Họp dân", PLAIN)),
        para(3, ("Tuyên truyền", PLAIN), label="-", fmt="bullet", level=0),
        para(4, ("qua loa", PLAIN), label="◦", fmt="bullet", level=1),
        para(5, ("- Gạch đầu dòng gõ tay", PLAIN)),
    )
    assert period["noi_dung"][0]["van_ban"].splitlines() == [
        "- Họp dân",
        "- Tuyên truyền",
        "+ qua loa",
        "- Gạch đầu dòng gõ tay",
    ]


# --- escaping -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "markup"),
    [
        ("Đạt 95% (*)", "Đạt 95% (\\*)"),
        ("chỉ tiêu {năm}", "chỉ tiêu \\{năm}"),
        ("xem [[nq25]] và [^1]", "xem \\[[nq25]] và \\[^1]"),
        ("#1 là số", "\\#1 là số"),
        ("đường dẫn C:\\x", "đường dẫn C:\\\\x"),
        ("[ngắt trang]", "\\[ngắt trang]"),
        ("[1] tài liệu", "[1] tài liệu"),
    ],
)
def test_text_that_would_read_as_markup_is_escaped(typed: str, markup: str) -> None:
    assert escape(typed) == markup


def test_runs_become_bold_italic_markup_and_footnote_references() -> None:
    runs = [
        Run("Đã ", PLAIN),
        Run("tiếp ", BOLD),
        Run("nhận", BOLD),
        Run(" ", PLAIN),
        Run("522", RunFormat(bold=True, italic=True)),
        Run(" hồ sơ*", ITALIC),
        Run("", PLAIN, footnote_id=7),
        Run("\nDòng mới", PLAIN),
    ]
    assert runs_markup(runs, lambda i: f"c{i}") == "Đã **tiếp nhận** ***522*** *hồ sơ\\**[^c7]\\\nDòng mới"


# --- tables ---------------------------------------------------------------------------------------


def table(rows: list[list[str]], bold_rows: tuple[int, ...] = (0,)) -> Table:
    index = 0
    out: list[list[list[Paragraph]]] = []
    for r, row in enumerate(rows):
        cells = []
        for text in row:
            index += 1
            cells.append([para(index, (text, BOLD if r in bold_rows else PLAIN))])
        out.append(cells)
    return Table(1, out, True)


def test_a_typed_total_row_is_removed_and_computed_again() -> None:
    notes: list = []
    data = read_table(
        table(
            [
                ["Thôn", "Số hộ", "Tỷ lệ %"],
                ["A", "120", "90"],
                ["B", "1.095", "80"],
                ["Tổng cộng", "1.215", ""],
            ]
        ),
        str,
        notes,
    )
    assert data["dong"] == [["A", "120", "90"], ["B", "1.095", "80"]]
    assert data["tong_cong"] == "có"
    assert data["cot"][2] == {"ten": "Tỷ lệ %", "tong": "không"}  # left blank in the typed total: not added
    assert not [n for n in notes if n.kind is NoteKind.TO_CHECK]


def test_a_typed_total_that_disagrees_is_noted_with_both_numbers() -> None:
    notes: list = []
    data = read_table(table([["Thôn", "Số hộ"], ["A", "120"], ["B", "95"], ["Cộng", "216"]]), str, notes)
    assert data["tong_cong"] == "Cộng"
    [check] = [n for n in notes if n.kind is NoteKind.TO_CHECK]
    assert "216" in check.message and "215" in check.message


def test_a_row_named_total_without_figures_stays_as_typed() -> None:
    data = read_table(table([["Nội dung", "Ghi chú"], ["A", "x"], ["Tổng", "y"]]), str, [])
    assert "tong_cong" not in data and data["dong"][-1] == ["Tổng", "y"]


def test_merged_header_cells_become_a_column_tree() -> None:
    data = read_table(
        table(
            [
                ["Giai đoạn", "Tuyên truyền", "Ghi chú"],
                ["", "Số cuộc", "Số người", ""],
                ["2013-2018", "96", "2.100", ""],
            ],
            bold_rows=(0, 1),
        ),
        str,
        [],
    )
    assert data["cot"] == [
        {"ten": "Giai đoạn"},
        {"ten": "Tuyên truyền", "cot": [{"ten": "Số cuộc"}, {"ten": "Số người"}]},
        {"ten": "Ghi chú"},
    ]


# --- citations ------------------------------------------------------------------------------------


def test_registry_documents_become_citations_only_when_number_and_date_agree() -> None:
    read = body_of(
        para(1, ("I. KẾT QUẢ", BOLD)),
        para(
            2,
            (
                "Thực hiện Nghị quyết số 25-NQ/TW ngày 03/6/2013 của Ban Chấp hành Trung ương Đảng (khóa XI).",
                PLAIN,
            ),
        ),
        para(3, ("Theo Nghị quyết số 25-NQ/TW ngày 23/6/2013 của Trung ương.", PLAIN)),
    )
    lines = read["noi_dung"][0]["van_ban"].splitlines()
    assert lines[0] == "Thực hiện [[nq25]]."
    assert lines[1] == "Theo Nghị quyết số 25-NQ/TW ngày 23/6/2013 của Trung ương."
    doc_notes = read_body(DocxDocument(), Components()).notes
    assert doc_notes == []


def test_a_wrong_date_of_a_registry_document_is_noted_with_both_dates() -> None:
    paragraphs = [
        para(1, ("I. KẾT QUẢ", BOLD)),
        para(2, ("Theo Nghị quyết số 25-NQ/TW ngày 23/6/2013.", PLAIN)),
    ]
    paragraphs.append(para(99, ("UBND xã kính báo cáo./.", PLAIN)))
    doc = DocxDocument(blocks=list(paragraphs), paragraphs=list(paragraphs))
    notes = read_body(doc, Components(body=paragraphs)).notes
    [check] = [n for n in notes if n.kind is NoteKind.TO_CHECK]
    assert "23/6/2013" in check.message and "03/6/2013" in check.message and check.paragraph == 2


# --- nothing dropped --------------------------------------------------------------------------------


def test_text_boxes_and_drawings_are_listed_and_their_text_kept() -> None:
    heading = para(1, ("I. KẾT QUẢ", BOLD))
    anchor = para(2, ("Đoạn có khung.", PLAIN))
    anchor.has_drawing = True
    box = para(3, ("Chữ trong khung", PLAIN))
    box.in_text_box = True
    doc = DocxDocument(blocks=[heading, anchor], paragraphs=[heading, anchor, box])
    result = read_body(doc, Components(body=[heading, anchor]))
    assert result.period["noi_dung"][0]["van_ban"].splitlines() == ["Đoạn có khung.", "Chữ trong khung"]
    assert sorted(n.paragraph for n in result.notes if n.kind is NoteKind.NOT_MAPPED) == [2, 3]


# --- a report typed in Word -----------------------------------------------------------------------

EXPECTED_BODY = [
    "Thực hiện Công văn số 1172/UBND ngày 06/6/2023 của UBND huyện Ba Tơ, UBND xã Ba Tô báo cáo như sau:",
    "I. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO",
    "UBND xã thường xuyên chỉ đạo thực hiện Nghị quyết số 25-NQ/TW ngày 03/6/2013 của Ban Chấp hành Trung ương"
    " Đảng (khóa XI) tại 02 thôn[^1].",
    "- Tuyên truyền bằng loa, pano;",
    "- Họp dân tại nhà văn hóa thôn.",
    "II. KẾT QUẢ THỰC HIỆN",
    "1. Tiếp dân, xử lý đơn thư",
    "Tỷ lệ giải quyết đạt 95% (*) theo chỉ tiêu {năm}; ghi chú [^x] và #1 như gõ.",
    "| Thôn | Số hộ | Số người |",
    "| Làng Xi 1 | 120 | 480 |",
    "| Mang Lùng 2 | 95 | 1.002 |",
    "| Tổng cộng | 215 | 1.482 |",
    "2. Cải cách hành chính",
    "Tiếp nhận 522 hồ sơ, giải quyết đúng hạn 473 hồ sơ.",
    "UBND xã Ba Tô kính báo cáo./.",
]


def _reader_lines(data: bytes) -> list[str]:
    """What a reader sees of a document: each paragraph with its automatic label, tables row by row."""
    doc = read_docx(data)
    lines: list[str] = []
    for block in doc.blocks:
        if isinstance(block, Table):
            for row in block.rows:
                lines.append("| " + " | ".join(" ".join(p.text for p in cell).strip() for cell in row) + " |")
            continue
        text = " ".join(block.text.replace("\t", " ").split())
        if text:
            lines.append(text)
    return lines


def test_the_handmade_report_reads_as_expected() -> None:
    """The python-docx report really has automatic numbering, a footnote and the table (the reader sees them)."""
    lines = _reader_lines(handmade_report())
    expected = [line.replace("[^1]", "") for line in EXPECTED_BODY]
    start = lines.index(expected[0])
    assert lines[start : start + len(expected)] == expected
    doc = read_docx(handmade_report())
    assert [p.label for p in doc.paragraphs if p.label] == ["I.", "-", "-", "II.", "1.", "2."]
    assert doc.footnotes[1].text == "Gồm thôn Làng Xi 1 và thôn Mang Lùng 2."


def test_a_report_typed_in_word_imports_into_data_that_renders_the_same(tmp_path: Path) -> None:
    body = import_body(handmade_report())
    (tmp_path / "don-vi.yaml").write_text(STATE_PROFILE, encoding="utf-8")
    frame = {
        "ke_thua": "don-vi.yaml",
        "so": 12,
        "ngay": "05/6/2023",
        "trich_yeu": "Kết quả công tác dân vận chính quyền 6 tháng đầu năm 2023",
        "noi_nhan": ["UBND huyện"],
        "luu": "VT",
    }
    result = built(write_period(tmp_path / "bao-cao.yaml", frame, body))
    assert result.data is not None
    assert not [d for d in result.diagnostics if d.is_error], [d.format() for d in result.diagnostics]
    text = document_text(result.data)
    lines = text.split("--- chú thích ---")[0].splitlines()
    start = lines.index(EXPECTED_BODY[0])
    assert lines[start : start + len(EXPECTED_BODY)] == EXPECTED_BODY
    assert text.split("--- chú thích ---")[1].strip() == "[1] Gồm thôn Làng Xi 1 và thôn Mang Lùng 2."
    assert body.period["chu_thich"] == {"c1": "Gồm thôn Làng Xi 1 và thôn Mang Lùng 2."}
    assert "[[nq25]]" in str(body.period["noi_dung"])


def test_a_list_typed_inside_a_point_stays_prose() -> None:
    period = body_of(
        para(1, ("I. KẾT QUẢ", BOLD)),
        para(2, ("1. Tiếp dân", BOLD)),
        para(3, ("a) Thường xuyên", BOLD)),
        para(4, ("1. Sáng thứ hai;", PLAIN)),
        para(5, ("2. Sáng thứ năm.", PLAIN)),
    )
    point = period["noi_dung"][0]["muc"][0]["muc"][0]
    assert point == {"tieu_de": "Thường xuyên", "van_ban": "1. Sáng thứ hai;\n2. Sáng thứ năm."}


def test_cells_keep_their_paragraphs_as_line_breaks_and_cite_known_documents() -> None:
    cell = [para(40, ("Nghị quyết số 25-NQ/TW ngày 03/6/2013", PLAIN)), para(41, ("đã quán triệt", PLAIN))]
    header = [[para(38, ("Văn bản", BOLD))], [para(39, ("Ghi chú", BOLD))]]
    data = read_table(
        Table(1, [header, [cell, [para(42, ("x", PLAIN))]]], True),
        str,
        [],
        lambda markup, _: markup.replace("Nghị quyết số 25-NQ/TW ngày 03/6/2013", "[[nq25|ngan]]"),
    )
    assert data["dong"] == [["[[nq25|ngan]]\\\nđã quán triệt", "x"]]


def test_a_footnote_on_a_heading_moves_to_the_end_of_the_first_paragraph() -> None:
    heading = para(1, ("I. KẾT QUẢ", BOLD))
    heading.runs.append(Run("", PLAIN, footnote_id=3))
    paragraphs = [heading, para(2, ("Nội dung.", PLAIN)), para(3, ("UBND xã kính báo cáo./.", PLAIN))]
    doc = DocxDocument(
        blocks=list(paragraphs), paragraphs=list(paragraphs), footnotes={3: Footnote(3, "Ghi chú.")}
    )
    result = read_body(doc, Components(body=paragraphs))
    assert result.period["noi_dung"] == [{"tieu_de": "KẾT QUẢ", "van_ban": "Nội dung.[^c1]"}]
    assert result.period["chu_thich"] == {"c1": "Ghi chú."}
    assert [n.paragraph for n in result.notes if n.kind is NoteKind.TO_CHECK] == [1]


def test_a_numbered_list_in_the_opening_does_not_take_the_first_level() -> None:
    period = body_of(
        para(1, ("Căn cứ:", PLAIN)),
        para(2, ("1. Kế hoạch số 47/KH-UBND;", PLAIN)),
        para(3, ("I. KẾT QUẢ", BOLD)),
        para(4, ("Nội dung.", PLAIN)),
    )
    assert period["mo_dau"] == "Căn cứ:\n1. Kế hoạch số 47/KH-UBND;"
    assert period["danh_so"] == ["la_ma"]
    assert period["noi_dung"] == [{"tieu_de": "KẾT QUẢ", "van_ban": "Nội dung."}]


def test_an_appendix_typed_after_the_closing_in_the_same_section_and_stray_text_are_kept() -> None:

    heading = para(1, ("I. KẾT QUẢ", BOLD))
    closing = para(2, ("UBND xã kính báo cáo./.", PLAIN))
    recipients = para(3, ("Nơi nhận:", BOLD))
    stray = para(4, ("(Đã ký và đóng dấu)", ITALIC))
    label = para(5, ("Phụ lục", BOLD))
    label.format = ParagraphFormat(alignment="center")
    title = para(6, ("DANH SÁCH MÔ HÌNH", BOLD))
    title.format = ParagraphFormat(alignment="center")
    listing = para(7, ("Mô hình “Lò đốt rác”.", PLAIN))
    paragraphs = [heading, closing, recipients, stray, label, title, listing]
    doc = DocxDocument(blocks=list(paragraphs), paragraphs=list(paragraphs))
    parts = Components(body=[heading, closing], recipients_title=Piece(recipients, "Nơi nhận:", (BOLD,), 0))
    result = read_body(doc, parts)
    assert result.period["ket_thuc"] == "UBND xã kính báo cáo./."
    assert result.period["phu_luc"] == [{"tieu_de": "DANH SÁCH MÔ HÌNH", "van_ban": "Mô hình “Lò đốt rác”."}]
    [stray_note] = [n for n in result.notes if n.kind is NoteKind.NOT_MAPPED]
    assert stray_note.paragraph == 4 and "Đã ký" in stray_note.message


def test_a_unit_document_typed_twice_is_declared_once_and_cited() -> None:
    period = body_of(
        para(1, ("Thực hiện Kế hoạch số 47/KH-UBND ngày 10/3/2023 của UBND huyện,", PLAIN)),
        para(2, ("I. KẾT QUẢ", BOLD)),
        para(3, ("Triển khai Kế hoạch số 47/KH-UBND ngày 10/3/2023 đầy đủ.", PLAIN)),
        para(4, ("Công văn số 12/UBND ngày 05/01/2023 và Công văn số 12/UBND ngày 15/01/2023.", PLAIN)),
    )
    assert period["van_ban_don_vi"] == {"kh47": {"loai": "Kế hoạch", "so": "47/KH-UBND", "ngay": "10/3/2023"}}
    assert period["mo_dau"] == "Thực hiện [[kh47|ngan]] của UBND huyện,"
    assert period["noi_dung"][0]["van_ban"].startswith(
        "Triển khai [[kh47|ngan]] đầy đủ.\nCông văn số 12/UBND"
    )


def test_two_dates_for_one_unit_document_are_noted() -> None:
    paragraphs = [
        para(1, ("I. KẾT QUẢ", BOLD)),
        para(2, ("Công văn số 12/UBND ngày 05/01/2023 và Công văn số 12/UBND ngày 15/01/2023.", PLAIN)),
    ]
    paragraphs.append(para(99, ("UBND xã kính báo cáo./.", PLAIN)))
    doc = DocxDocument(blocks=list(paragraphs), paragraphs=list(paragraphs))
    notes = read_body(doc, Components(body=paragraphs)).notes
    [check] = [n for n in notes if n.kind is NoteKind.TO_CHECK]
    assert "05/01/2023" in check.message and "15/01/2023" in check.message


def test_no_kind_is_suggested_for_an_unrelated_outline() -> None:
    paragraphs = [para(1, ("I. TÌNH HÌNH THỜI TIẾT", BOLD)), para(2, ("II. GIÁ LÚA GẠO", BOLD))]
    doc = DocxDocument(blocks=list(paragraphs), paragraphs=list(paragraphs))
    assert read_body(doc, Components(body=paragraphs)).suggested_kind is None


def test_a_word_number_that_starts_no_section_is_kept_in_the_text() -> None:
    period = body_of(
        para(1, ("I. KẾT QUẢ", BOLD)),
        para(2, ("Tiếp dân định kỳ.", PLAIN), label="1)", fmt="decimal", level=3),
        para(3, ("Tiếp dân đột xuất.", PLAIN), label="2)", fmt="decimal", level=3),
    )
    assert period["noi_dung"][0]["van_ban"] == "1) Tiếp dân định kỳ.\n2) Tiếp dân đột xuất."


def test_a_longer_number_is_not_taken_for_a_registry_document() -> None:
    paragraphs = [
        para(1, ("I. KẾT QUẢ", BOLD)),
        para(2, ("Theo Nghị quyết số 125-NQ/TW ngày 01/02/2020 của Trung ương.", PLAIN)),
    ]
    paragraphs.append(para(99, ("UBND xã kính báo cáo./.", PLAIN)))
    doc = DocxDocument(blocks=list(paragraphs), paragraphs=list(paragraphs))
    assert read_body(doc, Components(body=paragraphs)).notes == []


def test_a_missing_closing_sentence_is_noted() -> None:
    paragraphs = [para(1, ("I. KẾT QUẢ", BOLD)), para(2, ("Nội dung.", PLAIN))]
    doc = DocxDocument(blocks=list(paragraphs), paragraphs=list(paragraphs))
    result = read_body(doc, Components(body=paragraphs))
    assert "ket_thuc" not in result.period
    assert any("câu kết" in n.message for n in result.notes if n.kind is NoteKind.TO_CHECK)


def test_a_word_field_is_listed_and_its_shown_text_kept() -> None:
    heading = para(1, ("I. KẾT QUẢ", BOLD))
    dated = para(2, ("Cập nhật đến ngày 05/6/2023.", PLAIN))
    dated.fields = ("DATE",)
    doc = DocxDocument(blocks=[heading, dated], paragraphs=[heading, dated])
    result = read_body(doc, Components(body=[heading, dated]))
    assert result.period["noi_dung"][0]["van_ban"] == "Cập nhật đến ngày 05/6/2023."
    [note] = [n for n in result.notes if n.kind is NoteKind.NOT_MAPPED]
    assert note.paragraph == 2 and "DATE" in note.message and "05/6/2023" in note.message


def test_numbered_titles_typed_without_bold_inside_the_outline_are_headings() -> None:
    # seed 001: «I-» headings and «1. Thuận lợi» typed plain; a long numbered sentence stays a list item
    paragraphs = (
        para(1, ("1. Công tác lãnh đạo", PLAIN)),
        para(2, ("UBND xã báo cáo như sau:", PLAIN)),
        para(3, ("I-Đặc điểm tình hình", PLAIN)),
        para(4, ("1. Thuận lợi", PLAIN)),
        para(5, ("Phổ Hòa là một phường.", PLAIN)),
        para(6, ("2. Khó khăn", PLAIN)),
        para(7, ("Thời tiết bất thường.", PLAIN)),
        para(8, ("II- Nhiệm vụ, giải pháp", PLAIN)),
        para(9, ("1. Tiếp tục tuyên truyền, vận động Nhân dân.", PLAIN)),
        para(10, ("2. Tăng cường kiểm tra. Sơ kết hằng năm", PLAIN)),
    )
    doc = DocxDocument(blocks=list(paragraphs), paragraphs=list(paragraphs))
    body = read_body(doc, Components(body=list(paragraphs)))
    period = body.period
    assert [(n.paragraph, n.kind) for n in body.notes if "trước mục đầu tiên" in n.message] == [
        (1, NoteKind.TO_CHECK)
    ]
    assert period["danh_so"] == ["la_ma", "so"]
    # before the first section a numbered line stays in the opening, as typed, and is noted (seed 002)
    assert period["mo_dau"] == "1. Công tác lãnh đạo\nUBND xã báo cáo như sau:"
    first, second = period["noi_dung"]
    assert first == {
        "tieu_de": "Đặc điểm tình hình",
        "muc": [
            {"tieu_de": "Thuận lợi", "van_ban": "Phổ Hòa là một phường."},
            {"tieu_de": "Khó khăn", "van_ban": "Thời tiết bất thường."},
        ],
    }
    assert second == {
        "tieu_de": "Nhiệm vụ, giải pháp",
        "muc": [
            {"van_ban": "Tiếp tục tuyên truyền, vận động Nhân dân."},
            {"van_ban": "Tăng cường kiểm tra. Sơ kết hằng năm"},
        ],
    }


def test_a_part_title_typed_over_two_centred_lines_is_one_title_with_a_break() -> None:
    # seed 001: «Phần thứ hai» / «NHIỆM VỤ VÀ GIẢI PHÁP» / «TIẾP TỤC THỰC HIỆN …», each centred
    def centred(index: int, text: str) -> Paragraph:
        paragraph = para(index, (text, PLAIN))
        paragraph.format = ParagraphFormat(alignment="center")
        return paragraph

    period = body_of(
        centred(1, "Phần thứ hai"),
        centred(2, "NHIỆM VỤ VÀ GIẢI PHÁP"),
        centred(3, "TIẾP TỤC THỰC HIỆN CÓ HIỆU QUẢ NGHỊ QUYẾT 25"),
        para(4, ("I- Nhiệm vụ", PLAIN)),
        centred(5, "KHÔNG CÓ ĐỀ XUẤT KHÁC"),  # centred capitals under a section, not under a part title
    )
    [part] = period["noi_dung"]
    assert part["tieu_de"] == "NHIỆM VỤ VÀ GIẢI PHÁP\\\nTIẾP TỤC THỰC HIỆN CÓ HIỆU QUẢ NGHỊ QUYẾT 25"
    assert part["muc"] == [{"tieu_de": "Nhiệm vụ", "van_ban": "KHÔNG CÓ ĐỀ XUẤT KHÁC"}]
