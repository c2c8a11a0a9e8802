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

from .codes import Code

__all__ = [
    "Diagnostic",
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


def format_path(path: Iterable[str | int]) -> str:
    """Return a key path as a clerk writes it: `noi_nhan[2].ten`."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part + 1}]"
        else:
            out += ("." if out else "") + str(part)
    return out


# Characters a terminal or `str.splitlines` takes as the end of a line. A value or a hint quoting text a
# clerk pasted (a Word line separator U+2028, a form feed) would split the one-line form in two, and an
# editor reading `file:line:col:` lines would lose the rest; each is shown as its escape instead.
_LINE_BREAKS = {ord(c): f"\\u{ord(c):04x}" for c in "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"}


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One problem: a stable code, a Vietnamese message, where it is, the value and a hint.

    The code is a `Code`, so `--json` consumers and `baocao giai-thich` can rely on it being in the
    catalogue; a plain string is accepted and converted (an unknown one fails at once, in the tests,
    rather than reaching a clerk as a code nobody can explain).
    """

    code: Code
    message: str
    location: Location | None = None
    value: str | None = None
    hint: str | None = None
    severity: Severity = Severity.ERROR
    extra: tuple[tuple[str, str], ...] = field(default=())

    def __post_init__(self) -> None:
        if not isinstance(self.code, Code):
            object.__setattr__(self, "code", Code(self.code))

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
        return (text + f" [{self.code}]").translate(_LINE_BREAKS)

    def to_dict(self) -> dict[str, object]:
        loc = self.location
        return {
            "file": loc.file if loc else None,
            "line": loc.line if loc else None,
            "column": loc.column if loc else None,
            "key": format_path(loc.path) if loc else None,
            "value": self.value,
            "severity": "error" if self.is_error else "warning",
            "code": self.code.value,
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
