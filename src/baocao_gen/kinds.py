"""Report kinds: a family's standard outline (đề cương), its figures, totals and standard sentences.

A kind lives in `data/loai/<ma>.yaml`. A data file names it (`loai: dan-van-chinh-quyen`) and then
only fills data: sections refer to the outline by code (`ma: cai_cach_hanh_chinh`) and get their
titles from it, figures are checked against the kind's list, totals are computed (never typed), the
kind's standard sentences (`{cau.ho_so}`) are generated from the figures, and appendices refer to
the kind's table layouts (`ma: van_ban` + `dong`). Sections the kind does not know can be added
without `ma`; optional sections are simply left out and the numbering closes up.

Figures count things unless the kind says otherwise: a figure of `so_lieu` written as a plain
description, and a numeric column of a table layout without `kieu`, is a count (`dem`): a whole
number from 0 up, never blank. Amounts, areas and rates are declared `kieu: so`; a figure or a table
whose blanks mean "no figure" is declared `de_trong: có`, and a standard sentence puts such a figure
in `[…]`, a clause left out when the figure is blank.

A kind file is read like a data file (`kind_model.py`: the loader keeps every value's place, a
pydantic model with `extra="forbid"` types it, and its references are checked), once per process for
the shipped kinds (read by libyaml alone when they have nothing to report: `_quick_shipped_kind`); a
broken one gives located diagnostics, never a traceback.
"""

from __future__ import annotations

import copy
import difflib
import functools
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from .codes import Code
from .diagnostics import Diagnostic, Location, Severity, has_errors, os_reason
from .kind_model import (
    COUNT,
    DEVELOPER_NOTE,
    FIGURE_REFERENCE,
    OPTIONAL_CLAUSE,
    ConsistencyRule,
    Figure,
    KindFile,
    KindSection,
    Ratio,
    SkeletonHints,
    TableLayout,
    reference_problems,
    validate_kind_tree,
)
from .loader import load_text, location_of
from .model import Bang, BaoCao, Cot, Muc, PhuLuc
from .resources import data_dir
from .vietnamese import VietnameseValueError, format_number, format_percent, parse_count

__all__ = [
    "COUNT", "FIGURE_REFERENCE", "GENERIC", "OPTIONAL_CLAUSE", "Figure", "Kind", "Percent", "KindSection", "apply_kind",
    "compute_figures", "describe_kind", "kind_names", "layout_columns", "load_kind", "read_kind_file", "shipped_kind",
]  # fmt: skip

GENERIC = "chung"
KIND_FOLDER = "loai"
KIND_SUFFIX = ".yaml"


@dataclass(frozen=True)
class Kind:
    """A report kind: a validated kind file and its code (the file's name)."""

    ma: str
    ten: str
    mo_ta: str
    he_thong: tuple[str, ...]
    danh_so: tuple[str, ...]
    de_cuong: tuple[KindSection, ...]
    so_lieu: dict[str, Any] = field(default_factory=dict)  # nested groups whose leaves are `Figure`s
    tinh: dict[str, tuple[str, ...]] = field(default_factory=dict)
    kiem_tra: tuple[ConsistencyRule, ...] = ()
    cau: dict[str, str] = field(default_factory=dict)
    phu_luc: dict[str, TableLayout] = field(default_factory=dict)
    mau: SkeletonHints = field(default_factory=SkeletonHints)
    ty_le: dict[str, Ratio] = field(default_factory=dict)

    @classmethod
    def from_file(cls, code: str, file: KindFile) -> Kind:
        """Return the kind `code` as its validated file declares it."""
        return cls(
            ma=code,
            ten=file.ten,
            mo_ta=file.mo_ta,
            he_thong=file.he_thong,
            danh_so=file.danh_so,
            de_cuong=file.de_cuong,
            so_lieu=file.so_lieu,
            tinh=file.tinh,
            kiem_tra=file.kiem_tra,
            cau=file.cau,
            phu_luc=file.phu_luc,
            mau=file.mau,
            ty_le=file.ty_le,
        )

    def sections_by_code(self) -> dict[str, KindSection]:
        found: dict[str, KindSection] = {}

        def walk(items: tuple[KindSection, ...]) -> None:
            for item in items:
                found[item.ma] = item
                walk(item.muc)

        walk(self.de_cuong)
        return found

    def figure_paths(self) -> list[str]:
        """Return every figure the clerk types (dotted paths), in the kind's order."""
        return list(self.figures)

    @functools.cached_property
    def figures(self) -> dict[str, Figure]:
        """Return every figure the clerk types, by dotted path, in the kind's order."""
        out: dict[str, Figure] = {}

        def walk(node: dict[str, Any], prefix: str) -> None:
            for key, value in node.items():
                path = f"{prefix}{key}"
                if isinstance(value, dict):
                    walk(value, path + ".")
                else:
                    out[path] = value

        walk(self.so_lieu, "")
        return out

    def optional_figure(self, path: str) -> bool:
        """Return whether the figure at `path` may be left blank (declared `de_trong: có`)."""
        figure = self.figures.get(path)
        return figure is not None and figure.de_trong


