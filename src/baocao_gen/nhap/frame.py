"""The frame of last year's report as data: header, số/ký hiệu, date line, title, signature, Nơi nhận.

`check.components` has already found *where* each part is; this module reads *what* it says and
turns it into the keys of docs/du-lieu.md, the way a clerk would type them: the tool adds the
punctuation of Nơi nhận, the "Lưu:" word, upper case and the leading zero of the số itself, so
those are stripped here, and anything the data cannot hold is said in a note rather than dropped.

A part that is not found gets a `<điền …>` mark (what `tong-hop` writes too): `baocao validate` then
points at the exact line to fill, instead of the tool guessing a cơ quan or a signer.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from ..check.components import AUTHORITY, Components, fold
from ..check.findings import System
from ..ooxml.reader import DocxDocument, Paragraph
from .notes import ImportNote, NoteKind

__all__ = [
    "FrameImport",
    "attached_name",
    "closing_name",
    "detect_system",
    "escape_markup",
    "read_frame",
    "summary_markup",
]

FILL = "<điền {what}>"
_STATE_NUMBER = re.compile(
    r"^Số\s*:?\s*(?P<so>\d*)\s*/\s*(?P<loai>[^\s/-]+)\s*-\s*(?P<viet_tat>\S+?)[.,;]?$", re.I
)
_PARTY_NUMBER = re.compile(
    r"^Số\s*:?\s*(?P<so>\d*)\s*-\s*(?P<loai>[^\s/-]+)\s*/\s*(?P<viet_tat>\S+?)[.,;]?$", re.I
)
_DATE = re.compile(
    r"^(?P<place>.*?)[,\s]*ngày\s*(?P<day>[^\s]*)\s*tháng\s*(?P<month>[^\s]*)\s*năm\s*(?P<year>\d{4})\s*\.?$",
    re.I,
)
_MARK = re.compile(r"^(?P<mark>TM\.?|KT\.?|TL\.?|TUQ\.?|Q\.|T/M|K/T|T/L|T/U)\s*(?P<rest>.*)$", re.I)
# A signing mark as the other system writes it, or without its dot, and the form each system wants.
_STATE_MARKS = {
    "TM": "TM.",
    "T/M": "TM.",
    "KT": "KT.",
    "K/T": "KT.",
    "TL": "TL.",
    "T/L": "TL.",
    "TUQ": "TUQ.",
    "T/U": "TUQ.",
    "Q": "Q.",
}
_PARTY_MARKS = {
    "TM": "T/M",
    "T/M": "T/M",
    "KT": "K/T",
    "K/T": "K/T",
    "TL": "T/L",
    "T/L": "T/L",
    "TUQ": "T/U",
    "T/U": "T/U",
}
_KEEP_LINE = re.compile(r"^Lưu\b\s*:?\s*(?P<rest>.*)$", re.I)
_LEADS = "-–—+•·*"
_CLOSING = re.compile(
    r"^(?P<name>[^,.;:!?\"“”()]{3,80}?)\s+(?:xin\s+|trân\s+trọng\s+|kính\s+)?báo\s+cáo\s*(?:\./\.|\.)?\s*$",
    re.I,
)
# The line the tool writes under an appendix title: «(Kèm theo Báo cáo số … ngày … của ‹tên gọi›)».
_ATTACHED = re.compile(r"^\(\s*Kèm theo\b.*?\bcủa\s+(?P<name>[^()]{3,80}?)\s*\)$", re.I)
_MARKUP_CHARS = re.compile(r"([\\*\[\]{}])")


@dataclass(slots=True)
class FrameImport:
    """The unit profile keys and the period keys read from the frame, in the order they are written."""

    system: System | None
    profile: dict[str, object] = field(default_factory=dict)
    period: dict[str, object] = field(default_factory=dict)
    notes: list[ImportNote] = field(default_factory=list)


def escape_markup(text: str) -> str:
    """Return `text` so that the markup of docs/danh-dau.md prints it as typed (`*`, `[`, `{`, `\\`)."""
    return _MARKUP_CHARS.sub(r"\\\1", text)


def _clean(text: str) -> str:
    return unicodedata.normalize("NFC", " ".join(text.split()))


def _one_or_many(lines: list[str]) -> str | list[str]:
    return lines[0] if len(lines) == 1 else lines


def detect_system(parts: Components) -> tuple[System | None, str]:
    """Return the system: from the header when `check` recognised it, else from the ký hiệu's form."""
    if parts.system is not None:
        return parts.system, parts.detection
    number = parts.number.text.strip() if parts.number else ""
    if number.startswith("Số:") and _STATE_NUMBER.match(number):
        return System.STATE, f"đoán từ số, ký hiệu «{number}» (dạng Nhà nước); {parts.detection}"
    if _PARTY_NUMBER.match(number) and not number.startswith("Số:"):
        return System.PARTY, f"đoán từ số, ký hiệu «{number}» (dạng Đảng); {parts.detection}"
    return None, parts.detection


