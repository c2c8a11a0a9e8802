"""Vietnamese number, date and label formatting/parsing, kept in one place.

Clerks type numbers and dates the Vietnamese way ("1.836", "1.626,5", "03/6/2013") and
reports must print them following NĐ 30/2020/NĐ-CP and HD 36-HD/VPTW. Every rule lives
here so that templates never hand-format a number or a date.
"""

from __future__ import annotations

import calendar
import functools
import importlib.util
import re
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any, Literal

from babel.numbers import format_decimal

from .limits import MAX_NUMBER_DIGITS

__all__ = [
    "BLANK", "DATE_HINT", "VIETNAMESE_POINT_LETTERS", "VietnameseValueError", "code_hyphens", "enumeration_lead",
    "format_date_long", "format_date_short", "format_document_number", "format_money", "format_number",
    "format_percent", "format_place_date", "format_date_words", "number_to_words", "ordinal_words", "parse_count",
    "parse_date", "parse_number", "parse_percent", "part_title", "point_letter", "to_roman",
]  # fmt: skip

BLANK = " " * 6
"""Stands for a value left for the signer to fill in by hand (day, month, document number)."""

DATE_HINT = "ngày/tháng/năm, ví dụ 03/6/2013"

VIETNAMESE_POINT_LETTERS: tuple[str, ...] = (
    "a", "b", "c", "d", "đ", "e", "g", "h", "i", "k", "l", "m",
    "n", "o", "p", "q", "r", "s", "t", "u", "v", "x", "y",
)  # fmt: skip
"""Letters for points (điểm) of a clause: the Vietnamese alphabet, so no f, j, w, z."""

FLOAT_MAX_DECIMALS = 6
"""A float is rounded to this many decimals before printing, to hide binary noise."""

_LOCALE = "vi"
_NUMBER_HINT = (
    "Viết số theo kiểu Việt Nam: dấu chấm tách hàng nghìn, dấu phẩy trước phần thập phân, ví dụ 1.626,5."
)


class VietnameseValueError(ValueError):
    """A value typed by a clerk is wrong; carries a Vietnamese message and an optional hint.

    ``str(error)`` is the message alone, so callers can print the hint on its own line.
    """

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


# --------------------------------------------------------------------------- numbers

# Integer part: plain digits ("05", "1836") or "." grouping with exact 3-digit groups whose
# first group does not start with 0 (so "0.836" is rejected: it is a decimal typed wrongly).
_NUMBER_RE = re.compile(
    r"(?P<sign>[-\u2212]?)(?P<int>[0-9]+|[1-9][0-9]{0,2}(?:\.[0-9]{3})+)(?:,(?P<frac>[0-9]+))?"
)
_SPACES_RE = re.compile(r"[ \u00a0\u202f]+")


def _is_number(text: str) -> bool:
    return _NUMBER_RE.fullmatch(text) is not None


def parse_number(text: str) -> int | Decimal:
    """Parse a number typed the Vietnamese way ("." thousands, "," decimals).

    Returns ``int`` when no decimal comma was typed, otherwise an exact ``Decimal`` that keeps
    the typed digits ("1,0" -> Decimal("1.0")). A leading "-" or "−" means negative.
    """
    if not isinstance(text, str):
        raise TypeError(f"parse_number expects str, got {type(text).__name__}")
    s = text.strip()
    if not s:
        raise VietnameseValueError("Chưa nhập số (ô đang để trống).", _NUMBER_HINT)
    match = _NUMBER_RE.fullmatch(s)
    if match is None:
        raise _number_error(s)
    digits = match["int"].replace(".", "")
    if len(digits) + len(match["frac"] or "") > MAX_NUMBER_DIGITS:
        raise VietnameseValueError(
            f"Số quá lớn: hơn {MAX_NUMBER_DIGITS} chữ số, không phải một số liệu báo cáo.",
            "kiểm tra lại, có thể dán nhầm",
        )
    negative = match["sign"] != ""
    if match["frac"] is None:
        value = int(digits)
        return -value if negative else value
    return Decimal(f"{'-' if negative else ''}{digits}.{match['frac']}")


