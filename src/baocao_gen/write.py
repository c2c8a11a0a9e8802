"""Stage 6, write: atomically, and never losing a file the clerk edited by hand.

A crash, a full disk or Ctrl-C must never leave a half-written .docx, nor a stray temporary file: the
bytes go to a temporary file in the target folder, are flushed to disk, then renamed over the target
in one step, and the temporary file is removed whatever stops the write. A previous output is
replaced only when it is still exactly what the tool wrote (its recorded content hash matches);
otherwise the clerk's corrections in Word would be lost, so the write is refused, and when forced
the old file is first kept beside the new one under a name that is never reused.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from pathlib import Path

from .codes import Code
from .diagnostics import Diagnostic, Location, Severity, os_reason
from .ooxml.package import recorded_hash

__all__ = ["backup_path", "write_atomically"]

EDITED = "ban-sua-tay"  # the old output was edited after generation
FOREIGN = "ban-cu"  # the old file was not made by baocao-gen at all
_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)


def backup_path(target: Path, label: str, number: int = 1) -> Path:
    """Return the name a kept old file gets: `bao-cao.docx` → `bao-cao.ban-sua-tay.docx`, then `-2`…"""
    tail = f".{label}" if number == 1 else f".{label}-{number}"
    return target.with_name(target.stem + tail + target.suffix)


def _keep_backup(target: Path, existing: bytes, label: str) -> Path:
    """Keep the current `target` under a fresh backup name and return that name.

    A hard link costs nothing and is created atomically, never over an existing file; where the
    file system has no hard links (FAT, some network shares) the bytes already read are copied
    into a file created exclusively, so an earlier backup is never overwritten either.
    """
    number = 0
    while True:
        number += 1
        backup = backup_path(target, label, number)
        try:
            os.link(target, backup)
            return backup
        except FileExistsError:
            continue
        except OSError:
            pass
        try:
            handle = os.open(backup, _FLAGS, 0o666)
        except FileExistsError:
            continue
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(existing)
                stream.flush()
                os.fsync(stream.fileno())
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(backup)
            raise
        return backup


def _refusal(target: Path, label: str) -> Diagnostic:
    where = Location(str(target))
    if label == FOREIGN:
        return Diagnostic(
            Code.OUTPUT_EDITED,
            f"tệp «{target}» đã có và không phải tệp do baocao-gen tạo; không ghi đè lên nó.",
            where,
            hint=f"chọn tên khác bằng -o, hoặc chạy lại với --ghi-de: tệp cũ sẽ được giữ lại thành «{backup_path(target, label).name}»",
        )
    return Diagnostic(
        Code.OUTPUT_EDITED,
        f"tệp «{target}» đã bị sửa bằng tay sau lần sinh trước; không ghi đè để khỏi mất phần sửa.",
        where,
        hint=(
            "đưa phần sửa vào tệp YAML rồi chạy lại với --ghi-de, bản sửa tay sẽ được giữ lại thành "
            f"«{backup_path(target, label).name}»; hoặc chọn tên khác bằng -o"
        ),
    )


def _kept(target: Path, backup: Path, label: str) -> Diagnostic:
    what = "không phải tệp do baocao-gen tạo" if label == FOREIGN else "đã bị sửa bằng tay sau lần sinh trước"
    return Diagnostic(
        Code.OUTPUT_KEPT_AS_COPY,
        f"tệp «{target}» cũ {what}; đã giữ nó lại ở «{backup}» trước khi ghi tệp mới.",
        Location(str(target)),
        severity=Severity.WARNING,
    )


def write_atomically(data: bytes, target: Path, force: bool = False) -> list[Diagnostic]:
    """Write `data` to `target`; return the problems that prevented it, or a warning naming a backup.

    Nothing is written when an error is returned. With `force`, an old file that is not an
    untouched output of this tool is kept as a backup (warning W402) before it is replaced.
    """
    where = Location(str(target))
    existing = b""
    keep: str | None = None  # the backup label, when the old file must be kept
    if target.exists():
        try:
            existing = target.read_bytes()
        except OSError as exc:
            return [
                Diagnostic(
                    Code.WRITE_FAILED, f"không đọc được tệp «{target}» đang có ({os_reason(exc)}).", where
                )
            ]
        recorded, current = recorded_hash(existing)
        if recorded is None:
            keep = FOREIGN
        elif recorded != current:
            keep = EDITED
        if keep is not None and not force:
            return [_refusal(target, keep)]
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        return [
            Diagnostic(
                Code.WRITE_FAILED, f"không tạo được thư mục «{target.parent}» ({os_reason(exc)}).", where
            )
        ]
    # The temporary name is chosen before the file exists, so that whatever interrupts the write
    # (KeyboardInterrupt included) the `finally` below knows what to remove.
    temporary = target.parent / f".baocao-{secrets.token_hex(8)}.tmp"
    backup: Path | None = None
    done = False
    try:
        while True:
            try:
                # 0o666 under the umask: the mode a normally saved file has (mkstemp would give 0600)
                handle = os.open(temporary, _FLAGS, 0o666)
                break
            except FileExistsError:  # someone else's file of that name: leave it, pick another
                temporary = target.parent / f".baocao-{secrets.token_hex(8)}.tmp"
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        if keep is not None:
            backup = _keep_backup(target, existing, keep)
        os.replace(temporary, target)
        done = True
    except OSError as exc:
        hint = None
        if isinstance(exc, PermissionError):  # on Windows: the file is open in Word
            hint = "nếu tệp đang mở trong Word hoặc chương trình khác thì đóng lại rồi chạy lại; nếu không, kiểm tra quyền ghi vào thư mục"
        return [
            Diagnostic(
                Code.WRITE_FAILED, f"không ghi được tệp «{target}» ({os_reason(exc)}).", where, hint=hint
            )
        ]
    finally:
        if not done:
            _clean_up(temporary, backup)
    return [_kept(target, backup, keep)] if backup is not None and keep is not None else []


def _clean_up(temporary: Path, backup: Path | None) -> None:
    """Remove what an unfinished write left; keep the backup unless the old file is surely still there.

    The temporary file still existing proves the rename did not happen, so the old file is in place
    and its backup is redundant; if it is gone, an interrupt may have landed just after the rename,
    and then the backup is the only copy of the clerk's file.
    """
    try:
        os.unlink(temporary)
    except OSError:
        return
    if backup is not None:
        with contextlib.suppress(OSError):
            os.unlink(backup)
