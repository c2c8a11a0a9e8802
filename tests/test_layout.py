"""Layout decided before LibreOffice sees the file: header columns, the signature's keep-with-next
chain, Nơi nhận level with the signature, table font sizes and column widths.

What these decide is checked on paper, in PDFs, by tests/test_libreoffice.py.
"""

from __future__ import annotations

from fractions import Fraction

import pytest
from lxml import etree

from baocao_gen.compute import HEADER_SHARE, fits, split_header
from baocao_gen.document import Table
from baocao_gen.ooxml.frame import frame_of_file, page_text_width
from baocao_gen.ooxml.measure import char_width, text_width
from baocao_gen.pipeline import build, check
from baocao_gen.resources import template_path
from baocao_gen.tables import MIN_SIZE
from conftest import EXAMPLES, PARTY_PROFILE, PERIOD, STATE_PROFILE, built
from docx_helpers import W, part
from layout_cases import HEADER_CASES, case_id, write_case

EXAMPLE_FILES = sorted(p for p in EXAMPLES.glob("*/*.yaml") if p.name != "don-vi.yaml")
TOTAL = page_text_width("portrait")  # points


# -- measuring --------------------------------------------------------------------------------------
def test_horn_letters_are_wider_than_their_base_letters():
    # Liberation Serif (Times New Roman's metrics): ơ 529, ư 542, Ư 776 against o, u 500 and U 722.
    assert (char_width("ơ"), char_width("ư"), char_width("Ư")) == (529, 542, 776)
    assert char_width("ờ") == char_width("ơ") and char_width("Ự", bold=True) == 796
    assert char_width("ế") == char_width("e") and char_width("Đ") == char_width("D")
    assert text_width("Phước Hưng Đông", 14, italic=True) > text_width("Phuoc Hung Dong", 14, italic=True)


# -- header columns -------------------------------------------------------------------------------
LOW, HIGH = (TOTAL * Fraction(str(share)) for share in HEADER_SHARE)


def test_header_split_keeps_to_40_45_percent_when_both_sides_allow():
    left = split_header(Fraction(150), Fraction(225), Fraction(100), TOTAL)  # points
    assert LOW <= left <= HIGH


def test_header_split_moves_only_as_far_as_a_side_needs():
    assert split_header(Fraction(232.5), Fraction(215), Fraction(100), TOTAL) >= 232.5 + 1  # Lục Bình
    left = split_header(Fraction(150), Fraction(285), Fraction(100), TOTAL)  # a long place name
    assert TOTAL - left >= 285 + 1 and left < LOW


def test_header_split_gives_the_right_side_its_lines_when_both_cannot_fit():
    left = split_header(Fraction(240), Fraction(300), Fraction(100), TOTAL)
    assert TOTAL - left == 300 + 1  # a point of air: LibreOffice wraps a line that exactly fits
    assert (
        split_header(Fraction(240), Fraction(400), Fraction(100), TOTAL) == 100 + 1
    )  # the số line stays whole


@pytest.mark.parametrize("case", HEADER_CASES, ids=case_id)
def test_header_columns_keep_the_date_line_whole(case, tmp_path):
    unit, system, date = case
    result = check(write_case(tmp_path, unit, system, date))
    assert result.ok, [d.format() for d in result.diagnostics]
    spec = frame_of_file(template_path(system), system)  # sizes as the shipped template's styles set them
    values = result.plan.values
    left, right = values["cot_trai"].points, values["cot_phai"].points
    assert left + right == TOTAL
    assert fits(spec.date.width(values["dia_danh_ngay"]), right)
    assert all(fits(style.width(line), right) for line, style in spec.right_lines)
    assert fits(spec.number.width(values["so_ky_hieu"]), left)
    # Only a cơ quan line too wide for what the date line leaves is named, and only then.
    lines = [(line, spec.upper) for line in values["chu_quan"]] + [
        (line, spec.issuer) for line in values["ban_hanh"]
    ]
    too_wide = {line for line, style in lines if not fits(style.width(line), left)}
    warned = {d.value for d in result.diagnostics if d.code == "D125"}
    assert warned == too_wide
    assert all(d.location.path[0] in ("co_quan_chu_quan", "co_quan_ban_hanh") for d in result.diagnostics)
    widest_left = max(style.width(line) for line, style in lines)
    widest_right = max(
        spec.date.width(values["dia_danh_ngay"]), *(style.width(line) for line, style in spec.right_lines)
    )
    if widest_left + 1 <= HIGH and widest_right + 1 <= TOTAL - LOW:
        assert LOW <= left <= HIGH  # FORMAT.md's 40–45 % whenever both sides allow it


