"""Well-known documents typed in the prose of an imported report, turned into `[[key]]` citations.

A citation replaces the typed words only when the registry prints exactly those words (so the report
reads the same) and the typed number and date agree with the registry. A document whose number is
found with another date is kept as typed and noted, naming both dates: the registry's entries were
checked against a source, the typed date was not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..citations import Citation, format_citation, load_registry
from ..vietnamese import format_date_short
from .notes import ImportNote, NoteKind

__all__ = ["Citer"]

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
        for match in re.finditer(re.escape(citation.so), markup):
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
