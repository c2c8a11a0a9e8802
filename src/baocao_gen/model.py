"""The typed model of a report's data (pydantic), with Vietnamese keys as clerks type them.

Keys are Vietnamese without diacritics in snake_case; values are Vietnamese with diacritics. Every
model forbids unknown keys (a typo such as `nguoi_kí` must be an error, not silently ignored) and is
frozen (later stages compute new values, they never patch the data). Numbers and dates arrive as the
strings the clerk typed and are parsed here with Vietnamese rules (`1.836` is 1836).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Discriminator, Field, Tag, model_validator
from pydantic_core import PydanticCustomError

from .vietnamese import VietnameseValueError, parse_date, parse_number

__all__ = [
    "BaoCao",
    "Bang",
    "CanCu",
    "Cot",
    "MoDau",
    "MoHinh",
    "Muc",
    "NgayBanHanh",
    "NguoiKy",
    "NhomNoiNhan",
    "PhuLuc",
    "STATE_AUTHORITIES",
    "PARTY_AUTHORITIES",
]

STATE_AUTHORITIES = ("TM.", "KT.", "TL.", "TUQ.", "Q.")
PARTY_AUTHORITIES = ("T/M", "K/T", "T/L", "T/U")
NUMBERING_STYLES = ("phan", "la_ma", "so", "so_phu", "chu")


def _custom_error(exc: VietnameseValueError, kind: str) -> PydanticCustomError:
    return PydanticCustomError(kind, "{message}", {"message": exc.message, "hint": exc.hint or ""})


def _to_int(value: Any) -> Any:
    if isinstance(value, str):
        try:
            number = parse_number(value)
        except VietnameseValueError as exc:
            raise _custom_error(exc, "vn_number") from None
        if not isinstance(number, int):
            raise PydanticCustomError(
                "vn_integer", "{message}", {"message": "cần một số nguyên.", "hint": str(int(number))}
            )
        return number
    return value


def _to_decimal(value: Any) -> Any:
    """Read a width such as `2,6` the Vietnamese way; a wrong one is a located number error, not English."""
    if isinstance(value, str):
        try:
            return parse_number(value)
        except VietnameseValueError as exc:
            raise _custom_error(exc, "vn_number") from None
    return value


def _to_date(value: Any) -> Any:
    if isinstance(value, str):
        try:
            return parse_date(value)
        except VietnameseValueError as exc:
            raise _custom_error(exc, "vn_date") from None
    return value


def _to_lines(value: Any) -> Any:
    """Accept one line, a `|` block (one line per row) or a list of lines."""
    if isinstance(value, str):
        return tuple(line.strip() for line in value.strip().splitlines() if line.strip())
    return value


Int = Annotated[int, BeforeValidator(_to_int, json_schema_input_type=int | str)]
Date = Annotated[date, BeforeValidator(_to_date, json_schema_input_type=str)]
Lines = Annotated[tuple[str, ...], BeforeValidator(_to_lines, json_schema_input_type=str | list[str])]
Text = Annotated[str, Field(min_length=1)]


def _to_bool(value: Any) -> Any:
    if isinstance(value, str) and value.strip().lower() in ("có", "co"):
        return True
    if isinstance(value, str) and value.strip().lower() in ("không", "khong"):
        return False
    return value


Bool = Annotated[bool, BeforeValidator(_to_bool, json_schema_input_type=bool | str)]


def _shape(value: Any) -> str:
    return "van_ban" if isinstance(value, str) else "bang"


def text_or(model: type) -> Any:
    """A value that is either prose (a string) or a mapping of `model`; report one shape's errors only."""
    return Annotated[
        Annotated[str, Tag("van_ban")] | Annotated[model, Tag("bang")],
        Discriminator(_shape),
    ]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class NgayBanHanh(Model):
    """The date line: a full date, or month and year with the day left for the văn thư, or blank."""

    ngay: Annotated[Annotated[int, Field(ge=1, le=31)] | None, BeforeValidator(_to_int, json_schema_input_type=int | str | None)] = None
    thang: Annotated[Annotated[int, Field(ge=1, le=12)] | None, BeforeValidator(_to_int, json_schema_input_type=int | str | None)] = None
    nam: Annotated[Annotated[int, Field(ge=1945, le=2100)] | None, BeforeValidator(_to_int, json_schema_input_type=int | str | None)] = None

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, value: Any) -> Any:
        if isinstance(value, str):
            parsed = _to_date(value)
            return {"ngay": parsed.day, "thang": parsed.month, "nam": parsed.year}
        return value

    @model_validator(mode="after")
    def _real_day(self) -> NgayBanHanh:
        if self.ngay and self.thang and self.nam:
            try:
                date(self.nam, self.thang, self.ngay)
            except ValueError:
                raise PydanticCustomError(
                    "vn_date",
                    "{message}",
                    {"message": f"không có ngày {self.ngay}/{self.thang}/{self.nam}.", "hint": ""},
                ) from None
        return self


class CanCu(Model):
    """A document the report answers to: `Công văn số 1172/UBND ngày 06/6/2023 của … về …`."""

    loai: Text = "Công văn"
    so: str | None = None
    ngay: Date | None = None
    cua: str | None = None
    ve: str | None = None


