"""A produced .docx as its structure: styles, sections, and each paragraph's style and formatting.

The text goldens (`text.py`) catch a changed word but not a changed style: a body that slips from
13 to 12 pt, a heading that loses its bold, a section that turns portrait, a page number that moves.
This reader gives the second golden, one line per paragraph, with the *effective* formatting a reader
sees — document defaults, then the style chain (`basedOn`), then direct formatting, resolved by
`formatting.py` as for `check` and the frame — so a regression in the templates' styles or in the
body writer shows up as a reviewable diff.
"""

from __future__ import annotations

from lxml import etree

from .formatting import ParagraphFormat, RunFormat, StyleResolver, theme_fonts, toggle
from .ns import PART_STYLES, PART_THEME, qn
from .package import read_parts

__all__ = ["document_structure"]

_TWIPS_PER_MM = 1440 / 25.4
_SHOWN_CHARS = 40
_ALIGN = {"both": "đều", "center": "giữa", "left": "trái", "start": "trái", "right": "phải", "end": "phải"}


def _mm(twips: int | str | None) -> str:
    return "0" if twips is None else f"{int(twips) / _TWIPS_PER_MM:.1f}".rstrip("0").rstrip(".")


def _run_label(fmt: RunFormat, base_font: str | None) -> str:
    """Return a run's formatting as the golden shows it: size, flags (đ bold, n italic, g underline,
    H caps, ^ superscript), and the font when it is not the paragraph style's."""
    size = f"{fmt.size:g}" if fmt.size is not None else "?"
    flags = "".join(
        f
        for f, on in (
            ("đ", fmt.bold),
            ("n", fmt.italic),
            ("g", fmt.underline),
            ("H", fmt.caps),
            ("^", fmt.superscript),
        )
        if on
    )
    font = f" {fmt.font}" if fmt.font and fmt.font != base_font else ""
    return size + (" " + flags if flags else "") + font


_FLAGS = (("giữ với đoạn sau", "keep_next"), ("sang trang trước", "page_break_before"))


def _paragraph_label(fmt: ParagraphFormat, keep_lines: bool | None) -> str:
    """Return a paragraph's layout as the golden shows it: alignment, indents (mm), spacing, flags."""
    parts = [_ALIGN.get(fmt.alignment or "left", fmt.alignment or "trái")]
    if fmt.first_line:
        first = fmt.first_line
        parts.append(("treo " + _mm(-first) if first < 0 else "thụt " + _mm(first)) + " mm")
    if fmt.left:
        parts.append(f"lề trái {_mm(fmt.left)} mm")
    spacing = f"trước {(fmt.before or 0) / 20:g} sau {(fmt.after or 0) / 20:g} pt"
    if fmt.line is not None:
        spacing += f", dòng {fmt.line / 240:g}"
    parts.append(spacing)
    flags = {name: getattr(fmt, attribute) for name, attribute in _FLAGS}
    flags["không tách dòng"] = keep_lines
    parts.extend(name for name, on in sorted(flags.items()) if on)
    return ", ".join(parts)


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


def _paragraph_line(p: etree._Element, styles: StyleResolver) -> str:
    p_pr = p.find(qn("w:pPr"))
    style_el = p_pr.find(qn("w:pStyle")) if p_pr is not None else None
    style_id = style_el.get(qn("w:val")) if style_el is not None else None
    paragraph = styles.paragraph_format(style_id, p_pr)
    keep_lines = styles.paragraph_toggle(style_id, "w:keepLines", p_pr)
    segments: list[tuple[str, str]] = []
    base = styles.run_format(style_id)
    for run in p.iter(qn("w:r")):
        r_pr = run.find(qn("w:rPr"))
        char_style = r_pr.find(qn("w:rStyle")) if r_pr is not None else None
        char_id = char_style.get(qn("w:val")) if char_style is not None else None
        fmt = styles.run_format(style_id, char_id, r_pr)
        text = _run_text(run)
        if not text:
            continue
        label = _run_label(fmt, base.font)
        if segments and segments[-1][0] == label:
            segments[-1] = (label, segments[-1][1] + text)
        else:
            segments.append((label, text))
    for field_el in p.iter(qn("w:fldSimple")):
        segments.append(("trường", field_el.get(qn("w:instr"), "").strip()))
    border = p_pr.find(qn("w:pBdr")) if p_pr is not None else None
    rule = " + kẻ dưới" if border is not None and border.find(qn("w:bottom")) is not None else ""
    head = f"¶ {style_id or 'Normal'} [{_paragraph_label(paragraph, keep_lines)}{rule}]"
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
    first_page = ", trang đầu riêng" if toggle(sect.find(qn("w:titlePg"))) else ""
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


def _table_lines(tbl: etree._Element, styles: StyleResolver, indent: str) -> list[str]:
    grid = [_mm(col.get(qn("w:w"))) for col in tbl.iter(qn("w:gridCol"))]
    borders = tbl.find(f"{qn('w:tblPr')}/{qn('w:tblBorders')}")
    bordered = borders is not None and any(b.get(qn("w:val")) not in ("nil", "none") for b in borders)
    lines = [
        f"{indent}[bảng {len(grid)} cột: {' | '.join(grid)} mm, {'có viền' if bordered else 'không viền'}]"
    ]
    for r_index, row in enumerate(tbl.findall(qn("w:tr")), start=1):
        tr_pr = row.find(qn("w:trPr"))
        marks = []
        if tr_pr is not None and toggle(tr_pr.find(qn("w:tblHeader"))):
            marks.append("dòng tiêu đề lặp lại")
        if tr_pr is not None and toggle(tr_pr.find(qn("w:cantSplit"))):
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


def _block_lines(container: etree._Element, styles: StyleResolver, indent: str = "") -> list[str]:
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
    styles_xml, theme_xml = parts.get(PART_STYLES), parts.get(PART_THEME)
    styles = StyleResolver(
        etree.fromstring(styles_xml) if styles_xml is not None else None,
        theme_fonts(etree.fromstring(theme_xml) if theme_xml is not None else None),
    )
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
            f"{style_id} «{styles.name(style_id)}»: {_run_label(run, None)}; "
            + _paragraph_label(
                styles.paragraph_format(style_id), styles.paragraph_toggle(style_id, "w:keepLines")
            )
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
