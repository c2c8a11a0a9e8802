"""What issue 13 made faster in render, write and changes must answer exactly as before.

The frame's compiled Jinja sources are kept per process, the typed figures are recorded while the
package is finished (not by zipping it a second time), and the change list reads nothing when the old
output is the new one and remembers the last outputs' text by digest. Each is compared here with the
straightforward way, and each cache is shown to give two different inputs two different answers.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import jinja2
import pytest

from baocao_gen import changes, pipeline, render
from baocao_gen.changes import Changes, compare_outputs, figures_property, record_figures
from baocao_gen.document import Paragraph, Run
from baocao_gen.ooxml import body, slots
from baocao_gen.ooxml.inspect import text_tags
from baocao_gen.ooxml.ns import W as W_NS
from baocao_gen.ooxml.package import (
    FIGURES_PROPERTY,
    HASH_PROPERTY,
    custom_property,
    read_parts,
    recorded_hash,
    xml_bytes,
    xml_of,
)
from baocao_gen.ooxml.text import document_text
from baocao_gen.pipeline import render_file
from baocao_gen.render import render_plan
from baocao_gen.resources import template_path
from conftest import EXAMPLE_FILES, STATE_PROFILE, open_docx

SAMPLES = [path for path in EXAMPLE_FILES if path.parent.name in ("pho-hoa", "luc-binh", "binh-son")]


# -- the frame's Jinja sources, compiled once -----------------------------------------------------------
def test_one_source_is_compiled_once_and_two_sources_give_two_templates(monkeypatch):
    env = render._CompileOnceEnvironment()
    compiled: list[str] = []
    compile_source = env.compile

    def counting(source, *args, **kwargs):
        compiled.append(source)
        return compile_source(source, *args, **kwargs)

    monkeypatch.setattr(env, "compile", counting)
    first = env.from_string("một {{ x }}")
    again = env.from_string("một {{ x }}")
    other = env.from_string("hai {{ x }}")
    assert compiled == ["một {{ x }}", "hai {{ x }}"]
    assert first is not again  # a fresh Template every time, as from_string gives
    assert [t.render(x="<b>") for t in (first, again, other)] == ["một &lt;b&gt;"] * 2 + ["hai &lt;b&gt;"]
    with pytest.raises(jinja2.UndefinedError):  # StrictUndefined kept
        first.render()


def test_the_kept_sources_are_bounded_and_the_oldest_goes_first():
    env = render._CompileOnceEnvironment()
    for number in range(env.CACHED_SOURCES + 5):
        env.from_string(f"{number} {{{{ x }}}}")
    assert len(env._code) == env.CACHED_SOURCES
    assert "0 {{ x }}" not in env._code and f"{env.CACHED_SOURCES + 4} {{{{ x }}}}" in env._code
    assert env.from_string("0 {{ x }}").render(x=1) == "0 1"  # compiled again when asked again


def test_a_syntax_error_is_raised_every_time_and_never_kept():
    env = render._CompileOnceEnvironment()
    for _ in range(2):
        with pytest.raises(jinja2.TemplateSyntaxError):
            env.from_string("{{ x ")
    assert not env._code


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_rendering_with_the_kept_sources_gives_the_bytes_of_a_fresh_environment(path: Path, monkeypatch):
    first = pipeline.build(path)
    kept = pipeline.build(path)  # the second render of the process reuses every compiled source
    monkeypatch.setattr(
        render,
        "_environment",
        lambda: render.SandboxedEnvironment(undefined=jinja2.StrictUndefined, autoescape=True),
    )
    fresh = pipeline.build(path)
    assert first.data is not None
    assert first.data == kept.data == fresh.data


def _own_template(folder: Path, words: str) -> Path:
    """Save the built-in State template with one more paragraph of the template's own text."""
    document = docx.Document(str(template_path("nha_nuoc")))
    document.add_paragraph(words)
    target = folder / "mau-rieng.docx"
    document.save(str(target))
    return target


def test_an_own_template_changed_between_two_renders_of_one_process_gives_its_new_text(make_report, tmp_path):
    data = make_report(profile=STATE_PROFILE + "mau: mau-rieng.docx\n")
    texts = []
    for words in ("Dòng riêng của mẫu thứ nhất", "Dòng riêng của mẫu thứ hai"):
        _own_template(tmp_path, words)
        result = pipeline.build(data)
        assert result.data is not None, "\n".join(d.format() for d in result.diagnostics)
        texts.append([p.text for p in open_docx(result.data).paragraphs if p.text.startswith("Dòng riêng")])
    assert texts == [["Dòng riêng của mẫu thứ nhất"], ["Dòng riêng của mẫu thứ hai"]]


