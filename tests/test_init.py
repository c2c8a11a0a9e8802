"""`baocao init`, `init --from`, `schema`, `templates`: skeletons that validate once the marks are filled."""

from __future__ import annotations

import json
import re
import shutil

import jsonschema
import pytest
import yaml

from baocao_gen.kinds import kind_names, load_kind
from baocao_gen.pipeline import check
from baocao_gen.schema import json_schema
from conftest import EXAMPLES, built
from test_cli import run

# Only the marks are replaced: `<điền …>` and nothing else, as a clerk does.
FILLS = [
    (r"<điền năm[^>]*>", "2024"),
    (r"<điền tháng[^>]*>", "6"),
    (r"<điền ngày[^>]*>", "06/6/2024"),
    (r"<điền số hiệu[^>]*>", "12/UBND"),
    (r"<điền số[^>]*>", "7"),
    (r"<điền chữ viết tắt>", "UBND"),
    (r"<điền[^>]*>", "Nội dung"),
]
MARK = re.compile(r"<điền[^>]*>")


def fill(text: str) -> str:
    for pattern, value in FILLS:
        text = re.sub(pattern, value, text)
    return text


def schema_problems(folder, data_file) -> list[str]:
    """Validate a file as an editor would: against the schema its first line names, read by yaml.safe_load."""
    text = data_file.read_text(encoding="utf-8")
    name = re.match(r"# yaml-language-server: \$schema=\./(\S+)\n", text).group(1)
    schema = json.loads((folder / name).read_text(encoding="utf-8"))
    return [
        error.message for error in jsonschema.Draft202012Validator(schema).iter_errors(yaml.safe_load(text))
    ]


def copy_example(unit: str, folder) -> None:
    shutil.copytree(EXAMPLES / unit, folder)


KIND_SYSTEMS = [(kind, system) for kind in kind_names() for system in load_kind(kind).he_thong]


@pytest.mark.parametrize(("kind", "system"), KIND_SYSTEMS)
def test_every_kind_skeleton_validates_and_renders_once_filled(kind, system, tmp_path):
    target = tmp_path / "ky" / "bao-cao.yaml"
    proc = run("init", kind, "-o", target, "--he-thong", system)
    assert proc.returncode == 0, proc.stderr
    unfilled = check(target)
    assert not unfilled.ok
    assert {d.code for d in unfilled.diagnostics} == {"D126"}
    schemas = {"bao-cao.yaml": f"baocao-schema-{kind}.json", "don-vi.yaml": "baocao-schema-don-vi.json"}
    for name, schema_file in schemas.items():
        path = target.parent / name
        text = path.read_text(encoding="utf-8")
        assert text.startswith(f"# yaml-language-server: $schema=./{schema_file}\n")
        path.write_text(fill(text), encoding="utf-8")
        assert schema_problems(target.parent, path) == []
    result = check(target)
    assert result.ok, [d.format() for d in result.diagnostics]
    assert result.report.he_thong == system
    assert built(target).data
    schema = json.loads((target.parent / f"baocao-schema-{kind}.json").read_text(encoding="utf-8"))
    assert schema["properties"]["loai"]["const"] == kind


def test_skeleton_explains_every_key_and_lists_the_whole_outline(tmp_path):
    target = tmp_path / "bao-cao.yaml"
    assert run("init", "dan-van-chinh-quyen", "-o", target).returncode == 0
    text = target.read_text(encoding="utf-8")
    kind = load_kind("dan-van-chinh-quyen")
    for code in kind.sections_by_code():
        assert f"- ma: {code}" in text
    for path in kind.figure_paths():
        assert f"{path.split('.')[-1]}: <điền số>" in text
    for line in text.splitlines():
        key = re.match(r"^(\w+):", line)
        if key and key.group(1) not in ("noi_dung", "so_lieu", "mo_dau", "ky"):
            assert "#" in line or key.group(1) in ("loai", "trich_yeu", "ket_thuc", "ke_thua"), line


def test_init_refuses_to_overwrite_and_unknown_kind(tmp_path):
    target = tmp_path / "bao-cao.yaml"
    target.write_text("x: 1\n", encoding="utf-8")
    assert run("init", "dan-van-chinh-quyen", "-o", target).returncode == 2
    assert run("init", "khong-co", "-o", tmp_path / "b.yaml").returncode == 2


