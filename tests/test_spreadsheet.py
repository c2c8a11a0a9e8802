"""Figures from an Excel sheet (`so_lieu: {tep: so-lieu.xlsx, trang: Sheet1}`): same rules, cells located."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from baocao_gen.codes import Code
from baocao_gen.loader import YMap, YStr, load_data
from baocao_gen.ooxml.text import document_text
from baocao_gen.pipeline import build, check
from conftest import EXAMPLES, PERIOD, built

openpyxl = pytest.importorskip(
    "openpyxl"
)  # a dependency of baocao-gen; skipped only in a venv that predates it


@pytest.fixture(autouse=True)
def _inside(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Run in the data folder, as a clerk does: diagnostics then name files as typed (so-lieu.xlsx!…)."""
    monkeypatch.chdir(tmp_path)


REFERENCE = "so_lieu: {tep: so-lieu.xlsx, trang: Sheet1}\n"
PROSE = "      Đoạn văn thứ nhất.\n"


def _workbook(path: Path, rows: list[tuple[Any, ...]], sheet: str = "Sheet1", header: bool = True) -> Path:
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = sheet
    if header:
        ws.append(("Số liệu", "Giá trị", "Ghi chú"))
    for row in rows:
        ws.append(row)
    book.save(path)
    return path


def _report(
    make_report,
    tmp_path: Path,
    rows: list[tuple[Any, ...]],
    prose: str = "Tiếp nhận {ho_so.tiep_nhan} hồ sơ.",
) -> Path:
    path = make_report(PERIOD.replace(PROSE, f"      {prose}\n") + REFERENCE)
    _workbook(tmp_path / "so-lieu.xlsx", rows)
    return path


def _problems(path: Path) -> list[tuple[str, str, str]]:
    result = check(path)
    return [
        (d.code, d.location.file if d.location else "", d.message) for d in result.diagnostics if d.is_error
    ]


def test_text_and_whole_number_cells_follow_the_yaml_rules(make_report, tmp_path: Path):
    path = _report(
        make_report,
        tmp_path,
        [
            ("ho_so.tiep_nhan", "1.836"),
            ("ho_so.truc_tuyen", 113),
            ("ho_so.ty_le", "90,5"),
            ("ho_so.tien", 2500.0),
        ],
        prose="Tiếp nhận {ho_so.tiep_nhan} hồ sơ, trực tuyến {ho_so.truc_tuyen}, đạt {ho_so.ty_le}, {ho_so.tien} đồng.",
    )
    text = document_text(built(path).data)
    assert "Tiếp nhận 1.836 hồ sơ, trực tuyến 113, đạt 90,5, 2.500 đồng." in text


def test_a_decimal_cell_that_may_be_a_thousands_group_is_refused_at_its_cell(make_report, tmp_path: Path):
    path = _report(
        make_report, tmp_path, [("ho_so.tiep_nhan", 1.836), ("ho_so.ty_le", 12.5)], prose="{ho_so.ty_le}"
    )
    result = check(path)
    (problem,) = [d for d in result.diagnostics if d.is_error]
    assert problem.code == Code.BAD_NUMBER
    assert problem.location is not None and problem.location.file == "so-lieu.xlsx!Sheet1!B2"
    assert problem.location.path == ("so_lieu", "ho_so", "tiep_nhan")
    assert problem.hint is not None and "gõ 1836" in problem.hint
    assert problem.format().startswith("so-lieu.xlsx!Sheet1!B2: lỗi: khóa «so_lieu.ho_so.tiep_nhan»")


def test_a_text_cell_typed_wrong_is_reported_at_its_cell_with_the_yaml_hint(make_report, tmp_path: Path):
    path = _report(make_report, tmp_path, [("ho_so.tiep_nhan", "5.6")])
    result = check(path)
    (problem,) = [d for d in result.diagnostics if d.is_error]
    assert (problem.code, problem.location.file, problem.value, problem.hint) == (
        Code.BAD_NUMBER,
        "so-lieu.xlsx!Sheet1!B2",
        "5.6",
        "5,6",
    )


def test_missing_file_and_missing_sheet_point_at_the_reference(make_report, tmp_path: Path):
    path = make_report(PERIOD + "so_lieu: {tep: khong-co.xlsx}\n")
    ((code, file, message),) = _problems(path)
    assert (code, file) == (Code.SPREADSHEET_UNREADABLE, "bao-cao.yaml")
    assert "không thấy tệp bảng tính" in message
    _workbook(tmp_path / "so-lieu.xlsx", [("a.b", 1)])
    path.write_text(PERIOD + "so_lieu: {tep: so-lieu.xlsx, trang: Sheet 1}\n", encoding="utf-8")
    result = check(path)
    (problem,) = [d for d in result.diagnostics if d.is_error]
    assert problem.code == Code.SPREADSHEET_UNREADABLE and problem.hint == "có phải «Sheet1»?"
    assert problem.location is not None and problem.location.line == PERIOD.count("\n") + 1
    path.write_text(PERIOD + "so_lieu: {tep: so-lieu.csv}\n", encoding="utf-8")
    assert [code for code, _, _ in _problems(path)] == [Code.SPREADSHEET_UNREADABLE]
    (tmp_path / "hong.xlsx").write_bytes(b"not a workbook")
    path.write_text(PERIOD + "so_lieu: {tep: hong.xlsx}\n", encoding="utf-8")
    assert [code for code, _, _ in _problems(path)] == [Code.SPREADSHEET_UNREADABLE]


