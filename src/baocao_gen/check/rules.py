"""The format rules, one small function each, every one with its own code and rule reference.

Each rule takes the read document, its recognised components and the system's profile, and returns
findings; none raises on a strange document. A rule that cannot decide (a size set nowhere, a system
not recognised) stays silent or says "không xác định": it never guesses.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from ..codes import Code
from ..ooxml.reader import DocxDocument, Paragraph, RunFormat
from .components import AUTHORITY, Components, Piece, fold
from .findings import Finding, Level, System
from .layout import estimate_closing
from .profiles import PROFILES, Expect, Profile

__all__ = ["ALL_RULES", "Rule"]

Rule = Callable[[DocxDocument, Components, Profile | None], list[Finding]]

_TWIPS_PER_MM = 1440 / 25.4
_A4 = (11906, 16838)
_PAPER_TOLERANCE = 30  # twips (1.5 pt): Word and LibreOffice round A4 slightly differently
_FONT = "Times New Roman"
_SLOGAN = "Độc lập - Tự do - Hạnh phúc"
# The Vietnamese alphabet for points: no f, j, w, z.
_LETTERS = ["a", "b", "c", "d", "đ", "e", "g", "h", "i", "k", "l", "m", "n", "o", "p", "q", "r", "s", "t", "u", "v", "x", "y"]
_FOREIGN = set("fjwz")
_ORDINALS = ["nhất", "hai", "ba", "tư", "năm", "sáu", "bảy", "tám", "chín", "mười"]
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}


def _mm(twips: int) -> str:
    return f"{twips / _TWIPS_PER_MM:.1f}".rstrip("0").rstrip(".").replace(".", ",")


def _pt(value: float) -> str:
    return f"{value:g}".replace(".", ",")


# --- page ---------------------------------------------------------------------------------------


def _page_size(doc: DocxDocument, parts: Components, profile: Profile | None) -> list[Finding]:
    rule = profile.page_rule if profile else "NĐ 30 PL I phần I mục I.1–2; FORMAT.md §1.1"
    out: list[Finding] = []
    for section in doc.sections:
        if section.width is None or section.height is None:
            continue
        short, long_ = sorted((section.width, section.height))
        if abs(short - _A4[0]) > _PAPER_TOLERANCE or abs(long_ - _A4[1]) > _PAPER_TOLERANCE:
            out.append(Finding(
                Code.CHECK_PAGE_SIZE, f"khổ giấy {_mm(section.width)} × {_mm(section.height)} mm, không phải A4",
                rule, "chọn khổ A4 (210 × 297 mm) trong Bố cục > Kích thước", section=section.index))
        elif section.index == 1 and section.width > section.height:
            out.append(Finding(
                Code.CHECK_PAGE_SIZE, "trang đầu văn bản trình bày khổ ngang", rule,
                "trình bày theo chiều dài khổ A4; chỉ bảng biểu mới được để ngang", section=section.index))
    return out


def _margins(doc: DocxDocument, parts: Components, profile: Profile | None) -> list[Finding]:
    if profile is None:
        return []
    names = {"top": "trên", "bottom": "dưới", "left": "trái", "right": "phải"}
    out: list[Finding] = []
    for section in doc.sections:
        wrong = []
        for side, (low, high) in profile.margins.items():
            value = getattr(section, side)
            if value is None:
                continue
            mm = value / _TWIPS_PER_MM
            if not low - 0.3 <= mm <= high + 0.3:
                wrong.append(f"lề {names[side]} {_mm(value)} mm (quy định {low}–{high} mm)")
        if wrong:
            out.append(Finding(
                Code.CHECK_MARGIN, "; ".join(wrong), profile.margin_rule,
                "đặt lề trên 20, dưới 20, trái 30, phải 15 mm", section=section.index))
    return out


def _page_numbers(doc: DocxDocument, parts: Components, profile: Profile | None) -> list[Finding]:
    rule = profile.page_number_rule if profile else "NĐ 30 PL I phần I mục I.7; FORMAT.md §1.1"
    out: list[Finding] = []
    numbered = [s for s in doc.sections if any(h.has_page_number for h in s.headers.values())]
    if not doc.sections:
        return out
    if not numbered:
        if len(doc.paragraphs) > 60:  # a one-page letter needs no number; a report does
            out.append(Finding(
                Code.CHECK_PAGE_NUMBER, "văn bản nhiều trang mà không đánh số trang", rule,
                "chèn số trang (Chèn > Số trang) ở giữa lề trên, bỏ chọn hiện ở trang đầu", section=1))
        return out
    for section in doc.sections:
        default = section.headers.get("default")
        first = section.headers.get("first")
        if default is not None and default.has_page_number and default.page_number_alignment not in ("center", "tab"):
            where = {"right": "bên phải", "left": "bên trái", None: "bên trái", "both": "bên trái"}.get(
                default.page_number_alignment, default.page_number_alignment or "")
            out.append(Finding(
                Code.CHECK_PAGE_NUMBER, f"số trang đặt {where}, không ở giữa lề trên", rule,
                "căn giữa đoạn chứa số trang ở đầu trang", section=section.index))
        starts_numbering = section.index == 1 or section.index in parts.appendix_sections
        if starts_numbering and default is not None and default.has_page_number:
            shown_on_first = not section.title_page or (first is not None and first.has_page_number)
            if shown_on_first:
                out.append(Finding(
                    Code.CHECK_PAGE_NUMBER, "số trang hiện ở trang đầu", rule,
                    "chọn «Trang đầu khác» (Different First Page) cho đầu trang", section=section.index))
        if section.index in parts.appendix_sections and section.page_number_start != 1:
            out.append(Finding(
                Code.CHECK_PAGE_NUMBER, "phụ lục không đánh số trang riêng (không bắt đầu lại từ 1)", rule,
                "ở phần phụ lục chọn Định dạng số trang > Bắt đầu từ 1", section=section.index))
    return out


# --- components ---------------------------------------------------------------------------------


def _describe(formats: Iterable[RunFormat], attribute: str) -> bool | None:
    """Return True/False when every run agrees, None when any run leaves it unset or they differ."""
    values = {getattr(f, attribute) or False for f in formats}
    return values.pop() if len(values) == 1 else None


def check_piece(piece: Piece, expect: Expect, key: str) -> list[Finding]:
    """Font, size, emphasis and case of one recognised component."""
    out: list[Finding] = []
    paragraph = piece.paragraph.index
    formats = piece.formats
    if not formats:
        return out
    fonts = {f.font for f in formats if f.font}
    if fonts and fonts != {_FONT}:
        out.append(Finding(Code.CHECK_FONT, f"{expect.name} dùng phông {', '.join(sorted(fonts))}", expect.rule,
                           f"dùng phông {_FONT}", paragraph=paragraph, text=piece.text))
    sizes = {f.size for f in formats}
    low, high = expect.sizes
    if None not in sizes and any(not low <= s <= high for s in sizes if s is not None):
        wanted = _pt(low) if low == high else f"{_pt(low)}–{_pt(high)}"
        shown = ", ".join(_pt(s) for s in sorted(s for s in sizes if s is not None))
        out.append(Finding(Code.CHECK_SIZE, f"{expect.name} cỡ chữ {shown}, quy định {wanted}", expect.rule,
                           f"đặt cỡ chữ {wanted}", paragraph=paragraph, text=piece.text))
    wrong = []
    for attribute, wanted_on, on_text, off_text in (
        ("bold", expect.bold, "phải in đậm", "không in đậm"),
        ("italic", expect.italic, "phải in nghiêng", "phải viết chữ đứng"),
        ("underline", expect.underline, "phải gạch chân", "không gạch chân"),
    ):
        if wanted_on is None:
            continue
        flags = [bool(getattr(f, attribute)) for f in formats]
        if wanted_on and not all(flags):
            wrong.append(on_text)
        elif not wanted_on and (sum(flags) * 2 > len(flags) if attribute == "italic" else any(flags)):
            # an italic name quoted inside an upright line («“Dân vận khéo”») is usual practice
            wrong.append(off_text)
    if wrong:
        out.append(Finding(Code.CHECK_EMPHASIS, f"{expect.name} " + ", ".join(wrong), expect.rule,
                           "sửa kiểu chữ: " + ", ".join(wrong), paragraph=paragraph, text=piece.text))
    letters = [c for c in piece.text if c.isalpha()]
    all_caps = all(bool(f.caps) for f in formats)
    if expect.upper and letters and not all_caps and any(c.islower() for c in letters):
        out.append(Finding(Code.CHECK_CASE, f"{expect.name} phải viết chữ in hoa", expect.rule,
                           fold(piece.text).upper(), paragraph=paragraph, text=piece.text))
    if key == "slogan" and (all_caps or fold(piece.text).replace("–", "-") != _SLOGAN):
        out.append(Finding(Code.CHECK_CASE, "Tiêu ngữ viết sai chữ hoa hoặc gạch nối", expect.rule,
                           _SLOGAN, paragraph=paragraph, text=piece.text))
    return out


def _signature_roles(parts: Components) -> list[tuple[str, Piece]]:
    """Return the signature lines with their role: authority, position(s), name (the last line)."""
    lines = [p for p in parts.signature if any(c.isalpha() for c in p.text)]
    if not lines:
        return []
    roles: list[tuple[str, Piece]] = []
    for i, piece in enumerate(lines):
        if i == len(lines) - 1:
            roles.append(("signer", piece))
        elif i == 0 and AUTHORITY.match(piece.text):
            roles.append(("authority", piece))
        elif piece.text.strip().lower() == "kiêm":
            continue
        else:
            roles.append(("position", piece))
    return roles


def _components(doc: DocxDocument, parts: Components, profile: Profile | None) -> list[Finding]:
    if profile is None:
        return []
    found: list[tuple[str, Piece]] = []
    for key, piece in (("motto", parts.motto), ("slogan", parts.slogan), ("party_title", parts.party_title),
                       ("number", parts.number), ("date", parts.date), ("doc_type", parts.doc_type),
                       ("recipients_title", parts.recipients_title)):
        if piece is not None and key in profile.components:
            found.append((key, piece))
    found += [("parent", p) for p in parts.parent_bodies]
    found += [("issuer", p) for p in parts.issuer]
    found += [("summary", p) for p in parts.summary]
    found += [("recipient", p) for p in parts.recipients if not p.text.rstrip().endswith(":")]
    found += _signature_roles(parts)
    out: list[Finding] = []
    for key, piece in found:
        out.extend(check_piece(piece, profile.components[key], key))
    return out


def _missing(doc: DocxDocument, parts: Components, profile: Profile | None) -> list[Finding]:
    if profile is None:
        return []
    wanted: list[tuple[object, str, str]] = []
    if profile is PROFILES[System.STATE]:
        wanted += [(parts.motto, "Quốc hiệu «CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM»", "mục II.1"),
                   (parts.slogan, "Tiêu ngữ «Độc lập - Tự do - Hạnh phúc»", "mục II.1")]
    else:
        wanted.append((parts.party_title, "dòng «ĐẢNG CỘNG SẢN VIỆT NAM»", "điểm 1.1"))
    wanted += [(parts.issuer or None, "tên cơ quan ban hành", "mục II.2"),
               (parts.number, "số, ký hiệu văn bản", "mục II.3"),
               (parts.date, "địa danh và ngày tháng", "mục II.4"),
               (parts.recipients_title, "«Nơi nhận:»", "mục II.9"),
               (parts.signature or None, "khối chữ ký (quyền hạn, chức vụ, họ tên)", "mục II.7")]
    base = "NĐ 30 PL I phần I" if profile is PROFILES[System.STATE] else "HD 36-HD/VPTW"
    out = []
    for value, name, point in wanted:
        if value is None:
            rule = f"{base} {point}" if base.startswith("NĐ") else f"{base}; FORMAT.md §2"
            out.append(Finding(Code.CHECK_MISSING_PART, f"không tìm thấy {name}", rule,
                               "thêm thành phần này theo mẫu của hệ thống văn bản"))
    return out


# --- số, ngày -----------------------------------------------------------------------------------

_STATE_NUMBER = re.compile(r"^Số:\s*(?P<n>\d*)\s*/\s*(?P<code>\S+)$")
_PARTY_NUMBER = re.compile(r"^Số\s+(?P<n>\d*)\s*-\s*(?P<type>[^/\s]+)/(?P<body>\S+)$")


def _number(doc: DocxDocument, parts: Components, profile: Profile | None) -> list[Finding]:
    piece = parts.number
    if piece is None or profile is None:
        return []
    text = " ".join(piece.text.split())
    state = profile is PROFILES[System.STATE]
    at = {"paragraph": piece.paragraph.index, "text": piece.text}
    compact = re.sub(r"\s+", " ", piece.text.strip())
    if state:
        match = _STATE_NUMBER.match(compact)
        if match is None:
            hint = "viết «Số: 05/BC-UBND» (có dấu hai chấm, số rồi «/» rồi ký hiệu)"
            return [Finding(Code.CHECK_NUMBER_SIGN, "số, ký hiệu không đúng dạng của văn bản Nhà nước",
                            profile.number_rule, hint, **at)]  # type: ignore[arg-type]
    else:
        if text.startswith("Số:"):
            return [Finding(Code.CHECK_NUMBER_SIGN, "văn bản của Đảng ghi «Số» không có dấu hai chấm",
                            profile.number_rule, "viết «Số 374-BC/HU» (số, «-», loại, «/», cơ quan)",
                            **at)]  # type: ignore[arg-type]
        match = _PARTY_NUMBER.match(compact)
        if match is None:
            return [Finding(Code.CHECK_NUMBER_SIGN, "số, ký hiệu không đúng dạng của văn bản của Đảng",
                            profile.number_rule, "viết «Số 374-BC/HU» (số, «-», loại, «/», cơ quan)",
                            **at)]  # type: ignore[arg-type]
    number = match.group("n")
    if number and len(number) == 1:
        return [Finding(Code.CHECK_NUMBER_SIGN, f"số {number} nhỏ hơn 10 phải có số 0 phía trước",
                        profile.number_rule, f"viết 0{number}", **at)]  # type: ignore[arg-type]
    return []


_DATE = re.compile(
    r"^(?P<place>.*?)(?P<comma>,?)\s*ngày\s*(?P<d>\d*)\s*tháng\s*(?P<m>\d*)\s*năm\s*(?P<y>\d{4})\s*$", re.IGNORECASE
)


def _date_line(doc: DocxDocument, parts: Components, profile: Profile | None) -> list[Finding]:
    piece = parts.date
    if piece is None:
        return []
    rule = profile.date_rule if profile else "NĐ 30 PL I phần I mục II.4.b–c; FORMAT.md §1.2"
    match = _DATE.match(" ".join(piece.text.split()))
    at = {"paragraph": piece.paragraph.index, "text": piece.text}
    if match is None:
        return [Finding(Code.CHECK_DATE_LINE, "dòng địa danh, ngày tháng không đúng dạng", rule,
                        "viết «Ba Tô, ngày 05 tháng 6 năm 2023»", **at)]  # type: ignore[arg-type]
    problems: list[str] = []
    fixes: list[str] = []
    day, month = match.group("d"), match.group("m")
    if day and int(day) < 10 and len(day) < 2:
        problems.append(f"ngày {day} nhỏ hơn 10 phải có số 0 phía trước")
        fixes.append(f"ngày 0{day}")
    if day and len(day) > 2:
        problems.append(f"ngày «{day}» sai")
    if month:
        value = int(month)
        if value in (1, 2) and len(month) < 2:
            problems.append(f"tháng {month} phải viết 0{month}")
            fixes.append(f"tháng 0{month}")
        elif value >= 3 and month.startswith("0"):
            problems.append(f"tháng {value} không viết số 0 phía trước")
            fixes.append(f"tháng {value}")
        if not 1 <= value <= 12:
            problems.append(f"không có tháng {month}")
    place = match.group("place").strip()
    if not place:
        problems.append("thiếu địa danh trước ngày tháng")
        fixes.append("thêm tên đơn vị hành chính, ví dụ «Ba Tô, ngày …»")
    else:
        if not match.group("comma"):
            problems.append("thiếu dấu phẩy sau địa danh")
            fixes.append(f"«{place}, ngày …»")
        words = [w for w in place.split() if w[:1].isalpha()]
        if any(w[0].islower() for w in words):
            problems.append("chữ cái đầu của địa danh phải viết hoa")
    if not problems:
        return []
    return [Finding(Code.CHECK_DATE_LINE, "; ".join(problems), rule,
                    "; ".join(fixes) or None, **at)]  # type: ignore[arg-type]


# --- body ---------------------------------------------------------------------------------------

_HEADING = re.compile(
    r"^(?:(?P<part>Phần\s+(?:thứ\s+)?(?P<partn>\S+?))(?:[.:]|\s|$)"
    r"|(?P<roman>[IVXLC]+)\.\s"
    r"|(?P<arabic>\d{1,3})\.\s*(?=\D)"
    r"|(?P<letter>[a-zđ])\)\s?)"
)


def _heading(paragraph: Paragraph) -> tuple[int, str, str] | None:
    """Return (level, kind, value) of a numbered heading or point, typed or automatic."""
    text = (paragraph.label + " " + paragraph.run_text) if paragraph.label else paragraph.run_text
    match = _HEADING.match(text.lstrip())
    if match is None:
        return None
    if match.group("part"):
        return 0, "part", match.group("partn").lower()
    if match.group("roman"):
        return 1, "roman", match.group("roman")
    if match.group("arabic"):
        return 2, "arabic", match.group("arabic")
    return 3, "letter", match.group("letter")


def _roman_value(text: str) -> int:
    total = 0
    values = [_ROMAN_VALUES[c] for c in text]
    for i, value in enumerate(values):
        total += -value if i + 1 < len(values) and values[i + 1] > value else value
    return total


def _ordinal(kind: str, value: str) -> int | None:
    if kind == "part":
        if value in _ORDINALS:
            return _ORDINALS.index(value) + 1
        return _roman_value(value.upper()) if re.fullmatch(r"[ivxlc]+", value) else None
    if kind == "roman":
        return _roman_value(value)
    if kind == "arabic":
        return int(value)
    return _LETTERS.index(value) + 1 if value in _LETTERS else None


def _label_name(kind: str, number: int) -> str:
    if kind == "roman":
        out, n = "", number
        for value, letters in ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
            while n >= value:
                out, n = out + letters, n - value
        return out + "."
    if kind == "arabic":
        return f"{number}."
    if kind == "letter":
        return (_LETTERS[number - 1] if number <= len(_LETTERS) else "?") + ")"
    return f"Phần thứ {_ORDINALS[number - 1]}" if number <= len(_ORDINALS) else f"Phần {number}"


def _headings(doc: DocxDocument, parts: Components, profile: Profile | None) -> list[Finding]:
    rule = profile.heading_rule if profile else "NĐ 30 PL I phần I mục II.6.đ; FORMAT.md §1.2"
    out: list[Finding] = []
    last: dict[int, int] = {}
    for paragraph in parts.body:
        found = _heading(paragraph)
        if found is None:
            continue
        level, kind, value = found
        at = {"paragraph": paragraph.index, "text": paragraph.text}
        for deeper in [k for k in last if k > level]:
            del last[deeper]
        previous = last.get(level, 0)
        if kind == "letter" and value in _FOREIGN:
            out.append(Finding(Code.CHECK_POINT_LETTER,
                               f"điểm đánh chữ «{value})»: bảng chữ cái tiếng Việt không có f, j, w, z", rule,
                               f"đánh «{_label_name(kind, previous + 1)}» (a, b, c, d, đ, e, g, h…)",
                               **at))  # type: ignore[arg-type]
            last[level] = previous + 1
            continue
        number = _ordinal(kind, value)
        if number is None:
            continue
        if number == previous:
            out.append(Finding(Code.CHECK_HEADING_SEQUENCE, f"số mục «{_label_name(kind, number)}» lặp lại",
                               rule, f"đánh «{_label_name(kind, previous + 1)}» và đánh lại các mục sau",
                               **at))  # type: ignore[arg-type]
        elif number != previous + 1:
            what = "bỏ sót" if number > previous + 1 else "sai thứ tự"
            out.append(Finding(Code.CHECK_HEADING_SEQUENCE,
                               f"số mục «{_label_name(kind, number)}» {what}: sau "
                               + (f"«{_label_name(kind, previous)}»" if previous else "đầu cấp này")
                               + f" phải là «{_label_name(kind, previous + 1)}»",
                               rule, f"đánh «{_label_name(kind, previous + 1)}»", **at))  # type: ignore[arg-type]
        last[level] = number
    return out


def _body_format(doc: DocxDocument, parts: Components, profile: Profile | None) -> list[Finding]:
    if profile is None:
        return []
    low, high = profile.body_sizes
    out: list[Finding] = []
    for paragraph in parts.body:
        runs = paragraph.visible_runs()
        if not runs or paragraph.format.alignment in ("center", "right"):
            continue
        fonts = {r.format.font for r in runs if r.format.font} - {_FONT}
        if fonts:
            out.append(Finding(Code.CHECK_FONT, f"đoạn văn dùng phông {', '.join(sorted(fonts))}", profile.body_rule,
                               f"dùng phông {_FONT}", paragraph=paragraph.index, text=paragraph.text))
        problems: list[str] = []
        sizes = {r.format.size for r in runs if r.format.size is not None and not r.format.superscript}
        bad = sorted(s for s in sizes if not low <= s <= high)
        if bad:
            problems.append(f"cỡ chữ {', '.join(_pt(s) for s in bad)} (quy định {_pt(low)}–{_pt(high)})")
        fmt = paragraph.format
        if _heading(paragraph) is None:
            if fmt.alignment not in ("both",):
                problems.append("chưa căn đều hai bên")
            first = fmt.first_line or 0
            if not 540 <= first <= 740:
                problems.append(f"thụt đầu dòng {_mm(first)} mm (quy định 10 hoặc 12,7 mm)")
        gap = (fmt.before or 0) + (fmt.after or 0)
        if gap < 118:
            problems.append(f"cách đoạn {_pt(gap / 20)} pt (tối thiểu 6 pt)")
        rule_kind = fmt.line_rule or "auto"
        if rule_kind == "auto" and fmt.line is not None and not 236 <= fmt.line <= 364:
            problems.append(f"giãn dòng {_pt(round(fmt.line / 240, 2))} dòng (từ 1 đến 1,5 dòng)")
        elif rule_kind == "exact" and fmt.line is not None and sizes and fmt.line < max(sizes) * 20:
            problems.append(f"khoảng cách dòng cố định {_pt(fmt.line / 20)} pt, nhỏ hơn cỡ chữ")
        if problems:
            out.append(Finding(Code.CHECK_BODY, "đoạn văn " + "; ".join(problems), profile.body_rule,
                               "dùng cỡ 14, căn đều, thụt đầu dòng 1,27 cm, cách đoạn 6 pt, giãn dòng 1,15",
                               paragraph=paragraph.index, text=paragraph.text))
    return out


# --- closing ------------------------------------------------------------------------------------


def _authority(doc: DocxDocument, parts: Components, profile: Profile | None) -> list[Finding]:
    if profile is None or not parts.signature:
        return []
    first = next((p for p in parts.signature if p.text.strip()), None)
    if first is None:
        return []
    text = first.text.strip()
    mark_match = AUTHORITY.match(text)
    if mark_match is None:
        return []
    mark = mark_match.group(1).upper()
    if mark in profile.marks:
        return []
    wanted = dict(zip(profile.other_marks, profile.marks, strict=False))
    if mark in {"TM", "KT", "TL", "TUQ"}:
        mark = mark + "."
    replacement = wanted.get(mark)
    system = "văn bản Nhà nước" if profile is PROFILES[System.STATE] else "văn bản của Đảng"
    return [Finding(Code.CHECK_AUTHORITY, f"thẩm quyền ký «{mark}» không dùng trong {system}", profile.authority_rule,
                    f"viết «{replacement}»" if replacement else "dùng " + ", ".join(profile.marks),
                    paragraph=first.paragraph.index, text=text)]


def _recipients(doc: DocxDocument, parts: Components, profile: Profile | None) -> list[Finding]:
    if profile is None or parts.recipients_title is None:
        return []
    items = [p for p in parts.recipients if p.text.strip()]
    out: list[Finding] = []
    state = profile is PROFILES[System.STATE]
    groups: list[list[Piece]] = [[]]
    for piece in items:
        if not piece.text.lstrip().startswith(("-", "–", "+")):
            groups.append([])  # a group label such as «Gửi bản điện tử:»
            continue
        groups[-1].append(piece)
    for group in groups:
        for i, piece in enumerate(group):
            text = piece.text.rstrip()
            last = i == len(group) - 1
            at = {"paragraph": piece.paragraph.index, "text": piece.text}
            is_archive = re.match(r"^[-–]\s*Lưu\b", text) is not None
            if last or is_archive:
                if not text.endswith("."):
                    what = "dòng «Lưu» cuối Nơi nhận" if is_archive else "dòng cuối của Nơi nhận"
                    out.append(Finding(Code.CHECK_RECIPIENTS, f"{what} phải kết thúc bằng dấu chấm",
                                       profile.recipients_rule, text.rstrip(";,") + ".", **at))  # type: ignore[arg-type]
                continue
            ends = (";",) if state else (";", ",")
            if not text.endswith(ends):
                out.append(Finding(Code.CHECK_RECIPIENTS, "mỗi dòng nơi nhận phải kết thúc bằng dấu «;»"
                                   + ("" if state else " (hoặc «,»)"), profile.recipients_rule,
                                   text.rstrip(".,") + ";", **at))  # type: ignore[arg-type]
    if items and not any(re.match(r"^[-–]\s*Lưu\b", p.text.strip()) for p in items):
        last_piece = items[-1]
        out.append(Finding(Code.CHECK_RECIPIENTS, "Nơi nhận thiếu dòng «Lưu»", profile.recipients_rule,
                           "- Lưu: VT, …." if state else "- Lưu Văn phòng ….",
                           paragraph=last_piece.paragraph.index, text=last_piece.text))
    if state and items:
        archive = next((p for p in items if re.match(r"^[-–]\s*Lưu\b", p.text.strip())), None)
        if archive is not None and not re.match(r"^[-–]\s*Lưu\s*:", archive.text.strip()):
            out.append(Finding(Code.CHECK_RECIPIENTS, "dòng lưu của văn bản Nhà nước viết «- Lưu: VT, …»",
                               profile.recipients_rule, "- Lưu: VT.", paragraph=archive.paragraph.index,
                               text=archive.text))
    return out


def _footnotes(doc: DocxDocument, parts: Components, profile: Profile | None) -> list[Finding]:
    rule = "NĐ 30 PL I phần I mục II.6 (nội dung); FORMAT.md §1.1"
    out: list[Finding] = []
    referenced = {note for note, _ in doc.footnote_references}
    for note, paragraph in doc.footnote_references:
        if note not in doc.footnotes:
            out.append(Finding(Code.CHECK_FOOTNOTE, f"dấu chú thích số {note} không có lời chú thích", rule,
                               "chèn lại chú thích bằng Tham chiếu > Chèn chú thích cuối trang", paragraph=paragraph))
    for note in sorted(set(doc.footnotes) - referenced):
        out.append(Finding(Code.CHECK_FOOTNOTE, f"lời chú thích «{doc.footnotes[note].text[:40]}» không có dấu "
                           "chú thích nào trỏ tới", rule, "xóa lời chú thích thừa hoặc đặt lại dấu chú thích"))
    return out


def _signature_page(doc: DocxDocument, parts: Components, profile: Profile | None) -> list[Finding]:
    """A page break between the last body paragraph and the signature leaves the signature alone."""
    if not parts.signature or not parts.body:
        return []
    closing_first = min(p.paragraph.index for p in [*parts.signature, *(
        [parts.recipients_title] if parts.recipients_title else [])])
    last_text = max((p.index for p in parts.body if p.run_text.strip()), default=0)
    between = [p for p in doc.paragraphs if last_text < p.index <= closing_first]
    if any(p.page_break for p in between) or any(
        p.page_break and not p.run_text.strip() for p in doc.paragraphs if p.index == last_text
    ):
        return [Finding(Code.CHECK_SIGNATURE_PAGE, "khối chữ ký bị đẩy sang trang riêng, không có nội dung văn bản đi kèm",
                        "NĐ 30 PL I phần I mục II.7; FORMAT.md §1.2",
                        "bỏ ngắt trang trước chữ ký, hoặc đưa ít nhất một đoạn nội dung sang trang có chữ ký",
                        paragraph=closing_first)]
    chain = [p for p in doc.paragraphs if last_text <= p.index < closing_first and p.table is None]
    if chain and all(p.format.keep_next for p in chain):
        return []  # "keep with next" carries the last lines of the body onto the signature's page
    estimate = estimate_closing(doc, last_text, closing_first)
    if estimate is None:
        return []
    rule = "NĐ 30 PL I phần I mục II.7; FORMAT.md §1.2"
    if estimate.certain and estimate.alone:
        return [Finding(Code.CHECK_SIGNATURE_PAGE,
                        f"theo ước tính bố cục, khối chữ ký sang trang {estimate.closing_page} mà không có nội dung "
                        "văn bản đi kèm", rule,
                        "chọn «Giữ với đoạn sau» (Keep with next) cho đoạn cuối nội dung, hoặc rút gọn để chữ ký "
                        "nằm cùng trang", paragraph=closing_first)]
    if not estimate.certain:
        return [Finding(Code.CHECK_UNDECIDED,
                        "không xác định được khối chữ ký có bị tách sang trang riêng hay không (chữ ký nằm sát chỗ "
                        "sang trang)", rule,
                        "in thử hoặc xem bản PDF; chọn «Giữ với đoạn sau» cho đoạn cuối nội dung để chắc chắn",
                        paragraph=closing_first, level=Level.UNDECIDED)]
    return []


def _system(doc: DocxDocument, parts: Components, profile: Profile | None) -> list[Finding]:
    if parts.system is not None:
        return []
    return [Finding(Code.CHECK_UNDECIDED, "không xác định được hệ thống văn bản (Nhà nước hay Đảng): "
                    "bỏ qua các quy tắc riêng của từng hệ thống",
                    "NĐ 30 PL I phần I mục II.1; HD 36-HD/VPTW điểm 1.1",
                    "chỉ rõ bằng --he-thong nha_nuoc hoặc --he-thong dang", level=Level.UNDECIDED)]


ALL_RULES: tuple[Rule, ...] = (
    _system, _page_size, _margins, _page_numbers, _missing, _components, _number, _date_line,
    _body_format, _headings, _authority, _recipients, _footnotes, _signature_page,
)
