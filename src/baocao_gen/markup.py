"""The prose markup clerks write inside YAML block scalars (see docs/danh-dau.md).

One line is one paragraph (a clerk's editor wraps long lines; an accidental newline must not merge
two paragraphs). `- ` and `+ ` start dash and plus bullets, `#. ` / `#) ` / `#là ` number paragraphs
(1., a), "Một là,") from their position, `*italic*`, `**bold**`, `[^id]` a footnote, `{ho_so.tong}` a
figure, `[[nq25]]` a citation, a trailing `\\` a hard line break, `[ngắt trang]` a page break.

User text is data: it is parsed here, never handed to Jinja, so `{{`, `{%` or `<` in it are printed
as typed. Every problem becomes a diagnostic located at the line the clerk typed.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from .diagnostics import Diagnostic, Location
from .document import Block, Inline, LineBreak, NoteRef, PageBreak, Paragraph, Run
from .vietnamese import enumeration_lead, point_letter

__all__ = ["MarkupContext", "Unresolved", "parse_blocks", "parse_inline", "parse_title", "plain_text", "smart_quotes"]

PAGE_BREAK_LINE = "[ngắt trang]"
_TOKEN = re.compile(r"\\(.)|\*\*|\*|\[\^([^\]\s]+)\]|\[\[([^\]]+)\]\]|\{([^{}\s]+)\}")


@dataclass(frozen=True)
class Unresolved:
    """Why a figure reference that names something real cannot be printed (it is blank, a total lacks a
    part): the clerk needs that reason, not "no such figure"."""

    message: str
    hint: str


@dataclass
class MarkupContext:
    """What references resolve against, and where problems are collected."""

    figure: Callable[[str], str | Unresolved | None]
    citation: Callable[[str], str | None]
    footnote: Callable[[str, Location], int | None]
    diagnostics: list[Diagnostic] = field(default_factory=list)
    allow_footnotes: bool = True
    inspect: Callable[[str, Location | None], None] | None = None


def smart_quotes(text: str) -> str:
    """Turn straight double quotes into Vietnamese “…” when they pair up."""
    if text.count('"') % 2:
        return text
    out, opening = [], True
    for char in text:
        if char == '"':
            out.append("“" if opening else "”")
            opening = not opening
        else:
            out.append(char)
    return "".join(out)


def _where(origin: Location | None, line_offset: int, column: int = 0) -> Location | None:
    if origin is None:
        return None
    return Location(origin.file, origin.line + line_offset, origin.column + column, origin.path)


def parse_inline(
    text: str, ctx: MarkupContext, origin: Location | None = None, line_offset: int = 0, base_bold: bool = False
) -> list[Inline]:
    """Return the runs of one line of markup."""
    if ctx.inspect is not None:
        ctx.inspect(text, _where(origin, line_offset))
    text = smart_quotes(text)
    inlines: list[Inline] = []
    bold = italic = False
    buffer: list[str] = []
    open_at: dict[str, int] = {}

    def flush() -> None:
        if buffer:
            inlines.append(Run("".join(buffer), bold=bold or base_bold, italic=italic))
            buffer.clear()

    position = 0
    for match in _TOKEN.finditer(text):
        buffer.append(text[position : match.start()])
        position = match.end()
        escaped, note, cite, figure = match.group(1), match.group(2), match.group(3), match.group(4)
        token = match.group(0)
        if escaped is not None:
            buffer.append(escaped)
        elif token == "**":
            flush()
            bold = not bold
            open_at["**"] = match.start() if bold else -1
        elif token == "*":
            flush()
            italic = not italic
            open_at["*"] = match.start() if italic else -1
        elif note is not None:
            flush()
            number = ctx.footnote(note, _where(origin, line_offset, match.start()) or Location("?")) if ctx.allow_footnotes else None
            if not ctx.allow_footnotes:
                ctx.diagnostics.append(
                    Diagnostic("D122", "không đặt chú thích trong chú thích hoặc tiêu đề.", _where(origin, line_offset, match.start()), token)
                )
            if number is not None:
                inlines.append(NoteRef(number))
        else:
            if cite is not None:
                resolved = ctx.citation(cite.strip())
                problem = f"không có văn bản «{cite.strip()}» trong danh mục trích dẫn."
                hint = "xem danh mục bằng lệnh `baocao trich-dan`, hoặc gõ thẳng tên văn bản"
            else:
                resolved = ctx.figure(figure)
                problem = f"không có số liệu «{figure}» trong `so_lieu`."
                hint = "kiểm tra tên số liệu; muốn in dấu ngoặc nhọn thì gõ \\{"
                if isinstance(resolved, Unresolved):
                    problem, hint, resolved = resolved.message, resolved.hint, None
            if resolved is None:
                ctx.diagnostics.append(Diagnostic("D121", problem, _where(origin, line_offset, match.start()), token, hint))
            buffer.append(token if resolved is None else resolved)
    buffer.append(text[position:])
    flush()
    for marker, start in open_at.items():
        if start >= 0:
            name = "đậm" if marker == "**" else "nghiêng"
            ctx.diagnostics.append(
                Diagnostic(
                    "D122",
                    f"dấu {marker} mở chữ {name} nhưng chưa đóng.",
                    _where(origin, line_offset, start),
                    text,
                    f"thêm {marker} ở cuối đoạn chữ {name}, hoặc gõ \\{marker[0]} để in dấu sao",
                )
            )
    return [i for i in inlines if not (isinstance(i, Run) and i.text == "")]


def parse_title(text: str, ctx: MarkupContext, origin: Location | None = None, base_bold: bool = False) -> list[Inline]:
    """Return the runs of a one-paragraph text (trích yếu, titles): `\\` + newline breaks the line,
    a plain newline (from a `|` block) is a space."""
    out: list[Inline] = []
    for index, part in enumerate(re.split(r"\\\n", text.strip())):
        if index:
            out.append(LineBreak())
        out.extend(parse_inline(" ".join(part.split("\n")), ctx, origin, index, base_bold))
    return out


def plain_text(inlines: list[Inline]) -> str:
    """Return the text of runs, line breaks as spaces (for metadata and measuring)."""
    return "".join(i.text if isinstance(i, Run) else " " for i in inlines if not isinstance(i, NoteRef))


def _lines(text: str) -> list[tuple[int, str]]:
    """Return (line offset, logical line), joining lines that end with a backslash."""
    out: list[tuple[int, str]] = []
    pending: tuple[int, str] | None = None
    for index, raw in enumerate(text.splitlines()):
        line = raw.strip()
        if pending is not None:
            start, head = pending
            line = head + "\n" + line
            index = start
            pending = None
        if line.endswith("\\") and not line.endswith("\\\\"):
            pending = (index, line[:-1].rstrip())
            continue
        out.append((index, line))
    if pending is not None:
        out.append(pending)
    return out


def parse_blocks(
    text: str | None, ctx: MarkupContext, origin: Location | None = None, style: str = "VanBan"
) -> list[Block]:
    """Return the paragraphs of a prose block; numbering markers count within this block."""
    if not text:
        return []
    blocks: list[Block] = []
    counters = {"#.": 0, "#)": 0, "#là": 0}
    for offset, line in _lines(text):
        if not line:
            continue
        if line == PAGE_BREAK_LINE:
            blocks.append(PageBreak())
            continue
        lead: list[Inline] = []
        body = line
        if line.startswith(("- ", "+ ")):
            lead, body = [Run(line[:2])], line[2:]
        elif line.startswith("#. "):
            counters["#."] += 1
            lead, body = [Run(f"{counters['#.']}. ")], line[3:]
        elif line.startswith("#) "):
            counters["#)"] += 1
            try:
                letter = point_letter(counters["#)"])
            except ValueError:
                ctx.diagnostics.append(
                    Diagnostic("D124", "quá nhiều điểm để đánh chữ cái (tối đa đến “y)”).", _where(origin, offset), line)
                )
                letter = "?"
            lead, body = [Run(f"{letter}) ")], line[3:]
        elif line.startswith("#là "):
            counters["#là"] += 1
            lead, body = [Run(f"{enumeration_lead(counters['#là'])}, ", italic=True)], line[4:]
        inlines = lead + _with_breaks(body, ctx, origin, offset)
        blocks.append(Paragraph(inlines, style=style))
    return blocks


def _with_breaks(text: str, ctx: MarkupContext, origin: Location | None, offset: int) -> list[Inline]:
    out: list[Inline] = []
    for index, part in enumerate(text.split("\n")):
        if index:
            out.append(LineBreak())
        out.extend(parse_inline(part, ctx, origin, offset + index))
    return out