def _check_kind(kind: Kind) -> Kind:
    """Return `kind`, or raise ValueError when its references or optional figures are wrong.

    For a developer who builds or alters a `Kind` in code; files go through `read_kind_file`, which
    reports the same problems as located diagnostics.
    """
    problems = [problem for problem in reference_problems(kind) if problem.is_error]
    if problems:
        notes = [dict(problem.extra).get(DEVELOPER_NOTE, problem.message) for problem in problems]
        raise ValueError(f"{_shown_name(kind.ma)}: " + "; ".join(notes))
    return kind


def layout_columns(layout: TableLayout | dict[str, Any]) -> list[Cot]:
    """Return the column tree of a kind's table layout; a leaf without `kieu` is a count column.

    Kinds declare statistics tables (số cuộc, số người tham gia…), so counting is the default there;
    a rate or an amount column says `kieu: so`. (A table a clerk declares in a data file keeps the
    plain default: numeric when its cells are, unchecked.)
    """

    def leaf_default(column: Cot) -> Cot:
        if column.cot:
            return column.model_copy(update={"cot": [leaf_default(child) for child in column.cot]})
        return column if column.kieu else column.model_copy(update={"kieu": COUNT})

    if isinstance(layout, dict):  # a layout written in code, as kinds were before they were typed
        layout = TableLayout.model_validate(layout)
    return [leaf_default(column) for column in layout.cot]


# --------------------------------------------------------------------------------------------- loading


def _shipped_folder() -> Traversable:
    """Return the folder of the shipped kinds: inside the installed package (a wheel), else the
    checkout's `data/loai` (an editable install or the source tree)."""
    packaged = resources.files(__package__ or "baocao_gen").joinpath("data", KIND_FOLDER)
    return packaged if packaged.is_dir() else data_dir() / KIND_FOLDER


def _shown_name(code: str) -> str:
    """Return how diagnostics name a shipped kind file, the same wherever the package is installed."""
    return f"data/{KIND_FOLDER}/{code}{KIND_SUFFIX}"


@functools.cache
def _shipped_codes() -> tuple[str, ...]:
    folder = _shipped_folder()
    return tuple(
        sorted(
            item.name.removesuffix(KIND_SUFFIX)
            for item in folder.iterdir()
            if item.name.endswith(KIND_SUFFIX)
        )
    )


def kind_names() -> list[str]:
    """Return the codes of the shipped kinds, sorted."""
    return list(_shipped_codes())


