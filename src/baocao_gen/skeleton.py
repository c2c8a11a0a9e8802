"""`baocao init`: commented skeletons for a new unit and period, and the next period from the last.

A skeleton is YAML text written for a clerk: every key explained in Vietnamese with an example, the
kind's whole outline with each section's suggested content, and every value to type marked
`<điền …>`. `validate` refuses a file while a mark is left, so nothing half-filled gets printed.

`--from LAST.yaml` keeps the unit, the structure and the prose of the last period, moves the year
forward and blanks the number and the day. What cannot be guessed is marked with the same `<điền …>`
marks, each carrying last period's value: every figure (`<điền số, kỳ trước: 113>`), and every date
and year of the last period left in the prose, headings, căn cứ and closing (`<điền năm, kỳ trước:
2023>`), since a 2024 report that still says 2023 must not validate. The clerk replaces the whole
mark, with the old value when it is still right. It edits the clerk's own text in place (by the
positions the loader recorded), so comments and layout survive; and it makes `ke_thua` resolve from
the new file's folder, by copying the profile or pointing back at it.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .codes import Code
from .comparison import PREVIOUS_KEY
from .diagnostics import Diagnostic, Location
from .kinds import GENERIC, Kind, KindSection, layout_columns
from .loader import INHERIT_KEY, YList, YMap, YStr, load_data, load_text
from .model import PARTY_AUTHORITIES, STATE_AUTHORITIES
from .schema import PROFILE_SCHEMA_FILE, schema_file_name
from .spreadsheet import FILE_KEY
from .vietnamese import VietnameseValueError, parse_number

__all__ = [
    "SYSTEM_NAMES", "InitRefused", "NextPeriod", "next_period", "period_skeleton", "profile_skeleton", "system_of", "with_schema_line",
]  # fmt: skip

SYSTEM_NAMES = {"nha_nuoc": "Nhà nước", "dang": "Đảng"}
"""How a clerk names each document system (`he_thong`)."""

_YEAR = re.compile(r"\b(19[5-9]\d|20\d\d)\b")


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def profile_skeleton(system: str) -> str:
    """Return a commented unit profile (don-vi.yaml) for a document system."""
    state = system == "nha_nuoc"
    authority = STATE_AUTHORITIES[0] if state else PARTY_AUTHORITIES[0]
    return f"""# yaml-language-server: $schema=./{PROFILE_SCHEMA_FILE}
# Hồ sơ đơn vị: thông tin ít thay đổi, dùng lại cho mọi kỳ báo cáo (tệp kỳ báo cáo ghi `ke_thua: don-vi.yaml`).
# Thay mọi chỗ <điền …> rồi chạy `baocao validate <tệp kỳ báo cáo>`.
he_thong: {system}                       # nha_nuoc (NĐ 30/2020) hoặc dang (HD 36-HD/VPTW)
co_quan_chu_quan: <điền tên cơ quan cấp trên>      # ví dụ: {"UBND HUYỆN BA TƠ" if state else "ĐẢNG BỘ TỈNH QUẢNG NGÃI"}
co_quan_ban_hanh: <điền tên cơ quan ban hành>      # ví dụ: {"ỦY BAN NHÂN DÂN XÃ BA TÔ" if state else "ĐẢNG ỦY XÃ LỤC BÌNH"}; dài thì viết danh sách dòng
viet_tat: <điền chữ viết tắt>            # trong số, ký hiệu: {"UBND → Số: 05/BC-UBND" if state else "ĐU → Số 12-BC/ĐU"}
dia_danh: <điền địa danh>                # ở dòng ngày tháng, ví dụ: Ba Tô
ten_goi: <điền tên gọi>                  # cách văn bản tự gọi mình, ví dụ: {"UBND xã Ba Tô" if state else "Đảng ủy xã Lục Bình"}
nguoi_ky:
  tham_quyen: {authority}                  # {"TM. KT. TL. TUQ. Q." if state else "T/M K/T T/L"}; để trống nếu người đứng đầu ký thẳng
  thay_mat: <điền tập thể thay mặt>      # ví dụ: {"ỦY BAN NHÂN DÂN" if state else "ĐẢNG ỦY"}
  chuc_vu: <điền chức vụ>                # ví dụ: {"CHỦ TỊCH" if state else "PHÓ BÍ THƯ"}; nhiều dòng: [PHÓ BÍ THƯ, kiêm, PHÓ TRƯỞNG BAN]
  ho_ten: <điền họ tên>
