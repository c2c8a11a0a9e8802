"""The business rules of the validate stage, one small function per check.

Two lists, because two kinds of subject exist. `TREE_RULES` look at the loaded tree before any model
is built: an unfilled `<điền …>` mark from `baocao init` makes every other message noise, so the
stage stops when one of them reports an error. `MODEL_RULES` need the typed model (the document
system decides which signing marks are right) and the tree (to point at the exact character).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ..codes import Code
from ..diagnostics import Location, Severity
from ..loader import YList, YMap, YStr, line_at, location_of
from ..model import PARTY_AUTHORITIES, STATE_AUTHORITIES, BaoCao
from . import Finding, RuleList

__all__ = ["FILL_MARK", "MODEL_RULES", "STATE_END_MARK", "TREE_RULES", "ModelSubject"]


@dataclass(frozen=True, slots=True)
class ModelSubject:
    """What a model rule sees: the typed report and the located tree it was built from."""

    report: BaoCao
    tree: Any


TREE_RULES: RuleList[Any] = RuleList("validate: cây dữ liệu")
MODEL_RULES: RuleList[ModelSubject] = RuleList("validate: mô hình")

FILL_MARK = "<điền"


@TREE_RULES.rule(Code.UNFILLED_MARK)
def unfilled_marks(tree: Any) -> Iterator[Finding]:
    """Report every `<điền …>` mark left from `baocao init`: the clerk has not filled it in yet."""
    if isinstance(tree, YMap):
        for value in tree.values():
            yield from unfilled_marks(value)
    elif isinstance(tree, YList):
        for value in tree:
            yield from unfilled_marks(value)
    elif isinstance(tree, YStr) and FILL_MARK in tree:
        start = tree.index(FILL_MARK)
        mark = tree[start : tree.find(">", start) + 1 or None]
        yield Finding(
            f"chưa điền: {mark}",
            tree.location_at(start),
            line_at(tree, start),
            "thay chỗ đánh dấu bằng nội dung thật",
        )


# The same signing mark written the other system's way (TM. ↔ T/M …), for the hint.
_COUNTERPART = {
    "TM": "T/M",
    "KT": "K/T",
    "TL": "T/L",
    "TUQ": "T/U",
    "T/M": "TM.",
    "K/T": "KT.",
    "T/L": "TL.",
    "T/U": "TUQ.",
}


@MODEL_RULES.rule(Code.WRONG_AUTHORITY)
def signing_mark_fits_system(subject: ModelSubject) -> Iterator[Finding]:
    """The signing mark is written the way of the report's system: `TM.` (NĐ 30) or `T/M` (HD 36)."""
    report = subject.report
    mark = report.nguoi_ky.tham_quyen
    allowed = STATE_AUTHORITIES if report.he_thong == "nha_nuoc" else PARTY_AUTHORITIES
    if not mark or mark in allowed:
        return
    system = "Nhà nước (NĐ 30/2020)" if report.he_thong == "nha_nuoc" else "Đảng (HD 36-HD/VPTW)"
    suggestion = _COUNTERPART.get(mark.upper().rstrip(".")) or allowed[0]
    yield Finding(
        f"thẩm quyền ký không đúng cách viết của văn bản {system}; dùng một trong: {', '.join(allowed)}.",
        location_of(subject.tree, ("nguoi_ky", "tham_quyen")),
        mark,
        f"«{suggestion}»",
    )


@MODEL_RULES.rule(Code.WRONG_AUTHORITY)
def collective_signing_names_body(subject: ModelSubject) -> Iterator[Finding]:
    """`TM.` / `T/M` signs on behalf of a collective body, so the body must be named (`thay_mat`)."""
    report = subject.report
    signer = report.nguoi_ky
    allowed = STATE_AUTHORITIES if report.he_thong == "nha_nuoc" else PARTY_AUTHORITIES
    if signer.tham_quyen in ("TM.", "T/M") and signer.tham_quyen in allowed and not signer.thay_mat:
        yield Finding(
            f"ký “{signer.tham_quyen}” cần ghi tên tập thể được thay mặt.",
            location_of(subject.tree, ("nguoi_ky",)),
            hint="thêm `thay_mat: ỦY BAN NHÂN DÂN` (hoặc `BAN THƯỜNG VỤ`…)",
        )


# Marks under which a State deputy signs without «KT.»: by order of (TL.), by delegation (TUQ.) or as
# acting head (Q.), or the KT. itself (`tham_quyen: KT.` with `thay_mat: Chủ tịch` prints «KT. CHỦ TỊCH»).
_DEPUTY_MARKS = ("KT.", "TL.", "TUQ.", "Q.")
_DEPUTY = re.compile(r"^\s*phó\s+", re.IGNORECASE)