def read_kind_file(
    path: Path | Traversable, shown: str | None = None, code: str | None = None, *, shipped: bool = False
) -> tuple[Kind | None, list[Diagnostic]]:
    """Return the kind a file declares and every problem in it, each located in that file.

    `code` is the kind's `ma` (default: the file's name without `.yaml`); `shown` is how diagnostics
    name the file (default: its path). `shipped`: one of the package's own kinds, which may be read
    the quick way (`_quick_shipped_kind`).
    """
    shown = shown or str(path)
    code = code or path.name.removesuffix(KIND_SUFFIX)
    quick = _quick_shipped_kind(path, code) if shipped else None
    if quick is not None:
        return quick, []
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return None, [
            Diagnostic(
                Code.UNREADABLE_DATA,
                f"không đọc được tệp loại báo cáo ({os_reason(exc)}).",
                Location(shown, 1, 1),
            )
        ]
    try:
        text = raw.removeprefix(b"\xef\xbb\xbf").decode("utf-8")
    except UnicodeDecodeError:
        return None, [
            Diagnostic(
                Code.UNREADABLE_DATA,
                "tệp loại báo cáo không phải mã UTF-8.",
                Location(shown, 1, 1),
                hint="mở tệp bằng Notepad++ hoặc VS Code và lưu lại với mã UTF-8",
            )
        ]
    tree, problems = load_text(text, shown)
    if tree is None or has_errors(problems):
        return None, problems
    file, found = validate_kind_tree(tree)
    problems += found
    if file is None or has_errors(problems):
        return None, problems
    return Kind.from_file(code, file), problems


@functools.cache
def shipped_kind(code: str) -> tuple[Kind | None, tuple[Diagnostic, ...]]:
    """Return a shipped kind by code, read and validated once per process, with its file's problems.

    The code is what the clerk typed in `loai`; it names a file only when it is one of the shipped
    codes, so `../trich-dan` or a 300-character line never reach the file system. An unknown code
    gives (None, ()); a broken kind file gives (None, its located problems).
    """
    if code not in _shipped_codes():
        return None, ()
    path = _shipped_folder() / f"{code}{KIND_SUFFIX}"
    kind, problems = read_kind_file(path, _shown_name(code), code, shipped=True)
    return kind, tuple(problems)


def _quick_shipped_kind(path: Path | Traversable, code: str) -> Kind | None:
    """Return a shipped kind read by libyaml alone and validated by the same model, or None to read it
    the located way, which every problem needs for its place in the file.

    Why: the located loader builds a position for every value of the file (the largest kind is 23 KB)
    only for diagnostics a shipped kind never has; reading it with libyaml's plain loader instead saves
    about 8 ms of each process's first render (13 ms → 5 ms for the largest kind, measured), in every
    `batch` worker too.
    The model, the reference checks and `Kind.from_file` are the same as on the located path.
    Why it is the same kind: tests/test_perf_boot.py checks, for every shipped file, that the located
    path finds no problem at all and that both paths give equal kinds. What only the located loader
    sees (a duplicate key, a blank, an alias) would fail that test; what the model or the reference
    checks refuse sends the file the located way here. An office's own kind files always go that way.
    """
    loader = getattr(yaml, "CBaseLoader", None)  # every value stays text, as the located loader's
    if loader is None:
        return None
    try:
        text = path.read_bytes().removeprefix(b"\xef\xbb\xbf").decode("utf-8")
        if not unicodedata.is_normalized("NFC", text):  # the located loader normalises; leave it that work
            return None
        data = yaml.load(text, Loader=loader)  # noqa: S506 - BaseLoader builds only str, list and dict
        file = KindFile.model_validate(data)
    except (OSError, UnicodeDecodeError, yaml.YAMLError, ValidationError):
        return None
    if reference_problems(file):
        return None
    return Kind.from_file(code, file)


class BrokenKindFile(Exception):
    """A shipped kind file does not validate: the program's fault, not the clerk's (an internal error)."""

    def __init__(self, problems: list[Diagnostic]):
        self.problems = problems
        super().__init__("\n".join(problem.format() for problem in problems))


def load_kind(code: str) -> Kind | None:
    """Return a shipped kind by code, or None when there is none.

    A shipped kind file with an error raises `BrokenKindFile` with the located problems (a render
    reports them as diagnostics through `apply_kind` instead).
    """
    kind, problems = shipped_kind(code)
    if kind is None and problems:
        raise BrokenKindFile(list(problems))
    return kind


_SYSTEM_NAMES = {"nha_nuoc": "Nhà nước", "dang": "Đảng"}


