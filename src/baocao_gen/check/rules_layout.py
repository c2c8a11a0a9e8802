"""Rules of placement and form the first session left: Kính gửi, a công văn's trích yếu, the gap
between Quốc hiệu and Tiêu ngữ (issue 11, "left for the next session").

Each rule reads only what the reader gives (text, effective paragraph and run formats, containers);
where the document does not say enough (the two header lines in different containers, a spacing set
nowhere) the rule stays silent rather than guess.
"""

from __future__ import annotations

import re

from ..codes import Code
from ..ooxml.measure import text_width_twips
from ..ooxml.reader import DocxDocument, Paragraph
from .components import ADDRESSEE, Components, Piece, fold, pieces_of
from .findings import Finding, System
from .profiles import PROFILES, Expect, Profile, pt_text

__all__ = ["RULES"]

_ND = "NĐ 30 PL I phần I"
_ADDRESSEE_RULE = f"{_ND} mục II.9.a (ô 9a); FORMAT.md §1.2"
_LETTER_STATE_RULE = f"{_ND} mục II.5.b (ô 5b); FORMAT.md §1.2"
_LETTER_PARTY_RULE = "HD 36-HD/VPTW (trích yếu công văn); FORMAT.md §2"
_GAP_RULE = f"{_ND} mục II.1.b (Tiêu ngữ dưới Quốc hiệu, cách dòng đơn); FORMAT.md §1.2"

# NĐ 30 Phụ lục III's type codes (FORMAT.md §4): a số whose ký hiệu starts with none of them is a công văn.
_STATE_TYPES = frozenset(
    [
        "NQ",
        "QĐ",
        "CT",
        "QC",
        "QyĐ",
        "TC",
        "TB",
        "HD",
        "CTr",
        "KH",
        "PA",
        "ĐA",
        "DA",
        "BC",
        "BB",
        "TTr",
        "HĐ",
        "CĐ",
        "BGN",
        "BTT",
        "GUQ",
        "GM",
        "GGT",
        "GNP",
        "PG",
        "PC",
        "PB",
        "SY",
        "TrS",
        "SL",
    ]
)
_STATE_LETTER = re.compile(r"^Số:?\s*\d*\s*/\s*(?P<first>[^-\s/]+)")
_PARTY_LETTER = re.compile(r"^Số\s+\d*\s*-\s*CV/", re.IGNORECASE)
_SINGLE = 288  # twips of an «auto» line: up to 1,2 lines still reads as single spacing
_GAP = 120  # twips (6 pt) of paragraph spacing between the two lines, at most


def _addressee(doc: DocxDocument, parts: Components, profile: Profile | None) -> list[Finding]:
    """«Kính gửi:» stands between the trích yếu and the body, upright, 13–14 pt, with its colon.

    Recipients on lines of their own begin with «-» and end with «;», the last with «.».
    """
    if profile is None or not parts.addressee:
        return []
    out: list[Finding] = []
    body_text = [p.index for p in parts.body if p.run_text.strip()]
    # a «Kính gửi» render finds in the clerk's own prose is the clerk's text, not the template's form
    heads = [p for p in parts.addressee if ADDRESSEE.match(p.run_text) and p.index not in parts.typed_prose]
    for head in heads:
        problems: list[str] = []
        fixes: list[str] = []
        if body_text and body_text[0] < head.index:
            problems.append("«Kính gửi» nằm giữa nội dung văn bản")
            fixes.append("đặt «Kính gửi» dưới trích yếu, trước đoạn nội dung đầu tiên")
        text = " ".join(head.run_text.split())
        if not re.match(r"^Kính gửi\s*:", text):
            problems.append("viết «Kính gửi:» (chữ K hoa, có dấu hai chấm)")
            fixes.append("Kính gửi: …")
        runs = head.visible_runs()
        if runs and sum(bool(r.format.italic) for r in runs) * 2 > len(runs):
            problems.append("«Kính gửi» phải viết chữ đứng")
            fixes.append("bỏ in nghiêng")
        sizes = {r.format.size for r in runs if r.format.size is not None}
        if sizes and any(not 13 <= s <= 14 for s in sizes):
            problems.append(f"cỡ chữ {', '.join(pt_text(s) for s in sorted(sizes))} (quy định 13–14)")
            fixes.append("đặt cỡ chữ 13 hoặc 14")
        problems += _addressee_items(parts, head)
        if problems:
            out.append(
                Finding(
                    Code.CHECK_ADDRESSEE,
                    "; ".join(problems),
                    _ADDRESSEE_RULE,
                    "; ".join(fixes) or "mỗi nơi nhận một dòng «- …;», dòng cuối kết thúc bằng «.»",
                    paragraph=head.index,
                    text=head.text,
                )
            )
    return out


