"""Counts are counts: a figure that counts things is a whole number from 0 up, never blank by accident.

Lượt tiếp dân, hồ sơ, mô hình, đơn thư… declared by a report kind refuse a blank, a negative or a
fractional value at the line where it was typed, instead of printing it as typed or adding a blank up
as 0. Amounts, areas and rates (`kieu: so`) are not counts and stay unrestricted.
"""

from __future__ import annotations

import json
import re

import pytest

from baocao_gen.kinds import Figure, kind_names, load_kind
from baocao_gen.ooxml.text import document_text
from baocao_gen.pipeline import check
from baocao_gen.schema import json_schema
from baocao_gen.vietnamese import VietnameseValueError, parse_count
from conftest import PARTY_PROFILE
from test_cli import run

# --------------------------------------------------------------------------- data files

FIGURES = """\
  ho_so: {truc_tuyen: 113, truc_tiep: 407, buu_chinh: 1, buu_chinh_cong_ich: 0, ky_truoc: 1,
          truoc_han: 473, dung_han: 0, qua_han: 47, dang_trong_han: 2, dang_qua_han: 0}
  tiep_dan:
    thuong_xuyen: 12
    dinh_ky: 0
  don_thu:
    tiep_nhan: 1
    da_giai_quyet: 1
"""

STATE_PERIOD = """\
ke_thua: don-vi.yaml
loai: dan-van-chinh-quyen
so: 5
ngay: 05/6/2023
trich_yeu: Kết quả công tác dân vận chính quyền 6 tháng đầu năm 2023
so_lieu:
{figures}noi_dung:
  - ma: lanh_dao_chi_dao
    van_ban: |
      Đoạn văn.
  - ma: ket_qua
    muc:
      - ma: tiep_cong_dan
        van_ban: |
          UBND xã {{cau.tiep_dan}} {{cau.don_thu}}
  - ma: danh_gia
    van_ban: |
      Đánh giá.
  - ma: nhiem_vu
    van_ban: |
      Nhiệm vụ.
noi_nhan:
  - UBND huyện
luu: VT
"""

PARTY_PERIOD = """\
ke_thua: don-vi.yaml
loai: dan-van-kheo
so: 12
ngay: 05/12/2024
trich_yeu: kết quả thực hiện phong trào thi đua “Dân vận khéo” năm 2024
so_lieu:
  dang_ky: {{tap_the: 13, ca_nhan: 5}}
  cong_nhan: {{tap_the: 6, ca_nhan: 1}}
  dong_gop:
{dong_gop}noi_dung:
  - ma: lanh_dao_chi_dao
    van_ban: |
      Lãnh đạo.
  - ma: ket_qua
    muc:
      - ma: mo_hinh
        van_ban: |
          Có {{cau.dang_ky}}. {{cau.dong_gop}}
  - ma: danh_gia
    muc:
      - ma: uu_diem
        van_ban: |
          Ưu điểm.
      - ma: han_che
        van_ban: |
          Hạn chế.
  - ma: phuong_huong
    van_ban: |
      Phương hướng.
noi_nhan:
  - Ban Dân vận Huyện ủy
luu: Văn phòng Đảng ủy
"""


def state_period(**figures: str) -> str:
    """Return the state report with some figures typed differently (`thuong_xuyen="~"`)."""
    text = FIGURES
    for key, value in figures.items():
        text, found = re.subn(rf"(\b{key}:) [^,}}\n]+", rf"\g<1> {value}" if value else r"\g<1>", text, count=1)
        assert found, key
    return STATE_PERIOD.format(figures=text)


def party_period(**dong_gop: str) -> str:
    lines = "".join(f"    {key}: {value}\n" if value else f"    {key}:\n" for key, value in dong_gop.items())
    return PARTY_PERIOD.format(dong_gop=lines)


def line_col(text: str, needle: str) -> tuple[int, int]:
    """Return the 1-based line and column where `needle` starts in `text`."""
    index = text.index(needle)
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def errors(path):
    return [d for d in check(path).diagnostics if d.is_error]


