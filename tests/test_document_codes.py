"""Numbers and symbols of documents (43-KL/TW, 17/KH-UBND, 145/2020/NĐ-CP) are never cut at their hyphen.

A line that ends in "Kết luận số 43-" and goes on with "KL/TW" reads as two things; the hyphens of a
code are written as Word's non-breaking hyphen (`w:noBreakHyphen`) wherever text reaches the package:
prose, titles, căn cứ, tables, footnotes, registry citations and the frame's own values.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from lxml import etree

from baocao_gen.document import Run
from baocao_gen.ooxml.body import inlines_to_xml
from baocao_gen.ooxml.package import read_parts
from baocao_gen.ooxml.text import document_text
from baocao_gen.pipeline import build
from baocao_gen.vietnamese import code_hyphens
from conftest import EXAMPLES, PERIOD, built
from docx_helpers import W

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
if SOFFICE is None and os.environ.get("CI"):
    raise RuntimeError("CI must have LibreOffice (soffice) installed: see .ci/run")
EXAMPLE_FILES = sorted(p for p in EXAMPLES.glob("*/*.yaml") if p.name != "don-vi.yaml")
NB_HYPHEN = "\u2011"  # how these tests spell a w:noBreakHyphen when they read a paragraph


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("Kết luận số 43-KL/TW ngày 07/01/2019", ["43-KL/TW"]),
        ("Kế hoạch số 17/KH-UBND;", ["17/KH-UBND"]),
        ("(Nghị định 145/2020/NĐ-CP)", ["145/2020/NĐ-CP"]),
        ("Thông báo số 160-TB/TW, Nghị quyết 25-NQ/TW", ["160-TB/TW", "25-NQ/TW"]),
        ("Số: 05/BC-UBND", ["05/BC-UBND"]),
        ("Số 374-BC/HU", ["374-BC/HU"]),
        ("Số      -BC/ĐU", ["-BC/ĐU"]),  # the number left blank for the văn thư
        ("Chỉ thị 16/CT-TTg và Quy định 218-QĐi/TW", ["16/CT-TTg", "218-QĐi/TW"]),
        ("Pháp lệnh 34/2007/PL-UBTVQH11, Kế hoạch 04-KH/KDV-UBND", ["34/2007/PL-UBTVQH11", "04-KH/KDV-UBND"]),
        ("phát triển kinh tế - xã hội", []),
        ("giai đoạn 2013-2018, dịch Covid-19", []),
        ("số 5-Chỉ thị", []),
    ],
)
def test_only_the_hyphens_of_document_codes_are_kept_together(text, codes):
    expected = [text.index(code) + i for code in codes for i, char in enumerate(code) if char == "-"]
    assert code_hyphens(text) == expected


def test_a_run_writes_code_hyphens_as_non_breaking_hyphens():
    xml = inlines_to_xml([Run("Kết luận số 43-KL/TW và kinh tế - xã hội ")])
    assert xml.count("<w:noBreakHyphen/>") == 1
    assert (
        '<w:t>Kết luận số 43</w:t><w:noBreakHyphen/><w:t xml:space="preserve">KL/TW và kinh tế - xã hội </w:t>'
        in xml
    )


def _paragraph_texts(xml: bytes) -> list[str]:
    """Return each paragraph's text with a non-breaking hyphen spelled NB_HYPHEN, a plain one "-"."""
    root = etree.fromstring(xml)
    out = []
    for p in root.iter(f"{W}p"):
        nodes = p.iter(f"{W}t", f"{W}noBreakHyphen")
        out.append("".join(NB_HYPHEN if n.tag == f"{W}noBreakHyphen" else n.text or "" for n in nodes))
    return out


def _cut_codes(paragraphs: list[str]) -> list[str]:
    """Return the document codes whose hyphens are not all non-breaking."""
    cut = []
    for text in paragraphs:
        reading = text.replace(NB_HYPHEN, "-")
        cut += [reading[max(0, i - 12) : i + 12] for i in code_hyphens(reading) if text[i] != NB_HYPHEN]
    return cut


