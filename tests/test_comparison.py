"""Comparison with the previous period: `ky_truoc` and `{name|so_sanh}` in prose and tables."""

from __future__ import annotations

import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from baocao_gen.codes import Code
from baocao_gen.comparison import describe_change
from baocao_gen.ooxml.text import document_text
from baocao_gen.pipeline import build, check
from conftest import EXAMPLES, PERIOD, ROOT, built, write_tree


@pytest.mark.parametrize(
    ("current", "previous", "unit", "expected"),
    [
        (522, 487, "hồ sơ", "tăng 35 hồ sơ (7,2%) so với cùng kỳ"),
        (452, 487, "hồ sơ", "giảm 35 hồ sơ (7,2%) so với cùng kỳ"),
        (487, 487, "hồ sơ", "bằng cùng kỳ"),
        (35, 0, "hồ sơ", "tăng 35 hồ sơ so với cùng kỳ (cùng kỳ không có)"),
        (3672, 1836, None, "tăng 1.836 (100%) so với cùng kỳ"),
        (Decimal("1626.5"), 1500, "đồng", "tăng 126,5 đồng (8,4%) so với cùng kỳ"),
    ],
)
def test_the_comparison_sentence(current, previous, unit, expected):
    assert describe_change(current, previous, unit) == expected


def _two_periods(tmp_path: Path, last: str, this: str, prose: str) -> Path:
    """Write a 2023 file with figure `a` = last and a 2024 file (ky_truoc: the 2023 one) with a = this."""
    old = PERIOD.replace("      Đoạn văn thứ nhất.\n", "      Kỳ trước.\n") + f"so_lieu: {{a: {last}}}\n"
    new = (
        PERIOD.replace("      Đoạn văn thứ nhất.\n", f"      {prose}\n")
        + f"so_lieu: {{a: {this}}}\nky_truoc: ../2023/bc.yaml\n"
    )
    from conftest import STATE_PROFILE

    write_tree(tmp_path / "2023", {"don-vi.yaml": STATE_PROFILE, "bc.yaml": old})
    write_tree(tmp_path / "2024", {"don-vi.yaml": STATE_PROFILE, "bc.yaml": new})
    return tmp_path / "2024" / "bc.yaml"


@pytest.mark.parametrize(
    ("last", "this", "said"),
    [
        ("1.000", "1.072", "Có 1.072 hồ sơ, tăng 72 (7,2%) so với cùng kỳ."),
        ("1.072", "1.000", "Có 1.000 hồ sơ, giảm 72 (6,7%) so với cùng kỳ."),
        ("500", "500", "Có 500 hồ sơ, bằng cùng kỳ."),
        ("0", "35", "Có 35 hồ sơ, tăng 35 so với cùng kỳ (cùng kỳ không có)."),
    ],
)
def test_prose_prints_the_change_since_last_period(tmp_path: Path, last: str, this: str, said: str):
    path = _two_periods(tmp_path, last, this, "Có {a} hồ sơ, {a|so_sanh}.")
    result = built(path)
    assert said in document_text(result.data)
    assert (tmp_path / "2023" / "bc.yaml").resolve() in result.sources  # watch re-renders when it changes


def test_a_table_cell_prints_the_change(tmp_path: Path):
    path = _two_periods(tmp_path, "10", "12", "Bảng dưới.")
    text = path.read_text(encoding="utf-8").replace(
        "      Bảng dưới.\n",
        "      Bảng dưới.\n    bang:\n      - cot: [{ten: Chỉ tiêu}, {ten: So với cùng kỳ}]\n"
        "        dong:\n          - [Hồ sơ, '{a|so_sanh}']\n",
    )
    path.write_text(text, encoding="utf-8")
    assert "| Hồ sơ | tăng 2 (20%) so với cùng kỳ |" in document_text(built(path).data)


