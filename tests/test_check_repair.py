"""`baocao check --sua`: the mechanical findings are repaired, the others are left and explained.

Each broken document of test_check.py goes through the repair: when its rule is mechanical the output
passes `check`, only the parts the repair had to touch differ, and the text of every paragraph is the
same but for the allowed edits (date zeros, the last mark of a Nơi nhận line); when it is not, nothing
changes and the finding comes back with its reason. Clean documents (every example, the report typed
by hand) come out byte-equal. The output opens in LibreOffice, which shows the page numbers added.
"""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
import zipfile

import docx
import pytest
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

from baocao_gen.check import audit_bytes
from baocao_gen.check.repair import NOT_MECHANICAL, repair_bytes
from baocao_gen.cli import run as run_cli
from baocao_gen.codes import Code
from baocao_gen.ooxml.reader import read_docx
from baocao_gen.ooxml.repair import paragraph_texts
from conftest import EXAMPLE_FILES
from test_check import (
    BODY_LINE,
    PARTY_BREAKS,
    PARTY_EXAMPLE,
    STATE_BREAKS,
    STATE_EXAMPLE,
    _saved,
    edited,
    hand_made_report,
    paragraph_starting,
    rendered,
)

MECHANICAL = {
    "lề trái 20 mm": {"word/document.xml"},
    "Quốc hiệu không đậm": {"word/document.xml"},
    "ngày 5 tháng 06": {"word/document.xml"},
    "nơi nhận thiếu ;": {"word/document.xml"},
    "dòng Lưu thiếu dấu chấm": {"word/document.xml"},
    "số trang ở trang 1": {"word/document.xml"},
    "thân văn bản cỡ 12": {"word/document.xml"},
    "thân văn bản phông Arial": {"word/document.xml"},
    "khổ Letter": {"word/document.xml"},
    "tên loại không đậm": {"word/document.xml"},
    "Nơi nhận không gạch chân": {"word/document.xml"},
    "tiêu đề Đảng cỡ 13": {"word/document.xml"},
    "lề phải 25 mm": {"word/document.xml"},
    "tháng 2 thiếu số 0": {"word/document.xml"},
    "ngày tháng chữ đứng": {"word/document.xml"},
    "tên cơ quan không đậm": {"word/document.xml"},
    "trích yếu không đậm": {"word/document.xml"},
    "Nơi nhận chữ đứng": {"word/document.xml"},
    "Quốc hiệu phông Arial": {"word/document.xml"},
    "Quốc hiệu cỡ 14": {"word/document.xml"},
    "ngày 5 trong văn bản Đảng": {"word/document.xml"},
    "nơi nhận Đảng thiếu dấu": {"word/document.xml"},
    "tên loại Đảng không đậm": {"word/document.xml"},
    "họ tên người ký không đậm": {"word/document.xml"},
    "số, ký hiệu in nghiêng": {"word/document.xml"},
}
BREAKS = {
    **{name: (STATE_EXAMPLE, *value) for name, value in STATE_BREAKS.items()},
    **{name: (PARTY_EXAMPLE, *value) for name, value in PARTY_BREAKS.items()},
}
_DATE_ZEROS = re.compile(r"(ngày|tháng)\s+0?(\d)\b")


