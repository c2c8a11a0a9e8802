"""Auditing one .docx: read it, recognise its parts, run every rule, return the findings in order."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..codes import Code
from ..diagnostics import os_reason
from ..ooxml.extents import AuditExtents, read_extents
from ..ooxml.reader import DocxDocument, UnreadableDocx, read_docx
from .components import Components, find_components
from .findings import AuditReport, Finding, System
from .profiles import PROFILES
from .rules import ALL_RULES, FORMAT_RULES

__all__ = ["AuditScope", "audit_bytes", "audit_document", "audit_file"]


@dataclass(frozen=True, slots=True)
class AuditScope:
    """What the audit leaves to others when it checks a document this tool has just rendered.

    Render's own integrity stage has already read every word the clerk typed, in the data file, where
    a warning can name the line: typed numbers and lists, cited documents (`content_rules` off: heading
    numbers, which render computes, go with them), and a «Kính gửi» typed in prose (`prose_styles`). Reported again from the .docx, each would be said twice, and the second time without
    its line. A document from elsewhere gets the default scope: everything is read.
    """

    prose_styles: frozenset[str] = frozenset()
    content_rules: bool = True


EVERYTHING = AuditScope()

_MAX_FILE = 200 * 1024 * 1024


def audit_document(
    doc: DocxDocument,
    file: str,
    system: System | None = None,
    scope: AuditScope = EVERYTHING,
    extents: AuditExtents | None = None,
) -> AuditReport:
    """Run every rule on a read document; `system` overrides the detection from the header.

    `extents` (page-number sizes, border lines) come from the package bytes; without them the rules
    that need them say nothing.
    """
    parts: Components = find_components(doc, system)
    parts.extents = extents
    parts.content = scope.content_rules
    if scope.prose_styles:
        parts.typed_prose = frozenset(p.index for p in doc.paragraphs if p.style_id in scope.prose_styles)
    profile = PROFILES.get(parts.system) if parts.system else None
    findings: list[Finding] = []
    for rule in ALL_RULES if scope.content_rules else FORMAT_RULES:
        findings.extend(rule(doc, parts, profile))
    starts = {section.index: section.first_paragraph for section in doc.sections}
    report = AuditReport(file, parts.system, parts.detection, findings, section_starts=starts)
    report.findings = report.sorted()
    return report


def audit_bytes(
    data: bytes, file: str, system: System | None = None, scope: AuditScope = EVERYTHING
) -> AuditReport:
    """Audit the bytes of a package; an unreadable one gives a report that says why."""
    try:
        doc = read_docx(data)
    except UnreadableDocx as exc:
        return AuditReport(file, None, "", [], unreadable=str(exc))
    return audit_document(doc, file, system, scope, read_extents(data))


def audit_file(path: Path, system: System | None = None) -> AuditReport:
    """Audit a file on disk; a missing, unreadable or oversized file is reported, never raised."""
    name = str(path)
    try:
        if path.stat().st_size > _MAX_FILE:
            return AuditReport(name, None, "", [], unreadable="tệp quá lớn để là một văn bản .docx")
        data = path.read_bytes()
    except OSError as exc:
        return AuditReport(name, None, "", [], unreadable=os_reason(exc))
    return audit_bytes(data, name, system)


UNREADABLE_CODE = Code.CHECK_UNREADABLE
