"""Nơi nhận's archive line («Lưu: VT, …» / «Lưu Văn phòng …») is data: a file without it is refused by
validate at the `noi_nhan` line, not rendered into a document that `verify` would then call our fault."""

from __future__ import annotations

from baocao_gen.codes import Code
from baocao_gen.pipeline import build
from conftest import PARTY_PROFILE, PERIOD, STATE_PROFILE


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
