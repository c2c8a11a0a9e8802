"""`baocao tong-hop`: the data file of the level above, combined from the period files of its units.

The office one level up (a Ban Dân vận, a province after the 2025 reform) collects its units' reports
and writes its own. What can be computed is computed: every figure is the sum of the units' figures
(parsed with the Vietnamese number rules, never as floats), with the addition written beside it; the
appendix has one row a unit and a total row that the table model adds up; the units' models are
listed with each unit's name. What must be written is left as `<điền …>` marks in the kind's
outline, which `validate` refuses until the clerk has written them (D126).

Nothing is mixed in silently: a unit file with errors, a unit of another kind or period, the same
unit twice, or a figure some units have and others lack is reported where it was typed, and then
nothing is written. The text of the summary is built in `rollup_text`.
"""

from __future__ import annotations

import os
import secrets
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from .codes import Code
from .data_files import DATA_SUFFIXES, unit_profiles
from .diagnostics import Diagnostic, Location, Severity, has_errors, os_reason
from .kinds import Figure, Kind, load_kind
from .loader import YMap, YStr, load_data, location_of
from .model import BaoCao
from .pipeline import check

__all__ = [
    "GENERATED_MARK",
    "RollupResult",
    "Unit",
    "collect_inputs",
    "figure_paths",
    "roll_up",
    "unit_value",
]

GENERATED_MARK = "# Báo cáo tổng hợp do `baocao tong-hop` tạo"
"""First line of every summary: a folder given as input skips such files (an earlier summary is no unit)."""

Number = int | Decimal


@dataclass(frozen=True)
class Unit:
    """One unit's period file, loaded, validated and computed without error."""

    path: Path
    shown: str
    tree: YMap
    report: BaoCao
    name: str

    def period(self) -> tuple[int | None, str | None]:
        ky = self.report.ky
        if ky is None:
            return (None, None)
        stage = " ".join(ky.giai_doan.split()).casefold() if ky.giai_doan else None
        return (ky.nam, stage)

    def identity(self) -> tuple[str, ...]:
        """Return what names the unit itself: two files with the same identity are the same unit twice."""
        report = self.report
        lines = (*report.co_quan_chu_quan, *report.co_quan_ban_hanh, report.dia_danh)
        return tuple(" ".join(line.split()).casefold() for line in lines)


@dataclass
class RollupResult:
    """What a roll-up produced: the diagnostics, and the summary's text and place when there was no error."""

    diagnostics: list[Diagnostic] = field(default_factory=list)
    units: list[Unit] = field(default_factory=list)
    text: str | None = None
    output: Path | None = None

    @property
    def ok(self) -> bool:
        return not has_errors(self.diagnostics)


def _unit_name(report: BaoCao) -> str:
    """Return how the summary names a unit: its own name (`ten_goi`) when that names the place, else the place.

    `ten_goi` is often generic ("Ban Chỉ đạo xã"), which would make every row of the appendix alike.
    """
    own = report.ten_goi or ""
    return own if report.dia_danh.casefold() in own.casefold() else report.dia_danh


def _generated(path: Path) -> bool:
    try:
        with path.open(encoding="utf-8-sig", errors="replace") as stream:
            return stream.readline().startswith(GENERATED_MARK)
    except OSError:
        return False


def collect_inputs(inputs: Iterable[Path]) -> tuple[list[Path], list[str]]:
    """Return the unit files named by `inputs` (files, and the data files of folders) and usage problems.

    A folder contributes its `.yaml` files, sorted by name, except unit profiles (`data_files`: named
    `don-vi.yaml`, extended by another file of the folder, or with no period key) and earlier
    summaries (their first line says so). The same file named twice (a folder and a file in it)
    counts once.
    """
    found: list[Path] = []
    problems: list[str] = []
    for given in inputs:
        if given.is_dir():
            files = sorted(p for p in given.iterdir() if p.suffix.lower() in DATA_SUFFIXES and p.is_file())
            profiles = unit_profiles(files)
            chosen = [p for p in files if p.resolve() not in profiles and not _generated(p)]
            if not chosen:
                problems.append(f"thư mục «{given}» không có tệp dữ liệu kỳ báo cáo (.yaml) nào.")
            found.extend(chosen)
        elif given.is_file():
            found.append(given)
        else:
            problems.append(f"không thấy tệp hay thư mục «{given}».")
    unique: list[Path] = []
    seen: set[Path] = set()
    for path in found:
        if path.resolve() not in seen:
            seen.add(path.resolve())
            unique.append(path)
    return unique, problems


