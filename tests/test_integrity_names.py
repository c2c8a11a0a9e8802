"""Issue 10, point 6: the unit, its superior and its place are spelt as the profile spells them."""

from __future__ import annotations

import pytest

from baocao_gen.codes import Code
from baocao_gen.diagnostics import Severity
from baocao_gen.integrity.names import _near_miss, profile_names
from baocao_gen.pipeline import check
from compute_helpers import report_and_tree
from conftest import PARTY_PROFILE, PERIOD


def _period(prose: str) -> str:
    return PERIOD.replace("      Đoạn văn thứ nhất.\n", f"      Đoạn văn thứ nhất.\n      {prose}\n")


def _near_misses(make_report, prose: str, profile: str | None = None):
    path = make_report(_period(prose)) if profile is None else make_report(_period(prose), profile)
    return path, [d for d in check(path).diagnostics if d.code == Code.NAME_NEAR_MISS]


def test_the_superior_spelt_one_diacritic_off_is_a_warning_with_the_profiles_spelling(make_report):
    path, found = _near_misses(make_report, "Thực hiện Công văn của UBND huyện Ba Tô về việc báo cáo.")
    assert len(found) == 1
    warning = found[0]
    assert warning.severity is Severity.WARNING
    assert warning.hint == "huyện Ba Tơ" and warning.value == "huyện Ba Tô"
    lines = path.read_text(encoding="utf-8").splitlines()
    line = next(i for i, text in enumerate(lines, 1) if "huyện Ba Tô" in text)
    assert (warning.location.line, warning.location.column) == (line, lines[line - 1].index("Ba Tô") + 1)


def test_the_commune_and_the_district_of_the_same_name_are_both_right(make_report):
    _, found = _near_misses(
        make_report, "Xã Ba Tô là xã miền núi phía Tây của huyện Ba Tơ; UBND xã Ba Tô báo cáo."
    )
    assert found == []


@pytest.mark.parametrize(
    "prose",
    [
        "phía Đông giáp xã Ba Nam- huyện Ba Tơ, phía Tây giáp xã Ba Vì và xã Ba Xa.",
        "Công ty lâm nghiệp Ba Tô.",
        "huyện Ba Tư",
    ],
)
def test_other_places_are_not_near_misses(make_report, prose):
    _, found = _near_misses(make_report, prose)
    assert [d.value for d in found] == (["huyện Ba Tư"] if prose == "huyện Ba Tư" else [])


def test_a_party_unit_is_compared_with_its_own_profile(make_report):
    _, found = _near_misses(
        make_report, "Ban Thường vụ Huyện ủy Bình Sơn và Đảng bộ tỉnh Quảng Ngải.", PARTY_PROFILE
    )
    assert [(d.value, d.hint) for d in found] == [("tỉnh Quảng Ngải", "tỉnh Quảng Ngãi")]


def test_profile_names_keep_the_level_word():
    report, _ = report_and_tree(PERIOD.replace("ke_thua: don-vi.yaml\n", ""))
    assert {(name.level, name.shown) for name in profile_names(report)} == {
        ("huyện", "Ba Tơ"),
        ("xã", "Ba Tô"),
    }


@pytest.mark.parametrize(
    ("typed", "profile", "near"),
    [
        (("Ba", "Tô"), ("BA", "TƠ"), True),
        (("Ba", "Tơ"), ("BA", "TƠ"), False),  # the same name
        (("Ba", "Tx"), ("BA", "TƠ"), True),  # one letter
        (("Bình", "Sơn"), ("BÌNH", "SƠN"), False),
        (("Bình", "Sơm", "Tây"), ("BÌNH", "SƠN"), True),  # a longer phrase begins with the name
        (("Ba", "Xa"), ("BA", "TÔ"), False),
        (("Bà", "Tơ"), ("BA", "TÔ"), False),  # two words differ
    ],
)
def test_near_miss_is_one_word_one_letter_or_diacritic_away(typed, profile, near):
    assert _near_miss(typed, profile) is near
