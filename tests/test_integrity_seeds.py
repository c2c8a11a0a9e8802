"""The five seeds pasted as a clerk types them, and what the integrity checks report (issue 10, point 4).

tests/seeds/pasted/seed-*.yaml paste each seed's text as printed (typed numbers, letters, dates; no
keys, no computed sentences), made by tests/seeds/pasted/paste.py. Each pasted file pins the located
warnings that name a mistake: a number that skips or repeats, a letter outside the alphabet, a
document with two dates or two symbols, a registry symbol one slip away, a date spelt two ways, a
row listed twice, a space inside a symbol, a word typed twice. The typed numbers that are merely
typed (right, but the tool prints its own) are counted, not listed. The five examples, which cite
by key, validate with no warning at all.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from baocao_gen.codes import Code
from baocao_gen.pipeline import check
from conftest import EXAMPLE_FILES, ROOT

PASTED = ROOT / "tests" / "seeds" / "pasted"

EXPECTED = {
    "000": (
        45,
        [
            (Code.TYPING_SLIP, 16, 66, "03/6 /2013"),
            (Code.CITATION_NEAR_MISS, 16, 218, "25-NOTW"),
            (Code.DATE_SPELLING, 18, 318, "07/01/2019"),
            (Code.OTHER_RULE, 39, 54, "25-NQ/TW ngày 23/6/2013"),
            (Code.CITATION_NEAR_MISS, 41, 25, "34/2007/PL/UBTVQH11"),
            (Code.CITATION_CONFLICT, 48, 137, "43-CT/TU"),
            (Code.TYPED_NUMBER, 68, 12, "7."),
            (Code.TYPED_NUMBER, 99, 5, "4."),
            (Code.CITATION_NEAR_MISS, 107, 246, "05-CT/BCT"),
            (Code.CITATION_NEAR_MISS, 124, 65, "25-Q/TW"),
            (Code.TYPED_NUMBER, 141, 8, "e)"),
            (Code.TYPED_NUMBER, 144, 8, "f)"),
        ],
    ),
    "001": (
        28,
        [
            (Code.DATE_SPELLING, 23, 624, "03/06/2013"),
            (Code.TYPING_SLIP, 61, 35, "ngày ngày"),
            (Code.TYPING_SLIP, 62, 35, "ngày ngày"),
            (Code.TYPING_SLIP, 63, 19, "30/KH- UBND"),
            (Code.TYPING_SLIP, 64, 35, "ngày ngày"),
            (Code.TYPING_SLIP, 66, 21, "269/QĐ- UBND"),
            (Code.CITATION_NEAR_MISS, 102, 26, "218/QĐ-TW"),
            (Code.CITATION_CONFLICT, 220, 37, "26/3/2023"),
            (Code.REPEATED_DOCUMENT_ROW, 240, 21, "46-KH/ĐU"),
            (Code.CITATION_CONFLICT, 256, 142, "05-KH/KDV"),
            (Code.REPEATED_DOCUMENT_ROW, 380, 21, "46-KH/ĐU"),
        ],
    ),
    "002": (
        19,
        [
            (Code.OTHER_RULE, 23, 64, "25-NQ/TW ngày 30/6/2013"),
            (Code.TYPED_NUMBER, 41, 5, "e)"),
            (Code.TYPED_NUMBER, 44, 12, "f)"),
            (Code.TYPED_NUMBER, 51, 12, "III."),
            (Code.TYPED_NUMBER, 61, 12, "IV."),
            (Code.TYPED_NUMBER, 88, 8, "e)"),
            (Code.TYPED_NUMBER, 91, 8, "f)"),
        ],
    ),
    "003": (
        21,
        [
            (Code.TYPING_SLIP, 42, 913, "nguồn nguồn"),
        ],
    ),
    "004": (
        20,
        [
            (Code.TYPED_NUMBER, 71, 12, "III."),
            (Code.TYPING_SLIP, 105, 23, "vận Tỉnh ủy ,"),
        ],
    ),
}


# Pasted as typed, seed 003's Nơi nhận lost its groups («Gửi bản giấy:», «Gửi bản điện tử:»), which puts
# «Lưu Đảng ủy.» first: refused at its line (D137; it used to render and be blamed on the tool, P306).
# The clerk moves it to the end, and the warnings below are those of the corrected file.
REFUSED = {"003": [(Code.ARCHIVE_LINE_NOT_LAST, 75, 3, "Lưu Đảng ủy.")]}


def _corrected(seed: str, folder: Path) -> Path:
    """Return the pasted file with the clerk's fix of each refusal: the «Lưu» line moved to the end
    (Nơi nhận is the last key of a pasted file, so the end of its list is the end of the file)."""
    lines = (PASTED / f"seed-{seed}.yaml").read_text(encoding="utf-8").splitlines(keepends=True)
    for _code, line, _column, _value in REFUSED[seed]:
        assert all(text.startswith("- ") for text in lines[line - 1 :])
        lines.append(lines.pop(line - 1))
    corrected = folder / f"seed-{seed}.yaml"
    corrected.write_text("".join(lines), encoding="utf-8")
    return corrected


def _reported(seed: str, folder: Path):
    result = check(PASTED / f"seed-{seed}.yaml")
    errors = [d for d in result.diagnostics if d.is_error]
    assert [(d.code, d.location.line, d.location.column, d.value) for d in errors] == REFUSED.get(seed, [])
    if errors:
        result = check(_corrected(seed, folder))
    assert result.report is not None and result.ok, [d.format() for d in result.diagnostics if d.is_error]
    merely_typed = [
        d for d in result.diagnostics if d.code == Code.TYPED_NUMBER and "cũng sai" not in d.message
    ]
    mistakes = [
        d
        for d in result.diagnostics
        if d not in merely_typed
        and (d.code.startswith("D16") or (d.code == Code.OTHER_RULE and "ban hành ngày" in d.message))
    ]
    return merely_typed, sorted(mistakes, key=lambda d: (d.location.line, d.location.column))


@pytest.mark.parametrize("seed", sorted(EXPECTED))
def test_pasted_seed_reports_its_mistakes_at_their_place(seed, tmp_path):
    merely_typed, mistakes = _reported(seed, tmp_path)
    count, expected = EXPECTED[seed]
    assert [(d.code, d.location.line, d.location.column, d.value) for d in mistakes] == expected
    assert len(merely_typed) == count
    for diagnostic in mistakes + merely_typed:
        assert (
            diagnostic.hint and diagnostic.message and diagnostic.location.file.endswith(f"seed-{seed}.yaml")
        )


def test_pasted_seed_000_messages_name_both_places(tmp_path):
    _, mistakes = _reported("000", tmp_path)
    by_value = {d.value: d for d in mistakes}
    assert "sau «4.» phải là «5.», không phải «7.»" in by_value["7."].message
    assert "không có f, j, w, z" in by_value["f)"].message
    assert "«43-CTr/TU»" in by_value["43-CT/TU"].message and "dòng 43" in by_value["43-CT/TU"].message
    assert "ban hành ngày 03/6/2013, không phải 23/6/2013" in by_value["25-NQ/TW ngày 23/6/2013"].message


def test_pasted_files_are_what_the_generator_makes():
    seeds = ROOT / "tests" / "seeds"  # the five seed texts, copied into the repository
    assert len(list(seeds.glob("*.txt"))) == 5
    import importlib.util

    spec = importlib.util.spec_from_file_location("paste", PASTED / "paste.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    for seed in sorted(seeds.glob("*.txt")):
        assert module.paste(seed) == (PASTED / f"seed-{seed.name[:3]}.yaml").read_text(encoding="utf-8"), (
            seed.name
        )


@pytest.mark.parametrize("example", EXAMPLE_FILES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_examples_validate_with_no_warning(example: Path):
    result = check(example)
    assert result.diagnostics == [], [d.format() for d in result.diagnostics]