def _number(frame: FrameImport, parts: Components) -> None:
    """`so`, `loai_van_ban` and the profile's `viet_tat` from `Số: 05/BC-UBND` or `Số 374-BC/HU`."""
    piece = parts.number
    if piece is None:
        frame.profile["viet_tat"] = FILL.format(what="chữ viết tắt trong ký hiệu, ví dụ UBND")
        frame.notes.append(ImportNote(NoteKind.TO_CHECK, "không thấy dòng số, ký hiệu: điền `viet_tat`."))
        return
    text = _clean(piece.text)
    first, second = (
        (_STATE_NUMBER, _PARTY_NUMBER) if frame.system is System.STATE else (_PARTY_NUMBER, _STATE_NUMBER)
    )
    match = first.match(text) or second.match(text)
    if match is None:
        frame.profile["viet_tat"] = FILL.format(what="chữ viết tắt trong ký hiệu, ví dụ UBND")
        frame.notes.append(
            ImportNote(
                NoteKind.TO_CHECK,
                f"không tách được số, ký hiệu «{text}»: điền `viet_tat` (và `so` nếu có).",
                piece.paragraph.index,
            )
        )
        return
    frame.profile["viet_tat"] = match["viet_tat"]
    frame.period["so"] = int(match["so"]) if match["so"] else None
    if match["loai"].upper() != "BC":
        frame.period["loai_van_ban"] = match["loai"]
    frame.notes.append(ImportNote(NoteKind.RECOGNISED, f"số, ký hiệu «{text}».", piece.paragraph.index))


def _date(frame: FrameImport, parts: Components) -> None:
    """`dia_danh` and `ngay` from the date line; a day or month left blank for the văn thư stays blank."""
    piece = parts.date
    match = _DATE.match(_clean(piece.text)) if piece is not None else None
    if piece is None or match is None:
        frame.profile["dia_danh"] = FILL.format(what="địa danh ở dòng ngày tháng")
        # not a date left blank for the văn thư (that line is there, its day empty): the year is unknown
        frame.period["ngay"] = {"nam": FILL.format(what="năm của báo cáo")}
        where = piece.paragraph.index if piece is not None else None
        frame.notes.append(
            ImportNote(
                NoteKind.TO_CHECK,
                "không đọc được dòng địa danh, ngày tháng: điền `dia_danh` và `ngay`.",
                where,
            )
        )
        return
    place = match["place"].strip(" ,")
    frame.profile["dia_danh"] = place or FILL.format(what="địa danh ở dòng ngày tháng")
    day, month, year = (match[k] if match[k].isdigit() else "" for k in ("day", "month", "year"))
    if day and month:
        frame.period["ngay"] = f"{int(day):02d}/{int(month)}/{year}"
    else:
        date: dict[str, object] = {}
        if month:
            date["thang"] = int(month)
        date["nam"] = int(year)
        frame.period["ngay"] = date
    if not place:
        frame.notes.append(
            ImportNote(
                NoteKind.TO_CHECK,
                "dòng ngày tháng không có địa danh: điền `dia_danh`.",
                piece.paragraph.index,
            )
        )


def summary_markup(paragraphs: list[Paragraph]) -> str:
    """Return the trích yếu in the markup: italic words between `*`, a line break as `\\` + newline.

    Italic is marked only where it stands out (a whole italic trích yếu is the template's style).
    """
    runs = [run for p in paragraphs for run in p.runs if run.footnote_id is None]
    lettered = [bool(run.format.italic) for run in runs if run.text.strip()]
    mark_italic = any(lettered) and not all(lettered)
    lines: list[list[tuple[str, bool]]] = []
    for paragraph in paragraphs:
        lines.append([])
        for run in paragraph.runs:
            if run.footnote_id is not None:
                continue
            for index, part in enumerate(run.text.replace("\t", " ").split("\n")):
                if index:
                    lines.append([])
                lines[-1].append((part, mark_italic and bool(run.format.italic)))
    out = [_marked_line(line) for line in lines]
    return "\\\n".join(line for line in out if line)


def _marked_line(segments: list[tuple[str, bool]]) -> str:
    """Return one line's segments as markup; spaces take the emphasis of the text before them."""
    text: list[str] = []
    italic_open = False
    for part, italic in segments:
        if not part.strip():
            text.append(part)
            continue
        if italic != italic_open:
            text.append("*")
            italic_open = italic
        text.append(escape_markup(part))
    if italic_open:
        text.append("*")
    return " ".join("".join(text).split())


