"""`baocao tong-hop`: many units' period files rolled up into the data file of the level above.

The example (three communes → the province, examples/tong-hop/) is rolled up, filled in and rendered,
and the .docx is read back: its totals must be the sums of the units' own figures, computed here from
the unit files independently of the tool. Every way units cannot be added together is reported where
it was typed, and then nothing is written.
"""

from __future__ import annotations

import difflib
import re
import shutil
from decimal import Decimal
from pathlib import Path

import docx
import pytest

from baocao_gen.cli import run
from baocao_gen.codes import Code
from baocao_gen.loader import YMap, load_data
from baocao_gen.pipeline import build, render_file
from baocao_gen.vietnamese import format_number, parse_number
from conftest import ROOT

EXAMPLE = ROOT / "examples" / "tong-hop"
UNITS = sorted((EXAMPLE / "xa").glob("xa-*.yaml"))
SHIPPED_SUMMARY = EXAMPLE / "tinh" / "tong-hop-2025.yaml"


@pytest.fixture
def example(tmp_path: Path) -> Path:
    """Return the communes' folder of a copy of the example (beside it, tinh/ with the province's profile only)."""
    folder = tmp_path / "tong-hop" / "xa"
    folder.mkdir(parents=True)
    (folder.parent / "tinh").mkdir()
    for unit in [*UNITS, EXAMPLE / "xa" / "don-vi.yaml"]:  # the communes and their shared profile
        shutil.copy(unit, folder / unit.name)
    shutil.copy(EXAMPLE / "tinh" / "don-vi.yaml", folder.parent / "tinh" / "don-vi.yaml")
    return folder


def tong_hop(*args: object) -> int:
    return run(["tong-hop", *map(str, args)])


def unit_figures(path: Path) -> dict[str, int | Decimal | None]:
    """Return a unit file's figures by dotted path, parsed here from the typed text (not by the roll-up)."""
    tree, _ = load_data(path)
    out: dict[str, int | Decimal | None] = {}

    def walk(node: object, prefix: str) -> None:
        if isinstance(node, YMap):
            for key, value in node.items():
                walk(value, f"{prefix}.{key}" if prefix else str(key))
        else:
            out[prefix] = None if getattr(node, "is_null", False) else parse_number(str(node))

    walk(tree["so_lieu"], "")
    return out


def expected_sum(dotted: str) -> int | Decimal | None:
    values = [v for v in (unit_figures(u).get(dotted) for u in UNITS) if v is not None]
    return sum(values, start=0) if values else None


def fill_marks(text: str) -> str:
    """Do what the clerk does: write every `<điền …>`; the lead sections use the kind's standard sentences."""
    text = (
        text.replace("<điền tháng>", "12")
        .replace("<điền số hiệu>", "120-CV/BDVTW")
        .replace("<điền ngày>", "03/11/2025")
    )
    text = text.replace("<điền cơ quan>", "Ban Dân vận Trung ương")
    text = re.sub(r"<điền phần tổng hợp: Sự phối hợp[^>]*>", "Toàn tỉnh có {cau.mo_hinh_linh_vuc}", text)
    text = re.sub(
        r"<điền phần tổng hợp: Số tập thể[^>]*>",
        "Có {cau.dang_ky}; đề nghị công nhận {cau.cong_nhan}. {cau.dong_gop}",
        text,
    )
    return re.sub(r"<điền[^>]*>", "Nội dung tổng hợp của tỉnh.", text)


@pytest.mark.parametrize("unit", UNITS, ids=lambda p: p.stem)
def test_every_commune_of_the_example_renders_clean(unit):
    """The units are ordinary period files (kept out of examples/*/ so the fuzzer's campaign stays as it is)."""
    result = build(unit)
    assert result.data is not None and not result.diagnostics, [d.format() for d in result.diagnostics]


