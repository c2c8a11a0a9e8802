"""What changed between two generations of a report: figures, then paragraphs in document order.

After the leader's corrections the clerk re-renders and must be sure that only the intended figures
and sentences moved (DESIGN.md, job 2). Two outputs are compared as a reader sees them: the figures
recorded in each package at generation (`record_figures`) and the reading text of the body, tables
and footnotes (`ooxml.text.document_text`), paragraph by paragraph. Outputs that predate the figures
record, or a .docx typed by hand, are still compared paragraph by paragraph.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any, Literal

from .ooxml.package import FIGURES_PROPERTY, custom_property, with_custom_property
from .ooxml.text import document_text
from .vietnamese import format_number

__all__ = [
    "Changes",
    "FigureChange",
    "ParagraphChange",
    "compare_outputs",
    "figure_values",
    "figures_property",
    "record_figures",
]

FIRST_WORDS = 8  # how much of a paragraph names it in the list
SHOWN_WORDS = 6  # how much of one changed stretch of words is quoted
SHOWN_STRETCHES = 2  # changed stretches quoted per paragraph; more are counted
SAME_PARAGRAPH = 0.5  # similarity above which a removed and an added paragraph are one edited paragraph
BLANK = "(để trống)"
# Lines of the reading text that mark structure rather than text the clerk wrote.
_MARKERS = ("=== hết phần", "--- chú thích ---")


@dataclass(frozen=True, slots=True)
class FigureChange:
    """A figure whose value differs; `old` or `new` is None when the figure was added or removed."""

    name: str
    old: str | None
    new: str | None

    def describe(self) -> str:
        if self.old is None:
            return f"{self.name}: thêm, {self.new}"
        if self.new is None:
            return f"{self.name}: bỏ (trước là {self.old})"
        return f"{self.name}: {self.old} → {self.new}"


@dataclass(frozen=True, slots=True)
class ParagraphChange:
    """A paragraph (or table row, or footnote) added, removed or edited."""

    kind: Literal["thêm", "bỏ", "sửa"]
    old: str | None
    new: str | None

    def describe(self) -> str:
        text = self.new if self.new is not None else self.old or ""
        line = f"{self.kind} «{_first_words(text)}»"
        if self.kind == "sửa" and self.old is not None and self.new is not None:
            line += ": " + _edited_words(self.old, self.new)
        return line


@dataclass(frozen=True, slots=True)
class Changes:
    """The change list between two generations of a report."""

    figures: tuple[FigureChange, ...] = ()
    paragraphs: tuple[ParagraphChange, ...] = ()

    @property
    def empty(self) -> bool:
        return not self.figures and not self.paragraphs

    def lines(self) -> list[str]:
        """Return the list as the clerk reads it, in Vietnamese."""
        if self.empty:
            return ["Không có gì thay đổi so với lần sinh trước."]
        out = ["Những gì thay đổi so với lần sinh trước:"]
        if self.figures:
            out.append(f"  Số liệu ({len(self.figures)}):")
            out += [f"    - {change.describe()}" for change in self.figures]
        if self.paragraphs:
            out.append(f"  Đoạn văn ({len(self.paragraphs)}):")
            out += [f"    - {change.describe()}" for change in self.paragraphs]
        return out


def figure_values(figures: Mapping[str, Any]) -> dict[str, str]:
    """Return the typed figures as dotted name → value printed the Vietnamese way, in typed order."""
    out: dict[str, str] = {}

    def walk(node: Mapping[str, Any], prefix: str) -> None:
        for key, value in node.items():
            name = f"{prefix}{key}"
            if isinstance(value, Mapping):
                walk(value, name + ".")
            elif value is None:
                out[name] = BLANK
            elif isinstance(value, int | Decimal | float) and not isinstance(value, bool):
                out[name] = format_number(value)
            elif isinstance(value, str):
                out[name] = value

    walk(figures, "")
    return out


def figures_property(figures: Mapping[str, Any]) -> dict[str, str]:
    """Return the custom property that records the typed figures for the next run's change list
    (`render.render_plan` writes it while it finishes the package)."""
    return {FIGURES_PROPERTY: json.dumps(figure_values(figures), ensure_ascii=False, separators=(",", ":"))}


def record_figures(data: bytes, figures: Mapping[str, Any], stamp: datetime) -> bytes:
    """Return the package with its typed figures recorded for the next run's change list."""
    [(name, text)] = figures_property(figures).items()
    return with_custom_property(data, name, text, stamp)


