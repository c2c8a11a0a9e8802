"""Stage 6, write: atomically, and never over a file the clerk edited by hand.

A crash or a full disk must never leave a half-written .docx: the bytes go to a temporary file in the
target folder, are flushed to disk, then renamed over the target in one step. A previous output is
replaced only when it is still exactly what the tool wrote (its recorded content hash matches);
otherwise the clerk's corrections in Word would be lost, so the write is refused unless forced.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from .diagnostics import Diagnostic, Location
from .ooxml.package import recorded_hash

__all__ = ["write_atomically"]


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def write_atomically(data: bytes, target: Path, force: bool = False) -> list[Diagnostic]:
    """Write `data` to `target`; return the problems that prevented it (nothing written then)."""
    where = Location(str(target))
    if target.exists() and not force:
        recorded, current = recorded_hash(target.read_bytes())
        if recorded is None or recorded != current:
            return [
                Diagnostic(
                    "W401",
                    "tệp kết quả đã có và đã bị sửa bằng tay (hoặc không do baocao-gen tạo); không ghi đè để khỏi mất phần sửa.",
                    where,
                    hint="đưa phần sửa vào tệp YAML rồi chạy lại với --ghi-de, hoặc chọn tên khác bằng -o",
                )
            ]
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=".baocao-", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        return [Diagnostic("W400", f"không ghi được vào thư mục ({exc.strerror or exc}).", where)]
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        # mkstemp makes the file private (0600); give it the mode a normally saved file would have
        os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, target)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        hint = "đóng tệp đang mở trong Word rồi chạy lại" if isinstance(exc, PermissionError) else None
        return [Diagnostic("W400", f"không ghi được tệp ({exc.strerror or exc}).", where, hint=hint)]
    return []
