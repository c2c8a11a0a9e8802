"""The committed frame templates are exactly what their single source (ooxml.frame) builds."""

from __future__ import annotations

import pytest

from baocao_gen.ooxml.frame import build_frame
from baocao_gen.ooxml.package import read_parts
from baocao_gen.resources import template_path

COMPARED = ("word/document.xml", "word/styles.xml", "word/header1.xml", "word/header2.xml", "word/_rels/document.xml.rels")


@pytest.mark.parametrize("system", ["nha_nuoc", "dang"])
def test_committed_template_matches_its_source(system):
    committed = read_parts(template_path(system).read_bytes())
    rebuilt = read_parts(build_frame(system))
    for name in COMPARED:
        if name in rebuilt:
            assert committed.get(name) == rebuilt[name], f"{name} drifted: run python tools/build_templates.py"


@pytest.mark.parametrize("system", ["nha_nuoc", "dang"])
def test_template_has_the_shared_slots(system):
    document = read_parts(template_path(system).read_bytes())["word/document.xml"].decode()
    for slot in ("{{p mo_dau }}", "{{p noi_dung }}", "{{p ket_thuc }}", "{{p phu_luc }}", "{{r trich_yeu }}", "{{ ho_ten }}"):
        assert slot in document
