"""Rules of the recognised components: their formatting, số/ký hiệu, date line, signature, Nơi nhận.

Each component is checked against its system's profile (`profiles.py`): font, size, emphasis, case;
then the forms whose wording is regulated (`Số: 05/BC-UBND` vs `Số 374-BC/HU`, leading zeros in the
date, the signing marks of each system, the punctuation of Nơi nhận)."""

from __future__ import annotations

import re

from ..codes import Code
from ..ooxml.reader import DocxDocument, Paragraph
from .components import AUTHORITY, Components, Piece, fold
from .findings import Finding, Place, System
from .profiles import FONT, PROFILES, Expect, Profile, pt_text
from .recipients import ARCHIVE_LINE, recipient_items, wrong_endings

__all__ = ["RULES", "check_piece", "profiled_pieces", "signature_roles"]

_SLOGAN = "Độc lập - Tự do - Hạnh phúc"


def check_piece(piece: Piece, expect: Expect, key: str) -> list[Finding]:
    """Font, size, emphasis and case of one recognised component."""
    out: list[Finding] = []
    paragraph = piece.paragraph.index
    formats = piece.formats
    if not formats:
        return out
    fonts = {f.font for f in formats if f.font}
    if fonts and fonts != {FONT}:
        out.append(
            Finding(
                Code.CHECK_FONT,
                f"{expect.name} dùng phông {', '.join(sorted(fonts))}",
                expect.rule,
                f"dùng phông {FONT}",
                paragraph=paragraph,
                text=piece.text,
            )
        )
    sizes = {f.size for f in formats}
    low, high = expect.sizes
    if None not in sizes and any(not low <= s <= high for s in sizes if s is not None):
        wanted = pt_text(low) if low == high else f"{pt_text(low)}–{pt_text(high)}"
        shown = ", ".join(pt_text(s) for s in sorted(s for s in sizes if s is not None))
        out.append(
            Finding(
                Code.CHECK_SIZE,
                f"{expect.name} cỡ chữ {shown}, quy định {wanted}",
                expect.rule,
                f"đặt cỡ chữ {wanted}",
                paragraph=paragraph,
                text=piece.text,
            )
        )
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
        out.append(
            Finding(
                Code.CHECK_EMPHASIS,
                f"{expect.name} " + ", ".join(wrong),
                expect.rule,
                "sửa kiểu chữ: " + ", ".join(wrong),
                paragraph=paragraph,
                text=piece.text,
            )
        )
    letters = [c for c in piece.text if c.isalpha()]
    all_caps = all(bool(f.caps) for f in formats)
    if expect.upper and letters and not all_caps and any(c.islower() for c in letters):
        out.append(
            Finding(
                Code.CHECK_CASE,
                f"{expect.name} phải viết chữ in hoa",
                expect.rule,
                fold(piece.text).upper(),
                paragraph=paragraph,
                text=piece.text,
            )
        )
    if key == "slogan" and (all_caps or fold(piece.text).replace("–", "-") != _SLOGAN):
        out.append(
            Finding(
                Code.CHECK_CASE,
                "Tiêu ngữ viết sai chữ hoa hoặc gạch nối",
                expect.rule,
                _SLOGAN,
                paragraph=paragraph,
                text=piece.text,
            )
        )
    return out


def signature_roles(parts: Components) -> list[tuple[str, Piece]]:
    """Return the signature lines with their role: authority, position(s), name (the last line)."""
    # every printed line counts: a name with no letter (symbols pasted by mistake) is still the last line,
    # and taking the position above it for the name would report the position's weight as the name's
    lines = [p for p in parts.signature if p.text.strip()]
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


