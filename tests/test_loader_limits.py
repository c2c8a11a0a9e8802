"""Loader limits and refusals: absurd or silently-changed input gets a located error, never a crash.

Every diagnostic here must name a line and a column ≥ 1, and the real command must exit 1 on it.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from baocao_gen import loader
from baocao_gen.compute import outline
from baocao_gen.limits import (
    MAX_DEPTH,
    MAX_FILE_BYTES,
    MAX_INHERIT_DEPTH,
    MAX_LIST_ITEMS,
    MAX_NUMBER_DIGITS,
    MAX_ROMAN_NUMBER,
    MAX_SCALAR_CHARS,
)
from baocao_gen.loader import load_data, load_text
from baocao_gen.pipeline import check
from baocao_gen.vietnamese import VietnameseValueError, format_number, to_roman
from conftest import PERIOD, ROOT, write_tree


def run_cli(*args: object) -> subprocess.CompletedProcess[str]:
    """Run `python -m baocao_gen` from the checkout, as tests/test_cli.py does."""
    return subprocess.run(
        [sys.executable, "-m", "baocao_gen", *map(str, args)],
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"},
    )


def assert_located(problems, code: str) -> None:
    """Every problem is located at line ≥ 1, column ≥ 1, and `code` is among them."""
    assert code in [p.code for p in problems], [p.format() for p in problems]
    for problem in problems:
        assert problem.location is not None and problem.location.line >= 1 and problem.location.column >= 1, (
            problem.format()
        )


def assert_cli_refuses(path: Path, code: str, tmp_path: Path) -> str:
    """`baocao render` exits 1 naming `code`, writes nothing, and shows no traceback; return stderr."""
    out = tmp_path / "out.docx"
    proc = run_cli("render", path, "-o", out)
    assert proc.returncode == 1, proc.stderr
    assert f"[{code}]" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert not out.exists()
    return proc.stderr


# -- encodings and positions ----------------------------------------------------------------------

TEXT = "trich_yeu: Báo cáo kết quả công tác dân vận\nso: 5\n"


@pytest.mark.parametrize(
    "encoded",
    [
        TEXT.encode("utf-16"),
        TEXT.encode("utf-16-be"),
        b"\xfe\xff" + TEXT.encode("utf-16-be"),
        TEXT.encode("utf-16-le"),
    ],
    ids=["notepad-unicode", "big-endian-no-bom", "big-endian-bom", "little-endian-no-bom"],
)
def test_utf16_file_gets_its_own_message(tmp_path, encoded):
    path = tmp_path / "bao-cao.yaml"
    path.write_bytes(encoded)
    tree, problems = load_data(path)
    assert tree is None
    assert_located(problems, "D100")
    [problem] = problems
    assert (problem.location.line, problem.location.column) == (1, 1)
    assert "UTF-16" in problem.message and "«Unicode» trong Notepad" in problem.message
    assert "ANSI" not in problem.message
    assert "lưu lại với mã UTF-8" in problem.hint


def test_utf16_file_exits_1_through_the_command(tmp_path):
    path = tmp_path / "bao-cao.yaml"
    path.write_bytes(TEXT.encode("utf-16"))
    stderr = assert_cli_refuses(path, "D100", tmp_path)
    assert "bao-cao.yaml:1:1: lỗi:" in stderr and "UTF-16" in stderr


def test_a_stray_nul_byte_is_not_taken_for_utf16(tmp_path):
    path = tmp_path / "x.yaml"
    path.write_bytes(TEXT.encode() + b"ghi_chu: a\x00b\n")
    _, problems = load_data(path)
    assert_located(problems, "D109")
    assert problems[0].location.line == 3


def test_file_cut_inside_a_utf8_character_is_located(tmp_path):
    path = tmp_path / "x.yaml"
    path.write_bytes("a: đúng\nb: Tiến".encode()[:-2])  # the last byte of "ế" and "n" are gone
    tree, problems = load_data(path)
    assert tree is None
    assert_located(problems, "D100")
    # "b: Ti" is five characters; the cut "ế" is the sixth
    assert (problems[0].location.line, problems[0].location.column) == (2, 6)


def test_not_utf8_column_counts_characters_not_bytes(tmp_path):
    path = tmp_path / "x.yaml"
    path.write_bytes("\ufeffđã có: ".encode() + "Ti\xean".encode("latin-1"))  # BOM, then ANSI text
    _, problems = load_data(path)
    assert_located(problems, "D100")
    assert (problems[0].location.line, problems[0].location.column) == (1, 10)


def test_unreadable_file_is_located_at_its_start(tmp_path):
    tree, problems = load_data(tmp_path)  # a folder, not a file
    assert tree is None
    assert_located(problems, "D100")
    assert (problems[0].location.line, problems[0].location.column) == (1, 1)


# -- limits ---------------------------------------------------------------------------------------


def refuse_parsing(monkeypatch) -> None:
    """Make any decoding or YAML parsing fail loudly, to prove a check came before it."""

    def forbidden(*args, **kwargs):
        raise AssertionError("the file was decoded or parsed")

    monkeypatch.setattr(loader, "_decode", forbidden)
    monkeypatch.setattr(loader, "load_text", forbidden)
    monkeypatch.setattr(yaml.SafeLoader, "__init__", forbidden)
    monkeypatch.setattr(Path, "read_bytes", forbidden)


def test_file_over_the_size_limit_is_refused_before_decoding(tmp_path, monkeypatch):
    path = tmp_path / "bao-cao.yaml"
    path.write_bytes(b"trich_yeu: " + b"x" * MAX_FILE_BYTES + b"\n")
    refuse_parsing(monkeypatch)
    tree, problems = load_data(path)
    assert tree is None
    assert_located(problems, "D113")
    [problem] = problems
    assert (problem.location.line, problem.location.column) == (1, 1)
    assert f"{MAX_FILE_BYTES // 1024} KB" in problem.message and problem.hint


def test_a_huge_file_is_never_read_whole(tmp_path, monkeypatch):
    path = tmp_path / "bao-cao.yaml"
    with path.open("wb") as stream:
        stream.truncate(4 * 1024**3)  # 4 GB, sparse: reading it whole would exhaust memory
    refuse_parsing(monkeypatch)
    _, problems = load_data(path)
    assert [p.code for p in problems] == ["D113"]


def test_size_limit_boundary(tmp_path, monkeypatch):
    monkeypatch.setattr(loader, "MAX_FILE_BYTES", 20)
    path = tmp_path / "x.yaml"
    path.write_bytes(b"a: 123456789012345\n\n")  # exactly 20 bytes
    assert load_data(path)[1] == []
    path.write_bytes(b"a: 123456789012345\n\n\n")
    assert [p.code for p in load_data(path)[1]] == ["D113"]


def test_profile_over_the_size_limit_is_located_in_the_profile(tmp_path):
    write_tree(tmp_path, {"ky.yaml": "ke_thua: don-vi.yaml\nso: 5\n"})
    (tmp_path / "don-vi.yaml").write_bytes(b"# " + b"x" * MAX_FILE_BYTES)
    tree, problems = load_data(tmp_path / "ky.yaml")
    assert_located(problems, "D113")
    assert problems[0].location.file.endswith("don-vi.yaml")


def nested_block_mappings(levels: int) -> str:
    return "".join("  " * i + "muc:\n" for i in range(levels)) + "  " * levels + "x\n"


@pytest.mark.parametrize(
    "text",
    [
        nested_block_mappings(MAX_DEPTH + 1),
        nested_block_mappings(1000),  # ≈330 levels used to overflow PyYAML's recursive composer
        "a: " + "[" * 400 + "]" * 400 + "\n",
        "a: " + "{a: " * 400 + "x" + "}" * 400 + "\n",
        "a:\n" + "".join("  " * i + "-\n" for i in range(1, 400)) + "  " * 400 + "- x\n",
    ],
    ids=["just-over", "thousand-block-mappings", "flow-sequences", "flow-mappings", "block-sequences"],
)
def test_nesting_deeper_than_the_limit_is_refused_not_a_crash(text):
    tree, problems = load_text(text, "x.yaml")
    assert tree is None
    assert_located(problems, "D113")
    [problem] = problems
    assert len(problem.location.path) == MAX_DEPTH  # the key path of the first node too deep
    assert str(MAX_DEPTH) in problem.message and problem.hint


def test_nesting_at_the_limit_is_fine():
    tree, problems = load_text(nested_block_mappings(MAX_DEPTH - 1), "x.yaml")  # + the file's own mapping
    assert problems == []
    assert tree["muc"]["muc"]["muc"] is not None


def test_block_nesting_points_at_the_line_and_column_too_deep():
    _, [problem] = load_text(nested_block_mappings(MAX_DEPTH + 5), "x.yaml")
    # the file's mapping is level 1, the value of the 50th "muc:" (line 50) is level 51
    assert (problem.location.line, problem.location.column) == (MAX_DEPTH + 1, 2 * MAX_DEPTH + 1)
    assert problem.location.path == ("muc",) * MAX_DEPTH


def test_value_longer_than_the_limit_is_refused_with_its_key():
    line = "x" * 99 + "\n"
    text = "noi_dung:\n  - van_ban: |\n" + ("      " + line) * (MAX_SCALAR_CHARS // len(line) + 1)
    tree, problems = load_text(text, "x.yaml")
    assert tree is None
    assert_located(problems, "D113")
    [problem] = problems
    assert problem.location.path == ("noi_dung", 0, "van_ban")
    assert (problem.location.line, problem.location.column) == (2, 14)
    assert "100.000 ký tự" in problem.message


def test_value_at_the_limit_is_fine():
    line = "x" * 99 + "\n"
    text = "van_ban: |\n" + ("  " + line) * (MAX_SCALAR_CHARS // len(line))
    tree, problems = load_text(text, "x.yaml")
    assert problems == [] and len(tree["van_ban"]) == MAX_SCALAR_CHARS


def test_a_line_longer_than_the_limit_is_refused_before_parsing(monkeypatch):
    text = "so: 5\ntrich_yeu: " + "chữ " * (MAX_SCALAR_CHARS // 4) + "\n"
    monkeypatch.setattr(yaml.SafeLoader, "__init__", lambda *a: pytest.fail("parsed"))
    tree, problems = load_text(text, "x.yaml")
    assert tree is None
    assert_located(problems, "D113")
    assert (problems[0].location.line, problems[0].location.column) == (2, 1)
    assert "dòng" in problems[0].message


def test_list_longer_than_the_limit_is_refused_at_the_first_item_too_many(monkeypatch):
    monkeypatch.setattr(loader, "MAX_LIST_ITEMS", 3)
    assert load_text("noi_nhan: [a, b, c]\n", "x.yaml")[1] == []
    tree, problems = load_text("so: 5\nnoi_nhan:\n  - a\n  - b\n  - c\n  - d\n  - e\n", "x.yaml")
    assert tree is None
    assert_located(problems, "D113")
    [problem] = problems
    assert problem.location.path == ("noi_nhan", 3)
    assert (problem.location.line, problem.location.column) == (6, 5)


def test_the_real_list_limit():
    tree, problems = load_text("noi_nhan:\n" + "- a\n" * (MAX_LIST_ITEMS + 1), "x.yaml")
    assert tree is None
    assert_located(problems, "D113")
    assert problems[0].location.path == ("noi_nhan", MAX_LIST_ITEMS)
    assert "10.000 mục" in problems[0].message


@pytest.mark.parametrize(
    "limit",
    ["size", "depth", "value", "line", "list"],
)
def test_every_limit_exits_1_through_the_command(tmp_path, make_report, limit):
    period = PERIOD
    if limit == "size":
        period += ("# " + "x" * 97 + "\n") * (MAX_FILE_BYTES // 100 + 1)
    elif limit == "depth":
        period += "ghi_chu:\n" + nested_block_mappings(1000)
    elif limit == "value":
        period += "ghi_chu: |\n" + ("  " + "x" * 99 + "\n") * (MAX_SCALAR_CHARS // 100 + 1)
    elif limit == "line":
        period += "ghi_chu: " + "x" * (MAX_SCALAR_CHARS + 1) + "\n"
    else:
        period += "ghi_chu:\n" + "  - a\n" * (MAX_LIST_ITEMS + 1)
    stderr = assert_cli_refuses(make_report(period), "D113", tmp_path)
    assert "bao-cao.yaml:" in stderr and ":0:" not in stderr


# -- YAML features that change a value silently ---------------------------------------------------


@pytest.mark.parametrize(
    ("text", "code", "path", "column", "typed"),
    [
        ("trich_yeu: &a Báo cáo\n", "D102", ("trich_yeu",), 12, "&a"),
        ("nguoi_ky: &ky\n  ho_ten: A\n", "D102", ("nguoi_ky",), 11, "&ky"),
        ("so: !!int 05\n", "D112", ("so",), 5, "!!int"),
        ("ten: !!str Ba Tô\n", "D112", ("ten",), 6, "!!str"),
        ("anh: !!binary aGVsbG8=\n", "D112", ("anh",), 6, "!!binary"),
        ("x: !!python/object:os.system {}\n", "D112", ("x",), 4, "!!python/object:os.system"),
        ("noi_nhan: !!seq [a, b]\n", "D112", ("noi_nhan",), 11, "!!seq"),
        ("noi_nhan:\n  - a\n  - !x b\n", "D112", ("noi_nhan", 1), 5, "!x"),
        ("ten: ! x\n", "D112", ("ten",), 6, "!"),
        ("ten: !quan trọng\n", "D112", ("ten",), 6, "!quan"),
    ],
)
def test_anchors_and_tags_are_refused_with_key_and_position(text, code, path, column, typed):
    _, problems = load_text(text, "x.yaml")
    assert_located(problems, code)
    [problem] = problems
    assert problem.location.path == path
    assert problem.location.column == column
    assert f"«{typed}»" in problem.message and f"xóa «{typed}»" in problem.hint


def test_a_value_starting_with_a_bang_is_explained_in_clerk_words():
    _, [problem] = load_text("so: 5\nten: !quan trọng\n", "x.yaml")
    assert (problem.code, problem.location.line, problem.location.column) == ("D112", 2, 6)
    assert problem.value == "!quan trọng"  # as typed, though YAML would keep only "trọng"
    assert 'đặt cả giá trị trong dấu nháy kép: "!quan trọng"' in problem.hint


@pytest.mark.parametrize(
    ("text", "code", "path", "typed"),
    [
        ("ten: !ổn định\n", "D112", ("ten",), "!ổn định"),  # YAML cannot even read it as a tag
        ("ghi_chu: * Lưu ý\n", "D102", ("ghi_chu",), "* Lưu ý"),  # a star used as a bullet
        ("ghi_chu: *Lưu ý\n", "D102", ("ghi_chu",), "*Lưu ý"),
        ("ten: & đồng chí\n", "D102", ("ten",), "& đồng chí"),
        ("noi_dung:\n  - tieu_de: x\n    van_ban: !ổn\n", "D112", ("noi_dung", 0, "van_ban"), "!ổn"),
    ],
)
def test_unreadable_anchor_or_tag_tells_the_clerk_to_quote(text, code, path, typed):
    tree, problems = load_text(text, "x.yaml")
    assert tree is None
    assert_located(problems, code)
    [problem] = problems
    assert problem.location.path == path
    assert problem.value == typed
    assert problem.hint == f'đặt cả giá trị trong dấu nháy kép: "{typed}"'
    assert "expected" not in problem.message  # not PyYAML's English


def test_every_anchor_and_tag_is_reported_in_one_pass():
    _, problems = load_text("a: &x 1\nb: !!int 2\nc:\n  - !y 3\n  - &z 4\n", "x.yaml")
    assert [(p.code, p.location.line) for p in problems] == [
        ("D102", 1),
        ("D112", 2),
        ("D112", 4),
        ("D102", 5),
    ]


def test_quoted_values_with_ampersand_or_bang_are_fine():
    text = (
        'ten: "!quan trọng"\n'
        "trich_yeu: '&a Báo cáo'\n"
        'ghi_chu: "* Lưu ý"\n'
        "a: Dân vận & chính quyền\n"
        "b: Tốt lắm!\n"
        "c: Khó khăn!! Cần cố gắng\n"
        "van_ban: |\n  !quan trọng\n  &a và *b\n"
    )
    tree, problems = load_text(text, "x.yaml")
    assert problems == []
    assert tree["ten"] == "!quan trọng" and tree["trich_yeu"] == "&a Báo cáo" and tree["ghi_chu"] == "* Lưu ý"
    assert (
        tree["a"] == "Dân vận & chính quyền"
        and tree["b"] == "Tốt lắm!"
        and tree["c"] == "Khó khăn!! Cần cố gắng"
    )
    assert tree["van_ban"] == "!quan trọng\n&a và *b\n"


@pytest.mark.parametrize(
    ("line", "code"),
    [
        ("trich_yeu: &a Kết quả công tác dân vận", "D102"),
        ("trich_yeu: !quan trọng", "D112"),
        ("trich_yeu: !ổn định", "D112"),
    ],
)
def test_anchor_and_tag_exit_1_through_the_command(tmp_path, make_report, line, code):
    period = PERIOD.replace("trich_yeu: Kết quả công tác dân vận 6 tháng đầu năm 2023", line)
    stderr = assert_cli_refuses(make_report(period), code, tmp_path)
    assert "bao-cao.yaml:4:12: lỗi: khóa «trich_yeu»" in stderr and "dấu nháy kép" in stderr


# -- Roman numerals (checked in compute, where sections are numbered) ----------------------------


def sections(count: int) -> str:
    return PERIOD.replace(
        "noi_dung:\n  - tieu_de: Kết quả\n    van_ban: |\n      Đoạn văn thứ nhất.\n",
        "noi_dung:\n" + "  - tieu_de: Mục\n" * count,
    )


def test_roman_limit_is_what_to_roman_can_write():
    assert to_roman(MAX_ROMAN_NUMBER) == "MMMCMXCIX"
    with pytest.raises(VietnameseValueError):
        to_roman(MAX_ROMAN_NUMBER + 1)


def test_too_many_roman_sections_is_one_located_error(make_report, monkeypatch):
    monkeypatch.setattr(outline, "MAX_ROMAN_NUMBER", 2)
    assert check(make_report(sections(2))).ok
    result = check(make_report(sections(4)))
    problems = [p for p in result.diagnostics if p.code == "D124"]
    assert_located(problems, "D124")
    [problem] = problems  # said once, at the first section that has no numeral
    assert problem.location.path == ("noi_dung", 2)
    assert problem.location.line == 8
    assert "số La Mã" in problem.message


def test_too_many_roman_appendices_is_a_located_error(make_report, monkeypatch):
    monkeypatch.setattr(outline, "MAX_ROMAN_NUMBER", 2)
    result = check(make_report(PERIOD + "phu_luc:\n" + "  - tieu_de: Bảng\n" * 3))
    problems = [p for p in result.diagnostics if p.code == "D124"]
    assert_located(problems, "D124")
    assert problems[0].location.path == ("phu_luc", 2) and "phụ lục" in problems[0].message


def test_four_thousand_sections_exit_1_not_an_internal_error(make_report, tmp_path):
    stderr = assert_cli_refuses(make_report(sections(MAX_ROMAN_NUMBER + 1)), "D124", tmp_path)
    assert f"bao-cao.yaml:{MAX_ROMAN_NUMBER + 6}:5: lỗi: khóa «noi_dung[{MAX_ROMAN_NUMBER + 1}]»" in stderr
    assert "lỗi nội bộ" not in stderr


def test_readme_states_the_limits_in_force():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Giới hạn", 1)[1].split("\n---\n", 1)[0]
    for stated in (
        f"{MAX_FILE_BYTES // 1024} KB",
        f"{format_number(MAX_SCALAR_CHARS)} ký tự",
        f"{format_number(MAX_LIST_ITEMS)} mục",
        f"{MAX_DEPTH} cấp",
        f"{format_number(MAX_ROMAN_NUMBER)} mục",
        f"{MAX_INHERIT_DEPTH} tầng",
        f"{MAX_NUMBER_DIGITS} chữ số",
    ):
        assert stated in section
