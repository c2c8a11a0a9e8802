"""The strings a clerk typed, with their key paths, read from the loaded tree (not the model).

The integrity rules judge the words as typed (a pasted "552 hồ sơ", "huyện Ba Tô"), where they were
typed: the loaded tree keeps every value as a `YStr` that can say where each of its characters sits
in the file, even inside a `|` block, while the model has lost the places. So every rule reads the
tree through the one walker here, `typed_texts`: the document checks and the numbering checks read
the whole tree; the rules that compare prose with the profile read only the report's own words
(`REPORT_KEYS`), since the profile's names, signer and Nơi nhận are what the prose is compared with.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any, NamedTuple

from ..loader import YList, YMap, YStr

__all__ = [
    "PROSE_KEYS",
    "REPORT_KEYS",
    "TITLE_KEYS",
    "Path",
    "TypedText",
    "is_prose",
    "node_at",
    "typed_texts",
]

Path = tuple[str | int, ...]

PROSE_KEYS = frozenset({"van_ban", "van_ban_sau", "ket_thuc", "bao_cao"})
"""Keys whose value is prose in the markup of docs/danh-dau.md (one line, one paragraph)."""

REPORT_KEYS = ("trich_yeu", "mo_dau", "noi_dung", "ket_thuc", "mo_hinh", "chu_thich", "phu_luc")
"""Top-level keys whose values are the report's own words (headings, prose, căn cứ, tables)."""

TITLE_KEYS = frozenset({"tieu_de", "ten", "trich_yeu", "tieu_de_phu"})
"""Keys whose text is a heading (a title printed on its own line)."""


class TypedText(NamedTuple):
    """One typed value: its key path and its text (which can locate its own characters).

    A named pair, so a rule can unpack it (`for path, text in typed_texts(tree)`) or ask it questions.
    """

    path: Path
    text: YStr

    @property
    def is_title(self) -> bool:
        """Return whether the text is a heading (its own key is one of `TITLE_KEYS`)."""
        return any(isinstance(part, str) and part in TITLE_KEYS for part in self.path[-1:])

    @property
    def in_opening(self) -> bool:
        """Return whether the text is part of the opening (mo_dau: the căn cứ the report answers)."""
        return bool(self.path) and self.path[0] == "mo_dau"


def typed_texts(tree: Any, keys: Iterable[str] | None = None) -> Iterator[TypedText]:
    """Yield every non-blank typed string of `tree` with its key path, in reading order.

    `keys` limits the walk to those top-level keys, read in the order given (`REPORT_KEYS` for the
    report's own words); by default every key is read in file order.
    """
    if keys is None:
        yield from _walk(tree, ())
    elif isinstance(tree, YMap):
        for key in keys:
            if key in tree:
                yield from _walk(tree[key], (key,))


def _walk(node: Any, path: Path) -> Iterator[TypedText]:
    """Yield the typed strings under `node` in reading order.

    With an explicit stack instead of one generator per level: a nested generator passes every value
    up through each level above it, and the integrity rules walk the whole tree several times
    (≈1 ms a walk for Phổ Hòa before, half of that now).
    """
    stack: list[tuple[Any, Path]] = [(node, path)]
    while stack:
        node, path = stack.pop()
        if isinstance(node, YStr):
            # A blank value has nothing to judge (and a null one was not typed at all).
            if not node.is_null and node.strip():
                yield TypedText(path, node)
        elif isinstance(node, YMap):
            stack.extend(reversed([(child, (*path, str(key))) for key, child in node.items()]))
        elif isinstance(node, YList):
            stack.extend(reversed([(child, (*path, index)) for index, child in enumerate(node)]))


def is_prose(path: Path) -> bool:
    """Return whether the value at `path` is a block of prose (paragraphs, lists), not a one-line value."""
    if not path:
        return False
    if path[-1] in PROSE_KEYS or path == ("mo_dau",):
        return True
    return len(path) == 2 and path[0] == "chu_thich"


def node_at(tree: Any, path: Path) -> Any:
    """Return the loaded node at `path`, or None."""
    node = tree
    for part in path:
        if isinstance(node, YMap) and isinstance(part, str) and part in node:
            node = node[part]
        elif isinstance(node, YList) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
        else:
            return None
    return node
