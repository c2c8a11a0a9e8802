"""`baocao nhap TỆP.docx -o THƯ_MỤC`: exit codes, refusals said in Vietnamese, nothing written on error."""

from __future__ import annotations

from pathlib import Path

import pytest

from baocao_gen import cli
from baocao_gen.codes import Code
from test_cli import run as run_process
from test_messages import assert_vietnamese
from test_nhap_frame import hand_made


def run(capsys, *args: object) -> tuple[int, str, str]:
    code = cli.run([str(a) for a in args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_help_is_vietnamese():
    proc = run_process("nhap", "--help")
    assert proc.returncode == 0
    assert "TỆP_DOCX" in proc.stdout and "-o, --output THƯ_MỤC" in proc.stdout and "--he-thong" in proc.stdout
    assert_vietnamese(proc.stdout)
    assert "nhap" in run_process("--help").stdout


def test_import_writes_both_files_prints_the_notes_and_the_next_steps(tmp_path, capsys):
    report = hand_made(tmp_path / "bc.docx")
    code, out, err = run(capsys, "nhap", report, "-o", tmp_path / "du-lieu")
    assert code == 0, err
    profile, period = tmp_path / "du-lieu" / "don-vi.yaml", tmp_path / "du-lieu" / "bao-cao-2024.yaml"
    assert profile.is_file() and period.is_file()
    assert f"Đã ghi hồ sơ đơn vị: {profile}" in out and f"Đã ghi tệp kỳ báo cáo: {period}" in out
    assert f"baocao validate {period}" in out and f"baocao render {period}" in out
    assert "đoạn 3: nhận ra: số, ký hiệu «Số: 07/BC-UBND»." in out
    assert run(capsys, "validate", period)[0] == 0


def test_without_o_the_files_go_beside_the_report(tmp_path, capsys):
    report = hand_made(tmp_path / "bc.docx")
    assert run(capsys, "nhap", report)[0] == 0
    assert (tmp_path / "don-vi.yaml").is_file() and (tmp_path / "bao-cao-2024.yaml").is_file()


def test_existing_targets_are_named_and_nothing_is_written(tmp_path, capsys):
    report = hand_made(tmp_path / "bc.docx")
    folder = tmp_path / "du-lieu"
    folder.mkdir()
    (folder / "don-vi.yaml").write_text("# hồ sơ của văn thư\n", encoding="utf-8")
    code, _, err = run(capsys, "nhap", report, "-o", folder)
    assert code == 1
    assert str(folder / "don-vi.yaml") in err and f"[{Code.IMPORT_TARGET_EXISTS}]" in err
    assert (folder / "don-vi.yaml").read_text(encoding="utf-8") == "# hồ sơ của văn thư\n"
    assert sorted(p.name for p in folder.iterdir()) == ["don-vi.yaml"]  # no period file, no temporary file


@pytest.mark.parametrize(
    ("content", "words"),
    [(b"day la tep van ban", "không phải"), (b"PK\x03\x04hong", "")],
)
def test_an_unreadable_file_exits_2_with_the_reader_s_reason(tmp_path, capsys, content, words):
    report = tmp_path / "bc.docx"
    report.write_bytes(content)
    code, out, err = run(capsys, "nhap", report, "-o", tmp_path / "out")
    assert code == 2
    assert "không đọc được tệp" in err and words in err and f"[{Code.IMPORT_UNREADABLE}]" in err
    assert_vietnamese(err)
    assert not (tmp_path / "out").exists()


def test_a_report_in_tcvn3_fonts_is_refused_with_what_to_do(tmp_path, capsys):
    report = hand_made(
        tmp_path / "bc.docx",
        font=".VnTime",
        body=["Thùc hiÖn KÕ ho¹ch sè 12/KH-UBND, UBND x· b¸o c¸o nh­ sau:", "UBND x· kÝnh b¸o c¸o./."],
    )
    code, _, err = run(capsys, "nhap", report, "-o", tmp_path / "out")
    assert code == 1
    assert "TCVN3" in err and "Unikey" in err and f"[{Code.IMPORT_LEGACY_FONT}]" in err
    assert not (tmp_path / "out").exists()


def test_a_legacy_font_alone_is_enough_to_refuse(tmp_path, capsys):
    report = hand_made(tmp_path / "bc.docx", font=".VnTimeH")
    code, _, err = run(capsys, "nhap", report, "-o", tmp_path / "out")
    assert code == 1 and ".VnTimeH" in err


def test_an_undecidable_system_is_refused_unless_named(tmp_path, capsys):
    report = hand_made(tmp_path / "bc.docx", motto="", number="Số 07")
    code, _, err = run(capsys, "nhap", report, "-o", tmp_path / "out")
    assert code == 1 and "--he-thong" in err and f"[{Code.IMPORT_NO_SYSTEM}]" in err
    assert not (tmp_path / "out").exists()
    code, _, err = run(capsys, "nhap", report, "-o", tmp_path / "out", "--he-thong", "nha_nuoc")
    assert code == 0, err
    assert "he_thong: nha_nuoc" in (tmp_path / "out" / "don-vi.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["nhap"], "thiếu tệp báo cáo"),
        (["nhap", "khong-co.docx"], "không thấy tệp"),
        (["nhap", "{report}", "--he-thong", "ubnd"], "--he-thong «ubnd» không có"),
        (["nhap", "{report}", "-o", "{report}"], "phải là một thư mục"),
    ],
)
def test_wrong_use_exits_2(tmp_path, capsys, args, words):
    report = hand_made(tmp_path / "bc.docx")
    code, _, err = run(capsys, *[a.format(report=report) for a in args])
    assert code == 2 and words in err
    assert sorted(p.name for p in Path(tmp_path).iterdir()) == ["bc.docx"]
