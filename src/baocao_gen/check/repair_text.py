"""The only characters `--sua` may change: leading zeros of the date line and Nơi nhận punctuation.

Both are fixed by rule with no choice left to a person: a day below 10 and the months 1 and 2 take a
leading zero, months 3–12 do not (NĐ 30 PL I mục II.4); each recipient line ends with `;` (a Party
document may use `,`; the list's own habit is kept), the last line and the «Lưu» line with `.`.
Every edit replaces a digit or a final punctuation mark inside the run that holds it, so the run keeps
its formatting. Everything else in the text is left to the clerk (see `repair.NOT_MECHANICAL`).
"""

from __future__ import annotations

import re

from ..ooxml.repair import TextEdit
from .components import Components, Piece
from .profiles import Profile
from .recipients import wrong_endings
from .repair_change import Change, Repair
from .repair_format import column_span

__all__ = ["text_repairs"]

_DATE = re.compile(
    r"ngày\s*(?P<d>\d*)\s*tháng\s*(?P<m>\d*)\s*năm\s*\d{4}\s*$",
    re.IGNORECASE,
)


def _date(parts: Components, profile: Profile | None) -> list[Repair]:
    piece = parts.date
    if piece is None:
        return []
    start, end = column_span(piece.paragraph, piece.column)
    segment = piece.paragraph.run_text[start:end]
    match = _DATE.search(segment)
    if match is None:
        return []
    edits: list[TextEdit] = []
    said: list[str] = []
    day, month = match.group("d"), match.group("m")
    if len(day) == 1 and 1 <= int(day) <= 9:
        edits.append(
            TextEdit(piece.paragraph.index, start + match.start("d"), start + match.start("d"), "0", True)
        )
        said.append(f"ngày {day} → 0{day}")
    if len(month) == 1 and month in ("1", "2"):
        edits.append(
            TextEdit(piece.paragraph.index, start + match.start("m"), start + match.start("m"), "0", True)
        )
        said.append(f"tháng {month} → 0{month}")
    elif len(month) == 2 and month.startswith("0") and 3 <= int(month) <= 9:
        edits.append(
            TextEdit(piece.paragraph.index, start + match.start("m"), start + match.start("m") + 1, "")
        )
        said.append(f"tháng {month} → {month[1]}")
    if not edits:
        return []
    rule = profile.date_rule if profile else "NĐ 30 PL I phần I mục II.4.b–c; FORMAT.md §1.2"
    change = Change(
        "số 0 trong ngày tháng: " + ", ".join(said), rule, paragraph=piece.paragraph.index, text=piece.text
    )
    return [Repair(change, tuple(edits))]


def _end_of(piece: Piece) -> tuple[int, str]:
    """Return the offset just after the piece's last visible character, and that character."""
    start, end = column_span(piece.paragraph, piece.column)
    segment = piece.paragraph.run_text[start:end].rstrip()
    return start + len(segment), segment[-1:] if segment else ""


def _ending(piece: Piece, wanted: str, rule: str) -> Repair | None:
    """Return the edit that makes the piece end with `wanted`: replace a wrong mark, or add one."""
    at, last = _end_of(piece)
    if not last:
        return None
    text = piece.text.rstrip()
    if last in ";,.:":
        edit = TextEdit(piece.paragraph.index, at - 1, at, wanted)
        what = f"dấu «{last}» cuối dòng → «{wanted}»"
    else:
        edit = TextEdit(piece.paragraph.index, at, at, wanted)
        what = f"thêm dấu «{wanted}» cuối dòng"
    return Repair(Change(f"Nơi nhận: {what}", rule, paragraph=piece.paragraph.index, text=text), (edit,))


def _recipients(parts: Components, profile: Profile | None) -> list[Repair]:
    """The recipient rule's wrong endings (`recipients.wrong_endings`), fixed instead of reported."""
    if profile is None:
        return []
    out: list[Repair] = []
    for wrong in wrong_endings(parts, profile):
        found = _ending(wrong.piece, wrong.mark, profile.recipients_rule)
        if found is not None:
            out.append(found)
    return out


def text_repairs(parts: Components, profile: Profile | None) -> list[Repair]:
    """Return the character repairs of the date line and Nơi nhận."""
    return _date(parts, profile) + _recipients(parts, profile)
