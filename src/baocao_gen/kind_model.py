"""The typed model of a report kind file (`data/loai/<ma>.yaml`), and its validation into diagnostics.

A kind file is data like a clerk's file, only written by whoever maintains the kinds: it is read by
the project's own loader (every value keeps its file, line and column), validated once against this
model (`extra="forbid"`: a misspelt key is an error, not a key silently ignored), and then checked as
a whole, because most mistakes in a kind are references (a total adding up a figure that does not
exist, a standard sentence naming an unknown figure, two outline sections with the same `ma`). Every
problem becomes a located Vietnamese `Diagnostic`, never an exception: a broken kind file reads like
a broken data file, with the place to fix.

pydantic's errors are turned into diagnostics by `validate.py`'s converter, the one the data files
use, so both kinds of file speak the same language.
"""

# No `from __future__ import annotations`: pydantic would eval (compile) every field's annotation text
# while building the models at import, on every run; real annotations save 2-3 ms of it (measured).
import difflib
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import replace
from typing import TYPE_CHECKING, Annotated, Any, Literal, Protocol, Self

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
    ValidationError,
    model_validator,
)
from pydantic.dataclasses import dataclass
from pydantic_core import PydanticCustomError
from typing_extensions import TypeAliasType

from .codes import Code
from .diagnostics import Diagnostic, Location
from .loader import YList, YMap, YStr, location_of, plain
from .model import Bool, Cot, Int
from .validate import dedupe, diagnostic_of_error, merge_alternatives

__all__ = [
    "COUNT",
    "FIGURE_FORMS",
    "FIGURE_REFERENCE",
    "MODEL_COUNT",
    "OPTIONAL_CLAUSE",
    "ConsistencyRule",
    "Ratio",
    "Figure",
    "FigureTree",
    "KindFile",
    "KindSection",
    "SkeletonHints",
    "TableLayout",
    "KindContents",
    "reference_problems",
    "validate_kind_tree",
]

COUNT: Literal["dem"] = "dem"
"""`kieu` of a figure or a column that counts things (the default in a kind file)."""

FIGURE_REFERENCE = re.compile(r"\{([^{}\s]+)\}")
"""`{ho_so.tiep_nhan}` or `{ho_so.ky_truoc|02}` in a standard sentence."""

OPTIONAL_CLAUSE = re.compile(r"\[([^\[\]]*)\]")
"""`[, hiến {dong_gop.dat} m² đất]` in a standard sentence: left out when its optional figure is blank."""

FIGURE_FORMS = ("", "02", "chu")
"""What may follow `|` in a reference: nothing, `02` (a leading zero below 10), `chu` (in words)."""

MODEL_COUNT = "danh_sach.mo_hinh"
"""The figure every report has: how many models its `mo_hinh` list holds (compute adds it)."""

SENTENCE_PREFIX = "cau."
DEVELOPER_NOTE = "developer"
"""Key in `Diagnostic.extra` of an English one-line summary, for a developer's exception (`kinds._check_kind`)."""


class _KindModel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


Text = Annotated[str, Field(min_length=1)]
System = Literal["nha_nuoc", "dang"]
Numbering = Literal["phan", "la_ma", "so", "so_phu", "chu"]


@dataclass(frozen=True, config=ConfigDict(extra="forbid"))
class Figure:
    """One figure a clerk types, as the kind declares it.

    `kieu` is `dem` (a count: whole, from 0 up) unless the kind says `so` (an amount, an area, a rate:
    any number). `de_trong` says a blank means "no figure" rather than a forgotten one; without it a
    blank is an error, never a silent 0 or an empty place in a sentence.
    """

    mo_ta: Text
    kieu: Literal["dem", "so"] = COUNT
    de_trong: Bool = False

    @property
    def is_count(self) -> bool:
        return self.kieu == COUNT


def _figure_leaf(value: Any) -> Any:
    """A figure is written as its description (a count), or as `{mo_ta: …, kieu: so, de_trong: có}`."""
    if isinstance(value, str):
        return {"mo_ta": value}
    if isinstance(value, dict):
        return value
    raise PydanticCustomError(
        "vn_figure",
        "{message}",
        {
            "message": "số liệu cần một dòng mô tả (số ấy đếm cái gì), hoặc {mo_ta: …, kieu: so, de_trong: có}.",
            "hint": "ví dụ `tiep_nhan: số đơn thư tiếp nhận`",
        },
    )


