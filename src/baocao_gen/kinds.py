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
"""

from __future__ import annotations

import difflib
import functools
import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import yaml

from .diagnostics import Diagnostic, Severity
from .loader import location_of
from .model import Bang, BaoCao, Cot, Muc, PhuLuc
from .resources import data_dir
from .vietnamese import VietnameseValueError, parse_count

__all__ = [
    "COUNT", "FIGURE_REFERENCE", "OPTIONAL_CLAUSE", "Figure", "Kind", "KindSection", "apply_kind", "compute_figures",
    "describe_kind", "kind_names", "layout_columns", "load_kind",
]  # fmt: skip

GENERIC = "chung"
COUNT = "dem"
"""`kieu` of a figure or a column that counts things (the default in a kind file)."""

FIGURE_REFERENCE = re.compile(r"\{([^{}\s]+)\}")
"""`{ho_so.tiep_nhan}` or `{ho_so.ky_truoc|02}` in a standard sentence."""

OPTIONAL_CLAUSE = re.compile(r"\[([^\[\]]*)\]")
"""`[, hiến {dong_gop.dat} m² đất]` in a standard sentence: left out when its optional figure is blank."""

_FIGURE_KEYS = frozenset({"mo_ta", "kieu", "de_trong"})
_YES = (True, "có", "co")


@dataclass(frozen=True)
class Figure:
    """One figure a clerk types, as the kind declares it.

    `kieu` is `dem` (a count: whole, from 0 up) unless the kind says `so` (an amount, an area, a rate:
    any number). `de_trong` says a blank means "no figure" rather than a forgotten one; without it a
    blank is an error, never a silent 0 or an empty place in a sentence.
    """

    mo_ta: str
    kieu: str = COUNT
    de_trong: bool = False

    @property
    def is_count(self) -> bool:
        return self.kieu == COUNT


@dataclass(frozen=True)
class KindSection:
    """One section of a kind's outline."""

    ma: str
    tieu_de: str
    goi_y: str = ""
    bat_buoc: bool = False
    muc: tuple[KindSection, ...] = ()
    danh_sach: str | None = None  # "mo_hinh": the section lists the report's models as its sub-sections


@dataclass(frozen=True)
class Kind:
    """A report kind, as read from data/loai/<ma>.yaml."""

    ma: str
    ten: str
    mo_ta: str
    he_thong: tuple[str, ...]
    danh_so: tuple[str, ...]
    de_cuong: tuple[KindSection, ...]
    so_lieu: dict[str, Any] = field(default_factory=dict)  # nested groups whose leaves are `Figure`s
    tinh: dict[str, tuple[str, ...]] = field(default_factory=dict)
    kiem_tra: tuple[dict[str, Any], ...] = ()
    cau: dict[str, str] = field(default_factory=dict)
    phu_luc: dict[str, dict[str, Any]] = field(default_factory=dict)
    mau: dict[str, Any] = field(default_factory=dict)

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


def _section(raw: dict[str, Any]) -> KindSection:
    return KindSection(
        ma=raw["ma"],
        tieu_de=raw["tieu_de"],
        goi_y=raw.get("goi_y", ""),
        bat_buoc=raw.get("bat_buoc") in (True, "có", "co"),
        muc=tuple(_section(child) for child in raw.get("muc", [])),
        danh_sach=raw.get("danh_sach"),
    )


def _figures(raw: dict[str, Any], code: str, prefix: str = "") -> dict[str, Any]:
    """Return the `so_lieu` tree with `Figure` leaves.

    A leaf is a description (a count that must be typed) or a mapping with `mo_ta` and the keys that
    differ from the default (`kieu: so`, `de_trong: có`); any other mapping is a group of figures.
    """
    out: dict[str, Any] = {}
    for key, value in raw.items():
        path = f"{prefix}{key}"
        if isinstance(value, dict) and "mo_ta" in value:
            unknown = set(value) - _FIGURE_KEYS
            kieu = value.get("kieu", COUNT)
            if unknown or kieu not in (COUNT, "so"):
                raise ValueError(f"data/loai/{code}.yaml: figure {path}: unknown keys {sorted(unknown)} or kieu {kieu!r}")
            out[key] = Figure(str(value["mo_ta"]), kieu, value.get("de_trong") in _YES)
        elif isinstance(value, dict):
            out[key] = _figures(value, code, path + ".")
        else:
            out[key] = Figure(str(value))
    return out


def _check_kind(kind: Kind) -> Kind:
    """Refuse a kind file whose optional figures could print badly (a developer's mistake, not a clerk's).

    An optional figure may be blank, so a standard sentence may use it only inside `[…]` (the clause is
    left out when it is blank), and a total may not add it up (a blank is not 0).
    """
    figures = kind.figures
    optional = {path for path, figure in figures.items() if figure.de_trong}
    for total, parts in kind.tinh.items():
        if optional & set(parts):
            raise ValueError(f"data/loai/{kind.ma}.yaml: total {total} adds up optional figures {sorted(optional & set(parts))}")
    for name, template in kind.cau.items():
        for clause in OPTIONAL_CLAUSE.findall(template):
            if not any(ref.partition("|")[0] in optional for ref in FIGURE_REFERENCE.findall(clause)):
                raise ValueError(f"data/loai/{kind.ma}.yaml: sentence {name}: clause [{clause}] has no optional figure")
        outside = OPTIONAL_CLAUSE.sub("", template)
        for ref in FIGURE_REFERENCE.findall(outside):
            if ref.partition("|")[0] in optional:
                raise ValueError(f"data/loai/{kind.ma}.yaml: sentence {name}: optional figure {ref} outside […]")
    return kind


