"""Where a value of the model was typed, so that compute's diagnostics point at the clerk's own line.

compute works on the typed model, which has no positions; the loaded tree (`origin`) has them. Every
part of compute (references, outline, tables, frame values) asks this one object, so a report built
without a file (a library caller, a unit test) simply gets diagnostics without a place.
"""

from __future__ import annotations

from typing import Any

from ..diagnostics import Location
from ..loader import YList, YMap, YStr, location_of
from ..markup import Locator

__all__ = ["Locations"]


class Locations:
    """The loaded tree of a report, asked for the place of a key path or of a character in a value."""

    def __init__(self, origin: Any = None) -> None:
        self.origin = origin

    def at(self, *path: str | int) -> Location | None:
        """Return where the value at `path` was typed (or its nearest located ancestor)."""
        return location_of(self.origin, tuple(path)) if self.origin is not None else None

    def locator(self, text: str, *path: str | int) -> Locator | None:
        """Return where each character of `text`, the model's value at `path`, was typed.

        Only a text that is the typed value itself (or its upper case, for titles) is located character by
        character; a text the tool made (the căn cứ sentence, a kind's own titles) is located at its key.
        """
        node: Any = self.origin
        for part in path:
            if isinstance(node, YMap) and isinstance(part, str) and part in node:
                node = node[part]
            elif isinstance(node, YList) and isinstance(part, int) and 0 <= part < len(node):
                node = node[part]
            else:
                node = None
                break
        # Titles are printed in upper case (`text.upper`, which is `str.upper`), so that form is the typed value too.
        if isinstance(node, YStr) and len(node) == len(text) and text in (node, node.upper()):
            return node.location_at
        where = self.at(*path)
        return None if where is None else lambda offset: where
