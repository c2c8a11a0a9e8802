"""Counts are counts: a figure that counts things is a whole number from 0 up, never blank by accident.

Lượt tiếp dân, hồ sơ, mô hình, đơn thư… declared by a report kind (and the count columns of its
tables) refuse a blank, a negative or a fractional value at the line where it was typed. A figure the
kind declares `de_trong` may stay blank: its clause is left out of the standard sentence, so the
report never shows an empty number or a unit with nothing before it. Amounts, areas and rates
(`kieu: so`) are not counts and stay unrestricted.
"""

from __future__ import annotations

import dataclasses
import itertools
import json
import re
from decimal import Decimal

import pytest

from baocao_gen.compute import compute
from baocao_gen.kinds import (
    OPTIONAL_CLAUSE,
    Figure,
    Kind,
    _check_kind,
    compute_figures,
    kind_names,
    load_kind,
)
from baocao_gen.model import BaoCao
from baocao_gen.ooxml.text import document_text
from baocao_gen.pipeline import check
from baocao_gen.schema import json_schema
from baocao_gen.vietnamese import VietnameseValueError, parse_count
from conftest import PARTY_PROFILE, built, open_docx
from docx_helpers import all_paragraphs
from test_body import EVERYTHING
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
        text, found = re.subn(
            rf"(\b{key}:) [^,}}\n]+", rf"\g<1> {value}" if value else r"\g<1>", text, count=1
        )
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


@pytest.mark.parametrize(
    ("text", "expected"), [("0", 0), ("7", 7), ("05", 5), ("1.836", 1836), ("12.345.678", 12345678)]
)
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
    [
        ("-3", 'Số đếm "-3" không được là số âm'),
        ("0,5", 'Số đếm "0,5" không được có phần thập phân'),
        ("1.836,0", "phần thập phân"),
    ],
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


def test_a_count_of_a_kind_is_refused_blank_even_when_others_are_optional(make_report):
    [problem] = errors(make_report(party_period(ngay_cong="", tien="35.300.000"), PARTY_PROFILE))
    assert problem.code == "D127" and problem.location.path == ("so_lieu", "dong_gop", "ngay_cong")


# --------------------------------------------------------------------------- through the CLI


def test_cli_blank_count_exits_1_naming_its_line_column_and_key(make_report, tmp_path):
    text = state_period(thuong_xuyen="~")
    line, column = line_col(text, "thuong_xuyen:")
    proc = run("render", make_report(text), "-o", tmp_path / "out.docx")
    assert proc.returncode == 1
    [message] = [m for m in proc.stderr.splitlines() if "D127" in m]
    assert f'bao-cao.yaml:{line}:{column}: lỗi: khóa «so_lieu.tiep_dan.thuong_xuyen» = "~": ' in message
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
    assert f":{line}:" in message and f'khóa «so_lieu.tiep_dan.thuong_xuyen» = "{value}"' in message
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


# --------------------------------------------------------------------------- optional figures (de_trong)


def _paragraph_texts(data: bytes) -> list[str]:
    return [p.text for p in all_paragraphs(open_docx(data)) if p.text.strip()]


def test_cli_optional_blank_figure_leaves_its_clause_out(make_report, tmp_path):
    output = tmp_path / "out.docx"
    path = make_report(party_period(ngay_cong="350", tien="35.300.000", dat=""), PARTY_PROFILE)
    proc = run("render", path, "-o", output)
    assert proc.returncode == 0, proc.stderr
    paragraphs = _paragraph_texts(output.read_bytes())
    [sentence] = [p for p in paragraphs if "Nhân dân đóng góp" in p]
    assert sentence.endswith("Nhân dân đóng góp 350 ngày công, 35.300.000 đồng.")
    for paragraph in paragraphs:
        assert "  " not in paragraph, paragraph
        assert not re.search(r"\s[.,;:]", paragraph), paragraph
    body = "\n".join(paragraphs)
    assert "m² đất" not in body and "hiến" not in body and "[" not in body and "{" not in body


@pytest.mark.parametrize(
    ("tien", "dat", "expected"),
    [
        ("35.300.000", "440", "Nhân dân đóng góp 350 ngày công, 35.300.000 đồng và hiến 440 m² đất."),
        ("", "440", "Nhân dân đóng góp 350 ngày công và hiến 440 m² đất."),
        ("~", "", "Nhân dân đóng góp 350 ngày công."),
    ],
)
def test_every_combination_of_optional_figures_reads_well(make_report, tien, dat, expected):
    data = built(make_report(party_period(ngay_cong="350", tien=tien, dat=dat), PARTY_PROFILE)).data
    [sentence] = [p for p in _paragraph_texts(data) if "Nhân dân đóng góp" in p]
    assert sentence == "Có 13 tập thể, 05 cá nhân đăng ký thực hiện mô hình. " + expected


def test_an_optional_figure_left_out_entirely_is_like_a_blank_one(make_report):
    text = party_period(ngay_cong="350", tien="35.300.000")
    data = built(make_report(text, PARTY_PROFILE)).data
    assert any(p.endswith("350 ngày công, 35.300.000 đồng.") for p in _paragraph_texts(data))


