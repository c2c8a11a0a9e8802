"""A produced .docx as its structure: styles, sections, and each paragraph's style and formatting.

The text goldens (`text.py`) catch a changed word but not a changed style: a body that slips from
13 to 12 pt, a heading that loses its bold, a section that turns portrait, a page number that moves.
This reader gives the second golden, one line per paragraph, with the *effective* formatting a reader
sees — document defaults, then the style chain (`basedOn`), then direct formatting — so a regression
in the templates' styles or in the body writer shows up as a reviewable diff.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from .ns import qn
from .package import read_parts

__all__ = ["document_structure"]

_TWIPS_PER_MM = 1440 / 25.4
_SHOWN_CHARS = 40
_ALIGN = {"both": "đều", "center": "giữa", "left": "trái", "start": "trái", "right": "phải", "end": "phải"}


def _mm(twips: str | None) -> str:
    return "0" if twips is None else f"{int(twips) / _TWIPS_PER_MM:.1f}".rstrip("0").rstrip(".")


def _on(element: etree._Element | None) -> bool | None:
    """Return a toggle property's value (`<w:b/>` is on, `w:val="0"`/`false` is off), None when absent."""
    if element is None:
        return None
    return element.get(qn("w:val"), "true") not in ("0", "false", "off")


@dataclass
class _RunFormat:
    """The run properties that decide what a reader sees."""

    font: str | None = None
    size: float | None = None
    bold: bool | None = None
    italic: bool | None = None
    underline: bool | None = None
    caps: bool | None = None
    raised: bool | None = None

    def merged(self, r_pr: etree._Element | None) -> _RunFormat:
        out = _RunFormat(self.font, self.size, self.bold, self.italic, self.underline, self.caps, self.raised)
        if r_pr is None:
            return out
        fonts = r_pr.find(qn("w:rFonts"))
        if fonts is not None and fonts.get(qn("w:ascii")):
            out.font = fonts.get(qn("w:ascii"))
        size = r_pr.find(qn("w:sz"))
        if size is not None:
            out.size = int(size.get(qn("w:val"), "0")) / 2
        for name, tag in (("bold", "w:b"), ("italic", "w:i"), ("caps", "w:caps")):
            value = _on(r_pr.find(qn(tag)))
            if value is not None:
                setattr(out, name, value)
        underline = r_pr.find(qn("w:u"))
        if underline is not None:
            out.underline = underline.get(qn("w:val")) not in (None, "none")
        vertical = r_pr.find(qn("w:vertAlign"))
        if vertical is not None:
            out.raised = vertical.get(qn("w:val")) == "superscript"
        return out

    def label(self, base_font: str | None) -> str:
        size = f"{self.size:g}" if self.size is not None else "?"
        flags = "".join(
            f
            for f, on in (
                ("đ", self.bold),
                ("n", self.italic),
                ("g", self.underline),
                ("H", self.caps),
                ("^", self.raised),
            )
            if on
        )
        font = f" {self.font}" if self.font and self.font != base_font else ""
        return size + (" " + flags if flags else "") + font


