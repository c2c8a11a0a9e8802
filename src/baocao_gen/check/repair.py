"""`baocao check --sua`: repair what is mechanical and safe, list each change, say what remains and why.

Mechanical means the rule leaves no choice and the text does not change: paper and margins, the font,
size and emphasis of recognised components and the body's font and size, the zeros of the date line,
the punctuation that ends Nơi nhận lines, and where page numbers go. Decisions are made on the plain
model (`ooxml.reader`) by `repair_page`, `repair_format` and `repair_text`, which follow the rules of
`check/` condition by condition; `ooxml.repair` applies them. A repair can reveal another (a header
given page numbers makes the appendices' numbering checkable), so decide → apply → re-read runs until
nothing is left to do, a few rounds at most. Then the audit runs on the result: what remains is
printed with the reason it was not repaired, from `NOT_MECHANICAL`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..codes import Code
from ..ooxml.reader import DocxDocument, UnreadableDocx, read_docx
from ..ooxml.repair import RepairFailed, apply_repairs
from .audit import audit_document
from .components import find_components
from .findings import AuditReport, Finding, System
from .profiles import PROFILES
from .repair_change import Change, Repair
from .repair_format import format_repairs
from .repair_page import page_repairs
from .repair_text import text_repairs

__all__ = ["NOT_MECHANICAL", "RepairResult", "not_repaired_reason", "repair_bytes"]

_ROUNDS = 3

NOT_MECHANICAL: dict[Code, str] = {
    Code.CHECK_CASE: "chữ hoa, chữ thường là chữ của văn bản; --sua không gõ lại chữ",
    Code.CHECK_NUMBER_SIGN: (
        "số và ký hiệu do văn thư cấp theo sổ đăng ký văn bản đi; sửa tay cho khớp với sổ"
    ),
    Code.CHECK_DATE_LINE: "địa danh, dấu phẩy hay ngày không có thật là chữ của văn bản, cần người soạn sửa",
    Code.CHECK_BODY: (
        "căn lề, thụt đầu dòng, khoảng cách đoạn và giãn dòng có thể là chủ ý (trích dẫn, danh sách); "
        "--sua chỉ sửa phông và cỡ chữ của đoạn văn"
    ),
    Code.CHECK_AUTHORITY: "thẩm quyền ký (TM., KT., T/M…) là quyết định của cơ quan, không phải lỗi trình bày",
    Code.CHECK_RECIPIENTS: "thiếu dòng «Lưu» hay viết sai chữ trong Nơi nhận là thêm, sửa chữ; cần người soạn",
    Code.CHECK_HEADING_SEQUENCE: (
        "đánh lại số mục làm lệch những chỗ trong bài nhắc tới mục ấy (như «mục III nêu trên»); "
        "người soạn phải xem lại"
    ),
    Code.CHECK_POINT_LETTER: (
        "đổi chữ cái của điểm làm lệch các chữ sau nó và những chỗ nhắc tới điểm ấy; người soạn phải đánh lại"
    ),
    Code.CHECK_FOOTNOTE: "lời chú thích thiếu hay thừa là nội dung; chỉ người soạn biết cần thêm hay bỏ",
    Code.CHECK_SIGNATURE_PAGE: "chuyển nội dung sang trang chữ ký là việc dàn trang, cần người soạn quyết định",
    Code.CHECK_MISSING_PART: "thành phần thiếu là nội dung (chữ, đường kẻ) phải thêm, --sua không tự thêm",
    Code.CHECK_PAGE_SIZE: (
        "trang đầu để ngang có thể vì một bảng rộng; đổi chiều giấy làm vỡ bố cục, cần người soạn quyết định"
    ),
    Code.CHECK_UNDECIDED: "không xác định được, nên không sửa",
}
_STILL = (
    "--sua không sửa được chỗ này một cách chắc chắn (thành phần không nhận ra được, hoặc kiểu chữ "
    "đến từ chỗ khác); sửa tay trong Word"
)


def not_repaired_reason(finding: Finding) -> str:
    """Return why `--sua` left a finding: the reason of its kind, or that the repair did not hold."""
    return NOT_MECHANICAL.get(finding.code, _STILL)


@dataclass(slots=True)
class RepairResult:
    """The repaired bytes (the input itself when nothing changed), the changes, and what remains."""

    data: bytes | None
    changes: list[Change] = field(default_factory=list)
    remaining: AuditReport | None = None
    unreadable: str | None = None
    failure: str | None = None

    @property
    def changed(self) -> bool:
        return bool(self.changes)


def _decide(doc: DocxDocument, system: System | None) -> list[Repair]:
    parts = find_components(doc, system)
    profile = PROFILES.get(parts.system) if parts.system else None
    return (
        page_repairs(doc, parts, profile) + format_repairs(doc, parts, profile) + text_repairs(parts, profile)
    )


def _apply(data: bytes, repairs: list[Repair]) -> tuple[bytes, list[Repair]]:
    """Apply the repairs together; if one cannot be placed, one by one, leaving out those that fail."""
    try:
        return apply_repairs(data, [e for r in repairs for e in r.edits]), repairs
    except RepairFailed:
        pass
    done: list[Repair] = []
    for repair in repairs:
        try:
            data = apply_repairs(data, list(repair.edits))
        except RepairFailed:
            continue  # its finding stays, and is reported with the reason it was not repaired
        done.append(repair)
    return data, done


def repair_bytes(data: bytes, file: str, system: System | None = None) -> RepairResult:
    """Repair the package `data`; never raises on a strange document (unreadable → said why)."""
    try:
        doc = read_docx(data)
    except UnreadableDocx as exc:
        return RepairResult(None, unreadable=str(exc))
    changes: list[Change] = []
    current = data
    for _ in range(_ROUNDS):
        repairs = [r for r in _decide(doc, system) if r.change not in changes]  # one that did not hold
        if not repairs:
            break
        current, done = _apply(current, repairs)
        if not done:
            break
        try:
            doc = read_docx(current)
        except UnreadableDocx as exc:  # a repair that breaks the package is a bug: keep the original
            return RepairResult(None, failure=str(exc))
        changes += [r.change for r in done]
    remaining = audit_document(doc, file, system)
    changes.sort(key=lambda change: change.sort_key(remaining.section_starts))
    return RepairResult(current, changes, remaining)
