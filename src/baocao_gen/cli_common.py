"""What every `baocao` command says the same way: usage problems, diagnostics, what a render wrote.

The commands live in cli.py and in the modules beside it (cli_batch, cli_diff, …); they parse their
options, call the library and print through these helpers, so that a diagnostic, a missing file or
a finished render reads alike whichever command produced it. This module imports no pipeline at
start-up: `--help` and `version` load it too (tests/test_startup.py).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from .diagnostics import Diagnostic, has_errors, to_json

if TYPE_CHECKING:
    from .check.findings import System
    from .pipeline import Result

__all__ = [
    "MISSING_DATA",
    "DocxSystemOption",
    "SHOWN_DIAGNOSTICS",
    "UsageProblem",
    "convert_pdf",
    "count_line",
    "docx_system",
    "print_render",
    "print_diagnostics",
    "require_file",
]


class UsageProblem(Exception):
    """The command was called the wrong way (exit 2)."""


MISSING_DATA = "thiếu tệp dữ liệu, ví dụ: baocao render bao-cao.yaml (hoặc baocao validate bao-cao.yaml)."

# A clerk reads diagnostics from the top; past a hundred, more lines only hide the first ones (one
# footnote referenced 20,000 times would print 19,999 lines). JSON, read by tools, keeps them all.
SHOWN_DIAGNOSTICS = 100


# `--he-thong` of the commands that read a .docx (`check`, `nhap`): decided from the header when absent.
DocxSystemOption = Annotated[
    str | None,
    typer.Option(
        "--he-thong",
        help="Hệ thống văn bản: nha_nuoc (NĐ 30) hoặc dang (HD 36); mặc định nhận ra từ đầu văn bản.",
        show_default=False,
        metavar="nha_nuoc|dang",
    ),
]


def docx_system(value: str | None) -> System | None:
    """Return the document system named by `--he-thong`, None when not given; a wrong name is a usage problem."""
    if value is None:
        return None
    from .check.findings import System  # light, but only the .docx commands need it

    try:
        return System(value.strip().lower())
    except ValueError:
        raise UsageProblem(
            f"--he-thong «{value}» không có; chọn nha_nuoc (văn bản Nhà nước) hoặc dang (văn bản của Đảng)."
        ) from None


def require_file(path: Path | None) -> None:
    """Stop with a usage problem unless `path` names an existing data file."""
    if path is None:
        # Typer 0.16 with click >= 8.3 lets a missing required argument through as None
        raise UsageProblem(MISSING_DATA)
    if not path.is_file():
        raise UsageProblem(f"không thấy tệp dữ liệu «{path}».")


def print_diagnostics(diagnostics: list[Diagnostic], as_json: bool) -> int:
    """Print `diagnostics` (JSON on stdout, or the first hundred lines on stderr); return the exit code."""
    if as_json:
        typer.echo(to_json(diagnostics))
    else:
        for diagnostic in diagnostics[:SHOWN_DIAGNOSTICS]:
            typer.echo(diagnostic.format(), err=True)
        hidden = diagnostics[SHOWN_DIAGNOSTICS:]
        if hidden:
            errors = sum(d.is_error for d in hidden)
            typer.echo(
                f"… và {len(hidden)} lỗi/cảnh báo khác ({errors} lỗi, {len(hidden) - errors} cảnh báo); "
                "sửa các lỗi trên rồi chạy lại, hoặc xem hết bằng --json.",
                err=True,
            )
    return 1 if has_errors(diagnostics) else 0


def count_line(diagnostics: list[Diagnostic]) -> str | None:
    """Return the last line of a render that printed warnings: how many, so that a warning that
    scrolled away above the "Đã ghi" line is still seen; None when there was no warning."""
    errors = sum(d.is_error for d in diagnostics)
    warnings = len(diagnostics) - errors
    if not warnings:
        return None
    if errors:
        return f"Tổng cộng: {errors} lỗi, {warnings} cảnh báo; chưa ghi tệp nào."
    return f"Tổng cộng: {warnings} cảnh báo."


def convert_pdf(result: Result, force: bool) -> Path | None:
    """Convert a written .docx to PDF; add the converter's problems to `result`; return the PDF."""
    if result.output is None or not result.ok:
        return None
    from .pdf import convert_to_pdf

    pdf_path, problems = convert_to_pdf(result.output, force=force)
    result.diagnostics += problems
    return pdf_path


def print_render(
    result: Result, *, as_json: bool = False, pdf_path: Path | None = None, stamp: str | None = None
) -> int:
    """Print what one render did, as `render` and `watch` both say it; return the exit code.

    The diagnostics first, then the files written and what changed since the earlier output, then
    the count of warnings. `stamp` (the time of day) leads each "Đã ghi" line of `watch`, which
    renders again and again into one terminal.
    """
    code = print_diagnostics(result.diagnostics, as_json)
    if as_json:
        return code
    lead = f"{stamp} " if stamp else ""
    if result.output is not None:
        typer.echo(f"{lead}Đã ghi {result.output}", err=True)
        if result.changes is not None:
            typer.echo("\n".join(result.changes.lines()), err=True)
    if pdf_path is not None:
        typer.echo(f"{lead}Đã ghi {pdf_path}", err=True)
    count = count_line(result.diagnostics)
    if count is not None:
        typer.echo(count, err=True)
    return code
