"""The committed frame templates are exactly what their single source (ooxml.frame) builds."""

from __future__ import annotations

import pytest

from baocao_gen.ooxml.frame import build_frame
from baocao_gen.ooxml.package import read_parts
from baocao_gen.resources import template_path
from conftest import LEFTOVER_PARTS


@pytest.mark.parametrize("system", ["nha_nuoc", "dang"])
def test_committed_template_matches_its_source(system):
    committed = read_parts(template_path(system).read_bytes())
    rebuilt = read_parts(build_frame(system))
    assert sorted(committed) == sorted(rebuilt), "parts drifted: run python tools/build_templates.py"
    for name, content in rebuilt.items():
        assert committed[name] == content, f"{name} drifted: run python tools/build_templates.py"


@pytest.mark.parametrize("system", ["nha_nuoc", "dang"])
def test_template_carries_no_default_template_leftovers(system):
    parts = read_parts(template_path(system).read_bytes())
    assert not [name for name in parts if name in LEFTOVER_PARTS or name.startswith("customXml/")]
    assert b"python-docx" not in parts["docProps/core.xml"]
    styles = parts["word/styles.xml"]
    assert b"latentStyles" not in styles and b'w:styleId="Heading1"' not in styles
    assert b'w:styleId="VanBan"' in styles and b'w:styleId="Normal"' in styles


@pytest.mark.parametrize("system", ["nha_nuoc", "dang"])
def test_template_has_the_shared_slots(system):
    document = read_parts(template_path(system).read_bytes())["word/document.xml"].decode()
    for slot in ("{{p mo_dau }}", "{{p noi_dung }}", "{{p ket_thuc }}", "{{p phu_luc }}", "{{r trich_yeu }}", "{{ ho_ten }}"):
        assert slot in document
