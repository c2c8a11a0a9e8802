"""Layout decided before LibreOffice sees the file: header columns, the signature's keep-with-next
chain, Nơi nhận level with the signature, table font sizes and column widths.

What these decide is checked on paper, in PDFs, by tests/test_libreoffice.py.
"""

from __future__ import annotations

from baocao_gen.ooxml.body import text_width
from baocao_gen.ooxml.measure import char_width, text_width_twips
from conftest import EXAMPLES

EXAMPLE_FILES = sorted(p for p in EXAMPLES.glob("*/*.yaml") if p.name != "don-vi.yaml")
TOTAL = text_width("portrait")


# -- measuring --------------------------------------------------------------------------------------
def test_horn_letters_are_wider_than_their_base_letters():
    # Liberation Serif (Times New Roman's metrics): ơ 529, ư 542, Ư 776 against o, u 500 and U 722.
    assert (char_width("ơ"), char_width("ư"), char_width("Ư")) == (529, 542, 776)
    assert char_width("ờ") == char_width("ơ") and char_width("Ự", bold=True) == 796
    assert char_width("ế") == char_width("e") and char_width("Đ") == char_width("D")
    assert text_width_twips("Phước Hưng Đông", 14, italic=True) > text_width_twips("Phuoc Hung Dong", 14, italic=True)
