"""A problem inside a long text is shown at its own line and column, quoting that line or word.

A clerk's `|` block is often a page long; a diagnostic that points at the `|` and quotes the block's
first paragraph sends them hunting. Every place that reports inside a text goes through
`YStr.location_at`.
"""

from __future__ import annotations

import unicodedata

import pytest

from baocao_gen.diagnostics import Location
from baocao_gen.loader import YStr, load_text

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
    assert (value.location_at(value.index("{x}")).line, value.location_at(value.index("{x}")).column) == (3, 12)
    folded, _ = load_text("a: >\r\n  Dòng một\r\n  Hòa bình {x}\r\n", "x.yaml")
    where = folded["a"].location_at(folded["a"].index("{x}"))
    assert (where.line, where.column) == (3, 12)


def test_an_offset_that_cannot_be_told_is_where_the_value_starts():
    value = YStr("made by the tool", Location("x.yaml", 4, 7, ("k",)))
    assert value.location_at(5) == Location("x.yaml", 4, 7, ("k",))
