"""Type a seed report into Word the way a clerk does, with python-docx (support module, no tests here).

The seeds (`tests/seeds/*.txt`) are real reports as markdown-ish text: `#` headings, `**bold**`, `*italic*`,
`<sup>n</sup>` footnote marks (or `¹`), tab-separated tables, two trailing spaces for a line break inside a
paragraph. `read_seed` parses one into a `SeedDocument`; `typed_in_word` types that into a .docx:

- the header as a borderless two-column table (cơ quan lines, `*`, số left; Quốc hiệu and Tiêu ngữ, or
  «ĐẢNG CỘNG SẢN VIỆT NAM», and the date right). The text of seeds 001/002/004 lost its header lines, so the
  `Layout` supplies the unit's real lines (from `examples/`) and replaces whatever the seed kept above the title;
- tên loại and trích yếu centred and bold, a trích yếu over two lines kept as one paragraph with a break;
- every paragraph as typed: heading numbers (`I.`, `1.`, `a)`, `Phần thứ…`, `I-`), `-` and `+` bullets,
  the seed's own slips (wrong dates, `f)`, spaces); `#` headings bold;
- real Word footnotes where the seed holds the note text (a line starting with the mark), else the mark
  stays a superscript digit;
- tab-separated tables as bordered Word tables with their typed total rows, each in a landscape section
  after the signature, under a «Phụ lục» line the `Layout` supplies (the seed's text lost them too);
- Nơi nhận and the signature as a borderless two-column table; the signature's chức vụ lines as one bold
  paragraph with line breaks, empty paragraphs for the signature itself, then the name.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

import docx
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt
from docx.text.paragraph import Paragraph

from test_nhap_body_support import add_footnotes, borderless, footnote_reference

__all__ = ["LAYOUTS", "Layout", "SeedDocument", "Span", "read_seed", "typed_in_word"]


@dataclass(frozen=True)
class Layout:
    """What the seed's text lost and Word had: the header block and the appendix labels."""

    left: tuple[tuple[str, bool], ...]  # cơ quan lines, «*», số: (text, bold)
    right: tuple[
        tuple[str, bool, bool], ...
    ]  # Quốc hiệu/Tiêu ngữ or ĐẢNG CỘNG SẢN VIỆT NAM, date: (text, bold, italic)
    appendix_label: str = "Phụ lục {n}"


_STATE_RIGHT = (
    ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", True, False),
    ("Độc lập - Tự do - Hạnh phúc", True, False),
)
_PARTY_RIGHT = (("ĐẢNG CỘNG SẢN VIỆT NAM", True, False),)
_BA_TO = (("UBND HUYỆN BA TƠ", False), ("ỦY BAN NHÂN DÂN XÃ BA TÔ", True), ("Số: /BC-UBND", False))

LAYOUTS: dict[str, Layout] = {
    "000": Layout(_BA_TO, (*_STATE_RIGHT, ("Ba Tô, ngày tháng 6 năm 2023", False, True))),
    "001": Layout(
        (
            ("ĐẢNG BỘ THỊ XÃ ĐỨC PHỔ", False),
            ("ĐẢNG ỦY PHƯỜNG PHỔ HÒA", True),
            ("*", False),
            ("Số -BC/ĐU", False),
        ),
        (*_PARTY_RIGHT, ("Phổ Hòa, ngày tháng 6 năm 2023", False, True)),
    ),
    "002": Layout(_BA_TO, (*_STATE_RIGHT, ("Ba Tô, ngày tháng 6 năm 2023", False, True))),
    "003": Layout(
        (
            ("ĐẢNG ỦY XÃ LỤC BÌNH", False),
            ("BCĐ THỰC HIỆN QCDC Ở CƠ SỞ", True),
            ("VÀ PHÒNG TRÀO DÂN VẬN KHÉO", True),
            ("*", False),
            ("Số -BC/BCĐ", False),
        ),
        (*_PARTY_RIGHT, ("Lục Bình, ngày tháng 10 năm 2024", False, True)),
    ),
    "004": Layout(
        (
            ("ĐẢNG BỘ TỈNH QUẢNG NGÃI", False),
            ("HUYỆN ỦY BÌNH SƠN", True),
            ("*", False),
            ("Số 374-BC/HU", False),
        ),
        (*_PARTY_RIGHT, ("Bình Sơn, ngày tháng 12 năm 2021", False, True)),
    ),
}


@dataclass(frozen=True)
class Span:
    """A piece of typed text with its character formatting; `note` is a Word footnote reference."""

    text: str
    bold: bool = False
    italic: bool = False
    superscript: bool = False
    subscript: bool = False
    note: int | None = None


Para = list[Span]  # "\n" inside a span's text is a line break


@dataclass
class Appendix:
    title: list[Para]
    rows: list[list[Para]]
    after: list[Para]


@dataclass
class SeedDocument:
    """A seed parsed into what a reader of the Word file sees, part by part."""

    title: Para
    summary: Para
    body: list[Para]
    footnotes: dict[int, Para]
    recipients: list[Para]  # «Nơi nhận:», its groups and lines
    signature: Para  # thẩm quyền and chức vụ lines, joined by breaks
    signer: Para
    appendices: list[Appendix] = field(default_factory=list)


