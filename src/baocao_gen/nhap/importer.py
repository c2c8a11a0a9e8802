"""`baocao nhap` as a library: read a .docx, recognise its parts, read frame and body, write two files.

read_docx → find_components (the recognition `baocao check` uses) → frame (this part) + body (part B)
→ the unit profile (`don-vi.yaml`) and the period file that extends it. Every refusal is a Diagnostic;
the CLI only prints and chooses the exit code.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from ..check.components import find_components
from ..check.findings import System
from ..codes import Code
from ..diagnostics import Diagnostic, Location, os_reason
from ..legacy import detect_legacy_encoding
from ..ooxml.reader import DocxDocument, UnreadableDocx, read_docx
from .body import read_body
from .frame import attached_name, closing_name, read_frame
from .notes import ImportNote, NoteKind
from .writer import PERIOD_ORDER, PROFILE_NAME, PROFILE_ORDER, notes_block, write_new_files, yaml_document

__all__ = ["ImportResult", "import_bytes", "import_file", "period_file_name", "write_import"]

_MAX_FILE = 200 * 1024 * 1024
# Fonts of the legacy 8-bit encodings: TCVN3 (.VnTime, .VnTimeH, .VnArial…) and VNI (VNI-Times…).
_LEGACY_FONT = re.compile(r"^(\.Vn|VNI[-_ ])", re.IGNORECASE)


@dataclass(slots=True)
class ImportResult:
    """What an import found: the two files' keys, the notes, the suggested kind and the period file's name."""

    source: str
    profile: dict[str, object]
    period: dict[str, object]
    notes: list[ImportNote] = field(default_factory=list)
    suggested_kind: str | None = None

    @property
    def period_name(self) -> str:
        return period_file_name(self.period)


def _slug(text: str) -> str:
    plain = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    plain = "".join(c for c in plain if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-")


def period_file_name(period: dict[str, object]) -> str:
    """Return `bao-cao-2023.yaml`: the kind of document and the year, never the trích yếu.

    A trích yếu runs to two hundred characters; the kind and the year are short, predictable, sort by
    year, and are what `init --from bao-cao-2023.yaml -o bao-cao-2024.yaml` reads best next period.
    """
    kind = _slug(str(period.get("ten_loai") or "báo cáo")) or "bao-cao"
    date = period.get("ngay")
    year = ""
    if isinstance(date, dict):
        year = str(date.get("nam") or "")
    elif isinstance(date, str):
        year = date.rsplit("/", 1)[-1]
    name = f"{kind}-{year}.yaml" if year.isdigit() else f"{kind}.yaml"
    return "bao-cao.yaml" if name == PROFILE_NAME else name


def _legacy_refusal(doc: DocxDocument, file: str) -> Diagnostic | None:
    """Refuse a report typed in TCVN3/VNI fonts: its letters are not Vietnamese until converted."""
    for paragraph in doc.paragraphs:
        fonts = {r.format.font for r in paragraph.visible_runs() if r.format.font}
        legacy = sorted(f for f in fonts if _LEGACY_FONT.match(f))
        encoding = detect_legacy_encoding(paragraph.run_text)
        if legacy or encoding:
            what = f"phông {', '.join(legacy)}" if legacy else f"bảng mã {encoding}"
            source = (
                "VNI Windows"
                if (legacy and legacy[0].upper().startswith("VNI")) or encoding == "VNI"
                else "TCVN3"
            )
            return Diagnostic(
                Code.IMPORT_LEGACY_FONT,
                f"báo cáo gõ bằng {what} (bảng mã cũ, không phải Unicode), thấy từ đoạn {paragraph.index}; "
                "công cụ không tự chuyển mã để khỏi làm sai tên riêng, nên không ghi tệp nào.",
                Location(file),
                value=" ".join(paragraph.run_text.split())[:60] or None,
                hint=f"trong Word chép toàn văn bản, chuyển bằng Unikey (Công cụ chuyển mã, nguồn {source} → "
                "đích Unicode), dán lại, đổi phông sang Times New Roman, lưu thành .docx mới rồi chạy lại",
            )
    return None


def import_bytes(
    data: bytes, file: str, system: System | None = None
) -> tuple[ImportResult | None, list[Diagnostic]]:
    """Return the keys read from a .docx's bytes, or the diagnostics that refuse it."""
    try:
        doc = read_docx(data)
    except UnreadableDocx as exc:
        return None, [Diagnostic(Code.IMPORT_UNREADABLE, f"không đọc được tệp: {exc}.", Location(file))]
    refusal = _legacy_refusal(doc, file)
    if refusal is not None:
        return None, [refusal]
    parts = find_components(doc, system)
    frame = read_frame(doc, parts)
    if frame.system is None:
        return None, [
            Diagnostic(
                Code.IMPORT_NO_SYSTEM,
                f"không biết đây là văn bản Nhà nước hay của Đảng ({parts.detection}).",
                Location(file),
                hint="chạy lại với --he-thong nha_nuoc hoặc --he-thong dang",
            )
        ]
    body = read_body(doc, parts)
    profile = dict(frame.profile)
    notes = list(frame.notes)
    name, source = attached_name(doc), "dòng «(Kèm theo …)» của phụ lục"
    if name is None:
        name, source = closing_name(body.period.get("ket_thuc")), "câu kết"
    if name is not None:
        profile["ten_goi"] = name
        notes.append(ImportNote(NoteKind.RECOGNISED, f"tên gọi «{name}» lấy từ {source}."))
    period: dict[str, object] = {"ke_thua": PROFILE_NAME, "loai": "chung", **frame.period, **body.period}
    notes += body.notes
    return ImportResult(file, profile, period, notes, body.suggested_kind), []