@dataclass
class _ParagraphFormat:
    """The paragraph properties that decide the layout a reader sees."""

    align: str | None = None
    first_line: str | None = None
    left: str | None = None
    before: str | None = None
    after: str | None = None
    line: str | None = None
    flags: dict[str, bool] = field(default_factory=dict)

    def merged(self, p_pr: etree._Element | None) -> _ParagraphFormat:
        out = _ParagraphFormat(
            self.align, self.first_line, self.left, self.before, self.after, self.line, dict(self.flags)
        )
        if p_pr is None:
            return out
        jc = p_pr.find(qn("w:jc"))
        if jc is not None:
            out.align = jc.get(qn("w:val"))
        ind = p_pr.find(qn("w:ind"))
        if ind is not None:
            if ind.get(qn("w:hanging")) is not None:
                out.first_line = "-" + ind.get(qn("w:hanging"), "0")
            elif ind.get(qn("w:firstLine")) is not None:
                out.first_line = ind.get(qn("w:firstLine"))
            for attr in ("w:left", "w:start"):
                if ind.get(qn(attr)) is not None:
                    out.left = ind.get(qn(attr))
        spacing = p_pr.find(qn("w:spacing"))
        if spacing is not None:
            out.before = spacing.get(qn("w:before"), out.before)
            out.after = spacing.get(qn("w:after"), out.after)
            out.line = spacing.get(qn("w:line"), out.line)
        for tag, name in (
            ("w:keepNext", "giữ với đoạn sau"),
            ("w:keepLines", "không tách dòng"),
            ("w:pageBreakBefore", "sang trang trước"),
        ):
            value = _on(p_pr.find(qn(tag)))
            if value is not None:
                out.flags[name] = value
        return out

    def label(self) -> str:
        parts = [_ALIGN.get(self.align or "left", self.align or "trái")]
        if self.first_line not in (None, "0"):
            first = self.first_line or "0"
            parts.append(
                ("treo " + _mm(first[1:]) if first.startswith("-") else "thụt " + _mm(first)) + " mm"
            )
        if self.left not in (None, "0"):
            parts.append(f"lề trái {_mm(self.left)} mm")
        spacing = f"trước {int(self.before or 0) / 20:g} sau {int(self.after or 0) / 20:g} pt"
        if self.line is not None:
            spacing += f", dòng {int(self.line) / 240:g}"
        parts.append(spacing)
        parts.extend(name for name, on in sorted(self.flags.items()) if on)
        return ", ".join(parts)


class _Styles:
    """Style definitions resolved through `basedOn` over the document defaults."""

    def __init__(self, styles_xml: bytes | None):
        self._by_id: dict[str, etree._Element] = {}
        self.base_run = _RunFormat()
        self.base_paragraph = _ParagraphFormat()
        self.default_paragraph_style: str | None = None
        if styles_xml is None:
            return
        root = etree.fromstring(styles_xml)
        defaults = root.find(qn("w:docDefaults"))
        if defaults is not None:
            self.base_run = self.base_run.merged(defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}"))
            self.base_paragraph = self.base_paragraph.merged(
                defaults.find(f"{qn('w:pPrDefault')}/{qn('w:pPr')}")
            )
        for style in root.iter(qn("w:style")):
            style_id = style.get(qn("w:styleId"), "")
            self._by_id[style_id] = style
            if style.get(qn("w:type")) == "paragraph" and style.get(qn("w:default")) in ("1", "true"):
                self.default_paragraph_style = style_id

    def _chain(self, style_id: str | None) -> list[etree._Element]:
        chain: list[etree._Element] = []
        seen: set[str] = set()
        while style_id and style_id in self._by_id and style_id not in seen:
            seen.add(style_id)
            style = self._by_id[style_id]
            chain.append(style)
            based = style.find(qn("w:basedOn"))
            style_id = based.get(qn("w:val")) if based is not None else None
        return list(reversed(chain))

    def run_format(self, paragraph_style: str | None, character_style: str | None = None) -> _RunFormat:
        out = self.base_run
        for style in self._chain(paragraph_style or self.default_paragraph_style):
            out = out.merged(style.find(qn("w:rPr")))
        for style in self._chain(character_style):
            out = out.merged(style.find(qn("w:rPr")))
        return out

    def paragraph_format(self, paragraph_style: str | None) -> _ParagraphFormat:
        out = self.base_paragraph
        for style in self._chain(paragraph_style or self.default_paragraph_style):
            out = out.merged(style.find(qn("w:pPr")))
        return out

    def name(self, style_id: str) -> str:
        style = self._by_id.get(style_id)
        name = style.find(qn("w:name")) if style is not None else None
        return name.get(qn("w:val"), style_id) if name is not None else style_id


def _run_text(run: etree._Element) -> str:
    out = []
    for node in run:
        if node.tag == qn("w:t"):
            out.append(node.text or "")
        elif node.tag == qn("w:tab"):
            out.append("\t")
        elif node.tag == qn("w:br"):
            out.append(" / ")
        elif node.tag == qn("w:noBreakHyphen"):
            out.append("-")
        elif node.tag == qn("w:footnoteReference"):
            out.append(f"[^{node.get(qn('w:id'))}]")
        elif node.tag == qn("w:fldChar") and node.get(qn("w:fldCharType")) == "begin":
            out.append("{trường}")
    return "".join(out)