def text_of(para: Para) -> str:
    """Return the text a reader sees (a footnote reference shows nothing)."""
    return "".join(span.text for span in para if span.note is None)


_SUPERSCRIPT_DIGITS = str.maketrans("¹²³⁴⁵⁶⁷⁸⁹⁰", "1234567890")
_NOTE_LINE = re.compile(r"^(?:<sup>(\d+)</sup>|([¹²³⁴⁵⁶⁷⁸⁹]+))\s*(.*)$")
_TOKEN = re.compile(r"(\\\*|\*\*\*|\*\*|\*|<sup>\d+</sup>|[¹²³⁴⁵⁶⁷⁸⁹]+|<sub>.*?</sub>|</?i>|</?b>)")


_UNIT = re.compile(r"\b(?:k|c|d)?m$")  # m², km², m³: a unit's exponent, not a footnote mark


def _spans(text: str, notes: dict[int, str], *, bold: bool = False) -> Para:
    """Return the spans of one paragraph's markup; `bold` is the state a `#` heading starts in."""
    spans: Para = []
    italic = False
    before = ""
    for token in _TOKEN.split(text):
        if not token:
            continue
        if token == "\\*":
            spans.append(Span("*", bold, italic))
        elif token == "***":
            bold, italic = not bold, not italic
        elif token in ("**", "<b>", "</b>"):
            bold = not bold if token == "**" else token == "<b>"
        elif token in ("*", "<i>", "</i>"):
            italic = not italic if token == "*" else token == "<i>"
        elif token.startswith("<sup>") or token[0] in "¹²³⁴⁵⁶⁷⁸⁹":
            number = int(re.sub(r"\D", "", token.translate(_SUPERSCRIPT_DIGITS)))
            if number in notes and not _UNIT.search(before):
                spans.append(Span(str(number), note=number))
            else:
                spans.append(Span(str(number), bold, italic, superscript=True))
        elif token.startswith("<sub>"):
            spans.append(Span(token[5:-6], bold, italic, subscript=True))
        else:
            spans.append(Span(token, bold, italic))
        before = token
    return spans


def _open_emphasis(text: str) -> bool:
    """True when a `**` or `*` span is still open at the end of `text` (it runs on the next line)."""
    plain = text.replace("\\*", "")
    return plain.count("**") % 2 == 1 or (plain.count("*") - 2 * plain.count("**")) % 2 == 1


def _paragraphs(lines: list[str]) -> list[str]:
    """Join lines into paragraphs: two trailing spaces or an open `**` make a line break, else a new paragraph."""
    joined: list[str] = []
    carry = False
    for raw in lines:
        line = raw.rstrip("\n")
        if not line.strip():
            carry = False
            continue
        kept = line.strip(" ") if "\t" in line else line.strip()  # a table row keeps its empty cells
        if carry and joined:
            joined[-1] += "\n" + kept
        else:
            joined.append(kept)
        carry = raw.endswith("  ") or _open_emphasis(joined[-1])
    return [p.rstrip(" ") for p in joined]


def _plain(line: str) -> str:
    return re.sub(r"[#*\\]", "", line).strip()


def _is_rule(line: str) -> bool:
    return bool(re.fullmatch(r"-{3,}", line.strip()))


def _para(text: str, notes: dict[int, str]) -> Para:
    heading = text.startswith("#") and "*" not in text.replace("\\*", "")
    return _spans(text.lstrip("#").strip(), notes, bold=heading)


def read_seed(path: Path) -> SeedDocument:
    """Return the seed at `path` parsed into its parts."""
    lines = path.read_text(encoding="utf-8").splitlines()
    title_at = next(i for i, line in enumerate(lines) if _plain(line) == "BÁO CÁO")
    rest = [line for line in lines[title_at + 1 :] if not _is_rule(line)]
    notes_raw: dict[int, str] = {}
    kept: list[str] = []
    for line in rest:
        match = _NOTE_LINE.match(line.strip())
        if match and "\t" not in line:
            number = int((match.group(1) or match.group(2)).translate(_SUPERSCRIPT_DIGITS))
            notes_raw[number] = match.group(3)
        else:
            kept.append(line)
    paragraphs = _paragraphs(kept)
    summary, body_and_end = paragraphs[0], paragraphs[1:]
    recipients_at = next(i for i, p in enumerate(body_and_end) if _plain(p) == "Nơi nhận:")
    body = body_and_end[:recipients_at]
    end = body_and_end[recipients_at:]
    signature_at = next(
        i for i, p in enumerate(end) if i > 0 and not p.startswith("-") and not _plain(p).endswith(":")
    )
    recipients, signature, signer, tail = (
        end[:signature_at],
        end[signature_at],
        end[signature_at + 1],
        end[signature_at + 2 :],
    )
    return SeedDocument(
        title=_spans(lines[title_at].lstrip("#").strip(), notes_raw),
        summary=_spans(summary.lstrip("#").strip(), notes_raw),
        body=[_para(p, notes_raw) for p in body],
        footnotes={n: _spans(text, {}) for n, text in notes_raw.items()},
        recipients=[_para(p, notes_raw) for p in recipients],
        signature=_spans(signature, notes_raw),
        signer=_spans(signer, notes_raw),
        appendices=_appendices(tail),
    )


