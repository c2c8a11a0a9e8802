"""One answer to "is this YAML a unit profile or a period file?" for `batch` and `tong-hop` alike."""

from __future__ import annotations

from pathlib import Path

from baocao_gen.batch import plan_batch
from baocao_gen.data_files import unit_profiles
from baocao_gen.rollup import collect_inputs
from conftest import PERIOD, STATE_PROFILE, write_tree

FILES = {
    "don-vi.yaml": STATE_PROFILE,  # by name
    "ho-so-xa.yml": STATE_PROFILE.replace("nha_nuoc", "dang"),  # extended by bao-cao-b.yaml
    "ho-so-rieng.yaml": STATE_PROFILE,  # extended by nothing here, but it has no period key
    "bao-cao-a.yaml": PERIOD,
    "bao-cao-b.yaml": PERIOD.replace("don-vi.yaml", "ho-so-xa.yml"),
    "hong.yaml": "trich_yeu: [không đóng\n",  # unreadable: not a profile, the command says why
}
PROFILES = ["don-vi.yaml", "ho-so-rieng.yaml", "ho-so-xa.yml"]
PERIODS = ["bao-cao-a.yaml", "bao-cao-b.yaml", "hong.yaml"]


def _names(paths, folder: Path) -> list[str]:
    return sorted(Path(path).relative_to(folder.resolve()).as_posix() for path in paths)


def test_a_profile_is_known_by_its_name_by_being_extended_or_by_having_no_period_key(tmp_path):
    write_tree(tmp_path, FILES)
    found = unit_profiles(sorted(tmp_path.iterdir()))
    assert _names(found, tmp_path) == PROFILES


def test_a_file_extended_from_outside_the_set_is_a_period_file_by_itself(tmp_path):
    write_tree(tmp_path, FILES)
    assert unit_profiles([tmp_path / "bao-cao-b.yaml"]) == set()
    assert unit_profiles([tmp_path / "ho-so-xa.yml"]) == {(tmp_path / "ho-so-xa.yml").resolve()}


def test_batch_and_tong_hop_skip_the_same_files_of_a_folder(tmp_path):
    write_tree(tmp_path, FILES)
    plan = plan_batch([tmp_path], tmp_path / "out")
    units, problems = collect_inputs([tmp_path])
    assert _names((p.resolve() for p in plan.profiles), tmp_path) == PROFILES
    assert _names((job.data.resolve() for job in plan.jobs), tmp_path) == PERIODS
    assert _names((p.resolve() for p in units), tmp_path) == PERIODS
    assert problems == []