def parse_count(text: str) -> int:
    """Parse a count (lượt, hồ sơ, mô hình, đơn thư…): a whole number from 0 up, Vietnamese grouping.

    A count is never blank, negative or fractional: such a value is a typing mistake, and printing it
    as typed ("0,5 lượt") or adding a blank as 0 to a total would put a wrong figure in an official
    report. A decimal comma is refused even with a zero fraction ("1.836,0"): counts are written
    without one, and accepting it would print "1.836", not what was typed.
    """
    if not isinstance(text, str):
        raise TypeError(f"parse_count expects str, got {type(text).__name__}")
    s = text.strip()
    if not s:
        raise VietnameseValueError("Số đếm không được để trống.", "gõ 0 nếu không có")
    number = parse_number(s)
    if isinstance(number, Decimal):
        whole = number.to_integral_value()
        if number == whole and number >= 0:
            hint = format_number(whole)
        else:
            hint = "số đếm là số nguyên, không có dấu phẩy, ví dụ 1.836"
        raise VietnameseValueError(f'Số đếm "{s}" không được có phần thập phân.', hint)
    if number < 0:
        raise VietnameseValueError(
            f'Số đếm "{s}" không được là số âm.', f"số đếm từ 0 trở lên, ví dụ {format_number(-number)}"
        )
    return number


def _number_error(s: str) -> VietnameseValueError:
    """Explain why ``s`` is not a Vietnamese number and guess the intended spelling."""
    if s.endswith("%"):
        body = s[:-1].rstrip()
        return VietnameseValueError(
            f'Số "{s}" không được kèm ký hiệu "%" ở đây.', f'Bỏ dấu %, ví dụ "{body}".'
        )
    if "." in s and "," not in s:
        last = s.rfind(".")
        candidate = s[:last] + "," + s[last + 1 :]
        return VietnameseValueError(
            f'Số "{s}" không đúng cách viết tiếng Việt: dấu chấm chỉ dùng để tách hàng nghìn.',
            candidate if _is_number(candidate) else _NUMBER_HINT,
        )
    if re.fullmatch(r"[-\u2212]?[0-9]{1,3}(?:,[0-9]{3})+\.[0-9]+", s):
        swapped = s.replace(",", "\0").replace(".", ",").replace("\0", ".")
        return VietnameseValueError(f'Số "{s}" đang viết theo kiểu tiếng Anh.', swapped)
    if s.count(",") > 1:
        return VietnameseValueError(
            f'Số "{s}" có nhiều dấu phẩy: dấu phẩy chỉ dùng một lần, trước phần thập phân.', _NUMBER_HINT
        )
    if s.startswith(",") and _is_number("0" + s):
        return VietnameseValueError(f'Số "{s}" thiếu phần nguyên trước dấu phẩy.', "0" + s)
    grouped = _SPACES_RE.sub(".", s)
    if grouped != s and _is_number(grouped):
        return VietnameseValueError(
            f'Số "{s}" có khoảng trắng: hãy dùng dấu chấm để tách hàng nghìn.', grouped
        )
    return VietnameseValueError(f'"{s}" không phải là một số hợp lệ.', _NUMBER_HINT)


def parse_percent(text: str) -> Decimal:
    """Parse "90,3%" into the ratio Decimal("0.903"); the "%" sign is mandatory."""
    if not isinstance(text, str):
        raise TypeError(f"parse_percent expects str, got {type(text).__name__}")
    s = text.strip()
    if not s.endswith("%"):
        raise VietnameseValueError(f'Tỉ lệ "{s}" thiếu ký hiệu "%".', f'Thêm dấu % sau số, ví dụ "{s}%".')
    body = s[:-1].rstrip()
    try:
        number = parse_number(body)
    except VietnameseValueError as error:
        hint = f"{error.hint}%" if error.hint and _is_number(error.hint) else error.hint
        raise VietnameseValueError(f'Tỉ lệ "{s}" không hợp lệ. {error.message}', hint) from None
    ratio = Decimal(number).scaleb(-2)
    return Decimal(int(ratio)) if ratio == ratio.to_integral_value() else ratio.normalize()


def _to_decimal(value: int | Decimal | float) -> Decimal:
    """Exact Decimal of a value; floats go through their shortest repr to avoid binary noise."""
    if isinstance(value, bool) or not isinstance(value, int | Decimal | float):
        raise TypeError(f"expected int, Decimal or float, got {type(value).__name__}")
    result = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    if not result.is_finite():
        raise ValueError(f"cannot format non-finite number {value!r}")
    return result


def _strip_zeros(value: Decimal) -> Decimal:
    """Drop non-significant trailing zeros without switching to exponent notation."""
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()


