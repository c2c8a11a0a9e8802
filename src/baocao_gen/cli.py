"""The `baocao` command: a thin shell over the pipeline that owns printing and exit codes.

Exit codes: 0 done; 1 problems in the data or the template (nothing written); 2 wrong use of the
command; 3 an internal error (a bug: the message asks to report it); 130 interrupted.
"""

# No `from __future__ import annotations` here nor in cli_batch, cli_nhap, cli_diff: Typer reads the
# annotations of every command at each start, and a string annotation costs it an eval (a compile):
# building the command tree took 13 ms with them, 4 ms without (measured; tests/test_perf_boot.py).
import contextlib
import difflib
import io
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from . import __version__
from .cli_common import (
    MISSING_DATA,
    SHOWN_DIAGNOSTICS,
    DocxSystemOption,
    UsageProblem,
    convert_pdf,
    docx_system,
    print_diagnostics,
    print_render,
    require_file,
)
from .codes import Code
from .entry import INTERRUPTED, caused_by_interrupt
from .resources import template_path

# The pipeline (docxtpl, lxml, pydantic, babel) is imported inside the commands that run it: `--help`,
# `version` and `templates` must start about as fast as a bare Typer app (docs/benchmarks.md).
if TYPE_CHECKING:
    from .check.findings import System
    from .kinds import Kind

__all__ = ["UsageProblem", "app", "main"]