def _title(frame: FrameImport, doc: DocxDocument, parts: Components) -> None:
    """`ten_loai` (when not BÁO CÁO) and `trich_yeu` (its lines joined by the `\\` line break)."""
    if parts.doc_type is not None:
        kind = _clean(parts.doc_type.text)
        if fold(kind).upper() != "BÁO CÁO":
            frame.period["ten_loai"] = kind
    else:
        frame.notes.append(
            ImportNote(NoteKind.TO_CHECK, "không thấy tên loại văn bản (BÁO CÁO): kiểm tra `ten_loai`.")
        )
    indexes = sorted({piece.paragraph.index for piece in parts.summary})
    paragraphs = [p for p in doc.paragraphs if p.index in indexes]
    summary = summary_markup(paragraphs)
    if summary:
        frame.period["trich_yeu"] = summary
        frame.notes.append(ImportNote(NoteKind.RECOGNISED, "trích yếu.", indexes[0]))
    else:
        frame.period["trich_yeu"] = FILL.format(what="trích yếu")
        frame.notes.append(
            ImportNote(NoteKind.TO_CHECK, "không thấy trích yếu dưới tên loại: điền `trich_yeu`.")
        )


def _mark_for(system: System | None, typed: str) -> str:
    key = typed.upper().rstrip(".")
    table = _PARTY_MARKS if system is System.PARTY else _STATE_MARKS
    return table.get(key, typed)


def _is_name(text: str) -> bool:
    """A name is in normal case (`Trần Văn Bình`): not an upper-case title, not `kiêm`, not `(Đã ký)`."""
    return (
        any(c.islower() for c in text)
        and text != text.lower()
        and not AUTHORITY.match(text)
        and not text.startswith("(")
    )


def _signer(frame: FrameImport, parts: Components) -> None:
    """`nguoi_ky`: thẩm quyền and the body signed for, a `KT.` line, chức vụ lines as typed, the name."""
    # a line break inside a paragraph ("TM. ỦY BAN NHÂN DÂN↵CHỦ TỊCH" typed in one bold paragraph) is a line
    pieces = [
        (_clean(line), piece.paragraph.index)
        for piece in parts.signature
        for line in piece.text.split("\n")
        if _clean(line)
    ]
    name_at = max((i for i, (text, _) in enumerate(pieces) if _is_name(text)), default=None)
    signer: dict[str, object] = {}
    titles: list[str] = []
    lines = pieces if name_at is None else pieces[:name_at]
    for text, where in lines:
        if text.startswith("(") and text.endswith(")"):
            frame.notes.append(
                ImportNote(
                    NoteKind.NOT_MAPPED,
                    f"dòng «{text}» ở chữ ký không có trong dữ liệu.",
                    where,
                )
            )
            continue
        match = _MARK.match(text)
        if match and not titles and "tham_quyen" not in signer:
            mark = _mark_for(frame.system, match["mark"])
            if mark != match["mark"]:
                frame.notes.append(
                    ImportNote(
                        NoteKind.TO_CHECK,
                        f"thẩm quyền ký «{match['mark']}» ghi thành «{mark}» theo cách viết của hệ thống văn bản.",
                        where,
                    )
                )
            signer["tham_quyen"] = mark
            if match["rest"]:
                signer["thay_mat"] = match["rest"]
        elif (
            match
            and not titles
            and "ky_thay" not in signer
            and _mark_for(frame.system, match["mark"]) in ("KT.", "K/T")
        ):
            signer["ky_thay"] = match["rest"]
        else:
            if match:
                frame.notes.append(
                    ImportNote(
                        NoteKind.TO_CHECK,
                        f"dòng «{text}» giữ làm dòng chức vụ (dữ liệu chỉ có một dòng thẩm quyền và một dòng KT.).",
                        where,
                    )
                )
            titles.append(text)
    if titles:
        signer["chuc_vu"] = _one_or_many(titles)
    if name_at is not None:
        signer["ho_ten"] = pieces[name_at][0]
        frame.notes.append(ImportNote(NoteKind.RECOGNISED, "chữ ký và họ tên người ký.", pieces[name_at][1]))
    else:
        signer["ho_ten"] = FILL.format(what="họ tên người ký")
        frame.notes.append(
            ImportNote(NoteKind.TO_CHECK, "không thấy họ tên người ký: điền `nguoi_ky.ho_ten`.")
        )
    frame.profile["nguoi_ky"] = signer


def _recipient_text(text: str) -> str:
    return _clean(text).lstrip(_LEADS).strip().rstrip(";,.").strip()


