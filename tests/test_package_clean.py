"""Every output is a clean package: only the parts the report uses, 0 findings from a strict validator.

python-docx's default template used to leave a stale stylesWithEffects.xml (Word "repairs" such a
file), a thumbnail, a customXml item and its own metadata in every report. openxml-audit (a strict
OOXML validator, in the `test` extra) checks each example's output, and a template an office brings
with those leftovers must still give a clean output.
"""

from __future__ import annotations

import json
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest

from baocao_gen.ooxml.package import read_parts, write_parts
from baocao_gen.pipeline import build, check
from baocao_gen.render import render_plan
from baocao_gen.resources import template_path
from baocao_gen.verify import verify_package
from conftest import EXAMPLE_FILES, EXAMPLES, LEFTOVER_PARTS
from fuzzing import openxml_audit

STAMP = datetime(2023, 6, 5, tzinfo=UTC)


def audit_executable() -> str:
    """Return openxml-audit of this interpreter's environment, else the one on PATH (see fuzzing.py)."""
    found = openxml_audit()
    if not found.exists():
        pytest.fail("openxml-audit is not installed: pip install '.[test]'")
    return str(found)


def audit(path: Path) -> dict:
    proc = subprocess.run(
        [audit_executable(), "-o", "json", str(path)], capture_output=True, text=True, timeout=120
    )
    [report] = json.loads(proc.stdout)
    return report


def findings(report: dict) -> list[str]:
    return [
        f"{e.get('severity')}: {e.get('description')} ({e.get('part_uri')})" for e in report.get("errors", [])
    ]


def leftovers(data: bytes) -> list[str]:
    return [name for name in read_parts(data) if name in LEFTOVER_PARTS or name.startswith("customXml/")]


@pytest.mark.parametrize("example", EXAMPLE_FILES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_example_output_passes_openxml_audit(example, tmp_path):
    result = build(example)
    assert result.data is not None, [d.format() for d in result.diagnostics]
    output = tmp_path / "bao-cao.docx"
    output.write_bytes(result.data)
    report = audit(output)
    assert report["error_count"] == 0 and report["warning_count"] == 0, findings(report)
    assert report["valid"] is True
    assert leftovers(result.data) == []
    parts = read_parts(result.data)
    assert b"python-docx" not in parts["docProps/core.xml"]
    assert len(parts["word/styles.xml"]) < 20_000  # the used styles, not Word 2010's 180


def test_template_with_leftovers_still_gives_a_clean_output(tmp_path):
    """An office's own template (saved by Word 2010, say) may bring stale parts: none reaches the output."""
    example = EXAMPLES / "ba-to" / "dan-van-chinh-quyen-6-thang-2023.yaml"
    parts = read_parts(template_path("nha_nuoc").read_bytes())
    styles_with_effects = parts["word/styles.xml"].replace(b'w:styleId="VanBan"', b'w:styleId="VanBanCu"')
    parts["word/stylesWithEffects.xml"] = styles_with_effects
    parts["docProps/thumbnail.jpeg"] = b"\xff\xd8\xff\xd9"
    parts["word/orphan.xml"] = b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n<x/>"
    parts["word/_rels/document.xml.rels"] = parts["word/_rels/document.xml.rels"].replace(
        b"</Relationships>",
        b'<Relationship Id="rIdSwe" Type="http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"'
        b' Target="stylesWithEffects.xml"/></Relationships>',
    )
    parts["_rels/.rels"] = parts["_rels/.rels"].replace(
        b"</Relationships>",
        b'<Relationship Id="rIdThumb" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail"'
        b' Target="docProps/thumbnail.jpeg"/></Relationships>',
    )
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"</Types>",
        b'<Default Extension="jpeg" ContentType="image/jpeg"/>'
        b'<Override PartName="/word/stylesWithEffects.xml" ContentType="application/vnd.ms-word.stylesWithEffects+xml"/>'
        b'<Override PartName="/word/orphan.xml" ContentType="application/xml"/></Types>',
    )
    template = tmp_path / "khung-cua-don-vi.docx"
    template.write_bytes(write_parts(parts, STAMP))
    assert audit(template)["error_count"] > 0  # the leftovers are what the validator flags

    planned = check(example)
    assert planned.plan is not None
    data, problems = render_plan(planned.plan, template, STAMP, planned.plan.title)
    assert data is not None, [p.format() for p in problems]
    assert verify_package(data, planned.plan.section_count) == []
    names = read_parts(data)
    assert not {"word/stylesWithEffects.xml", "docProps/thumbnail.jpeg", "word/orphan.xml"} & set(names)
    types = names["[Content_Types].xml"]
    assert b"stylesWithEffects" not in types and b"orphan" not in types and b'Extension="jpeg"' not in types
    assert b"stylesWithEffects" not in names["word/_rels/document.xml.rels"]
    output = tmp_path / "bao-cao.docx"
    output.write_bytes(data)
    report = audit(output)
    assert report["error_count"] == 0 and report["warning_count"] == 0, findings(report)