@MODEL_RULES.rule(Code.DEPUTY_WITHOUT_KT, Severity.WARNING)
def state_deputy_signs_for_the_head(subject: ModelSubject) -> Iterator[Finding]:
    """A State deputy (Phó …) signs for the head: «KT. CHỦ TỊCH» above «PHÓ CHỦ TỊCH» (NĐ 30, Điều 13),
    under «TM. ỦY BAN NHÂN DÂN» when signing for the collective body. The audit cannot see a missing KT.
    line (the block is well-formed without it), so the data is where it is caught. Party documents are
    left alone: a Phó Bí thư signs «T/M BAN THƯỜNG VỤ» directly, and a steering committee's deputy often
    signs with no mark (seed 003)."""
    report = subject.report
    signer = report.nguoi_ky
    if report.he_thong != "nha_nuoc" or signer.ky_thay or signer.tham_quyen in _DEPUTY_MARKS:
        return
    first = signer.chuc_vu[0] if signer.chuc_vu else ""
    match = _DEPUTY.match(first)
    if match is None:
        return
    head = first[match.end() :].strip()
    head = head[:1].upper() + head[1:]
    signer_tree = subject.tree.get("nguoi_ky") if isinstance(subject.tree, YMap) else None
    typed_as_list = isinstance(signer_tree, YMap) and isinstance(signer_tree.get("chuc_vu"), YList)
    path: tuple[str | int, ...] = ("nguoi_ky", "chuc_vu", 0) if typed_as_list else ("nguoi_ky", "chuc_vu")
    yield Finding(
        f"người ký là cấp phó («{first.strip()}») mà khối chữ ký không có dòng «KT. {head.upper()}».",
        location_of(subject.tree, path),
        first,
        hint=f"thêm `ky_thay: {head}` vào `nguoi_ky` (công cụ in «KT. {head.upper()}» trên dòng chức vụ)",
    )


# The end mark of a State document's text (“./.”), written after the closing's last word. NĐ 30's
# own examples and the State seeds (000, 002) end so; Party documents (HD 36, seeds 001, 003, 004)
# end with a plain full stop, so the rule is checked for State reports only.
#
# The tool does not add “./.” to a typed closing: the closing is the clerk's own prose (several
# paragraphs, bold, a footnote may end it), and a mark the YAML does not show would make the data and
# the document disagree. It writes “./.” itself only in the closing it generates from `ten_goi` when
# `ket_thuc` is left out, so nothing it adds can double a typed one.
STATE_END_MARK = "./."
_TRAILING_NOTE = re.compile(r"(\s*\[\^[^\]\s]+\])+$")  # footnote marks after the last word


def _state_value(subject: ModelSubject, key: str) -> YStr | None:
    """Return the typed value of `key` in a State report, or None (Party report, blank, absent)."""
    if subject.report.he_thong != "nha_nuoc" or not isinstance(subject.tree, YMap):
        return None
    value = subject.tree.get(key)
    return value if isinstance(value, YStr) and not value.is_null else None


def _location_after(value: YStr, offset: int) -> Location:
    """Return where `value[offset]` was typed; just past the last character when `offset` is the end
    (where a missing “./.” belongs)."""
    if offset >= len(value) > 0:
        last = value.location_at(len(value) - 1)
        return Location(last.file, last.line, last.column + 1, last.path) if last != value.loc else last
    return value.location_at(offset)


@MODEL_RULES.rule(Code.STATE_FORMAT, Severity.WARNING)
def state_closing_ends_with_mark(subject: ModelSubject) -> Iterator[Finding]:
    """A State closing ends with “./.”: say where the ending starts and how it should read."""
    closing = _state_value(subject, "ket_thuc")
    if closing is None or not closing.strip():
        return
    text = _TRAILING_NOTE.sub("", str(closing).rstrip()).rstrip("* ")
    if text.endswith(STATE_END_MARK):
        return
    end = len(text)  # `text` is the value less its trailing blanks and footnote marks
    while end > 0 and text[end - 1] in "*./ \t":  # the wrong ending itself (“.”, “/.”, “. /”)
        end -= 1
    core = text.rstrip("./ \t")
    typed = text[len(core) :]
    fixed = core.splitlines()[-1] + STATE_END_MARK if core.strip() else STATE_END_MARK  # its last line only
    shown = fixed if len(fixed) <= 40 else "…" + fixed[-40:].lstrip()
    yield Finding(
        "đoạn kết của văn bản Nhà nước phải kết thúc bằng «./.» (dấu chấm, gạch chéo, dấu chấm)"
        + (f"; ở đây kết thúc bằng «{typed}»." if typed.strip() else "; ở đây chưa có."),
        _location_after(closing, end),
        hint=f"viết «{shown}»",
    )