def _figure_shape(value: Any) -> str:
    """A mapping without `mo_ta` is a group of figures; anything else is one figure."""
    return _GROUP_TAG if isinstance(value, dict) and "mo_ta" not in value else _FIGURE_TAG


# Names of the two shapes in pydantic's error paths (never a key a kind file could have).
_FIGURE_TAG = "·số liệu"
_GROUP_TAG = "·nhóm số liệu"
_FIGURE_TAGS = frozenset({_FIGURE_TAG, _GROUP_TAG})


if TYPE_CHECKING:
    FigureTree = dict[str, Any]
else:
    FigureTree = TypeAliasType(
        "FigureTree",
        dict[
            str,
            Annotated[
                Annotated[Annotated[Figure, BeforeValidator(_figure_leaf)], Tag(_FIGURE_TAG)]
                | Annotated["FigureTree", Tag(_GROUP_TAG)],
                Discriminator(_figure_shape),
            ],
        ],
    )
"""`so_lieu` of a kind: nested groups whose leaves are `Figure`s, in the kind's order."""


class KindSection(_KindModel):
    """One section of a kind's outline (đề cương); a data file refers to it by `ma`."""

    ma: Text
    tieu_de: Text
    goi_y: str = ""
    bat_buoc: Bool = False
    muc: tuple["KindSection", ...] = ()
    danh_sach: Literal["mo_hinh"] | None = None  # the section lists the report's models as its sub-sections


class ConsistencyRule(_KindModel):
    """A rule that typed figures agree (`kiem_tra`), a warning when broken. Two forms, so that the
    arithmetic between figures is data in the kind, not code: `tong` equals the sum of `bang` (parts
    add up to the whole), or `phan` is not above `khong_qua` (a sub-count within its total)."""

    tong: Text | None = None
    bang: tuple[Text, ...] = ()
    phan: Text | None = None
    khong_qua: Text | None = None
    loi: Text = "số liệu không khớp"

    @model_validator(mode="after")
    def _one_form(self) -> Self:
        whole_form = self.tong is not None and bool(self.bang)
        bound_form = self.phan is not None and self.khong_qua is not None
        mixed = (self.tong is not None or bool(self.bang)) and (
            self.phan is not None or self.khong_qua is not None
        )
        if mixed or not (whole_form or bound_form):
            raise PydanticCustomError(
                "vn_rule",
                "{message}",
                {
                    "message": "quy tắc khớp số ghi đúng một trong hai dạng: `tong` và `bang` (tổng bằng các phần cộng lại), "
                    "hoặc `phan` và `khong_qua` (số thành phần không lớn hơn số tổng).",
                    "hint": "ví dụ `- {phan: don_thu.da_giai_quyet, khong_qua: don_thu.tiep_nhan}`",
                },
            )
        return self

    @property
    def is_sum(self) -> bool:
        """Return whether the rule says `tong` = sum of `bang` (else: `phan` ≤ `khong_qua`)."""
        return self.tong is not None

    def named(self) -> list[tuple[str, str | int | None, str]]:
        """Return (key, index in a list or None, figure) for every figure the rule names, in file order."""
        if self.is_sum:
            return [
                ("tong", None, self.tong or ""),
                *(("bang", index, part) for index, part in enumerate(self.bang)),
            ]
        return [("phan", None, self.phan or ""), ("khong_qua", None, self.khong_qua or "")]


class Ratio(_KindModel):
    """A percentage the tool computes (`ty_le`): `tu` out of `mau`, printed `90,3%` with `chu_so` decimals.

    A clerk never types a rate: it is a figure like a total, and a rate typed in prose is checked
    against the two counts it is made of.
    """

    tu: Text
    mau: Text
    chu_so: Annotated[int, Field(ge=0, le=4)] = 1