app = typer.Typer(
    name="baocao",
    help="Sinh báo cáo (.docx) đúng thể thức NĐ 30/2020/NĐ-CP và HD 36-HD/VPTW từ tệp dữ liệu YAML.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

DataFile = Annotated[
    Path, typer.Argument(help="Tệp dữ liệu YAML của kỳ báo cáo.", show_default=False, metavar="TỆP_DỮ_LIỆU")
]
# Every option that takes a value names it in Vietnamese: without a metavar, click shows PATH or TEXT
# (older Typer) or <path>, <str> (newer), in the help and in the usage line a clerk reads.
KIND_METAVAR = "LOẠI"
FILE_METAVAR = "TỆP"
JsonFlag = Annotated[
    bool, typer.Option("--json", help="In các lỗi dạng JSON (cho trình soạn thảo, công cụ khác).")
]
StrictFlag = Annotated[
    bool,
    typer.Option(
        "--nghiem-ngat",
        help="Chế độ nghiêm ngặt: mọi cảnh báo được tính là lỗi, còn cảnh báo thì không ghi tệp nào "
        "(hồ sơ đơn vị ghi `nghiem_ngat: có` cũng vậy).",
    ),
]
PdfFlag = Annotated[
    bool,
    typer.Option(
        "--pdf", help="Chuyển thêm sang PDF (cạnh tệp .docx, cùng tên) bằng LibreOffice, nếu máy đã cài."
    ),
]


def _show_version(asked: bool) -> None:
    """Print the version and stop before any command runs (an eager option's callback)."""
    if asked:
        typer.echo(f"baocao-gen {__version__}")
        raise typer.Exit()


@app.callback()
def _options(
    version: Annotated[
        bool,
        typer.Option(
            "--version", "-V", help="In phiên bản rồi thoát.", is_eager=True, callback=_show_version
        ),
    ] = False,
) -> None:
    """Options of `baocao` itself: `--version` is the usual way to ask which version runs.

    (Typer shows this docstring only when the app has no help of its own; it has one.)
    """


@app.command("render", help="Sinh tệp .docx từ tệp dữ liệu. Có lỗi thì không ghi gì cả.")
def render_command(
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
    force: Annotated[
        bool,
        typer.Option(
            "--ghi-de",
            help="Ghi đè cả khi tệp kết quả đã bị sửa bằng tay; bản cũ được giữ lại cạnh nó (….ban-sua-tay.docx).",
        ),
    ] = False,
    as_json: JsonFlag = False,
    pdf: PdfFlag = False,
    strict: StrictFlag = False,
) -> None:
    from .pipeline import render_file

    require_file(data)
    result = render_file(data, output, force=force, strict=strict)
    pdf_path = convert_pdf(result, force) if pdf else None
    raise typer.Exit(print_render(result, as_json=as_json, pdf_path=pdf_path))


@app.command("validate", help="Kiểm tra tệp dữ liệu và in mọi lỗi tìm thấy (không sinh tệp).")
def validate_command(data: DataFile, as_json: JsonFlag = False, strict: StrictFlag = False) -> None:
    from .pipeline import check

    require_file(data)
    result = check(data, strict=strict)
    code = print_diagnostics(result.diagnostics, as_json)
    if code == 0 and not as_json:
        warnings = len(result.diagnostics)
        typer.echo("Dữ liệu hợp lệ." + (f" Có {warnings} cảnh báo." if warnings else ""), err=True)
    raise typer.Exit(code)


@app.command(
    "templates",
    help="Liệt kê các loại báo cáo có sẵn; với tên một loại: đề cương, số liệu và câu chuẩn của loại ấy.",
)
def templates_command(
    kind: Annotated[
        str | None,
        typer.Argument(
            help="Loại báo cáo cần xem chi tiết (bỏ trống để xem danh sách).",
            show_default=False,
            metavar=KIND_METAVAR,
        ),
    ] = None,
) -> None:
    if kind is not None:
        from .kinds import describe_kind

        typer.echo(describe_kind(_known_kind(kind)))
        return
    from .kind_list import kind_summaries

    for chosen in kind_summaries():
        systems = ", ".join("Nhà nước" if s == "nha_nuoc" else "Đảng" for s in chosen.he_thong)
        typer.echo(f"{chosen.ma:<22} {chosen.ten} [{systems}]")
        if chosen.mo_ta:
            typer.echo(f"{'':<22} {chosen.mo_ta}")
    typer.echo("\nĐề cương, số liệu và câu chuẩn của một loại: baocao templates <loại>.")


def _known_kind(code: str) -> "Kind":
    """Return the shipped kind `code`, or stop with the closest name (a clerk types these from memory)."""
    from .kinds import kind_names, load_kind

    found = load_kind(code)
    if found is not None:
        return found
    close = difflib.get_close_matches(code, kind_names(), n=1, cutoff=0.5)
    suggestion = f"có phải «{close[0]}»? " if close else ""
    raise UsageProblem(f"không có loại báo cáo «{code}»; {suggestion}(xem danh sách: `baocao templates`).")


@app.command("schema", help="In JSON Schema của tệp dữ liệu (cho VS Code: gợi ý khóa, gạch chân lỗi).")
def schema_command(
    kind: Annotated[
        str | None,
        typer.Argument(
            help="Loại báo cáo (xem `baocao templates`).", show_default=False, metavar=KIND_METAVAR
        ),
    ] = None,
    profile: Annotated[
        bool,
        typer.Option("--ho-so", help="Schema của tệp hồ sơ đơn vị (don-vi.yaml) thay cho tệp kỳ báo cáo."),
    ] = False,
    output: Annotated[
        Path | None,
        typer.Option(
            "-o",
            "--output",
            help="Ghi ra tệp (hoặc vào thư mục) thay vì in ra màn hình.",
            show_default=False,
            metavar=FILE_METAVAR,
        ),
    ] = None,
) -> None:
    from .kinds import load_kind
    from .schema import schema_file_name, schema_text

    if kind is not None and load_kind(kind) is None:
        raise UsageProblem(f"không có loại báo cáo «{kind}» (xem `baocao templates`).")
    if kind is not None and profile:
        raise UsageProblem("hồ sơ đơn vị dùng chung cho mọi loại báo cáo: bỏ tên loại khi dùng --ho-so.")
    text = schema_text(kind, profile=profile)
    if output is None:
        typer.echo(text, nl=False)
        return
    if output.is_dir():
        output = output / schema_file_name(kind, profile=profile)
    if output.suffix.lower() != ".json":
        # a schema written over `bao-cao.yaml` would destroy the clerk's data
        raise UsageProblem(f"tệp JSON Schema phải có đuôi .json, không phải «{output.name}».")
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(text, encoding="utf-8")
    typer.echo(f"Đã ghi {output}", err=True)


@app.command("init", help="Tạo bộ khung có chú thích cho một kỳ báo cáo mới (và hồ sơ đơn vị nếu chưa có).")
def init_command(
    kind: Annotated[
        str | None,
        typer.Argument(
            help="Loại báo cáo (xem `baocao templates`); với --from thì lấy loại của kỳ trước.",
            show_default=False,
            metavar=KIND_METAVAR,
        ),
    ] = None,
    output: Annotated[
        Path, typer.Option("-o", "--output", help="Tệp kỳ báo cáo sẽ tạo.", metavar=FILE_METAVAR)
    ] = Path("bao-cao.yaml"),
    last: Annotated[
        Path | None,
        typer.Option(
            "--from",
            help="Tệp kỳ trước: giữ đơn vị, đề cương, văn bản; đánh dấu số liệu, năm, ngày cần nhập lại.",
            show_default=False,
            metavar=FILE_METAVAR,
        ),
    ] = None,
    system: Annotated[
        str | None,
        typer.Option(
            "--he-thong",
            help="nha_nuoc hoặc dang (mặc định: theo hồ sơ đơn vị có sẵn, không có thì hệ thống đầu tiên của loại).",
            show_default=False,
            metavar="HỆ_THỐNG",
        ),
    ] = None,
) -> None:
    from .kinds import load_kind
    from .schema import PROFILE_SCHEMA_FILE, schema_file_name, schema_text
    from .skeleton import (
        SYSTEM_NAMES,
        InitRefused,
        next_period,
        period_skeleton,
        profile_skeleton,
        system_of,
        with_schema_line,
    )

    if kind is not None and load_kind(kind) is None:
        raise UsageProblem(f"không có loại báo cáo «{kind}» (xem `baocao templates`).")
    if kind is None and last is None:
        raise UsageProblem(
            "thiếu loại báo cáo: `baocao init <loại> -o <tệp>` (xem `baocao templates`), hoặc `--from <tệp kỳ trước>`."
        )
    if system is not None and system not in SYSTEM_NAMES:
        raise UsageProblem(f"--he-thong chỉ nhận nha_nuoc hoặc dang, không phải «{system}».")
    if output.exists():
        raise UsageProblem(f"tệp «{output}» đã có; chọn tên khác bằng -o để khỏi ghi đè.")
    notes: list[str] = []
    profile_path: Path | None
    profile_copy: tuple[Path, Path] | None = None  # (last period's profile, its copy beside the new file)
    new_profile: tuple[Path, str] | None = None  # (where, the system) of a profile skeleton to write
    if last is not None:
        require_file(last)
        try:
            plan, problems = next_period(last, output)
        except InitRefused as exc:
            raise UsageProblem(str(exc)) from None
        if plan is None:
            raise typer.Exit(print_diagnostics(problems, False))
        found = load_kind(plan.kind)
        if found is None:
            raise UsageProblem(
                f"tệp kỳ trước «{last}» ghi loại báo cáo «{plan.kind}», không có loại này (xem `baocao templates`)."
            )
        chosen = found
        if kind is not None and kind != plan.kind:
            raise UsageProblem(
                f"tệp kỳ trước «{last}» là loại «{plan.kind}», không phải «{kind}». Kỳ mới giữ loại của kỳ trước: "
                f"bỏ tên loại (`baocao init --from {last} -o {output}`); muốn đổi loại thì tạo bộ khung mới "
                f"(`baocao init {kind} -o {output}`)."
            )
        if system is not None and plan.system is None:
            raise UsageProblem(
                f"không biết tệp kỳ trước «{last}» là văn bản Nhà nước hay Đảng (không đọc được he_thong, kể cả ở hồ sơ đơn vị), "
                "nên không đối chiếu được --he-thong; sửa tệp kỳ trước hoặc bỏ --he-thong."
            )
        if system is not None and system != plan.system:
            raise UsageProblem(
                f"tệp kỳ trước «{last}» là văn bản {SYSTEM_NAMES.get(str(plan.system), plan.system)} (he_thong: {plan.system}), "
                f"không phải {system}; kỳ mới giữ hệ thống văn bản của kỳ trước: bỏ --he-thong."
            )
        text, profile_path, notes, profile_copy = plan.text, plan.profile, plan.notes, plan.profile_copy
        counts = [f"{plan.figures} số liệu"] if plan.figures else []
        counts += [f"{plan.dates} năm, ngày tháng của kỳ trước"] if plan.dates else []
        if counts:
            notes.append(f"Đã đánh dấu <điền …> {' và '.join(counts)} cần nhập lại hoặc xác nhận.")
    else:
        assert kind is not None  # checked above: without --from the kind is required
        chosen = _known_kind(kind)
        profile_path = output.parent / "don-vi.yaml"
        existing = system_of(profile_path) if profile_path.is_file() else None
        if existing is not None and system is not None and existing != system:
            raise UsageProblem(
                f"hồ sơ đơn vị «{profile_path}» ghi he_thong: {existing} (văn bản {SYSTEM_NAMES.get(existing, existing)}), khác --he-thong {system}; "
                "bỏ --he-thong, hoặc tạo kỳ báo cáo ở thư mục của đơn vị khác."
            )
        chosen_system = existing or system or chosen.he_thong[0]
        if chosen_system not in chosen.he_thong:
            where = f" mà hồ sơ đơn vị «{profile_path}» ghi he_thong: {chosen_system}" if existing else ""
            raise UsageProblem(
                f"loại «{chosen.ma}» chỉ dùng cho văn bản {', '.join(SYSTEM_NAMES.get(s, s) for s in chosen.he_thong)} "
                f"({', '.join(chosen.he_thong)}){where}."
            )
        text = period_skeleton(chosen, chosen_system)
        if not profile_path.exists():
            new_profile = (profile_path, chosen_system)
    output.parent.mkdir(parents=True, exist_ok=True)
    if profile_copy is not None:
        source, destination = profile_copy
        destination.write_text(
            with_schema_line(source.read_text(encoding="utf-8-sig"), PROFILE_SCHEMA_FILE), encoding="utf-8"
        )
    elif new_profile is not None:
        profile_file, new_system = new_profile
        profile_file.write_text(profile_skeleton(new_system), encoding="utf-8")
        notes.append(f"Đã tạo hồ sơ đơn vị {profile_file}.")
    output.write_text(text, encoding="utf-8")
    (output.parent / schema_file_name(chosen.ma)).write_text(schema_text(chosen.ma), encoding="utf-8")
    if profile_path is not None and profile_path.resolve().parent == output.parent.resolve():
        (output.parent / PROFILE_SCHEMA_FILE).write_text(schema_text(profile=True), encoding="utf-8")
    for note in notes:
        typer.echo(note, err=True)
    typer.echo(f"Đã tạo {output}: điền các chỗ <điền …> rồi chạy `baocao validate {output}`.", err=True)


@app.command(
    "mau",
    help="Ghi mẫu văn bản .docx có sẵn ra một tệp để đơn vị sửa trong Word (biểu trưng, phông, cỡ chữ) "
    "rồi dùng bằng khóa `mau: TÊN_TỆP.docx` trong hồ sơ đơn vị (xem docs/mau-van-ban.md).",
)
def template_command(
    output: Annotated[
        Path,
        typer.Option("-o", "--output", help="Tệp .docx sẽ ghi (hoặc một thư mục).", metavar=FILE_METAVAR),
    ] = Path("mau-cua-don-vi.docx"),
    system: Annotated[
        str,
        typer.Option(
            "--he-thong",
            help="nha_nuoc (văn bản Nhà nước, mặc định) hoặc dang (văn bản Đảng).",
            metavar="HỆ_THỐNG",
        ),
    ] = "nha_nuoc",
    force: Annotated[
        bool, typer.Option("--ghi-de", help="Ghi đè tệp đã có; bản cũ được giữ lại cạnh nó (….ban-cu.docx).")
    ] = False,
) -> None:
    from .skeleton import SYSTEM_NAMES
    from .write import write_atomically

    if system not in SYSTEM_NAMES:
        raise UsageProblem(f"--he-thong chỉ nhận nha_nuoc hoặc dang, không phải «{system}».")
    if output.is_dir():
        output = output / template_path(system).name
    if output.suffix.lower() != ".docx":
        raise UsageProblem(f"mẫu văn bản phải có đuôi .docx, không phải «{output.name}».")
    if any(output.resolve() == template_path(s).resolve() for s in SYSTEM_NAMES):
        raise UsageProblem(
            "đây là mẫu gốc của baocao-gen; chọn tên khác bằng -o, ví dụ -o mau-cua-don-vi.docx."
        )
    if output.exists() and not force:
        raise UsageProblem(
            f"tệp «{output}» đã có; chọn tên khác bằng -o, hoặc thêm --ghi-de (bản cũ được giữ lại cạnh nó)."
        )
    code = print_diagnostics(write_atomically(template_path(system).read_bytes(), output, force=True), False)
    if code == 0:
        typer.echo(
            f"Đã ghi {output}: sửa trong Word, rồi ghi `mau: {output.name}` vào hồ sơ đơn vị.", err=True
        )
    raise typer.Exit(code)


@app.command(
    "tong-hop",
    help="Tổng hợp tệp dữ liệu của nhiều đơn vị cùng loại, cùng kỳ thành tệp dữ liệu của cấp trên: cộng số liệu, "
    "bảng từng đơn vị ở phụ lục, gộp mô hình; lời văn để chỗ <điền …>. Có lỗi thì không ghi gì cả.",
)
def rollup_command(
    units: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Tệp dữ liệu của các đơn vị, hoặc thư mục chứa chúng (bỏ qua don-vi.yaml).",
            show_default=False,
            metavar="TỆP_HOẶC_THƯ_MỤC...",
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "-o",
            "--output",
            help="Tệp dữ liệu tổng hợp sẽ tạo (.yaml).",
            show_default=False,
            metavar=FILE_METAVAR,
        ),
    ] = None,
    profile: Annotated[
        Path | None,
        typer.Option(
            "--ho-so",
            help="Hồ sơ đơn vị của cấp tổng hợp (don-vi.yaml); tệp tổng hợp ghi ke_thua tới hồ sơ này.",
            show_default=False,
            metavar=FILE_METAVAR,
        ),
    ] = None,
    force: Annotated[
        bool,
        typer.Option(
            "--ghi-de", help="Ghi đè tệp tổng hợp đã có; tệp cũ được giữ lại cạnh nó (….ban-cu.yaml)."
        ),
    ] = False,
    as_json: JsonFlag = False,
) -> None:
    from .rollup import collect_inputs, roll_up

    if not units:
        raise UsageProblem(
            "thiếu tệp của các đơn vị, ví dụ: baocao tong-hop xa-a.yaml xa-b.yaml -o tong-hop.yaml (hoặc một thư mục)."
        )
    if output is None:
        raise UsageProblem("thiếu tệp kết quả: thêm -o tong-hop.yaml.")
    if profile is not None and not profile.is_file():
        raise UsageProblem(f"không thấy tệp hồ sơ «{profile}» (--ho-so).")
    paths, problems = collect_inputs(units)
    if problems:
        raise UsageProblem(" ".join(problems))
    result = roll_up(paths, output, profile, force=force)
    code = print_diagnostics(result.diagnostics, as_json)
    if code == 0 and result.output is not None and not as_json:
        typer.echo(
            f"Đã tổng hợp {len(result.units)} đơn vị vào {result.output}: điền các chỗ <điền …> rồi chạy `baocao validate {result.output}`.",
            err=True,
        )
    raise typer.Exit(code)


