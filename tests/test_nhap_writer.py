"""`baocao nhap`, the writer: files a clerk reads, that the project loader reads back exactly as typed,
that validate and render with any body part B gives, and that never replace a file already there."""

from __future__ import annotations

import io
import unicodedata
from pathlib import Path

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from baocao_gen.codes import Code
from baocao_gen.loader import load_text, plain
from baocao_gen.nhap import importer
from baocao_gen.nhap.body import BodyImport
from baocao_gen.nhap.importer import import_file, write_import
from baocao_gen.nhap.notes import ImportNote, NoteKind
from baocao_gen.nhap.writer import PERIOD_ORDER, notes_block, write_new_files, yaml_document
from baocao_gen.pipeline import build, check
from test_nhap_frame import hand_made


def _round_trip(values: dict[str, object]) -> object:
    tree, problems = load_text(yaml_document(values, PERIOD_ORDER, ["# thử"]), "x.yaml")
    assert tree is not None, [d.format() for d in problems]
    return plain(tree)


@pytest.mark.parametrize(
    "text",
    [
        "05",
        "1.836",
        "1.626,5",
        "có",
        "no",
        "yes",
        "null",
        "~",
        "",
        "Lưu: VT",
        "a #b",
        "# không phải chú thích",
        "- không phải danh sách",
        "[[nq25]] và {ho_so.tong}",
        "'nháy đơn' và \"nháy kép\"",
        " thụt đầu",
        "dấu cách cuối ",
        "dòng một\ndòng hai",
        "  thụt\ndòng hai\n",
        "dòng một\n\n\ndòng bốn\n\n",
        "cuối dòng có dấu cách \nrồi dòng sau",
        "tab\tgiữa",
        "kết thúc bằng \\",
    ],
)
def test_values_come_back_exactly_as_typed(text):
    values = {"trich_yeu": text, "noi_dung": [{"tieu_de": text, "van_ban": text, "muc": [{"van_ban": text}]}]}
    assert _round_trip(values) == values


_TEXT = st.text(
    st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufeff\ufffe\uffff")
    | st.sampled_from("\n\t "),
    max_size=80,
)


