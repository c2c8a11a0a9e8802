"""The frame templates: header block, title, body slots, Nơi nhận + signature, page numbers.

This is the one source of the parts every report shares. `tools/build_templates.py` writes the
result to `templates/khung-nha-nuoc.docx` and `templates/khung-dang.docx`, which docxtpl then fills;
a test rebuilds them and compares, so the committed templates cannot drift from this code. The values
are FORMAT.md's defaults (NĐ 30/2020 Phụ lục I; HD 36-HD/VPTW).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import UTC, datetime

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.shared import Pt
from lxml import etree

from .body import section_properties, text_width
from .ns import CP, DC, DCTERMS, NSMAP, REL, REL_STYLES_WITH_EFFECTS, REL_THUMBNAIL, qn
from .package import drop_relationships, read_parts, write_parts, xml_bytes, xml_of

__all__ = ["FRAMES", "FRAME_STAMP", "FrameSpec", "build_frame", "header_lines"]

BODY_STYLE = "VanBan"
FRAME_STAMP = datetime(2020, 3, 5, tzinfo=UTC)  # NĐ 30/2020 takes effect: a fixed, meaningful date

# What python-docx's default template carries and no report uses: Word 2010's stale second copy of
# the styles, a thumbnail of an empty page, a bibliography customXml item, web-page settings, and
# the numbering definitions of the built-in list styles that are pruned below.
_UNUSED_RELATIONSHIPS = (
    REL_STYLES_WITH_EFFECTS,
    REL_THUMBNAIL,
    REL + "customXml",
    REL + "webSettings",
    REL + "numbering",
)
_EXTENDED_PROPERTIES = REL + "extended-properties"
_STYLE_LINKS = ("w:basedOn", "w:next", "w:link")
_STYLE_REFERENCES = ("w:pStyle", "w:rStyle", "w:tblStyle", "w:numStyle")


@dataclass(frozen=True)
class FrameSpec:
    """Sizes in half-points and the fixed texts of one document system."""

    system: str
    upper_size: int  # cơ quan chủ quản / cấp trên
    issuer_size: int
    motto_title: str
    motto_title_size: int
    motto: str | None
    motto_size: int
    number_size: int
    date_size: int
    kind_size: int
    summary_size: int
    recipients_title_size: int
    recipients_size: int
    signer_size: int
    position_bold: bool


FRAMES = {
    "nha_nuoc": FrameSpec(
        system="nha_nuoc",
        upper_size=24,
        issuer_size=24,
        motto_title="CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        motto_title_size=24,
        motto="Độc lập - Tự do - Hạnh phúc",
        motto_size=26,
        number_size=26,
        date_size=26,
        kind_size=28,
        summary_size=28,
        recipients_title_size=24,
        recipients_size=22,
        signer_size=28,
        position_bold=True,
    ),
    "dang": FrameSpec(
        system="dang",
        upper_size=28,
        issuer_size=28,
        motto_title="ĐẢNG CỘNG SẢN VIỆT NAM",
        motto_title_size=30,
        motto=None,
        motto_size=0,
        number_size=28,
        date_size=28,
        kind_size=32,
        summary_size=28,
        recipients_title_size=28,
        recipients_size=24,
        signer_size=28,
        position_bold=False,
    ),
}


def _w(tag: str, parent: etree._Element | None = None, **attrs: str) -> etree._Element:
    attributes = {qn(f"w:{k}"): v for k, v in attrs.items()}
    if parent is None:
        return etree.Element(qn(f"w:{tag}"), attributes, nsmap=NSMAP)
    return etree.SubElement(parent, qn(f"w:{tag}"), attributes)


def _para(
    text: str = "",
    *,
    style: str = "DauTrang",
    size: int | None = None,
    bold: bool = False,
    italic: bool = False,
    underline: bool = False,
    align: str = "center",
    before: int | None = None,
    after: int | None = None,
    border_bottom: bool = False,
    indent: tuple[str, str] | None = None,
    keep_next: bool = False,
) -> etree._Element:
    """Return one paragraph; `text` may hold Jinja tags, which docxtpl fills later."""
    p = _w("p")
    ppr = _w("pPr", p)
    _w("pStyle", ppr, val=style)
    if keep_next:
        _w("keepNext", ppr)
    if border_bottom:
        _w("bottom", _w("pBdr", ppr), val="single", sz="6", space="1", color="000000")
    if before is not None or after is not None:
        spacing = {}
        if before is not None:
            spacing["before"] = str(before)
        if after is not None:
            spacing["after"] = str(after)
        _w("spacing", ppr, **spacing)
    if indent is not None:
        _w("ind", ppr, left=indent[0], right=indent[1])
    _w("jc", ppr, val=align)
    if border_bottom:
        # An empty ruled paragraph: keep it thin so the rule sits close to the text above.
        rpr = _w("rPr", ppr)
        _w("sz", rpr, val="8")
    if text:
        r = _w("r", p)
        rpr = _w("rPr", r)
        if bold:
            _w("b", rpr)
            _w("bCs", rpr)
        if italic:
            _w("i", rpr)
            _w("iCs", rpr)
        if size:
            _w("sz", rpr, val=str(size))
            _w("szCs", rpr, val=str(size))
        if underline:
            _w("u", rpr, val="single")
        t = _w("t", r)
        t.text = text
        t.set(qn("xml:space"), "preserve")
    return p


def _table(widths: list[int | str], total: int) -> etree._Element:
    """Return a borderless table with its grid (the header and signature layouts).

    A width may be a Jinja tag: the header's columns are sized per report from its measured lines.
    """
    tbl = _w("tbl")
    tblpr = _w("tblPr", tbl)
    _w("tblW", tblpr, w=str(total), type="dxa")
    _w("tblInd", tblpr, w="0", type="dxa")
    borders = _w("tblBorders", tblpr)
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        _w(side, borders, val="nil")
    _w("tblLayout", tblpr, type="fixed")
    margins = _w("tblCellMar", tblpr)
    _w("left", margins, w="0", type="dxa")
    _w("right", margins, w="0", type="dxa")
    _w("tblLook", tblpr, val="0000", firstRow="0", lastRow="0", firstColumn="0", lastColumn="0", noHBand="1", noVBand="1")
    grid = _w("tblGrid", tbl)
    for width in widths:
        _w("gridCol", grid, w=str(width))
    return tbl


def _row(tbl: etree._Element, widths: list[int | str]) -> list[etree._Element]:
    tr = _w("tr", tbl)
    _w("cantSplit", _w("trPr", tr))  # a signature block never breaks across pages
    cells = []
    for width in widths:
        tc = _w("tc", tr)
        _w("tcW", _w("tcPr", tc), w=str(width), type="dxa")
        cells.append(tc)
    return cells


def _header_block(spec: FrameSpec) -> list[etree._Element]:
    """Return the header table; its column widths and the rule under the Quốc hiệu (or the Party
    title) are tags, computed per report from the measured lines of both sides (compute.py)."""
    widths: list[int | str] = ["{{ cot_trai }}", "{{ cot_phai }}"]
    tbl = _table(widths, text_width("portrait"))
    left, right = _row(tbl, widths)
    left.append(_para("{%p for dong in chu_quan %}"))
    left.append(_para("{{ dong }}", size=spec.upper_size))
    left.append(_para("{%p endfor %}"))
    left.append(_para("{%p for dong in ban_hanh %}"))
    left.append(_para("{{ dong }}", size=spec.issuer_size, bold=True))
    left.append(_para("{%p endfor %}"))
    if spec.system == "nha_nuoc":
        # The rule under the issuing body is 1/3–1/2 of its text: its indent is computed per report.
        left.append(_para(border_bottom=True, indent=("{{ le_gach_ban_hanh }}", "{{ le_gach_ban_hanh }}"), after=0))
    else:
        left.append(_para("*", size=spec.issuer_size))
    right.append(_para(spec.motto_title, size=spec.motto_title_size, bold=True))
    if spec.motto:
        right.append(_para(spec.motto, size=spec.motto_size, bold=True))
    # As long as the Tiêu ngữ (State) or the title (Party): centred by an indent computed per report.
    right.append(_para(border_bottom=True, indent=("{{ le_gach_quoc_hieu }}", "{{ le_gach_quoc_hieu }}"), after=0))
    left2, right2 = _row(tbl, widths)
    left2.append(_para("{{ so_ky_hieu }}", size=spec.number_size, before=80))
    right2.append(_para("{{ dia_danh_ngay }}", size=spec.date_size, italic=True, before=80))
    return [tbl]


def header_lines(spec: FrameSpec) -> tuple[str, ...]:
    """Return the fixed lines of the header's right column (Quốc hiệu and Tiêu ngữ, or the Party title)."""
    return (spec.motto_title, spec.motto) if spec.motto else (spec.motto_title,)


