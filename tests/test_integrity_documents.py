"""The documents a report cites agree (issue 10, point 2): each warning names both places."""

from __future__ import annotations

from baocao_gen.codes import Code
from baocao_gen.integrity import check_typed
from compute_helpers import _file_text, line_of, report_and_tree
from conftest import STATE_PROFILE


def column_of(period: str, needle: str) -> int:
    """Return the 1-based column where `needle` was typed."""
    line = _file_text(period, STATE_PROFILE).splitlines()[line_of(period, needle) - 1]
    return line.index(needle) + 1


def diagnostics_of(period: str, code: Code | None = None):
    report, tree = report_and_tree(period)
    _, found = check_typed(report, tree)
    return [d for d in found if code is None or d.code == code]


def test_one_number_with_two_dates_names_both_places():
    period = """\
    mo_dau: |
      Thực hiện Kế hoạch số 47/KH-UBND ngày 10/3/2023 của UBND huyện.
    noi_dung:
      - tieu_de: Kết quả
        van_ban: |
          Theo Kế hoạch số 47/KH-UBND, ngày 11/3/2023 của UBND huyện, xã đã làm.
    """
    found = diagnostics_of(period, Code.CITATION_CONFLICT)
    assert len(found) == 1
    where = found[0].location
    assert (where.line, where.column, found[0].value) == (
        line_of(period, "11/3/2023"),
        column_of(period, "11/3/2023"),
        "11/3/2023",
    )
    assert (
        f"ngày 10/3/2023 ở dòng {line_of(period, '10/3/2023')}, cột {column_of(period, '10/3/2023')}"
        in found[0].message
    )


def test_one_number_and_date_with_two_symbols():
    period = """\
    noi_dung:
      - tieu_de: Việc ban hành Chương trình hành động số 43-CTr/TU ngày 19/9/2013 của Tỉnh ủy
      - tieu_de: Kiểm tra Chương trình hành động số 43-CT/TU ngày 19/9/2013 của Tỉnh ủy
    """
    found = diagnostics_of(period, Code.CITATION_CONFLICT)
    assert [(d.location.line, d.location.column, d.value) for d in found] == [
        (line_of(period, "43-CT/TU"), column_of(period, "43-CT/TU"), "43-CT/TU")
    ]
    assert "«43-CTr/TU»" in found[0].message and f"dòng {line_of(period, '43-CTr/TU')}" in found[0].message


def test_one_date_spelt_two_ways():
    period = """\
    trich_yeu: Tổng kết Kết luận số 43-KL/TW ngày 07/1/2019 của Ban Bí thư
    mo_dau: |
      Thực hiện Kết luận số 43-KL/TW ngày 07/01/2019 của Ban Bí thư.
    """
    found = diagnostics_of(period, Code.DATE_SPELLING)
    assert [(d.location.line, d.value) for d in found] == [(line_of(period, "07/01/2019"), "07/01/2019")]
    assert "«07/1/2019»" in found[0].message and "07/01/2019" in (found[0].hint or "")


def test_a_row_repeated_in_a_list_of_documents():
    period = """\
    phu_luc:
      - tieu_de: Văn bản
        bang:
          - cot: [{ten: TT, kieu: stt}, {ten: Số, kieu: chu}, {ten: Nội dung, kieu: chu}]
            dong:
              - ["", "Kế hoạch số 46-KH/ĐU ngày 16/5/2017", "Về phát động phong trào"]
              - ["", "Công văn số 136-CV/ĐU ngày 19/4/2017", "Về Công văn số 140-CV/ĐU"]
              - ["", "Công văn số 140-CV/ĐU ngày 19/4/2017", "Về phong trào"]
              - ["", "Kế hoạch số 46-KH/ĐU ngày 16/5/2017", "Về phát động phong trào thi đua"]
    """
    found = diagnostics_of(period, Code.REPEATED_DOCUMENT_ROW)
    assert [(d.location.line, d.value) for d in found] == [(line_of(period, 'thi đua"]'), "46-KH/ĐU")]
    assert "dòng 1 của bảng" in found[0].message and "dòng 4" in found[0].message


