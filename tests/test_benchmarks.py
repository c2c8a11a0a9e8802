"""`python benchmarks/run.py --nho` keeps working (CI runs it once; no number is asserted).

Benchmarks are never timed tests: this only checks that the command runs to its end on tiny sizes,
prints every row of its table, and exits 0 (goals met) or 1 (a goal missed), never with a traceback.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

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
    "`baocao render` ví dụ Phổ Hòa, thời gian CPU",
    "toàn bộ các bước, Phổ Hòa, thời gian CPU",
    "thời gian CPU (mọi tiến trình)",
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


def test_measured_processes_keep_bytecode_like_an_installed_package(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A shell with PYTHONDONTWRITEBYTECODE made every measured `baocao render` compile our modules anew,
    while docxtpl came precompiled from site-packages: the start-up ratio measured the compiler."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import measure
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    monkeypatch.setenv("PYTHONDONTWRITEBYTECODE", "1")
    monkeypatch.setattr(measure, "_bytecode_cache", None)
    assert measure.environment()["PYTHONDONTWRITEBYTECODE"] == "1"  # left as the developer set it
    measure.use_bytecode_cache(tmp_path)
    env = measure.environment()
    assert "PYTHONDONTWRITEBYTECODE" not in env
    assert env["PYTHONPYCACHEPREFIX"] == str(tmp_path)
    wall, peak, cpu = measure.run_measured([sys.executable, "-c", "import baocao_gen.vietnamese"], tmp_path)
    assert wall > 0 and peak > 0 and cpu > 0
    assert list(tmp_path.rglob("vietnamese*.pyc")), "the measured process wrote no bytecode to the cache"
