"""JSON Schema of the data files, generated from the model (never written by hand).

An editor with a YAML language server (VS Code's YAML extension) reads it through the first line of
a data file, `# yaml-language-server: $schema=…`, and then completes keys, shows each key's meaning
and underlines mistakes while the clerk types. So the schema has to say what the tool says: it must
accept every file `validate` accepts (a false underline teaches the clerk to ignore underlines), and
refuse what the tool refuses where it can (a typo'd key, a section code the outline does not have).

Three things make that more than `BaoCao.model_json_schema()`:

- Titles and descriptions are the model fields' own, in Vietnamese (`CanCu.so` is a căn cứ's number,
  `BaoCao.so` the report's own), and a kind's section and appendix codes carry their titles.
- An editor sends `so: 5`, `1.836` or a table cell `12` as numbers, where the tool reads every value
  as the text typed; wherever the model takes text, the schema takes a number too.
- `so_lieu` holds the figures or names the Excel sheet that holds them (`{tep: …, trang: …}`).
- A file is partial: a period file gets the unit's keys from its profile (`ke_thua`), mappings merged
  key by key, and a profile (`don-vi.yaml`) has no trich_yeu at all. Profiles get their own schema
  with nothing required; a period file must have the model's required keys only when it inherits
  nothing. Unknown keys stay refused everywhere (`additionalProperties: false`).

One schema file per kind (`baocao-schema-<loại>.json`), so that two kinds in one folder keep each
their own, and one for profiles (`baocao-schema-don-vi.json`).
"""

from __future__ import annotations

import json
from typing import Any

from . import model as models
from .kinds import Figure, Kind, KindSection, kind_names, layout_columns, load_kind
from .model import BaoCao

__all__ = ["PROFILE_SCHEMA_FILE", "json_schema", "profile_schema", "schema_file_name", "schema_text"]

PROFILE_SCHEMA_FILE = "baocao-schema-don-vi.json"

_INHERIT = {
    "type": "string",
    "title": "Kế thừa",
    "description": "Tệp hồ sơ đơn vị để kế thừa (đường dẫn tính từ thư mục của tệp này), ví dụ don-vi.yaml; "
    "khóa của tệp này đè lên khóa cùng tên của hồ sơ.",
}
# Properties whose text is a date: a number there is a mistake worth underlining, not a way of typing.
_DATE_TEXT = {("CanCu", "ngay")}

# `so_lieu` may name an Excel sheet instead of holding the figures (spreadsheet.py, docs/du-lieu.md):
# `tep` a .xlsx file (the tool refuses any other), `trang` a sheet's name, which an editor sends as a
# number when the sheet is called 2023; nothing else beside them.
_SHEET_KEYS = {
    "tep": {
        "type": "string",
        "pattern": r"\.[xX][lL][sS][xX]\s*$",
        "title": "Tệp Excel giữ số liệu",
        "description": "Số liệu để trong bảng tính Excel (.xlsx) thay vì gõ ở đây: tên tệp, tính từ thư mục chứa "
        "tệp này, ví dụ so-lieu.xlsx; cột A tên số liệu (ho_so.truc_tuyen), cột B giá trị. Khi ấy so_lieu chỉ "
        "ghi tep và trang.",
    },
    "trang": {
        "type": ["string", "number"],
        "title": "Trang tính",
        "description": "Tên trang tính của tệp Excel (tep), ví dụ Sheet1; bỏ dòng này thì lấy trang đầu.",
    },
}


def schema_file_name(kind_code: str | None = None, profile: bool = False) -> str:
    """Return the file name of a schema: one per kind, one for profiles, one for any data file."""
    if profile:
        return PROFILE_SCHEMA_FILE
    return f"baocao-schema-{kind_code}.json" if kind_code else "baocao-schema.json"