def import_file(path: Path, system: System | None = None) -> tuple[ImportResult | None, list[Diagnostic]]:
    """Return the keys read from a .docx on disk; a missing, unreadable or oversized file is refused."""
    try:
        if path.stat().st_size > _MAX_FILE:
            return None, [
                Diagnostic(
                    Code.IMPORT_UNREADABLE, "tệp quá lớn để là một báo cáo .docx.", Location(str(path))
                )
            ]
        data = path.read_bytes()
    except OSError as exc:
        return None, [
            Diagnostic(Code.IMPORT_UNREADABLE, f"không đọc được tệp ({os_reason(exc)}).", Location(str(path)))
        ]
    return import_bytes(data, str(path), system)


def _texts(result: ImportResult) -> tuple[str, str]:
    source = Path(result.source).name
    profile_header = notes_block(
        [
            f"Hồ sơ đơn vị, nhập từ «{source}» bằng `baocao nhap`: những thông tin ít đổi, dùng lại mọi kỳ.",
            f"Tệp kỳ báo cáo ({result.period_name}) ghi `ke_thua: {PROFILE_NAME}` để lấy các khóa dưới đây.",
            "Đọc lại từng khóa với bản Word trước khi dùng.",
        ],
        result.notes,
    )
    period_header = notes_block(
        [
            f"Tệp kỳ báo cáo, nhập từ «{source}» bằng `baocao nhap`.",
            "Kiểm tra: baocao validate "
            + result.period_name
            + "; sinh lại: baocao render "
            + result.period_name
            + ".",
            "Kỳ sau: baocao init --from " + result.period_name + " -o <tệp kỳ mới>.yaml",
        ],
        result.notes,
    )
    comments: dict[str, str] = {}
    if result.suggested_kind:
        comments["loai"] = (
            f"Gợi ý: đề cương giống loại «{result.suggested_kind}» (xem `baocao templates {result.suggested_kind}`); "
            f"đổi thành `loai: {result.suggested_kind}` nếu đúng."
        )
    return (
        yaml_document(result.profile, PROFILE_ORDER, profile_header),
        yaml_document(result.period, PERIOD_ORDER, period_header, comments),
    )


def write_import(result: ImportResult, folder: Path) -> tuple[list[Path], list[Diagnostic]]:
    """Write the profile and the period file into `folder` (created if needed); never over a file."""
    profile_text, period_text = _texts(result)
    targets = [(folder / PROFILE_NAME, profile_text), (folder / result.period_name, period_text)]
    problems = write_new_files(targets)
    return ([] if problems else [path for path, _ in targets]), problems
