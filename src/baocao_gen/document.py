"""The document tree between compute and render (pandoc's AST, in small).

compute builds it from the model (numbers, totals and citations already resolved); the OOXML writer
turns it into WordprocessingML. Neither side needs to know the other's format: the tree has no YAML
and no XML in it, so each stage can be tested alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Literal

__all__ = [
    "Block",
    "Cell",
    "Footnote",
    "Inline",
    "LineBreak",
    "NoteRef",
    "PageBreak",
    "Paragraph",
    "Run",
    "SectionBreak",
    "Table",
]


@dataclass(frozen=True, slots=True)
class Run:
    """A stretch of text with one formatting."""

    text: str
    bold: bool = False
    italic: bool = False
    underline: bool = False
    superscript: bool = False
    subscript: bool = False


@dataclass(frozen=True, slots=True)
class LineBreak:
    """A hard line break inside a paragraph."""


@dataclass(frozen=True, slots=True)
class NoteRef:
    """A reference to footnote `number` (1-based, in order of appearance)."""

    number: int


Inline = Run | LineBreak | NoteRef


@dataclass(slots=True)
class Paragraph:
    """A paragraph in a named style of the template (style ids live in ooxml.styles)."""

    inlines: list[Inline]
    style: str = "VanBan"
    keep_next: bool = False
    align: Literal["left", "center", "right", "both"] | None = None
    first_line: bool | None = None


@dataclass(frozen=True, slots=True)
class PageBreak:
    """Start the next block on a new page."""


@dataclass(frozen=True, slots=True)
class SectionBreak:
    """End the current section; `orientation` describes the section being ended."""

    orientation: Literal["portrait", "landscape"] = "portrait"
    restart_page_numbers: bool = False


@dataclass(slots=True)
class Cell:
    """A table cell; `colspan`/`rowspan` > 1 merge it with its neighbours."""

    inlines: list[Inline]
    colspan: int = 1
    rowspan: int = 1
    align: Literal["left", "center", "right", "both"] = "left"
    bold: bool = False


@dataclass(slots=True)
class Table:
    """A table whose first `header_rows` rows repeat on every page; widths and size in points."""

    rows: list[list[Cell]]
    widths: list[Fraction]
    header_rows: int = 0
    font_size: float = 12


Block = Paragraph | Table | PageBreak | SectionBreak


@dataclass(slots=True)
class Footnote:
    """A footnote's paragraphs (its number is its position in the document's list)."""

    number: int
    blocks: list[Paragraph] = field(default_factory=list)
