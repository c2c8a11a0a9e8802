"""Issue 15: seeded mutants of every example, through the real `baocao render`, keep the command's contract.

The generator and the judge are in tests/fuzzing.py (shared with `python tools/fuzz.py`). The contract:
no traceback; exit 0 or 1; every diagnostic located (file, line ≥ 1, column ≥ 1) and in Vietnamese;
nothing written on an error (no temporary file either); every written .docx strict XML, readable by
python-docx, with no template tag left; a sample converts in LibreOffice and passes openxml-audit.

A failing mutant is reproduced by the one-line command printed with the failure. The run's size and
seed can be changed for a local session: BAOCAO_FUZZ_COUNT=300 BAOCAO_FUZZ_SEED=3 python -m pytest …
"""

from __future__ import annotations

import dataclasses
import io
import os
import zipfile
from pathlib import Path

import pytest

import fuzzing
from conftest import EXAMPLES, PERIOD, STATE_PROFILE, built, write_tree

SEED = int(os.environ.get("BAOCAO_FUZZ_SEED", "15"))
COUNT = int(os.environ.get("BAOCAO_FUZZ_COUNT", "2000"))
SAMPLE = 5

if fuzzing.soffice() is None and os.environ.get("CI"):
    raise RuntimeError("CI must have LibreOffice (soffice) installed: see .ci/run")


@pytest.fixture(scope="module")
def campaign(tmp_path_factory: pytest.TempPathFactory) -> fuzzing.Campaign:
    return fuzzing.run_campaign(SEED, COUNT, fuzzing.default_workers(), tmp_path_factory.mktemp("fuzz"))


@pytest.fixture(scope="module")
def sample(campaign: fuzzing.Campaign) -> dict[int, bytes]:
    written = fuzzing.written_sample(campaign, SAMPLE)
    assert len(written) == SAMPLE, f"only {len(written)} mutants were written without a failure"
    return written


def test_no_mutant_breaks_the_contract(campaign: fuzzing.Campaign) -> None:
    assert not campaign.failures, "\n" + campaign.table() + "\n\n" + campaign.details()


def test_mutants_reach_both_outcomes(campaign: fuzzing.Campaign) -> None:
    """A generator that only makes unreadable YAML would test the loader alone."""
    exits = campaign.exit_counts()
    assert exits["0"] >= COUNT // 10, campaign.table()
    assert exits["1"] >= COUNT // 10, campaign.table()


def test_written_sample_converts_in_libreoffice(sample: dict[int, bytes], tmp_path: Path) -> None:
    if fuzzing.soffice() is None:
        pytest.skip("LibreOffice (soffice) is not installed on this machine")
    failures = fuzzing.convert_with_libreoffice(sample, tmp_path)
    assert not failures, "\n".join(
        f"{kind}: python tools/fuzz.py --seed {SEED} --only {i}: {detail}" for i, kind, detail in failures
    )


def test_written_sample_has_no_openxml_audit_finding(sample: dict[int, bytes], tmp_path: Path) -> None:
    assert fuzzing.openxml_audit().exists(), "openxml-audit is a test dependency: pip install '.[test]'"
    failures = fuzzing.audit_with_openxml_audit(sample, tmp_path)
    assert not failures, "\n".join(
        f"{kind}: python tools/fuzz.py --seed {SEED} --only {i}: {detail}" for i, kind, detail in failures
    )


# --- the generator and the judge themselves: a blind fuzzer passes everything ----------------------


def test_a_mutant_is_a_pure_function_of_seed_and_index() -> None:
    assert fuzzing.make_mutant(SEED, 1234) == fuzzing.make_mutant(SEED, 1234)
    assert fuzzing.make_mutant(SEED, 1234).files != fuzzing.make_mutant(SEED + 1, 1234).files
    assert fuzzing.make_mutant(7, 4312).command == "python tools/fuzz.py --seed 7 --only 4312"


def test_the_mutants_cover_every_example_and_every_mutation() -> None:
    mutants = [fuzzing.make_mutant(SEED, index) for index in range(COUNT)]
    assert {m.example for m in mutants} == {str(p.relative_to(fuzzing.ROOT)) for p in fuzzing.EXAMPLES}
    assert len(fuzzing.EXAMPLES) == len([p for p in EXAMPLES.glob("*/*.yaml") if p.name != "don-vi.yaml"])
    done = "\n".join(op for m in mutants for op in m.operations)
    for what in (
        "delete line",
        "duplicate line",
        "swap lines",
        "re-indent",
        "(tab)",
        "insert ",
        "number ",
        "key ",
        "cut at byte",
        "inside a multi-byte character",
        "saved as utf-16",
        "don-vi.yaml: ",
        "ke_thua",
        "a cycle",
        "profile deleted",
        "outside the data folder",
        "NFD",
        "'\\x00'",
        "'\\ufffe'",
        "😀",
        "'\\u202e'",
        "&a",
        "*a",
        "<w:p>",
        "{{ x }}",
        "{% for %}",
        "{_{",
        "!!python/object",
        "→ 1.2.3",
        "→ -5",
        "→ 0,5",
        "→ 1e9",
        "→  on line",
        "-o names an existing folder",
        "edited by hand",
        "without --json",
    ):
        assert what in done, f"no mutant of the first {COUNT} does {what!r}"
    assert any(m.output is None for m in mutants) and any(m.output and " " in m.output for m in mutants)