def _extended(path: Path) -> list[Path]:
    """Return the profile files `path` extends (its `ke_thua` chain), resolved; none when unreadable."""
    tree, _ = load_data(path)
    sources = getattr(tree, "sources", ())
    return list(sources[1:])


def _load_unit(path: Path) -> tuple[Unit | None, list[Diagnostic]]:
    """Return a unit when its file passes load, validate and compute; its errors otherwise (warnings are its own)."""
    result = check(path)
    errors = [d for d in result.diagnostics if d.is_error]
    if errors or result.report is None or result.plan is None:
        return None, errors
    tree, _ = load_data(path)
    if not isinstance(tree, YMap):  # pragma: no cover - check() above would have failed
        return None, []
    shown = getattr(tree.loc, "file", str(path))
    return Unit(path, shown, tree, result.report, _unit_name(result.report)), []


def _most_common(values: list[Any]) -> Any:
    """Return the value most units share (the earliest on a tie): the others are the odd ones out."""
    counts = Counter(values)
    return max(values, key=lambda v: (counts[v], -values.index(v)))


def _where(unit: Unit, *path: str) -> Location:
    return location_of(unit.tree, path) or Location(unit.shown, 1, 1, path)


def _where_missing(unit: Unit, path: tuple[str, ...]) -> Location:
    """Return the key under which a missing value belongs (`mo_hinh:`), not the first sibling's value."""
    node: Any = unit.tree
    loc: Location = unit.tree.loc
    for part in path:
        if not isinstance(node, YMap) or part not in node:
            break
        loc = node.key_locs.get(part, loc)
        node = node[part]
    return Location(loc.file, loc.line, loc.column, path)


def _line_of(unit: Unit, *path: str) -> str:
    loc = _where(unit, *path)
    return f"{loc.file}:{loc.line}" if loc.line else loc.file


def _period_text(period: tuple[int | None, str | None]) -> str:
    year, stage = period
    if year is None and stage is None:
        return "không ghi `ky`"
    return " ".join(part for part in (stage, str(year) if year is not None else None) if part)


def _conflicts(units: list[Unit]) -> list[Diagnostic]:
    """Report units of another kind or period than most, and a unit given twice under two files."""
    out: list[Diagnostic] = []
    kind = _most_common([u.report.loai for u in units])
    ref = next(u for u in units if u.report.loai == kind)
    for unit in units:
        if unit.report.loai != kind:
            out.append(
                Diagnostic(
                    Code.ROLLUP_CONFLICT,
                    f"đơn vị «{unit.name}» báo cáo loại «{unit.report.loai}», khác loại «{kind}» của các đơn vị còn lại "
                    f"({_line_of(ref, 'loai')}); chỉ tổng hợp được các báo cáo cùng một loại.",
                    _where(unit, "loai"),
                    unit.report.loai,
                    "bỏ tệp này khỏi lệnh, hoặc tổng hợp riêng từng loại",
                )
            )
    period = _most_common([u.period() for u in units])
    ref = next(u for u in units if u.period() == period)
    for unit in units:
        if unit.period() != period and unit.report.loai == kind:
            out.append(
                Diagnostic(
                    Code.ROLLUP_CONFLICT,
                    f"kỳ báo cáo của đơn vị «{unit.name}» ({_period_text(unit.period())}) khác kỳ của các đơn vị còn lại "
                    f"({_period_text(period)}, {_line_of(ref, 'ky')}); không cộng số liệu của hai kỳ khác nhau.",
                    _where(unit, "ky"),
                    hint="kiểm tra `ky` của tệp này; có thể đây là tệp của kỳ trước",
                )
            )
    first_of: dict[tuple[str, ...], Unit] = {}
    for unit in (
        u for u in units if u.report.loai == kind and u.period() == period
    ):  # the others are reported already
        first = first_of.setdefault(unit.identity(), unit)
        if first is not unit:
            where = _where(unit, "co_quan_ban_hanh")
            if where.file != unit.shown:  # the name comes from the unit's profile, shared by both files
                where = Location(unit.shown, 1, 1, ())
            out.append(
                Diagnostic(
                    Code.ROLLUP_DUPLICATE_UNIT,
                    f"đơn vị «{unit.name}» của tệp này đã có ở tệp {first.shown} (cùng cơ quan, cùng địa danh); "
                    "mỗi đơn vị chỉ được tính một lần.",
                    where,
                    hint="bỏ một trong hai tệp, thường là bản sao hay bản cũ; nếu là hai đơn vị khác nhau thì sửa tên cơ quan, địa danh",
                )
            )
    return out