def profiled_pieces(parts: Components, profile: Profile) -> list[tuple[str, Piece]]:
    """Return the recognised components with their profile key: what the component rule judges and
    `--sua` repairs, so the two can never disagree on which lines are a component."""
    found: list[tuple[str, Piece]] = []
    for key, piece in (
        ("motto", parts.motto),
        ("slogan", parts.slogan),
        ("party_title", parts.party_title),
        ("number", parts.number),
        ("date", parts.date),
        ("doc_type", parts.doc_type),
        ("recipients_title", parts.recipients_title),
    ):
        if piece is not None and key in profile.components:
            found.append((key, piece))
    found += [("parent", p) for p in parts.parent_bodies]
    found += [("issuer", p) for p in parts.issuer]
    found += [("summary", p) for p in parts.summary]
    found += [("recipient", p) for p in parts.recipients if not p.text.rstrip().endswith(":")]
    found += signature_roles(parts)
    return found


def _components(doc: DocxDocument, parts: Components, profile: Profile | None) -> list[Finding]:
    if profile is None:
        return []
    out: list[Finding] = []
    for key, piece in profiled_pieces(parts, profile):
        out.extend(check_piece(piece, profile.components[key], key))
    return out


def _missing(doc: DocxDocument, parts: Components, profile: Profile | None) -> list[Finding]:
    if profile is None:
        return []
    wanted: list[tuple[object, str, str]] = []
    if profile is PROFILES[System.STATE]:
        wanted += [
            (parts.motto, "Quốc hiệu «CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM»", "mục II.1"),
            (parts.slogan, "Tiêu ngữ «Độc lập - Tự do - Hạnh phúc»", "mục II.1"),
        ]
    else:
        wanted.append((parts.party_title, "dòng «ĐẢNG CỘNG SẢN VIỆT NAM»", "điểm 1.1"))
    wanted += [
        (parts.issuer or None, "tên cơ quan ban hành", "mục II.2"),
        (parts.number, "số, ký hiệu văn bản", "mục II.3"),
        (parts.date, "địa danh và ngày tháng", "mục II.4"),
        (parts.recipients_title, "«Nơi nhận:»", "mục II.9"),
        (parts.signature or None, "khối chữ ký (quyền hạn, chức vụ, họ tên)", "mục II.7"),
    ]
    base = "NĐ 30 PL I phần I" if profile is PROFILES[System.STATE] else "HD 36-HD/VPTW"
    out = []
    for value, name, point in wanted:
        if value is None:
            rule = f"{base} {point}" if base.startswith("NĐ") else f"{base}; FORMAT.md §2"
            out.append(
                Finding(
                    Code.CHECK_MISSING_PART,
                    f"không tìm thấy {name}",
                    rule,
                    "thêm thành phần này theo mẫu của hệ thống văn bản",
                )
            )
    return out


_STATE_NUMBER = re.compile(r"^Số:\s*(?P<n>\d*)\s*/\s*(?P<code>\S+)$")
_PARTY_NUMBER = re.compile(r"^Số\s+(?P<n>\d*)\s*-\s*(?P<type>[^/\s]+)/(?P<body>\S+)$")


def _number(doc: DocxDocument, parts: Components, profile: Profile | None) -> list[Finding]:
    piece = parts.number
    if piece is None or profile is None:
        return []
    text = " ".join(piece.text.split())
    state = profile is PROFILES[System.STATE]
    at = Place(paragraph=piece.paragraph.index, text=piece.text)
    compact = re.sub(r"\s+", " ", piece.text.strip())
    if state:
        match = _STATE_NUMBER.match(compact)
        if match is None:
            hint = "viết «Số: 05/BC-UBND» (có dấu hai chấm, số rồi «/» rồi ký hiệu)"
            return [
                Finding(
                    Code.CHECK_NUMBER_SIGN,
                    "số, ký hiệu không đúng dạng của văn bản Nhà nước",
                    profile.number_rule,
                    hint,
                    **at,
                )
            ]
    else:
        if text.startswith("Số:"):
            return [
                Finding(
                    Code.CHECK_NUMBER_SIGN,
                    "văn bản của Đảng ghi «Số» không có dấu hai chấm",
                    profile.number_rule,
                    "viết «Số 374-BC/HU» (số, «-», loại, «/», cơ quan)",
                    **at,
                )
            ]
        match = _PARTY_NUMBER.match(compact)
        if match is None:
            return [
                Finding(
                    Code.CHECK_NUMBER_SIGN,
                    "số, ký hiệu không đúng dạng của văn bản của Đảng",
                    profile.number_rule,
                    "viết «Số 374-BC/HU» (số, «-», loại, «/», cơ quan)",
                    **at,
                )
            ]
    number = match.group("n")
    if number and len(number) == 1:
        return [
            Finding(
                Code.CHECK_NUMBER_SIGN,
                f"số {number} nhỏ hơn 10 phải có số 0 phía trước",
                profile.number_rule,
                f"viết 0{number}",
                **at,
            )
        ]
    return []


