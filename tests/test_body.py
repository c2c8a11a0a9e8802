"""The body as a careful văn thư would type it: computed numbering, styles, tables, appendices, sections."""

from __future__ import annotations

import pytest

from conftest import PARTY_PROFILE, built, open_docx
from docx_helpers import W, body_text, footnote_texts, part, xml_text

EVERYTHING = """\
ke_thua: don-vi.yaml
so: 12
ngay: 05/6/2023
trich_yeu: Tổng kết 10 năm thực hiện [[nq25|so]]
danh_so: [phan, la_ma, so, chu]
so_lieu:
  dan_so: 4.675
  dien_tich: 1.626,5
noi_dung:
  - tieu_de: Kết quả 10 năm
    muc:
      - tieu_de: Đặc điểm tình hình
        van_ban: |
          Diện tích {dien_tich} ha, dân số {dan_so} người[^dan].
        muc:
          - tieu_de: Thuận lợi
            van_ban: |
              - Gạch đầu dòng.
              + Ý nhỏ.
          - tieu_de: Khó khăn
            muc:
              - tieu_de: Điểm a
              - tieu_de: Điểm b
              - tieu_de: Điểm c
              - tieu_de: Điểm d
              - tieu_de: Điểm đ
              - tieu_de: Điểm e
              - tieu_de: Điểm g
      - tieu_de: Bài học kinh nghiệm
        van_ban: |
          #là Thứ nhất.
          #là Thứ hai.
        bang:
          - tieu_de: Bảng trong thân
            cot:
              - ten: Năm
              - ten: Số cuộc
            dong:
              - ["2013", "5"]
              - ["2018", "1.200"]
            tong_cong: có
  - tieu_de: Nhiệm vụ và giải pháp
    muc:
      - tieu_de: Nhiệm vụ
        muc:
          - van_ban: |
              Không tiêu đề một.
          - van_ban: |
              Không tiêu đề hai.
chu_thich:
  dan: |
    Số liệu năm 2023.
    - theo thống kê của phường
phu_luc:
  - tieu_de: Kết quả thực hiện của HĐND - UBND
    huong: ngang
    bang:
      - cot:
          - ten: Giai đoạn
          - ten: Hội đồng nhân dân các cấp
            cot:
              - ten: Số lượng nghị quyết
              - ten: Giám sát chuyên đề
                cot:
                  - ten: Số cuộc
                  - ten: Số người tham gia
          - ten: Tỷ lệ %
            kieu: ti_le
        dong:
          - [2013-2018, 41, 21, 1.490, "100"]
          - [2019-2022, 52, 13, 1.450, "87,72"]
        tong_cong: có
  - tieu_de: Danh mục văn bản
    bang:
      - cot:
          - ten: TT
          - ten: Văn bản
            kieu: chu
        dong:
          - ["1", Kế hoạch số 05-KH/ĐU]
noi_nhan:
  - Ban Thường vụ Thị ủy
luu: Văn phòng Đảng ủy
"""


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    folder = tmp_path_factory.mktemp("body")
    (folder / "don-vi.yaml").write_text(PARTY_PROFILE, encoding="utf-8")
    (folder / "bao-cao.yaml").write_text(EVERYTHING, encoding="utf-8")
    data = built(folder / "bao-cao.yaml").data
    return data, open_docx(data)


def styled(document):
    return [(p.style.style_id, p.text) for p in document.paragraphs if p.text.strip()]


def test_headings_are_numbered_from_their_position(rendered):
    _, document = rendered
    found = styled(document)
    assert ("Phan", "Phần thứ nhất") in found
    assert ("PhanTieuDe", "KẾT QUẢ 10 NĂM") in found
    assert ("Muc", "I. ĐẶC ĐIỂM TÌNH HÌNH") in found
    assert ("Khoan", "1. Thuận lợi") in found
    assert ("Khoan", "2. Khó khăn") in found
    assert [t for s, t in found if s == "Diem"] == [
        "a) Điểm a",
        "b) Điểm b",
        "c) Điểm c",
        "d) Điểm d",
        "đ) Điểm đ",
        "e) Điểm e",
        "g) Điểm g",
    ]
    assert ("Muc", "II. BÀI HỌC KINH NGHIỆM") in found
    assert ("Phan", "Phần thứ hai") in found
    assert ("Muc", "I. NHIỆM VỤ") in found  # numbering restarts in each Phần
    assert ("VanBan", "1. Không tiêu đề một.") in found
    assert ("VanBan", "2. Không tiêu đề hai.") in found
    assert ("VanBan", "Một là, Thứ nhất.") in found


