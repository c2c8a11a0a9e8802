"""What the data leaves out is the data's problem, said at its line — never a P306 ("our template or code
made an off-format document") from verify's audit, which would send a clerk to the developers.

Nơi nhận's archive line («Lưu: VT, …» / «Lưu Văn phòng …») is required: a file without it is refused by
validate at the `noi_nhan` line. A date left wholly blank for the văn thư (`ngay:` empty, as the model
allows) prints «Ba Tô, ngày … tháng … năm …» and passes the audit."""

from __future__ import annotations

from baocao_gen.codes import Code
from baocao_gen.pipeline import build
from conftest import PARTY_PROFILE, PERIOD, STATE_PROFILE, open_docx


def _without_archive(text: str) -> str:
    return "".join(line for line in text.splitlines(keepends=True) if not line.startswith("luu:"))


def test_no_luu_is_a_located_error_and_nothing_is_rendered(make_report):
    path = make_report(period=_without_archive(PERIOD), profile=_without_archive(STATE_PROFILE))
    result = build(path)
    [problem] = [d for d in result.diagnostics if d.code is Code.MISSING_ARCHIVE_LINE]
    assert problem.is_error and result.data is None
    assert "noi_nhan" in problem.format() and "luu: VT" in (problem.hint or "")
    assert not [d for d in result.diagnostics if d.code is Code.OUTPUT_OFF_FORMAT]  # not called our fault


def test_a_lưu_item_typed_in_the_list_is_enough(make_report):
    period = _without_archive(PERIOD).replace("  - UBND huyện\n", '  - UBND huyện\n  - "Lưu: VT"\n', 1)
    assert '  - "Lưu: VT"\n' in period
    result = build(make_report(period=period, profile=_without_archive(STATE_PROFILE)))
    assert not [d for d in result.diagnostics if d.code is Code.MISSING_ARCHIVE_LINE]
    assert result.data is not None, [d.format() for d in result.diagnostics]


def test_the_party_hint_names_the_party_form(make_report):
    path = make_report(period=_without_archive(PERIOD), profile=_without_archive(PARTY_PROFILE))
    [problem] = [d for d in build(path).diagnostics if d.code is Code.MISSING_ARCHIVE_LINE]
    assert "Văn phòng" in (problem.hint or "")


def test_a_date_left_wholly_blank_renders_and_passes_the_audit(make_report):
    period = "".join(
        "ngay:\n" if line.startswith("ngay:") else line for line in PERIOD.splitlines(keepends=True)
    )
    result = build(make_report(period=period))
    assert result.data is not None, [d.format() for d in result.diagnostics]
    assert not [d for d in result.diagnostics if d.code is Code.OUTPUT_OFF_FORMAT]
    text = " ".join(
        p.text
        for t in open_docx(result.data).tables[:1]
        for row in t.rows
        for c in row.cells
        for p in c.paragraphs
    )
    assert "Ba Tô, ngày" in " ".join(text.split()) and "năm" in text


# --- a typed «Lưu …» line before the end of its group (fuzz seed 1201, mutant 583: a line pasted twice) ---

PARTY_GROUPS = """\
noi_nhan:
  - nhom: Gửi bản giấy
    danh_sach:
      - Lưu Đảng ủy
      - Lưu Đảng ủy
  - nhom: Gửi bản điện tử
    danh_sach:
      - Ban Dân vận Huyện ủy (Báo cáo)
"""


def _with_recipients(period: str, recipients: str) -> str:
    head = period.split("noi_nhan:")[0]
    return head + recipients


def _archive_findings(result) -> list:
    return [d for d in result.diagnostics if d.code is Code.ARCHIVE_LINE_NOT_LAST]


def test_a_lưu_line_pasted_twice_is_refused_at_the_first_one(make_report):
    path = make_report(period=_with_recipients(PERIOD, PARTY_GROUPS), profile=PARTY_PROFILE)
    result = build(path)
    [problem] = _archive_findings(result)
    assert problem.is_error and result.data is None
    first_line = path.read_text(encoding="utf-8").splitlines().index("      - Lưu Đảng ủy") + 1
    assert (problem.location.line, problem.location.column) == (first_line, 9)
    assert "noi_nhan[1].danh_sach[1]" in problem.format() and "xóa nếu là dòng trùng" in (problem.hint or "")
    assert not [d for d in result.diagnostics if d.code is Code.OUTPUT_OFF_FORMAT]


def test_a_lưu_line_closing_its_group_renders_and_passes_the_audit(make_report):
    once = PARTY_GROUPS.replace("      - Lưu Đảng ủy\n", "", 1)
    result = build(make_report(period=_with_recipients(PERIOD, once), profile=PARTY_PROFILE))
    assert result.data is not None, [d.format() for d in result.diagnostics]
    assert not _archive_findings(result)
    assert not [d for d in result.diagnostics if d.code is Code.OUTPUT_OFF_FORMAT]
    document = open_docx(result.data)
    lines = [p.text for t in document.tables for row in t.rows for c in row.cells for p in c.paragraphs]
    assert "- Lưu Đảng ủy." in lines and "- Ban Dân vận Huyện ủy (Báo cáo)." in lines


def test_a_lưu_item_typed_besides_the_luu_key_is_refused_with_delete_as_the_hint(make_report):
    period = PERIOD.replace("  - UBND huyện\n", '  - UBND huyện\n  - "Lưu: VT"\n', 1)
    result = build(make_report(period=period))
    [problem] = _archive_findings(result)
    assert (
        result.data is None
        and "khóa `luu`" in (problem.hint or "")
        and "xóa dòng này" in (problem.hint or "")
    )
    assert "(sau nó còn «Lưu: VT»)" in problem.message


def test_a_lưu_item_typed_first_in_a_loose_list_is_refused(make_report):
    period = _without_archive(PERIOD).replace("  - UBND huyện\n", '  - "Lưu: VT"\n  - UBND huyện\n', 1)
    result = build(make_report(period=period, profile=_without_archive(STATE_PROFILE)))
    [problem] = _archive_findings(result)
    assert result.data is None and "noi_nhan[1]" in problem.format()
    assert "chuyển dòng này xuống cuối" in (problem.hint or "")
    assert not [d for d in result.diagnostics if d.code is Code.MISSING_ARCHIVE_LINE]
