"""What each document system expects of each component: size range, emphasis, case, and the rule.

The values are FORMAT.md's tables (NĐ 30 Phụ lục I for the State, HD 36 for the Party); each entry
names the point of the regulation and the FORMAT.md section, which every finding repeats.
"""

from __future__ import annotations

from dataclasses import dataclass

from .findings import System

TWIPS_PER_MM = 1440 / 25.4
FONT = "Times New Roman"


def mm_text(twips: int) -> str:
    """Return twips as millimetres the way a clerk writes them: `20`, `12,7`."""
    return f"{twips / TWIPS_PER_MM:.1f}".rstrip("0").rstrip(".").replace(".", ",")


def pt_text(value: float) -> str:
    """Return a size in points with a decimal comma: `13`, `6,5`."""
    return f"{value:g}".replace(".", ",")


__all__ = ["FONT", "PROFILES", "TWIPS_PER_MM", "Expect", "Profile", "mm_text", "pt_text"]


@dataclass(frozen=True, slots=True)
class Expect:
    """One component: its Vietnamese name, size range (pt), emphasis (None: not regulated), case, rule."""

    name: str
    sizes: tuple[float, float]
    bold: bool | None
    italic: bool | None
    underline: bool | None
    upper: bool | None
    rule: str


@dataclass(frozen=True, slots=True)
class Profile:
    """The rules of one system."""

    margins: dict[str, tuple[float, float]]  # mm, per side
    page_rule: str
    margin_rule: str
    page_number_rule: str
    components: dict[str, Expect]
    body_sizes: tuple[float, float]
    body_rule: str
    number_rule: str
    date_rule: str
    authority_rule: str
    recipients_rule: str
    heading_rule: str
    marks: tuple[str, ...]
    other_marks: tuple[str, ...]


_ND = "NĐ 30 PL I phần I"
_FS = "FORMAT.md §1.2"
_FP = "FORMAT.md §2"

STATE = Profile(
    margins={"top": (20, 25), "bottom": (20, 25), "left": (30, 35), "right": (15, 20)},
    page_rule=f"{_ND} mục I.1–2; FORMAT.md §1.1",
    margin_rule=f"{_ND} mục I.3; FORMAT.md §1.1",
    page_number_rule=f"{_ND} mục I.7; FORMAT.md §1.1",
    components={
        "motto": Expect("Quốc hiệu", (12, 13), True, False, False, True, f"{_ND} mục II.1.a; {_FS}"),
        "slogan": Expect("Tiêu ngữ", (13, 14), True, False, False, False, f"{_ND} mục II.1.b; {_FS}"),
        "parent": Expect(
            "tên cơ quan chủ quản", (12, 13), False, False, False, True, f"{_ND} mục II.2.b; {_FS}"
        ),
        "issuer": Expect(
            "tên cơ quan ban hành", (12, 13), True, False, False, True, f"{_ND} mục II.2.b; {_FS}"
        ),
        "number": Expect("số, ký hiệu", (13, 13), False, False, False, None, f"{_ND} mục II.3.c; {_FS}"),
        "date": Expect("địa danh, ngày tháng", (13, 14), None, True, False, None, f"{_ND} mục II.4.c; {_FS}"),
        "doc_type": Expect(
            "tên loại văn bản", (13, 14), True, False, False, True, f"{_ND} mục II.5.b; {_FS}"
        ),
        "summary": Expect("trích yếu", (13, 14), True, False, False, None, f"{_ND} mục II.5.b; {_FS}"),
        "authority": Expect(
            "quyền hạn, chức vụ người ký", (13, 14), True, False, False, True, f"{_ND} mục II.7.đ; {_FS}"
        ),
        "position": Expect(
            "chức vụ người ký", (13, 14), True, False, False, True, f"{_ND} mục II.7.đ; {_FS}"
        ),
        "signer": Expect("họ tên người ký", (13, 14), True, False, False, None, f"{_ND} mục II.7.đ; {_FS}"),
        "recipients_title": Expect(
            "«Nơi nhận:»", (12, 12), True, True, False, None, f"{_ND} mục II.9.d; {_FS}"
        ),
        "recipient": Expect("dòng nơi nhận", (11, 11), False, False, False, None, f"{_ND} mục II.9.d; {_FS}"),
    },
    body_sizes=(13, 14),
    body_rule=f"{_ND} mục II.6.e; FORMAT.md §1.1",
    number_rule=f"{_ND} mục II.3.c; {_FS}",
    date_rule=f"{_ND} mục II.4.b–c; {_FS}",
    authority_rule=f"{_ND} mục II.7.b; FORMAT.md §1.2 (Signing marks)",
    recipients_rule=f"{_ND} mục II.9.d; {_FS}",
    heading_rule=f"{_ND} mục II.6.đ; FORMAT.md §1.2 (Heading numbering)",
    marks=("TM.", "KT.", "TL.", "TUQ.", "Q."),
    other_marks=("T/M", "K/T", "T/L", "T/U"),
)

