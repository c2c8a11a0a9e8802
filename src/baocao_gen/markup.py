"""The prose markup clerks write inside YAML block scalars (see docs/danh-dau.md).

One line is one paragraph (a clerk's editor wraps long lines; an accidental newline must not merge
two paragraphs). `- ` and `+ ` start dash and plus bullets, `#. ` / `#) ` / `#là ` number paragraphs
(1., a), "Một là,") from their position, `*italic*`, `**bold**`, `[^id]` a footnote, `{ho_so.tong}` a
figure, `[[nq25]]` a citation, a trailing `\\` a hard line break, `[ngắt trang]` a page break.

User text is data: it is parsed here, never handed to Jinja, so `{{`, `{%` or `<` in it are printed
as typed. Every problem becomes a diagnostic located at the line and column the clerk typed: the
parser keeps each character's offset into the text it was given (through leads, indentation and
joined lines), and the caller's locator (`YStr.location_at`) turns an offset into a place in the file.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from .codes import Code
from .diagnostics import Diagnostic, Location
from .document import Block, Inline, LineBreak, NoteRef, PageBreak, Paragraph, Run
from .vietnamese import enumeration_lead, point_letter

__all__ = [
    "Locator",
    "MarkupContext",
    "Unresolved",
    "parse_blocks",
    "parse_inline",
    "parse_title",
    "plain_text",
    "smart_quotes",
]

PAGE_BREAK_LINE = "[ngắt trang]"
_TOKEN = re.compile(r"\\(.)|\*\*|\*|\[\^([^\]\s]+)\]|\[\[([^\]]+)\]\]|\{([^{}\s]+)\}")


@dataclass(frozen=True)
class Unresolved:
    """Why a figure reference that names something real cannot be printed (it is blank, a total lacks a
    part): the clerk needs that reason, not "no such figure"."""

    message: str
    hint: str


Locator = Callable[[int], Location | None]
"""Where the character at an offset of the text being parsed was typed (`YStr.location_at`)."""


@dataclass
class MarkupContext:
    """What references resolve against, and where problems are collected.

    `inspect` sees each line of text with a locator for its own offsets, to report inside it.
    """

    figure: Callable[[str], str | Unresolved | None]
    citation: Callable[[str], str | None]
    footnote: Callable[[str, Location], int | None]
    diagnostics: list[Diagnostic] = field(default_factory=list)
    allow_footnotes: bool = True
    inspect: Callable[[str, Locator], None] | None = None


def smart_quotes(text: str) -> str:
    """Turn straight double quotes into Vietnamese “…” when they pair up."""
    if '"' not in text:
        return text
    pieces = text.split('"')
    if len(pieces) % 2 == 0:  # an odd number of quotes: they do not pair up
        return text
    out = [pieces[0]]
    for index, piece in enumerate(pieces[1:]):
        out.append("“" if index % 2 == 0 else "”")
        out.append(piece)
    return "".join(out)


def _locator(origin: Location | Locator | None, text: str) -> Locator:
    """Return a locator for offsets into `text`.

    A `Location` says where `text` starts and that its lines were typed one under the other from that
    column; a locator (from the loaded value) is used as it is.
    """
    if origin is None:
        return lambda offset: None
    if isinstance(origin, Location):
        start = origin

        def at(offset: int) -> Location:
            line = text.count("\n", 0, offset)
            column = offset - (text.rfind("\n", 0, offset) + 1)
            return Location(start.file, start.line + line, start.column + column, start.path)

        return at
    return origin


def parse_inline(
    text: str,
    ctx: MarkupContext,
    origin: Location | Locator | None = None,
    offset: int = 0,
    base_bold: bool = False,
) -> list[Inline]:
    """Return the runs of one line of markup; `text[0]` is at `offset` of what `origin` locates."""
    where = _locator(origin, text)

    def at(index: int) -> Location | None:
        return where(offset + index)

    if ctx.inspect is not None:
        ctx.inspect(text, at)
    typed = text
    text = smart_quotes(text)  # one character for one: positions stay those of the typed text
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
            number = ctx.footnote(note, at(match.start()) or Location("?")) if ctx.allow_footnotes else None
            if not ctx.allow_footnotes:
                ctx.diagnostics.append(
                    Diagnostic(
                        Code.BAD_MARKUP,
                        "không đặt chú thích trong chú thích hoặc tiêu đề.",
                        at(match.start()),
                        token,
                    )
                )
            if number is not None:
                inlines.append(NoteRef(number))
        else:
            if cite is not None:
                resolved = ctx.citation(cite.strip())
                problem = f"không có văn bản «{cite.strip()}» trong danh mục trích dẫn."
                hint = "xem danh mục bằng lệnh `baocao trich-dan`, hoặc gõ thẳng tên văn bản"
            else:
                found = ctx.figure(figure)
                problem = f"không có số liệu «{figure}» trong `so_lieu`."
                hint = "kiểm tra tên số liệu; muốn in dấu ngoặc nhọn thì gõ \\{"
                if isinstance(found, Unresolved):
                    problem, hint, found = found.message, found.hint, None
                resolved = found
            if resolved is None:
                ctx.diagnostics.append(
                    Diagnostic(Code.MISSING_REFERENCE, problem, at(match.start()), token, hint)
                )
            buffer.append(token if resolved is None else resolved)
    buffer.append(text[position:])
    flush()
    for marker, start in open_at.items():
        if start >= 0:
            name = "đậm" if marker == "**" else "nghiêng"
            ctx.diagnostics.append(
                Diagnostic(
                    Code.BAD_MARKUP,
                    f"dấu {marker} mở chữ {name} nhưng chưa đóng.",
                    at(start),
                    typed[start:],
                    f"thêm {marker} ở cuối đoạn chữ {name}, hoặc gõ \\{marker[0]} để in dấu sao",
                )
            )
    return [i for i in inlines if not (isinstance(i, Run) and i.text == "")]


def parse_title(
    text: str, ctx: MarkupContext, origin: Location | Locator | None = None, base_bold: bool = False
) -> list[Inline]:
    """Return the runs of a one-paragraph text (trích yếu, titles): `\\` + newline breaks the line,
    a plain newline (from a `|` block) is a space."""
    where = _locator(origin, text)
    out: list[Inline] = []
    position = len(text) - len(text.lstrip())
    for index, part in enumerate(re.split(r"\\\n", text.strip())):
        if index:
            out.append(LineBreak())
        out.extend(parse_inline(" ".join(part.split("\n")), ctx, where, position, base_bold))
        position += len(part) + 2
    return out


def plain_text(inlines: list[Inline]) -> str:
    """Return the text of runs, line breaks as spaces (for metadata and measuring)."""
    return "".join(i.text if isinstance(i, Run) else " " for i in inlines if not isinstance(i, NoteRef))


Segment = tuple[int, str]
"""A stretch of one typed line, stripped, and the offset of its first character in the parsed text."""


def _lines(text: str) -> list[list[Segment]]:
    """Return the logical lines: the segments of the typed lines joined by a trailing backslash."""
    out: list[list[Segment]] = []
    pending: list[Segment] = []
    position = 0
    for raw in text.splitlines(keepends=True):
        content = raw.rstrip("\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")
        line = content.strip()
        segment = (position + len(content) - len(content.lstrip()), line)
        position += len(raw)
        if line.endswith("\\") and not line.endswith("\\\\"):
            pending.append((segment[0], line[:-1].rstrip()))
            continue
        out.append([*pending, segment])
        pending = []
    if pending:
        out.append(pending)
    return out


_LEADS = ("- ", "+ ", "#. ", "#) ", "#là ")


def parse_blocks(
    text: str | None, ctx: MarkupContext, origin: Location | Locator | None = None, style: str = "VanBan"
) -> list[Block]:
    """Return the paragraphs of a prose block; numbering markers count within this block."""
    if not text:
        return []
    where = _locator(origin, text)
    blocks: list[Block] = []
    counters = {"#.": 0, "#)": 0, "#là": 0}
    for segments in _lines(text):
        (start, line), rest = segments[0], segments[1:]
        if not line and not rest:
            continue
        if line == PAGE_BREAK_LINE and not rest:
            blocks.append(PageBreak())
            continue
        lead: list[Inline] = []
        marker = next((m for m in _LEADS if line.startswith(m)), "")
        if marker in ("- ", "+ "):
            lead = [Run(marker)]
        elif marker:
            counters[marker.strip()] += 1
            count = counters[marker.strip()]
            if marker == "#. ":
                lead = [Run(f"{count}. ")]
            elif marker == "#) ":
                try:
                    letter = point_letter(count)
                except ValueError:
                    shown = "\n".join(part for _, part in segments)
                    ctx.diagnostics.append(
                        Diagnostic(
                            Code.TOO_DEEP_OR_MANY,
                            "quá nhiều điểm để đánh chữ cái (tối đa đến “y)”).",
                            where(start),
                            shown,
                        )
                    )
                    letter = "?"
                lead = [Run(f"{letter}) ")]
            else:
                lead = [Run(f"{enumeration_lead(count)}, ", italic=True)]
        inlines = list(lead)
        for index, (offset, part) in enumerate([(start + len(marker), line[len(marker) :]), *rest]):
            if index:
                inlines.append(LineBreak())
            inlines.extend(parse_inline(part, ctx, where, offset))
        blocks.append(Paragraph(inlines, style=style))
    return blocks
