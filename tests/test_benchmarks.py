"""`python benchmarks/run.py --nho` keeps working (CI runs it once; no number is asserted).

Benchmarks are never timed tests: this only checks that the command runs to its end on tiny sizes,
prints every row of its table, and exits 0 (goals met) or 1 (a goal missed), never with a traceback.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

ROWS = (
    "`baocao --help`",
    "`baocao version`",
    "`baocao templates`",
    "`baocao render` ví dụ nhỏ nhất",
    "`baocao render` ví dụ Phổ Hòa",
    "bộ nhớ đỉnh `baocao render` Phổ Hòa",
    "toàn bộ các bước, Phổ Hòa",
    "nội dung 1×",
    "nội dung 2×",
    "số mũ khớp được của thời gian",
    "`baocao batch` 3 tệp",
    "`baocao batch --jobs 1` (tuần tự)",
    "tiến trình `baocao render`",
)


def test_benchmark_runs_on_tiny_sizes() -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "run.py"), "--nho"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin", "PYTHONIOENCODING": "utf-8"},
        timeout=900,
        check=False,
    )
    assert done.returncode in (0, 1), done.stderr
    assert "Traceback" not in done.stderr + done.stdout
    assert "phép đo hỏng" not in done.stdout, done.stderr
    for row in ROWS:
        assert row in done.stdout, f"missing row {row!r}"
    table = [line for line in done.stdout.splitlines() if line.startswith("| ")]
    ratios = [line for line in table if "×" in line.split("|")[4]]
    assert len(ratios) >= 10  # every comparison printed its ratio
    assert "nhân" in done.stdout and "Python" in done.stdout  # the machine the numbers come from
