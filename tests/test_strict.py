"""Issue 10, point 8: strictness is the office's choice (`--nghiem-ngat`, profile `nghiem_ngat: có`)."""

from __future__ import annotations

from conftest import PERIOD, STATE_PROFILE
from test_cli import run

WITH_WARNING = PERIOD.replace("      Đoạn văn thứ nhất.\n", "      Đoạn văn thứ nhất của UBND huyện Ba Tô.\n")


def test_render_counts_the_warnings_it_printed_and_writes(make_report):
    path = make_report(WITH_WARNING)
    proc = run("render", path)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert sum("cảnh báo:" in line and "[D143]" in line for line in lines) == 1
    assert lines[-1] == "Tổng cộng: 1 cảnh báo."
    assert path.with_suffix(".docx").exists()


def test_render_without_warning_adds_no_count(make_report):
    proc = run("render", make_report())
    assert proc.returncode == 0 and "Tổng cộng" not in proc.stderr


def test_strict_render_makes_warnings_errors_and_writes_nothing(make_report):
    path = make_report(WITH_WARNING)
    proc = run("render", path, "--nghiem-ngat")
    assert proc.returncode == 1
    assert "lỗi:" in proc.stderr and "nghiêm ngặt" in proc.stderr and "[D143]" in proc.stderr
    assert "Tổng cộng" not in proc.stderr  # no warning left: the error lines say it all
    assert not path.with_suffix(".docx").exists()


def test_the_profile_key_makes_validate_strict(make_report):
    path = make_report(WITH_WARNING, STATE_PROFILE + "nghiem_ngat: có\n")
    proc = run("validate", path)
    assert proc.returncode == 1 and "nghiêm ngặt" in proc.stderr
    assert run("validate", make_report(WITH_WARNING)).returncode == 0


def test_strict_validate_passes_a_report_without_warning(make_report):
    assert run("validate", make_report(), "--nghiem-ngat").returncode == 0


def test_strict_batch_writes_nothing_for_a_report_with_a_warning(make_report, tmp_path):
    path = make_report(WITH_WARNING)
    proc = run("batch", path, "-o", tmp_path / "out", "--nghiem-ngat")
    assert proc.returncode == 1, proc.stderr
    assert not (tmp_path / "out" / "bao-cao.docx").exists()
    assert run("batch", path, "-o", tmp_path / "out").returncode == 0
    assert (tmp_path / "out" / "bao-cao.docx").exists()
