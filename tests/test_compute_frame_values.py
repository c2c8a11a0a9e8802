"""Frame values called directly: số/ký hiệu, the attached line, Nơi nhận, the signature, header columns."""

from __future__ import annotations

from fractions import Fraction

from baocao_gen.codes import Code
from baocao_gen.compute import fits, split_header
from baocao_gen.compute.frame_values import FrameValues
from baocao_gen.compute.locations import Locations
from baocao_gen.document import Run
from baocao_gen.ooxml.frame import frame_of_file
from baocao_gen.resources import template_path
from compute_helpers import line_of, report_and_tree
from conftest import PARTY_PROFILE


def frame(period: str = "", profile: str | None = None) -> FrameValues:
    report, tree = report_and_tree(period, profile) if profile else report_and_tree(period)
    return FrameValues(report, Locations(tree), [])


def state_spec():
    return frame_of_file(template_path("nha_nuoc"), "nha_nuoc")


def test_document_number_and_attached_line_of_a_state_report():
    values = frame()
    assert values.document_number() == "Số: 05/BC-UBND"
    assert (
        values.attached_line()
        == "(Kèm theo Báo cáo số 05/BC-UBND ngày 05 tháng 6 năm 2023 của UBND xã Ba Tô)"
    )
    assert values.diagnostics == []


def test_a_blank_number_keeps_room_for_the_van_thu():
    values = frame("so:\n")
    number = values.document_number()
    assert number.startswith("Số:") and number.endswith("/BC-UBND") and "  " in number
    assert "số" in values.attached_line() and "/BC-UBND" in values.attached_line()


def test_an_impossible_abbreviation_is_reported_once_at_its_key():
    period = "viet_tat: UB ND\n"
    values = frame(period)
    assert values.document_number() == "Số: …"
    values.attached_line()  # asks for the number again: still one problem
    [problem] = values.diagnostics
    assert problem.code == Code.WRONG_TYPE and problem.value == "UB ND"
    assert problem.location.path == ("viet_tat",) and problem.location.line == line_of(
        period, "viet_tat: UB ND"
    )


def test_recipients_are_punctuated_by_system_and_groups_kept():
    period = """\
    noi_nhan:
      - UBND huyện;
      - nhom: Trong xã
        danh_sach: [Đảng ủy xã, "- MTTQ xã."]
    """
    state = frame(period).recipients()
    assert [line["text"] for line in state] == [
        "- UBND huyện.",
        "Trong xã:",
        "- Đảng ủy xã;",
        "- MTTQ xã;",
        "- Lưu: VT.",
    ]
    assert [line["nhom"] for line in state] == [False, True, False, False, False]
    party = frame("noi_nhan: [Ban Dân vận Tỉnh ủy, Các chi bộ]\nluu: Văn phòng\n", PARTY_PROFILE).recipients()
    assert [line["text"] for line in party] == ["- Ban Dân vận Tỉnh ủy,", "- Các chi bộ,", "- Lưu Văn phòng."]


def test_signature_lines_by_system():
    state = frame().signature()
    assert state == [{"text": "TM. ỦY BAN NHÂN DÂN", "dam": True}, {"text": "CHỦ TỊCH", "dam": True}]
    party = frame("", PARTY_PROFILE).signature()
    assert party[0] == {"text": "T/M BAN THƯỜNG VỤ", "dam": True} and party[1] == {
        "text": "PHÓ BÍ THƯ",
        "dam": False,
    }


def test_frame_values_hold_columns_that_fill_the_width():
    spec = state_spec()
    values = frame().values([Run("Kết quả công tác dân vận 6 tháng đầu năm 2023")], spec)
    left, right = values["cot_trai"].points, values["cot_phai"].points
    total = spec.text_width
    assert left + right == total
    assert total * Fraction("0.40") <= left <= total * Fraction("0.45") + 10
    assert values["so_ky_hieu"] == "Số: 05/BC-UBND" and values["ten_loai"] == "BÁO CÁO"
    assert values["dia_danh_ngay"].startswith("Ba Tô, ngày 05 tháng 6 năm 2023")


def test_split_header_and_fits():
    assert fits(Fraction(50), Fraction(51)) and not fits(Fraction(50), Fraction(5095, 100))
    total = Fraction(450)  # points
    middle = (total * Fraction("0.40") + total * Fraction("0.45")) / 2
    assert split_header(Fraction(100), Fraction(150), Fraction(50), total) == middle
    # the right side keeps its lines whole
    assert split_header(Fraction(400), Fraction(150), Fraction(50), total) == total - 151