# -- the typed figures recorded while the package is finished -------------------------------------------
@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_figures_recorded_while_finishing_equal_figures_added_to_the_finished_package(path: Path):
    result = pipeline.check(path)
    assert result.plan is not None and result.report is not None and result.template is not None
    stamp = pipeline._stamp(result.report)
    plain, _ = render_plan(result.plan, result.template, stamp, result.plan.title)
    assert plain is not None
    recorded, _ = render_plan(
        result.plan, result.template, stamp, result.plan.title, figures_property(result.report.so_lieu)
    )
    assert recorded == record_figures(plain, result.report.so_lieu, stamp)
    assert (
        custom_property(recorded, FIGURES_PROPERTY)
        == figures_property(result.report.so_lieu)[FIGURES_PROPERTY]
    )
    stored, current = recorded_hash(recorded)
    assert stored is not None and stored == current  # the figures stay outside the fingerprint


def test_a_custom_property_is_read_as_from_the_whole_package(tmp_path: Path):
    data = pipeline.build(SAMPLES[0]).data
    assert data is not None
    custom = xml_of(read_parts(data)["docProps/custom.xml"])
    expected = {prop.get("name"): "".join(prop.itertext()) for prop in custom}
    assert {name: custom_property(data, name) for name in expected} == expected
    assert set(expected) == {HASH_PROPERTY, FIGURES_PROPERTY}
    assert custom_property(data, "khong-co") is None
    assert custom_property(b"not a zip", HASH_PROPERTY) is None
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:  # a .docx without custom.xml (typed by hand)
        archive.writestr("word/document.xml", "<w:document/>")
    assert custom_property(buffer.getvalue(), HASH_PROPERTY) is None


# -- the change list ------------------------------------------------------------------------------------
def _straightforward(old: bytes, new: bytes) -> Changes:
    """compare_outputs without its shortcut and its memory."""
    document_text.cache_clear()
    figures = tuple(changes._figure_changes(changes._recorded_figures(old), changes._recorded_figures(new)))

    def paragraphs(data: bytes) -> list[str]:
        lines = document_text(data).splitlines()
        return [line.strip() for line in lines if line.strip() and not line.startswith(changes._MARKERS)]

    return Changes(figures, tuple(changes._paragraph_changes(paragraphs(old), paragraphs(new))))


def test_equal_outputs_are_not_read_at_all(monkeypatch):
    data = pipeline.build(SAMPLES[0]).data
    assert data is not None

    def refuse(_: bytes) -> str:
        raise AssertionError("an output equal to the new one was read")

    monkeypatch.setattr(changes, "document_text", refuse)
    assert compare_outputs(data, bytes(data)) == Changes()
    assert compare_outputs(data, bytes(data)).lines() == ["Không có gì thay đổi so với lần sinh trước."]


def test_remembered_texts_give_each_output_its_own_changes(make_report):
    texts = ["Đoạn văn thứ nhất.", "Đoạn văn thứ hai, đã sửa.", "Đoạn văn thứ ba.", "Đoạn văn thứ nhất."]
    data = make_report()
    period = data.read_text(encoding="utf-8")
    outputs = []
    for text in texts:
        data.write_text(period.replace("Đoạn văn thứ nhất.", text), encoding="utf-8")
        result = pipeline.build(data)
        assert result.data is not None
        outputs.append(result.data)
    pairs = list(zip(outputs, outputs[1:], strict=False)) + [
        (outputs[2], outputs[0]),
        (outputs[0], outputs[3]),
    ]
    remembered = [compare_outputs(old, new) for old, new in pairs]  # in a row, as `watch` compares them
    assert remembered == [_straightforward(old, new) for old, new in pairs]
    assert [len(change.paragraphs) for change in remembered[:3]] == [1, 1, 1]
    assert "thứ hai" in remembered[0].lines()[-1] and "thứ ba" in remembered[1].lines()[-1]
    assert document_text.cache_info().currsize <= 2


def test_a_re_render_without_a_change_reports_no_change_and_a_changed_one_its_change(make_report, tmp_path):
    data = make_report()
    output = tmp_path / "bc.docx"
    assert render_file(data, output).changes is None
    same = render_file(data, output)
    assert same.output == output and same.changes == Changes()
    data.write_text(
        data.read_text(encoding="utf-8").replace("Đoạn văn thứ nhất.", "Đoạn văn đã sửa."), encoding="utf-8"
    )
    edited = render_file(data, output)
    assert edited.changes is not None and [c.kind for c in edited.changes.paragraphs] == ["sửa"]


def test_the_output_about_to_be_replaced_is_known_as_ours_whether_or_not_it_is_the_new_one(tmp_path: Path):
    data = pipeline.build(SAMPLES[0]).data
    other = pipeline.build(SAMPLES[1]).data
    assert data is not None and other is not None
    target = tmp_path / "bc.docx"
    assert pipeline._previous_output(target, data) is None  # no file yet
    target.write_bytes(data)
    assert pipeline._previous_output(target, data) == data  # the same bytes: ours without unzipping
    target.write_bytes(other)
    assert pipeline._previous_output(target, data) == other  # another output of ours
    target.write_bytes(b"PK not really a docx")
    assert pipeline._previous_output(target, data) is None  # not ours: nothing to compare


