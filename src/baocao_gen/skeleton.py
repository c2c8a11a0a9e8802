"""`baocao init`: commented skeletons for a new unit and period, and the next period from the last.

A skeleton is YAML text written for a clerk: every key explained in Vietnamese with an example, the
kind's whole outline with each section's suggested content, and every value to type marked
`<điền …>`. `validate` refuses a file while a mark is left, so nothing half-filled gets printed.

`--from LAST.yaml` keeps the unit, the structure and the prose of the last period, moves the year
forward, blanks the number and the day, and marks each figure to be re-entered (with last period's
value in a comment). It edits the clerk's own text in place (by the positions the loader recorded),
so comments and layout survive.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from .diagnostics import Diagnostic, Location
from .kinds import Kind, KindSection, layout_columns
from .loader import YList, YMap, YStr, load_text
from .model import PARTY_AUTHORITIES, STATE_AUTHORITIES
from .schema import PROFILE_SCHEMA_FILE, schema_file_name

__all__ = ["next_period", "period_skeleton", "profile_skeleton"]

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
        cells = ", ".join("<điền số>" if leaf.kieu in ("so", "dem", "ti_le") and i else "<điền>" for i, leaf in enumerate(typed))
        lines.append(f"  - ma: {code}             # {layout['tieu_de']}")
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
        f"trich_yeu: {mau.get('trich_yeu', '<điền trích yếu>')}",
        "mo_dau:",
        "  can_cu:                     # văn bản cấp trên yêu cầu báo cáo",
        "    - loai: Công văn",
        "      so: <điền số hiệu>       # ví dụ: 1172/UBND",
        "      ngay: <điền ngày>        # ví dụ: 06/6/2023",
        "      cua: <điền cơ quan>",
        f"      ve: {mau.get('can_cu_ve', '<điền nội dung văn bản>')}",
        f"  bao_cao: {_quote(mau.get('bao_cao', '<điền tên đơn vị> báo cáo kết quả thực hiện như sau:'))}",
    ]
    if not state:
        lines.append("  cung_doan: có                # câu báo cáo nối tiếp đoạn căn cứ")
    if kind.so_lieu:
        lines.append("so_lieu:                      # chỉ gõ số (1.836; 1.626,5); các tổng do công cụ cộng")
        lines.extend(_figures_yaml(kind.so_lieu, 2))
    if kind.de_cuong:
        lines.append("noi_dung:                     # các mục theo đề cương chuẩn; thêm mục riêng thì bỏ `ma`, ghi `tieu_de`")
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
    lines.append(f"ket_thuc: {mau.get('ket_thuc', '<điền tên đơn vị> kính báo cáo' + ('./.' if state else '.'))}")
    lines += [
        "noi_nhan:                     # không gõ dấu ; hoặc , cuối dòng: công cụ tự thêm",
        "  - <điền nơi nhận>",
        f"luu: {'VT' if state else '<điền nơi lưu>'}                 # {'Lưu: VT.' if state else 'ví dụ: Văn phòng Đảng ủy → Lưu Văn phòng Đảng ủy.'}",
    ]
    if kind.phu_luc:
        lines.extend(_appendices_yaml(kind))
    return "\n".join(lines) + "\n"


def _replacements_for_next(tree: YMap) -> list[tuple[tuple[int, int, int, int], Any]]:
    """Return (span, new text) edits that turn last period's file into the next one's."""
    edits: list[tuple[tuple[int, int, int, int], Any]] = []

    def figures(node: Any) -> None:
        if isinstance(node, YMap):
            for value in node.values():
                figures(value)
        elif isinstance(node, YList):
            for value in node:
                figures(value)
        elif isinstance(node, YStr) and node.span and not node.is_null:
            # quoted, so that it stays valid YAML inside `{…}` flow mappings too
            edits.append((node.span, _quote(f"<điền số, kỳ trước: {node}>")))

    if isinstance(tree.get("so_lieu"), YMap):
        figures(tree["so_lieu"])
    number = tree.get("so")
    if isinstance(number, YStr) and number.span and not number.is_null:
        edits.append((number.span, ""))
    period = tree.get("ky")
    if isinstance(period, YMap) and isinstance(period.get("nam"), YStr) and period["nam"].span:
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
    summary = tree.get("trich_yeu")
    if isinstance(summary, YStr) and summary.span:
        edits.append((summary.span, _next_years))  # applied to the text as typed, whatever its YAML style
    return edits


def _next_years(raw: str) -> str:
    return _YEAR.sub(lambda m: str(int(m.group()) + 1), raw)


def _apply(text: str, edits: list[tuple[tuple[int, int, int, int], Any]]) -> str:
    """Apply (span, replacement) edits from the end backwards; a callable replacement maps the old text."""
    lines = text.splitlines(keepends=True)
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line))
    for (line, column, end_line, end_column), new in sorted(edits, key=lambda e: (e[0][0], e[0][1]), reverse=True):
        start = offsets[line] + column
        end = offsets[end_line] + end_column
        replacement = new(text[start:end]) if callable(new) else new
        text = text[:start] + replacement + text[end:]
    return text


def next_period(last: Path) -> tuple[str | None, list[Diagnostic]]:
    """Return the text of the next period's file made from `last`, or the problems that prevent it."""
    try:
        text = last.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        return None, [Diagnostic("D100", f"không đọc được tệp kỳ trước ({exc}).", Location(str(last)))]
    tree, problems = load_text(text, str(last))
    if tree is None or not isinstance(tree, YMap):
        return None, problems or [Diagnostic("D108", "tệp kỳ trước không phải bảng khóa: giá trị.", Location(str(last)))]
    new_text = _apply(text, _replacements_for_next(tree))
    header = (
        f"# Tạo từ {last.name} bằng `baocao init --from`: giữ đơn vị, đề cương và văn bản của kỳ trước.\n"
        "# Việc cần làm: điền lại mọi số liệu <điền số> (số kỳ trước ghi ở chú thích), ngày tháng, và sửa văn bản\n"
        "# cho đúng kỳ mới (năm, sự việc). `baocao validate` báo mọi chỗ còn <điền …>.\n"
    )
    return header + new_text, []
