"""Run one command as a whole process and report its wall time and peak memory.

Each measured command runs under a tiny Python wrapper (itself a process), which starts the clock
just before the child and reads the child's peak resident memory from
`resource.getrusage(RUSAGE_CHILDREN).ru_maxrss` after it ends: the wrapper's own start-up is not
counted, and the memory is that of the command alone (for a command with worker processes, of its
largest process), together with the CPU time it used (user + system, of all its processes): on a
machine shared with other work, wall time grows with the load while CPU time mostly does not.

Bytecode: an installed baocao-gen has its modules compiled (pip writes `.pyc` files), so every measured
process may write and read bytecode in a cache of the run (`PYTHONPYCACHEPREFIX`), even where the
developer's shell sets PYTHONDONTWRITEBYTECODE; without it each `baocao render` compiled our ~20,000
lines anew while docxtpl came precompiled from site-packages. Every command is run once unmeasured first.
Unix only (the `resource` module); the benchmark is a developer's tool.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src"

# argv: [concurrency, command...] or [concurrency, "--many", json list of commands]. Prints one JSON line.
_WRAPPER = r"""
import json, resource, subprocess, sys, time
from concurrent.futures import ThreadPoolExecutor
jobs = int(sys.argv[1])
commands = json.loads(sys.argv[3]) if sys.argv[2] == "--many" else [sys.argv[2:]]
def run(command):
    done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    return done.returncode, done.stderr.decode("utf-8", "replace")[-3000:]
started = time.perf_counter()
with ThreadPoolExecutor(jobs) as pool:
    results = list(pool.map(run, commands))
elapsed = time.perf_counter() - started
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
peak = usage.ru_maxrss
if sys.platform == "darwin":
    peak //= 1024
bad = [result for result in results if result[0] != 0]
print(json.dumps({"time": elapsed, "cpu": usage.ru_utime + usage.ru_stime, "rss_kb": peak,
                  "code": bad[0][0] if bad else 0, "stderr": bad[0][1] if bad else ""}))
"""


class MeasureError(RuntimeError):
    """A measured command failed: the numbers would mean nothing."""


@dataclass
class Sample:
    """Every run of one measured thing: wall times (s), CPU times (s) and peak resident memory (KB)."""

    times: list[float] = field(default_factory=list)
    peaks: list[int] = field(default_factory=list)
    cpus: list[float] = field(default_factory=list)

    def add(self, time: float, peak_kb: int, cpu: float | None = None) -> None:
        self.times.append(time)
        self.peaks.append(peak_kb)
        if cpu is not None:
            self.cpus.append(cpu)

    @property
    def time(self) -> float:
        return statistics.median(self.times)

    @property
    def cpu(self) -> float:
        return statistics.median(self.cpus) if self.cpus else float("nan")

    @property
    def peak_mb(self) -> float:
        return statistics.median(self.peaks) / 1024


_bytecode_cache: Path | None = None  # set by `use_bytecode_cache`; None: the caller's own setting


def use_bytecode_cache(folder: Path) -> None:
    """Let every measured process keep compiled bytecode in `folder`, as an installed package has it."""
    global _bytecode_cache
    _bytecode_cache = folder


def environment() -> dict[str, str]:
    """Return the environment of every measured process: this checkout's `src` first, no user site."""
    env = dict(os.environ)
    env["PYTHONPATH"] = str(SRC) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    env["PYTHONNOUSERSITE"] = "1"
    env.pop("PYTHONPROFILEIMPORTTIME", None)
    if _bytecode_cache is not None:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(_bytecode_cache)
    return env


def run_measured(
    command: Sequence[str], cwd: Path, *, many: Sequence[Sequence[str]] | None = None, jobs: int = 1
) -> tuple[float, int, float]:
    """Return (wall time, peak RSS in KB, CPU time) of `command` (or of `many` commands, `jobs` at a time)."""
    argv = [sys.executable, "-c", _WRAPPER, str(jobs)]
    argv += ["--many", json.dumps([list(c) for c in many])] if many is not None else list(command)
    done = subprocess.run(argv, cwd=cwd, env=environment(), capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise MeasureError(f"wrapper failed: {done.stderr[-2000:]}")
    report = json.loads(done.stdout.strip().splitlines()[-1])
    if report["code"] != 0:
        shown = " ".join(command) if many is None else f"{len(many)} commands"
        raise MeasureError(f"{shown} exited {report['code']}: {report['stderr']}")
    return float(report["time"]), int(report["rss_kb"]), float(report["cpu"])


def run_inproc(task: Sequence[str], cwd: Path) -> tuple[list[float], int, list[float]]:
    """Run a task of `inproc.py` in its own process; return its run times, peak RSS (KB) and CPU times."""
    argv = [sys.executable, str(Path(__file__).with_name("inproc.py")), *task]
    done = subprocess.run(argv, cwd=cwd, env=environment(), capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise MeasureError(f"inproc {' '.join(task)} failed: {done.stderr[-3000:]}")
    report = json.loads(done.stdout.strip().splitlines()[-1])
    return [float(t) for t in report["times"]], int(report["rss_kb"]), [float(t) for t in report["cpus"]]
