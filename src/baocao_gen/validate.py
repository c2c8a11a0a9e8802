"""Stage 2, validate: located tree → typed model, every problem reported with its place.

pydantic knows only key paths; the loader knows where each value was typed. Here the two meet: each
pydantic error is mapped back to file:line:col, worded in Vietnamese, and given a hint (the closest
known key for a typo, the allowed values for a choice, `5,6` for `5.6`). The business rules (the
signing mark must match the document system, a State closing ends with “./.”…) are small functions
in `rules/validate_rules.py`: the tree rules run first, the model rules after the model is built.
"""

from __future__ import annotations

import difflib
from typing import Any, get_args

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from .codes import Code
from .diagnostics import Diagnostic, Location, has_errors
from .loader import YList, YMap, YStr, location_of, plain
from .model import BaoCao
from .rules.validate_rules import MODEL_RULES, TREE_RULES, ModelSubject
from .vietnamese import VietnameseValueError, parse_number

__all__ = ["dedupe", "diagnostic_of_error", "merge_alternatives", "validate_tree"]

# Every error type pydantic can raise on this model, in Vietnamese. pydantic's own `msg` is English
# and is never shown: a type missing here gets the Vietnamese fallback of `diagnostic_of_error`.
_NUMBER = "cần một số (viết kiểu Việt Nam: 1.836; 5,6)."
_INTEGER = "cần một số nguyên."
_DATE = "cần một ngày, ví dụ 03/6/2013."
_MAPPING = "cần một bảng khóa: giá trị (mỗi khóa một dòng, thụt vào dưới khóa này)."
_TYPE_MESSAGES = {
    "string_type": "cần một dòng chữ.",
    "string_sub_type": "cần một dòng chữ.",
    "string_unicode": "cần một dòng chữ.",
    "string_too_short": "không được để trống.",
    "too_short": "không được để trống.",
    "string_too_long": "dài quá mức cho phép.",
    "too_long": "dài quá mức cho phép.",
    "string_pattern_mismatch": "viết không đúng dạng.",
    "list_type": "cần một danh sách (mỗi mục một dòng, bắt đầu bằng “- ”).",
    "tuple_type": "cần một dòng chữ, một khối `|` (mỗi dòng in thành một dòng) hoặc một danh sách “- ”.",
    "set_type": "cần một danh sách (mỗi mục một dòng, bắt đầu bằng “- ”).",
    "iterable_type": "cần một danh sách (mỗi mục một dòng, bắt đầu bằng “- ”).",
    "dict_type": _MAPPING,
    "mapping_type": _MAPPING,
    "model_type": _MAPPING,
    "model_attributes_type": _MAPPING,
    "dataclass_type": _MAPPING,
    "bool_parsing": "cần “có” hoặc “không” (true/false).",
    "bool_type": "cần “có” hoặc “không” (true/false).",
    "int_parsing": _INTEGER,
    "int_type": _INTEGER,
    "int_from_float": _INTEGER,
    "int_parsing_size": "số quá lớn.",
    "float_type": _NUMBER,
    "float_parsing": _NUMBER,
    "decimal_type": _NUMBER,
    "decimal_parsing": _NUMBER,
    "decimal_max_digits": "số có quá nhiều chữ số.",
    "decimal_max_places": "số có quá nhiều chữ số sau dấu phẩy.",
    "decimal_whole_digits": "số có quá nhiều chữ số.",
    "finite_number": _NUMBER,
    "date_type": _DATE,
    "date_parsing": _DATE,
    "date_from_datetime_parsing": _DATE,
    "date_from_datetime_inexact": _DATE,
    "datetime_type": _DATE,
    "datetime_parsing": _DATE,
    "none_required": "chỗ này phải để trống.",
    "union_tag_invalid": "kiểu giá trị không đúng.",
    "union_tag_not_found": "kiểu giá trị không đúng.",
    "is_instance_of": "kiểu giá trị không đúng.",
    "frozen_instance": "giá trị này không sửa được.",
    "frozen_field": "giá trị này không sửa được.",
}
_FALLBACK = "giá trị không dùng được ở chỗ này (xem cách viết trong docs/du-lieu.md)."
# A blank value (`khóa:` with nothing after it) fails as a wrong type; the clerk left it empty.
_BLANK_KINDS = frozenset(
    {
        "string_type",
        "string_too_short",
        "too_short",
        "tuple_type",
        "list_type",
        "dict_type",
        "model_type",
        "int_type",
        "date_type",
    }
)
_BOUNDS = {
    "greater_than_equal": ("ge", "không được nhỏ hơn"),
    "less_than_equal": ("le", "không được lớn hơn"),
    "greater_than": ("gt", "phải lớn hơn"),
    "less_than": ("lt", "phải nhỏ hơn"),
    "multiple_of": ("multiple_of", "phải là bội số của"),
}


