"""Batch workers: forked from a fork server that imported the pipeline once, and still the same output.

tests/test_batch.py holds what `baocao batch` does for a clerk (bytes of `render`, the summary, Ctrl-C);
this file holds how its workers start (batch.worker_server) and that starting them so changes nothing.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import subprocess
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest

import baocao_gen
import worker_probe
from baocao_gen import batch
from conftest import PERIOD, ROOT, STATE_PROFILE, open_docx, write_tree
from test_batch import BROKEN
from test_cli import run

FORKSERVER = "forkserver" in multiprocessing.get_all_start_methods()
needs_forkserver = pytest.mark.skipif(
    not FORKSERVER, reason="no fork server on this system (Windows): spawn is used"
)


def _server_children() -> list[int]:
    """Return the pids of this process's children that run multiprocessing's fork server."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            command = (entry / "cmdline").read_bytes()
        except OSError:  # the process ended meanwhile
            continue
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        if parent == os.getpid() and b"multiprocessing.forkserver" in command:
            found.append(int(entry.name))
    return found


@needs_forkserver
def test_a_worker_is_forked_from_the_preloaded_server_not_spawned_by_this_process():
    with batch.worker_server():
        [server] = _server_children()
        with ProcessPoolExecutor(1, mp_context=batch._worker_context()) as pool:
            facts = pool.submit(worker_probe.describe).result()
    assert facts["ppid"] == server != os.getpid()  # a spawned worker's parent is this process
    assert facts["pipeline_loaded"]  # imported by the server: the probe imports nothing of baocao_gen
    assert facts["package_file"] == baocao_gen.__file__  # this checkout, even if another copy is installed
    assert facts["python_threads"] == 1 and facts["os_threads"] in (1, None)


@needs_forkserver
def test_the_server_is_stopped_and_reaped_when_the_block_ends():
    with batch.worker_server():
        assert len(_server_children()) == 1
    assert _server_children() == []  # no process outlives the batch (and its CPU time counts as ours)


def _signal_mask(pid: int, field: str) -> int:
    """Return a signal mask (SigBlk, SigIgn) of a process as Linux shows it."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1], 16)
    raise AssertionError(f"no {field} for {pid}")


@needs_forkserver
def test_the_server_is_born_with_ctrl_c_blocked_so_an_early_ctrl_c_prints_no_traceback():
    """A Ctrl-C while the server imports would print its traceback under the one-line message."""
    sigint = 1 << (signal.SIGINT - 1)
    with batch.worker_server():
        [server] = _server_children()
        assert _signal_mask(server, "SigBlk") & sigint
    assert not _signal_mask(os.getpid(), "SigBlk") & sigint  # this process gets its Ctrl-C again


def test_importing_what_the_server_preloads_starts_no_thread():
    """A thread running in the server while it forks could leave a lock held in every worker."""
    code = (
        "import importlib, os, sys, threading\n"
        f"for name in {batch.PRELOAD!r}: importlib.import_module(name)\n"
        "tasks = len(os.listdir(f'/proc/{os.getpid()}/task')) if os.path.isdir('/proc') else 1\n"
        "print(threading.active_count(), tasks)\n"
    )
    env = {"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    assert done.stdout.split() == ["1", "1"]


def test_preloaded_modules_exist():
    """A misspelt name would be skipped silently by the server (it ignores ImportError)."""
    for name in batch.PRELOAD:
        __import__(name)


def _units(folder: Path, count: int) -> Path:
    files = {}
    for index in range(count):
        files[f"in/don-vi-{index}/don-vi.yaml"] = STATE_PROFILE
        files[f"in/don-vi-{index}/bc.yaml"] = PERIOD.replace("so: 5", f"so: {index + 1}")
    files["in/don-vi-0/hong.yaml"] = BROKEN
    write_tree(folder, files)
    return folder / "in"


def _text(data: bytes) -> str:
    """Return what a reader sees of a report: its paragraphs and its tables' cells."""
    document = open_docx(data)
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([paragraph.text for paragraph in document.paragraphs] + cells)


def test_in_process_runs_with_different_data_give_different_reports(tmp_path):
    """Two batches in one process: the second's workers see its own files, nothing kept from the first."""
    texts = []
    for number in (3, 4):
        folder = tmp_path / f"lan-{number}"
        write_tree(
            folder,
            {"in/don-vi.yaml": STATE_PROFILE, "in/bc.yaml": PERIOD.replace("so: 5", f"so: {number}")},
        )
        plan = batch.plan_batch([folder / "in"], folder / "out")
        [outcome] = batch.run_batch(plan, workers=2)
        assert outcome.ok and outcome.output is not None, outcome.diagnostics
        texts.append(_text(outcome.output.read_bytes()))
    assert "Số: 03/BC-UBND" in texts[0] and "Số: 04/BC-UBND" not in texts[0]
    assert "Số: 04/BC-UBND" in texts[1] and "Số: 03/BC-UBND" not in texts[1]


