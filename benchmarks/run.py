"""The benchmark of baocao-gen: every goal of issue 13 measured side by side, in one run, as ratios.

    python benchmarks/run.py          # the real measurement (a few minutes; docs/benchmarks.md)
    python benchmarks/run.py --nho    # tiny sizes, one run each: only checks that it still works (CI)

A shared, noisy machine makes absolute times meaningless, so each of our numbers is compared with a
baseline measured in the same run, alternating with it, as medians of several runs:
- start-up, as whole processes: `baocao --help`/`version`/`templates` against a two-command Typer
  app, `baocao render` against `python -c "import docxtpl"` (time and peak memory);
- overhead, in-process and warm: our whole pipeline on the Phổ Hòa example against docxtpl alone
  rendering the same template with the same, already computed context and saving it;
- scaling: one kind with 1×, 10× and 50× the content, with the exponent fitted to the times;
- batch: N unit files through one `baocao batch` on all cores, against N separate `baocao render`
  processes (as many at a time as there are cores) and against a serial batch (`--jobs 1`).
Every process may keep compiled bytecode in a cache of the run, as an installed package does (see
measure.py), and every command runs once unmeasured first. Beside each wall-time ratio of a whole
process, the ratio of CPU times is shown: on a machine shared with other work it is the steadier one.
Prints a Markdown table; exit 0 when every goal is met, 1 when one is missed or a measurement failed.
Benchmarks are never tests: CI runs `--nho` once, and asserts nothing about the numbers.
"""

from __future__ import annotations

import argparse
import math
import os
import platform
import statistics
import sys
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from measure import MeasureError, Sample, run_inproc, run_measured, use_bytecode_cache  # noqa: E402
from workloads import (  # noqa: E402
    LIBRARY_FLOOR_APP,
    MINIMAL_TYPER_APP,
    PHO_HOA,
    TEMPLATE_STATE,
    smallest_example,
    write_scaled,
    write_units,
)

BAOCAO = [sys.executable, "-c", "from baocao_gen.entry import main; main()"]  # what the console script runs


@dataclass(frozen=True)
class Sizes:
    """How much each part measures: the real run, or `--nho` (only proves the command still works)."""

    startup_runs: int
    inproc_runs: int
    factors: tuple[int, ...]
    units: int
    batch_runs: int


REAL = Sizes(startup_runs=7, inproc_runs=7, factors=(1, 10, 50), units=200, batch_runs=1)
TINY = Sizes(startup_runs=1, inproc_runs=1, factors=(1, 2), units=3, batch_runs=1)


@dataclass(frozen=True)
class Row:
    """One line of the table: ours against a baseline, and the goal on their ratio (None: shown only)."""

    what: str
    ours: str
    baseline: str
    ratio: float | None
    goal: str
    met: bool | None


def _seconds(value: float) -> str:
    return f"{value:.3f} s"


def _mb(kb: float) -> str:
    return f"{kb / 1024:.0f} MB"


def _at_most(what: str, ours: str, base: str, ratio: float, limit: float | None) -> Row:
    if limit is None:
        return Row(what, ours, base, ratio, "", None)
    return Row(what, ours, base, ratio, f"≤ {limit:g}×", ratio <= limit)


def _side_by_side(commands: dict[str, Sequence[str]], runs: int, cwd: Path) -> dict[str, Sample]:
    """Measure every command `runs` times, alternating them, so that load changes hit all alike.

    Each command first runs once unmeasured: it fills the bytecode cache and the file system's cache.
    """
    samples = {name: Sample() for name in commands}
    for command in commands.values():
        run_measured(command, cwd)
    for _ in range(runs):
        for name, command in commands.items():
            samples[name].add(*run_measured(command, cwd))
    return samples