def test_next_period_from_the_last_one(tmp_path):
    source = EXAMPLES / "ba-to"
    for name in ("don-vi.yaml", "dan-van-chinh-quyen-6-thang-2023.yaml"):
        shutil.copy(source / name, tmp_path / name)
    target = tmp_path / "dan-van-chinh-quyen-6-thang-2024.yaml"
    proc = run(
        "init",
        "dan-van-chinh-quyen",
        "--from",
        tmp_path / "dan-van-chinh-quyen-6-thang-2023.yaml",
        "-o",
        target,
    )
    assert proc.returncode == 0, proc.stderr
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=./baocao-schema-dan-van-chinh-quyen.json\n")
    assert "\nke_thua: don-vi.yaml\n" in text  # the same folder: the same profile
    assert "ky: {nam: 2024, giai_doan: 6 tháng đầu năm}" in text
    assert 'truc_tuyen: "<điền số, kỳ trước: 113>"' in text
    assert "ngay: {thang: <điền tháng>, nam: 2024}" in text
    assert "nhiệm vụ trọng tâm 6 tháng cuối năm 2024" in text  # the summary's year moves forward
    assert "UBND xã đã chỉ đạo triển khai thực hiện theo [[nq25]]" in text  # prose kept
    assert "# - Nghị quyết 25-NQ/TW được ghi ngày 30/6/2013" in text  # the clerk's comments kept
    assert "ngày 03/4/2017" in text and "ngày 22/12/2021" in text  # earlier years are history, kept
    assert "Trong 6 tháng đầu năm <điền năm, kỳ trước: 2023>, UBND xã" in text
    result = check(target)
    assert {d.code for d in result.diagnostics} == {"D126"}
    target.write_text(fill(text), encoding="utf-8")
    filled = check(target)
    assert filled.ok, [d.format() for d in filled.diagnostics]
    assert filled.report.so is None and filled.report.ky.nam == 2024


def test_schema_is_generated_from_the_model(tmp_path):
    generic = json_schema()
    assert set(generic["properties"]) >= {"he_thong", "noi_dung", "nguoi_ky", "so_lieu", "phu_luc"}
    assert generic["properties"]["he_thong"]["description"].startswith("Hệ thống văn bản")
    narrowed = json_schema("dan-van-chinh-quyen")
    figures = narrowed["properties"]["so_lieu"]
    assert figures["additionalProperties"] is False
    assert "truc_tuyen" in figures["properties"]["ho_so"]["properties"]
    codes = [choice.get("const") for choice in narrowed["$defs"]["Muc"]["properties"]["ma"]["anyOf"]]
    assert "cai_cach_hanh_chinh" in codes
    proc = run("schema", "dan-van-chinh-quyen")
    assert proc.returncode == 0
    assert json.loads(proc.stdout) == narrowed


def test_templates_lists_every_kind():
    proc = run("templates")
    assert proc.returncode == 0
    for code in kind_names():
        assert code in proc.stdout


def test_next_period_moves_the_year_of_a_block_summary(tmp_path):
    source = EXAMPLES / "luc-binh"
    for name in ("don-vi.yaml", "dan-van-kheo-2024.yaml"):
        shutil.copy(source / name, tmp_path / name)
    target = tmp_path / "dan-van-kheo-2025.yaml"
    assert (
        run("init", "dan-van-kheo", "--from", tmp_path / "dan-van-kheo-2024.yaml", "-o", target).returncode
        == 0
    )
    text = target.read_text(encoding="utf-8")
    assert "năm 2025,\\\n  phương hướng, nhiệm vụ năm 2026" in text


def test_models_list_becomes_lettered_subsections_and_a_count(make_report):
    from conftest import PERIOD

    period = (
        PERIOD.replace(
            "noi_dung:\n  - tieu_de: Kết quả\n",
            "loai: dan-van-chinh-quyen\nnoi_dung:\n  - ma: ket_qua\n    muc:\n      - ma: dan_van_kheo\n",
        ).replace(
            "    van_ban: |\n      Đoạn văn thứ nhất.",
            "        van_ban: |\n          Có {danh_sach.mo_hinh} mô hình:",
        )
        + "mo_hinh:\n  - ten: Mô hình “*Lò đốt rác*”\n    van_ban: |\n      - Giảm rác.\n  - ten: Mô hình “Camera an ninh”\n"
    )
    result = check(make_report(period))
    assert result.ok, [d.format() for d in result.diagnostics]
    from baocao_gen.ooxml.text import document_text

    text = document_text(built(make_report(period)).data)
    assert "1. Kết quả triển khai xây dựng và thực hiện mô hình “Dân vận khéo”" in text
    assert "Có 2 mô hình:\na) Mô hình “Lò đốt rác”\n- Giảm rác.\nb) Mô hình “Camera an ninh”" in text