def parts_of(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def allowed(before: str, after: str) -> bool:
    """The only text edits --sua may make: zeros in `ngày N tháng N`, the last mark of a line."""
    if before == after:
        return True
    if _DATE_ZEROS.sub(r"\1 \2", before) == _DATE_ZEROS.sub(r"\1 \2", after):
        return True
    return before.rstrip(";,.") == after.rstrip(";,.") and after[-1:] in ";,."


def assert_text_kept(before: bytes, after: bytes) -> None:
    old, new = paragraph_texts(before), paragraph_texts(after)
    assert len(old) == len(new)
    wrong = [(i + 1, a, b) for i, (a, b) in enumerate(zip(old, new, strict=True)) if not allowed(a, b)]
    assert wrong == []


@pytest.mark.parametrize("name", MECHANICAL)
def test_a_mechanical_finding_is_repaired_and_check_then_passes(name):
    example, change, code = BREAKS[name]
    broken = edited(rendered(example), change)
    result = repair_bytes(broken, "sua.docx")
    assert result.data is not None and result.changes
    assert [f.code for f in audit_bytes(broken, "a").findings] == [code]
    assert [f.format("sua.docx") for f in audit_bytes(result.data, "sua.docx").findings] == []
    assert result.remaining is not None and result.remaining.findings == []
    assert_text_kept(broken, result.data)
    old, new = parts_of(broken), parts_of(result.data)
    assert list(old) == list(new)  # same parts, same order
    assert {name for name in old if old[name] != new[name]} == MECHANICAL[name]
    assert repair_bytes(broken, "sua.docx").data == result.data  # deterministic


@pytest.mark.parametrize("name", [n for n in BREAKS if n not in MECHANICAL])
def test_a_finding_that_is_not_mechanical_is_left_and_explained(name):
    example, change, code = BREAKS[name]
    broken = edited(rendered(example), change)
    result = repair_bytes(broken, "sua.docx")
    assert result.changes == [] and result.data == broken
    assert result.remaining is not None
    assert [f.code for f in result.remaining.findings] == [code]
    assert code in NOT_MECHANICAL


def test_the_date_zeros_and_recipient_marks_are_the_only_text_edits():
    data = rendered(STATE_EXAMPLE)
    for name in ("ngày 5 tháng 06", "nơi nhận thiếu ;", "dòng Lưu thiếu dấu chấm"):
        data = edited(data, BREAKS[name][1])
    result = repair_bytes(data, "sua.docx")
    assert result.data is not None
    old, new = paragraph_texts(data), paragraph_texts(result.data)
    changed = {(a, b) for a, b in zip(old, new, strict=True) if a != b}
    assert changed == {
        ("Ba Tô, ngày 5 tháng 06 năm 2023", "Ba Tô, ngày 05 tháng 6 năm 2023"),
        ("- Phòng Nội vụ huyện", "- Phòng Nội vụ huyện;"),
        ("- Lưu: VT", "- Lưu: VT."),
    }
    lines = [c.format("bc.docx") for c in result.changes]
    assert lines[0].startswith("bc.docx:đoạn 8: đã sửa: «Ba Tô, ngày 5 tháng 06 năm 2023»: ")
    assert "ngày 5 → 05, tháng 06 → 6" in lines[0] and "(quy định: NĐ 30 PL I phần I mục II.4" in lines[0]
    before, after = read_docx(data).paragraphs[7], read_docx(result.data).paragraphs[7]
    assert {r.format for r in after.runs} == {r.format for r in before.runs}  # the runs keep their look
    assert all(r.format.italic for r in after.runs if r.text.strip())


@pytest.mark.parametrize("example", EXAMPLE_FILES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_every_example_passes_through_unchanged(example):
    data = rendered(example)
    result = repair_bytes(data, "sua.docx")
    assert result.changes == [] and result.data == data


def test_the_report_typed_by_hand_passes_through_unchanged():
    data = hand_made_report()
    result = repair_bytes(data, "tay.docx")
    assert result.changes == [] and result.data == data


def test_edits_count_paragraphs_as_the_reader_does():
    for data in (rendered(STATE_EXAMPLE), rendered(PARTY_EXAMPLE), hand_made_report()):
        assert paragraph_texts(data) == [p.run_text for p in read_docx(data).paragraphs]


# --- documents typed in Word: one run across a tab, no page numbers -----------------------------


def _number_and_date_in_one_run(document):
    """`Số: 07/BC-UBND<tab>Nghĩa Hành, ngày 9 tháng 2 năm 2026` typed as one upright run."""
    paragraph = paragraph_starting(document, "Số: 07")
    runs = paragraph.runs
    runs[0].text = "Số: 07/BC-UBND\tNghĩa Hành, ngày 9 tháng 2 năm 2026"
    runs[0].italic = False
    for run in runs[1:]:
        if run.text:  # the drawn rules under the header stay
            run._r.getparent().remove(run._r)


def test_a_run_spanning_two_header_columns_is_split_where_the_repair_starts():
    broken = edited(hand_made_report(), _number_and_date_in_one_run)
    assert {f.code for f in audit_bytes(broken, "a").findings} == {Code.CHECK_EMPHASIS, Code.CHECK_DATE_LINE}
    result = repair_bytes(broken, "tay.docx")
    assert result.data is not None
    assert audit_bytes(result.data, "a").findings == []
    paragraph = paragraph_starting(docx.Document(io.BytesIO(result.data)), "Số: 07")
    assert paragraph.text == "Số: 07/BC-UBND\tNghĩa Hành, ngày 09 tháng 02 năm 2026"
    shown = [(run.text, bool(run.italic)) for run in paragraph.runs]
    assert ("Số: 07/BC-UBND\t", False) in shown  # the number stays upright
    assert all(italic for text, italic in shown if "ngày" in text or "năm" in text)


def test_a_zero_takes_the_look_of_the_digit_and_a_mark_that_of_the_line_it_ends():
    def split_date(document):
        paragraph = paragraph_starting(document, "Số: 07")
        date = next(run for run in paragraph.runs if "ngày" in run.text)
        date.text = "Nghĩa Hành, ngày "
        for text in ("9", " tháng 02 năm 2026"):
            run = paragraph.add_run(text)
            run.font.size, run.italic, run.bold = Pt(13), True, text == "9"
        recipient = paragraph_starting(document, "- UBND tỉnh;")
        recipient.runs[0].text = "- UBND tỉnh"

    broken = edited(hand_made_report(), split_date)
    result = repair_bytes(broken, "tay.docx")
    assert result.data is not None and audit_bytes(result.data, "a").findings == []
    document = docx.Document(io.BytesIO(result.data))
    runs = paragraph_starting(document, "Số: 07").runs
    assert [r.text for r in runs if r.bold and r.text.strip()][-1] == "09"
    assert paragraph_starting(document, "- UBND tỉnh").runs[0].text == "- UBND tỉnh;"


def long_report_without_page_numbers() -> bytes:
    """The hand-made report, three pages long, its header (with the page number) removed."""
    document = docx.Document(io.BytesIO(hand_made_report()))
    last = paragraph_starting(document, "Ủy ban nhân dân xã kính báo cáo")
    for _ in range(40):
        paragraph = document.add_paragraph(BODY_LINE)
        last._p.addprevious(paragraph._p)
    sect = document.sections[0]._sectPr
    for reference in sect.findall(qn("w:headerReference")):
        sect.remove(reference)
    sect.remove(sect.find(qn("w:titlePg")))
    return _saved(document)


def test_page_numbers_are_added_in_a_centred_header_hidden_on_page_1():
    broken = long_report_without_page_numbers()
    assert [f.code for f in audit_bytes(broken, "a").findings] == [Code.CHECK_PAGE_NUMBER]
    result = repair_bytes(broken, "tay.docx")
    assert result.data is not None and len(result.changes) == 1
    assert audit_bytes(result.data, "a").findings == []
    document = docx.Document(io.BytesIO(result.data))
    section = document.sections[0]
    assert section.different_first_page_header_footer
    (paragraph,) = section.header.paragraphs
    assert paragraph.alignment == 1  # centred
    assert " PAGE " in [f.get(qn("w:instr")) for f in paragraph._p.iter(qn("w:fldSimple"))]
    old, new = parts_of(broken), parts_of(result.data)
    untouched = set(old) - {"word/document.xml", "word/_rels/document.xml.rels", "[Content_Types].xml"}
    assert all(new[name] == old[name] for name in untouched)
    assert_text_kept(broken, result.data)


def _page_number_right_and_on_page_1(document):
    section = document.sections[0]
    section.different_first_page_header_footer = False
    for paragraph in section.header.paragraphs:
        paragraph.alignment = 2


def test_a_page_number_on_the_right_and_on_page_1_is_centred_and_hidden():
    broken = edited(hand_made_report(), _page_number_right_and_on_page_1)
    assert [f.code for f in audit_bytes(broken, "a").findings] == [Code.CHECK_PAGE_NUMBER] * 2
    result = repair_bytes(broken, "tay.docx")
    assert result.data is not None
    assert audit_bytes(result.data, "a").findings == []
    changed = {n for n, b in parts_of(result.data).items() if parts_of(broken)[n] != b}
    assert changed == {"word/document.xml", "word/header1.xml"}


def test_a_page_field_in_the_first_page_header_is_removed():
    document = docx.Document(io.BytesIO(hand_made_report()))
    first = document.sections[0].first_page_header.paragraphs[0]
    for kind, instruction in (
        ("begin", None),
        (None, " PAGE "),
        ("separate", None),
        (None, None),
        ("end", None),
    ):
        run = OxmlElement("w:r")
        if kind:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run.append(char)
        elif instruction:
            text = OxmlElement("w:instrText")
            text.text = instruction
            run.append(text)
        else:
            shown = OxmlElement("w:t")
            shown.text = "1"
            run.append(shown)
        first._p.append(run)
    first.add_run("Bản dự thảo").font.size = Pt(12)
    broken = _saved(document)
    assert [f.code for f in audit_bytes(broken, "a").findings] == [Code.CHECK_PAGE_NUMBER]
    result = repair_bytes(broken, "tay.docx")
    assert result.data is not None and audit_bytes(result.data, "a").findings == []
    header = docx.Document(io.BytesIO(result.data)).sections[0].first_page_header
    assert header.paragraphs[0].text == "Bản dự thảo"  # only the field went


SOFFICE = (shutil.which("soffice") or shutil.which("libreoffice")) if shutil.which("pdftotext") else None


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed on this machine")
def test_the_repaired_file_opens_in_libreoffice_with_its_page_numbers(tmp_path):
    result = repair_bytes(long_report_without_page_numbers(), "tay.docx")
    assert result.data is not None
    (tmp_path / "sua.docx").write_bytes(result.data)
    subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation=file://{tmp_path}/lo",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(tmp_path / "sua.docx"),
        ],
        check=True,
        capture_output=True,
        timeout=240,
    )
    pages = subprocess.run(
        ["pdftotext", "-layout", str(tmp_path / "sua.pdf"), "-"], check=True, capture_output=True, text=True
    ).stdout.split("\f")
    pages = [page for page in pages if page.strip()]
    assert len(pages) >= 2
    assert pages[0].strip().startswith("UBND TỈNH QUẢNG NGÃI")  # no number above the header on page 1
    for number, page in enumerate(pages[1:], start=2):
        assert page.strip().splitlines()[0].strip() == str(number)


