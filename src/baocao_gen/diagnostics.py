"""Diagnostics as values: every problem found in a run is collected, located and explained.

A clerk fixes a data file in one pass only if every mistake is shown at once, each naming the file,
line and column, the key, the value, what is wrong and what to do (docxtemplater and yamllint are the
models here). Stages return lists of `Diagnostic`; only the CLI prints them.
"""

from __future__ import annotations

import errno
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum

__all__ = [
    "CODES",
    "BaocaoError",
    "Diagnostic",
    "DiagnosticsError",
    "Location",
    "Severity",
    "format_path",
    "has_errors",
    "os_reason",
    "to_json",
]


class Severity(StrEnum):
    """How bad a problem is; the value is what the clerk reads."""

    ERROR = "lỗi"
    WARNING = "cảnh báo"


@dataclass(frozen=True, slots=True)
class Location:
    """Where a value sits: 1-based line and column in a file, and its key path."""

    file: str
    line: int = 0
    column: int = 0
    path: tuple[str | int, ...] = ()


# Stable codes, grouped by stage (D = data, T = template, P = package). The explanation is for
# developers and for `--json` consumers; the message shown to the clerk is built at the call site.
CODES: dict[str, str] = {
    "D100": "tệp dữ liệu không đọc được (không có, không phải UTF-8, lỗi cú pháp YAML)",
    "D101": "khóa lặp lại trong cùng một bảng",
    "D102": "neo/bí danh YAML (&, *) không được dùng",
    "D103": "văn bản mã cũ TCVN3/VNI",
    "D104": "số viết sai cách Việt Nam",
    "D105": "ngày không hợp lệ",
    "D106": "khóa không có trong mẫu dữ liệu",
    "D107": "thiếu khóa bắt buộc",
    "D108": "giá trị sai kiểu hoặc không thuộc các giá trị cho phép",
    "D109": "ký tự không hợp lệ trong XML",
    "D110": "kế thừa (ke_thua) lỗi: không có tệp, vòng lặp hoặc ra ngoài thư mục dữ liệu",
    "D111": "khóa không phải chuỗi",
    "D112": "thẻ kiểu YAML (!tên, !!int…) không được dùng",
    "D113": "vượt giới hạn: tệp quá lớn, lồng quá sâu, giá trị hoặc danh sách quá dài",
    "D120": "quy tắc nghiệp vụ: thẩm quyền ký không hợp hệ thống văn bản",
    "D121": "quy tắc nghiệp vụ: tham chiếu không tồn tại (số liệu, chú thích, trích dẫn)",
    "D122": "quy tắc nghiệp vụ: cú pháp đánh dấu văn bản",
    "D123": "quy tắc nghiệp vụ: tổng không khớp hoặc số liệu mâu thuẫn",
    "D124": "quy tắc nghiệp vụ: mục lồng quá sâu, hoặc quá nhiều để đánh chữ cái hay số La Mã",
    "D125": "quy tắc nghiệp vụ: khác (nơi nhận, ngày, trích dẫn sai; dòng đầu văn bản hoặc bảng không vừa khổ giấy)",
    "D126": "còn chỗ <điền …> của bộ khung chưa điền",
    "D127": "số liệu để trống mà loại báo cáo không cho, hoặc số đếm không phải số nguyên từ 0 trở lên",
    "D128": "thể thức văn bản Nhà nước: đoạn kết không kết thúc bằng “./.”, hoặc trích yếu không viết hoa chữ đầu",
    "D140": "câu số liệu gõ tay (thay cho câu chuẩn {cau.…}) có số không khớp số liệu hoặc không khớp tổng các số bên cạnh",
    "D141": "tỷ lệ phần trăm gõ tay không khớp hai số đếm của nó",
    "D142": "số liệu thành phần lớn hơn số tổng của nó (quy tắc phan … khong_qua của loại báo cáo)",
    "D143": "tên đơn vị, cấp trên hoặc địa danh viết lệch một chữ hoặc một dấu so với hồ sơ đơn vị",
    "D144": "kỳ báo cáo không khớp: căn cứ ghi ngày sau ngày báo cáo, năm của phương hướng kỳ tới sai, tiêu đề ghi năm của kỳ trước",
    "T200": "mẫu .docx không đọc được hoặc thiếu",
    "T201": "lỗi trong mẫu (Jinja)",
    "T202": "mẫu dùng biến không có",
    "P300": "tệp .docx sinh ra không hợp lệ",
    "P301": "còn sót thẻ {{ hoặc {% trong tệp sinh ra",
    "P302": "số phần (section) không đúng",
    "P303": "id trùng trong tệp sinh ra",
    "P304": "thể thức không đúng quy định",
    "W400": "không ghi được tệp kết quả",
    "W401": "tệp kết quả đã có mà đã bị sửa tay sau lần sinh trước, hoặc không do baocao-gen tạo: không ghi đè",
    "W402": "tệp kết quả cũ (đã sửa tay hoặc không do baocao-gen tạo) được giữ lại thành bản sao trước khi ghi đè",
    "W403": "tệp kết quả đặt sai chỗ (trùng tệp đầu vào, sai đuôi)",
    "W404": "hai tệp dữ liệu trong cùng một lần `batch` sẽ ghi ra cùng một tệp kết quả",
    "W410": "chưa cài LibreOffice (soffice) nên không chuyển được sang PDF",
    "W411": "LibreOffice chuyển sang PDF quá lâu nên đã dừng",
    "W412": "LibreOffice không chuyển được tệp sang PDF",
}


