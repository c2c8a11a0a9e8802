"""Tables built directly, through the small `CellText` interface (no report, no compute run)."""

from __future__ import annotations

import ast
from pathlib import Path

from baocao_gen.codes import Code
from baocao_gen.diagnostics import Diagnostic, Location
from baocao_gen.document import Inline, Paragraph, Run, Table
from baocao_gen.markup import plain_text
from baocao_gen.model import Bang
from baocao_gen.tables import MIN_SIZE, build_table
from compute_helpers import line_of, report_and_tree, resolver

SRC = Path(__file__).resolve().parent.parent / "src" / "baocao_gen"


class PlainText:
    """The smallest `CellText`: text printed as typed, each path located on a line of its own."""

    def __init__(self) -> None:
        self.diagnostics: list[Diagnostic] = []

    def locate(self, *path: str | int) -> Location | None:
        return Location("bang.yaml", len(path), 1, path)

    def inline(self, text: str, *path: str | int, bold: bool = False) -> list[Inline]:
        return [Run(text, bold=bold)]


def table(**fields) -> Bang:
    return Bang.model_validate(
        {"cot": [{"ten": "Đơn vị"}, {"ten": "Số cuộc", "kieu": "dem"}, {"ten": "Tỷ lệ"}], **fields}
    )


def cells(blocks, row: int) -> list[str]:
    [grid] = [b for b in blocks if isinstance(b, Table)]
    return [plain_text(cell.inlines) for cell in grid.rows[row]]


def test_totals_are_computed_and_numbers_formatted():
    rows = [["Xã A", "1200", "12,5"], ["Xã B", "36", "1.000"]]
    blocks = build_table(
        table(dong=rows, tong_cong=True, tieu_de="Bảng 1"), PlainText(), ("bang", 0), "portrait"
    )
    assert isinstance(blocks[0], Paragraph) and plain_text(blocks[0].inlines) == "Bảng 1"
    assert cells(blocks, 1) == ["Xã A", "1.200", "12,5"]
    assert cells(blocks, 3) == ["Tổng cộng", "1.236", "1.012,5"]


def test_a_typed_total_row_and_bad_cells_are_located_problems():
    stub = PlainText()
    rows = [["Xã A", "hai", "5.6"], ["Tổng cộng", "2", "3"]]
    build_table(table(dong=rows), stub, ("phu_luc", 0, "bang", 0), "portrait")
    found = {(p.code, p.location.path if p.location else None) for p in stub.diagnostics}
    assert (Code.BAD_COUNT, ("phu_luc", 0, "bang", 0, "dong", 0, 1)) in found
    assert (Code.BAD_NUMBER, ("phu_luc", 0, "bang", 0, "dong", 0, 2)) in found
    assert (Code.TOTALS_DISAGREE, ("phu_luc", 0, "bang", 0, "dong", 1)) in found


def test_a_row_longer_than_the_columns_is_an_error():
    stub = PlainText()
    build_table(table(dong=[["Xã A", "1", "2", "3"]]), stub, ("bang", 0), "portrait")
    assert [p.code for p in stub.diagnostics] == [Code.WRONG_TYPE]


def test_serial_column_and_group_rows():
    columns = [{"ten": "STT", "kieu": "stt"}, {"ten": "Đơn vị"}, {"ten": "Số", "kieu": "dem"}]
    rows = [["Cấp xã"], ["Xã A", "3"], ["Xã B", "4"]]
    blocks = build_table(
        Bang.model_validate({"cot": columns, "dong": rows}), PlainText(), ("bang", 0), "portrait"
    )
    [grid] = [b for b in blocks if isinstance(b, Table)]
    assert grid.rows[1][0].colspan == 3 and plain_text(grid.rows[1][0].inlines) == "Cấp xã"
    assert cells(blocks, 2) == ["1", "Xã A", "3"] and cells(blocks, 3) == ["2", "Xã B", "4"]


def test_a_too_small_size_is_raised_to_the_minimum_with_a_warning():
    stub = PlainText()
    blocks = build_table(table(dong=[["Xã A", "1", "2"]], co_chu=7), stub, ("bang", 0), "portrait")
    [grid] = [b for b in blocks if isinstance(b, Table)]
    assert grid.font_size == MIN_SIZE
    [problem] = stub.diagnostics
    assert problem.code == Code.OTHER_RULE and problem.location.path == ("bang", 0, "co_chu")


def test_with_the_compute_resolver_cells_resolve_markup_and_point_at_their_line():
    period = """\
    so_lieu: {so_cuoc: 9}
    noi_dung:
      - tieu_de: Kết quả
        bang:
          - cot: [{ten: Đơn vị}, {ten: Ghi chú}]
            dong:
              - [Xã A, "có {so_cuoc} cuộc"]
              - [Xã B, "{khong_co}"]
    """
    report, tree = report_and_tree(period)
    text, _, _ = resolver(dict(report.so_lieu), tree=tree)
    blocks = build_table(report.noi_dung[0].bang[0], text, ("noi_dung", 0, "bang", 0), "portrait")
    assert cells(blocks, 1) == ["Xã A", "có 9 cuộc"]
    [problem] = text.diagnostics
    assert problem.code == Code.MISSING_REFERENCE and problem.location.line == line_of(period, "- [Xã B")


def _imports(path: Path) -> set[str]:
    """Return the modules `path` imports, relative to baocao_gen (`compute.text`, `tables`…)."""
    package = path.parent.relative_to(SRC).parts
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = list(package[: len(package) - node.level + 1])
            out.add(".".join([*base, node.module] if node.module else base))
    return out


def test_tables_do_not_reach_into_compute_and_compute_has_no_cycle():
    assert not any(name.startswith("compute") for name in _imports(SRC / "tables.py"))
    graph = {
        f"compute.{p.stem}" if p.stem != "__init__" else "compute": _imports(p)
        for p in (SRC / "compute").glob("*.py")
    }

    def reaches(start: str, target: str, seen: set[str]) -> bool:
        for name in graph.get(start, ()):
            if name == target or (name not in seen and reaches(name, target, seen | {name})):
                return True
        return False

    assert len(graph) >= 8
    assert not [name for name in graph if reaches(name, name, set())]
    # Only the package's front door imports its parts together; no part imports the front door.
    assert not [name for name, imported in graph.items() if "compute" in imported]
