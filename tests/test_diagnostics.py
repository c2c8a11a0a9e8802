"""The one-line form of a diagnostic stays one line, whatever text a clerk pasted into the value or hint."""

from __future__ import annotations

import pytest

from baocao_gen.codes import Code
from baocao_gen.diagnostics import Diagnostic, Location


@pytest.mark.parametrize(
    "breaker", ["\n", "\r", "\v", "\f", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029"]
)
def test_a_pasted_line_break_never_splits_the_line(breaker):
    problem = Diagnostic(
        Code.WRONG_TYPE,
        f"sai{breaker}giá trị",
        Location("bc.yaml", 3, 5, ("trich_yeu",)),
        f"Báo{breaker}cáo",
        f"sửa{breaker}lại",
    )
    line = problem.format()
    assert len(line.splitlines()) == 1, repr(line)
    assert line.startswith("bc.yaml:3:5: lỗi: khóa «trich_yeu» = ") and line.endswith("[D108]")
    assert f"\\u{ord(breaker):04x}" in line or "\\n" in line or "\\r" in line


def test_ordinary_text_is_unchanged():
    problem = Diagnostic(Code.BAD_NUMBER, "số viết sai", Location("bc.yaml", 1, 1), "1.836,5", "viết 1.836")
    assert problem.format() == 'bc.yaml:1:1: lỗi: giá trị "1.836,5": số viết sai (gợi ý: viết 1.836) [D104]'
