"""Every seed is reproduced: golden texts of the examples, and ≥ 95 % of each seed's lines present.

After a change of output made on purpose: `python tools/update_goldens.py`, then review the diff of
tests/golden/ as text and commit it with the change.
"""

from __future__ import annotations

import difflib

import pytest
import yaml

from baocao_gen.ooxml.structure import document_structure
from baocao_gen.ooxml.text import document_text
from baocao_gen.pipeline import build
from conftest import EXAMPLE_FILES, EXAMPLES, ROOT
from seed_text import normalise, seed_lines

SEEDS = ROOT / "tests" / "seeds"
GOLDEN = ROOT / "tests" / "golden"
SEED_EXAMPLES = {
    "000": "ba-to/tong-ket-nq25-2023.yaml",
    "001": "pho-hoa/tong-ket-nq25-2023.yaml",
    "002": "ba-to/dan-van-chinh-quyen-6-thang-2023.yaml",
    "003": "luc-binh/dan-van-kheo-2024.yaml",
    "004": "binh-son/dan-van-kheo-2021.yaml",
}


@pytest.fixture(scope="module")
def rendered():
    cache: dict[str, str] = {}

    def text_of(example, view="text"):
        key = str(example)
        if key not in cache:
            result = build(example)
            assert result.data is not None, [d.format() for d in result.diagnostics]
            assert not result.diagnostics, [d.format() for d in result.diagnostics]  # examples are clean
            cache[key] = document_text(result.data)
            cache[key + "#structure"] = document_structure(result.data)
        return cache[key] if view == "text" else cache[key + "#structure"]

    return text_of


@pytest.mark.parametrize("example", EXAMPLE_FILES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_golden_text(example, rendered):
    golden = GOLDEN / f"{example.parent.name}__{example.stem}.txt"
    assert golden.exists(), "no golden text yet: run python tools/update_goldens.py"
    expected = golden.read_text(encoding="utf-8")
    actual = rendered(example)
    if actual != expected:
        diff = "".join(
            difflib.unified_diff(
                expected.splitlines(True), actual.splitlines(True), "golden", "rendered", n=1
            )
        )
        pytest.fail(
            f"{example.name} differs from its golden text (python tools/update_goldens.py if intended):\n{diff[:6000]}"
        )


@pytest.mark.parametrize("example", EXAMPLE_FILES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_golden_structure(example, rendered):
    """Styles, sections and each paragraph's effective formatting: a style regression fails here."""
    golden = GOLDEN / f"{example.parent.name}__{example.stem}.cau-truc.txt"
    assert golden.exists(), "no golden structure yet: run python tools/update_goldens.py"
    actual = rendered(example, "structure")
    expected = golden.read_text(encoding="utf-8")
    if actual != expected:
        diff = "".join(
            difflib.unified_diff(
                expected.splitlines(True), actual.splitlines(True), "golden", "rendered", n=1
            )
        )
        pytest.fail(
            f"{example.name}: structure differs from its golden (python tools/update_goldens.py if intended):\n{diff[:6000]}"
        )


def test_every_seed_has_an_example():
    assert sorted(SEED_EXAMPLES) == sorted(p.name[:3] for p in SEEDS.glob("*.txt"))
    for path in SEED_EXAMPLES.values():
        assert (EXAMPLES / path).is_file()


@pytest.mark.parametrize("seed", sorted(SEED_EXAMPLES))
def test_seed_coverage_at_least_95_percent(seed, rendered):
    [seed_file] = SEEDS.glob(f"{seed}_*.txt")
    text = seed_file.read_text(encoding="utf-8")
    corrections = yaml.safe_load((SEEDS / "corrections.yaml").read_text(encoding="utf-8"))[seed] or []
    for before, after in corrections:
        assert before in text, f"correction {before!r} not found in seed {seed}"
        text = text.replace(before, after)
    produced = " ".join(
        normalise(line) for line in rendered(EXAMPLES / SEED_EXAMPLES[seed]).replace("|", "\n").splitlines()
    )
    lines = seed_lines(text)
    missing = [line for line in lines if line not in produced]
    coverage = 1 - len(missing) / len(lines)
    assert coverage >= 0.95, f"seed {seed}: {coverage:.1%} of {len(lines)} lines; missing:\n" + "\n".join(
        missing[:40]
    )