def _accept_numbers(node: Any, where: tuple[str, str], spelled_out: bool = False) -> None:
    """Let every free-text value be typed as a number too (an editor sends `so: 5` as the number 5).

    `where` is the (model, key) the value belongs to. Choices (`enum`, `const`) stay strict, and so
    do dates (`ngay: 2023` is a mistake, not a way of typing a date) and the text alternative of a
    number or a yes/no (`spelled_out`: `co_chu: 7,5` is text, `co_chu: 7.5` a number the tool refuses).
    """
    if isinstance(node, list):
        for item in node:
            _accept_numbers(item, where, spelled_out)
    elif isinstance(node, dict):
        free = node.get("type") == "string" and not spelled_out and where not in _DATE_TEXT
        if free and not {"enum", "const"} & node.keys():
            node["type"] = ["string", "number"]
        for key, value in node.items():
            if key == "anyOf":
                kinds = {branch.get("type") for branch in value if isinstance(branch, dict)}
                _accept_numbers(value, where, spelled_out=bool(kinds & {"integer", "number", "boolean"}))
            else:
                _accept_numbers(value, where)


def _base(title: str, description: str) -> tuple[dict[str, Any], list[str], list[str]]:
    """Return the model's schema with the changes every data file needs (see the module docstring),
    the keys a complete report requires, and the keys its signature block requires."""
    schema = BaoCao.model_json_schema(mode="validation")
    for name, model in [("BaoCao", schema), *schema["$defs"].items()]:
        fields = getattr(models, name).model_fields
        for key, value in model.get("properties", {}).items():
            # pydantic leaves out a field's title next to a `$ref`; the editor shows it on hover
            value.setdefault("title", fields[key].title)
            _accept_numbers(value, (name, key))
    schema["title"] = title
    schema["description"] = description
    properties = schema["properties"]
    properties["ke_thua"] = dict(_INHERIT)
    properties["so_lieu"] = _figures_or_sheet(properties["so_lieu"])
    properties["loai"] |= {"type": "string", "enum": kind_names()}
    # The date line also takes a plain date string such as 05/6/2023.
    date_line = properties["ngay"]
    reference = {
        key: value for key, value in date_line.items() if key not in ("title", "description", "default")
    }
    properties["ngay"] = {
        "title": date_line["title"],
        "description": date_line["description"],
        "anyOf": [{"type": "string"}, {"type": "null"}, reference],
    }
    # A period file may set one key of the signature block and take the others from its profile
    # (mappings merge key by key), so `ho_ten` is required of the merged file, not of either file.
    signer_required = schema["$defs"]["NguoiKy"].pop("required", [])
    return schema, schema.pop("required", []), signer_required


def _require_when_alone(schema: dict[str, Any], required: list[str], signer_required: list[str]) -> None:
    """Require the complete report's keys of a period file that inherits nothing (no `ke_thua`)."""
    schema["if"] = {"not": {"required": ["ke_thua"]}}
    schema["then"] = {"required": required, "properties": {"nguoi_ky": {"required": signer_required}}}


def _section_choices(kind: Kind) -> list[dict[str, Any]]:
    """Return one `const` per section code of the kind's outline, titled, so the editor shows the title."""
    choices: list[dict[str, Any]] = []

    def walk(sections: tuple[KindSection, ...], parents: tuple[str, ...]) -> None:
        for section in sections:
            notes = [f"Mục con của «{parents[-1]}»." if parents else "Mục lớn của đề cương."]
            notes.append("Bắt buộc." if section.bat_buoc else "Không bắt buộc: không dùng thì bỏ cả mục.")
            if section.danh_sach == "mo_hinh":
                notes.append("Các mô hình ở danh sách mo_hinh được liệt kê ngay sau đoạn văn của mục này.")
            if section.goi_y:
                notes.append(f"Gợi ý: {section.goi_y}")
            choices.append({"const": section.ma, "title": section.tieu_de, "description": " ".join(notes)})
            walk(section.muc, (*parents, section.tieu_de))

    walk(kind.de_cuong, ())
    return choices


