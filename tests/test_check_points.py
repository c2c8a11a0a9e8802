"""`baocao check`: the points of issue 11 that the broken-document tables do not prove by themselves.

What cannot be decided is said ("không xác định"), not guessed; several files in one run and the
exit code that wins; `--json` carries exactly what the printed lines say, in the same order; a footnote
nothing refers to; and the seams of `check/` and `ooxml/repair*`: no module reaches into another's
private names.
"""

from __future__ import annotations

import ast
import io
import json
import zipfile
from pathlib import Path

import pytest
from docx.oxml.ns import qn
from lxml import etree

from baocao_gen.check import Level, System, audit_bytes
from baocao_gen.cli import run as run_cli
from baocao_gen.codes import Code
from test_check import (
    PARTY_EXAMPLE,
    STATE_BREAKS,
    STATE_EXAMPLE,
    edited,
    paragraph_starting,
    rendered,
    set_text,
)

SRC = Path(__file__).resolve().parents[1] / "src" / "baocao_gen"


def _without_motto(document):
    set_text(paragraph_starting(document, "CỘNG HÒA"), "")


def _write(tmp_path: Path, data: bytes, name: str) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


# --- "không xác định", never guessed ---------------------------------------------------------------


def test_a_header_without_either_title_leaves_the_system_undecided():
    report = audit_bytes(edited(rendered(STATE_EXAMPLE), _without_motto), "a.docx")
    assert report.system is None and report.detection.startswith("không xác định")
    (finding,) = report.findings  # no rule of either system is applied by guess
    assert finding.code is Code.CHECK_UNDECIDED and finding.level is Level.UNDECIDED
    assert "--he-thong" in (finding.hint or "")
    assert report.errors == []


def test_the_undecided_system_is_printed_and_exits_0_until_the_system_is_given(tmp_path, capsys):
    path = _write(tmp_path, edited(rendered(STATE_EXAMPLE), _without_motto), "a.docx")
    assert run_cli(["check", str(path)]) == 0
    out, err = capsys.readouterr()
    assert f"{path}: hệ thống văn bản: không xác định" in err
    (line,) = out.splitlines()
    assert line.startswith(f"{path}:toàn văn bản: không xác định: ") and line.endswith("[K518]")
    assert run_cli(["check", str(path), "--he-thong", "nha_nuoc"]) == 1
    out, err = capsys.readouterr()
    assert "theo --he-thong" in err
    (line,) = out.splitlines()
    assert "không tìm thấy Quốc hiệu" in line and line.endswith("[K517]")


def test_both_titles_in_the_header_are_not_taken_for_either_system():
    data = rendered(STATE_EXAMPLE)

    def both(document):
        motto = paragraph_starting(document, "CỘNG HÒA")
        motto.runs[0].text = "ĐẢNG CỘNG SẢN VIỆT NAM"
        for run in motto.runs[1:]:
            run.text = ""
        extra = paragraph_starting(document, "Độc lập").insert_paragraph_before(
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
        )
        assert extra.text

    report = audit_bytes(edited(data, both), "a.docx")
    assert report.system is None and "có cả" in report.detection
    assert [f.code for f in report.findings] == [Code.CHECK_UNDECIDED]


def test_a_system_given_against_the_header_says_so(tmp_path, capsys):
    path = _write(tmp_path, rendered(STATE_EXAMPLE), "a.docx")
    assert run_cli(["check", str(path), "--he-thong", "dang"]) == 1
    out, err = capsys.readouterr()
    assert "văn bản của Đảng" in err and "đầu văn bản lại giống văn bản Nhà nước" in err
    assert any(line.endswith("[K508]") for line in out.splitlines())


# --- several files, exit codes, --json the same as the printed lines -------------------------------


def test_several_files_each_reported_and_the_worst_exit_code_wins(tmp_path, capsys):
    clean = _write(tmp_path, rendered(STATE_EXAMPLE), "dung.docx")
    broken = _write(tmp_path, edited(rendered(STATE_EXAMPLE), STATE_BREAKS["ngày 5 tháng 06"][0]), "sai.docx")
    damaged = _write(tmp_path, b"PK\x03\x04 hong", "hong.docx")
    assert run_cli(["check", str(clean)]) == 0
    capsys.readouterr()
    assert run_cli(["check", str(clean), str(broken)]) == 1
    out, err = capsys.readouterr()
    assert [line.split(":")[0] for line in out.splitlines()] == [str(broken)]
    assert f"{clean}: đúng thể thức." in err and f"{broken}: 1 lỗi thể thức." in err
    assert run_cli(["check", str(broken), str(damaged), str(clean)]) == 2
    out, err = capsys.readouterr()
    assert out.splitlines()[0].startswith(f"{broken}:đoạn 8: lỗi: ")  # the other files are still checked
    assert f"{damaged}: lỗi: không đọc được tệp: tệp .docx bị hỏng" in err and "[K500]" in err
    assert f"{clean}: đúng thể thức." in err and "Traceback" not in err


def _many(document):
    for name in ("lề trái 20 mm", "ngày 5 tháng 06", "điểm f)", "nơi nhận thiếu ;", "số trang ở trang 1"):
        STATE_BREAKS[name][0](document)


