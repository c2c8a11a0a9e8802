"""Shared helpers: build data files in a temporary folder, render them, open the result."""

from __future__ import annotations

import io
import textwrap
from pathlib import Path

import docx
import pytest

from baocao_gen.pipeline import Result, build

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
EXAMPLE_FILES = sorted(p for p in EXAMPLES.glob("*/*.yaml") if p.name != "don-vi.yaml")  # period files
# Parts a template edited in Word may bring along that no report uses (ooxml/package.py drops them).
LEFTOVER_PARTS = (
    "word/stylesWithEffects.xml",
    "docProps/thumbnail.jpeg",
    "docProps/app.xml",
    "word/webSettings.xml",
    "word/numbering.xml",
)

STATE_PROFILE = """\
he_thong: nha_nuoc
co_quan_chu_quan: UBND HUYỆN BA TƠ
co_quan_ban_hanh: ỦY BAN NHÂN DÂN XÃ BA TÔ
viet_tat: UBND
dia_danh: Ba Tô
ten_goi: UBND xã Ba Tô
nguoi_ky:
  tham_quyen: TM.
  thay_mat: Ủy ban nhân dân
  chuc_vu: Chủ tịch
  ho_ten: Phạm Văn Hiền
"""

PARTY_PROFILE = """\
he_thong: dang
co_quan_chu_quan: ĐẢNG BỘ TỈNH QUẢNG NGÃI
co_quan_ban_hanh: HUYỆN ỦY BÌNH SƠN
viet_tat: HU
dia_danh: Bình Sơn
ten_goi: Ban Thường vụ Huyện ủy Bình Sơn
nguoi_ky:
  tham_quyen: T/M
  thay_mat: Ban Thường vụ
  chuc_vu: Phó Bí thư
  ho_ten: Đỗ Thiết Khiêm
"""

PERIOD = """\
ke_thua: don-vi.yaml
so: 5
ngay: 05/6/2023
trich_yeu: Kết quả công tác dân vận 6 tháng đầu năm 2023
noi_dung:
  - tieu_de: Kết quả
    van_ban: |
      Đoạn văn thứ nhất.
noi_nhan:
  - UBND huyện
luu: VT
"""


def write_tree(folder: Path, files: dict[str, str]) -> Path:
    """Write `files` (name → text, dedented) into `folder`; return the folder."""
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return folder


@pytest.fixture
def make_report(tmp_path: Path):
    """Return a function that writes a profile + period file and returns the period file's path."""

    def make(period: str = PERIOD, profile: str = STATE_PROFILE, name: str = "bao-cao.yaml") -> Path:
        write_tree(tmp_path, {"don-vi.yaml": profile, name: period})
        return tmp_path / name

    return make


def built(path: Path) -> Result:
    """Return the build result of a data file, asserting it produced a document."""
    result = build(path)
    assert result.data is not None, "\n".join(d.format() for d in result.diagnostics)
    return result


def open_docx(data: bytes) -> docx.document.Document:
    """Return a python-docx Document over produced bytes."""
    return docx.Document(io.BytesIO(data))
