"""How much one data file may hold: absurd input is refused with a located message, never a crash.

Without these limits a 30 MB title took 48 s and 3.8 GB before docxtpl cut it short and crashed, about
330 nested mappings overflowed PyYAML's recursive composer (reported as an internal error, exit 3), and
the 4000th section has no Roman numeral. Each number is far above any real report — the largest example
(`examples/pho-hoa/tong-ket-nq25-2023.yaml`) is 71 KB; the examples nest at most 9 levels, their longest
paragraph has 8,214 characters and their longest list 29 items — and low enough that the pure-Python
YAML parser reaches it within about a second.
The loader checks all but the last one before building anything; README.md («Giới hạn») says them in
clerk language, so change both together.
"""

from __future__ import annotations

__all__ = [
    "MAX_DEPTH",
    "MAX_FILE_BYTES",
    "MAX_INHERIT_DEPTH",
    "MAX_LIST_ITEMS",
    "MAX_NUMBER_DIGITS",
    "MAX_ROMAN_NUMBER",
    "MAX_SCALAR_CHARS",
]

# Bytes in one data file, checked before decoding: seven times the largest example, room for an
# appendix table of ten thousand rows. Not more because the pure-Python YAML scanner needs up to
# 1.5 µs per character: at this size an over-long value spread over many lines is still found within a
# second, and a file that passes every check is read in a few seconds at worst (dense one-word lists).
MAX_FILE_BYTES = 512 * 1024

# Mappings and sequences nested in one another (the whole file counts as level 1). A report with five
# levels of headings and a table in the deepest one needs about 15; 50 keeps every later recursive
# walk (builder, merge, pydantic) far from Python's recursion limit of 1000.
MAX_DEPTH = 50

# Characters in one value (a paragraph block, a title, a table cell). 100,000 characters is about 40
# pages of 14 pt text — a whole report in one `van_ban`, twelve times the longest example paragraph.
# docxtpl re-parses the body and silently truncates very long text before crashing (10 MB paragraph).
MAX_SCALAR_CHARS = 100_000

# Items in one list (sections, table rows, Nơi nhận). A commune has a few thousand households; a
# 10,000-row appendix table is already about 250 pages.
MAX_LIST_ITEMS = 10_000

# Sections numbered I, II, III…: `vietnamese.to_roman` writes 1..3999 (plain Roman numerals have no
# letter for 5000). Checked where the numbers are made, in `compute`.
MAX_ROMAN_NUMBER = 3_999

# Files in one `ke_thua` chain (period file → profile → …). Real chains have two; a long chain is
# almost always a mistake, and the limit bounds the work even without a cycle.
MAX_INHERIT_DEPTH = 8

# Digits in one typed number (whole and decimal part together). The largest figure a commune report
# holds is a budget in đồng, about 13 digits; past 28 the decimal arithmetic that prints numbers
# loses exactness (a 40-digit figure crashed `format_number`, found by the fuzzer).
MAX_NUMBER_DIGITS = 18
