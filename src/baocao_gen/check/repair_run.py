"""`baocao check --sua` on files: choose the output, refuse to overwrite, write atomically, report.

The original is never overwritten. `-o` names the repaired file; without it the file goes beside the
input as `<tên>.da-sua.docx` (then `.da-sua-2.docx`, …), a name that does not exist yet, so a clerk who
runs the command twice keeps both results and loses nothing. A target that is the input itself (same
resolved path, a link to it) or any existing file is refused before anything is read or written.
The printing stays in the CLI: this module returns the lines and the exit code.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from ..diagnostics import has_errors, os_reason
from ..write import write_atomically
from .findings import Level, System
from .repair import RepairResult, not_repaired_reason, repair_bytes

__all__ = ["RepairRefused", "RepairRun", "default_target", "run_repair"]

_MAX_FILE = 200 * 1024 * 1024
_SUFFIX = "da-sua"


class RepairRefused(Exception):
    """The command was asked something unsafe (overwrite the input, an existing file): a usage error."""


@dataclass(slots=True)
class RepairRun:
    """What the command prints (stdout, stderr) and its exit code."""

    out: list[str] = field(default_factory=list)
    err: list[str] = field(default_factory=list)
    exit_code: int = 0


def default_target(source: Path) -> Path:
    """Return `bao-cao.da-sua.docx` beside `source`, or `-2`, `-3`… until a name is free."""
    number = 1
    while True:
        tail = _SUFFIX if number == 1 else f"{_SUFFIX}-{number}"
        candidate = source.with_name(f"{source.stem}.{tail}{source.suffix or '.docx'}")
        if not candidate.exists() and not candidate.is_symlink():
            return candidate
        number += 1


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or (b.exists() and a.samefile(b))
    except OSError:
        return False


def _target(source: Path, output: Path | None) -> Path:
    if output is None:
        return default_target(source)
    if _same_file(source, output):
        raise RepairRefused(
            f"tệp ghi ra «{output}» chính là tệp gốc; --sua không bao giờ ghi đè tệp gốc, "
            "hãy chọn tên khác cho -o (ví dụ bao-cao.da-sua.docx)."
        )
    if output.exists() or output.is_symlink():
        raise RepairRefused(
            f"tệp «{output}» đã có; --sua không ghi đè tệp nào, hãy chọn tên khác cho -o hoặc xóa tệp ấy trước."
        )
    return output


def _json(result: RepairResult, source: Path, target: Path | None, written: bool) -> dict[str, object]:
    report = result.remaining
    return {
        "file": str(source),
        "output": str(target) if written and target is not None else None,
        "unreadable": result.unreadable,
        "failure": result.failure,
        "system": report.system.value if report and report.system else None,
        "detection": report.detection if report else None,
        "changes": [c.to_dict() for c in result.changes],
        "remaining": [
            {**f.to_dict(), "not_repaired": not_repaired_reason(f)}
            for f in (report.sorted() if report else [])
        ],
    }


def _read(source: Path) -> tuple[bytes | None, str | None]:
    try:
        if source.stat().st_size > _MAX_FILE:
            return None, "tệp quá lớn để là một văn bản .docx"
        return source.read_bytes(), None
    except OSError as exc:
        return None, os_reason(exc)


def _one(source: Path, target: Path, system: System | None, run: RepairRun) -> dict[str, object]:
    data, reason = _read(source)
    result = (
        RepairResult(None, unreadable=reason) if data is None else repair_bytes(data, str(target), system)
    )
    if result.unreadable or result.failure or result.data is None:
        why = result.unreadable or f"không sửa được ({result.failure})"
        run.err.append(f"{source}: lỗi: không đọc được tệp: {why}. Không ghi tệp nào.")
        run.exit_code = 2
        return _json(result, source, target, False)
    problems = write_atomically(result.data, target)
    if has_errors(problems):
        run.err += [p.format() for p in problems]
        run.exit_code = max(run.exit_code, 1)
        return _json(result, source, target, False)
    report = result.remaining
    assert report is not None  # a repaired package is always audited
    system_name = report.system.label if report.system else "không xác định"
    run.err.append(f"{source}: hệ thống văn bản: {system_name} ({report.detection})")
    run.out += [change.format(str(source)) for change in result.changes]
    for finding in report.sorted():
        run.out.append(f"{finding.format(str(target))} (không tự sửa: {not_repaired_reason(finding)})")
    errors = len(report.errors)
    done = f"đã sửa {len(result.changes)} chỗ" if result.changes else "không có gì cần sửa máy móc"
    left = "không còn lỗi thể thức." if not errors else f"còn {errors} lỗi phải sửa tay."
    run.err.append(f"{source}: {done}, đã ghi «{target}»; {left}")
    if any(f.level is Level.ERROR for f in report.findings):
        run.exit_code = max(run.exit_code, 1)
    return _json(result, source, target, True)


def run_repair(files: list[Path], output: Path | None, system: System | None, as_json: bool) -> RepairRun:
    """Repair each file into its own output; raise RepairRefused for an unsafe request (exit 2)."""
    if output is not None and len(files) != 1:
        raise RepairRefused(
            "-o chỉ dùng với một tệp; bỏ -o để mỗi tệp được ghi ra bên cạnh với tên «….da-sua.docx»."
        )
    targets = [_target(source, output) for source in files]  # every refusal before any write
    run = RepairRun()
    reports = [_one(source, target, system, run) for source, target in zip(files, targets, strict=True)]
    if as_json:
        run.out = [json.dumps(reports, ensure_ascii=False, indent=2)]
    return run