def unit_value(report: BaoCao, dotted: str) -> tuple[bool, Number | None]:
    """Return whether the unit typed the figure at `dotted`, and its value (None when typed blank)."""
    node: Any = report.so_lieu
    for part in dotted.split("."):
        if not isinstance(node, dict) or part not in node:
            return False, None
        node = node[part]
    return True, node if isinstance(node, int | Decimal) and not isinstance(node, bool) else None


def _typed_paths(node: Any, prefix: str = "") -> list[str]:
    if not isinstance(node, dict):
        return [prefix] if prefix else []
    return [
        path
        for key, value in node.items()
        for path in _typed_paths(value, f"{prefix}{key}" if not prefix else f"{prefix}.{key}")
    ]


def figure_paths(kind: Kind, units: list[Unit]) -> list[tuple[str, Figure]]:
    """Return the figures the summary carries, in the kind's order: those at least one unit typed.

    A kind that declares no figures (`chung`) carries every figure a unit typed, as amounts.
    """
    typed: list[str] = []
    for unit in units:
        typed += [p for p in _typed_paths(unit.report.so_lieu) if p not in typed]
    declared = kind.figures
    ordered = [p for p in declared if p in typed] + [p for p in typed if p not in declared]
    return [
        (p, declared.get(p) or Figure(mo_ta=p.replace("_", " "), kieu="so", de_trong=False)) for p in ordered
    ]


def _missing_figures(kind: Kind, units: list[Unit]) -> list[Diagnostic]:
    """Report a unit that lacks a figure other units typed: adding up the others would print a short total."""
    out: list[Diagnostic] = []
    for dotted, figure in figure_paths(kind, units):
        if figure.de_trong:
            continue  # a blank or absent optional figure means "no such figure" for that unit
        having = [u for u in units if unit_value(u.report, dotted)[0]]
        for unit in units:
            if unit in having:
                continue
            out.append(
                Diagnostic(
                    Code.ROLLUP_MISSING_FIGURE,
                    f"đơn vị «{unit.name}» chưa có số liệu «{dotted}» ({figure.mo_ta}) mà {len(having)} đơn vị khác có "
                    f"(như {_line_of(having[0], 'so_lieu', *dotted.split('.'))}); cộng thiếu một đơn vị sẽ ra tổng sai.",
                    _where_missing(unit, ("so_lieu", *dotted.split("."))),
                    hint=f"thêm `{dotted.split('.')[-1]}: …` vào `{'.'.join(['so_lieu', *dotted.split('.')[:-1]])}` của tệp này; gõ 0 nếu không có",
                )
            )
    return out