# --- the command ----------------------------------------------------------------------------------


def _write(tmp_path, data: bytes, name: str = "bc.docx"):
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_cli_repairs_into_the_output_and_lists_each_change(tmp_path, capsys):
    source = _write(tmp_path, edited(rendered(STATE_EXAMPLE), BREAKS["lề trái 20 mm"][1]))
    original = source.read_bytes()
    target = tmp_path / "bc-sua.docx"
    assert run_cli(["check", "--sua", str(source), "-o", str(target)]) == 0
    out, err = capsys.readouterr()
    assert out.splitlines() == [
        f"{source}:phần 1: đã sửa: lề trái 20 → 30 mm (quy định: NĐ 30 PL I phần I mục I.3; FORMAT.md §1.1)"
    ]
    assert "không còn lỗi thể thức" in err
    assert source.read_bytes() == original
    assert run_cli(["check", str(target)]) == 0


def test_cli_says_what_remains_and_why_and_exits_1(tmp_path, capsys):
    broken = edited(edited(rendered(STATE_EXAMPLE), BREAKS["III. lặp lại"][1]), BREAKS["ngày 5 tháng 06"][1])
    source = _write(tmp_path, broken)
    assert run_cli(["check", "--sua", str(source)]) == 1
    out = capsys.readouterr().out.splitlines()
    target = tmp_path / "bc.da-sua.docx"
    assert target.is_file() and source.read_bytes() == broken
    assert out[0].startswith(f"{source}:đoạn 8: đã sửa: ")
    assert out[1].startswith(f"{target}:đoạn ") and "«III.» lặp lại" in out[1]
    assert "(không tự sửa: đánh lại số mục" in out[1]
    assert run_cli(["check", "--sua", str(source)]) == 1  # a second run never reuses a name
    assert (tmp_path / "bc.da-sua-2.docx").is_file()