def test_skeleton_does_not_ask_for_the_serial_number_column(tmp_path):
    """The tool numbers a `stt` column and whatever is typed there replaces 1, 2, 3…: never ask for it."""
    target = tmp_path / "bao-cao.yaml"
    assert run("init", "tong-ket-nghi-quyet", "-o", target).returncode == 0
    lines = target.read_text(encoding="utf-8").splitlines()
    at = lines.index(
        "  - ma: van_ban             # Văn bản về lãnh đạo, chỉ đạo, cụ thể hóa việc thực hiện nghị quyết"
    )
    comment, row = lines[at + 1], lines[at + 2]
    assert (
        "mỗi dòng: Văn bản, Số, ngày, Nội dung, Cơ quan ban hành (không gõ cột TT: công cụ tự đánh số)"
        in comment
    )
    assert row.strip() == "- [<điền>, <điền>, <điền>, <điền>]"


def test_next_period_into_a_new_folder_validates_and_renders_once_the_marks_are_filled(tmp_path):
    """The README's own example: `--from 2023/bc.yaml -o 2024/bc.yaml`. The profile is copied beside the
    new file (said so), and filling only the `<điền …>` marks gives a file that validates and renders."""
    copy_example("ba-to", tmp_path / "2023")
    last, target = tmp_path / "2023" / "dan-van-chinh-quyen-6-thang-2023.yaml", tmp_path / "2024" / "bc.yaml"
    proc = run("init", "dan-van-chinh-quyen", "--from", last, "-o", target)
    assert proc.returncode == 0, proc.stderr
    assert "Đã chép hồ sơ đơn vị don-vi.yaml của kỳ trước sang" in proc.stderr
    profile = (tmp_path / "2024" / "don-vi.yaml").read_text(encoding="utf-8")
    assert profile.startswith("# yaml-language-server: $schema=./baocao-schema-don-vi.json\n")
    assert profile.endswith((EXAMPLES / "ba-to" / "don-vi.yaml").read_text(encoding="utf-8"))
    assert sorted(p.name for p in target.parent.iterdir()) == [
        "baocao-schema-dan-van-chinh-quyen.json", "baocao-schema-don-vi.json", "bc.yaml", "don-vi.yaml",
    ]  # fmt: skip
    unfilled = run("validate", target)
    assert unfilled.returncode == 1
    assert set(re.findall(r"\[(\w+)\]$", unfilled.stderr, flags=re.M)) == {"D126"}
    assert "D110" not in unfilled.stderr  # ke_thua resolves
    target.write_text(fill(target.read_text(encoding="utf-8")), encoding="utf-8")
    assert schema_problems(target.parent, target) == []
    assert schema_problems(target.parent, target.parent / "don-vi.yaml") == []
    validated = run("validate", target)
    assert validated.returncode == 0, validated.stderr
    rendered = run("render", target)
    assert rendered.returncode == 0, rendered.stderr
    assert target.with_suffix(".docx").is_file()
    # the kind may be left out: the next period is of the last one's kind
    again = run("init", "--from", last, "-o", tmp_path / "2024b" / "bc.yaml")
    assert again.returncode == 0, again.stderr


def test_a_next_period_is_refused_until_last_periods_years_are_resolved(tmp_path):
    """A 2024 file made from the 2023 example must not validate while it still says 2023 unconfirmed."""
    copy_example("ba-to", tmp_path / "2023")
    target = tmp_path / "2024" / "bc.yaml"
    assert (
        run(
            "init", "--from", tmp_path / "2023" / "dan-van-chinh-quyen-6-thang-2023.yaml", "-o", target
        ).returncode
        == 0
    )
    text = target.read_text(encoding="utf-8")
    # the line naming last period's file (ky_truoc, for comparisons) names 2023 on purpose
    assert "ky_truoc: ../2023/dan-van-chinh-quyen-6-thang-2023.yaml" in text
    body = "".join(
        line for line in text.splitlines(keepends=True) if not line.lstrip().startswith(("#", "ky_truoc:"))
    )
    assert "2023" in body
    assert "2023" not in MARK.sub("", body)  # every 2023 left is inside a mark
    assert "<điền số hiệu, kỳ trước: 1172/UBND>" in text  # last period's căn cứ is marked whole
    assert 'ngay: "<điền ngày, kỳ trước: 06/6/2023>"' in text
    assert 'tieu_de: "Nhiệm vụ, giải pháp trong 6 tháng cuối năm <điền năm, kỳ trước: 2023>"' in text
    year_marks = re.compile(r"<điền (?:năm|ngày|tháng|số hiệu), kỳ trước: [^>]*>")
    others_filled = MARK.sub(
        lambda m: m.group() if year_marks.fullmatch(m.group()) else fill(m.group()), text
    )
    target.write_text(others_filled, encoding="utf-8")
    refused = run("validate", target)
    assert refused.returncode == 1
    assert "chưa điền: <điền năm, kỳ trước: 2023>" in refused.stderr
    assert "chưa điền: <điền ngày, kỳ trước: 10/3/2023>" in refused.stderr
    # Confirming a year that is still right is one edit: the mark replaced by the old value.
    confirmed = re.sub(r"<điền (?:năm|ngày|tháng|số hiệu), kỳ trước: ([^>]*)>", r"\1", others_filled)
    target.write_text(confirmed, encoding="utf-8")
    accepted = run("validate", target)
    assert accepted.returncode == 0, accepted.stderr


