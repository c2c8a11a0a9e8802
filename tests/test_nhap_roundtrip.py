"""`baocao nhap` end to end: a report rendered, imported into data files by the whole importer (frame,
body, writer), and rendered again from those files reads the same, word for word.

This is issue 14's acceptance: for every example the text of both renders is compared whole (header
block, body, tables cell by cell, footnotes, signature, Nơi nhận, appendices); for a report typed by
hand in python-docx (header as a borderless table, Word automatic numbering, a footnote, a typed
«Tổng cộng» row) the paragraphs as a reader sees them (automatic labels included) are compared.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from baocao_gen.nhap.importer import import_bytes, write_import
from baocao_gen.ooxml.reader import read_docx
from baocao_gen.ooxml.text import document_text
from conftest import EXAMPLE_FILES, EXAMPLES, built
from test_nhap_body_support import handmade_report

REPORTS = [*EXAMPLE_FILES, *sorted((EXAMPLES / "tong-hop" / "xa").glob("xa-*.yaml"))]


def _import(data: bytes, folder: Path) -> tuple[Path, Path]:
    result, refusals = import_bytes(data, "bao-cao.docx")
    assert result is not None, [d.format() for d in refusals]
    written, problems = write_import(result, folder)
    assert not problems, [d.format() for d in problems]
    profile, period = written
    return profile, period


def _rendered_again(period: Path) -> bytes:
    again = built(period)
    errors = [d.format() for d in again.diagnostics if d.is_error]
    assert again.data is not None and not errors, errors
    return again.data


@pytest.mark.parametrize("example", REPORTS, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_render_nhap_render_gives_the_same_text(example: Path, tmp_path: Path) -> None:
    first = built(example).data
    assert first is not None
    profile, period = _import(first, tmp_path)
    again = _rendered_again(period)
    assert document_text(again).splitlines() == document_text(first).splitlines()
    imported = yaml.safe_load(profile.read_text(encoding="utf-8"))
    unit = example.parent / "don-vi.yaml"
    original = yaml.safe_load((unit if unit.exists() else example).read_text(encoding="utf-8"))
    keys = [key for key in ("he_thong", "viet_tat", "dia_danh", "co_quan_ban_hanh") if key in original]
    assert keys  # recognised, not merely printed alike
    assert {key: imported[key] for key in keys} == {key: original[key] for key in keys}


def _reader_lines(data: bytes) -> tuple[list[str], list[str]]:
    doc = read_docx(data)
    lines = [" ".join(p.text.split()) for p in doc.paragraphs]
    return [line for line in lines if line], [note.text for _, note in sorted(doc.footnotes.items())]


def test_a_report_typed_in_word_imports_into_files_that_validate_and_render_the_same(tmp_path: Path) -> None:
    typed = handmade_report()
    _, period = _import(typed, tmp_path)
    again = _rendered_again(period)
    before, notes_before = _reader_lines(typed)
    after, notes_after = _reader_lines(again)
    title = before.index("BÁO CÁO")
    # The header block is a table in both, its cells in another order: the same lines, then the same body.
    assert sorted(after[: after.index("BÁO CÁO")]) == sorted(before[:title])
    assert after[after.index("BÁO CÁO") :] == before[title:]
    assert notes_after == notes_before == ["Gồm thôn Làng Xi 1 và thôn Mang Lùng 2."]
    assert "I. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO" in after and "| Tổng cộng" not in period.read_text(
        encoding="utf-8"
    )