def _appendices(paragraphs: list[str]) -> list[Appendix]:
    found: list[Appendix] = []
    for text in paragraphs:
        if "\t" in text:
            found[-1].rows.append([_spans(cell, {}) for cell in text.split("\t")])
        elif found and found[-1].rows and text.startswith("Ghi chú"):
            found[-1].after.append(_spans(text, {}))
        elif found and not found[-1].rows:
            found[-1].title.append(_spans(text, {}, bold=True))
        else:
            found.append(Appendix([_spans(text, {}, bold=True)], [], []))
    return found


def header_rows(appendix: Appendix) -> int:
    """The header rows a clerk types bold: the first row and the rows under it whose first cell is empty
    (the cell of «Giai đoạn» merged down)."""
    count = 1
    while count < len(appendix.rows) and not text_of(appendix.rows[count][0]).strip():
        count += 1
    return count


def _write(paragraph: Paragraph, para: Para) -> None:
    for span in para:
        if span.note is not None:
            footnote_reference(paragraph, span.note)
            continue
        for k, piece in enumerate(span.text.split("\n")):
            if k:
                paragraph.runs[-1].add_break()
            run = paragraph.add_run(piece)
            run.bold = span.bold or None
            run.italic = span.italic or None
            run.font.superscript = span.superscript or None
            run.font.subscript = span.subscript or None


def _footnotes_xml(notes: dict[int, Para]) -> str:
    parts = []
    for number, para in sorted(notes.items()):
        runs = "".join(
            f"<w:r><w:rPr>{'<w:b/>' if s.bold else ''}{'<w:i/>' if s.italic else ''}</w:rPr>"
            f'<w:t xml:space="preserve">{escape(s.text)}</w:t></w:r>'
            for s in para
        )
        parts.append(
            f'<w:footnote w:id="{number}"><w:p><w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
            f'<w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> </w:t></w:r>{runs}</w:p></w:footnote>'
        )
    return "".join(parts)


def _fill(cell, paragraphs: list[Para], align=WD_ALIGN_PARAGRAPH.CENTER) -> None:
    for i, para in enumerate(paragraphs):
        paragraph = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
        paragraph.alignment = align
        _write(paragraph, para)


def _header(document, layout: Layout) -> None:
    table = document.add_table(rows=1, cols=2)
    borderless(table)
    _fill(table.rows[0].cells[0], [[Span(t, bold)] for t, bold in layout.left])
    _fill(table.rows[0].cells[1], [[Span(t, bold, italic)] for t, bold, italic in layout.right])


def _closing(document, seed: SeedDocument) -> None:
    table = document.add_table(rows=1, cols=2)
    borderless(table)
    left = table.rows[0].cells[0]
    _fill(left, seed.recipients, WD_ALIGN_PARAGRAPH.LEFT)
    _fill(table.rows[0].cells[1], [seed.signature, [], [], [], seed.signer])


def _appendix(document, appendix: Appendix, label: str) -> None:
    section = document.add_section(WD_SECTION.NEW_PAGE)
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = section.page_height, section.page_width
    for para in ([Span(label, True)], *appendix.title):
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _write(paragraph, para)
    width = max(len(row) for row in appendix.rows)
    table = document.add_table(rows=len(appendix.rows), cols=width)
    table.style = "Table Grid"
    heads = header_rows(appendix)
    for r, row in enumerate(appendix.rows):
        header = r < heads
        for c, cell in enumerate(row):
            _write(
                table.rows[r].cells[c].paragraphs[0], [Span(s.text, s.bold or header, s.italic) for s in cell]
            )
    for para in appendix.after:
        _write(document.add_paragraph(), para)


def typed_in_word(seed_path: Path, layout: Layout) -> bytes:
    """Return the .docx bytes of the seed typed in Word the way clerks type it."""
    seed = read_seed(seed_path)
    document = docx.Document()
    normal = document.styles["Normal"]
    normal.font.name = "Times New Roman"
    normal.font.size = Pt(14)
    if seed.footnotes:
        add_footnotes(document, _footnotes_xml(seed.footnotes))
    _header(document, layout)
    for para in (seed.title, seed.summary):
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _write(paragraph, [Span(s.text, True, s.italic, note=s.note) for s in para])
    centred = False
    for para in seed.body:
        paragraph = document.add_paragraph()
        text = text_of(para).strip()
        part = text.lower().startswith("phần thứ")
        if part or (centred and text.isupper()):
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        else:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        centred = part or (centred and text.isupper())
        _write(paragraph, para)
    _closing(document, seed)
    for n, appendix in enumerate(seed.appendices, 1):
        _appendix(document, appendix, layout.appendix_label.format(n=_roman(n)))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _roman(n: int) -> str:
    return ["", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"][n]
