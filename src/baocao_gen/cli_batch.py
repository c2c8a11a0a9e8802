"""The `baocao batch` and `baocao watch` commands: many files at once, and a re-render on every save.

They sit beside cli.py, which imports this module last so that the commands join its `app`; like the
other commands they only parse options, call the library (batch.py, watch.py, pdf.py) and print.
"""

import contextlib
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Annotated

import typer

from .cli import FILE_METAVAR, DataFile, PdfFlag, StrictFlag, app
from .cli_common import UsageProblem, convert_pdf, print_render, require_file

__all__ = ["batch_command", "watch_command"]


@app.command(
    "batch",
    help="Sinh nhiều báo cáo một lúc, song song trên mọi nhân máy: các tệp dữ liệu chỉ ra và mọi tệp .yaml, .yml trong các "
    "thư mục chỉ ra (bỏ qua tệp hồ sơ đơn vị). Tệp lỗi được báo ở cuối, các tệp khác vẫn được sinh.",
)
def batch_command(
    inputs: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Các tệp dữ liệu hoặc thư mục chứa chúng.", show_default=False, metavar="TỆP_HOẶC_THƯ_MỤC"
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "-o",
            "--output",
            help="Thư mục nhận các tệp .docx (tệp trong thư mục con giữ nguyên thư mục con).",
            show_default=False,
            metavar="THƯ_MỤC",
        ),
    ] = None,
    pdf: PdfFlag = False,
    force: Annotated[
        bool,
        typer.Option(
            "--ghi-de", help="Ghi đè cả tệp kết quả đã bị sửa bằng tay; bản cũ được giữ lại cạnh nó."
        ),
    ] = False,
    strict: StrictFlag = False,
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs",
            hidden=True,
            min=1,
            help="Số tiến trình sinh song song (mặc định: số nhân máy); để đo tốc độ.",
        ),
    ] = None,
) -> None:
    from .batch import plan_batch, run_batch, summary, worker_server
    from .pdf import find_converter, missing_converter

    if not inputs:
        raise UsageProblem("thiếu tệp dữ liệu hoặc thư mục, ví dụ: baocao batch cac-don-vi/ -o ket-qua/.")
    if output is None:
        raise UsageProblem(
            "thiếu thư mục kết quả: thêm -o THƯ_MỤC, ví dụ: baocao batch cac-don-vi/ -o ket-qua/."
        )
    for item in inputs:
        if not item.exists():
            raise UsageProblem(f"không thấy tệp hoặc thư mục «{item}».")
    if output.exists() and not output.is_dir():
        raise UsageProblem(f"«{output}» là một tệp; -o của lệnh batch phải là một thư mục.")
    with worker_server():  # started now, the workers' imports run while the files are planned
        plan = plan_batch(inputs, output)
        if not plan.jobs and not plan.refused:
            raise UsageProblem(
                "không có tệp dữ liệu báo cáo nào (.yaml, .yml) trong các tệp, thư mục đã chỉ ra."
            )
        converter_missing = pdf and find_converter() is None
        with _progress(len(plan.jobs)) as advance:
            outcomes = run_batch(
                plan,
                force=force,
                to_pdf=pdf and not converter_missing,
                strict=strict,
                workers=jobs,
                on_done=advance,
            )
    for line in summary(plan, outcomes, output, pdf and not converter_missing):
        typer.echo(line, err=True)
    if converter_missing:
        typer.echo(missing_converter(output).format(), err=True)
    failed = converter_missing or plan.refused or any(not outcome.ok for outcome in outcomes)
    raise typer.Exit(1 if failed else 0)


@contextlib.contextmanager
def _progress(total: int) -> Iterator[Callable[[object], None]]:
    """Show a progress bar on a terminal's stderr; elsewhere (a pipe, a log file) show nothing."""
    if not sys.stderr.isatty():
        yield lambda done: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    columns = (TextColumn("Đang sinh báo cáo"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task("batch", total=total)
        yield lambda done: progress.advance(task)


@app.command(
    "watch",
    help="Theo dõi tệp dữ liệu: mỗi lần lưu tệp (hoặc hồ sơ đơn vị nó kế thừa) là sinh lại .docx và in lỗi nếu có. "
    "Không ghi đè tệp kết quả đã sửa bằng tay. Bấm Ctrl-C để dừng.",
)
def watch_command(
    data: DataFile,
    output: Annotated[
        Path | None,
        typer.Option(
            "-o",
            "--output",
            help="Tệp .docx kết quả (mặc định: cạnh tệp dữ liệu, đuôi .docx).",
            show_default=False,
            metavar=FILE_METAVAR,
        ),
    ] = None,
    pdf: PdfFlag = False,
    strict: StrictFlag = False,
    max_renders: Annotated[
        int | None, typer.Option("--so-lan", hidden=True, help="Dừng sau chừng ấy lần sinh (để kiểm thử).")
    ] = None,
    time_limit: Annotated[
        float | None, typer.Option("--toi-da-giay", hidden=True, help="Dừng sau chừng ấy giây (để kiểm thử).")
    ] = None,
) -> None:
    from .pipeline import render_file
    from .watch import watch_and_render

    require_file(data)

    def render_once() -> tuple[Path, ...]:
        if not data.is_file():  # saved by delete-then-write: the next event brings it back
            typer.echo(
                f"{time.strftime('%H:%M:%S')} chưa thấy tệp «{data}»; đang chờ tệp được lưu lại.", err=True
            )
            return ()
        result = render_file(data, output, strict=strict)
        pdf_path = convert_pdf(result, False) if pdf else None
        stamp = time.strftime("%H:%M:%S")
        print_render(result, pdf_path=pdf_path, stamp=stamp)  # what this save did, as `render` says it
        if result.output is None:
            typer.echo(f"{stamp} Chưa sinh được tệp: sửa các lỗi trên rồi lưu lại.", err=True)
        return result.sources

    def ready(files: list[Path]) -> None:
        names = ", ".join(path.name for path in files)
        typer.echo(f"Đang theo dõi {names}: lưu tệp là sinh lại; bấm Ctrl-C để dừng.", err=True)

    watch_and_render(data, render_once, on_ready=ready, max_renders=max_renders, time_limit=time_limit)
