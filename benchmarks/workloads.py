"""The inputs the benchmark measures: a report scaled 1×/10×/50×, many unit files, a bare Typer app.

Everything is written into a temporary folder from the repository's own examples, so the benchmark
runs from a fresh clone with nothing else prepared.
"""

from __future__ import annotations

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
PHO_HOA = EXAMPLES / "pho-hoa" / "tong-ket-nq25-2023.yaml"
PROFILE = EXAMPLES / "ba-to" / "don-vi.yaml"

# A paragraph with what costs work in a real one: markup, a figure reference, a citation.
_PARAGRAPH = (
    "Đoạn văn có chữ *nghiêng*, **đậm**, số liệu {dan_so} người và trích dẫn [[nq25]] của Ủy ban nhân dân xã."
)

# A Typer app with two commands, the smallest thing a Typer CLI can be: the start-up floor of ours.
MINIMAL_TYPER_APP = """\
import typer

app = typer.Typer()


@app.command()
def hello(name: str = "x") -> None:
    print(name)


@app.command()
def bye() -> None:
    print("bye")


if __name__ == "__main__":
    app()
"""


# The floor of any tool built on the brief's libraries: a one-command Typer app that does, with those
# libraries alone and nothing of ours, what one render must do at the least: read the data file with
# libyaml, validate it with a pydantic model, format a number with babel's Vietnamese data, fill the
# frame template with docxtpl and save it. A lower bound on purpose: num2words is left out (a report
# without a number in words needs none; ours loads its Vietnamese module alone when one is needed).
# Whatever a render costs above this line is ours; what this line costs above `import docxtpl` is the
# libraries' (docs/benchmarks.md).
LIBRARY_FLOOR_APP = """\
from pathlib import Path

import typer

app = typer.Typer()


@app.command()
def render(data: Path, template: Path, output: Path, force: bool = False) -> None:
    import yaml
    from babel.numbers import format_decimal
    from docxtpl import DocxTemplate
    from pydantic import BaseModel, ConfigDict

    class Report(BaseModel):
        model_config = ConfigDict(extra="allow")
        loai: str = ""

    tree = yaml.load(data.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    report = Report.model_validate(tree)
    document = DocxTemplate(str(template))
    document.render({"loai": report.loai, "so": format_decimal(1836, locale="vi")}, autoescape=True)
    document.save(str(output))


@app.command()
def other() -> None:
    print("x")


if __name__ == "__main__":
    app()
"""

TEMPLATE_STATE = ROOT / "templates" / "khung-nha-nuoc.docx"


def smallest_example() -> Path:
    """Return the period file of the examples with the fewest bytes (the quickest real render)."""
    periods = [path for path in EXAMPLES.glob("*/*.yaml") if path.name != "don-vi.yaml"]
    return min(periods, key=lambda path: (path.stat().st_size, path.name))


def scaled_report(factor: int) -> str:
    """Return a report of the generic kind with `factor` × (4 sections, each 5 paragraphs, a footnote,
    a table of 4 rows): sections, prose, footnotes and table rows all grow together."""
    lines = [
        "ke_thua: don-vi.yaml",
        "loai: chung",
        "so: 5",
        "ngay: 05/6/2023",
        "trich_yeu: Báo cáo thử tốc độ",
        "so_lieu:",
        "  dan_so: 1.836",
        "noi_dung:",
    ]
    for index in range(4 * factor):
        lines += [f"  - tieu_de: Mục thứ {index + 1}", "    van_ban: |"] + [f"      {_PARAGRAPH}"] * 5
        lines += [f"      - gạch đầu dòng có chú thích[^n{index}]"]
        rows = ", ".join(f'["{2020 + row}", "1.{row}00"]' for row in range(4))
        lines += [
            "    bang:",
            "      - cot: [{ten: Năm}, {ten: Số}]",
            f"        dong: [{rows}]",
            "        tong_cong: có",
        ]
    lines += ["chu_thich:"] + [f"  n{index}: Chú thích số {index + 1}." for index in range(4 * factor)]
    lines += ["noi_nhan: [UBND huyện]", "luu: VT"]
    return "\n".join(lines) + "\n"


def write_scaled(folder: Path, factor: int) -> Path:
    """Write the `factor`× report (and the profile it extends) into `folder`; return the report."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(PROFILE, folder / "don-vi.yaml")
    path = folder / f"bao-cao-{factor}x.yaml"
    path.write_text(scaled_report(factor), encoding="utf-8")
    return path


def write_units(folder: Path, count: int) -> list[Path]:
    """Write `count` unit folders, each the smallest example's profile and period file; return the periods."""
    source = smallest_example()
    periods = []
    for index in range(count):
        unit = folder / f"don-vi-{index + 1:03d}"
        unit.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source.parent / "don-vi.yaml", unit / "don-vi.yaml")
        shutil.copyfile(source, unit / source.name)
        periods.append(unit / source.name)
    return periods
