"""Outline numbering and the body walk, called directly on small models."""

from __future__ import annotations

import pytest

from baocao_gen.codes import Code
from baocao_gen.compute import outline
from baocao_gen.compute.body import body, closing, opening
from baocao_gen.compute.locations import Locations
from baocao_gen.compute.outline import Numbering
from baocao_gen.document import Paragraph, Table
from baocao_gen.markup import plain_text
from compute_helpers import line_of, report_and_tree, resolver


def numbering(styles=("la_ma", "so", "chu"), tree=None) -> Numbering:
    return Numbering(list(styles), Locations(tree), [])


@pytest.mark.parametrize(
    ("kind", "index", "parent", "expected"),
    [
        ("phan", 2, "", "2"),
        ("la_ma", 4, "", "IV."),
        ("so", 3, "II", "3."),
        ("so_phu", 2, "1", "1.2."),
        ("so_phu", 2, "", "2."),
    ],
)
def test_each_style_numbers_from_position(kind, index, parent, expected):
    assert numbering().number(kind, index, parent, ("noi_dung", 0)) == expected


def test_points_are_lettered_without_f_j_w_z():
    letters = [numbering().number("chu", i, "", ("noi_dung", 0)) for i in range(1, 24)]
    assert letters[:6] == ["a)", "b)", "c)", "d)", "đ)", "e)"] and letters[6] == "g)" and letters[-1] == "y)"
    assert not {"f)", "j)", "w)", "z)"} & set(letters)


def test_a_24th_point_is_an_error_and_still_numbered():
    counted = numbering()
    assert counted.number("chu", 24, "", ("noi_dung", 23)) == "24)"
    [problem] = counted.diagnostics
    assert problem.code == Code.TOO_DEEP_OR_MANY and "23" in problem.message


def test_a_level_deeper_than_danh_so_is_an_error_and_gets_letters():
    counted = numbering(("la_ma", "so"))
    assert counted.level_style(1, ("noi_dung", 0)) == "so"
    assert counted.level_style(2, ("noi_dung", 0, "muc", 0, "muc", 0)) == "chu"
    [problem] = counted.diagnostics
    assert problem.code == Code.TOO_DEEP_OR_MANY and "cấp 3" in problem.message


def test_past_the_roman_limit_digits_follow_and_it_is_said_once(monkeypatch):
    monkeypatch.setattr(outline, "MAX_ROMAN_NUMBER", 2)
    counted = numbering()
    numbers = [counted.roman(i, ("phu_luc", i - 1), "phụ lục") for i in range(1, 6)]
    assert numbers == ["I", "II", "3", "4", "5"]
    [problem] = counted.diagnostics
    assert "phụ lục" in problem.message and "danh_so" not in problem.hint


PERIOD = """\
noi_dung:
  - tieu_de: Kết quả đạt được
    van_ban: Mở đầu mục.
    muc:
      - tieu_de: Công tác tiếp dân
        muc:
          - van_ban: Điểm không tiêu đề.
          - van_ban: Điểm thứ hai.
      - tieu_de: Công tác hồ sơ
        bang:
          - cot: [{ten: Đơn vị}, {ten: Số hồ sơ}]
            dong: [[Xã A, "12"], [Xã B, "30"]]
            tong_cong: có
  - tieu_de: Phương hướng
    van_ban_sau: Đoạn sau.
"""


def test_body_numbers_headings_and_points_from_position():
    report, tree = report_and_tree(PERIOD)
    text, _, _ = resolver(tree=tree)
    blocks = body(report.noi_dung, text, Numbering(report.danh_so, Locations(tree), text.diagnostics))
    paragraphs = [(b.style, plain_text(b.inlines)) for b in blocks if isinstance(b, Paragraph)]
    assert paragraphs == [
        ("Muc", "I. KẾT QUẢ ĐẠT ĐƯỢC"),
        ("VanBan", "Mở đầu mục."),
        ("Khoan", "1. Công tác tiếp dân"),
        ("VanBan", "a) Điểm không tiêu đề."),
        ("VanBan", "b) Điểm thứ hai."),
        ("Khoan", "2. Công tác hồ sơ"),
        ("Muc", "II. PHƯƠNG HƯỚNG"),
        ("VanBan", "Đoạn sau."),
    ]
    [table] = [b for b in blocks if isinstance(b, Table)]
    assert plain_text(table.rows[-1][1].inlines) == "42"
    assert text.diagnostics == []


def test_body_in_parts_and_sub_numbers():
    report, tree = report_and_tree(PERIOD + "danh_so: [phan, so_phu, so_phu]\n")
    text, _, _ = resolver(tree=tree)
    blocks = body(report.noi_dung, text, Numbering(report.danh_so, Locations(tree), text.diagnostics))
    shown = [plain_text(b.inlines) for b in blocks if isinstance(b, Paragraph)]
    assert shown[:3] == ["Phần thứ nhất", "KẾT QUẢ ĐẠT ĐƯỢC", "Mở đầu mục."]
    assert "1.1. Công tác tiếp dân" in shown and "1.1.2. Điểm thứ hai." in shown and "Phần thứ hai" in shown


def test_a_too_deep_section_is_located_at_its_lines():
    period = PERIOD + "danh_so: [la_ma, so]\n"
    report, tree = report_and_tree(period)
    numbering_ = Numbering(report.danh_so, Locations(tree), [])
    text, _, _ = resolver(tree=tree)
    body(report.noi_dung, text, numbering_)
    first, second = numbering_.diagnostics  # each item of the level is told, at its own line
    assert first.code == second.code == Code.TOO_DEEP_OR_MANY
    assert first.location.line == line_of(period, "- van_ban: Điểm không tiêu đề.")
    assert second.location.line == line_of(period, "- van_ban: Điểm thứ hai.")


def test_opening_from_can_cu_and_the_standard_closing():
    period = """\
    mo_dau:
      can_cu:
        - {loai: Kế hoạch, so: 12/KH-UBND, ngay: 03/01/2023, cua: UBND huyện, ve: công tác dân vận}
      bao_cao: UBND xã báo cáo kết quả như sau.
    """
    report, tree = report_and_tree(period)
    text, _, _ = resolver(tree=tree)
    first, second = opening(report, text)
    assert (
        plain_text(first.inlines)
        == "Thực hiện Kế hoạch số 12/KH-UBND ngày 03/01/2023 của UBND huyện về công tác dân vận."
    )
    assert plain_text(second.inlines) == "UBND xã báo cáo kết quả như sau."
    [end] = closing(report, text)
    assert plain_text(end.inlines) == "UBND xã Ba Tô kính báo cáo./." and end.keep_next