def written_lines(draft: str, written: str) -> list[str]:
    """Return the draft's lines that differ from the written file; each must be a `<điền …>` mark
    (or the `van_ban: |` of a section the clerk split into items, as its mark asks)."""
    matcher = difflib.SequenceMatcher(a=draft.splitlines(), b=written.splitlines(), autojunk=False)
    return [
        line for tag, i1, i2, _, _ in matcher.get_opcodes() if tag != "equal" for line in matcher.a[i1:i2]
    ]


def test_shipped_summary_is_what_tong_hop_makes_with_only_its_marks_written(example, capsys):
    """The example's summary is tong-hop's draft, up to date, with every `<điền …>` written as a clerk
    would (so `baocao batch examples/` renders it); a second run gives the same bytes (deterministic)."""
    first = example.parent / "tinh" / "tong-hop-2025.yaml"
    assert tong_hop(example, "-o", first, "--ho-so", example.parent / "tinh" / "don-vi.yaml") == 0
    again = example.parent / "tinh" / "lan-hai.yaml"
    assert (
        tong_hop(
            *sorted(example.glob("xa-*.yaml")),
            "-o",
            again,
            "--ho-so",
            example.parent / "tinh" / "don-vi.yaml",
        )
        == 0
    )
    draft, shipped = first.read_text(encoding="utf-8"), SHIPPED_SUMMARY.read_text(encoding="utf-8")
    rewritten = written_lines(draft, shipped)
    assert rewritten and all("<điền" in line or line.strip() == "van_ban: |" for line in rewritten), rewritten
    marks = [line for line in draft.splitlines() if "<điền" in line.split("#")[0]]
    assert [line for line in rewritten if "<điền" in line] == marks  # every mark written, nothing else
    assert "<điền" not in re.sub(r"#.*", "", shipped)
    assert again.read_bytes().replace(b"lan-hai", b"") == first.read_bytes().replace(b"tong-hop-2025", b"")
    assert "Đã tổng hợp 3 đơn vị" in capsys.readouterr().err


def test_figures_are_sums_with_their_addition_beside_them(example):
    out = example.parent / "tinh" / "th.yaml"
    assert tong_hop(example, "-o", out, "--ho-so", example.parent / "tinh" / "don-vi.yaml") == 0
    text = out.read_text(encoding="utf-8")
    assert re.search(r"^    kinh_te: 9 +# = 4 \+ 2 \+ 3 \(3 đơn vị\)$", text, re.M)
    assert re.search(r"^    ngay_cong: 4\.370 +# = 2\.140 \+ 980 \+ 1\.250 \(3 đơn vị\)$", text, re.M)
    # optional figures (de_trong): only the units that have one are added, the others are named
    assert re.search(
        r"^    tien: 206\.500\.000 +# = 86\.000\.000 \+ 120\.500\.000 \(2/3 đơn vị có số; để trống: Đảng ủy xã Đồng Tâm\)$",
        text,
        re.M,
    )
    assert re.search(
        r"^    dat: 1\.550,5 +# = 1\.200,5 \+ 350 \(2/3 đơn vị có số; để trống: Đảng ủy xã Hòa Bình\)$",
        text,
        re.M,
    )
    tree, problems = load_data(out)
    assert not [d for d in problems if d.is_error]
    for group, figures in tree["so_lieu"].items():
        for key, value in figures.items():
            assert parse_number(str(value)) == expected_sum(f"{group}.{key}"), (group, key)
    models = [str(m["ten"]) for m in tree["mo_hinh"]]
    assert len(models) == 5 and all(m.endswith(")") for m in models)
    assert (
        "Mô hình “Dân vận khéo trong giải phóng mặt bằng” của Ủy ban nhân dân xã (Đảng ủy xã Hòa Bình)"
        in models
    )
    sections = [str(s["ma"]) for s in tree["noi_dung"]]
    assert sections == [
        "lanh_dao_chi_dao",
        "ket_qua",
        "danh_gia",
        "phuong_huong",
    ]  # the kind's order; unused optional ones left out
    assert "# đã viết: Đảng ủy xã Đồng Tâm (" in text