def format_number(value: int | Decimal | float, decimals: int | None = None) -> str:
    """Print a number with Vietnamese grouping ("1.626,5").

    ``decimals=None`` keeps the significant decimals (trailing zeros dropped; floats rounded to
    FLOAT_MAX_DECIMALS); ``decimals=n`` rounds half-up and always prints exactly n decimals.
    """
    number = _to_decimal(value)
    if decimals is None:
        if isinstance(value, float):
            number = number.quantize(Decimal(1).scaleb(-FLOAT_MAX_DECIMALS), ROUND_HALF_UP)
        number = _strip_zeros(number)
        pattern = "#,##0.###"
    else:
        if decimals < 0:
            raise ValueError("decimals must be >= 0")
        number = number.quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP)
        pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    if number == 0:
        number = abs(number)  # never print "-0"
    return _grouped(str(number), pattern, decimals is not None)


@functools.lru_cache(maxsize=4096)
def _grouped(number: str, pattern: str, quantize: bool) -> str:
    """babel's Vietnamese grouping of one number, remembered by the number's exact text.

    babel parses the pattern and walks the locale data on every call (~80 µs); a report prints the
    same figures again and again (Phổ Hòa: 750 calls a render, 14 % of the compute stage in a profile).
    The key is the Decimal's text, so 1.0 and 1 (equal as numbers, printed differently) never share.
    """
    return format_decimal(Decimal(number), format=pattern, locale=_LOCALE, decimal_quantization=quantize)


def format_percent(ratio: Decimal | float, decimals: int = 2) -> str:
    """Print a ratio as a percentage ("90,3%"), rounded half-up, trailing zeros dropped."""
    percent = (_to_decimal(ratio) * 100).quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP)
    return format_number(_strip_zeros(percent)) + "%"


def format_money(value: int | Decimal) -> str:
    """Print an amount in Vietnamese đồng ("2.740.000.000 đồng")."""
    return f"{format_number(value)} đồng"


# --------------------------------------------------------------------------- dates

_DMY_RE = re.compile(r"(?P<d>[0-9]{1,2})(?P<sep>[/.-])(?P<m>[0-9]{1,2})(?P=sep)(?P<y>[0-9]{4})")
_ISO_RE = re.compile(r"(?P<y>[0-9]{4})-(?P<m>[0-9]{1,2})-(?P<d>[0-9]{1,2})")
_LONG_RE = re.compile(
    r"(?:ngày\s+)?(?P<d>[0-9]{1,2})\s+tháng\s+(?P<m>[0-9]{1,2})\s+năm\s+(?P<y>[0-9]{4})", re.IGNORECASE
)


def parse_date(text: str) -> date:
    """Parse a typed date: day/month/year with "/", "-" or "." (03/6/2013), ISO 2013-06-03,
    or the long form "ngày 03 tháng 6 năm 2013". Two-digit years are refused as ambiguous."""
    s = " ".join(text.split())
    if not s:
        raise VietnameseValueError("Chưa nhập ngày.", DATE_HINT)
    match = _DMY_RE.fullmatch(s) or _ISO_RE.fullmatch(s) or _LONG_RE.fullmatch(s)
    if match is None:
        raise VietnameseValueError(f'Không hiểu ngày "{s}".', DATE_HINT)
    day, month, year = int(match["d"]), int(match["m"]), int(match["y"])
    if year < 1000:
        raise VietnameseValueError(f'Năm trong ngày "{s}" không hợp lệ.', DATE_HINT)
    try:
        return date(year, month, day)
    except ValueError:
        raise VietnameseValueError(f'Ngày "{s}" không tồn tại.', DATE_HINT) from None


def _day_text(day: int) -> str:
    """NĐ 30: days below 10 take a leading zero."""
    return f"{day:02d}"


def _month_text(month: int) -> str:
    """NĐ 30: months 1 and 2 take a leading zero (so "01", "02" are not misread), 3..12 do not."""
    return f"{month:02d}" if month < 3 else str(month)


def format_date_short(d: date) -> str:
    """Short date as in references to documents: 03/6/2013, 25/02/2015 (NĐ 30 zero rule)."""
    return f"{_day_text(d.day)}/{_month_text(d.month)}/{d.year}"


