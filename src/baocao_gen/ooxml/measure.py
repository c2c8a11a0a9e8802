"""Text widths in Times New Roman, for the short rules under header lines.

NĐ 30 wants the line under the issuing body's name to be 1/3–1/2 of the text line and the line under
the Tiêu ngữ as long as the text. Word cannot size a paragraph border to its text, so the indents are
computed from the font's advance widths (Liberation Serif has Times New Roman's metrics). Vietnamese
letters are measured by their base letter: the tone marks do not change the advance width.
"""

from __future__ import annotations

import unicodedata

# Advance widths (1/1000 em) of characters U+0020..U+007E.
_REGULAR = (
    250, 333, 408, 500, 500, 833, 778, 180, 333, 333, 500, 564, 250, 333, 250, 278, 500, 500, 500, 500,
    500, 500, 500, 500, 500, 500, 278, 278, 564, 564, 564, 444, 921, 722, 667, 667, 722, 611, 556, 722,
    722, 333, 389, 722, 611, 889, 722, 722, 556, 722, 667, 556, 611, 722, 722, 944, 722, 722, 611, 333,
    278, 333, 469, 500, 333, 444, 500, 444, 500, 444, 333, 500, 500, 278, 278, 500, 278, 778, 500, 500,
    500, 500, 333, 389, 278, 500, 500, 722, 500, 500, 444, 480, 200, 480, 541,
)
_BOLD = (
    250, 333, 555, 500, 500, 1000, 833, 278, 333, 333, 500, 570, 250, 333, 250, 278, 500, 500, 500, 500,
    500, 500, 500, 500, 500, 500, 333, 333, 570, 570, 570, 500, 930, 722, 667, 722, 722, 667, 611, 778,
    778, 389, 500, 778, 667, 944, 722, 778, 611, 778, 722, 556, 667, 722, 722, 1000, 722, 722, 667, 333,
    278, 333, 581, 500, 333, 500, 556, 444, 556, 444, 333, 500, 556, 278, 333, 556, 278, 833, 556, 500,
    556, 556, 444, 389, 333, 556, 500, 722, 500, 500, 444, 394, 220, 394, 520,
)
TWIPS_PER_POINT = 20


def _base(char: str) -> str:
    if char in "đĐ":
        return "d" if char == "đ" else "D"
    return unicodedata.normalize("NFD", char)[0]


def text_width_twips(text: str, size_pt: float, bold: bool = False) -> int:
    """Return the printed width of `text` at `size_pt`, in twips (1/20 pt)."""
    table = _BOLD if bold else _REGULAR
    total = 0
    for char in text:
        code = ord(_base(char))
        total += table[code - 32] if 32 <= code <= 126 else 500
    return round(total * size_pt * TWIPS_PER_POINT / 1000)