def layout_columns(layout: dict[str, Any]) -> list[Cot]:
    """Return the column tree of a kind's table layout; a leaf without `kieu` is a count column.

    Kinds declare statistics tables (số cuộc, số người tham gia…), so counting is the default there;
    a rate or an amount column says `kieu: so`. (A table a clerk declares in a data file keeps the
    plain default: numeric when its cells are, unchecked.)
    """

    def leaf_default(column: dict[str, Any]) -> dict[str, Any]:
        if column.get("cot"):
            return {**column, "cot": [leaf_default(child) for child in column["cot"]]}
        return column if column.get("kieu") else {**column, "kieu": COUNT}

    return [Cot.model_validate(leaf_default(column)) for column in layout["cot"]]


def kind_names() -> list[str]:
    """Return the codes of the shipped kinds, sorted."""
    return sorted(path.stem for path in (data_dir() / "loai").glob("*.yaml"))


@functools.cache
def load_kind(code: str) -> Kind | None:
    """Return a shipped kind by code, or None when there is none.

    The code is what the clerk typed in `loai`; it names a file only when it is one of the shipped
    codes, so `../trich-dan` or a 300-character line never reach the file system.
    """
    if code not in kind_names():
        return None
    path = data_dir() / "loai" / f"{code}.yaml"
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    kind = Kind(
        ma=code,
        ten=raw["ten"],
        mo_ta=raw.get("mo_ta", ""),
        he_thong=tuple(raw.get("he_thong", ["nha_nuoc", "dang"])),
        danh_so=tuple(raw.get("danh_so", ["la_ma", "so", "chu"])),
        de_cuong=tuple(_section(item) for item in raw.get("de_cuong", [])),
        so_lieu=_figures(raw.get("so_lieu") or {}, code),
        tinh={key: tuple(value) for key, value in (raw.get("tinh") or {}).items()},
        kiem_tra=tuple(raw.get("kiem_tra") or ()),
        cau=raw.get("cau") or {},
        phu_luc=raw.get("phu_luc") or {},
        mau=raw.get("mau") or {},
    )
    return _check_kind(kind)


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
        lines += ["", "Đề cương (trong noi_dung ghi `- ma: <mã>`, tiêu đề lấy từ đây; mục không bắt buộc bỏ đi được):"]
    else:
        lines += ["", "Đề cương: không có đề cương chuẩn; các mục viết tự do, mỗi mục có tieu_de."]

    def outline(sections: tuple[KindSection, ...], depth: int) -> None:
        for section in sections:
            notes = [note for note, on in (("bắt buộc", section.bat_buoc), ("liệt kê các mô hình của mo_hinh", section.danh_sach == "mo_hinh")) if on]
            extra = f" ({'; '.join(notes)})" if notes else ""
            lines.append(f"{'  ' * depth}{section.ma} — {section.tieu_de}{extra}")
            outline(section.muc, depth + 1)

    outline(kind.de_cuong, 1)
    if kind.figures:
        lines += ["", "Số liệu (trong so_lieu; số đếm là số nguyên từ 0 trở lên, không để trống, gõ 0 nếu không có):"]
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
    if kind.cau:
        lines += ["", "Câu chuẩn (viết {cau.<tên>} trong văn bản; công cụ điền số liệu vào câu):"]
        lines += [f"  {{cau.{name}}} — {template}" for name, template in kind.cau.items()]
    if kind.phu_luc:
        lines += ["", "Phụ lục có sẵn (trong phu_luc ghi `- ma: <mã>` và các dòng `dong`):"]
        lines += [f"  {code} — {layout.get('tieu_de', '')}" for code, layout in kind.phu_luc.items()]
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


def compute_figures(kind: Kind, figures: dict[str, Any]) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    """Return the figures with the kind's totals added, and the (path, message) of each inconsistency.

    A total is computed only when every part was typed: adding up the parts that are there would
    print a smaller total as if it were the whole (a part with no figure is typed 0, not left out).
    """
    import copy

    out = copy.deepcopy(figures)
    for total, parts in kind.tinh.items():
        values = [_get(out, part) for part in parts]
        if all(isinstance(v, int | Decimal) for v in values):
            _set(out, total, sum(values))
    problems: list[tuple[str, str]] = []
    for rule in kind.kiem_tra:
        whole = _get(out, rule["tong"])
        parts = [_get(out, part) for part in rule["bang"]]
        if isinstance(whole, int | Decimal) and all(isinstance(p, int | Decimal) for p in parts) and whole != sum(parts):
            shown = " + ".join(str(p) for p in parts)
            problems.append((rule["tong"], f"{rule.get('loi', 'số liệu không khớp')}: {whole} ≠ {shown} = {sum(parts)}."))
    return out, problems


