"""An office's own template (profile key `mau`), a designer's edit of the built-in one, and `baocao mau`.

Templates are edited here with python-docx, the way a designer edits one in Word or LibreOffice (a
style's size or font), and the rendered document is opened to see what a reader sees.
"""

from __future__ import annotations

import struct
import subprocess
import sys
import zlib
from pathlib import Path

import docx
from docx.shared import Pt

from baocao_gen.ooxml.measure import text_width_twips
from baocao_gen.pipeline import build, render_file
from baocao_gen.resources import template_path
from conftest import PARTY_PROFILE, PERIOD, ROOT, STATE_PROFILE, built, open_docx
from docx_helpers import W, find_paragraph, formats, header_rules, part

MOTTO = "Độc lập - Tự do - Hạnh phúc"
QUOC_HIEU = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
ISSUER = "ỦY BAN NHÂN DÂN XÃ BA TÔ"


def _style(document, style_id: str):
    return next(s for s in document.styles if s.style_id == style_id)


def _own_template(tmp_path: Path, edit, system: str = "nha_nuoc", name: str = "mau-cua-don-vi.docx") -> Path:
    """Save a copy of the built-in template edited by `edit(document)` next to the data files."""
    document = docx.Document(str(template_path(system)))
    edit(document)
    target = tmp_path / name
    document.save(str(target))
    return target


def _with_template(profile: str, name: str = "mau-cua-don-vi.docx") -> str:
    return profile + f"mau: {name}\n"


# -- a designer's edit of the State template ---------------------------------------------------------
def _designer_edit(document) -> None:
    """Body 13 pt, Quốc hiệu 13 pt, Tiêu ngữ 14 pt, and Arial for everything (set once, on Normal)."""
    normal = _style(document, "Normal")
    normal.font.size = Pt(13)
    normal.font.name = "Arial"
    _style(document, "QuocHieu").font.size = Pt(13)
    _style(document, "TieuNgu").font.size = Pt(14)


