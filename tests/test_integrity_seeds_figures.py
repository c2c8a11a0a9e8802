"""The seeds' own text pasted as typed (numbers, names and dates as printed): which integrity rules fire.

Each seed is pasted, line by line, into one section of a report that has the example's profile, kind
and period, with no figures and no keys: what a clerk starting from last year's Word file has. The
rules of issue 10 (points 4–7) must report the seeds' real mistakes in their field and nothing else.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from baocao_gen.pipeline import check
from conftest import EXAMPLES, ROOT

SEEDS = ROOT / "tests" / "seeds"
PAIRS = {
    "000": ("ba-to", "tong-ket-nq25-2023.yaml"),
    "001": ("pho-hoa", "tong-ket-nq25-2023.yaml"),
    "002": ("ba-to", "dan-van-chinh-quyen-6-thang-2023.yaml"),
    "003": ("luc-binh", "dan-van-kheo-2024.yaml"),
    "004": ("binh-son", "dan-van-kheo-2021.yaml"),
}
# The seeds' real mistakes in the field of these rules: (code, the value the warning quotes).
EXPECTED = {
    "000": set(),
    "001": set(),
    "002": {("D140", "552"), ("D143", "huyện Ba Tô")},
    "003": set(),
    "004": set(),
}


def _pasted(seed: str, folder: Path) -> Path:
    unit, period = PAIRS[seed]
    example = (EXAMPLES / unit / period).read_text(encoding="utf-8")
    keys = [re.search(rf"^{key}: .*$", example, re.M).group(0) for key in ("loai", "ky", "ngay")]  # type: ignore[union-attr]
    text = next(SEEDS.glob(f"{seed}_*.txt")).read_text(encoding="utf-8")
    body = "\n".join("      " + line.replace("\t", " | ") for line in text.splitlines() if line.strip())
    (folder / "don-vi.yaml").write_text(
        (EXAMPLES / unit / "don-vi.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    path = folder / "bao-cao.yaml"
    path.write_text(
        "ke_thua: don-vi.yaml\n"
        + "\n".join(keys)
        + "\ntrich_yeu: Dán\nluu: VT\nnoi_dung:\n  - tieu_de: Dán\n    van_ban: |\n"
        + body
        + "\n",
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize("seed", sorted(PAIRS))
def test_a_pasted_seed_reports_its_mistakes_and_nothing_else(seed, tmp_path):
    path = _pasted(seed, tmp_path)
    found = {
        (d.code, d.value)
        for d in check(path).diagnostics
        if d.code in ("D140", "D141", "D142", "D143", "D144")
    }
    assert found == EXPECTED[seed]
