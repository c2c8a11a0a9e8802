"""A designer edits the built-in template and saves it in LibreOffice: the next render follows the edit.

LibreOffice rewrites a .docx on save: it renames every style id after the style's name with the
Vietnamese letters dropped ("Quốc hiệu" `QuocHieu` → `Quchiu`) and writes a number wherever it read a
non-number (a template tag typed inside an XML attribute became 0). These tests do exactly what a
designer does — change sizes, save from LibreOffice — and open what baocao-gen renders from the copy.
The style-id half also runs without LibreOffice, on a copy renamed the way LibreOffice renames.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from docx.shared import Pt

from baocao_gen.codes import Code
from baocao_gen.ooxml.measure import text_width_twips
from baocao_gen.ooxml.style_ids import canonical_template, style_names
from baocao_gen.resources import template_path
from conftest import PARTY_PROFILE, STATE_PROFILE, built, open_docx
from docx_helpers import formats, header_rules

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
if SOFFICE is None and os.environ.get("CI"):
    raise RuntimeError("CI must have LibreOffice (soffice) installed: see .ci/run")
needs_libreoffice = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")

MOTTO = "Độc lập - Tự do - Hạnh phúc"
QUOC_HIEU = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
PARTY_TITLE = "ĐẢNG CỘNG SẢN VIỆT NAM"


def _edited(tmp_path: Path, system: str, sizes: dict[str, int]) -> Path:
    document = docx.Document(str(template_path(system)))
    for style in document.styles:
        if style.style_id in sizes:
            style.font.size = Pt(sizes[style.style_id])
    target = tmp_path / "sua" / "mau.docx"
    target.parent.mkdir()
    document.save(str(target))
    return target


def _saved_by_libreoffice(source: Path, folder: Path) -> Path:
    """Open `source` in LibreOffice and save it as .docx into `folder` (what "Save" does)."""
    folder.mkdir(exist_ok=True)
    subprocess.run(
        [SOFFICE, "--headless", f"-env:UserInstallation=file://{folder / 'profile'}", "--convert-to",
         "docx:MS Word 2007 XML", "--outdir", str(folder), str(source)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    return folder / source.name


def _render_with(make_report, folder: Path, template: Path, profile: str):
    shutil.copy(template, folder / "mau-cua-don-vi.docx")
    result = built(make_report(profile=profile + "mau: mau-cua-don-vi.docx\n"))
    errors = [d.format() for d in result.diagnostics if d.is_error]
    assert result.data is not None and not errors, errors
    return result


@needs_libreoffice
def test_a_state_template_edited_and_saved_in_libreoffice_renders_with_the_edit(make_report, tmp_path):
    saved = _saved_by_libreoffice(
        _edited(tmp_path, "nha_nuoc", {"Normal": 13, "VanBan": 13, "QuocHieu": 13, "TieuNgu": 14}),
        tmp_path / "lo",
    )
    ids = set(style_names(saved.read_bytes()).values())
    assert "QuocHieu" not in ids and "VanBan" not in ids  # LibreOffice did rename them: the case is real
    assert not re.search(rb'="\{\{', zipfile.ZipFile(saved).read("word/document.xml"))

    result = _render_with(make_report, tmp_path, saved, STATE_PROFILE)
    document = open_docx(result.data)
    assert formats(document, "Đoạn văn thứ nhất.")["size"] == 13
    assert formats(document, QUOC_HIEU)["size"] == 13
    left, right, (issuer_rule, motto_rule) = header_rules(document)
    motto = text_width_twips(MOTTO, 14, bold=True)
    assert motto_rule in (motto, motto + 1)  # the rule is as long as the Tiêu ngữ at its new size
    assert left + right == 9355 and right >= text_width_twips(QUOC_HIEU, 13, bold=True)
    issuer = text_width_twips("ỦY BAN NHÂN DÂN XÃ BA TÔ", 12, bold=True)
    assert issuer_rule in (issuer * 2 // 5, issuer * 2 // 5 + 1)
    # The output still passes the format audit of `verify` (no P307) and carries the canonical ids.
    assert not [d for d in result.diagnostics if d.code is Code.OWN_TEMPLATE_OFF_FORMAT]
    assert document.paragraphs[0].style is not None


@needs_libreoffice
def test_a_party_template_saved_in_libreoffice_keeps_its_rule_under_the_party_title(make_report, tmp_path):
    saved = _saved_by_libreoffice(_edited(tmp_path, "dang", {"TieuDeDang": 14}), tmp_path / "lo")
    result = _render_with(make_report, tmp_path, saved, PARTY_PROFILE)
    document = open_docx(result.data)
    assert formats(document, PARTY_TITLE)["size"] == 14
    _, _, rules = header_rules(document)
    title = text_width_twips(PARTY_TITLE, 14, bold=True)
    assert rules[-1] in (title, title + 1)


def _renamed_like_libreoffice(data: bytes, tmp_path: Path) -> Path:
    """The built-in template with every style id rewritten from its name, ASCII letters only."""
    names = style_names(data)
    renames = {style_id: re.sub(r"[^A-Za-z0-9]", "", name.title()) + "X" for name, style_id in names.items()}
    target = tmp_path / "doi-ma.docx"
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(target, "w") as out:
        for info in src.infolist():
            content = src.read(info)
            if info.filename.startswith("word/") and info.filename.endswith(".xml"):
                text = content.decode()
                for old, new in renames.items():
                    text = re.sub(
                        rf'(w:styleId="|<w:(?:pStyle|rStyle|tblStyle|basedOn|next|link) w:val=")({re.escape(old)})(")',
                        rf"\g<1>{new}\3",
                        text,
                    )
                content = text.encode()
            out.writestr(info, content)
    return target


def test_style_ids_renamed_by_another_program_are_found_again_by_name(make_report, tmp_path):
    builtin = template_path("nha_nuoc").read_bytes()
    renamed = _renamed_like_libreoffice(builtin, tmp_path)
    assert "QuocHieu" not in set(style_names(renamed.read_bytes()).values())
    restored = canonical_template(renamed.read_bytes(), style_names(builtin))
    assert set(style_names(restored).values()) == set(style_names(builtin).values())
    assert b'w:pStyle w:val="QuocHieu"' in zipfile.ZipFile(io.BytesIO(restored)).read("word/document.xml")
    assert canonical_template(builtin, style_names(builtin)) is builtin  # nothing to do: the same bytes

    plain = built(make_report())
    own = _render_with(make_report, tmp_path, renamed, STATE_PROFILE)
    assert open_docx(own.data).tables[0].rows[0].cells[1].paragraphs[0].style.style_id == "QuocHieu"
    assert [p.text for p in open_docx(own.data).paragraphs] == [
        p.text for p in open_docx(plain.data).paragraphs
    ]


@pytest.mark.parametrize("system", ["nha_nuoc", "dang"])
def test_no_template_tag_sits_inside_an_xml_attribute(system):
    """Word refuses a package whose number attribute holds `{{ … }}`; LibreOffice saves it as 0."""
    with zipfile.ZipFile(template_path(system)) as package:
        for name in package.namelist():
            if name.endswith(".xml"):
                assert not re.search(rb'="[^"]*\{[{%]', package.read(name)), name