def _recorded_figures(data: bytes) -> dict[str, str] | None:
    """Return the figures recorded in a package, or None when it carries none (hand-typed, older)."""
    text = custom_property(data, FIGURES_PROPERTY)
    if text is None:
        return None
    try:
        loaded = json.loads(text)
    except ValueError:
        return None
    if not isinstance(loaded, dict):
        return None
    return {str(k): str(v) for k, v in loaded.items()}


def _paragraphs(data: bytes) -> tuple[str, ...]:
    """Return the paragraphs of an output's reading text (`document_text` remembers the last two)."""
    return tuple(
        line.strip()
        for line in document_text(data).splitlines()
        if line.strip() and not line.startswith(_MARKERS)
    )


def _figure_changes(old: dict[str, str] | None, new: dict[str, str] | None) -> Iterator[FigureChange]:
    if old is None or new is None:
        return
    for name, value in new.items():
        if name not in old:
            yield FigureChange(name, None, value)
        elif old[name] != value:
            yield FigureChange(name, old[name], value)
    for name, value in old.items():
        if name not in new:
            yield FigureChange(name, value, None)


def _similar(a: str, b: str) -> bool:
    return difflib.SequenceMatcher(None, a.split(), b.split(), autojunk=False).ratio() >= SAME_PARAGRAPH


def _replaced(old: Sequence[str], new: Sequence[str]) -> Iterator[ParagraphChange]:
    """Pair the paragraphs of one replaced stretch: similar ones are edits, the rest added or removed."""
    if not any(_similar(a, b) for a in old for b in new):  # a paragraph replaced by another: out, then in
        yield from (ParagraphChange("bỏ", gone, None) for gone in old)
        yield from (ParagraphChange("thêm", None, added) for added in new)
        return
    i = 0
    for paragraph in new:
        match = next((k for k in range(i, len(old)) if _similar(old[k], paragraph)), None)
        if match is None:
            yield ParagraphChange("thêm", None, paragraph)
            continue
        for gone in old[i:match]:
            yield ParagraphChange("bỏ", gone, None)
        yield ParagraphChange("sửa", old[match], paragraph)
        i = match + 1
    for gone in old[i:]:
        yield ParagraphChange("bỏ", gone, None)


def _paragraph_changes(old: Sequence[str], new: Sequence[str]) -> Iterator[ParagraphChange]:
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        yield from _replaced(old[i1:i2], new[j1:j2])


def compare_outputs(old: bytes, new: bytes) -> Changes:
    """Return what changed from the output `old` to the output `new` (both .docx bytes).

    Equal bytes have equal figures and text: nothing is read then (a re-render without a change, the
    commonest case, spent ~35 ms of CPU reading both outputs of Phổ Hòa to find nothing).
    """
    if old == new:
        return Changes()
    figures = tuple(_figure_changes(_recorded_figures(old), _recorded_figures(new)))
    paragraphs = tuple(_paragraph_changes(_paragraphs(old), _paragraphs(new)))
    return Changes(figures, paragraphs)


def _first_words(text: str, count: int = FIRST_WORDS) -> str:
    words = text.split()
    return " ".join(words[:count]) + ("…" if len(words) > count else "")


def _edited_words(old: str, new: str) -> str:
    """Return the stretches of words that differ, quoted: «521» → «530»."""
    a, b = old.split(), new.split()
    stretches = [
        op for op in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes() if op[0] != "equal"
    ]
    shown = []
    for _, i1, i2, j1, j2 in stretches[:SHOWN_STRETCHES]:
        before = _first_words(" ".join(a[i1:i2]), SHOWN_WORDS)
        after = _first_words(" ".join(b[j1:j2]), SHOWN_WORDS)
        if not before:
            shown.append(f"thêm «{after}»")
        elif not after:
            shown.append(f"bỏ «{before}»")
        else:
            shown.append(f"«{before}» → «{after}»")
    rest = len(stretches) - SHOWN_STRETCHES
    return "; ".join(shown) + (f"; và {rest} chỗ khác" if rest > 0 else "")