class TableLayout(_KindModel):
    """A ready-made appendix table (`phu_luc.<ma>`): the data file types only its rows (`dong`)."""

    tieu_de: Text
    tieu_de_bang: str | None = None
    huong: Literal["doc", "ngang"] | None = None
    cot: tuple[Cot, ...] = Field(min_length=1)
    tong_cong: Bool | str = False
    de_trong: Bool = False
    ghi_chu: str | None = None
    co_chu: Int | None = None


class SkeletonHints(_KindModel):
    """Suggested values for the skeleton of `baocao init` (`mau`); `<điền …>` marks are meant to stay."""

    trich_yeu: str | None = None
    can_cu_ve: str | None = None
    bao_cao: str | None = None
    ket_thuc: str | None = None


class KindFile(_KindModel):
    """Everything a kind file may say; `ma` is its file name, not a key."""

    ten: Text
    mo_ta: str = ""
    he_thong: tuple[System, ...] = Field(("nha_nuoc", "dang"), min_length=1)
    danh_so: tuple[Numbering, ...] = Field(("la_ma", "so", "chu"), min_length=1)
    mau: SkeletonHints = SkeletonHints()
    de_cuong: tuple[KindSection, ...] = ()
    so_lieu: FigureTree = {}
    tinh: dict[str, tuple[Text, ...]] = {}
    ty_le: dict[str, Ratio] = {}
    kiem_tra: tuple[ConsistencyRule, ...] = ()
    cau: dict[str, Text] = {}
    phu_luc: dict[str, TableLayout] = {}


# --------------------------------------------------------------------------------------------- validation


def validate_kind_tree(tree: Any) -> tuple[KindFile | None, list[Diagnostic]]:
    """Return the kind built from a loaded tree and every problem in it (none hidden).

    The model is built only when the file has no error: a kind is shared by every report of its family,
    so half a kind is worse than none.
    """
    if not isinstance(tree, YMap):
        where = getattr(tree, "loc", None) or Location("?")
        return None, [
            Diagnostic(
                Code.WRONG_TYPE, "tệp loại báo cáo phải là một bảng khóa: giá trị (ví dụ `ten: …`).", where
            )
        ]
    # Blank sections (`so_lieu:` with nothing under it) mean "none", as they always have.
    data = {
        key: ({} if value is None and key in _BLANK_IS_EMPTY else value) for key, value in plain(tree).items()
    }
    try:
        kind = KindFile.model_validate(data)
    except ValidationError as exc:
        errors = [dict(error) for error in exc.errors(include_url=False)]
        converted = [_diagnostic(error, tree) for error in errors if not _follows_from_another(error, errors)]
        return None, dedupe(merge_alternatives(converted))
    problems = reference_problems(kind, tree)
    return (None if problems else kind), problems


_BLANK_IS_EMPTY = frozenset({"so_lieu", "tinh", "ty_le", "kiem_tra", "cau", "phu_luc", "mau", "de_cuong"})


def _follows_from_another(error: dict[str, Any], errors: list[dict[str, Any]]) -> bool:
    """A list whose only item is wrong is also "too short" to pydantic: one mistake, said once."""
    loc = tuple(error["loc"])
    return error["type"] == "too_short" and any(
        tuple(other["loc"])[: len(loc)] == loc and len(other["loc"]) > len(loc) for other in errors
    )


def _diagnostic(error: dict[str, Any], tree: Any) -> Diagnostic:
    """Return validate.py's diagnostic for one pydantic error, with the unknown-key hint of a kind file."""
    # The figure tree's union tags are no place in the file; a pydantic dataclass (Figure) calls an
    # unknown key an unexpected keyword argument.
    error = {**error, "loc": tuple(part for part in error["loc"] if part not in _FIGURE_TAGS)}
    if error["type"] == "unexpected_keyword_argument":
        error["type"] = "extra_forbidden"
    if (
        error["type"] == "tuple_type"
    ):  # every tuple of a kind file is a plain list (validate.py's are lines of text)
        error["type"] = "list_type"
    diagnostic = diagnostic_of_error(error, tree)
    if error["type"] != "extra_forbidden" or diagnostic.location is None:
        return diagnostic
    path = diagnostic.location.path
    known = _keys_at(path[:-1])
    close = difflib.get_close_matches(str(path[-1]) if path else "", known, n=1, cutoff=0.6)
    return replace(
        diagnostic,
        message=f"khóa «{path[-1] if path else '?'}» không có trong tệp loại báo cáo ở chỗ này.",
        hint=f"có phải «{close[0]}»?" if close else "các khóa dùng được: " + ", ".join(known),
    )


