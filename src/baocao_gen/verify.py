"""Stage 5, verify: re-read the produced package strictly before anything is written.

LibreOffice opens files that make Word ask to "repair" them. So the package is checked the strict
way: every XML part parses without `recover`, every part has a content type and every relationship
target exists, footnote references resolve, ids are unique, no `{{`/`{%` is left, and the section
count is what the plan expects (a landscape appendix must not silently turn portrait). `ooxml.inspect`
reads the package into plain facts; this module only judges them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Set

from .codes import Code
from .diagnostics import Diagnostic, Location
from .ooxml.inspect import inspect_package, inspect_template, part_tags, text_tags

__all__ = ["frame_tags", "template_tags", "text_tags", "verify_package"]


def template_tags(template_xml: str | bytes) -> set[str]:
    """Return the Jinja tags of a template's main document part (each paragraph's text joined), normalised."""
    return part_tags(template_xml.encode("utf-8") if isinstance(template_xml, str) else template_xml)


def frame_tags(template: bytes) -> set[str]:
    """Return the Jinja tags of a frame template package's main document, normalised."""
    return set(inspect_template(template).tags)


def verify_package(
    data: bytes, expected_sections: int, name: str = "kết quả", tags: Set[str] | None = None
) -> list[Diagnostic]:
    """Return the problems of a produced .docx (an empty list when it is sound)."""
    where = Location(name)
    facts = inspect_package(data)
    if facts.unparsable:
        return [
            Diagnostic(Code.INVALID_PACKAGE, f"phần {part} không phải XML hợp lệ ({why}).", where)
            for part, why in facts.unparsable
        ]
    problems = [
        Diagnostic(Code.INVALID_PACKAGE, f"phần {part} không có kiểu nội dung.", where)
        for part in facts.untyped_parts
    ]
    problems += [
        Diagnostic(Code.INVALID_PACKAGE, f"{rels} trỏ tới {target} nhưng phần này không có.", where)
        for rels, target in facts.broken_targets
    ]
    # A tag of the template that survives rendering is a template bug; `{{` typed by a clerk is text.
    for text in facts.paragraph_texts:
        if tags and text_tags(text) & tags:
            problems.append(
                Diagnostic(
                    Code.LEFTOVER_TAG,
                    f"còn sót thẻ mẫu trong đoạn: {text[:80]!r}.",
                    where,
                    hint="sửa mẫu .docx",
                )
            )
    if facts.section_count != expected_sections:
        problems.append(
            Diagnostic(
                Code.WRONG_SECTION_COUNT,
                f"văn bản có {facts.section_count} phần (section), đúng ra phải là {expected_sections}.",
                where,
            )
        )
    for ident, count in Counter(facts.footnote_ids).items():
        if count > 1:
            problems.append(Diagnostic(Code.DUPLICATE_ID, f"chú thích id {ident} bị trùng.", where))
    for ident in facts.footnote_references:
        if ident not in facts.footnote_ids:
            problems.append(
                Diagnostic(Code.INVALID_PACKAGE, f"tham chiếu tới chú thích {ident} không có.", where)
            )
    for drawing, count in Counter(facts.drawing_ids).items():
        if count > 1:
            problems.append(Diagnostic(Code.DUPLICATE_ID, f"id hình {drawing} bị trùng.", where))
    return problems