@app.command(
    "trich-dan",
    help="Liệt kê danh mục văn bản hay trích dẫn: viết [[khóa]] trong văn bản thay vì gõ số, ngày. "
    "Cho thêm tệp dữ liệu thì liệt kê cả văn bản của đơn vị (van_ban_don_vi).",
)
def citations_command(
    data: Annotated[
        Path | None,
        typer.Argument(
            help="Tệp dữ liệu (hồ sơ đơn vị hoặc kỳ báo cáo) có `van_ban_don_vi`.",
            show_default=False,
            metavar="TỆP_DỮ_LIỆU",
        ),
    ] = None,
) -> None:
    from .citations import format_citation, load_registry
    from .integrity.own import unit_documents

    for key, citation in sorted(load_registry().items()):
        typer.echo(f"[[{key}]]".ljust(14) + format_citation(citation))
    if data is None:
        return
    require_file(data)
    own, problems = unit_documents(data)
    if problems:
        raise typer.Exit(print_diagnostics(problems, False))
    typer.echo(
        "\nVăn bản của đơn vị (van_ban_don_vi):"
        if own
        else "\nTệp dữ liệu chưa khai văn bản nào trong van_ban_don_vi."
    )
    for key, citation in sorted(own.items()):
        typer.echo(f"[[{key}]]".ljust(14) + format_citation(citation))


