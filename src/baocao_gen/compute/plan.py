"""The plan: everything render needs from compute, and nothing render must work out for itself."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..diagnostics import Diagnostic
from ..document import Block, Footnote, Inline

__all__ = ["Plan"]


@dataclass
class Plan:
    """What render needs: template values, blocks per slot, footnotes and the expected sections."""

    system: str
    values: dict[str, Any]
    slots: dict[str, list[Block]]
    trich_yeu: list[Inline]
    footnotes: list[Footnote]
    title: str = ""
    final_orientation: str = "portrait"
    final_restart: bool = False
    section_count: int = 1
    diagnostics: list[Diagnostic] = field(default_factory=list)