def describe_kind(kind: Kind) -> str:
    """Return what a clerk needs to write a data file of this kind (`baocao templates <loại>`).

    The clerk refers to the outline by code and to figures and sentences by name, and cannot open
    data/loai/*.yaml inside an installed package: the codes, titles, figures (with what each counts
    and whether it may stay blank), the totals the tool adds up, the standard sentences and the
    appendix layouts are listed here, in the kind's order.
    """
    systems = ", ".join(_SYSTEM_NAMES.get(system, system) for system in kind.he_thong)
    lines = [f"{kind.ma}: {kind.ten} [{systems}]"]
    if kind.mo_ta:
        lines.append(kind.mo_ta)
    if kind.de_cuong:
        lines += [
            "",
            "Đề cương (trong noi_dung ghi `- ma: <mã>`, tiêu đề lấy từ đây; mục không bắt buộc bỏ đi được):",
        ]
    else:
        lines += ["", "Đề cương: không có đề cương chuẩn; các mục viết tự do, mỗi mục có tieu_de."]

    def outline(sections: tuple[KindSection, ...], depth: int) -> None:
        for section in sections:
            notes = [
                note
                for note, on in (
                    ("bắt buộc", section.bat_buoc),
                    ("liệt kê các mô hình của mo_hinh", section.danh_sach == "mo_hinh"),
                )
                if on
            ]
            extra = f" ({'; '.join(notes)})" if notes else ""
            lines.append(f"{'  ' * depth}{section.ma} — {section.tieu_de}{extra}")
            outline(section.muc, depth + 1)

    outline(kind.de_cuong, 1)
    if kind.figures:
        lines += [
            "",
            "Số liệu (trong so_lieu; số đếm là số nguyên từ 0 trở lên, không để trống, gõ 0 nếu không có):",
        ]
    else:
        lines += ["", "Số liệu: không định sẵn; đặt tên trong so_lieu và dùng trong văn bản bằng {tên}."]
    for path, figure in kind.figures.items():
        notes = [] if figure.is_count else ["số bất kỳ, không phải số đếm"]
        if figure.de_trong:
            notes.append("được để trống khi không có số liệu")
        lines.append(f"  {path} — {figure.mo_ta}" + (f" ({'; '.join(notes)})" if notes else ""))
    if kind.tinh:
        lines += ["", "Số công cụ tự cộng (không gõ; dùng trong văn bản như số liệu):"]
        lines += [f"  {total} = {' + '.join(parts)}" for total, parts in kind.tinh.items()]
    if kind.ty_le:
        lines += ["", "Tỷ lệ công cụ tự tính (in kiểu 90,3%; không gõ):"]
        lines += [f"  {name} = {ratio.tu} / {ratio.mau}" for name, ratio in kind.ty_le.items()]
    if kind.cau:
        lines += ["", "Câu chuẩn (viết {cau.<tên>} trong văn bản; công cụ điền số liệu vào câu):"]
        lines += [f"  {{cau.{name}}} — {template}" for name, template in kind.cau.items()]
    if kind.phu_luc:
        lines += ["", "Phụ lục có sẵn (trong phu_luc ghi `- ma: <mã>` và các dòng `dong`):"]
        lines += [f"  {code} — {layout.tieu_de}" for code, layout in kind.phu_luc.items()]
    return "\n".join(lines)


def _get(figures: dict[str, Any], path: str) -> Any:
    node: Any = figures
    for part in path.split("."):
        if not isinstance(node, dict) or part not in node:
            return None
        node = node[part]
    return node


def _set(figures: dict[str, Any], path: str, value: Any) -> None:
    parts = path.split(".")
    node = figures
    for part in parts[:-1]:
        node = node.setdefault(part, {})
    node[parts[-1]] = value


class Percent(Decimal):
    """A rate the kind computes (`ty_le`): the ratio, printed as a Vietnamese percentage (`90,3%`)."""

    decimals: int

    def __new__(cls, ratio: Decimal, decimals: int = 1) -> Percent:
        obj = super().__new__(cls, ratio)
        obj.decimals = decimals
        return obj

    def __reduce__(self) -> Any:  # figures are deep-copied and pickled with their decimals
        return (Percent, (Decimal(self), self.decimals))

    def __deepcopy__(self, memo: dict[int, Any]) -> Percent:
        return self

    def text(self) -> str:
        return format_percent(self, self.decimals)


def _is_number(value: Any) -> bool:
    return isinstance(value, int | Decimal) and not isinstance(value, bool)


