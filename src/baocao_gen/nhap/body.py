"""The body of last year's report as period-file keys: opening, section tree, footnotes, tables, appendices.

Headings are recognised from their typed number or letter, from Word's automatic numbering, from a
heading style, or from emphasis (a short bold line without a final period). The numbers are dropped
(the tool computes them from the position) and the kind of each level is kept in `danh_so`. A
paragraph that opens with the next number of a level but is not a heading is a section without a
title, as the data files write "1. Tiếp tục …" (docs/du-lieu.md). Everything else is prose in the
markup of docs/danh-dau.md, escaped so that it prints as typed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..check.components import Components
from ..ooxml.reader import DocxDocument, Footnote, Paragraph, Table
from .body_appendices import after_closing, appendix, first_index, landscape, section_blocks
from .body_kind import suggest_kind
from .body_markup import escape, runs_markup, strip_prefix
from .citations import Citer, unit_documents
from .notes import ImportNote, NoteKind
from .outline import KIND_ORDER, Number, number_of
from .tables import read_table

__all__ = ["BodyImport", "read_body"]

_CLOSING = re.compile(r"^(Trên đây|.*kính báo cáo|.*\./\.$)", re.IGNORECASE)
_HEADING_STYLE = re.compile(r"^(heading|tiêu đề)\s*(\d*)$", re.IGNORECASE)
_LIST_LABEL = {"bullet"}
_MAX_HEADING = 300
_MAX_PLAIN_TITLE = 160  # a numbered line without bold longer than this is a list item, not a title
# the level an unnumbered heading gets below the deepest one in use: points (a, b) under clauses, as usual
_NEXT_KIND: dict[str | None, str] = {
    None: "la_ma",
    "phan": "la_ma",
    "la_ma": "so",
    "so": "chu",
    "so_phu": "chu",
}


@dataclass(slots=True)
class BodyImport:
    """What the body of a report gives the period file, the notes about it, and a suggested kind."""

    period: dict[str, object]
    notes: list[ImportNote]
    suggested_kind: str | None = None


@dataclass(slots=True)
class _Node:
    level: int
    number: int
    title: str | None = None
    prose: list[str] = field(default_factory=list)
    tables: list[dict[str, object]] = field(default_factory=list)
    children: list[_Node] = field(default_factory=list)
    after: list[str] = field(default_factory=list)
    refs: list[str] = field(default_factory=list)  # footnote references of the title (a title holds none)

    def add_prose(self, line: str) -> None:
        if self.refs:
            line, self.refs = line + "".join(self.refs), []
        (self.after if self.children or self.tables else self.prose).append(line)

    def data(self) -> dict[str, object]:
        if self.refs:
            self.add_prose("")
        out: dict[str, object] = {}
        if self.title is not None:
            out["tieu_de"] = self.title
        if self.prose:
            out["van_ban"] = "\n".join(self.prose)
        if self.tables:
            out["bang"] = self.tables
        if self.children:
            out["muc"] = [c.data() for c in self.children]
        if self.after:
            out["van_ban_sau"] = "\n".join(self.after)
        return out


class _Footnotes:
    """Names footnote references `c1`, `c2`… in reading order and keeps their texts for `chu_thich`."""

    def __init__(self, doc: DocxDocument, notes: list[ImportNote]):
        self.doc = doc
        self.names: dict[int, str] = {}
        self.texts: dict[str, str] = {}
        self.notes = notes

    def _markup(self, footnote: Footnote) -> str:
        """The note's paragraphs as markup lines, bold and italic kept (a reader without runs: its text)."""
        if not footnote.paragraphs:
            return escape(footnote.text)
        lines = [runs_markup(runs, self).strip() for runs in footnote.paragraphs]
        return "\n".join(line for line in lines if line)

    def __call__(self, note_id: int) -> str:
        if note_id not in self.names:
            name = f"c{len(self.names) + 1}"
            self.names[note_id] = name
            footnote = self.doc.footnotes.get(note_id)
            self.texts[name] = self._markup(footnote) if footnote is not None else ""
            if footnote is None:
                self.notes.append(
                    ImportNote(NoteKind.TO_CHECK, f"chú thích số {note_id} không có nội dung trong tệp.")
                )
        return self.names[note_id]