def format_date_long(d: date) -> str:
    """Long date as in the place-and-date line: ngày 05 tháng 6 năm 2023."""
    return f"ngày {_day_text(d.day)} tháng {_month_text(d.month)} năm {d.year}"


def _plain(n: int) -> str:
    """Years stay as typed (2023); bigger numbers get thousands dots."""
    return str(n) if n <= 9999 else format_number(n)


def _check_int(name: str, value: int | None, low: int, high: int) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name} must be int or None, got {type(value).__name__}")
    if not low <= value <= high:
        raise VietnameseValueError(
            f"{name.capitalize()} {value} không hợp lệ (phải từ {low} đến {_plain(high)})."
        )


def format_place_date(place: str, day: int | None, month: int | None, year: int | None) -> str:
    """Place-and-date line; a None part is printed as BLANK for the signer to fill in by hand."""
    place = place.strip()
    if not place:
        raise VietnameseValueError("Chưa có địa danh cho dòng địa danh, ngày tháng.", "Ví dụ: Ba Tô")
    return f"{place}, {format_date_words(day, month, year)}"


def format_date_words(day: int | None, month: int | None, year: int | None) -> str:
    """`ngày 05 tháng 6 năm 2023`, with BLANK for each part left for the văn thư."""
    _check_int("ngày", day, 1, 31)
    _check_int("tháng", month, 1, 12)
    _check_int("năm", year, 1000, 9999)
    if day is not None and month is not None:
        max_day = calendar.monthrange(year if year is not None else 2000, month)[1]  # 2000: leap year
        if day > max_day:
            shown = f"{day}/{month}" + (f"/{year}" if year is not None else "")
            raise VietnameseValueError(f'Ngày "{shown}" không tồn tại.', DATE_HINT)
    day_part = f" {_day_text(day)} " if day is not None else BLANK
    month_part = f" {_month_text(month)} " if month is not None else BLANK
    year_part = f" {year}" if year is not None else BLANK
    return f"ngày{day_part}tháng{month_part}năm{year_part}"


_CODE_RE = re.compile(r"[^\s/]+")


# The number and symbol of a document as printed in prose and headers: 25-NQ/TW, 05/BC-UBND,
# 145/2020/NĐ-CP, 16/CT-TTg, 218-QĐi/TW, 34/2007/PL-UBTVQH11; also with the number left blank for the
# văn thư ("Số      -BC/ĐU"). Each group after the number starts with a capital and the code ends at
# the end of a word, so "2013-2018", "Covid-19" and "kinh tế - xã hội" are no codes.
_CODE_GROUP = r"[A-ZĐƯ][A-Za-zĐƯđư0-9]*"
_DOCUMENT_CODE_RE = re.compile(
    rf"(?:(?<![\w.,/-])\d+(?:/\d{{4}})?(?:[-/]{_CODE_GROUP})+|(?<=[\s…])(?:[-/]{_CODE_GROUP}){{2,}})(?!\w)"
)


def code_hyphens(text: str) -> list[int]:
    """Return the positions of the hyphens that belong to document codes in ``text``.

    A code is one word to a reader: a line that ends in "Kết luận số 43-" and goes on with "KL/TW" reads
    as two things, so these hyphens are printed as non-breaking ones; every other hyphen may break.
    """
    return [
        m.start() + i for m in _DOCUMENT_CODE_RE.finditer(text) for i, c in enumerate(m.group()) if c == "-"
    ]


def format_document_number(
    system: Literal["nha_nuoc", "dang"], number: int | None, type_code: str, issuer_code: str
) -> str:
    """Document number line: state "Số: 05/BC-UBND", party "Số 374-BC/HU"; None -> BLANK.

    Numbers below 10 take a leading zero in both systems (party practice: "Chỉ thị số 05-CT/TW").
    For state documents an empty ``type_code`` gives the công văn form "Số: 05/UBND-VP".
    """
    _check_int("số văn bản", number, 1, 10**9)
    number_text = BLANK if number is None else f"{number:02d}"
    type_code, issuer_code = type_code.strip(), issuer_code.strip()
    if not _CODE_RE.fullmatch(issuer_code):
        raise VietnameseValueError(
            f'Ký hiệu cơ quan ban hành "{issuer_code}" không hợp lệ.', "Ví dụ: UBND, HU"
        )
    if system == "nha_nuoc":
        if type_code and not _CODE_RE.fullmatch(type_code):
            raise VietnameseValueError(f'Ký hiệu loại văn bản "{type_code}" không hợp lệ.', "Ví dụ: BC")
        code = f"{type_code}-{issuer_code}" if type_code else issuer_code
        separator = ":" if number is None else ": "
        return f"Số{separator}{number_text}/{code}"
    if system == "dang":
        if not _CODE_RE.fullmatch(type_code):
            raise VietnameseValueError(f'Ký hiệu loại văn bản "{type_code}" không hợp lệ.', "Ví dụ: BC")
        separator = "" if number is None else " "
        return f"Số{separator}{number_text}-{type_code}/{issuer_code}"
    raise ValueError(f"unknown document system {system!r}; expected 'nha_nuoc' or 'dang'")


