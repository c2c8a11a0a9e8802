"""The `baocao diff` command: what changed between two data files, or between two produced reports.

cli.py imports this module last so that the command joins its `app`. A data file is rendered in
memory (nothing is written) and compared as its output would be, so the list is the same one that
`render` prints after re-rendering over an earlier output.
"""

import io
import zipfile
from pathlib import Path
from typing import Annotated

import typer

from .cli import JsonFlag, app
from .cli_common import UsageProblem, print_diagnostics
from .codes import Code
from .diagnostics import Diagnostic, Location, os_reason

# The pipeline and lxml are imported when the command runs: this module is imported for every
# command (to join `app`), and `--help` must not pay for them (docs/benchmarks.md).

__all__ = ["diff_command"]

_DOCX = ".docx"


def _output_of(path: Path) -> tuple[bytes | None, list[Diagnostic]]:
    """Return the .docx bytes a path stands for: the file itself, or the render of a data file."""
    from lxml import etree

    from .ooxml.text import document_text
    from .pipeline import build

    if path.suffix.lower() != _DOCX:
        result = build(path)
        return (result.data if result.ok else None), result.diagnostics
    try:
        data = path.read_bytes()
    except OSError as exc:
        return None, [
            Diagnostic(
                Code.OUTPUT_UNREADABLE,
                f"không đọc được tệp «{path}» ({os_reason(exc)}).",
                Location(str(path)),
            )
        ]
    if not zipfile.is_zipfile(io.BytesIO(data)):
        return None, [
            Diagnostic(
                Code.OUTPUT_UNREADABLE,
                f"tệp «{path}» không phải tệp Word .docx.",
                Location(str(path)),
                hint="lưu lại trong Word dưới dạng .docx (Word Document)",
            )
        ]
    try:
        document_text(data)
    except (KeyError, ValueError, zipfile.BadZipFile, etree.XMLSyntaxError):
        return None, [
            Diagnostic(
                Code.OUTPUT_UNREADABLE,
                f"tệp «{path}» hỏng hoặc không phải văn bản Word.",
                Location(str(path)),
            )
        ]
    return data, []


@app.command(
    "diff",
    help="In những gì khác nhau giữa hai kỳ sửa của một báo cáo: số liệu đổi giá trị, đoạn văn thêm, bỏ, sửa (theo thứ tự "
    "trong văn bản). Nhận hai tệp dữ liệu YAML (không ghi tệp nào) hoặc hai tệp .docx đã sinh.",
)
def diff_command(
    old: Annotated[
        Path,
        typer.Argument(
            help="Bản cũ: tệp dữ liệu .yaml hoặc tệp .docx.", show_default=False, metavar="BẢN_CŨ"
        ),
    ],
    new: Annotated[
        Path,
        typer.Argument(
            help="Bản mới: tệp dữ liệu .yaml hoặc tệp .docx.", show_default=False, metavar="BẢN_MỚI"
        ),
    ],
    as_json: JsonFlag = False,
) -> None:
    from .changes import compare_outputs

    for path in (old, new):
        if not path.is_file():
            raise UsageProblem(f"không thấy tệp «{path}».")
    old_data, old_problems = _output_of(old)
    new_data, new_problems = _output_of(new)
    code = print_diagnostics(old_problems + new_problems, as_json)
    if old_data is None or new_data is None:
        raise typer.Exit(code or 1)
    for line in compare_outputs(old_data, new_data).lines():
        typer.echo(line)
    raise typer.Exit(code)
