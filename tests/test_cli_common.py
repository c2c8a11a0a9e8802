"""cli_common: what every command says the same way (diagnostics, usage problems, a finished render)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from baocao_gen.cli_common import (
    SHOWN_DIAGNOSTICS,
    UsageProblem,
    print_diagnostics,
    print_render,
    require_file,
)
from baocao_gen.codes import Code
from baocao_gen.diagnostics import Diagnostic, Location, Severity
from baocao_gen.pipeline import Result
from test_cli import run
from test_strict import WITH_WARNING
from test_watch import Watcher


def _warning(line: int = 3) -> Diagnostic:
    return Diagnostic(
        Code.NAME_NEAR_MISS, "tên gần giống.", Location("a.yaml", line, 1), severity=Severity.WARNING
    )


def _error(line: int = 2) -> Diagnostic:
    return Diagnostic(Code.MISSING_KEY, "thiếu khóa.", Location("a.yaml", line, 1))


def test_a_render_prints_diagnostics_then_what_it_wrote_then_the_count(capsys, tmp_path):
    result = Result(diagnostics=[_warning()], output=tmp_path / "a.docx")
    code = print_render(result, pdf_path=tmp_path / "a.pdf")
    out, err = capsys.readouterr()
    assert code == 0 and out == ""
    assert err.splitlines() == [
        _warning().format(),
        f"Đã ghi {tmp_path / 'a.docx'}",
        f"Đã ghi {tmp_path / 'a.pdf'}",
        "Tổng cộng: 1 cảnh báo.",
    ]


def test_watch_stamps_what_it_wrote(capsys, tmp_path):
    print_render(Result(output=tmp_path / "a.docx"), stamp="08:30:00")
    assert capsys.readouterr().err.splitlines() == [f"08:30:00 Đã ghi {tmp_path / 'a.docx'}"]


def test_a_failed_render_says_so_and_counts_errors_beside_warnings(capsys):
    code = print_render(Result(diagnostics=[_error(), _warning()]))
    lines = capsys.readouterr().err.splitlines()
    assert code == 1
    assert lines[-1] == "Tổng cộng: 1 lỗi, 1 cảnh báo; chưa ghi tệp nào."
    assert not any("Đã ghi" in line for line in lines)


def test_json_goes_to_stdout_alone(capsys, tmp_path):
    code = print_render(Result(diagnostics=[_error(), _warning()], output=tmp_path / "a.docx"), as_json=True)
    out, err = capsys.readouterr()
    assert code == 1 and err == ""
    assert json.loads(out) == [_error().to_dict(), _warning().to_dict()]


def test_past_a_hundred_diagnostics_one_line_counts_the_rest(capsys):
    many = [_warning(line) for line in range(1, SHOWN_DIAGNOSTICS + 6)] + [_error(999)]
    assert print_diagnostics(many, False) == 1
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == SHOWN_DIAGNOSTICS + 1
    assert lines[-1].startswith("… và 6 lỗi/cảnh báo khác (1 lỗi, 5 cảnh báo)")


def test_a_missing_data_file_is_a_usage_problem(tmp_path):
    with pytest.raises(UsageProblem, match="thiếu tệp dữ liệu"):
        require_file(None)
    with pytest.raises(UsageProblem, match="không thấy tệp dữ liệu"):
        require_file(tmp_path / "khong-co.yaml")
    (tmp_path / "co.yaml").write_text("a: b\n", encoding="utf-8")
    require_file(tmp_path / "co.yaml")


def test_watch_prints_a_render_as_render_does(make_report):
    path = make_report(WITH_WARNING)
    rendered = run("render", path).stderr.splitlines()
    Path(path.with_suffix(".docx")).unlink()
    watcher = Watcher(path, "--so-lan", 1)
    assert watcher.finish() == 0, "\n".join(watcher.lines)
    watched = [re.sub(r"^\d\d:\d\d:\d\d ", "", line) for line in watcher.lines if "Đang theo dõi" not in line]
    assert rendered[-1] == "Tổng cộng: 1 cảnh báo."
    assert watched == rendered
