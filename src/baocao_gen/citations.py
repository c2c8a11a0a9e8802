"""The registry of well-known documents, so clerks cite them by key and never retype a date.

Seeds cite Nghị quyết 25-NQ/TW as of 23/6 or 30/6/2013; it is 03/6/2013. Each entry of
`data/trich-dan.yaml` was checked against a source (recorded in the entry), and prose cites it as
`[[nq25]]` (full form), `[[nq25|so]]` (number only), `[[nq25|ngan]]` (number and date),
`[[nq25|so_cua]]` (number and issuer, no date), `[[nq25|ten]]` (full form with its title) or
`[[nq25|ngan_dai]]` (number and the date in words: "ngày 03 tháng 6 năm 2013", as many reports write it).

A unit registers its own documents the same way (`van_ban_don_vi` in its profile or period file,
see `unit_citations`): a kế hoạch cited in the căn cứ, in prose and in an appendix list is typed
once, so it can no longer carry two dates or two symbols.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Protocol

import yaml

from .resources import data_file
from .vietnamese import format_date_long, format_date_short, parse_date

__all__ = ["Citation", "UNIT_SOURCE", "format_citation", "load_registry", "unit_citations"]

FORMS = ("day_du", "so", "ten", "ngan", "so_cua", "ngan_dai")
# The registry is shipped data, never a clerk's: no positions are needed, so libyaml reads it, ten times
# faster than the pure-Python reader (tests/test_perf_caches.py checks both read it alike).
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class Citation:
    """One document: what kind, its number and date, who issued it, and its title."""

    key: str
    loai: str
    so: str
    ngay: date | None
    co_quan: str
    khoa: str | None
    trich_yeu: str | None
    nguon: str
    own: bool = False  # the unit's own document: its `ve` is printed as typed, after "về", without quotes


UNIT_SOURCE = "văn bản của đơn vị (van_ban_don_vi)"


class UnitDocument(Protocol):
    """What a unit's registered document provides (the model's `VanBanDonVi`)."""

    @property
    def loai(self) -> str: ...
    @property
    def so(self) -> str: ...
    @property
    def ngay(self) -> date | None: ...
    @property
    def cua(self) -> str | None: ...
    @property
    def ve(self) -> str | None: ...


def unit_citations(documents: Mapping[str, UnitDocument]) -> dict[str, Citation]:
    """Return the unit's own documents (`van_ban_don_vi`) as citations, cited `[[khóa]]` like the registry's."""
    return {
        key: Citation(key, doc.loai, doc.so, doc.ngay, doc.cua or "", None, doc.ve, UNIT_SOURCE, own=True)
        for key, doc in documents.items()
    }


@functools.cache
def load_registry() -> dict[str, Citation]:
    """Return the citation registry shipped in data/ (read once)."""
    text = data_file("trich-dan.yaml").read_text(encoding="utf-8")
    raw = yaml.load(text, Loader=_SAFE_LOADER) or {}  # noqa: S506 - a safe loader
    out = {}
    for key, entry in raw.items():
        out[key] = Citation(
            key=key,
            loai=entry["loai"],
            so=str(entry["so"]),
            ngay=parse_date(str(entry["ngay"])) if entry.get("ngay") else None,
            co_quan=entry["co_quan"],
            khoa=entry.get("khoa"),
            trich_yeu=entry.get("trich_yeu"),
            nguon=entry["nguon"],
        )
    return out


def format_citation(citation: Citation, form: str = "day_du") -> str:
    """Return the citation text: `Nghị quyết số 25-NQ/TW ngày 03/6/2013 của … (khóa XI)`."""
    number = f"{citation.loai} số {citation.so}"
    if form == "so":
        return number
    if form == "so_cua":
        issuer = f" của {citation.co_quan}" if citation.co_quan else ""
        return number + issuer + (f" (khóa {citation.khoa})" if citation.khoa else "")
    if form == "ngan_dai":
        return number + (f" {format_date_long(citation.ngay)}" if citation.ngay else "")
    text = number
    if citation.ngay:
        text += f" ngày {format_date_short(citation.ngay)}"
    if form == "ngan":
        return text
    if citation.co_quan:
        text += f" của {citation.co_quan}"
    if citation.khoa:
        text += f" (khóa {citation.khoa})"
    if form == "ten" and citation.trich_yeu:
        text += f" về {citation.trich_yeu}" if citation.own else f" về “{citation.trich_yeu}”"
    return text
