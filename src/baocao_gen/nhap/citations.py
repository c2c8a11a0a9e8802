"""Well-known documents typed in the prose of an imported report, turned into `[[key]]` citations.

A citation replaces the typed words only when the registry prints exactly those words (so the report
reads the same) and the typed number and date agree with the registry. A document whose number is
found with another date is kept as typed and noted, naming both dates: the registry's entries were
checked against a source, the typed date was not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from ..citations import UNIT_SOURCE, Citation, format_citation, load_registry
from ..vietnamese import VietnameseValueError, format_date_short, parse_date
from .notes import ImportNote, NoteKind

__all__ = ["Citer", "unit_documents"]

_FORMS = ("ten", "day_du", "so_cua", "ngan_dai", "ngan")  # the longest printed text is tried first
_DATE_AFTER = re.compile(
    r"^\s*,?\s*ngày\s+(\d{1,2})\s*(?:/|\s+tháng\s+)(\d{1,2})\s*(?:/|\s+năm\s+)(\d{4})", re.IGNORECASE
)


@dataclass(slots=True)
class Citer:
    """Replace registry documents in markup text; notes are collected in `notes`."""

    notes: list[ImportNote]

    def __call__(self, markup: str, paragraph: int | None) -> str:
        for citation in load_registry().values():
            markup = self._one(citation, markup, paragraph)
        return markup

    def _one(self, citation: Citation, markup: str, paragraph: int | None) -> str:
        if citation.so not in markup:
            return markup
        key = citation.key
        for form in _FORMS:
            printed = format_citation(citation, form)
            if printed in markup:
                reference = f"[[{key}]]" if form == "day_du" else f"[[{key}|{form}]]"
                self.notes.append(
                    ImportNote(
                        NoteKind.RECOGNISED,
                        f"«{printed}» được ghi thành {reference} (danh mục `baocao trich-dan`).",
                        paragraph,
                    )
                )
                markup = markup.replace(printed, reference)
        for match in re.finditer(r"(?<![\w/-])" + re.escape(citation.so) + r"(?![\w/-])", markup):
            after = _DATE_AFTER.match(markup[match.end() :])
            if after is None or citation.ngay is None:
                continue
            day, month, year = (int(g) for g in after.groups())
            if (day, month, year) != (citation.ngay.day, citation.ngay.month, citation.ngay.year):
                self.notes.append(
                    ImportNote(
                        NoteKind.TO_CHECK,
                        f"{citation.loai} số {citation.so} được gõ ngày {day:02d}/{month}/{year}, nhưng danh mục "
                        f"ghi ngày {format_date_short(citation.ngay)}: giữ như gõ, xem lại ngày.",
                        paragraph,
                    )
                )
            else:
                self.notes.append(
                    ImportNote(
                        NoteKind.RECOGNISED,
                        f"{citation.loai} số {citation.so} (có trong danh mục, khóa `{key}`) được giữ như gõ vì "
                        f"cách viết khác với cách công cụ in; có thể thay bằng [[{key}|ngan]] hoặc [[{key}]].",
                        paragraph,
                    )
                )
        return markup


_UNIT_KINDS = {
    "Kế hoạch": "kh",
    "Công văn": "cv",
    "Quyết định": "qd",
    "Chỉ thị": "ct",
    "Nghị quyết": "nq",
    "Thông báo": "tb",
    "Chương trình": "ctr",
    "Hướng dẫn": "hd",
    "Kết luận": "kl",
    "Quy chế": "qc",
    "Đề án": "da",
}
_UNIT_REFERENCE = re.compile(
    r"(?P<loai>" + "|".join(_UNIT_KINDS) + r") số (?P<so>\d[\w./-]*[\w])"
    r" (?P<ngay>ngày \d{1,2}/\d{1,2}/\d{4}|ngày \d{1,2} tháng \d{1,2} năm \d{4})"
)


def _date(typed: str) -> date | None:
    try:
        return parse_date(typed.removeprefix("ngày ") if "/" in typed else typed)
    except VietnameseValueError:
        return None


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def _replace(value: object, old: str, new: str) -> object:
    if isinstance(value, str):
        return value.replace(old, new)
    if isinstance(value, dict):
        return {k: _replace(v, old, new) for k, v in value.items()}
    if isinstance(value, list):
        return [_replace(v, old, new) for v in value]
    return value


def unit_documents(period: dict[str, object], notes: list[ImportNote]) -> dict[str, object]:
    """Declare the unit's documents typed more than once in `van_ban_don_vi` and cite them by key.

    Only a document typed at least twice, always with the same date, and printed by the tool exactly as
    typed (`[[key|ngan]]` or `[[key|ngan_dai]]`) is declared; the same number typed with two dates is
    kept as typed and noted with both. Returns the period with the citations in place.
    """
    found: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for text in _strings({k: v for k, v in period.items() if k != "van_ban_don_vi"}):
        for match in _UNIT_REFERENCE.finditer(text):
            found.setdefault((match["loai"], match["so"]), []).append((match[0], match["ngay"]))
    registry = load_registry()
    declared: dict[str, object] = {}
    for (loai, so), typed in found.items():
        dates = {_date(ngay) for _, ngay in typed}
        if None in dates:
            continue
        if len(dates) > 1:
            shown = ", ".join(sorted({ngay for _, ngay in typed}))
            notes.append(
                ImportNote(
                    NoteKind.TO_CHECK, f"{loai} số {so} được gõ với các ngày khác nhau ({shown}): xem lại."
                )
            )
            continue
        if len(typed) < 2:
            continue
        [when] = dates
        if when is None:
            continue
        digits = re.match(r"\d+", so)
        base = _UNIT_KINDS[loai] + (digits[0] if digits else "")
        key = base
        while key in registry or key in declared:
            key = f"{key}_dv"
        citation = Citation(key, loai, so, when, "", None, None, UNIT_SOURCE, own=True)
        forms = {format_citation(citation, "ngan"): "ngan", format_citation(citation, "ngan_dai"): "ngan_dai"}
        if any(whole not in forms for whole, _ in typed):
            continue  # the tool would print it otherwise: kept as typed
        declared[key] = {"loai": loai, "so": so, "ngay": format_date_short(when)}
        for whole in {whole for whole, _ in typed}:
            period = _replace(period, whole, f"[[{key}|{forms[whole]}]]")  # type: ignore[assignment]
        notes.append(
            ImportNote(
                NoteKind.RECOGNISED,
                f"{loai} số {so} (gõ {len(typed)} lần) được khai một lần ở `van_ban_don_vi` (khóa `{key}`) "
                f"và dẫn bằng [[{key}|…]]; có thể thêm `cua`, `ve`.",
            )
        )
    if declared:
        period["van_ban_don_vi"] = declared
    return period