def startup(sizes: Sizes, work: Path) -> list[Row]:
    app = work / "typer_app.py"
    app.write_text(MINIMAL_TYPER_APP, encoding="utf-8")
    typer_app = [sys.executable, str(app)]
    floor_app = work / "library_floor.py"
    floor_app.write_text(LIBRARY_FLOOR_APP, encoding="utf-8")
    small, out = smallest_example(), work / "khoi-dong"
    out.mkdir()
    s = _side_by_side(
        {
            "help": [*BAOCAO, "--help"],
            "version": [*BAOCAO, "version"],
            "templates": [*BAOCAO, "templates"],
            "typer_help": [*typer_app, "--help"],
            "typer_command": [*typer_app, "hello"],
            "render_small": [*BAOCAO, "render", str(small), "-o", str(out / "nho.docx")],
            "render_pho_hoa": [*BAOCAO, "render", str(PHO_HOA), "-o", str(out / "pho-hoa.docx")],
            "import_docxtpl": [sys.executable, "-c", "import docxtpl"],
            "library_floor": [
                sys.executable,
                str(floor_app),
                "render",
                str(PHO_HOA),
                str(TEMPLATE_STATE),
                str(out / "san.docx"),
            ],
        },
        sizes.startup_runs,
        work,
    )
    typer_help, typer_command, docxtpl = s["typer_help"], s["typer_command"], s["import_docxtpl"]
    rows = [
        _at_most(
            "`baocao --help`",
            _seconds(s["help"].time),
            f"app Typer 2 lệnh `--help`: {_seconds(typer_help.time)}",
            s["help"].time / typer_help.time,
            1.2,
        ),
        _at_most(
            "`baocao version`",
            _seconds(s["version"].time),
            f"app Typer chạy 1 lệnh: {_seconds(typer_command.time)}",
            s["version"].time / typer_command.time,
            1.2,
        ),
        _at_most(
            "`baocao templates`",
            _seconds(s["templates"].time),
            f"app Typer chạy 1 lệnh: {_seconds(typer_command.time)}",
            s["templates"].time / typer_command.time,
            1.2,
        ),
        _at_most(
            f"`baocao render` ví dụ nhỏ nhất ({small.parent.name})",
            _seconds(s["render_small"].time),
            f'`python -c "import docxtpl"`: {_seconds(docxtpl.time)}',
            s["render_small"].time / docxtpl.time,
            None,
        ),
        _at_most(
            "`baocao render` ví dụ Phổ Hòa",
            _seconds(s["render_pho_hoa"].time),
            f'`python -c "import docxtpl"`: {_seconds(docxtpl.time)}',
            s["render_pho_hoa"].time / docxtpl.time,
            2.5,
        ),
        _at_most(
            "`baocao render` ví dụ nhỏ nhất, thời gian CPU",
            _seconds(s["render_small"].cpu),
            f'`python -c "import docxtpl"`: {_seconds(docxtpl.cpu)}',
            s["render_small"].cpu / docxtpl.cpu,
            None,
        ),
        _at_most(
            "`baocao render` ví dụ Phổ Hòa, thời gian CPU",
            _seconds(s["render_pho_hoa"].cpu),
            f'`python -c "import docxtpl"`: {_seconds(docxtpl.cpu)}',
            s["render_pho_hoa"].cpu / docxtpl.cpu,
            None,
        ),
    ]
    for name, label, base, limit in (
        ("help", "bộ nhớ đỉnh `baocao --help`", typer_help, None),
        ("render_small", "bộ nhớ đỉnh `baocao render` ví dụ nhỏ nhất", docxtpl, None),
        ("render_pho_hoa", "bộ nhớ đỉnh `baocao render` Phổ Hòa", docxtpl, 1.6),
    ):
        ours = s[name].peak_mb
        rows.append(_at_most(label, f"{ours:.0f} MB", f"{base.peak_mb:.0f} MB", ours / base.peak_mb, limit))
    return rows + _floor_rows(s["library_floor"], docxtpl, s["render_pho_hoa"])


def _floor_rows(floor: Sample, docxtpl: Sample, render: Sample) -> list[Row]:
    """Split the render's ratio to `import docxtpl` into the libraries' part and ours.

    The floor is a one-command Typer app doing one render with the brief's libraries alone
    (workloads.LIBRARY_FLOOR_APP); its ratio to `import docxtpl` is what no code of ours can remove.
    """
    base = "`import docxtpl`"
    label = "sàn: một lần sinh chỉ bằng các thư viện bắt buộc, không mã của ta"
    return [
        _at_most(
            label + ", thời gian CPU",
            _seconds(floor.cpu),
            f"{base}: {_seconds(docxtpl.cpu)}",
            floor.cpu / docxtpl.cpu,
            None,
        ),
        _at_most(
            label + ", bộ nhớ đỉnh",
            f"{floor.peak_mb:.0f} MB",
            f"{base}: {docxtpl.peak_mb:.0f} MB",
            floor.peak_mb / docxtpl.peak_mb,
            None,
        ),
        _at_most(
            "`baocao render` Phổ Hòa so với sàn, thời gian CPU",
            _seconds(render.cpu),
            f"sàn: {_seconds(floor.cpu)}",
            render.cpu / floor.cpu,
            None,
        ),
        _at_most(
            "`baocao render` Phổ Hòa so với sàn, bộ nhớ đỉnh",
            f"{render.peak_mb:.0f} MB",
            f"sàn: {floor.peak_mb:.0f} MB",
            render.peak_mb / floor.peak_mb,
            None,
        ),
    ]


