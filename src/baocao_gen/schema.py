"""JSON Schema of the data files, generated from the model (never written by hand).

An editor with a YAML language server (VS Code's YAML extension) reads it through the first line of
a data file, `# yaml-language-server: $schema=…`, and then completes keys, shows each key's meaning
and underlines mistakes while the clerk types. For a report kind, the figures and the section codes
of its outline are listed too.
"""

from __future__ import annotations

import json
from typing import Any

from .kinds import Figure, kind_names, load_kind
from .model import BaoCao

__all__ = ["DESCRIPTIONS", "json_schema", "schema_text"]

# What each key means, shown by the editor on hover (Vietnamese, for the clerk).
DESCRIPTIONS: dict[str, str] = {
    "ke_thua": "Tệp hồ sơ đơn vị để kế thừa (đường dẫn tính từ thư mục của tệp này), ví dụ don-vi.yaml.",
    "he_thong": "Hệ thống văn bản: nha_nuoc (NĐ 30/2020) hoặc dang (HD 36-HD/VPTW).",
    "loai": "Loại báo cáo (đề cương, số liệu, câu chuẩn); xem `baocao templates`.",
    "co_quan_chu_quan": "Cơ quan chủ quản (Nhà nước) hoặc cấp trên trực tiếp (Đảng); một dòng hoặc danh sách dòng.",
    "co_quan_ban_hanh": "Tên cơ quan ban hành; một dòng hoặc danh sách dòng.",
    "viet_tat": "Chữ viết tắt của cơ quan trong ký hiệu: UBND → Số: 05/BC-UBND; HU → Số 374-BC/HU.",
    "dia_danh": "Địa danh ở dòng ngày tháng, ví dụ Ba Tô.",
    "ten_goi": "Cách văn bản tự gọi đơn vị, ví dụ UBND xã Ba Tô.",
    "so": "Số văn bản; để trống để văn thư ghi tay sau khi ký.",
    "loai_van_ban": "Ký hiệu loại văn bản (mặc định BC).",
    "ten_loai": "Tên loại văn bản (mặc định BÁO CÁO).",
    "ngay": "Ngày ký: 05/6/2023, hoặc {thang: 6, nam: 2023} để trống ngày, hoặc để trống.",
    "trich_yeu": "Trích yếu: dòng dưới tên loại văn bản.",
    "ky": "Kỳ báo cáo: nam (năm) và giai_doan (ví dụ 6 tháng đầu năm).",
    "mo_dau": "Đoạn mở đầu: văn bản tự do hoặc can_cu + bao_cao.",
    "danh_so": "Kiểu đánh số các cấp mục: phan, la_ma, so, so_phu, chu.",
    "noi_dung": "Các mục của phần thân; số mục do công cụ tính.",
    "ket_thuc": "Đoạn kết, ví dụ: UBND xã Ba Tô kính báo cáo./.",
    "noi_nhan": "Nơi nhận: danh sách, hoặc các nhóm {nhom, danh_sach}; không gõ dấu ; cuối dòng.",
    "luu": "Dòng lưu thêm cuối nơi nhận: VT (Nhà nước → Lưu: VT.), Văn phòng Huyện ủy (Đảng).",
    "nguoi_ky": "Người ký: tham_quyen, thay_mat, ky_thay, chuc_vu, ho_ten.",
    "so_lieu": "Số liệu (chỉ là số, viết kiểu Việt Nam: 1.836; 1.626,5). Văn bản dẫn bằng {tên.số_liệu}.",
    "chu_thich": "Nội dung chú thích chân trang theo tên; trong văn bản đặt [^tên].",
    "phu_luc": "Các phụ lục (mỗi phụ lục một trang riêng; huong: ngang cho bảng rộng).",
    "ma": "Mã mục trong đề cương của loại báo cáo (lấy tiêu đề chuẩn).",
    "tieu_de": "Tiêu đề (không gõ số mục).",
    "van_ban": "Văn bản: mỗi dòng một đoạn; - gạch đầu dòng; *nghiêng*; **đậm**; [^chú thích]; {số liệu}; [[trích dẫn]].",
    "muc": "Các mục con.",
    "bang": "Bảng: cot (cây tiêu đề cột), dong (các dòng số liệu), tong_cong.",
    "tham_quyen": "Nhà nước: TM. KT. TL. TUQ. Q. — Đảng: T/M K/T T/L.",
    "thay_mat": "Tập thể được thay mặt, ví dụ ỦY BAN NHÂN DÂN, BAN THƯỜNG VỤ.",
    "chuc_vu": "Chức vụ người ký; một dòng hoặc danh sách dòng.",
    "ho_ten": "Họ tên người ký.",
}


def _describe(node: Any) -> None:
    if isinstance(node, dict):
        for key, value in node.get("properties", {}).items():
            if key in DESCRIPTIONS and isinstance(value, dict):
                value.setdefault("description", DESCRIPTIONS[key])
        for value in node.values():
            _describe(value)
    elif isinstance(node, list):
        for value in node:
            _describe(value)


def _figures_schema(tree: dict[str, Any]) -> dict[str, Any]:
    """Return the schema of a kind's figures: the editor then underlines a blank the kind does not allow
    and a negative count as the clerk types them. Strings stay allowed: `1.836` and `1.626,5` are
    strings or floats to a YAML editor, and `validate` reads them the Vietnamese way."""
    properties = {}
    for key, value in tree.items():
        if isinstance(value, dict):
            properties[key] = _figures_schema(value)
            continue
        figure: Figure = value
        entry: dict[str, Any] = {"type": ["number", "string", "null"] if figure.de_trong else ["number", "string"]}
        if figure.is_count:
            entry["minimum"] = 0
            entry["description"] = f"{figure.mo_ta} (số đếm: số nguyên từ 0 trở lên)"
        else:
            entry["description"] = figure.mo_ta
        if figure.de_trong:
            entry["description"] += "; không có thì để trống"
        properties[key] = entry
    return {"type": "object", "properties": properties, "additionalProperties": False}


def json_schema(kind_code: str | None = None) -> dict[str, Any]:
    """Return the JSON Schema of a data file, narrowed to a report kind when one is named."""
    schema = BaoCao.model_json_schema(mode="validation")
    schema["title"] = "Tệp dữ liệu báo cáo baocao-gen"
    properties = schema["properties"]
    properties["ke_thua"] = {"type": "string"}
    properties["loai"]["enum"] = kind_names()
    # The date line also takes a plain date string such as 05/6/2023.
    properties["ngay"] = {"anyOf": [{"type": "string"}, {"type": "null"}, properties["ngay"]]}
    schema["required"] = [key for key in schema.get("required", []) if key not in ("co_quan_ban_hanh", "viet_tat", "dia_danh", "nguoi_ky", "he_thong")]
    kind = load_kind(kind_code) if kind_code else None
    if kind is not None:
        properties["loai"]["const"] = kind.ma
        if kind.so_lieu:
            properties["so_lieu"] = _figures_schema(kind.so_lieu)
        codes = sorted(kind.sections_by_code())
        if codes:
            schema["$defs"]["Muc"]["properties"]["ma"] = {"anyOf": [{"enum": codes}, {"type": "null"}]}
        if kind.phu_luc:
            schema["$defs"]["PhuLuc"]["properties"]["ma"] = {"anyOf": [{"enum": sorted(kind.phu_luc)}, {"type": "null"}]}
    _describe(schema)
    return schema


def schema_text(kind_code: str | None = None) -> str:
    """Return the schema as indented JSON text (stable key order, so files diff cleanly)."""
    return json.dumps(json_schema(kind_code), ensure_ascii=False, indent=2) + "\n"