def test_a_figure_every_unit_left_blank_stays_blank(example):
    for unit in example.glob("xa-*.yaml"):
        text = re.sub(r"^    (dat|tien):.*\n", "", unit.read_text(encoding="utf-8"), flags=re.M)
        unit.write_text(text, encoding="utf-8")
    (example / "xa-tan-lap.yaml").write_text(
        (example / "xa-tan-lap.yaml")
        .read_text(encoding="utf-8")
        .replace("    ngay_cong: 1.250\n", "    ngay_cong: 1.250\n    dat:\n"),
        encoding="utf-8",
    )
    out = example / "th.yaml"
    assert tong_hop(example, "-o", out) == 0
    text = out.read_text(encoding="utf-8")
    assert re.search(r"^    dat: +# cả 3 đơn vị để trống \(không có số liệu\)$", text, re.M)
    assert "tien:" not in text  # no unit typed it at all


def test_summary_is_refused_until_filled_then_renders_with_the_sums(example, capsys):
    out = example.parent / "tinh" / "tong-hop-2025.yaml"
    assert tong_hop(example, "-o", out, "--ho-so", example.parent / "tinh" / "don-vi.yaml") == 0
    assert run(["validate", str(out)]) == 1
    assert "[D126]" in capsys.readouterr().err
    filled = example.parent / "tinh" / "bao-cao-2025.yaml"
    filled.write_text(fill_marks(out.read_text(encoding="utf-8")), encoding="utf-8")
    result = render_file(filled, example.parent / "tinh" / "bao-cao-2025.docx")
    assert result.ok and not [d for d in result.diagnostics if d.is_error], [
        d.format() for d in result.diagnostics
    ]
    document = docx.Document(str(result.output))
    body = "\n".join(p.text for p in document.paragraphs)
    total_models = sum(
        expected_sum(f"mo_hinh.{k}")
        for k in ("kinh_te", "van_hoa_xa_hoi", "quoc_phong_an_ninh", "xay_dung_he_thong_chinh_tri")
    )
    assert f"Toàn tỉnh có {total_models:02d} mô hình" in body
    assert f"lĩnh vực kinh tế: {expected_sum('mo_hinh.kinh_te'):02d} mô hình" in body
    assert (
        f"{expected_sum('dang_ky.tap_the'):02d} tập thể, {expected_sum('dang_ky.ca_nhan'):02d} cá nhân đăng ký"
        in body
    )
    assert f"Nhân dân đóng góp {format_number(expected_sum('dong_gop.ngay_cong'))} ngày công" in body
    assert "(Đảng ủy xã Tân Lập)" in body  # the models, listed with their unit
    tables = [t for t in document.tables if t.rows and t.rows[0].cells[0].text == "Đơn vị"]
    assert len(tables) == 4
    names = ["Đảng ủy xã Đồng Tâm", "Đảng ủy xã Hòa Bình", "Đảng ủy xã Tân Lập"]
    figures_by_table = [
        [
            "mo_hinh.kinh_te",
            "mo_hinh.van_hoa_xa_hoi",
            "mo_hinh.quoc_phong_an_ninh",
            "mo_hinh.xay_dung_he_thong_chinh_tri",
        ],
        ["dang_ky.tap_the", "dang_ky.ca_nhan"],
        ["cong_nhan.tap_the", "cong_nhan.ca_nhan"],
        ["dong_gop.ngay_cong", "dong_gop.tien", "dong_gop.dat"],
    ]
    for table, figures in zip(tables, figures_by_table, strict=True):
        rows = [[cell.text for cell in row.cells] for row in table.rows[1:]]
        assert [row[0] for row in rows] == [*names, "Tổng cộng"]
        for row, unit in zip(rows, UNITS, strict=False):
            values = unit_figures(unit)
            assert row[1 : 1 + len(figures)] == [
                "" if values.get(f) is None else format_number(values[f]) for f in figures
            ]
        assert rows[-1][1 : 1 + len(figures)] == [format_number(expected_sum(f)) for f in figures]


def _assert_refused(out: Path, capsys, code: Code, file: str, line: int) -> str:
    err = capsys.readouterr().err
    assert not out.exists()
    assert re.search(rf"^{re.escape(file)}:{line}:\d+: lỗi: .*\[{code}\]$", err, re.M), err
    return err