def test_examples_header_columns():
    widths = {}
    for example in EXAMPLE_FILES:
        values = check(example).plan.values
        widths[f"{example.parent.name}/{example.stem}"] = (
            values["cot_trai"].points,
            values["cot_phai"].points,
        )
    # Lục Bình's Ban Chỉ đạo name (232 pt bold) needs half the width; the others keep to 40–45 %.
    assert (
        widths.pop("luc-binh/dan-van-kheo-2024")[0]
        >= text_width("VÀ PHÒNG TRÀO DÂN VẬN KHÉO", 14, bold=True) + 1
    )
    assert all(LOW <= left <= HIGH for left, _ in widths.values()), widths


def test_a_place_name_too_long_for_any_column_is_named(make_report):
    profile = PARTY_PROFILE.replace(
        "dia_danh: Bình Sơn", "dia_danh: Thị trấn Nông trường Mộc Châu huyện Mộc Châu tỉnh Sơn La"
    )
    result = check(make_report(profile=profile))
    assert result.ok
    [warning] = [d for d in result.diagnostics if d.location.path == ("dia_danh",)]
    assert warning.code == "D125" and warning.value.startswith("Thị trấn Nông trường Mộc Châu")
    assert "dòng địa danh, ngày tháng" in warning.message


# -- the signature's page and Nơi nhận ---------------------------------------------------------------
def _document(data: bytes) -> etree._Element:
    return part(data, "word/document.xml").find(f"{W}body")


def _text(element: etree._Element) -> str:
    return "".join(t.text or "" for t in element.iter(f"{W}t"))


def _keeps_next(paragraph: etree._Element) -> bool:
    return paragraph.find(f"{W}pPr/{W}keepNext") is not None


def _signature_table(body: etree._Element) -> etree._Element:
    return next(tbl for tbl in body.findall(f"{W}tbl") if "Nơi nhận:" in _text(tbl))


