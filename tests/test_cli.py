"""The `baocao` command: exit codes, messages, --json, default output — through the real entry point."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import PERIOD, ROOT


def run(*args, cwd=None):
    return subprocess.run(
        [sys.executable, "-m", "baocao_gen", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"},
    )


def test_render_writes_next_to_the_data_file(make_report):
    path = make_report()
    proc = run("render", path)
    assert proc.returncode == 0, proc.stderr
    assert path.with_suffix(".docx").exists()
    assert "Đã ghi" in proc.stderr


def test_render_with_output_option(make_report, tmp_path):
    proc = run("render", make_report(), "-o", tmp_path / "kq" / "a.docx")
    assert proc.returncode == 0 and (tmp_path / "kq" / "a.docx").exists()


def test_bad_data_exits_1_prints_every_problem_and_writes_nothing(make_report, tmp_path):
    path = make_report(PERIOD.replace("so: 5", "so: 5.6").replace("luu: VT", "luu: VT\nnguoi_kyy: x"))
    proc = run("render", path, "-o", tmp_path / "a.docx")
    assert proc.returncode == 1
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert any(':2:5: lỗi: khóa «so» = "5.6"' in line and "gợi ý: 5,6" in line for line in lines)
    assert any("nguoi_kyy" in line and "có phải «nguoi_ky»?" in line for line in lines)
    assert "Traceback" not in proc.stderr
    assert not (tmp_path / "a.docx").exists()


def test_validate_json(make_report):
    proc = run("validate", make_report(PERIOD.replace("so: 5", "so: 5.6")), "--json")
    assert proc.returncode == 1
    [item] = json.loads(proc.stdout)
    assert item["line"] == 2 and item["column"] == 5 and item["key"] == "so"
    assert (
        item["severity"] == "error"
        and item["code"] == "D104"
        and item["hint"] == "5,6"
        and item["value"] == "5.6"
    )


def test_validate_ok_with_warnings_exits_0(make_report):
    path = make_report(PERIOD + "chu_thich:\n  x: không dùng\n")
    proc = run("validate", path)
    assert proc.returncode == 0
    assert "cảnh báo" in proc.stderr and "Dữ liệu hợp lệ" in proc.stderr


def test_usage_errors_exit_2_in_vietnamese(tmp_path):
    missing = run("render", tmp_path / "khong-co.yaml")
    assert missing.returncode == 2 and "không thấy tệp dữ liệu" in missing.stderr
    option = run("render", "x.yaml", "--khong-co")
    assert option.returncode == 2 and "lỗi cách dùng" in option.stderr
    assert run().returncode in (0, 2)


def test_help_is_vietnamese():
    proc = run("--help")
    assert proc.returncode == 0
    assert "Sinh báo cáo" in proc.stdout
    assert "Kiểm tra tệp dữ liệu" in proc.stdout
    assert "Cách dùng:" in proc.stdout and "Lệnh:" in proc.stdout
    for english in ("Usage:", "Options:", "Commands:", "Show this message"):
        assert english not in proc.stdout
    render = run("render", "--help")
    assert "Đối số:" in render.stdout and "[bắt buộc]" in render.stdout and "TỆP_DỮ_LIỆU" in render.stdout


def test_citation_registry_listing():
    proc = run("trich-dan")
    assert proc.returncode == 0
    assert (
        "[[nq25]]      Nghị quyết số 25-NQ/TW ngày 03/6/2013 của Ban Chấp hành Trung ương Đảng (khóa XI)"
        in proc.stdout
    )