"""


def _sections_yaml(sections: tuple[KindSection, ...], indent: int) -> list[str]:
    pad = " " * indent
    lines: list[str] = []
    for section in sections:
        optional = "" if section.bat_buoc else "  (không bắt buộc: xóa cả mục nếu không có)"
        lines.append(f"{pad}- ma: {section.ma}                # {section.tieu_de}{optional}")
        if section.muc:
            lines.append(f"{pad}  muc:")
            lines.extend(_sections_yaml(section.muc, indent + 4))
        else:
            hint = section.goi_y or f"nội dung mục “{section.tieu_de}”"
            lines.append(f"{pad}  van_ban: |")
            lines.append(f"{pad}    <điền: {hint}>")
    return lines


def _figures_yaml(tree: dict[str, Any], indent: int) -> list[str]:
    pad = " " * indent
    lines: list[str] = []
    for key, value in tree.items():
        if isinstance(value, dict):
            lines.append(f"{pad}{key}:")
            lines.extend(_figures_yaml(value, indent + 2))
        else:
            note = "; không có thì xóa <điền số>, để trống" if value.de_trong else ""
            lines.append(f"{pad}{key}: <điền số>        # {value.mo_ta}{note}")
    return lines


def _appendices_yaml(kind: Kind) -> list[str]:
    from .tables import leaf_columns

    lines = ["phu_luc:                  # các phụ lục của loại báo cáo; xóa phụ lục không dùng"]
    for code, layout in kind.phu_luc.items():
        leaves = leaf_columns(layout_columns(layout))
        # Serial-number columns are numbered by the tool and may be left out of a row; whatever is
        # typed there replaces 1, 2, 3…, so the skeleton must not ask for them.
        typed = [leaf for leaf in leaves if leaf.kieu != "stt"]
        serials = [leaf.ten or "số thứ tự" for leaf in leaves if leaf.kieu == "stt"]
        names = ", ".join(leaf.ten or "(cột không tên)" for leaf in typed)
        if serials:
            names += f" (không gõ cột {', '.join(serials)}: công cụ tự đánh số)"
        cells = ", ".join(
            "<điền số>" if leaf.kieu in ("so", "dem", "ti_le") and i else "<điền>"
            for i, leaf in enumerate(typed)
        )
        lines.append(f"  - ma: {code}             # {layout.tieu_de}")
        lines.append(f"    dong:                  # mỗi dòng: {names}")
        lines.append(f"      - [{cells}]")
    return lines


def period_skeleton(kind: Kind, system: str) -> str:
    """Return a commented period file for `kind` that extends don-vi.yaml."""
    mau = kind.mau
    state = system == "nha_nuoc"
    lines = [
        f"# yaml-language-server: $schema=./{schema_file_name(kind.ma)}",
        f"# {kind.ten} — bộ khung do `baocao init {kind.ma}` tạo.",
        "# Thay mọi chỗ <điền …> bằng nội dung thật, xóa các mục không bắt buộc không dùng, rồi chạy:",
        "#   baocao validate <tệp này>      và      baocao render <tệp này>",
        "# Cách viết văn bản: mỗi dòng một đoạn; - gạch đầu dòng; *nghiêng*; **đậm**; [^tên] chú thích;",
        "# {tên.số_liệu} số liệu; [[nq25]] trích dẫn. Không gõ số mục, chữ cái điểm, dòng tổng: công cụ tự tính.",
        "ke_thua: don-vi.yaml          # hồ sơ đơn vị (cơ quan, địa danh, người ký)",
        f"loai: {kind.ma}",
        "ky:",
        "  nam: <điền năm>",
        "  giai_doan: <điền kỳ>        # ví dụ: 6 tháng đầu năm; năm",
        "so:                           # số văn bản; để trống để văn thư ghi tay sau khi ký",
        "ngay: {thang: <điền tháng>, nam: <điền năm>}   # ngày để trống cho văn thư; hoặc ghi đủ: 05/6/2023",
        f"trich_yeu: {mau.trich_yeu or '<điền trích yếu>'}",
        "mo_dau:",
        "  can_cu:                     # văn bản cấp trên yêu cầu báo cáo",
        "    - loai: Công văn",
        "      so: <điền số hiệu>       # ví dụ: 1172/UBND",
        "      ngay: <điền ngày>        # ví dụ: 06/6/2023",
        "      cua: <điền cơ quan>",
        f"      ve: {mau.can_cu_ve or '<điền nội dung văn bản>'}",
        f"  bao_cao: {_quote(mau.bao_cao or '<điền tên đơn vị> báo cáo kết quả thực hiện như sau:')}",
    ]
    if not state:
        lines.append("  cung_doan: có                # câu báo cáo nối tiếp đoạn căn cứ")
    if kind.so_lieu:
        lines.append("so_lieu:                      # chỉ gõ số (1.836; 1.626,5); các tổng do công cụ cộng")
        lines.extend(_figures_yaml(kind.so_lieu, 2))
    if kind.de_cuong:
        lines.append(
            "noi_dung:                     # các mục theo đề cương chuẩn; thêm mục riêng thì bỏ `ma`, ghi `tieu_de`"
        )
        lines.extend(_sections_yaml(kind.de_cuong, 2))
    else:
        lines += [
            "noi_dung:",
            "  - tieu_de: <điền tiêu đề mục>",
            "    van_ban: |",
            "      <điền nội dung>",
        ]
    if any(section.danh_sach == "mo_hinh" for section in kind.sections_by_code().values()):
        lines += [
            "mo_hinh:                      # các mô hình “Dân vận khéo”; công cụ liệt kê a), b), c)… trong mục của đề cương",
            "  - ten: <điền tên mô hình>     # ví dụ: Mô hình “Bánh xe tuyên truyền” của Đoàn xã",
            "    van_ban: |",
            "      - <điền: mục đích, cách làm, kết quả>",
        ]
    lines.append(f"ket_thuc: {mau.ket_thuc or '<điền tên đơn vị> kính báo cáo' + ('./.' if state else '.')}")
    lines += [
        "noi_nhan:                     # không gõ dấu ; hoặc , cuối dòng: công cụ tự thêm",
        "  - <điền nơi nhận>",
        f"luu: {'VT' if state else '<điền nơi lưu>'}                 # {'Lưu: VT.' if state else 'ví dụ: Văn phòng Đảng ủy → Lưu Văn phòng Đảng ủy.'}",
    ]
    if kind.phu_luc:
        lines.extend(_appendices_yaml(kind))
    return "\n".join(lines) + "\n"


class InitRefused(Exception):
    """The next period cannot be made as asked (a contradiction with the last file); the message is Vietnamese."""


@dataclass
class NextPeriod:
    """The next period's file, and what `init` must do and say besides writing it."""

    text: str
    kind: str  # the last file's kind (`loai`), "chung" when it names none
    system: str | None  # the last file's document system, with its profile; None when unknown
    profile_copy: tuple[Path, Path] | None = None  # (profile of the last period, where to copy it)
    profile: Path | None = None  # the profile the new file extends, once written
    notes: list[str] = field(default_factory=list)  # what the clerk is told after writing
    figures: int = 0  # figures marked to be typed again
    dates: int = 0  # years and dates of the last period marked to be confirmed or changed