# Day, month and year may each be left blank for the văn thư.
_DATE = re.compile(
    r"^(?P<place>.*?)(?P<comma>,?)\s*ngày\s*(?P<d>\d*)\s*tháng\s*(?P<m>\d*)\s*năm\s*(?P<y>\d{4})?\s*$",
    re.IGNORECASE,
)


def _date_line(doc: DocxDocument, parts: Components, profile: Profile | None) -> list[Finding]:
    piece = parts.date
    if piece is None:
        return []
    rule = profile.date_rule if profile else "NĐ 30 PL I phần I mục II.4.b–c; FORMAT.md §1.2"
    match = _DATE.match(" ".join(piece.text.split()))
    at = Place(paragraph=piece.paragraph.index, text=piece.text)
    if match is None:
        return [
            Finding(
                Code.CHECK_DATE_LINE,
                "dòng địa danh, ngày tháng không đúng dạng",
                rule,
                "viết «Ba Tô, ngày 05 tháng 6 năm 2023»",
                **at,
            )
        ]
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
        if parts.content and any(w[0].islower() for w in words):  # the place name is typed (dia_danh)
            problems.append("chữ cái đầu của địa danh phải viết hoa")
    if not problems:
        return []
    return [Finding(Code.CHECK_DATE_LINE, "; ".join(problems), rule, "; ".join(fixes) or None, **at)]


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
    return [
        Finding(
            Code.CHECK_AUTHORITY,
            f"thẩm quyền ký «{mark}» không dùng trong {system}",
            profile.authority_rule,
            f"viết «{replacement}»" if replacement else "dùng " + ", ".join(profile.marks),
            paragraph=first.paragraph.index,
            text=text,
        )
    ]


def _recipients(doc: DocxDocument, parts: Components, profile: Profile | None) -> list[Finding]:
    if profile is None or parts.recipients_title is None:
        return []
    items = recipient_items(parts)
    out: list[Finding] = []
    state = profile is PROFILES[System.STATE]
    for wrong in wrong_endings(parts, profile):
        if wrong.closing:
            what = "dòng «Lưu» cuối Nơi nhận" if wrong.archive else "dòng cuối của Nơi nhận"
            message = f"{what} phải kết thúc bằng dấu chấm"
        else:
            message = "mỗi dòng nơi nhận phải kết thúc bằng dấu «;»" + ("" if state else " (hoặc «,»)")
        at = Place(paragraph=wrong.piece.paragraph.index, text=wrong.piece.text)
        out.append(Finding(Code.CHECK_RECIPIENTS, message, profile.recipients_rule, wrong.corrected, **at))
    if items and not any(ARCHIVE_LINE.match(p.text.strip()) for p in items):
        last_piece = items[-1]
        out.append(
            Finding(
                Code.CHECK_RECIPIENTS,
                "Nơi nhận thiếu dòng «Lưu»",
                profile.recipients_rule,
                "- Lưu: VT, …." if state else "- Lưu Văn phòng ….",
                paragraph=last_piece.paragraph.index,
                text=last_piece.text,
            )
        )
    if state and items:
        archive = next((p for p in items if ARCHIVE_LINE.match(p.text.strip())), None)
        if archive is not None and not re.match(r"^[-–]\s*Lưu\s*:", archive.text.strip()):
            out.append(
                Finding(
                    Code.CHECK_RECIPIENTS,
                    "dòng lưu của văn bản Nhà nước viết «- Lưu: VT, …»",
                    profile.recipients_rule,
                    "- Lưu: VT.",
                    paragraph=archive.paragraph.index,
                    text=archive.text,
                )
            )
    return out


