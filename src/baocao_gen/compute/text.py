"""Typed text → document inlines and blocks, resolved and located: the one door compute's parts use.

Headings, paragraphs, table cells and appendix titles all go through `TextResolver`, so each of them
resolves figures, citations and footnotes the same way and points its problems at the characters
the clerk typed. The parts that build blocks (outline, tables, appendices) need nothing else from
compute than this object.
"""

from __future__ import annotations

from ..diagnostics import Diagnostic, Location
from ..document import Block, Inline
from ..markup import parse_blocks, parse_title
from .locations import Locations
from .references import Notes, References

__all__ = ["TextResolver", "upper"]


def upper(text: str) -> str:
    """Return Vietnamese upper case (Python's is right for every Vietnamese letter, đ → Đ included)."""
    return text.upper()


class TextResolver:
    """Parse the markup of a report's values against its references, numbering footnotes as met.

    Footnotes are numbered in the order texts are resolved, so callers resolve in reading order.
    """

    def __init__(self, references: References, notes: Notes, locations: Locations) -> None:
        self.locations = locations
        self.diagnostics: list[Diagnostic] = references.diagnostics
        self.context = references.context(notes.footnote)

    def locate(self, *path: str | int) -> Location | None:
        """Return where the value at `path` was typed."""
        return self.locations.at(*path)

    def prose(self, text: str | None, *path: str | int, style: str = "VanBan") -> list[Block]:
        """Return the paragraphs of a block of prose typed at `path` (none for a blank value)."""
        return parse_blocks(
            text, self.context, self.locations.locator(text, *path) if text else None, style=style
        )

    def inline(self, text: str, *path: str | int, bold: bool = False) -> list[Inline]:
        """Return the runs of a one-line value (a title, a cell) typed at `path`."""
        return parse_title(text, self.context, self.locations.locator(text, *path), base_bold=bold)
