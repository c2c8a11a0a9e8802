"""Text widths in Times New Roman (and Arial), for sizing the header columns, the short rules and table columns.

Word and LibreOffice cannot size a column to its text or a paragraph border to its text, so the
header columns, the rules under header lines and the table columns are computed from the font's
advance widths (Liberation Serif, which LibreOffice uses in place of Times New Roman, has the same
metrics; the tables below were read from its hmtx tables). Vietnamese letters are measured by their
base letter, because the tone marks do not change the advance width, except the horn letters ơ, ư,
Ơ, Ư, which are wider than o, u, U: ignoring that made a 40-letter line come out up to 8 pt short.
"""

from __future__ import annotations

import unicodedata

# Advance widths (1/1000 em) of characters U+0020..U+007E, per style.
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
_ITALIC = (
    250, 333, 420, 500, 500, 833, 778, 214, 333, 333, 500, 675, 250, 333, 250, 278, 500, 500, 500, 500,
    500, 500, 500, 500, 500, 500, 333, 333, 675, 675, 675, 500, 920, 611, 611, 667, 722, 611, 611, 722,
    722, 333, 444, 667, 556, 833, 667, 722, 611, 722, 611, 500, 556, 722, 611, 833, 611, 556, 556, 389,
    278, 389, 422, 500, 333, 500, 500, 444, 500, 444, 278, 500, 500, 278, 278, 444, 278, 722, 500, 500,
    500, 500, 389, 389, 278, 500, 444, 667, 444, 444, 389, 400, 275, 400, 541,
)
_BOLD_ITALIC = (
    250, 389, 555, 500, 500, 833, 778, 278, 333, 333, 500, 570, 250, 333, 250, 278, 500, 500, 500, 500,
    500, 500, 500, 500, 500, 500, 333, 333, 570, 570, 570, 500, 832, 667, 667, 667, 722, 667, 667, 722,
    778, 389, 500, 667, 611, 889, 722, 722, 611, 722, 667, 556, 611, 722, 667, 889, 667, 611, 611, 333,
    278, 333, 570, 500, 333, 500, 500, 444, 500, 444, 333, 500, 556, 278, 278, 500, 278, 778, 556, 500,
    500, 500, 389, 389, 278, 556, 444, 667, 500, 444, 389, 348, 220, 348, 570,
)
# Characters outside U+0020..U+007E that reports use, per style (regular, bold, italic, bold italic).
_OTHER = {
    "ơ": (529, 554, 534, 537),
    "ư": (542, 600, 545, 599),
    "Ơ": (722, 778, 722, 722),
    "Ư": (776, 796, 754, 775),
    "“": (444, 500, 556, 500),
    "”": (444, 500, 556, 500),
    "‘": (333, 333, 333, 333),
    "’": (333, 333, 333, 333),
    "–": (500, 500, 500, 500),
    "—": (1000, 1000, 889, 1000),
    "…": (1000, 1000, 889, 1000),
    "\u00a0": (250, 250, 250, 250),  # no-break space
    "\u2011": (333, 333, 333, 333),  # non-breaking hyphen: Word draws it as a hyphen
}
# Liberation Sans (Arial's metrics), read the same way from its hmtx tables: an office template
# may set Arial, and its header is then measured with Arial's widths, not Times New Roman's.
_SANS_REGULAR = (
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556,
    556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667, 611, 778,
    722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278,
    278, 278, 469, 556, 333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
    556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
)
_SANS_BOLD = (
    278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556,
    556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584, 611, 975, 722, 722, 722, 722, 667, 611, 778,
    722, 278, 556, 722, 611, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333,
    278, 333, 584, 556, 333, 556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611,
    611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584,
)
_SANS_ITALIC = (
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556,
    556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667, 611, 778,
    722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278,
    278, 278, 469, 556, 333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
    556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
)
_SANS_BOLD_ITALIC = (
    278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556,
    556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584, 611, 975, 722, 722, 722, 722, 667, 611, 778,
    722, 278, 556, 722, 611, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333,
    278, 333, 584, 556, 333, 556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611,
    611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584,
)
_SANS_OTHER = {
    "ơ": (656, 711, 604, 671),
    "ư": (669, 724, 634, 714),
    "Ơ": (857, 853, 812, 837),
    "Ư": (854, 830, 793, 809),
    "“": (333, 500, 333, 500),
    "”": (333, 500, 333, 500),
    "‘": (222, 278, 222, 278),
    "’": (222, 278, 222, 278),
    "–": (556, 556, 556, 556),
    "—": (1000, 1000, 1000, 1000),
    "…": (1000, 1000, 1000, 1000),
    "\u00a0": (278, 278, 278, 278),
    "\u2011": (333, 333, 333, 333),
}
TWIPS_PER_POINT = 20


def _key(char: str) -> str:
    """Return the character whose width `char` has: itself, or its base letter without tone marks."""
    if char in _OTHER:
        return char
    if char in "đĐ":
        return "d" if char == "đ" else "D"
    decomposed = unicodedata.normalize("NFD", char)
    # ờ, ứ, Ự…: NFD gives o/u + horn (U+031B) + tone; the horn decides the width.
    if len(decomposed) > 1 and "\u031b" in decomposed[1:]:
        return unicodedata.normalize("NFC", decomposed[0] + "\u031b")
    return decomposed[0]


_SERIF = (_REGULAR, _BOLD, _ITALIC, _BOLD_ITALIC), _OTHER
_SANS = (_SANS_REGULAR, _SANS_BOLD, _SANS_ITALIC, _SANS_BOLD_ITALIC), _SANS_OTHER
# The fonts whose widths are known, by the names Word and LibreOffice write in styles.xml; metric-
# compatible pairs (Liberation, Croscore) share a table. Any other font is measured as Times New Roman.
_FAMILIES = {
    "times new roman": _SERIF,
    "liberation serif": _SERIF,
    "tinos": _SERIF,
    "arial": _SANS,
    "liberation sans": _SANS,
    "arimo": _SANS,
    "helvetica": _SANS,
}
DEFAULT_FONT = "Times New Roman"


def known_font(font: str) -> bool:
    """Return whether `font` is measured with its own widths (else Times New Roman's stand in)."""
    return font.strip().lower() in _FAMILIES


def char_width(char: str, bold: bool = False, italic: bool = False, font: str = DEFAULT_FONT) -> int:
    """Return the advance width of one character in 1/1000 em."""
    if unicodedata.combining(char):
        return 0  # a tone mark left uncomposed sits on the letter before it
    tables, other = _FAMILIES.get(font.strip().lower(), _SERIF)
    style = (2 if italic else 0) + (1 if bold else 0)
    key = _key(char)
    if key in other:
        return other[key][style]
    code = ord(key)
    if 32 <= code <= 126:
        return tables[style][code - 32]
    return 500


def text_width_twips(text: str, size_pt: float, bold: bool = False, italic: bool = False, font: str = DEFAULT_FONT) -> int:
    """Return the printed width of `text` at `size_pt`, in twips (1/20 pt)."""
    total = sum(char_width(char, bold, italic, font) for char in text)
    return round(total * size_pt * TWIPS_PER_POINT / 1000)
