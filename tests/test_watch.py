"""`baocao watch`: every save re-renders, a broken save prints diagnostics, hand edits survive.

Each test runs the real command in a subprocess, bounded by its hidden options (a number of renders
and a time limit), edits the files the way an editor saves them, and reads what the clerk would.
"""

from __future__ import annotations

import os
import queue
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import docx

from baocao_gen.codes import Code
from baocao_gen.entry import INTERRUPTED_MESSAGE
from conftest import PERIOD, ROOT
from test_pdf import needs_libreoffice, pdf_text
from test_strict import WITH_WARNING

WAIT = 60.0  # seconds; a render takes about one, LibreOffice is not involved


class Watcher:
    """A running `baocao watch` whose stderr lines are read as they come."""

    def __init__(self, *args: object) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "baocao_gen", "watch", *map(str, args)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            env={"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"},
            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
        )
        self.lines: list[str] = []
        self._queue: queue.Queue[str | None] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stderr is not None
        with self.process.stderr:
            for line in self.process.stderr:
                self._queue.put(line.rstrip("\n"))
        self._queue.put(None)

    def wait_for(self, text: str, count: int = 1) -> None:
        """Wait until `count` lines containing `text` have been printed."""
        deadline = time.monotonic() + WAIT
        while sum(text in line for line in self.lines) < count:
            try:
                line = self._queue.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                raise AssertionError(f"no {text!r} after {WAIT} s:\n" + "\n".join(self.lines)) from None
            if line is None:
                raise AssertionError(f"watch ended before {text!r}:\n" + "\n".join(self.lines))
            self.lines.append(line)

    def finish(self) -> int:
        code = self.process.wait(timeout=WAIT)
        self.wait_for_end()
        return code

    def wait_for_end(self) -> None:
        while (line := self._queue.get(timeout=WAIT)) is not None:
            self.lines.append(line)


def save(path: Path, text: str) -> None:
    """Save as many editors do: write a new file, then rename it over the old one."""
    fresh = path.with_name(f".{path.name}.swp")
    fresh.write_text(text, encoding="utf-8")
    os.replace(fresh, path)


def paragraphs(path: Path) -> list[str]:
    return [p.text for p in docx.Document(str(path)).paragraphs]


def test_each_save_of_the_data_or_its_profile_re_renders_and_a_broken_save_only_prints(make_report):
    data = make_report()
    output = data.with_suffix(".docx")
    watcher = Watcher(data, "--so-lan", 5, "--toi-da-giay", 120)
    watcher.wait_for("Đang theo dõi")
    assert "Đoạn văn thứ nhất." in paragraphs(output)
    assert "bao-cao.yaml" in watcher.lines[-1] and "don-vi.yaml" in watcher.lines[-1]

    save(data, data.read_text(encoding="utf-8").replace("Đoạn văn thứ nhất.", "Đoạn văn đã sửa."))
    watcher.wait_for("Đã ghi", 2)
    assert "Đoạn văn đã sửa." in paragraphs(output)
    watcher.wait_for("Đoạn văn (1):")  # what the save changed, as `render` prints it
    assert any("Những gì thay đổi so với lần sinh trước:" in line for line in watcher.lines)

    good = data.read_text(encoding="utf-8")
    data.write_text(good.replace("so: 5", "so: 5.6"), encoding="utf-8")  # written in place, like Notepad
    watcher.wait_for("Chưa sinh được tệp")
    assert any(':2:5: lỗi: khóa «so» = "5.6"' in line for line in watcher.lines)
    assert "Đoạn văn đã sửa." in paragraphs(output)  # the last good output stays

    profile = data.with_name("don-vi.yaml")
    data.write_text(good, encoding="utf-8")
    watcher.wait_for("Đã ghi", 3)
    save(profile, profile.read_text(encoding="utf-8").replace("Phạm Văn Hiền", "Trần Thị Lan"))
    assert watcher.finish() == 0, "\n".join(watcher.lines)
    assert "Trần Thị Lan" in " ".join(
        cell.text for table in docx.Document(str(output)).tables for cell in table._cells
    )
    assert not any("Traceback" in line for line in watcher.lines)


def test_a_hand_edited_output_is_never_overwritten(make_report):
    data = make_report()
    output = data.with_suffix(".docx")
    watcher = Watcher(data, "--so-lan", 2, "--toi-da-giay", 120)
    watcher.wait_for("Đang theo dõi")
    edited = docx.Document(str(output))
    edited.add_paragraph("Ý kiến của Chủ tịch, thêm bằng tay.")
    edited.save(str(output))
    hand = output.read_bytes()
    save(data, data.read_text(encoding="utf-8").replace("Đoạn văn thứ nhất.", "Đoạn văn đã sửa."))
    assert watcher.finish() == 0
    assert output.read_bytes() == hand
    assert any(f"[{Code.OUTPUT_EDITED}]" in line for line in watcher.lines)


def test_strict_watch_writes_nothing_while_a_warning_is_left_then_writes_once_fixed(make_report):
    data = make_report(WITH_WARNING)
    output = data.with_suffix(".docx")
    watcher = Watcher(data, "--nghiem-ngat", "--so-lan", 2, "--toi-da-giay", 120)
    watcher.wait_for("Đang theo dõi")
    assert any("lỗi:" in line and "nghiêm ngặt" in line and "[D143]" in line for line in watcher.lines)
    assert any("Chưa sinh được tệp" in line for line in watcher.lines)
    assert not output.exists()
    save(data, PERIOD)  # the warning fixed: strictness has nothing left to refuse
    assert watcher.finish() == 0, "\n".join(watcher.lines)
    assert "Đoạn văn thứ nhất." in paragraphs(output)
    assert sum("Đã ghi" in line for line in watcher.lines) == 1


def test_the_time_limit_ends_a_quiet_watch_and_ctrl_c_ends_it_cleanly(make_report):
    data = make_report()
    quiet = Watcher(data, "--toi-da-giay", 3)
    assert quiet.finish() == 0
    assert sum("Đã ghi" in line for line in quiet.lines) == 1

    watcher = Watcher(data)
    watcher.wait_for("Đang theo dõi")
    watcher.process.send_signal(signal.SIGINT)
    assert watcher.process.wait(timeout=WAIT) == 130
    watcher.wait_for_end()
    assert watcher.lines[-1] == INTERRUPTED_MESSAGE
    assert not any("Traceback" in line for line in watcher.lines)


@needs_libreoffice
def test_watch_pdf_converts_each_render(make_report):
    data = make_report()
    watcher = Watcher(data, "--pdf", "--so-lan", 1)
    assert watcher.finish() == 0, "\n".join(watcher.lines)
    pdf = data.with_suffix(".pdf")
    assert "Đoạn văn thứ nhất." in pdf_text(pdf)
    assert any(line.endswith(f"Đã ghi {pdf}") for line in watcher.lines)  # as `render` says it
