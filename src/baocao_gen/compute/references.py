"""What prose refers to: figures, the kind's standard sentences, registry citations and footnotes.

A clerk writes `{ho_so.tong}`, `{cau.ket_qua}`, `[[nq25]]` and `[^1]` instead of typing a number,
a sentence, a document's date or a footnote number, so none of them can be stale or mistyped.
`References` answers the first three (it holds no state); `Notes` numbers footnotes in the order the
document is read and, at the end, names the notes that nothing cited.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from ..citations import FORMS, Citation, format_citation, load_registry
from ..codes import Code
from ..comparison import COMPARISON_FORM, Compare, without_previous
from ..diagnostics import Diagnostic, Location, Severity
from ..document import Footnote, Paragraph
from ..kinds import FIGURE_REFERENCE, OPTIONAL_CLAUSE, Percent
from ..markup import Locator, MarkupContext, Unresolved, parse_blocks
from ..vietnamese import format_date_short, format_number, number_to_words
from .locations import Locations

if TYPE_CHECKING:  # pragma: no cover
    from ..kinds import Kind

__all__ = ["Notes", "References"]


class References:
    """Resolve figure, sentence and citation references of one report, and check typed citation dates.

    `figures` are the report's figures with the kind's totals; `kind` is the report kind (None when
    the report names none), which brings the standard sentences and how totals are made up; `own` are
    the unit's registered documents (`van_ban_don_vi`), cited `[[khóa]]` like the registry's.
    """

    def __init__(
        self,
        figures: dict[str, Any],
        kind: Kind | None,
        diagnostics: list[Diagnostic],
        compare: Compare | None = None,
        own: dict[str, Citation] | None = None,
    ) -> None:
        self.figures = figures
        self.compare = compare or without_previous  # `{name|so_sanh}`: the change since last period
        self.kind = kind
        self.sentences = kind.cau if kind else {}
        self.diagnostics = diagnostics
        shipped = load_registry()
        self.registry = {**shipped, **(own or {})}
        # A unit's own document typed with another date is compared by the integrity step, which names both places.
        self._cited = [
            (
                entry,
                re.compile(re.escape(entry.so) + r"\s*,?\s*ngày\s*(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})"),
            )
            for entry in shipped.values()
            if entry.ngay
        ]

    def lookup(self, name: str) -> tuple[bool, Any]:
        """Return whether the figure `name` is in the figures, and its value (None when typed blank)."""
        node: Any = self.figures
        for part in name.split("."):
            if not isinstance(node, dict) or part not in node:
                return False, None
            node = node[part]
        return True, node

    def figure(self, reference: str) -> str | Unresolved | None:
        """Return the text of `{name}` / `{name|chu}` / `{name|02}` / `{cau.name}`; None when it names nothing."""
        name, _, form = reference.partition("|")
        if name.startswith("cau."):
            return self.sentence(name[4:])
        found, node = self.lookup(name)
        if not found:
            parts = self.kind.tinh.get(name, ()) if self.kind else ()
            lacking = [part for part in parts if not isinstance(self.lookup(part)[1], int | Decimal)]
            if lacking:
                return Unresolved(
                    f"số tổng «{name}» không cộng được vì chưa có: {', '.join(lacking)}.",
                    "gõ đủ các số thành phần vào `so_lieu` (0 nếu không có)",
                )
            return None
        if node is None:
            # Only a figure the kind lets stay blank gets here (any other blank is refused at its line).
            return Unresolved(
                f"số liệu «{name}» để trống nên không in được ở đây.",
                "gõ số vào `so_lieu`, hoặc viết lại câu không dẫn số liệu này",
            )
        if not isinstance(node, int | Decimal):
            return None
        if isinstance(node, Percent):  # a rate the kind computes (`ty_le`)
            return node.text()
        if form == COMPARISON_FORM:
            return self.compare(name, node)
        if form == "chu":
            return number_to_words(node)
        if form == "02" and isinstance(node, int) and 1 <= node < 10:
            return f"0{node}"
        return format_number(node)

    def sentence(self, name: str) -> str | Unresolved | None:
        """Return a standard sentence of the kind with its figures filled in (plain text).

        A clause in `[…]` holds an optional figure: it is printed without the brackets when the figure
        was typed, and left out whole when it is blank or not there, so the sentence never shows an
        empty number or a unit with no number before it.
        """
        template = self.sentences.get(name)
        if template is None:
            return None

        def clause(match: re.Match[str]) -> str:
            for reference in FIGURE_REFERENCE.findall(match.group(1)):
                figure = reference.partition("|")[0]
                if (
                    self.kind is not None
                    and self.kind.optional_figure(figure)
                    and self.lookup(figure)[1] is None
                ):
                    return ""
            return match.group(1)

        missing: list[str] = []

        def fill(match: re.Match[str]) -> str:
            value = self.figure(match.group(1))
            if not isinstance(value, str):
                missing.append(match.group(1).partition("|")[0])
                return match.group(0)
            return value

        text = FIGURE_REFERENCE.sub(fill, OPTIONAL_CLAUSE.sub(clause, template))
        if missing:
            return Unresolved(
                f"câu chuẩn «cau.{name}» cần số liệu chưa có hoặc để trống: {', '.join(missing)}.",
                "gõ các số liệu này vào `so_lieu`",
            )
        return text

    def citation(self, reference: str) -> str | None:
        """Return the text of `[[key]]` / `[[key|form]]`; None for an unknown key or form."""
        key, _, form = reference.partition("|")
        entry = self.registry.get(key.strip())
        form = form.strip() or "day_du"
        if entry is None or form not in FORMS:
            return None
        return format_citation(entry, form)

    def check_cited_dates(self, text: str, at: Locator) -> None:
        """Warn when prose types a well-known document with a wrong date (seeds have 23/6 and 30/6/2013
        for Nghị quyết 25-NQ/TW, which is of 03/6/2013)."""
        for entry, pattern in self._cited:
            for match in pattern.finditer(text):
                day, month, year = (int(g) for g in match.groups())
                if entry.ngay is not None and (day, month, year) != (
                    entry.ngay.day,
                    entry.ngay.month,
                    entry.ngay.year,
                ):
                    self.diagnostics.append(
                        Diagnostic(
                            Code.OTHER_RULE,
                            f"{entry.loai} số {entry.so} ban hành ngày {format_date_short(entry.ngay)}, không phải {day:02d}/{month}/{year}.",
                            at(match.start()),
                            match.group(0),
                            f"viết [[{entry.key}]] (hoặc [[{entry.key}|ngan]]) để công cụ ghi đúng số và ngày",
                            severity=Severity.WARNING,
                        )
                    )

    def context(
        self, footnote: Callable[[str, Location], int | None], allow_footnotes: bool = True
    ) -> MarkupContext:
        """Return the markup context that resolves against these references; `footnote` numbers `[^id]`."""
        return MarkupContext(
            self.figure,
            self.citation,
            footnote,
            self.diagnostics,
            allow_footnotes=allow_footnotes,
            inspect=self.check_cited_dates,
        )


class Notes:
    """The footnotes of one report: numbered 1, 2, 3… as they are met, each cited once.

    `texts` are the report's `chu_thich` (id → markup); a note's own text is resolved against the same
    references, but may not hold another footnote.
    """

    def __init__(self, texts: dict[str, str], references: References, locations: Locations) -> None:
        self.texts = texts
        self.references = references
        self.locations = locations
        self.diagnostics = references.diagnostics
        self.footnotes: list[Footnote] = []
        self.used: dict[str, int] = {}

    def footnote(self, note_id: str, where: Location) -> int | None:
        """Return the number of footnote `note_id`, cited at `where`; None (and a D121) when it cannot be."""
        if note_id in self.used:
            self.diagnostics.append(
                Diagnostic(
                    Code.MISSING_REFERENCE,
                    f"chú thích [^{note_id}] đã dùng ở chỗ khác; mỗi chú thích chỉ đặt một lần.",
                    where,
                    f"[^{note_id}]",
                    hint="tạo một chú thích mới với tên khác",
                )
            )
            return None
        text = self.texts.get(note_id)
        if text is None:
            self.diagnostics.append(
                Diagnostic(
                    Code.MISSING_REFERENCE,
                    f"chưa có nội dung cho chú thích [^{note_id}].",
                    where,
                    f"[^{note_id}]",
                    hint=f"thêm vào `chu_thich:` dòng `{note_id}: nội dung chú thích`",
                )
            )
            return None
        number = len(self.footnotes) + 1
        self.used[note_id] = number
        note = Footnote(number)
        self.footnotes.append(note)
        inner = self.references.context(self.footnote, allow_footnotes=False)
        located = self.locations.locator(text, "chu_thich", note_id)
        note.blocks = [
            b for b in parse_blocks(text, inner, located, style="FootnoteText") if isinstance(b, Paragraph)
        ]
        return number
