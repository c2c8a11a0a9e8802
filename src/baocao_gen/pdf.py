"""PDF copies of written reports, made by LibreOffice (`soffice --headless --convert-to pdf`).

LibreOffice is optional: the .docx is the product and is written before any conversion, so a missing
or failing converter costs the clerk the PDF only, and says so in Vietnamese. Each conversion runs in
a private, throw-away LibreOffice profile: two conversions at once (batch) or a LibreOffice window the
clerk has open would otherwise share one profile, and the second soffice would hand its job to the
first one or stop at once. The PDF goes through `write.write_atomically`, so it is never half-written
and a PDF the tool did not make (the scan of the signed copy, say) is never replaced silently.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import IO

from .codes import Code
from .diagnostics import Diagnostic, Location, has_errors
from .write import write_atomically

__all__ = [
    "CONVERT_TIMEOUT",
    "PDF_SUFFIX",
    "ConversionStopped",
    "convert_to_pdf",
    "find_converter",
    "missing_converter",
]

CONVERT_TIMEOUT = 120.0  # seconds; a report converts in 2-10 s, a stuck soffice would wait forever
PDF_SUFFIX = ".pdf"
_POLL = 0.1  # seconds between looks at the converter (and at `should_stop`)

# Where the installers put soffice when it is not on PATH (Windows never adds it; macOS keeps it in the app).
_KNOWN_PLACES = (
    Path(os.environ.get("PROGRAMFILES", r"C:\Program Files")) / "LibreOffice" / "program" / "soffice.exe",
    Path(os.environ.get("PROGRAMFILES(X86)", r"C:\Program Files (x86)"))
    / "LibreOffice"
    / "program"
    / "soffice.exe",
    Path("/Applications/LibreOffice.app/Contents/MacOS/soffice"),
)
# A PDF written by an earlier conversion names LibreOffice as its producer, as text or as UTF-16 hex.
_OUR_PRODUCER = (b"LibreOffice", "LibreOffice".encode("utf-16-be").hex().upper().encode("ascii"))


class ConversionStopped(Exception):
    """The caller asked to stop (batch after Ctrl-C); the converter was ended and nothing was written."""


def find_converter() -> str | None:
    """Return the soffice program to run, or None when LibreOffice is not installed."""
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    return next((str(place) for place in _KNOWN_PLACES if place.is_file()), None)


def missing_converter(docx: Path) -> Diagnostic:
    """Return the error that tells a clerk LibreOffice is missing and how to install it."""
    return Diagnostic(
        Code.PDF_NO_CONVERTER,
        "máy chưa cài LibreOffice (không tìm thấy lệnh soffice) nên không chuyển được sang PDF; tệp .docx vẫn đã được ghi.",
        Location(str(docx)),
        hint=(
            "Windows: tải LibreOffice tại https://www.libreoffice.org/download/, cài đặt rồi mở lại cửa sổ lệnh; "
            "Ubuntu: sudo apt install libreoffice-writer; sau đó chạy lại lệnh với --pdf"
        ),
    )


def convert_to_pdf(
    docx: Path,
    *,
    force: bool = False,
    timeout: float = CONVERT_TIMEOUT,
    should_stop: Callable[[], bool] = lambda: False,
) -> tuple[Path | None, list[Diagnostic]]:
    """Write `docx`'s PDF beside it (same stem); return its path, or None and why not.

    The path is returned only when the PDF exists and is not empty. `force` lets an existing PDF that
    LibreOffice did not make be replaced (it is kept as `….ban-cu.pdf`, as write.py does for .docx).
    Raises ConversionStopped when `should_stop()` turns true during the conversion.
    """
    soffice = find_converter()
    if soffice is None:
        return None, [missing_converter(docx)]
    target = docx.with_suffix(PDF_SUFFIX)
    work = Path(tempfile.mkdtemp(prefix="baocao-pdf-"))
    try:
        produced, problems = _run_converter(soffice, docx, work, timeout, should_stop)
        if produced is None:
            return None, problems
        if _made_by_converter(target):
            # an earlier --pdf of this report: regenerated, like an untouched .docx, with no copy kept
            with contextlib.suppress(FileNotFoundError):
                target.unlink()
        problems = write_atomically(produced, target, force=force)
        if has_errors(problems) or not target.is_file() or target.stat().st_size == 0:
            return None, problems
        return target, problems
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _run_converter(
    soffice: str, docx: Path, work: Path, timeout: float, should_stop: Callable[[], bool]
) -> tuple[bytes | None, list[Diagnostic]]:
    """Run one soffice in its own profile under `work`; return the PDF bytes or the problem."""
    outdir = work / "pdf"
    command = [
        soffice,
        f"-env:UserInstallation={(work / 'profile').as_uri()}",
        "--headless",
        "--invisible",
        "--nologo",
        "--nodefault",
        "--norestore",
        "--nolockcheck",
        "--convert-to",
        "pdf",
        "--outdir",
        str(outdir),
        str(docx.resolve()),
    ]
    where = Location(str(docx))
    with open(work / "soffice.log", "wb") as log:
        process = _start(command, log)
        try:
            deadline = time.monotonic() + timeout
            while process.poll() is None:
                if should_stop():
                    raise ConversionStopped
                if time.monotonic() > deadline:
                    return None, [
                        Diagnostic(
                            Code.PDF_TIMEOUT,
                            f"LibreOffice chưa chuyển xong sang PDF sau {_seconds(timeout)} giây nên đã dừng; tệp .docx vẫn đã được ghi.",
                            where,
                            hint="đóng bớt chương trình đang chạy rồi thử lại; hoặc mở tệp .docx bằng Word/LibreOffice và lưu thành PDF",
                        )
                    ]
                with contextlib.suppress(subprocess.TimeoutExpired):
                    process.wait(_POLL)
        finally:
            _end(process)
    produced = outdir / (docx.stem + PDF_SUFFIX)
    data = produced.read_bytes() if produced.is_file() else b""
    if process.returncode != 0 or not data:
        said = (work / "soffice.log").read_text(encoding="utf-8", errors="replace").strip().splitlines()
        return None, [
            Diagnostic(
                Code.PDF_FAILED,
                f"LibreOffice không chuyển được tệp sang PDF (mã thoát {process.returncode}); tệp .docx vẫn đã được ghi.",
                where,
                value=said[-1] if said else None,
                hint="mở tệp .docx bằng LibreOffice xem có báo lỗi gì không, hoặc lưu thành PDF từ Word",
            )
        ]
    return data, []


def _seconds(value: float) -> str:
    """Return a number of seconds the Vietnamese way (`0,5`, `120`)."""
    return f"{value:g}".replace(".", ",")


def _start(command: list[str], log: IO[bytes]) -> subprocess.Popen[bytes]:
    """Start soffice in a process group of its own, so that ending it ends its helpers too.

    /usr/bin/soffice is a shell script that starts oosplash, which starts soffice.bin: killing the
    first alone would leave a converter running. Its own group also keeps the terminal's Ctrl-C away
    from it; the caller ends it instead (in `finally`), after which nothing is left behind.
    """
    windows = sys.platform == "win32"
    return subprocess.Popen(
        command,
        stdin=subprocess.DEVNULL,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=not windows,
        creationflags=getattr(subprocess, "CREATE_NEW_PROCESS_GROUP", 0) if windows else 0,
    )


def _end(process: subprocess.Popen[bytes]) -> None:
    """Kill the converter and every process it started, unless it has finished on its own."""
    if process.poll() is not None:
        return
    with contextlib.suppress(OSError):
        if sys.platform == "win32":
            subprocess.run(
                ["taskkill", "/F", "/T", "/PID", str(process.pid)], capture_output=True, check=False
            )
        else:
            os.killpg(process.pid, signal.SIGKILL)
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(10)


def _made_by_converter(target: Path) -> bool:
    """Return True when `target` is a PDF LibreOffice made (an earlier `--pdf`), safe to replace."""
    try:
        with open(target, "rb") as stream:
            head = stream.read(5)
            if head != b"%PDF-":
                return False
            stream.seek(0)
            data = stream.read()
    except OSError:
        return False
    return any(mark in data for mark in _OUR_PRODUCER)
