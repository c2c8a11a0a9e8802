"""Counts are counts: a figure that counts things is a whole number from 0 up, never blank by accident.

Lượt tiếp dân, hồ sơ, mô hình, đơn thư… are counted: a blank, a negative or a fractional value is a
typing mistake, refused with a Vietnamese hint rather than printed as typed or added up as 0.
"""

from __future__ import annotations

import pytest

from baocao_gen.vietnamese import VietnameseValueError, parse_count

# --------------------------------------------------------------------------- parse_count


@pytest.mark.parametrize(("text", "expected"), [("0", 0), ("7", 7), ("05", 5), ("1.836", 1836), ("12.345.678", 12345678)])
def test_a_count_is_a_whole_number_written_the_vietnamese_way(text, expected):
    assert parse_count(text) == expected


@pytest.mark.parametrize(
    ("text", "message", "hint"),
    [
        ("", "không được để trống", "gõ 0 nếu không có"),
        ("  ", "không được để trống", "gõ 0 nếu không có"),
        ("-3", "không được là số âm", "số đếm từ 0 trở lên, ví dụ 3"),
        ("−3", "không được là số âm", "số đếm từ 0 trở lên, ví dụ 3"),
        ("0,5", "không được có phần thập phân", "số đếm là số nguyên, không có dấu phẩy, ví dụ 1.836"),
        # decided: a decimal comma is refused even when the fraction is zero; the hint is the count
        ("1.836,0", "không được có phần thập phân", "1.836"),
        ("5.6", "dấu chấm chỉ dùng để tách hàng nghìn", "5,6"),
        ("5%", 'không được kèm ký hiệu "%"', 'Bỏ dấu %, ví dụ "5".'),
    ],
)
def test_blank_negative_and_fractional_counts_are_refused_with_a_hint(text, message, hint):
    with pytest.raises(VietnameseValueError) as caught:
        parse_count(text)
    assert message in caught.value.message
    assert caught.value.hint == hint
