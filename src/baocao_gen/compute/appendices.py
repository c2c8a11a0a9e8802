"""The appendices (phụ lục): each on its own pages, in its own orientation, after the signature.

Each appendix starts a section of its own (a landscape table needs a landscape page) and is labelled
"Phụ lục I, II…" (only "Phụ lục" when there is one), with its title and the line that attaches it
to the report; its tables are built by `tables` with totals computed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from ..document import Block, Paragraph, Run, SectionBreak
from ..model import Bang, PhuLuc
from ..tables import build_table
from .outline import Numbering
from .text import TextResolver, upper

__all__ = ["Appendices", "appendices"]

Orientation = Literal["portrait", "landscape"]


@dataclass
class Appendices:
    """The appendices' blocks, and the sections the document then has (render checks the count)."""

    blocks: list[Block] = field(default_factory=list)
    final_orientation: Orientation = "portrait"
    section_count: int = 1


def appendices(
    items: list[PhuLuc], text: TextResolver, numbering: Numbering, attached_line: Callable[[], str]
) -> Appendices:
    """Return the blocks of the report's appendices (`phu_luc`).

    `attached_line` makes "(Kèm theo Báo cáo số …)", the default subtitle; it is called only when an
    appendix has none of its own, so a số/ký hiệu problem is reported where it is first needed.
    """
    if not items:
        return Appendices()
    blocks: list[Block] = [SectionBreak("portrait", restart_page_numbers=False)]
    for index, appendix in enumerate(items, start=1):
        here = ("phu_luc", index - 1)
        orientation = _orientation(appendix)
        label = "Phụ lục" if len(items) == 1 else f"Phụ lục {numbering.roman(index, here, 'phụ lục')}"
        blocks.append(Paragraph([Run(label)], style="PhuLucSo", keep_next=True))
        blocks.append(
            Paragraph(
                text.inline(upper(appendix.tieu_de or ""), *here, "tieu_de"),
                style="PhuLucTieuDe",
                keep_next=True,
            )
        )
        blocks.append(
            Paragraph(
                text.inline(appendix.tieu_de_phu or attached_line(), *here, "tieu_de_phu"),
                style="PhuLucPhu",
                keep_next=True,
            )
        )
        blocks.extend(text.prose(appendix.van_ban, *here, "van_ban"))
        for t_index, table in enumerate(appendix.bang):
            blocks.extend(_appendix_table(appendix.ma, table, here, t_index, orientation, label, text))
        blocks.extend(text.prose(appendix.van_ban_sau, *here, "van_ban_sau"))
        if index < len(items):
            blocks.append(SectionBreak(orientation, restart_page_numbers=True))
    return Appendices(blocks, _orientation(items[-1]), 1 + len(items))


def _orientation(appendix: PhuLuc) -> Orientation:
    return "landscape" if appendix.huong == "ngang" else "portrait"


def _appendix_table(
    code: str | None,
    table: Bang,
    here: tuple[str | int, ...],
    t_index: int,
    orientation: str,
    label: str,
    text: TextResolver,
) -> list[Block]:
    """Build one appendix table, pointing diagnostics where the clerk typed its rows.

    An appendix with `ma` got the kind's layout as its first table, filled with the appendix's own
    `dong` (typed at `phu_luc[i].dong`); the tables typed under its `bang` follow, one place further on
    than where they were typed.
    """
    if not code:
        return build_table(table, text, (*here, "bang", t_index), orientation, label)
    if t_index == 0:
        return build_table(table, text, here, orientation, label)
    return build_table(table, text, (*here, "bang", t_index - 1), orientation, label)