def _model_at(path: tuple[str | int, ...]) -> type[BaseModel] | None:
    """Return the model class that validates the mapping at `path` (for key suggestions)."""
    cls: type[BaseModel] | None = BaoCao
    for part in path:
        if isinstance(part, int) or cls is None:
            continue
        field = cls.model_fields.get(part)
        if field is None:
            return None
        cls = _find_model(field.annotation)
    return cls


def _find_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in get_args(annotation):
        found = _find_model(arg)
        if found is not None:
            return found
    return None


def _tree_path(tree: Any, loc: tuple[Any, ...]) -> tuple[str | int, ...]:
    """Keep only the parts of a pydantic `loc` that exist in the data (drop union tags)."""
    path: list[str | int] = []
    node = tree
    for part in loc:
        if isinstance(node, YMap) and isinstance(part, str) and part in node:
            node = node[part]
            path.append(part)
        elif isinstance(node, YList) and isinstance(part, int) and part < len(node):
            node = node[part]
            path.append(part)
        elif isinstance(node, YMap | YList):
            # a union tag or a validator name: not a place in the data
            continue
        else:
            if isinstance(part, str) and not part.startswith(("function-", "van_ban", "bang")):
                path.append(part)
            break
    return tuple(path)


def _value_at(tree: Any, path: tuple[str | int, ...]) -> Any:
    node = tree
    for part in path:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            return None
    return node


def _shown(value: Any) -> str | None:
    if isinstance(value, YStr):
        return None if value.is_null else str(value)
    return None


def diagnostic_of_error(error: ErrorDetails | dict[str, Any], tree: Any) -> Diagnostic:
    """Return one pydantic error as a located Vietnamese diagnostic (data files and kind files alike)."""
    kind = error["type"]
    path = _tree_path(tree, tuple(error["loc"]))
    value = _value_at(tree, path)
    location = location_of(tree, path) or Location("?")
    ctx = error.get("ctx") or {}
    if kind == "extra_forbidden":
        key = str(path[-1]) if path else "?"
        parent = path[:-1]
        container = _value_at(tree, parent)
        if isinstance(container, YMap) and key in container.key_locs:
            location = container.key_locs[key]
        known = list((_model_at(parent) or BaoCao).model_fields)
        close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
        return Diagnostic(
            Code.UNKNOWN_KEY,
            f"khóa «{key}» không có trong mẫu dữ liệu ở chỗ này.",
            location,
            hint=f"có phải «{close[0]}»?" if close else "các khóa dùng được: " + ", ".join(known),
        )
    if kind == "missing":
        key = str(error["loc"][-1])
        parent_path = path if path and path[-1] != key else path[:-1]
        parent_loc = location_of(tree, parent_path) or location
        return Diagnostic(
            Code.MISSING_KEY,
            f"thiếu khóa bắt buộc «{key}».",
            Location(parent_loc.file, parent_loc.line, parent_loc.column, (*parent_path, key)),
            hint=f"thêm dòng `{key}: …`",
        )
    if kind in ("vn_number", "vn_integer"):
        return Diagnostic(
            Code.BAD_NUMBER,
            ctx.get("message", error["msg"]),
            location,
            _shown(value),
            ctx.get("hint") or None,
        )
    if kind == "vn_date":
        return Diagnostic(
            Code.BAD_DATE, ctx.get("message", error["msg"]), location, _shown(value), ctx.get("hint") or None
        )
    if kind in ("literal_error", "enum"):
        expected = ctx.get("expected", "")
        options = [opt.strip().strip("'") for opt in expected.replace(" or ", ", ").split(",") if opt.strip()]
        close = difflib.get_close_matches(str(_shown(value) or ""), options, n=1, cutoff=0.5)
        return Diagnostic(
            Code.WRONG_TYPE,
            "giá trị không thuộc các giá trị cho phép: " + ", ".join(options) + ".",
            location,
            _shown(value),
            f"có phải «{close[0]}»?" if close else None,
        )
    if kind in _BOUNDS:
        key, word = _BOUNDS[kind]
        return Diagnostic(Code.WRONG_TYPE, f"giá trị {word} {ctx.get(key, '')}.", location, _shown(value))
    if kind in ("value_error", "assertion_error"):
        cause = ctx.get("error")
        message = getattr(cause, "message", None)  # a VietnameseValueError raised inside a validator
        return Diagnostic(
            Code.WRONG_TYPE,
            message or _FALLBACK,
            location,
            _shown(value),
            getattr(cause, "hint", None) or None,
        )
    if isinstance(
        ctx.get("message"), str
    ):  # our own PydanticCustomError (vn_…): message and hint are Vietnamese
        return Diagnostic(Code.WRONG_TYPE, ctx["message"], location, _shown(value), ctx.get("hint") or None)
    if isinstance(value, YStr) and value.is_null and kind in _BLANK_KINDS:
        return Diagnostic(
            Code.WRONG_TYPE, "không được để trống.", location, None, "điền giá trị sau dấu hai chấm"
        )
    if kind == "model_type" and error["loc"][-1:] == ("bang",):  # TextOrMoDau, TextOrNhom: prose or a mapping
        return Diagnostic(
            Code.WRONG_TYPE, "cần một đoạn văn, hoặc một bảng khóa: giá trị.", location, _shown(value)
        )
    return Diagnostic(
        Code.WRONG_TYPE, _TYPE_MESSAGES.get(kind, _FALLBACK), location, _shown(value), _flow_hint(value)
    )


