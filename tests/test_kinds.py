"""Report kinds: a kind file is validated like a data file, and kinds.py works on the typed kind.

A broken kind file (a misspelt key, a wrong value, a total or a sentence naming a figure the kind does
not declare, two sections with the same `ma`…) gives located Vietnamese diagnostics, never a
traceback; the shipped kinds are read once per process.
"""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from pathlib import Path

import pytest

from baocao_gen import kinds
from baocao_gen.codes import Code
from baocao_gen.diagnostics import Diagnostic
from baocao_gen.kind_model import Figure, KindFile
from baocao_gen.kinds import (
    Kind,
    _check_kind,
    compute_figures,
    describe_kind,
    kind_names,
    layout_columns,
    load_kind,
    read_kind_file,
    shipped_kind,
)
from baocao_gen.pipeline import check
from conftest import PERIOD

# A small kind that uses every key a kind file may have; each test breaks one thing in it.
SMALL = """\
ten: Báo cáo thử
mo_ta: Loại báo cáo nhỏ để kiểm thử.
he_thong: [nha_nuoc]
danh_so: [la_ma, so]
mau:
  trich_yeu: Kết quả năm <điền năm>
de_cuong:
  - ma: ket_qua
    tieu_de: Kết quả
    bat_buoc: có
    goi_y: "Câu số liệu: {cau.ho_so}"
    muc:
      - ma: mo_hinh
        tieu_de: Các mô hình
        danh_sach: mo_hinh
  - ma: nhiem_vu
    tieu_de: Nhiệm vụ
so_lieu:
  ho_so:
    truc_tuyen: số hồ sơ trực tuyến
    truc_tiep: số hồ sơ trực tiếp
    da_giai_quyet: số hồ sơ đã giải quyết
  dong_gop:
    tien: {mo_ta: số tiền, kieu: so, de_trong: có}
tinh:
  ho_so.tiep_nhan: [ho_so.truc_tuyen, ho_so.truc_tiep]
kiem_tra:
  - tong: ho_so.tiep_nhan
    bang: [ho_so.da_giai_quyet]
    loi: số hồ sơ tiếp nhận phải bằng số đã giải quyết
cau:
  ho_so: "Tiếp nhận {ho_so.tiep_nhan} hồ sơ, trực tuyến {ho_so.truc_tuyen|02}[, đóng góp {dong_gop.tien} đồng]."
phu_luc:
  bang_thu:
    tieu_de: Bảng thử
    huong: ngang
    tong_cong: có
    cot:
      - {ten: Đơn vị, kieu: chu, rong: "2,5"}
      - ten: Hồ sơ
        cot:
          - ten: Trực tuyến
          - {ten: Tỷ lệ, kieu: so, tong: không}
"""


def read(tmp_path: Path, text: str, name: str = "thu.yaml") -> tuple[Kind | None, list[Diagnostic]]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return read_kind_file(path)


def broken(tmp_path: Path, old: str, new: str) -> list[Diagnostic]:
    """Return the problems of SMALL with `old` replaced by `new` (which must be there once)."""
    assert SMALL.count(old) == 1, old
    kind, problems = read(tmp_path, SMALL.replace(old, new))
    assert kind is None, "a kind file with an error gives no kind"
    return [problem for problem in problems if problem.is_error]


def line_col(text: str, fragment: str, offset: int = 0) -> tuple[int, int]:
    """Return the 1-based line and column of `fragment` (plus `offset` characters) in `text`."""
    index = text.index(fragment) + offset
    return text.count("\n", 0, index) + 1, index - text.rfind("\n", 0, index)


def where(problem: Diagnostic) -> tuple[int, int]:
    assert problem.location is not None
    return problem.location.line, problem.location.column


# --------------------------------------------------------------------------- a good kind file


