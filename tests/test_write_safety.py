"""Writing the output never loses work: a hand edit in any part of the .docx is recognised.

Through the real command: an output edited in Word (header, Normal style, footnote) is refused
(exit 1, file untouched); an untouched output is regenerated.
"""

from __future__ import annotations

import io
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pytest

from baocao_gen.write import write_atomically
from conftest import EXAMPLES, ROOT

EXAMPLE = EXAMPLES / "ba-to" / "dan-van-chinh-quyen-6-thang-2023.yaml"  # has footnotes
ENV = {"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"}


def run(*args: object, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "baocao_gen", *map(str, args)], capture_output=True, text=True, env=ENV, **kwargs
    )


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> bytes:
    """The bytes the command writes for the example (rendered once for the module)."""
    out = tmp_path_factory.mktemp("generated") / "out.docx"
    proc = run("render", EXAMPLE, "-o", out)
    assert proc.returncode == 0, proc.stderr
    return out.read_bytes()


def edit_header(path: Path) -> None:
    document = docx.Document(str(path))
    document.sections[0].header.paragraphs[0].text = "Trang do văn thư sửa"
    document.save(str(path))


def edit_normal_font(path: Path) -> None:
    document = docx.Document(str(path))
    document.styles["Normal"].font.name = "Arial"
    document.save(str(path))


def edit_footnote(path: Path) -> None:
    """Change a footnote's text (python-docx has no footnote API, so at the zip level, as Word would)."""
    with zipfile.ZipFile(path) as archive:
        entries = {info.filename: archive.read(info) for info in archive.infolist()}
    footnotes = entries["word/footnotes.xml"]
    entries["word/footnotes.xml"] = footnotes.replace("5 điểm".encode(), "6 điểm".encode(), 1)
    assert entries["word/footnotes.xml"] != footnotes
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    path.write_bytes(buffer.getvalue())


@pytest.mark.parametrize("edit", [edit_header, edit_normal_font, edit_footnote], ids=["header", "normal-style", "footnote"])
def test_hand_edit_is_refused(edit, generated, tmp_path):
    out = tmp_path / "out.docx"
    out.write_bytes(generated)
    edit(out)
    edited = out.read_bytes()
    assert edited != generated

    refused = run("render", EXAMPLE, "-o", out)
    assert refused.returncode == 1
    assert "[W401]" in refused.stderr and "đã bị sửa bằng tay" in refused.stderr and "Traceback" not in refused.stderr
    assert out.read_bytes() == edited
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.docx"]


def test_unchanged_output_is_regenerated_without_backup(generated, tmp_path):
    out = tmp_path / "out.docx"
    out.write_bytes(generated)
    proc = run("render", EXAMPLE, "-o", out)
    assert proc.returncode == 0, proc.stderr
    assert "W40" not in proc.stderr
    assert out.read_bytes() == generated
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.docx"]


def test_the_hash_ignores_zip_order(generated, tmp_path):
    out = tmp_path / "out.docx"
    with zipfile.ZipFile(io.BytesIO(generated)) as archive:
        entries = [(info.filename, archive.read(info)) for info in archive.infolist()]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        for name, content in reversed(entries):
            archive.writestr(name, content)
    out.write_bytes(buffer.getvalue())
    assert write_atomically(generated, out) == []  # the same parts, re-zipped: not a hand edit
    assert out.read_bytes() == generated
