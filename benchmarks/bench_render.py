"""Speed and memory goals, as ratios against a baseline measured in the same run (never timed tests).

    python benchmarks/bench_render.py

Goals (a clerk regenerates after every correction, and an office one level up renders many units):
- rendering scales linearly: a report with 2N sections takes at most 2.6 × the time of one with N;
- the whole pipeline costs at most 8 × the bare docxtpl render of the same frame (our stages —
  load, validate, compute, verify, post-processing — must not dominate the engine);
- peak memory of the 2N report is at most 2.6 × that of the N report.
Exit code 1 when a goal is missed.
"""

from __future__ import annotations

import io
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from docxtpl import DocxTemplate  # noqa: E402

from baocao_gen.pipeline import build  # noqa: E402
from baocao_gen.resources import template_path  # noqa: E402

PROFILE = (ROOT / "examples" / "ba-to" / "don-vi.yaml").read_text(encoding="utf-8")
PARAGRAPH = "Đoạn văn có chữ *nghiêng*, **đậm**, số liệu {dan_so} người và trích dẫn [[nq25]]."


def report(sections: int) -> str:
    lines = ["ke_thua: don-vi.yaml", "so: 5", "ngay: 05/6/2023", "trich_yeu: Báo cáo thử tốc độ", "so_lieu:", "  dan_so: 1.836", "noi_dung:"]
    for index in range(sections):
        lines += [f"  - tieu_de: Mục {index}", "    van_ban: |"] + [f"      {PARAGRAPH}"] * 5
        lines += [f"      - gạch đầu dòng[^n{index}]"]
        lines += ["    bang:", "      - cot: [{ten: Năm}, {ten: Số}]", "        dong: [[\"2023\", \"1.200\"], [\"2024\", \"5\"]]", "        tong_cong: có"]
    lines += ["chu_thich:"] + [f"  n{index}: Chú thích {index}." for index in range(sections)]
    lines += ["noi_nhan: [UBND huyện]", "luu: VT"]
    return "\n".join(lines) + "\n"


def measure(sections: int, folder: Path, repeats: int = 3) -> tuple[float, int]:
    path = folder / f"bao-cao-{sections}.yaml"
    path.write_text(report(sections), encoding="utf-8")
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        result = build(path)
        times.append(time.perf_counter() - started)
        assert result.data is not None, [d.format() for d in result.diagnostics]
    tracemalloc.start()
    build(path)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return statistics.median(times), peak


def bare_docxtpl() -> float:
    times = []
    context = {
        "chu_quan": ["A"], "ban_hanh": ["B"], "le_gach_ban_hanh": "1000", "le_gach_trich_yeu": "3000", "so_ky_hieu": "Số",
        "dia_danh_ngay": "x", "ten_loai": "BÁO CÁO", "trich_yeu": "y", "mo_dau": "", "noi_dung": "", "ket_thuc": "",
        "noi_nhan": [{"text": "- a.", "nhom": False}], "ky": [{"text": "CHỦ TỊCH", "dam": True}], "ho_ten": "Z", "phu_luc": "",
    }
    for _ in range(3):
        started = time.perf_counter()
        document = DocxTemplate(str(template_path("nha_nuoc")))
        document.render(context, autoescape=True)
        document.save(io.BytesIO())
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> int:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        (folder / "don-vi.yaml").write_text(PROFILE, encoding="utf-8")
        small_time, small_peak = measure(1, folder)
        n_time, n_peak = measure(40, folder)
        two_n_time, two_n_peak = measure(80, folder)
    engine = bare_docxtpl()
    checks = [
        ("thời gian 2N / N (≤ 2,6)", two_n_time / n_time, 2.6),
        ("bộ nhớ 2N / N (≤ 2,6)", two_n_peak / n_peak, 2.6),
        ("báo cáo 1 mục / docxtpl trần (≤ 8)", small_time / engine, 8.0),
    ]
    failed = False
    for label, ratio, goal in checks:
        ok = ratio <= goal
        failed |= not ok
        print(f"{'ĐẠT ' if ok else 'TRƯỢT'} {label}: {ratio:.2f}")
    print(f"(N = 40 mục: {n_time * 1000:.0f} ms, đỉnh bộ nhớ {n_peak / 1e6:.1f} MB)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