def test_the_small_kind_reads_into_typed_objects(tmp_path):
    kind, problems = read(tmp_path, SMALL)
    assert problems == []
    assert kind is not None and kind.ma == "thu"
    assert kind.he_thong == ("nha_nuoc",) and kind.danh_so == ("la_ma", "so")
    assert kind.figures["dong_gop.tien"] == Figure("số tiền", "so", True)
    assert kind.figures["ho_so.truc_tuyen"] == Figure("số hồ sơ trực tuyến")
    assert kind.tinh == {"ho_so.tiep_nhan": ("ho_so.truc_tuyen", "ho_so.truc_tiep")}
    [rule] = kind.kiem_tra
    assert (rule.tong, rule.bang, rule.loi) == (
        "ho_so.tiep_nhan",
        ("ho_so.da_giai_quyet",),
        "số hồ sơ tiếp nhận phải bằng số đã giải quyết",
    )
    assert kind.sections_by_code()["mo_hinh"].danh_sach == "mo_hinh"
    assert kind.sections_by_code()["ket_qua"].bat_buoc and not kind.sections_by_code()["nhiem_vu"].bat_buoc
    layout = kind.phu_luc["bang_thu"]
    assert layout.huong == "ngang" and layout.tong_cong is True and layout.cot[0].rong == Decimal("2.5")
    assert kind.mau.trich_yeu == "Kết quả năm <điền năm>"  # a skeleton's fill mark is meant to stay


def test_the_shipped_kinds_are_valid_and_read_once_per_process(monkeypatch):
    kinds.shipped_kind.cache_clear()
    reads: list[str] = []
    real = kinds.read_kind_file

    def counting(*args, **kwargs):
        reads.append(kwargs.get("code") or args[2])
        return real(*args, **kwargs)

    monkeypatch.setattr(kinds, "read_kind_file", counting)
    try:
        assert kind_names() == ["chung", "dan-van-chinh-quyen", "dan-van-kheo", "tong-ket-nghi-quyet"]
        for _ in range(3):
            for code in kind_names():
                kind, problems = shipped_kind(code)
                assert kind is not None and kind.ma == code and problems == ()
                assert load_kind(code) is kind
        assert reads == kind_names()
    finally:
        kinds.shipped_kind.cache_clear()


def test_an_unknown_kind_is_none_and_never_reaches_the_file_system():
    assert shipped_kind("../trich-dan") == (None, ())
    assert load_kind("khong-co") is None


# --------------------------------------------------------------------------- broken kind files


def test_an_unknown_key_is_located_and_suggests_the_closest(tmp_path):
    text = SMALL + "cua:\n  x: y\n"
    _, problems = read(tmp_path, text)
    [problem] = problems
    assert problem.code == Code.UNKNOWN_KEY
    assert where(problem) == line_col(text, "cua:")
    assert problem.location.path == ("cua",)
    assert problem.hint == "có phải «cau»?"
    assert "tệp loại báo cáo" in problem.message
    assert problem.location.file == str(tmp_path / "thu.yaml")


@pytest.mark.parametrize(
    ("old", "new", "key", "hint"),
    [
        ("kieu: so, de_trong", "kieu: so, de_trongg", "de_trongg", "có phải «de_trong»?"),
        ("    bat_buoc: có\n", "    bat_buoc: có\n    goi_yy: x\n", "goi_yy", "có phải «goi_y»?"),
        ("  - tong: ho_so.tiep_nhan\n", "  - tong: ho_so.tiep_nhan\n    loii: x\n", "loii", "có phải «loi»?"),
        ("    huong: ngang\n", "    huong: ngang\n    tong_cogn: có\n", "tong_cogn", "có phải «tong_cong»?"),
        (
            "          - ten: Trực tuyến\n",
            "          - ten: Trực tuyến\n            rongg: 2\n",
            "rongg",
            "có phải «rong»?",
        ),
        ("  trich_yeu: Kết", "  trich_yue: Kết", "trich_yue", "có phải «trich_yeu»?"),
    ],
)
def test_an_unknown_nested_key_suggests_from_its_own_level(tmp_path, old, new, key, hint):
    [problem] = broken(tmp_path, old, new)
    assert problem.code == Code.UNKNOWN_KEY
    assert problem.location.path[-1] == key
    assert where(problem) == line_col(SMALL.replace(old, new), key)
    assert problem.hint == hint


