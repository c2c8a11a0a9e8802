"""The pipeline, phase by phase: load → validate → compute → render → verify → write.

Each phase collects every problem it can find; the pipeline stops after a phase that found an error,
so rendering never runs on invalid data and nothing is written when anything is wrong.
"""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from .changes import Changes, compare_outputs, figures_property
from .codes import Code
from .comparison import previous_period
from .compute import Plan, compute
from .diagnostics import Diagnostic, Location, has_errors
from .integrity import check_integrity, check_typed
from .integrity import strict as strict_diagnostics
from .kinds import apply_kind, load_kind
from .loader import load_data
from .model import BaoCao
from .ooxml.package import recorded_hash
from .render import prepare_template, render_plan
from .spreadsheet import figures_from_spreadsheet
from .validate import validate_tree
from .verify import OutputAudit, frame_tags, text_tags, verify_package
from .write import write_atomically

__all__ = ["Result", "build", "check", "default_output", "output_target", "render_file"]


@dataclass
class Result:
    """What a run produced: every diagnostic, and the document when there was no error."""

    diagnostics: list[Diagnostic] = field(default_factory=list)
    report: BaoCao | None = None
    plan: Plan | None = None
    data: bytes | None = None
    template: Path | None = None
    output: Path | None = None
    sources: tuple[Path, ...] = ()
    changes: Changes | None = None  # what changed since the output this run replaced, if there was one

    @property
    def ok(self) -> bool:
        return not has_errors(self.diagnostics)


def default_output(data_path: Path) -> Path:
    """Return where `render` writes by default: next to the data file, with `.docx`."""
    return data_path.with_suffix(".docx")


