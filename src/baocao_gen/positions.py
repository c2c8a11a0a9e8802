"""Where a character of a YAML value was typed: an offset into the value → a line and column of the file.

A mistake inside a paragraph of a `|` block (an unclosed `*`, a wrong date, a figure that does not
exist) must be shown at its own line and column, not at the `|` that opens the block: a clerk's block
is often a page long. The loader keeps, for each scalar, where it starts and the text exactly as typed;
this module lines that text up with the value YAML made of it.

- `|` (literal) blocks map exactly: value line k is file line k after the indicator, shifted right by
  the block's indentation.
- Plain, `>` (folded) and quoted scalars fold lines into spaces, drop indentation and turn escapes
  (`\\"`, `''`, `\\u00e9`) into one character; the typed text is walked alongside the value, skipping
  what YAML dropped. An offset that cannot be lined up falls back to where the value starts.
"""

from __future__ import annotations

import bisect
import re

__all__ = ["ValueMap"]

# YAML's line breaks (PyYAML counts each as one line, \r\n as one).
_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
_SPACE = " \t\r\n\x85\u2028\u2029\ufeff"
# Lengths of the escapes of a double-quoted scalar that are longer than two characters.
_ESCAPE_LENGTH = {"x": 4, "u": 6, "U": 10}


class ValueMap:
    """Where each character of one scalar's value was typed; built once, when a diagnostic needs it.

    `source` is the scalar as typed (from its first character, or its `|`/`>` indicator, to its end)
    and `start` the 0-based line and column of that first character. Both the value and `source` are
    NFC; columns count NFC characters.
    """

    def __init__(self, value: str, source: str, style: str | None, start: tuple[int, int]):
        self.value = value
        self.source = source
        self.style = style
        self.start = start
        self._indices: list[int | None] | None = None
        self._line_starts = [0, *(m.end() for m in _BREAK.finditer(source))]

    def at(self, offset: int) -> tuple[int, int] | None:
        """Return the 0-based (line, column) of `value[offset]` in the file, or None when it cannot be told."""
        offset = max(0, min(offset, len(self.value)))
        if self.style == "|":
            return self._literal(offset)
        if self._indices is None:
            self._indices = _aligned(self.value, self.source, self.style)
        index = self._indices[offset] if offset < len(self._indices) else None
        if index is None:
            return None
        row = bisect.bisect_right(self._line_starts, index) - 1
        if row == 0:
            return self.start[0], self.start[1] + index
        return self.start[0] + row, index - self._line_starts[row]

    def _literal(self, offset: int) -> tuple[int, int] | None:
        """Value line k of a literal block is file line k after the header, at the block's indentation."""
        lines = _BREAK.split(self.source)[1:]  # the header line (`|`, `|-`, `|2 # note`) holds no value
        # Every content line is indented at least as far as the block; blank lines may be indented less.
        indent = min((len(line) - len(line.lstrip(" ")) for line in lines if line.strip(" ")), default=0)
        row = self.value.count("\n", 0, offset)
        if row >= len(lines):
            return None
        return self.start[0] + 1 + row, indent + offset - (self.value.rfind("\n", 0, offset) + 1)


def _aligned(value: str, source: str, style: str | None) -> list[int | None]:
    """Return, for each character of `value`, the index in `source` of the character YAML made it from
    (None from where the two stop lining up)."""
    out: list[int | None] = [None] * len(value)
    j = 0
    if style == ">":
        first = _BREAK.search(source)
        j = first.end() if first else len(source)
    elif style in ('"', "'"):
        j = 1  # the opening quote
    i = 0
    while j < len(source) and i < len(value):
        char, typed = value[i], source[j]
        if style == '"' and typed == "\\":
            joined = _BREAK.match(source, j + 1)
            if joined:  # an escaped line break joins the lines
                j = joined.end()
                while j < len(source) and source[j] in " \t":
                    j += 1
                continue
            out[i] = j
            i, j = i + 1, j + _ESCAPE_LENGTH.get(source[j + 1 : j + 2], 2)
            continue
        if style == "'" and typed == "'" and source[j + 1 : j + 2] == "'":
            out[i] = j
            i, j = i + 1, j + 2
            continue
        if char == typed:
            out[i] = j
            i, j = i + 1, j + 1
            continue
        if typed in _SPACE:
            fold = _BREAK.match(source, j)
            if fold and char in " \n":
                out[i] = j  # a folded line break: the value's space or newline stands for it
                i, j = i + 1, fold.end()
                continue
            j += 1  # indentation, or spaces YAML dropped around a fold
            continue
        break  # a character YAML changed in a way not foreseen here: the rest is not told
    return out
