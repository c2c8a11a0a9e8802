"""Support of the body-import tests (no tests here): a period-file writer for the tests (part A writes the real
one), the reading text compared, and a report typed in Word built with python-docx.

The python-docx report: header in a borderless table, headings numbered by Word's automatic numbering (a
numbering part is built here), a footnote (python-docx has no API for them: the part is added by hand), a
bordered table with a typed «Tổng cộng» row, bold and italic runs, a Word bullet list, text with `*` and `{`.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import docx
import yaml
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Pt

from baocao_gen.check.components import find_components
from baocao_gen.nhap.body import BodyImport, read_body
from baocao_gen.ooxml.reader import read_docx
from baocao_gen.ooxml.text import document_text


class _Dumper(yaml.SafeDumper):
    """Multi-line strings as `|` blocks, as the clerk's files write prose."""


def _string(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|" if "\n" in value else None)


_Dumper.add_representer(str, _string)


def import_body(data: bytes) -> BodyImport:
    doc = read_docx(data)
    return read_body(doc, find_components(doc, None))


def write_period(path: Path, frame: dict[str, object], body: BodyImport) -> Path:
    period = dict(frame)
    period["loai"] = "chung"
    period.update(body.period)
    if isinstance(frame.get("van_ban_don_vi"), dict) and "van_ban_don_vi" in body.period:
        period["van_ban_don_vi"] = {**frame["van_ban_don_vi"], **body.period["van_ban_don_vi"]}  # type: ignore[dict-item]
    path.write_text(
        yaml.dump(period, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10**6), encoding="utf-8"
    )
    return path


def body_lines(data: bytes) -> list[str]:
    """The reading text before the footnotes, a merged-down header cell (`^`) read as the empty cell it shows.

    The reader (`ooxml.reader.Table`) gives no cell spans, so a header cell left empty on purpose and
    a cell merged from above cannot be told apart; both print nothing in their own row.
    """
    text = document_text(data).split("--- chú thích ---")[0]
    return [re.sub(r"(?<=\| )\^(?= \|)", "", line) for line in text.splitlines()]


def footnote_texts(data: bytes) -> list[str]:
    """Footnote texts as `ooxml.reader` gives them (its `Footnote.text` joins a note's paragraphs)."""
    return [note.text for _, note in sorted(read_docx(data).footnotes.items())]


_W = nsdecls("w")
_NUMBERING = f"""
<w:abstractNum {_W} w:abstractNumId="90">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2."/></w:lvl>
  <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%3)"/></w:lvl>
</w:abstractNum>
"""
_BULLETS = f"""
<w:abstractNum {_W} w:abstractNumId="91">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="-"/></w:lvl>
</w:abstractNum>
"""
_SEPARATORS = """<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>
<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>"""
_NOTE = """<w:footnote w:id="1"><w:p><w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteRef/></w:r>
<w:r><w:t xml:space="preserve"> Gồm thôn Làng Xi 1 và thôn Mang Lùng 2.</w:t></w:r></w:p></w:footnote>"""

HEADING_NUM = 90
BULLET_NUM = 91


def _numbering(document: docx.document.Document) -> None:
    numbering = document.part.numbering_part.element
    numbering.insert(0, parse_xml(_BULLETS))
    numbering.insert(0, parse_xml(_NUMBERING))
    for num_id, abstract in ((HEADING_NUM, 90), (BULLET_NUM, 91)):
        numbering.append(
            parse_xml(f'<w:num {_W} w:numId="{num_id}"><w:abstractNumId w:val="{abstract}"/></w:num>')
        )


def _numbered(paragraph, num_id: int, level: int) -> None:
    p_pr = paragraph._p.get_or_add_pPr()
    p_pr.append(parse_xml(f'<w:numPr {_W}><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>'))


def footnote_reference(paragraph, note_id: int) -> None:
    """Add a superscript run holding Word's reference to footnote `note_id`."""
    run = paragraph.add_run()
    run._r.append(parse_xml(f'<w:footnoteReference {_W} w:id="{note_id}"/>'))
    run.font.superscript = True


def add_footnotes(document: docx.document.Document, notes_xml: str = _NOTE) -> None:
    """Add a footnotes part holding the separators and `notes_xml` (`<w:footnote>` elements, `w` prefix)."""
    xml = f"<w:footnotes {_W}>{_SEPARATORS}{notes_xml}</w:footnotes>"
    part = Part(
        PackURI("/word/footnotes.xml"),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml",
        xml.encode("utf-8"),
        document.part.package,
    )
    document.part.relate_to(part, RT.FOOTNOTES)


def borderless(table) -> None:
    """Remove every border of `table`, as a header or signature table is typed."""
    borders = parse_xml(
        f"<w:tblBorders {_W}>"
        + "".join(
            f'<w:{side} w:val="nil"/>' for side in ("top", "left", "bottom", "right", "insideH", "insideV")
        )
        + "</w:tblBorders>"
    )
    table._tbl.tblPr.append(borders)


def _cell(cell, lines: list[tuple[str, bool]]) -> None:
    cell.paragraphs[0].text = ""
    for i, (text, bold) in enumerate(lines):
        paragraph = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.add_run(text).bold = bold


def _heading(document, text: str, level: int):
    paragraph = document.add_paragraph()
    _numbered(paragraph, HEADING_NUM, level)
    paragraph.add_run(text).bold = True
    return paragraph


def handmade_report() -> bytes:
    """Return the .docx bytes of the hand-typed report."""
    document = docx.Document()
    style = document.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(14)
    _numbering(document)
    add_footnotes(document)

    header = document.add_table(rows=1, cols=2)
    borderless(header)
    _cell(
        header.rows[0].cells[0],
        [("UBND HUYỆN BA TƠ", False), ("ỦY BAN NHÂN DÂN XÃ BA TÔ", True), ("Số: 12/BC-UBND", False)],
    )
    _cell(
        header.rows[0].cells[1],
        [
            ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", True),
            ("Độc lập - Tự do - Hạnh phúc", True),
            ("Ba Tô, ngày 05 tháng 6 năm 2023", False),
        ],
    )
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.add_run("BÁO CÁO").bold = True
    summary = document.add_paragraph()
    summary.alignment = WD_ALIGN_PARAGRAPH.CENTER
    summary.add_run("Kết quả công tác dân vận chính quyền 6 tháng đầu năm 2023").bold = True

    opening = document.add_paragraph()
    opening.add_run(
        "Thực hiện Công văn số 1172/UBND ngày 06/6/2023 của UBND huyện Ba Tơ, UBND xã Ba Tô báo cáo như sau:"
    )

    _heading(document, "CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO", 0)
    prose = document.add_paragraph()
    prose.add_run("UBND xã ")
    prose.add_run("thường xuyên").bold = True
    prose.add_run(" chỉ đạo thực hiện ")
    prose.add_run(
        "Nghị quyết số 25-NQ/TW ngày 03/6/2013 của Ban Chấp hành Trung ương Đảng (khóa XI)"
    ).italic = True
    prose.add_run(" tại 02 thôn")
    footnote_reference(prose, 1)
    prose.add_run(".")
    for text in ("Tuyên truyền bằng loa, pano;", "Họp dân tại nhà văn hóa thôn."):
        bullet = document.add_paragraph(text)
        _numbered(bullet, BULLET_NUM, 0)

    _heading(document, "KẾT QUẢ THỰC HIỆN", 0)
    _heading(document, "Tiếp dân, xử lý đơn thư", 1)
    document.add_paragraph("Tỷ lệ giải quyết đạt 95% (*) theo chỉ tiêu {năm}; ghi chú [^x] và #1 như gõ.")
    table = document.add_table(rows=4, cols=3)
    table.style = "Table Grid"
    for r, row in enumerate(
        [
            ("Thôn", "Số hộ", "Số người"),
            ("Làng Xi 1", "120", "480"),
            ("Mang Lùng 2", "95", "1.002"),
            ("Tổng cộng", "215", "1.482"),
        ]
    ):
        for c, text in enumerate(row):
            cell = table.rows[r].cells[c]
            cell.paragraphs[0].text = ""
            cell.paragraphs[0].add_run(text).bold = r in (0, 3)
    _heading(document, "Cải cách hành chính", 1)
    document.add_paragraph("Tiếp nhận 522 hồ sơ, giải quyết đúng hạn 473 hồ sơ.")

    closing = document.add_paragraph("UBND xã Ba Tô kính báo cáo./.")
    closing.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    signature = document.add_table(rows=1, cols=2)
    borderless(signature)
    _cell(signature.rows[0].cells[0], [("Nơi nhận:", True), ("- UBND huyện;", False), ("- Lưu: VT.", False)])
    _cell(
        signature.rows[0].cells[1],
        [("TM. ỦY BAN NHÂN DÂN", True), ("CHỦ TỊCH", True), ("Phạm Văn Hiền", True)],
    )
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