def _addressee_items(parts: Components, head: Paragraph) -> list[str]:
    """The «- …» lines under a «Kính gửi:» that stands alone: `;` after each, `.` after the last."""
    items = [p for p in parts.addressee if p.index > head.index and not ADDRESSEE.match(p.run_text)]
    following = [p for p in items if p.index <= head.index + len(items)]
    problems: list[str] = []
    for i, item in enumerate(following):
        text = item.run_text.rstrip()
        last = i == len(following) - 1
        if last and not text.endswith("."):
            problems.append(f"dòng cuối «{text}» phải kết thúc bằng dấu chấm")
        elif not last and not text.endswith(";"):
            problems.append(f"dòng «{text}» phải kết thúc bằng dấu «;»")
    return problems


def _is_letter(parts: Components, state: bool) -> bool:
    """Is the document a công văn: a số with no type code (State) or the type code CV (Party)?"""
    if parts.number is None or parts.doc_type is not None:
        return False
    text = " ".join(parts.number.text.split())
    if not state:
        return _PARTY_LETTER.match(text) is not None
    match = _STATE_LETTER.match(text)
    return match is not None and match.group("first") not in _STATE_TYPES


def _letter_summary(doc: DocxDocument, parts: Components, profile: Profile | None) -> list[Finding]:
    """A công văn's trích yếu: «V/v …» under số, upright, 12–13 pt (State); «về việc …» italic 12 (Party)."""
    if profile is None or parts.number is None:
        return []
    state = profile is PROFILES[System.STATE]
    if not _is_letter(parts, state):
        return []
    rule = _LETTER_STATE_RULE if state else _LETTER_PARTY_RULE
    piece = parts.letter_summary
    if piece is None:
        return [
            Finding(
                Code.CHECK_LETTER_SUMMARY,
                "công văn thiếu trích yếu dưới số, ký hiệu",
                rule,
                "dưới dòng số, ký hiệu viết «V/v …» (nội dung công văn)" if state else "viết «về việc …»",
                paragraph=parts.number.paragraph.index,
                text=parts.number.text,
            )
        ]
    problems = _letter_form(piece, state)
    if not problems:
        return []
    return [
        Finding(
            Code.CHECK_LETTER_SUMMARY,
            "trích yếu công văn " + "; ".join(problems),
            rule,
            "«V/v …», chữ đứng, cỡ 12–13, canh giữa dưới số" if state else "«về việc …», chữ nghiêng, cỡ 12",
            paragraph=piece.paragraph.index,
            text=piece.text,
        )
    ]


def _letter_form(piece: Piece, state: bool) -> list[str]:
    problems: list[str] = []
    starts_vv = piece.text.strip().lower().startswith("v/v")
    if state and not starts_vv:
        problems.append("phải bắt đầu bằng «V/v»")
    if not state and starts_vv:
        problems.append("của Đảng không dùng «V/v» (viết «về việc …»)")
    sizes = {f.size for f in piece.formats if f.size is not None}
    low, high = (12.0, 13.0) if state else (12.0, 12.0)
    if sizes and any(not low <= s <= high for s in sizes):
        wanted = f"{pt_text(low)}–{pt_text(high)}" if low != high else pt_text(low)
        problems.append(f"cỡ chữ {', '.join(pt_text(s) for s in sorted(sizes))} (quy định {wanted})")
    italic = [bool(f.italic) for f in piece.formats]
    if italic and state and sum(italic) * 2 > len(italic):
        problems.append("phải viết chữ đứng")
    if italic and not state and not all(italic):
        problems.append("phải in nghiêng")
    return problems