Edit = tuple[tuple[int, int, int, int], Any]
"""(span, new text): a replacement of the text typed at span; a callable new text maps the old one."""

# A date or a year, as clerks write them in prose: the long form of the date line, 06/6/2023 (also
# with "." or "-"), 2023-06-06, a month 6/2023 (not a document number such as 04/2015/NĐ-CP), a year.
_DATE_OR_YEAR = re.compile(
    r"\b\d{1,2}[ \t]+tháng[ \t]+\d{1,2}[ \t]+năm[ \t]+(?P<long>\d{4})\b"
    r"|\b\d{1,2}(?P<sep>[/.-])\d{1,2}(?P=sep)(?P<dmy>\d{4})\b"
    r"|\b(?P<iso>\d{4})-\d{1,2}-\d{1,2}\b"
    r"|\b\d{1,2}/(?P<month>\d{4})\b(?!/)"
    r"|\b(?P<year>(?:19|20)\d\d)\b"
)
_WHAT = {"long": "ngày", "dmy": "ngày", "iso": "ngày", "month": "tháng", "year": "năm"}
# Keys whose values are codes, switches or layout, never prose with a date in it.
_NOT_PROSE = frozenset(
    {
        "ke_thua",
        "he_thong",
        "loai",
        "danh_so",
        "ma",
        "kieu",
        "can",
        "huong",
        "rong",
        "tong",
        "de_trong",
        "co_chu",
        "cung_doan",
        "in_nghieng",
    }
)
_REVIEW = "<điền {what}, kỳ trước: {old}>"
"""A review mark: what to type, and what the last period said (retyped as is when still right)."""


