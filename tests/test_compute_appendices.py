"""Appendices built directly: labels, the attached line asked for only when needed, sections and orientation."""

from __future__ import annotations

from baocao_gen.compute.appendices import appendices
from baocao_gen.compute.locations import Locations
from baocao_gen.compute.outline import Numbering
from baocao_gen.document import Paragraph, SectionBreak, Table
from baocao_gen.markup import plain_text
from compute_helpers import report_and_tree, resolver

TWO = """\
phu_luc:
  - tieu_de: Danh sách mô hình
    huong: ngang
    bang:
      - cot: [{ten: Đơn vị}, {ten: Số mô hình, kieu: dem}]
        dong: [[Xã A, "2"], [Xã B, "3"]]
        tong_cong: có
  - tieu_de: Kết quả khác
    tieu_de_phu: (Số liệu đến ngày 30/6/2023)
    van_ban: Đoạn văn của phụ lục.
"""


def build(period: str, attached=lambda: "(Kèm theo …)"):
    report, tree = report_and_tree(period)
    text, _, _ = resolver(tree=tree)
    return appendices(
        report.phu_luc, text, Numbering(report.danh_so, Locations(tree), text.diagnostics), attached
    ), text


def test_no_appendix_means_one_portrait_section():
    built, _ = build("")
    assert (built.blocks, built.final_orientation, built.section_count) == ([], "portrait", 1)


def test_each_appendix_is_labelled_in_its_own_section_with_its_table():
    asked = []

    def attached() -> str:
        asked.append(True)
        return "(Kèm theo Báo cáo số 05/BC-UBND)"

    built, text = build(TWO, attached)
    paragraphs = [(b.style, plain_text(b.inlines)) for b in built.blocks if isinstance(b, Paragraph)]
    assert paragraphs == [
        ("PhuLucSo", "Phụ lục I"),
        ("PhuLucTieuDe", "DANH SÁCH MÔ HÌNH"),
        ("PhuLucPhu", "(Kèm theo Báo cáo số 05/BC-UBND)"),
        ("PhuLucSo", "Phụ lục II"),
        ("PhuLucTieuDe", "KẾT QUẢ KHÁC"),
        ("PhuLucPhu", "(Số liệu đến ngày 30/6/2023)"),
        ("VanBan", "Đoạn văn của phụ lục."),
    ]
    assert len(asked) == 1  # only the appendix without its own subtitle asks for the report's number
    breaks = [b for b in built.blocks if isinstance(b, SectionBreak)]
    assert [(b.orientation, b.restart_page_numbers) for b in breaks] == [
        ("portrait", False),
        ("landscape", True),
    ]
    assert (built.final_orientation, built.section_count) == ("portrait", 3)
    [grid] = [b for b in built.blocks if isinstance(b, Table)]
    assert plain_text(grid.rows[-1][1].inlines) == "5"
    assert text.diagnostics == []


def test_a_single_appendix_is_just_phu_luc_and_ends_in_its_orientation():
    built, _ = build(TWO.split("  - tieu_de: Kết quả khác")[0])
    assert plain_text(built.blocks[1].inlines) == "Phụ lục"
    assert (built.final_orientation, built.section_count) == ("landscape", 2)