def test_cli_json_gives_changes_and_remaining_as_data(tmp_path, capsys):
    broken = edited(
        edited(rendered(PARTY_EXAMPLE), BREAKS["Số: trong văn bản Đảng"][1]), BREAKS["lề phải 25 mm"][1]
    )
    source = _write(tmp_path, broken)
    assert run_cli(["check", "--sua", str(source), "-o", str(tmp_path / "ra.docx"), "--json"]) == 1
    (report,) = json.loads(capsys.readouterr().out)
    assert report["system"] == "dang" and report["output"] == str(tmp_path / "ra.docx")
    assert [c["section"] for c in report["changes"]] == [1]
    assert [f["code"] for f in report["remaining"]] == ["K508"]
    assert "sổ đăng ký" in report["remaining"][0]["not_repaired"]


@pytest.mark.parametrize("how", ["same path", "another spelling", "existing file", "link to it"])
def test_cli_refuses_to_overwrite_and_writes_nothing(tmp_path, capsys, how):
    source = _write(tmp_path, edited(rendered(STATE_EXAMPLE), BREAKS["lề trái 20 mm"][1]))
    original = source.read_bytes()
    other = _write(tmp_path, b"khong dong vao", "khac.docx")
    target = {
        "same path": source,
        "another spelling": tmp_path / "." / "bc.docx",
        "existing file": other,
        "link to it": tmp_path / "lien-ket.docx",
    }[how]
    if how == "link to it":
        target.symlink_to(source)
    before = sorted(p.name for p in tmp_path.iterdir())
    assert run_cli(["check", "--sua", str(source), "-o", str(target)]) == 2
    err = capsys.readouterr().err
    assert "lỗi cách dùng" in err and "ghi đè" in err and "Traceback" not in err
    assert source.read_bytes() == original and other.read_bytes() == b"khong dong vao"
    assert sorted(p.name for p in tmp_path.iterdir()) == before


