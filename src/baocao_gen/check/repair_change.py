"""One change `--sua` made, located the way a finding is (đoạn N or phần N), with the rule it follows."""

from __future__ import annotations

from dataclasses import dataclass

from ..ooxml.repair import Edit
from .findings import excerpt, position_key

__all__ = ["Change", "Repair"]


@dataclass(frozen=True, slots=True)
class Change:
    """What was changed, where, and the rule that asks for it."""

    what: str
    rule: str
    paragraph: int | None = None
    section: int | None = None
    text: str | None = None

    def sort_key(self, section_starts: dict[int, int]) -> tuple[int, int, int]:
        return (*position_key(self.paragraph, self.section, section_starts), self.section or 0)

    def place(self) -> str:
        if self.paragraph is not None:
            return f"đoạn {self.paragraph}"
        return f"phần {self.section}" if self.section is not None else "toàn văn bản"

    def format(self, file: str) -> str:
        """Return `FILE:đoạn N: đã sửa: «start of text»: what (quy định: …)`."""
        subject = f"«{excerpt(self.text)}»: " if self.text else ""
        return f"{file}:{self.place()}: đã sửa: {subject}{self.what} (quy định: {self.rule})"

    def to_dict(self) -> dict[str, object]:
        return {
            "paragraph": self.paragraph,
            "section": self.section,
            "text": excerpt(self.text) if self.text else None,
            "change": self.what,
            "rule": self.rule,
        }


@dataclass(frozen=True, slots=True)
class Repair:
    """A change and the edits that make it: applied together or, when one cannot be placed, not at all."""

    change: Change
    edits: tuple[Edit, ...]
