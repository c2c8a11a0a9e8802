"""The real client: documents converted to PDF by LibreOffice and read back as text, the way paper shows them.

Every document these tests need (the examples, the headers of units with long place names, tables)
is converted in one soffice call, because starting LibreOffice costs more than converting. CI
installs LibreOffice (.ci/run), so there these tests always run; on a developer machine without
`soffice` they are skipped and say so.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from baocao_gen.document import Run, Table
from baocao_gen.pipeline import Result, build
from conftest import EXAMPLE_FILES, PERIOD, STATE_PROFILE, write_tree
from layout_cases import HEADER_CASES, case_id, write_case

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
# Word boxes from `pdftotext -bbox` are 1.3 × the font size for Liberation Serif (ascent + descent).
BOX_PER_POINT = 1.3

if SOFFICE is None and os.environ.get("CI"):
    raise RuntimeError("CI must have LibreOffice (soffice) installed: see .ci/run")

pytestmark = pytest.mark.skipif(
    SOFFICE is None, reason="LibreOffice (soffice) is not installed on this machine"
)

# A table that fits a portrait page at 11 pt only if no column is wider than its longest word.
TABLE_PERIOD = (
    PERIOD
    + """\
phu_luc:
  - tieu_de: Số liệu đối thoại
    bang:
      - tieu_de: Đối thoại với doanh nghiệp và người dân
        tong_cong: có
        cot:
          - {ten: Đơn vị, kieu: chu}
          - ten: Đối thoại
            cot:
              - {ten: Doanh nghiệp}
              - {ten: Người dân}
              - {ten: Hộ kinh doanh}
          - ten: Kiến nghị
            cot:
              - {ten: Tiếp nhận}
              - {ten: Đã giải quyết}
              - {ten: Đang giải quyết}
              - {ten: Chuyển cấp trên}
          - {ten: Ghi chú, kieu: chu}
        dong:
          - [Phường Nghĩa Chánh Bắc, 12, 1.250, 37, 18, 15, 3, 1, "Tổ chức ở nhà văn hóa khu dân cư số 4, khuyến khích hộ kinh doanh tham gia"]
          - [Xã Phước Hưng Đông, 7, 980, 22, 11, 11, 0, 0, ""]