class MoDau(Model):
    """The opening paragraph(s): the documents acted on, then the sentence that announces the report."""

    can_cu: list[CanCu] = []
    bao_cao: str | None = None
    cung_doan: Bool = False
    in_nghieng: Bool = False


class NhomNoiNhan(Model):
    """A named group of recipients, e.g. `Gửi bản giấy` / `Gửi bản điện tử` (seed 003)."""

    nhom: Text
    danh_sach: list[Text] = []


class NguoiKy(Model):
    """Signature block: thẩm quyền + body, optional `KT. <head>` line, chức vụ lines, name."""

    tham_quyen: str | None = None
    thay_mat: str | None = None
    ky_thay: str | None = None
    chuc_vu: Lines = ()
    ho_ten: Text


class Cot(Model):
    """A column of a table; a column with `cot` is a header group spanning its children.

    `kieu`: `chu` text, `so` any number, `dem` a count (whole, from 0 up: a count typed "0,5" or "-3"
    is refused rather than printed), `ti_le` a rate printed with "%", `stt` the serial number the tool
    fills in. Left out, a column is numeric when every filled cell is (unchecked, like `so`).
    """

    ten: str = ""
    cot: list[Cot] = []
    kieu: Literal["chu", "so", "dem", "ti_le", "stt"] | None = None
    tong: Bool | None = None
    can: Literal["trai", "giua", "phai"] | None = None
    rong: Annotated[Decimal | None, BeforeValidator(_to_decimal)] = None


class Bang(Model):
    """A table: a header tree, data rows, and an optional computed totals row."""

    tieu_de: str | None = None
    cot: list[Cot]
    dong: list[list[str | None]] = []
    tong_cong: Bool | str = False
    de_trong: Bool = False  # cells of count (`dem`) columns may be left blank: "no figure", not 0
    ghi_chu: str | None = None
    co_chu: Annotated[int | None, BeforeValidator(_to_int, json_schema_input_type=int | str | None)] = None


class Muc(Model):
    """A section of the body; its number is computed from its position, never typed."""

    ma: str | None = None
    tieu_de: str | None = None
    van_ban: str | None = None
    bang: list[Bang] = []
    muc: list[Muc] = []
    van_ban_sau: str | None = None


class PhuLuc(Model):
    """An appendix, on its own page (landscape when `huong: ngang`), numbered Phụ lục I, II…"""

    ma: str | None = None
    tieu_de: str | None = None
    tieu_de_phu: str | None = None
    huong: Literal["doc", "ngang"] = "doc"
    van_ban: str | None = None
    bang: list[Bang] = []
    dong: list[list[str | None]] = []
    van_ban_sau: str | None = None

    @model_validator(mode="after")
    def _titled(self) -> PhuLuc:
        if not self.ma and not self.tieu_de:
            raise PydanticCustomError(
                "vn_missing_title",
                "{message}",
                {"message": "phụ lục cần `tieu_de` (hoặc `ma` của một phụ lục có sẵn trong loại báo cáo).", "hint": ""},
            )
        return self


class MoHinh(Model):
    """A "Dân vận khéo" model: its full title and what it does (listed a), b), c)… by the kind's section)."""

    ten: Text
    van_ban: str | None = None


class Ky(Model):
    """The reporting period (used by report kinds to build titles and next-period skeletons)."""

    nam: Int | None = None
    giai_doan: str | None = None


class BaoCao(Model):
    """One report: unit profile keys and period keys merged (the period file wins)."""

    he_thong: Literal["nha_nuoc", "dang"]
    loai: str = "chung"
    co_quan_chu_quan: Lines = ()
    co_quan_ban_hanh: Lines
    viet_tat: Text
    dia_danh: Text
    ten_goi: str | None = None

    so: Annotated[Annotated[int, Field(ge=1)] | None, BeforeValidator(_to_int, json_schema_input_type=int | str | None)] = None
    loai_van_ban: Text = "BC"
    ten_loai: Text = "BÁO CÁO"
    ngay: NgayBanHanh = NgayBanHanh()
    trich_yeu: Text
    ky: Ky | None = None

    mo_dau: text_or(MoDau) | None = None
    danh_so: list[Literal["phan", "la_ma", "so", "so_phu", "chu"]] = ["la_ma", "so", "chu"]
    noi_dung: list[Muc] = []
    ket_thuc: str | None = None

    noi_nhan: list[text_or(NhomNoiNhan)] = []
    luu: str | None = None
    nguoi_ky: NguoiKy

    so_lieu: dict[str, Any] = {}
    mo_hinh: list[MoHinh] = []
    chu_thich: dict[str, str] = {}
    phu_luc: list[PhuLuc] = []

    @model_validator(mode="before")
    @classmethod
    def _blank_mappings(cls, value: Any) -> Any:
        # `so:` with nothing after it means "left blank for the văn thư", not an error.
        if isinstance(value, dict) and value.get("ngay") is None and "ngay" in value:
            value = {**value, "ngay": {}}
        return value
