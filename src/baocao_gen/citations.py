"""The registry of well-known documents, so clerks cite them by key and never retype a date.

Seeds cite Nghị quyết 25-NQ/TW as of 23/6 or 30/6/2013; it is 03/6/2013. Each entry of
`data/trich-dan.yaml` was checked against a source (recorded in the entry), and prose cites it as
`[[nq25]]` (full form), `[[nq25|so]]` (number only), `[[nq25|ngan]]` (number and date),
`[[nq25|so_cua]]` (number and issuer, no date) or `[[nq25|ten]]` (full form with its title).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import date

import yaml

from .resources import data_file
from .vietnamese import format_date_short, parse_date

__all__ = ["Citation", "format_citation", "load_registry"]

FORMS = ("day_du", "so", "ten", "ngan", "so_cua")


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


@functools.cache
def load_registry() -> dict[str, Citation]:
    """Return the citation registry shipped in data/ (read once)."""
    raw = yaml.safe_load(data_file("trich-dan.yaml").read_text(encoding="utf-8")) or {}
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
        return f"{number} của {citation.co_quan}" + (f" (khóa {citation.khoa})" if citation.khoa else "")
    text = number
    if citation.ngay:
        text += f" ngày {format_date_short(citation.ngay)}"
    if form == "ngan":
        return text
    text += f" của {citation.co_quan}"
    if citation.khoa:
        text += f" (khóa {citation.khoa})"
    if form == "ten" and citation.trich_yeu:
        text += f" về “{citation.trich_yeu}”"
    return text
