"""The command never loses a clerk's file, never crashes on where it is told to write, and stays
readable: outputs never replace inputs, folders and missing suffixes are understood, long lists of
problems are capped, redirected output is UTF-8 under any code page, help never comes out empty.
(Ctrl-C at any moment: test_write_safety.py.)"""

from __future__ import annotations

import subprocess
import sys
import zipfile

import pytest

from baocao_gen import cli
from conftest import PERIOD, ROOT
from test_cli import run


@pytest.mark.parametrize("flags", [(), ("--ghi-de",)])
@pytest.mark.parametrize("victim", ["bao-cao.yaml", "don-vi.yaml"])
def test_render_never_overwrites_its_own_inputs(make_report, tmp_path, victim, flags):
    path = make_report()
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    proc = run("render", path, "-o", tmp_path / victim, *flags)
    assert proc.returncode == 1, proc.stderr
    assert "trùng với tệp đầu vào" in proc.stderr and "Traceback" not in proc.stderr
    assert "sửa bằng tay" not in proc.stderr
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before


def test_render_refuses_an_input_reached_through_another_spelling(make_report, tmp_path):
    path = make_report()
    (tmp_path / "sub").mkdir()
    before = path.read_bytes()
    proc = run("render", path, "-o", tmp_path / "sub" / ".." / "bao-cao.yaml", "--ghi-de")
    assert proc.returncode == 1 and path.read_bytes() == before


@pytest.mark.parametrize("where", ["folder", ".", ""])
def test_output_folder_receives_the_data_name(make_report, tmp_path, where):
    path = make_report()
    out = tmp_path / "kq"
    out.mkdir()
    target, cwd = (str(out), None) if where == "folder" else (where, out)
    proc = run("render", path, "-o", target, cwd=cwd)
    assert proc.returncode == 0, proc.stderr
    assert zipfile.ZipFile(out / "bao-cao.docx").testzip() is None
    assert "Traceback" not in proc.stderr and "lỗi nội bộ" not in proc.stderr


def test_output_without_suffix_gets_docx_and_another_suffix_is_refused(make_report, tmp_path):
    path = make_report()
    assert run("render", path, "-o", tmp_path / "ket-qua").returncode == 0
    assert (tmp_path / "ket-qua.docx").is_file()
    proc = run("render", path, "-o", tmp_path / "ket-qua.txt")
    assert proc.returncode == 1 and "đuôi .docx" in proc.stderr
    assert not (tmp_path / "ket-qua.txt").exists()


def test_a_file_level_problem_is_not_located_at_line_zero(make_report, tmp_path):
    proc = run("render", make_report(), "-o", tmp_path / "kq.txt")
    [line] = [line for line in proc.stderr.splitlines() if line.strip()]
    assert line.startswith(f"{tmp_path / 'kq.txt'}: lỗi: ") and ":0:0" not in line


def test_diagnostics_are_capped_at_one_hundred(make_report):
    junk = "".join(f"khoa_la_{n}: x\n" for n in range(150))
    proc = run("validate", make_report(PERIOD + junk))
    assert proc.returncode == 1
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert len(lines) == 101
    assert lines[-1].startswith("… và 50 lỗi/cảnh báo khác")
    json_proc = run("validate", make_report(PERIOD + junk), "--json")
    assert json_proc.stdout.count('"code": "D106"') == 150  # tools get them all


def _run_with_encoding(encoding: str, *args):
    env = {"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin", "PYTHONIOENCODING": encoding}
    return subprocess.run([sys.executable, "-m", "baocao_gen", *map(str, args)], capture_output=True, env=env)


def test_redirected_output_is_utf8_under_a_vietnamese_windows_code_page(make_report):
    listing = _run_with_encoding("cp1258", "templates")
    assert listing.returncode == 0, listing.stderr.decode("utf-8", "replace")
    assert "Dân vận" in listing.stdout.decode("utf-8")
    bad = _run_with_encoding("cp1258", "validate", make_report(PERIOD.replace("so: 5", "so: 5.6")), "--json")
    assert bad.returncode == 1
    assert "dấu chấm chỉ dùng để tách hàng nghìn" in bad.stdout.decode("utf-8")
    errors = _run_with_encoding("cp1258", "validate", make_report(PERIOD.replace("so: 5", "so: 5.6")))
    assert "lỗi:" in errors.stderr.decode("utf-8")


@pytest.mark.parametrize(
    "command", ["render", "validate", "templates", "schema", "init", "trich-dan", "version"]
)
def test_every_command_has_vietnamese_help(command):
    proc = run(command, "--help")
    assert proc.returncode == 0 and "Cách dùng:" in proc.stdout and "Tùy chọn:" in proc.stdout


def test_a_help_that_fails_is_reported_not_swallowed(monkeypatch, capsys):
    def broken(*args, **kwargs):
        raise TypeError("make_metavar() takes 1 positional argument but 2 were given")

    from baocao_gen import cli_batch, cli_diff, cli_nhap  # noqa: F401  (joined the real app before it breaks)

    monkeypatch.setattr(cli, "app", broken)
    assert cli.run(["init", "--help"]) == 3
    assert "lỗi nội bộ (TypeError: make_metavar()" in capsys.readouterr().err


def test_schema_output_never_replaces_a_data_file(make_report, tmp_path):
    path = make_report()
    before = path.read_bytes()
    proc = run("schema", "-o", path)
    assert proc.returncode == 2 and "đuôi .json" in proc.stderr
    assert path.read_bytes() == before
    folder = run("schema", "-o", tmp_path)
    assert folder.returncode == 0 and (tmp_path / "baocao-schema.json").is_file()