# --------------------------------------------------------------------------- parse_count


@pytest.mark.parametrize(("text", "expected"), [("0", 0), ("7", 7), ("05", 5), ("1.836", 1836), ("12.345.678", 12345678)])
def test_a_count_is_a_whole_number_written_the_vietnamese_way(text, expected):
    assert parse_count(text) == expected


@pytest.mark.parametrize(
    ("text", "message", "hint"),
    [
        ("", "không được để trống", "gõ 0 nếu không có"),
        ("  ", "không được để trống", "gõ 0 nếu không có"),
        ("-3", "không được là số âm", "số đếm từ 0 trở lên, ví dụ 3"),
        ("−3", "không được là số âm", "số đếm từ 0 trở lên, ví dụ 3"),
        ("0,5", "không được có phần thập phân", "số đếm là số nguyên, không có dấu phẩy, ví dụ 1.836"),
        # decided: a decimal comma is refused even when the fraction is zero; the hint is the count
        ("1.836,0", "không được có phần thập phân", "1.836"),
        ("5.6", "dấu chấm chỉ dùng để tách hàng nghìn", "5,6"),
        ("5%", 'không được kèm ký hiệu "%"', 'Bỏ dấu %, ví dụ "5".'),
    ],
)
def test_blank_negative_and_fractional_counts_are_refused_with_a_hint(text, message, hint):
    with pytest.raises(VietnameseValueError) as caught:
        parse_count(text)
    assert message in caught.value.message
    assert caught.value.hint == hint


# --------------------------------------------------------------------------- so_lieu, through the pipeline


@pytest.mark.parametrize("blank", ["~", ""])
def test_a_blank_count_is_an_error_at_its_key(make_report, blank):
    text = state_period(thuong_xuyen=blank)
    [problem] = errors(make_report(text))
    assert problem.code == "D127"
    assert (problem.location.line, problem.location.column) == line_col(text, "thuong_xuyen:")
    assert problem.location.path == ("so_lieu", "tiep_dan", "thuong_xuyen")
    assert problem.value == blank
    assert problem.message == "Số đếm không được để trống (số lượt tiếp dân thường xuyên)."
    assert problem.hint == "gõ 0 nếu không có"


@pytest.mark.parametrize(
    ("value", "message"),
    [("-3", 'Số đếm "-3" không được là số âm'), ("0,5", 'Số đếm "0,5" không được có phần thập phân'), ("1.836,0", "phần thập phân")],
)
def test_a_negative_or_fractional_count_is_an_error_at_its_value(make_report, value, message):
    text = state_period(dinh_ky=value)
    [problem] = errors(make_report(text))
    assert problem.code == "D127"
    line, column = line_col(text, f"dinh_ky: {value}")
    assert (problem.location.line, problem.location.column) == (line, column + len("dinh_ky: "))
    assert problem.location.path == ("so_lieu", "tiep_dan", "dinh_ky")
    assert problem.value == value
    assert message in problem.message and "(số lượt lãnh đạo tiếp dân định kỳ)" in problem.message


def test_every_bad_count_is_reported_in_one_run(make_report):
    text = state_period(thuong_xuyen="~", dinh_ky="-3", tiep_nhan="0,5", qua_han="")
    found = {d.location.path[-1] for d in errors(make_report(text)) if d.code == "D127"}
    assert found == {"thuong_xuyen", "dinh_ky", "tiep_nhan", "qua_han"}


def test_an_inline_mapping_count_is_located_too(make_report):
    text = state_period(ky_truoc="-1")
    [problem] = errors(make_report(text))
    assert problem.location.path == ("so_lieu", "ho_so", "ky_truoc")
    line, column = line_col(text, "ky_truoc: -1")
    assert (problem.location.line, problem.location.column) == (line, column + len("ky_truoc: "))