def _keys_at(path: tuple[str | int, ...]) -> list[str]:
    """Return the keys a kind file may have at `path` (for the closest-key hint)."""
    names = [part for part in path if isinstance(part, str)]
    if not names:
        return list(KindFile.model_fields)
    if names[0] == "de_cuong":
        return list(KindSection.model_fields)
    if names[0] == "so_lieu":
        return ["mo_ta", "kieu", "de_trong"]
    if names[0] == "kiem_tra":
        return list(ConsistencyRule.model_fields)
    if names[0] == "ty_le":
        return list(Ratio.model_fields)
    if names[0] == "phu_luc":
        return list(Cot.model_fields) if "cot" in names else list(TableLayout.model_fields)
    if names[0] == "mau":
        return list(SkeletonHints.model_fields)
    return list(KindFile.model_fields)


class KindContents(Protocol):
    """What the reference checks read: a `KindFile`, or the `Kind` built from it."""

    @property
    def de_cuong(self) -> tuple[KindSection, ...]: ...
    @property
    def so_lieu(self) -> dict[str, Any]: ...
    @property
    def tinh(self) -> Mapping[str, tuple[str, ...]]: ...
    @property
    def ty_le(self) -> Mapping[str, Ratio]: ...
    @property
    def kiem_tra(self) -> tuple[ConsistencyRule, ...]: ...
    @property
    def cau(self) -> Mapping[str, str]: ...


def reference_problems(kind: KindContents, tree: Any = None) -> list[Diagnostic]:
    """Return what makes a well-typed kind unusable, located in `tree` when there is one."""
    return dedupe(list(_reference_problems(kind, tree)))


def _reference_problems(kind: KindContents, tree: Any) -> Iterator[Diagnostic]:
    """Yield what makes a well-typed kind unusable: names that point nowhere, names given twice, and
    optional figures where a blank would print badly."""
    figures = dict(_figure_leaves(kind.so_lieu, ""))
    yield from _duplicate_sections(kind.de_cuong, ("de_cuong",), tree, {})
    yield from _total_problems(kind, figures, tree)
    counts = set(figures) | set(kind.tinh)
    yield from _ratio_problems(kind, figures, counts, tree)
    known = counts | set(kind.ty_le)
    for index, rule in enumerate(kind.kiem_tra):
        here = ("kiem_tra", index)
        for key, position, name in rule.named():
            where = (*here, key) if position is None else (*here, key, position)
            yield from _unknown_figure(name, known, where, tree, "quy tắc khớp số")
    for name, template in kind.cau.items():
        yield from _sentence_problems(name, template, figures, known, set(kind.cau), tree)
    yield from _hint_problems(kind.de_cuong, ("de_cuong",), set(kind.cau), tree)


def _ratio_problems(
    kind: KindContents, figures: dict[str, Figure], counts: set[str], tree: Any
) -> Iterator[Diagnostic]:
    """A percentage divides two figures or totals, and has a name of its own."""
    for name, ratio in kind.ty_le.items():
        if name in counts:
            yield Diagnostic(
                Code.DUPLICATE_KEY,
                f"«{name}» vừa là tỷ lệ công cụ tự tính (ty_le) vừa là số liệu hoặc số tổng.",
                _key_location(tree, ("ty_le",), name),
                name,
                "đổi tên tỷ lệ",
            )
        for key in ("tu", "mau"):
            yield from _unknown_figure(
                getattr(ratio, key), counts, ("ty_le", name, key), tree, f"tỷ lệ «{name}»"
            )


def _figure_leaves(tree: dict[str, Any], prefix: str) -> Iterator[tuple[str, Figure]]:
    for key, value in tree.items():
        if isinstance(value, dict):
            yield from _figure_leaves(value, f"{prefix}{key}.")
        else:
            yield f"{prefix}{key}", value