def _visible_bold(paragraph: Paragraph, skip: int) -> bool:
    runs = [r for r in strip_prefix(paragraph.runs, skip) if r.text.strip() and r.footnote_id is None]
    return bool(runs) and all(r.format.bold for r in runs)


def _style_level(paragraph: Paragraph) -> int | None:
    """Level hinted by a heading style (Heading 1, Tiêu đề 2); None for ordinary paragraph styles."""
    name = (paragraph.style_name or paragraph.style_id or "").strip()
    match = _HEADING_STYLE.match(name)
    if match is None:
        return None
    return int(match.group(2)) if match.group(2) else 1


def _number(paragraph: Paragraph) -> tuple[Number | None, int]:
    """The paragraph's heading number and how many characters of its runs it takes (0 for a Word label)."""
    if paragraph.label and paragraph.label_format not in _LIST_LABEL:
        found = number_of(paragraph.label + " ")
        return (Number(found.kind, found.value, 0, found.parents) if found else None), 0
    found = number_of(paragraph.run_text)
    return found, (found.length if found else 0)


def _is_heading(paragraph: Paragraph, number: Number | None, skip: int) -> bool:
    text = paragraph.run_text[skip:].strip()
    if number is not None and number.kind in ("phan", "la_ma"):
        return len(text) <= _MAX_HEADING
    if _style_level(paragraph) is not None:
        return True
    if not text:
        return number is not None
    return _visible_bold(paragraph, skip) and len(text) <= _MAX_HEADING and not text.endswith((".", ";", ","))


def _plain_title(paragraph: Paragraph, skip: int) -> bool:
    """A numbered line typed without bold that reads as a title: short, no closing punctuation, one sentence.

    Only inside an outline already begun (a clerk's "1. Thuận lợi" under "I-Đặc điểm tình hình"); before
    the first section a numbered line stays in the opening, where lists are common.
    """
    text = paragraph.run_text[skip:].strip()
    return 0 < len(text) <= _MAX_PLAIN_TITLE and not text.endswith((".", ";", ",", ":")) and ". " not in text


def _title_line_below(paragraph: Paragraph) -> bool:
    """A second line of a part's title: centred, upper-case, unnumbered (a clerk's Enter in a long title)."""
    text = paragraph.run_text.strip()
    return (
        paragraph.format.alignment == "center"
        and not paragraph.label
        and text == text.upper()
        and any(c.isalpha() for c in text)
        and number_of(text) is None
    )


