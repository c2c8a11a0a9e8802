"""What `baocao check` reports: findings with their rule, place and hint, and a report per file.

A finding points at what a clerk can find in Word: the paragraph number counted from the top of the
document (table cells included), the start of its text, or the section (phần) for page setup. Each
carries the point of the regulation it applies (NĐ 30 Phụ lục I or HD 36) and the FORMAT.md section,
so the clerk can look the rule up and the developer can check the rule against its source.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TypedDict

from ..codes import Code

__all__ = ["AuditReport", "Finding", "Level", "Place", "System", "position_key"]

_EXCERPT = 40


class Level(StrEnum):
    """How sure and how bad: an error breaks a rule; "không xác định" is what could not be decided."""

    ERROR = "lỗi"
    UNDECIDED = "không xác định"


class System(StrEnum):
    """The document system, with the value the clerk types after `--he-thong`."""

    STATE = "nha_nuoc"
    PARTY = "dang"

    @property
    def label(self) -> str:
        return (
            "văn bản Nhà nước (NĐ 30/2020/NĐ-CP)"
            if self is System.STATE
            else "văn bản của Đảng (HD 36-HD/VPTW)"
        )


def excerpt(text: str) -> str:
    """Return the start of a paragraph's text as a clerk would search for it in Word."""
    text = " ".join(text.split())
    return text if len(text) <= _EXCERPT else text[: _EXCERPT - 1] + "…"


def position_key(
    paragraph: int | None, section: int | None, section_starts: dict[int, int]
) -> tuple[int, int]:
    """Return where a finding or change sits in reading order: a paragraph by its number, a section
    (phần N: page setup) just before its first paragraph, the whole document before everything."""
    if paragraph is not None:
        return (paragraph, 1)
    if section is not None:
        return (section_starts.get(section, 0), 0)
    return (0, 0)


class Place(TypedDict):
    """Where a finding points when it names one paragraph: its number and its text (`Finding(**place)`)."""

    paragraph: int
    text: str


@dataclass(frozen=True, slots=True)
class Finding:
    """One broken rule (or one undecided point) at one place of the document."""

    code: Code
    message: str
    rule: str
    hint: str | None = None
    paragraph: int | None = None
    section: int | None = None
    text: str | None = None
    where: str | None = None
    level: Level = Level.ERROR

    def sort_key(self, section_starts: dict[int, int]) -> tuple[int, int, int, str]:
        return (
            *position_key(self.paragraph, self.section, section_starts),
            self.section or 0,
            self.code.value,
        )

    def place(self) -> str:
        if self.paragraph is not None:
            return f"đoạn {self.paragraph}"
        if self.section is not None:
            return f"phần {self.section}"
        return "toàn văn bản"

    def format(self, file: str) -> str:
        """Return `FILE:đoạn N: lỗi: «start of text»: message (quy định: …) (gợi ý: …) [K5xx]`."""
        subject = ""
        if self.where:
            subject += f"{self.where}: "
        if self.text:
            subject += f"«{excerpt(self.text)}»: "
        line = f"{file}:{self.place()}: {self.level.value}: {subject}{self.message} (quy định: {self.rule})"
        if self.hint:
            line += f" (gợi ý: {self.hint})"
        return line + f" [{self.code.value}]"

    def to_dict(self) -> dict[str, object]:
        return {
            "code": self.code.value,
            "level": "error" if self.level is Level.ERROR else "undecided",
            "paragraph": self.paragraph,
            "section": self.section,
            "where": self.where,
            "text": excerpt(self.text) if self.text else None,
            "message": self.message,
            "rule": self.rule,
            "hint": self.hint,
        }


@dataclass(slots=True)
class AuditReport:
    """The audit of one file: the system used and how it was decided, and the findings in order."""

    file: str
    system: System | None
    detection: str
    findings: list[Finding] = field(default_factory=list)
    unreadable: str | None = None
    section_starts: dict[int, int] = field(default_factory=dict)  # phần N → its first đoạn, for the order

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.level is Level.ERROR]

    def sorted(self) -> list[Finding]:
        return sorted(self.findings, key=lambda f: f.sort_key(self.section_starts))

    def to_dict(self) -> dict[str, object]:
        return {
            "file": self.file,
            "system": self.system.value if self.system else None,
            "detection": self.detection,
            "unreadable": self.unreadable,
            "findings": [f.to_dict() for f in self.sorted()],
        }


def reports_json(reports: list[AuditReport]) -> str:
    return json.dumps([r.to_dict() for r in reports], ensure_ascii=False, indent=2)