@pytest.mark.parametrize(
    ("old", "new", "path", "value"),
    [
        ("he_thong: [nha_nuoc]", "he_thong: [nha_nuocc]", ("he_thong", 0), "nha_nuocc"),
        ("danh_so: [la_ma, so]", "danh_so: [la_ma, so_la_ma]", ("danh_so", 1), "so_la_ma"),
        ("    bat_buoc: có\n", "    bat_buoc: hẳn rồi\n", ("de_cuong", 0, "bat_buoc"), "hẳn rồi"),
        (
            "        danh_sach: mo_hinh",
            "        danh_sach: don_vi",
            ("de_cuong", 0, "muc", 0, "danh_sach"),
            "don_vi",
        ),
        (
            "kieu: so, de_trong",
            "kieu: tien_dong, de_trong",
            ("so_lieu", "dong_gop", "tien", "kieu"),
            "tien_dong",
        ),
        ("    huong: ngang", "    huong: nghieng", ("phu_luc", "bang_thu", "huong"), "nghieng"),
        ("kieu: chu, rong", "kieu: chuu, rong", ("phu_luc", "bang_thu", "cot", 0, "kieu"), "chuu"),
        ('rong: "2,5"', "rong: 2.5", ("phu_luc", "bang_thu", "cot", 0, "rong"), "2.5"),
    ],
)
def test_a_wrong_value_is_located_with_the_value(tmp_path, old, new, path, value):
    problems = broken(tmp_path, old, new)
    assert [problem.location.path for problem in problems] == [path]
    [problem] = problems
    assert problem.code in (Code.WRONG_TYPE, Code.BAD_NUMBER)
    assert problem.value == value
    assert where(problem) == line_col(SMALL.replace(old, new), value)


@pytest.mark.parametrize(
    ("old", "new", "path"),
    [
        ("de_cuong:\n  - ma: ket_qua", "de_cuong: có\nx:\n  - ma: ket_qua", ("de_cuong",)),
        ("    truc_tiep: số hồ sơ trực tiếp\n", "    truc_tiep:\n", ("so_lieu", "ho_so", "truc_tiep")),
        ("    truc_tiep: số hồ sơ trực tiếp\n", "    truc_tiep: [a, b]\n", ("so_lieu", "ho_so", "truc_tiep")),
        ("    tieu_de: Nhiệm vụ\n", "    tieu_de:\n", ("de_cuong", 1, "tieu_de")),
    ],
)
def test_a_wrong_shape_or_a_blank_is_an_error_where_it_was_typed(tmp_path, old, new, path):
    problems = broken(tmp_path, old, new)
    assert path in [problem.location.path for problem in problems]
    assert all(problem.message and problem.location.line > 0 for problem in problems)


def test_a_list_typed_as_text_says_a_list_is_needed(tmp_path):
    [problem] = broken(tmp_path, "danh_so: [la_ma, so]", "danh_so: la_ma")
    assert problem.code == Code.WRONG_TYPE and problem.location.path == ("danh_so",)
    assert problem.message.startswith("cần một danh sách")


def test_a_missing_title_is_a_missing_key(tmp_path):
    [problem] = broken(tmp_path, "ten: Báo cáo thử\n", "")
    assert problem.code == Code.MISSING_KEY and problem.location.path == ("ten",)


def test_a_total_naming_an_unknown_figure_points_at_that_name(tmp_path):
    old, new = "[ho_so.truc_tuyen, ho_so.truc_tiep]", "[ho_so.truc_tuyen, ho_so.truc_tiepp]"
    [problem] = broken(tmp_path, old, new)
    assert problem.code == Code.MISSING_REFERENCE
    assert problem.location.path == ("tinh", "ho_so.tiep_nhan", 1)
    assert where(problem) == line_col(SMALL.replace(old, new), "ho_so.truc_tiepp")
    assert problem.value == "ho_so.truc_tiepp" and problem.hint == "có phải «ho_so.truc_tiep»?"


def test_a_total_may_add_up_an_earlier_total_but_not_a_later_one(tmp_path):
    earlier = "  ho_so.tat_ca: [ho_so.tiep_nhan, ho_so.da_giai_quyet]\n"
    kind, problems = read(tmp_path, SMALL.replace("kiem_tra:\n", earlier + "kiem_tra:\n"))
    assert problems == [] and kind is not None
    later = "tinh:\n  ho_so.tat_ca: [ho_so.tiep_nhan, ho_so.da_giai_quyet]\n"
    [problem] = broken(tmp_path, "tinh:\n", later)
    assert problem.code == Code.MISSING_REFERENCE and "tính sau" in problem.message
    assert problem.location.path == ("tinh", "ho_so.tat_ca", 0)


