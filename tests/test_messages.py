"""Every message a clerk can meet is Vietnamese and located, through the real entry point.

Each test runs `python -m baocao_gen` and checks that no English from click, PyYAML or pydantic
reaches the clerk, that a mistyped command or option comes with the closest right one, and that a
data error names the exact line and column.
"""

from __future__ import annotations

import errno
import json
import re

import pytest

from baocao_gen import __version__
from conftest import PERIOD
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
        (
            ["init", "dan-van-chinh-quyen", "--he-thong"],
            "«--he-thong» cần một giá trị viết ngay sau nó: --he-thong HỆ_THỐNG.",
        ),
        (["render", "a.yaml", "b.yaml"], "lệnh «render» không nhận thêm «b.yaml»"),
        (["validate", "x.yaml", "--json=1"], "tùy chọn «--json» không nhận giá trị"),
        (["render", "x.yaml", "--jsn"], "lệnh «render» không có tùy chọn «--jsn»; có phải «--json»?"),
        (["render", "x.yaml", "--khong-co"], "lệnh «render» không có tùy chọn «--khong-co»."),
        (["render"], "thiếu tệp dữ liệu, ví dụ: baocao render bao-cao.yaml"),
        (["validate"], "thiếu tệp dữ liệu"),
        (["rendr", "x.yaml"], "không có lệnh «rendr»; có phải «render»?"),
        (["valdate"], "không có lệnh «valdate»; có phải «validate»?"),
        (["xyz"], "không có lệnh «xyz»; các lệnh: render, validate"),
        (
            ["templates", "dan-van-chin"],
            "không có loại báo cáo «dan-van-chin»; có phải «dan-van-chinh-quyen»?",
        ),
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


@pytest.mark.parametrize(
    "command", ["render", "validate", "templates", "schema", "init", "trich-dan", "version"]
)
def test_help_placeholders_are_vietnamese(command):
    text = run(command, "--help").stdout
    for english in ("{kind}", "[kind]", "kind ", "KIND", "<str>", "<path>", "<text>", "PATH", "TEXT", "\\["):
        assert english not in text, (english, text)
    assert_vietnamese(text)


def test_help_names_the_kind_and_file_placeholders():
    init = run("init", "--help").stdout
    assert (
        "LOẠI" in init
        and "-o, --output TỆP" in init
        and "--from TỆP" in init
        and "--he-thong HỆ_THỐNG" in init
    )
    assert "-o, --output TỆP" in run("render", "--help").stdout
    assert "LOẠI" in run("schema", "--help").stdout and "LOẠI" in run("templates", "--help").stdout


# -- baocao templates KIND -------------------------------------------------------------------------


def test_templates_kind_shows_outline_figures_and_sentences():
    proc = run("templates", "dan-van-chinh-quyen")
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert out.startswith(
        "dan-van-chinh-quyen: Báo cáo công tác dân vận chính quyền (6 tháng, năm) [Nhà nước]"
    )
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
    assert (
        "mo_hinh — Kết quả xây dựng, nhân rộng các mô hình, điển hình “Dân vận khéo” (bắt buộc; liệt kê các mô hình của mo_hinh)"
        in kheo
    )
    assert "được để trống khi không có số liệu" in kheo


def test_templates_without_a_kind_still_lists_every_kind():
    proc = run("templates")
    assert proc.returncode == 0
    assert "dan-van-chinh-quyen" in proc.stdout and "baocao templates <loại>" in proc.stdout


# -- YAML syntax errors ----------------------------------------------------------------------------


def validate_lines(make_report, text: str) -> list[str]:
    """Run `baocao validate` in the data file's folder; return its lines of diagnostics (exit 1 expected)."""
    path = make_report(text)
    proc = run("validate", path.name, cwd=path.parent)
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    return [line for line in proc.stderr.splitlines() if line.strip()]


def one_error(make_report, text: str) -> str:
    [line] = validate_lines(make_report, text)
    assert_vietnamese(line)
    return line


