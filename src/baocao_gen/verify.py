"""Stage 5, verify: re-read the produced package strictly before anything is written.

LibreOffice opens files that make Word ask to "repair" them. So the package is checked the strict
way: every XML part parses without `recover`, every part has a content type and every relationship
target exists, footnote references resolve, ids are unique, no `{{`/`{%` is left, and the section
count is what the plan expects (a landscape appendix must not silently turn portrait). `ooxml.inspect`
reads the package into plain facts; this module only judges them.

Then the output passes the same format audit `baocao check` runs on any .docx (issue 11, point 5), so
a template or code change that breaks a rule of NĐ 30 / HD 36 fails the build: with our built-in
template a finding is our bug (an error, like the checks above); with an office's own template (`mau`)
it is a warning naming the template and the rule, since the office chose that template (as T205).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Set
from dataclasses import dataclass
from pathlib import Path

from .check import AuditReport, AuditScope, System, audit_document
from .check.findings import Finding, excerpt
from .codes import Code
from .diagnostics import Diagnostic, Location, Severity
from .ooxml.contract import check_template
from .ooxml.extents import read_extents
from .ooxml.inspect import inspect_package, inspect_template, part_tags, text_tags
from .ooxml.parsed import ParsedPackage, parse_package
from .ooxml.reader import UnreadableDocx, read_docx

__all__ = ["OutputAudit", "audit_output", "frame_tags", "template_tags", "text_tags", "verify_package"]

# The styles the body writer gives the clerk's prose and table text: a «Kính gửi» typed there is the clerk's
# (integrity reads it in the data file); the content rules and heading numbers are off (see AuditScope).
PROSE_STYLES = frozenset({"VanBan", "SauBang", "Bang", "TieuDeBang", "GhiChuBang"})
RENDER_SCOPE = AuditScope(prose_styles=PROSE_STYLES, content_rules=False)


@dataclass(frozen=True, slots=True)
class OutputAudit:
    """How to audit one output: its document system, and the office's own template if it has one."""

    system: str
    own_template: Path | None = None  # the template named by `mau`; None: the built-in one


def _said_by_contract(template: Path, system: str) -> frozenset[Code]:
    """Return the audit codes of what T205 already said of an office's template (not said twice)."""
    said: set[Code] = set()
    for finding in check_template(inspect_template(template.read_bytes()), system):
        if finding.kind == "page":
            said.add(
                Code.CHECK_PAGE_SIZE
                if finding.what == "size"
                else Code.CHECK_PAGE_NUMBER
                if finding.what == "page_number"
                else Code.CHECK_MARGIN
            )
        elif finding.kind == "style":
            said |= _STYLE_CODES.get(finding.what, set())
    return frozenset(said)


_STYLE_CODES = {
    "font": {Code.CHECK_FONT},
    "size": {Code.CHECK_SIZE, Code.CHECK_BODY},
    "bold": {Code.CHECK_EMPHASIS},
    "italic": {Code.CHECK_EMPHASIS},
}


def template_tags(template_xml: str | bytes) -> set[str]:
    """Return the Jinja tags of a template's main document part (each paragraph's text joined), normalised."""
    return part_tags(template_xml.encode("utf-8") if isinstance(template_xml, str) else template_xml)


def frame_tags(template: bytes) -> set[str]:
    """Return the Jinja tags of a frame template package's main document, normalised."""
    return set(inspect_template(template).tags)


def verify_package(
    data: bytes,
    expected_sections: int,
    name: str = "kết quả",
    tags: Set[str] | None = None,
    audit: OutputAudit | None = None,
) -> list[Diagnostic]:
    """Return the problems of a produced .docx (an empty list when it is sound); `audit`: run check's audit."""
    where = Location(name)
    package = parse_package(data)  # once: the facts below and the audit read the same trees
    facts = inspect_package(package)
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
    if audit is not None and not problems:
        problems += audit_output(data, audit, name, package)
    return problems


def audit_output(
    data: bytes, audit: OutputAudit, name: str = "kết quả", parsed: ParsedPackage | None = None
) -> list[Diagnostic]:
    """Return what `baocao check` finds in a produced .docx, as verify diagnostics (`parsed`: `data`'s
    parts already parsed, read instead of parsing them again)."""
    report = _audit(data, parsed or parse_package(data), audit, name)
    if report.unreadable is not None:  # verify's own checks passed, so this is our reader's bug
        return [
            Diagnostic(
                Code.INVALID_PACKAGE, f"không đọc lại được văn bản: {report.unreadable}.", Location(name)
            )
        ]
    if not report.errors:
        return []
    said = _said_by_contract(audit.own_template, audit.system) if audit.own_template else frozenset()
    return [_diagnostic(f, audit, name) for f in report.errors if f.code not in said]


def _audit(data: bytes, parsed: ParsedPackage, audit: OutputAudit, name: str) -> AuditReport:
    """`check.audit_bytes` on a package already parsed: the same reader, rules and extents."""
    try:
        doc = read_docx(parsed)
    except UnreadableDocx as exc:
        return AuditReport(name, None, "", [], unreadable=str(exc))
    return audit_document(doc, name, System(audit.system), RENDER_SCOPE, read_extents(data))


def _diagnostic(finding: Finding, audit: OutputAudit, name: str) -> Diagnostic:
    """Say a finding the way `baocao check` does (place, text, rule, code) inside a verify diagnostic."""
    quoted = f"«{excerpt(finding.text)}»: " if finding.text else ""
    what = f"{finding.place()}: {quoted}{finding.message} (quy định: {finding.rule}) [{finding.code.value}]"
    if audit.own_template is None:
        return Diagnostic(
            Code.OUTPUT_OFF_FORMAT,
            f"văn bản sinh ra từ mẫu có sẵn sai thể thức — {what}",
            Location(name),
            hint="lỗi của baocao-gen (mẫu hoặc mã nguồn), không phải của dữ liệu: xin báo cho người phát triển",
        )
    return Diagnostic(
        Code.OWN_TEMPLATE_OFF_FORMAT,
        f"mẫu «{audit.own_template.name}» cho ra văn bản sai thể thức — {what}",
        Location(name),
        audit.own_template.name,
        hint="vẫn sinh được văn bản; sửa mẫu trong Word theo quy định được nêu nếu văn bản phải đúng thể thức",
        severity=Severity.WARNING,
    )