def test_a_total_named_like_a_typed_figure_is_refused_at_its_key(tmp_path):
    old = "  ho_so.tiep_nhan: [ho_so.truc_tuyen"
    problems = broken(tmp_path, old, "  ho_so.da_giai_quyet: [ho_so.truc_tuyen")
    duplicate = [problem for problem in problems if problem.code == Code.DUPLICATE_KEY]
    assert len(duplicate) == 1
    assert where(duplicate[0]) == line_col(SMALL, old, 2)


def test_a_consistency_rule_naming_an_unknown_figure_is_located(tmp_path):
    old, new = "bang: [ho_so.da_giai_quyet]", "bang: [ho_so.da_giai_quyet, ho_so.dang_giai_quyet]"
    [problem] = broken(tmp_path, old, new)
    assert problem.code == Code.MISSING_REFERENCE
    assert problem.location.path == ("kiem_tra", 0, "bang", 1)
    assert where(problem) == line_col(SMALL.replace(old, new), "ho_so.dang_giai_quyet")
    [whole] = broken(tmp_path, "  - tong: ho_so.tiep_nhan", "  - tong: ho_so.tiep_nhann")
    assert whole.location.path == ("kiem_tra", 0, "tong") and whole.hint == "có phải «ho_so.tiep_nhan»?"


def test_a_duplicate_section_code_is_refused_at_the_second_one(tmp_path):
    old, new = "  - ma: nhiem_vu\n", "  - ma: ket_qua\n"
    [problem] = broken(tmp_path, old, new)
    assert problem.code == Code.DUPLICATE_KEY
    assert problem.location.path == ("de_cuong", 1, "ma")
    assert where(problem) == line_col(SMALL, old, 8)
    assert f"dòng {line_col(SMALL, 'ket_qua')[0]}" in problem.message


def test_a_duplicate_code_at_another_level_is_refused_too(tmp_path):
    [problem] = broken(tmp_path, "      - ma: mo_hinh\n", "      - ma: nhiem_vu\n")
    assert problem.code == Code.DUPLICATE_KEY and problem.location.path == ("de_cuong", 1, "ma")


def test_a_sentence_naming_an_unknown_figure_points_at_the_reference(tmp_path):
    old, new = "{ho_so.truc_tuyen|02}", "{ho_so.truc_tuyn|02}"
    [problem] = broken(tmp_path, old, new)
    assert problem.code == Code.MISSING_REFERENCE
    assert problem.location.path == ("cau", "ho_so")
    assert where(problem) == line_col(SMALL.replace(old, new), "ho_so.truc_tuyn")
    assert problem.value == new and problem.hint == "có phải «ho_so.truc_tuyen»?"


def test_a_sentence_may_name_totals_other_sentences_and_the_number_of_models(tmp_path):
    text = SMALL.replace(
        "cau:\n", 'cau:\n  tong: "{cau.ho_so} Có {danh_sach.mo_hinh|chu} mô hình, {ho_so.tiep_nhan} hồ sơ."\n'
    )
    kind, problems = read(tmp_path, text)
    assert problems == [] and kind is not None


def test_a_sentence_with_an_unknown_form_is_a_markup_error(tmp_path):
    [problem] = broken(tmp_path, "{ho_so.truc_tuyen|02}", "{ho_so.truc_tuyen|03}")
    assert problem.code == Code.BAD_MARKUP and problem.value == "{ho_so.truc_tuyen|03}"