def test_duplicate_empty_and_malformed_names_are_reported_by_cell(make_report, tmp_path: Path):
    path = _report(
        make_report,
        tmp_path,
        [("ho_so.tiep_nhan", 5), ("ho_so.tiep_nhan", 6), (None, 7), ("hồ_sơ.tiếp", 1), ("ho_so", 3)],
    )
    problems = sorted(_problems(path))
    assert [(code, file) for code, file, _ in problems] == [
        (Code.DUPLICATE_KEY, "so-lieu.xlsx!Sheet1!A3"),
        (Code.SPREADSHEET_BAD_KEY, "so-lieu.xlsx!Sheet1!A4"),
        (Code.SPREADSHEET_BAD_KEY, "so-lieu.xlsx!Sheet1!A5"),
        (Code.SPREADSHEET_BAD_KEY, "so-lieu.xlsx!Sheet1!A6"),
    ]
    assert "đã có ở ô A2" in problems[0][2]


def test_a_figure_the_kind_does_not_know_is_reported_at_its_row(tmp_path: Path):
    period = _twin(tmp_path)
    sheet = tmp_path / "ba-to" / "so-lieu.xlsx"
    book = openpyxl.load_workbook(sheet)
    book.active.append(("ho_so.truc_tuyenn", 1))
    book.save(sheet)
    result = check(period)
    unknown = [d for d in result.diagnostics if d.code == Code.UNKNOWN_KEY]
    assert len(unknown) == 1 and unknown[0].hint == "có phải «ho_so.truc_tuyen»?"
    assert (
        unknown[0].location is not None
        and unknown[0].location.file == f"ba-to/so-lieu.xlsx!Sheet1!B{book.active.max_row}"
    )


def _leaves(node: YMap, prefix: str = "") -> Iterator[tuple[str, str]]:
    for key, value in node.items():
        if isinstance(value, YMap):
            yield from _leaves(value, f"{prefix}{key}.")
        else:
            assert isinstance(value, YStr)
            yield f"{prefix}{key}", str(value)


def _twin(folder: Path) -> Path:
    """Copy the Ba Tô example with its figures moved to so-lieu.xlsx; return the period file."""
    shutil.copytree(EXAMPLES / "ba-to", folder / "ba-to")
    period = folder / "ba-to" / "dan-van-chinh-quyen-6-thang-2023.yaml"
    tree, problems = load_data(period)
    assert not problems
    _workbook(period.with_name("so-lieu.xlsx"), list(_leaves(tree["so_lieu"])))
    lines = period.read_text(encoding="utf-8").splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if line.startswith("so_lieu:"))
    end = next(i for i in range(start + 1, len(lines)) if lines[i][:1] not in (" ", "\n", "#"))
    period.write_text("".join(lines[:start] + [REFERENCE] + lines[end:]), encoding="utf-8")
    return period


def test_an_example_with_its_figures_in_a_sheet_renders_the_same_bytes_as_its_yaml_twin(tmp_path: Path):
    yaml_twin = build(EXAMPLES / "ba-to" / "dan-van-chinh-quyen-6-thang-2023.yaml")
    assert yaml_twin.data is not None
    sheet_twin = built(_twin(tmp_path))
    assert sheet_twin.data == yaml_twin.data
    assert any(source.name == "so-lieu.xlsx" for source in sheet_twin.sources)  # watch re-renders on its save


def test_a_formula_never_computed_is_not_taken_for_a_blank(make_report, tmp_path: Path):
    path = _report(make_report, tmp_path, [("ho_so.a", 1), ("ho_so.tiep_nhan", "=B2*2")])
    ((code, file, message),) = _problems(path)
    assert (code, file) == (Code.BAD_NUMBER, "so-lieu.xlsx!Sheet1!B3") and "công thức" in message


def test_figures_typed_beside_the_sheet_reference_are_refused(make_report, tmp_path: Path):
    path = make_report(PERIOD + "so_lieu: {tep: so-lieu.xlsx, a: 3}\n")
    _workbook(tmp_path / "so-lieu.xlsx", [("b", 1)])
    ((code, file, message),) = _problems(path)
    assert (code, file) == (Code.UNKNOWN_KEY, "bao-cao.yaml") and "«a» phải ghi trong bảng tính" in message
