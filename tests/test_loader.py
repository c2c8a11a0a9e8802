"""Loader: every scalar stays the string the clerk typed, located; hazards are refused, located."""

from __future__ import annotations

import time
import unicodedata

from baocao_gen.loader import YMap, YStr, load_data, load_text, location_of
from conftest import write_tree


def codes(diagnostics):
    return [(d.code, d.location.line if d.location else None) for d in diagnostics]


def test_yaml_scalars_stay_strings_exactly_as_typed():
    tree, problems = load_text("a: 1.836\nb: 05\nc: 010\nd: no\ne: 1:30\nf: 2013-06-03\ng: ~\n", "x.yaml")
    assert problems == []
    assert tree["a"] == "1.836" and isinstance(tree["a"], YStr)
    assert tree["b"] == "05"
    assert tree["c"] == "010"
    assert tree["d"] == "no"
    assert tree["e"] == "1:30"
    assert tree["f"] == "2013-06-03"
    assert tree["g"].is_null


def test_every_value_knows_file_line_and_column():
    tree, _ = load_text("nguoi_ky:\n  ho_ten: Phạm Văn Hiền\n", "don-vi.yaml")
    value = tree["nguoi_ky"]["ho_ten"]
    assert (value.loc.file, value.loc.line, value.loc.column) == ("don-vi.yaml", 2, 11)
    assert location_of(tree, ("nguoi_ky", "ho_ten")).line == 2
    # an absent key falls back to the nearest located ancestor
    assert location_of(tree, ("nguoi_ky", "chuc_vu")).line == 2


def test_text_is_normalised_to_nfc():
    nfd = unicodedata.normalize("NFD", "hòa Đảng")
    tree, _ = load_text(f"ten: {nfd}\n", "x.yaml")
    assert tree["ten"] == "hòa Đảng"
    assert unicodedata.is_normalized("NFC", tree["ten"])


def test_tcvn3_text_is_refused_naming_the_key():
    tree, problems = load_text("noi_dung:\n  van_ban: Ban ChÊp hµnh Trung −¬ng §¶ng\n", "x.yaml")
    assert [p.code for p in problems] == ["D103"]
    assert problems[0].location.path == ("noi_dung", "van_ban")
    assert "TCVN3" in problems[0].message
    assert "Unicode" in problems[0].hint


def test_vni_text_is_refused():
    _, problems = load_text("a: Ban Chaáp haønh Trung öông Ñaûng\n", "x.yaml")
    assert [p.code for p in problems] == ["D103"]
    assert "VNI" in problems[0].message


def test_alias_bomb_fails_fast_without_expanding():
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(8)
    )
    started = time.perf_counter()
    tree, problems = load_text(bomb, "bomb.yaml")
    assert time.perf_counter() - started < 1
    assert tree is None
    # the anchors &a (line 1) and &b are refused too; reading stops at the first alias, *a on line 2
    assert codes(problems) == [("D102", 1), ("D102", 2), ("D102", 2)]
    assert "*a" in problems[-1].hint


def test_duplicate_key_is_an_error_pointing_at_both_lines():
    _, problems = load_text("so: 5\ntrich_yeu: x\nso: 6\n", "x.yaml")
    assert codes(problems) == [("D101", 3)]
    assert "dòng 1" in problems[0].message


def test_control_character_is_reported_with_its_key():
    _, problems = load_text('ten: "A\\x01B"\n', "x.yaml")
    assert [p.code for p in problems] == ["D109"]
    assert problems[0].location.path == ("ten",)


def test_syntax_error_has_line_and_column():
    _, problems = load_text("a: 1\n  b: 2\n", "x.yaml")
    assert problems[0].code == "D100"
    assert problems[0].location.line == 2


def test_block_scalar_location_is_its_first_text_line():
    tree, _ = load_text("van_ban: |\n  dòng một\n  dòng hai\n", "x.yaml")
    assert tree["van_ban"].loc.line == 2


def test_not_utf8_file_is_reported_with_position(tmp_path):
    path = tmp_path / "x.yaml"
    path.write_bytes("a: đúng\nb: ".encode() + "Ti\xean".encode("latin-1"))  # ANSI, not UTF-8
    tree, problems = load_data(path)
    assert tree is None
    assert problems[0].code == "D100" and problems[0].location.line == 2
    assert "UTF-8" in problems[0].hint


def test_period_file_extends_profile_and_overrides_keys(tmp_path):
    write_tree(
        tmp_path,
        {
            "don-vi.yaml": "dia_danh: Ba Tô\nnguoi_ky:\n  ho_ten: A\n  chuc_vu: Chủ tịch\n",
            "ky.yaml": "ke_thua: don-vi.yaml\nnguoi_ky:\n  ho_ten: B\nso: 5\n",
        },
    )
    tree, problems = load_data(tmp_path / "ky.yaml")
    assert problems == []
    assert isinstance(tree, YMap)
    assert "ke_thua" not in tree
    assert tree["nguoi_ky"]["ho_ten"] == "B"
    assert tree["nguoi_ky"]["chuc_vu"] == "Chủ tịch"  # deep merge keeps the profile's other keys
    assert tree["dia_danh"].loc.file.endswith("don-vi.yaml")  # values remember their own file


def test_inheritance_cycle_and_missing_parent_are_errors(tmp_path):
    write_tree(
        tmp_path,
        {"a.yaml": "ke_thua: b.yaml\n", "b.yaml": "ke_thua: a.yaml\n", "c.yaml": "ke_thua: khong-co.yaml\n"},
    )
    _, problems = load_data(tmp_path / "a.yaml")
    assert [p.code for p in problems] == ["D110"]
    assert "vòng" in problems[0].message
    _, problems = load_data(tmp_path / "c.yaml")
    assert [p.code for p in problems] == ["D110"]


def test_parent_outside_the_data_folder_is_said(tmp_path):
    write_tree(
        tmp_path, {"chung/don-vi.yaml": "dia_danh: X\n", "ky/bao-cao.yaml": "ke_thua: ../chung/don-vi.yaml\n"}
    )
    tree, problems = load_data(tmp_path / "ky" / "bao-cao.yaml")
    assert tree["dia_danh"] == "X"
    assert [(p.code, p.is_error) for p in problems] == [("D110", False)]


def test_root_lists_every_file_read_data_file_first(tmp_path, monkeypatch):
    write_tree(
        tmp_path,
        {
            "chung/tinh.yaml": "co_quan_chu_quan: UBND TỈNH\n",
            "don-vi.yaml": "ke_thua: chung/tinh.yaml\ndia_danh: Ba Tô\nnguoi_ky:\n  ho_ten: A\n",
            "2023/ky.yaml": "ke_thua: ../don-vi.yaml\nso: 5\n",
        },
    )
    monkeypatch.chdir(tmp_path)
    tree, _ = load_data("2023/ky.yaml")  # relative on purpose: sources are resolved
    assert tree.sources == (
        (tmp_path / "2023" / "ky.yaml").resolve(),
        (tmp_path / "don-vi.yaml").resolve(),
        (tmp_path / "chung" / "tinh.yaml").resolve(),
    )
    assert tree["nguoi_ky"].sources == ()  # only the root carries them
    alone, _ = load_data(tmp_path / "chung" / "tinh.yaml")
    assert alone.sources == ((tmp_path / "chung" / "tinh.yaml").resolve(),)
    assert load_text("a: 1\n", "x.yaml")[0].sources == ()
