"""Effective formatting: what a run or paragraph prints in, resolved the way Word resolves it.

One resolver for every reader of a style sheet: the frame's measurements (`styles.py`, sizes and
fonts of the header components), `baocao check` (`reader.py`) and the structure goldens
(`structure.py`). Three copies had drifted: one knew theme fonts, one `w:hAnsi`, one neither. Order,
weakest first: `w:docDefaults`, the paragraph style and each style it is `basedOn` (base first), the
character style chain, then direct formatting on the paragraph or run. Theme fonts (`asciiTheme`)
resolve through the theme part. Lengths stay in the file's twips: these are readers of a file.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from lxml import etree

from .ns import qn

__all__ = [
    "ParagraphFormat",
    "RunFormat",
    "StyleResolver",
    "ElementKey",
    "element_key",
    "first_child",
    "grandchild",
    "leading_child",
    "int_value",
    "merge_paragraph",
    "theme_fonts",
    "toggle",
]

_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_MAX_CHAIN = 32  # a `basedOn` loop or chain in a hand-edited file must not hang the reader
_VAL = qn("w:val")

ElementKey = tuple[tuple[object, int, tuple[tuple[str | bytes, str | bytes], ...], str | None], ...]


def element_key(element: etree._Element) -> ElementKey:
    """Return a hashable value equal for two elements exactly when their subtrees are alike.

    The formats are remembered by a `w:pPr`/`w:rPr`'s content. Its bytes (`etree.tostring`) were
    the key, but serialising a sub-element costs ≈12 µs (namespace declarations are worked out each
    time), a quarter of reading a paragraph. Each node in document order as (tag, number of children,
    attributes, text) rebuilds the whole subtree, so equal keys mean equal properties, at ≈4 µs.
    """
    return tuple((node.tag, len(node), tuple(node.items()), node.text) for node in element.iter())


def first_child(element: etree._Element, tag: str) -> etree._Element | None:
    """Return `element.find(tag)` for a namespaced tag: the first child of that tag, or None.

    lxml's `find` parses its argument as a path in Python on every call; filtering the children in
    C is three times faster, and the reader asks this a few times per paragraph and run.
    """
    return next(element.iterchildren(tag), None)


def leading_child(element: etree._Element, tag: str) -> etree._Element | None:
    """Return `first_child(element, tag)` for a child the schema puts first (`w:pPr`, `w:rPr`):
    looking at the first child before searching saves half of the call when it is there."""
    for child in element:
        return child if child.tag == tag else first_child(element, tag)
    return None


def grandchild(element: etree._Element, child: str, grandchild: str) -> etree._Element | None:
    """Return what `element.find("child/grandchild")` returns, without ElementPath's cost per call."""
    for middle in element.iterchildren(child):
        found = next(middle.iterchildren(grandchild), None)
        if found is not None:
            return found
    return None


def toggle(element: etree._Element | None) -> bool | None:
    """Return a toggle property's value (`<w:b/>` is on, `w:val="0"`/`false` is off), None when absent."""
    if element is None:
        return None
    return element.get(_VAL, "true").lower() not in ("0", "false", "off")


def int_value(value: str | None) -> int | None:
    """Return an attribute's whole number (Word may write `240.0`), None when absent or not a number."""
    try:
        return None if value is None else int(float(value))
    except ValueError:
        return None


@dataclass(frozen=True, slots=True)
class RunFormat:
    """The run properties that decide what a reader sees (None: not set anywhere)."""

    font: str | None = None
    size: float | None = None
    bold: bool | None = None
    italic: bool | None = None
    underline: bool | None = None
    caps: bool | None = None
    superscript: bool | None = None


@dataclass(frozen=True, slots=True)
class ParagraphFormat:
    """Layout of a paragraph in twips (1/20 pt); `first_line` is negative for a hanging indent."""

    alignment: str | None = None
    first_line: int | None = None
    left: int | None = None
    before: int | None = None
    after: int | None = None
    line: int | None = None
    line_rule: str | None = None
    keep_next: bool | None = None
    page_break_before: bool | None = None
    bottom_border: bool = False


def theme_fonts(theme: etree._Element | None) -> dict[str, str]:
    """Return the theme's latin fonts by role ("minor": body, "major": headings)."""
    out: dict[str, str] = {}
    if theme is None:
        return out
    for kind in ("minor", "major"):
        latin = theme.find(f".//{{{_A}}}{kind}Font/{{{_A}}}latin")
        if latin is not None and latin.get("typeface"):
            out[kind] = latin.get("typeface", "")
    return out