def _line_of(path: Path, prefix: str) -> int:
    return next(
        i
        for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if line.startswith(prefix)
    )


def test_unit_of_another_kind_is_reported_and_nothing_written(example, capsys, monkeypatch):
    monkeypatch.chdir(example)
    other = example / "xa-hoa-binh.yaml"
    other.write_text(
        other.read_text(encoding="utf-8").replace("loai: dan-van-kheo", "loai: chung").split("\nso_lieu:")[0]
        + "\nnoi_dung:\n  - tieu_de: Kết quả\n    van_ban: |\n      Đoạn văn.\nnoi_nhan: [Tỉnh ủy]\nluu: Văn phòng\n",
        encoding="utf-8",
    )
    out = example / "th.yaml"
    assert tong_hop(".", "-o", out) == 1
    err = _assert_refused(out, capsys, Code.ROLLUP_CONFLICT, "xa-hoa-binh.yaml", _line_of(other, "loai:"))
    assert "khác loại «dan-van-kheo»" in err and "xa-dong-tam.yaml:" in err


def test_unit_of_another_period_is_reported_and_nothing_written(example, capsys, monkeypatch):
    monkeypatch.chdir(example)
    old = example / "xa-dong-tam.yaml"
    old.write_text(
        old.read_text(encoding="utf-8").replace("ky: {nam: 2025}", "ky: {nam: 2024}"), encoding="utf-8"
    )
    out = example / "th.yaml"
    assert tong_hop(".", "-o", out) == 1
    err = _assert_refused(out, capsys, Code.ROLLUP_CONFLICT, "xa-dong-tam.yaml", _line_of(old, "ky:"))
    assert "(2024)" in err and "(2025, xa-hoa-binh.yaml:" in err


def test_the_same_unit_twice_is_reported_and_nothing_written(example, capsys, monkeypatch):
    monkeypatch.chdir(example)
    copy = example / "xa-tan-lap-ban-sao.yaml"
    shutil.copy(example / "xa-tan-lap.yaml", copy)
    out = example / "th.yaml"
    assert tong_hop(".", "-o", out) == 1
    err = _assert_refused(
        out, capsys, Code.ROLLUP_DUPLICATE_UNIT, "xa-tan-lap.yaml", _line_of(copy, "co_quan_ban_hanh:")
    )
    assert "đã có ở tệp xa-tan-lap-ban-sao.yaml" in err  # sorted by name: the copy comes first
    # the same file named twice (the folder and a file in it) is one unit, not a duplicate
    capsys.readouterr()
    copy.unlink()
    assert tong_hop(".", "xa-tan-lap.yaml", "-o", out) == 0
    assert "3 đơn vị" in capsys.readouterr().err


def test_unit_file_with_an_error_is_reported_where_it_is(example, capsys, monkeypatch):
    monkeypatch.chdir(example)
    broken = example / "xa-tan-lap.yaml"
    broken.write_text(
        broken.read_text(encoding="utf-8").replace("kinh_te: 3", "kinh_te: 5.6"), encoding="utf-8"
    )
    out = example / "th.yaml"
    assert tong_hop(".", "-o", out) == 1
    err = _assert_refused(out, capsys, Code.BAD_NUMBER, "xa-tan-lap.yaml", _line_of(broken, "    kinh_te:"))
    assert "gợi ý: 5,6" in err


def test_unit_lacking_a_figure_the_others_have_is_reported(example, capsys, monkeypatch):
    monkeypatch.chdir(example)
    short = example / "xa-hoa-binh.yaml"
    text = (
        short.read_text(encoding="utf-8")
        .replace("    quoc_phong_an_ninh: 2\n", "")
        .replace("{cau.mo_hinh_linh_vuc}", "nhiều mô hình.")
    )
    short.write_text(text, encoding="utf-8")  # a valid unit file on its own: no sentence needs the figure
    out = example / "th.yaml"
    assert tong_hop(".", "-o", out) == 1
    err = _assert_refused(
        out, capsys, Code.ROLLUP_MISSING_FIGURE, "xa-hoa-binh.yaml", _line_of(short, "  mo_hinh:")
    )
    assert "mo_hinh.quoc_phong_an_ninh" in err and "gõ 0 nếu không có" in err


