"""The typed model of a report's data (pydantic), with Vietnamese keys as clerks type them.

Keys are Vietnamese without diacritics in snake_case; values are Vietnamese with diacritics. Every
model forbids unknown keys (a typo such as `nguoi_kí` must be an error, not silently ignored) and is
frozen (later stages compute new values, they never patch the data). Numbers and dates arrive as the
strings the clerk typed and are parsed here with Vietnamese rules (`1.836` is 1836).
"""

# No `from __future__ import annotations`: pydantic would eval (compile) every field's annotation text
# while building the models at import, on every run; real annotations save 2-3 ms of it (measured).
from datetime import date
from decimal import Decimal
from typing import Annotated, Any, Literal, Self

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
    "VanBanDonVi",
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


# A value that is either prose (a string) or a mapping of one model: the discriminator picks the shape
# from what was typed, so only that shape's errors are reported (validate.py words them).
_PROSE_SHAPE = Tag("van_ban")
_MAPPING_SHAPE = Tag("bang")


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def shown(title: str, description: str) -> ConfigDict:
    """Return the config that gives a model the Vietnamese title and description an editor shows.

    Without it the JSON Schema would carry the class name and its English docstring, which are for
    developers; the clerk reads the schema (on hover and in completions), so it speaks Vietnamese.
    """
    return ConfigDict(title=title, json_schema_extra={"description": description})


_BLANK_INT = BeforeValidator(_to_int, json_schema_input_type=int | str | None)
_PROSE = "mỗi dòng một đoạn; - gạch đầu dòng; *nghiêng*; **đậm**; [^tên] chú thích; {số liệu}; [[trích dẫn]]"


class NgayBanHanh(Model):
    """The date line: a full date, or month and year with the day left for the văn thư, or blank."""

    model_config = shown(
        "Ngày ký",
        "Dòng địa danh, ngày tháng: ghi đủ (05/6/2023), hoặc {thang: 6, nam: 2023} để văn thư điền ngày sau khi ký, "
        "hoặc để trống.",
    )

    ngay: Annotated[Annotated[int, Field(ge=1, le=31)] | None, _BLANK_INT] = Field(
        None, title="Ngày", description="Ngày trong tháng (1–31); để trống cho văn thư điền sau khi ký."
    )
    thang: Annotated[Annotated[int, Field(ge=1, le=12)] | None, _BLANK_INT] = Field(
        None, title="Tháng", description="Tháng ký (1–12)."
    )
    nam: Annotated[Annotated[int, Field(ge=1945, le=2100)] | None, _BLANK_INT] = Field(
        None, title="Năm", description="Năm ký, ví dụ 2024."
    )

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, value: Any) -> Any:
        if isinstance(value, str):
            parsed = _to_date(value)
            return {"ngay": parsed.day, "thang": parsed.month, "nam": parsed.year}
        return value

    @model_validator(mode="after")
    def _real_day(self) -> Self:
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

    model_config = shown(
        "Văn bản căn cứ",
        "Một văn bản làm căn cứ: «Công văn số 1172/UBND ngày 06/6/2023 của UBND huyện Ba Tơ về việc …».",
    )

    loai: Text = Field(
        "Công văn",
        title="Loại văn bản",
        description="Loại văn bản căn cứ: Công văn (mặc định), Kế hoạch, Hướng dẫn…",
    )
    so: str | None = Field(
        None,
        title="Số, ký hiệu",
        description="Số và ký hiệu của văn bản căn cứ, ví dụ 1172/UBND hoặc 324-CV/BDVTU; công cụ thêm chữ «số» ở trước.",
    )
    ngay: Date | None = Field(
        None, title="Ngày ban hành", description="Ngày ban hành văn bản căn cứ, ví dụ 06/6/2023."
    )
    cua: str | None = Field(
        None, title="Cơ quan ban hành", description="Cơ quan ban hành văn bản căn cứ, ví dụ UBND huyện Ba Tơ."
    )
    ve: str | None = Field(
        None, title="Trích yếu", description="Nội dung của văn bản căn cứ; công cụ thêm chữ «về» ở trước."
    )
    trich_dan: str | None = Field(
        None,
        title="Khóa văn bản",
        description="Khóa của văn bản trong `van_ban_don_vi` (hoặc danh mục `baocao trich-dan`): công cụ lấy loại, số, ngày, "
        "cơ quan ban hành, trích yếu từ đó, không gõ lại.",
    )


