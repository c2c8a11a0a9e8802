"""Many reports in one run (`baocao batch`): the same render as `baocao render`, on every core.

The office one level up renders every unit's file at once. Each file goes through
`pipeline.render_file`, exactly as `render -o` would write it, so the bytes are the same and so are
the safety rules (never over an input, never over a hand-edited output). Files run in worker
processes, each of which pays the imports once; a failure is one file's outcome, never the run's end.

Which files: the ones named, and every `*.yaml`/`*.yml` under the folders named. A unit profile
(`don-vi.yaml`, a file another one extends through `ke_thua`, or a file with none of a period's keys)
is recognised and not rendered. A file found in a folder keeps its place under that folder inside
OUTDIR (`cac-xa/ba-to/bc.yaml` → `OUTDIR/ba-to/bc.docx`): units of one office often name their
period files alike. Two inputs that would still claim one output are refused, both of them.

Ctrl-C: the workers ignore the terminal's interrupt, the parent sets a shared stop flag, cancels the
files not started and waits for the ones in hand (a render takes a second and writes atomically; a
PDF conversion is ended at once): nothing is left half-written.

Where the system has it (Linux, macOS) the workers are forked from a fork server that imported the
pipeline once, instead of each being a fresh interpreter that imports it again (see `worker_server`).
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from multiprocessing.context import BaseContext
from pathlib import Path
from typing import Any

from .codes import Code
from .data_files import DATA_SUFFIXES, PROFILE_NAMES, unit_profiles
from .diagnostics import Diagnostic, Location, has_errors

__all__ = [
    "DATA_SUFFIXES",
    "PROFILE_NAMES",
    "BatchPlan",
    "Job",
    "Outcome",
    "plan_batch",
    "run_batch",
    "summary",
    "worker_server",
]


@dataclass(frozen=True)
class Job:
    """One data file to render and where its .docx goes."""

    data: Path
    target: Path


@dataclass
class BatchPlan:
    """What a batch will do: the jobs, the profiles it skips, and the inputs it refuses."""

    jobs: list[Job] = field(default_factory=list)
    profiles: list[Path] = field(default_factory=list)
    refused: list[tuple[Path, Diagnostic]] = field(default_factory=list)


@dataclass
class Outcome:
    """What became of one data file; `stopped` when Ctrl-C came before it was rendered."""

    data: Path
    diagnostics: list[Diagnostic] = field(default_factory=list)
    output: Path | None = None
    pdf: Path | None = None
    stopped: bool = False

    @property
    def ok(self) -> bool:
        return not self.stopped and not has_errors(self.diagnostics)

    @property
    def first_error(self) -> Diagnostic | None:
        return next((d for d in self.diagnostics if d.is_error), None)

    @property
    def warnings(self) -> int:
        return sum(not d.is_error for d in self.diagnostics)


def _data_files(inputs: Sequence[Path]) -> list[tuple[Path, Path]]:
    """Return (data file, its output path relative to OUTDIR), inputs in order, folders sorted."""
    found: list[tuple[Path, Path]] = []
    for item in inputs:
        if item.is_dir():
            for path in sorted(item.rglob("*")):
                hidden = any(part.startswith(".") for part in path.relative_to(item).parts)
                if path.suffix.lower() in DATA_SUFFIXES and path.is_file() and not hidden:
                    found.append((path, path.relative_to(item).with_suffix(".docx")))
        else:
            found.append((item, Path(item.stem + ".docx")))
    return found


def plan_batch(inputs: Sequence[Path], outdir: Path) -> BatchPlan:
    """Return the jobs for `inputs` (files and folders) writing into `outdir`."""
    plan = BatchPlan()
    candidates: dict[Path, tuple[Path, Path]] = {}  # by resolved path: (path, relative output)
    for path, relative in _data_files(inputs):
        candidates.setdefault(path.resolve(), (path, relative))
    profiles = unit_profiles(path for path, _ in candidates.values())
    claimed: dict[str, list[Job]] = {}
    for resolved, (path, relative) in candidates.items():
        if resolved in profiles:
            plan.profiles.append(path)
            continue
        job = Job(path, outdir / relative)
        claimed.setdefault(os.path.normcase(str(job.target.resolve())).casefold(), []).append(job)
    for jobs in claimed.values():
        if len(jobs) == 1:
            plan.jobs.append(jobs[0])
            continue
        for job in jobs:
            others = ", ".join(f"«{other.data}»" for other in jobs if other is not job)
            plan.refused.append((job.data, _same_output(job, others)))
    return plan


def _same_output(job: Job, others: str) -> Diagnostic:
    return Diagnostic(
        Code.OUTPUT_NAME_TAKEN,
        f"tệp này và {others} cùng ghi ra «{job.target}»; không sinh tệp nào trong số đó để khỏi ghi đè lẫn nhau.",
        Location(str(job.data)),
        hint="đổi tên một trong các tệp dữ liệu, hoặc đặt chúng vào các thư mục riêng rồi chỉ thư mục cha cho lệnh batch",
    )


# --- the workers --------------------------------------------------------------------------------

PRELOAD = (
    "baocao_gen.batch",
    "baocao_gen.pipeline",
    "baocao_gen.pdf",
    # Imported by the pipeline only when a report needs them (number words, dates): ~45 ms each worker
    # paid again on its first file; measured as the modules new in sys.modules after a first render.
    "num2words",
    "babel.dates",
)
"""What the fork server imports once, before it forks any worker: the whole render path.

