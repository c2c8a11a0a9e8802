"""Stage 3, compute: model → document tree and template values, with everything derived filled in.

A clerk never types a heading number, a point letter, a total, the punctuation of Nơi nhận or the
form of the số/ký hiệu: they are computed here from position and data, so they cannot be duplicated,
skipped or inconsistent. Each job has its module:

- `locations`: where a value was typed, for every diagnostic;
- `references`: figures, standard sentences, citations, and the footnotes' numbering (`Notes`);
- `text`: typed markup → document inlines and blocks, through the references;
- `outline`: heading and point numbers; `body`: opening, sections, closing; `appendices`;
- `frame_values`: số/ký hiệu, header columns, Nơi nhận, signature;
- tables are built by `baocao_gen.tables`, which needs only a `TextResolver`.

`compute()` below walks the document in reading order (opening, body, closing, appendices), since
footnotes are numbered in order of appearance.
"""

from __future__ import annotations

from typing import Any

from ..citations import unit_citations
from ..comparison import Compare
from ..diagnostics import Diagnostic
from ..document import Paragraph
from ..kinds import load_kind
from ..markup import plain_text
from ..model import BaoCao
from ..ooxml.frame import FrameSpec, fits, frame_of_file
from ..resources import template_path
from ..rules.compute_rules import DOCUMENT_RULES, FRAME_RULES, DocumentSubject, FrameSubject
from .appendices import appendices
from .body import body, closing, opening
from .frame_values import HEADER_SHARE, FrameValues, split_header
from .locations import Locations
from .outline import Numbering
from .plan import Plan
from .references import Notes, References
from .text import TextResolver, upper

__all__ = ["HEADER_SHARE", "Plan", "compute", "fits", "split_header", "upper"]


def compute(
    report: BaoCao,
    origin: Any = None,
    figures: dict[str, Any] | None = None,
    frame: FrameSpec | None = None,
    compare: Compare | None = None,
) -> tuple[Plan, list[Diagnostic]]:
    """Return the render plan of a validated report; `origin` is the loaded tree, for locations;
    `figures` are the report's figures with the kind's totals (default: the figures as typed);
    `frame` the measurements of the template it will be rendered into (default: the built-in one);
    `compare` gives `{name|so_sanh}`, the change since the previous period (`ky_truoc`)."""
    diagnostics: list[Diagnostic] = []
    locations = Locations(origin)
    own = unit_citations(report.van_ban_don_vi)
    references = References(
        report.so_lieu if figures is None else figures, load_kind(report.loai), diagnostics, compare, own
    )
    notes = Notes(report.chu_thich, references, locations)
    text = TextResolver(references, notes, locations)
    numbering = Numbering(report.danh_so, locations, diagnostics)
    frame_values = FrameValues(report, locations, diagnostics)

    # Reading order matters: footnotes are numbered as they are met.
    trich_yeu = text.inline(report.trich_yeu, "trich_yeu")
    slots = {
        "mo_dau": opening(report, text),
        "noi_dung": body(report.noi_dung, text, numbering),
        "ket_thuc": closing(report, text),
    }
    if not slots["ket_thuc"] and slots["noi_dung"] and isinstance(slots["noi_dung"][-1], Paragraph):
        # No closing words: the last paragraph of the body goes with the signature instead.
        slots["noi_dung"][-1].keep_next = True
    attached = appendices(report.phu_luc, text, numbering, frame_values.attached_line)
    slots["phu_luc"] = attached.blocks
    diagnostics.extend(DOCUMENT_RULES.run(DocumentSubject(report, locations, notes.used)))
    spec = frame or frame_of_file(template_path(report.he_thong), report.he_thong)
    values = frame_values.values(trich_yeu, spec)
    diagnostics.extend(FRAME_RULES.run(FrameSubject(report, locations, spec, values)))

    plan = Plan(
        system=report.he_thong,
        values=values,
        title=plain_text(trich_yeu),
        slots=slots,
        trich_yeu=trich_yeu,
        footnotes=notes.footnotes,
        final_orientation=attached.final_orientation,
        final_restart=bool(report.phu_luc),
        section_count=attached.section_count,
        diagnostics=diagnostics,
    )
    return plan, diagnostics
