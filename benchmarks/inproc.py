"""In-process work measured in a process of its own: warm run times and the process's peak memory.

    python benchmarks/inproc.py pipeline DATA.yaml OUT_DIR REPEATS   # our whole pipeline (load … write)
    python benchmarks/inproc.py context DATA.yaml CONTEXT.pickle     # what docxtpl alone would be given
    python benchmarks/inproc.py docxtpl CONTEXT.pickle REPEATS        # docxtpl: open, render, save

Each prints one JSON line: {"times": [...], "cpus": [...], "rss_kb": N} (wall and CPU seconds per run). The first run is a warm-up and not counted:
the caches of a process (kinds, registry, templates) are what `watch` and `batch` run with; the cold
start of a whole command is measured separately by run.py.

The docxtpl baseline gets the same frame template and the same, already computed context: the
template values as plain strings (docxtpl escapes them, autoescape on) and each body slot as the XML
our body writer produced, which a docxtpl user would pass as `{{p …}}` paragraphs. It is computed in
another process and pickled, so that the baseline's memory holds docxtpl alone, not our pipeline.
"""

from __future__ import annotations

import io
import json
import pickle
import re
import resource
import shutil
import sys
import time
from pathlib import Path
from typing import Any


def _peak_kb() -> int:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak // 1024 if sys.platform == "darwin" else peak


def _report(times: list[float], cpus: list[float]) -> None:
    print(json.dumps({"times": times, "cpus": cpus, "rss_kb": _peak_kb()}))


def _edited_copy(data: Path, out_dir: Path) -> Path:
    """Copy the data file's folder (its profile comes along) so that each run can edit the copy."""
    folder = out_dir / "du-lieu"
    if folder.exists():
        shutil.rmtree(folder)
    shutil.copytree(data.parent, folder)
    return folder / data.name


def _edit(source: str, run: int) -> str:
    """Return the data with one line of prose changed, as a clerk's correction between two renders.

    Every measured run renders content that no earlier run of the process rendered, over the output
    of the run before, so that no cache keyed on content and no "old output equals new" shortcut
    answers for the pipeline: it does what a re-render after a correction does.
    """
    lines = source.splitlines(keepends=True)
    for number, line in enumerate(lines):
        # a line of prose (keys are lower-case), not closed by a quote: a bullet or a block's line
        if re.match(r"\s*(?:- )?[A-ZĐ]", line) and not line.rstrip().endswith(("'", '"')):
            lines[number] = line.rstrip("\n") + f" (lần sửa {run})\n"
            return "".join(lines)
    raise SystemExit("no line of prose to edit")


def pipeline(data: Path, out_dir: Path, repeats: int) -> None:
    from baocao_gen.pipeline import render_file

    original = data.read_text(encoding="utf-8")
    data = _edited_copy(data, out_dir)
    target = out_dir / (data.stem + ".docx")
    times, cpus = [], []
    for index in range(repeats + 1):
        data.write_text(_edit(original, index), encoding="utf-8")
        started, cpu = time.perf_counter(), time.process_time()
        result = render_file(data, target, force=True)
        elapsed, used = time.perf_counter() - started, time.process_time() - cpu
        if result.output is None:
            raise SystemExit("\n".join(d.format() for d in result.diagnostics))
        if index:
            times.append(elapsed)
            cpus.append(used)
    _report(times, cpus)


def context(data: Path, destination: Path) -> None:
    from lxml import etree

    from baocao_gen.ooxml.body import block_elements, inline_elements
    from baocao_gen.pipeline import check

    result = check(data)
    if result.plan is None or result.template is None:
        raise SystemExit("\n".join(d.format() for d in result.diagnostics))
    plan = result.plan

    def xml(elements: list[Any]) -> str:
        return "".join(etree.tostring(element, encoding="unicode") for element in elements)

    values: dict[str, Any] = dict(plan.values)
    slots = {
        slot: xml(block_elements(plan.slots.get(slot, [])))
        for slot in ("mo_dau", "noi_dung", "ket_thuc", "phu_luc")
    }
    slots["trich_yeu"] = xml(inline_elements(plan.trich_yeu))
    destination.write_bytes(
        pickle.dumps({"template": str(result.template), "values": values, "slots": slots})
    )
    _report([], [])


def docxtpl(source: Path, repeats: int) -> None:
    from docxtpl import DocxTemplate
    from markupsafe import Markup

    saved = pickle.loads(source.read_bytes())  # noqa: S301 - written by this script a moment ago
    values = dict(saved["values"])
    values.update({slot: Markup(text) for slot, text in saved["slots"].items()})
    times, cpus = [], []
    for index in range(repeats + 1):
        started, cpu = time.perf_counter(), time.process_time()
        document = DocxTemplate(saved["template"])
        document.render(values, autoescape=True)
        document.save(io.BytesIO())
        elapsed, used = time.perf_counter() - started, time.process_time() - cpu
        if index:
            times.append(elapsed)
            cpus.append(used)
    _report(times, cpus)


def main(argv: list[str]) -> None:
    task, *args = argv
    if task == "pipeline":
        pipeline(Path(args[0]), Path(args[1]), int(args[2]))
    elif task == "context":
        context(Path(args[0]), Path(args[1]))
    elif task == "docxtpl":
        docxtpl(Path(args[0]), int(args[1]))
    else:
        raise SystemExit(f"unknown task {task!r}")


if __name__ == "__main__":
    main(sys.argv[1:])
