"""A căn cứ that names a registered document by key (`trich_dan: kh47`) is filled in from it (point 3).

The căn cứ paragraph is built from fields (loại, số, ngày, cơ quan, trích yếu); a document the unit
registered in `van_ban_don_vi` (or a well-known one of `baocao trich-dan`) is named by its key
instead, so the căn cứ prints exactly what the prose and the appendix list print.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..citations import Citation, unit_citations
from ..codes import Code
from ..diagnostics import Diagnostic, Severity, has_errors
from ..loader import YMap, load_data, location_of
from ..model import BaoCao, CanCu, MoDau, VanBanDonVi

__all__ = ["resolve_basis", "shadowed_keys", "unit_documents"]


def unit_documents(data_path: Path) -> tuple[dict[str, Citation], list[Diagnostic]]:
    """Return the documents a data file (or the profile it extends) registers, for `baocao trich-dan`.

    A profile alone is not a whole report, so only `van_ban_don_vi` is validated here.
    """
    tree, problems = load_data(data_path)
    if tree is None or has_errors(problems):
        return {}, problems
    entries = tree.get("van_ban_don_vi") if isinstance(tree, YMap) else None
    documents: dict[str, VanBanDonVi] = {}
    out: list[Diagnostic] = []
    for key, entry in entries.items() if isinstance(entries, YMap) else []:
        try:
            documents[str(key)] = VanBanDonVi.model_validate(entry)
        except ValidationError as error:
            out.append(
                Diagnostic(
                    Code.WRONG_TYPE,
                    f"văn bản «{key}» trong `van_ban_don_vi` khai chưa đúng: {error.errors()[0]['msg']}",
                    location_of(tree, ("van_ban_don_vi", str(key))),
                    hint="mỗi văn bản cần loai, so; ngay dạng 10/3/2023 (xem docs/du-lieu.md); chạy `baocao validate` để xem chi tiết",
                )
            )
    return unit_citations(documents), out


def resolve_basis(
    report: BaoCao, tree: Any, citations: dict[str, Citation]
) -> tuple[BaoCao, list[Diagnostic]]:
    """Return the report with each `can_cu` that has `trich_dan` filled from its document, and the problems."""
    opening = report.mo_dau
    if not isinstance(opening, MoDau) or not any(basis.trich_dan for basis in opening.can_cu):
        return report, []
    out: list[Diagnostic] = []
    filled = []
    for index, basis in enumerate(opening.can_cu):
        key = (basis.trich_dan or "").strip()
        if not key:
            filled.append(basis)
            continue
        here = ("mo_dau", "can_cu", index)
        entry = citations.get(key)
        if entry is None:
            out.append(
                Diagnostic(
                    Code.MISSING_REFERENCE,
                    f"không có văn bản «{key}» trong `van_ban_don_vi` hay danh mục trích dẫn.",
                    location_of(tree, (*here, "trich_dan")),
                    key,
                    "khai văn bản trong `van_ban_don_vi` (xem docs/du-lieu.md), hoặc xem danh mục bằng `baocao trich-dan`",
                )
            )
            filled.append(basis)
            continue
        for field, typed, registered in (("so", basis.so, entry.so), ("ngay", basis.ngay, entry.ngay)):
            if typed is not None and typed != registered:
                out.append(
                    Diagnostic(
                        Code.CITATION_CONFLICT,
                        f"căn cứ gõ `{field}` khác với văn bản «{key}» đã khai; công cụ in theo văn bản đã khai.",
                        location_of(tree, (*here, field)),
                        str(typed),
                        f"xóa `{field}` ở căn cứ này: `trich_dan: {key}` đã đủ",
                        severity=Severity.WARNING,
                    )
                )
        filled.append(
            CanCu.model_construct(
                loai=entry.loai,
                so=entry.so,
                ngay=entry.ngay,
                cua=basis.cua or entry.co_quan or None,
                ve=basis.ve or entry.trich_yeu,
                trich_dan=key,
            )
        )
    return report.model_copy(update={"mo_dau": opening.model_copy(update={"can_cu": filled})}), out


def shadowed_keys(tree: Any, own: dict[str, Citation], shipped: dict[str, Citation]) -> list[Diagnostic]:
    """Warn about a unit's key that hides a well-known document of the registry ([[nq25]] would change meaning)."""
    return [
        Diagnostic(
            Code.CITATION_CONFLICT,
            f"khóa «{key}» trùng một văn bản có sẵn trong danh mục ({shipped[key].loai} số {shipped[key].so}); "
            "[[{key}]] sẽ dẫn văn bản của đơn vị.".replace("{key}", key),
            location_of(tree, ("van_ban_don_vi", key)),
            key,
            "đặt khóa khác cho văn bản của đơn vị",
            severity=Severity.WARNING,
        )
        for key in own
        if key in shipped
    ]