@pytest.mark.parametrize("example", EXAMPLE_FILES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_closing_words_and_the_spacer_keep_with_the_signature(example):
    body = _document(built(example).data)
    signature = _signature_table(body)
    before = signature.getprevious()
    assert before.tag == f"{W}p" and not _text(before).strip()  # the empty line above Nơi nhận
    assert _keeps_next(before)
    closing = before.getprevious()
    assert _text(closing).strip() and _keeps_next(closing)
    assert signature.find(f"{W}tr/{W}trPr/{W}cantSplit") is not None


def test_without_closing_words_the_last_paragraph_keeps_with_the_signature(make_report):
    profile = STATE_PROFILE.replace(
        "ten_goi: UBND xã Ba Tô\n", ""
    )  # no ten_goi, no ket_thuc: no closing words
    body = _document(built(make_report(profile=profile)).data)
    closing = _signature_table(body).getprevious().getprevious()
    assert _text(closing) == "Đoạn văn thứ nhất." and _keeps_next(closing)


def _spacing_before(paragraph: etree._Element, styles: etree._Element) -> int:
    spacing = paragraph.find(f"{W}pPr/{W}spacing")
    if spacing is not None and spacing.get(f"{W}before") is not None:
        return int(spacing.get(f"{W}before"))
    style_id = paragraph.find(f"{W}pPr/{W}pStyle").get(f"{W}val")
    while style_id:
        style = styles.find(f"{W}style[@{W}styleId='{style_id}']")
        spacing = style.find(f"{W}pPr/{W}spacing")
        if spacing is not None and spacing.get(f"{W}before") is not None:
            return int(spacing.get(f"{W}before"))
        based = style.find(f"{W}basedOn")
        style_id = based.get(f"{W}val") if based is not None else None
    return 0


@pytest.mark.parametrize("profile", ["state", "party"])
def test_noi_nhan_is_level_with_the_first_signature_line(profile, make_report):
    data = built(make_report(profile=PARTY_PROFILE) if profile == "party" else make_report()).data
    styles = part(data, "word/styles.xml")
    left, right = _signature_table(_document(data)).find(f"{W}tr").findall(f"{W}tc")
    title, first_line = left.find(f"{W}p"), right.find(f"{W}p")
    assert _text(title) == "Nơi nhận:"
    assert _text(first_line) == ("TM. ỦY BAN NHÂN DÂN" if profile == "state" else "T/M BAN THƯỜNG VỤ")
    assert _spacing_before(title, styles) == _spacing_before(first_line, styles) == 0


# -- tables ------------------------------------------------------------------------------------------
def _tables(result) -> list[Table]:
    return [block for blocks in result.plan.slots.values() for block in blocks if isinstance(block, Table)]


def test_example_tables_are_at_least_10_pt():
    for example in EXAMPLE_FILES:
        data = built(example).data
        for tbl in _document(data).iter(f"{W}tbl"):
            if (
                "Nơi nhận:" in _text(tbl)
                or tbl.find(f"{W}tblPr/{W}tblBorders/{W}top[@{W}val='nil']") is not None
            ):
                continue  # the frame's borderless header and signature tables
            sizes = {int(sz.get(f"{W}val")) for sz in tbl.iter(f"{W}sz")}
            assert sizes and min(sizes) >= 2 * MIN_SIZE, (example.name, sizes)


WIDE = """\
phu_luc:
  - tieu_de: Số liệu
    huong: {huong}
    bang:
      - tieu_de: Bảng số liệu rộng
        {co_chu}
        cot:
          - {{ten: Đơn vị, kieu: chu}}
{columns}
        dong:
          - [Phường Nghĩa Chánh Bắc, {values}]
"""


def _wide_table(columns: int, huong: str = "doc", co_chu: str = "") -> str:
    names = "\n".join(f"          - {{ten: Doanh nghiệp khuyến khích {i}}}" for i in range(columns))
    values = ", ".join("12.345" for _ in range(columns))
    return PERIOD + WIDE.format(huong=huong, co_chu=co_chu, columns=names, values=values)


def test_a_table_steps_down_to_the_largest_size_that_fits_and_no_word_is_cut(make_report):
    result = build(make_report(_wide_table(10)))
    assert result.data is not None and not result.diagnostics, [d.format() for d in result.diagnostics]
    [table] = _tables(result)
    assert MIN_SIZE <= table.font_size < 12
    longest = text_width("khuyến", table.font_size, bold=True)  # the longest header word
    assert min(table.widths[1:]) >= longest + Fraction(57, 10)  # cell margins 2 × 2.85 pt
    assert sum(table.widths) <= TOTAL


def test_a_table_too_wide_at_10_pt_is_named_with_the_clerks_options(make_report):
    result = build(make_report(_wide_table(16)))
    [warning] = [d for d in result.diagnostics if d.code == "D125"]
    assert "«Bảng số liệu rộng»" in warning.message and "17 cột" in warning.message
    assert "`huong: ngang`" in warning.hint and "bớt cột" in warning.hint
    assert warning.location.path == ("phu_luc", 0, "bang", 0)
    [table] = _tables(result)
    assert table.font_size == MIN_SIZE
    landscape = build(make_report(_wide_table(26, "ngang")))
    [warning] = [d for d in landscape.diagnostics if d.code == "D125"]
    assert "huong" not in warning.hint and "Phụ lục" in warning.message


def test_a_typed_size_below_10_pt_is_raised_to_10_with_a_warning(make_report):
    result = build(make_report(_wide_table(3, co_chu="co_chu: 7")))
    [warning] = [d for d in result.diagnostics if d.code == "D125"]
    assert warning.location.path == ("phu_luc", 0, "bang", 0, "co_chu") and "cỡ 10" in warning.message
    [table] = _tables(result)
    assert table.font_size == MIN_SIZE


def test_typed_weights_never_squeeze_a_column_under_its_longest_word(make_report):
    text = (
        PERIOD
        + """\
phu_luc:
  - tieu_de: Số liệu
    bang:
      - cot:
          - {ten: Nội dung, kieu: chu, rong: 20}
          - {ten: Doanh nghiệp, rong: "0,1"}
          - {ten: Người dân, rong: "0,1"}
        dong:
          - [Đối thoại với doanh nghiệp và người dân trên địa bàn, 12, 30]
"""
    )
    result = build(make_report(text))
    [table] = _tables(result)
    assert table.widths[1] >= text_width("nghiệp", table.font_size, bold=True) + Fraction(57, 10)
    assert table.widths[0] > 4 * table.widths[1]  # the weights still share out what is left


# -- short tables stay on one page ------------------------------------------------------------------
def _rows_keeping(data: bytes) -> list[bool]:
    [tbl] = [tbl for tbl in _document(data).iter(f"{W}tbl") if "Đơn vị" in _text(tbl)]
    return [all(_keeps_next(p) for p in tr.iter(f"{W}p")) for tr in tbl.findall(f"{W}tr")]


@pytest.mark.parametrize(("rows", "kept"), [(3, True), (20, False)])
def test_a_short_table_keeps_its_rows_together(rows, kept, make_report):
    """Phổ Hòa's second table of Phụ lục II left its totals row alone on the next page."""
    lines = "\n".join(f"          - [Tổ {i}, {i}]" for i in range(rows))
    text = (
        PERIOD
        + f"phu_luc:\n  - tieu_de: Số liệu\n    bang:\n      - tong_cong: có\n        cot: [{{ten: Đơn vị, kieu: chu}}, {{ten: Số}}]\n        dong:\n{lines}\n"
    )
    keeping = _rows_keeping(built(make_report(text)).data)
    assert len(keeping) == 1 + rows + 1  # header, rows, totals
    assert keeping == [kept] * (len(keeping) - 1) + [False]
