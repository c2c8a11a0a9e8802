"""Rendered documents, opened and checked: texts, fonts, sizes, styles, margins, sections, notes."""

from __future__ import annotations

import zipfile

import pytest
from docx.shared import Mm

from baocao_gen.pipeline import build, render_file
from conftest import PARTY_PROFILE, PERIOD, built, open_docx
from docx_helpers import W, body_text, find_paragraph, footnote_texts, formats, part


@pytest.fixture
def state_doc(make_report):
    return open_docx(built(make_report()).data)


@pytest.fixture
def party_doc(make_report):
    period = PERIOD.replace("so: 5", "so: 374").replace("luu: VT", "luu: VPH")
    return open_docx(built(make_report(period, PARTY_PROFILE)).data)


def test_page_is_a4_with_nd30_margins(state_doc):
    section = state_doc.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert round(section.top_margin.mm) == 20 and round(section.bottom_margin.mm) == 20
    assert round(section.left_margin.mm) == 30 and round(section.right_margin.mm) == 15


def test_state_header_block(state_doc):
    assert formats(state_doc, "UBND HUYỆN BA TƠ") == {
        "size": 12,
        "bold": False,
        "italic": False,
        "underline": False,
    }
    assert formats(state_doc, "ỦY BAN NHÂN DÂN XÃ BA TÔ")["bold"] is True
    assert formats(state_doc, "ỦY BAN NHÂN DÂN XÃ BA TÔ")["size"] == 12
    assert formats(state_doc, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") == {
        "size": 12,
        "bold": True,
        "italic": False,
        "underline": False,
    }
    assert formats(state_doc, "Độc lập - Tự do - Hạnh phúc") == {
        "size": 13,
        "bold": True,
        "italic": False,
        "underline": False,
    }
    assert formats(state_doc, "Số: 05/BC-UBND")["size"] == 13
    assert formats(state_doc, "Ba Tô, ngày 05 tháng 6 năm 2023") == {
        "size": 13,
        "bold": False,
        "italic": True,
        "underline": False,
    }
    # the header is a borderless two-column table; số and date share its second row
    table = state_doc.tables[0]
    assert len(table.columns) == 2
    assert table.rows[1].cells[0].text.strip() == "Số: 05/BC-UBND"
    assert table.rows[1].cells[1].text.strip() == "Ba Tô, ngày 05 tháng 6 năm 2023"
    borders = table._tbl.tblPr.find(f"{W}tblBorders")
    assert {b.get(f"{W}val") for b in borders} == {"nil"}


def test_header_rules_are_sized_from_the_text(state_doc):
    rules = []
    for paragraph in (
        state_doc.tables[0].rows[0].cells[0].paragraphs + state_doc.tables[0].rows[0].cells[1].paragraphs
    ):
        ppr = paragraph._p.pPr
        if ppr is not None and ppr.find(f"{W}pBdr") is not None:
            ind = ppr.find(f"{W}ind")
            rules.append((int(ind.get(f"{W}left")), int(ind.get(f"{W}right"))))
    assert len(rules) == 2
    issuer_rule, motto_rule = rules
    left_cell, right_cell = (
        int(col.get(f"{W}w")) for col in state_doc.tables[0]._tbl.tblGrid.findall(f"{W}gridCol")
    )
    assert left_cell + right_cell == 9355
    issuer_rule_width = left_cell - 2 * issuer_rule[0]
    # ỦY BAN NHÂN DÂN XÃ BA TÔ, 12 pt bold, is about 60 mm; the rule is 1/3–1/2 of it
    assert 1134 <= issuer_rule_width <= 1700
    motto_width = right_cell - 2 * motto_rule[0]
    assert 3000 <= motto_width <= 3400  # “Độc lập - Tự do - Hạnh phúc”, 13 pt bold ≈ 56 mm


def test_state_title_body_and_signature(state_doc):
    assert formats(state_doc, "BÁO CÁO") == {"size": 14, "bold": True, "italic": False, "underline": False}
    assert formats(state_doc, "Kết quả công tác dân vận 6 tháng đầu năm 2023")["bold"] is True
    heading = find_paragraph(state_doc, "I. KẾT QUẢ")
    assert heading.style.style_id == "Muc"
    body = find_paragraph(state_doc, "Đoạn văn thứ nhất.")
    fmt = body.style.paragraph_format
    assert fmt.first_line_indent == Mm(12.7) or abs(fmt.first_line_indent.mm - 12.7) < 0.1
    assert fmt.space_after.pt == 6
    assert fmt.line_spacing == 1.15
    assert formats(state_doc, "Nơi nhận:") == {"size": 12, "bold": True, "italic": True, "underline": False}
    assert formats(state_doc, "- UBND huyện;")["size"] == 11
    assert find_paragraph(state_doc, "- Lưu: VT.")
    assert formats(state_doc, "TM. ỦY BAN NHÂN DÂN") == {
        "size": 14,
        "bold": True,
        "italic": False,
        "underline": False,
    }
    assert formats(state_doc, "CHỦ TỊCH")["bold"] is True
    assert formats(state_doc, "Phạm Văn Hiền")["bold"] is True