"""
)


@dataclass
class Paper:
    """A converted document: its build result and what each PDF page shows."""

    result: Result
    pages: list[str]  # `pdftotext -layout`, one string per page
    raw: str  # `pdftotext -raw`: text in drawing order, each cell's lines together
    boxes: list[tuple[int, float, str]]  # (page, height in pt, word) from `pdftotext -bbox`


def _pdftotext(pdf: Path, *options: str) -> str:
    return subprocess.run(
        ["pdftotext", *options, str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout


def _boxes(pdf: Path) -> list[tuple[int, float, str]]:
    out = []
    for number, page in enumerate(_pdftotext(pdf, "-bbox").split("<page ")[1:], start=1):
        for y_min, y_max, word in re.findall(
            r'<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)</word>', page
        ):
            out.append((number, float(y_max) - float(y_min), word))
    return out


@pytest.fixture(scope="module")
def papers(tmp_path_factory) -> dict[str, Paper]:
    """Build every document the tests read, convert them all in one soffice call, read the PDFs."""
    root = tmp_path_factory.mktemp("paper")
    sources: dict[str, Path] = {f"vi-du/{p.parent.name}/{p.stem}": p for p in EXAMPLE_FILES}
    for case in HEADER_CASES:
        sources[f"dau/{case_id(case)}"] = write_case(root / "data" / case_id(case), *case)
    write_tree(root / "data" / "bang", {"don-vi.yaml": STATE_PROFILE, "bao-cao.yaml": TABLE_PERIOD})
    sources["bang"] = root / "data" / "bang" / "bao-cao.yaml"
    results, docs = {}, []
    for index, (name, source) in enumerate(sources.items()):
        result = build(source)
        assert result.data is not None, (name, [d.format() for d in result.diagnostics])
        results[name] = result
        docs.append(root / f"{index:03d}.docx")
        docs[-1].write_bytes(result.data)
    proc = subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation=file://{root / 'profile'}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(root),
            *map(str, docs),
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stderr
    out = {}
    for doc, (name, result) in zip(docs, results.items(), strict=True):
        pdf = doc.with_suffix(".pdf")
        assert pdf.exists(), (name, proc.stderr)
        pages = _pdftotext(pdf, "-layout").split("\f")[:-1]
        out[name] = Paper(
            result, pages, _pdftotext(pdf, "-raw"), _boxes(pdf) if name == "bang" or "pho-hoa" in name else []
        )
    return out


def _flat(text: str) -> str:
    return " ".join(text.split())


def _joined(text: str) -> str:
    """Return `text` flattened, lines broken after a hyphen or slash joined back (`140-` / `CV/ĐU`):
    LibreOffice may break there as between words; a break anywhere else inside a word stays visible."""
    return re.sub(r"(?<=[-/]) ", "", _flat(text))


# -- every example -------------------------------------------------------------------------------
@pytest.mark.parametrize("example", EXAMPLE_FILES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_example_converts_to_pdf(example, papers):
    paper = papers[f"vi-du/{example.parent.name}/{example.stem}"]
    text = "\f".join(paper.pages)
    assert "BÁO CÁO" in text
    assert "Nơi nhận:" in text
    assert paper.result.report.nguoi_ky.ho_ten in text
    assert len(paper.pages) >= 1


@pytest.mark.parametrize("example", EXAMPLE_FILES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_signature_page_carries_the_closing_words(example, papers):
    """Ba Tô (twice) and Bình Sơn had Nơi nhận and the signature alone on their last page."""
    paper = papers[f"vi-du/{example.parent.name}/{example.stem}"]
    [page] = [page for page in paper.pages if "Nơi nhận:" in page]
    above = page.split("Nơi nhận:")[0]
    body_lines = [
        line for line in above.splitlines() if line.strip() and not line.strip().isdigit()
    ]  # not the page number
    assert body_lines, f"Nơi nhận and the signature are alone on their page:\n{page[:400]}"
    closing = paper.result.plan.slots["ket_thuc"] or paper.result.plan.slots["noi_dung"]
    last_words = _flat("".join(i.text for i in closing[-1].inlines if isinstance(i, Run)))[-30:]
    assert last_words in _flat(above)


# -- header: the date line on one line -------------------------------------------------------------
@pytest.mark.parametrize("case", HEADER_CASES, ids=case_id)
def test_header_date_line_is_one_line(case, papers):
    paper = papers[f"dau/{case_id(case)}"]
    date_line = _flat(paper.result.plan.values["dia_danh_ngay"])
    first_page = paper.pages[0]
    assert any(date_line in _flat(line) for line in first_page.splitlines()), first_page[:800]
    fixed = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" if case[1] == "nha_nuoc" else "ĐẢNG CỘNG SẢN VIỆT NAM"
    assert any(fixed in _flat(line) for line in first_page.splitlines())


# -- tables: at least 10 pt, no word broken inside ---------------------------------------------------
def _cell_texts(result: Result) -> list[str]:
    texts = []
    for blocks in result.plan.slots.values():
        for table in (block for block in blocks if isinstance(block, Table)):
            for row in table.rows:
                texts.extend(
                    _flat("".join(i.text for i in cell.inlines if isinstance(i, Run))) for cell in row
                )
    return [text for text in texts if text]


@pytest.mark.parametrize("name", ["bang", "vi-du/pho-hoa/tong-ket-nq25-2023"])
def test_table_text_is_at_least_10_pt_and_no_word_is_broken(name, papers):
    """Phổ Hòa's Phụ lục II was set at 7 pt, IV at 8 pt, and printed `Doanh nghiệ|p`."""
    paper = papers[name]
    raw = _joined(paper.raw)
    cells = _cell_texts(paper.result)
    assert cells
    broken = [text for text in cells if _joined(text) not in raw]
    assert not broken, f"cells whose text is broken across lines inside a word: {broken[:10]}"
    first = next(
        i
        for i, page in enumerate(paper.pages, start=1)
        if re.search(r"^\s*Phụ lục( [IVXL]+)?\s*$", page, re.MULTILINE)
    )
    heights = [height for page, height, word in paper.boxes if page >= first and word.strip()]
    assert heights and min(heights) / BOX_PER_POINT >= 9.95