_HD = "HD 36-HD/VPTW"
PARTY = Profile(
    margins={"top": (20, 25), "bottom": (20, 25), "left": (30, 35), "right": (15, 20)},
    page_rule=f"{_HD}; {_FP}",
    margin_rule=f"{_HD}; {_FP} (Margins)",
    page_number_rule=f"{_HD}; {_FP} (Page numbers)",
    components={
        "party_title": Expect(
            "«ĐẢNG CỘNG SẢN VIỆT NAM»", (15, 15), True, False, False, True, f"{_HD} điểm 1.1.2; {_FP}"
        ),
        "parent": Expect(
            "tên cơ quan cấp trên", (14, 14), False, False, False, True, f"{_HD} điểm 1.2; {_FP}"
        ),
        "issuer": Expect(
            "tên cơ quan ban hành", (14, 14), True, False, False, True, f"{_HD} điểm 1.2; {_FP}"
        ),
        "number": Expect("số và ký hiệu", (14, 14), False, False, False, None, f"{_HD} điểm 1.3; {_FP}"),
        "date": Expect("địa danh, ngày tháng", (14, 14), None, True, False, None, f"{_HD} điểm 1.4; {_FP}"),
        "doc_type": Expect("tên loại văn bản", (15, 16), True, False, False, True, f"{_HD} điểm 1.5; {_FP}"),
        "summary": Expect("trích yếu", (14, 15), True, False, False, None, f"{_HD} điểm 1.5; {_FP}"),
        "authority": Expect("thẩm quyền ký", (14, 14), True, False, False, True, f"{_HD} điểm 1.7.1; {_FP}"),
        "position": Expect("chức vụ người ký", (14, 14), False, False, False, True, f"{_HD} điểm 1.7; {_FP}"),
        "signer": Expect("họ tên người ký", (14, 14), True, False, False, None, f"{_HD} điểm 1.7; {_FP}"),
        "recipients_title": Expect(
            "«Nơi nhận:»", (14, 14), False, False, True, None, f"{_HD}; {_FP} (Nơi nhận)"
        ),
        "recipient": Expect(
            "dòng nơi nhận", (12, 12), False, None, False, None, f"{_HD}; {_FP} (Recipient list)"
        ),
    },
    body_sizes=(14, 15),
    body_rule=f"{_HD}; {_FP} (Nội dung)",
    number_rule=f"{_HD} điểm 1.3; {_FP}",
    date_rule=f"{_HD} điểm 1.4; {_FP}",
    authority_rule=f"{_HD} điểm 1.7.1; FORMAT.md §2 (Signing marks)",
    recipients_rule=f"{_HD}; {_FP} (Recipient list)",
    heading_rule=f"{_HD}; {_FP} (Nội dung); NĐ 30 PL I phần I mục II.6.đ",
    marks=("T/M", "K/T", "T/L", "T/U"),
    other_marks=("TM.", "KT.", "TL.", "TUQ.", "Q."),
)

PROFILES = {System.STATE: STATE, System.PARTY: PARTY}