def test_parallel_serial_and_separate_renders_write_the_same_bytes_and_summary(tmp_path):
    units = _units(tmp_path, 4)
    parallel = run("batch", units, "-o", tmp_path / "song-song")
    serial = run("batch", "--jobs", "1", units, "-o", tmp_path / "tuan-tu")
    assert parallel.returncode == serial.returncode == 1  # the broken file
    summary = [line.replace("song-song", "OUT") for line in parallel.stderr.splitlines()]
    assert summary == [line.replace("tuan-tu", "OUT") for line in serial.stderr.splitlines()]
    assert "Traceback" not in parallel.stderr
    for index in range(4):
        relative = Path(f"don-vi-{index}/bc.docx")
        alone = tmp_path / f"rieng-{index}.docx"
        assert run("render", units / relative.with_suffix(".yaml"), "-o", alone).returncode == 0
        expected = alone.read_bytes()
        assert (tmp_path / "song-song" / relative).read_bytes() == expected
        assert (tmp_path / "tuan-tu" / relative).read_bytes() == expected


def test_without_a_fork_server_the_workers_are_spawned_and_give_the_same_bytes(tmp_path, monkeypatch):
    """Windows has no fork server: the spawn fallback must still render, and render alike."""
    write_tree(tmp_path, {"in/don-vi.yaml": STATE_PROFILE, "in/bc.yaml": PERIOD})
    plan = batch.plan_batch([tmp_path / "in"], tmp_path / "forked")
    [forked] = batch.run_batch(plan, workers=1)
    monkeypatch.setattr(multiprocessing, "get_all_start_methods", lambda: ["spawn"])
    assert batch._worker_context().get_start_method() == "spawn"
    plan = batch.plan_batch([tmp_path / "in"], tmp_path / "spawned")
    [spawned] = batch.run_batch(plan, workers=1)
    assert forked.output is not None and spawned.output is not None
    assert spawned.output.read_bytes() == forked.output.read_bytes()


@pytest.fixture
def python_ctrl_c():
    """Give this process Python's own Ctrl-C handler, as `baocao` typed at a prompt has.

    A shell that starts the test run in the background (`… &`, `nohup`) hands it SIGINT ignored, and
    Python then installs no handler: the deferral below has nothing to defer there (see the next test).
    """
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    yield
    signal.signal(signal.SIGINT, previous)


def test_a_ctrl_c_while_the_workers_are_started_is_raised_after_it_not_lost(python_ctrl_c):
    """Half-started, a worker the executor does not know of would wait for work for ever."""
    reached = []

    def interrupted_block() -> None:
        with batch._interrupt_deferred():
            os.kill(os.getpid(), signal.SIGINT)
            reached.append("the rest of the block")

    with pytest.raises(KeyboardInterrupt):
        interrupted_block()
    assert reached == ["the rest of the block"]
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


def test_an_ignored_ctrl_c_stays_ignored_through_the_block():
    """A batch started in the background (SIGINT ignored) is not made interruptible by starting workers."""
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        with batch._interrupt_deferred():
            os.kill(os.getpid(), signal.SIGINT)
        assert signal.getsignal(signal.SIGINT) is signal.SIG_IGN
    finally:
        signal.signal(signal.SIGINT, previous)


def test_the_parent_of_a_parallel_batch_does_not_import_the_pipeline(tmp_path):
    """The fork server imports the render path for the workers; the parent only plans and sums up.

    Its import would be paid before planning, on the core the server's import needs too (~0.45 s).
    `--jobs N` (the serial measurement renders in the parent) still imports it under the Ctrl-C guard.
    """
    from baocao_gen.entry import _needs_pipeline

    assert not _needs_pipeline(["batch", "cac-don-vi", "-o", "ket-qua"])
    assert _needs_pipeline(["batch", "cac-don-vi", "-o", "ket-qua", "--jobs", "1"])
    assert _needs_pipeline(["render", "bc.yaml"])
    units = _units(tmp_path / "cac-don-vi", 2)
    probe = (
        "import sys\n"
        "from baocao_gen.entry import main\n"
        "try:\n"
        f"    main(['batch', {str(units)!r}, '-o', {str(tmp_path / 'kq')!r}])\n"
        "except SystemExit as done:\n"
        "    print(done.code, 'baocao_gen.pipeline' in sys.modules, 'docxtpl' in sys.modules)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=300, env=env)
    assert done.stdout.split() == ["1", "False", "False"], done.stderr  # 1: _units adds a broken file
    assert len(list((tmp_path / "kq").rglob("*.docx"))) == 2
