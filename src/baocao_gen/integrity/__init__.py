"""Integrity of what a clerk types or pastes: the step between validate and compute (issue 10).

The tool computes numbers, letters, dates, totals and citations when its features are used; clerks
paste last year's report instead. This step reads what was typed, where it was typed (the loaded
tree; `texts.typed_texts` finds it with its places):

- `numbering`: numbers and letters typed where the tool prints its own (warned, and cut from the
  model so the output never shows two), and hand-typed lists in prose that skip or repeat;
- `documents`: every cited document compared with the others and with the registries;
- `own`: the căn cứ that name a registered document by key;
- `figures`: standard sentences retyped with numbers, typed rates, checked against the figures;
- `names`: the unit, its superior or its place spelt one letter or diacritic off the profile;
- `period`: a căn cứ after the report's date, next period's year, last year's year in a heading.

Everything here is a warning except a key that names no document: the report still renders.
`strict` turns warnings into errors for an office that wants nothing with a warning written
(`--nghiem-ngat`, profile `nghiem_ngat: có`).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from ..citations import load_registry, unit_citations
from ..diagnostics import Diagnostic, Severity
from ..kinds import Kind
from ..model import BaoCao, Muc
from .documents import check_documents
from .figures import restated_figures, typed_rates
from .names import name_near_misses
from .numbering import TypedLeads, check_prose_lists
from .own import resolve_basis, shadowed_keys
from .period import period_problems
from .texts import REPORT_KEYS, Path, typed_texts

__all__ = ["STRICT_NOTE", "check_integrity", "check_typed", "strict"]

STRICT_NOTE = " (chế độ nghiêm ngặt: cảnh báo được tính là lỗi)"


def check_typed(report: BaoCao, tree: Any) -> tuple[BaoCao, list[Diagnostic]]:
    """Return the report with typed leads cut and căn cứ keys filled in, and every integrity diagnostic."""
    shipped = load_registry()
    own = unit_citations(report.van_ban_don_vi)
    leads = TypedLeads(tree).run()
    diagnostics = [*leads.diagnostics, *check_prose_lists(tree)]
    report, problems = resolve_basis(report, tree, {**shipped, **own})
    diagnostics += problems
    diagnostics += shadowed_keys(tree, own, shipped)
    diagnostics += check_documents(tree, shipped, own)
    return _cut(report, leads.cuts), diagnostics


def _cut(report: BaoCao, cuts: dict[Path, tuple[int, int]]) -> BaoCao:
    """Return the report without the typed numbers found at `cuts` (path → span of the typed number)."""
    if not cuts:
        return report
    sections = _cut_sections(report.noi_dung, ("noi_dung",), cuts)
    models = [
        model.model_copy(update={"ten": _without(model.ten, cuts[("mo_hinh", index, "ten")])})
        if ("mo_hinh", index, "ten") in cuts
        else model
        for index, model in enumerate(report.mo_hinh)
    ]
    return report.model_copy(update={"noi_dung": sections, "mo_hinh": models})


def _cut_sections(sections: list[Muc], path: Path, cuts: dict[Path, tuple[int, int]]) -> list[Muc]:
    out = []
    for index, section in enumerate(sections):
        here = (*path, index)
        update: dict[str, Any] = {}
        for field in ("tieu_de", "van_ban"):
            span = cuts.get((*here, field))
            value = getattr(section, field)
            if span is not None and value is not None:
                update[field] = _without(value, span)
        if section.muc:
            update["muc"] = _cut_sections(section.muc, (*here, "muc"), cuts)
        out.append(section.model_copy(update=update) if update else section)
    return out


def _without(text: str, span: tuple[int, int]) -> str:
    return text[: span[0]] + text[span[1] :]


def check_integrity(
    report: BaoCao, tree: Any, figures: dict[str, Any], kind: Kind | None
) -> list[Diagnostic]:
    """Return the warnings of every integrity rule for a validated report and its loaded tree."""
    texts = list(typed_texts(tree, REPORT_KEYS))
    return [
        *restated_figures(texts, kind, figures),
        *typed_rates(texts, kind, figures),
        *name_near_misses(texts, report),
        *period_problems(report, texts, tree),
    ]


def strict(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """Return `diagnostics` with every warning made an error: nothing with a warning is written."""
    return [
        replace(d, severity=Severity.ERROR, message=d.message + STRICT_NOTE)
        if d.severity is Severity.WARNING
        else d
        for d in diagnostics
    ]