def _appendix_choices(kind: Kind) -> list[dict[str, Any]]:
    """Return one `const` per table layout of the kind, titled, with the columns a row is typed in."""
    from .tables import leaf_columns

    choices = []
    for code, layout in kind.phu_luc.items():
        leaves = leaf_columns(layout_columns(layout))
        columns = ", ".join(leaf.ten or "(cột không tên)" for leaf in leaves if leaf.kieu != "stt")
        choices.append(
            {
                "const": code,
                "title": layout.tieu_de,
                "description": f"Khuôn bảng có sẵn: chỉ gõ các dòng (dong), mỗi dòng: {columns}; không gõ dòng tổng.",
            }
        )
    return choices


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
        entry: dict[str, Any] = {
            "type": ["number", "string", "null"] if figure.de_trong else ["number", "string"]
        }
        if figure.is_count:
            entry["minimum"] = 0
            entry["description"] = f"{figure.mo_ta} (số đếm: số nguyên từ 0 trở lên)"
        else:
            entry["description"] = figure.mo_ta
        if figure.de_trong:
            entry["description"] += "; không có thì để trống"
        properties[key] = entry
    return {"type": "object", "properties": properties, "additionalProperties": False}


def _figures_or_sheet(field: dict[str, Any]) -> dict[str, Any]:
    """Return `field` (the schema of `so_lieu`) taking, besides the figures, an Excel sheet's name.

    The sheet's keys sit beside the figures (so an editor completes `tep` too); a mapping with `tep`
    holds nothing else, and `trang` means nothing without `tep`.
    """
    figures = field.get("properties", {})
    return field | {
        "properties": {**figures, **_SHEET_KEYS},
        "if": {"required": ["tep"]},
        "then": {"propertyNames": {"enum": list(_SHEET_KEYS)}},
        "else": {"not": {"required": ["trang"]}},
    }


def _choose(field: dict[str, Any], choices: list[dict[str, Any]]) -> dict[str, Any]:
    """Return `field` (keeping its title and description) narrowed to `choices` or blank."""
    return {
        "title": field.get("title"),
        "description": field.get("description"),
        "anyOf": [*choices, {"type": "null"}],
    }


def json_schema(kind_code: str | None = None) -> dict[str, Any]:
    """Return the JSON Schema of a period file, narrowed to a report kind when one is named."""
    kind = load_kind(kind_code) if kind_code else None
    title = f"Tệp kỳ báo cáo: {kind.ten}" if kind else "Tệp kỳ báo cáo baocao-gen"
    schema, required, signer_required = _base(
        title,
        "Tệp dữ liệu của một kỳ báo cáo. Khóa không ghi ở đây được lấy từ hồ sơ đơn vị (ke_thua); "
        "tệp không kế thừa hồ sơ nào thì phải đủ các khóa bắt buộc.",
    )
    if kind is not None:
        properties = schema["properties"]
        kind_line = {key: value for key, value in properties["loai"].items() if key != "enum"}
        properties["loai"] = kind_line | {
            "const": kind.ma,
            "description": f"{kind.ten}. {kind.mo_ta}".strip(),
        }
        properties["he_thong"] = {**properties["he_thong"], "enum": list(kind.he_thong)}
        if kind.so_lieu:
            figures = _figures_schema(kind.so_lieu)
            properties["so_lieu"] = _figures_or_sheet(
                {
                    "title": properties["so_lieu"]["title"],
                    "description": properties["so_lieu"]["description"],
                    **figures,
                }
            )
        defs = schema["$defs"]
        if kind.de_cuong:
            defs["Muc"]["properties"]["ma"] = _choose(defs["Muc"]["properties"]["ma"], _section_choices(kind))
        if kind.phu_luc:
            defs["PhuLuc"]["properties"]["ma"] = _choose(
                defs["PhuLuc"]["properties"]["ma"], _appendix_choices(kind)
            )
    _require_when_alone(schema, required, signer_required)
    return schema


def profile_schema() -> dict[str, Any]:
    """Return the JSON Schema of a unit profile (don-vi.yaml): any key of a report, none required."""
    schema, _, _ = _base(
        "Hồ sơ đơn vị (don-vi.yaml)",
        "Thông tin ít thay đổi của đơn vị (cơ quan, địa danh, người ký…), dùng lại cho mọi kỳ báo cáo: tệp kỳ báo cáo "
        "ghi `ke_thua: don-vi.yaml`. Không khóa nào bắt buộc ở đây; tệp kỳ báo cáo ghi phần còn lại.",
    )
    return schema


def schema_text(kind_code: str | None = None, profile: bool = False) -> str:
    """Return the schema as indented JSON text (stable key order, so files diff cleanly)."""
    schema = profile_schema() if profile else json_schema(kind_code)
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"
