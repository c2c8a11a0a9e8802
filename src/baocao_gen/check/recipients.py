"""Nơi nhận punctuation: which line ends with the wrong mark, and which mark it should end with.

One decision shared by the rule (`rules_parts`, which reports it) and `--sua` (`repair_text`, which
fixes it), so the hint a clerk reads is exactly what the repair writes. Lines are grouped by their
`-` items (a label such as «Gửi bản điện tử:» starts a new group); within a group every line but the
last ends with `;` (a Party document may use `,`: the mark the list already uses is kept, `,` when it
uses none, as HD 36's model does), the last line and the «Lưu» line with `.`.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from .components import Components, Piece
from .findings import System
from .profiles import PROFILES, Profile

__all__ = ["ARCHIVE_LINE", "WrongEnding", "recipient_items", "wrong_endings"]

ARCHIVE_LINE = re.compile(r"^[-–]\s*Lưu\b")


@dataclass(frozen=True, slots=True)
class WrongEnding:
    """A Nơi nhận line whose final mark is wrong; `closing` when it is a group's last line or «Lưu»."""

    piece: Piece
    mark: str
    closing: bool
    archive: bool

    @property
    def corrected(self) -> str:
        """Return the line as it should read: its own text with the right final mark."""
        return self.piece.text.rstrip().rstrip(";,.") + self.mark


def recipient_items(parts: Components) -> list[Piece]:
    """Return the Nơi nhận lines that carry text (the title «Nơi nhận:» is not one of them)."""
    return [p for p in parts.recipients if p.text.strip()]


def _groups(items: list[Piece]) -> list[list[Piece]]:
    groups: list[list[Piece]] = [[]]
    for piece in items:
        if not piece.text.lstrip().startswith(("-", "–", "+")):
            groups.append([])  # a group label such as «Gửi bản điện tử:»
            continue
        groups[-1].append(piece)
    return groups


def wrong_endings(parts: Components, profile: Profile | None) -> list[WrongEnding]:
    """Return every Nơi nhận line that ends with the wrong mark, with the mark it should end with."""
    if profile is None or parts.recipients_title is None:
        return []
    state = profile is PROFILES[System.STATE]
    allowed = (";",) if state else (";", ",")
    out: list[WrongEnding] = []
    for group in _groups(recipient_items(parts)):
        habit = Counter(p.text.rstrip()[-1:] for p in group[:-1] if p.text.rstrip()[-1:] in allowed)
        separator = ";" if state else (max(habit, key=lambda mark: (habit[mark], mark)) if habit else ",")
        for i, piece in enumerate(group):
            text = piece.text.rstrip()
            archive = ARCHIVE_LINE.match(text) is not None
            closing = i == len(group) - 1 or archive
            if closing and not text.endswith("."):
                out.append(WrongEnding(piece, ".", True, archive))
            elif not closing and not text.endswith(allowed):
                out.append(WrongEnding(piece, separator, False, archive))
    return out
