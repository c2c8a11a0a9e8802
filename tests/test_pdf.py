"""`--pdf`: a real PDF from LibreOffice beside the .docx, and a clear word when it cannot be made.

Converting needs LibreOffice; CI installs it (.ci/run), so there the tests that convert always run and
a missing soffice fails them instead of skipping (as in test_libreoffice.py). The converter's
failures (not installed, stuck, crashing) are played by small stand-in programs on PATH.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from baocao_gen.codes import Code
from baocao_gen.pdf import convert_to_pdf
from conftest import EXAMPLES, ROOT
from test_cli import run

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
if SOFFICE is None and os.environ.get("CI"):
    raise RuntimeError("CI must have LibreOffice (soffice) installed: see .ci/run")
needs_libreoffice = pytest.mark.skipif(
    SOFFICE is None, reason="LibreOffice (soffice) is not installed on this machine"
)

EXAMPLE = EXAMPLES / "ba-to" / "dan-van-chinh-quyen-6-thang-2023.yaml"
TITLE = "Kết quả thực hiện công tác dân vận chính quyền 6 tháng đầu năm"


def pdf_text(pdf: Path) -> str:
    """Return the PDF's text as a reader sees it, words separated by single spaces."""
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return " ".join(text.split())


def run_with_path(path: str, *args: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "baocao_gen", *map(str, args)],
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(ROOT / "src"), "PATH": path},
    )


def stand_in(folder: Path, script: str) -> str:
    """Put a fake `soffice` (a shell script) in `folder`; return a PATH where it is found first."""
    fake = folder / "soffice"
    fake.write_text("#!/bin/sh\n" + script + "\n", encoding="utf-8")
    fake.chmod(fake.stat().st_mode | stat.S_IEXEC)
    return f"{folder}:/usr/bin:/bin"


@needs_libreoffice
def test_render_pdf_writes_a_pdf_that_shows_the_report(tmp_path):
    out = tmp_path / "bao-cao.docx"
    proc = run("render", EXAMPLE, "-o", out, "--pdf")
    assert proc.returncode == 0, proc.stderr
    pdf = tmp_path / "bao-cao.pdf"
    assert pdf.stat().st_size > 0 and pdf.read_bytes().startswith(b"%PDF-")
    text = pdf_text(pdf)
    assert "BÁO CÁO" in text and TITLE in text
    assert f"Đã ghi {pdf}" in proc.stderr
    # the .docx is the same as without --pdf: conversion never touches it
    plain = tmp_path / "plain.docx"
    assert run("render", EXAMPLE, "-o", plain).returncode == 0
    assert out.read_bytes() == plain.read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bao-cao.docx", "bao-cao.pdf", "plain.docx"]


@needs_libreoffice
def test_a_pdf_made_earlier_is_replaced_but_a_foreign_pdf_is_kept(tmp_path):
    out = tmp_path / "bao-cao.docx"
    assert run("render", EXAMPLE, "-o", out, "--pdf").returncode == 0
    again = run("render", EXAMPLE, "-o", out, "--pdf")
    assert again.returncode == 0, again.stderr
    assert not list(tmp_path.glob("*.ban-cu.pdf"))  # our own PDF is regenerated like an untouched .docx

    scan = b"%PDF-1.4\n% the signed copy, scanned\n"
    (tmp_path / "bao-cao.pdf").write_bytes(scan)
    refused = run("render", EXAMPLE, "-o", out, "--pdf")
    assert refused.returncode == 1
    assert "không phải tệp do baocao-gen tạo" in refused.stderr and "[W401]" in refused.stderr
    assert (tmp_path / "bao-cao.pdf").read_bytes() == scan
    assert f"Đã ghi {tmp_path / 'bao-cao.pdf'}" not in refused.stderr

    forced = run("render", EXAMPLE, "-o", out, "--pdf", "--ghi-de")
    assert forced.returncode == 0, forced.stderr
    assert (tmp_path / "bao-cao.ban-cu.pdf").read_bytes() == scan
    assert TITLE in pdf_text(tmp_path / "bao-cao.pdf")


