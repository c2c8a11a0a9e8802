"""Period sanity (issue 10, point 7): the dates and years a clerk types agree with the report's period.

A report started from last year's file keeps last year's years in places: a heading "… năm 2022" in
the 2023 report, "phương hướng, nhiệm vụ năm 2023" where the next year is 2024, and a căn cứ dated
after the report itself. The period is `ky.nam` (and `ky.giai_doan`: a half-year report's next
period is the second half of the same year); the report's date is `ngay` (a blank day is the whole
month, a blank month the whole year: only what is certainly later is reported).
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator
from datetime import date

from ..codes import Code
from ..diagnostics import Diagnostic, Severity
from ..loader import location_of
from ..model import BaoCao
from ..vietnamese import format_date_short
from .texts import TypedText

__all__ = ["period_problems"]

_DATE = re.compile(
    r"(?<!\w)ngày\s+(?:(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})|(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4}))",
    re.IGNORECASE,
)
_NEXT_PERIOD = re.compile(
    r"phương\s+hướng[,\s]*(?:và\s+)?nhiệm\s+vụ([^.;\n]{0,40}?)\bnăm\s+(\d{4})\b", re.IGNORECASE
)
_YEAR = re.compile(r"\bnăm\s+(\d{4})\b", re.IGNORECASE)
_SAME_YEAR = re.compile(r"tháng\s+cuối", re.IGNORECASE)
_HALF_YEAR = re.compile(r"tháng\s+đầu", re.IGNORECASE)


def _latest_report_day(report: BaoCao) -> date | None:
    """Return the latest day the report can carry (a blank day is the month's last, a blank month December)."""
    when = report.ngay
    if when.nam is None:
        return None
    month = when.thang or 12
    day = when.ngay or calendar.monthrange(when.nam, month)[1]
    try:
        return date(when.nam, month, day)
    except ValueError:
        return None


def _typed_dates(text: str) -> Iterator[tuple[date, int]]:
    for match in _DATE.finditer(text):
        day, month, year = (
            (match.group(1), match.group(2), match.group(3)) if match.group(1) else match.group(4, 5, 6)
        )
        try:
            yield date(int(year), int(month), int(day)), match.start()
        except ValueError:
            continue


_CITING = re.compile(
    r"(?:^|(?<=[.;:]\s)|(?<=\n))\s*(?:căn cứ|thực hiện)\b[^\n]*?(?=\.\s|\.$|;|\n|$)", re.IGNORECASE
)
"""A sentence (or clause) that opens with "Căn cứ" or "Thực hiện": what it names are the report's grounds."""


def _cited_dates(typed: TypedText) -> Iterator[tuple[date, int]]:
    """Yield the dates of the documents a text gives as grounds: all of the opening, else the clauses that
    open with "Căn cứ …" or "Thực hiện …" (a date elsewhere in prose may be a deadline, later by right)."""
    if typed.in_opening:
        yield from _typed_dates(typed.text)
        return
    for clause in _CITING.finditer(typed.text):
        for day, offset in _typed_dates(clause.group(0)):
            yield day, clause.start() + offset


def _later_than_report(report: BaoCao, texts: list[TypedText], tree: object) -> Iterator[Diagnostic]:
    latest = _latest_report_day(report)
    if latest is None:
        return
    shown = (
        format_date_short(latest)
        if report.ngay.ngay
        else f"tháng {report.ngay.thang or 12}/{report.ngay.nam}"
    )
    hint = "kiểm tra lại ngày của văn bản căn cứ, hoặc ngày của báo cáo (`ngay`)"
    mo_dau = report.mo_dau
    if mo_dau is not None and not isinstance(mo_dau, str):
        for index, document in enumerate(mo_dau.can_cu):
            if document.ngay is not None and document.ngay > latest:
                yield Diagnostic(
                    Code.PERIOD_MISMATCH,
                    f"văn bản căn cứ ghi ngày {format_date_short(document.ngay)}, sau ngày của báo cáo ({shown}).",
                    location_of(tree, ("mo_dau", "can_cu", index, "ngay")),
                    format_date_short(document.ngay),
                    hint,
                    severity=Severity.WARNING,
                )
    for typed in texts:
        for day, offset in _cited_dates(typed):
            if day > latest:
                yield Diagnostic(
                    Code.PERIOD_MISMATCH,
                    f"văn bản căn cứ ghi ngày {format_date_short(day)}, sau ngày của báo cáo ({shown}).",
                    typed.text.location_at(offset),
                    format_date_short(day),
                    hint,
                    severity=Severity.WARNING,
                )


def _wrong_next_year(report: BaoCao, texts: list[TypedText]) -> Iterator[Diagnostic]:
    """ "Phương hướng, nhiệm vụ năm X": X is the year after the period (the same year after a first half)."""
    if report.ky is None or report.ky.nam is None:
        return
    year = report.ky.nam
    first_half = bool(report.ky.giai_doan and _HALF_YEAR.search(report.ky.giai_doan))
    for typed in texts:
        if not (typed.is_title or typed.path[:1] == ("trich_yeu",)):
            continue
        for match in _NEXT_PERIOD.finditer(typed.text):
            same_year = first_half or bool(_SAME_YEAR.search(match.group(1)))
            expected = year if same_year else year + 1
            if int(match.group(2)) != expected:
                yield Diagnostic(
                    Code.PERIOD_MISMATCH,
                    f"phương hướng, nhiệm vụ là của kỳ sau kỳ báo cáo (năm {year}), tức năm {expected}, không phải năm {match.group(2)}.",
                    typed.text.location_at(match.start(2)),
                    match.group(0).strip(),
                    f"năm {expected}",
                    severity=Severity.WARNING,
                )


def _previous_year_heading(report: BaoCao, texts: list[TypedText]) -> Iterator[Diagnostic]:
    """A heading "… năm <last year>" in this year's report was left from last year's file."""
    if report.ky is None or report.ky.nam is None:
        return
    previous = report.ky.nam - 1
    for typed in texts:
        if not typed.is_title:
            continue
        for match in _YEAR.finditer(typed.text):
            if int(match.group(1)) == previous:
                yield Diagnostic(
                    Code.PERIOD_MISMATCH,
                    f"tiêu đề ghi năm {previous}, năm của kỳ trước; kỳ báo cáo này là năm {report.ky.nam}.",
                    typed.text.location_at(match.start(1)),
                    match.group(0),
                    f"năm {report.ky.nam}",
                    severity=Severity.WARNING,
                )


def period_problems(report: BaoCao, texts: list[TypedText], tree: object) -> list[Diagnostic]:
    """Return a warning for each date or year that disagrees with the report's period."""
    return [
        *_later_than_report(report, texts, tree),
        *_wrong_next_year(report, texts),
        *_previous_year_heading(report, texts),
    ]