def test_party_header_title_and_signature(party_doc):
    assert formats(party_doc, "ĐẢNG BỘ TỈNH QUẢNG NGÃI") == {
        "size": 14,
        "bold": False,
        "italic": False,
        "underline": False,
    }
    assert formats(party_doc, "HUYỆN ỦY BÌNH SƠN") == {
        "size": 14,
        "bold": True,
        "italic": False,
        "underline": False,
    }
    assert find_paragraph(party_doc, "*")
    assert formats(party_doc, "ĐẢNG CỘNG SẢN VIỆT NAM") == {
        "size": 15,
        "bold": True,
        "italic": False,
        "underline": False,
    }
    assert formats(party_doc, "Số 374-BC/HU")["size"] == 14
    assert formats(party_doc, "Bình Sơn, ngày 05 tháng 6 năm 2023")["italic"] is True
    assert formats(party_doc, "BÁO CÁO")["size"] == 16
    assert find_paragraph(party_doc, "-----")
    assert formats(party_doc, "Nơi nhận:") == {"size": 14, "bold": False, "italic": False, "underline": True}
    assert formats(party_doc, "- UBND huyện,")["size"] == 12
    assert find_paragraph(party_doc, "- Lưu VPH.")
    assert formats(party_doc, "T/M BAN THƯỜNG VỤ")["bold"] is True
    assert formats(party_doc, "PHÓ BÍ THƯ")["bold"] is False
    assert formats(party_doc, "Đỗ Thiết Khiêm")["bold"] is True
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" not in body_text(party_doc)


def test_page_numbers_top_centre_from_page_two(state_doc):
    section = state_doc.sections[0]
    assert section.different_first_page_header_footer is True
    header = section.header._element
    assert any(" PAGE " in (f.get(f"{W}instr") or "") for f in header.iter(f"{W}fldSimple"))
    paragraph = section.header.paragraphs[0]
    assert (
        paragraph.alignment is None and paragraph.style.paragraph_format.alignment == 1
    )  # centred by its style
    assert paragraph.style.font.size.pt == 14
    assert not "".join(t.text or "" for t in section.first_page_header._element.iter(f"{W}t")).strip()


def test_times_new_roman_everywhere(state_doc):
    styles = part(_data_of(state_doc), "word/styles.xml")
    fonts = styles.find(f".//{W}style[@{W}styleId='Normal']//{W}rFonts")
    assert {fonts.get(f"{W}{k}") for k in ("ascii", "hAnsi", "cs", "eastAsia")} == {"Times New Roman"}


def _data_of(document) -> bytes:
    import io

    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(
    "value", ["A & B", "x < y > z", "\"Trích\" 'dẫn'", "{{ khong_phai_mau }}", "{% if x %}"]
)
def test_special_characters_appear_exactly_as_typed(make_report, value):
    profile_value = value.replace('"', '\\"')
    period = (
        PERIOD.replace("Đoạn văn thứ nhất.", value.replace("{", "\\{"))
        + f'ten_loai: "BÁO CÁO {profile_value}"\n'
    )
    period = period.replace("  - UBND huyện", f'  - "UBND {profile_value}"')
    data = built(make_report(period)).data
    document = open_docx(data)
    texts = body_text(document)
    assert f"BÁO CÁO {value}".upper() in texts
    assert f"- UBND {value};" in texts
    expected = value.replace('"', "“", 1).replace('"', "”", 1) if value.count('"') == 2 else value
    assert expected in texts


def test_same_input_gives_the_same_bytes(make_report):
    path = make_report()
    assert build(path).data == build(path).data


def test_footnotes_are_real_and_numbered_in_order(make_report):
    period = (
        PERIOD.replace("Đoạn văn thứ nhất.", "Thứ nhất[^b] và thứ hai[^a].\n      - Gạch đầu dòng[^c].")
        + "chu_thich:\n  a: Chú thích A.\n  b: |\n    Chú thích B dòng 1.\n    - gạch đầu dòng trong chú thích\n  c: Chú thích C.\n"
    )
    data = built(make_report(period)).data
    assert footnote_texts(data) == [
        "Chú thích B dòng 1.\n- gạch đầu dòng trong chú thích",
        "Chú thích A.",
        "Chú thích C.",
    ]
    document = part(data, "word/document.xml")
    refs = [int(r.get(f"{W}id")) for r in document.iter(f"{W}footnoteReference")]
    assert refs == [1, 2, 3]
    notes = part(data, "word/footnotes.xml")
    assert notes.find(f"{W}footnote").get(f"{W}type") == "separator"
    styles = {p.get(f"{W}val") for p in notes.iter(f"{W}pStyle")}
    assert "FootnoteText" in styles


