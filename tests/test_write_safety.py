"""Writing the output never loses work: hand edits anywhere are kept, interrupts leave nothing behind.

Through the real command: an output edited in Word (header, Normal style, footnote) is refused
(exit 1, file untouched); `--ghi-de` keeps the edited file as a backup first and says where.
Through write_atomically: Ctrl-C or a file held open by Word at any point of the write leaves the
previous output intact and no temporary file. And a real process interrupted with SIGINT at many
moments of a long render leaves either the old or the new complete output, never a stray file.
"""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
import time
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import docx
import pytest

from baocao_gen import write as write_module
from baocao_gen.diagnostics import Severity
from baocao_gen.entry import INTERRUPTED_MESSAGE
from baocao_gen.ooxml.package import read_parts, write_parts
from baocao_gen.pipeline import build
from baocao_gen.write import write_atomically
from conftest import EXAMPLES, ROOT

EXAMPLE = EXAMPLES / "ba-to" / "dan-van-chinh-quyen-6-thang-2023.yaml"  # has footnotes
STAMP = datetime(2023, 6, 1, tzinfo=UTC)
ENV = {"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"}


def run(*args: object, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "baocao_gen", *map(str, args)],
        capture_output=True,
        text=True,
        env=ENV,
        **kwargs,
    )


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> bytes:
    """The bytes the command writes for the example (rendered once for the module)."""
    out = tmp_path_factory.mktemp("generated") / "out.docx"
    proc = run("render", EXAMPLE, "-o", out)
    assert proc.returncode == 0, proc.stderr
    return out.read_bytes()


def edit_header(path: Path) -> None:
    document = docx.Document(str(path))
    document.sections[0].header.paragraphs[0].text = "Trang do văn thư sửa"
    document.save(str(path))


def edit_normal_font(path: Path) -> None:
    document = docx.Document(str(path))
    document.styles["Normal"].font.name = "Arial"
    document.save(str(path))


def edit_footnote(path: Path) -> None:
    """Change a footnote's text (python-docx has no footnote API, so at the zip level, as Word would)."""
    with zipfile.ZipFile(path) as archive:
        entries = {info.filename: archive.read(info) for info in archive.infolist()}
    footnotes = entries["word/footnotes.xml"]
    entries["word/footnotes.xml"] = footnotes.replace("5 điểm".encode(), "6 điểm".encode(), 1)
    assert entries["word/footnotes.xml"] != footnotes
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    path.write_bytes(buffer.getvalue())


@pytest.mark.parametrize(
    "edit", [edit_header, edit_normal_font, edit_footnote], ids=["header", "normal-style", "footnote"]
)
def test_hand_edit_is_refused_then_kept_as_backup_when_forced(edit, generated, tmp_path):
    out = tmp_path / "out.docx"
    out.write_bytes(generated)
    edit(out)
    edited = out.read_bytes()
    assert edited != generated

    refused = run("render", EXAMPLE, "-o", out)
    assert refused.returncode == 1
    assert (
        "[W401]" in refused.stderr
        and "đã bị sửa bằng tay" in refused.stderr
        and "Traceback" not in refused.stderr
    )
    assert out.read_bytes() == edited
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.docx"]

    forced = run("render", EXAMPLE, "-o", out, "--ghi-de")
    assert forced.returncode == 0, forced.stderr
    backup = tmp_path / "out.ban-sua-tay.docx"
    assert backup.read_bytes() == edited
    assert out.read_bytes() == generated
    assert "[W402]" in forced.stderr and str(backup) in forced.stderr and "cảnh báo" in forced.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.ban-sua-tay.docx", "out.docx"]


def test_an_existing_backup_is_never_overwritten(generated, tmp_path):
    out = tmp_path / "out.docx"
    for round_ in (1, 2, 3):
        out.write_bytes(generated)
        edit_header(out)
        edited = out.read_bytes()
        proc = run("render", EXAMPLE, "-o", out, "--ghi-de")
        assert proc.returncode == 0, proc.stderr
        name = "out.ban-sua-tay.docx" if round_ == 1 else f"out.ban-sua-tay-{round_}.docx"
        assert (tmp_path / name).read_bytes() == edited
        assert name in proc.stderr
    assert len(list(tmp_path.glob("out.ban-sua-tay*.docx"))) == 3


def test_unchanged_output_is_regenerated_without_backup(generated, tmp_path):
    out = tmp_path / "out.docx"
    out.write_bytes(generated)
    proc = run("render", EXAMPLE, "-o", out)
    assert proc.returncode == 0, proc.stderr
    assert "W40" not in proc.stderr
    assert out.read_bytes() == generated
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.docx"]