def test_a_designers_edit_shows_up_and_the_header_rules_follow_it(make_report, tmp_path):
    _own_template(tmp_path, _designer_edit)
    result = built(make_report(profile=_with_template(STATE_PROFILE)))
    document = open_docx(result.data)

    assert formats(document, "Đoạn văn thứ nhất.")["size"] == 13
    assert formats(document, QUOC_HIEU)["size"] == 13
    assert formats(document, MOTTO)["size"] == 14
    fonts = part(result.data, "word/styles.xml").find(f".//{W}style[@{W}styleId='Normal']//{W}rFonts")
    assert fonts.get(f"{W}ascii") == "Arial"

    left, right, (issuer_rule, motto_rule) = header_rules(document)
    motto_width = text_width_twips(MOTTO, 14, bold=True, font="Arial")
    assert motto_width != text_width_twips(MOTTO, 13, bold=True)  # the edit does change the measure
    assert motto_rule in (motto_width, motto_width + 1)  # as long as the Tiêu ngữ (indents are whole twips)
    assert (
        right >= text_width_twips(QUOC_HIEU, 13, bold=True, font="Arial") + 20
    )  # the Quốc hiệu stays on one line
    issuer_width = text_width_twips(ISSUER, 12, bold=True, font="Arial")
    assert issuer_rule in (issuer_width * 2 // 5, issuer_width * 2 // 5 + 1)  # 1/3–1/2 of the cơ quan line

    # Arial is not the decree's font: said once, as a warning pointing at the `mau` line.
    [warning] = [d for d in result.diagnostics if d.code == "T205"]
    assert not warning.is_error and "Arial" in warning.message and "Times New Roman" in warning.message
    assert (
        warning.location.file.endswith("don-vi.yaml")
        and warning.location.line == STATE_PROFILE.count("\n") + 1
    )


def test_a_size_set_on_the_text_itself_is_measured_too(make_report, tmp_path):
    """In Word a designer often selects the Tiêu ngữ and picks a size: that lands on the run, not the style."""

    def edit(document):
        for run in find_paragraph(document, MOTTO).runs:
            run.font.size = Pt(14)

    _own_template(tmp_path, edit)
    result = built(make_report(profile=_with_template(STATE_PROFILE)))
    document = open_docx(result.data)
    assert formats(document, MOTTO)["size"] == 14
    _, _, (_, motto_rule) = header_rules(document)
    assert motto_rule - text_width_twips(MOTTO, 14, bold=True) in (0, 1)
    assert not [d for d in result.diagnostics if d.code.startswith("T")]  # 14 pt is within the decree's 13–14


def test_the_built_in_template_is_measured_as_before(make_report):
    document = open_docx(built(make_report()).data)
    _, _, (_, motto_rule) = header_rules(document)
    assert motto_rule - text_width_twips(MOTTO, 13, bold=True) in (0, 1)


# -- an office's own template ------------------------------------------------------------------------
def _png() -> bytes:
    """Return a 2×2 red PNG: a stand-in for a unit's logo."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    raw = b"".join(b"\x00" + b"\xff\x00\x00" * 2 for _ in range(2))
    header = struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def test_an_offices_template_with_a_logo_and_another_font_renders(make_report, tmp_path):
    logo = tmp_path / "bieu-trung.png"
    logo.write_bytes(_png())

    def edit(document):
        _style(document, "Normal").font.name = "Liberation Serif"
        run = document.sections[0].first_page_header.paragraphs[0].add_run()
        run.add_picture(str(logo), width=Pt(40))

    _own_template(tmp_path, edit, system="dang")
    path = make_report(
        PERIOD.replace("so: 5", "so: 374").replace("luu: VT", "luu: VPH"), _with_template(PARTY_PROFILE)
    )
    target = tmp_path / "ket-qua.docx"
    result = render_file(path, target)
    assert result.ok, [d.format() for d in result.diagnostics]
    data = target.read_bytes()
    document = open_docx(data)
    assert find_paragraph(document, "ĐẢNG CỘNG SẢN VIỆT NAM") is not None
    assert "Đoạn văn thứ nhất." in [p.text for p in document.paragraphs]
    first_header = document.sections[0].first_page_header
    [blip] = first_header._element.iter("{http://schemas.openxmlformats.org/drawingml/2006/main}blip")
    image = first_header.part.related_parts[
        blip.get("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}embed")
    ]
    assert image.blob == logo.read_bytes()  # the logo travels into the report, on page 1
    fonts = part(data, "word/styles.xml").find(f".//{W}style[@{W}styleId='Normal']//{W}rFonts")
    assert fonts.get(f"{W}ascii") == "Liberation Serif"
    assert build(path).data == data  # still the same bytes for the same input


def test_a_template_missing_a_tag_fails_naming_the_tag(make_report, tmp_path):
    def edit(document):
        find_paragraph(document, "{{ ho_ten }}").runs[0].text = "Phạm Văn Hiền"  # typed over the tag

    _own_template(tmp_path, edit)
    target = tmp_path / "ket-qua.docx"
    result = render_file(make_report(profile=_with_template(STATE_PROFILE)), target)
    assert not result.ok and not target.exists()
    [problem] = [d for d in result.diagnostics if d.is_error]
    assert problem.code == "T203" and "{{ ho_ten }}" in problem.message
    assert (Path(problem.location.file).name, problem.location.line, problem.location.path) == (
        "don-vi.yaml",
        STATE_PROFILE.count("\n") + 1,
        ("mau",),
    )


def test_a_template_missing_a_required_style_fails_naming_the_style(make_report, tmp_path):
    def edit(document):
        style = _style(document, "TieuNgu").element
        style.getparent().remove(style)

    _own_template(tmp_path, edit)
    result = build(make_report(profile=_with_template(STATE_PROFILE)))
    assert result.data is None
    [problem] = [d for d in result.diagnostics if d.is_error]
    assert problem.code == "T204" and "«Tiêu ngữ» (mã TieuNgu)" in problem.message


def test_a_template_that_is_not_there_is_named_at_the_key(make_report):
    result = build(make_report(profile=_with_template(STATE_PROFILE, "khong-co.docx")))
    [problem] = result.diagnostics
    assert problem.code == "T200" and "khong-co.docx" in problem.message and problem.location.path == ("mau",)


def test_validate_checks_the_template_too(make_report, tmp_path):
    from baocao_gen.pipeline import check

    _own_template(
        tmp_path,
        lambda document: (
            _style(document, "VanBan").element.getparent().remove(_style(document, "VanBan").element)
        ),
    )
    result = check(make_report(profile=_with_template(STATE_PROFILE)))
    assert [d.code for d in result.diagnostics if d.is_error] == ["T204"]


# -- baocao mau ----------------------------------------------------------------------------------------
def _run(*args, cwd):
    return subprocess.run(
        [sys.executable, "-m", "baocao_gen", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"},
    )


def test_mau_writes_the_built_in_template_as_a_starting_point(tmp_path):
    proc = _run("mau", "--he-thong", "dang", "-o", "mau.docx", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "mau.docx").read_bytes() == template_path("dang").read_bytes()
    assert "mau: mau.docx" in proc.stderr


def test_mau_never_overwrites_without_ghi_de_and_keeps_the_old_file_with_it(tmp_path):
    target = tmp_path / "mau.docx"
    target.write_bytes(b"ban cua don vi")
    proc = _run("mau", "-o", target, cwd=tmp_path)
    assert proc.returncode == 2 and "--ghi-de" in proc.stderr and target.read_bytes() == b"ban cua don vi"
    proc = _run("mau", "-o", target, "--ghi-de", cwd=tmp_path)
    assert proc.returncode == 0 and target.read_bytes() == template_path("nha_nuoc").read_bytes()
    assert (tmp_path / "mau.ban-cu.docx").read_bytes() == b"ban cua don vi"


def test_mau_refuses_what_is_not_a_docx_and_the_shipped_templates(tmp_path):
    profile = tmp_path / "don-vi.yaml"
    profile.write_text(STATE_PROFILE, encoding="utf-8")
    proc = _run("mau", "-o", profile, "--ghi-de", cwd=tmp_path)
    assert proc.returncode == 2 and profile.read_text(encoding="utf-8") == STATE_PROFILE
    before = template_path("nha_nuoc").read_bytes()
    proc = _run("mau", "-o", template_path("nha_nuoc"), "--ghi-de", cwd=tmp_path)
    assert (
        proc.returncode == 2 and "mẫu gốc" in proc.stderr and template_path("nha_nuoc").read_bytes() == before
    )


def test_mau_help_is_vietnamese(tmp_path):
    out = _run("mau", "--help", cwd=tmp_path).stdout
    assert "Ghi mẫu văn bản" in out and "--he-thong" in out and "--ghi-de" in out and "Tùy chọn" in out
