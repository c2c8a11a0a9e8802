"""Which data files are unit profiles and which are period files: one answer for every command.

A unit profile (`don-vi.yaml`) holds the unit's stable facts and is extended by its period files
(`ke_thua`); it is no report, so the commands that take a whole folder (`batch`, `tong-hop`) skip it.
A file is a profile when any of three things says so: its name, another file of the same set
extending it, or its content (with what it extends, it holds none of the keys only a period file
has). A file that cannot be read is not called a profile: the command that reads it says why.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from .loader import YMap, load_data

__all__ = ["DATA_SUFFIXES", "PERIOD_KEYS", "PROFILE_NAMES", "unit_profiles"]

DATA_SUFFIXES = (".yaml", ".yml")
PROFILE_NAMES = frozenset({"don-vi.yaml", "don-vi.yml"})
PERIOD_KEYS = frozenset(
    {"trich_yeu", "ky", "noi_dung", "so_lieu", "mo_dau", "ket_thuc", "phu_luc", "mo_hinh"}
)
"""Keys that only a period file has; a file (with what it extends) holding none of them is a profile."""


def unit_profiles(paths: Iterable[Path]) -> set[Path]:
    """Return the resolved paths of the unit profiles among `paths` (each file is loaded once)."""
    paths = list(paths)
    profiles: set[Path] = set()
    for path in paths:
        if path.name.lower() in PROFILE_NAMES:
            profiles.add(path.resolve())
        tree, _ = load_data(path)
        if not isinstance(tree, YMap):
            continue  # unreadable: the command that reads it will say why
        profiles.update(tuple(getattr(tree, "sources", ()))[1:])  # what it extends (`ke_thua`)
        if not PERIOD_KEYS & set(tree.keys()):
            profiles.add(path.resolve())
    given = {path.resolve() for path in paths}
    return profiles & given