@settings(
    max_examples=300,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(
    st.dictionaries(
        st.sampled_from(["trich_yeu", "ket_thuc", "ten_loai", "mo_dau"]),
        _TEXT,
        min_size=1,
    ),
    st.lists(_TEXT, max_size=4),
)
def test_any_text_survives_write_then_load(scalars, items):
    values: dict[str, object] = {
        **scalars,
        "chu_thich": {f"cu{i}": t for i, t in enumerate(items)},
        "noi_dung": [{"van_ban": t} for t in items],
    }
    expected = {
        key: (
            unicodedata.normalize("NFC", value)
            if isinstance(value, str)
            else {k: unicodedata.normalize("NFC", v) for k, v in value.items()}
            if isinstance(value, dict)
            else [{"van_ban": unicodedata.normalize("NFC", v["van_ban"])} for v in value]  # type: ignore[index]
        )
        for key, value in values.items()
    }
    assert _round_trip(values) == expected


def test_keys_follow_the_examples_order_prose_is_a_block_and_a_blank_says_why():
    text = yaml_document(
        {
            "noi_dung": [{"van_ban": "Đoạn một.\nĐoạn hai."}],
            "so": None,
            "ke_thua": "don-vi.yaml",
            "ngay": {"thang": 6, "nam": 2023},
        },
        PERIOD_ORDER,
        [],
    )
    assert text.index("ke_thua:") < text.index("so:") < text.index("ngay:") < text.index("noi_dung:")
    assert "ngay: {thang: 6, nam: 2023}" in text
    assert "  - van_ban: |-\n      Đoạn một.\n      Đoạn hai.\n" in text
    assert "so:   # để trống: văn thư ghi số sau khi ký" in text


def test_the_comment_block_says_what_was_recognised_checked_and_not_carried_over():
    notes = [
        ImportNote(NoteKind.NOT_MAPPED, "một hình ảnh\nkhông có chữ", 31),
        ImportNote(NoteKind.RECOGNISED, "số, ký hiệu.", 7),
        ImportNote(NoteKind.TO_CHECK, "không thấy họ tên người ký."),
    ]
    lines = notes_block(["Tệp nhập từ «a.docx»."], notes)
    assert all(line.startswith("#") for line in lines)
    text = "\n".join(lines)
    assert "# Đã nhận ra:\n# - đoạn 7: số, ký hiệu." in text
    assert "# Cần xem lại:\n# - không thấy họ tên người ký." in text
    assert "# - đoạn 31: một hình ảnh không có chữ" in text
    assert text.index("Đã nhận ra") < text.index("Cần xem lại") < text.index("Không chuyển được")


# -- with any body: what part B gives must validate and render ----------------------------------------------

RICH_BODY = BodyImport(
    period={
        "danh_so": ["la_ma", "so", "chu"],
        "mo_dau": {
            "can_cu": [{"loai": "Kế hoạch", "so": "12/KH-UBND", "ngay": "05/01/2024", "cua": "UBND huyện"}],
            "bao_cao": "UBND xã Long Hiệp báo cáo kết quả như sau:",
        },
        "noi_dung": [
            {
                "tieu_de": "Kết quả thực hiện",
                "van_ban": "Đã giải quyết 1.836 hồ sơ[^1].\n- Tỷ lệ: 98,5%; *đúng hạn*.",
                "bang": [
                    {
                        "cot": [{"ten": "Thôn"}, {"ten": "Số hộ"}],
                        "dong": [["Thôn 1", "120"], ["Thôn 2", "05"]],
                        "tong_cong": "có",
                    }
                ],
                "muc": [{"tieu_de": "Cải cách hành chính", "van_ban": "Công khai thủ tục: có"}],
            },
            {"van_ban": "#. Tiếp tục tuyên truyền.\n#. Nhân rộng mô hình."},
        ],
        "ket_thuc": "UBND xã Long Hiệp kính báo cáo./.",
        "chu_thich": {"1": "Gồm hồ sơ trực tuyến: 1.200; trực tiếp: 636."},
        "phu_luc": [
            {
                "tieu_de": "Danh sách mô hình",
                "huong": "ngang",
                "bang": [
                    {
                        "cot": [{"ten": "Mô hình"}, {"ten": "Năm"}],
                        "dong": [["Mô hình # 1: “Dân vận khéo”", "2024"]],
                    }
                ],
            }
        ],
    },
    notes=[ImportNote(NoteKind.NOT_MAPPED, "một hình ảnh ở thân văn bản.", 12)],
    suggested_kind="dan-van-chinh-quyen",
)


def test_the_written_pair_validates_and_renders_with_any_body(tmp_path, monkeypatch):
    monkeypatch.setattr(importer, "read_body", lambda doc, parts: RICH_BODY)
    result, problems = import_file(hand_made(tmp_path / "bc.docx"))
    assert result is not None and not problems
    written, problems = write_import(result, tmp_path / "nhap")
    assert not problems
    period_text = written[1].read_text(encoding="utf-8")
    assert (
        "loai: chung" in period_text and "# Gợi ý: đề cương giống loại «dan-van-chinh-quyen»" in period_text
    )
    assert "# - đoạn 12: một hình ảnh ở thân văn bản." in period_text
    checked = check(written[1])
    assert checked.ok, [d.format() for d in checked.diagnostics]
    built = build(written[1])
    assert built.data is not None, [d.format() for d in built.diagnostics]
    document = docx.Document(io.BytesIO(built.data))
    texts = [p.text for p in document.paragraphs]
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    assert any("KẾT QUẢ THỰC HIỆN" in t for t in texts)
    assert "Thôn 2" in cells and "Mô hình # 1: “Dân vận khéo”" in cells
    assert any(t.startswith("Thực hiện Kế hoạch số 12/KH-UBND ngày 05/01/2024") for t in texts)
    assert "UBND xã Long Hiệp kính báo cáo./." in texts
    assert any("Đinh Văn Tám" in c for c in cells)


# -- never overwrite ----------------------------------------------------------------------------------


def test_nothing_is_written_when_one_target_exists(tmp_path):
    first, second = tmp_path / "don-vi.yaml", tmp_path / "bao-cao-2024.yaml"
    second.write_text("của văn thư", encoding="utf-8")
    problems = write_new_files([(first, "a: 1\n"), (second, "b: 2\n")])
    assert [d.code for d in problems] == [Code.IMPORT_TARGET_EXISTS]
    assert str(second) in problems[0].message
    assert not first.exists() and second.read_text(encoding="utf-8") == "của văn thư"


def test_a_failed_second_write_removes_the_first(tmp_path):
    blocker = tmp_path / "khong-phai-thu-muc"
    blocker.write_text("x", encoding="utf-8")
    first = tmp_path / "don-vi.yaml"
    problems = write_new_files([(first, "a: 1\n"), (blocker / "b.yaml", "b: 2\n")])
    assert problems and problems[0].code is Code.WRITE_FAILED
    assert not first.exists()


def test_files_end_with_a_newline_and_are_utf8(tmp_path):
    written, _ = write_import(import_file(hand_made(tmp_path / "bc.docx"))[0], tmp_path / "out")  # type: ignore[arg-type]
    for path in written:
        raw = path.read_bytes()
        assert raw.endswith(b"\n") and raw.decode("utf-8")
        assert raw.startswith(b"# ")
    assert Path(written[0]).name == "don-vi.yaml"