def test_prose_that_prints_a_blank_optional_figure_is_an_error_in_the_prose(make_report):
    text = party_period(ngay_cong="350", tien="", dat="440").replace(
        "{cau.dong_gop}", "Góp {dong_gop.tien} đồng."
    )
    [problem] = errors(make_report(text, PARTY_PROFILE))
    assert problem.code == "D121"
    assert problem.message == "số liệu «dong_gop.tien» để trống nên không in được ở đây."
    assert problem.location.line == line_col(text, "Có {cau.dang_ky}")[0]


def test_every_standard_sentence_reads_well_whatever_optional_figure_is_blank():
    """For every shipped kind, sentence and subset of blank optional figures: no empty number, no double
    space, no space before punctuation, no bracket or brace left in the text."""
    checked = 0
    for code in kind_names():
        kind = load_kind(code)
        optional = [path for path, figure in kind.figures.items() if figure.de_trong]
        for name, template in kind.cau.items():
            used = [path for path in optional if "{" + path in template]
            for size in range(len(used) + 1):
                for blank in itertools.combinations(used, size):
                    text = _sentence_text(kind, name, set(blank))
                    assert "  " not in text and not re.search(r"\s[.,;:)]|\(\s|[\[\]{}]", text), (
                        code,
                        name,
                        blank,
                        text,
                    )
                    checked += 1
    assert checked >= 4  # dong_gop alone has four combinations


def _sentence_text(kind: Kind, name: str, blank: set[str]) -> str:
    figures: dict = {}
    for path, figure in kind.figures.items():
        node = figures
        *groups, leaf = path.split(".")
        for group in groups:
            node = node.setdefault(group, {})
        node[leaf] = None if path in blank else 7 if figure.is_count else Decimal("1626.5")
    figures, _ = compute_figures(kind, figures)
    system = kind.he_thong[0]
    report = BaoCao.model_validate(
        {
            "he_thong": system,
            "loai": kind.ma,
            "co_quan_ban_hanh": "ỦY BAN NHÂN DÂN XÃ BA TÔ",
            "viet_tat": "UBND",
            "dia_danh": "Ba Tô",
            "trich_yeu": "Báo cáo",
            "nguoi_ky": {"ho_ten": "Phạm Văn Hiền"},
            "noi_dung": [{"tieu_de": "Mục", "van_ban": "{cau." + name + "}"}],
        }
    )
    plan, problems = compute(report, None, figures)
    assert not [p for p in problems if p.is_error], [p.format() for p in problems]
    [_, paragraph] = plan.slots["noi_dung"]
    return "".join(run.text for run in paragraph.inlines)


# --------------------------------------------------------------------------- totals


def test_a_total_is_not_computed_from_some_of_its_parts(make_report):
    text = (
        state_period()
        .replace(" ky_truoc: 1,", "")
        .replace("{cau.tiep_dan} {cau.don_thu}", "nhận {ho_so.tiep_nhan} hồ sơ.")
    )
    [problem] = errors(make_report(text))
    assert problem.code == "D121"
    assert problem.message == "số tổng «ho_so.tiep_nhan» không cộng được vì chưa có: ho_so.ky_truoc."


def test_a_sentence_needing_a_missing_figure_names_it(make_report):
    text = state_period().replace("    thuong_xuyen: 12\n", "")
    [problem] = errors(make_report(text))
    assert problem.code == "D121"
    assert (
        problem.message
        == "câu chuẩn «cau.tiep_dan» cần số liệu chưa có hoặc để trống: tiep_dan.thuong_xuyen."
    )


# --------------------------------------------------------------------------- tables

APPENDIX = """\
phu_luc:
  - ma: luc_luong_vu_trang
    dong:
      - [2013-2018, 96, 2.100, 9, 9, 9, 0, 0, 3, 3, 0]
      - [2019-2022, {cell}, 1.780, 11, 11, 11, 0, 0, 5, 5, 0]
  - ma: dan_van_kheo
    dong:
      - [2013 - 2018, 7, 0, 2, 4, 0, "", "", "", 1, 1]
      - [2019 - 2022, 25, 1, 11, 10, 5, "", "", "", "", 1]
"""

TONG_KET = """\
ke_thua: don-vi.yaml
loai: tong-ket-nghi-quyet
so: 5
ngay: 05/6/2023
trich_yeu: Tổng kết 10 năm thực hiện Nghị quyết 25
noi_dung:
  - ma: ket_qua
    van_ban: |
      Kết quả.
noi_nhan:
  - UBND huyện
luu: VT
"""


