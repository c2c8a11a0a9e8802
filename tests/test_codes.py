"""Diagnostic codes are data: one `Code` per code, one catalogue entry per `Code`, no code typed elsewhere,
and `baocao giai-thich` explains any code a clerk reads at the end of a diagnostic line."""

from __future__ import annotations

import re

import pytest
import yaml

from baocao_gen import cli
from baocao_gen.catalogue import CATALOGUE_FILE, code_ranges, load_catalogue, parse_catalogue
from baocao_gen.codes import Code
from baocao_gen.diagnostics import Diagnostic, Location
from baocao_gen.pipeline import check
from baocao_gen.resources import data_file
from conftest import PERIOD, ROOT

VIETNAMESE_LETTER = re.compile(r"[ăâđêôơưàáảãạầấẩẫậằắẳẵặèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]", re.I)


def raw_catalogue() -> dict:
    return yaml.safe_load(data_file(CATALOGUE_FILE).read_text(encoding="utf-8"))


def test_every_code_has_a_complete_entry_and_every_entry_is_a_code():
    raw = raw_catalogue()
    assert set(raw) == {code.value for code in Code}
    catalogue = load_catalogue()
    assert list(catalogue) == sorted(Code, key=lambda code: code.value)
    for code, entry in catalogue.items():
        assert entry.code is code
        for text in (entry.tieu_de, entry.giai_thich, entry.cach_sua):
            assert VIETNAMESE_LETTER.search(text), f"{code}: not Vietnamese: {text!r}"
        assert len(entry.tieu_de) <= 60, f"{code}: the title is a short name, not a sentence"
        assert len(entry.giai_thich) >= 80, f"{code}: the explanation says what is wrong and why"


def test_the_business_rules_cite_the_regulation_they_rest_on():
    catalogue = load_catalogue()
    for code in (Code.WRONG_AUTHORITY, Code.TOO_DEEP_OR_MANY, Code.STATE_FORMAT, Code.MISSING_RECIPIENTS):
        assert "NĐ 30/2020/NĐ-CP" in (catalogue[code].can_cu or ""), code
    assert "HD 36-HD/VPTW" in (catalogue[Code.WRONG_AUTHORITY].can_cu or "")


def test_a_broken_catalogue_is_refused_naming_every_problem():
    raw = raw_catalogue()
    del raw["D121"]
    raw["D999"] = {"tieu_de": "x", "giai_thich": "x", "cach_sua": "x"}
    raw["D104"] = {**raw["D104"], "cach_sua": " ", "vi_dụ": "x"}
    with pytest.raises(ValueError, match="D999: not a member of Code") as caught:
        parse_catalogue(raw)
    message = str(caught.value)
    assert "codes without an entry: D121" in message
    assert "D104: unknown fields: vi_dụ" in message and "D104: missing or empty: cach_sua" in message


def test_a_diagnostic_carries_a_code_member_even_when_given_its_value():
    diagnostic = Diagnostic("D121", "x", Location("a.yaml", 1, 1))
    assert diagnostic.code is Code.MISSING_REFERENCE
    assert diagnostic.format().endswith("[D121]") and diagnostic.to_dict()["code"] == "D121"
    with pytest.raises(ValueError, match="D999"):
        Diagnostic("D999", "x")


# Every module is scanned: a code is named through `Code`, so the catalogue test covers every use.
CODE_LITERAL = re.compile(r"""["']([DTPWK]\d{3})["']""")


def test_no_code_is_typed_as_a_string_literal_outside_codes_py():
    source = ROOT / "src" / "baocao_gen"
    found = []
    for path in sorted(source.rglob("*.py")):
        if path.name == "codes.py":
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            for match in CODE_LITERAL.finditer(line):
                found.append(
                    f"{path.relative_to(ROOT)}:{number}: {match.group(0)} (use Code.{Code(match.group(1)).name})"
                )
    assert not found, "codes typed as literals:\n" + "\n".join(found)


def test_the_scan_would_find_a_literal():
    assert CODE_LITERAL.search('Diagnostic("D121", "x")') and CODE_LITERAL.search("code == 'P300'")
    assert not CODE_LITERAL.search('fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"')


def explain(capsys, *args: str) -> tuple[int, str, str]:
    code = cli.run(["giai-thich", *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def words(text: str) -> str:
    """Return `text` with its line wrapping undone, to find a sentence whatever the width."""
    return " ".join(text.split())


@pytest.mark.parametrize("typed", ["D121", "d121", " [D121] "])
def test_explain_prints_the_explanation_and_the_fix(capsys, typed):
    code, out, err = explain(capsys, typed)
    assert code == 0 and err == ""
    entry = load_catalogue()[Code.MISSING_REFERENCE]
    assert out.startswith("D121: Tham chiếu tới thứ không có")
    assert words(entry.giai_thich) in words(out)
    assert "Cách sửa: " + words(entry.cach_sua) in words(out)
    assert "Ví dụ:\n    noi_dung:\n" in out  # the YAML example keeps its lines and indentation


def test_explain_shows_the_rule_a_check_rests_on(capsys):
    code, out, _ = explain(capsys, "D120")
    assert code == 0
    assert "Căn cứ: NĐ 30/2020/NĐ-CP, Điều 13" in words(out)
    assert "36-HD/VPTW" in out  # never broken at its hyphen


def test_explain_without_a_code_lists_every_code_with_its_title(capsys):
    code, out, _ = explain(capsys)
    assert code == 0
    for entry in load_catalogue().values():
        assert f"  {entry.code.value}  {entry.tieu_de}\n" in out
    assert (
        out.index("Tệp dữ liệu:")
        < out.index("Mẫu .docx:")
        < out.index("Tệp .docx sinh ra:")
        < out.index("Ghi tệp kết quả:")
    )
    assert "baocao giai-thich D121" in out


@pytest.mark.parametrize(
    ("typed", "suggestion"),
    [
        ("D211", "Có phải «D111» hay «D121»?"),
        ("121", "Có phải «D121»?"),
        ("E128", "Có phải «D128»?"),
        ("D999", ""),
    ],
)
def test_an_unknown_code_is_a_usage_error_with_suggestions_and_the_list(capsys, typed, suggestion):
    code, out, err = explain(capsys, typed)
    assert code == 2 and out == ""
    assert err.startswith(f"baocao: lỗi cách dùng: không có mã lỗi «{typed}».")
    if suggestion:
        assert suggestion in err
    else:
        assert "Có phải" not in err
    assert f"Các mã có: {code_ranges()}" in err and "D100–D113" in err


def test_every_code_printed_by_validate_can_be_explained(make_report, capsys):
    period = PERIOD.replace("Đoạn văn thứ nhất.", "Có {ho_so.khong_co} hồ sơ.").replace(
        "noi_nhan:\n  - UBND huyện\n", "noi_nhan: []\n"
    )
    path = make_report(period)
    assert cli.run(["validate", str(path)]) == 1
    printed = set(re.findall(r"\[(\w+)\]$", capsys.readouterr().err, flags=re.M))
    assert printed == {"D121", "D129"} == {d.code for d in check(path).diagnostics}
    for typed in printed:
        code, out, _ = explain(capsys, typed)
        assert code == 0 and out.startswith(f"{typed}: {load_catalogue()[Code(typed)].tieu_de}")


def test_the_readme_tells_clerks_how_to_explain_a_code():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    user_part = readme.split("## For developers", 1)[0]
    assert "baocao giai-thich D" in user_part
