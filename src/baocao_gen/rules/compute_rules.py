"""The checks of the compute stage that judge its result after the fact, one small function each.

Two lists, by what they look at. `DOCUMENT_RULES` run once the document tree is built (every
footnote met); `FRAME_RULES` once the header is laid out (column widths known). A check that must
change what compute produces while it produces it stays where it is: a footnote cited twice or
missing (the reference must print as nothing), an outline deeper than `danh_so` or past “y)” (the
fallback number is printed), a table cell that is not a number (its text is printed as typed), a
well-known document typed with a wrong date (found while the prose is parsed, located per character).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from ..codes import Code
from ..diagnostics import Location, Severity
from ..model import BaoCao
from ..ooxml.frame import FrameSpec, fits
from . import Finding, RuleList

__all__ = ["DOCUMENT_RULES", "FRAME_RULES", "DocumentSubject", "FrameSubject", "Places"]


class Places(Protocol):
    """Where a key path of the report was typed (compute's `Locations`)."""

    def at(self, *path: str | int) -> Location | None: ...


@dataclass(frozen=True, slots=True)
class DocumentSubject:
    """What a document rule sees: the report, where its keys were typed, and the footnotes cited."""

    report: BaoCao
    places: Places
    cited_notes: Mapping[str, int]  # footnote id → its number, for every note the document cites


@dataclass(frozen=True, slots=True)
class FrameSubject:
    """What a frame rule sees: the report, where its keys were typed, the template's measurements,
    and the frame values compute made (header lines and the two column widths)."""

    report: BaoCao
    places: Places
    spec: FrameSpec
    values: Mapping[str, Any]


DOCUMENT_RULES: RuleList[DocumentSubject] = RuleList("compute: văn bản")
FRAME_RULES: RuleList[FrameSubject] = RuleList("compute: đầu văn bản")


@DOCUMENT_RULES.rule(Code.MISSING_REFERENCE, Severity.WARNING)
def every_footnote_is_cited(subject: DocumentSubject) -> Iterator[Finding]:
    """A note in `chu_thich` that nothing cites would be lost silently: the clerk meant to place it."""
    for note_id in subject.report.chu_thich:
        if note_id not in subject.cited_notes:
            yield Finding(
                f"chú thích «{note_id}» không được dẫn ở đâu trong văn bản.",
                subject.places.at("chu_thich", note_id),
                hint=f"đặt [^{note_id}] vào chỗ cần chú thích, hoặc xóa chú thích này",
            )


@FRAME_RULES.rule(Code.OTHER_RULE, Severity.WARNING)
def issuer_lines_fit_their_column(subject: FrameSubject) -> Iterator[Finding]:
    """A cơ quan line wider than the header's left column wraps where Word decides, not where the
    meaning allows; the right column keeps its lines whole, so the left one is what gives."""
    spec, values = subject.spec, subject.values
    left = values["cot_trai"].points
    lines = [(line, spec.upper, "co_quan_chu_quan") for line in values["chu_quan"]]
    lines += [(line, spec.issuer, "co_quan_ban_hanh") for line in values["ban_hanh"]]
    for line, style, key in lines:
        if not fits(style.width(line), left):
            yield Finding(
                "dòng tên cơ quan dài hơn cột đầu văn bản nên sẽ tự xuống dòng giữa chừng.",
                subject.places.at(key),
                line,
                "viết tên cơ quan thành danh sách nhiều dòng, ngắt ở chỗ hợp nghĩa",
            )


@FRAME_RULES.rule(Code.OTHER_RULE, Severity.WARNING)
def date_line_fits_its_column(subject: FrameSubject) -> Iterator[Finding]:
    """The place and date line is never reworded by the tool; when it is wider than the right column
    (a long place name beside a long cơ quan name), the clerk must shorten one of them."""
    place_date = subject.values["dia_danh_ngay"]
    if not fits(subject.spec.date.width(place_date), subject.values["cot_phai"].points):
        yield Finding(
            "dòng địa danh, ngày tháng dài hơn cột phải của đầu văn bản nên sẽ xuống dòng.",
            subject.places.at("dia_danh"),
            place_date,
            "viết địa danh ngắn gọn như tên gọi chính thức của nơi cơ quan đóng trụ sở, "
            "hoặc viết tên cơ quan thành nhiều dòng để cột trái hẹp lại",
        )