def _followers(doc: DocxDocument, paragraph: Paragraph, count: int) -> list[Paragraph]:
    """The paragraph and the next `count` ones in the same place (table cell, text box or body)."""
    same = [
        p
        for p in doc.paragraphs
        if p.index >= paragraph.index
        and (p.table, p.row, p.cell, p.in_text_box)
        == (paragraph.table, paragraph.row, paragraph.cell, paragraph.in_text_box)
    ]
    return same[: count + 1]


def _ruled(doc: DocxDocument, piece: Piece, star: bool = False, dashes: bool = False) -> bool:
    """Is there a short rule under `piece`: a bottom border, a drawn line, `*` or `-----` as expected?"""
    for below in _followers(doc, piece.paragraph, 2):
        text = below.run_text.strip()
        if star and text == "*":
            return True
        if dashes and re.fullmatch(r"[-–]{3,}", text.replace(" ", "")):
            return True
        if not star and not dashes and (below.format.bottom_border or below.has_drawing):
            return True
        if below is not piece.paragraph and text and not (star or dashes):
            return False
    return False


def _short_rules(doc: DocxDocument, parts: Components, profile: Profile | None) -> list[Finding]:
    """The short lines under cơ quan, Tiêu ngữ (or the Party title) and trích yếu.

    Lines drawn as shapes are anchored anywhere near the header, so when the header holds a drawing
    the lines under its names cannot be told apart: those are left undecided (not reported).
    """
    if profile is None:
        return []
    state = profile is PROFILES[System.STATE]
    header = [p for p in doc.paragraphs if p.index <= max(parts.header_end, 1)]
    drawn = any(p.has_drawing for p in header)
    wanted: list[tuple[Piece | None, str, str, dict[str, bool]]] = []
    if state:
        wanted += [
            (
                parts.issuer[-1] if parts.issuer else None,
                "tên cơ quan ban hành",
                profile.components["issuer"].rule,
                {},
            ),
            (parts.slogan, "Tiêu ngữ", profile.components["slogan"].rule, {}),
        ]
    else:
        wanted += [
            (
                parts.issuer[-1] if parts.issuer else None,
                "tên cơ quan ban hành (dấu «*»)",
                profile.components["issuer"].rule,
                {"star": True},
            ),
            (parts.party_title, "«ĐẢNG CỘNG SẢN VIỆT NAM»", profile.components["party_title"].rule, {}),
        ]
    last_title = parts.summary[-1] if parts.summary else parts.doc_type
    wanted.append(
        (
            last_title,
            "trích yếu" + ("" if state else " (năm gạch «-----»)"),
            profile.components["summary"].rule,
            {} if state else {"dashes": True},
        )
    )
    out: list[Finding] = []
    for piece, name, rule, how in wanted:
        if piece is None:
            continue
        in_header = piece.paragraph.index <= parts.header_end
        if in_header and drawn and not how:
            continue
        if not _ruled(doc, piece, **how):
            hint = (
                "thêm dấu «*» căn giữa dưới tên cơ quan"
                if how.get("star")
                else (
                    "thêm dòng «-----» căn giữa dưới trích yếu"
                    if how.get("dashes")
                    else "kẻ một đường nét liền dưới dòng này"
                )
            )
            out.append(
                Finding(
                    Code.CHECK_MISSING_PART,
                    f"thiếu đường kẻ dưới {name}",
                    rule,
                    hint,
                    paragraph=piece.paragraph.index,
                    text=piece.text,
                )
            )
    return out


RULES = (_short_rules, _missing, _components, _number, _date_line, _authority, _recipients)