@app.command(
    "giai-thich",
    help="Giải thích một mã lỗi (mã in cuối mỗi dòng lỗi, ví dụ D121): lỗi gì, vì sao, cách sửa; không ghi mã thì liệt kê mọi mã.",
)
def explain_command(
    typed: Annotated[
        str | None,
        typer.Argument(
            help="Mã lỗi, ví dụ D121 (bỏ trống để xem danh sách).", show_default=False, metavar="MÃ"
        ),
    ] = None,
) -> None:
    from .catalogue import code_ranges, describe_code, find_code, list_codes, suggest_codes

    if typed is None:
        typer.echo(list_codes())
        typer.echo("\nGiải thích một mã: baocao giai-thich D121.")
        return
    code = find_code(typed)
    if code is None:
        close = [f"«{code.value}»" for code in suggest_codes(typed)]
        guess = (
            f" Có phải {', '.join(close[:-1])} hay {close[-1]}?"
            if len(close) > 1
            else f" Có phải {close[0]}?"
            if close
            else ""
        )
        raise UsageProblem(
            f"không có mã lỗi «{typed.strip()}».{guess} Các mã có: {code_ranges()} (tên từng mã: `baocao giai-thich`)."
        )
    typer.echo(describe_code(code))


@app.command(
    "check",
    help="Kiểm tra thể thức tệp .docx (do công cụ sinh hay gõ trong Word) theo NĐ 30/2020/NĐ-CP hoặc HD 36-HD/VPTW: "
    "khổ giấy, lề, số trang, phông và cỡ chữ từng thành phần, số và ký hiệu, ngày tháng, đánh số mục, chữ ký, Nơi nhận. "
    "Mã thoát: 0 đúng thể thức, 1 có lỗi, 2 có tệp không đọc được.",
)
def check_docx_command(
    files: Annotated[
        list[Path] | None,
        typer.Argument(help="Một hay nhiều tệp .docx cần kiểm tra.", show_default=False, metavar="TỆP_DOCX"),
    ] = None,
    system: DocxSystemOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="In kết quả dạng JSON (cho công cụ khác).")] = False,
    fix: Annotated[
        bool,
        typer.Option(
            "--sua",
            help="Sửa những lỗi máy móc (khổ giấy, lề, phông, cỡ chữ, số 0 trong ngày tháng, dấu Nơi nhận, số trang) "
            "vào một tệp mới, không bao giờ ghi đè tệp gốc; liệt kê từng chỗ đã sửa và những lỗi còn lại.",
        ),
    ] = False,
    output: Annotated[
        Path | None,
        typer.Option(
            "-o",
            "--output",
            help="Tệp ghi bản đã sửa (chỉ với --sua; phải là tệp chưa có). Mặc định: <tên>.da-sua.docx cạnh tệp gốc.",
            show_default=False,
            metavar=FILE_METAVAR,
        ),
    ] = None,
) -> None:
    from .check import Level, audit_file, reports_json

    if not files:
        raise UsageProblem("thiếu tệp cần kiểm tra, ví dụ: baocao check bao-cao.docx")
    chosen = docx_system(system)
    if fix or output is not None:
        _repair(files, output, chosen, as_json, fix)
    reports = [audit_file(path, chosen) for path in files]
    if as_json:
        typer.echo(reports_json(reports))
    for report in reports:
        if as_json:
            continue
        if report.unreadable:
            typer.echo(
                f"{report.file}: lỗi: không đọc được tệp: {report.unreadable}. [{Code.CHECK_UNREADABLE}]",
                err=True,
            )
            continue
        system_name = report.system.label if report.system else "không xác định"
        typer.echo(f"{report.file}: hệ thống văn bản: {system_name} ({report.detection})", err=True)
        for finding in report.findings[:SHOWN_DIAGNOSTICS]:
            typer.echo(finding.format(report.file))
        hidden = len(report.findings) - SHOWN_DIAGNOSTICS
        if hidden > 0:
            typer.echo(f"{report.file}: … và {hidden} lỗi khác; xem hết bằng --json.")
        errors = len(report.errors)
        typer.echo(
            f"{report.file}: " + ("đúng thể thức." if not errors else f"{errors} lỗi thể thức."),
            err=True,
        )
    if any(r.unreadable for r in reports):
        raise typer.Exit(2)
    raise typer.Exit(1 if any(f.level is Level.ERROR for r in reports for f in r.findings) else 0)