def _container(paragraph: Paragraph) -> tuple[int | None, int | None, int | None, bool]:
    return paragraph.table, paragraph.row, paragraph.cell, paragraph.in_text_box


def _header_gap(doc: DocxDocument, parts: Components, profile: Profile | None) -> list[Finding]:
    """Tiêu ngữ directly under Quốc hiệu: no empty line, no wide paragraph spacing, single line spacing."""
    if (
        profile is None
        or profile is not PROFILES[System.STATE]
        or parts.motto is None
        or parts.slogan is None
    ):
        return []
    motto, slogan = parts.motto.paragraph, parts.slogan.paragraph
    if slogan.index <= motto.index:
        return []
    between = doc.paragraphs[motto.index : slogan.index - 1]
    tabbed = parts.motto.column > 0 or parts.slogan.column > 0
    if not tabbed and _container(motto) != _container(slogan):
        return []  # in two containers (cells, boxes): their distance is not written in the file
    same = [p for p in between if _container(p) == _container(slogan)]
    problems: list[str] = []
    empty = [p for p in same if not _column_text(p, parts.slogan.column if tabbed else 0)]
    if empty:
        problems.append(f"có {len(empty)} dòng trống giữa Quốc hiệu và Tiêu ngữ")
    gap = (motto.format.after or 0) + (slogan.format.before or 0)
    if gap > _GAP:
        problems.append(f"cách đoạn giữa hai dòng {pt_text(gap / 20)} pt")
    line = slogan.format
    if (line.line_rule or "auto") == "auto" and (line.line or 240) > _SINGLE:
        problems.append(f"giãn dòng {pt_text(round((line.line or 240) / 240, 2))} dòng")
    if not problems:
        return []
    return [
        Finding(
            Code.CHECK_HEADER_GAP,
            "Tiêu ngữ không nằm sát dưới Quốc hiệu: " + "; ".join(problems),
            _GAP_RULE,
            "xóa dòng trống, đặt cách đoạn trước/sau 0 pt và giãn dòng đơn cho hai dòng này",
            paragraph=slogan.index,
            text=parts.slogan.text,
        )
    ]


def _column_text(paragraph: Paragraph, column: int) -> str:
    """The text a tab-built header shows in `column` of this line ("" when that column is empty)."""
    return next((p.text for p in pieces_of(paragraph) if p.column == column), "")


_PAGE_NUMBER_SIZES = {System.STATE: (13.0, 14.0), System.PARTY: (14.0, 14.0)}


def _page_number_size(doc: DocxDocument, parts: Components, profile: Profile | None) -> list[Finding]:
    """Page numbers print in 13–14 pt (NĐ 30 I.7), 14 pt for the Party (FORMAT.md §2)."""
    if profile is None or parts.extents is None or parts.system is None:
        return []
    low, high = _PAGE_NUMBER_SIZES[parts.system]
    wrong = sorted({s for s in parts.extents.page_number_sizes if not low <= s <= high})
    if not wrong:
        return []
    wanted = pt_text(low) if low == high else f"{pt_text(low)}–{pt_text(high)}"
    return [
        Finding(
            Code.CHECK_PAGE_NUMBER,
            f"số trang cỡ chữ {', '.join(pt_text(s) for s in wrong)} (quy định {wanted})",
            profile.page_number_rule,
            f"chọn số trang ở đầu trang, đặt cỡ chữ {wanted}",
            section=1,
        )
    ]