def overhead(sizes: Sizes, work: Path) -> list[Row]:
    context = work / "ngu-canh.pickle"
    run_inproc(["context", str(PHO_HOA), str(context)], work)
    ours, base = Sample(), Sample()
    for _ in range(sizes.inproc_runs):  # alternate the two processes, one warm run each
        times, peak, cpus = run_inproc(["pipeline", str(PHO_HOA), str(work), "1"], work)
        ours.add(times[0], peak, cpus[0])
        times, peak, cpus = run_inproc(["docxtpl", str(context), "1"], work)
        base.add(times[0], peak, cpus[0])
    return [
        _at_most(
            "toàn bộ các bước, Phổ Hòa (đã nạp sẵn thư viện)",
            _seconds(ours.time),
            f"docxtpl điền cùng mẫu, cùng ngữ cảnh: {_seconds(base.time)}",
            ours.time / base.time,
            1.5,
        ),
        _at_most(
            "toàn bộ các bước, Phổ Hòa, thời gian CPU",
            _seconds(ours.cpu),
            f"docxtpl điền cùng mẫu, cùng ngữ cảnh: {_seconds(base.cpu)}",
            ours.cpu / base.cpu,
            None,
        ),
        _at_most(
            "bộ nhớ đỉnh của tiến trình ấy",
            f"{ours.peak_mb:.0f} MB",
            f"{base.peak_mb:.0f} MB",
            ours.peak_mb / base.peak_mb,
            None,
        ),
    ]


def _exponent(sizes: Sequence[float], values: Sequence[float]) -> float:
    """Return the slope of log(value) against log(size): 1 is linear."""
    xs, ys = [math.log(s) for s in sizes], [math.log(v) for v in values]
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum((x - mx) ** 2 for x in xs)


