"""A problem inside a long text is shown at its own line and column, quoting that line or word.

A clerk's `|` block is often a page long; a diagnostic that points at the `|` and quotes the block's
first paragraph sends them hunting. Every place that reports inside a text goes through
`YStr.location_at`.
"""

from __future__ import annotations

import json
import subprocess
import sys
import unicodedata

import pytest

from baocao_gen.diagnostics import Location
from baocao_gen.loader import YStr, load_text
from conftest import ROOT, STATE_PROFILE

# --------------------------------------------------------------------------- YStr.location_at

SCALARS = """\
a:
  lit: |
    Dòng một *mở.
      thụt thêm {x}

    Dòng bốn [[q]].
  fold: >
    Dòng một
    nối tiếp {y}

    đoạn hai *z
  plain: Dòng một
    nối {p} tiếp
  dq: "Có \\"ngoặc\\" và \\u00e9 {d}
    dòng sau {e} \\
    nối {f}"
  sq: 'it''s {s}
    sau {t}'
  one: chỉ {o} một dòng
  strip: |-
      {k} thụt sáu
"""


def _typed_at(text: str, location: Location) -> str:
    return text.splitlines()[location.line - 1][location.column - 1 :]


@pytest.mark.parametrize(
    ("key", "token", "line", "column"),
    [
        ("lit", "*mở", 3, 14),
        ("lit", "{x}", 4, 17),
        ("lit", "[[q]]", 6, 14),
        ("fold", "{y}", 9, 14),
        ("fold", "*z", 11, 14),
        ("plain", "{p}", 13, 9),
        ("dq", "{d}", 14, 31),
        ("dq", "{e}", 15, 14),
        ("dq", "{f}", 16, 9),
        ("sq", "{s}", 17, 14),
        ("sq", "{t}", 18, 9),
        ("one", "{o}", 19, 12),
        ("strip", "{k}", 21, 7),
    ],
)
def test_an_offset_in_a_value_is_the_line_and_column_it_was_typed_at(key, token, line, column):
    tree, problems = load_text(SCALARS, "x.yaml")
    assert problems == []
    value: YStr = tree["a"][key]
    where = value.location_at(value.index(token))
    assert (where.file, where.line, where.column, where.path) == ("x.yaml", line, column, ("a", key))
    assert _typed_at(SCALARS, where).startswith(token)


def test_windows_line_ends_and_decomposed_letters_keep_lines_and_columns():
    text = "a: |\r\n  Dòng một\r\n  Hòa bình {x}\r\n"
    tree, _ = load_text(unicodedata.normalize("NFD", text), "x.yaml")
    value = tree["a"]
    assert (value.location_at(value.index("{x}")).line, value.location_at(value.index("{x}")).column) == (
        3,
        12,
    )
    folded, _ = load_text("a: >\r\n  Dòng một\r\n  Hòa bình {x}\r\n", "x.yaml")
    where = folded["a"].location_at(folded["a"].index("{x}"))
    assert (where.line, where.column) == (3, 12)


def test_an_offset_that_cannot_be_told_is_where_the_value_starts():
    value = YStr("made by the tool", Location("x.yaml", 4, 7, ("k",)))
    assert value.location_at(5) == Location("x.yaml", 4, 7, ("k",))


# --------------------------------------------------------------------------- through the real entry point


# The offending text is always on the third line of a block that starts on line 8, indented 6.
PERIOD = """\
ke_thua: don-vi.yaml
so: 5
ngay: 05/6/2023
trich_yeu: Kết quả công tác dân vận
noi_dung:
  - tieu_de: Kết quả
    van_ban: |
      Đoạn văn thứ nhất, không có lỗi gì.
      Đoạn thứ hai cũng đúng.
      {line}
      Đoạn cuối.
noi_nhan:
  - UBND huyện
luu: VT
"""


def run_validate(tmp_path, line: str) -> list[dict]:
    (tmp_path / "don-vi.yaml").write_text(STATE_PROFILE, encoding="utf-8")
    (tmp_path / "bao-cao.yaml").write_text(PERIOD.replace("{line}", line), encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "baocao_gen", "validate", "bao-cao.yaml", "--json"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"},
    )
    assert "Traceback" not in proc.stderr, proc.stderr
    return json.loads(proc.stdout)


@pytest.mark.parametrize(
    ("line", "code", "column", "typed", "value"),
    [
        # legacy TCVN3 text: at the first word that reads as TCVN3, quoting its line
        (
            "Dán từ văn bản cũ: Ban ChÊp hµnh Trung −¬ng §¶ng.",
            "D103",
            30,
            "ChÊp",
            "Dán từ văn bản cũ: Ban ChÊp hµnh Trung −¬ng §¶ng.",
        ),
        # a well-known document with a wrong date: the number and the date
        (
            "Theo Nghị quyết số 25-NQ/TW ngày 30/6/2013 của Trung ương.",
            "D125",
            26,
            "25-NQ",
            "25-NQ/TW ngày 30/6/2013",
        ),
        # an unclosed italic: from the opening *
        ("Một đoạn có chữ *nghiêng chưa đóng.", "D122", 23, "*ngh", "*nghiêng chưa đóng."),
        # a figure that does not exist, in a bullet
        ("- Tiếp nhận {ho_so.khong_co} hồ sơ.", "D121", 19, "{ho_so", "{ho_so.khong_co}"),
        # a footnote with no text
        ("Có chú thích[^khong] ở đây.", "D121", 19, "[^kh", "[^khong]"),
        # a citation not in the registry
        ("Thực hiện [[nq99]] của Trung ương.", "D121", 17, "[[nq", "[[nq99]]"),
        # a mark left by `baocao init`
        ("Đã tiếp nhận <điền số> hồ sơ.", "D126", 20, "<điền", "Đã tiếp nhận <điền số> hồ sơ."),
    ],
    ids=["legacy", "date", "unclosed", "figure", "footnote", "citation", "unfilled"],
)
def test_a_problem_inside_a_block_is_shown_at_its_line_and_column(tmp_path, line, code, column, typed, value):
    found = [d for d in run_validate(tmp_path, line) if d["code"] == code]
    assert [(d["line"], d["column"], d["value"], d["key"]) for d in found] == [
        (10, column, value, "noi_dung[1].van_ban")
    ]
    assert PERIOD.replace("{line}", line).splitlines()[9][column - 1 :].startswith(typed)


def test_a_problem_after_a_joined_line_and_in_a_folded_block_is_shown_where_typed(tmp_path):
    line = "Dòng nối \\\n        tiếp tục {x2}\n    van_ban_sau: >\n      Đoạn gấp\n      có {gap} ở đây"
    found = {
        d["value"]: (d["line"], d["column"]) for d in run_validate(tmp_path, line) if d["code"] == "D121"
    }
    assert found == {"{x2}": (11, 18), "{gap}": (14, 10)}


def test_the_printed_line_names_the_place_and_quotes_the_word(tmp_path):
    (tmp_path / "don-vi.yaml").write_text(STATE_PROFILE, encoding="utf-8")
    (tmp_path / "bao-cao.yaml").write_text(
        PERIOD.replace("{line}", "Có {ho_so.khong_co} hồ sơ."), encoding="utf-8"
    )
    proc = subprocess.run(
        [sys.executable, "-m", "baocao_gen", "validate", "bao-cao.yaml"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"},
    )
    assert proc.returncode == 1
    assert (
        'bao-cao.yaml:10:10: lỗi: khóa «noi_dung[1].van_ban» = "{ho_so.khong_co}": không có số liệu'
        in proc.stderr
    )
