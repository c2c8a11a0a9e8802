"""The real client: every example converts to PDF with LibreOffice, with its text on the pages.

CI installs LibreOffice (.ci/run), so there this test always runs; on a developer machine without
`soffice` it is skipped and says so.
"""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest

from baocao_gen.pipeline import build
from conftest import EXAMPLE_FILES

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")

if SOFFICE is None and os.environ.get("CI"):
    raise RuntimeError("CI must have LibreOffice (soffice) installed: see .ci/run")


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed on this machine")
@pytest.mark.parametrize("example", EXAMPLE_FILES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_example_converts_to_pdf(example, tmp_path):
    result = build(example)
    assert result.data is not None, [d.format() for d in result.diagnostics]
    source = tmp_path / "bao-cao.docx"
    source.write_bytes(result.data)
    profile = tmp_path / "profile"
    proc = subprocess.run(
        [SOFFICE, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
        capture_output=True,
        text=True,
        timeout=180,
    )
    pdf = tmp_path / "bao-cao.pdf"
    assert proc.returncode == 0 and pdf.exists(), proc.stderr
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "BÁO CÁO" in text
    assert "Nơi nhận:" in text
    assert result.report.nguoi_ky.ho_ten in text
    pages = text.count("\f")
    assert pages >= 1