def _stamp(report: BaoCao) -> datetime:
    """Return the one timestamp of the package: SOURCE_DATE_EPOCH, else the report's own date."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=UTC)
    day = report.ngay
    return datetime(day.nam or 2000, day.thang or 1, day.ngay or 1, tzinfo=UTC)


def _template_tags(template: Path) -> frozenset[str]:
    stat = template.stat()  # an office's template may change between two runs of one process
    return _tags_of(template.resolve(), stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=16)
def _tags_of(template: Path, mtime_ns: int, size: int) -> frozenset[str]:
    return frozenset(frame_tags(template.read_bytes()))


def _typed_tags(value: Any) -> set[str]:
    """Return the Jinja-looking tags the clerk typed anywhere in the data.

    Typed text is printed as typed (docs/danh-dau.md), so `{{ ho_ten }}` in a paragraph is the clerk's
    text, not a frame tag that rendering left behind: verify must not refuse the report for it.
    """
    tags: set[str] = set()
    pending = [value]
    while pending:
        item = pending.pop()
        if isinstance(item, str):
            if "{{" in item or "{%" in item:  # how every tag opens: the other strings are not searched
                tags |= text_tags(item)
        elif isinstance(item, dict):
            pending.extend(item.values())
        elif isinstance(item, list | tuple):
            pending.extend(item)
    return tags


def _strictness(result: Result, strict: bool) -> Result:
    """Make every warning an error when the office asked for it (the option, or the profile's `nghiem_ngat`)."""
    if strict or (result.report is not None and result.report.nghiem_ngat):
        result.diagnostics = strict_diagnostics(result.diagnostics)
    return result


def check(data_path: Path, strict: bool = False) -> Result:
    """Phases 1–3: load, validate and compute, reporting every data problem; `strict` makes warnings errors."""
    return _strictness(_check(data_path), strict)


def _check(data_path: Path) -> Result:
    result = Result()
    # Phase 1: load the YAML (and the profile it extends) as located strings.
    tree, problems = load_data(data_path)
    result.sources = tuple(getattr(tree, "sources", ())) or (Path(data_path).resolve(),)
    result.diagnostics += problems
    if tree is None or has_errors(problems):
        return result
    # Phase 1b: figures kept in an Excel sheet (`so_lieu: {tep: …}`) become located strings like typed ones.
    workbook, problems = figures_from_spreadsheet(tree)
    if workbook is not None:
        result.sources += (workbook.resolve(),)
    result.diagnostics += problems
    if has_errors(problems):
        return result
    # Phase 2: build the typed model.
    report, problems = validate_tree(tree)
    result.diagnostics += problems
    if report is None:
        return result
    # Phase 2b: what the clerk typed or pasted: typed numbers cut (and warned), cited documents compared.
    report, problems = check_typed(report, tree)
    result.diagnostics += problems
    if has_errors(problems):
        return result
    # Phase 3a: apply the report kind (outline titles, appendix layouts, computed figures).
    report, figures, problems = apply_kind(report, tree)
    result.diagnostics += problems
    result.report = report
    if has_errors(problems):
        return result
    # Phase 3b: the frame template (the unit's own, named by `mau`, or the built-in one) and its contract.
    template, frame, problems = prepare_template(report, tree)
    result.diagnostics += problems
    result.template = template
    if template is None:
        return result
    # Phase 3c: last period's figures (`ky_truoc`), for the comparison form `{name|so_sanh}`.
    previous, previous_file, problems = previous_period(report, tree, load_kind(report.loai))
    if previous_file is not None:
        result.sources += (previous_file.resolve(),)
    result.diagnostics += problems
    compare = previous.compare if previous is not None else None
    # Phase 3d: compute numbers, totals, citations, footnotes, and the header measured in the template's styles.
    plan, problems = compute(report, tree, figures, frame, compare)
    result.diagnostics += problems
    result.plan = plan
    # Phase 3e: what the clerk typed instead of using the tool's features (restated figures, names, periods).
    result.diagnostics += check_integrity(report, tree, figures, load_kind(report.loai))
    return result


def build(data_path: Path, strict: bool = False) -> Result:
    """Phases 1–5: everything but writing; `result.data` holds the verified .docx bytes."""
    result = check(data_path, strict)
    if not result.ok or result.plan is None or result.report is None or result.template is None:
        return result
    # Phase 4: render the frame template and finish the package.
    template = result.template
    stamp = _stamp(result.report)
    # The typed figures are recorded in the package, so that the next run can list the figures that changed.
    figures = figures_property(result.report.so_lieu)
    data, problems = render_plan(result.plan, template, stamp, result.plan.title, figures)
    result.diagnostics += problems
    if data is None:
        return result
    # Phase 5: verify the package strictly.
    tags = _template_tags(template) - _typed_tags(result.report.model_dump())
    audit = OutputAudit(result.report.he_thong, template if result.report.mau else None)
    problems = verify_package(data, result.plan.section_count, str(data_path), tags, audit)
    result.diagnostics += problems
    _strictness(result, strict)
    if result.ok:
        result.data = data
    return result


OUTPUT_SUFFIX = ".docx"


def output_target(
    data_path: Path, output: Path | None, sources: tuple[Path, ...]
) -> tuple[Path | None, list[Diagnostic]]:
    """Return where to write the .docx for `render -o output`, or why that place is refused.

    A folder (`-o out/`, `-o .`, `-o ""`) receives `<data name>.docx`; a name without a suffix gets
    `.docx`. Refused whatever the flags: another suffix (a .docx written as `bc.yaml` would be a
    surprise), and any file the run read, so that no command ever overwrites its own input.
    """
    target = default_output(data_path) if output is None else output
    if target.is_dir():
        target = target / default_output(data_path).name
    elif not target.suffix:
        target = target.with_name(target.name + OUTPUT_SUFFIX)
    where = Location(str(target))
    resolved = target.resolve()
    for source in sources:
        if resolved == source or (resolved.exists() and source.exists() and resolved.samefile(source)):
            return None, [
                Diagnostic(
                    Code.OUTPUT_MISPLACED,
                    f"tệp kết quả trùng với tệp đầu vào «{source}»; baocao-gen không bao giờ ghi đè tệp dữ liệu "
                    "(kể cả với --ghi-de).",
                    where,
                    hint=f"bỏ -o để ghi {default_output(data_path).name} cạnh tệp dữ liệu, hoặc chọn tên khác",
                )
            ]
    if target.suffix.lower() != OUTPUT_SUFFIX:
        return None, [
            Diagnostic(
                Code.OUTPUT_MISPLACED,
                f"tệp kết quả phải có đuôi {OUTPUT_SUFFIX}, không phải «{target.suffix}».",
                where,
                hint=f"đặt tên như {target.with_suffix(OUTPUT_SUFFIX).name}",
            )
        ]
    return target, []


def render_file(
    data_path: Path, output: Path | None = None, force: bool = False, strict: bool = False
) -> Result:
    """Phases 1–6: produce the .docx of a data file and write it atomically (`strict`: no warning allowed)."""
    result = build(data_path, strict)
    if result.data is None or not result.ok:
        return result
    # Phase 6: write, never over an input of this run.
    target, problems = output_target(data_path, output, result.sources)
    result.diagnostics += problems
    if target is None:
        return result
    previous = _previous_output(target, result.data)
    problems = write_atomically(result.data, target, force=force)
    result.diagnostics += problems
    if not has_errors(problems):
        result.output = target
        if previous is not None:
            result.changes = compare_outputs(previous, result.data)
    return result


def _previous_output(target: Path, data: bytes) -> bytes | None:
    """Return the output about to be replaced when it is one of this tool's, to say what changed since.

    When it is byte for byte the new output `data` (a re-render without a change) it is one of ours by
    construction, and its parts are not unzipped and hashed to learn it.
    """
    try:
        existing = target.read_bytes()
    except OSError:
        return None
    if existing == data:
        return existing
    recorded, _ = recorded_hash(existing)
    return existing if recorded is not None else None