@MODEL_RULES.rule(Code.STATE_FORMAT, Severity.WARNING)
def state_summary_starts_with_capital(subject: ModelSubject) -> Iterator[Finding]:
    """A State trích yếu starts with a capital letter (“Kết quả…”, not “kết quả…”)."""
    summary = _state_value(subject, "trich_yeu")
    if summary is None:
        return
    text = str(summary)
    index = 0
    while index < len(text) and (text[index].isspace() or text[index] in "*“\"'(«"):
        index += 1
    if index >= len(text) or not text[index].isalpha() or not text[index].islower():
        return  # a capital, a number, a citation [[…]] or a figure {…}: nothing to say
    fixed = (
        (text[:index] + text[index].upper() + text[index + 1 :]).strip().splitlines()[0]
    )  # its first line only
    shown = fixed if len(fixed) <= 50 else fixed[:50].rstrip() + "…"
    yield Finding(
        "trích yếu của văn bản Nhà nước viết hoa chữ cái đầu.",
        summary.location_at(index),
        hint=f"viết «{shown}»",
    )


@MODEL_RULES.rule(Code.MISSING_RECIPIENTS, Severity.WARNING)
def has_recipients(subject: ModelSubject) -> Iterator[Finding]:
    """A report goes somewhere: an empty Nơi nhận is almost always a forgotten list."""
    if not subject.report.noi_nhan:
        yield Finding(
            "chưa có nơi nhận.",
            location_of(subject.tree, ()),
            hint="thêm `noi_nhan:` với danh sách cơ quan nhận",
        )


_ARCHIVE_ITEM = re.compile(r"^\s*[-–]?\s*Lưu\b")


@MODEL_RULES.rule(Code.MISSING_ARCHIVE_LINE)
def has_archive_line(subject: ModelSubject) -> Iterator[Finding]:
    """Nơi nhận ends with the archive line («Lưu: VT, …» / «Lưu Văn phòng …»), which NĐ 30 and HD 36
    require; without `luu` (or a «Lưu …» item typed in the list) the printed document breaks the format."""
    report = subject.report
    printed = (text for _title, lines in report.recipient_groups() for _path, text in lines)
    if any(_ARCHIVE_ITEM.match(text) for text in printed):  # typed in the list, or the `luu` line
        return
    where = location_of(subject.tree, ("noi_nhan",)) or location_of(subject.tree, ())
    example = "luu: VT" if report.he_thong == "nha_nuoc" else "luu: Văn phòng Đảng ủy"
    yield Finding(
        "Nơi nhận chưa có dòng lưu («Lưu: VT, …» với văn bản Nhà nước, «Lưu Văn phòng …» với văn bản Đảng).",
        where,
        hint=f"thêm khóa `{example}` (ghi nơi lưu thật của đơn vị), công cụ tự in dòng «Lưu» cuối Nơi nhận",
    )


@MODEL_RULES.rule(Code.ARCHIVE_LINE_NOT_LAST)
def archive_line_closes_its_group(subject: ModelSubject) -> Iterator[Finding]:
    """A typed «Lưu …» item must be the last line of its group as printed: the audit of the output (and
    NĐ 30 / HD 36) reads every «Lưu» line as the one that closes Nơi nhận, with a full stop. One before
    other lines — a line pasted twice, or typed before the rest, or typed besides `luu` — is the data's
    to fix, said at its line, not a fault of the tool's template found after rendering."""
    for _title, lines in subject.report.recipient_groups():
        for position, (path, text) in enumerate(lines[:-1]):
            if path == ("luu",) or not _ARCHIVE_ITEM.match(text):
                continue
            after = lines[position + 1 :]
            hint = (
                "đã có khóa `luu`, công cụ tự in dòng «Lưu» ở cuối: xóa dòng này"
                if after[-1][0] == ("luu",)
                else "chuyển dòng này xuống cuối nhóm nơi nhận của nó, hoặc xóa nếu là dòng trùng"
            )
            where = location_of(subject.tree, path) or location_of(subject.tree, ())
            yield Finding(
                f"dòng «{text.strip()}» sẽ in ở giữa Nơi nhận (sau nó còn «{after[0][1].strip()}»)"
                "; dòng «Lưu» là dòng cuối của nhóm.",
                where,
                text,
                hint=hint,
            )
