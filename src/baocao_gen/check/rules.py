"""The format rules, one small function each, every one with its own code and rule reference.

Each rule takes the read document, its recognised components and the system's profile, and returns
findings; none raises on a strange document. A rule that cannot decide (a size set nowhere, a system
not recognised) stays silent or says "không xác định": it never guesses. The rules live by subject:
`rules_page` (paper, margins, page numbers), `rules_parts` (header, title, signature, Nơi nhận), `rules_layout` (Kính gửi, a công văn's
trích yếu, the header's spacing) and
`rules_text` (body, heading numbers, footnotes, the signature's page); `rules_content` holds the
content rules on the words (cited documents, typed lists), which render leaves to its integrity stage.
"""

from __future__ import annotations

from collections.abc import Callable

from ..ooxml.reader import DocxDocument
from . import rules_content, rules_layout, rules_page, rules_parts, rules_text
from .components import Components
from .findings import Finding
from .profiles import Profile

__all__ = ["ALL_RULES", "CONTENT_RULES", "FORMAT_RULES", "Rule"]

Rule = Callable[[DocxDocument, Components, Profile | None], list[Finding]]

FORMAT_RULES: tuple[Rule, ...] = (
    *rules_page.RULES,
    *rules_parts.RULES,
    *rules_layout.RULES,
    *rules_text.RULES,
)
CONTENT_RULES: tuple[Rule, ...] = (*rules_text.NUMBERING_RULES, *rules_content.RULES)
ALL_RULES: tuple[Rule, ...] = (*FORMAT_RULES, *CONTENT_RULES)
