"""The structure reader behind the second golden: effective formatting through defaults, styles and direct runs."""

from __future__ import annotations

import re
from datetime import datetime

import pytest
from lxml import etree

from baocao_gen.ooxml.ns import qn
from baocao_gen.ooxml.package import read_parts, write_parts
from baocao_gen.ooxml.structure import document_structure
from baocao_gen.pipeline import build
from conftest import EXAMPLES

STAMP = datetime(2024, 1, 1)
EXAMPLE = EXAMPLES / "ba-to" / "dan-van-chinh-quyen-6-thang-2023.yaml"


@pytest.fixture(scope="module")
def produced() -> bytes:
    result = build(EXAMPLE)
    assert result.data is not None
    return result.data


def _edit(data: bytes, part: str, old: str, new: str) -> bytes:
    parts = read_parts(data)
    text = parts[part].decode("utf-8")
    assert old in text, f"{old!r} not in {part}"
    parts[part] = text.replace(old, new, 1).encode("utf-8")
    return write_parts(parts, STAMP)


def _lines(structure: str, start: str) -> list[str]:
    return [line.strip() for line in structure.splitlines() if line.strip().startswith(start)]


def test_body_paragraphs_read_size_and_alignment_from_the_style_chain(produced):
    structure = document_structure(produced)
    assert "VanBan «Văn bản»: 14 Times New Roman; đều, thụt 12.7 mm, trước 0 sau 6 pt, dòng 1.15" in structure
    body = _lines(structure, "¶ VanBan")
    assert body and all(line.startswith("¶ VanBan [đều, thụt 12.7 mm") for line in body)
    assert any(" 14: Thực hiện Công văn số 1172/UBND" in line for line in body)


def test_a_style_regression_changes_every_paragraph_of_that_style(produced):
    # The body style loses 1 pt (sz 28 → 26 on Normal, which VanBan is based on): a reader sees 13 pt.
    smaller = _edit(produced, "word/styles.xml", '<w:sz w:val="28"/>', '<w:sz w:val="26"/>')
    before, after = document_structure(produced), document_structure(smaller)
    assert before != after
    assert all(re.search(r"\] 13[ :]", line) for line in _lines(after, "¶ VanBan") if "(trống)" not in line)


def test_direct_formatting_overrides_the_style(produced):
    # The trích yếu's style is bold; a direct <w:b w:val="0"/> on its run must read as not bold.
    parts = read_parts(produced)
    root = etree.fromstring(parts["word/document.xml"])
    run = next(r for r in root.iter(qn("w:r")) if "".join(r.itertext()).startswith("Kết quả thực hiện"))
    r_pr = run.find(qn("w:rPr"))
    if r_pr is None:
        r_pr = etree.SubElement(run, qn("w:rPr"))
        run.insert(0, r_pr)
    etree.SubElement(r_pr, qn("w:b")).set(qn("w:val"), "0")
    parts["word/document.xml"] = etree.tostring(root)
    line = _lines(document_structure(write_parts(parts, STAMP)), "¶ TrichYeu")[0]
    assert "] 14: Kết quả" in line, line
    assert "] 14 đ: Kết quả" in _lines(document_structure(produced), "¶ TrichYeu")[0]


def test_sections_report_paper_orientation_margins_and_page_numbers(produced):
    section = _lines(document_structure(produced), "=== phần")
    assert section == [
        "=== phần 1: 210×297 mm dọc, lề trên 20 dưới 20 trái 30 phải 15 mm, trang đầu riêng; đầu trang: first=trống, default=PAGE 2"
    ]
    landscape = _edit(
        produced,
        "word/document.xml",
        '<w:pgSz w:w="11906" w:h="16838"',
        '<w:pgSz w:orient="landscape" w:w="16838" w:h="11906"',
    )
    assert "297×210 mm ngang" in document_structure(landscape)


def test_header_tables_footnotes_and_rules_are_described(produced):
    structure = document_structure(produced)
    assert structure.splitlines()[structure.splitlines().index("--- thân văn bản ---") + 1].startswith(
        "[bảng 2 cột:"
    )
    assert "12 đ: ỦY BAN NHÂN DÂN XÃ BA TÔ" in structure
    assert "13 n: Ba Tô, ngày" in structure
    assert (
        sum("+ kẻ dưới" in line for line in structure.splitlines()) == 3
    )  # two header rules, one under the trích yếu
    notes = structure.split("--- chú thích ---")[1]
    assert "¶ FootnoteText" in notes and "12: 5 điểm" in notes