def _duplicate_sections(
    sections: tuple[KindSection, ...],
    path: tuple[str | int, ...],
    tree: Any,
    seen: dict[str, Location | None],
) -> Iterator[Diagnostic]:
    """A data file finds a section by `ma` anywhere in the outline, so a `ma` may appear once only."""
    for index, section in enumerate(sections):
        here = (*path, index)
        where = location_of(tree, (*here, "ma"))
        if section.ma in seen:
            first = seen[section.ma]
            yield Diagnostic(
                Code.DUPLICATE_KEY,
                f"mã mục «{section.ma}» đã có trong đề cương"
                + (f" (dòng {first.line})" if first else "")
                + "; tệp dữ liệu tìm mục theo mã nên mỗi mã chỉ dùng một lần.",
                where,
                section.ma,
                "đặt một mã khác cho một trong hai mục",
            )
        else:
            seen[section.ma] = where
        yield from _duplicate_sections(section.muc, (*here, "muc"), tree, seen)


def _total_problems(kind: KindContents, figures: dict[str, Figure], tree: Any) -> Iterator[Diagnostic]:
    """A total adds up figures typed before it (or totals computed before it), never an optional one
    (a blank is not 0), and never shares its name with a typed figure."""
    computed: set[str] = set()
    for total, parts in kind.tinh.items():
        key = _key_location(tree, ("tinh",), total)
        if total in figures:
            yield Diagnostic(
                Code.DUPLICATE_KEY,
                f"«{total}» vừa là số liệu người dùng gõ (so_lieu) vừa là số tổng công cụ tự cộng.",
                key,
                total,
                "đổi tên số tổng, hoặc bỏ số liệu ấy khỏi so_lieu",
            )
        for index, part in enumerate(parts):
            where = ("tinh", total, index)
            if part in figures or part in computed:
                if part in figures and figures[part].de_trong:
                    yield Diagnostic(
                        Code.TOTALS_DISAGREE,
                        f"số tổng «{total}» cộng số liệu «{part}» được để trống; ô trống không phải số 0.",
                        location_of(tree, where),
                        part,
                        "bỏ số liệu này khỏi số tổng, hoặc bỏ `de_trong: có` của nó",
                        extra=((DEVELOPER_NOTE, f"total {total} adds up optional figure {part}"),),
                    )
            elif part in kind.tinh:
                yield Diagnostic(
                    Code.MISSING_REFERENCE,
                    f"số tổng «{total}» cộng số tổng «{part}» được tính sau nó.",
                    location_of(tree, where),
                    part,
                    f"chuyển dòng «{part}» lên trước dòng «{total}»",
                )
            else:
                yield from _unknown_figure(part, set(figures) | computed, where, tree, f"số tổng «{total}»")
        computed.add(total)


def _unknown_figure(
    name: str, known: set[str], path: tuple[str | int, ...], tree: Any, user: str
) -> Iterator[Diagnostic]:
    if name in known:
        return
    close = difflib.get_close_matches(name, sorted(known), n=1, cutoff=0.6)
    yield Diagnostic(
        Code.MISSING_REFERENCE,
        f"{user} dẫn tới số liệu «{name}» mà loại báo cáo không khai (trong so_lieu hoặc tinh).",
        location_of(tree, path),
        name,
        f"có phải «{close[0]}»?" if close else "khai số liệu này trong so_lieu",
    )