class _Builder:
    """Walks the body blocks once, building the section tree."""

    def __init__(self, doc: DocxDocument, notes: list[ImportNote], footnotes: _Footnotes, citer: Citer):
        self.doc = doc
        self.notes = notes
        self.footnotes = footnotes
        self.citer = citer
        self.root = _Node(-1, 0)
        self.stack: list[_Node] = [self.root]
        self.kinds: list[str] = []  # kind of each level, once known
        self.opening: list[str] = []
        self.pending_part: _Node | None = None
        self.part_title: _Node | None = None  # a part whose title line was just read (it may go on below)
        self.headings: list[str] = []
        self.held_refs: list[str] = []  # footnote references taken off the title being read

    # --- levels ------------------------------------------------------------------------------------

    def level_of(self, kind: str) -> int:
        """The level of a numbering kind: known, or the next one in (-1: a kind above one in use)."""
        if kind in self.kinds:
            return self.kinds.index(kind)
        rank = KIND_ORDER.index(kind)
        if any(KIND_ORDER.index(k) > rank for k in self.kinds):
            return -1  # a kind above a level already in use: read as prose, not a new outer level
        return len(self.kinds)

    def use(self, kind: str, level: int) -> None:
        if level == len(self.kinds):
            self.kinds.append(kind)

    def expected(self, level: int) -> int:
        """The number the next section of `level` would get where the walk stands."""
        if level > len(self.stack) - 1:
            return 0
        if level == len(self.stack) - 1:
            return 1
        return self.stack[level + 1].number + 1

    # --- blocks ------------------------------------------------------------------------------------

    def prose(self, paragraph: Paragraph, skip: int = 0, *, numbered: bool = False) -> str:
        """The paragraph as a line of markup; `numbered`: its number starts a section, so it is left out."""
        runs = strip_prefix(paragraph.runs, skip) if skip else paragraph.runs
        line = runs_markup(runs, self.footnotes)
        if paragraph.label and paragraph.label_format in _LIST_LABEL:
            line = ("+ " if (paragraph.list_level or 0) > 0 else "- ") + line.lstrip()
        elif paragraph.label and not numbered:
            line = escape(paragraph.label) + " " + line.lstrip()  # Word's number, kept as the reader sees it
        else:
            stripped = line.lstrip()
            for bullet in ("•", "·", "▪", "◦"):
                if stripped.startswith(bullet):
                    line = "- " + stripped[len(bullet) :].lstrip()
        return self.citer(line, paragraph.index)

    def add_prose(self, line: str) -> None:
        if not line.strip():
            return
        if self.pending_part is not None:
            self.pending_part = None
        if len(self.stack) == 1:
            self.opening.append(line)
        else:
            self.stack[-1].add_prose(line)

    def open(self, level: int, number: int, title: str | None) -> _Node:
        while len(self.stack) - 1 > level:
            self.stack.pop()
        while len(self.stack) - 1 < level:  # a level skipped in the original: an untitled section between
            self.notes.append(
                ImportNote(
                    NoteKind.TO_CHECK,
                    f"«{title or ''}»: bản gốc bỏ qua một cấp mục; một mục không tiêu đề được thêm ở giữa, xem lại.",
                )
            )
            filler = _Node(len(self.stack) - 1, 1)
            self.stack[-1].children.append(filler)
            self.stack.append(filler)
        node = _Node(level, number, title, refs=self.held_refs)
        self.held_refs = []
        self.stack[-1].children.append(node)
        self.stack.append(node)
        return node

    def paragraph(self, paragraph: Paragraph) -> None:
        text = paragraph.run_text.strip()
        if paragraph.has_drawing:
            self.notes.append(
                ImportNote(
                    NoteKind.NOT_MAPPED, "hình vẽ hoặc ảnh trong đoạn này không được chuyển.", paragraph.index
                )
            )
        for instruction in paragraph.fields:
            kind = instruction.split(" ", 1)[0].upper() or "?"
            shown = f"; giữ chữ đang hiện «{text[:60]}»" if text else ""
            self.notes.append(
                ImportNote(
                    NoteKind.NOT_MAPPED,
                    f"trường tự động của Word ({kind}) không được chuyển thành trường{shown}.",
                    paragraph.index,
                )
            )
        if not text and not paragraph.label:
            return
        if self.pending_part is not None and self.pending_part.title is None:
            # "Phần thứ nhất" stands alone; its title is the line under it
            self.pending_part.title = self.title_text(paragraph, 0)
            self.pending_part.refs.extend(self.held_refs)
            self.held_refs = []
            self.headings.append(self.pending_part.title)
            self.part_title, self.pending_part = self.pending_part, None
            return
        part, self.part_title = self.part_title, None
        if part is not None and part.title and _title_line_below(paragraph):
            # a part title typed over two centred paragraphs: one title with a line break, as printed
            part.title += "\\\n" + self.title_text(paragraph, 0)
            self.headings[-1] = part.title
            return
        number, skip = _number(paragraph)
        heading = _is_heading(paragraph, number, skip) or (
            number is not None and len(self.stack) > 1 and _plain_title(paragraph, skip)
        )
        if number is not None:
            level = self.level_of(number.kind)
            if level < 0:
                self.add_prose(self.prose(paragraph))
                return
            expected = self.expected(level)
            if heading:
                self.use(number.kind, level)
                if expected and number.value != expected and number.kind != "phan":
                    self.notes.append(
                        ImportNote(
                            NoteKind.TO_CHECK,
                            f"số mục gõ «{paragraph.text[: skip or len(paragraph.label)].strip()}» không liền với mục trước; "
                            "công cụ đánh số lại theo vị trí.",
                            paragraph.index,
                        )
                    )
                title = self.title_text(paragraph, skip) if paragraph.run_text[skip:].strip() else None
                node = self.open(level, number.value, title)
                if title is None and number.kind == "phan":
                    self.pending_part = node
                elif title:
                    self.headings.append(title)
                return
            if number.value == expected and len(self.stack) > 1 and level >= len(self.stack) - 2:
                # a section without a title: child or next sibling of the innermost section only, so that
                # "2." of a list typed inside point a) of section 1 stays prose rather than closing the point
                self.use(number.kind, level)
                node = self.open(level, number.value, None)
                node.prose.append(self.prose(paragraph, skip, numbered=True))
                return
            if len(self.stack) == 1 and number.kind in ("la_ma", "so") and _plain_title(paragraph, skip):
                self.notes.append(
                    ImportNote(
                        NoteKind.TO_CHECK,
                        f"«{paragraph.run_text.strip()[:60]}» có số như một đề mục nhưng đứng trước mục đầu tiên: "
                        "giữ như gõ trong phần mở đầu; nếu là đề mục, chuyển vào `noi_dung`.",
                        paragraph.index,
                    )
                )
            self.add_prose(self.prose(paragraph))
            return
        if heading and len(self.stack) > 1 or _style_level(paragraph) is not None:
            level = min(len(self.stack) - 1, len(KIND_ORDER) - 1)
            style = _style_level(paragraph)
            if style is not None:
                level = min(style - 1, len(self.stack) - 1)
            if level >= len(self.kinds):
                following = _NEXT_KIND.get(self.kinds[-1] if self.kinds else None)
                if following is None or following in self.kinds:
                    self.add_prose(self.prose(paragraph))
                    return
                self.kinds.append(following)
                level = len(self.kinds) - 1
            title = self.title_text(paragraph, 0)
            self.open(level, self.expected(level) or 1, title)
            self.headings.append(title)
            self.notes.append(
                ImportNote(
                    NoteKind.TO_CHECK,
                    f"«{title[:60]}» được nhận là tiêu đề mục (không có số): công cụ sẽ đánh số cho mục này.",
                    paragraph.index,
                )
            )
            return
        self.add_prose(self.prose(paragraph))

    def title_text(self, paragraph: Paragraph, skip: int) -> str:
        """The title's markup; a footnote reference is held for the section's first paragraph (titles hold none)."""
        runs = strip_prefix(paragraph.runs, skip)
        refs = [f"[^{self.footnotes(r.footnote_id)}]" for r in runs if r.footnote_id is not None]
        if refs:
            self.held_refs.extend(refs)
            self.notes.append(
                ImportNote(
                    NoteKind.TO_CHECK,
                    "chú thích đặt ở tiêu đề mục được chuyển xuống cuối đoạn văn đầu tiên của mục "
                    "(tiêu đề không mang chú thích).",
                    paragraph.index,
                )
            )
        runs = [r for r in runs if r.footnote_id is None]
        return self.citer(runs_markup(runs, self.footnotes, emphasis=False).strip(), paragraph.index)

    def table(self, table: Table) -> None:
        data = read_table(table, self.footnotes, self.notes, self.citer)
        if len(self.stack) == 1:
            where = table.rows[0][0][0].index if table.rows and table.rows[0] and table.rows[0][0] else None
            self.notes.append(
                ImportNote(
                    NoteKind.TO_CHECK,
                    "bảng đứng trước mục đầu tiên: được đặt vào mục đầu tiên, xem lại.",
                    where,
                )
            )
            self.open(0, 1, None)
        node = self.stack[-1]
        if node.children:
            where = table.rows[0][0][0].index if table.rows and table.rows[0] and table.rows[0][0] else None
            self.notes.append(
                ImportNote(
                    NoteKind.TO_CHECK,
                    "bảng đứng sau các mục con: được đặt vào mục con cuối cùng, xem lại.",
                    where,
                )
            )
            while node.children:
                node = node.children[-1]
        node.tables.append(data)