def compute_figures(kind: Kind, figures: dict[str, Any]) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    """Return the figures with the kind's totals and rates added, and the (path, message) of each
    inconsistency the kind's rules (`kiem_tra`) find.

    A total is computed only when every part was typed: adding up the parts that are there would
    print a smaller total as if it were the whole (a part with no figure is typed 0, not left out).
    A rate is computed only when both counts are there and the whole is not 0.
    """
    out = copy.deepcopy(figures)
    for total, parts in kind.tinh.items():
        values = [_get(out, part) for part in parts]
        if all(_is_number(v) for v in values):
            _set(out, total, sum(values))
    for name, ratio in kind.ty_le.items():
        part, whole = _get(out, ratio.tu), _get(out, ratio.mau)
        if _is_number(part) and _is_number(whole) and whole:
            _set(out, name, Percent(Decimal(part) / Decimal(whole), ratio.chu_so))
    problems: list[tuple[str, str]] = []
    for rule in kind.kiem_tra:
        problem = rule_problem(rule, out)
        if problem is not None:
            problems.append(problem)
    return out, problems


def rule_problem(rule: ConsistencyRule, figures: dict[str, Any]) -> tuple[str, str] | None:
    """Return (the figure to point at, the message with its arithmetic) when `rule` is broken by
    `figures`; None when it holds or a figure it names is not there."""
    if rule.is_sum and rule.tong is not None:
        whole = _get(figures, rule.tong)
        addends = [_get(figures, part) for part in rule.bang]
        if _is_number(whole) and all(_is_number(p) for p in addends) and whole != sum(addends):
            shown = " + ".join(format_number(p) for p in addends)
            return rule.tong, f"{rule.loi}: {format_number(whole)} ≠ {shown} = {format_number(sum(addends))}."
        return None
    part, whole = _get(figures, rule.phan or ""), _get(figures, rule.khong_qua or "")
    if _is_number(part) and _is_number(whole) and part > whole:
        return (
            rule.phan or "",
            f"{rule.loi}: {rule.phan} = {format_number(part)} lớn hơn {rule.khong_qua} = {format_number(whole)}.",
        )
    return None


def _check_figures(kind: Kind, figures: dict[str, Any], tree: Any) -> list[Diagnostic]:
    """Report figures the kind does not know, typed totals, and values the kind's declarations refuse."""
    diagnostics: list[Diagnostic] = []
    declared = kind.figures
    known = set(declared)
    computed = set(kind.tinh) | set(kind.ty_le)
    strict = kind.ma != GENERIC  # the generic kind declares no figure: any name, any number

    def walk(node: dict[str, Any], prefix: tuple[str, ...]) -> None:
        for key, value in node.items():
            path = (*prefix, key)
            dotted = ".".join(path)
            if isinstance(value, dict):
                if strict and not any(k.startswith(dotted + ".") for k in known | computed):
                    diagnostics.append(_unknown_figure(dotted, path, known, tree))
                else:
                    walk(value, path)
            elif dotted in computed:
                diagnostics.append(
                    Diagnostic(
                        Code.TOTALS_DISAGREE,
                        f"«{dotted}» là số tổng, công cụ tự cộng từ {', '.join(kind.tinh[dotted])}; không gõ tay."
                        if dotted in kind.tinh
                        else f"«{dotted}» là tỷ lệ, công cụ tự tính từ {kind.ty_le[dotted].tu} và {kind.ty_le[dotted].mau}; không gõ tay.",
                        location_of(tree, ("so_lieu", *path)),
                        str(value),
                        "xóa dòng này",
                    )
                )
            elif strict and dotted not in known:
                diagnostics.append(_unknown_figure(dotted, path, known, tree))
            else:
                problem = _value_problem(dotted, value, declared.get(dotted), ("so_lieu", *path), tree)
                if problem is not None:
                    diagnostics.append(problem)

    walk(figures, ())
    return diagnostics


