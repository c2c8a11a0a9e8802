"""What changed since the last generation: after a re-render, and on demand with `baocao diff`."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from baocao_gen.changes import FigureChange, compare_outputs
from baocao_gen.ooxml.package import FIGURES_PROPERTY, custom_property, recorded_hash
from baocao_gen.ooxml.text import document_text
from baocao_gen.pipeline import render_file
from conftest import EXAMPLES, ROOT

EXAMPLE = "dan-van-chinh-quyen-6-thang-2023.yaml"


@pytest.fixture
def unit(tmp_path: Path) -> Path:
    """Return a copy of the Ba Tô example's period file (with its profile) in a temporary folder."""
    shutil.copytree(EXAMPLES / "ba-to", tmp_path / "ba-to")
    return tmp_path / "ba-to" / EXAMPLE


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def _rendered(path: Path, output: Path):
    result = render_file(path, output)
    assert result.output == output, "\n".join(d.format() for d in result.diagnostics)
    return result


def test_editing_one_figure_names_exactly_that_figure_and_the_paragraphs_that_print_it(
    unit: Path, tmp_path: Path
):
    output = tmp_path / "bc.docx"
    first = _rendered(unit, output)
    assert first.changes is None  # nothing to compare with yet
    _edit(unit, "    truc_tuyen: 113\n", "    truc_tuyen: 120\n")
    second = _rendered(unit, output)
    changes = second.changes
    assert changes is not None
    assert changes.figures == (FigureChange("ho_so.truc_tuyen", "113", "120"),)
    assert changes.paragraphs, "the paragraph that prints the figure must be listed"
    old_text, new_text = document_text(first.data), document_text(second.data)
    for change in changes.paragraphs:
        assert change.kind == "sửa"
        assert "113" in change.old and "120" in change.new
        assert change.old in old_text and change.new in new_text
    lines = changes.lines()
    assert lines[0].startswith("Những gì thay đổi")
    assert any("ho_so.truc_tuyen: 113 → 120" in line for line in lines)
    assert any("«113» → «120»" in line for line in lines)


def test_re_rendering_the_same_data_says_nothing_changed_and_keeps_the_bytes(unit: Path, tmp_path: Path):
    output = tmp_path / "bc.docx"
    first = _rendered(unit, output)
    second = _rendered(unit, output)
    assert second.changes is not None and second.changes.empty
    assert second.changes.lines() == ["Không có gì thay đổi so với lần sinh trước."]
    assert first.data == second.data


def test_the_figures_are_recorded_outside_the_hand_edit_fingerprint(unit: Path, tmp_path: Path):
    data = _rendered(unit, tmp_path / "bc.docx").data
    recorded, current = recorded_hash(data)
    assert recorded is not None and recorded == current
    figures = json.loads(custom_property(data, FIGURES_PROPERTY) or "{}")
    assert figures["ho_so.truc_tuyen"] == "113"
    assert list(figures)[:2] == ["ho_so.truc_tuyen", "ho_so.truc_tiep"]  # typed order


def test_paragraphs_added_and_removed_are_listed_in_document_order(make_report, tmp_path: Path):
    from conftest import PERIOD

    path = make_report(
        PERIOD.replace(
            "      Đoạn văn thứ nhất.\n", "      Đoạn văn thứ nhất.\n\n      Đoạn thứ hai sẽ bị bỏ đi.\n"
        )
    )
    output = tmp_path / "bc.docx"
    _rendered(path, output)
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "      Đoạn thứ hai sẽ bị bỏ đi.\n",
            "      Một đoạn hoàn toàn mới về công tác tiếp công dân trong kỳ.\n",
        ),
        encoding="utf-8",
    )
    changes = _rendered(path, output).changes
    assert changes is not None and changes.figures == ()
    assert [(c.kind, c.old, c.new) for c in changes.paragraphs] == [
        ("bỏ", "Đoạn thứ hai sẽ bị bỏ đi.", None),
        ("thêm", None, "Một đoạn hoàn toàn mới về công tác tiếp công dân trong kỳ."),
    ]
    assert changes.lines()[-2:] == [
        "    - bỏ «Đoạn thứ hai sẽ bị bỏ đi.»",
        "    - thêm «Một đoạn hoàn toàn mới về công tác…»",
    ]


def test_a_hand_typed_docx_is_compared_by_its_paragraphs_only(unit: Path, tmp_path: Path):
    data = _rendered(unit, tmp_path / "bc.docx").data
    import docx

    typed = docx.Document()
    typed.add_paragraph("Một văn bản gõ tay.")
    saved = tmp_path / "go-tay.docx"
    typed.save(saved)
    changes = compare_outputs(saved.read_bytes(), data)
    assert changes.figures == ()  # the typed file records no figures: no figure is said to have changed
    assert ("bỏ", "Một văn bản gõ tay.") in [(c.kind, c.old) for c in changes.paragraphs]


def _cli(*args: object, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "baocao_gen", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"},
    )


def test_diff_of_two_data_files_and_of_their_outputs_give_the_same_list(unit: Path, tmp_path: Path):
    old = unit.with_name("cu.yaml")
    shutil.copy(unit, old)
    _edit(unit, "    truc_tuyen: 113\n", "    truc_tuyen: 120\n")
    folder = unit.parent
    by_data = _cli("diff", old.name, unit.name, cwd=folder)
    assert by_data.returncode == 0, by_data.stderr
    assert "ho_so.truc_tuyen: 113 → 120" in by_data.stdout
    assert not list(folder.glob("*.docx")), "diff of data files writes nothing"
    assert _cli("render", old.name, cwd=folder).returncode == 0
    assert _cli("render", unit.name, cwd=folder).returncode == 0
    by_output = _cli("diff", "cu.docx", unit.with_suffix(".docx").name, cwd=folder)
    assert by_output.returncode == 0, by_output.stderr
    assert by_output.stdout == by_data.stdout


def test_render_prints_the_change_list_after_a_re_render(unit: Path):
    folder = unit.parent
    assert _cli("render", unit.name, cwd=folder).returncode == 0
    _edit(unit, "    truc_tuyen: 113\n", "    truc_tuyen: 120\n")
    proc = _cli("render", unit.name, cwd=folder)
    assert proc.returncode == 0, proc.stderr
    assert "Số liệu (1):" in proc.stderr and "ho_so.truc_tuyen: 113 → 120" in proc.stderr


def test_diff_refuses_a_file_that_is_not_a_report(tmp_path: Path):
    broken = tmp_path / "hong.docx"
    broken.write_text("không phải docx", encoding="utf-8")
    other = tmp_path / "khac.docx"
    other.write_bytes(broken.read_bytes())
    proc = _cli("diff", broken.name, other.name, cwd=tmp_path)
    assert proc.returncode == 1
    assert "không phải tệp Word .docx" in proc.stderr and "Traceback" not in proc.stderr
    missing = _cli("diff", "khong-co.yaml", other.name, cwd=tmp_path)
    assert missing.returncode == 2 and "không thấy tệp" in missing.stderr