class VanBanDonVi(Model):
    """One of the unit's own documents, registered once so every citation of it prints the same number and date.

    Seeds cite their own kế hoạch with two dates, or one program with two symbols (43-CTr/TU, 43-CT/TU):
    typed once here, cited as `[[khóa]]` everywhere, the copies cannot drift.
    """

    model_config = shown(
        "Văn bản của đơn vị",
        "Một văn bản của đơn vị (kế hoạch, công văn, quyết định…) khai một lần, dẫn bằng [[khóa]] trong văn bản.",
    )

    loai: Text = Field(
        title="Loại văn bản",
        description="Loại văn bản: Kế hoạch, Công văn, Quyết định, Chương trình hành động…",
    )
    so: Text = Field(
        title="Số, ký hiệu",
        description="Số và ký hiệu, ví dụ 47/KH-UBND hoặc 05-KH/ĐU; công cụ thêm chữ «số».",
    )
    ngay: Date | None = Field(None, title="Ngày ban hành", description="Ngày ban hành, ví dụ 10/3/2023.")
    cua: str | None = Field(
        None, title="Cơ quan ban hành", description="Cơ quan ban hành, ví dụ UBND xã Ba Tô."
    )
    ve: str | None = Field(
        None, title="Trích yếu", description="Nội dung văn bản; công cụ thêm chữ «về» ở trước."
    )


class MoDau(Model):
    """The opening paragraph(s): the documents acted on, then the sentence that announces the report."""

    model_config = shown(
        "Đoạn mở đầu", "Đoạn mở đầu có cấu trúc: các văn bản căn cứ (can_cu), rồi câu báo cáo (bao_cao)."
    )

    can_cu: list[CanCu] = Field(
        [], title="Văn bản căn cứ", description="Các văn bản làm căn cứ, nối bằng «; »."
    )
    bao_cao: str | None = Field(
        None,
        title="Câu báo cáo",
        description="Câu mở phần báo cáo, ví dụ: UBND xã Ba Tô báo cáo kết quả thực hiện như sau:",
    )
    cung_doan: Bool = Field(
        False,
        title="Cùng đoạn",
        description="có: câu báo cáo nối tiếp đoạn căn cứ sau dấu phẩy; không (mặc định): thành đoạn riêng.",
    )
    in_nghieng: Bool = Field(
        False, title="In nghiêng", description="có: đoạn căn cứ in nghiêng; mặc định không."
    )


TextOrMoDau = Annotated[
    Annotated[str, _PROSE_SHAPE] | Annotated[MoDau, _MAPPING_SHAPE], Discriminator(_shape)
]


class NhomNoiNhan(Model):
    """A named group of recipients, e.g. `Gửi bản giấy` / `Gửi bản điện tử` (seed 003)."""

    model_config = shown(
        "Nhóm nơi nhận", "Một nhóm nơi nhận có tên, ví dụ {nhom: Gửi bản giấy, danh_sach: […]}."
    )

    nhom: Text = Field(
        title="Tên nhóm", description="Tên nhóm, ví dụ Gửi bản giấy (in nghiêng, công cụ thêm dấu hai chấm)."
    )
    danh_sach: list[Text] = Field(
        [], title="Các nơi nhận", description="Các nơi nhận của nhóm; không gõ dấu ; hoặc , cuối dòng."
    )


TextOrNhom = Annotated[
    Annotated[str, _PROSE_SHAPE] | Annotated[NhomNoiNhan, _MAPPING_SHAPE], Discriminator(_shape)
]


# A Nơi nhận line as printed: its key path in the data and its text; a group: its title (or none) and lines.
RecipientLine = tuple[tuple[str | int, ...], str]
RecipientGroup = tuple[str | None, list[RecipientLine]]