def test_a_file_not_made_by_baocao_gen_is_named_as_such(generated, tmp_path):
    out = tmp_path / "out.docx"
    for foreign in (b"not a zip at all", docx_without_hash(generated)):
        out.write_bytes(foreign)
        proc = run("render", EXAMPLE, "-o", out)
        assert proc.returncode == 1
        assert "không phải tệp do baocao-gen tạo" in proc.stderr and "sửa bằng tay" not in proc.stderr
        assert out.read_bytes() == foreign
    proc = run("render", EXAMPLE, "-o", out, "--ghi-de")
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "out.ban-cu.docx").read_bytes() == foreign
    assert "out.ban-cu.docx" in proc.stderr


def docx_without_hash(data: bytes) -> bytes:
    parts = read_parts(data)
    del parts["docProps/custom.xml"]
    return write_parts(parts, STAMP)


def test_the_hash_ignores_zip_order(generated, tmp_path):
    out = tmp_path / "out.docx"
    with zipfile.ZipFile(io.BytesIO(generated)) as archive:
        entries = [(info.filename, archive.read(info)) for info in archive.infolist()]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        for name, content in reversed(entries):
            archive.writestr(name, content)
    out.write_bytes(buffer.getvalue())
    assert write_atomically(generated, out) == []  # the same parts, re-zipped: not a hand edit
    assert out.read_bytes() == generated


# --- interrupts and locked files inside write_atomically -----------------------------------------


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".baocao-"))


@pytest.fixture
def previous(generated, tmp_path) -> Path:
    """An earlier, untouched output that a new write replaces."""
    out = tmp_path / "out.docx"
    out.write_bytes(generated)
    return out


def _new_bytes(generated: bytes) -> bytes:
    parts = read_parts(generated)
    parts["word/document.xml"] = parts["word/document.xml"].replace("Ba Tô".encode(), "Ba Tơ".encode())
    return write_parts(parts, STAMP)


