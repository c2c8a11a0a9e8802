"""The text of a roll-up summary: an ordinary, commented data file that a clerk edits.

Written as text, like `baocao init`'s skeletons, so that each figure carries its addition as a comment
(`kinh_te: 9   # = 3 + 2 + 4 (3 đơn vị)`) and each section of the outline says which units wrote
about it. Values copied from the units (model names and texts, table cells) go through PyYAML, which
quotes whatever needs quoting; everything the clerk must write is a `<điền …>` mark.
"""

from __future__ import annotations

import json
import os
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from .kinds import FIGURE_REFERENCE, Figure, Kind, KindSection, Percent, compute_figures
from .loader import YList, YMap, YStr, load_data
from .rollup import GENERATED_MARK, Unit, figure_paths, unit_value
from .skeleton import SYSTEM_NAMES, profile_skeleton
from .vietnamese import format_number

__all__ = ["summary_text"]

_PLAIN_NUMBER = re.compile(r"[0-9][0-9.]*")  # a comma would split a flow sequence's item
MAX_SHOWN_TERMS = 12
"""Past this many units, a figure's comment names the count, not every term (the appendix has them)."""


def _quote(text: str) -> str:
    """Return `text` as a YAML double-quoted scalar (a JSON string is one)."""
    return json.dumps(text, ensure_ascii=False)


class _Dumper(yaml.SafeDumper):
    """Literal blocks for prose (as a clerk writes it), never anchors or aliases (the loader refuses them)."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _str(dumper: yaml.SafeDumper, text: str) -> yaml.Node:
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style="|" if "\n" in text else None)


_Dumper.add_representer(str, _str)


def _dump(value: Any, indent: int) -> list[str]:
    text = yaml.dump(
        value, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1_000_000, default_flow_style=False
    )
    pad = " " * indent
    return [pad + line if line else line for line in text.rstrip("\n").split("\n")]


def _number(value: int | Decimal) -> str:
    return format_number(value)


def _period(units: list[Unit]) -> tuple[int | None, str | None]:
    ky = units[0].report.ky
    return (ky.nam, ky.giai_doan) if ky is not None else (None, None)


def _period_phrase(year: int | None, stage: str | None) -> str:
    if year is None:
        return ""
    if stage and stage.strip().casefold() != "năm":
        return f"{stage.strip()} {year}"
    return f"năm {year}"


def _relative(path: Path, start: Path) -> str:
    """Return `path` relative to the summary's folder, with `/` (the same text on every system)."""
    return os.path.relpath(path.resolve(), start.resolve()).replace(os.sep, "/")


def _header(kind: Kind, units: list[Unit], output: Path) -> list[str]:
    year, stage = _period(units)
    lines = [
        f"{GENERATED_MARK} từ {len(units)} đơn vị ({kind.ma}{', ' + _period_phrase(year, stage) if year else ''}):",
    ]
    lines += [
        f"#   {i}. {unit.name} — {_relative(unit.path, output.parent)}" for i, unit in enumerate(units, 1)
    ]
    lines += [
        "# - so_lieu: mỗi số là tổng của các đơn vị, phép cộng ghi ở cuối dòng. Số liệu để trống được (de_trong) thì",
        "#   chỉ cộng các đơn vị có số; đơn vị để trống (không có số liệu ấy) được nêu tên; cả các đơn vị cùng để trống",
        "#   thì số tổng cũng để trống.",
        "# - phu_luc: bảng số liệu của từng đơn vị, dòng «Tổng cộng» do công cụ cộng (bằng các số ở so_lieu).",
        "# - mo_hinh: mô hình của các đơn vị, tên đơn vị ghi trong ngoặc; xóa, sửa, chọn lọc tùy ý.",
        "# - Lời văn: mỗi mục là một chỗ <điền …>; ghi chú trên mục cho biết đơn vị nào đã viết về mục ấy (tệp:dòng).",
        "#   `baocao validate` báo lỗi D126 chừng nào còn chỗ <điền …>; điền xong thì `baocao render` như mọi tệp dữ liệu.",
        "# Đơn vị sửa số liệu thì chạy lại `baocao tong-hop` ra tệp khác (-o) rồi chép phần số liệu sang tệp này.",
    ]
    return lines


