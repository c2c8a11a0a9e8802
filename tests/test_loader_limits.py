"""Loader limits and refusals: absurd or silently-changed input gets a located error, never a crash.

Every diagnostic here must name a line and a column ≥ 1, and the real command must exit 1 on it.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from baocao_gen.loader import load_data
from conftest import ROOT


def run_cli(*args: object) -> subprocess.CompletedProcess[str]:
    """Run `python -m baocao_gen` from the checkout, as tests/test_cli.py does."""
    return subprocess.run(
        [sys.executable, "-m", "baocao_gen", *map(str, args)],
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"},
    )


def assert_located(problems, code: str) -> None:
    """Every problem is located at line ≥ 1, column ≥ 1, and `code` is among them."""
    assert code in [p.code for p in problems], [p.format() for p in problems]
    for problem in problems:
        assert problem.location is not None and problem.location.line >= 1 and problem.location.column >= 1, problem.format()


def assert_cli_refuses(path: Path, code: str, tmp_path: Path) -> str:
    """`baocao render` exits 1 naming `code`, writes nothing, and shows no traceback; return stderr."""
    out = tmp_path / "out.docx"
    proc = run_cli("render", path, "-o", out)
    assert proc.returncode == 1, proc.stderr
    assert f"[{code}]" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert not out.exists()
    return proc.stderr


# -- encodings and positions ----------------------------------------------------------------------

TEXT = "trich_yeu: Báo cáo kết quả công tác dân vận\nso: 5\n"


@pytest.mark.parametrize(
    "encoded",
    [TEXT.encode("utf-16"), TEXT.encode("utf-16-be"), b"\xfe\xff" + TEXT.encode("utf-16-be"), TEXT.encode("utf-16-le")],
    ids=["notepad-unicode", "big-endian-no-bom", "big-endian-bom", "little-endian-no-bom"],
)
def test_utf16_file_gets_its_own_message(tmp_path, encoded):
    path = tmp_path / "bao-cao.yaml"
    path.write_bytes(encoded)
    tree, problems = load_data(path)
    assert tree is None
    assert_located(problems, "D100")
    [problem] = problems
    assert (problem.location.line, problem.location.column) == (1, 1)
    assert "UTF-16" in problem.message and "«Unicode» trong Notepad" in problem.message
    assert "ANSI" not in problem.message
    assert "lưu lại với mã UTF-8" in problem.hint


def test_utf16_file_exits_1_through_the_command(tmp_path):
    path = tmp_path / "bao-cao.yaml"
    path.write_bytes(TEXT.encode("utf-16"))
    stderr = assert_cli_refuses(path, "D100", tmp_path)
    assert "bao-cao.yaml:1:1: lỗi:" in stderr and "UTF-16" in stderr


def test_a_stray_nul_byte_is_not_taken_for_utf16(tmp_path):
    path = tmp_path / "x.yaml"
    path.write_bytes(TEXT.encode() + b"ghi_chu: a\x00b\n")
    _, problems = load_data(path)
    assert_located(problems, "D109")
    assert problems[0].location.line == 3


def test_file_cut_inside_a_utf8_character_is_located(tmp_path):
    path = tmp_path / "x.yaml"
    path.write_bytes("a: đúng\nb: Tiến".encode()[:-2])  # the last byte of "ế" and "n" are gone
    tree, problems = load_data(path)
    assert tree is None
    assert_located(problems, "D100")
    # "b: Ti" is five characters; the cut "ế" is the sixth
    assert (problems[0].location.line, problems[0].location.column) == (2, 6)


def test_not_utf8_column_counts_characters_not_bytes(tmp_path):
    path = tmp_path / "x.yaml"
    path.write_bytes("\ufeffđã có: ".encode() + "Ti\xean".encode("latin-1"))  # BOM, then ANSI text
    _, problems = load_data(path)
    assert_located(problems, "D100")
    assert (problems[0].location.line, problems[0].location.column) == (1, 10)


def test_unreadable_file_is_located_at_its_start(tmp_path):
    tree, problems = load_data(tmp_path)  # a folder, not a file
    assert tree is None
    assert_located(problems, "D100")
    assert (problems[0].location.line, problems[0].location.column) == (1, 1)
