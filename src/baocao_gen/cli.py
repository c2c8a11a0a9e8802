"""The `baocao` command: a thin shell over the pipeline that owns printing and exit codes.

Exit codes: 0 done; 1 problems in the data or the template (nothing written); 2 wrong use of the
command; 3 an internal error (a bug: the message asks to report it); 130 interrupted.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from . import __version__
from .diagnostics import Diagnostic, has_errors, to_json
from .pipeline import Result, check, render_file

__all__ = ["app", "main"]

app = typer.Typer(
    name="baocao",
    help="Sinh báo cáo (.docx) đúng thể thức NĐ 30/2020/NĐ-CP và HD 36-HD/VPTW từ tệp dữ liệu YAML.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

DataFile = Annotated[Path, typer.Argument(help="Tệp dữ liệu YAML của kỳ báo cáo.", show_default=False)]
JsonFlag = Annotated[bool, typer.Option("--json", help="In các lỗi dạng JSON (cho trình soạn thảo, công cụ khác).")]


class UsageProblem(Exception):
    """The command was called the wrong way (exit 2)."""


def _require_file(path: Path) -> None:
    if not path.is_file():
        raise UsageProblem(f"không thấy tệp dữ liệu «{path}».")


def _report(result: Result, as_json: bool) -> int:
    diagnostics: list[Diagnostic] = result.diagnostics
    if as_json:
        typer.echo(to_json(diagnostics))
    else:
        for diagnostic in diagnostics:
            typer.echo(diagnostic.format(), err=True)
    return 1 if has_errors(diagnostics) else 0


@app.command("render", help="Sinh tệp .docx từ tệp dữ liệu. Có lỗi thì không ghi gì cả.")
def render_command(
    data: DataFile,
    output: Annotated[
        Path | None,
        typer.Option("-o", "--output", help="Tệp .docx kết quả (mặc định: cạnh tệp dữ liệu, đuôi .docx).", show_default=False),
    ] = None,
    force: Annotated[bool, typer.Option("--ghi-de", help="Ghi đè cả khi tệp kết quả đã bị sửa bằng tay.")] = False,
    as_json: JsonFlag = False,
) -> None:
    _require_file(data)
    result = render_file(data, output, force=force)
    code = _report(result, as_json)
    if code == 0 and result.output is not None and not as_json:
        typer.echo(f"Đã ghi {result.output}", err=True)
    raise typer.Exit(code)


@app.command("validate", help="Kiểm tra tệp dữ liệu và in mọi lỗi tìm thấy (không sinh tệp).")
def validate_command(data: DataFile, as_json: JsonFlag = False) -> None:
    _require_file(data)
    result = check(data)
    code = _report(result, as_json)
    if code == 0 and not as_json:
        warnings = len(result.diagnostics)
        typer.echo("Dữ liệu hợp lệ." + (f" Có {warnings} cảnh báo." if warnings else ""), err=True)
    raise typer.Exit(code)


@app.command("version", help="In phiên bản.")
def version_command() -> None:
    typer.echo(f"baocao-gen {__version__}")


def _usage_message(exc: Exception) -> str:
    """Return a Vietnamese wording of click's usage errors (click itself speaks English)."""
    kind = type(exc).__name__
    if kind == "NoSuchOption":
        return f"không có tùy chọn {getattr(exc, 'option_name', '')}."
    if kind == "MissingParameter":
        return "thiếu tệp dữ liệu hoặc tham số bắt buộc."
    if kind == "BadParameter":
        return f"tham số không hợp lệ ({exc.format_message()})."  # type: ignore[attr-defined]
    message = exc.format_message()  # type: ignore[attr-defined]
    if "No such command" in message:
        return "không có lệnh này."
    return message


def main(argv: list[str] | None = None) -> None:
    """Run the CLI and exit with the contract's code; never show a traceback for bad input."""
    # Typer may ship its own copy of click, so click's exceptions are recognised by name and shape.
    try:
        code = app(args=argv, standalone_mode=False)
    except UsageProblem as exc:
        typer.echo(f"baocao: lỗi cách dùng: {exc}", err=True)
        sys.exit(2)
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as exc:
        kind = type(exc).__name__
        if kind == "Exit":
            sys.exit(getattr(exc, "exit_code", 0))
        if kind == "Abort":
            sys.exit(130)
        if kind == "NoArgsIsHelpError":
            typer.echo(exc.format_message(), err=True)  # type: ignore[attr-defined]
            sys.exit(2)
        if getattr(exc, "exit_code", None) == 2 and hasattr(exc, "format_message"):
            typer.echo(f"baocao: lỗi cách dùng: {_usage_message(exc)} Xem `baocao --help`.", err=True)
            sys.exit(2)
        typer.echo(
            f"baocao: lỗi nội bộ ({kind}: {exc}). Đây là lỗi của chương trình, không phải của dữ liệu; "
            f"hãy gửi tệp dữ liệu và dòng này cho người phát triển (baocao-gen {__version__}).",
            err=True,
        )
        sys.exit(3)
    sys.exit(code if isinstance(code, int) else 0)