_ISSUER_SHARE = (0.3, 0.55)  # NĐ 30: 1/3 to 1/2 of the cơ quan line, with a little slack
_FULL_SHARE = (0.9, 1.1)  # as long as the Tiêu ngữ (or the Party title)
_OFF_CENTRE = 0.05  # of the container's width: start and end gaps may differ this much


def _rule_place(doc: DocxDocument, parts: Components, profile: Profile | None) -> list[Finding]:
    """The short lines under the cơ quan and the Tiêu ngữ (Party: the title): centred, of their length.

    Only lines drawn as a paragraph's bottom border in a table cell of known width are measured; a line
    drawn as a shape or placed by tabs is not (the existing K517 check still asks that it exists).
    """
    if profile is None or parts.extents is None:
        return []
    state = profile is PROFILES[System.STATE]
    wanted: list[tuple[list[Piece], str, tuple[float, float], str, Expect]] = []
    if state and parts.issuer:
        wanted.append(
            (
                parts.issuer,
                "tên cơ quan ban hành",
                _ISSUER_SHARE,
                "từ 1/3 đến 1/2 dòng chữ",
                profile.components["issuer"],
            )
        )
    top = parts.slogan if state else parts.party_title
    if top is not None:
        name = "Tiêu ngữ" if state else "«ĐẢNG CỘNG SẢN VIỆT NAM»"
        expect = profile.components["slogan" if state else "party_title"]
        wanted.append(([top], name, _FULL_SHARE, f"bằng độ dài dòng {name}", expect))
    rules = {r.paragraph: r for r in parts.extents.border_rules}
    out: list[Finding] = []
    for pieces, name, (low, high), length_words, expect in wanted:
        last = pieces[-1].paragraph
        below = [p for p in doc.paragraphs[last.index : last.index + 2] if _container(p) == _container(last)]
        rule = next((rules[p.index] for p in below if p.index in rules), None)
        if rule is None or rule.container is None or last.table is None:
            continue
        length = rule.container - rule.start - rule.end_gap
        text = max(_width(piece, expect) for piece in pieces)
        problems: list[str] = []
        if text and not low <= length / text <= high:
            problems.append(f"dài {pt_text(round(length / text, 2))} lần dòng chữ (quy định {length_words})")
        if abs(rule.start - rule.end_gap) > _OFF_CENTRE * rule.container:
            side = "trái" if rule.start < rule.end_gap else "phải"
            problems.append(f"lệch sang {side}, không canh giữa dưới dòng chữ")
        if problems:
            out.append(
                Finding(
                    Code.CHECK_RULE_PLACE,
                    f"đường kẻ dưới {name} " + "; ".join(problems),
                    _RULE_PLACE_RULE,
                    "đặt thụt lề trái và phải bằng nhau cho đoạn chứa đường kẻ, để đường kẻ "
                    f"{length_words} và canh giữa",
                    paragraph=rule.paragraph,
                    text=pieces[-1].text,
                )
            )
    return out


_RULE_PLACE_RULE = f"{_ND} mục II.1.b, II.2.b; HD 36-HD/VPTW điểm 1.1.2; FORMAT.md §1.2, §2"


def _width(piece: Piece, expect: Expect) -> int:
    """The printed width of a header line as the rules want it printed.

    Fixed lines are measured in their correct wording, in their size brought into the allowed range
    and in their required weight: a Tiêu ngữ typed in capitals or a title in 13 pt is one finding
    (K507, K505), not also a line that has become too short or too long for it.
    """
    fmt = piece.formats[0] if piece.formats else None
    low, high = expect.sizes
    size = min(max(fmt.size if fmt is not None and fmt.size else low, low), high)
    text = _FIXED.get(fold(piece.text).upper(), piece.text)
    return text_width_twips(text, size, bool(expect.bold), False)


_FIXED = {fold(text).upper(): text for text in ("Độc lập - Tự do - Hạnh phúc", "ĐẢNG CỘNG SẢN VIỆT NAM")}


RULES = (_addressee, _letter_summary, _header_gap, _page_number_size, _rule_place)
