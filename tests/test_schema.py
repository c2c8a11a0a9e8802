"""The JSON Schema accepts every valid file and helps while typing (checked with a standard validator).

Files are read with `yaml.safe_load`, as an editor's YAML language server reads them: `so: 5` is the
number 5, `1.836` a float, a table cell `12` a number, where the tool itself reads every value as
the text typed.
"""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from baocao_gen.kinds import kind_names, load_kind
from baocao_gen.model import BaoCao
from baocao_gen.pipeline import check
from baocao_gen.schema import json_schema, profile_schema
from conftest import EXAMPLES
from test_cli import run
from test_spreadsheet import _twin

EXAMPLE_FILES = sorted(EXAMPLES.glob("*/*.yaml"))
PERIOD_FILES = [path for path in EXAMPLE_FILES if path.name != "don-vi.yaml"]
PROFILE_FILES = [path for path in EXAMPLE_FILES if path.name == "don-vi.yaml"]


def cli_schema(*args: str) -> dict:
    proc = run("schema", *args)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def problems(schema: dict, data: object) -> list[str]:
    validator = jsonschema.Draft202012Validator(schema)
    return [
        f"{'.'.join(map(str, error.absolute_path))}: {error.message}" for error in validator.iter_errors(data)
    ]


def load(path: Path) -> object:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def test_the_schemas_are_valid_json_schemas():
    for schema in [json_schema(), profile_schema(), *(json_schema(kind) for kind in kind_names())]:
        jsonschema.Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize("path", PERIOD_FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_example_period_file_validates_against_its_schemas(path):
    data = load(path)
    assert problems(cli_schema(), data) == []
    assert problems(cli_schema(data["loai"]), data) == []


@pytest.mark.parametrize("path", PROFILE_FILES, ids=lambda p: p.parent.name)
def test_every_example_profile_validates_against_the_profile_schema(path):
    assert problems(cli_schema("--ho-so"), load(path)) == []


def test_a_typo_in_a_key_is_refused_at_every_level():
    profile = load(EXAMPLES / "ba-to" / "don-vi.yaml")
    period = load(EXAMPLES / "ba-to" / "dan-van-chinh-quyen-6-thang-2023.yaml")
    schema = json_schema("dan-van-chinh-quyen")
    assert problems(profile_schema(), {**profile, "nguoi_kí": "x"})
    assert problems(profile_schema(), {**profile, "nguoi_ky": {**profile["nguoi_ky"], "ho_tenn": "x"}})
    assert problems(schema, {**period, "trich_yue": "x"})
    typo = json.loads(json.dumps(period).replace('"cai_cach_hanh_chinh"', '"cai_cach_hanh_chin"'))
    assert any("noi_dung.1.muc.1.ma" in problem for problem in problems(schema, typo))
    figures = {
        **period,
        "so_lieu": {**period["so_lieu"], "ho_so": {**period["so_lieu"]["ho_so"], "tiep_nhan": 522}},
    }
    assert problems(schema, figures)  # a total is computed, never typed


def test_what_a_clerk_legitimately_types_is_accepted():
    """Numbers typed where the tool reads text; blanks left for the văn thư; a partial period file."""
    period = yaml.safe_load(
        """\
ke_thua: don-vi.yaml
so: 5
ngay: {thang: 6, nam: 2024}
trich_yeu: Báo cáo 2024
mo_dau:
  can_cu:
    - {so: 1172, ngay: 06/6/2023, cua: UBND huyện, ve: 2023}
noi_dung:
  - tieu_de: 2024
    bang:
      - cot: [{ten: 2013, rong: 2}, {ten: Số người, rong: "1,5"}]
        dong: [[2013-2018, 1.836], [2019, 12], ["", ~]]
nguoi_ky: {ho_ten: Nguyễn Văn A}
chu_thich: {a: 5}
noi_nhan: [Như trên, 5]
"""
    )
    assert problems(json_schema(), period) == []
    assert problems(json_schema("chung"), period) == []
    assert (
        problems(
            json_schema("dan-van-kheo"),
            {"ke_thua": "d.yaml", "so_lieu": {"dong_gop": {"tien": "35.300.000", "dat": None}}},
        )
        == []
    )


def test_choices_and_dates_stay_strict():
    assert problems(json_schema(), {"ke_thua": "don-vi.yaml", "he_thong": "nha nuoc"})
    assert problems(json_schema(), {"ke_thua": "don-vi.yaml", "mo_dau": {"can_cu": [{"ngay": 2023}]}})
    assert problems(
        json_schema("dan-van-chinh-quyen"), {"ke_thua": "d.yaml", "he_thong": "dang"}
    )  # state-only kind
    assert problems(
        json_schema("dan-van-kheo"), {"ke_thua": "d.yaml", "so_lieu": {"dang_ky": {"tap_the": -1}}}
    )


def test_a_period_file_that_inherits_nothing_must_be_complete():
    alone = {"trich_yeu": "Báo cáo"}
    assert any("he_thong" in problem for problem in problems(json_schema(), alone))
    assert problems(json_schema(), {**alone, "ke_thua": "don-vi.yaml"}) == []
    # the signature block merges key by key with the profile's: only a complete file must name the signer
    assert problems(json_schema(), {"ke_thua": "don-vi.yaml", "nguoi_ky": {"ky_thay": "Chủ tịch"}}) == []
    whole = load(EXAMPLES / "ba-to" / "don-vi.yaml") | {"trich_yeu": "Báo cáo"}
    assert problems(json_schema(), whole) == []
    assert any(
        "ho_ten" in problem
        for problem in problems(json_schema(), whole | {"nguoi_ky": {"chuc_vu": "Chủ tịch"}})
    )
    assert problems(profile_schema(), {}) == []


def test_descriptions_come_from_the_model_and_fit_nested_keys():
    schema = json_schema()
    own = schema["properties"]["so"]
    reference = schema["$defs"]["CanCu"]["properties"]["so"]
    assert own["title"] == "Số văn bản" and "văn thư" in own["description"]
    assert reference["title"] == "Số, ký hiệu" and "1172/UBND" in reference["description"]
    assert "văn thư" not in reference["description"]
    assert (
        schema["$defs"]["CanCu"]["properties"]["ngay"]["description"]
        != schema["properties"]["ngay"]["description"]
    )
    assert (
        schema["$defs"]["PhuLuc"]["properties"]["dong"]["description"]
        != schema["$defs"]["Bang"]["properties"]["dong"]["description"]
    )


@pytest.mark.parametrize("schema", [json_schema(), profile_schema()], ids=["ky-bao-cao", "ho-so"])
def test_every_key_is_explained_in_vietnamese(schema):
    """Every key has a title and a description the clerk reads; none is pydantic's English default."""
    models = [("BaoCao", schema), *schema["$defs"].items()]
    for name, model in models:
        assert model.get("title") and model.get("description"), name
        assert model["description"] != getattr(BaoCao, "__doc__", None)
        for key, value in model["properties"].items():
            assert value.get("title") and value.get("description"), f"{name}.{key}"
            assert value["title"] != key.replace("_", " ").title(), f"{name}.{key}"
    english = [
        name
        for name, model in models[1:]
        if model["description"].split(":")[0].split()[0] in ("A", "An", "The", "One")
    ]
    assert english == []


@pytest.mark.parametrize("kind", [kind for kind in kind_names() if load_kind(kind).de_cuong])
def test_section_and_appendix_codes_carry_their_titles(kind):
    schema = json_schema(kind)
    loaded = load_kind(kind)
    sections = {
        choice["const"]: choice
        for choice in schema["$defs"]["Muc"]["properties"]["ma"]["anyOf"]
        if "const" in choice
    }
    assert {code: choice["title"] for code, choice in sections.items()} == {
        code: section.tieu_de for code, section in loaded.sections_by_code().items()
    }
    assert all(choice["description"] for choice in sections.values())
    if loaded.phu_luc:
        appendices = {
            c["const"]: c["title"]
            for c in schema["$defs"]["PhuLuc"]["properties"]["ma"]["anyOf"]
            if "const" in c
        }
        assert appendices == {code: layout.tieu_de for code, layout in loaded.phu_luc.items()}


def test_schema_command_writes_one_file_per_kind_and_one_for_profiles(tmp_path):
    for args in (["dan-van-kheo"], ["tong-ket-nghi-quyet"], ["--ho-so"], []):
        proc = run("schema", *args, "-o", tmp_path)
        assert proc.returncode == 0, proc.stderr
    names = sorted(path.name for path in tmp_path.iterdir())
    assert names == [
        "baocao-schema-dan-van-kheo.json",
        "baocao-schema-don-vi.json",
        "baocao-schema-tong-ket-nghi-quyet.json",
        "baocao-schema.json",
    ]
    written = json.loads((tmp_path / "baocao-schema-dan-van-kheo.json").read_text(encoding="utf-8"))
    assert written["properties"]["loai"]["const"] == "dan-van-kheo"
    refused = run("schema", "dan-van-kheo", "--ho-so")
    assert refused.returncode == 2 and "hồ sơ đơn vị" in refused.stderr


def test_figures_kept_in_an_excel_sheet_validate_against_every_schema(tmp_path):
    """The Ba Tô example with its figures moved to so-lieu.xlsx: the tool renders it, so no schema may refuse it."""
    period = _twin(tmp_path)
    assert not [d for d in check(period).diagnostics if d.is_error]
    data = load(period)
    assert data["so_lieu"] == {"tep": "so-lieu.xlsx", "trang": "Sheet1"}
    assert problems(json_schema(), data) == []
    assert problems(cli_schema(data["loai"]), data) == []
    assert problems(profile_schema(), {"so_lieu": {"tep": "so-lieu.xlsx"}}) == []  # the sheet's default
    assert (
        problems(json_schema(data["loai"]), {**data, "so_lieu": {"tep": "so-lieu.xlsx", "trang": 2023}}) == []
    )


def test_the_sheet_reference_refuses_what_the_tool_refuses():
    period = load(EXAMPLES / "ba-to" / "dan-van-chinh-quyen-6-thang-2023.yaml")
    for schema in (json_schema(), json_schema("dan-van-chinh-quyen")):
        for wrong in (
            {"tep": "so-lieu.xlsx", "ho_so": {"truc_tuyen": 113}},  # figures beside the reference
            {"tep": "so-lieu.xls"},  # not an Excel workbook the tool reads
            {"tep": "so-lieu.xlsx", "trang": None},
            {"tep": None},
            {"trang": "Sheet1"},  # a sheet without its file
        ):
            assert problems(schema, {**period, "so_lieu": wrong}), wrong
    # a kind's figures are still checked one by one when no sheet is named
    assert problems(json_schema("dan-van-chinh-quyen"), {**period, "so_lieu": {"ho_so": {"truc_tuyenn": 1}}})