@pytest.mark.parametrize(
    ("where", "forced_over_edit"),
    [("fsync", False), ("replace", False), ("fsync", True), ("link", True), ("replace", True)],
    ids=["fsync", "replace", "fsync-forced-over-edit", "backup-forced-over-edit", "replace-forced-over-edit"],
)
def test_keyboard_interrupt_during_write_leaves_nothing(
    where, forced_over_edit, previous, generated, monkeypatch
):
    """Ctrl-C while flushing, while keeping the backup or while renaming: the old file stays as it was."""
    if forced_over_edit:
        edit_header(previous)
    before = previous.read_bytes()

    def interrupt(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(write_module.os, where, interrupt)
    with pytest.raises(KeyboardInterrupt):
        write_atomically(_new_bytes(generated), previous, force=True)
    monkeypatch.undo()
    assert leftovers(previous.parent) == []
    assert previous.read_bytes() == before
    assert sorted(p.name for p in previous.parent.iterdir()) == ["out.docx"]  # no useless backup either


def test_interrupt_just_after_the_rename_keeps_the_backup(previous, generated, monkeypatch):
    """If Ctrl-C lands after the old file was replaced, the backup is the only copy of the edits."""
    edit_header(previous)
    edited = previous.read_bytes()
    real_replace = os.replace

    def replace_then_interrupt(source, destination):
        real_replace(source, destination)
        raise KeyboardInterrupt

    monkeypatch.setattr(write_module.os, "replace", replace_then_interrupt)
    with pytest.raises(KeyboardInterrupt):
        write_atomically(generated, previous, force=True)
    monkeypatch.undo()
    assert (previous.parent / "out.ban-sua-tay.docx").read_bytes() == edited
    assert previous.read_bytes() == generated
    assert leftovers(previous.parent) == []


def test_copy_is_the_backup_where_hard_links_are_not_supported(previous, generated, monkeypatch):
    edit_header(previous)
    edited = previous.read_bytes()

    def no_links(*args, **kwargs):
        raise OSError(1, "Operation not permitted")

    monkeypatch.setattr(write_module.os, "link", no_links)
    [warning] = write_atomically(generated, previous, force=True)
    monkeypatch.undo()
    assert warning.code == "W402" and warning.severity is Severity.WARNING
    assert (previous.parent / "out.ban-sua-tay.docx").read_bytes() == edited
    assert previous.read_bytes() == generated


def test_file_held_open_by_word_names_the_file(previous, generated, monkeypatch):
    before = previous.read_bytes()

    def locked(*args, **kwargs):
        raise PermissionError(
            13, "The process cannot access the file because it is being used by another process"
        )

    monkeypatch.setattr(write_module.os, "replace", locked)
    [problem] = write_atomically(_new_bytes(generated), previous)
    monkeypatch.undo()
    assert problem.code == "W400" and problem.is_error
    assert str(previous) in problem.message
    assert "Word" in (problem.hint or "") and "đóng" in (problem.hint or "")
    assert previous.read_bytes() == before
    assert leftovers(previous.parent) == []


# --- a real process interrupted with SIGINT ------------------------------------------------------


def _default_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def interpreter_start_up() -> float:
    """Return how long Python takes to reach our entry module here and now (the slowest of three)."""
    times = []
    for _ in range(3):
        started = time.monotonic()
        subprocess.run([sys.executable, "-c", "import baocao_gen.entry"], env=ENV, check=True)
        times.append(time.monotonic() - started)
    return max(times)


def big_report(sections: int) -> str:
    paragraph = "Đoạn văn có chữ *nghiêng*, **đậm**, số liệu {dan_so} người và trích dẫn [[nq25]]."
    lines = [
        "ke_thua: don-vi.yaml",
        "so: 5",
        "ngay: 05/6/2023",
        "trich_yeu: Báo cáo dài",
        "so_lieu:",
        "  dan_so: 1.836",
        "noi_dung:",
    ]
    for index in range(sections):
        lines += [f"  - tieu_de: Mục {index}", "    van_ban: |"] + [f"      {paragraph}"] * 5
        lines += [f"      - gạch đầu dòng[^n{index}]"]
        lines += [
            "    bang:",
            "      - cot: [{ten: Năm}, {ten: Số}]",
            '        dong: [["2023", "1.200"], ["2024", "5"]]',
        ]
    lines += ["chu_thich:"] + [f"  n{index}: Chú thích {index}." for index in range(sections)]
    lines += ["noi_nhan: [UBND huyện]", "luu: VT"]
    return "\n".join(lines) + "\n"


def test_sigint_at_any_moment_leaves_old_or_new_output_and_no_temporary_file(tmp_path):
    (tmp_path / "don-vi.yaml").write_text(
        (EXAMPLES / "ba-to" / "don-vi.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    data = tmp_path / "big.yaml"
    data.write_text(big_report(20).replace("Báo cáo dài", "Báo cáo cũ"), encoding="utf-8")
    old = build(data).data
    assert old is not None
    data.write_text(big_report(60), encoding="utf-8")
    out = tmp_path / "out.docx"

    assert run("render", data, "-o", out).returncode == 0  # warms the caches; the next run is timed
    out.write_bytes(old)
    started = time.monotonic()
    proc = run("render", data, "-o", out)
    duration = time.monotonic() - started
    assert proc.returncode == 0, proc.stderr
    new = out.read_bytes()
    assert new != old

    outcomes = []
    # Three moments inside the CLI's imports, ten spread over the run (imports, loading, rendering),
    # then five at the instant the temporary file appears, to land inside the write itself. The
    # interpreter's own start-up (up to our entry module) runs no code of ours and is left out: it is
    # measured, since it stretches with the machine's load.
    start_up = interpreter_start_up()
    moments: list[float | None] = [start_up * 1.5, start_up * 2 + 0.05, start_up * 2 + 0.15]
    moments += [duration * f for f in (0.1, 0.3, 0.5, 0.65, 0.75, 0.82, 0.88, 0.92, 0.96, 1.0)]
    for moment in [*moments, None, None, None, None, None]:
        out.write_bytes(old)
        child = subprocess.Popen(
            [sys.executable, "-m", "baocao_gen", "render", str(data), "-o", str(out)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=ENV,
            # A clerk's Ctrl-C reaches a command whose SIGINT is in its default state; a test run started
            # in the background (CI may be) inherits an ignored SIGINT, which would make every run finish.
            preexec_fn=_default_sigint,
        )
        if moment is None:
            while child.poll() is None and not leftovers(tmp_path):
                time.sleep(0.0002)
        else:
            time.sleep(moment)
        if child.poll() is None:
            child.send_signal(signal.SIGINT)
        _, stderr = child.communicate(timeout=120)
        written = out.read_bytes()
        outcomes.append((moment, child.returncode, written == new))
        assert leftovers(tmp_path) == [], (moment, stderr)
        assert written in (old, new), moment
        with zipfile.ZipFile(out) as archive:
            assert archive.testzip() is None
        assert child.returncode in (0, 130), (moment, child.returncode, stderr)
        assert "Traceback" not in stderr, (moment, stderr)
        if child.returncode == 0:
            assert written == new, moment
        else:
            lines = [line for line in stderr.splitlines() if line.strip()]
            assert lines == [INTERRUPTED_MESSAGE], (moment, stderr)
    assert sum(code == 130 for _, code, _ in outcomes) >= 5, outcomes
    assert sorted(p.name for p in tmp_path.iterdir()) == ["big.yaml", "don-vi.yaml", "out.docx"]
