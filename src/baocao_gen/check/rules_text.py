"""Rules of the text: body paragraphs, heading numbers, footnotes, the signature's page, the system.

Heading numbers are read from typed labels and from Word's automatic numbering alike (the reader
gives both), so `III.` twice or a `f)` is found however the clerk numbered."""

from __future__ import annotations

import re

from ..codes import Code
from ..ooxml.reader import DocxDocument, Paragraph
from .components import Components
from .findings import Finding, Level, Place
from .layout import estimate_closing
from .profiles import FONT, Profile, mm_text, pt_text

__all__ = ["NUMBERING_RULES", "RULES"]

_LETTERS = [
    "a",
    "b",
    "c",
    "d",
    "đ",
    "e",
    "g",
    "h",
    "i",
    "k",
    "l",
    "m",
    "n",
    "o",
    "p",
    "q",
    "r",
    "s",
    "t",
    "u",
    "v",
    "x",
    "y",
]

_FOREIGN = set("fjwz")

_ORDINALS = ["nhất", "hai", "ba", "tư", "năm", "sáu", "bảy", "tám", "chín", "mười"]

_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}


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
    headings = [(p, _heading(p)) for p in parts.body if p.index not in parts.typed_prose]
    used = {found[0] for _, found in headings if found is not None}
    for paragraph, found in headings:
        if found is None:
            continue
        level, kind, value = found
        at = Place(paragraph=paragraph.index, text=paragraph.text)
        for deeper in [k for k in last if k > level]:
            del last[deeper]
        parent = max((k for k in used if k < level), default=None)
        if parent is not None and parent not in last and any(k < parent for k in last):
            # «a)» straight under «I.» while the document numbers khoản «1.» elsewhere
            missing = "«1.»" if parent == 2 else "«I.»"
            out.append(
                Finding(
                    Code.CHECK_HEADING_SEQUENCE,
                    f"cấp mục lẫn lộn: «{_label_name(kind, _ordinal(kind, value) or 1)}» nằm ngay dưới mục "
                    f"cấp trên mà thiếu cấp {missing} ở giữa",
                    rule,
                    f"thêm cấp {missing} hoặc đưa mục này về đúng cấp",
                    **at,
                )
            )
        previous = last.get(level, 0)
        if kind == "letter" and value in _FOREIGN:
            out.append(
                Finding(
                    Code.CHECK_POINT_LETTER,
                    f"điểm đánh chữ «{value})»: bảng chữ cái tiếng Việt không có f, j, w, z",
                    rule,
                    f"đánh «{_label_name(kind, previous + 1)}» (a, b, c, d, đ, e, g, h…)",
                    **at,
                )
            )
            last[level] = previous + 1
            continue
        number = _ordinal(kind, value)
        if number is None:
            continue
        if number == previous:
            out.append(
                Finding(
                    Code.CHECK_HEADING_SEQUENCE,
                    f"số mục «{_label_name(kind, number)}» lặp lại",
                    rule,
                    f"đánh «{_label_name(kind, previous + 1)}» và đánh lại các mục sau",
                    **at,
                )
            )
        elif number != previous + 1:
            what = "bỏ sót" if number > previous + 1 else "sai thứ tự"
            out.append(
                Finding(
                    Code.CHECK_HEADING_SEQUENCE,
                    f"số mục «{_label_name(kind, number)}» {what}: sau "
                    + (f"«{_label_name(kind, previous)}»" if previous else "đầu cấp này")
                    + f" phải là «{_label_name(kind, previous + 1)}»",
                    rule,
                    f"đánh «{_label_name(kind, previous + 1)}»",
                    **at,
                )
            )
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
        fonts = {r.format.font for r in runs if r.format.font} - {FONT}
        if fonts:
            out.append(
                Finding(
                    Code.CHECK_FONT,
                    f"đoạn văn dùng phông {', '.join(sorted(fonts))}",
                    profile.body_rule,
                    f"dùng phông {FONT}",
                    paragraph=paragraph.index,
                    text=paragraph.text,
                )
            )
        problems: list[str] = []
        sizes = {r.format.size for r in runs if r.format.size is not None and not r.format.superscript}
        bad = sorted(s for s in sizes if not low <= s <= high)
        if bad:
            problems.append(
                f"cỡ chữ {', '.join(pt_text(s) for s in bad)} (quy định {pt_text(low)}–{pt_text(high)})"
            )
        fmt = paragraph.format
        if _heading(paragraph) is None:
            if fmt.alignment not in ("both",):
                problems.append("chưa căn đều hai bên")
            first = fmt.first_line or 0
            if not 540 <= first <= 740:
                problems.append(f"thụt đầu dòng {mm_text(first)} mm (quy định 10 hoặc 12,7 mm)")
        gap = (fmt.before or 0) + (fmt.after or 0)
        if gap < 118:
            problems.append(f"cách đoạn {pt_text(gap / 20)} pt (tối thiểu 6 pt)")
        rule_kind = fmt.line_rule or "auto"
        if rule_kind == "auto" and fmt.line is not None and not 236 <= fmt.line <= 364:
            problems.append(f"giãn dòng {pt_text(round(fmt.line / 240, 2))} dòng (từ 1 đến 1,5 dòng)")
        elif rule_kind == "exact" and fmt.line is not None and sizes and fmt.line < max(sizes) * 20:
            problems.append(f"khoảng cách dòng cố định {pt_text(fmt.line / 20)} pt, nhỏ hơn cỡ chữ")
        if problems:
            out.append(
                Finding(
                    Code.CHECK_BODY,
                    "đoạn văn " + "; ".join(problems),
                    profile.body_rule,
                    "dùng cỡ 14, căn đều, thụt đầu dòng 1,27 cm, cách đoạn 6 pt, giãn dòng 1,15",
                    paragraph=paragraph.index,
                    text=paragraph.text,
                )
            )
    return out