def _title_block(spec: FrameSpec) -> list[etree._Element]:
    out = [
        _para("{{ ten_loai }}", size=spec.kind_size, bold=True, before=360, keep_next=True),
        _para("{{r trich_yeu }}", style="TrichYeu", keep_next=True),
    ]
    if spec.system == "nha_nuoc":
        out.append(_para(border_bottom=True, indent=("{{ le_gach_trich_yeu }}", "{{ le_gach_trich_yeu }}"), after=240))
    else:
        out.append(_para("-----", size=spec.summary_size, after=240))
    return out


def _signature_block(spec: FrameSpec) -> list[etree._Element]:
    total = text_width("portrait")
    widths: list[int | str] = [total // 2 - 300, total - (total // 2 - 300)]
    tbl = _table(widths, total)
    left, right = _row(tbl, widths)
    if spec.system == "nha_nuoc":
        left.append(_para("Nơi nhận:", style="NoiNhanTieuDe", align="left"))
    else:
        left.append(_para("Nơi nhận:", style="NoiNhanTieuDe", align="left"))
    left.append(_para("{%p for dong in noi_nhan %}"))
    left.append(_para("{%p if dong.nhom %}"))
    left.append(_para("{{ dong.text }}", style="NoiNhan", italic=True, align="left"))
    left.append(_para("{%p else %}"))
    left.append(_para("{{ dong.text }}", style="NoiNhan", align="left"))
    left.append(_para("{%p endif %}"))
    left.append(_para("{%p endfor %}"))
    right.append(_para("{%p for dong in ky %}"))
    right.append(_para("{%p if dong.dam %}"))
    right.append(_para("{{ dong.text }}", style="ChuKy", bold=True))
    right.append(_para("{%p else %}"))
    right.append(_para("{{ dong.text }}", style="ChuKy"))
    right.append(_para("{%p endif %}"))
    right.append(_para("{%p endfor %}"))
    right.append(_para("{{ ho_ten }}", style="ChuKy", bold=True, before=1680))
    # The empty line above Nơi nhận keeps with the table too: without it the chain from the closing
    # words broke there, and the signature went alone onto a page of its own.
    return [_para(style=BODY_STYLE, align="both", after=0, keep_next=True), tbl]


def _slot(name: str) -> etree._Element:
    return _para(f"{{{{p {name} }}}}", style=BODY_STYLE, align="both")


def _define_styles(document: docx.document.Document, spec: FrameSpec) -> set[str]:
    """Set Normal and add our styles; return the ids added (all kept when the styles are pruned)."""
    styles = document.styles
    added: set[str] = set()
    normal = styles["Normal"]
    normal.font.name = "Times New Roman"
    normal.font.size = Pt(14)
    rpr = normal.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    for attr in ("ascii", "hAnsi", "cs", "eastAsia"):
        fonts.set(qn(f"w:{attr}"), "Times New Roman")
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = etree.SubElement(rpr, qn("w:lang"))
    lang.set(qn("w:val"), "vi-VN")
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.space_before = Pt(0)
    normal.paragraph_format.line_spacing = 1.0

    def add(style_id: str, name: str, *, kind: WD_STYLE_TYPE = WD_STYLE_TYPE.PARAGRAPH, xml: str = "") -> None:
        style = styles.add_style(name, kind)
        style.element.set(qn("w:styleId"), style_id)
        style.base_style = normal if kind == WD_STYLE_TYPE.PARAGRAPH else None
        if xml:
            for child in etree.fromstring(f'<x xmlns:w="{NSMAP["w"]}">{xml}</x>'):
                style.element.append(child)
        style.element.set(qn("w:customStyle"), "1")
        added.add(style_id)

    body_ppr = '<w:pPr><w:spacing w:after="120" w:line="276" w:lineRule="auto"/><w:ind w:firstLine="720"/><w:jc w:val="both"/></w:pPr>'
    heading_ppr = '<w:pPr><w:keepNext/><w:spacing w:after="120" w:line="276" w:lineRule="auto"/><w:ind w:firstLine="720"/><w:jc w:val="both"/></w:pPr>'
    centered = '<w:pPr><w:keepNext/><w:spacing w:after="0" w:line="240" w:lineRule="auto"/><w:jc w:val="center"/></w:pPr>'
    add(BODY_STYLE, "Văn bản", xml=body_ppr)
    add("Phan", "Phần", xml='<w:pPr><w:keepNext/><w:spacing w:before="120" w:after="0"/><w:jc w:val="center"/></w:pPr><w:rPr><w:b/><w:bCs/></w:rPr>')
    add("PhanTieuDe", "Tiêu đề phần", xml='<w:pPr><w:keepNext/><w:spacing w:after="120"/><w:jc w:val="center"/></w:pPr><w:rPr><w:b/><w:bCs/></w:rPr>')
    add("Muc", "Mục (I.)", xml=heading_ppr + "<w:rPr><w:b/><w:bCs/></w:rPr>")
    add("Khoan", "Khoản (1.)", xml=heading_ppr + "<w:rPr><w:b/><w:bCs/></w:rPr>")
    add("KhoanPhu", "Khoản phụ (1.1.)", xml=heading_ppr + "<w:rPr><w:b/><w:bCs/><w:i/><w:iCs/></w:rPr>")
    add("Diem", "Điểm (a)", xml=heading_ppr)
    add("TrichYeu", "Trích yếu", xml=f'<w:pPr><w:keepNext/><w:jc w:val="center"/></w:pPr><w:rPr><w:b/><w:bCs/><w:sz w:val="{spec.summary_size}"/><w:szCs w:val="{spec.summary_size}"/></w:rPr>')
    add("DauTrang", "Đầu văn bản", xml=centered)
    add("Bang", "Chữ trong bảng", xml='<w:pPr><w:spacing w:before="20" w:after="20"/><w:jc w:val="left"/></w:pPr><w:rPr><w:sz w:val="24"/><w:szCs w:val="24"/></w:rPr>')
    add("SauBang", "Sau bảng", xml='<w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:rPr><w:sz w:val="12"/></w:rPr>')
    add("TieuDeBang", "Tiêu đề bảng", xml='<w:pPr><w:keepNext/><w:spacing w:before="120" w:after="120"/><w:jc w:val="center"/></w:pPr><w:rPr><w:b/><w:bCs/></w:rPr>')
    add("GhiChuBang", "Ghi chú bảng", xml='<w:pPr><w:spacing w:before="60" w:after="60"/></w:pPr><w:rPr><w:i/><w:iCs/><w:sz w:val="24"/><w:szCs w:val="24"/></w:rPr>')
    add("PhuLucSo", "Số phụ lục", xml='<w:pPr><w:keepNext/><w:spacing w:after="0"/><w:jc w:val="center"/></w:pPr><w:rPr><w:b/><w:bCs/></w:rPr>')
    add("PhuLucTieuDe", "Tên phụ lục", xml='<w:pPr><w:keepNext/><w:spacing w:after="0"/><w:jc w:val="center"/></w:pPr><w:rPr><w:b/><w:bCs/></w:rPr>')
    add("PhuLucPhu", "Dòng dưới tên phụ lục", xml='<w:pPr><w:keepNext/><w:spacing w:after="120"/><w:jc w:val="center"/></w:pPr><w:rPr><w:i/><w:iCs/></w:rPr>')
    if spec.system == "nha_nuoc":
        title_rpr = f'<w:rPr><w:b/><w:bCs/><w:i/><w:iCs/><w:sz w:val="{spec.recipients_title_size}"/><w:szCs w:val="{spec.recipients_title_size}"/></w:rPr>'
    else:
        title_rpr = f'<w:rPr><w:sz w:val="{spec.recipients_title_size}"/><w:szCs w:val="{spec.recipients_title_size}"/><w:u w:val="single"/></w:rPr>'
    # No space before: `Nơi nhận:` stands level with the first signature line (NĐ 30: "level with the 7a line").
    add("NoiNhanTieuDe", "Nơi nhận", xml='<w:pPr><w:spacing w:before="0" w:after="0"/></w:pPr>' + title_rpr)
    add("NoiNhan", "Dòng nơi nhận", xml=f'<w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:rPr><w:sz w:val="{spec.recipients_size}"/><w:szCs w:val="{spec.recipients_size}"/></w:rPr>')
    add("ChuKy", "Chữ ký", xml=f'<w:pPr><w:spacing w:before="0" w:after="0"/><w:jc w:val="center"/></w:pPr><w:rPr><w:sz w:val="{spec.signer_size}"/><w:szCs w:val="{spec.signer_size}"/></w:rPr>')
    add("SoTrang", "Số trang", xml='<w:pPr><w:jc w:val="center"/></w:pPr><w:rPr><w:sz w:val="28"/><w:szCs w:val="28"/></w:rPr>')
    add("FootnoteText", "footnote text", xml='<w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/><w:ind w:firstLine="567"/><w:jc w:val="both"/></w:pPr><w:rPr><w:sz w:val="24"/><w:szCs w:val="24"/></w:rPr>')
    add("FootnoteReference", "footnote reference", kind=WD_STYLE_TYPE.CHARACTER, xml='<w:rPr><w:vertAlign w:val="superscript"/></w:rPr>')
    return added


def _page_number_headers(document: docx.document.Document) -> None:
    section = document.sections[0]
    section.different_first_page_header_footer = True
    header = section.header
    header.is_linked_to_previous = False
    paragraph = header.paragraphs[0]
    paragraph.style = document.styles["Số trang"]
    p = paragraph._p
    field = etree.SubElement(p, qn("w:fldSimple"), {qn("w:instr"): " PAGE "})
    run = etree.SubElement(field, qn("w:r"))
    etree.SubElement(run, qn("w:t")).text = "2"
    first = section.first_page_header
    first.is_linked_to_previous = False
    first.paragraphs[0].text = ""


def build_frame(system: str) -> bytes:
    """Return the .docx bytes of the frame template of `system` (before docxtpl fills it).

    The bytes are final (fixed timestamp, stable zip order), so templates/ holds exactly these.
    """
    spec = FRAMES[system]
    document = docx.Document()
    ours = _define_styles(document, spec)
    _page_number_headers(document)
    body = document.element.body
    old_sect = body.find(qn("w:sectPr"))
    for child in list(body):
        if child is not old_sect:
            body.remove(child)
    content = [
        *_header_block(spec),
        *_title_block(spec),
        _slot("mo_dau"),
        _slot("noi_dung"),
        _slot("ket_thuc"),
        *_signature_block(spec),
        _slot("phu_luc"),
    ]
    for element in content:
        old_sect.addprevious(element)
    # Replace python-docx's Letter-sized section with A4 and our margins, keeping header references.
    new_sect = section_properties("portrait")
    for ref in old_sect.findall(qn("w:headerReference")) + old_sect.findall(qn("w:footerReference")):
        new_sect.insert(0, ref)
    # headerReference elements must precede everything else, in document order.
    refs = [el for el in new_sect if el.tag in (qn("w:headerReference"), qn("w:footerReference"))]
    for ref in refs:
        new_sect.remove(ref)
    for index, ref in enumerate(refs):
        new_sect.insert(index, ref)
    body.replace(old_sect, new_sect)
    buffer = io.BytesIO()
    document.save(buffer)
    parts = read_parts(buffer.getvalue())
    _clean_package(parts, ours, "Khung báo cáo " + ("Nhà nước" if system == "nha_nuoc" else "Đảng"))
    return write_parts(parts, FRAME_STAMP)


def _clean_package(parts: dict[str, bytes], ours: set[str], title: str) -> None:
    """Leave only what the frame uses: python-docx starts from a full Word 2010 template.

    Its leftovers cost 800 KB unpacked in every report, make Word "repair" the file (stylesWithEffects
    no longer matches styles.xml), and its metadata names python-docx and "Microsoft Macintosh Word";
    no app.xml is written (it is optional, and Word writes its own on the first save).
    """
    drop_relationships(parts, _UNUSED_RELATIONSHIPS + (_EXTENDED_PROPERTIES,))
    _prune_styles(parts, ours)
    settings = xml_of(parts["word/settings.xml"])
    for element in settings.findall(qn("w:savePreviewPicture")):  # it asks Word for a new thumbnail
        settings.remove(element)
    parts["word/settings.xml"] = xml_bytes(settings)
    parts["docProps/core.xml"] = _core_xml(title)


def _core_xml(title: str) -> bytes:
    """Return core properties naming the tool and the frame, at the frame's fixed date."""
    xsi = "http://www.w3.org/2001/XMLSchema-instance"
    nsmap = {"cp": CP, "dc": DC, "dcterms": DCTERMS, "xsi": xsi}
    root = etree.Element(qn("cp:coreProperties"), nsmap=nsmap)
    etree.SubElement(root, qn("dc:title")).text = title
    etree.SubElement(root, qn("dc:creator")).text = "baocao-gen"
    etree.SubElement(root, qn("cp:revision")).text = "1"
    for tag in ("dcterms:created", "dcterms:modified"):
        stamp = etree.SubElement(root, qn(tag), {f"{{{xsi}}}type": "dcterms:W3CDTF"})
        stamp.text = FRAME_STAMP.strftime("%Y-%m-%dT%H:%M:%SZ")
    return xml_bytes(root)


def _prune_styles(parts: dict[str, bytes], ours: set[str]) -> None:
    """Keep the styles a report can use and the ones Word requires; drop the 160 others and latentStyles.

    Kept: our own styles (the body the renderer writes refers to them), the styles the frame's
    parts refer to, the default style of each type (Normal, Default Paragraph Font, Normal Table,
    No List: Word expects them), and whatever those are based on or linked to.
    """
    styles = xml_of(parts["word/styles.xml"])
    by_id = {style.get(qn("w:styleId")): style for style in styles.iter(qn("w:style"))}
    wanted = set(ours) | {ident for ident, style in by_id.items() if style.get(qn("w:default")) in ("1", "true", "on")}
    for name, data in parts.items():
        if name.startswith("word/") and name.endswith(".xml") and name != "word/styles.xml":
            root = xml_of(data)
            for tag in _STYLE_REFERENCES:
                wanted.update(el.get(qn("w:val")) for el in root.iter(qn(tag)))
    pending = list(wanted)
    while pending:
        style = by_id.get(pending.pop())
        if style is None:
            continue
        for tag in _STYLE_LINKS:
            link = style.find(qn(tag))
            if link is not None and link.get(qn("w:val")) not in wanted:
                wanted.add(link.get(qn("w:val")))
                pending.append(link.get(qn("w:val")))
    for ident, style in by_id.items():
        if ident not in wanted:
            styles.remove(style)
    for latent in styles.findall(qn("w:latentStyles")):
        styles.remove(latent)
    parts["word/styles.xml"] = xml_bytes(styles)

