"""The text a clerk typed, found in the loaded tree with its place: what the integrity rules read.

The rules judge the words as typed (a pasted "552 hồ sơ", "huyện Ba Tô"), so they read the loaded
tree, where every value is a `YStr` that can say where each of its characters was typed, not the
model, which has lost the places. Profile keys (the unit's names, the signer, Nơi nhận) are the
reference the prose is compared with, so they are not read as prose.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ..loader import YList, YMap, YStr

__all__ = ["TITLE_KEYS", "TypedText", "typed_texts"]

TEXT_KEYS = ("trich_yeu", "mo_dau", "noi_dung", "ket_thuc", "mo_hinh", "chu_thich", "phu_luc")
"""Top-level keys whose values are the report's own words (headings, prose, căn cứ, tables)."""

TITLE_KEYS = frozenset({"tieu_de", "ten", "trich_yeu", "tieu_de_phu"})
"""Keys whose text is a heading (a title printed on its own line)."""


@dataclass(frozen=True)
class TypedText:
    """One typed value: its text (which can locate its own characters), its key path, whether it is a heading."""

    text: YStr
    path: tuple[str | int, ...]

    @property
    def is_title(self) -> bool:
        return any(isinstance(part, str) and part in TITLE_KEYS for part in self.path[-1:])

    @property
    def in_opening(self) -> bool:
        """Return whether the text is part of the opening (mo_dau: the căn cứ the report answers)."""
        return bool(self.path) and self.path[0] == "mo_dau"


def typed_texts(tree: Any) -> Iterator[TypedText]:
    """Yield every typed text of the report's own words, in file order."""
    if not isinstance(tree, YMap):
        return
    for key in TEXT_KEYS:
        if key in tree:
            yield from _walk(tree[key], (key,))


def _walk(node: Any, path: tuple[str | int, ...]) -> Iterator[TypedText]:
    if isinstance(node, YStr):
        if not node.is_null and node.strip():
            yield TypedText(node, path)
    elif isinstance(node, YMap):
        for key, value in node.items():
            yield from _walk(value, (*path, key))
    elif isinstance(node, YList):
        for index, value in enumerate(node):
            yield from _walk(value, (*path, index))