def _period_years(tree: YMap) -> range | None:
    """Return the years that belong to the last period: its year(s), and the next one it planned for.

    Earlier years are history (a 2013 resolution stays 2013); the period's own year and the year after
    it ("nhiệm vụ năm 2025" in a 2024 report) are what the next period has to change.
    """
    found: list[int] = []
    period = tree.get("ky")
    if (
        isinstance(period, YMap)
        and isinstance(period.get("nam"), YStr)
        and str(period["nam"]).strip().isdigit()
    ):
        found.append(int(period["nam"]))
    day = tree.get("ngay")
    if isinstance(day, YMap) and isinstance(day.get("nam"), YStr) and str(day["nam"]).strip().isdigit():
        found.append(int(day["nam"]))
    elif isinstance(day, YStr) and not day.is_null:
        found += [int(year) for year in _YEAR.findall(str(day))[-1:]]
    if not found and isinstance(tree.get("trich_yeu"), YStr):
        found += [int(year) for year in _YEAR.findall(str(tree["trich_yeu"]))]
    if not found:
        return None
    return range(min(found), max(found) + 2)


def _review(text: str, years: range, move_years: bool = False) -> tuple[str, int]:
    """Return `text` with each date and year of the last period marked for review, and how many.

    With `move_years`, a bare year is moved forward by one instead (the summary line: its years follow
    the period); a full date is still marked, since the day cannot be guessed.
    """
    count = 0

    def replace(match: re.Match[str]) -> str:
        nonlocal count
        group = next(name for name in _WHAT if match.group(name))
        if int(match.group(group)) not in years:
            return match.group()
        if group == "year" and move_years:
            return str(int(match.group()) + 1)
        count += 1
        return _REVIEW.format(what=_WHAT[group], old=match.group())

    return _DATE_OR_YEAR.sub(replace, text), count


def _scalar_edit(node: YStr, change: Any) -> Edit | None:
    """Return the edit that applies `change` (str → str) to a value, keeping the file valid YAML.

    A mark has `:` and `,` in it, which a plain value (above all inside `{…}` or `[…]`) cannot hold:
    such a value is rewritten double-quoted. A `|` or `>` block is edited in place, which keeps the
    clerk's line layout; so is a value where only digits change.
    """
    if node.span is None or node.is_null:
        return None
    new = change(str(node))
    if new == str(node):
        return None
    if node.style in ("|", ">") or "<" not in new:
        return node.span, change
    return node.span, _quote(new)


def _review_edits(node: Any, years: range, edits: list[Edit], skip: frozenset[str] = frozenset()) -> int:
    """Add the edits marking the last period's dates in the prose under `node`; return how many marks.

    `skip` names keys of `node` itself that are handled elsewhere.
    """
    count = 0
    if isinstance(node, YMap):
        for key, value in node.items():
            if key in _NOT_PROSE or key in skip:
                continue
            if key == "can_cu" and isinstance(value, YList):
                count += sum(_reference_edits(item, years, edits) for item in value)
            elif key == "dong" and isinstance(value, YList):
                for row in value:
                    cells = row if isinstance(row, YList) else [row]
                    count += sum(_review_edits(cell, years, edits) for cell in cells if not _is_number(cell))
            elif key == "ky" and isinstance(value, YMap):
                count += _review_edits(value, years, edits, skip=frozenset({"nam"}))  # the year moves forward
            else:
                count += _review_edits(value, years, edits)
    elif isinstance(node, YList):
        count += sum(_review_edits(item, years, edits) for item in node)
    elif isinstance(node, YStr):
        found = _review(str(node), years)[1]
        edit = _scalar_edit(node, lambda text: _review(text, years)[0]) if found else None
        if edit is not None:
            edits.append(edit)
            count += found
    return count


