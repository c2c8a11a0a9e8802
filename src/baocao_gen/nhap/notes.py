"""What an import recognised, what it could not map, and what the clerk should check.

The notes are written as a comment block at the top of the produced files and printed by the CLI, so
nothing found in the report is dropped silently.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class NoteKind(StrEnum):
    """How a note reads to the clerk: recognised, to check, or not carried over."""

    RECOGNISED = "nhận ra"
    TO_CHECK = "cần xem lại"
    NOT_MAPPED = "không chuyển được"


@dataclass(frozen=True, slots=True)
class ImportNote:
    """One remark about the import, tied to the paragraph ("đoạn N" of `ooxml.reader`) when there is one."""

    kind: NoteKind
    message: str
    paragraph: int | None = None