@pytest.mark.parametrize(
    ("cell", "words"), [('"-3"', "số âm"), ('"0,5"', "phần thập phân"), ('""', "để trống")]
)
def test_a_bad_cell_of_a_kind_count_column_is_an_error_at_the_cell(make_report, cell, words):
    text = TONG_KET + APPENDIX.format(cell=cell)
    [problem] = [d for d in errors(make_report(text)) if d.code == "D127"]
    assert problem.location.path == ("phu_luc", 0, "dong", 1, 1)
    assert (problem.location.line, problem.location.column) == line_col(text, cell + ", 1.780")
    assert words in problem.message
    assert "(cột «Lực lượng vũ trang / Việc tuyên truyền vận động nhân dân / Số cuộc»)" in problem.message


def test_blank_cells_are_allowed_where_the_kind_says_so_and_left_out_of_totals(make_report):
    text = document_text(built(make_report(TONG_KET + APPENDIX.format(cell="70"))).data)
    assert "| 2019 - 2022 | 25 | 1 | 11 | 10 | 5 |  |  |  |  | 1 |" in text
    # a column with no figure at all has no total (blank, not 0); a column with one blank adds the others
    assert "| Tổng cộng | 32 | 1 | 13 | 14 | 5 |  |  |  | 1 | 2 |" in text


def test_a_clerk_declared_count_column_is_checked_and_other_columns_are_not(make_report):
    counted = EVERYTHING.replace(
        "              - ten: Số cuộc\n", "              - ten: Số cuộc\n                kieu: dem\n", 1
    )
    assert counted != EVERYTHING
    bad = counted.replace('- ["2018", "1.200"]', '- ["2018", "1,5"]')
    [problem] = [d for d in errors(make_report(bad, PARTY_PROFILE)) if d.code == "D127"]
    assert problem.location.path == ("noi_dung", 0, "muc", 1, "bang", 0, "dong", 1, 1)
    assert problem.value == "1,5"
    unchecked = EVERYTHING.replace('- ["2018", "1.200"]', '- ["2018", "1,5"]')
    assert check(make_report(unchecked, PARTY_PROFILE)).ok


def test_a_table_typed_under_an_appendix_with_a_layout_is_located_where_it_was_typed(make_report):
    text = (
        TONG_KET
        + APPENDIX.format(cell="70")
        + """\
    bang:
      - cot:
          - ten: Năm
          - {ten: Số hội nghị, kieu: dem}
        dong:
          - ["2023", "-2"]
"""
    )
    [problem] = [d for d in errors(make_report(text)) if d.code == "D127"]
    assert problem.location.path == ("phu_luc", 1, "bang", 0, "dong", 0, 1)
    assert (problem.location.line, problem.location.column) == line_col(text, '"-2"')


# --------------------------------------------------------------------------- the kinds' declarations


def test_shipped_kinds_declare_only_amounts_and_areas_as_non_counts():
    declared = {
        (code, path): (figure.kieu, figure.de_trong)
        for code in kind_names()
        for path, figure in load_kind(code).figures.items()
        if not figure.is_count or figure.de_trong
    }
    assert declared == {
        ("dan-van-kheo", "dong_gop.tien"): ("so", True),
        ("dan-van-kheo", "dong_gop.dat"): ("so", True),
    }


def test_a_kind_may_not_print_or_add_up_an_optional_figure_outside_a_clause():
    base = load_kind("dan-van-kheo")
    with pytest.raises(ValueError, match="outside"):
        _check_kind(dataclasses.replace(base, cau={"x": "Đóng góp {dong_gop.dat} m²."}))
    with pytest.raises(ValueError, match="adds up"):
        _check_kind(dataclasses.replace(base, tinh={"dong_gop.tong": ("dong_gop.tien", "dong_gop.dat")}))
    with pytest.raises(ValueError, match="no optional figure"):
        _check_kind(dataclasses.replace(base, cau={"x": "Có[ {dong_gop.ngay_cong} ngày công]."}))
    assert OPTIONAL_CLAUSE.findall(base.cau["dong_gop"]) == [
        ", {dong_gop.tien} đồng",
        " và hiến {dong_gop.dat} m² đất",
    ]


def test_schema_marks_counts_and_optional_figures():
    figures = json_schema("dan-van-kheo")["properties"]["so_lieu"]["properties"]
    count = figures["dang_ky"]["properties"]["tap_the"]
    assert count["minimum"] == 0 and "null" not in count["type"] and "số đếm" in count["description"]
    amount = figures["dong_gop"]["properties"]["tien"]
    assert "minimum" not in amount and "null" in amount["type"]


def test_skeleton_says_which_figures_may_stay_blank(tmp_path):
    target = tmp_path / "bao-cao.yaml"
    assert run("init", "dan-van-kheo", "-o", target).returncode == 0
    text = target.read_text(encoding="utf-8")
    assert re.search(
        r"dat: <điền số> +# diện tích đất hiến, đơn vị m²; không có thì xóa <điền số>, để trống", text
    )
    assert re.search(r"ngay_cong: <điền số> +# số ngày công\n", text)


def test_a_figure_written_as_a_description_is_a_count_that_must_be_typed():
    assert Figure("số hồ sơ") == Figure("số hồ sơ", "dem", False)
    assert Figure("số hồ sơ").is_count and not Figure("số tiền", "so").is_count
