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
