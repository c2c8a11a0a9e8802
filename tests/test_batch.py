"""`baocao batch`: many files on every core, the same bytes as `render`, failures reported not fatal."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import docx
import pytest

from baocao_gen.batch import plan_batch
from baocao_gen.codes import Code
from baocao_gen.entry import INTERRUPTED_MESSAGE
from conftest import EXAMPLES, PERIOD, ROOT, STATE_PROFILE, write_tree
from test_cli import run
from test_pdf import SOFFICE, pdf_text

BROKEN = "ke_thua: don-vi.yaml\ntrich_yeu: Báo cáo hỏng\nso: 5.6\n"


def examples_with_a_broken_file(tmp_path: Path) -> Path:
    folder = tmp_path / "don-vi-cap-duoi"
    # The five seed examples (examples/tong-hop is left out to keep the renders below few; the next
    # test runs batch over every shipped example, tong-hop included).
    shutil.copytree(
        EXAMPLES, folder, ignore=lambda where, names: ["tong-hop"] if Path(where) == EXAMPLES else []
    )
    (folder / "ba-to" / "hong.yaml").write_text(BROKEN, encoding="utf-8")
    return folder


def period_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*.yaml") if p.name not in ("don-vi.yaml", "hong.yaml"))


def test_batch_over_the_examples_gives_the_bytes_of_render_and_reports_the_broken_file(tmp_path):
    folder = examples_with_a_broken_file(tmp_path)
    out = tmp_path / "ket-qua"
    proc = run("batch", folder, "-o", out)
    assert proc.returncode == 1, proc.stderr
    expected = period_files(folder)
    assert len(expected) == 5
    for data in expected:
        produced = out / data.relative_to(folder).with_suffix(".docx")
        alone = tmp_path / "alone.docx"
        assert run("render", data, "-o", alone).returncode == 0
        assert produced.read_bytes() == alone.read_bytes(), data
    written = sorted(p.relative_to(out) for p in out.rglob("*") if p.is_file())
    assert written == sorted(
        p.relative_to(folder).with_suffix(".docx") for p in expected
    )  # no profile, no broken file
    lines = proc.stderr.splitlines()
    assert lines[0] == f"Đã sinh 5/6 báo cáo vào «{out}»."
    [failure] = [line for line in lines if "hong.yaml" in line]
    assert ':3:5: lỗi: khóa «so» = "5.6"' in failure and "[D104]" in failure
    assert "Bỏ qua 4 tệp hồ sơ đơn vị" in proc.stderr
    assert (
        "Traceback" not in proc.stderr and "\r" not in proc.stderr and "━" not in proc.stderr
    )  # no bar off a terminal


def test_batch_over_every_shipped_example_renders_them_all_and_exits_0(tmp_path):
    """The roll-up example too: its summary (tong-hop/tinh) is shipped written, as a clerk completes it."""
    out = tmp_path / "ket-qua"
    proc = run("batch", EXAMPLES, "-o", out)
    assert proc.returncode == 0, proc.stderr
    period = sorted(
        p.relative_to(EXAMPLES).with_suffix(".docx")
        for p in EXAMPLES.rglob("*.yaml")
        if p.name != "don-vi.yaml"
    )
    assert len(period) == 9  # five seeds, three communes, the province's summary
    assert sorted(p.relative_to(out) for p in out.rglob("*") if p.is_file()) == period
    assert proc.stderr.splitlines()[0] == f"Đã sinh 9/9 báo cáo vào «{out}»."
    assert "Bỏ qua 6 tệp hồ sơ đơn vị" in proc.stderr
    summary = docx.Document(str(out / "tong-hop" / "tinh" / "tong-hop-2025.docx"))
    body = "\n".join(p.text for p in summary.paragraphs)
    assert "Toàn tỉnh có 31 mô hình" in body and "<điền" not in body


def test_profiles_are_recognised_by_name_by_ke_thua_or_by_having_no_period_keys(tmp_path):
    write_tree(
        tmp_path,
        {
            "a/don-vi.yaml": STATE_PROFILE,
            "a/bao-cao.yaml": PERIOD,
            "b/ho-so-xa.yaml": STATE_PROFILE,  # another name, but extended by b/bao-cao.yaml
            "b/bao-cao.yaml": PERIOD.replace("don-vi.yaml", "ho-so-xa.yaml"),
            "c/ho-so-rieng.yaml": STATE_PROFILE,  # extended by nothing here, but has no period key
            "c/ho-so-rieng.yml": STATE_PROFILE.replace("nha_nuoc", "dang"),
        },
    )
    plan = plan_batch([tmp_path], tmp_path / "out")
    assert [job.data.relative_to(tmp_path).as_posix() for job in plan.jobs] == [
        "a/bao-cao.yaml",
        "b/bao-cao.yaml",
    ]
    assert [job.target.relative_to(tmp_path).as_posix() for job in plan.jobs] == [
        "out/a/bao-cao.docx",
        "out/b/bao-cao.docx",
    ]
    skipped = sorted(p.relative_to(tmp_path).as_posix() for p in plan.profiles)
    assert skipped == ["a/don-vi.yaml", "b/ho-so-xa.yaml", "c/ho-so-rieng.yaml", "c/ho-so-rieng.yml"]
    assert plan.refused == []


def test_two_inputs_with_one_output_name_are_both_refused_and_the_others_render(tmp_path):
    write_tree(
        tmp_path,
        {
            "x/don-vi.yaml": STATE_PROFILE,
            "x/bc.yaml": PERIOD,
            "y/don-vi.yaml": STATE_PROFILE,
            "y/bc.yaml": PERIOD,
        },
    )
    write_tree(tmp_path, {"z/don-vi.yaml": STATE_PROFILE, "z/khac.yaml": PERIOD})
    out = tmp_path / "out"
    proc = run("batch", tmp_path / "x" / "bc.yaml", tmp_path / "y" / "bc.yaml", tmp_path / "z", "-o", out)
    assert proc.returncode == 1
    refusals = [line for line in proc.stderr.splitlines() if f"[{Code.OUTPUT_NAME_TAKEN}]" in line]
    assert len(refusals) == 2 and all(f"«{out / 'bc.docx'}»" in line for line in refusals)
    assert not (out / "bc.docx").exists()
    assert (out / "khac.docx").is_file()
    assert proc.stderr.splitlines()[0] == f"Đã sinh 1/3 báo cáo vào «{out}»."
    # the same file named twice (itself and through its folder) is one job, not a clash
    again = run("batch", tmp_path / "z", tmp_path / "z" / "khac.yaml", "-o", tmp_path / "out2")
    assert again.returncode == 0, again.stderr
    assert again.stderr.splitlines()[0] == f"Đã sinh 1/1 báo cáo vào «{tmp_path / 'out2'}»."


def test_a_hand_edited_output_is_kept_unless_forced_and_then_kept_beside(tmp_path):
    write_tree(tmp_path, {"in/don-vi.yaml": STATE_PROFILE, "in/bc.yaml": PERIOD, "in/bc2.yaml": PERIOD})
    out = tmp_path / "out"
    assert run("batch", tmp_path / "in", "-o", out).returncode == 0
    edited = docx.Document(str(out / "bc.docx"))
    edited.add_paragraph("Dòng lãnh đạo thêm bằng tay.")
    edited.save(str(out / "bc.docx"))
    hand = (out / "bc.docx").read_bytes()

    proc = run("batch", tmp_path / "in", "-o", out)
    assert proc.returncode == 1
    assert "sửa bằng tay" in proc.stderr and f"[{Code.OUTPUT_EDITED}]" in proc.stderr
    assert (out / "bc.docx").read_bytes() == hand
    assert proc.stderr.splitlines()[0] == f"Đã sinh 1/2 báo cáo vào «{out}»."

    forced = run("batch", tmp_path / "in", "-o", out, "--ghi-de")
    assert forced.returncode == 0, forced.stderr
    assert (out / "bc.ban-sua-tay.docx").read_bytes() == hand
    assert "1 cảnh báo" in forced.stderr


def test_usage_problems_exit_2(tmp_path):
    missing = run("batch", tmp_path / "khong-co", "-o", tmp_path / "out")
    assert missing.returncode == 2 and "không thấy tệp hoặc thư mục" in missing.stderr
    no_out = run("batch", tmp_path)
    assert no_out.returncode == 2 and "thiếu thư mục kết quả" in no_out.stderr
    write_tree(tmp_path, {"don-vi.yaml": STATE_PROFILE})
    nothing = run("batch", tmp_path, "-o", tmp_path / "out")
    assert nothing.returncode == 2 and "không có tệp dữ liệu báo cáo nào" in nothing.stderr
    help_text = run("batch", "--help").stdout
    assert "Sinh nhiều báo cáo" in help_text and "--pdf" in help_text and "list[" not in help_text


@pytest.mark.skipif(
    SOFFICE is None and not os.environ.get("CI"), reason="LibreOffice (soffice) is not installed"
)
def test_batch_pdf_converts_every_report_in_parallel(tmp_path):
    write_tree(
        tmp_path,
        {
            "in/don-vi.yaml": STATE_PROFILE,
            **{f"in/bc{i}.yaml": PERIOD.replace("so: 5", f"so: {i + 1}") for i in range(3)},
        },
    )
    out = tmp_path / "out"
    proc = run("batch", tmp_path / "in", "-o", out, "--pdf")
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr.splitlines()[0] == f"Đã sinh 3/3 báo cáo vào «{out}», 3 tệp PDF."
    for index in range(3):
        assert f"Số: 0{index + 1}/BC-UBND" in pdf_text(out / f"bc{index}.pdf")


def test_ctrl_c_stops_cleanly_with_no_half_written_file(tmp_path):
    files = {"in/don-vi.yaml": STATE_PROFILE}
    files.update({f"in/bc{i:02}.yaml": PERIOD for i in range(24)})
    write_tree(tmp_path, files)
    out = tmp_path / "out"
    child = subprocess.Popen(
        [sys.executable, "-m", "baocao_gen", "batch", str(tmp_path / "in"), "-o", str(out)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"},
        start_new_session=True,  # its own group, which the test interrupts as a terminal's Ctrl-C would
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    deadline = time.monotonic() + 60
    while child.poll() is None and not list(out.glob("*.docx")) and time.monotonic() < deadline:
        time.sleep(0.02)
    assert child.poll() is None, "the batch finished before it could be interrupted"
    os.killpg(child.pid, signal.SIGINT)
    _, stderr = child.communicate(timeout=60)
    assert child.returncode == 130, stderr
    assert [line for line in stderr.splitlines() if line.strip()] == [INTERRUPTED_MESSAGE]
    written = sorted(out.iterdir())
    assert 0 < len(written) < 24
    assert all(path.suffix == ".docx" for path in written)  # no temporary file left
    for path in written:
        with zipfile.ZipFile(path) as archive:
            assert archive.testzip() is None


def test_a_terminal_sees_a_progress_bar_and_then_the_summary(tmp_path):
    pty = pytest.importorskip("pty")
    write_tree(tmp_path, {"in/don-vi.yaml": STATE_PROFILE, "in/bc.yaml": PERIOD})
    terminal, screen = pty.openpty()  # the command writes to a pseudo-terminal, as in a clerk's window
    child = subprocess.Popen(
        [sys.executable, "-m", "baocao_gen", "batch", str(tmp_path / "in"), "-o", str(tmp_path / "out")],
        stdin=subprocess.DEVNULL,
        stdout=screen,
        stderr=screen,
        env={"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"},
    )
    os.close(screen)
    shown = b""
    while True:
        try:
            chunk = os.read(terminal, 4096)
        except OSError:  # every writer closed the terminal
            break
        if not chunk:
            break
        shown += chunk
    os.close(terminal)
    text = shown.decode("utf-8", errors="replace")
    assert child.wait(timeout=60) == 0, text
    assert "Đang sinh báo cáo" in text and "1/1" in text
    assert f"Đã sinh 1/1 báo cáo vào «{tmp_path / 'out'}»." in text
