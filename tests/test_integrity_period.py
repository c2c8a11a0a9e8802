"""Issue 10, point 7: dates and years typed in a report agree with its period."""

from __future__ import annotations

from baocao_gen.codes import Code
from baocao_gen.diagnostics import Severity
from baocao_gen.pipeline import check
from conftest import EXAMPLE_FILES, PERIOD


def _period_warnings(make_report, period: str):
    path = make_report(period)
    return path, [d for d in check(path).diagnostics if d.code == Code.PERIOD_MISMATCH]


def _where(path, needle: str) -> tuple[int, int]:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return number, line.index(needle) + 1
    raise AssertionError(needle)


def test_a_can_cu_dated_after_the_report_is_a_warning_at_its_date(make_report):
    period = PERIOD.replace(
        "trich_yeu:",
        "mo_dau:\n  can_cu:\n    - loai: Công văn\n      so: 12/UBND\n      ngay: 20/6/2023\n      cua: UBND huyện\ntrich_yeu:",
    )
    path, found = _period_warnings(make_report, period)
    assert len(found) == 1 and found[0].severity is Severity.WARNING
    assert "20/6/2023" in found[0].message and "05/6/2023" in found[0].message
    assert found[0].location.line == _where(path, "ngay: 20/6/2023")[0]


def test_a_date_typed_in_the_opening_after_the_report_is_a_warning(make_report):
    period = PERIOD.replace(
        "trich_yeu:",
        "mo_dau: Thực hiện Công văn số 12/UBND ngày 10 tháng 7 năm 2023 của UBND huyện.\ntrich_yeu:",
    )
    path, found = _period_warnings(make_report, period)
    assert len(found) == 1
    assert (found[0].location.line, found[0].location.column) == _where(path, "ngày 10 tháng 7")


def test_a_can_cu_of_the_same_month_as_a_report_without_a_day_is_not_reported(make_report):
    period = PERIOD.replace("ngay: 05/6/2023", "ngay: {thang: 6, nam: 2023}").replace(
        "trich_yeu:", "mo_dau: Thực hiện Công văn số 12/UBND ngày 28/6/2023 của UBND huyện.\ntrich_yeu:"
    )
    assert _period_warnings(make_report, period)[1] == []


def test_next_period_tasks_name_the_year_after_the_period(make_report):
    period = PERIOD.replace("ngay: 05/6/2023", "ky: {nam: 2024}\nngay: 05/12/2024").replace(
        "trich_yeu: Kết quả công tác dân vận 6 tháng đầu năm 2023",
        "trich_yeu: Kết quả năm 2024, phương hướng, nhiệm vụ năm 2024",
    )
    path, found = _period_warnings(make_report, period)
    assert len(found) == 1 and "năm 2025" in found[0].message and found[0].hint == "năm 2025"
    line, _ = _where(path, "phương hướng, nhiệm vụ năm 2024")
    column = path.read_text(encoding="utf-8").splitlines()[line - 1].rindex("2024") + 1
    assert (found[0].location.line, found[0].location.column) == (line, column)
    right = period.replace("nhiệm vụ năm 2024", "nhiệm vụ năm 2025")
    assert _period_warnings(make_report, right)[1] == []


def test_a_half_year_reports_next_period_is_the_same_year(make_report):
    period = PERIOD.replace(
        "ngay: 05/6/2023", "ky: {nam: 2023, giai_doan: 6 tháng đầu năm}\nngay: 05/6/2023"
    ).replace(
        "  - tieu_de: Kết quả\n",
        "  - tieu_de: Kết quả\n  - tieu_de: Phương hướng, nhiệm vụ 6 tháng cuối năm 2023\n",
    )
    assert _period_warnings(make_report, period)[1] == []


def test_a_heading_naming_last_year_is_a_warning(make_report):
    period = PERIOD.replace("ngay: 05/6/2023", "ky: {nam: 2023}\nngay: 05/12/2023").replace(
        "  - tieu_de: Kết quả\n", "  - tieu_de: Kết quả thực hiện năm 2022\n"
    )
    path, found = _period_warnings(make_report, period)
    assert len(found) == 1 and "2022" in found[0].message
    assert (found[0].location.line, found[0].location.column) == _where(path, "2022")
    assert _period_warnings(make_report, period.replace("năm 2022", "năm 2023"))[1] == []


def test_the_examples_have_no_integrity_warning():
    for path in EXAMPLE_FILES:
        result = check(path)
        assert result.ok
        assert [d.format() for d in result.diagnostics if d.code.startswith("D14")] == [], path


def test_a_document_given_as_grounds_inside_a_section_is_checked_and_a_deadline_is_not(make_report):
    period = PERIOD.replace(
        "      Đoạn văn thứ nhất.\n",
        "      Căn cứ Kế hoạch số 47/KH-UBND ngày 10/8/2023 của UBND huyện, UBND xã triển khai.\n"
        "      Phấn đấu hoàn thành trước ngày 31/12/2023.\n",
    )
    path, found = _period_warnings(make_report, period)
    assert len(found) == 1 and "10/8/2023" in found[0].message
    assert (found[0].location.line, found[0].location.column) == _where(path, "ngày 10/8/2023")