def test_never_writes_over_an_input_nor_an_existing_summary_without_ghi_de(example, capsys):
    unit = example / "xa-tan-lap.yaml"
    before = unit.read_bytes()
    assert tong_hop(example, "-o", unit, "--ghi-de") == 1
    assert unit.read_bytes() == before and "[W403]" in capsys.readouterr().err
    profile = example.parent / "tinh" / "don-vi.yaml"
    assert tong_hop(example, "-o", profile, "--ho-so", profile, "--ghi-de") == 1
    assert "[W403]" in capsys.readouterr().err
    out = example.parent / "tinh" / "th.yaml"
    out.write_text("# lời văn đã viết\n", encoding="utf-8")
    assert tong_hop(example, "-o", out) == 1
    assert out.read_text(encoding="utf-8") == "# lời văn đã viết\n" and "[W401]" in capsys.readouterr().err
    assert tong_hop(example, "-o", out, "--ghi-de") == 0
    assert (example.parent / "tinh" / "th.ban-cu.yaml").read_text(encoding="utf-8") == "# lời văn đã viết\n"
    assert "Đảng ủy xã Tân Lập" in out.read_text(encoding="utf-8")
    # an earlier summary left in the units' folder is not taken for a unit
    shutil.copy(out, example / "tong-hop-cu.yaml")
    capsys.readouterr()
    assert tong_hop(example, "-o", example.parent / "tinh" / "moi.yaml") == 0
    assert "3 đơn vị" in capsys.readouterr().err
    assert tong_hop(example, "-o", example / "th.docx") == 1  # a summary is a data file
    assert "[W403]" in capsys.readouterr().err


def test_usage_errors_and_help_are_vietnamese(example, capsys):
    assert tong_hop(example) == 2
    assert "thiếu tệp kết quả" in capsys.readouterr().err
    assert tong_hop(example / "khong-co", "-o", example / "th.yaml") == 2
    assert "không thấy tệp hay thư mục" in capsys.readouterr().err
    assert tong_hop(example, "-o", example / "th.yaml", "--ho-so", example / "khong-co.yaml") == 2
    assert "không thấy tệp hồ sơ" in capsys.readouterr().err
    assert run(["tong-hop", "--help"]) == 0
    text = capsys.readouterr().out
    assert (
        "Tổng hợp tệp dữ liệu của nhiều đơn vị" in text and "TỆP_HOẶC_THƯ_MỤC" in text and "--ho-so" in text
    )
    assert "list[" not in text and "Path" not in text
    for english in (
        "Usage:",
        "Options:",
        "Arguments:",
        "Show this message",
        "PATH",
        "TEXT",
        "<path>",
        "<text>",
        "\\[",
    ):
        assert english not in text


def test_readme_lists_the_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    daily = readme.split("## Dùng hằng ngày", 1)[1].split("\n## ", 1)[0]
    assert "baocao tong-hop" in daily


def test_a_model_keeps_its_own_units_figures(example):
    """A model's text that cites a figure must print its unit's value, not the summed one of the level above."""
    unit = example / "xa-tan-lap.yaml"
    text = unit.read_text(encoding="utf-8").replace(
        "Vận động hội viên trồng và chăm sóc 4 km đường hoa",
        "Huy động {dong_gop.ngay_cong} ngày công, {cong_nhan.ca_nhan|02} cá nhân; trồng 4 km đường hoa",
    )
    unit.write_text(text, encoding="utf-8")
    out = example / "th.yaml"
    assert tong_hop(example, "-o", out) == 0
    summary = out.read_text(encoding="utf-8")
    assert "Huy động 1.250 ngày công, 01 cá nhân; trồng 4 km đường hoa" in summary
    assert "ngay_cong: 4.370" in summary