def _footnotes(doc: DocxDocument, parts: Components, profile: Profile | None) -> list[Finding]:
    rule = "NĐ 30 PL I phần I mục II.6 (nội dung); FORMAT.md §1.1"
    out: list[Finding] = []
    referenced = {note for note, _ in doc.footnote_references}
    for note, paragraph in doc.footnote_references:
        if note not in doc.footnotes:
            out.append(
                Finding(
                    Code.CHECK_FOOTNOTE,
                    f"dấu chú thích số {note} không có lời chú thích",
                    rule,
                    "chèn lại chú thích bằng Tham chiếu > Chèn chú thích cuối trang",
                    paragraph=paragraph,
                )
            )
    for note in sorted(set(doc.footnotes) - referenced):
        out.append(
            Finding(
                Code.CHECK_FOOTNOTE,
                f"lời chú thích «{doc.footnotes[note].text[:40]}» không có dấu chú thích nào trỏ tới",
                rule,
                "xóa lời chú thích thừa hoặc đặt lại dấu chú thích",
            )
        )
    return out


def _signature_page(doc: DocxDocument, parts: Components, profile: Profile | None) -> list[Finding]:
    """A page break between the last body paragraph and the signature leaves the signature alone."""
    if not parts.signature or not parts.body:
        return []
    closing_first = min(
        p.paragraph.index
        for p in [*parts.signature, *([parts.recipients_title] if parts.recipients_title else [])]
    )
    last_text = max((p.index for p in parts.body if p.run_text.strip()), default=0)
    between = [p for p in doc.paragraphs if last_text < p.index <= closing_first]
    if any(p.page_break for p in between) or any(
        p.page_break and not p.run_text.strip() for p in doc.paragraphs if p.index == last_text
    ):
        return [
            Finding(
                Code.CHECK_SIGNATURE_PAGE,
                "khối chữ ký bị đẩy sang trang riêng, không có nội dung văn bản đi kèm",
                "NĐ 30 PL I phần I mục II.7; FORMAT.md §1.2",
                "bỏ ngắt trang trước chữ ký, hoặc đưa ít nhất một đoạn nội dung sang trang có chữ ký",
                paragraph=closing_first,
            )
        ]
    chain = [p for p in doc.paragraphs if last_text <= p.index < closing_first and p.table is None]
    if chain and all(p.format.keep_next for p in chain):
        return []  # "keep with next" carries the last lines of the body onto the signature's page
    estimate = estimate_closing(doc, last_text, closing_first)
    if estimate is None:
        return []
    rule = "NĐ 30 PL I phần I mục II.7; FORMAT.md §1.2"
    if estimate.certain and estimate.alone:
        return [
            Finding(
                Code.CHECK_SIGNATURE_PAGE,
                f"theo ước tính bố cục, khối chữ ký sang trang {estimate.closing_page} mà không có nội dung "
                "văn bản đi kèm",
                rule,
                "chọn «Giữ với đoạn sau» (Keep with next) cho đoạn cuối nội dung, hoặc rút gọn để chữ ký "
                "nằm cùng trang",
                paragraph=closing_first,
            )
        ]
    if not estimate.certain:
        return [
            Finding(
                Code.CHECK_UNDECIDED,
                "không xác định được khối chữ ký có bị tách sang trang riêng hay không (chữ ký nằm sát chỗ "
                "sang trang)",
                rule,
                "in thử hoặc xem bản PDF; chọn «Giữ với đoạn sau» cho đoạn cuối nội dung để chắc chắn",
                paragraph=closing_first,
                level=Level.UNDECIDED,
            )
        ]
    return []


def _system(doc: DocxDocument, parts: Components, profile: Profile | None) -> list[Finding]:
    if parts.system is not None:
        return []
    return [
        Finding(
            Code.CHECK_UNDECIDED,
            "không xác định được hệ thống văn bản (Nhà nước hay Đảng): "
            "bỏ qua các quy tắc riêng của từng hệ thống",
            "NĐ 30 PL I phần I mục II.1; HD 36-HD/VPTW điểm 1.1",
            "chỉ rõ bằng --he-thong nha_nuoc hoặc --he-thong dang",
            level=Level.UNDECIDED,
        )
    ]


RULES = (_system, _body_format, _footnotes, _signature_page)
NUMBERING_RULES = (_headings,)
"""Heading numbers: render computes them from the outline (its tests pin them) and integrity checks what
the clerk typed, where an untitled item's number and a typed list share the prose style; so render's
audit leaves this rule out, and `baocao check` runs it on any document."""