def test_colon_inside_a_value_is_explained_at_the_colon(make_report):
    line = one_error(
        make_report, PERIOD.replace("trich_yeu: Kết quả công tác", "trich_yeu: Kết quả: công tác")
    )
    assert line.startswith(
        "bao-cao.yaml:4:19: lỗi: sai cú pháp YAML: giá trị có dấu hai chấm «: » mà không đặt trong dấu nháy"
    )
    assert (
        'gợi ý: đặt cả giá trị trong dấu nháy: trich_yeu: "Kết quả: công tác dân vận 6 tháng đầu năm 2023"'
        in line
    )


def test_a_key_indented_under_a_value_is_explained(make_report):
    line = one_error(make_report, PERIOD.replace("so: 5\n", "so: 5\n  ngay_ky: 3\n"))
    assert "bao-cao.yaml:3:3: lỗi: sai cú pháp YAML: dòng này thụt vào sâu hơn dòng 2" in line


def test_missing_space_after_a_colon_points_at_the_line_that_lacks_it(make_report):
    line = one_error(make_report, PERIOD.replace("so: 5\n", "so:5\n"))
    assert (
        line.startswith("bao-cao.yaml:2:4: lỗi: sai cú pháp YAML: thiếu dấu cách sau dấu hai chấm")
        and "viết «so: 5»" in line
    )


def test_line_without_a_colon_is_explained_where_it_starts(make_report):
    line = one_error(make_report, PERIOD.replace("luu: VT\n", "luu VT\n"))
    assert line.startswith("bao-cao.yaml:11:1: lỗi: sai cú pháp YAML: dòng này không có dạng «khóa: giá trị»")


def test_a_tab_is_named_and_located(make_report):
    line = one_error(make_report, PERIOD.replace("  - UBND huyện", "\t- UBND huyện"))
    assert (
        line.startswith("bao-cao.yaml:10:1: lỗi: sai cú pháp YAML: có ký tự Tab ở đây") and "dấu cách" in line
    )


def test_backslash_in_double_quotes_points_at_the_backslash_and_offers_single_quotes(make_report):
    line = one_error(make_report, PERIOD.replace("luu: VT", 'luu: "D:\\DuLieu"'))
    assert line.startswith(
        "bao-cao.yaml:11:9: lỗi: sai cú pháp YAML: trong dấu nháy kép, «\\» mở đầu một ký tự đặc biệt"
    )
    assert "«\\D» không phải ký tự nào" in line
    assert "dùng dấu nháy đơn: 'D:\\DuLieu'" in line and "khối `|`" not in line


def test_unclosed_quote_is_reported_at_the_quote(make_report):
    line = one_error(make_report, PERIOD.replace("luu: VT", 'luu: "VT'))
    assert line.startswith(
        'bao-cao.yaml:11:6: lỗi: sai cú pháp YAML: dấu nháy «"» mở ở đây không có dấu nháy đóng'
    )


def test_unclosed_quote_closed_by_a_later_quote_is_reported_at_its_opening(make_report):
    text = PERIOD.replace("so: 5", 'so: "5').replace("Đoạn văn thứ nhất.", 'Đoạn văn "thứ nhất" *đậm*.')
    line = one_error(make_report, text)
    assert line.startswith(
        'bao-cao.yaml:2:5: lỗi: sai cú pháp YAML: dấu nháy «"» mở ở đây không được đóng trên dòng này'
    )
    assert "sang dòng 8" in line


def test_text_after_a_closing_quote_offers_the_whole_value_quoted(make_report):
    line = one_error(make_report, PERIOD.replace("luu: VT", 'luu: "VT" và lưu trữ'))
    assert line.startswith('bao-cao.yaml:11:11: lỗi: sai cú pháp YAML: có chữ sau dấu nháy đóng «"»')
    assert "luu: '\"VT\" và lưu trữ'" in line


