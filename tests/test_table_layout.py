"""table_layout.py called directly: column needs, sharing out the width, stepping the size down."""

from __future__ import annotations

from fractions import Fraction

from baocao_gen.document import Cell, Run
from baocao_gen.ooxml.measure import text_width
from baocao_gen.table_layout import CELL_PADDING, MIN_SIZE, layout_table, share_out

WIDTH = Fraction(9355, 20)  # the A4 portrait text width, points


def cell(text: str, colspan: int = 1, bold: bool = False) -> Cell:
    return Cell([Run(text)], colspan=colspan, bold=bold)


def test_each_column_is_at_least_its_longest_word_and_the_rest_goes_to_text():
    rows = [
        [cell("Nội dung", bold=True), cell("Số", bold=True)],
        [cell("Đối thoại với doanh nghiệp"), cell("12")],
    ]
    layout = layout_table(rows, 1, [False, True], [True, False], None, WIDTH, 12)
    assert layout.fits and layout.size == 12
    assert layout.widths[1] == CELL_PADDING + max(text_width("Số", 12, bold=True), text_width("12", 12))
    assert sum(layout.widths) <= WIDTH and WIDTH - sum(layout.widths) < Fraction(1, 20) * 2


def test_a_spanning_cell_widens_its_columns_evenly():
    wide = "Trungbìnhcộngtấtcảcácđơnvịtrongtỉnh"
    rows = [[cell(wide, colspan=2)], [cell("1"), cell("2")]]
    layout = layout_table(rows, 1, [True, True], [False, False], None, WIDTH, 12)
    need = text_width(wide, 12) + CELL_PADDING
    assert sum(layout.widths) >= need and abs(layout.widths[0] - layout.widths[1]) <= Fraction(1, 20)


def test_the_size_steps_down_before_words_break_and_says_when_they_must():
    word = "doanhnghiệp"
    columns = int(WIDTH / (text_width(word, MIN_SIZE) + CELL_PADDING))  # as many as fit at 10 pt
    assert columns * (text_width(word, 12) + CELL_PADDING) > WIDTH  # but not at 12 pt
    rows = [[cell(word) for _ in range(columns)]]
    layout = layout_table(rows, 0, [False] * columns, [True] * columns, None, WIDTH, 12)
    assert layout.fits and MIN_SIZE <= layout.size < 12
    assert min(layout.widths) >= text_width(word, layout.size) + CELL_PADDING
    too_many = layout_table(
        [[cell(word) for _ in range(columns + 2)]],
        0,
        [False] * (columns + 2),
        [True] * (columns + 2),
        None,
        WIDTH,
        12,
    )
    assert not too_many.fits and too_many.size == MIN_SIZE and sum(too_many.widths) <= WIDTH


def test_typed_decimal_weights_share_exactly():
    needs = [
        Fraction(24),
        Fraction(2935, 100),
        Fraction(10865, 100),
        Fraction(6735, 100),
        Fraction(8885, 100),
    ]
    weights = [Fraction(1), Fraction("2.6"), Fraction(5), Fraction("7.4"), Fraction(3)]
    widths = share_out(needs, weights, WIDTH)
    assert widths[2] == Fraction(2366, 20)  # 354.9 pt × 5 / 15, exactly: binary floats gave 2365 twips
    assert widths[0] == needs[0] and widths[4] == needs[4]  # squeezed under their need: they keep it
