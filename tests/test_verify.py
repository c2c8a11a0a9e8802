"""Verify: the produced package is re-read strictly; each kind of defect is caught."""

from __future__ import annotations

from datetime import UTC, datetime

from baocao_gen.ooxml.package import read_parts, write_parts
from baocao_gen.verify import template_tags, verify_package
from conftest import built

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