def _reference_edits(item: Any, years: range, edits: list[Edit]) -> int:
    """Mark a căn cứ of the last period: its number (never right for a new period) and its dates."""
    if not isinstance(item, YMap):
        return _review_edits(item, years, edits)
    number = item.get("so")
    dated = any(
        _review(str(item[key]), years)[1] for key in ("ngay", "so") if isinstance(item.get(key), YStr)
    )
    if dated and isinstance(number, YStr) and number.span and not number.is_null:
        edits.append((number.span, _quote(_REVIEW.format(what="số hiệu", old=number))))
        return 1 + _review_edits(item, years, edits, skip=frozenset({"so"}))
    return _review_edits(item, years, edits)


def _is_number(cell: Any) -> bool:
    """Return whether a table cell is a figure (a count, an amount), which is data, not a date to review."""
    if not isinstance(cell, YStr) or cell.is_null:
        return True
    try:
        parse_number(str(cell))
    except VietnameseValueError:
        return False
    return True


def _figure_edits(node: Any, edits: list[Edit]) -> int:
    """Mark every figure to be typed again, with last period's value to compare with."""
    if isinstance(node, YMap | YList):
        return sum(
            _figure_edits(value, edits) for value in (node.values() if isinstance(node, YMap) else node)
        )
    if isinstance(node, YStr) and node.span and not node.is_null:
        # quoted, so that it stays valid YAML inside `{…}` flow mappings too
        edits.append((node.span, _quote(f"<điền số, kỳ trước: {node}>")))
        return 1
    return 0


def _date_line_edits(tree: YMap, edits: list[Edit]) -> None:
    """Blank the number and the day (the văn thư fills them after signing), move the years forward."""
    number = tree.get("so")
    if isinstance(number, YStr) and number.span and not number.is_null:
        edits.append((number.span, ""))
    period = tree.get("ky")
    if (
        isinstance(period, YMap)
        and isinstance(period.get("nam"), YStr)
        and period["nam"].span
        and str(period["nam"]).isdigit()
    ):
        edits.append((period["nam"].span, str(int(period["nam"]) + 1)))
    day = tree.get("ngay")
    if isinstance(day, YMap):
        for key in ("ngay", "thang"):
            if isinstance(day.get(key), YStr) and day[key].span:
                edits.append((day[key].span, "<điền tháng>" if key == "thang" else ""))
        if isinstance(day.get("nam"), YStr) and day["nam"].span and str(day["nam"]).isdigit():
            edits.append((day["nam"].span, str(int(day["nam"]) + 1)))
    elif isinstance(day, YStr) and day.span and not day.is_null:
        years = _YEAR.findall(str(day))
        year = int(years[-1]) + 1 if years else "<điền năm>"
        edits.append((day.span, f"{{thang: <điền tháng>, nam: {year}}}"))


def _apply(text: str, edits: list[Edit]) -> str:
    """Apply (span, replacement) edits from the end backwards; a callable replacement maps the old text."""
    lines = text.splitlines(keepends=True)
    offsets = [0]
    for typed_line in lines:
        offsets.append(offsets[-1] + len(typed_line))
    for (line, column, end_line, end_column), new in sorted(
        edits, key=lambda e: (e[0][0], e[0][1]), reverse=True
    ):
        start = offsets[line] + column
        end = offsets[end_line] + end_column
        replacement = new(text[start:end]) if callable(new) else new
        text = text[:start] + replacement + text[end:]
    return text


def system_of(path: Path) -> str | None:
    """Return the document system a file says, with the profiles it extends; None when it cannot tell."""
    tree, _ = load_data(path)
    system = tree.get("he_thong") if isinstance(tree, YMap) else None
    return str(system) if isinstance(system, YStr) and not system.is_null else None


def _plain_or_quoted(path: str) -> str:
    return path if re.fullmatch(r"[\w./-]+", path) else _quote(path)