def test_optional_figures_are_checked_with_located_diagnostics(tmp_path):
    outside = broken(tmp_path, "[, đóng góp {dong_gop.tien} đồng]", ", đóng góp {dong_gop.tien} đồng")
    assert [(p.code, p.value) for p in outside] == [(Code.BAD_MARKUP, "{dong_gop.tien}")]
    empty = broken(tmp_path, "[, đóng góp {dong_gop.tien} đồng]", "[, trực tiếp {ho_so.truc_tiep}]")
    assert [(p.code, p.value) for p in empty] == [(Code.BAD_MARKUP, "[, trực tiếp {ho_so.truc_tiep}]")]
    old = "[, trực tiếp"
    assert where(empty[0]) == line_col(
        SMALL.replace("[, đóng góp {dong_gop.tien} đồng]", "[, trực tiếp {ho_so.truc_tiep}]"), old
    )
    added = broken(tmp_path, "[ho_so.truc_tuyen, ho_so.truc_tiep]", "[ho_so.truc_tuyen, dong_gop.tien]")
    assert [(p.code, p.location.path) for p in added] == [
        (Code.TOTALS_DISAGREE, ("tinh", "ho_so.tiep_nhan", 1))
    ]


def test_a_hint_naming_an_unknown_sentence_is_located(tmp_path):
    [problem] = broken(tmp_path, '{cau.ho_so}"', '{cau.ho_sso}"')
    assert problem.code == Code.MISSING_REFERENCE and problem.hint == "có phải «cau.ho_so»?"
    assert where(problem) == line_col(SMALL.replace('{cau.ho_so}"', '{cau.ho_sso}"'), "cau.ho_sso")


def test_every_mistake_of_a_kind_file_is_reported_in_one_run(tmp_path):
    text = SMALL.replace("he_thong: [nha_nuoc]", "he_thong: [nha_nuocc]").replace(
        "    huong: ngang", "    huongg: ngang"
    )
    _, problems = read(tmp_path, text)
    assert {problem.location.path[-1] for problem in problems} == {0, "huongg"}
    references = SMALL.replace("  - ma: nhiem_vu\n", "  - ma: ket_qua\n").replace(
        "{ho_so.tiep_nhan} hồ sơ", "{ho_so.x} hồ sơ"
    )
    _, problems = read(tmp_path, references)
    assert {problem.code for problem in problems} == {Code.DUPLICATE_KEY, Code.MISSING_REFERENCE}


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"ten: [x\n", Code.UNREADABLE_DATA),
        (b"- ten: x\n", Code.WRONG_TYPE),
        ("ten: Báo cáo\n".encode("cp1258"), Code.UNREADABLE_DATA),
        (b"ten: &a x\nmo_ta: *a\n", Code.YAML_ALIAS),
        (b"ten: x\nten: y\n", Code.DUPLICATE_KEY),
    ],
)
def test_an_unreadable_kind_file_is_a_located_diagnostic(tmp_path, content, code):
    path = tmp_path / "hong.yaml"
    path.write_bytes(content)
    kind, problems = read_kind_file(path)
    assert kind is None
    assert code in [problem.code for problem in problems]
    assert all(problem.location is not None and problem.location.line >= 1 for problem in problems)


def test_a_missing_kind_file_is_a_diagnostic(tmp_path):
    kind, [problem] = read_kind_file(tmp_path / "khong-co.yaml")
    assert kind is None and problem.code == Code.UNREADABLE_DATA


# --------------------------------------------------------------------------- a broken shipped kind


@pytest.fixture
def shipped_from(monkeypatch, tmp_path):
    """Ship the kinds of a temporary folder instead of data/loai (caches emptied before and after)."""
    folder = tmp_path / "loai"
    folder.mkdir()
    monkeypatch.setattr(kinds, "_shipped_folder", lambda: folder)
    kinds.shipped_kind.cache_clear()
    kinds._shipped_codes.cache_clear()
    yield folder
    kinds.shipped_kind.cache_clear()
    kinds._shipped_codes.cache_clear()


def test_a_broken_shipped_kind_stops_a_report_with_located_errors(shipped_from, make_report):
    (shipped_from / "chung.yaml").write_text(
        "ten: Báo cáo chung\nde_cuong: []\nso_lieuu: {}\n", encoding="utf-8"
    )
    result = check(make_report(PERIOD))
    [problem] = [d for d in result.diagnostics if d.is_error]
    assert problem.code == Code.UNKNOWN_KEY and problem.hint == "có phải «so_lieu»?"
    assert (problem.location.file, problem.location.line, problem.location.column) == (
        "data/loai/chung.yaml",
        3,
        1,
    )
    with pytest.raises(kinds.BrokenKindFile, match=r"data/loai/chung\.yaml:3:1"):
        load_kind("chung")