def _repair(
    files: list[Path], output: Path | None, system: "System | None", as_json: bool, fix: bool
) -> None:
    """`check --sua`: the repair (check/repair_run) prints nothing itself; its lines and exit code are shown here."""
    from .check.repair_run import RepairRefused, run_repair

    if not fix:
        raise UsageProblem("-o chỉ dùng cùng --sua: baocao check --sua bao-cao.docx -o bao-cao.da-sua.docx")
    try:
        outcome = run_repair(files, output, system, as_json)
    except RepairRefused as exc:
        raise UsageProblem(str(exc)) from None
    for line in outcome.out:
        typer.echo(line)
    for line in outcome.err:
        typer.echo(line, err=True)
    raise typer.Exit(outcome.exit_code)


@app.command("version", help="In phiên bản.")
def version_command() -> None:
    typer.echo(f"baocao-gen {__version__}")


def _usage_message(exc: Exception, args: list[str]) -> str:
    """Return click's usage error in Vietnamese, with the closest command or option when there is one.

    click speaks English, words its errors differently from one version to the next, and Typer may
    ship its own copy, so an error is recognised by its class name and attributes. The English text is
    read only where click raises a bare UsageError (extra arguments), and shown only for an error never
    seen so far, in parentheses after a Vietnamese sentence: a clerk must always learn what to do.
    """
    kind = type(exc).__name__
    message = str(getattr(exc, "message", "") or "")
    ctx = getattr(exc, "ctx", None)
    command = getattr(ctx, "info_name", None) or "baocao"
    if kind == "NoSuchOption":
        option = str(getattr(exc, "option_name", ""))
        close = sorted(getattr(exc, "possibilities", None) or ()) or difflib.get_close_matches(
            option, _option_names(ctx), n=1
        )
        return f"lệnh «{command}» không có tùy chọn «{option}»" + (
            f"; có phải «{close[0]}»?" if close else "."
        )
    if kind == "BadOptionUsage":
        option = str(getattr(exc, "option_name", ""))
        if "does not take" in message:
            return f"tùy chọn «{option}» không nhận giá trị: viết «{option}» một mình, không kèm «=…»."
        return f"tùy chọn «{option}» cần một giá trị viết ngay sau nó: {option} {_metavar(args, option)}."
    if kind == "MissingParameter":
        param = getattr(exc, "param", None)
        name = getattr(param, "name", None)
        if name == "kind":
            return f"thiếu loại báo cáo: baocao {command} {KIND_METAVAR} (xem danh sách bằng `baocao templates`)."
        if name == "data":
            return MISSING_DATA
        return f"thiếu «{getattr(param, 'metavar', None) or name or '?'}» của lệnh «{command}»."
    if kind == "NoArgsIsHelpError" or message == "Missing command.":
        return "thiếu tên lệnh, ví dụ: baocao render bao-cao.yaml."
    if "No such command" in message:
        return _unknown_command(args, ctx)
    extra = re.fullmatch(r"Got unexpected extra argument(?:s|\(s\))? \((.*)\)", message)
    if extra:
        return (
            f"lệnh «{command}» không nhận thêm «{extra.group(1)}». Nếu đường dẫn tệp có dấu cách, "
            'đặt cả đường dẫn trong dấu nháy kép, ví dụ "D:\\Bao cao\\bao-cao.yaml".'
        )
    if kind in ("BadParameter", "BadArgumentUsage"):
        param = getattr(exc, "param", None)
        shown = (
            "/".join(getattr(param, "opts", None) or ())
            or getattr(param, "metavar", None)
            or getattr(param, "name", None)
            or "?"
        )
        return f"giá trị của «{shown}» không dùng được cho lệnh «{command}»."
    detail = exc.format_message() if hasattr(exc, "format_message") else str(exc)
    return f"lệnh viết chưa đúng (chi tiết bằng tiếng Anh: {detail})."