def _docx_with_text(text: str) -> bytes:
    """A produced report whose one paragraph is replaced by `text` (as a frame leftover would be)."""
    data = built(EXAMPLES / "luc-binh" / "dan-van-kheo-2024.yaml").data
    assert data is not None
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename == "word/document.xml":
                content = content.replace(
                    b"<w:body>", f"<w:body><w:p><w:r><w:t>{text}</w:t></w:r></w:p>".encode(), 1
                )
            target.writestr(info, content)
    return out.getvalue()


def test_the_judge_finds_a_leftover_frame_tag_but_not_a_typed_one() -> None:
    assert "{{ ho_ten }}" in fuzzing.template_tags()
    assert fuzzing.judge_docx(_docx_with_text("Gõ {{ x }} như chữ"), "van_ban: Gõ {{ x }} như chữ") == []
    [(kind, _)] = fuzzing.judge_docx(_docx_with_text("Ông {{ ho_ten }}"), "ho_ten: x")
    assert kind == "docx: frame template tag left"
    [(kind, _)] = fuzzing.judge_docx(_docx_with_text("{% if a %}"), "")
    assert kind == "docx: Jinja tag the input never had"
    assert fuzzing.judge_docx(_docx_with_text("Ông {{ ho_ten }}"), "van_ban: Ông {{  ho_ten }}") == []
    # A title prints in capitals: a tag typed in it comes back upper-cased, still what the clerk typed.
    assert fuzzing.judge_docx(_docx_with_text("VỀ {{ HO_TEN }}"), "tieu_de: về {{ ho_ten }}") == []


def test_the_judge_finds_broken_xml() -> None:
    kinds = [kind for kind, _ in fuzzing.judge_docx(_docx_with_text("a</w:t>"), "")]
    assert kinds == ["docx: part is not strict XML"]


def test_the_judge_knows_vietnamese() -> None:
    assert fuzzing.is_vietnamese("khóa này đã có ở dòng 3")
    assert not fuzzing.is_vietnamese("mapping values are not allowed here")
    assert not fuzzing.is_vietnamese("unknown key «Đồng»", value="Đồng")


def test_the_judge_finds_unlocated_and_unwritten(tmp_path: Path) -> None:
    mutant = fuzzing.make_mutant(SEED, 0)
    located = (
        '[{"file": "a.yaml", "line": 0, "column": 1, "code": "D100", "severity": "error", "message": "lỗi"}]'
    )
    kinds = [kind for kind, _ in fuzzing.judge(mutant, tmp_path, 1, located, "", [], {"kq/.baocao-x.tmp"})]
    assert kinds == ["temporary file left", "written on error", "unlocated diagnostic D100"]
    kinds = [
        kind
        for kind, _ in fuzzing.judge(
            mutant, tmp_path, 3, "", "baocao: lỗi nội bộ (KeyError: 'x').", [], set()
        )
    ]
    assert kinds == ["exit 3: KeyError"]


def test_the_judge_reads_the_lines_a_clerk_sees(tmp_path: Path) -> None:
    mutant = dataclasses.replace(fuzzing.make_mutant(SEED, 0), json=False)
    good = 'a.yaml:2:5: lỗi: khóa «so» = "5.6": Số "5.6" không đúng cách viết tiếng Việt. (gợi ý: 5,6) [D104]'
    assert fuzzing.judge(mutant, tmp_path, 1, "", good + "\n", [], set()) == []
    english = 'a.yaml:2:5: lỗi: khóa «so» = "Đồng": unknown value (gợi ý: viết lại) [D108]'
    broken = "lỗi: không đọc được tệp. [D100]\n  dòng tiếp theo\nĐã ghi a.docx"
    kinds = [kind for kind, _ in fuzzing.judge(mutant, tmp_path, 1, "", english + "\n" + broken, [], set())]
    assert kinds == [
        "terminal: «Đã ghi» disagrees with the exit code",
        "terminal: a line that is not a diagnostic",
        "message not in Vietnamese D108",
        "unlocated diagnostic D100",
    ]


@pytest.mark.parametrize("as_json", [True, False])
def test_an_unmutated_report_passes_the_judge(tmp_path: Path, as_json: bool) -> None:
    write_tree(tmp_path / "du-lieu", {"don-vi.yaml": STATE_PROFILE, "bao-cao.yaml": PERIOD})
    files = {f"du-lieu/{n}": (tmp_path / "du-lieu" / n).read_bytes() for n in ("don-vi.yaml", "bao-cao.yaml")}
    mutant = fuzzing.Mutant(
        0, 0, "tests/conftest.py", "du-lieu/bao-cao.yaml", files, "kq/a.docx", (), json=as_json
    )
    outcome = fuzzing.run_mutant(mutant, tmp_path / "run", keep_docx=True)
    assert outcome.code == 0 and outcome.failures == [] and outcome.docx is not None