def test_without_libreoffice_the_docx_is_written_and_the_clerk_learns_how_to_install_it(tmp_path):
    empty = tmp_path / "bin"
    empty.mkdir()
    proc = run_with_path(str(empty), "render", EXAMPLE, "-o", tmp_path / "bc.docx", "--pdf")
    assert proc.returncode == 1
    assert (
        "chưa cài LibreOffice" in proc.stderr
        and "Windows" in proc.stderr
        and "sudo apt install" in proc.stderr
    )
    assert f"[{Code.PDF_NO_CONVERTER}]" in proc.stderr and "Traceback" not in proc.stderr
    assert zipfile.ZipFile(tmp_path / "bc.docx").testzip() is None
    assert f"Đã ghi {tmp_path / 'bc.docx'}" in proc.stderr
    assert not (tmp_path / "bc.pdf").exists() and ".pdf" not in proc.stderr.replace("--pdf", "")


def test_a_converter_that_fails_or_writes_nothing_is_reported(tmp_path):
    path = stand_in(tmp_path, "echo 'Error: source file could not be loaded' >&2; exit 1")
    proc = run_with_path(path, "render", EXAMPLE, "-o", tmp_path / "bc.docx", "--pdf")
    assert proc.returncode == 1
    assert "LibreOffice không chuyển được" in proc.stderr and "could not be loaded" in proc.stderr
    assert f"[{Code.PDF_FAILED}]" in proc.stderr
    assert (tmp_path / "bc.docx").is_file() and not (tmp_path / "bc.pdf").exists()

    silent = stand_in(tmp_path, "exit 0")  # says it worked, but no PDF: never "Đã ghi …pdf"
    proc = run_with_path(silent, "render", EXAMPLE, "-o", tmp_path / "bc.docx", "--pdf")
    assert proc.returncode == 1 and not (tmp_path / "bc.pdf").exists()
    assert "bc.pdf" not in proc.stderr


def test_a_stuck_converter_is_stopped_after_the_timeout(tmp_path, monkeypatch):
    docx = tmp_path / "bc.docx"
    assert run("render", EXAMPLE, "-o", docx).returncode == 0
    pids = tmp_path / "pids"
    # the stand-in starts a helper of its own, as soffice starts soffice.bin
    monkeypatch.setenv("PATH", stand_in(tmp_path, f"sleep 60 & echo $$ $! > {pids}; wait"))
    pdf, problems = convert_to_pdf(docx, timeout=0.5)
    assert pdf is None and [d.code for d in problems] == [Code.PDF_TIMEOUT]
    assert "0,5 giây" in problems[0].message and problems[0].hint
    assert not (tmp_path / "bc.pdf").exists()
    # the whole process group was ended, the helper too, not only the program started
    assert [pid for pid in map(int, pids.read_text().split()) if alive(pid)] == []


def alive(pid: int) -> bool:
    """Return True when process `pid` runs (a zombie, dead but not yet reaped, does not count)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return False
    return fields[0] != "Z"


def test_each_conversion_uses_a_private_profile(tmp_path, monkeypatch):
    docx = tmp_path / "bc.docx"
    assert run("render", EXAMPLE, "-o", docx).returncode == 0
    said = tmp_path / "arguments"
    monkeypatch.setenv("PATH", stand_in(tmp_path, f'echo "$@" >> {said}; exit 1'))
    convert_to_pdf(docx)
    convert_to_pdf(docx)
    first, second = said.read_text(encoding="utf-8").splitlines()
    profiles = [
        word
        for line in (first, second)
        for word in line.split()
        if word.startswith("-env:UserInstallation=file://")
    ]
    assert len(profiles) == 2 and profiles[0] != profiles[1]
    assert "--headless" in first.split() and "--convert-to pdf" in first