def _unknown_command(args: list[str], ctx: object) -> str:
    """Name the command the clerk typed and the closest real one (`rendr` → «render»)."""
    typed = next((arg for arg in args if not arg.startswith("-")), "")
    group = getattr(ctx, "command", None)
    names = list(group.list_commands(ctx)) if group is not None and hasattr(group, "list_commands") else []
    close = difflib.get_close_matches(typed, names, n=1, cutoff=0.5)
    if close:
        return f"không có lệnh «{typed}»; có phải «{close[0]}»?"
    return f"không có lệnh «{typed}»; các lệnh: {', '.join(names)}." if names else f"không có lệnh «{typed}»."


def _option_names(ctx: object) -> list[str]:
    """Return every option spelling of the command being parsed (for a suggestion)."""
    params = getattr(getattr(ctx, "command", None), "params", None) or ()
    return [
        name
        for param in params
        for name in (*getattr(param, "opts", ()), *getattr(param, "secondary_opts", ()))
        if name.startswith("-")
    ]


def _metavar(args: list[str], option: str) -> str:
    """Return the placeholder of `option` as its help shows it (TỆP…), for the usage error's example.

    click raises this error without its context, so the command is found again from the arguments.
    """
    group = typer.main.get_command(app)
    typed = next((arg for arg in args if not arg.startswith("-")), "")
    command = getattr(group, "commands", {}).get(typed)
    for param in getattr(command, "params", None) or ():
        if option in getattr(param, "opts", ()):
            return getattr(param, "metavar", None) or "GIÁ_TRỊ"
    return "GIÁ_TRỊ"