def _value_problem(
    dotted: str, value: Any, figure: Figure | None, path: tuple[str, ...], tree: Any
) -> Diagnostic | None:
    """Return why a typed figure cannot be used, or None: a blank the kind does not allow, a count
    that is not a whole number from 0 up, a list where a number belongs."""
    typed = _typed(tree, path)
    about = f" ({figure.mo_ta})" if figure is not None else ""
    if value is None:
        if figure is not None and figure.de_trong:
            return None
        count = figure is not None and figure.is_count
        return Diagnostic(
            Code.BAD_COUNT,
            f"{'Số đếm' if count else 'Số liệu'} không được để trống{about}.",
            _key_location(tree, path),
            typed if typed is not None else "",
            "gõ 0 nếu không có" if count else "gõ số, hoặc xóa dòng này nếu không dùng",
        )
    if isinstance(value, list):
        return Diagnostic(
            Code.WRONG_TYPE,
            f"cần một số, không phải danh sách{about}.",
            location_of(tree, path),
            hint="ghi một số",
        )
    if figure is not None and figure.is_count and typed is not None:
        try:
            parse_count(typed)
        except VietnameseValueError as exc:
            return Diagnostic(
                Code.BAD_COUNT, f"{exc.message.rstrip('.')}{about}.", location_of(tree, path), typed, exc.hint
            )
    return None


def _typed(tree: Any, path: tuple[str, ...]) -> str | None:
    """Return the text of the value at `path` exactly as typed (`~` for a blank typed so)."""
    node: Any = tree
    for part in path:
        if not isinstance(node, dict) or part not in node:
            return None
        node = node[part]
    return str(node) if isinstance(node, str) else None


def _key_location(tree: Any, path: tuple[str, ...]) -> Any:
    """Return where the key of `path` was typed: a blank value has no text of its own to point at."""
    parent: Any = tree
    for part in path[:-1]:
        parent = parent.get(part) if isinstance(parent, dict) else None
    return getattr(parent, "key_locs", {}).get(path[-1]) or location_of(tree, path)


def _unknown_figure(dotted: str, path: tuple[str, ...], known: set[str], tree: Any) -> Diagnostic:
    close = difflib.get_close_matches(dotted, sorted(known), n=1, cutoff=0.6)
    return Diagnostic(
        Code.UNKNOWN_KEY,
        f"loại báo cáo này không có số liệu «{dotted}».",
        location_of(tree, ("so_lieu", *path)),
        hint=f"có phải «{close[0]}»?" if close else "xem danh sách số liệu bằng `baocao init <loại>`",
    )


def _resolve_sections(
    sections: list[Muc],
    codes: dict[str, KindSection],
    path: tuple[str | int, ...],
    tree: Any,
    seen: set[str],
    out: list[Diagnostic],
    models: list[Muc] | None = None,
) -> list[Muc]:
    resolved = []
    for index, section in enumerate(sections):
        here = (*path, index)
        update: dict[str, Any] = {}
        if section.ma:
            outline = codes.get(section.ma)
            if outline is None:
                close = difflib.get_close_matches(section.ma, sorted(codes), n=1, cutoff=0.5)
                out.append(
                    Diagnostic(
                        Code.UNKNOWN_KEY,
                        f"đề cương của loại báo cáo này không có mục «{section.ma}».",
                        location_of(tree, (*here, "ma")),
                        section.ma,
                        f"có phải «{close[0]}»?" if close else "bỏ `ma` để thêm một mục riêng của đơn vị",
                    )
                )
            else:
                seen.add(section.ma)
                if section.tieu_de is None:
                    update["tieu_de"] = outline.tieu_de
                if outline.danh_sach == "mo_hinh" and not section.muc and models:
                    update["muc"] = models
        if section.muc:
            update["muc"] = _resolve_sections(section.muc, codes, (*here, "muc"), tree, seen, out, models)
        resolved.append(section.model_copy(update=update) if update else section)
    return resolved