# -- the body put in place of the slots' markers -------------------------------------------------------
def _frame_and_slots(path: Path, monkeypatch) -> tuple[bytes, dict[str, str], dict[str, str]]:
    """Return docxtpl's rendered frame of an example's document part and its slots' XML text."""
    seen: dict[str, object] = {}

    def capture(frame: bytes, **kwargs):
        seen.update(kwargs, frame=frame)
        return b""

    monkeypatch.setattr(render, "finish_package", capture)
    result = pipeline.check(path)
    assert result.plan is not None and result.report is not None and result.template is not None
    render_plan(result.plan, result.template, pipeline._stamp(result.report), result.plan.title)
    return read_parts(seen["frame"])["word/document.xml"], seen["blocks"], seen["runs"]  # type: ignore[index,return-value]


def _both_ways(document: bytes, blocks: dict[str, str], runs: dict[str, str]) -> tuple[bytes, bytes]:
    spliced = slots.fill_slots(xml_of(document), blocks, runs)
    moved = xml_of(document)
    slots._moved(slots._markers(moved), blocks, runs)
    return xml_bytes(spliced), xml_bytes(moved)


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_the_body_parsed_in_place_equals_the_body_parsed_alone_and_moved(path: Path, monkeypatch):
    document, blocks, runs = _frame_and_slots(path, monkeypatch)
    assert len(slots._markers(xml_of(document))) == 5  # four paragraph slots and the trích yếu
    spliced, moved = _both_ways(document, blocks, runs)
    assert spliced == moved
    assert b"_baocao_slot_" not in spliced and blocks["noi_dung"][:40].encode() in spliced


def test_an_empty_text_or_a_second_marker_takes_the_way_that_parses_alone(monkeypatch):
    document, blocks, runs = _frame_and_slots(SAMPLES[0], monkeypatch)
    with_empty = {**blocks, "ket_thuc": body.block_markup([Paragraph([Run("")])])}
    spliced, moved = _both_ways(document, with_empty, runs)
    assert spliced == moved and b"<w:t></w:t>" in spliced  # the empty text kept, not read as none
    marker = slots.paragraph_marker("ket_thuc").encode()
    twice = document.replace(marker, marker + marker, 1)
    assert twice != document

    def refuse(*_: object) -> None:
        raise AssertionError("a slot with two markers was spliced")

    monkeypatch.setattr(slots, "_spliced", refuse)
    spliced, moved = _both_ways(twice, blocks, runs)
    assert spliced == moved


def test_a_document_binding_w_to_another_prefix_still_gets_its_body(monkeypatch):
    """A template whose main namespace has another prefix cannot take the writer's `w:` text in place."""
    document = (
        f'<x:document xmlns:x="{W_NS}"><x:body>'
        f'<x:p><x:bookmarkStart x:id="0" x:name="_baocao_slot_noi_dung"/></x:p>'
        "</x:body></x:document>"
    ).encode()
    blocks = {"noi_dung": body.block_markup([Paragraph([Run("Đoạn một")]), Paragraph([Run("Đoạn hai")])])}
    filled = slots.fill_slots(xml_of(document), blocks, {})
    texts = ["".join(p.itertext()) for p in filled.iter(f"{{{W_NS}}}p")]
    assert texts == ["Đoạn một", "Đoạn hai"]


# -- the tags a clerk typed -------------------------------------------------------------------------------
def _typed_tags_recursively(value: object) -> set[str]:
    """The straightforward walk `pipeline._typed_tags` replaced: every string searched."""
    if isinstance(value, str):
        return text_tags(value)
    if isinstance(value, dict):
        value = list(value.values())
    if isinstance(value, list | tuple):
        return set().union(*(_typed_tags_recursively(item) for item in value))
    return set()


def test_the_typed_tags_are_found_as_by_searching_every_string():
    for path in SAMPLES:
        report = pipeline.check(path).report
        assert report is not None
        dumped = report.model_dump()
        assert pipeline._typed_tags(dumped) == _typed_tags_recursively(dumped)
    nested = {
        "a": ["{{ ho_ten }} và {%p if x %}", ("{ không phải thẻ }", {"b": "{{  so   }}"})],
        "c": [[["{% for x in y %}"]]],
        "d": 5,
        "e": None,
        "f": "{ {x} } %}",
    }
    assert pipeline._typed_tags(nested) == _typed_tags_recursively(nested)
    assert pipeline._typed_tags(nested) == {"{{ ho_ten }}", "{%p if x %}", "{{ so }}", "{% for x in y %}"}
