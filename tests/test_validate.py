"""Validate: every mistake in one run, each with file:line:col, key, value and a Vietnamese hint."""

from __future__ import annotations

from baocao_gen.catalogue import load_catalogue
from baocao_gen.codes import Code
from baocao_gen.diagnostics import Diagnostic, Location, Severity
from baocao_gen.pipeline import check
from baocao_gen.rules import Finding, RuleList
from baocao_gen.rules.validate_rules import MODEL_RULES, TREE_RULES
from conftest import PARTY_PROFILE, PERIOD, STATE_PROFILE


def problems(path):
    return [(d.code, d.location.line, d.location.path) for d in check(path).diagnostics if d.is_error]


def test_valid_file_has_no_problem(make_report):
    result = check(make_report())
    assert result.ok and result.report is not None
    assert result.report.so == 5
    assert result.report.ngay.ngay == 5 and result.report.ngay.thang == 6


def test_unknown_key_suggests_the_closest_known_key(make_report):
    result = check(make_report(PERIOD + "trich_yue: x\n"))
    [diag] = [d for d in result.diagnostics if d.code == "D106"]
    assert diag.location.line == 12
    assert diag.location.path == ("trich_yue",)
    assert diag.hint == "có phải «trich_yeu»?"
    assert diag.location.file.endswith("bao-cao.yaml")


def test_unknown_nested_key_suggests_from_its_own_level(make_report):
    profile = STATE_PROFILE.replace("  ho_ten:", "  ho_tne:")
    result = check(make_report(profile=profile))
    hints = {d.hint for d in result.diagnostics if d.code == "D106"}
    assert "có phải «ho_ten»?" in hints
    missing = [d for d in result.diagnostics if d.code == "D107"]
    assert missing and missing[0].location.path == ("nguoi_ky", "ho_ten")
    assert missing[0].location.file.endswith("don-vi.yaml")


def test_several_mistakes_are_all_reported_with_their_lines(make_report):
    period = """\
ke_thua: don-vi.yaml
so: 5.6
ngay: 31/02/2023
trich_yeu: Báo cáo
so_lieu:
  ho_so:
    truc_tuyen: 1.836
    truc_tiep: 5.6
danh_so: [la_ma, so, chu_cai]
noi_nhan:
  - UBND huyện
nguoi_kyy: x
"""
    found = problems(make_report(period))
    assert ("D104", 2, ("so",)) in found
    assert ("D105", 3, ("ngay",)) in found
    assert ("D104", 8, ("so_lieu", "ho_so", "truc_tiep")) in found
    assert ("D108", 9, ("danh_so", 2)) in found
    assert ("D106", 12, ("nguoi_kyy",)) in found
    figure = [
        d
        for d in check(make_report(period)).diagnostics
        if d.location.path == ("so_lieu", "ho_so", "truc_tiep")
    ][0]
    assert figure.hint == "5,6" and figure.value == "5.6"


def test_vietnamese_numbers_are_read_the_vietnamese_way(make_report):
    period = PERIOD + "so_lieu:\n  dan_so: 1.836\n  dien_tich: 1.626,5\n"
    report = check(make_report(period)).report
    assert report.so_lieu["dan_so"] == 1836
    assert str(report.so_lieu["dien_tich"]) == "1626.5"


def test_state_signing_mark_in_a_party_document_is_refused_with_the_right_form(make_report):
    profile = PARTY_PROFILE.replace("tham_quyen: T/M", "tham_quyen: TM.")
    result = check(make_report(profile=profile))
    [diag] = [d for d in result.diagnostics if d.code == "D120"]
    assert diag.hint == "«T/M»"
    assert diag.location.path == ("nguoi_ky", "tham_quyen")


def test_tm_requires_the_body_signed_for(make_report):
    profile = STATE_PROFILE.replace("  thay_mat: Ủy ban nhân dân\n", "")
    result = check(make_report(profile=profile))
    assert [d.code for d in result.diagnostics if d.is_error] == ["D120"]


def test_blank_number_and_blank_day_are_valid(make_report):
    period = PERIOD.replace("so: 5\n", "so:\n").replace("ngay: 05/6/2023", "ngay: {thang: 6, nam: 2023}")
    report = check(make_report(period)).report
    assert report.so is None and report.ngay.ngay is None and report.ngay.thang == 6


def test_diagnostic_line_format(make_report):
    result = check(make_report(PERIOD.replace("so: 5", "so: 5.6")))
    line = [d for d in result.diagnostics if d.code == "D104"][0].format()
    assert line.startswith(str(result.diagnostics[0].location.file) + ':2:5: lỗi: khóa «so» = "5.6": ')
    assert line.endswith("(gợi ý: 5,6) [D104]")


def test_missing_figure_and_unclosed_italic_are_located_in_the_prose(make_report):
    period = PERIOD.replace("Đoạn văn thứ nhất.", "Đoạn có {ho_so.khong_co} hồ sơ.\n      Dòng *chưa đóng.")
    result = check(make_report(period))
    found = {(d.code, d.location.line) for d in result.diagnostics}
    assert ("D121", 8) in found
    assert ("D122", 9) in found


def test_unused_and_missing_footnotes(make_report):
    period = PERIOD.replace("Đoạn văn thứ nhất.", "Có chú thích[^a].") + "chu_thich:\n  b: không dùng\n"
    result = check(make_report(period))
    assert {(d.code, d.is_error) for d in result.diagnostics} == {("D121", True), ("D121", False)}


