"""`baocao nhap` on the five real reports, typed into Word the way clerks type them (`seeds/word.py`).

Each seed is imported as `baocao nhap` does (importer + writer into a new folder), the written files are
validated and rendered, and what a reader sees in the rendered report is compared with the seed: every
body paragraph in order, the typed heading numbers where the seed numbers correctly, the appendix tables
cell by cell, the footnotes, the signer and the Nơi nhận lines. The seeds' own mistakes (a wrong date, a
typed `f)`, totals that do not add up) stay as typed and come back as the warnings listed here.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from baocao_gen.codes import Code
from baocao_gen.diagnostics import Diagnostic
from baocao_gen.nhap.importer import ImportResult, import_bytes, write_import
from baocao_gen.nhap.outline import number_of
from baocao_gen.ooxml.reader import DocxDocument, Table, read_docx
from baocao_gen.pipeline import build
from seed_text import normalise
from seeds.word import LAYOUTS, Layout, SeedDocument, header_rows, read_seed, text_of, typed_in_word

SEED_DIR = Path(__file__).parent / "seeds"
SEEDS = {path.name[:3]: path for path in sorted(SEED_DIR.glob("0*.txt"))}


@dataclass
class Imported:
    seed: SeedDocument
    result: ImportResult
    profile: Path
    period: Path
    diagnostics: list[Diagnostic]
    rendered: DocxDocument


@functools.cache
def _imported(key: str, folder: Path) -> Imported:
    path = SEEDS[key]
    result, refusals = import_bytes(typed_in_word(path, LAYOUTS[key]), f"{key}.docx")
    assert result is not None, [d.format() for d in refusals]
    written, problems = write_import(result, folder)
    assert not problems, [d.format() for d in problems]
    profile, period = written
    built = build(period)
    assert built.data is not None, [d.format() for d in built.diagnostics]
    return Imported(read_seed(path), result, profile, period, built.diagnostics, read_docx(built.data))


@pytest.fixture(params=sorted(SEEDS))
def seed(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Imported]:
    key = request.param
    return key, _imported(key, tmp_path_factory.getbasetemp() / f"seed-{key}")


def _lines(para_text: str) -> str:
    return normalise(para_text.replace("\n", " "))


def _rendered_paragraphs(doc: DocxDocument) -> list[str]:
    return [line for p in doc.paragraphs if (line := _lines(p.text))]


def _each_line(texts: list[str]) -> list[str]:
    """Lines as a reader sees them: a title typed on two paragraphs may print as one with a line break."""
    return [line for text in texts for part in text.split("\n") if (line := _lines(part))]


def _missing_in_order(expected: list[str], found: list[str]) -> list[str]:
    """Return the expected lines not found, in order, in `found` (each match moves past the last one)."""
    missing, at = [], 0
    for line in expected:
        try:
            at = found.index(line, at) + 1
        except ValueError:
            missing.append(line)
    return missing


# --- files written, validated --------------------------------------------------------------------------

# The seeds' own mistakes, as the warnings they raise once imported: (code, value) pairs that must be there.
SEED_WARNINGS: dict[str, set[tuple[Code, str]]] = {
    "000": {
        (Code.OTHER_RULE, "25-NQ/TW ngày 23/6/2013"),  # typed 23/6 for 03/6/2013
        (Code.TYPING_SLIP, "03/6 /2013"),
        (Code.CITATION_NEAR_MISS, "25-NOTW"),
    },
    "001": {(Code.TYPING_SLIP, "ngày ngày"), (Code.TYPING_SLIP, "30/KH- UBND")},
    "002": {(Code.LIST_SEQUENCE, "f)"), (Code.OTHER_RULE, "25-NQ/TW ngày 30/6/2013")},
    "003": {(Code.TYPING_SLIP, "nguồn nguồn")},
    "004": set(),
}


def test_the_written_files_validate_with_only_the_seeds_own_mistakes_as_warnings(
    seed: tuple[str, Imported],
) -> None:
    key, imported = seed
    errors = [d.format() for d in imported.diagnostics if d.is_error]
    assert errors == []
    texts = imported.profile.read_text(encoding="utf-8") + imported.period.read_text(encoding="utf-8")
    assert "<điền" not in texts  # with the layout's header lines, nothing is left for the clerk to fill
    found = {(d.code, d.value) for d in imported.diagnostics}
    assert SEED_WARNINGS[key] <= found, sorted(SEED_WARNINGS[key] - found)


UNITS = {  # ten_goi only from a closing «… kính báo cáo./.» standing alone (000 and 002)
    "000": ("nha_nuoc", "ỦY BAN NHÂN DÂN XÃ BA TÔ", "UBND", "Ba Tô", "UBND xã Ba Tô"),
    "001": ("dang", "ĐẢNG ỦY PHƯỜNG PHỔ HÒA", "ĐU", "Phổ Hòa", None),
    "002": ("nha_nuoc", "ỦY BAN NHÂN DÂN XÃ BA TÔ", "UBND", "Ba Tô", "UBND xã Ba Tô"),
    "003": ("dang", ["BCĐ THỰC HIỆN QCDC Ở CƠ SỞ", "VÀ PHÒNG TRÀO DÂN VẬN KHÉO"], "BCĐ", "Lục Bình", None),
    "004": ("dang", "HUYỆN ỦY BÌNH SƠN", "HU", "Bình Sơn", None),
}


def test_the_unit_profile_holds_the_unit_and_the_signer_line_by_line(seed: tuple[str, Imported]) -> None:
    key, imported = seed
    profile = yaml.safe_load(imported.profile.read_text(encoding="utf-8"))
    keys = ("he_thong", "co_quan_ban_hanh", "viet_tat", "dia_danh", "ten_goi")
    assert tuple(profile.get(k) for k in keys) == UNITS[key]
    signer = profile["nguoi_ky"]
    typed = [line.strip() for line in text_of(imported.seed.signature).split("\n")]
    # the signature was typed as one paragraph with line breaks: each line comes back as its own key
    printed = [
        f"{signer.get('tham_quyen', '')} {signer.get('thay_mat', '')}".strip(),
        *(signer["chuc_vu"] if isinstance(signer["chuc_vu"], list) else [signer["chuc_vu"]]),
    ]
    assert [p for p in printed if p] == typed
    assert signer["ho_ten"] == text_of(imported.seed.signer)


# --- rendered: body, numbers, footnotes, closing -------------------------------------------------------


def test_every_body_paragraph_comes_back_in_order(seed: tuple[str, Imported]) -> None:
    _, imported = seed
    expected = _each_line([text_of(p) for p in imported.seed.body])
    assert _missing_in_order(expected, _each_line([p.text for p in imported.rendered.paragraphs])) == []
    assert _lines(text_of(imported.seed.summary)) in _rendered_paragraphs(imported.rendered)


# Headings whose typed number the tool prints differently: the seed's own numbering slips.
RENUMBERED: dict[str, list[tuple[str, str]]] = {
    # the seed's «<sup>1</sup> a) Mô hình …» line is the note's text, so its b) c) d) print a) b) c);
    # after «4.» it types «7.»
    "000": [("b)", "a)"), ("c)", "b)"), ("d)", "c)"), ("7.", "5.")],
    "001": [],
    "002": [("III.", "I."), ("IV.", "II.")],  # «1.», «2.» typed before «III.», no «I.», «II.»: kept as typed
    "003": [],
    "004": [("III.", "IV."), ("IV.", "V.")],  # «III.» typed twice
}


def _heading_numbers(imported: Imported) -> list[tuple[str, str, str]]:
    """(typed number, printed number, title) of each typed heading the rendered report prints numbered."""
    printed: dict[str, str] = {}
    for paragraph in imported.rendered.paragraphs:
        text = paragraph.text.replace("\t", " ")
        number = number_of(text)
        if number is not None:
            printed.setdefault(_lines(text) or text.strip().lower(), text[: number.length].strip())
    pairs = []
    for para in imported.seed.body:
        text = text_of(para).strip()
        number = number_of(text)
        title = _lines(text) or text.lower()  # «Phần thứ hai» stands alone: its own key
        if number is not None and title in printed:
            pairs.append((text[: number.length].strip(), printed[title], title))
    return pairs


def _same_number(typed: str, printed: str) -> bool:
    a, b = number_of(typed + " A"), number_of(printed + " A")
    return a is not None and b is not None and (a.kind, a.value) == (b.kind, b.value)


def test_typed_heading_numbers_print_again_where_the_seed_numbers_correctly(
    seed: tuple[str, Imported],
) -> None:
    key, imported = seed
    pairs = _heading_numbers(imported)
    assert len(pairs) >= 5
    differ = [(typed, printed) for typed, printed, _ in pairs if not _same_number(typed, printed)]
    assert differ == RENUMBERED[key]


def test_footnotes_keep_their_text(seed: tuple[str, Imported]) -> None:
    _, imported = seed
    expected = [_lines(text_of(note)) for _, note in sorted(imported.seed.footnotes.items())]
    found = [_lines(note.text) for _, note in sorted(imported.rendered.footnotes.items())]
    assert found == expected


def test_the_signer_and_the_recipients_come_back(seed: tuple[str, Imported]) -> None:
    _, imported = seed
    rendered = _rendered_paragraphs(imported.rendered)
    recipients = [line for p in imported.seed.recipients if (line := _lines(text_of(p)))]
    assert _missing_in_order(recipients, rendered) == []
    signature = [_lines(line) for line in text_of(imported.seed.signature).split("\n")]
    assert _missing_in_order([*signature, _lines(text_of(imported.seed.signer))], rendered) == []


# --- appendix tables (seed 001) ---------------------------------------------------------------------------


def _cell(text: str) -> str:
    """A cell as a reader compares it: spaces, quotes, case and digit grouping (1490 prints 1.490) do not count."""
    text = re.sub(r"(?<=\d)\.(?=\d{3}\b)", "", text)
    return " ".join(text.replace("“", '"').replace("”", '"').split()).lower()


def _rows(table: Table) -> list[list[str]]:
    return [[_cell("\n".join(p.text for p in cell)) for cell in row] for row in table.rows]


def _trimmed(row: list[str]) -> list[str]:
    while row and not row[-1]:
        row = row[:-1]
    return row


def test_appendix_tables_keep_their_cells_and_recompute_their_totals(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    imported = _imported("001", tmp_path_factory.getbasetemp() / "seed-001")
    tables = [b for b in imported.rendered.blocks if isinstance(b, Table)][2:]  # after header and signature
    assert len(tables) == len(imported.seed.appendices) == 7
    agree = 0
    for appendix, table in zip(imported.seed.appendices, tables, strict=True):
        typed = [[_cell(text_of(cell)) for cell in row] for row in appendix.rows]
        heads = header_rows(appendix)
        printed = _rows(table)
        first_data = next(i for i, row in enumerate(printed) if _trimmed(row) == _trimmed(typed[heads]))
        # the header: the same texts (its rows are rebuilt from the cells' spans), the data rows as typed
        assert sorted(c for row in typed[:heads] for c in row if c) == sorted(
            c for row in printed[:first_data] for c in row if c
        ), text_of(appendix.title[0])
        data = [_trimmed(row) for row in typed[heads:] if row[0] != "tổng cộng"]
        assert [_trimmed(row) for row in printed[first_data : first_data + len(data)]] == data
        totals = [row for row in typed if row[0] == "tổng cộng"]
        if totals:  # a typed total row is printed again, computed: the same where the seed added up right
            assert printed[first_data + len(data)][0] == "tổng cộng"
            agree += _trimmed(printed[first_data + len(data)]) == _trimmed(totals[0])
        else:
            assert len(printed) == first_data + len(data)
    assert agree >= 1  # the armed forces table adds up as typed
    noted = [
        n.message for n in imported.result.notes if "Tổng cộng" in n.message and "nhưng cộng" in n.message
    ]
    assert any("ghi 15" in m and "được 32" in m for m in noted)  # 7 + 25 models typed as 15


# --- a seed as extracted: what its text lost is left for the clerk to fill ------------------------------


def test_a_header_the_seed_lost_is_left_to_fill_and_validates_once_filled(tmp_path: Path) -> None:
    as_extracted = Layout(left=(("*", False), ("Số 374-BC/HU", False)), right=())
    result, refusals = import_bytes(typed_in_word(SEEDS["004"], as_extracted), "004.docx")
    assert result is not None, [d.format() for d in refusals]
    (profile, period), problems = write_import(result, tmp_path)
    assert not problems
    errors = sorted((d.code, d.value) for d in build(period).diagnostics if d.is_error)
    assert errors == [
        (Code.UNFILLED_MARK, "<điền năm của báo cáo>"),
        (Code.UNFILLED_MARK, "<điền tên cơ quan ban hành>"),
        (Code.UNFILLED_MARK, "<điền địa danh ở dòng ngày tháng>"),
    ]
    text = profile.read_text(encoding="utf-8")
    text = text.replace("<điền tên cơ quan ban hành>", "HUYỆN ỦY BÌNH SƠN")
    profile.write_text(text.replace("<điền địa danh ở dòng ngày tháng>", "Bình Sơn"), encoding="utf-8")
    period.write_text(
        period.read_text(encoding="utf-8").replace("<điền năm của báo cáo>", "2021"), encoding="utf-8"
    )
    again = build(period)
    assert [d.format() for d in again.diagnostics if d.is_error] == []
    assert again.data is not None
    assert "HUYỆN ỦY BÌNH SƠN" in [p.text for p in read_docx(again.data).paragraphs]
