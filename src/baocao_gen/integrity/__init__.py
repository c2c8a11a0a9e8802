"""Integrity of what a clerk types or pastes (issue 10, points 4–8): figures, rates, names, periods.

The tool computes numbers, totals and sentences when its features are used; these rules catch the
same things when they are typed instead (a pasted sentence whose total does not add up, a rate its
counts do not give, the district spelt one diacritic off, last year's year in a heading). Every rule
reads the typed text with its places (`texts`) and returns warnings; `strict` turns them into errors
for an office that wants nothing with a warning written (`--nghiem-ngat`, profile `nghiem_ngat: có`).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from ..diagnostics import Diagnostic, Severity
from ..kinds import Kind
from ..model import BaoCao
from .figures import restated_figures, typed_rates
from .names import name_near_misses
from .period import period_problems
from .texts import typed_texts

__all__ = ["STRICT_NOTE", "check_integrity", "strict"]

STRICT_NOTE = " (chế độ nghiêm ngặt: cảnh báo được tính là lỗi)"


def check_integrity(
    report: BaoCao, tree: Any, figures: dict[str, Any], kind: Kind | None
) -> list[Diagnostic]:
    """Return the warnings of every integrity rule for a validated report and its loaded tree."""
    texts = list(typed_texts(tree))
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