def _sentence_problems(
    name: str, template: str, figures: dict[str, Figure], known: set[str], sentences: set[str], tree: Any
) -> Iterator[Diagnostic]:
    """Every `{…}` of a standard sentence names a figure, a total, another sentence or the number of
    models, with a known form; an optional figure sits inside a `[…]` clause, and a clause holds one."""
    at = _locator(tree, ("cau", name))
    references = set(known) | {MODEL_COUNT} | {SENTENCE_PREFIX + other for other in sentences - {name}}
    optional = {path for path, figure in figures.items() if figure.de_trong}
    clauses = [(match.start(1), match.end(1)) for match in OPTIONAL_CLAUSE.finditer(template)]
    for match in FIGURE_REFERENCE.finditer(template):
        reference, _, form = match.group(1).partition("|")
        where = at(match.start(1))
        inside = any(start <= match.start() and match.end() <= end for start, end in clauses)
        if reference not in references:
            close = difflib.get_close_matches(reference, sorted(references), n=1, cutoff=0.6)
            yield Diagnostic(
                Code.MISSING_REFERENCE,
                f"câu chuẩn «{name}» dẫn tới «{reference}», không phải số liệu, số tổng hay câu chuẩn nào của loại báo cáo.",
                where,
                match.group(0),
                f"có phải «{close[0]}»?" if close else "khai số liệu này trong so_lieu",
            )
        elif form not in FIGURE_FORMS:
            yield Diagnostic(
                Code.BAD_MARKUP,
                f"cách in «|{form}» không có; sau dấu | chỉ ghi 02 (thêm số 0 trước số nhỏ hơn 10) hoặc chu (in bằng chữ).",
                where,
                match.group(0),
                f"«{{{reference}}}» hoặc «{{{reference}|02}}»",
            )
        elif reference in optional and not inside:
            yield Diagnostic(
                Code.BAD_MARKUP,
                f"số liệu «{reference}» được để trống nên chỉ được đặt trong một vế […] của câu chuẩn (vế ấy bỏ đi khi trống).",
                where,
                match.group(0),
                f"viết «[, {match.group(0)} …]»",
                extra=((DEVELOPER_NOTE, f"sentence {name}: optional figure {reference} outside […]"),),
            )
    for start, end in clauses:
        inner = [ref.partition("|")[0] for ref in FIGURE_REFERENCE.findall(template[start:end])]
        if not any(ref in optional for ref in inner):
            yield Diagnostic(
                Code.BAD_MARKUP,
                f"vế [{template[start:end]}] của câu chuẩn «{name}» không có số liệu nào được để trống, nên không bao giờ bị bỏ.",
                at(start - 1),
                f"[{template[start:end]}]",
                "bỏ dấu [ ] (vế luôn in ra), hoặc khai `de_trong: có` cho số liệu của vế",
                extra=(
                    (
                        DEVELOPER_NOTE,
                        f"sentence {name}: clause [{template[start:end]}] has no optional figure",
                    ),
                ),
            )


def _hint_problems(
    sections: tuple[KindSection, ...], path: tuple[str | int, ...], sentences: set[str], tree: Any
) -> Iterator[Diagnostic]:
    """A hint that shows `{cau.x}` to the clerk names a sentence the kind has."""
    for index, section in enumerate(sections):
        here = (*path, index)
        for match in FIGURE_REFERENCE.finditer(section.goi_y):
            reference = match.group(1).partition("|")[0]
            if reference.startswith(SENTENCE_PREFIX) and reference[len(SENTENCE_PREFIX) :] not in sentences:
                where = _locator(tree, (*here, "goi_y"))(match.start(1))
                close = difflib.get_close_matches(
                    reference[len(SENTENCE_PREFIX) :], sorted(sentences), n=1, cutoff=0.6
                )
                yield Diagnostic(
                    Code.MISSING_REFERENCE,
                    f"gợi ý dẫn tới câu chuẩn «{reference}» mà loại báo cáo không có (trong cau).",
                    where,
                    match.group(0),
                    f"có phải «cau.{close[0]}»?" if close else "khai câu chuẩn này trong cau",
                )
        yield from _hint_problems(section.muc, (*here, "muc"), sentences, tree)


def _locator(tree: Any, path: tuple[str | int, ...]) -> Callable[[int], Location | None]:
    """Return where each character of the text at `path` was typed (its key's place when unknown)."""
    node: Any = tree
    for part in path:
        if isinstance(node, YMap) and isinstance(part, str) and part in node:
            node = node[part]
        elif isinstance(node, YList) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
        else:
            node = None
            break
    if isinstance(node, YStr):
        return node.location_at
    where = location_of(tree, path)
    return lambda offset: where


def _key_location(tree: Any, parent: tuple[str, ...], key: str) -> Location | None:
    """Return where `key` of the mapping at `parent` was typed (a key names a total in `tinh`)."""
    node: Any = tree
    for part in parent:
        node = node.get(part) if isinstance(node, YMap) else None
    found = node.key_locs.get(key) if isinstance(node, YMap) else None
    return found or location_of(tree, (*parent, key))