def _profile_lines(
    kind: Kind, units: list[Unit], output: Path, profile: Path | None
) -> tuple[list[str], YMap | None]:
    if profile is not None:
        tree, _ = load_data(profile)
        return [
            f"ke_thua: {_quote(_relative(profile, output.parent))}   # hồ sơ của cấp tổng hợp (cơ quan, người ký)"
        ], (tree if isinstance(tree, YMap) else None)
    systems: list[str] = [u.report.he_thong for u in units]
    system = max(kind.he_thong, key=lambda s: (systems.count(s), -kind.he_thong.index(s)))
    body = profile_skeleton(system).split("\n")
    kept = [line for line in body if line and not line.startswith("#")]
    note = f"# Cơ quan tổng hợp (không có --ho-so): văn bản {SYSTEM_NAMES.get(system, system)}; điền các chỗ <điền …>."
    return [note, *kept], None


def _figure_comment(dotted: str, figure: Figure, units: list[Unit]) -> tuple[str, str]:
    """Return the summed value as typed text (blank when no unit has one) and its provenance comment."""
    values: list[int | Decimal] = []
    blank: list[str] = []
    for unit in units:
        present, value = unit_value(unit.report, dotted)
        if value is None:
            blank.append(unit.name)
        else:
            values.append(value)
    if not values:
        return "", f"# cả {len(units)} đơn vị để trống (không có số liệu)"
    total = sum(values, start=0)
    terms = (
        " + ".join(_number(v) for v in values)
        if len(values) <= MAX_SHOWN_TERMS
        else f"tổng của {len(values)} số (xem phụ lục)"
    )
    counted = (
        f"{len(units)} đơn vị"
        if not blank
        else f"{len(values)}/{len(units)} đơn vị có số; để trống: {', '.join(blank)}"
    )
    return _number(total), f"# = {terms} ({counted})"


def _figures_lines(kind: Kind, units: list[Unit]) -> list[str]:
    figures = figure_paths(kind, units)
    if not figures:
        return []
    lines = [
        "so_lieu:                      # tổng của các đơn vị; các số tổng của loại báo cáo do công cụ cộng tiếp"
    ]
    opened: list[str] = []
    for dotted, figure in figures:
        parts = dotted.split(".")
        common = 0
        while common < min(len(opened), len(parts) - 1) and opened[common] == parts[common]:
            common += 1
        for depth in range(common, len(parts) - 1):
            lines.append(f"{'  ' * (depth + 1)}{parts[depth]}:")
        opened = parts[:-1]
        value, comment = _figure_comment(dotted, figure, units)
        key = f"{'  ' * len(parts)}{parts[-1]}:"
        lines.append(f"{key} {value}".ljust(40) + f"  {comment}")
    return lines


def _written_about(units: list[Unit], output: Path) -> dict[str, list[str]]:
    """Return, by section code, where each unit wrote that section (`Đảng ủy xã A (../xa-a.yaml:40)`).

    Paths are relative to the summary's folder, so the same units give the same text from any folder.
    """
    found: dict[str, list[str]] = {}

    def walk(items: Any, unit: Unit) -> None:
        if not isinstance(items, YList):
            return
        for item in items:
            if not isinstance(item, YMap):
                continue
            code = item.get("ma")
            if isinstance(code, YStr) and not code.is_null:
                found.setdefault(str(code), []).append(
                    f"{unit.name} ({_relative(unit.path, output.parent)}:{code.loc.line})"
                )
            walk(item.get("muc"), unit)

    for unit in units:
        walk(unit.tree.get("noi_dung"), unit)
    return found


def _wanted(section: KindSection, written: dict[str, list[str]]) -> bool:
    """Keep a section the outline requires, or one some unit wrote about: an empty optional one is noise."""
    return section.bat_buoc or section.ma in written or any(_wanted(s, written) for s in section.muc)