def test_shipped_kinds_are_the_yaml_files_of_the_folder(shipped_from):
    (shipped_from / "mot.yaml").write_text(SMALL, encoding="utf-8")
    (shipped_from / "ghi-chu.txt").write_text("x", encoding="utf-8")
    assert kind_names() == ["mot"]
    kind = load_kind("mot")
    assert kind is not None and kind.ma == "mot" and kind.ten == "Báo cáo thử"


# --------------------------------------------------------------------------- kinds.py on small typed kinds


def small_kind(**changes: object) -> Kind:
    file = KindFile.model_validate(
        {
            "ten": "Thử",
            "so_lieu": {
                "a": {"x": "số x", "y": "số y"},
                "b": {"mo_ta": "số b", "kieu": "so", "de_trong": "có"},
            },
            "tinh": {"a.tong": ["a.x", "a.y"]},
            "kiem_tra": [{"tong": "a.tong", "bang": ["a.x", "a.x"], "loi": "a không khớp"}],
            "de_cuong": [
                {"ma": "m1", "tieu_de": "Mục 1", "muc": [{"ma": "m2", "tieu_de": "Mục 2", "bat_buoc": "có"}]}
            ],
            "phu_luc": {
                "t": {
                    "tieu_de": "Bảng",
                    "cot": [{"ten": "Tên", "kieu": "chu"}, {"ten": "Nhóm", "cot": [{"ten": "Số"}]}],
                }
            },
        }
    )
    return dataclasses.replace(Kind.from_file("thu", file), **changes)


def test_figures_are_listed_by_path_in_order_with_optional_ones_marked():
    kind = small_kind()
    assert kind.figure_paths() == ["a.x", "a.y", "b"]
    assert (
        kind.optional_figure("b") and not kind.optional_figure("a.x") and not kind.optional_figure("a.tong")
    )
    assert kind.figures["b"] == Figure("số b", "so", True) and not kind.figures["b"].is_count


def test_sections_by_code_finds_sections_at_every_level():
    sections = small_kind().sections_by_code()
    assert list(sections) == ["m1", "m2"] and sections["m2"].bat_buoc and not sections["m1"].bat_buoc


def test_compute_figures_adds_totals_only_when_every_part_was_typed():
    kind = small_kind()
    figures, problems = compute_figures(kind, {"a": {"x": 2, "y": 3}})
    assert figures["a"]["tong"] == 5
    assert problems == [("a.tong", "a không khớp: 5 ≠ 2 + 2 = 4.")]
    figures, problems = compute_figures(kind, {"a": {"x": 2, "y": None}})
    assert "tong" not in figures["a"] and problems == []
    original = {"a": {"x": 1, "y": 1}}
    compute_figures(kind, original)
    assert original == {"a": {"x": 1, "y": 1}}, "the typed figures are not changed"


def test_layout_columns_makes_unnamed_leaves_counts_and_keeps_declared_kinds():
    columns = layout_columns(small_kind().phu_luc["t"])
    assert [column.kieu for column in columns] == ["chu", None]
    assert [child.kieu for child in columns[1].cot] == ["dem"]
    assert layout_columns({"tieu_de": "Bảng", "cot": [{"ten": "Số"}]})[0].kieu == "dem"


def test_describe_kind_lists_outline_figures_totals_and_tables():
    text = describe_kind(small_kind())
    assert text.splitlines()[0] == "thu: Thử [Nhà nước, Đảng]"
    assert "    m2 — Mục 2 (bắt buộc)" in text
    assert "  b — số b (số bất kỳ, không phải số đếm; được để trống khi không có số liệu)" in text
    assert "  a.tong = a.x + a.y" in text
    assert "  t — Bảng" in text


def test_check_kind_refuses_a_kind_altered_in_code():
    assert _check_kind(small_kind()).ma == "thu"
    with pytest.raises(ValueError, match="adds up optional figure b"):
        _check_kind(small_kind(tinh={"a.tong": ("a.x", "b")}))
    with pytest.raises(ValueError, match="outside"):
        _check_kind(small_kind(cau={"c": "Có {b} đồng."}))
    with pytest.raises(ValueError, match="Không|không"):
        _check_kind(small_kind(cau={"c": "Có {a.z} cái."}))