def test_misaligned_key_names_the_block_it_breaks(make_report):
    line = one_error(make_report, PERIOD.replace("    van_ban: |", "   van_ban: |"))
    assert line.startswith("bao-cao.yaml:7:4: lỗi: sai cú pháp YAML: dòng này thụt đầu dòng không khớp")
    assert "bắt đầu ở dòng 6, cột 3" in line


def test_misaligned_list_item(make_report):
    line = one_error(make_report, PERIOD.replace("  - UBND huyện", "  - UBND huyện\n - UBND tỉnh"))
    assert line.startswith("bao-cao.yaml:11:2: lỗi: sai cú pháp YAML: gạch đầu dòng «- » này không thẳng cột")


def test_second_document_is_explained(make_report):
    line = one_error(make_report, PERIOD + "---\nso: 6\n")
    assert line.startswith(
        "bao-cao.yaml:12:1: lỗi: sai cú pháp YAML: dòng «---» ở đây mở một tài liệu YAML thứ hai"
    )


def test_a_citation_starting_a_value_is_explained_with_the_value_quoted(make_report):
    line = one_error(make_report, PERIOD.replace("trich_yeu: Kết quả", "trich_yeu: [[nq25|ngan]] và kết quả"))
    assert line.startswith(
        "bao-cao.yaml:4:26: lỗi: sai cú pháp YAML: giá trị bắt đầu bằng «[» nên YAML đọc phần đầu của nó là một danh sách"
    )
    assert 'gợi ý: đặt cả giá trị trong dấu nháy: trich_yeu: "[[nq25|ngan]] và kết quả công tác' in line


@pytest.mark.parametrize(
    ("typed", "hint"),
    [("trich_yeu: [[nq25]]", '"[[nq25]]"'), ("trich_yeu: {cau.ho_so}", '"{cau.ho_so}"')],
)
def test_a_citation_or_figure_that_is_the_whole_value_gets_the_quoted_form(make_report, typed, hint):
    line = one_error(
        make_report, PERIOD.replace("trich_yeu: Kết quả công tác dân vận 6 tháng đầu năm 2023", typed)
    )
    assert (
        line.startswith("bao-cao.yaml:4:12: lỗi: khóa «trich_yeu»: cần một dòng chữ.")
        and f"dấu nháy kép: {hint})" in line
    )


def test_unclosed_bracket_is_reported_at_the_bracket(make_report):
    line = one_error(
        make_report, PERIOD.replace("noi_nhan:\n  - UBND huyện\n", "noi_nhan: [UBND huyện, UBND tỉnh\n")
    )
    assert line.startswith(
        "bao-cao.yaml:9:11: lỗi: sai cú pháp YAML: ngoặc vuông «[» mở ở đây chưa được đóng"
    )


@pytest.mark.parametrize(
    ("typed", "column", "words"),
    [
        ("luu: @VT", 6, "không được bắt đầu bằng «@»"),
        ("luu: `VT`", 6, "không được bắt đầu bằng «`»"),
        ("luu: |VT", 7, "sau dấu «|» chỉ được xuống dòng"),
        ("luu: - VT", 6, "gạch đầu dòng «- » không viết được ngay sau «khóa:»"),
        ("luu: [VT, , A]", 11, "thiếu một mục trước dấu phẩy này"),
        ("luu: ]", 6, "dấu «]» này không có dấu «[» mở tương ứng"),
        ("luu: [VT}", 9, "YAML gặp «}» ở chỗ cần dấu phẩy hoặc «]»"),
    ],
)
def test_other_syntax_errors_are_vietnamese_and_located(make_report, typed, column, words):
    line = one_error(make_report, PERIOD.replace("luu: VT", typed))
    assert line.startswith(f"bao-cao.yaml:11:{column}: lỗi: sai cú pháp YAML: ") and words in line