def _check_figures(kind: Kind, figures: dict[str, Any], tree: Any) -> list[Diagnostic]:
    """Report figures the kind does not know, typed totals, and values the kind's declarations refuse."""
    diagnostics: list[Diagnostic] = []
    declared = kind.figures
    known = set(declared)
    computed = set(kind.tinh)
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
                        "D123",
                        f"«{dotted}» là số tổng, công cụ tự cộng từ {', '.join(kind.tinh[dotted])}; không gõ tay.",
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


def _value_problem(dotted: str, value: Any, figure: Figure | None, path: tuple[str, ...], tree: Any) -> Diagnostic | None:
    """Return why a typed figure cannot be used, or None: a blank the kind does not allow, a count
    that is not a whole number from 0 up, a list where a number belongs."""
    typed = _typed(tree, path)
    about = f" ({figure.mo_ta})" if figure is not None else ""
    if value is None:
        if figure is not None and figure.de_trong:
            return None
        count = figure is not None and figure.is_count
        return Diagnostic(
            "D127",
            f"{'Số đếm' if count else 'Số liệu'} không được để trống{about}.",
            _key_location(tree, path),
            typed if typed is not None else "",
            "gõ 0 nếu không có" if count else "gõ số, hoặc xóa dòng này nếu không dùng",
        )
    if isinstance(value, list):
        return Diagnostic("D108", f"cần một số, không phải danh sách{about}.", location_of(tree, path), hint="ghi một số")
    if figure is not None and figure.is_count and typed is not None:
        try:
            parse_count(typed)
        except VietnameseValueError as exc:
            return Diagnostic("D127", f"{exc.message.rstrip('.')}{about}.", location_of(tree, path), typed, exc.hint)
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
        "D106",
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
                        "D106",
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
                    "D106",
                    f"loại báo cáo này không có phụ lục «{appendix.ma}».",
                    location_of(tree, ("phu_luc", index, "ma")),
                    appendix.ma,
                    f"có phải «{close[0]}»?" if close else "khai báo bảng đầy đủ bằng `bang` thay cho `ma`",
                )
            )
            resolved.append(appendix)
            continue
        table = Bang(
            tieu_de=layout.get("tieu_de_bang"),
            cot=layout_columns(layout),
            dong=list(appendix.dong),
            tong_cong=layout.get("tong_cong", False),
            de_trong=layout.get("de_trong", False),
            ghi_chu=layout.get("ghi_chu"),
            co_chu=layout.get("co_chu"),
        )
        resolved.append(
            appendix.model_copy(
                update={
                    "tieu_de": appendix.tieu_de or layout["tieu_de"],
                    "huong": layout.get("huong", appendix.huong),
                    "bang": [table, *appendix.bang],
                    "dong": [],
                }
            )
        )
    return resolved


def apply_kind(report: BaoCao, tree: Any) -> tuple[BaoCao, dict[str, Any], list[Diagnostic]]:
    """Return the report with the kind's titles and tables filled in, its figures with totals, and problems."""
    diagnostics: list[Diagnostic] = []
    kind = load_kind(report.loai)
    if kind is None:
        close = difflib.get_close_matches(report.loai, kind_names(), n=1, cutoff=0.4)
        diagnostics.append(
            Diagnostic(
                "D108",
                f"không có loại báo cáo «{report.loai}».",
                location_of(tree, ("loai",)),
                report.loai,
                f"có phải «{close[0]}»? (xem `baocao templates`)" if close else "xem danh sách bằng `baocao templates`",
            )
        )
        return report, dict(report.so_lieu), diagnostics
    if report.he_thong not in kind.he_thong:
        diagnostics.append(
            Diagnostic(
                "D108",
                f"loại báo cáo «{kind.ma}» chỉ dùng cho hệ thống văn bản: {', '.join(kind.he_thong)}.",
                location_of(tree, ("he_thong",)),
                report.he_thong,
            )
        )
    diagnostics.extend(_check_figures(kind, report.so_lieu, tree))
    figures, problems = compute_figures(kind, report.so_lieu)
    for path, message in problems:
        diagnostics.append(
            Diagnostic("D123", message, location_of(tree, ("so_lieu", *path.split("."))), severity=Severity.WARNING)
        )
    codes = kind.sections_by_code()
    seen: set[str] = set()
    models = [Muc(tieu_de=model.ten, van_ban=model.van_ban) for model in report.mo_hinh]
    sections = _resolve_sections(report.noi_dung, codes, ("noi_dung",), tree, seen, diagnostics, models)
    figures.setdefault("danh_sach", {})["mo_hinh"] = len(report.mo_hinh)
    for code, section in codes.items():
        if section.bat_buoc and code not in seen:
            diagnostics.append(
                Diagnostic(
                    "D107",
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