def merge_paragraph(base: ParagraphFormat, p_pr: etree._Element | None) -> ParagraphFormat:
    """Return `base` overlaid with the paragraph properties `p_pr` (None leaves it as is)."""
    if p_pr is None:
        return base
    changes: dict[str, object] = {}
    jc = p_pr.find(qn("w:jc"))
    if jc is not None:
        changes["alignment"] = {"start": "left", "end": "right", "distribute": "both"}.get(
            jc.get(qn("w:val"), ""), jc.get(qn("w:val"))
        )
    ind = p_pr.find(qn("w:ind"))
    if ind is not None:
        if ind.get(qn("w:hanging")) is not None:
            changes["first_line"] = -(int_value(ind.get(qn("w:hanging"))) or 0)
        elif ind.get(qn("w:firstLine")) is not None:
            changes["first_line"] = int_value(ind.get(qn("w:firstLine")))
        for attr in ("w:left", "w:start"):
            if ind.get(qn(attr)) is not None:
                changes["left"] = int_value(ind.get(qn(attr)))
    spacing = p_pr.find(qn("w:spacing"))
    if spacing is not None:
        for attr, name in (("w:before", "before"), ("w:after", "after"), ("w:line", "line")):
            if spacing.get(qn(attr)) is not None:
                changes[name] = int_value(spacing.get(qn(attr)))
        if spacing.get(qn("w:lineRule")) is not None:
            changes["line_rule"] = spacing.get(qn("w:lineRule"))
    for tag, name in (("w:keepNext", "keep_next"), ("w:pageBreakBefore", "page_break_before")):
        value = toggle(p_pr.find(qn(tag)))
        if value is not None:
            changes[name] = value
    border = p_pr.find(f"{qn('w:pBdr')}/{qn('w:bottom')}")
    if border is not None:
        changes["bottom_border"] = border.get(qn("w:val")) not in ("nil", "none")
    return replace(base, **changes)  # type: ignore[arg-type]