def test_several_syntax_errors_are_reported_at_once_at_their_exact_places(make_report):
    text = (
        PERIOD.replace("so: 5", "so: 5: 6")
        .replace("luu: VT", 'luu: "D:\\VT"')
        .replace("  - UBND huyện", "\t- UBND huyện")
    )
    lines = validate_lines(make_report, text)
    assert [line.split(": lỗi: ")[0] for line in lines] == [
        "bao-cao.yaml:2:6",
        "bao-cao.yaml:10:1",
        "bao-cao.yaml:11:9",
    ]
    for line in lines:
        assert_vietnamese(line)
    proc = run("validate", make_report(text), "--json")
    assert [(d["line"], d["column"], d["code"]) for d in json.loads(proc.stdout)] == [
        (2, 6, "D100"),
        (10, 1, "D100"),
        (11, 9, "D100"),
    ]


def test_syntax_errors_and_refused_anchors_are_reported_together(make_report):
    text = PERIOD.replace("so: 5", "so: 5: 6").replace("luu: VT", "luu: &a VT")
    codes = [(line.split(":")[1], line.rsplit("[", 1)[1]) for line in validate_lines(make_report, text)]
    assert codes == [("2", "D100]"), ("11", "D102]")]


def test_an_alias_is_refused_in_clerk_words(make_report):
    line = one_error(make_report, PERIOD.replace("luu: VT", "luu: *VT"))
    assert line.startswith("bao-cao.yaml:11:6: lỗi: khóa «luu»") and "[D102]" in line


# -- errors of the data model (pydantic) -----------------------------------------------------------


def test_every_pydantic_error_type_is_said_in_vietnamese():
    import typing

    from pydantic_core import core_schema

    from baocao_gen.loader import load_text
    from baocao_gen.validate import diagnostic_of_error

    tree, _ = load_text("trich_yeu: Báo cáo\nnguoi_ky:\n  ho_ten:\n", "x.yaml")
    for kind in typing.get_args(core_schema.ErrorType):
        for loc in (("trich_yeu",), ("nguoi_ky", "ho_ten"), ("noi_dung", 0, "bang")):
            error = {"type": kind, "loc": loc, "msg": "Input should be ENGLISH", "input": None, "ctx": {}}
            diagnostic = diagnostic_of_error(error, tree)
            assert "ENGLISH" not in diagnostic.format(), (kind, diagnostic.format())
            assert_vietnamese(diagnostic.format())
            assert diagnostic.location.line >= 1, (kind, loc)


def test_wrong_shapes_in_the_data_are_vietnamese_and_located(make_report):
    text = (
        PERIOD.replace("trich_yeu: Kết quả công tác dân vận 6 tháng đầu năm 2023", "trich_yeu:")
        .replace("ngay: 05/6/2023", "ngay:\n  ngay: 32\n  thang: 6\n  nam: 2023")
        .replace(
            "    van_ban: |\n      Đoạn văn thứ nhất.\n",
            "    bang:\n      - cot: [{ten: A, rong: x}, {ten: B}]\n        tong_cong: [có]\n        dong: [[a, b]]\n",
        )
        + "mo_dau: [Thực hiện]\nphu_luc:\n  - huong: doc\n"
    )
    lines = validate_lines(make_report, text)
    for line in lines:
        assert_vietnamese(line)
    found = {line.split(": lỗi: ")[0]: line for line in lines}
    assert "gợi ý: điền giá trị sau dấu hai chấm" in found["bao-cao.yaml:7:11"]  # trich_yeu: left blank
    assert "không được để trống" in found["bao-cao.yaml:7:11"]
    assert "giá trị không được lớn hơn 31" in found["bao-cao.yaml:4:9"]
    assert (
        '"x" không phải là một số hợp lệ' in found["bao-cao.yaml:11:30"]
        and "[D104]" in found["bao-cao.yaml:11:30"]
    )
    assert "cần “có” hoặc “không” (true/false), hoặc một dòng chữ." in found["bao-cao.yaml:12:20"]
    assert "cần một đoạn văn, hoặc một bảng khóa: giá trị." in found["bao-cao.yaml:17:9"]
    assert "phụ lục cần `tieu_de`" in found["bao-cao.yaml:19:5"]
    assert len(lines) == 6
    assert not any("giá trị không hợp lệ (" in line for line in lines)