# --------------------------------------------------------------------------- labels

_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
          (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))  # fmt: skip


def to_roman(n: int) -> str:
    """Roman numeral for section headings (I, II, ...), 1..3999."""
    if isinstance(n, bool) or not isinstance(n, int) or not 1 <= n <= 3999:
        raise VietnameseValueError(f"Không thể viết {n!r} bằng số La Mã (chỉ từ 1 đến 3999).")
    parts: list[str] = []
    for value, symbol in _ROMAN:
        count, n = divmod(n, value)
        parts.append(symbol * count)
    return "".join(parts)


def point_letter(n: int) -> str:
    """Letter of the n-th point (điểm): a, b, c, d, đ, e, g... — Vietnamese alphabet only."""
    if isinstance(n, bool) or not isinstance(n, int) or not 1 <= n <= len(VIETNAMESE_POINT_LETTERS):
        raise VietnameseValueError(
            f"Không có chữ cái cho điểm thứ {n}: một khoản chỉ có tối đa {len(VIETNAMESE_POINT_LETTERS)} điểm"
            " (a đến y).",
            "Hãy tách khoản này thành nhiều khoản nhỏ hơn.",
        )
    return VIETNAMESE_POINT_LETTERS[n - 1]


def _check_positive(n: int) -> None:
    if isinstance(n, bool) or not isinstance(n, int) or n < 1:
        raise VietnameseValueError(f"Số thứ tự phải là số nguyên dương, nhận được {n!r}.")


def ordinal_words(n: int) -> str:
    """Ordinal in words (thứ nhất, thứ hai, thứ tư): 1 and 4 have their own ordinal words."""
    _check_positive(n)
    special = {1: "nhất", 4: "tư"}
    return "thứ " + special.get(n, number_to_words(n))


def part_title(n: int) -> str:
    """Heading of a large part of a report: "Phần thứ nhất"."""
    return "Phần " + ordinal_words(n)


def enumeration_lead(n: int) -> str:
    """Lead words of an enumerated argument: "Một là", "Hai là"."""
    _check_positive(n)
    words = number_to_words(n)
    return words[0].upper() + words[1:] + " là"


# --------------------------------------------------------------------------- number to words
#
# Built on num2words (required by the product brief), which we call for each 3-digit group
# (0 < g < 1000), where its output is almost right. Every place where num2words 0.5.14 is wrong
# for Vietnamese is fixed explicitly below:
#   FIX 1 "lẻ" -> "linh": num2words uses the southern "lẻ"; administrative texts use "linh".
#   FIX 2 "mươi bốn" -> "mươi tư": after "mươi", 4 is read "tư" (24 "hai mươi tư"; 14 stays
#         "mười bốn").
#   FIX 3 "không trăm": num2words skips an empty hundreds place inside a big number
#         (2024 -> "hai nghìn lẻ hai mươi bốn"); we read every group after the first in full.
#   FIX 4 scales: we join groups ourselves with nghìn/triệu/tỷ and repeat "tỷ" for bigger
#         numbers (10**15 -> "một triệu tỷ"; num2words says "một trăm nghìn tỷ").
#   FIX 5 sign: num2words drops the minus sign (-5 -> "mười lăm"); we say "âm".
#   FIX 6 decimals: num2words formats with "%.2f" (5.6 -> "năm phẩy sáu mươi", 5.06 -> "năm
#         phẩy sáu"); we read the exact fractional digits ourselves.
# Rule for empty groups: an all-zero group is skipped together with its scale word, and the
# next non-empty group is read in full: 3000005 -> "ba triệu không trăm linh năm" (not the
# pedantic "ba triệu không nghìn không trăm linh năm").


