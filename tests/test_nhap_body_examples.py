"""Every example, rendered, read back by `nhap` (body half) and rendered again, reads the same.

The second period file is the example's own frame (số, ngày, trích yếu, Nơi nhận, người ký…) plus
`loai: chung` plus what `read_body` found; the body text (every paragraph, tables cell by cell), the
footnotes and the appendices of both renders are compared. `examples/tong-hop/tinh` is a roll-up still
holding `<điền …>` places (it does not render by design), so the three commune reports it is made
from stand in for it.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from conftest import EXAMPLE_FILES, EXAMPLES, built
from test_nhap_body_support import body_lines, footnote_texts, import_body, write_period

FRAME_KEYS = (
    "ke_thua",
    "he_thong",
    "co_quan_chu_quan",
    "co_quan_ban_hanh",
    "viet_tat",
    "dia_danh",
    "ten_goi",
    "so",
    "loai_van_ban",
    "ten_loai",
    "ngay",
    "trich_yeu",
    "ky",
    "noi_nhan",
    "luu",
    "nguoi_ky",
    "van_ban_don_vi",
)
REPORTS = [*EXAMPLE_FILES, *sorted((EXAMPLES / "tong-hop" / "xa").glob("xa-*.yaml"))]


@pytest.mark.parametrize("example", REPORTS, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_render_import_render_gives_the_same_text(example: Path, tmp_path: Path) -> None:
    first = built(example).data
    assert first is not None
    body = import_body(first)
    assert body.period.get("noi_dung"), "no section tree imported"
    data = yaml.safe_load(example.read_text(encoding="utf-8"))
    frame = {key: data[key] for key in FRAME_KEYS if key in data}
    shutil.copy(example.parent / "don-vi.yaml", tmp_path / "don-vi.yaml")
    again_path = write_period(tmp_path / "bao-cao.yaml", frame, body)
    again = built(again_path)
    assert again.data is not None
    assert not [d for d in again.diagnostics if d.is_error], [d.format() for d in again.diagnostics]
    assert body_lines(again.data) == body_lines(first)
    assert footnote_texts(again.data) == footnote_texts(first)
    imported = yaml.safe_load(again_path.read_text(encoding="utf-8"))
    for typed in ("I. ", "II. ", "1. ", "1.1. "):  # the numbers are computed, never carried over
        assert not any(str(m.get("tieu_de", "")).startswith(typed) for m in imported["noi_dung"])


def test_suggested_kind_is_the_kind_of_the_example() -> None:
    example = EXAMPLES / "luc-binh" / "dan-van-kheo-2024.yaml"
    body = import_body(built(example).data or b"")
    assert body.suggested_kind == "dan-van-kheo"
    assert body.period["danh_so"] == ["la_ma", "so", "so_phu"]


def test_appendices_keep_orientation_titles_and_drop_typed_totals() -> None:
    body = import_body(built(EXAMPLES / "pho-hoa" / "tong-ket-nq25-2023.yaml").data or b"")
    appendices = body.period["phu_luc"]
    assert isinstance(appendices, list) and len(appendices) == 6
    assert [a.get("huong", "doc") for a in appendices] == ["doc", "ngang", "ngang", "ngang", "ngang", "ngang"]
    assert appendices[0]["tieu_de"].startswith("VĂN BẢN\\\n")
    third = appendices[2]["bang"][0]
    assert third["tong_cong"] == "có"
    assert not any(row and row[0] == "Tổng cộng" for row in third["dong"])
    assert body.period["danh_so"] == ["phan", "la_ma", "so"]