def _short(text: str) -> str:
    text = text.strip()
    return text if len(text) <= _SHOWN_CHARS else text[: _SHOWN_CHARS - 1] + "…"


def _paragraph_line(p: etree._Element, styles: _Styles) -> str:
    p_pr = p.find(qn("w:pPr"))
    style_el = p_pr.find(qn("w:pStyle")) if p_pr is not None else None
    style_id = style_el.get(qn("w:val")) if style_el is not None else None
    paragraph = styles.paragraph_format(style_id).merged(p_pr)
    segments: list[tuple[str, str]] = []
    base = styles.run_format(style_id)
    for run in p.iter(qn("w:r")):
        r_pr = run.find(qn("w:rPr"))
        char_style = r_pr.find(qn("w:rStyle")) if r_pr is not None else None
        char_id = char_style.get(qn("w:val")) if char_style is not None else None
        fmt = styles.run_format(style_id, char_id).merged(r_pr)
        if fmt.caps is None and base.caps:
            fmt.caps = True
        text = _run_text(run)
        if not text:
            continue
        label = fmt.label(base.font)
        if segments and segments[-1][0] == label:
            segments[-1] = (label, segments[-1][1] + text)
        else:
            segments.append((label, text))
    for field_el in p.iter(qn("w:fldSimple")):
        segments.append(("trường", field_el.get(qn("w:instr"), "").strip()))
    border = p_pr.find(qn("w:pBdr")) if p_pr is not None else None
    rule = " + kẻ dưới" if border is not None and border.find(qn("w:bottom")) is not None else ""
    head = f"¶ {style_id or 'Normal'} [{paragraph.label()}{rule}]"
    if not segments:
        return head + " (trống)"
    return (
        head
        + " "
        + " ‖ ".join(
            f"{label}: {_short(text)}" for label, text in segments if text.strip() or label == "trường"
        )
    )


def _section_line(sect: etree._Element, index: int, parts: dict[str, bytes], rels: dict[str, str]) -> str:
    size = sect.find(qn("w:pgSz"))
    margins = sect.find(qn("w:pgMar"))
    orient = "ngang" if size is not None and size.get(qn("w:orient")) == "landscape" else "dọc"
    paper = f"{_mm(size.get(qn('w:w')))}×{_mm(size.get(qn('w:h')))} mm" if size is not None else "?"
    margin_text = (
        "lề trên {} dưới {} trái {} phải {} mm".format(
            *(_mm(margins.get(qn(f"w:{s}"))) for s in ("top", "bottom", "left", "right"))
        )
        if margins is not None
        else "lề ?"
    )
    number = sect.find(qn("w:pgNumType"))
    restart = (
        f", số trang bắt đầu từ {number.get(qn('w:start'))}"
        if number is not None and number.get(qn("w:start"))
        else ""
    )
    first_page = ", trang đầu riêng" if _on(sect.find(qn("w:titlePg"))) else ""
    headers = []
    for ref in sect.findall(qn("w:headerReference")):
        target = rels.get(ref.get(qn("r:id"), ""), "")
        content = parts.get("word/" + target)
        text = "trống"
        if content is not None:
            texts = [_run_text(r) for r in etree.fromstring(content).iter(qn("w:r"))]
            fields = [
                f.get(qn("w:instr"), "").strip() for f in etree.fromstring(content).iter(qn("w:fldSimple"))
            ]
            text = " ".join(t for t in (*fields, *texts) if t.strip()) or "trống"
        headers.append(f"{ref.get(qn('w:type'))}={text}")
    return f"=== phần {index}: {paper} {orient}, {margin_text}{restart}{first_page}; đầu trang: {', '.join(headers) or 'không'}"


