"""What issue 13 made faster must answer exactly as before: the style resolver's memory, folding by
pieces, the shared parse of an output, and the registry read by libyaml."""

from __future__ import annotations

import random

import yaml
from lxml import etree

from baocao_gen.check import System, audit_bytes
from baocao_gen.integrity.folding import fold
from baocao_gen.ooxml.formatting import StyleResolver
from baocao_gen.ooxml.inspect import inspect_package
from baocao_gen.ooxml.parsed import parse_package
from baocao_gen.ooxml.reader import read_docx
from baocao_gen.resources import data_file
from baocao_gen.verify import RENDER_SCOPE, OutputAudit, audit_output
from test_check import STATE_EXAMPLE, rendered
from test_reader import STYLES, W, p, package

MAIN = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _styles(size: int, justified: str) -> str:
    """A style sheet whose Normal style prints `size` half-points, aligned `justified`."""
    return (
        '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/>'
        f'<w:pPr><w:jc w:val="{justified}"/></w:pPr><w:rPr><w:sz w:val="{size}"/></w:rPr></w:style>'
        '<w:style w:type="paragraph" w:styleId="Than"><w:name w:val="Thân"/><w:basedOn w:val="Normal"/></w:style>'
    )


def test_two_documents_with_the_same_style_ids_read_in_one_process_keep_their_own_formats():
    body = p("một", '<w:pStyle w:val="Than"/>', "<w:i/>") + p("hai", '<w:pStyle w:val="Than"/>', "<w:i/>")
    first = read_docx(package(body, _styles(26, "both")))
    second = read_docx(package(body, _styles(28, "center")))
    again = read_docx(package(body, _styles(26, "both")))
    sizes = [[r.format.size for par in doc.paragraphs for r in par.runs] for doc in (first, second, again)]
    assert sizes == [[13, 13], [14, 14], [13, 13]]
    alignments = [[par.format.alignment for par in doc.paragraphs] for doc in (first, second, again)]
    assert alignments == [["both", "both"], ["center", "center"], ["both", "both"]]


def test_the_same_direct_formatting_under_two_styles_gives_each_styles_answer():
    styles = StyleResolver(etree.fromstring(f"<w:styles {W}>{STYLES}</w:styles>"))
    r_pr = etree.fromstring(f'<w:rPr {W}><w:i w:val="0"/></w:rPr>')
    same = etree.fromstring(f'<w:rPr {W}><w:i w:val="0"/></w:rPr>')  # equal bytes, another element
    p_pr = etree.fromstring(f'<w:pPr {W}><w:ind w:left="360"/></w:pPr>')
    normal, small = styles.run_format("Normal", None, r_pr), styles.run_format("TieuNho", None, same)
    assert (normal.size, normal.bold, normal.italic) == (14, None, False)
    assert (small.size, small.bold, small.italic) == (13, True, False)
    assert styles.run_format("Normal", None, same) is normal  # remembered by the bytes
    assert styles.run_format("TieuNho", "Nhan", r_pr).bold is False  # the character style counts too
    assert styles.paragraph_format("Normal", p_pr).alignment == "both"
    assert styles.paragraph_format("Tieu", p_pr).alignment == "center"
    assert styles.paragraph_format("Tieu", p_pr).left == 360


def test_a_changed_run_property_is_a_new_answer_not_the_remembered_one():
    styles = StyleResolver(etree.fromstring(f"<w:styles {W}>{STYLES}</w:styles>"))
    big = etree.fromstring(f'<w:rPr {W}><w:sz w:val="30"/></w:rPr>')
    assert styles.run_format("Normal", None, big).size == 15
    big.find(f"{{{MAIN}}}sz").set(f"{{{MAIN}}}val", "32")
    assert styles.run_format("Normal", None, big).size == 16


def _fold_each(text: str) -> tuple[str, tuple[int, ...]]:
    """The folding rule one character at a time, as first written (the reference)."""
    spaces = set(" \t\n\r\u00a0:;,()[]“”\"'*–—-_/")
    out: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        between = 0 < index < len(text) - 1 and text[index - 1].isdigit() and text[index + 1].isdigit()
        if char in spaces and not (char in ",/" and between):
            if out and out[-1] != " ":
                out.append(" ")
                origin.append(index)
            continue
        out.append(char.lower())
        origin.append(index)
    return "".join(out), tuple(origin)


def test_folding_by_pieces_is_folding_one_character_at_a_time():
    alphabet = list(" \t\n\u00a0:;,()[]“”\"'*–—-_/.%") + list("0123456789²") + list("aĂđƯẾhoàKΣ")
    rng = random.Random(13)
    texts = ["", " ", "1,5", "a,b", "06/6/2023", "Trực tiếp: 408 hồ sơ; 90,3%", "  Σ ΣΑ x"]
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 16))) for _ in range(5000)]
    for text in texts:
        folded = fold(text)
        expected, origin = _fold_each(text)
        assert (folded.text, folded.origin) == (expected, origin), text
        for index in range(len(expected) + 2):
            end = (origin[-1] + 1) if origin else 0
            assert folded.offset(index) == (origin[index] if index < len(origin) else end), (text, index)


def test_a_letter_that_lowers_to_two_points_both_at_itself():
    folded = fold("Xİn")
    assert folded.text == "xi̇n"
    assert [folded.offset(i) for i in range(4)] == [0, 1, 1, 2]


def test_the_audit_of_a_parsed_output_is_the_audit_of_its_bytes():
    data = rendered(STATE_EXAMPLE)
    parsed = parse_package(data)
    assert read_docx(parsed) == read_docx(data)
    assert inspect_package(parsed) == inspect_package(data)
    # A State report audited as a Party one breaks rules, so the comparison below says something.
    by_bytes = audit_bytes(data, "kết quả", System.PARTY, RENDER_SCOPE)
    assert by_bytes.errors
    shared = audit_output(data, OutputAudit("dang"), parsed=parsed)
    alone = audit_output(data, OutputAudit("dang"))
    assert [d.message for d in shared] == [d.message for d in alone]
    assert len(shared) == len(by_bytes.errors)


def test_the_registry_reads_the_same_with_libyaml_and_the_pure_python_reader():
    text = data_file("trich-dan.yaml").read_text(encoding="utf-8")
    assert yaml.load(text, Loader=yaml.CSafeLoader) == yaml.safe_load(text)  # noqa: S506 - a safe loader
