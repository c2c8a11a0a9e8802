"""PLACEHOLDER for the body importer (issue 14, part B owns this file and replaces it at merge).

Only the interface is fixed here, so that the frame importer, the writer and `baocao nhap` can be built
and tested in parallel: every body paragraph becomes one line of prose in a single untitled section,
and the closing sentence is the last body paragraph that ends in `./.` or `.`. No section tree, no
tables, footnotes or appendices, no citations: all of that is part B's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..check.components import Components
from ..ooxml.reader import DocxDocument
from .notes import ImportNote

__all__ = ["BodyImport", "read_body"]

_MARKUP = re.compile(r"([\\*\[\]{}])")


@dataclass(slots=True)
class BodyImport:
    """The period-file keys read from the body, in writing order, and what could not be mapped."""

    period: dict[str, object]
    notes: list[ImportNote]
    suggested_kind: str | None = None


def _escape(text: str) -> str:
    text = _MARKUP.sub(r"\\\1", " ".join(text.split()))
    return "\\" + text if text[:1] in "-+#" else text


def read_body(doc: DocxDocument, parts: Components) -> BodyImport:
    """Return the body as one untitled section of prose, and the closing sentence."""
    texts = [" ".join(p.text.split()) for p in parts.body]
    texts = [t for t in texts if t]
    period: dict[str, object] = {}
    closing = next((t for t in reversed(texts) if t.endswith(".")), None)
    if closing is not None:
        texts.remove(closing)
    if texts:
        period["noi_dung"] = [{"van_ban": "\n".join(_escape(t) for t in texts)}]
    if closing is not None:
        period["ket_thuc"] = _escape(closing)
    return BodyImport(period, [])