def test_a_blank_figure_of_the_generic_kind_is_an_error_too(make_report):
    from conftest import PERIOD

    [problem] = errors(make_report(PERIOD + "so_lieu:\n  dan_so:\n  dien_tich: -1,5\n"))
    assert problem.code == "D127" and problem.location.path == ("so_lieu", "dan_so")
    assert problem.message == "Số liệu không được để trống."
    assert problem.hint == "gõ số, hoặc xóa dòng này nếu không dùng"


def test_amounts_and_areas_are_not_counts(make_report):
    result = check(make_report(party_period(ngay_cong="350", tien="1.626,5", dat="12,75"), PARTY_PROFILE))
    assert result.ok, [d.format() for d in result.diagnostics]


# --------------------------------------------------------------------------- through the CLI


def test_cli_blank_count_exits_1_naming_its_line_column_and_key(make_report, tmp_path):
    text = state_period(thuong_xuyen="~")
    line, column = line_col(text, "thuong_xuyen:")
    proc = run("render", make_report(text), "-o", tmp_path / "out.docx")
    assert proc.returncode == 1
    [message] = [m for m in proc.stderr.splitlines() if "D127" in m]
    assert f"bao-cao.yaml:{line}:{column}: lỗi: khóa «so_lieu.tiep_dan.thuong_xuyen» = \"~\": " in message
    assert "Số đếm không được để trống" in message and "(gợi ý: gõ 0 nếu không có)" in message
    assert "Traceback" not in proc.stderr
    assert not (tmp_path / "out.docx").exists()


@pytest.mark.parametrize(("value", "words"), [("-3", "số âm"), ("0,5", "phần thập phân")])
def test_cli_negative_or_fractional_count_exits_1(make_report, tmp_path, value, words):
    text = state_period(thuong_xuyen=value)
    line, _ = line_col(text, "thuong_xuyen:")
    proc = run("render", make_report(text), "-o", tmp_path / "out.docx")
    assert proc.returncode == 1
    [message] = [m for m in proc.stderr.splitlines() if "D127" in m]
    assert f":{line}:" in message and f"khóa «so_lieu.tiep_dan.thuong_xuyen» = \"{value}\"" in message
    assert words in message and "gợi ý:" in message
    assert not (tmp_path / "out.docx").exists()


def test_cli_validate_json_names_the_count(make_report):
    proc = run("validate", make_report(state_period(dinh_ky="0,5")), "--json")
    assert proc.returncode == 1
    [item] = json.loads(proc.stdout)
    assert item["code"] == "D127" and item["key"] == "so_lieu.tiep_dan.dinh_ky" and item["value"] == "0,5"


def test_cli_grouped_count_is_accepted_and_printed_as_typed(make_report, tmp_path):
    output = tmp_path / "out.docx"
    proc = run("render", make_report(state_period(thuong_xuyen="1.836")), "-o", output)
    assert proc.returncode == 0, proc.stderr
    text = document_text(output.read_bytes())
    assert "UBND xã tiếp dân thường xuyên: 1.836 lượt/người; Lãnh đạo tiếp dân định kỳ: 0 lượt/người." in text


# --------------------------------------------------------------------------- the kinds' declarations


def test_shipped_kinds_declare_only_amounts_and_areas_as_non_counts():
    declared = {
        (code, path): figure.kieu for code in kind_names() for path, figure in load_kind(code).figures.items() if not figure.is_count
    }
    assert declared == {("dan-van-kheo", "dong_gop.tien"): "so", ("dan-van-kheo", "dong_gop.dat"): "so"}


def test_schema_marks_counts():
    figures = json_schema("dan-van-kheo")["properties"]["so_lieu"]["properties"]
    count = figures["dang_ky"]["properties"]["tap_the"]
    assert count["minimum"] == 0 and "null" not in count["type"] and "số đếm" in count["description"]
    amount = figures["dong_gop"]["properties"]["tien"]
    assert "minimum" not in amount and "null" not in amount["type"]


def test_a_figure_written_as_a_description_is_a_count_that_must_be_typed():
    assert Figure("số hồ sơ") == Figure("số hồ sơ", "dem")
    assert Figure("số hồ sơ").is_count and not Figure("số tiền", "so").is_count