def test_heading_styles_follow_the_format_rules(rendered):
    _, document = rendered
    styles = document.styles
    assert styles["Mục (I.)"].font.bold is True
    assert styles["Khoản (1.)"].font.bold is True
    assert styles["Điểm (a)"].font.bold is not True
    body = styles["Văn bản"].paragraph_format
    assert abs(body.first_line_indent.cm - 1.27) < 0.01 and body.space_after.pt == 6 and body.alignment == 3


def test_figures_are_formatted_the_vietnamese_way(rendered):
    _, document = rendered
    assert "Diện tích 1.626,5 ha, dân số 4.675 người." in body_text(document)


def test_footnote_with_several_paragraphs(rendered):
    data, _ = rendered
    assert footnote_texts(data) == ["Số liệu năm 2023.\n- theo thống kê của phường"]


def _tables(data):
    return list(part(data, "word/document.xml").iter(f"{W}tbl"))


def _cell_texts(row):
    return [xml_text(tc) for tc in row.findall(f"{W}tc")]


def test_body_table_total_is_computed_and_numbers_right_aligned(rendered):
    data, _ = rendered
    table = [t for t in _tables(data) if "Bảng" not in xml_text(t) and len(t.findall(f"{W}tr")) == 4][0]
    rows = table.findall(f"{W}tr")
    assert _cell_texts(rows[2]) == ["2018", "1.200"]
    assert _cell_texts(rows[3]) == ["Tổng cộng", "1.205"]
    jc = rows[2].findall(f"{W}tc")[1].find(f".//{W}jc").get(f"{W}val")
    assert jc == "right"


def test_appendix_table_has_three_merged_header_rows_and_totals(rendered):
    data, _ = rendered
    table = [t for t in _tables(data) if "Giám sát chuyên đề" in xml_text(t)][0]
    rows = table.findall(f"{W}tr")
    assert len(table.find(f"{W}tblGrid").findall(f"{W}gridCol")) == 5
    headers = [r for r in rows if r.find(f"{W}trPr/{W}tblHeader") is not None]
    assert len(headers) == 3  # repeated on every page
    first = rows[0].findall(f"{W}tc")
    assert _cell_texts(rows[0]) == ["Giai đoạn", "Hội đồng nhân dân các cấp", "Tỷ lệ %"]
    assert first[0].find(f"{W}tcPr/{W}vMerge").get(f"{W}val") == "restart"
    assert first[1].find(f"{W}tcPr/{W}gridSpan").get(f"{W}val") == "3"
    assert _cell_texts(rows[1]) == ["", "Số lượng nghị quyết", "Giám sát chuyên đề", ""]
    assert rows[1].findall(f"{W}tc")[2].find(f"{W}tcPr/{W}gridSpan").get(f"{W}val") == "2"
    assert _cell_texts(rows[2]) == ["", "", "Số cuộc", "Số người tham gia", ""]
    assert _cell_texts(rows[3]) == ["2013-2018", "41", "21", "1.490", "100%"]
    assert _cell_texts(rows[-1]) == ["Tổng cộng", "93", "34", "2.940", ""]  # a rate is never summed


def test_sections_orientation_and_page_numbering(rendered):
    data, document = rendered
    sections = document.sections
    assert len(sections) == 3  # body, landscape appendix, portrait appendix
    assert sections[0].orientation == 0 and sections[0].page_width < sections[0].page_height
    assert sections[1].orientation == 1 and sections[1].page_width > sections[1].page_height
    assert sections[2].orientation == 0
    body = part(data, "word/document.xml").find(f"{W}body")
    inner = list(body.iter(f"{W}sectPr"))
    assert all(s.find(f"{W}headerReference") is not None for s in inner)  # page numbers in every section
    restart = [s.find(f"{W}pgNumType") is not None for s in inner]
    assert restart == [False, True, True]  # each appendix numbered on its own


