"""A unit's own documents registered once (`van_ban_don_vi`) and cited by key (issue 10, point 3)."""

from __future__ import annotations

from typer.testing import CliRunner

from baocao_gen.cli import app
from baocao_gen.codes import Code
from baocao_gen.integrity import check_typed
from compute_helpers import line_of, report_and_tree
from conftest import STATE_PROFILE, built, open_docx, write_tree
from docx_helpers import body_text

OWN = """\
van_ban_don_vi:
  kh47:
    loai: Kế hoạch
    so: 47/KH-UBND
    ngay: 10/3/2023
    cua: UBND huyện
    ve: thực hiện quy chế dân chủ ở cơ sở năm 2023
"""

REPORT = (
    """\
ke_thua: don-vi.yaml
so: 5
ngay: 05/6/2023
trich_yeu: Kết quả công tác dân vận 6 tháng đầu năm 2023
mo_dau:
  can_cu:
    - trich_dan: kh47
  bao_cao: "UBND xã báo cáo như sau:"
noi_dung:
  - tieu_de: Kết quả
    van_ban: |
      Căn cứ [[kh47|ten]], UBND xã đã làm; theo [[kh47|ngan]]; [[kh47|so]]; [[kh47|ngan_dai]].
phu_luc:
  - tieu_de: Văn bản đã ban hành
    bang:
      - cot: [{ten: TT, kieu: stt}, {ten: Văn bản, kieu: chu}]
        dong:
          - ["", "[[kh47|ngan]]"]
noi_nhan:
  - UBND huyện
luu: VT
"""
    + OWN
)


def test_cited_by_key_everywhere_prints_one_number_and_date(make_report):
    result = built(make_report(REPORT))
    assert result.diagnostics == []
    text = "\n".join(body_text(open_docx(result.data)))
    assert (
        "Thực hiện Kế hoạch số 47/KH-UBND ngày 10/3/2023 của UBND huyện về thực hiện quy chế dân chủ ở cơ sở năm 2023."
        in text
    )
    assert (
        "Căn cứ Kế hoạch số 47/KH-UBND ngày 10/3/2023 của UBND huyện về thực hiện quy chế dân chủ ở cơ sở năm 2023, "
        "UBND xã đã làm; theo Kế hoạch số 47/KH-UBND ngày 10/3/2023; Kế hoạch số 47/KH-UBND; "
        "Kế hoạch số 47/KH-UBND ngày 10 tháng 3 năm 2023." in text
    )


def test_the_table_cell_cites_by_key_too(make_report):

    document = open_docx(built(make_report(REPORT)).data)
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert "Kế hoạch số 47/KH-UBND ngày 10/3/2023" in cells


def test_a_typed_copy_with_another_date_is_compared_with_the_registered_one():
    period = (
        OWN
        + """\
noi_dung:
  - tieu_de: Kết quả
    van_ban: |
      Theo Kế hoạch số 47/KH-UBND ngày 11/3/2023 của UBND huyện.
"""
    )
    report, tree = report_and_tree(period)
    _, found = check_typed(report, tree)
    assert [(d.code, d.location.line, d.value) for d in found] == [
        (Code.CITATION_CONFLICT, line_of(period, "11/3/2023"), "11/3/2023")
    ]
    assert f"ngày 10/3/2023 ở dòng {line_of(period, 'ngay: 10/3/2023')}" in found[0].message


def test_unknown_key_in_can_cu_is_an_error_at_its_line():
    period = (
        OWN
        + """\
mo_dau:
  can_cu:
    - trich_dan: kh74
"""
    )
    report, tree = report_and_tree(period)
    _, found = check_typed(report, tree)
    assert [(d.code, d.location.line, d.is_error) for d in found] == [
        (Code.MISSING_REFERENCE, line_of(period, "kh74"), True)
    ]


def test_can_cu_typing_another_number_than_its_key_is_warned():
    period = (
        OWN
        + """\
mo_dau:
  can_cu:
    - trich_dan: kh47
      ngay: 11/3/2023
"""
    )
    report, tree = report_and_tree(period)
    filled, found = check_typed(report, tree)
    assert [(d.code, d.location.line) for d in found] == [
        (Code.CITATION_CONFLICT, line_of(period, "11/3/2023"))
    ]
    assert filled.mo_dau.can_cu[0].ngay.day == 10


def test_a_unit_key_that_hides_a_registry_document_is_warned():
    period = """\
van_ban_don_vi:
  nq25: {loai: Kế hoạch, so: 25/KH-UBND, ngay: 01/3/2023}
"""
    report, tree = report_and_tree(period)
    _, found = check_typed(report, tree)
    assert [(d.code, d.location.line, d.value) for d in found] == [
        (Code.CITATION_CONFLICT, line_of(period, "nq25"), "nq25")
    ]


def test_trich_dan_lists_the_units_documents(tmp_path):
    write_tree(tmp_path, {"don-vi.yaml": STATE_PROFILE + OWN})
    result = CliRunner().invoke(app, ["trich-dan", str(tmp_path / "don-vi.yaml")])
    assert result.exit_code == 0, result.output
    assert "[[nq25]]" in result.output
    assert "[[kh47]]      Kế hoạch số 47/KH-UBND ngày 10/3/2023 của UBND huyện" in result.output
    bare = CliRunner().invoke(app, ["trich-dan"])
    assert bare.exit_code == 0 and "kh47" not in bare.output
