"""Read a template's styles as plain values: the font, size and weight a style's text prints in.

A designer changes sizes and fonts in Word or LibreOffice, which write them into styles.xml, often
only on a base style (Normal) or in the document defaults. So a property is resolved the way Word
resolves it: the style itself, then each style it is `basedOn`, then `w:docDefaults`, then Word's
own default (10 pt, not bold). Nothing here knows which style means what in a report (see frame.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from lxml import etree

from .formatting import StyleResolver
from .measure import DEFAULT_FONT, text_width

__all__ = ["StyleSheet", "TextStyle"]

_WORD_DEFAULT_HALF_POINTS = 20  # Word's size when neither the styles nor the defaults give one


@dataclass(frozen=True)
class TextStyle:
    """How a style's text prints: font family, size in points, bold, italic."""

    font: str
    size: float
    bold: bool
    italic: bool

    def width(self, text: str) -> Fraction:
        """Return the printed width of `text` in this style, in points."""
        return text_width(text, self.size, bold=self.bold, italic=self.italic, font=self.font)


class StyleSheet:
    """The styles of one styles.xml part, looked up by style id (see `formatting.StyleResolver`)."""

    def __init__(self, styles: etree._Element, theme: dict[str, str] | None = None):
        self._resolver = StyleResolver(styles, theme)

    def ids(self) -> set[str]:
        """Return the ids of every style defined."""
        return self._resolver.ids()

    def name(self, style_id: str) -> str | None:
        """Return the name a designer sees in Word's style list, or None for an unknown id."""
        return self._resolver.style_name(style_id)

    def text_style(self, style_id: str, direct: etree._Element | None = None) -> TextStyle:
        """Return how text in paragraph style `style_id` prints, with inheritance resolved; `direct` is
        a run's own `w:rPr`, which wins over the style (Word's direct formatting). What no style nor
        the defaults say is Word's own default: Times New Roman here (the decree's font), 10 pt."""
        run = self._resolver.run_format(style_id, None, direct)
        return TextStyle(
            font=run.font or DEFAULT_FONT,
            size=run.size or _WORD_DEFAULT_HALF_POINTS / 2,
            bold=bool(run.bold),
            italic=bool(run.italic),
        )