def test_next_period_points_back_at_a_profile_kept_elsewhere(tmp_path):
    """A profile shared by every period (above the periods' folders) is pointed at, not copied."""
    unit = tmp_path / "ba-to"
    copy_example("ba-to", unit / "2023")
    (unit / "2023" / "don-vi.yaml").rename(unit / "don-vi.yaml")
    last = unit / "2023" / "bc.yaml"
    (unit / "2023" / "dan-van-chinh-quyen-6-thang-2023.yaml").rename(last)
    last.write_text(
        last.read_text(encoding="utf-8").replace("ke_thua: don-vi.yaml", "ke_thua: ../don-vi.yaml"),
        encoding="utf-8",
    )
    same_level = run("init", "--from", last, "-o", unit / "2024" / "bc.yaml")
    assert same_level.returncode == 0, same_level.stderr
    assert "\nke_thua: ../don-vi.yaml\n" in (unit / "2024" / "bc.yaml").read_text(encoding="utf-8")
    assert not (unit / "2024" / "don-vi.yaml").exists()
    elsewhere = tmp_path / "nam-sau" / "2025" / "bc.yaml"
    moved = run("init", "--from", last, "-o", elsewhere)
    assert moved.returncode == 0, moved.stderr
    assert "\nke_thua: ../../ba-to/don-vi.yaml\n" in elsewhere.read_text(encoding="utf-8")
    assert "ke_thua: ../../ba-to/don-vi.yaml" in moved.stderr
    assert {d.code for d in check(elsewhere).diagnostics} >= {"D126"}
    assert "D110" not in {d.code for d in check(elsewhere).diagnostics if d.is_error}


def test_next_period_uses_the_profile_already_in_the_new_folder(tmp_path):
    copy_example("ba-to", tmp_path / "2023")
    (tmp_path / "2024").mkdir()
    mine = (
        (EXAMPLES / "ba-to" / "don-vi.yaml")
        .read_text(encoding="utf-8")
        .replace("Phạm Văn Hiền", "Nguyễn Văn Mới")
    )
    (tmp_path / "2024" / "don-vi.yaml").write_text(mine, encoding="utf-8")
    proc = run(
        "init",
        "--from",
        tmp_path / "2023" / "dan-van-chinh-quyen-6-thang-2023.yaml",
        "-o",
        tmp_path / "2024" / "bc.yaml",
    )
    assert proc.returncode == 0, proc.stderr
    assert "hồ sơ đơn vị có sẵn" in proc.stderr
    assert (tmp_path / "2024" / "don-vi.yaml").read_text(encoding="utf-8") == mine  # never overwritten
    party = (EXAMPLES / "pho-hoa" / "don-vi.yaml").read_text(encoding="utf-8")
    (tmp_path / "2025").mkdir()
    (tmp_path / "2025" / "don-vi.yaml").write_text(party, encoding="utf-8")
    refused = run(
        "init",
        "--from",
        tmp_path / "2023" / "dan-van-chinh-quyen-6-thang-2023.yaml",
        "-o",
        tmp_path / "2025" / "bc.yaml",
    )
    assert refused.returncode == 2
    assert "he_thong: dang" in refused.stderr and "nha_nuoc" in refused.stderr
    assert not (tmp_path / "2025" / "bc.yaml").exists()