def scaling(sizes: Sizes, work: Path) -> list[Row]:
    times, peaks, rows = [], [], []
    for factor in sizes.factors:
        folder = work / f"co-{factor}x"
        data = write_scaled(folder, factor)
        runs, peak, _ = run_inproc(
            ["pipeline", str(data), str(folder), str(max(1, sizes.inproc_runs // 2))], work
        )
        times.append(statistics.median(runs))
        peaks.append(peak)
        rows.append(
            Row(
                f"nội dung {factor}× ({4 * factor} mục, {16 * factor} dòng bảng)",
                _seconds(times[-1]),
                _mb(peak),
                None,
                "",
                None,
            )
        )
    exponent = _exponent(sizes.factors, times)
    rows.append(
        Row(
            "số mũ khớp được của thời gian (1 = tuyến tính)",
            f"{exponent:.2f}",
            "",
            None,
            "≤ 1,1",
            exponent <= 1.1,
        )
    )
    rows.append(
        Row("số mũ khớp được của bộ nhớ đỉnh", f"{_exponent(sizes.factors, peaks):.2f}", "", None, "", None)
    )
    return rows


def batch(sizes: Sizes, work: Path) -> list[Row]:
    cores = os.cpu_count() or 1
    units = work / "cac-don-vi"
    periods = write_units(units, sizes.units)
    singles = [
        [*BAOCAO, "render", str(p), "-o", str(work / "rieng" / f"{p.parent.name}.docx")] for p in periods
    ]
    (work / "rieng").mkdir()
    parallel, serial, separate = Sample(), Sample(), Sample()
    for _ in range(sizes.batch_runs):
        parallel.add(*run_measured([*BAOCAO, "batch", str(units), "-o", str(work / "song-song")], work))
        serial.add(
            *run_measured([*BAOCAO, "batch", "--jobs", "1", str(units), "-o", str(work / "tuan-tu")], work)
        )
        separate.add(*run_measured([], work, many=singles, jobs=cores))
    n = sizes.units
    return [
        _at_most_faster(
            f"`baocao batch` {n} tệp, {cores} nhân",
            parallel.time,
            f"{n} tiến trình `baocao render` ({cores} cùng lúc)",
            separate.time,
            5.0,
        ),
        _at_most_faster(
            f"`baocao batch` {n} tệp, {cores} nhân",
            parallel.time,
            "`baocao batch --jobs 1` (tuần tự)",
            serial.time,
            1.8 if cores >= 2 else None,
        ),
        Row(
            "thời gian CPU (mọi tiến trình): batch / batch tuần tự / render riêng",
            _seconds(parallel.cpu),
            f"{_seconds(serial.cpu)} / {_seconds(separate.cpu)}",
            None,
            "",
            None,
        ),
        Row(
            "bộ nhớ đỉnh (tiến trình lớn nhất): batch / batch tuần tự / render riêng",
            f"{parallel.peak_mb:.0f} MB",
            f"{serial.peak_mb:.0f} MB / {separate.peak_mb:.0f} MB",
            None,
            "",
            None,
        ),
    ]


def _at_most_faster(what: str, ours: float, base_label: str, base: float, limit: float | None) -> Row:
    """A speed-up row: the ratio is baseline / ours, and the goal is a minimum."""
    speedup = base / ours
    goal, met = ("", None) if limit is None else (f"≥ {limit:g}× nhanh hơn", speedup >= limit)
    return Row(what, _seconds(ours), f"{base_label}: {_seconds(base)}", speedup, goal, met)


def machine() -> list[str]:
    """Return the lines that say where the numbers come from."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg()) if hasattr(os, "getloadavg") else "?"
    return [
        f"Máy: {os.cpu_count()} nhân, {cpu}; {platform.system()} {platform.release()}",
        f"Python {platform.python_version()} ({sys.executable}); tải trung bình 1/5/15 phút: {load}",
    ]


def print_table(groups: list[tuple[str, list[Row]]]) -> bool:
    print("| phép đo | của baocao-gen | so với | tỉ lệ | mục tiêu | đạt |")
    print("|---|---|---|---|---|---|")
    met = True
    for title, rows in groups:
        print(f"| **{title}** | | | | | |")
        for row in rows:
            ratio = "" if row.ratio is None else f"{row.ratio:.2f}×"
            verdict = "" if row.met is None else ("đạt" if row.met else "**chưa đạt**")
            met &= row.met is not False
            print(f"| {row.what} | {row.ours} | {row.baseline} | {ratio} | {row.goal} | {verdict} |")
    return met


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Đo tốc độ và bộ nhớ của baocao-gen, so với đường cơ sở đo cùng lượt."
    )
    parser.add_argument(
        "--nho", action="store_true", help="cỡ nhỏ, mỗi phép đo một lần: chỉ để CI biết lệnh còn chạy"
    )
    parser.add_argument(
        "--phan",
        action="append",
        choices=["startup", "overhead", "scaling", "batch"],
        help="chỉ đo phần này (có thể nhắc lại); mặc định đo tất cả",
    )
    args = parser.parse_args(argv)
    sizes = TINY if args.nho else REAL
    parts: list[tuple[str, Callable[[Sizes, Path], list[Row]]]] = [
        ("Khởi động (cả tiến trình)", startup),
        ("Chi phí so với docxtpl (trong tiến trình)", overhead),
        ("Tăng theo cỡ nội dung", scaling),
        (f"Nhiều đơn vị ({sizes.units} tệp)", batch),
    ]
    if args.phan:
        parts = [(title, part) for title, part in parts if part.__name__ in args.phan]
    for line in machine():
        print(line)
    groups = []
    with tempfile.TemporaryDirectory(prefix="baocao-bench-") as name:
        use_bytecode_cache(Path(name) / "pycache")
        for title, part in parts:
            folder = Path(name) / part.__name__
            folder.mkdir()
            try:
                groups.append((title, part(sizes, folder)))
            except MeasureError as exc:
                print(f"baocao benchmark: phép đo «{title}» hỏng: {exc}", file=sys.stderr)
                groups.append((title, [Row("(phép đo hỏng, xem stderr)", "", "", None, "", False)]))
            print(f"… xong: {title}", file=sys.stderr, flush=True)
    print()
    met = print_table(groups)
    print()
    print(machine()[1])
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
