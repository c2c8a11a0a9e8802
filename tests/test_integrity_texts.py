"""The one walker every integrity rule reads the typed text through (integrity/texts.py)."""

from __future__ import annotations

from baocao_gen.integrity.texts import REPORT_KEYS, typed_texts
from baocao_gen.loader import load_text

SOURCE = """\
noi_dung:
  - tieu_de: Kết quả
    van_ban: |
      Đoạn một.
co_quan_ban_hanh: ỦY BAN NHÂN DÂN XÃ A
trich_yeu: Báo cáo 6 tháng
ghi_chu: "   "
so:
mo_dau: Căn cứ Nghị quyết.
"""


def _tree():
    tree, problems = load_text(SOURCE, "a.yaml")
    assert not problems
    return tree


def test_the_whole_tree_is_read_in_file_order_without_blank_or_null_values():
    found = [(path, str(text)) for path, text in typed_texts(_tree())]
    assert found == [
        (("noi_dung", 0, "tieu_de"), "Kết quả"),
        (("noi_dung", 0, "van_ban"), "Đoạn một.\n"),
        (("co_quan_ban_hanh",), "ỦY BAN NHÂN DÂN XÃ A"),
        (("trich_yeu",), "Báo cáo 6 tháng"),
        (("mo_dau",), "Căn cứ Nghị quyết."),
    ]


def test_the_reports_own_words_skip_the_profile_and_follow_the_order_of_the_keys_given():
    found = list(typed_texts(_tree(), REPORT_KEYS))
    assert [typed.path for typed in found] == [
        ("trich_yeu",),
        ("mo_dau",),
        ("noi_dung", 0, "tieu_de"),
        ("noi_dung", 0, "van_ban"),
    ]
    assert [typed.is_title for typed in found] == [True, False, True, False]
    assert [typed.in_opening for typed in found] == [False, True, False, False]


def test_each_text_still_knows_where_its_characters_were_typed():
    typed = next(t for t in typed_texts(_tree()) if t.path == ("noi_dung", 0, "van_ban"))
    where = typed.text.location_at(typed.text.index("một"))
    assert (where.line, where.column) == (4, 12)