def _sections_lines(
    sections: tuple[KindSection, ...], written: dict[str, list[str]], indent: int
) -> list[str]:
    pad = " " * indent
    lines: list[str] = []
    for section in (s for s in sections if _wanted(s, written)):
        lines.append(f"{pad}- ma: {section.ma}                # {section.tieu_de}")
        if section.ma in written:
            lines.append(f"{pad}  # đã viết: {'; '.join(written[section.ma])}")
        children = [s for s in section.muc if _wanted(s, written)]
        if children:
            lines.append(f"{pad}  muc:")
            lines.extend(_sections_lines(section.muc, written, indent + 4))
            continue
        hint = section.goi_y or f"nội dung mục “{section.tieu_de}”"
        if section.danh_sach == "mo_hinh":
            hint += " (các mô hình ở `mo_hinh` dưới đây được liệt kê thành mục con)"
        lines += [f"{pad}  van_ban: |", f"{pad}    <điền phần tổng hợp: {hint}>"]
    return lines


def _with_own_figures(text: str, figures: dict[str, Any]) -> str:
    """Return a unit's text with its figure references (`{dong_gop.tien}`) replaced by the unit's own values.

    Copied as typed, `{dong_gop.tien}` would print the summed figure of the level above inside one
    unit's model. Standard sentences and other references are left for the summary to resolve.
    """

    def own(match: re.Match[str]) -> str:
        name, _, form = match.group(1).partition("|")
        node: Any = figures
        for part in name.split("."):
            node = node.get(part) if isinstance(node, dict) else None
        if not isinstance(node, int | Decimal) or isinstance(node, bool):
            return match.group(0)
        if isinstance(node, Percent):  # a unit's own rate (`ty_le` of the kind), printed 90,3%
            return node.text()
        return (
            f"0{node}" if form == "02" and isinstance(node, int) and 1 <= node < 10 else format_number(node)
        )

    return FIGURE_REFERENCE.sub(own, text)


def _models_lines(kind: Kind, units: list[Unit]) -> list[str]:
    models: list[dict[str, Any]] = []
    for unit in units:
        figures, _ = compute_figures(kind, unit.report.so_lieu)
        for model in unit.report.mo_hinh:
            entry: dict[str, Any] = {"ten": _with_own_figures(f"{model.ten} ({unit.name})", figures)}
            if model.van_ban:
                text = _with_own_figures(model.van_ban, figures)
                entry["van_ban"] = text if text.endswith("\n") else text + "\n"
            models.append(entry)
    if not models:
        return []
    return [
        "mo_hinh:                      # mô hình của các đơn vị (tên đơn vị trong ngoặc)",
        *_dump(models, 2),
    ]


def _column_name(figure: Figure) -> str:
    """Return a column heading from the kind's description: its first clause, capitalised."""
    text = figure.mo_ta.split("(")[0].split(",")[0].strip() or figure.mo_ta
    return text[:1].upper() + text[1:]


def _appendix_lines(kind: Kind, units: list[Unit]) -> list[str]:
    """Return one appendix: a table per figure group (mo_hinh, dang_ky…), a row per unit, the total computed."""
    year, stage = _period(units)
    groups: dict[str, list[tuple[str, Figure]]] = {}
    for dotted, figure in figure_paths(kind, units):
        groups.setdefault(dotted.split(".")[0], []).append((dotted, figure))
    tables: list[dict[str, Any]] = []
    for group, figures in groups.items():
        totals = [
            (t, parts)
            for t, parts in kind.tinh.items()
            if t.split(".")[0] == group and set(parts) <= {d for d, _ in figures}
        ]
        columns: list[dict[str, Any]] = [{"ten": "Đơn vị", "kieu": "chu"}]
        columns += [{"ten": _column_name(f), "kieu": "dem" if f.is_count else "so"} for _, f in figures]
        columns += [{"ten": "Tổng số", "kieu": "dem"} for _ in totals]
        rows = []
        for unit in units:
            cells = [unit.name]
            values = {d: unit_value(unit.report, d)[1] for d, _ in figures}
            cells += ["" if values[d] is None else _number(values[d]) for d, _ in figures]  # type: ignore[arg-type]
            cells += [_number(sum((values[p] or 0 for p in parts), start=0)) for _, parts in totals]
            rows.append(cells)
        table: dict[str, Any] = {"cot": columns, "dong": rows, "tong_cong": "có"}
        if any(f.de_trong for _, f in figures):
            table["de_trong"] = "có"
        tables.append(table)
    if not tables:
        return []
    title = "Số liệu của các đơn vị" + (f" {_period_phrase(year, stage)}" if year else "")
    lines = [
        "phu_luc:                      # một dòng một đơn vị; dòng «Tổng cộng» do công cụ cộng",
        f"  - tieu_de: {_quote(title)}",
        "    huong: ngang",
        "    bang:",
    ]
    for table in tables:
        lines.append("      - cot:")
        lines += [f"          - {{ten: {_quote(c['ten'])}, kieu: {c['kieu']}}}" for c in table["cot"]]
        lines.append("        dong:")
        lines += [f"          - [{', '.join(_cell(cell) for cell in row)}]" for row in table["dong"]]
        lines.append("        tong_cong: có")
        if "de_trong" in table:
            lines.append("        de_trong: có                # ô trống: đơn vị không có số liệu ấy")
    return lines


