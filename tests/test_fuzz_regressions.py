"""Crashes the fuzzer found (tests/test_fuzz.py), each kept as a small case of its own.

Each test names the mutant that found it; the mutant itself may stop reproducing when the generator
changes, so the case is written out here by hand.
"""

from __future__ import annotations

import pytest

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
