"""Verify: the produced package is re-read strictly; each kind of defect is caught."""

from __future__ import annotations

from datetime import UTC, datetime

import docx
import pytest
from docx.shared import Mm

from baocao_gen import render
from baocao_gen.codes import Code
from baocao_gen.ooxml.package import read_parts, write_parts
from baocao_gen.pipeline import build, render_file
from baocao_gen.resources import template_path
from baocao_gen.verify import template_tags, verify_package
from conftest import PERIOD, STATE_PROFILE, built

STAMP = datetime(2023, 6, 5, tzinfo=UTC)


def _with(data: bytes, name: str, content: bytes | None) -> bytes:
    parts = read_parts(data)
    if content is None:
        del parts[name]
    else:
        parts[name] = content
    return write_parts(parts, STAMP)


def codes(problems):
    return [p.code for p in problems]


def test_a_sound_document_passes(make_report):
    data = built(make_report()).data
    assert verify_package(data, 1) == []


def test_wrong_section_count_is_caught(make_report):
    data = built(make_report()).data
    assert codes(verify_package(data, 2)) == ["P302"]


def test_leftover_template_tag_is_caught_but_typed_braces_are_not(make_report):
    data = built(make_report()).data
    document = read_parts(data)["word/document.xml"].replace("Đoạn văn thứ nhất.".encode(), b"{{ ho_ten }}")
    broken = _with(data, "word/document.xml", document)
    assert codes(verify_package(broken, 1, tags={"{{ ho_ten }}"})) == ["P301"]
    assert verify_package(broken, 1, tags={"{{ dong }}"}) == []


def test_template_tags_are_collected_per_paragraph():
    xml = (
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
        "<w:p><w:r><w:t>{{ ho</w:t></w:r><w:r><w:t>_ten }}</w:t></w:r></w:p>"
        "<w:p><w:r><w:t>{%p for dong in ky %}</w:t></w:r></w:p></w:body></w:document>"
    )
    assert template_tags(xml) == {"{{ ho_ten }}", "{%p for dong in ky %}"}


def test_malformed_xml_part_is_caught(make_report):
    data = built(make_report()).data
    assert codes(verify_package(_with(data, "word/styles.xml", b"<w:styles>"), 1)) == ["P300"]


def test_missing_relationship_target_is_caught(make_report):
    data = built(make_report()).data
    problems = verify_package(_with(data, "word/styles.xml", None), 1)
    assert "P300" in codes(problems)
    assert any("styles.xml" in p.message for p in problems)


def test_dangling_footnote_reference_is_caught(make_report):
    from conftest import PERIOD

    period = PERIOD.replace("Đoạn văn thứ nhất.", "Có chú thích[^a].") + "chu_thich:\n  a: Nội dung.\n"
    data = built(make_report(period)).data
    notes = read_parts(data)["word/footnotes.xml"].replace(b'w:id="1"', b'w:id="7"')
    assert codes(verify_package(_with(data, "word/footnotes.xml", notes), 1)) == ["P300"]


# -- the audit of `baocao check`, run on every output (issue 11, point 5) ------------------------------


def _motto_not_bold(document) -> None:
    style = next(s for s in document.styles if s.style_id == "QuocHieu")
    style.font.bold = False


def _left_margin_20(document) -> None:
    document.sections[0].left_margin = Mm(20)


def _broken_copy(tmp_path, edit, name: str = "khung-nha-nuoc.docx"):
    document = docx.Document(str(template_path("nha_nuoc")))
    edit(document)
    target = tmp_path / name
    document.save(str(target))
    return target


@pytest.mark.parametrize(
    ("edit", "code", "words"),
    [(_motto_not_bold, "K506", "Quốc hiệu phải in đậm"), (_left_margin_20, "K502", "lề trái 20 mm")],
    ids=["quoc-hieu-khong-dam", "le-trai-20"],
)
def test_a_broken_built_in_template_fails_render_naming_the_rule(
    make_report, tmp_path, monkeypatch, edit, code, words
):
    broken = _broken_copy(tmp_path, edit)
    monkeypatch.setattr(render, "template_path", lambda system: broken)
    target = tmp_path / "ket-qua.docx"
    result = render_file(make_report(), target)
    assert not result.ok and not target.exists()
    [problem] = [d for d in result.diagnostics if d.code is Code.OUTPUT_OFF_FORMAT]
    assert problem.is_error and f"[{code}]" in problem.message and words in problem.message
    assert "(quy định: NĐ 30 PL I phần I mục" in problem.message


def test_an_offices_template_that_breaks_a_rule_gives_a_warning_naming_it(make_report, tmp_path):
    """A Tiêu ngữ pulled away from the Quốc hiệu is not a style T205 checks: the audit says it, once."""

    def gap(document) -> None:
        style = next(s for s in document.styles if s.style_id == "TieuNgu")
        style.paragraph_format.space_before = docx.shared.Pt(24)

    _broken_copy(tmp_path, gap, "mau-xa.docx")
    result = build(make_report(profile=STATE_PROFILE + "mau: mau-xa.docx\n"))
    assert result.ok and result.data is not None
    [warning] = [d for d in result.diagnostics if d.code is Code.OWN_TEMPLATE_OFF_FORMAT]
    assert not warning.is_error and "mẫu «mau-xa.docx»" in warning.message
    assert "[K525]" in warning.message and "Tiêu ngữ" in warning.message


def test_what_t205_said_of_an_offices_template_is_not_said_again(make_report, tmp_path):
    _broken_copy(tmp_path, _motto_not_bold, "mau-nhat.docx")
    result = build(make_report(profile=STATE_PROFILE + "mau: mau-nhat.docx\n"))
    assert result.ok
    assert [d.code for d in result.diagnostics] == [Code.TEMPLATE_OFF_FORMAT]
    assert "Quốc hiệu" in result.diagnostics[0].message


def test_what_the_clerk_typed_is_said_once_by_integrity_not_again_by_the_audit(make_report):
    """A typed list that skips (D161), a cited resolution with a wrong date and a prose line that starts
    «Kính gửi» are the clerk's words: integrity warns at their line, the audit of the output is silent."""
    prose = (
        "Kính gửi UBND huyện kết quả như sau.\n"
        "      1. Thực hiện Nghị quyết số 25-NQ/TW ngày 30/6/2013 của Ban Chấp hành Trung ương.\n"
        "      3. Việc thứ ba.\n"
        "      Một là, tuyên truyền.\n"
        "      Ba là, kiểm tra.\n"
    )
    result = build(make_report(PERIOD.replace("Đoạn văn thứ nhất.\n", prose)))
    assert result.ok and result.data is not None, [d.format() for d in result.diagnostics]
    found = [d.code for d in result.diagnostics]
    assert Code.LIST_SEQUENCE in found
    assert not {Code.OUTPUT_OFF_FORMAT, Code.OWN_TEMPLATE_OFF_FORMAT} & set(found)