# click writes its help frame in English and, depending on the version, without gettext; the words
# it uses are few and fixed, so they are translated here, on the way out, for every version.
_HELP_WORDS = (
    ("Usage:", "Cách dùng:"),
    ("Arguments:", "Đối số:"),
    ("Options:", "Tùy chọn:"),
    ("Commands:", "Lệnh:"),
    ("Show this message and exit.", "In hướng dẫn này rồi thoát."),
    ("[required]", "[bắt buộc]"),
    ("[default: ", "[mặc định: "),
    ("[OPTIONS]", "[TÙY CHỌN]"),
    ("COMMAND [ARGS]...", "LỆNH [THAM SỐ]..."),
    ("<path>", "<tệp>"),
    ("<list[Path]>", "<tệp>..."),  # an argument that takes many paths (batch)
    ("<list[path]>", "<tệp>..."),
    ("<list[Path]>", "<tệp, thư mục>"),  # newer Typer names a list argument's type (tong-hop)
    ("<text>", "<chữ>"),
    ("<str>", "<chữ>"),
    ("\\[", "["),  # older Typer escapes brackets for rich even when rich is not used
)


def _vietnamese_help(text: str) -> str:
    for english, vietnamese in _HELP_WORDS:
        text = text.replace(english, vietnamese)
    return text