def test_cli_output_without_sua_is_a_usage_error(tmp_path, capsys):
    source = _write(tmp_path, rendered(STATE_EXAMPLE))
    assert run_cli(["check", str(source), "-o", str(tmp_path / "ra.docx")]) == 2
    assert "--sua" in capsys.readouterr().err and not (tmp_path / "ra.docx").exists()


def test_cli_unreadable_file_exits_2_and_writes_nothing(tmp_path, capsys):
    source = _write(tmp_path, b"Day khong phai docx")
    assert run_cli(["check", "--sua", str(source), "-o", str(tmp_path / "ra.docx")]) == 2
    err = capsys.readouterr().err
    assert "không phải tệp .docx" in err and "Traceback" not in err
    assert not (tmp_path / "ra.docx").exists()


@pytest.mark.parametrize("name", ["nơi nhận thiếu ;", "dòng Lưu thiếu dấu chấm", "nơi nhận Đảng thiếu dấu"])
def test_the_recipient_hint_is_the_line_the_repair_writes(name):
    """A Party list ending its lines with «,» gets «,» in both the hint and the repair, never «;»."""
    example, change, _ = BREAKS[name]
    broken = edited(rendered(example), change)
    (finding,) = audit_bytes(broken, "a").findings
    result = repair_bytes(broken, "sua.docx")
    assert result.data is not None and finding.paragraph is not None
    assert paragraph_texts(result.data)[finding.paragraph - 1] == finding.hint
    if example == PARTY_EXAMPLE:
        assert finding.hint == "- Ban Dân vận Tỉnh ủy,"


def test_an_appendix_not_numbered_on_its_own_is_restarted_from_1():
    from test_check import EXAMPLES

    def drop_restart(document):
        sect = document.sections[1]._sectPr
        for number in sect.findall(qn("w:pgNumType")):
            sect.remove(number)

    broken = edited(rendered(EXAMPLES / "pho-hoa" / "tong-ket-nq25-2023.yaml"), drop_restart)
    assert [(f.code, f.section) for f in audit_bytes(broken, "a").findings] == [(Code.CHECK_PAGE_NUMBER, 2)]
    result = repair_bytes(broken, "sua.docx")
    assert result.data is not None and [c.section for c in result.changes] == [2]
    assert audit_bytes(result.data, "a").findings == []
    assert read_docx(result.data).sections[1].page_number_start == 1
    assert_text_kept(broken, result.data)
