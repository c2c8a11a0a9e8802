"""The body writer writes XML as text and parses it once (issue 13): what a clerk typed must survive exactly.

Escaping by hand is where such a writer goes wrong, so every character class that XML treats specially
is sent through it and read back from the parsed elements, the way Word reads them.
"""

from __future__ import annotations

import pytest
from lxml import etree

from baocao_gen.document import (
    Cell,
    Footnote,
    LineBreak,
    NoteRef,
    PageBreak,
    Paragraph,
    Run,
    SectionBreak,
    Table,
)
from baocao_gen.ooxml import body
from docx_helpers import W

TYPED = [
    "{_{ %_} {{ {% {# _} {_% }_}",
    "A & B < C > D \"kép\" 'đơn' &amp; &#123; ]]> <![CDATA[x]]>",
    "tab\tgiữa, xuống\ndòng, về\rđầu",
    "  hai khoảng trắng đầu và cuối  ",
    "Kết luận số 43-KL/TW và kinh tế - xã hội",
    "43-",
    "chữ ngoài BMP 😀 𝔸 và \u200b\u00a0\ufeff",
    "",
]


def _read(elements: list[etree._Element]) -> str:
    """Return the text of runs as a reader sees it: a non-breaking hyphen is a hyphen."""
    out = []
    for element in elements:
        for node in element.iter(f"{W}t", f"{W}noBreakHyphen"):
            out.append("-" if node.tag == f"{W}noBreakHyphen" else node.text or "")
    return "".join(out)


@pytest.mark.parametrize("text", TYPED)
def test_typed_text_reads_back_exactly_from_paragraphs_runs_cells_and_notes(text: str) -> None:
    assert _read(body.block_elements([Paragraph([Run(text)])])) == text
    assert _read(body.inline_elements([Run(text, bold=True)])) == text
    table = body.block_elements([Table([[Cell([Run(text)])]], widths=[9000])])
    assert _read(table[0].findall(f".//{W}tc")) == text
    notes = etree.fromstring(body.footnotes_part([Footnote(1, [Paragraph([Run(text)])])]))
    assert _read(notes.findall(f"{W}footnote")[2:]) == " " + text  # the space after the note's number


def test_attribute_values_read_back_exactly() -> None:
    style = 'Kiểu "lạ" & <mới>\tcó\nxuống dòng'
    [p] = body.block_elements([Paragraph([], style=style)])
    assert p.find(f"{W}pPr/{W}pStyle").get(f"{W}val") == style


@pytest.mark.parametrize("bad", ["\x00", "\x0b", "\x1f", "\ufffe", "\ud800"])
def test_a_character_xml_cannot_hold_is_refused_as_lxml_refuses_it(bad: str) -> None:
    with pytest.raises(ValueError, match="XML compatible"):
        body.block_elements([Paragraph([Run(f"a{bad}b")])])
    element = etree.Element("t")
    with pytest.raises(ValueError, match="XML compatible|surrogates"):
        element.text = f"a{bad}b"


def test_an_empty_run_keeps_its_empty_text_element() -> None:
    """lxml writes an element given the text "" as `<w:t></w:t>`; a parser reads that back as no text."""
    [p] = body.block_elements([Paragraph([Run("")])])
    assert b"<w:t></w:t>" in etree.tostring(p)


def test_the_whole_body_is_parsed_once(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []
    parse = etree.fromstring

    def counting(text: bytes, parser: etree.XMLParser) -> etree._Element:
        calls.append(len(text))
        return parse(text, parser)

    monkeypatch.setattr(body.etree, "fromstring", counting)
    blocks = [
        Paragraph(
            [Run("Đoạn "), Run("đậm", bold=True), NoteRef(1), LineBreak()], keep_next=True, align="both"
        ),
        Table(
            [[Cell([Run("Ô")], colspan=2)], [Cell([Run("a")], rowspan=2), Cell([Run("b")])]],
            widths=[4000, 5000],
        ),
        PageBreak(),
        SectionBreak("landscape", restart_page_numbers=True),
    ] * 50
    elements = body.block_elements(blocks)
    assert len(calls) == 1
    assert len(elements) == 5 * 50  # a paragraph after each table
    assert [el.tag for el in elements[:5]] == [f"{W}p", f"{W}tbl", f"{W}p", f"{W}p", f"{W}p"]