class NguoiKy(Model):
    """Signature block: thẩm quyền + body, optional `KT. <head>` line, chức vụ lines, name."""

    model_config = shown("Người ký", "Khối chữ ký: thẩm quyền ký, tập thể thay mặt, chức vụ, họ tên.")

    tham_quyen: str | None = Field(
        None,
        title="Thẩm quyền ký",
        description="Nhà nước: TM. KT. TL. TUQ. Q. — Đảng: T/M K/T T/L; để trống khi người đứng đầu ký thẳng.",
    )
    thay_mat: str | None = Field(
        None,
        title="Thay mặt",
        description="Tập thể được thay mặt, ví dụ Ủy ban nhân dân, Ban Thường vụ (in hoa tự động).",
    )
    ky_thay: str | None = Field(
        None,
        title="Ký thay",
        description="Người đứng đầu được ký thay, ví dụ Chủ tịch → dòng «KT. CHỦ TỊCH».",
    )
    chuc_vu: Lines = Field(
        (),
        title="Chức vụ",
        description="Chức vụ người ký; một dòng hoặc danh sách dòng, ví dụ [Phó Bí thư, kiêm, Phó Trưởng Ban Chỉ đạo] "
        "(dòng «kiêm» giữ nguyên chữ thường; các dòng khác in hoa).",
    )
    ho_ten: Text = Field(title="Họ tên", description="Họ và tên người ký.")


class Cot(Model):
    """A column of a table; a column with `cot` is a header group spanning its children.

    `kieu`: `chu` text, `so` any number, `dem` a count (whole, from 0 up: a count typed "0,5" or "-3"
    is refused rather than printed), `ti_le` a rate printed with "%", `stt` the serial number the tool
    fills in. Left out, a column is numeric when every filled cell is (unchecked, like `so`).
    """

    model_config = shown("Cột", "Một cột của bảng; cột có `cot` con là nhóm cột (ô tiêu đề gộp).")

    ten: str = Field("", title="Tên cột", description="Chữ ở ô tiêu đề của cột.")
    cot: list["Cot"] = Field([], title="Cột con", description="Các cột con của nhóm cột.")
    kieu: Literal["chu", "so", "dem", "ti_le", "stt"] | None = Field(
        None,
        title="Kiểu cột",
        description="chu: chữ; so: số bất kỳ; dem: số đếm (số nguyên từ 0 trở lên); ti_le: tỷ lệ, in thêm %; "
        "stt: số thứ tự, công cụ tự đánh. Không ghi: cột số khi mọi ô có chữ đều là số.",
    )
    tong: Bool | None = Field(
        None, title="Cộng ở dòng tổng", description="không: không cộng cột này ở dòng «Tổng cộng»."
    )
    can: Literal["trai", "giua", "phai"] | None = Field(
        None, title="Căn lề", description="Căn chữ trong cột: trai, giua hoặc phai."
    )
    rong: Annotated[Decimal | None, BeforeValidator(_to_decimal)] = Field(
        None, title="Độ rộng", description="Độ rộng tương đối của cột, ví dụ 2 hoặc 1,5."
    )


class Bang(Model):
    """A table: a header tree, data rows, and an optional computed totals row."""

    model_config = shown(
        "Bảng", "Một bảng: cây tiêu đề cột (cot), các dòng số liệu (dong); dòng tổng do công cụ cộng."
    )

    tieu_de: str | None = Field(None, title="Tiêu đề bảng", description="Dòng tiêu đề in trên bảng.")
    cot: list[Cot] = Field(title="Các cột", description="Cây tiêu đề cột: cột có `cot` con là nhóm cột.")
    dong: list[list[str | None]] = Field(
        [],
        title="Các dòng",
        description="Các dòng số liệu, mỗi dòng một danh sách ô theo thứ tự các cột; không gõ dòng tổng. "
        "Dòng chỉ có một ô là dòng nhóm (trải hết bề ngang, chữ đậm).",
    )
    tong_cong: Bool | str = Field(
        False,
        title="Dòng tổng cộng",
        description="có: công cụ cộng thêm dòng «Tổng cộng»; ghi chữ khác để đổi tên dòng tổng.",
    )
    # cells of count (`dem`) columns may be left blank: "no figure", not 0
    de_trong: Bool = Field(
        False,
        title="Cho để trống ô",
        description="có: ô của cột đếm được để trống (không có số liệu, khác số 0).",
    )
    ghi_chu: str | None = Field(None, title="Ghi chú", description="Dòng ghi chú in dưới bảng.")
    co_chu: Annotated[int | None, _BLANK_INT] = Field(
        None, title="Cỡ chữ", description="Cỡ chữ trong bảng; mặc định 12, 10 hoặc 8 tùy số cột."
    )


