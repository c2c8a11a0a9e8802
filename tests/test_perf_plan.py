"""The light profile detection of `data_files` (issue 13): the same answers as the full loader, without it.

`batch` plans 200 files in the parent before any worker starts; reading only the top-level keys and
`ke_thua` must still recognise every kind of profile, and anything the light reading cannot vouch for
must go to the full loader.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from baocao_gen import data_files, loader
from baocao_gen.batch import plan_batch
from baocao_gen.data_files import unit_profiles
from conftest import PERIOD, STATE_PROFILE, write_tree

ROOT = Path(__file__).resolve().parent.parent

FILES = {
    "don-vi.yaml": STATE_PROFILE,  # a profile by its name
    "tinh/ho-so-tinh.yaml": STATE_PROFILE,  # extended by ho-so-xa.yml: a `ke_thua` target
    "ho-so-xa.yml": "ke_thua: tinh/ho-so-tinh.yaml\nviet_tat: UBND\n",  # extended, and extends
    "rieng.yaml": STATE_PROFILE,  # neither named nor extended: no period key
    "bao-cao-a.yaml": PERIOD,
    "bao-cao-b.yaml": PERIOD.replace("don-vi.yaml", "ho-so-xa.yml"),
    "ky-moi.yaml": "ke_thua: bao-cao-a.yaml\nso: 6\n",  # a period key comes from what it extends
}


def _names(paths: set[Path], folder: Path) -> list[str]:
    return sorted(path.relative_to(folder.resolve()).as_posix() for path in paths)


def _no_full_loader(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(path: object) -> None:
        raise AssertionError(f"the full loader was asked about {path}")

    monkeypatch.setattr(data_files, "load_data", refuse)


def test_every_kind_of_profile_is_recognised_without_the_full_loader(tmp_path, monkeypatch):
    write_tree(tmp_path, FILES)
    _no_full_loader(monkeypatch)
    found = unit_profiles(sorted(p for p in tmp_path.rglob("*.y*ml")))
    assert _names(found, tmp_path) == [
        "bao-cao-a.yaml",  # extended by ky-moi.yaml: a profile of that file, as the full reading says
        "don-vi.yaml",
        "ho-so-xa.yml",
        "rieng.yaml",
        "tinh/ho-so-tinh.yaml",
    ]


def test_a_target_outside_the_set_is_read_but_not_named(tmp_path, monkeypatch):
    write_tree(tmp_path, FILES)
    _no_full_loader(monkeypatch)
    assert unit_profiles([tmp_path / "bao-cao-b.yaml"]) == set()
    assert unit_profiles([tmp_path / "ho-so-xa.yml"]) == {(tmp_path / "ho-so-xa.yml").resolve()}


def test_the_light_chain_is_the_full_loaders_on_every_example_and_fixture(tmp_path):
    write_tree(tmp_path, FILES)
    paths = sorted((ROOT / "examples").rglob("*.yaml")) + sorted(tmp_path.rglob("*.y*ml"))
    compared = 0
    for path in paths:
        light = data_files._light_chain(path, path.resolve(), {})
        assert light is not None, path
        assert light == data_files._full_chain(path), path
        compared += 1
    assert compared > 20


@pytest.mark.parametrize(
    "text",
    [
        "he_thong: nha_nuoc\nviet_tat: &a UBND\n",  # an anchor: the loader warns and rewrites the value
        "he_thong: nha_nuoc\nviet_tat: !!str UBND\n",  # a tag
        "he_thong: nha_nuoc\nviet_tat:\tUBND\n",  # a tab, which libyaml and PyYAML read differently
        "he_thong: nha_nuoc\nviet_tat: [không đóng\n",  # a syntax error: unreadable, not a profile
        "- he_thong: nha_nuoc\n",  # the root is no mapping
        "he_thong: nha_nuoc\n---\nso: 5\n",  # two documents
        "he_thong: nha_nuoc\nhe_thong: dang\n",  # a key twice
        "\ufeffhe_thong: nha_nuoc\n",  # a byte-order mark
    ],
)
def test_what_the_light_reading_cannot_vouch_for_goes_to_the_full_loader(tmp_path, text):
    path = tmp_path / "tep.yaml"
    path.write_text(text, encoding="utf-8")
    assert data_files._light_chain(path, path.resolve(), {}) is None
    sources, keys = data_files._full_chain(path)
    expected = set() if sources is None or data_files.PERIOD_KEYS & keys else {path.resolve()}
    assert unit_profiles([path]) == expected


def test_a_blank_or_missing_ke_thua_ends_the_chain_as_the_loader_ends_it(tmp_path, monkeypatch):
    write_tree(
        tmp_path,
        {
            "trong.yaml": "ke_thua:\ntrich_yeu: Báo cáo\n",
            "mat.yaml": "ke_thua: khong-co.yaml\ntrich_yeu: Báo cáo\n",
            "vong.yaml": "ke_thua: vong.yaml\nhe_thong: dang\n",
            "danh-sach.yaml": "ke_thua: [don-vi.yaml]\ntrich_yeu: Báo cáo\n",
        },
    )
    for name in ("trong.yaml", "mat.yaml", "vong.yaml", "danh-sach.yaml"):
        path = tmp_path / name
        assert data_files._light_chain(path, path.resolve(), {}) == data_files._full_chain(path), name
    _no_full_loader(monkeypatch)
    assert _names(unit_profiles(sorted(tmp_path.iterdir())), tmp_path) == ["vong.yaml"]


def test_a_shared_profile_is_read_once_for_all_the_files_that_extend_it(tmp_path, monkeypatch):
    files = {"don-vi.yaml": STATE_PROFILE} | {f"ky-{n}.yaml": PERIOD for n in range(5)}
    write_tree(tmp_path, files)
    read: list[Path] = []
    head = data_files._head

    def counting(path: Path) -> object:
        read.append(path.resolve())
        return head(path)

    monkeypatch.setattr(data_files, "_head", counting)
    plan = plan_batch([tmp_path], tmp_path / "ra")
    assert [p.name for p in plan.profiles] == ["don-vi.yaml"]
    assert len(plan.jobs) == 5
    assert sorted(read) == sorted({p.resolve() for p in tmp_path.glob("*.yaml")})


def test_the_characters_left_to_the_full_loader_are_the_loaders():
    assert data_files._UNSAFE.pattern == loader._FAST_UNSAFE.pattern