def _cell(text: str) -> str:
    """Return a table cell for a flow sequence: a plain number (`1.836`), else quoted (`"1.626,5"`, names)."""
    return text if _PLAIN_NUMBER.fullmatch(text) else _quote(text)


def summary_text(kind: Kind, units: list[Unit], output: Path, profile: Path | None) -> str:
    """Return the summary data file of `units` (all of `kind` and one period), to be written at `output`."""
    year, stage = _period(units)
    mau = kind.mau
    lines = _header(kind, units, output)
    profile_lines, profile_tree = _profile_lines(kind, units, output, profile)
    lines += profile_lines
    system = (
        str(profile_tree.get("he_thong"))
        if profile_tree is not None and profile_tree.get("he_thong")
        else units[0].report.he_thong
    )
    state = system == "nha_nuoc"
    lines.append(f"loai: {kind.ma}")
    if year is not None or stage is not None:
        lines.append("ky:                           # kỳ chung của các đơn vị")
        if year is not None:
            lines.append(f"  nam: {year}")
        if stage:
            lines.append(f"  giai_doan: {_quote(stage)}")
    trich_yeu = mau.trich_yeu or "<điền trích yếu>"
    if year is not None:
        trich_yeu = trich_yeu.replace("<điền năm sau>", str(year + 1)).replace("<điền năm>", str(year))
    own_name = str(profile_tree.get("ten_goi") or "") if profile_tree is not None else ""
    name = own_name or "<điền tên đơn vị>"
    lines += [
        "so:                           # số văn bản; để trống để văn thư ghi tay sau khi ký",
        f"ngay: {{thang: <điền tháng>, nam: {year if year is not None else '<điền năm>'}}}   # ngày để trống cho văn thư",
        f"trich_yeu: {_quote(trich_yeu)}",
        "mo_dau:",
        "  can_cu:                     # văn bản cấp trên yêu cầu báo cáo",
        "    - loai: Công văn",
        "      so: <điền số hiệu>",
        "      ngay: <điền ngày>        # ví dụ: 06/6/2025",
        "      cua: <điền cơ quan>",
        f"      ve: {_quote((mau.can_cu_ve or '<điền nội dung văn bản>').replace('<điền năm>', str(year or '<điền năm>')))}",
        f"  bao_cao: {_quote((mau.bao_cao or '<điền tên đơn vị> báo cáo kết quả thực hiện như sau:').replace('<điền tên đơn vị>', name))}",
    ]
    if not state:
        lines.append("  cung_doan: có")
    lines += _figures_lines(kind, units)
    written = _written_about(units, output)
    if kind.de_cuong:
        lines.append(
            "noi_dung:                     # đề cương của loại báo cáo; viết phần tổng hợp vào từng chỗ <điền …>"
        )
        lines += _sections_lines(kind.de_cuong, written, 2)
    else:
        lines += [
            "noi_dung:",
            "  - tieu_de: <điền tiêu đề mục>",
            "    van_ban: |",
            "      <điền nội dung tổng hợp>",
        ]
    lines += _models_lines(kind, units)
    lines.append(f"ket_thuc: {_quote(name + ' kính báo cáo' + ('./.' if state else '.'))}")
    if profile_tree is None or "noi_nhan" not in profile_tree:
        lines += [
            "noi_nhan:                     # không gõ dấu ; hoặc , cuối dòng: công cụ tự thêm",
            "  - <điền nơi nhận>",
        ]
    if profile_tree is None or "luu" not in profile_tree:
        lines.append(f"luu: {'VT' if state else '<điền nơi lưu>'}")
    lines += _appendix_lines(kind, units)
    return "\n".join(lines) + "\n"
