"""`baocao check`: audit any .docx against NĐ 30/2020 (State) and HD 36 (Party) format rules.

reader (ooxml.reader) → components (what each paragraph is) → rules (one function per rule) →
findings (sorted, with rule reference and hint). The CLI only prints what `audit_file` returns.
"""

from __future__ import annotations

from .audit import UNREADABLE_CODE, AuditScope, audit_bytes, audit_document, audit_file
from .findings import AuditReport, Finding, Level, System, reports_json

__all__ = [
    "UNREADABLE_CODE",
    "AuditReport",
    "AuditScope",
    "Finding",
    "Level",
    "System",
    "audit_bytes",
    "audit_document",
    "audit_file",
    "reports_json",
]
