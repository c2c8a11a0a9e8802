"""Issue 10, points 4–5: figures restated in prose, rates, and the rules between figures declared by a kind."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from baocao_gen.codes import Code
from baocao_gen.diagnostics import Severity
from baocao_gen.integrity.figures import sentence_items
from baocao_gen.integrity.numbers import percent_agrees
from baocao_gen.kind_model import validate_kind_tree
from baocao_gen.kinds import Kind, compute_figures, load_kind
from baocao_gen.loader import load_text
from baocao_gen.pipeline import check
from conftest import EXAMPLES, built, open_docx
from docx_helpers import body_text

HO_SO_TYPED = (
    "Tổng số hồ sơ tiếp nhận: 552 hồ sơ; trực tuyến: 113 hồ sơ; trực tiếp 408 hồ sơ; trong kỳ trước: 01 hồ sơ. "
    "Số lượng hồ sơ giải quyết: 520 hồ sơ; trước hạn: 473 hồ sơ; đúng hạn: 0 hồ sơ; quá hạn 47 hồ sơ; số lượng hồ sơ "
    "đang giải quyết: 2 hồ sơ; trong hạn: 2 hồ sơ; quá hạn: 0 hồ sơ; số lượng hồ sơ tiếp nhận chi tiết: trực tiếp: "
    "407 hồ sơ; bưu chính: 01 hồ sơ; Bưu chính công ít: 0 hồ sơ."
)
BA_TO = "dan-van-chinh-quyen-6-thang-2023.yaml"


def _copy(tmp_path: Path, unit: str) -> Path:
    target = tmp_path / unit
    shutil.copytree(EXAMPLES / unit, target)
    return target


def _ba_to(tmp_path: Path, sentence: str, keep_figures: bool = True) -> Path:
    """Return the Ba Tô example with `{cau.ho_so}` replaced by a typed sentence (and, optionally, no so_lieu)."""
    path = _copy(tmp_path, "ba-to") / BA_TO
    text = path.read_text(encoding="utf-8").replace("          {cau.ho_so}\n", f"          {sentence}\n")
    if not keep_figures:
        start = text.index("\nso_lieu:")
        text = text[:start] + text[text.index("\n\n", start) :]
        text = text.replace("{cau.tiep_dan} {cau.don_thu}", "")
    path.write_text(text, encoding="utf-8")
    return path


def _line_col(path: Path, needle: str) -> tuple[int, int]:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return number, line.index(needle) + 1
    raise AssertionError(needle)


def _codes(path: Path, code: str) -> list:
    return [d for d in check(path).diagnostics if d.code == code]


# ------------------------------------------------------------------------------ point 4: restated sentences


def test_a_pasted_sentence_without_figures_shows_the_sum_of_the_numbers_typed_beside_it(tmp_path):
    path = _ba_to(tmp_path, HO_SO_TYPED, keep_figures=False)
    found = _codes(path, Code.RESTATED_FIGURE)
    assert len(found) == 1, [d.format() for d in found]
    warning = found[0]
    assert "552 ≠ 113 + 408 + 1 = 522" in warning.message
    assert warning.severity is Severity.WARNING
    assert warning.hint is not None and "{cau.ho_so}" in warning.hint
    line, column = _line_col(path, "552 hồ sơ")
    assert (warning.location.line, warning.location.column) == (line, column)


def test_a_pasted_sentence_is_compared_with_the_figures_when_the_data_has_them(tmp_path):
    path = _ba_to(tmp_path, HO_SO_TYPED.replace("trực tiếp 408", "trực tiếp 409"))
    messages = sorted(d.message for d in _codes(path, Code.RESTATED_FIGURE))
    # The example's figures: 113 online, 407 + 1 + 0 in person, 1 carried over (522 in all, 408 in person).
    assert any("552 ≠ 113 + 407 + 1 + 0 + 1 = 522" in m for m in messages), messages
    assert any("409 ≠ 407 + 1 + 0 = 408" in m for m in messages), messages
    assert len(messages) == 2


def test_a_pasted_sentence_that_adds_up_is_not_reported(tmp_path):
    consistent = HO_SO_TYPED.replace("552 hồ sơ", "522 hồ sơ")
    assert _codes(_ba_to(tmp_path, consistent, keep_figures=False), Code.RESTATED_FIGURE) == []


def test_one_label_alone_is_not_taken_for_a_standard_sentence(tmp_path):
    path = _ba_to(tmp_path, "Hồ sơ nộp trực tuyến: 999 hồ sơ, tăng so với cùng kỳ.")
    assert _codes(path, Code.RESTATED_FIGURE) == []


def test_a_sentence_whose_numbers_lead_their_words_is_recognised(tmp_path):
    path = _copy(tmp_path, "luc-binh") / "dan-van-kheo-2024.yaml"
    text = path.read_text(encoding="utf-8").replace(
        "có {cau.dang_ky} dân vận khéo", "có 13 tập thể, 06 cá nhân đăng ký thực hiện mô hình dân vận khéo"
    )
    path.write_text(text, encoding="utf-8")
    found = _codes(path, Code.RESTATED_FIGURE)
    assert len(found) == 1 and "06 ≠ 5 (số liệu «dang_ky.ca_nhan»)" in found[0].message, [
        d.format() for d in found
    ]


def test_sentence_items_take_the_words_before_a_figure_or_after_it_when_it_opens_a_clause():
    items = sentence_items("Tổng số hồ sơ tiếp nhận: {a} hồ sơ; trực tuyến: {b} hồ sơ")
    assert [item.figure for item in items] == ["a", "b"]
    assert items[0].pattern.search("tổng số hồ sơ tiếp nhận 1.836").group(1) == "1.836"
    after = sentence_items("{x|02} tập thể, {y|02} cá nhân đăng ký")
    assert after[1].pattern.search("05 cá nhân đăng ký").group(1) == "05"


# ------------------------------------------------------------------------------ point 5: rates


def test_rates_are_computed_and_printed_the_vietnamese_way():
    result = built(EXAMPLES / "pho-hoa" / "tong-ket-nq25-2023.yaml")
    text = "\n".join(body_text(open_docx(result.data)))
    assert "65 đồng chí, đạt tỷ lệ 90,3% (trừ 08" in text
    assert "chiếm tỷ lệ 9,7% (lý do" in text
    assert "hòa giải thành ở cơ sở đạt 87,72%." in text


def test_a_typed_rate_that_its_counts_do_not_give_is_reported_with_the_division(tmp_path):
    path = _copy(tmp_path, "pho-hoa") / "tong-ket-nq25-2023.yaml"
    text = path.read_text(encoding="utf-8").replace("đạt tỷ lệ {hoc_tap.ty_le_tham_gia}", "đạt tỷ lệ 91,3%")
    path.write_text(text, encoding="utf-8")
    found = _codes(path, Code.TYPED_PERCENT)
    assert len(found) == 1, [d.format() for d in found]
    assert "91,3% ≠ 65 / 72 = 90,28%" in found[0].message
    assert found[0].location.line == _line_col(path, "91,3%")[0]
    assert found[0].location.column == _line_col(path, "91,3%")[1]
    assert "{hoc_tap.ty_le_tham_gia}" in (found[0].hint or "")


def test_a_typed_rate_rounded_as_typed_is_not_reported(tmp_path):
    path = _copy(tmp_path, "pho-hoa") / "tong-ket-nq25-2023.yaml"
    text = path.read_text(encoding="utf-8").replace("đạt tỷ lệ {hoc_tap.ty_le_tham_gia}", "đạt tỷ lệ 90,28%")
    path.write_text(text, encoding="utf-8")
    assert _codes(path, Code.TYPED_PERCENT) == []


@pytest.mark.parametrize(
    ("typed", "ratio", "agrees"),
    [("90,3", "0.90277", True), ("90", "0.90277", True), ("90,2", "0.90277", False), ("100", "1", True)],
)
def test_a_rate_is_compared_to_the_digits_typed(typed, ratio, agrees):
    from decimal import Decimal

    assert percent_agrees(typed, Decimal(ratio)) is agrees


# ------------------------------------------------------------------------------ point 5: rules as data


def _kheo_with(figures: dict) -> list[tuple[str, str]]:
    kind = load_kind("dan-van-kheo")
    assert kind is not None
    return compute_figures(kind, figures)[1]


def test_models_by_field_must_equal_the_registered_groups_and_persons():
    fields = {"kinh_te": 10, "van_hoa_xa_hoi": 10, "quoc_phong_an_ninh": 4, "xay_dung_he_thong_chinh_tri": 4}
    problems = _kheo_with({"mo_hinh": fields, "dang_ky": {"tap_the": 19, "ca_nhan": 8}})
    assert [(path, message) for path, message in problems if "28 ≠ 19 + 8 = 27" in message], problems
    assert _kheo_with({"mo_hinh": fields, "dang_ky": {"tap_the": 20, "ca_nhan": 8}}) == []


def test_a_sub_count_above_its_total_is_reported():
    kind = load_kind("dan-van-kheo")
    assert kind is not None
    problems = compute_figures(
        kind, {"dang_ky": {"tap_the": 3, "ca_nhan": 1}, "cong_nhan": {"tap_the": 4, "ca_nhan": 1}}
    )[1]
    assert problems == [
        (
            "cong_nhan.tong",
            "số mô hình được công nhận không thể lớn hơn số tập thể, cá nhân đăng ký: cong_nhan.tong = 5 lớn hơn dang_ky.tong = 4.",
        )
    ]


def test_a_sub_count_above_its_total_is_a_located_warning_in_a_report(tmp_path):
    path = _copy(tmp_path, "ba-to") / BA_TO
    text = path.read_text(encoding="utf-8").replace("    da_giai_quyet: 1\n", "    da_giai_quyet: 3\n")
    path.write_text(text, encoding="utf-8")
    found = _codes(path, Code.FIGURE_ABOVE_TOTAL)
    assert len(found) == 1 and found[0].severity is Severity.WARNING
    assert "= 3 lớn hơn don_thu.tiep_nhan = 1" in found[0].message
    assert found[0].location.line == _line_col(path, "    da_giai_quyet: 3")[0]


KIND_HEAD = "ten: Thử\nso_lieu:\n  a: số a\n  b: số b\n"


@pytest.mark.parametrize(
    ("extra", "needle", "line"),
    [
        ("kiem_tra:\n  - tong: a\n    phan: b\n", "một trong hai dạng", 6),
        ("kiem_tra:\n  - phan: a\n    khong_qua: c\n", "«c»", 7),
        ("ty_le:\n  ty: {tu: a, mau: bb}\n", "«bb»", 6),
        ("ty_le:\n  a: {tu: a, mau: b}\n", "vừa là tỷ lệ", 6),
    ],
)
def test_mistakes_in_a_kinds_new_rules_are_located(extra, needle, line):
    tree, problems = load_text(KIND_HEAD + extra, "loai.yaml")
    assert not problems
    kind, found = validate_kind_tree(tree)
    assert kind is None
    assert any(needle in d.message and d.location is not None and d.location.line == line for d in found), [
        d.format() for d in found
    ]


def test_a_kind_with_the_new_rules_is_valid():
    tree, _ = load_text(
        KIND_HEAD
        + "kiem_tra:\n  - phan: a\n    khong_qua: b\nty_le:\n  ty: {tu: a, mau: b, chu_so: 2}\ncau:\n  c: '{ty}'\n",
        "loai.yaml",
    )
    kind, found = validate_kind_tree(tree)
    assert kind is not None and found == []
    figures, _ = compute_figures(Kind.from_file("x", kind), {"a": 1, "b": 3})
    assert figures["ty"].text() == "33,33%"


def test_a_rate_is_listed_by_templates_and_refused_when_typed(tmp_path):
    from baocao_gen.kinds import describe_kind

    kind = load_kind("tong-ket-nghi-quyet")
    assert kind is not None
    assert "hoc_tap.ty_le_tham_gia = hoc_tap.tham_gia / hoc_tap.phai_hoc" in describe_kind(kind)
    path = _copy(tmp_path, "pho-hoa") / "tong-ket-nq25-2023.yaml"
    text = path.read_text(encoding="utf-8").replace(
        "    mien_sinh_hoat: 8\n", "    mien_sinh_hoat: 8\n    ty_le_tham_gia: 90,3\n"
    )
    path.write_text(text, encoding="utf-8")
    refused = [d for d in check(path).diagnostics if d.is_error and "ty_le_tham_gia" in d.message]
    assert (
        len(refused) == 1
        and "tỷ lệ" in refused[0].message
        and refused[0].location.line == _line_col(path, "ty_le_tham_gia: 90,3")[0]
    )