Only imports, which start no thread (tests/test_batch_workers.py checks it): a thread running in the
server when it forks could leave a lock held in every worker. No cache is warmed here: a worker's
first file still costs ~50 ms more than the next ones (templates read, patterns compiled), which
the two workers pay at the same time, so warming once would save CPU but hardly any wall time.
"""


def _worker_context() -> BaseContext:
    """Return the fork server's context (with `PRELOAD`) where the system has one, else spawn's.

    Spawned workers (the fallback, and Windows) each start a fresh interpreter and import the pipeline
    again: ~0.6 s CPU per worker, measured. Forked ones share the server's single import. Plain fork is
    never used: the parent may have threads (the executor's, a progress bar's) whose locks a child
    would inherit held.
    """
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(list(PRELOAD))
    return context


@contextlib.contextmanager
def worker_server() -> Iterator[None]:
    """Keep the fork server the workers come from running for the block, then stop and reap it.

    Started early (the CLI enters this before `plan_batch`), the server's imports (~0.45 s) run on the
    second core while the files are planned (~0.4 s for 200 units) instead of after. Stopped at the
    end so that no process outlives the command and the CPU time of the server and its workers counts
    as the command's: a process that is never waited for escapes `time` and the benchmark alike.
    After an error or a Ctrl-C the server is not waited for, in case a worker was left behind: it
    ends by itself once this process and its workers have ended.
    `run_batch` enters it too; nested, the first exit stops the server and the second does nothing.
    Without a fork server (Windows) it does nothing.
    """
    if _worker_context().get_start_method() != "forkserver":
        yield
        return
    _start_server()
    yield
    _stop_server()  # after a normal end only: after an error the server ends with this process


def _start_server() -> None:
    """Spawn the fork server (if it is not running) with Ctrl-C blocked.

    The standard library starts its resource tracker the same way: a blocked signal stays blocked
    across fork and exec, so neither the server (mid-import) nor a worker forked from it (before
    `_start_worker` ignores it) can be interrupted and print a traceback, while this process unblocks
    it at once and so still receives a Ctrl-C pressed meanwhile. The resource tracker is started
    first: starting it unblocks Ctrl-C when it is done, which would undo the block around the server.
    """
    from multiprocessing import forkserver, resource_tracker

    resource_tracker.ensure_running()
    blocked = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        with _server_path():
            forkserver.ensure_running()
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, blocked)


def _stop_server() -> None:
    """Stop the fork server and wait for it, as CPython's own tests do (`ForkServer._stop`).

    Where that private method is missing the server still ends by itself when this process does.
    """
    from multiprocessing import forkserver

    stop = getattr(getattr(forkserver, "_forkserver", None), "_stop", None)
    if callable(stop):
        stop()


@contextlib.contextmanager
def _server_path() -> Iterator[None]:
    """Give the fork server this process's `sys.path` (as PYTHONPATH) while it is spawned.

    Python 3.11's fork server is handed the parent's sys.path but does not apply it before importing
    `PRELOAD` (later versions do): it would import whatever baocao-gen its environment finds first,
    such as an installed copy instead of the checkout a test or script put first on sys.path, and
    every worker would then run that other code. Only the spawned server sees the variable.
    """
    saved = os.environ.get("PYTHONPATH")
    os.environ["PYTHONPATH"] = os.pathsep.join(sys.path)
    try:
        yield
    finally:
        if saved is None:
            del os.environ["PYTHONPATH"]
        else:
            os.environ["PYTHONPATH"] = saved


_stop: Any = None  # the shared stop flag, in each worker process


def _start_worker(stop: Any) -> None:
    """Prepare a worker: leave Ctrl-C to the parent, keep the stop flag, pay the imports once.

    A worker forked from the fork server already has the imports and was born with Ctrl-C blocked (see
    `_start_server`); it is ignored here first, then unblocked so that nothing stays pending.
    """
    global _stop
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    _stop = stop
    from . import pdf, pipeline  # noqa: F401  (spawned workers: imported here so that the first file is not slower)
    from .entry import settle_imports

    settle_imports()  # what the imports built is frozen out of the collector's walks, as in `baocao` itself


def _stopping() -> bool:
    return _stop is not None and _stop.is_set()


def render_one(job: Job, force: bool, to_pdf: bool, strict: bool = False) -> Outcome:
    """Render one job as `baocao render DATA -o TARGET [--ghi-de] [--pdf]` would (in a worker)."""
    from .pdf import ConversionStopped, convert_to_pdf
    from .pipeline import render_file

    if _stopping():
        return Outcome(job.data, stopped=True)
    result = render_file(job.data, job.target, force=force, strict=strict)
    outcome = Outcome(job.data, list(result.diagnostics), result.output)
    if to_pdf and result.output is not None and outcome.ok:
        try:
            outcome.pdf, problems = convert_to_pdf(result.output, force=force, should_stop=_stopping)
        except ConversionStopped:
            outcome.stopped = True
            return outcome
        outcome.diagnostics += problems
    return outcome


def run_batch(
    plan: BatchPlan,
    *,
    force: bool = False,
    to_pdf: bool = False,
    strict: bool = False,
    workers: int | None = None,
    on_done: Callable[[Outcome], None] = lambda outcome: None,
) -> list[Outcome]:
    """Render every job of `plan` in worker processes; return the outcomes in the plan's order.

    `on_done` is called in this process as each file finishes (the CLI moves its progress bar).
    A KeyboardInterrupt stops the run as the module docstring says, then propagates.
    """
    if not plan.jobs:
        return []
    with worker_server():
        return _run_jobs(plan, force, to_pdf, strict, workers, on_done)


def _run_jobs(
    plan: BatchPlan,
    force: bool,
    to_pdf: bool,
    strict: bool,
    workers: int | None,
    on_done: Callable[[Outcome], None],
) -> list[Outcome]:
    """Run the jobs in a pool of `workers` processes (all cores by default), as `run_batch` says."""
    context = _worker_context()
    stop = context.Event()
    count = max(1, min(workers or os.cpu_count() or 1, len(plan.jobs)))
    executor = ProcessPoolExecutor(count, mp_context=context, initializer=_start_worker, initargs=(stop,))
    outcomes: dict[Path, Outcome] = {}
    try:
        with _interrupt_deferred():
            futures: dict[Future[Outcome], Job] = {
                executor.submit(render_one, job, force, to_pdf, strict): job for job in plan.jobs
            }
        for future in as_completed(futures):
            outcome = _outcome_of(future, futures[future])
            outcomes[outcome.data] = outcome
            on_done(outcome)
    except KeyboardInterrupt:
        stop.set()
        executor.shutdown(wait=True, cancel_futures=True)
        raise
    finally:
        executor.shutdown(wait=True)
    return [outcomes[job.data] for job in plan.jobs]


@contextlib.contextmanager
def _interrupt_deferred() -> Iterator[None]:
    """Hold a Ctrl-C back until the block is done, then raise it (main thread only).

    The executor starts its workers inside `submit`; a Ctrl-C in the middle of a start would leave a
    worker the executor does not know of, waiting for work for ever (and keeping the fork server
    alive). Submitting takes milliseconds once the fork server has finished its imports, at most
    about a second before that, so the interrupt is only late, never lost.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    pending: list[int] = []
    previous = signal.getsignal(signal.SIGINT)
    if previous is signal.default_int_handler:
        signal.signal(signal.SIGINT, lambda signum, frame: pending.append(signum))
    try:
        yield
    finally:
        if previous is signal.default_int_handler:
            signal.signal(signal.SIGINT, previous)
    if pending:
        raise KeyboardInterrupt


