"""Which report kind (data/loai) the imported outline looks like, to suggest it — never to force it.

Score: each heading of the report is compared with every title of a kind's outline (case and spaces
folded, typographic quotes made straight); a heading counts as matched when the best similarity
(difflib ratio) reaches 0.8. A kind is suggested when at least 3 headings match and they are at least
40% of the report's headings and 30% of the kind's outline; the best-scoring kind wins (ties: the
kind named first). The generic kind `chung` is never suggested: it is what the import writes anyway.
"""

from __future__ import annotations

import difflib
import unicodedata

from ..kind_model import KindSection
from ..kinds import GENERIC, kind_names, load_kind
from .notes import ImportNote, NoteKind

__all__ = ["suggest_kind"]

_SIMILAR = 0.8
_MIN_MATCHES = 3
_SHARE_OF_REPORT = 0.4
_SHARE_OF_OUTLINE = 0.3


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFC", " ".join(text.replace("\\\n", " ").split())).lower()
    for curly, straight in (("“", '"'), ("”", '"'), ("‘", "'"), ("’", "'"), ("*", "")):
        text = text.replace(curly, straight)
    return text.rstrip(" :.")


def _titles(sections: tuple[KindSection, ...]) -> list[str]:
    out: list[str] = []
    for section in sections:
        out.append(_fold(section.tieu_de))
        out.extend(_titles(section.muc))
    return out


def _similar(heading: str, title: str) -> bool:
    """difflib's ratio ≥ 0.8, its cheap upper bounds tried first (most pairs are far apart)."""
    if heading == title:
        return True
    matcher = difflib.SequenceMatcher(None, heading, title, autojunk=False)
    return (
        matcher.real_quick_ratio() >= _SIMILAR
        and matcher.quick_ratio() >= _SIMILAR
        and matcher.ratio() >= _SIMILAR
    )


def _matches(headings: list[str], titles: list[str]) -> int:
    return sum(1 for heading in headings if any(_similar(heading, title) for title in titles))


def suggest_kind(headings: list[str], notes: list[ImportNote]) -> str | None:
    """Return the code of the kind whose outline the headings match, noting the score; None when none does."""
    folded = [_fold(h) for h in headings if h.strip()]
    if not folded:
        return None
    best: tuple[float, str, int, int] | None = None
    for code in kind_names():
        if code == GENERIC:
            continue
        kind = load_kind(code)
        if kind is None:
            continue
        titles = _titles(kind.de_cuong)
        matched = _matches(folded, titles)
        if (
            matched >= _MIN_MATCHES
            and matched / len(folded) >= _SHARE_OF_REPORT
            and matched / len(titles) >= _SHARE_OF_OUTLINE
        ):
            score = matched / len(folded) + matched / len(titles)
            if best is None or score > best[0]:
                best = (score, code, matched, len(titles))
    if best is None:
        return None
    _, code, matched, total = best
    notes.append(
        ImportNote(
            NoteKind.RECOGNISED,
            f"{matched}/{len(folded)} tiêu đề mục giống đề cương của loại «{code}» ({matched}/{total} mục của đề cương): "
            f"có thể ghi `loai: {code}` và dùng `ma` của đề cương (baocao templates {code}).",
        )
    )
    return code