# -- files the system refuses, templates broken in Word ---------------------------------------------


@pytest.mark.parametrize(
    ("number", "words"),
    [
        (errno.EACCES, "không có quyền truy cập"),
        (errno.ENOENT, "không có tệp hoặc thư mục này"),
        (errno.EISDIR, "đây là một thư mục"),
        (errno.ENOSPC, "ổ đĩa đã đầy"),
        (errno.EROFS, "ổ đĩa chỉ cho đọc"),
    ],
)
def test_system_refusals_are_said_in_vietnamese(number, words):
    from baocao_gen.diagnostics import os_reason

    assert os_reason(OSError(number, "English words from the system")).startswith(words)


def test_a_file_word_holds_open_on_windows_is_named():
    from baocao_gen.diagnostics import os_reason

    locked = OSError(
        errno.EACCES, "The process cannot access the file because it is being used by another process"
    )
    locked.winerror = 32
    assert os_reason(locked) == "tệp đang được chương trình khác mở (Word, Excel…)"


def test_an_unknown_system_error_keeps_its_words_after_vietnamese():
    from baocao_gen.diagnostics import os_reason

    assert os_reason(OSError(errno.EMLINK, "Too many links")) == "lỗi của hệ thống: Too many links"


def test_a_folder_given_as_the_data_file_is_said_in_vietnamese(tmp_path):
    from baocao_gen.loader import load_data

    _, [problem] = load_data(tmp_path)
    assert problem.message == "không đọc được tệp (đây là một thư mục, không phải tệp)."