def test_kind_and_system_that_contradict_the_last_file_are_refused(tmp_path):
    copy_example("ba-to", tmp_path / "2023")
    last = tmp_path / "2023" / "dan-van-chinh-quyen-6-thang-2023.yaml"
    target = tmp_path / "2024" / "bc.yaml"
    other_kind = run("init", "dan-van-kheo", "--from", last, "-o", target)
    assert other_kind.returncode == 2
    assert "baocao: lỗi cách dùng: tệp kỳ trước" in other_kind.stderr
    assert "là loại «dan-van-chinh-quyen», không phải «dan-van-kheo»" in other_kind.stderr
    other_system = run("init", "dan-van-chinh-quyen", "--from", last, "-o", target, "--he-thong", "dang")
    assert other_system.returncode == 2
    assert "văn bản Nhà nước (he_thong: nha_nuoc), không phải dang" in other_system.stderr
    assert not (tmp_path / "2024").exists()  # nothing written, not even the schema
    same = run("init", "dan-van-chinh-quyen", "--from", last, "-o", target, "--he-thong", "nha_nuoc")
    assert same.returncode == 0, same.stderr


def test_init_follows_the_system_of_the_folders_profile(tmp_path):
    """`init KIND` beside a profile that says nha_nuoc makes a state skeleton, whatever the kind's default."""
    shutil.copy(EXAMPLES / "ba-to" / "don-vi.yaml", tmp_path / "don-vi.yaml")
    assert load_kind("dan-van-kheo").he_thong[0] == "dang"
    target = tmp_path / "dan-van-kheo-2024.yaml"
    proc = run("init", "dan-van-kheo", "-o", target)
    assert proc.returncode == 0, proc.stderr
    text = target.read_text(encoding="utf-8")
    assert "cung_doan: có" not in text and "luu: VT" in text  # the state skeleton
    target.write_text(fill(text), encoding="utf-8")
    result = check(target)
    assert result.ok, [d.format() for d in result.diagnostics]
    assert result.report.he_thong == "nha_nuoc"
    contradiction = run("init", "dan-van-kheo", "-o", tmp_path / "b.yaml", "--he-thong", "dang")
    assert contradiction.returncode == 2
    assert "ghi he_thong: nha_nuoc" in contradiction.stderr
    party = tmp_path / "dang"
    party.mkdir()
    shutil.copy(EXAMPLES / "pho-hoa" / "don-vi.yaml", party / "don-vi.yaml")
    state_only = run("init", "dan-van-chinh-quyen", "-o", party / "bc.yaml")
    assert state_only.returncode == 2
    assert "chỉ dùng cho văn bản Nhà nước" in state_only.stderr
    assert (
        not (party / "bc.yaml").exists() and not (party / "baocao-schema-dan-van-chinh-quyen.json").exists()
    )
    unknown = run("init", "dan-van-kheo", "-o", tmp_path / "c.yaml", "--he-thong", "nha-nuoc")
    assert unknown.returncode == 2 and "nha_nuoc hoặc dang" in unknown.stderr


def test_two_kinds_in_one_folder_keep_each_their_schema(tmp_path):
    shutil.copy(EXAMPLES / "pho-hoa" / "don-vi.yaml", tmp_path / "don-vi.yaml")
    assert run("init", "dan-van-kheo", "-o", tmp_path / "a.yaml").returncode == 0
    assert run("init", "tong-ket-nghi-quyet", "-o", tmp_path / "b.yaml").returncode == 0
    for name, kind in (("a.yaml", "dan-van-kheo"), ("b.yaml", "tong-ket-nghi-quyet")):
        assert (
            (tmp_path / name)
            .read_text(encoding="utf-8")
            .startswith(f"# yaml-language-server: $schema=./baocao-schema-{kind}.json")
        )
        schema = json.loads((tmp_path / f"baocao-schema-{kind}.json").read_text(encoding="utf-8"))
        assert schema["properties"]["loai"]["const"] == kind
    assert (tmp_path / "baocao-schema-don-vi.json").is_file()


def test_next_period_of_a_next_period_keeps_one_header(tmp_path):
    """A file made by `init --from` is next year's last file: its header is replaced, not piled up."""
    copy_example("luc-binh", tmp_path / "2024")
    first = tmp_path / "2025" / "bc.yaml"
    assert run("init", "--from", tmp_path / "2024" / "dan-van-kheo-2024.yaml", "-o", first).returncode == 0
    first.write_text(fill(first.read_text(encoding="utf-8")).replace("2024", "2025"), encoding="utf-8")
    second = tmp_path / "2026" / "bc.yaml"
    assert run("init", "--from", first, "-o", second).returncode == 0
    text = second.read_text(encoding="utf-8")
    assert text.count("bằng `baocao init --from`") == 1 and text.count("yaml-language-server") == 1
    assert "ky: {nam: 2026}" in text
