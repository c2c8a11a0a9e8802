"""Typed numbers where the tool prints its own (issue 10, point 1): warned at their character, cut from the output."""

from __future__ import annotations

from baocao_gen.codes import Code
from baocao_gen.integrity import check_typed
from baocao_gen.integrity.numbering import MarkerSequence, find_lead
from compute_helpers import line_of, report_and_tree
from conftest import built, open_docx
from docx_helpers import body_text


def diagnostics_of(period: str, code: Code | None = None):
    report, tree = report_and_tree(period)
    _, found = check_typed(report, tree)
    return [d for d in found if code is None or d.code == code]


def places(found) -> list[tuple[str, int, int, str | None]]:
    return [(d.code, d.location.line, d.location.column, d.value) for d in found]


TITLES = """\
noi_dung:
  - tieu_de: "III. ĐÁNH GIÁ CHUNG"
  - tieu_de: Tổ chức bộ máy
    muc:
      - tieu_de: "**7. Tổ chức bộ máy, cán bộ**"
      - tieu_de: "  f) Mô hình dân vận khéo"
      - tieu_de: "2.1. Lĩnh vực kinh tế"
      - tieu_de: "Một là, tăng cường lãnh đạo"
      - tieu_de: 05 năm thực hiện Kết luận 43
      - tieu_de: 2023 là năm bản lề
"""


def test_typed_lead_of_a_title_is_warned_at_its_character():
    found = diagnostics_of(TITLES, Code.TYPED_NUMBER)
    assert places(found) == [
        (Code.TYPED_NUMBER, line_of(TITLES, "III."), 15, "III."),
        (Code.TYPED_NUMBER, line_of(TITLES, "7. Tổ"), 21, "7."),
        (Code.TYPED_NUMBER, line_of(TITLES, "f) Mô"), 21, "f)"),
        (Code.TYPED_NUMBER, line_of(TITLES, "2.1."), 19, "2.1."),
        (Code.TYPED_NUMBER, line_of(TITLES, "Một là"), 19, "Một là,"),
    ]
    assert all(d.hint and d.hint.startswith("xóa «") for d in found)
    assert "f)" in found[2].message and "bảng chữ cái" in found[2].message


def test_typed_leads_are_cut_from_the_model():
    report, tree = report_and_tree(TITLES)
    cut, _ = check_typed(report, tree)
    titles = [cut.noi_dung[0].tieu_de, *(m.tieu_de for m in cut.noi_dung[1].muc)]
    assert titles == [
        "ĐÁNH GIÁ CHUNG",
        "**Tổ chức bộ máy, cán bộ**",
        "  Mô hình dân vận khéo",
        "Lĩnh vực kinh tế",
        "tăng cường lãnh đạo",
        "05 năm thực hiện Kết luận 43",
        "2023 là năm bản lề",
    ]


def test_a_skipped_heading_number_says_which_was_expected():
    period = """\
    noi_dung:
      - tieu_de: 1. Một
      - tieu_de: 2. Hai
      - tieu_de: 4. Bốn
    """
    found = diagnostics_of(period, Code.TYPED_NUMBER)
    assert "sau «2.» phải là «3.», không phải «4.»" in found[2].message
    assert "phải là" not in found[0].message + found[1].message


def test_untitled_item_and_model_names():
    period = """\
    noi_dung:
      - tieu_de: Kết quả
        muc:
          - van_ban: |
              1. Tiếp tục quán triệt các văn bản.
              Đoạn thứ hai.
    mo_hinh:
      - ten: a) Mô hình “Lò đốt rác”
      - ten: Mô hình “Camera an ninh”
    """
    found = diagnostics_of(period, Code.TYPED_NUMBER)
    assert [(d.location.line, d.location.column, d.value) for d in found] == [
        (line_of(period, "1. Tiếp"), 11, "1."),
        (line_of(period, "a) Mô"), 10, "a)"),
    ]
    report, tree = report_and_tree(period)
    cut, _ = check_typed(report, tree)
    assert cut.noi_dung[0].muc[0].van_ban.startswith("Tiếp tục quán triệt")
    assert cut.mo_hinh[0].ten == "Mô hình “Lò đốt rác”"


def test_titles_without_typed_numbers_pass():
    period = """\
    noi_dung:
      - tieu_de: Đánh giá chung
        van_ban: |
          Năm 2023, kết quả tốt.
          #. Một ý.
          #. Ý khác.
    """
    assert diagnostics_of(period) == []


def test_output_never_prints_two_numbers(make_report):
    period = """\
    ke_thua: don-vi.yaml
    so: 5
    ngay: 05/6/2023
    trich_yeu: Kết quả
    noi_dung:
      - tieu_de: "I. Kết quả"
      - tieu_de: "III. ĐÁNH GIÁ CHUNG"
        van_ban: |
          Đoạn văn.
    noi_nhan:
      - UBND huyện
    luu: VT
    """
    result = built(make_report(period))
    assert [d.code for d in result.diagnostics] == [Code.TYPED_NUMBER, Code.TYPED_NUMBER]
    text = body_text(open_docx(result.data))
    assert "II. ĐÁNH GIÁ CHUNG" in text
    assert not any("III." in line or "I. I." in line for line in text)


PROSE = """\
noi_dung:
  - tieu_de: Kết quả
    van_ban: |
      Các việc đã làm:
      1. Quán triệt.
      2. Tuyên truyền.
      4. Kiểm tra.
      4. Giám sát.
      a) Thôn một.
      e) Thôn hai.
      f) Thôn ba.
"""


def test_hand_typed_lists_in_prose_skipped_repeated_and_foreign_letters():
    found = diagnostics_of(PROSE, Code.LIST_SEQUENCE)
    assert [(d.location.line, d.location.column, d.value) for d in found] == [
        (line_of(PROSE, "4. Kiểm"), 7, "4."),
        (line_of(PROSE, "4. Giám"), 7, "4."),
        (line_of(PROSE, "e) Thôn"), 7, "e)"),
        (line_of(PROSE, "f) Thôn"), 7, "f)"),
    ]
    assert "sau «2.» phải là «3.»" in found[0].message
    assert "lặp lại" in found[1].message
    assert "sau «a)» phải là «b)»" in found[2].message
    assert "không có f, j, w, z" in found[3].message
    assert all("#." in (d.hint or "") for d in found)


def test_a_correct_hand_typed_list_and_typed_mixed_with_tool_markers():
    period = """\
    noi_dung:
      - tieu_de: Kết quả
        van_ban: |
          1. Quán triệt.
          2. Tuyên truyền.
          a) Thôn một.
          b) Thôn hai.
          3. Kiểm tra.
      - tieu_de: Hạn chế
        van_ban: |
          #. Một.
          2. Hai.
    """
    found = diagnostics_of(period, Code.LIST_SEQUENCE)
    assert [(d.location.line, d.value) for d in found] == [(line_of(period, "2. Hai"), "2.")]
    assert "lẫn vào nhau" in found[0].message


def test_find_lead_and_sequence_units():
    assert find_lead("I-Đặc điểm tình hình").shown == "I-"
    assert find_lead("1.836 hộ dân") is None
    assert find_lead("Ii. ý") is None
    sequence = MarkerSequence(strict_start=True)
    assert "chưa có «I.»" in sequence.feed(find_lead("III. Ba"))
    assert sequence.feed(find_lead("IV. Bốn")) is None