def test_near_misses_of_registry_symbols_with_the_right_date():
    period = """\
    trich_yeu: Về tiếp tục thực hiện Nghị quyết số 25-NOTW
    noi_dung:
      - tieu_de: Kết quả
        van_ban: |
          Nghị quyết số 25-Q/TW, ngày 30/6/2013 của Ban Chấp hành Trung ương Đảng.
          Chỉ thị 05-CT/BCT của Bộ Chính trị; Pháp lệnh 34/2007/PL/UBTVQH11.
          Chỉ thị số 05-CT/TU của Tỉnh ủy; Kết luận số 05-KL/TW; Nghị quyết số 25-NQ/TW.
    """
    found = diagnostics_of(period, Code.CITATION_NEAR_MISS)
    assert [(d.location.line, d.value) for d in found] == [
        (line_of(period, "25-NOTW"), "25-NOTW"),
        (line_of(period, "25-Q/TW"), "25-Q/TW"),
        (line_of(period, "05-CT/BCT"), "05-CT/BCT"),
        (line_of(period, "05-CT/BCT"), "34/2007/PL/UBTVQH11"),
    ]
    assert found[0].location.column == column_of(period, "25-NOTW")
    assert "ban hành ngày 03/6/2013, không phải 30/6/2013" in found[1].message
    assert "[[nq25|so]]" in (found[0].hint or "")


def test_typing_slips_spaces_and_doubled_words():
    period = """\
    trich_yeu: Tổng kết Nghị quyết số 25-NQ/TW ngày 03/6 /2013
    noi_dung:
      - tieu_de: Kết quả
        van_ban: |
          Kế hoạch số 30/KH- UBND ngày ngày 26/02/2022 về tự kiểm tra.
          Hành vi vi phạm; phân công công chức; còn chung chung.
    """
    found = diagnostics_of(period, Code.TYPING_SLIP)
    assert sorted((d.location.line, d.location.column, d.value) for d in found) == [
        (line_of(period, "03/6 /2013"), column_of(period, "03/6 /2013"), "03/6 /2013"),
        (line_of(period, "30/KH- UBND"), column_of(period, "30/KH- UBND"), "30/KH- UBND"),
        (line_of(period, "30/KH- UBND"), column_of(period, "ngày ngày") + 5, "ngày ngày"),
    ]


def test_consistent_citations_are_quiet():
    period = """\
    trich_yeu: Tổng kết Nghị quyết số 25-NQ/TW ngày 03/6/2013
    mo_dau:
      can_cu:
        - loai: Kế hoạch
          so: 47/KH-UBND
          ngay: 10/3/2023
          cua: UBND huyện
    noi_dung:
      - tieu_de: Kết quả
        van_ban: |
          Theo Kế hoạch số 47/KH-UBND ngày 10/3/2023 và Kế hoạch số 05/KH-UBND ngày 06/01/2021.
          Kế hoạch số 05-KH/ĐU ngày 25/01/2014; Chỉ thị 22-CT/TU; Nghị quyết 25; ngày 03/6/2013.
    """
    assert diagnostics_of(period) == []


def test_a_typed_can_cu_with_another_date_is_compared():
    period = """\
    mo_dau:
      can_cu:
        - loai: Kế hoạch
          so: 47/KH-UBND
          ngay: 10/3/2023
    noi_dung:
      - tieu_de: Kết quả
        van_ban: |
          Theo Kế hoạch số 47/KH-UBND ngày 01/3/2023.
    """
    found = diagnostics_of(period, Code.CITATION_CONFLICT)
    assert [(d.location.line, d.value) for d in found] == [(line_of(period, "ngày 01/3/2023"), "01/3/2023")]