def _utf8_streams() -> None:
    """Write UTF-8 to a file or a pipe whatever the console's code page.

    On Windows, output redirected to a file (`baocao templates > t.txt`) is encoded with the ANSI code
    page (cp1258 for Vietnamese), which cannot hold every Vietnamese letter: Python would stop with
    UnicodeEncodeError. A console shows Unicode by itself; elsewhere UTF-8 is what editors and JSON
    readers expect.
    """
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is None or (getattr(stream, "encoding", "") or "").lower().replace("-", "") == "utf8":
            continue
        if stream.isatty():
            reconfigure(errors="replace")
        else:
            reconfigure(encoding="utf-8")


def _help(args: list[str]) -> int:
    """Print click's help for `args`, in Vietnamese; return 0 (asked for) or 2 (no command given).

    A usage error met before the help (`baocao rendr --help`) is raised again, to be said as one in
    Vietnamese with exit 2: printing click's English instead and exiting 0 would tell a script that
    the command worked.
    """
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        try:
            app(args=args, standalone_mode=False)
        except Exception as exc:
            # No arguments: click answers with a usage error that carries the help text. Anything
            # else is a real failure and must not be swallowed into an empty help.
            if getattr(exc, "exit_code", None) != 2 or not hasattr(exc, "format_message"):
                raise
            if args and type(exc).__name__ != "NoArgsIsHelpError":
                raise
            buffer.write(exc.format_message())
    text = buffer.getvalue().strip("\n")
    if not text:
        raise RuntimeError("click printed no help text")
    typer.echo(_vietnamese_help(text))
    return 0 if args else 2


def _internal_error(exc: BaseException) -> int:
    typer.echo(
        f"baocao: lỗi nội bộ ({type(exc).__name__}: {exc}). Đây là lỗi của chương trình, không phải của dữ liệu; "
        f"hãy gửi tệp dữ liệu và dòng này cho người phát triển (baocao-gen {__version__}).",
        err=True,
    )
    return 3


def run(args: list[str]) -> int:
    """Run the CLI on `args` and return the contract's exit code; never a traceback for bad input.

    KeyboardInterrupt is left to the caller (`entry.main`), which covers the imports too.
    """
    _utf8_streams()
    # batch, watch and diff live in their own modules, which add them to `app` and uses this module's helpers:
    # imported here, once this module is complete, rather than at its top (an import cycle).
    from . import cli_batch, cli_diff, cli_nhap  # noqa: F401

    # Typer may ship its own copy of click, so click's exceptions are recognised by name and shape.
    try:
        if not args or any(a in ("-h", "--help") for a in args):
            return _help(args)
        code = app(args=args, standalone_mode=False)
    except UsageProblem as exc:
        typer.echo(f"baocao: lỗi cách dùng: {exc}", err=True)
        return 2
    except Exception as exc:
        kind = type(exc).__name__
        if kind == "Abort" or caused_by_interrupt(exc):
            raise KeyboardInterrupt from exc
        if kind != "Exit":
            if getattr(exc, "exit_code", None) == 2 and hasattr(exc, "format_message"):
                typer.echo(
                    f"baocao: lỗi cách dùng: {_usage_message(exc, args)} Xem `baocao --help`.", err=True
                )
                return 2
            return _internal_error(exc)
        code = int(getattr(exc, "exit_code", 0))
    # Typer turns a KeyboardInterrupt into exit code 130 (returned, in non-standalone mode); the
    # message that goes with it belongs to entry.py, like every other interrupt.
    if code == INTERRUPTED:
        raise KeyboardInterrupt
    return code if isinstance(code, int) else 0


def main(argv: list[str] | None = None) -> None:
    """Run the CLI and exit with the contract's code (the console script is `entry.main`)."""
    from .entry import main as entry_main

    entry_main(argv)
