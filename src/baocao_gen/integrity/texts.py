"""The strings a clerk typed, with their key paths, read from the loaded tree (not the model).

The integrity rules look at what was typed, where it was typed: the loaded tree keeps every value as
a `YStr` that can say where each of its characters sits in the file, even inside a `|` block, so
the rules read the tree and leave the model (which has no positions) to the stages that build.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..loader import YList, YMap, YStr

__all__ = ["PROSE_KEYS", "Path", "is_prose", "node_at", "typed_texts"]

Path = tuple[str | int, ...]

PROSE_KEYS = frozenset({"van_ban", "van_ban_sau", "ket_thuc", "bao_cao"})
"""Keys whose value is prose in the markup of docs/danh-dau.md (one line, one paragraph)."""


def typed_texts(node: Any, path: Path = ()) -> Iterator[tuple[Path, YStr]]:
    """Yield every typed string below `node` in reading order, with its key path."""
    if isinstance(node, YStr):
        if not node.is_null:
            yield path, node
    elif isinstance(node, YMap):
        for key, child in node.items():
            yield from typed_texts(child, (*path, str(key)))
    elif isinstance(node, YList):
        for index, child in enumerate(node):
            yield from typed_texts(child, (*path, index))


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