def _outcome_of(future: Future[Outcome], job: Job) -> Outcome:
    """Return a finished job's outcome; a worker that died is that file's failure, not the run's."""
    try:
        return future.result()
    except Exception as exc:
        return Outcome(
            job.data,
            [
                Diagnostic(
                    Code.WRITE_FAILED,
                    f"lỗi nội bộ khi sinh tệp này ({type(exc).__name__}: {exc}); các tệp khác không bị ảnh hưởng.",
                    Location(str(job.data)),
                    hint="chạy `baocao render` với riêng tệp này; nếu vẫn lỗi, gửi tệp cho người phát triển",
                )
            ],
        )


# --- the summary --------------------------------------------------------------------------------


def summary(plan: BatchPlan, outcomes: Iterable[Outcome], outdir: Path, pdf: bool) -> list[str]:
    """Return the closing lines a clerk reads: done, failed (each with its first error), skipped."""
    outcomes = list(outcomes)
    written = sum(o.output is not None for o in outcomes)
    failed = [(o.data, o.first_error) for o in outcomes if not o.ok and not o.stopped]
    failed += [(path, diagnostic) for path, diagnostic in plan.refused]
    warnings = sum(o.warnings for o in outcomes)
    line = f"Đã sinh {written}/{len(plan.jobs) + len(plan.refused)} báo cáo vào «{outdir}»"
    if pdf:
        line += f", {sum(o.pdf is not None for o in outcomes)} tệp PDF"
    if warnings:
        line += f"; {warnings} cảnh báo"
    lines = [line + "."]
    if failed:
        lines.append(f"Có lỗi ở {len(failed)} tệp (mỗi tệp in lỗi đầu tiên):")
        for path, diagnostic in failed:
            shown = diagnostic.format() if diagnostic is not None else "lỗi không rõ"
            lines.append(f"  - {shown}" if _names(shown, path) else f"  - {path}: {shown}")
        lines.append("Xem mọi lỗi của một tệp bằng `baocao validate <tệp>`.")
    if plan.profiles:
        names = ", ".join(str(path) for path in plan.profiles)
        lines.append(f"Bỏ qua {len(plan.profiles)} tệp hồ sơ đơn vị (không phải báo cáo): {names}.")
    return lines


def _names(line: str, path: Path) -> bool:
    """Return True when a diagnostic's line already starts with the data file's name."""
    return any(line.startswith(f"{name}:") for name in (str(path), str(path.resolve())))
