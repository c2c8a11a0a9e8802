"""Every message a clerk can meet is Vietnamese and located, through the real entry point.

Each test runs `python -m baocao_gen` and checks that no English from click, PyYAML or pydantic
reaches the clerk, that a mistyped command or option comes with the closest right one, and that a
data error names the exact line and column.
"""

from __future__ import annotations

import re

import pytest

from baocao_gen import __version__
from test_cli import run

# Words of click's, PyYAML's and pydantic's English messages; none may reach a clerk.
ENGLISH = re.compile(
    r"\b(Option|argument|arguments|Usage|Missing|mapping|expected|found|while|scanning|parsing|could not|"
    r"Value error|Input should|No such|Did you mean|Got unexpected|Error|Invalid|required|document|token|"
    r"escape|character|stream|block end)\b",
    re.IGNORECASE,
)


def assert_vietnamese(text: str) -> None:
    """No English word of a library's message is in `text` (commands and key names may be ASCII)."""
    found = ENGLISH.findall(text)
    assert not found, (found, text)


# -- using the command the wrong way ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["render", "x.yaml", "-o"], "tùy chọn «-o» cần một giá trị viết ngay sau nó: -o TỆP."),
        (["init", "dan-van-chinh-quyen", "--he-thong"], "«--he-thong» cần một giá trị viết ngay sau nó: --he-thong HỆ_THỐNG."),
        (["render", "a.yaml", "b.yaml"], "lệnh «render» không nhận thêm «b.yaml»"),
        (["validate", "x.yaml", "--json=1"], "tùy chọn «--json» không nhận giá trị"),
        (["render", "x.yaml", "--jsn"], "lệnh «render» không có tùy chọn «--jsn»; có phải «--json»?"),
        (["render", "x.yaml", "--khong-co"], "lệnh «render» không có tùy chọn «--khong-co»."),
        (["render"], "thiếu tệp dữ liệu, ví dụ: baocao render bao-cao.yaml"),
        (["validate"], "thiếu tệp dữ liệu"),
        (["rendr", "x.yaml"], "không có lệnh «rendr»; có phải «render»?"),
        (["valdate"], "không có lệnh «valdate»; có phải «validate»?"),
        (["xyz"], "không có lệnh «xyz»; các lệnh: render, validate"),
        (["templates", "dan-van-chin"], "không có loại báo cáo «dan-van-chin»; có phải «dan-van-chinh-quyen»?"),
    ],
)
def test_usage_errors_are_vietnamese_with_a_suggestion(args, expected):
    proc = run(*args)
    assert proc.returncode == 2, proc.stderr
    assert expected in proc.stderr
    assert proc.stderr.startswith("baocao: lỗi cách dùng: ")
    assert_vietnamese(proc.stderr)
    assert "Traceback" not in proc.stderr


def test_extra_argument_mentions_quotes_for_a_path_with_spaces():
    proc = run("render", "D:\\Bao", "cao\\bc.yaml")
    assert proc.returncode == 2 and "không nhận thêm «cao\\bc.yaml»" in proc.stderr
    assert "đặt cả đường dẫn trong dấu nháy kép" in proc.stderr


@pytest.mark.parametrize("args", [["rendr", "--help"], ["rendr", "-h"], ["render", "--khong-co", "--help"]])
def test_help_after_a_mistyped_command_is_a_usage_error_not_a_success(args):
    proc = run(*args)
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert "lỗi cách dùng" in proc.stderr
    assert_vietnamese(proc.stderr)


def test_mistyped_command_with_help_suggests_the_command():
    proc = run("rendr", "--help")
    assert "không có lệnh «rendr»; có phải «render»?" in proc.stderr


@pytest.mark.parametrize("flag", ["--version", "-V"])
def test_version_option(flag):
    proc = run(flag)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == f"baocao-gen {__version__}"


def test_version_option_is_in_the_help():
    assert "--version" in run("--help").stdout


@pytest.mark.parametrize("command", ["render", "validate", "templates", "schema", "init", "trich-dan", "version"])
def test_help_placeholders_are_vietnamese(command):
    text = run(command, "--help").stdout
    for english in ("{kind}", "[kind]", "kind ", "KIND", "<str>", "<path>", "<text>", "PATH", "TEXT", "\\["):
        assert english not in text, (english, text)
    assert_vietnamese(text)


def test_help_names_the_kind_and_file_placeholders():
    init = run("init", "--help").stdout
    assert "LOẠI" in init and "-o, --output TỆP" in init and "--from TỆP" in init and "--he-thong HỆ_THỐNG" in init
    assert "-o, --output TỆP" in run("render", "--help").stdout
    assert "LOẠI" in run("schema", "--help").stdout and "LOẠI" in run("templates", "--help").stdout


# -- baocao templates KIND -------------------------------------------------------------------------


def test_templates_kind_shows_outline_figures_and_sentences():
    proc = run("templates", "dan-van-chinh-quyen")
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert out.startswith("dan-van-chinh-quyen: Báo cáo công tác dân vận chính quyền (6 tháng, năm) [Nhà nước]")
    # the outline: codes and titles, nested, required sections said so
    assert "\n  lanh_dao_chi_dao — Công tác lãnh đạo, chỉ đạo triển khai thực hiện (bắt buộc)\n" in out
    assert "\n    cai_cach_hanh_chinh — Công tác cải cách hành chính" in out
    assert "\n    uu_diem — Ưu điểm\n" in out
    # figures with what they count, totals the tool adds up, standard sentences
    assert "\n  ho_so.truc_tuyen — số hồ sơ tiếp nhận trực tuyến\n" in out
    assert "ho_so.tiep_nhan = ho_so.truc_tuyen + ho_so.truc_tiep" in out
    assert "\n  {cau.ho_so} — Tổng số hồ sơ tiếp nhận: {ho_so.tiep_nhan} hồ sơ;" in out
    assert "{cau.don_thu}" in out and "{cau.tiep_dan}" in out


def test_templates_kind_lists_appendices_and_declared_figures():
    out = run("templates", "tong-ket-nghi-quyet").stdout
    assert "Phụ lục có sẵn" in out and "\n  van_ban — Văn bản về lãnh đạo, chỉ đạo" in out
    kheo = run("templates", "dan-van-kheo").stdout
    assert "mo_hinh — Kết quả xây dựng, nhân rộng các mô hình, điển hình “Dân vận khéo” (bắt buộc; liệt kê các mô hình của mo_hinh)" in kheo
    assert "được để trống khi không có số liệu" in kheo


def test_templates_without_a_kind_still_lists_every_kind():
    proc = run("templates")
    assert proc.returncode == 0
    assert "dan-van-chinh-quyen" in proc.stdout and "baocao templates <loại>" in proc.stdout