def test_a_missing_previous_file_is_an_error_at_the_ky_truoc_line(tmp_path: Path):
    path = _two_periods(tmp_path, "1", "2", "{a|so_sanh}")
    shutil.rmtree(tmp_path / "2023")
    result = check(path)
    missing = [d for d in result.diagnostics if d.code == Code.PREVIOUS_PERIOD_MISSING]
    assert len(missing) == 1
    line = path.read_text(encoding="utf-8").splitlines().index("ky_truoc: ../2023/bc.yaml") + 1
    assert missing[0].location is not None and (missing[0].location.line, missing[0].location.column) == (
        line,
        11,
    )
    assert missing[0].is_error and "không thấy tệp dữ liệu kỳ trước" in missing[0].message
    assert build(path).data is None


def test_the_form_without_ky_truoc_or_without_last_periods_figure_is_a_located_error(
    make_report, tmp_path: Path
):
    path = make_report(
        PERIOD.replace("      Đoạn văn thứ nhất.\n", "      Có {a|so_sanh}.\n") + "so_lieu: {a: 3}\n"
    )
    problems = [d for d in check(path).diagnostics if d.is_error]
    assert len(problems) == 1 and "ky_truoc" in problems[0].message and problems[0].location.line > 0
    path = _two_periods(tmp_path / "b", "1", "2", "{b|so_sanh}")
    path.write_text(
        path.read_text(encoding="utf-8").replace("so_lieu: {a: 2}", "so_lieu: {a: 2, b: 4}"), encoding="utf-8"
    )
    problems = [d for d in check(path).diagnostics if d.is_error]
    assert len(problems) == 1 and "«b» không có trong tệp kỳ trước" in problems[0].message


def test_a_kind_figure_is_compared_in_its_unit(tmp_path: Path):
    shutil.copytree(EXAMPLES / "ba-to", tmp_path / "2023")
    shutil.copytree(EXAMPLES / "ba-to", tmp_path / "2024")
    path = tmp_path / "2024" / "dan-van-chinh-quyen-6-thang-2023.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("    truc_tuyen: 113\n", "    truc_tuyen: 148\n").replace(
        "\n          {cau.ho_so}",
        "\n          {cau.ho_so} Trực tuyến {ho_so.truc_tuyen|so_sanh}; tổng {ho_so.tiep_nhan|so_sanh}.",
    )
    assert "|so_sanh}" in text
    path.write_text(text + "ky_truoc: ../2023/dan-van-chinh-quyen-6-thang-2023.yaml\n", encoding="utf-8")
    said = document_text(built(path).data)
    assert "Trực tuyến tăng 35 hồ sơ (31%) so với cùng kỳ; tổng tăng 35 hồ sơ (6,7%) so với cùng kỳ." in said


def test_init_from_last_period_names_it_as_ky_truoc(tmp_path: Path):
    shutil.copytree(EXAMPLES / "ba-to", tmp_path / "2023")
    target = tmp_path / "2024" / "bc.yaml"
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "baocao_gen",
            "init",
            "--from",
            str(tmp_path / "2023" / "dan-van-chinh-quyen-6-thang-2023.yaml"),
            "-o",
            str(target),
        ],
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"},
    )
    assert proc.returncode == 0, proc.stderr
    lines = target.read_text(encoding="utf-8").splitlines()
    assert [line.split("#")[0].strip() for line in lines if line.startswith("ky_truoc:")] == [
        "ky_truoc: ../2023/dan-van-chinh-quyen-6-thang-2023.yaml"
    ]
    again = tmp_path / "2025" / "bc.yaml"  # a file that already names its previous period gets it rewritten
    from baocao_gen.skeleton import next_period

    plan, problems = next_period(target, again)
    assert plan is not None and not problems
    assert [
        line.split("#")[0].strip() for line in plan.text.splitlines() if line.startswith("ky_truoc:")
    ] == ["ky_truoc: ../2024/bc.yaml"]