def _closing_start(parts: Components) -> int | None:
    """The first paragraph of Nơi nhận and the signature (a closing table starts at its first cell)."""
    pieces = [*parts.signature, *parts.recipients]
    if parts.recipients_title is not None:
        pieces.append(parts.recipients_title)
    return min((p.paragraph.index for p in pieces), default=None)


def _text_boxes(doc: DocxDocument, anchor: Paragraph) -> list[Paragraph]:
    """Paragraphs of text boxes anchored in `anchor` (they follow it in the reader's numbering)."""
    out = []
    for paragraph in doc.paragraphs[anchor.index :]:
        if not paragraph.in_text_box:
            break
        out.append(paragraph)
    return out


def _body_blocks(doc: DocxDocument, parts: Components) -> list[Paragraph | Table]:
    """The blocks between the title and the closing, in order, tables included."""
    if not parts.body:
        return []
    start = parts.body[0].index
    end = _closing_start(parts)
    appendix_start = min(
        (s.first_paragraph for s in doc.sections if s.index in parts.appendix_sections), default=None
    )
    limit = min(i for i in (end, appendix_start, 10**9) if i is not None)
    blocks: list[Paragraph | Table] = []
    for block in doc.blocks:
        first = block.index if isinstance(block, Paragraph) else first_index(block)
        if first is None or first < start or first >= limit:
            continue
        blocks.append(block)
    return blocks