def _num2words(number: int) -> str:
    """Return num2words' Vietnamese words (what `num2words(number, lang="vi")` returns)."""
    return str(_vietnamese_converter().to_cardinal(number))


@functools.cache
def _vietnamese_converter() -> Any:
    """Return num2words' Vietnamese converter, loaded alone on first use.

    `import num2words` runs the package's `__init__`, which imports all of its 50-odd languages and
    builds a converter for each: about 25 ms and 3 MB of a `baocao render` process, for one language
    (docs/benchmarks.md). The function `num2words(n, lang="vi")` only looks up
    `CONVERTER_CLASSES["vi"]`, an instance of `lang_VI.Num2Word_VI`, and calls its `to_cardinal`; that
    module imports nothing (not even num2words' base class). So the module is executed here from the
    installed package's own file, without the package `__init__`, under a private name kept out of
    `sys.modules`. tests/test_vietnamese.py checks it says what `num2words(n, lang="vi")` says.
    """
    package = importlib.util.find_spec("num2words")  # finds the package; runs none of its code
    if package is None or not package.submodule_search_locations:
        raise ModuleNotFoundError("num2words")
    source = Path(next(iter(package.submodule_search_locations))) / "lang_VI.py"
    spec = importlib.util.spec_from_file_location("_baocao_num2words_vi", source)
    if spec is None or spec.loader is None:
        raise ModuleNotFoundError("num2words.lang_VI")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.Num2Word_VI()


def _group_words(group: int, full: bool) -> str:
    """Words for 1..999; ``full`` reads an empty hundreds place ("không trăm linh năm")."""
    words = _num2words(group).split()
    words = ["linh" if word == "lẻ" else word for word in words]  # FIX 1
    if words[-2:] == ["mươi", "bốn"]:
        words[-1] = "tư"  # FIX 2
    if full and group < 100:
        words = ["không", "trăm", *(["linh"] if group < 10 else []), *words]  # FIX 3
    return " ".join(words)


def _below_billion(n: int, leading: bool) -> str:
    """Words for 1..999 999 999; ``leading`` is False when a higher part was already read."""
    parts: list[str] = []
    for group, scale in (((n // 10**6) % 1000, "triệu"), ((n // 1000) % 1000, "nghìn"), (n % 1000, "")):
        if group == 0:
            continue
        words = _group_words(group, full=bool(parts) or not leading)
        parts.append(f"{words} {scale}" if scale else words)
    return " ".join(parts)


def _integer_words(n: int) -> str:
    """Words for a non-negative integer; "tỷ" repeats above 10**9 (FIX 4)."""
    if n == 0:
        return _num2words(0)  # "không" — num2words is right here
    if n < 10**9:
        return _below_billion(n, leading=True)
    high, low = divmod(n, 10**9)
    words = _integer_words(high) + " tỷ"
    return f"{words} {_below_billion(low, leading=False)}" if low else words


def _fraction_words(digits: str) -> str:
    """Digits after the comma: leading zeros read "không" each, then up to two digits as a
    number ("bảy mươi hai"), longer tails digit by digit (FIX 6)."""
    rest = digits.lstrip("0")
    words = ["không"] * (len(digits) - len(rest))
    if len(rest) <= 2:
        words.append(_integer_words(int(rest)))
    else:
        words.extend(_integer_words(int(digit)) for digit in rest)
    return " ".join(words)


def number_to_words(value: int | Decimal | str) -> str:
    """Read a number in Vietnamese words (amounts in words, "bằng chữ").

    A str is parsed with parse_number. Floats are refused: pass a Decimal to stay exact.
    Trailing zeros after the comma are not read (Decimal("5.60") -> "năm phẩy sáu").
    """
    if isinstance(value, str):
        value = parse_number(value)
    if isinstance(value, bool) or not isinstance(value, int | Decimal):
        raise TypeError(f"number_to_words expects int, Decimal or str, got {type(value).__name__}")
    if isinstance(value, Decimal) and not value.is_finite():
        raise ValueError(f"cannot read non-finite number {value!r}")
    negative = value < 0
    plain = str(abs(value)) if isinstance(value, int) else format(abs(value), "f")
    integer_text, _, fraction = plain.partition(".")
    fraction = fraction.rstrip("0")
    words = _integer_words(int(integer_text))
    if fraction:
        words += " phẩy " + _fraction_words(fraction)
    return "âm " + words if negative else words  # FIX 5