def _previous_period_line(tree: YMap, last: Path, target: Path, edits: list[Edit]) -> str:
    """Point the new file's `ky_truoc` at the last period's file, so `{…|so_sanh}` compares with it.

    The path is relative to the new file's folder, with forward slashes (it reads the same on Windows).
    A `ky_truoc` the last file had is rewritten in place; otherwise a line is returned to put on top.
    """
    relative = Path(os.path.relpath(last.resolve(), target.parent.resolve())).as_posix()
    value = _plain_or_quoted(relative)
    typed = tree.get(PREVIOUS_KEY)
    if isinstance(typed, YStr) and typed.span is not None and not typed.is_null:
        edits.append((typed.span, value))
        return ""
    return f"{PREVIOUS_KEY}: {value}    # tệp kỳ trước: {{tên_số_liệu|so_sanh}} → «tăng 35 hồ sơ (7,2%) so với cùng kỳ»\n"


def _plan_profile(tree: YMap, last: Path, target: Path, plan: NextPeriod, edits: list[Edit]) -> None:
    """Make the new file's `ke_thua` resolve from its own folder: copy the profile or point back at it.

    A profile kept beside the last period's file is copied beside the new one (the new folder is then
    complete, and a change made for the new period, such as a new signer, does not rewrite last period's
    report). A profile kept elsewhere (shared by every period, or extending another) is pointed at.
    """
    reference = tree.get(INHERIT_KEY)
    if not isinstance(reference, YStr) or reference.is_null or reference.span is None:
        return
    source = (last.parent / str(reference)).resolve()
    folder = target.parent.resolve()
    if folder == last.parent.resolve():
        plan.profile = source
        return
    if not source.is_file():
        plan.notes.append(
            f"Không thấy hồ sơ đơn vị «{reference}» của kỳ trước: sửa dòng `ke_thua` của {target} cho đúng tệp hồ sơ."
        )
        return
    try:
        profile_tree, _ = load_text(source.read_text(encoding="utf-8-sig"), str(source))
    except (OSError, UnicodeDecodeError):
        profile_tree = None  # not copied: `validate` of the new file will say what is wrong with it
    chained = not isinstance(profile_tree, YMap) or INHERIT_KEY in profile_tree
    if source.parent == last.parent.resolve() and not chained:
        destination = target.parent / source.name
        if source.name != str(reference):
            edits.append((reference.span, _plain_or_quoted(source.name)))
        plan.profile = destination.resolve()
        if destination.exists():
            theirs, ours = system_of(destination), plan.system
            if theirs and ours and theirs != ours:
                raise InitRefused(
                    f"hồ sơ đơn vị có sẵn «{destination}» ghi he_thong: {theirs}, còn kỳ trước «{last}» là {ours}; "
                    "kiểm tra lại thư mục của kỳ mới (-o)."
                )
            plan.notes.append(f"Tệp mới kế thừa hồ sơ đơn vị có sẵn {destination} (không ghi đè).")
        else:
            plan.profile_copy = (source, destination)
            plan.notes.append(
                f"Đã chép hồ sơ đơn vị {source.name} của kỳ trước sang {destination}: "
                "sửa ở đó nếu kỳ này đổi người ký, tên cơ quan…"
            )
        return
    try:
        relative = Path(os.path.relpath(source, folder)).as_posix()
    except ValueError:  # another drive (Windows): only an absolute path reaches it
        relative = source.as_posix()
    if relative != str(reference):
        edits.append((reference.span, _plain_or_quoted(relative)))
    plan.profile = source
    plan.notes.append(f"Tệp mới kế thừa hồ sơ đơn vị của kỳ trước: ke_thua: {relative}")


_SCHEMA_LINE = re.compile(r"\s*#\s*yaml-language-server:\s*\$schema=")


def with_schema_line(text: str, schema_file: str) -> str:
    """Return `text` whose first line points an editor at `schema_file` (an older such line removed).

    Only the comments at the top are looked at: the same words further down may be a value.
    """
    lines = text.splitlines(keepends=True)
    top = 0
    while top < len(lines) and (not lines[top].strip() or lines[top].lstrip().startswith("#")):
        top += 1
    kept = [line for line in lines[:top] if not _SCHEMA_LINE.match(line)] + lines[top:]
    return f"# yaml-language-server: $schema=./{schema_file}\n" + "".join(kept)