def _split_closing(blocks: list[Paragraph | Table]) -> tuple[list[Paragraph | Table], list[Paragraph]]:
    """Take the closing sentences ("Trên đây là …", "… kính báo cáo./.") off the end of the body."""
    closing: list[Paragraph] = []
    body = list(blocks)
    while body:
        last = body[-1]
        if isinstance(last, Table):
            break
        if not last.run_text.strip():
            body.pop()
            continue
        if _CLOSING.match(last.run_text.strip()) and len(closing) < 3 and number_of(last.run_text) is None:
            body.pop()
            closing.insert(0, last)
            continue
        break
    return body, closing


def read_body(doc: DocxDocument, parts: Components) -> BodyImport:
    """Return the period-file keys the body of `doc` gives, with notes on what to check."""
    notes: list[ImportNote] = []
    footnotes = _Footnotes(doc, notes)
    citer = Citer(notes)
    builder = _Builder(doc, notes, footnotes, citer)
    blocks, closing = _split_closing(_body_blocks(doc, parts))
    for block in blocks:
        if isinstance(block, Table):
            builder.table(block)
            continue
        builder.paragraph(block)
        for inner in _text_boxes(doc, block):
            if inner.run_text.strip():
                notes.append(
                    ImportNote(
                        NoteKind.NOT_MAPPED,
                        "khung chữ (text box) không chuyển được thành khung; chữ trong khung được giữ thành đoạn văn.",
                        inner.index,
                    )
                )
                builder.add_prose(builder.prose(inner))
    period: dict[str, object] = {}
    if builder.kinds:
        period["danh_so"] = list(builder.kinds)
    if builder.opening:
        period["mo_dau"] = "\n".join(builder.opening)
    if builder.root.children:
        period["noi_dung"] = [c.data() for c in builder.root.children]
    if closing:
        period["ket_thuc"] = "\n".join(builder.prose(p) for p in closing)
    elif blocks:
        notes.append(
            ImportNote(
                NoteKind.TO_CHECK,
                "không thấy câu kết («Trên đây là …», «… kính báo cáo./.»): công cụ sẽ viết câu kết mặc định "
                "(`ket_thuc`), xem lại.",
            )
        )
    appendices = [
        appendix(group, landscape(doc, group[0]), footnotes, notes, citer)
        for group in after_closing(doc, parts, notes)
    ]
    for section in doc.sections:
        if section.index in parts.appendix_sections:
            blocks = section_blocks(doc, section.index)
            appendices.append(appendix(blocks, section.landscape, footnotes, notes, citer))
    if footnotes.texts:
        period["chu_thich"] = dict(footnotes.texts)
    if appendices:
        period["phu_luc"] = appendices
    period = unit_documents(period, notes)
    return BodyImport(period, notes, suggest_kind(builder.headings, notes))
