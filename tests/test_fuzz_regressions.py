"""Crashes the fuzzer found (tests/test_fuzz.py), each kept as a small case of its own.

Each test names the mutant that found it; the mutant itself may stop reproducing when the generator
changes, so the case is written out here by hand.
"""

from __future__ import annotations

import pytest

from baocao_gen.ooxml.text import document_text
from baocao_gen.pipeline import build
from conftest import PERIOD, STATE_PROFILE


@pytest.mark.parametrize(
    ("key", "line", "typed"),
    [
        ("viet_tat", "viet_tat: UBND", "viet_tat: ĐU   ,"),  # python tools/fuzz.py --seed 15 --only 1474
        ("viet_tat", "viet_tat: UBND", "viet_tat: UB/ND"),
        ("loai_van_ban", "luu: VT", "luu: VT\nloai_van_ban: B C"),
        ("so", "so: 5", "so: 99.999.999.999"),
    ],
)
def test_a_document_number_part_that_cannot_be_written_is_a_located_error(make_report, key, line, typed):
    """The số/ký hiệu line refused its parts by raising, which the CLI turned into an internal error."""
    profile = STATE_PROFILE.replace(line, typed) if line in STATE_PROFILE else STATE_PROFILE
    period = PERIOD.replace(line, typed) if line in PERIOD else PERIOD
    result = build(make_report(period, profile))
    assert result.data is None
    [problem] = [d for d in result.diagnostics if d.is_error]
    assert problem.code == "D108" and problem.location.path == (key,)
    assert problem.location.line >= 1 and problem.location.column >= 1
    assert "không hợp lệ" in problem.message


@pytest.mark.parametrize("typed", ["{{ dong.text }}", "{{p noi_dung }}", "{%p endif %}", "{{ ho_ten }}"])
def test_a_frame_tag_typed_as_text_is_printed_not_refused(make_report, typed):
    """Typed text is printed as typed (docs/danh-dau.md), yet a frame template's own tag typed in a
    paragraph was refused as a leftover of rendering (P301, with no line): python tools/fuzz.py --seed 15 --only 280."""
    result = build(make_report(PERIOD.replace("Đoạn văn thứ nhất.", f"- Gõ {typed} như chữ.")))
    assert result.data is not None, [d.format() for d in result.diagnostics]
    assert f"- Gõ {typed} như chữ." in document_text(result.data)


@pytest.mark.parametrize(
    "typed", ["dan-v" + "9" * 400 + "an-kheo", "../trich-dan", "loai/chung", "chung\u00a0"]
)
def test_a_report_kind_that_names_no_shipped_kind_is_a_located_error(make_report, typed):
    """`loai` was joined into a path and opened: a long value crashed (OSError, file name too long:
    python tools/fuzz.py --seed 7 --only 2618) and `../trich-dan` loaded a file that is not a kind."""
    result = build(make_report(PERIOD.replace("so: 5", f"so: 5\nloai: {typed}")))
    assert result.data is None
    [problem] = [d for d in result.diagnostics if d.is_error]
    assert problem.code == "D108" and problem.location.path == ("loai",) and problem.location.line == 3


@pytest.mark.parametrize(
    "figure",
    [
        "1234567890123456789012345678901234567890",  # python tools/fuzz.py --seed 7 --only 4125
        "1.234.567.890.123.456.789",
        "1,1234567890123456789",
    ],
)
def test_a_number_too_long_to_be_a_figure_is_a_located_error(make_report, figure):
    """A 40-digit figure passed validation and crashed the printing of numbers (decimal.InvalidOperation)."""
    period = PERIOD.replace("noi_nhan:", f"so_lieu:\n  dan_so: {figure}\nnoi_nhan:")
    result = build(make_report(period))
    assert result.data is None
    [problem] = [d for d in result.diagnostics if d.is_error]
    assert "quá lớn" in problem.message and problem.location.line >= 1 and problem.location.column >= 1


@pytest.mark.parametrize(
    ("typed", "printed"),
    [
        (
            "kiêm                        <",
            "KIÊM                        <",
        ),  # tools/fuzz.py --seed 2026 --only 5448
        ("kiêm nhiệm", "KIÊM NHIỆM"),
        ("phó trưởng ban", "PHÓ TRƯỞNG BAN"),
        ("kiêm", "kiêm"),
        ("Kiêm", "Kiêm"),
    ],
)
def test_only_the_joining_word_of_a_signers_positions_stays_in_lower_case(make_report, typed, printed):
    """Render kept every all-lower-case position line as typed, while the audit accepts only «kiêm»
    in lower case, so `kiêm <` was refused as a fault of the tool (P306, with no line)."""
    profile = STATE_PROFILE.replace(
        "  chuc_vu: Chủ tịch", f"  chuc_vu:\n    - Phó Chủ tịch\n    - {typed}\n    - Chủ tịch"
    )
    result = build(make_report(PERIOD, profile))
    assert result.data is not None, [d.format() for d in result.diagnostics]
    assert f"TM. ỦY BAN NHÂN DÂN / PHÓ CHỦ TỊCH / {printed} / CHỦ TỊCH / Phạm Văn Hiền |" in document_text(
        result.data
    )  # the signature cell's lines, joined by " / "