def format_path(path: Iterable[str | int]) -> str:
    """Return a key path as a clerk writes it: `noi_nhan[2].ten`."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part + 1}]"
        else:
            out += ("." if out else "") + str(part)
    return out


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One problem: a stable code, a Vietnamese message, where it is, the value and a hint."""

    code: str
    message: str
    location: Location | None = None
    value: str | None = None
    hint: str | None = None
    severity: Severity = Severity.ERROR
    extra: tuple[tuple[str, str], ...] = field(default=())

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def sort_key(self) -> tuple[str, int, int, str]:
        loc = self.location
        return (loc.file if loc else "", loc.line if loc else 0, loc.column if loc else 0, self.code)

    def format(self) -> str:
        """Return the one-line form `file:line:col: lỗi: khóa `k` = "v": message (gợi ý: …) [code]`."""
        loc = self.location
        where = ""
        if loc:  # a whole file (an output, a template) has no line to point at
            where = f"{loc.file}:{loc.line}:{loc.column}: " if loc.line > 0 else f"{loc.file}: "
        subject = ""
        if loc and loc.path:
            subject = f"khóa «{format_path(loc.path)}»"
        if self.value is not None:
            shown = self.value if len(self.value) <= 60 else self.value[:57] + "…"
            subject += (" = " if subject else "giá trị ") + json.dumps(shown, ensure_ascii=False)
        text = f"{where}{self.severity.value}: "
        if subject:
            text += subject + ": "
        text += self.message
        if self.hint:
            text += f" (gợi ý: {self.hint})"
        return text + f" [{self.code}]"

    def to_dict(self) -> dict[str, object]:
        loc = self.location
        return {
            "file": loc.file if loc else None,
            "line": loc.line if loc else None,
            "column": loc.column if loc else None,
            "key": format_path(loc.path) if loc else None,
            "value": self.value,
            "severity": "error" if self.is_error else "warning",
            "code": self.code,
            "message": self.message,
            "hint": self.hint,
        }


# What the system said, in a clerk's words. Python's strerror is English on Linux and macOS (and in
# the language of Windows itself there), so the common causes are named here by errno.
_OS_REASONS = {
    errno.EACCES: "không có quyền truy cập",
    errno.EPERM: "không có quyền truy cập",
    errno.ENOENT: "không có tệp hoặc thư mục này",
    errno.EISDIR: "đây là một thư mục, không phải tệp",
    errno.ENOTDIR: "một phần của đường dẫn không phải thư mục",
    errno.ENOSPC: "ổ đĩa đã đầy",
    errno.EROFS: "ổ đĩa chỉ cho đọc, không cho ghi",
    errno.EEXIST: "đã có một tệp hoặc thư mục cùng tên",
    errno.ENAMETOOLONG: "tên tệp hoặc đường dẫn quá dài",
    errno.EBUSY: "tệp đang được chương trình khác dùng",
    errno.EINVAL: "tên tệp có ký tự không được phép",
    errno.EIO: "lỗi đọc ghi của ổ đĩa",
}
# Windows' own error numbers (OSError.winerror) for a file another program holds (Word, Excel…).
_WINDOWS_LOCKED = frozenset({32, 33})


def os_reason(exc: OSError) -> str:
    """Return why the system refused a file, in Vietnamese (the system's own words only as a last resort)."""
    if getattr(exc, "winerror", None) in _WINDOWS_LOCKED:
        return "tệp đang được chương trình khác mở (Word, Excel…)"
    reason = _OS_REASONS.get(exc.errno) if exc.errno is not None else None
    if reason:
        return reason
    return f"lỗi của hệ thống: {exc.strerror or exc}"


def has_errors(diagnostics: Iterable[Diagnostic]) -> bool:
    """Return True when any diagnostic is an error (warnings never stop the pipeline)."""
    return any(d.is_error for d in diagnostics)


def to_json(diagnostics: Iterable[Diagnostic]) -> str:
    """Return diagnostics as a JSON list for editors and other tools."""
    return json.dumps([d.to_dict() for d in diagnostics], ensure_ascii=False, indent=2)


class BaocaoError(Exception):
    """Base of every error the library raises on purpose."""


class DiagnosticsError(BaocaoError):
    """A stage found errors; carries all diagnostics collected so far (errors and warnings)."""

    def __init__(self, diagnostics: list[Diagnostic]):
        self.diagnostics = sorted(diagnostics, key=Diagnostic.sort_key)
        super().__init__("\n".join(d.format() for d in self.diagnostics))