class Muc(Model):
    """A section of the body; its number is computed from its position, never typed."""

    model_config = shown("Mục", "Một mục của phần thân; số mục do vị trí quyết định, không gõ.")

    ma: str | None = Field(
        None,
        title="Mã mục",
        description="Mã mục trong đề cương của loại báo cáo (tiêu đề lấy từ đề cương); bỏ `ma` để thêm mục riêng của đơn vị.",
    )
    tieu_de: str | None = Field(
        None,
        title="Tiêu đề mục",
        description="Tiêu đề mục, không gõ số mục; ghi bên cạnh `ma` để đổi tiêu đề của đề cương.",
    )
    van_ban: str | None = Field(None, title="Văn bản", description=f"Các đoạn văn của mục: {_PROSE}.")
    bang: list[Bang] = Field([], title="Bảng", description="Các bảng đặt sau đoạn văn của mục.")
    muc: list["Muc"] = Field([], title="Mục con", description="Các mục con; số của chúng do công cụ đánh.")
    van_ban_sau: str | None = Field(
        None, title="Văn bản sau mục con", description="Các đoạn văn đặt sau các mục con."
    )


class PhuLuc(Model):
    """An appendix, on its own page (landscape when `huong: ngang`), numbered Phụ lục I, II…"""

    model_config = shown("Phụ lục", "Một phụ lục: trang riêng, đánh số Phụ lục I, II… do công cụ tính.")

    ma: str | None = Field(
        None,
        title="Mã phụ lục",
        description="Mã khuôn bảng có sẵn của loại báo cáo: chỉ cần gõ các dòng (`dong`).",
    )
    tieu_de: str | None = Field(
        None, title="Tiêu đề phụ lục", description="Tiêu đề phụ lục (in hoa tự động)."
    )
    tieu_de_phu: str | None = Field(
        None,
        title="Dòng dưới tiêu đề",
        description="Dòng dưới tiêu đề; mặc định «(Kèm theo Báo cáo số … ngày … của …)».",
    )
    huong: Literal["doc", "ngang"] = Field(
        "doc", title="Hướng trang", description="doc (mặc định) hoặc ngang cho bảng rộng."
    )
    van_ban: str | None = Field(None, title="Văn bản", description=f"Các đoạn văn trước bảng: {_PROSE}.")
    bang: list[Bang] = Field(
        [], title="Bảng", description="Các bảng của phụ lục, khai đủ cột (cot) và dòng (dong)."
    )
    dong: list[list[str | None]] = Field(
        [],
        title="Các dòng",
        description="Các dòng số liệu của khuôn bảng có sẵn (khi có `ma`); không gõ dòng tổng.",
    )
    van_ban_sau: str | None = Field(None, title="Văn bản sau bảng", description="Các đoạn văn đặt sau bảng.")

    @model_validator(mode="after")
    def _titled(self) -> Self:
        if not self.ma and not self.tieu_de:
            raise PydanticCustomError(
                "vn_missing_title",
                "{message}",
                {
                    "message": "phụ lục cần `tieu_de` (hoặc `ma` của một phụ lục có sẵn trong loại báo cáo).",
                    "hint": "",
                },
            )
        return self


class MoHinh(Model):
    """A "Dân vận khéo" model: its full title and what it does (listed a), b), c)… by the kind's section)."""

    model_config = shown(
        "Mô hình “Dân vận khéo”",
        "Một mô hình “Dân vận khéo”; mục của đề cương có danh_sach: mo_hinh liệt kê thành a), b), c)…",
    )

    ten: Text = Field(
        title="Tên mô hình", description="Tên đầy đủ, ví dụ: Mô hình “Lò đốt rác” của Hội Nông dân xã."
    )
    van_ban: str | None = Field(
        None, title="Nội dung", description=f"Mục đích, cách làm, kết quả của mô hình: {_PROSE}."
    )


class Ky(Model):
    """The reporting period (used by report kinds to build titles and next-period skeletons)."""

    model_config = shown(
        "Kỳ báo cáo", "Kỳ báo cáo: năm và giai đoạn; `baocao init --from` tính năm của kỳ sau từ đây."
    )

    nam: Int | None = Field(None, title="Năm", description="Năm của kỳ báo cáo, ví dụ 2024.")
    giai_doan: str | None = Field(
        None, title="Giai đoạn", description="Ví dụ: 6 tháng đầu năm; năm; 2013 - 2023."
    )