def _flow_hint(value: Any) -> str | None:
    """Say how to type `van_ban: {cau.ho_so}` or `trich_yeu: [[nq25]]`, which YAML reads as a mapping
    and a list: a figure or a citation that is the whole value must be in quotes."""
    if isinstance(value, YMap) and len(value) == 1:
        [(key, inner)] = value.items()
        if isinstance(inner, YStr) and inner.is_null:
            return f'số liệu hay câu chuẩn đứng đầu giá trị phải đặt trong dấu nháy kép: "{{{key}}}"'
    if isinstance(value, YList) and len(value) == 1 and isinstance(value[0], YList) and len(value[0]) == 1:
        inner = value[0][0]
        if isinstance(inner, YStr):
            return f'trích dẫn đứng đầu giá trị phải đặt trong dấu nháy kép: "[[{inner}]]"'
    return None


def merge_alternatives(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """Say once what a value may be when pydantic reports each alternative of a union on its own.

    `tong_cong: [x]` fails both as “có”/“không” and as a line of text: one diagnostic, “cần “có” hoặc
    “không”…, hoặc một dòng chữ”, reads as the rule it is; two read as two mistakes.
    """
    out: list[Diagnostic] = []
    for diagnostic in diagnostics:
        previous = out[-1] if out else None
        if (
            previous is not None
            and previous.code == diagnostic.code == Code.WRONG_TYPE
            and previous.location == diagnostic.location
            and previous.message.startswith("cần ")
            and diagnostic.message.startswith("cần ")
        ):
            merged = previous.message.rstrip(".") + ", hoặc " + diagnostic.message.removeprefix("cần ")
            out[-1] = Diagnostic(previous.code, merged, previous.location, previous.value, previous.hint)
        else:
            out.append(diagnostic)
    return out


def _parse_figures(node: Any, path: tuple[str | int, ...], diagnostics: list[Diagnostic]) -> Any:
    """Parse every leaf under `so_lieu` as a Vietnamese number; report each bad one where it is."""
    if isinstance(node, YMap):
        return {str(k): _parse_figures(v, (*path, str(k)), diagnostics) for k, v in node.items()}
    if isinstance(node, YList):
        return [_parse_figures(v, (*path, i), diagnostics) for i, v in enumerate(node)]
    if isinstance(node, YStr):
        if node.is_null:
            return None
        try:
            return parse_number(str(node))
        except VietnameseValueError as exc:
            diagnostics.append(Diagnostic(Code.BAD_NUMBER, exc.message, node.loc, str(node), exc.hint))
            return None
    return node


def validate_tree(tree: Any) -> tuple[BaoCao | None, list[Diagnostic]]:
    """Return the model built from a loaded tree, with every problem found (none hidden)."""
    diagnostics = TREE_RULES.run(tree)
    if has_errors(diagnostics):
        return None, diagnostics
    data = plain(tree)
    if isinstance(tree, YMap) and "so_lieu" in tree:
        data["so_lieu"] = _parse_figures(tree["so_lieu"], ("so_lieu",), diagnostics) or {}
    try:
        report = BaoCao.model_validate(data)
    except ValidationError as exc:
        diagnostics.extend(
            merge_alternatives([diagnostic_of_error(error, tree) for error in exc.errors(include_url=False)])
        )
        return None, dedupe(diagnostics)
    diagnostics.extend(MODEL_RULES.run(ModelSubject(report, tree)))
    if has_errors(diagnostics):
        return None, dedupe(diagnostics)
    return report, dedupe(diagnostics)


def dedupe(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    seen: set[tuple[Any, ...]] = set()
    out = []
    for diagnostic in sorted(diagnostics, key=Diagnostic.sort_key):
        key = (diagnostic.code, diagnostic.location, diagnostic.message)
        if key not in seen:
            seen.add(key)
            out.append(diagnostic)
    return out