def test_nothing_is_written_when_data_has_errors(make_report, tmp_path):
    path = make_report(PERIOD.replace("so: 5", "so: 5.6"))
    target = tmp_path / "out.docx"
    result = render_file(path, target)
    assert not result.ok and not target.exists()


def test_default_output_is_next_to_the_data_file(make_report):
    path = make_report()
    result = render_file(path)
    assert result.output == path.with_suffix(".docx") and result.output.exists()


def test_hand_edited_output_is_not_overwritten(make_report, tmp_path):
    path = make_report()
    target = tmp_path / "out.docx"
    assert render_file(path, target).ok
    assert render_file(path, target).ok  # unchanged output: regenerating is fine
    with zipfile.ZipFile(target) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    parts["word/document.xml"] = parts["word/document.xml"].replace(
        "Đoạn văn".encode(), "Đoạn đã sửa".encode()
    )
    with zipfile.ZipFile(target, "w") as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    edited = target.read_bytes()
    result = render_file(path, target)
    assert [d.code for d in result.diagnostics] == ["W401"]
    assert target.read_bytes() == edited
    assert render_file(path, target, force=True).ok


def test_metadata_title_is_the_plain_summary(make_report):
    period = PERIOD.replace(
        "trich_yeu: Kết quả công tác dân vận 6 tháng đầu năm 2023", "trich_yeu: Tổng kết [[nq25|so]]"
    )
    core = part(built(make_report(period)).data, "docProps/core.xml")
    title = core.find("{http://purl.org/dc/elements/1.1/}title").text
    assert title == "Tổng kết Nghị quyết số 25-NQ/TW"


def test_header_line_too_wide_for_its_column_is_a_warning(make_report):
    from baocao_gen.pipeline import check
    from conftest import STATE_PROFILE

    profile = STATE_PROFILE.replace(
        "co_quan_ban_hanh: ỦY BAN NHÂN DÂN XÃ BA TÔ",
        "co_quan_ban_hanh: ỦY BAN NHÂN DÂN XÃ BA TÔ HUYỆN BA TƠ TỈNH QUẢNG NGÃI",
    )
    result = check(make_report(profile=profile))
    assert result.ok
    assert [(d.code, d.is_error, d.location.path) for d in result.diagnostics] == [
        ("D125", False, ("co_quan_ban_hanh",))
    ]


def test_output_file_has_ordinary_permissions(make_report, tmp_path):
    import os
    import stat

    target = tmp_path / "out.docx"
    assert render_file(make_report(), target).ok
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~umask
    assert not list(tmp_path.glob(".baocao-*"))  # no temporary file left behind


TYPED_TEMPLATE_SYNTAX = "{_{ %_} {{ {% {# _} {_% }_}"


def test_template_syntax_typed_by_a_clerk_prints_exactly_as_typed(make_report):
    """docxtpl's text passes turn `{_{` into `{{` and `%_}` into `%}`: what a clerk typed never meets them."""
    typed = TYPED_TEMPLATE_SYNTAX
    quoted = typed.replace('"', '\\"')
    period = (
        PERIOD.replace(
            "trich_yeu: Kết quả công tác dân vận 6 tháng đầu năm 2023", f'trich_yeu: "Kết quả {quoted}"'
        )
        .replace("  - tieu_de: Kết quả\n", f'  - tieu_de: "Tiêu đề {quoted}"\n')
        .replace("Đoạn văn thứ nhất.", f"Đoạn {typed} có chú thích[^a].")
        .replace("  - UBND huyện", f'  - "UBND {quoted}"')
        + f'chu_thich:\n  a: "Chú thích {quoted}"\n'
        + "phu_luc:\n  - tieu_de: Phụ lục thử\n    bang:\n      - cot: [{ten: Nội dung, kieu: chu}, {ten: Ghi chú, kieu: chu}]\n"
        + f'        dong:\n          - ["Ô {quoted}", "x"]\n'
    )
    data = built(make_report(period)).data
    texts = body_text(open_docx(data))
    assert f"Kết quả {typed}" in texts  # the trích yếu
    assert f"I. TIÊU ĐỀ {typed}" in texts  # a heading title (upper-cased, braces untouched)
    assert f"Đoạn {typed} có chú thích." in texts  # prose (the note's number is a reference, not text)
    assert f"- UBND {typed};" in texts  # a Nơi nhận line, filled by docxtpl itself
    cells = [t.text for row in open_docx(data).tables[-1].rows for t in row.cells]
    assert f"Ô {typed}" in cells
    assert footnote_texts(data) == [f"Chú thích {typed}"]