def _output_problems(output: Path, sources: set[Path], force: bool) -> list[Diagnostic]:
    where = Location(str(output))
    if output.suffix.lower() not in DATA_SUFFIXES:
        return [Diagnostic(Code.OUTPUT_MISPLACED, f"tệp tổng hợp là tệp dữ liệu, phải có đuôi .yaml, không phải «{output.suffix}».", where,
                           hint=f"đặt tên như {output.with_suffix('.yaml').name}")]  # fmt: skip
    resolved = output.resolve()
    if resolved in sources:
        return [Diagnostic(Code.OUTPUT_MISPLACED, "tệp tổng hợp trùng với một tệp đầu vào; baocao-gen không bao giờ ghi đè tệp dữ liệu "
                           "(kể cả với --ghi-de).", where, hint="chọn tên khác cho -o")]  # fmt: skip
    if output.exists() and not force:
        return [
            Diagnostic(
                Code.OUTPUT_EDITED,
                "đã có tệp này; có thể đã viết lời văn vào đó, nên không ghi đè.",
                where,
                hint="chọn tên khác cho -o, hoặc thêm --ghi-de (tệp cũ được giữ lại cạnh nó, tên ….ban-cu.yaml)",
            )
        ]
    return []


def roll_up(
    inputs: list[Path], output: Path, profile: Path | None = None, force: bool = False
) -> RollupResult:
    """Combine the unit files `inputs` into the summary `output` (written only when nothing is wrong)."""
    from .rollup_text import summary_text

    result = RollupResult()
    for path in inputs:
        unit, problems = _load_unit(path)
        result.diagnostics += problems
        if unit is not None:
            result.units.append(unit)
    sources = {s for path in inputs for s in _extended(path)} | {p.resolve() for p in inputs}
    if profile is not None:
        sources.add(profile.resolve())
        result.diagnostics += _profile_problems(profile)
    result.diagnostics += _output_problems(output, sources, force)
    if not result.units:
        return result
    result.diagnostics += _conflicts(result.units)
    kind = load_kind(result.units[0].report.loai)
    if kind is None or not result.ok:  # pragma: no cover - check() refuses an unknown kind
        return result
    result.diagnostics += _missing_figures(kind, result.units)
    if not result.ok:
        return result
    result.text = summary_text(kind, result.units, output, profile)
    problems = _write_text(result.text, output)
    result.diagnostics += problems
    if not has_errors(problems):
        result.output = output
    return result


def _profile_problems(profile: Path) -> list[Diagnostic]:
    """Return the errors of the level above's profile (the summary extends it, so it must load)."""
    tree, problems = load_data(profile)
    errors = [d for d in problems if d.is_error]
    if not errors and isinstance(tree, YMap) and not isinstance(tree.get("he_thong"), YStr):
        errors.append(
            Diagnostic(
                Code.MISSING_KEY,
                "hồ sơ đơn vị của cấp tổng hợp chưa ghi `he_thong` (nha_nuoc hoặc dang).",
                tree.loc,
                hint="thêm `he_thong: dang` hoặc `he_thong: nha_nuoc`",
            )
        )
    return errors


def _write_text(text: str, target: Path) -> list[Diagnostic]:
    """Write `text` atomically; an existing file (allowed by --ghi-de) is first kept as `….ban-cu.yaml`."""
    where = Location(str(target))
    temporary = target.with_name(f".{target.name}.{secrets.token_hex(4)}.tmp")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with temporary.open("x", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        kept = _keep_old(target) if target.exists() else None
        os.replace(temporary, target)
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        return [Diagnostic(Code.WRITE_FAILED, f"không ghi được tệp tổng hợp ({os_reason(exc)}).", where)]
    if kept is None:
        return []
    return [
        Diagnostic(
            Code.OUTPUT_KEPT_AS_COPY,
            f"tệp cũ được giữ lại thành «{kept.name}».",
            where,
            severity=Severity.WARNING,
        )
    ]


def _keep_old(target: Path) -> Path:
    number = 1
    while True:
        tail = ".ban-cu" if number == 1 else f".ban-cu-{number}"
        backup = target.with_name(target.stem + tail + target.suffix)
        try:
            os.link(target, backup)
            return backup
        except FileExistsError:
            number += 1
        except OSError:
            with backup.open("x", encoding="utf-8") as stream:  # no hard links here (FAT, network share)
                stream.write(target.read_text(encoding="utf-8"))
            return backup