def test_the_frame_number_line_and_trich_yeu_keep_their_codes_together(make_report):
    period = PERIOD.replace("trich_yeu: Kết quả", "trich_yeu: Thực hiện Kế hoạch số 17/KH-UBND, kết quả")
    data = built(make_report(period)).data
    paragraphs = _paragraph_texts(read_parts(data)["word/document.xml"])
    assert f"Số: 05/BC{NB_HYPHEN}UBND" in paragraphs
    assert any(f"Kế hoạch số 17/KH{NB_HYPHEN}UBND" in p for p in paragraphs)
    assert _cut_codes(paragraphs) == []
    assert "Số: 05/BC-UBND" in document_text(data)  # the reading text (goldens) keeps a plain "-"


@pytest.fixture(scope="module")
def example_packages() -> dict[str, bytes]:
    packages = {}
    for example in EXAMPLE_FILES:
        result = build(example)
        assert result.data is not None, [d.format() for d in result.diagnostics]
        packages[f"{example.parent.name}__{example.stem}"] = result.data
    return packages


@pytest.mark.parametrize("example", EXAMPLE_FILES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_every_code_of_every_example_is_written_with_non_breaking_hyphens(example_packages, example):
    parts = read_parts(example_packages[f"{example.parent.name}__{example.stem}"])
    paragraphs = _paragraph_texts(parts["word/document.xml"]) + _paragraph_texts(
        parts.get("word/footnotes.xml", b"<x/>")
    )
    assert _cut_codes(paragraphs) == []
    assert sum(p.count(NB_HYPHEN) for p in paragraphs) >= 3


def test_the_codes_the_issue_saw_cut_are_written_whole(example_packages):
    texts = {
        name: "\n".join(_paragraph_texts(read_parts(data)["word/document.xml"]))
        for name, data in example_packages.items()
    }
    for name, code in [
        ("pho-hoa__tong-ket-nq25-2023", "43-KL/TW"),
        ("pho-hoa__tong-ket-nq25-2023", "160-TB/TW"),
        ("ba-to__dan-van-chinh-quyen-6-thang-2023", "145/2020/NĐ-CP"),
        ("ba-to__dan-van-chinh-quyen-6-thang-2023", "47/KH-UBND"),
    ]:
        assert code.replace("-", NB_HYPHEN) in texts[name], (name, code)


# A line that ends in the number or a letter group of a code and its hyphen, the next line going on
# with the code's capitals: "Kết luận số 43-" / "KL/TW ngày…", "Nghị định 145/2020/NĐ-" / "CP)".
_CUT = re.compile(rf"(?:\d+|/[A-ZĐ]+)[-{NB_HYPHEN}]\s*\n\s*[A-ZĐ][A-ZĐa-z]*(?:[/-]|\b)")


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed on this machine")
def test_libreoffice_never_ends_a_line_inside_a_document_code(example_packages, tmp_path_factory):
    folder: Path = tmp_path_factory.mktemp("codes")
    sources = []
    for name, data in example_packages.items():
        source = folder / f"{name}.docx"
        source.write_bytes(data)
        sources.append(str(source))
    profile = folder / "profile"
    proc = subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            *sources,
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stderr
    cuts = {}
    for name in example_packages:
        pdf = folder / f"{name}.pdf"
        assert pdf.exists(), proc.stderr
        text = subprocess.run(
            ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout
        assert "BÁO CÁO" in text
        lines = [line.rstrip() for line in text.splitlines()]
        found = [
            f"{a[-25:]} | {b.strip()[:15]}"
            for a, b in zip(lines, lines[1:], strict=False)
            if _CUT.search(a + "\n" + b.lstrip())
        ]
        if found:
            cuts[name] = found
    assert cuts == {}
