"""The `baocao nhap` command: last year's Word report → the unit profile and the period file.

cli.py imports this module inside `run()` so that the command joins its `app`; the importer (lxml,
the reader) is imported when the command runs, so `--help` stays light (tests/test_startup.py).
Printing and exit codes only: the work is `nhap.importer`.
"""

from pathlib import Path
from typing import Annotated

import typer

from .cli import app
from .cli_common import DocxSystemOption, UsageProblem, docx_system, print_diagnostics
from .codes import Code

__all__ = ["nhap_command"]


@app.command(
    "nhap",
    help="Nhập báo cáo năm trước (tệp .docx gõ trong Word) thành tệp dữ liệu: hồ sơ đơn vị (don-vi.yaml) và tệp "
    "kỳ báo cáo (bao-cao-NĂM.yaml), kèm ghi chú những gì đã nhận ra, cần xem lại, chưa chuyển được. Không ghi đè "
    "tệp nào. Mã thoát: 0 đã ghi, 1 không ghi được (báo lý do), 2 tệp .docx không đọc được.",
)
def nhap_command(
    report: Annotated[
        Path | None,
        typer.Argument(help="Tệp báo cáo .docx của kỳ trước.", show_default=False, metavar="TỆP_DOCX"),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "-o",
            "--output",
            help="Thư mục ghi hai tệp dữ liệu (tạo mới nếu chưa có); mặc định: thư mục của tệp .docx.",
            show_default=False,
            metavar="THƯ_MỤC",
        ),
    ] = None,
    system: DocxSystemOption = None,
) -> None:
    from .nhap.importer import import_file, write_import

    if report is None:
        raise UsageProblem("thiếu tệp báo cáo, ví dụ: baocao nhap bao-cao-2023.docx -o du-lieu/")
    if not report.is_file():
        raise UsageProblem(f"không thấy tệp «{report}».")
    folder = report.parent if output is None else output
    if folder.exists() and not folder.is_dir():
        raise UsageProblem(f"-o phải là một thư mục, nhưng «{folder}» là một tệp.")
    chosen = docx_system(system)
    result, problems = import_file(report, chosen)
    if result is None:
        code = print_diagnostics(problems, False)
        raise typer.Exit(2 if any(d.code is Code.IMPORT_UNREADABLE for d in problems) else code or 1)
    written, problems = write_import(result, folder)
    if problems:
        raise typer.Exit(print_diagnostics(problems, False) or 1)
    for note in sorted(result.notes, key=lambda n: -1 if n.paragraph is None else n.paragraph):
        where = f"đoạn {note.paragraph}: " if note.paragraph is not None else ""
        typer.echo(f"{report}: {where}{note.kind.value}: {note.message}")
    profile, period = written
    typer.echo(f"Đã ghi hồ sơ đơn vị: {profile}")
    typer.echo(f"Đã ghi tệp kỳ báo cáo: {period}")
    typer.echo(
        "Việc tiếp theo: đọc phần ghi chú ở đầu hai tệp, sửa những chỗ «<điền …>» và «cần xem lại», rồi chạy"
    )
    typer.echo(f"  baocao validate {period}")
    typer.echo(f"  baocao render {period}")
