"""The compute stage's after-the-fact rules, called directly and through `compute`, with their places."""

from __future__ import annotations

from baocao_gen.codes import Code
from baocao_gen.compute import compute
from baocao_gen.compute.frame_values import FrameValues
from baocao_gen.compute.locations import Locations
from baocao_gen.compute.references import Notes, References
from baocao_gen.diagnostics import Location, Severity
from baocao_gen.document import Run
from baocao_gen.ooxml.frame import frame_of_file
from baocao_gen.resources import template_path
from baocao_gen.rules.compute_rules import DOCUMENT_RULES, FRAME_RULES, DocumentSubject, FrameSubject
from compute_helpers import line_of, report_and_tree

LONG_ISSUER = "co_quan_ban_hanh: BAN CHỈ ĐẠO THỰC HIỆN QUY CHẾ DÂN CHỦ Ở CƠ SỞ VÀ PHONG TRÀO THI ĐUA DÂN VẬN KHÉO XÃ BA TÔ\n"
NOTES = """\
noi_dung:
  - tieu_de: Kết quả
    van_ban: Đoạn văn[^dung].
chu_thich:
  dung: Được dẫn.
  thua: Không ai dẫn.
"""


def test_rules_are_registered_by_stage_with_their_code_and_level():
    assert [rule.name for rule in DOCUMENT_RULES] == ["every_footnote_is_cited"]
    assert [rule.name for rule in FRAME_RULES] == [
        "issuer_lines_fit_their_column",
        "date_line_fits_its_column",
    ]
    assert all(rule.severity is Severity.WARNING for rule in [*DOCUMENT_RULES, *FRAME_RULES])


def test_unused_notes_are_warned_at_their_own_line():
    report, tree = report_and_tree(NOTES)
    locations = Locations(tree)
    notes = Notes(report.chu_thich, References(report.so_lieu, None, []), locations)
    notes.footnote("dung", Location("x", 1, 1))
    [unused] = DOCUMENT_RULES.run(DocumentSubject(report, locations, notes.used))
    assert unused.code == Code.MISSING_REFERENCE and unused.severity is Severity.WARNING
    assert unused.message == "chú thích «thua» không được dẫn ở đâu trong văn bản."
    assert unused.location.line == line_of(NOTES, "thua:") and unused.location.path == ("chu_thich", "thua")
    assert DOCUMENT_RULES.run(DocumentSubject(report, locations, {"dung": 1, "thua": 2})) == []


def _frame_subject(period: str) -> FrameSubject:
    report, tree = report_and_tree(period)
    locations = Locations(tree)
    spec = frame_of_file(template_path("nha_nuoc"), "nha_nuoc")
    values = FrameValues(report, locations, []).values([Run("Kết quả")], spec)
    return FrameSubject(report, locations, spec, values)


def test_a_header_line_too_long_for_its_column_is_a_located_warning():
    [problem] = FRAME_RULES.run(_frame_subject(LONG_ISSUER))
    assert problem.code == Code.OTHER_RULE and problem.severity is Severity.WARNING
    assert problem.location.line == line_of(LONG_ISSUER, "co_quan_ban_hanh: BAN")
    assert problem.value.startswith("BAN CHỈ ĐẠO") and "cột đầu văn bản" in problem.message
    assert FRAME_RULES.run(_frame_subject("")) == []


def test_a_date_line_wider_than_the_right_column_is_named_at_the_place_name():
    period = "dia_danh: Thị trấn Phước Hưng Đông Nam thuộc huyện Nghĩa Hành Bắc Trung Bộ\n"
    problems = FRAME_RULES.run(_frame_subject(period))
    # The right column keeps the date whole as far as it can, so the cơ quan lines wrap first;
    # the date line's own warning comes last, in the rules' order.
    date = problems[-1]
    assert date.location.path == ("dia_danh",) and "địa danh" in date.message
    assert date.location.line == line_of(period, "dia_danh:")
    assert {p.location.path for p in problems[:-1]} <= {("co_quan_chu_quan",), ("co_quan_ban_hanh",)}


def test_compute_runs_the_rules_in_stage_order():
    report, tree = report_and_tree(LONG_ISSUER + NOTES)
    _, diagnostics = compute(report, tree)
    assert [(d.code, d.location.path[0]) for d in diagnostics] == [
        (Code.MISSING_REFERENCE, "chu_thich"),
        (Code.OTHER_RULE, "co_quan_ban_hanh"),
    ]
