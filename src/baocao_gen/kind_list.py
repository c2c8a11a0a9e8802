"""The shipped report kinds as `baocao templates` lists them, read without the kind model.

The list must come up as fast as `--help`: reading a kind through `kinds.py` validates it with
pydantic, parses its figures with babel and locates every value, which costs several times the whole
start-up of the command. Listing needs three plain header keys (`ten`, `mo_ta`, `he_thong`); the
files themselves are validated by `kinds.py` whenever a kind is used, and by tests/test_kinds.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from importlib.resources.abc import Traversable

import yaml

from .resources import data_dir

__all__ = ["KindSummary", "kind_summaries"]

# Where kinds.py finds the shipped kinds (data/loai/*.yaml); tests/test_startup.py checks they agree.
_FOLDER = "loai"
_SUFFIX = ".yaml"
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class KindSummary:
    """What the list shows of one kind: its code, title, description and document systems."""

    ma: str
    ten: str
    mo_ta: str
    he_thong: tuple[str, ...]


def _folder() -> Traversable:
    packaged = resources.files(__package__ or "baocao_gen").joinpath("data", _FOLDER)
    return packaged if packaged.is_dir() else data_dir() / _FOLDER


def kind_summaries() -> list[KindSummary]:
    """Return every shipped kind's summary, sorted by code."""
    out = []
    for item in sorted(_folder().iterdir(), key=lambda item: item.name):
        if not item.name.endswith(_SUFFIX):
            continue
        header = yaml.load(item.read_text(encoding="utf-8"), Loader=_SAFE_LOADER) or {}  # noqa: S506 - a safe loader
        systems = header.get("he_thong") or ("nha_nuoc", "dang")
        out.append(
            KindSummary(
                item.name.removesuffix(_SUFFIX),
                str(header.get("ten", "")),
                str(header.get("mo_ta") or ""),
                tuple(systems),
            )
        )
    return out
