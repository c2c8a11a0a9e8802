"""The shipped report kinds as `baocao templates` lists them, read without the kind model.

The list must come up as fast as `--help`: reading a kind through `kinds.py` validates it with
pydantic, parses its figures with babel and locates every value, which costs several times the whole
start-up of the command. Listing needs three plain header keys (`ten`, `mo_ta`, `he_thong`); the
files themselves are validated by `kinds.py` whenever a kind is used, and by tests/test_kinds.py.
"""

from __future__ import annotations

from collections.abc import Iterator
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
        header = _header(item.read_text(encoding="utf-8"))
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


_HEADER_KEYS = frozenset({"ten", "mo_ta", "he_thong"})


def _header(text: str) -> dict[str, str | list[str]]:
    """Return the header keys of a kind file as written, reading its libyaml events only until all are seen.

    Loading each whole file (up to 23 KB of outline, figures and tables: 5 ms for the four, and more
    on the command's first YAML load) for three keys that come first was a noticeable part of a
    command that must start as fast as a bare Typer app (0.4 ms now, measured). A valid kind has them as
    plain text (`ten`, `mo_ta`) and a list of plain words (`he_thong`), so an event's text is the
    loaded value; tests/test_startup.py compares the list with the validated kinds.
    """
    events = yaml.parse(text, Loader=_SAFE_LOADER)  # noqa: S506 - a safe loader, events only
    found: dict[str, str | list[str]] = {}
    starts = [next(events, None) for _ in range(3)]  # stream start, document start, the root's start
    if not isinstance(starts[-1], yaml.MappingStartEvent):
        return found
    for key in events:
        if not isinstance(key, yaml.ScalarEvent):
            break  # the end of the root mapping
        value = _plain_value(events)
        if key.value in _HEADER_KEYS and value is not None:
            found[key.value] = value
        if len(found) == len(_HEADER_KEYS):
            break
    return found


def _plain_value(events: Iterator[yaml.Event]) -> str | list[str] | None:
    """Consume one value's events; return a scalar's text, or the texts of a list's scalar items."""
    first = next(events)
    if isinstance(first, yaml.ScalarEvent):
        return first.value
    if not isinstance(first, yaml.CollectionStartEvent):
        return None  # an alias
    depth, items = 1, []
    for event in events:
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
            if depth == 0:
                break
        elif isinstance(event, yaml.ScalarEvent) and depth == 1:
            items.append(event.value)
    return items if isinstance(first, yaml.SequenceStartEvent) else None