def _table_lines(tbl: etree._Element, styles: _Styles, indent: str) -> list[str]:
    grid = [_mm(col.get(qn("w:w"))) for col in tbl.iter(qn("w:gridCol"))]
    borders = tbl.find(f"{qn('w:tblPr')}/{qn('w:tblBorders')}")
    bordered = borders is not None and any(b.get(qn("w:val")) not in ("nil", "none") for b in borders)
    lines = [
        f"{indent}[bảng {len(grid)} cột: {' | '.join(grid)} mm, {'có viền' if bordered else 'không viền'}]"
    ]
    for r_index, row in enumerate(tbl.findall(qn("w:tr")), start=1):
        tr_pr = row.find(qn("w:trPr"))
        marks = []
        if tr_pr is not None and _on(tr_pr.find(qn("w:tblHeader"))):
            marks.append("dòng tiêu đề lặp lại")
        if tr_pr is not None and _on(tr_pr.find(qn("w:cantSplit"))):
            marks.append("không tách trang")
        lines.append(f"{indent}  dòng {r_index}" + (f" ({', '.join(marks)})" if marks else ""))
        for c_index, cell in enumerate(row.findall(qn("w:tc")), start=1):
            tc_pr = cell.find(qn("w:tcPr"))
            span = tc_pr.find(qn("w:gridSpan")) if tc_pr is not None else None
            merge = tc_pr.find(qn("w:vMerge")) if tc_pr is not None else None
            label = f"ô {c_index}"
            if span is not None:
                label += f" gộp {span.get(qn('w:val'))} cột"
            if merge is not None:
                label += " gộp dọc" + (" (đầu)" if merge.get(qn("w:val")) == "restart" else " (tiếp)")
            lines.append(f"{indent}    {label}")
            lines.extend(_block_lines(cell, styles, indent + "      "))
    return lines


def _block_lines(container: etree._Element, styles: _Styles, indent: str = "") -> list[str]:
    lines: list[str] = []
    for child in container:
        if child.tag == qn("w:p"):
            lines.append(indent + _paragraph_line(child, styles))
        elif child.tag == qn("w:tbl"):
            lines.extend(_table_lines(child, styles, indent))
    return lines


def document_structure(data: bytes) -> str:
    """Return the structure of a .docx: used styles, then sections and paragraphs in order, then footnotes."""
    parts = read_parts(data)
    styles = _Styles(parts.get("word/styles.xml"))
    rels_xml = parts.get("word/_rels/document.xml.rels")
    rels = (
        {rel.get("Id", ""): rel.get("Target", "") for rel in etree.fromstring(rels_xml)} if rels_xml else {}
    )
    body = etree.fromstring(parts["word/document.xml"]).find(qn("w:body"))
    if body is None:
        return "(không có thân văn bản)\n"
    lines: list[str] = []
    used: set[str] = set()
    for style in body.iter(qn("w:pStyle")):
        used.add(style.get(qn("w:val"), ""))
    lines.append("--- kiểu đoạn dùng trong văn bản ---")
    for style_id in sorted(used):
        run = styles.run_format(style_id)
        lines.append(
            f"{style_id} «{styles.name(style_id)}»: {run.label(None)}; {styles.paragraph_format(style_id).label()}"
        )
    section = 1
    lines.append("--- thân văn bản ---")
    for child in body:
        if child.tag == qn("w:p"):
            lines.append(_paragraph_line(child, styles))
            sect = child.find(f"{qn('w:pPr')}/{qn('w:sectPr')}")
            if sect is not None:
                lines.append(_section_line(sect, section, parts, rels))
                section += 1
        elif child.tag == qn("w:tbl"):
            lines.extend(_table_lines(child, styles, ""))
        elif child.tag == qn("w:sectPr"):
            lines.append(_section_line(child, section, parts, rels))
    notes = parts.get("word/footnotes.xml")
    if notes is not None:
        lines.append("--- chú thích ---")
        for note in etree.fromstring(notes).iter(qn("w:footnote")):
            if int(note.get(qn("w:id"), "0")) < 1:
                continue
            lines.append(f"[{note.get(qn('w:id'))}]")
            lines.extend(_block_lines(note, styles, "  "))
    return "\n".join(lines) + "\n"
