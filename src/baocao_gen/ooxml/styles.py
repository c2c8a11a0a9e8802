"""Read a template's styles as plain values: the font, size and weight a style's text prints in.

A designer changes sizes and fonts in Word or LibreOffice, which write them into styles.xml, often
only on a base style (Normal) or in the document defaults. So a property is resolved the way Word
resolves it: the style itself, then each style it is `basedOn`, then `w:docDefaults`, then Word's
own default (10 pt, not bold). Nothing here knows which style means what in a report (see frame.py).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from typing import TypeVar

from lxml import etree

from .measure import DEFAULT_FONT, text_width
from .ns import qn

__all__ = ["StyleSheet", "TextStyle"]

_WORD_DEFAULT_HALF_POINTS = 20  # Word's size when neither the styles nor the defaults give one
_FALSE = ("0", "false", "off")
_MAX_CHAIN = 32  # a `basedOn` loop in a hand-edited file must not hang the reader
_T = TypeVar("_T")


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
    """The styles of one styles.xml part, looked up by style id."""

    def __init__(self, styles: etree._Element):
        self._styles = {style.get(qn("w:styleId")): style for style in styles.iter(qn("w:style"))}
        self._defaults = styles.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")

    def ids(self) -> set[str]:
        """Return the ids of every style defined."""
        return {ident for ident in self._styles if ident}

    def name(self, style_id: str) -> str | None:
        """Return the name a designer sees in Word's style list, or None for an unknown id."""
        style = self._styles.get(style_id)
        found = style.find(qn("w:name")) if style is not None else None
        return found.get(qn("w:val")) if found is not None else None

    def _chain(self, style_id: str) -> list[etree._Element]:
        """Return the run properties of `style_id` and of each style it is based on, nearest first."""
        out: list[etree._Element] = []
        seen: set[str] = set()
        current: str | None = style_id
        while current and current not in seen and len(seen) < _MAX_CHAIN:
            seen.add(current)
            style = self._styles.get(current)
            if style is None:
                break
            rpr = style.find(qn("w:rPr"))
            if rpr is not None:
                out.append(rpr)
            based = style.find(qn("w:basedOn"))
            current = based.get(qn("w:val")) if based is not None else None
        if self._defaults is not None:
            out.append(self._defaults)
        return out

    def text_style(self, style_id: str, direct: etree._Element | None = None) -> TextStyle:
        """Return how text in paragraph style `style_id` prints, with inheritance resolved; `direct` is
        a run's own `w:rPr`, which wins over the style (Word's direct formatting)."""
        chain = ([direct] if direct is not None else []) + self._chain(style_id)
        return TextStyle(
            font=_first(chain, _font) or DEFAULT_FONT,
            size=(_first(chain, _size) or _WORD_DEFAULT_HALF_POINTS) / 2,
            bold=bool(_first(chain, lambda rpr: _toggle(rpr, "w:b"))),
            italic=bool(_first(chain, lambda rpr: _toggle(rpr, "w:i"))),
        )


def _first(chain: list[etree._Element], read: Callable[[etree._Element], _T | None]) -> _T | None:
    """Return the first value `read` finds along `chain` (nearest style first), or None."""
    for rpr in chain:
        value = read(rpr)
        if value is not None:
            return value
    return None


def _font(rpr: etree._Element) -> str | None:
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        return None
    return fonts.get(qn("w:ascii")) or fonts.get(qn("w:hAnsi"))


def _size(rpr: etree._Element) -> int | None:
    size = rpr.find(qn("w:sz"))
    if size is None:
        return None
    try:
        return int(size.get(qn("w:val"), ""))
    except ValueError:
        return None


def _toggle(rpr: etree._Element, tag: str) -> bool | None:
    element = rpr.find(qn(tag))
    if element is None:
        return None
    return element.get(qn("w:val"), "1").lower() not in _FALSE
