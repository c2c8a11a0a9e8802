"""Units with long real place names and long cơ quan lines, for the header-layout tests.

Each case is a place (địa danh) with the header lines a State and a Party body there would print.
Some cannot fit both sides on one line at FORMAT.md's sizes (Thành phố Hồ Chí Minh in the Party
header: 301 pt of date line beside 240 pt of "ĐẢNG BỘ THÀNH PHỐ HỒ CHÍ MINH"): there the date line must
still be one line, and the cơ quan line that wraps is named in a warning.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from conftest import write_tree


@dataclass(frozen=True)
class Unit:
    place: str
    state_upper: tuple[str, ...]
    state_issuer: tuple[str, ...]
    party_upper: tuple[str, ...]
    party_issuer: tuple[str, ...]


UNITS = (
    Unit(
        "Nghĩa Hành",
        ("UBND TỈNH QUẢNG NGÃI",),
        ("ỦY BAN NHÂN DÂN", "HUYỆN NGHĨA HÀNH"),
        ("ĐẢNG BỘ TỈNH QUẢNG NGÃI",),
        ("HUYỆN ỦY NGHĨA HÀNH",),
    ),
    Unit(
        "Phước Hưng Đông",
        ("UBND HUYỆN CẦN GIUỘC",),
        ("ỦY BAN NHÂN DÂN", "XÃ PHƯỚC HƯNG ĐÔNG"),
        ("ĐẢNG BỘ HUYỆN CẦN GIUỘC",),
        ("ĐẢNG ỦY XÃ PHƯỚC HƯNG ĐÔNG",),
    ),
    Unit(
        "Thành phố Hồ Chí Minh",
        (),
        ("ỦY BAN NHÂN DÂN", "THÀNH PHỐ HỒ CHÍ MINH"),
        ("ĐẢNG BỘ THÀNH PHỐ HỒ CHÍ MINH",),
        ("THÀNH ỦY",),
    ),
    Unit(
        "Buôn Ma Thuột",
        ("UBND TỈNH ĐẮK LẮK",),
        ("ỦY BAN NHÂN DÂN", "THÀNH PHỐ BUÔN MA THUỘT"),
        ("ĐẢNG BỘ TỈNH ĐẮK LẮK",),
        ("THÀNH ỦY BUÔN MA THUỘT",),
    ),
    Unit(
        "Thị trấn Phong Điền",
        ("UBND HUYỆN PHONG ĐIỀN",),
        ("ỦY BAN NHÂN DÂN THỊ TRẤN PHONG ĐIỀN",),
        ("ĐẢNG BỘ HUYỆN PHONG ĐIỀN",),
        ("ĐẢNG ỦY THỊ TRẤN PHONG ĐIỀN",),
    ),
    Unit(
        "Đắk Glong",
        ("UBND TỈNH ĐẮK NÔNG",),
        ("ỦY BAN NHÂN DÂN", "HUYỆN ĐẮK GLONG"),
        ("ĐẢNG BỘ TỈNH ĐẮK NÔNG",),
        ("HUYỆN ỦY ĐẮK GLONG",),
    ),
    Unit(
        "Phan Rang - Tháp Chàm",
        ("UBND TỈNH NINH THUẬN",),
        ("ỦY BAN NHÂN DÂN", "THÀNH PHỐ PHAN RANG - THÁP CHÀM"),
        ("ĐẢNG BỘ TỈNH NINH THUẬN",),
        ("THÀNH ỦY PHAN RANG - THÁP CHÀM",),
    ),
    Unit(
        "Lục Bình",
        ("ĐẢNG ỦY XÃ LỤC BÌNH",),
        ("ỦY BAN NHÂN DÂN XÃ LỤC BÌNH",),
        ("ĐẢNG ỦY XÃ LỤC BÌNH",),
        ("BCĐ THỰC HIỆN QCDC Ở CƠ SỞ", "VÀ PHÒNG TRÀO DÂN VẬN KHÉO"),
    ),
)
DATES = {"ngay-trong": "{thang: 12, nam: 2021}", "ngay-du": "28/12/2021"}
SYSTEMS = ("nha_nuoc", "dang")
HEADER_CASES = [(unit, system, date) for unit in UNITS for system in SYSTEMS for date in DATES]


def case_id(case: tuple[Unit, str, str]) -> str:
    unit, system, date = case
    return f"{unit.place}-{system}-{date}"


def _yaml_list(lines: tuple[str, ...]) -> str:
    return "[" + ", ".join(f'"{line}"' for line in lines) + "]"


def write_case(folder: Path, unit: Unit, system: str, date: str) -> Path:
    """Write the profile and one period file of `unit` into `folder`; return the period file."""
    state = system == "nha_nuoc"
    upper, issuer = (unit.state_upper, unit.state_issuer) if state else (unit.party_upper, unit.party_issuer)
    signer = (
        "  tham_quyen: TM.\n  thay_mat: Ủy ban nhân dân\n  chuc_vu: Chủ tịch\n"
        if state
        else "  tham_quyen: T/M\n  thay_mat: Ban Thường vụ\n  chuc_vu: Phó Bí thư\n"
    )
    profile = (
        f"he_thong: {system}\n"
        f"co_quan_chu_quan: {_yaml_list(upper)}\n"
        f"co_quan_ban_hanh: {_yaml_list(issuer)}\n"
        f"viet_tat: {'UBND' if state else 'HU'}\n"
        f'dia_danh: "{unit.place}"\n'
        "nguoi_ky:\n" + signer + "  ho_ten: Nguyễn Văn An\n"
    )
    period = (
        "ke_thua: don-vi.yaml\n"
        f"ngay: {DATES[date]}\n"
        "trich_yeu: Kết quả công tác dân vận năm 2021\n"
        "noi_dung:\n"
        "  - tieu_de: Kết quả\n"
        "    van_ban: Đoạn văn thứ nhất.\n"
        # A State closing ends with “./.”, a Party one with a full stop (validate warns otherwise).
        f"ket_thuc: Trên đây là báo cáo kết quả công tác dân vận năm 2021.{'/.' if state else ''}\n"
        "noi_nhan:\n"
        "  - Cấp trên\n"
        f"luu: {'VT' if state else 'Văn phòng'}\n"
    )
    write_tree(folder, {"don-vi.yaml": profile, "bao-cao.yaml": period})
    return folder / "bao-cao.yaml"
