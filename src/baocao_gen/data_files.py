"""Which data files are unit profiles and which are period files: one answer for every command.

A unit profile (`don-vi.yaml`) holds the unit's stable facts and is extended by its period files
(`ke_thua`); it is no report, so the commands that take a whole folder (`batch`, `tong-hop`) skip it.
A file is a profile when any of three things says so: its name, another file of the same set
extending it, or its content (with what it extends, it holds none of the keys only a period file
has). A file that cannot be read is not called a profile: the command that reads it says why.

Only the top-level keys and `ke_thua` decide, so a file is read as libyaml's events, without
building the located tree (`batch` asks this of 200 files in the parent, before any worker starts,
and each profile is read once however many files extend it). Whatever the full loader might read
differently or refuse (an error, an anchor or tag, a limit, a tab or byte-order mark, a root that is
no mapping) sends that file to `loader.load_data`, whose answer is the reference.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import yaml

from .limits import MAX_DEPTH, MAX_FILE_BYTES, MAX_INHERIT_DEPTH, MAX_LIST_ITEMS, MAX_SCALAR_CHARS
from .loader import INHERIT_KEY, YMap, load_data

__all__ = ["DATA_SUFFIXES", "PERIOD_KEYS", "PROFILE_NAMES", "unit_profiles"]

DATA_SUFFIXES = (".yaml", ".yml")
PROFILE_NAMES = frozenset({"don-vi.yaml", "don-vi.yml"})
PERIOD_KEYS = frozenset(
    {"trich_yeu", "ky", "noi_dung", "so_lieu", "mo_dau", "ket_thuc", "phu_luc", "mo_hinh"}
)
"""Keys that only a period file has; a file (with what it extends) holding none of them is a profile."""

_NULLS = frozenset({"", "~", "null", "Null", "NULL"})  # a plain scalar the loader reads as blank
# The characters the loader does not leave to libyaml (`loader._FAST_UNSAFE`; tests/test_perf_plan.py
# checks they agree): text holding one is read by the full loader here too.
_UNSAFE = re.compile("[\x00-\x09\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufeff\u2028\u2029\ufffe\uffff]")
_EVENTS: type | None = getattr(yaml, "CSafeLoader", None)  # libyaml; None when PyYAML was built without it


@dataclass(frozen=True, slots=True)
class _Head:
    """What decides a file: its top-level keys and what it extends (None: nothing; "": not a file name)."""

    keys: frozenset[str]
    inherits: str | None


def unit_profiles(paths: Iterable[Path]) -> set[Path]:
    """Return the resolved paths of the unit profiles among `paths` (each file is read once)."""
    given = {path: path.resolve() for path in paths}
    heads: dict[Path, _Head | None] = {}
    profiles: set[Path] = set()
    for path, resolved in given.items():
        if path.name.lower() in PROFILE_NAMES:
            profiles.add(resolved)
        chain = _light_chain(path, resolved, heads)
        if chain is None:
            sources, keys = _full_chain(path)
            if sources is None:
                continue  # unreadable: the command that reads it will say why
        else:
            sources, keys = chain
        profiles.update(sources[1:])  # what it extends (`ke_thua`)
        if not PERIOD_KEYS & keys:
            profiles.add(resolved)
    return profiles & set(given.values())


def _full_chain(path: Path) -> tuple[tuple[Path, ...] | None, frozenset[str]]:
    """Return the files `load_data` read for `path` (itself first) and its merged top-level keys."""
    tree, _ = load_data(path)
    if not isinstance(tree, YMap):
        return None, frozenset()
    return tuple(getattr(tree, "sources", ())), frozenset(tree.keys())


def _light_chain(
    path: Path, resolved: Path, heads: dict[Path, _Head | None]
) -> tuple[tuple[Path, ...], frozenset[str]] | None:
    """Return what `_full_chain` returns, from the heads of the files; None when a head cannot be read.

    The chain is followed as `loader.load_data` follows it: it stops at a blank or non-text `ke_thua`,
    a loop, `MAX_INHERIT_DEPTH`, or a file that does not exist.
    """
    read: list[Path] = []
    keys: set[str] = set()
    current = path
    for depth in range(MAX_INHERIT_DEPTH + 1):
        read.append(resolved)
        if resolved not in heads:
            heads[resolved] = _head(current)
        head = heads[resolved]
        if head is None:
            return None
        keys |= head.keys
        if not head.inherits:
            break
        parent = (resolved.parent / head.inherits).resolve()
        if parent in read or depth >= MAX_INHERIT_DEPTH or not parent.is_file():
            break
        current = resolved = parent
    return tuple(read), frozenset(keys - {INHERIT_KEY})


def _head(path: Path) -> _Head | None:
    """Return a file's top-level keys and `ke_thua` read from libyaml's events, or None when only the
    full loader can say (see the module's docstring)."""
    if _EVENTS is None:
        return None
    try:
        with path.open("rb") as stream:
            raw = stream.read(MAX_FILE_BYTES + 1)
        text = raw.decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    if len(raw) > MAX_FILE_BYTES or _UNSAFE.search(text):
        return None
    if any(len(line) > MAX_SCALAR_CHARS for line in text.splitlines()):
        return None
    try:
        return _read_head(yaml.parse(text, Loader=_EVENTS))  # noqa: S506 - events only, nothing constructed
    except (yaml.YAMLError, UnicodeError, RecursionError):
        return None


def _read_head(events: Iterable[yaml.Event]) -> _Head | None:
    """Return the head of a one-document stream whose root is a mapping of scalar keys, else None."""
    keys: set[str] = set()
    inherits: str | None = None
    documents = 0
    open_: list[list[int]] = []  # for each open collection: [is a sequence, nodes met directly in it]
    key: str | None = None  # the top-level key whose value comes next
    for event in events:
        if isinstance(event, yaml.DocumentStartEvent):
            documents += 1
            if documents > 1:
                return None
            continue
        if isinstance(event, yaml.CollectionEndEvent):
            open_.pop()
            continue
        if not isinstance(event, yaml.NodeEvent):
            continue
        if (
            isinstance(event, yaml.AliasEvent)
            or event.anchor is not None
            or getattr(event, "tag", None) is not None
        ):
            return None
        opens = isinstance(event, yaml.SequenceStartEvent | yaml.MappingStartEvent)
        if not open_ and not isinstance(event, yaml.MappingStartEvent):
            return None  # the root is no mapping
        if opens and len(open_) >= MAX_DEPTH:
            return None
        if isinstance(event, yaml.ScalarEvent) and len(event.value) > MAX_SCALAR_CHARS:
            return None
        if open_:
            container = open_[-1]
            container[1] += 1
            if container[0] and container[1] >= MAX_LIST_ITEMS:
                return None  # at the loader's list limit: let it decide
            if len(open_) == 1 and container[1] % 2:  # a key of the root mapping
                if not isinstance(event, yaml.ScalarEvent):
                    return None
                key = unicodedata.normalize("NFC", event.value)
                if key in keys:
                    return None  # the loader reports it; let it say which one counts
                keys.add(key)
            elif len(open_) == 1 and key == INHERIT_KEY:
                inherits = _inherit_value(event)
        if opens:
            open_.append([isinstance(event, yaml.SequenceStartEvent), 0])
    return _Head(frozenset(keys), inherits)


def _inherit_value(event: yaml.Event) -> str:
    """Return the file a `ke_thua` value names, "" when it names none (blank, a list, a mapping)."""
    if not isinstance(event, yaml.ScalarEvent):
        return ""
    value = unicodedata.normalize("NFC", event.value)
    plain = not event.style
    return "" if plain and value in _NULLS else value