class BaoCao(Model):
    """One report: unit profile keys and period keys merged (the period file wins)."""

    model_config = shown(
        "Tệp dữ liệu báo cáo",
        "Khóa của hồ sơ đơn vị và của tệp kỳ báo cáo; khóa trong tệp kỳ báo cáo đè lên khóa cùng tên của hồ sơ.",
    )

    he_thong: Literal["nha_nuoc", "dang"] = Field(
        title="Hệ thống văn bản",
        description="Hệ thống văn bản: nha_nuoc (NĐ 30/2020) hoặc dang (HD 36-HD/VPTW).",
    )
    mau: Text | None = Field(
        None,
        title="Mẫu văn bản riêng",
        description="Tệp mẫu .docx riêng của đơn vị (có biểu trưng, phông chữ riêng…), đường dẫn tính từ tệp ghi khóa này, "
        "ví dụ mau-cua-don-vi.docx; bỏ trống thì dùng mẫu có sẵn. Lấy mẫu có sẵn để sửa: `baocao mau -o mau-cua-don-vi.docx`.",
    )
    nghiem_ngat: Bool = Field(
        False,
        title="Chế độ nghiêm ngặt",
        description="có: mọi cảnh báo được tính là lỗi, báo cáo còn cảnh báo thì không được sinh (như tùy chọn --nghiem-ngat).",
    )
    loai: str = Field(
        "chung",
        title="Loại báo cáo",
        description="Loại báo cáo (đề cương, số liệu, câu chuẩn); xem `baocao templates`.",
    )
    co_quan_chu_quan: Lines = Field(
        (),
        title="Cơ quan chủ quản",
        description="Cơ quan chủ quản (Nhà nước) hoặc cấp trên trực tiếp (Đảng); một dòng hoặc danh sách dòng.",
    )
    co_quan_ban_hanh: Lines = Field(
        title="Cơ quan ban hành", description="Tên cơ quan ban hành; một dòng hoặc danh sách dòng."
    )
    viet_tat: Text = Field(
        title="Chữ viết tắt",
        description="Chữ viết tắt của cơ quan trong ký hiệu: UBND → Số: 05/BC-UBND; HU → Số 374-BC/HU.",
    )
    dia_danh: Text = Field(title="Địa danh", description="Địa danh ở dòng ngày tháng, ví dụ Ba Tô.")
    ten_goi: str | None = Field(
        None,
        title="Tên gọi",
        description="Cách văn bản tự gọi đơn vị (câu kết, dòng «Kèm theo» của phụ lục), ví dụ UBND xã Ba Tô.",
    )

    so: Annotated[Annotated[int, Field(ge=1)] | None, _BLANK_INT] = Field(
        None, title="Số văn bản", description="Số của báo cáo này; để trống để văn thư ghi tay sau khi ký."
    )
    loai_van_ban: Text = Field(
        "BC",
        title="Ký hiệu loại văn bản",
        description="Ký hiệu loại văn bản trong số, ký hiệu (mặc định BC).",
    )
    ten_loai: Text = Field(
        "BÁO CÁO", title="Tên loại văn bản", description="Tên loại văn bản (mặc định BÁO CÁO)."
    )
    ngay: NgayBanHanh = Field(
        NgayBanHanh(ngay=None, thang=None, nam=None),
        title="Ngày ký",
        description="Ngày ký: 05/6/2023, hoặc {thang: 6, nam: 2023} để văn thư điền ngày, hoặc để trống.",
    )
    trich_yeu: Text = Field(
        title="Trích yếu", description="Trích yếu: dòng dưới tên loại văn bản; được dùng *nghiêng*."
    )
    ky: Ky | None = Field(
        None, title="Kỳ báo cáo", description="Kỳ báo cáo: nam (năm) và giai_doan (ví dụ 6 tháng đầu năm)."
    )
    ky_truoc: Text | None = Field(
        None,
        title="Tệp kỳ trước",
        description="Tệp dữ liệu của kỳ trước (cùng kỳ năm trước), đường dẫn tính từ tệp này, ví dụ ../2023/bao-cao-6-thang.yaml; "
        "khi có, văn bản viết {ho_so.tiep_nhan|so_sanh} để có «tăng 35 hồ sơ (7,2%) so với cùng kỳ».",
    )

    mo_dau: TextOrMoDau | None = Field(
        None,
        title="Đoạn mở đầu",
        description="Đoạn mở đầu: văn bản tự do, hoặc can_cu (văn bản căn cứ) và bao_cao (câu báo cáo).",
    )
    danh_so: list[Literal["phan", "la_ma", "so", "so_phu", "chu"]] = Field(
        ["la_ma", "so", "chu"],
        title="Kiểu đánh số",
        description="Kiểu đánh số từng cấp mục: phan (Phần thứ nhất), la_ma (I.), so (1.), so_phu (1.1.), chu (a)).",
    )
    noi_dung: list[Muc] = Field(
        [], title="Nội dung", description="Các mục của phần thân; số mục do công cụ tính."
    )
    ket_thuc: str | None = Field(
        None, title="Đoạn kết", description="Đoạn kết, ví dụ: UBND xã Ba Tô kính báo cáo./."
    )

    noi_nhan: list[TextOrNhom] = Field(
        [],
        title="Nơi nhận",
        description="Nơi nhận: danh sách, hoặc các nhóm {nhom, danh_sach}; không gõ dấu ; hoặc , cuối dòng.",
    )
    luu: str | None = Field(
        None,
        title="Lưu",
        description="Nơi lưu, thêm vào cuối nơi nhận: VT (Nhà nước → Lưu: VT.), Văn phòng Huyện ủy (Đảng).",
    )
    nguoi_ky: NguoiKy = Field(
        title="Người ký", description="Người ký: tham_quyen, thay_mat, ky_thay, chuc_vu, ho_ten."
    )

    so_lieu: dict[str, Any] = Field(
        {},
        title="Số liệu",
        description="Số liệu (chỉ là số, viết kiểu Việt Nam: 1.836; 1.626,5); văn bản dẫn tới bằng {tên.số_liệu}.",
    )
    mo_hinh: list[MoHinh] = Field(
        [],
        title="Mô hình “Dân vận khéo”",
        description="Các mô hình “Dân vận khéo” {ten, van_ban}; {danh_sach.mo_hinh} là số mô hình.",
    )
    chu_thich: dict[str, str] = Field(
        {},
        title="Chú thích",
        description="Nội dung chú thích chân trang theo tên; trong văn bản đặt [^tên] chỗ cần chú thích.",
    )
    phu_luc: list[PhuLuc] = Field(
        [],
        title="Phụ lục",
        description="Các phụ lục, mỗi phụ lục một trang riêng (huong: ngang cho bảng rộng).",
    )
    van_ban_don_vi: dict[str, VanBanDonVi] = Field(
        {},
        title="Văn bản của đơn vị",
        description="Kế hoạch, công văn, quyết định… của đơn vị, khai một lần theo khóa; văn bản, căn cứ, phụ lục dẫn bằng [[khóa]].",
    )

    def recipient_groups(self) -> list[RecipientGroup]:
        """Return Nơi nhận as it prints, each line with its key path in the data.

        Consecutive loose items form one group, each `{nhom, danh_sach}` is its own, and the `luu` line
        closes the last group. One decision for the printed lines (compute) and for validate, which
        points at a typed «Lưu …» line that would print before the end of its group.
        """
        groups: list[RecipientGroup] = []
        loose: list[RecipientLine] = []
        for index, item in enumerate(self.noi_nhan):
            if isinstance(item, str):
                loose.append((("noi_nhan", index), item))
                continue
            if loose:
                groups.append((None, loose))
                loose = []
            lines: list[RecipientLine] = [
                (("noi_nhan", index, "danh_sach", at), line) for at, line in enumerate(item.danh_sach)
            ]
            groups.append((item.nhom, lines))
        if loose or not groups:
            groups.append((None, loose))
        if self.luu:
            keep = f"Lưu: {self.luu}" if self.he_thong == "nha_nuoc" else f"Lưu {self.luu}"
            groups[-1][1].append((("luu",), keep))
        return groups

    @model_validator(mode="before")
    @classmethod
    def _blank_mappings(cls, value: Any) -> Any:
        # `so:` with nothing after it means "left blank for the văn thư", not an error.
        if isinstance(value, dict) and value.get("ngay") is None and "ngay" in value:
            value = {**value, "ngay": {}}
        return value
