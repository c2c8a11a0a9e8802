"""Finding the parts of an official document in any .docx: header, title, body, signature, Nơi nhận.

Documents typed in Word lay the header out in a borderless table, with tabs on one line, or in text
boxes; the signature sits beside Nơi nhận in a table or after a tab. Recognition therefore works on
*pieces*: a paragraph split at its tabs, each piece keeping the formats of its own runs. A part is
recognised by its text (the fixed wording of Quốc hiệu, "Số", "ngày … tháng … năm", "Nơi nhận:",
the signing marks), never by our own style names, so a document made elsewhere is read the same way.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from ..ooxml.extents import AuditExtents
from ..ooxml.reader import DocxDocument, Paragraph, RunFormat
from .findings import System

__all__ = ["Components", "Piece", "find_components", "pieces_of"]

_HEADER_WINDOW = 40  # paragraphs from the top where the header block must be
_STATE_MOTTO = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
_PARTY_TITLE = "ĐẢNG CỘNG SẢN VIỆT NAM"
_SLOGAN = "độc lập - tự do - hạnh phúc"
NUMBER_LINE = re.compile(r"^Số\b", re.IGNORECASE)
# The year may be left blank for the văn thư too (the data model allows a wholly blank date).
DATE_LINE = re.compile(r"ngày\s*\S*\s*tháng\s*\S*\s*năm\s*(?:\d{4}|$)", re.IGNORECASE)
RECIPIENTS_TITLE = re.compile(r"^\s*Nơi\s+nhận\s*:", re.IGNORECASE)
AUTHORITY = re.compile(r"^(TM\.|KT\.|TL\.|TUQ\.|Q\.|T/M|K/T|T/L|T/U|TM\b|KT\b|TL\b|TUQ\b)", re.IGNORECASE)
APPENDIX = re.compile(r"^\s*PH[ỤU]\s+L[ỤU]C\b", re.IGNORECASE)
ADDRESSEE = re.compile(r"^\s*Kính\s+gửi\b", re.IGNORECASE)
_PART_LINE = re.compile(r"^\s*phần\s+thứ\s", re.IGNORECASE)
LETTER_SUMMARY = re.compile(r"^\s*(V/v|V/V|v/v|Về\s+việc|về\s+việc)\b")


def fold(text: str) -> str:
    """Return text in NFC with its spaces collapsed and old/new tone placement made equal (HOÀ = HÒA)."""
    text = unicodedata.normalize("NFC", " ".join(text.split()))
    for old, new in (("OÀ", "ÒA"), ("oà", "òa"), ("OÁ", "ÓA"), ("oá", "óa"), ("UỶ", "ỦY"), ("uỷ", "ủy")):
        text = text.replace(old, new)
    return text


def _typed(char: str) -> bool:
    """A letter, or an invisible format mark (U+200F…) that stands where a name was typed (fuzz #1494)."""
    return char.isalpha() or unicodedata.category(char) == "Cf"


@dataclass(frozen=True, slots=True)
class Piece:
    """The part of a paragraph between tabs: its text and the formats of the runs that carry letters."""

    paragraph: Paragraph
    text: str
    formats: tuple[RunFormat, ...]
    column: int

    @property
    def folded(self) -> str:
        return fold(self.text)


def pieces_of(paragraph: Paragraph) -> list[Piece]:
    """Split a paragraph at its tabs into non-empty pieces (a header typed with tabs has two columns)."""
    pieces: list[Piece] = []
    text: list[str] = []
    formats: list[RunFormat] = []
    column = 0

    def close() -> None:
        joined = "".join(text).strip()
        if joined:
            pieces.append(Piece(paragraph, joined, tuple(formats), column))

    if paragraph.label:
        text.append(paragraph.label + " ")
    for run in paragraph.runs:
        parts = run.text.split("\t")
        for i, part in enumerate(parts):
            if i > 0:
                close()
                text, formats = [], []
                column += 1
            text.append(part)
            if part.strip() and run.footnote_id is None:
                formats.append(run.format)
    close()
    return pieces


@dataclass(slots=True)
class Components:
    """The recognised parts; a part not found stays None (or empty) and is reported, not guessed."""

    system: System | None = None
    detection: str = ""
    motto: Piece | None = None
    slogan: Piece | None = None
    party_title: Piece | None = None
    parent_bodies: list[Piece] = field(default_factory=list)
    issuer: list[Piece] = field(default_factory=list)
    number: Piece | None = None
    date: Piece | None = None
    doc_type: Piece | None = None
    summary: list[Piece] = field(default_factory=list)
    body: list[Paragraph] = field(default_factory=list)
    signature: list[Piece] = field(default_factory=list)
    recipients_title: Piece | None = None
    recipients: list[Piece] = field(default_factory=list)
    appendix_sections: list[int] = field(default_factory=list)
    header_end: int = 0
    typed_prose: frozenset[int] = frozenset()  # paragraphs whose typed numbers integrity has checked
    addressee: list[Paragraph] = field(default_factory=list)  # «Kính gửi:» and its «- …» lines
    letter_summary: Piece | None = None  # a công văn's trích yếu under số («V/v …», Party «về việc …»)
    extents: AuditExtents | None = None  # page-number sizes and border lines, when the bytes were read
    content: bool = True  # False in render's audit: what the clerk typed (a place name) is not judged here


def _detect(doc: DocxDocument, parts: Components, given: System | None) -> None:
    top = doc.paragraphs[:_HEADER_WINDOW]
    for paragraph in top:
        for piece in pieces_of(paragraph):
            upper = piece.folded.upper()
            if upper == _STATE_MOTTO and parts.motto is None:
                parts.motto = piece
            elif upper == _PARTY_TITLE and parts.party_title is None:
                parts.party_title = piece
            elif piece.folded.lower().replace("–", "-") == _SLOGAN and parts.slogan is None:
                parts.slogan = piece
    found: System | None = None
    if parts.motto is not None and parts.party_title is None:
        found, how = System.STATE, "nhận ra từ Quốc hiệu «CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM»"
    elif parts.party_title is not None and parts.motto is None:
        found, how = System.PARTY, "nhận ra từ dòng «ĐẢNG CỘNG SẢN VIỆT NAM»"
    elif parts.motto is not None:
        how = "không xác định: có cả Quốc hiệu lẫn «ĐẢNG CỘNG SẢN VIỆT NAM»"
    else:
        how = "không xác định: không thấy Quốc hiệu hay «ĐẢNG CỘNG SẢN VIỆT NAM» ở đầu văn bản"
    if given is not None:
        parts.system = given
        parts.detection = "theo --he-thong" + (
            "" if found in (None, given) else f" (đầu văn bản lại giống {found.label})"
        )
    else:
        parts.system = found
        parts.detection = how


def _header(doc: DocxDocument, parts: Components) -> None:
    """Số, date line and cơ quan lines: everything above the line that holds số or the date."""
    top = doc.paragraphs[:_HEADER_WINDOW]
    header_last = 0
    for paragraph in top:
        for piece in pieces_of(paragraph):
            if parts.number is None and NUMBER_LINE.match(piece.text) and re.search(r"[/-]", piece.text):
                parts.number = piece
                header_last = max(header_last, paragraph.index)
            elif parts.date is None and DATE_LINE.search(piece.text):
                parts.date = piece
                header_last = max(header_last, paragraph.index)
        if parts.number and parts.date:
            break
    anchors = [p for p in (parts.motto, parts.party_title) if p is not None]
    if not header_last and anchors:
        header_last = max(a.paragraph.index for a in anchors) + 1
    parts.header_end = header_last
    fixed = {id(p) for p in (parts.motto, parts.slogan, parts.party_title, parts.number, parts.date) if p}
    names: list[Piece] = []
    # in a header typed with tabs, the Quốc hiệu side starts at the column of its first fixed piece:
    # `CƠ QUAN<tab>QUỐC HIỆU` puts it at 1, `<tab>CƠ QUAN<tab>QUỐC HIỆU` (centre tab stops) at 2
    right_side = [
        f.column
        for f in (parts.motto, parts.slogan, parts.party_title, parts.date)
        if f is not None and f.paragraph.table is None and f.column > 0
    ]
    left_limit = min(right_side, default=1)
    # cơ quan lines stand above số: what sits under it in its column is a công văn's trích yếu
    above = parts.number.paragraph.index if parts.number is not None else header_last
    for paragraph in doc.paragraphs[: max(min(header_last - 1, above), 0)]:
        for piece in pieces_of(paragraph):
            if id(piece) in fixed or any(
                piece.paragraph is f.paragraph and piece.column == f.column
                for f in (parts.motto, parts.slogan, parts.party_title, parts.number, parts.date)
                if f is not None
            ):
                continue
            if piece.text.strip("*- _") == "" or not any(_typed(c) for c in piece.text):
                continue
            if piece.column >= left_limit and paragraph.table is None:
                continue  # right-hand column of a tab header: Quốc hiệu side, already matched
            if paragraph.table is not None and paragraph.cell is not None and paragraph.cell > 1:
                continue
            names.append(piece)
    bold = [bool(p.formats) and all(f.bold for f in p.formats) for p in names]
    if any(bold):
        first_bold = bold.index(True)
        parts.parent_bodies, parts.issuer = names[:first_bold], names[first_bold:]
    elif names:
        parts.parent_bodies, parts.issuer = names[:-1], names[-1:]


def _title(doc: DocxDocument, parts: Components) -> int:
    """Tên loại and trích yếu: the first upper-case centred line after the header, and the lines under it."""
    start = parts.header_end
    title_index = 0
    paragraphs = [p for p in doc.paragraphs if p.index > start and p.table is None and not p.in_text_box]
    for i, paragraph in enumerate(paragraphs[:12]):
        text = fold(paragraph.text)
        if not text:
            continue
        letters = [c for c in text if c.isalpha()]
        if letters and text == text.upper() and paragraph.format.alignment == "center" and len(text) <= 40:
            parts.doc_type = pieces_of(paragraph)[0]
            title_index = paragraph.index
            for below in paragraphs[i + 1 : i + 6]:
                below_text = below.text.strip()
                if not below_text or set(below_text) <= set("-_–"):
                    return below.index
                if below.format.alignment != "center" or _PART_LINE.match(below_text):
                    return below.index - 1  # «Phần thứ nhất» centred under the trích yếu starts the body
                parts.summary.extend(pieces_of(below))
                title_index = below.index
            return title_index
        break
    return start


def _closing(doc: DocxDocument, parts: Components) -> int | None:
    """Nơi nhận and the signature block; return the index of the first closing paragraph."""
    title = next(
        (p for p in doc.paragraphs if p.index > parts.header_end and RECIPIENTS_TITLE.match(p.text)), None
    )
    if title is None:
        return None
    title_piece = pieces_of(title)[0]
    parts.recipients_title = title_piece
    first = title.index
    if title.table is not None:
        same_cell = [
            p for p in doc.paragraphs if (p.table, p.row, p.cell) == (title.table, title.row, title.cell)
        ]
        for paragraph in same_cell:
            if paragraph.index > title.index:
                parts.recipients.extend(pieces_of(paragraph)[:1])
        others = [
            p
            for p in doc.paragraphs
            if p.table == title.table and p.row == title.row and p.cell != title.cell
        ]
        for paragraph in others:
            parts.signature.extend(pieces_of(paragraph))
        first = min([title.index] + [p.index for p in others] + [p.index for p in same_cell])
        return first
    # No table: Nơi nhận lines hold the signature after a tab, or the signature stands above them.
    after = [p for p in doc.paragraphs if p.index >= title.index and p.table is None][:40]
    name_seen = False
    for paragraph in after:
        pieces = pieces_of(paragraph)
        if paragraph.index == title.index:
            parts.signature.extend(pieces[1:])
            continue
        if paragraph.section != title.section or APPENDIX.match(paragraph.text) or len(paragraph.text) > 120:
            break  # an appendix or more text after the closing is not part of it
        if not pieces:
            continue
        left = pieces[0]
        if left.column == 0 and (left.text.startswith(("-", "+", "–")) or left.text.endswith(":")):
            parts.recipients.append(left)
            signature = pieces[1:]
        elif name_seen:
            break  # the signer's name ends the block
        else:
            signature = pieces
        parts.signature.extend(signature)
        name_seen = name_seen or any(_is_name(p.text) for p in signature)
    if not parts.signature:
        before = [p for p in doc.paragraphs if p.index < title.index and p.table is None]
        block: list[Paragraph] = []
        for paragraph in reversed(before[-10:]):
            if not paragraph.text.strip():
                if block:
                    continue
                continue
            if paragraph.format.alignment in ("center", "right") or (paragraph.format.left or 0) >= 2800:
                block.insert(0, paragraph)
            else:
                break
        for paragraph in block:
            parts.signature.extend(pieces_of(paragraph))
        if block:
            first = block[0].index
    return first


def _is_name(text: str) -> bool:
    """A signer's name is written in normal case (`Trần Văn Bình`), unlike the upper-case titles above it."""
    text = text.strip()
    return any(c.islower() for c in text) and text.lower() != "kiêm" and not AUTHORITY.match(text)


def _letter_summary(doc: DocxDocument, parts: Components) -> None:
    """A công văn's trích yếu: one of the lines just under số, in the same column, «V/v …» or «về việc …»."""
    number = parts.number
    if number is None:
        return
    for paragraph in doc.paragraphs[number.paragraph.index : number.paragraph.index + 3]:
        if (paragraph.table, paragraph.cell, paragraph.in_text_box) != (
            number.paragraph.table,
            number.paragraph.cell,
            number.paragraph.in_text_box,
        ):
            continue
        for piece in pieces_of(paragraph):
            if piece.column == number.column and LETTER_SUMMARY.match(piece.text):
                parts.letter_summary = piece
                return


def _addressee(parts: Components) -> None:
    """Take «Kính gửi:» and the «- …» lines under it out of the body: they are a component of their own."""
    kept: list[Paragraph] = []
    inside = False
    for paragraph in parts.body:
        text = paragraph.run_text.strip()
        if ADDRESSEE.match(text):
            parts.addressee.append(paragraph)
            inside = text.rstrip().endswith(":")
            continue
        if inside and text.startswith(("-", "–")):
            parts.addressee.append(paragraph)
            continue
        inside = False
        kept.append(paragraph)
    parts.body = kept


def find_components(doc: DocxDocument, given: System | None) -> Components:
    """Recognise the parts of `doc`; `given` is the system the clerk named, else it is detected."""
    parts = Components()
    _detect(doc, parts, given)
    _header(doc, parts)
    body_start = _title(doc, parts)
    closing = _closing(doc, parts)
    for section in doc.sections:
        first = next(
            (p for p in doc.paragraphs if p.index >= section.first_paragraph and p.text.strip()), None
        )
        if first is not None and APPENDIX.match(first.text) and section.index > 1:
            parts.appendix_sections.append(section.index)
    first_appendix = min(
        (s.first_paragraph for s in doc.sections if s.index in parts.appendix_sections), default=None
    )
    end = closing or first_appendix or (doc.paragraphs[-1].index + 1 if doc.paragraphs else 0)
    parts.body = [
        p for p in doc.paragraphs if body_start < p.index < end and p.table is None and not p.in_text_box
    ]
    _addressee(parts)
    _letter_summary(doc, parts)
    if parts.letter_summary is not None:
        parts.body = [p for p in parts.body if p is not parts.letter_summary.paragraph]
    return parts