def _without_old_header(text: str) -> str:
    """Drop the header an earlier `init --from` wrote, so that headers do not pile up year after year."""
    lines = text.splitlines(keepends=True)
    first = next((i for i, line in enumerate(lines) if not _SCHEMA_LINE.match(line)), len(lines))
    if first < len(lines) and lines[first].startswith("# Tạo từ ") and "`baocao init --from`" in lines[first]:
        end = first + 1
        while end < len(lines) and lines[end].startswith(_HEADER_CONTINUED):
            end += 1
        return "".join(lines[:first] + lines[end:])
    return text


def _header(plan: NextPeriod, last: Path, years: range | None) -> str:
    """Return the comment that opens the new file: where it comes from and what is left to do."""
    lines = [
        f"# Tạo từ {last.name} bằng `baocao init --from`: giữ đơn vị, đề cương và văn bản của kỳ trước.",
        "# Việc cần làm: thay mọi chỗ <điền …>, rồi chạy `baocao validate` (lệnh này báo mọi chỗ còn sót):",
    ]
    if plan.figures:
        lines.append(
            "# - <điền số, kỳ trước: 113>: gõ số liệu của kỳ này (số kỳ trước ghi kèm để đối chiếu);"
        )
    if plan.dates and years is not None:
        lines += [
            f"# - <điền năm, kỳ trước: {years.start}>, <điền ngày, kỳ trước: 06/6/{years.start}>: năm, ngày tháng của kỳ trước"
            " còn trong văn bản;",
            "#   thay cả dấu <…> bằng năm, ngày của kỳ này; nếu vẫn đúng (văn bản cũ còn hiệu lực…) thì gõ lại đúng như cũ.",
        ]
    lines.append(
        "# Đọc lại cả văn bản cho đúng kỳ mới: số hiệu văn bản, sự việc, tên người… công cụ không tự nhận ra."
    )
    return "\n".join(lines) + "\n"


_HEADER_CONTINUED = ("# Việc cần làm", "# - <điền", "#   thay cả dấu", "# Đọc lại cả văn bản")


def next_period(last: Path, target: Path) -> tuple[NextPeriod | None, list[Diagnostic]]:
    """Return the next period's file made from `last`, to be written at `target`, or the problems that
    prevent it. Raise `InitRefused` when the folder of `target` contradicts the last file."""
    try:
        text = last.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        return None, [
            Diagnostic(Code.UNREADABLE_DATA, f"không đọc được tệp kỳ trước ({exc}).", Location(str(last)))
        ]
    tree, problems = load_text(text, str(last))
    if tree is None or not isinstance(tree, YMap):
        return None, problems or [
            Diagnostic(Code.WRONG_TYPE, "tệp kỳ trước không phải bảng khóa: giá trị.", Location(str(last)))
        ]
    kind = tree.get("loai")
    kind_code = str(kind) if isinstance(kind, YStr) and not kind.is_null else GENERIC
    plan = NextPeriod(text="", kind=kind_code, system=system_of(last))
    edits: list[Edit] = []
    _plan_profile(tree, last, target, plan, edits)
    previous_line = _previous_period_line(tree, last, target, edits)
    figures = tree.get("so_lieu")
    if (
        isinstance(figures, YMap) and FILE_KEY in figures
    ):  # the figures are in a sheet: the clerk makes this period's
        plan.notes.append(
            f"Số liệu kỳ trước lấy từ bảng tính «{figures[FILE_KEY]}»: lập bảng tính của kỳ này rồi sửa dòng so_lieu."
        )
    elif isinstance(figures, YMap):
        plan.figures = _figure_edits(figures, edits)
    _date_line_edits(tree, edits)
    years = _period_years(tree)
    if years is not None:
        summary = tree.get("trich_yeu")
        edit = (
            _scalar_edit(summary, lambda raw: _review(raw, years, move_years=True)[0])
            if isinstance(summary, YStr)
            else None
        )
        if edit is not None:
            edits.append(edit)
            plan.dates += _review(str(summary), years, move_years=True)[1]
        plan.dates += _review_edits(
            tree, years, edits, skip=frozenset({"so", "ngay", "trich_yeu", "so_lieu"})
        )
    body = _without_old_header(_apply(text, edits))
    plan.text = with_schema_line(
        _header(plan, last, years) + previous_line + body, schema_file_name(plan.kind)
    )
    return plan, []