def test_appendix_titles(rendered):
    _, document = rendered
    found = styled(document)
    assert ("PhuLucSo", "Phụ lục I") in found and ("PhuLucSo", "Phụ lục II") in found
    assert ("PhuLucTieuDe", "KẾT QUẢ THỰC HIỆN CỦA HĐND - UBND") in found
    assert any(s == "PhuLucPhu" and t.startswith("(Kèm theo Báo cáo số 12-BC/HU") for s, t in found)


def test_typed_total_row_and_bad_number_in_a_table_are_reported(make_report):
    period = EVERYTHING.replace('- ["2018", "1.200"]', '- ["2018", "1.2"]\n              - [Tổng cộng, "6"]')
    from baocao_gen.pipeline import check

    result = check(make_report(period, PARTY_PROFILE))
    assert {d.code for d in result.diagnostics} >= {"D104", "D123"}


_DOCUMENT_TABLE = """          - ten: TT
          - ten: Văn bản
            kieu: chu
        dong:
          - ["1", Kế hoạch số 05-KH/ĐU]"""


def _with_document_table(replacement: str) -> str:
    """Return the all-constructs report with its document-list appendix table replaced."""
    assert _DOCUMENT_TABLE in EVERYTHING
    return EVERYTHING.replace(_DOCUMENT_TABLE, replacement)


def test_group_rows_serial_numbers_markup_in_cells_and_blank_totals(make_report):
    period = _with_document_table(
        """          - ten: TT
            kieu: stt
          - ten: Văn bản
            kieu: chu
          - ten: Số hội thi
            kieu: so
        dong:
          - [Cấp phường]
          - ["", "Về “*Dân vận khéo*” theo [[nq25|so]]", ""]
          - ["", Kế hoạch số 05-KH/ĐU, ""]
        tong_cong: có""",
    ).replace("so: 12\n", "so:\n")
    data = built(make_report(period, PARTY_PROFILE)).data
    table = [t for t in _tables(data) if "Cấp phường" in xml_text(t)][0]
    rows = table.findall(f"{W}tr")
    group = rows[1].findall(f"{W}tc")
    assert len(group) == 1
    assert group[0].find(f"{W}tcPr/{W}gridSpan").get(f"{W}val") == "3"
    assert _cell_texts(rows[2]) == ["1", "Về “Dân vận khéo” theo Nghị quyết số 25-NQ/TW", ""]
    italic = [r for r in rows[2].iter(f"{W}r") if r.find(f"{W}rPr/{W}i") is not None]
    assert "".join(t.text for r in italic for t in r.iter(f"{W}t")) == "Dân vận khéo"
    assert _cell_texts(rows[3])[0] == "2"
    assert rows[2].findall(f"{W}tc")[0].find(f".//{W}jc").get(f"{W}val") == "center"
    assert _cell_texts(rows[-1]) == ["Tổng cộng", "", ""]  # nothing to add up: blank, not 0
    document = open_docx(data)
    attached = [p.text for p in document.paragraphs if p.style.style_id == "PhuLucPhu"]
    assert attached[0].startswith("(Kèm theo Báo cáo số      -BC/HU ngày 05 tháng 6 năm 2023")


def test_rows_may_leave_out_serial_columns_and_header_names_take_markup(make_report):
    period = _with_document_table(
        """          - ten: TT
            kieu: stt
          - ten: 'Văn bản "gốc"'
            kieu: chu
          - ten: Số lượng
        dong:
          - [Kế hoạch số 05-KH/ĐU, "5"]
          - [Công văn số 12-CV/ĐU, "1.200"]""",
    )
    data = built(make_report(period, PARTY_PROFILE)).data
    table = [t for t in _tables(data) if "Công văn số 12-CV/ĐU" in xml_text(t)][0]
    rows = table.findall(f"{W}tr")
    assert _cell_texts(rows[0]) == ["TT", "Văn bản “gốc”", "Số lượng"]
    assert _cell_texts(rows[1]) == ["1", "Kế hoạch số 05-KH/ĐU", "5"]
    assert _cell_texts(rows[2]) == ["2", "Công văn số 12-CV/ĐU", "1.200"]