def test_a_template_tag_broken_in_word_is_said_in_vietnamese(make_report, tmp_path):
    import zipfile
    from datetime import UTC, datetime

    from baocao_gen.render import render_plan
    from baocao_gen.resources import template_path
    from conftest import built

    plan = built(make_report()).plan
    broken = tmp_path / "khung.docx"
    with zipfile.ZipFile(template_path("nha_nuoc")) as source, zipfile.ZipFile(broken, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "word/document.xml":
                data = data.replace(b"</w:body>", b"<w:p><w:r><w:t>{{ ho_ten </w:t></w:r></w:p></w:body>")
            target.writestr(item, data)
    data, [problem] = render_plan(plan, broken, datetime(2023, 6, 5, tzinfo=UTC), plan.title)
    assert data is None and problem.code == "T201"
    assert problem.message.startswith("mẫu có thẻ {{ … }} hoặc {% … %} viết sai (chi tiết bằng tiếng Anh: ")
    assert "cài lại baocao-gen" in problem.hint
    missing = render_plan(plan, tmp_path / "khong-co.docx", datetime(2023, 6, 5, tzinfo=UTC), plan.title)[1][
        0
    ]
    assert missing.message.startswith(
        "không mở được mẫu .docx: tệp không có, hoặc không còn là tệp Word hợp lệ"
    )


# -- closings and titles of State reports (NĐ 30) ----------------------------------------------------


def form_warnings(make_report, text: str, profile: str | None = None) -> list[str]:
    """Run `baocao validate` in the data file's folder; return its D128 lines (the data is valid)."""
    path = make_report(text) if profile is None else make_report(text, profile)
    proc = run("validate", path.name, cwd=path.parent)
    assert proc.returncode == 0, proc.stderr
    return [line for line in proc.stderr.splitlines() if "[D128]" in line]


@pytest.mark.parametrize(
    ("closing", "column", "typed"),
    [
        ("ket_thuc: UBND xã Ba Tô kính báo cáo.", 37, "; ở đây kết thúc bằng «.»."),
        ("ket_thuc: UBND xã Ba Tô kính báo cáo", 37, "; ở đây chưa có."),
        ("ket_thuc: UBND xã Ba Tô kính báo cáo./", 37, "; ở đây kết thúc bằng «./»."),
        ('ket_thuc: "UBND xã Ba Tô kính báo cáo/."', 38, "; ở đây kết thúc bằng «/.»."),
    ],
)
def test_a_state_closing_without_the_end_mark_is_warned_where_it_ends(make_report, closing, column, typed):
    [line] = form_warnings(make_report, PERIOD + closing + "\n")
    assert line.startswith(
        f"bao-cao.yaml:12:{column}: cảnh báo: khóa «ket_thuc»: đoạn kết của văn bản Nhà nước phải kết thúc bằng «./.»"
    )
    assert typed in line
    assert "(gợi ý: viết «UBND xã Ba Tô kính báo cáo./.»)" in line
    assert_vietnamese(line)


def test_a_closing_on_several_lines_is_warned_at_its_last_line(make_report):
    closing = "ket_thuc: |\n  Trên đây là báo cáo kết quả 6 tháng đầu năm.\n  UBND xã Ba Tô kính báo cáo.\n"
    [line] = form_warnings(make_report, PERIOD + closing)
    assert (
        line.startswith("bao-cao.yaml:14:29: cảnh báo: khóa «ket_thuc»")
        and "gợi ý: viết «UBND xã Ba Tô kính báo cáo./.»" in line
    )


def test_a_closing_with_the_end_mark_is_fine_and_never_doubled(make_report):
    from conftest import built, open_docx

    path = make_report(PERIOD + "ket_thuc: UBND xã Ba Tô kính báo cáo./.\n")
    assert form_warnings(make_report, PERIOD + "ket_thuc: UBND xã Ba Tô kính báo cáo./.\n") == []
    texts = [p.text for p in open_docx(built(path).data).paragraphs]
    assert "UBND xã Ba Tô kính báo cáo./." in texts and not any("./../." in t or "./.." in t for t in texts)
    generated = [p.text for p in open_docx(built(make_report(PERIOD)).data).paragraphs]  # from ten_goi
    assert "UBND xã Ba Tô kính báo cáo./." in generated


def test_a_party_closing_is_not_held_to_the_state_end_mark(make_report):
    from conftest import PARTY_PROFILE

    text = (
        PERIOD.replace("trich_yeu: Kết quả", "trich_yeu: kết quả")
        + "ket_thuc: Ban Thường vụ Huyện ủy Bình Sơn kính báo cáo.\n"
    )
    assert form_warnings(make_report, text, PARTY_PROFILE) == []


def test_a_state_summary_starting_lower_case_is_warned_at_its_first_letter(make_report):
    [line] = form_warnings(make_report, PERIOD.replace("trich_yeu: Kết quả", "trich_yeu: kết quả"))
    assert line.startswith(
        "bao-cao.yaml:4:12: cảnh báo: khóa «trich_yeu»: trích yếu của văn bản Nhà nước viết hoa chữ cái đầu."
    )
    assert "(gợi ý: viết «Kết quả công tác dân vận 6 tháng đầu năm 2023»)" in line
    quoted = form_warnings(
        make_report,
        PERIOD.replace(
            "trich_yeu: Kết quả công tác dân vận 6 tháng đầu năm 2023", 'trich_yeu: "“tổng kết” công tác"'
        ),
    )
    assert quoted[0].startswith("bao-cao.yaml:4:14: ")  # after the quote and the opening “
    block = form_warnings(make_report, PERIOD.replace("trich_yeu: Kết quả", "trich_yeu: |\n    kết quả"))
    assert block[0].startswith("bao-cao.yaml:5:5: ")


@pytest.mark.parametrize(
    "summary", ["Kết quả công tác", '"[[nq25|ngan]] về công tác dân vận"', "05 năm thực hiện Kết luận 43"]
)
def test_a_state_summary_starting_with_a_capital_a_citation_or_a_number_is_fine(make_report, summary):
    assert (
        form_warnings(
            make_report,
            PERIOD.replace(
                "trich_yeu: Kết quả công tác dân vận 6 tháng đầu năm 2023", f"trich_yeu: {summary}"
            ),
        )
        == []
    )