def test_wrong_date_of_a_well_known_resolution_is_flagged(make_report):
    period = PERIOD.replace(
        "Đoạn văn thứ nhất.",
        "Theo Nghị quyết số 25-NQ/TW ngày 30/6/2013 và Kết luận 43-KL/TW, ngày 07/01/2019.",
    )
    result = check(make_report(period))
    assert result.ok  # a warning: the clerk may be quoting a wrong document on purpose
    [warning] = [d for d in result.diagnostics if d.code == "D125"]
    assert "03/6/2013" in warning.message and "30/6/2013" in warning.message
    assert warning.hint.startswith("viết [[nq25]]")
    assert warning.location.line == 8


def test_a_report_without_recipients_is_warned_with_its_own_code(make_report):
    result = check(make_report(PERIOD.replace("noi_nhan:\n  - UBND huyện\n", "noi_nhan: []\n")))
    assert result.ok and result.report is not None
    [warning] = [d for d in result.diagnostics if d.code == Code.MISSING_RECIPIENTS]
    assert not warning.is_error and warning.message == "chưa có nơi nhận." and warning.location.line == 1
    assert "D125" not in {d.code for d in result.diagnostics}


def test_a_wrong_collective_mark_is_one_problem_not_two(make_report):
    profile = PARTY_PROFILE.replace("tham_quyen: T/M", "tham_quyen: TM.").replace(
        "  thay_mat: Ban Thường vụ\n", ""
    )
    [diag] = [d for d in check(make_report(profile=profile)).diagnostics if d.code == Code.WRONG_AUTHORITY]
    assert diag.hint == "«T/M»"


def test_every_validate_rule_has_a_code_the_catalogue_explains():
    catalogue = load_catalogue()
    rules = [*TREE_RULES, *MODEL_RULES]
    assert {rule.name for rule in rules} >= {
        "unfilled_marks",
        "signing_mark_fits_system",
        "collective_signing_names_body",
        "state_closing_ends_with_mark",
        "state_summary_starts_with_capital",
        "has_recipients",
    }
    assert len({rule.name for rule in rules}) == len(rules)
    for rule in rules:
        assert isinstance(rule.code, Code) and rule.code in catalogue, rule.name
        assert rule.check.__doc__, f"{rule.name}: a rule says why it exists"


def test_a_rule_is_one_function_and_the_stage_stamps_its_code_and_level():
    stage: RuleList[str] = RuleList("thử")

    @stage.rule(Code.STATE_FORMAT, Severity.WARNING)
    def shouts(text: str):
        """A test rule: capitals found."""
        if text.isupper():
            yield Finding("viết hoa cả dòng.", Location("a.yaml", 3, 5), text, "viết thường")

    assert stage.run("ổn") == []
    [diagnostic] = stage.run("HOA")
    assert diagnostic == Diagnostic(
        Code.STATE_FORMAT,
        "viết hoa cả dòng.",
        Location("a.yaml", 3, 5),
        "HOA",
        "viết thường",
        Severity.WARNING,
    )


# --- a State deputy signs for the head: «KT. CHỦ TỊCH» above «PHÓ CHỦ TỊCH» (D138, a warning) ---


def _deputy(result) -> list[Diagnostic]:
    return [d for d in result.diagnostics if d.code == Code.DEPUTY_WITHOUT_KT]


def test_a_state_deputy_signing_for_the_body_without_kt_is_warned_at_the_position(make_report):
    profile = STATE_PROFILE.replace("chuc_vu: Chủ tịch", "chuc_vu: Phó Chủ tịch")
    assert "chuc_vu: Phó Chủ tịch" in profile
    path = make_report(profile=profile)
    result = check(path)
    [diag] = _deputy(result)
    assert diag.severity is Severity.WARNING and result.ok  # the report is still written
    line = profile.splitlines().index("  chuc_vu: Phó Chủ tịch") + 1
    assert (diag.location.line, diag.location.column, diag.value) == (line, 12, "Phó Chủ tịch")
    assert diag.location.file.endswith("don-vi.yaml") and diag.location.path == ("nguoi_ky", "chuc_vu")
    assert "«KT. CHỦ TỊCH»" in diag.message and "`ky_thay: Chủ tịch`" in (diag.hint or "")


def test_the_first_of_several_position_lines_is_pointed_at(make_report):
    profile = STATE_PROFILE.replace(
        "chuc_vu: Chủ tịch", "chuc_vu:\n    - Phó Giám đốc\n    - kiêm\n    - Trưởng phòng"
    )
    [diag] = _deputy(check(make_report(profile=profile)))
    assert diag.location.path == ("nguoi_ky", "chuc_vu", 0) and diag.value == "Phó Giám đốc"
    assert "`ky_thay: Giám đốc`" in (diag.hint or "")


def test_a_deputy_with_kt_by_order_or_in_a_party_document_is_not_warned(make_report):
    deputy = STATE_PROFILE.replace("chuc_vu: Chủ tịch", "chuc_vu: Phó Chủ tịch")
    signed_for_head = deputy.replace("  chuc_vu:", "  ky_thay: Chủ tịch\n  chuc_vu:")
    kt_mark = deputy.replace("tham_quyen: TM.", "tham_quyen: KT.").replace(
        "thay_mat: Ủy ban nhân dân", "thay_mat: Chủ tịch"
    )
    by_order = deputy.replace("tham_quyen: TM.", "tham_quyen: TL.")
    for profile in (signed_for_head, kt_mark, by_order, PARTY_PROFILE):
        assert profile != deputy
        assert not _deputy(check(make_report(profile=profile))), profile
    assert "Phó Bí thư" in PARTY_PROFILE  # T/M BAN THƯỜNG VỤ / PHÓ BÍ THƯ is HD 36's own form