def test_json_carries_exactly_the_printed_findings_in_the_same_order(tmp_path, capsys):
    path = _write(tmp_path, edited(rendered(STATE_EXAMPLE), _many), "bc.docx")
    assert run_cli(["check", str(path)]) == 1
    printed = capsys.readouterr().out.splitlines()
    assert run_cli(["check", str(path), "--json"]) == 1
    (report,) = json.loads(capsys.readouterr().out)
    assert report["file"] == str(path) and report["system"] == "nha_nuoc" and report["unreadable"] is None
    rebuilt = []
    for f in report["findings"]:
        place = f"đoạn {f['paragraph']}" if f["paragraph"] is not None else f"phần {f['section']}"
        subject = (f"{f['where']}: " if f["where"] else "") + (f"«{f['text']}»: " if f["text"] else "")
        line = f"{path}:{place}: lỗi: {subject}{f['message']} (quy định: {f['rule']})"
        line += f" (gợi ý: {f['hint']})" if f["hint"] else ""
        rebuilt.append(f"{line} [{f['code']}]")
        assert f["level"] == "error"
    assert rebuilt == printed
    assert [f["code"] for f in report["findings"]] == ["K502", "K503", "K509", "K514", "K512"]


def test_findings_are_in_document_order_and_printed_in_the_contract_form(tmp_path, capsys):
    path = _write(tmp_path, edited(rendered(STATE_EXAMPLE), _many), "bc.docx")
    run_cli(["check", str(path)])
    lines = capsys.readouterr().out.splitlines()
    sections = [line for line in lines if ":phần " in line]
    paragraphs = [int(line.split(":đoạn ")[1].split(":")[0]) for line in lines if ":đoạn " in line]
    assert lines[: len(sections)] == sections  # page setup first (phần 1 starts the document)
    assert paragraphs == sorted(paragraphs) and len(paragraphs) == 3
    for line in lines:
        assert ": lỗi: " in line and "(quy định: NĐ 30 PL I phần I mục " in line and "(gợi ý: " in line


def test_unreadable_file_in_json_says_why(tmp_path, capsys):
    path = _write(tmp_path, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "mat-khau.docx")
    assert run_cli(["check", str(path), "--json"]) == 2
    (report,) = json.loads(capsys.readouterr().out)
    assert report["findings"] == [] and "mật khẩu" in report["unreadable"]


# --- footnotes ----------------------------------------------------------------------------------


def _parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _zip(parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return out.getvalue()


def test_a_footnote_nothing_refers_to():
    parts = _parts(rendered(STATE_EXAMPLE))
    root = etree.fromstring(parts["word/document.xml"])
    references = list(root.iter(qn("w:footnoteReference")))
    assert references
    last = references[-1]
    note_id = last.get(qn("w:id"))
    last.getparent().remove(last)
    parts["word/document.xml"] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    (finding,) = audit_bytes(_zip(parts), "a").findings
    assert finding.code is Code.CHECK_FOOTNOTE and "không có dấu chú thích nào trỏ tới" in finding.message
    assert int(note_id) >= 1


# --- the seams: no private names across modules ---------------------------------------------------


def _private_reaches(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            found += [
                f"import {a.name}"
                for a in node.names
                if a.name.startswith("_") and not a.name.startswith("__")
            ]
        elif isinstance(node, ast.Attribute) and node.attr.startswith("_") and not node.attr.startswith("__"):
            owner = node.value
            if isinstance(owner, ast.Name) and owner.id in ("self", "cls", "etree"):
                continue
            found.append(ast.unparse(node))
    return found


@pytest.mark.parametrize(
    "path",
    [
        *sorted((SRC / "check").glob("*.py")),
        *sorted((SRC / "ooxml").glob("repair*.py")),
        SRC / "ooxml" / "extents.py",
    ],
    ids=lambda p: f"{p.parent.name}/{p.name}",
)
def test_check_and_repair_use_only_public_names_of_other_modules(path):
    assert _private_reaches(path) == []


def test_the_party_system_is_detected_and_its_own_marks_pass():
    report = audit_bytes(rendered(PARTY_EXAMPLE), "a")
    assert report.system is System.PARTY and report.findings == []


def test_a_finding_on_an_appendix_section_comes_where_the_appendix_starts():
    """«phần 2» (the appendix's page setup) is printed after the findings of the report before it."""
    from docx.shared import Mm

    from test_check import EXAMPLES, all_paragraphs

    def break_both(document):
        date = next(p for p in all_paragraphs(document) if ", ngày" in p.text)
        set_text(date, date.text.split(", ngày")[0] + ", ngày 5 tháng 06 năm 2023")
        document.sections[1].left_margin = Mm(20)

    data = edited(rendered(EXAMPLES / "pho-hoa" / "tong-ket-nq25-2023.yaml"), break_both)
    report = audit_bytes(data, "a")
    assert [(f.code, f.paragraph, f.section) for f in report.findings] == [
        (Code.CHECK_DATE_LINE, report.findings[0].paragraph, None),
        (Code.CHECK_MARGIN, None, 2),
    ]
    assert report.section_starts[2] > (report.findings[0].paragraph or 0)
    assert [f["code"] for f in report.to_dict()["findings"]] == ["K509", "K502"]  # type: ignore[index]
