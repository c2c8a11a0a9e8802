"""References and notes, called directly: figures, standard sentences, citations, footnote numbering."""

from __future__ import annotations

from decimal import Decimal

from baocao_gen.codes import Code
from baocao_gen.diagnostics import Location, Severity
from baocao_gen.document import NoteRef, Paragraph, Run
from baocao_gen.markup import Unresolved, plain_text
from compute_helpers import KindStub, line_of, report_and_tree, resolver


def test_a_figure_prints_the_vietnamese_way_and_in_its_forms():
    _, refs, _ = resolver({"ho_so": {"tong": 1836, "ty_le": Decimal("90.3"), "ky_truoc": 1}})
    assert refs.figure("ho_so.tong") == "1.836"
    assert refs.figure("ho_so.ty_le") == "90,3"
    assert refs.figure("ho_so.ky_truoc|02") == "01"
    assert refs.figure("ho_so.ky_truoc|chu") == "một"
    assert refs.figure("ho_so.tong|02") == "1.836"  # two digits only pads 1–9


def test_an_unknown_figure_is_none_and_a_blank_one_says_why():
    _, refs, _ = resolver({"ho_so": {"tong": None, "ten": {"a": 1}}})
    assert refs.figure("ho_so.khong_co") is None
    assert refs.figure("ho_so.ten") is None  # a group of figures is not a number
    blank = refs.figure("ho_so.tong")
    assert isinstance(blank, Unresolved) and "để trống" in blank.message


def test_a_total_lacking_a_part_names_the_part():
    kind = KindStub(tinh={"ho_so.tong": ("ho_so.a", "ho_so.b")})
    _, refs, _ = resolver({"ho_so": {"a": 3}}, kind=kind)
    lacking = refs.figure("ho_so.tong")
    assert (
        isinstance(lacking, Unresolved) and "ho_so.b" in lacking.message and "ho_so.a" not in lacking.message
    )


def test_a_standard_sentence_fills_its_figures_and_drops_a_blank_optional_clause():
    kind = KindStub(
        cau={"dong_gop": "Nhân dân đóng góp {ngay_cong} ngày công[, {tien} đồng][ và hiến {dat} m² đất]."},
        optional=("tien", "dat"),
    )
    _, refs, _ = resolver({"ngay_cong": 1200, "tien": None, "dat": 50}, kind=kind)
    assert refs.figure("cau.dong_gop") == "Nhân dân đóng góp 1.200 ngày công và hiến 50 m² đất."
    assert refs.figure("cau.khong_co") is None


def test_a_standard_sentence_lacking_a_figure_is_unresolved_naming_it():
    _, refs, _ = resolver({"a": 1}, kind=KindStub(cau={"c": "{a} và {b} hồ sơ"}))
    missing = refs.figure("cau.c")
    assert isinstance(missing, Unresolved) and "b" in missing.message and "cau.c" in missing.message


def test_citations_in_each_form_and_unknown_keys_or_forms():
    _, refs, _ = resolver()
    assert refs.citation("nq25|so") == "Nghị quyết số 25-NQ/TW"
    assert refs.citation("nq25|ngan") == "Nghị quyết số 25-NQ/TW ngày 03/6/2013"
    assert refs.citation(" nq25 ").startswith("Nghị quyết số 25-NQ/TW ngày 03/6/2013 của ")
    assert refs.citation("nq25|khong_co") is None
    assert refs.citation("khong_co") is None


def test_a_typed_wrong_date_of_a_registry_document_is_a_located_warning():
    _, refs, _ = resolver()
    where = Location("x.yaml", 3, 7)
    refs.check_cited_dates("theo Nghị quyết số 25-NQ/TW ngày 23/6/2013 của", lambda offset: where)
    refs.check_cited_dates("theo Nghị quyết số 25-NQ/TW ngày 03/6/2013 của", lambda offset: where)
    [problem] = refs.diagnostics
    assert problem.code == Code.OTHER_RULE and problem.severity is Severity.WARNING
    assert (
        problem.location == where and "03/6/2013" in problem.message and problem.value.endswith("23/6/2013")
    )


def test_footnotes_are_numbered_as_met_and_each_is_cited_once():
    text, _, notes = resolver({"tong": 7}, notes={"a": "Chú thích A có {tong} hồ sơ.", "b": "Chú thích B."})
    [paragraph] = text.prose("Đoạn một[^b] và hai[^a], lại[^b].")
    assert isinstance(paragraph, Paragraph)
    assert [i.number for i in paragraph.inlines if isinstance(i, NoteRef)] == [1, 2]
    assert notes.used == {"b": 1, "a": 2}
    assert [plain_text(n.blocks[0].inlines) for n in notes.footnotes] == [
        "Chú thích B.",
        "Chú thích A có 7 hồ sơ.",
    ]
    [twice] = text.diagnostics
    assert twice.code == Code.MISSING_REFERENCE and twice.value == "[^b]" and "đã dùng" in twice.message


def test_a_note_without_text_is_an_error_and_a_note_inside_a_note_is_refused():
    text, _, notes = resolver(notes={"a": "Có chú thích lồng[^b].", "b": "B."})
    text.prose("Đoạn[^khong_co] và[^a].")
    codes = [(p.code, p.value) for p in text.diagnostics]
    assert (Code.MISSING_REFERENCE, "[^khong_co]") in codes
    assert (Code.BAD_MARKUP, "[^b]") in codes
    assert [n.number for n in notes.footnotes] == [1]


def test_a_footnote_text_is_located_character_by_character():
    period = """\
    chu_thich:
      a: Theo [[khong_co]] năm đó.
    """
    report, tree = report_and_tree(period)
    text, _, notes = resolver(notes=dict(report.chu_thich), tree=tree)
    notes.footnote("a", Location("x", 1, 1))
    [problem] = text.diagnostics
    assert problem.code == Code.MISSING_REFERENCE
    assert (problem.location.line, problem.location.column) == (line_of(period, "a: Theo"), 11)


def test_runs_of_a_resolved_title_keep_their_markup():
    text, _, _ = resolver({"n": 3})
    runs = text.inline("Có **{n}** mô hình", "tieu_de")
    assert [(r.text, r.bold) for r in runs if isinstance(r, Run)] == [
        ("Có ", False),
        ("3", True),
        (" mô hình", False),
    ]
