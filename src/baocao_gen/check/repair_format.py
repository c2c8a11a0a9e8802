"""What `--sua` changes in the look of text: font, size and emphasis of recognised components and body.

The decisions follow the component rule (`rules_parts.check_piece`) run by run, so a document the
checker passes is left exactly as it is: a font is changed only where one other than Times New Roman
is set, a size only where every size of the piece is known and one falls outside the range (it is
brought to the nearest bound, the smallest visible change), bold and underline to what the profile
requires, italic switched off only where most of the line is italic (a quoted name may stay italic).
Body text gets Times New Roman and a size in range: the size most body paragraphs already use.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from ..ooxml.reader import DocxDocument, Paragraph, Run
from ..ooxml.repair import RunProps, StyleSpan
from .components import Components, Piece
from .profiles import FONT, Expect, Profile, pt_text
from .repair_change import Change, Repair
from .rules_parts import profiled_pieces

__all__ = ["format_repairs"]


def run_spans(paragraph: Paragraph) -> list[tuple[Run, int, int]]:
    """Return the paragraph's runs that carry text with their [start, end) in its run text."""
    out: list[tuple[Run, int, int]] = []
    offset = 0
    for run in paragraph.runs:
        if run.text:
            out.append((run, offset, offset + len(run.text)))
        offset += len(run.text)
    return out


def column_span(paragraph: Paragraph, column: int) -> tuple[int, int]:
    """Return [start, end) of the text between tab `column` and the next one (a piece of a tab header)."""
    start = 0
    for i, segment in enumerate(paragraph.run_text.split("\t")):
        if i == column:
            return start, start + len(segment)
        start += len(segment) + 1
    return start, start


def _piece_runs(piece: Piece) -> list[tuple[Run, int, int]]:
    """Return the runs that carry the piece's letters, each cut to the piece's column."""
    low, high = column_span(piece.paragraph, piece.column)
    out = []
    for run, start, end in run_spans(piece.paragraph):
        start, end = max(start, low), min(end, high)
        if start < end and piece.paragraph.run_text[start:end].strip() and run.footnote_id is None:
            out.append((run, start, end))
    return out


def _nearest(size: float, low: float, high: float) -> float:
    return low if size < low else high


def _piece_props(runs: list[tuple[Run, int, int]], expect: Expect) -> list[tuple[int, int, RunProps]]:
    """Return the property changes, run by run, that bring a piece to what `expect` requires."""
    formats = [run.format for run, _, _ in runs]
    sizes_known = all(f.size is not None for f in formats)
    mostly_italic = sum(bool(f.italic) for f in formats) * 2 > len(formats)
    out = []
    for run, start, end in runs:
        f = run.format
        props = RunProps()
        if f.font and f.font != FONT:
            props = replace(props, font=FONT)
        low, high = expect.sizes
        if sizes_known and f.size is not None and not low <= f.size <= high:
            props = replace(props, size=_nearest(f.size, low, high))
        if expect.bold is not None and bool(f.bold) != expect.bold:
            props = replace(props, bold=expect.bold)
        if expect.italic is True and not f.italic:
            props = replace(props, italic=True)
        elif expect.italic is False and mostly_italic and f.italic:
            props = replace(props, italic=False)
        if expect.underline is not None and bool(f.underline) != expect.underline:
            props = replace(props, underline=expect.underline)
        if props != RunProps():
            out.append((start, end, props))
    return out


def _describe(runs: list[tuple[Run, int, int]], changes: list[tuple[int, int, RunProps]]) -> str:
    """Say in a clerk's words what the changes do: `phông Arial → Times New Roman; in đậm`."""
    before = {start: run.format for run, start, _ in runs}
    said: list[str] = []
    fonts = sorted({before[s].font or "" for s, _, p in changes if p.font} - {""})
    if fonts:
        said.append(f"phông {', '.join(fonts)} → {FONT}")
    for old, new in sorted({(before[s].size, p.size) for s, _, p in changes if p.size is not None}):
        said.append(f"cỡ chữ {pt_text(old or 0)} → {pt_text(new or 0)}")
    for name, on, off in (
        ("bold", "in đậm", "bỏ in đậm"),
        ("italic", "in nghiêng", "bỏ in nghiêng"),
        ("underline", "gạch chân", "bỏ gạch chân"),
    ):
        values = {getattr(p, name) for _, _, p in changes} - {None}
        said += [on] if True in values else []
        said += [off] if False in values else []
    return "; ".join(said)


def _body(parts: Components, profile: Profile) -> list[Repair]:
    low, high = profile.body_sizes
    counts = Counter(
        run.format.size
        for paragraph in parts.body
        for run in paragraph.visible_runs()
        if run.format.size is not None and low <= run.format.size <= high and not run.format.superscript
    )
    usual = max(counts, key=lambda size: (counts[size], size)) if counts else None
    out: list[Repair] = []
    for paragraph in parts.body:
        if not paragraph.visible_runs() or paragraph.format.alignment in ("center", "right"):
            continue  # the body rule skips these too
        runs = [
            (run, start, end)
            for run, start, end in run_spans(paragraph)
            if run.text.strip() and run.footnote_id is None
        ]
        spans: list[tuple[int, int, RunProps]] = []
        for run, start, end in runs:
            f = run.format
            props = RunProps()
            if f.font and f.font != FONT:
                props = replace(props, font=FONT)
            if f.size is not None and not f.superscript and not low <= f.size <= high:
                props = replace(props, size=usual or _nearest(f.size, low, high))
            if props != RunProps():
                spans.append((start, end, props))
        if spans:
            change = Change(
                "đoạn văn: " + _describe(runs, spans),
                profile.body_rule,
                paragraph=paragraph.index,
                text=paragraph.text,
            )
            out.append(Repair(change, tuple(StyleSpan(paragraph.index, s, e, p) for s, e, p in spans)))
    return out


def format_repairs(doc: DocxDocument, parts: Components, profile: Profile | None) -> list[Repair]:
    """Return the run-property repairs of the recognised components and of the body."""
    if profile is None:
        return []  # without a system the sizes and emphasis to give are unknown
    out: list[Repair] = []
    for key, piece in profiled_pieces(parts, profile):
        expect = profile.components[key]
        runs = _piece_runs(piece)
        spans = _piece_props(runs, expect)
        if not spans:
            continue
        change = Change(
            f"{expect.name}: {_describe(runs, spans)}",
            expect.rule,
            paragraph=piece.paragraph.index,
            text=None if expect.name.startswith("«") else piece.text,  # the name already quotes it
        )
        out.append(Repair(change, tuple(StyleSpan(piece.paragraph.index, s, e, p) for s, e, p in spans)))
    return out + _body(parts, profile)