def _recipients(frame: FrameImport, parts: Components) -> None:
    """`noi_nhan` (with its groups) and `luu`; the tool adds `- `, `;`/`,` and the final `.` itself."""
    loose: list[str] = []
    groups: list[tuple[str, list[str]]] = []
    current = loose
    last_was_item = False
    for piece in parts.recipients:
        raw = _clean(piece.text)
        if not raw:
            continue
        if raw.endswith(":") and raw[0] not in _LEADS:
            groups.append((raw.rstrip(":").strip(), []))
            current = groups[-1][1]
            last_was_item = False
            continue
        if raw[0] not in _LEADS and last_was_item and current:
            current[-1] = f"{current[-1]} {_recipient_text(raw)}"
            frame.notes.append(
                ImportNote(
                    NoteKind.TO_CHECK,
                    f"dòng «{raw}» ở Nơi nhận được nối vào dòng trên (không có gạch đầu dòng).",
                    piece.paragraph.index,
                )
            )
            continue
        item = _recipient_text(raw)
        if item:
            current.append(item)
            last_was_item = True
    last = groups[-1][1] if groups else loose
    if last:
        keep = _KEEP_LINE.match(last[-1])
        if keep and keep["rest"].strip():
            frame.profile["luu"] = keep["rest"].strip()
            last.pop()
    recipients: list[object] = list(loose)
    recipients += [{"nhom": title, "danh_sach": items} for title, items in groups]
    if parts.recipients_title is None:
        frame.notes.append(ImportNote(NoteKind.TO_CHECK, "không thấy «Nơi nhận:»: điền `noi_nhan`."))
    elif recipients:
        frame.profile["noi_nhan"] = recipients
        frame.notes.append(
            ImportNote(NoteKind.RECOGNISED, "Nơi nhận.", parts.recipients_title.paragraph.index)
        )
    if not recipients:
        frame.profile["noi_nhan"] = [FILL.format(what="nơi nhận")]


def _bodies(frame: FrameImport, parts: Components) -> None:
    parents = [_clean(p.text) for p in parts.parent_bodies if _clean(p.text)]
    issuer = [_clean(p.text) for p in parts.issuer if _clean(p.text)]
    if parents:
        frame.profile["co_quan_chu_quan"] = _one_or_many(parents)
    if issuer:
        frame.profile["co_quan_ban_hanh"] = _one_or_many(issuer)
        frame.notes.append(
            ImportNote(NoteKind.RECOGNISED, "tên cơ quan ban hành.", parts.issuer[0].paragraph.index)
        )
    else:
        frame.profile["co_quan_ban_hanh"] = FILL.format(what="tên cơ quan ban hành")
        frame.notes.append(
            ImportNote(NoteKind.TO_CHECK, "không thấy tên cơ quan ban hành: điền `co_quan_ban_hanh`.")
        )


def read_frame(doc: DocxDocument, parts: Components) -> FrameImport:
    """Return the profile and period keys of the frame; `system` is None when it cannot be told."""
    system, how = detect_system(parts)
    frame = FrameImport(system)
    if system is not None:
        frame.profile["he_thong"] = system.value
        kind = NoteKind.RECOGNISED if parts.system is not None else NoteKind.TO_CHECK
        frame.notes.append(ImportNote(kind, f"hệ thống văn bản: {system.label} ({how})."))
    _bodies(frame, parts)
    _number(frame, parts)
    _date(frame, parts)
    _signer(frame, parts)
    _recipients(frame, parts)
    _title(frame, doc, parts)
    return frame


def closing_name(closing: object) -> str | None:
    """Return how the report names its unit, from a closing like `UBND xã Ba Tô kính báo cáo./.`.

    Only that one fixed sentence is trusted, alone in its paragraph (the last one of the closing, after a
    «Trên đây là …» paragraph as in seed 000): `ten_goi` feeds the default closing and the appendices'
    «Kèm theo» line, so a wrong guess would print; no name is better than a guessed one.
    """
    if not isinstance(closing, str) or not closing.strip():
        return None
    *before, last = closing.strip().splitlines()
    if before and before[-1].rstrip().endswith("\\"):
        return None  # a line break inside one paragraph: the sentence does not stand alone
    match = _CLOSING.match(last.strip().replace("\\", ""))
    return match["name"].strip() if match else None


def attached_name(doc: DocxDocument) -> str | None:
    """Return how the report names its unit in the «(Kèm theo … của ‹tên gọi›)» line of an appendix.

    That line is printed from `ten_goi`, so it is the surest source of it; the first such line is taken
    only when every appendix says the same name (two different names: nothing is guessed).
    """
    names = {
        match["name"].strip()
        for paragraph in doc.paragraphs
        if (match := _ATTACHED.match(" ".join(paragraph.run_text.split())))
    }
    return names.pop() if len(names) == 1 else None