def _resolve_appendices(report: BaoCao, kind: Kind, tree: Any, out: list[Diagnostic]) -> list[PhuLuc]:
    resolved = []
    for index, appendix in enumerate(report.phu_luc):
        if not appendix.ma:
            resolved.append(appendix)
            continue
        layout = kind.phu_luc.get(appendix.ma)
        if layout is None:
            close = difflib.get_close_matches(appendix.ma, sorted(kind.phu_luc), n=1, cutoff=0.5)
            out.append(
                Diagnostic(
                    Code.UNKNOWN_KEY,
                    f"loại báo cáo này không có phụ lục «{appendix.ma}».",
                    location_of(tree, ("phu_luc", index, "ma")),
                    appendix.ma,
                    f"có phải «{close[0]}»?" if close else "khai báo bảng đầy đủ bằng `bang` thay cho `ma`",
                )
            )
            resolved.append(appendix)
            continue
        table = Bang(
            tieu_de=layout.tieu_de_bang,
            cot=layout_columns(layout),
            dong=list(appendix.dong),
            tong_cong=layout.tong_cong,
            de_trong=layout.de_trong,
            ghi_chu=layout.ghi_chu,
            co_chu=layout.co_chu,
        )
        resolved.append(
            appendix.model_copy(
                update={
                    "tieu_de": appendix.tieu_de or layout.tieu_de,
                    "huong": layout.huong or appendix.huong,
                    "bang": [table, *appendix.bang],
                    "dong": [],
                }
            )
        )
    return resolved


def apply_kind(report: BaoCao, tree: Any) -> tuple[BaoCao, dict[str, Any], list[Diagnostic]]:
    """Return the report with the kind's titles and tables filled in, its figures with totals, and problems."""
    diagnostics: list[Diagnostic] = []
    kind, kind_problems = shipped_kind(report.loai)
    diagnostics.extend(kind_problems)
    if kind is None and kind_problems:  # a broken shipped kind file: say where, never a traceback
        return report, dict(report.so_lieu), diagnostics
    if kind is None:
        close = difflib.get_close_matches(report.loai, kind_names(), n=1, cutoff=0.4)
        diagnostics.append(
            Diagnostic(
                Code.WRONG_TYPE,
                f"không có loại báo cáo «{report.loai}».",
                location_of(tree, ("loai",)),
                report.loai,
                f"có phải «{close[0]}»? (xem `baocao templates`)"
                if close
                else "xem danh sách bằng `baocao templates`",
            )
        )
        return report, dict(report.so_lieu), diagnostics
    if report.he_thong not in kind.he_thong:
        diagnostics.append(
            Diagnostic(
                Code.WRONG_TYPE,
                f"loại báo cáo «{kind.ma}» chỉ dùng cho hệ thống văn bản: {', '.join(kind.he_thong)}.",
                location_of(tree, ("he_thong",)),
                report.he_thong,
            )
        )
    diagnostics.extend(_check_figures(kind, report.so_lieu, tree))
    figures, problems = compute_figures(kind, report.so_lieu)
    bounds = {rule.phan for rule in kind.kiem_tra if not rule.is_sum}
    for path, message in problems:
        rule_code = Code.FIGURE_ABOVE_TOTAL if path in bounds else Code.TOTALS_DISAGREE
        diagnostics.append(
            Diagnostic(
                rule_code,
                message,
                location_of(tree, ("so_lieu", *path.split("."))),
                severity=Severity.WARNING,
                hint="kiểm tra lại các số liệu này",
            )
        )
    codes = kind.sections_by_code()
    seen: set[str] = set()
    models = [
        Muc.model_validate({"tieu_de": model.ten, "van_ban": model.van_ban}) for model in report.mo_hinh
    ]
    sections = _resolve_sections(report.noi_dung, codes, ("noi_dung",), tree, seen, diagnostics, models)
    figures.setdefault("danh_sach", {})["mo_hinh"] = len(report.mo_hinh)
    for code, section in codes.items():
        if section.bat_buoc and code not in seen:
            diagnostics.append(
                Diagnostic(
                    Code.MISSING_KEY,
                    f"thiếu mục bắt buộc của đề cương: «{section.tieu_de}» (ma: {code}).",
                    location_of(tree, ("noi_dung",)),
                    severity=Severity.WARNING,
                    hint=f"thêm `- ma: {code}` vào noi_dung",
                )
            )
    appendices = _resolve_appendices(report, kind, tree, diagnostics)
    update: dict[str, Any] = {"noi_dung": sections, "phu_luc": appendices}
    if "danh_so" not in report.model_fields_set:
        update["danh_so"] = list(kind.danh_so)
    return report.model_copy(update=update), figures, diagnostics