class StyleResolver:
    """The style sheet of one document (`styles`: the root of word/styles.xml, None when absent).

    A document of a few hundred paragraphs uses a dozen styles and a few dozen distinct direct
    formats, so every answer is remembered for the life of the resolver (one per document read):
    a style chain's format by style id, a paragraph's or run's format by its style and the bytes of
    its own `w:pPr`/`w:rPr` (the same bytes always merge to the same format). The style sheet is
    read as it was when the resolver was made; build a new resolver after editing it.
    """

    def __init__(self, styles: etree._Element | None, theme: dict[str, str] | None = None):
        self._by_id: dict[str, etree._Element] = {}
        self._chains: dict[str | None, tuple[etree._Element, ...]] = {}
        self._style_paragraphs: dict[str | None, ParagraphFormat] = {}
        self._style_runs: dict[tuple[str | None, str | None], RunFormat] = {}
        self._paragraphs: dict[tuple[str | None, bytes], ParagraphFormat] = {}
        self._runs: dict[tuple[str | None, str | None, bytes], RunFormat] = {}
        self._numbering: dict[str | None, tuple[str | None, int | None]] = {}
        self._names: dict[str | None, str | None] = {}
        self._theme = theme or {}
        self.base_run = RunFormat()
        self.base_paragraph = ParagraphFormat()
        self.default_paragraph_style: str | None = None
        self._defaults_p_pr: etree._Element | None = None
        if styles is None:
            return
        defaults = styles.find(qn("w:docDefaults"))
        if defaults is not None:
            self.base_run = self.merge_run(
                self.base_run, defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
            )
            self._defaults_p_pr = defaults.find(f"{qn('w:pPrDefault')}/{qn('w:pPr')}")
            self.base_paragraph = merge_paragraph(self.base_paragraph, self._defaults_p_pr)
        for style in styles.iter(qn("w:style")):
            style_id = style.get(qn("w:styleId"), "")
            self._by_id[style_id] = style
            if style.get(qn("w:type")) == "paragraph" and style.get(qn("w:default")) in ("1", "true", "on"):
                self.default_paragraph_style = style_id

    def ids(self) -> set[str]:
        """Return the ids of every style defined."""
        return {ident for ident in self._by_id if ident}

    def style_name(self, style_id: str | None) -> str | None:
        """Return the name a designer sees in Word's style list, or None for an unknown id."""
        if style_id in self._names:
            return self._names[style_id]
        style = self._by_id.get(style_id or "")
        found = style.find(qn("w:name")) if style is not None else None
        name = self._names[style_id] = found.get(qn("w:val")) if found is not None else None
        return name

    def name(self, style_id: str | None) -> str | None:
        """Return the style's name, or its id when it has none (an unknown style reads as its id)."""
        return self.style_name(style_id) or style_id

    def chain(self, style_id: str | None) -> list[etree._Element]:
        """Return `style_id` and the styles it is based on, the base first."""
        return list(self._chain(style_id))

    def _chain(self, style_id: str | None) -> tuple[etree._Element, ...]:
        found = self._chains.get(style_id)
        if found is None:
            out: list[etree._Element] = []
            seen: set[str] = set()
            current = style_id
            while current and current in self._by_id and current not in seen and len(seen) < _MAX_CHAIN:
                seen.add(current)
                style = self._by_id[current]
                out.append(style)
                based = style.find(qn("w:basedOn"))
                current = based.get(qn("w:val")) if based is not None else None
            found = self._chains[style_id] = tuple(reversed(out))
        return found

    def merge_run(self, base: RunFormat, r_pr: etree._Element | None) -> RunFormat:
        """Return `base` overlaid with the run properties `r_pr` (None leaves it as is)."""
        if r_pr is None:
            return base
        changes: dict[str, object] = {}
        fonts = r_pr.find(qn("w:rFonts"))
        if fonts is not None:
            name = fonts.get(qn("w:ascii")) or fonts.get(qn("w:hAnsi"))
            theme = fonts.get(qn("w:asciiTheme")) or fonts.get(qn("w:hAnsiTheme"))
            if name:
                changes["font"] = name
            elif theme:
                changes["font"] = self._theme.get("minor" if theme.startswith("minor") else "major", theme)
        size = r_pr.find(qn("w:sz"))
        if size is not None and int_value(size.get(qn("w:val"))) is not None:
            changes["size"] = (int_value(size.get(qn("w:val"))) or 0) / 2
        for name, tag in (("bold", "w:b"), ("italic", "w:i"), ("caps", "w:caps")):
            value = toggle(r_pr.find(qn(tag)))
            if value is not None:
                changes[name] = value
        underline = r_pr.find(qn("w:u"))
        if underline is not None:
            changes["underline"] = underline.get(qn("w:val")) not in (None, "none", "0")
        vertical = r_pr.find(qn("w:vertAlign"))
        if vertical is not None:
            changes["superscript"] = vertical.get(qn("w:val")) == "superscript"
        return replace(base, **changes)  # type: ignore[arg-type]

    def run_format(
        self,
        paragraph_style: str | None,
        character_style: str | None = None,
        direct: etree._Element | None = None,
    ) -> RunFormat:
        """Return how a run prints: defaults, paragraph style chain, character style chain, `direct` (its rPr)."""
        if direct is None:
            return self._style_run(paragraph_style, character_style)
        key = (paragraph_style, character_style, etree.tostring(direct, with_tail=False))
        found = self._runs.get(key)
        if found is None:
            found = self._runs[key] = self.merge_run(
                self._style_run(paragraph_style, character_style), direct
            )
        return found

    def _style_run(self, paragraph_style: str | None, character_style: str | None) -> RunFormat:
        """Return the run format the styles alone give (defaults, paragraph chain, character chain)."""
        key = (paragraph_style, character_style)
        found = self._style_runs.get(key)
        if found is None:
            found = self.base_run
            for style in self._chain(paragraph_style or self.default_paragraph_style):
                found = self.merge_run(found, style.find(qn("w:rPr")))
            for style in self._chain(character_style):
                found = self.merge_run(found, style.find(qn("w:rPr")))
            self._style_runs[key] = found
        return found

    def paragraph_format(
        self, paragraph_style: str | None, direct: etree._Element | None = None
    ) -> ParagraphFormat:
        """Return a paragraph's layout: defaults, its style chain, then `direct` (its pPr)."""
        if direct is None:
            return self._style_paragraph(paragraph_style)
        key = (paragraph_style, etree.tostring(direct, with_tail=False))
        found = self._paragraphs.get(key)
        if found is None:
            found = self._paragraphs[key] = merge_paragraph(self._style_paragraph(paragraph_style), direct)
        return found

    def _style_paragraph(self, paragraph_style: str | None) -> ParagraphFormat:
        """Return the paragraph format the style chain alone gives, over the defaults."""
        found = self._style_paragraphs.get(paragraph_style)
        if found is None:
            found = self.base_paragraph
            for style in self._chain(paragraph_style or self.default_paragraph_style):
                found = merge_paragraph(found, style.find(qn("w:pPr")))
            self._style_paragraphs[paragraph_style] = found
        return found

    def paragraph_toggle(
        self, paragraph_style: str | None, tag: str, direct: etree._Element | None = None
    ) -> bool | None:
        """Return one toggle of paragraph properties (`w:keepLines`…) resolved like the others."""
        value: bool | None = None
        sources = [self._defaults_p_pr]
        sources += [s.find(qn("w:pPr")) for s in self._chain(paragraph_style or self.default_paragraph_style)]
        for p_pr in [*sources, direct]:
            found = toggle(p_pr.find(qn(tag))) if p_pr is not None else None
            if found is not None:
                value = found
        return value

    def numbering_of(self, paragraph_style: str | None) -> tuple[str | None, int | None]:
        """Return the (numId, ilvl) a paragraph style gives, the nearest style in the chain winning."""
        found = self._numbering.get(paragraph_style)
        if found is not None:
            return found
        num_id: str | None = None
        level: int | None = None
        for style in self._chain(paragraph_style or self.default_paragraph_style):
            num_pr = style.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
            if num_pr is None:
                continue
            found_id = num_pr.find(qn("w:numId"))
            found_level = num_pr.find(qn("w:ilvl"))
            if found_id is not None:
                num_id = found_id.get(qn("w:val"))
            if found_level is not None:
                level = int_value(found_level.get(qn("w:val")))
        self._numbering[paragraph_style] = (num_id, level)
        return num_id, level
