"""Pins legacy-encoding detection: catch TCVN3/VNI fragments, never flag real Unicode."""

from __future__ import annotations

import unicodedata

import pytest
from babel import Locale

from baocao_gen.legacy import (
    MIN_SIGNALS,
    _decode_tcvn3,
    _decode_vni,
    _is_syllable,
    detect_legacy_encoding,
    legacy_sample_hint,
)

# Real Unicode Vietnamese written for these tests: every letter and tone, capitals, old and new
# tone placement, ethnic and personal names, typographic quotes, dashes, units and symbols.
REAL_TEXT = """\
Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ về công tác văn thư; thực hiện \
Kế hoạch số 15-KH/HU ngày 20/02/2018 của Ban Thường vụ Huyện ủy, Ủy ban nhân dân huyện Ba Tơ báo \
cáo kết quả thực hiện nhiệm vụ phát triển kinh tế - xã hội quý I năm 2024 như sau:
1. Về kinh tế: tổng diện tích gieo trồng ước đạt 1.836 ha, tăng 5,6% so với cùng kỳ; thu ngân sách \
đạt 2.740.000.000 ₫; diện tích nhà văn hoá 25 m²; nhiệt độ −2 °C; “khẩn” – “mật” — hết… 
2. Về văn hóa - xã hội: mừng Đảng, mừng Xuân; tuần lễ hoà bình, hòa giải; ưu tiên, ơn nghĩa, rõ ràng, \
tù nhân, thuý, thuỷ, thủy, khoẻ, khỏe, xoè, toà án, oà khóc, quà, hoá chất, loà xoà.
Đồng bào Kinh, Hrê, Ca Dong, Êđê, ÊĐÊ, Ê Đê, Ba Na, Xơ Đăng, Gia Rai, Mơ Nông, H'Mông, Khơ Me; \
huyện Krông Búk, Kon Tum, Đắk Lắk, Ea Súp. Đồng chí Nguyễn Thị Hoà, ông Trần Văn Thuỷ, bà Lê Thị \
Thuý Ngọc, ông Phạm Quỳnh, bà Đặng Thị Ánh Tuyết, ông Võ Văn Kiệt, bà Ngô Thị Ngoãn, ông Quách Văn \
Quyết, bà Khúc Thị Khuyên, ông Ông Ích Khiêm, bà Ý Lan, ông Ưng Hoàng Phúc.
Nguệch ngoạc, khuỷu tay, quằn quại, thuở ấy, huơ tay, khuấy động, tuổi trẻ, ngoằn ngoèo, xoong \
nồi, boong tàu, giường, giữa, gìn giữ, yểu điệu, uyển chuyển, oái oăm, khoèo, ríu rít, huyễn hoặc, \
khuynh hướng, huỳnh quang, ối, ạ, ừ, ờ, ổn định, ước mơ, ướt át, ửng hồng, ưỡn ngực, ỉu xìu, ọ ẹ, \
éo le, ỏn ẻn, ẵm bồng, ậm ừ, ầm ĩ, đầy ắp.
CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM — Độc lập - Tự do - Hạnh phúc; ĐẢNG CỘNG SẢN VIỆT NAM; \
ỦY BAN NHÂN DÂN; HUYỆN ỦY BA TƠ; Ông Ấp Ủy Ốc Ổi Ớt Ở Ừ Ứ Ự Ý Ỳ Ỷ Ỹ Ỵ Ì Í Ỉ Ĩ Ị À Á Ả Ã Ạ Ă \
Ằ Ắ Ẳ Ẵ Ặ Â Ầ Ấ Ẩ Ẫ Ậ È É Ẻ Ẽ Ẹ Ê Ề Ế Ể Ễ Ệ Ò Ó Ỏ Õ Ọ Ô Ồ Ố Ổ Ỗ Ộ Ơ Ờ Ớ Ở Ỡ Ợ Ù Ú Ủ Ũ Ụ Ư Ừ Ứ Ử \
Ữ Ự Đ; à á ả ã ạ ă ằ ắ ẳ ẵ ặ â ầ ấ ẩ ẫ ậ è é ẻ ẽ ẹ ê ề ế ể ễ ệ ì í ỉ ĩ ị ò ó ỏ õ ọ ô ồ ố ổ ỗ ộ ơ ờ \
ớ ở ỡ ợ ù ú ủ ũ ụ ư ừ ứ ử ữ ự ỳ ý ỷ ỹ ỵ đ.
"""

REAL_SENTENCES = [line for line in REAL_TEXT.splitlines() if line.strip()]


def test_real_text_is_not_legacy() -> None:
    assert detect_legacy_encoding(REAL_TEXT) is None


@pytest.mark.parametrize("sentence", REAL_SENTENCES)
def test_real_sentences_are_not_legacy(sentence: str) -> None:
    assert detect_legacy_encoding(sentence) is None


@pytest.mark.parametrize("form", ["NFC", "NFD"])
def test_real_text_in_any_normal_form_is_not_legacy(form: str) -> None:
    assert detect_legacy_encoding(unicodedata.normalize(form, REAL_TEXT)) is None


@pytest.mark.parametrize(
    "text",
    [
        "xuân tuần hòa hoà Nguyễn ưu ơn rõ tù",
        "Êđê ÊĐÊ Ê Đê",
        "“Báo cáo” – số liệu ₫ m² … «Hà Nội»",
        "© 2024 Microsoft® Word®, 5 µm và 10 µm, § 3, 3 × 4, ½ ha, 90°, −5 °C, a · b",
        "Kích thước 5 µm; 5 µm; 5 µm.",  # one odd word repeated is still one signal
        "",
        "   ",
        "UBND huyện Ba Tơ",
    ],
)
def test_no_false_positive(text: str) -> None:
    assert detect_legacy_encoding(text) is None


def test_no_false_positive_on_babel_vietnamese_names() -> None:
    # Babel's Vietnamese names of languages, countries and currencies: thousands of real words,
    # many of them transliterated foreign names that are not Vietnamese syllables.
    locale = Locale("vi")
    names = [*locale.languages.values(), *locale.territories.values(), *locale.currencies.values()]
    assert len(names) > 500
    assert detect_legacy_encoding(" ; ".join(names)) is None


@pytest.mark.parametrize(
    "text",
    [
        "Ban ChÊp hµnh Trung −¬ng §¶ng",
        "Ban ChÊp hµnh Trung \u00ad¬ng §¶ng",  # "ư" as the soft hyphen 0xAD
        "Céng hoµ x· héi chñ nghÜa ViÖt Nam",
        "§éc lËp - Tù do - H¹nh phóc",
        "§¶ng bé",
        "nh©n d©n",
        "Uû ban nh©n d©n",
        "Thñ t−íng",
        "quyÕt ®Þnh",
        "Céng hoµ",
        "B¸o c¸o kÕt qu¶ thùc hiÖn nhiÖm vô",
        "Trong n¨m 2023, HuyÖn ñy ®· l·nh ®¹o thùc hiÖn th¾ng lîi.",
        "Đoạn văn Unicode rồi dán thêm: Ban ChÊp hµnh",  # legacy inside otherwise real text
    ],
)
def test_detects_tcvn3(text: str) -> None:
    assert detect_legacy_encoding(text) == "TCVN3"


@pytest.mark.parametrize(
    "text",
    [
        "Ban Chaáp haønh Trung öông Ñaûng",
        "Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam",
        "Ñoäc laäp - Töï do - Haïnh phuùc",
        "Ñaûng boä",
        "nhaân daân",
        "chuû nghóa",
        "UÛY BAN NHAÂN DAÂN",
        "Baùo caùo keát quaû thöïc hieän nhieäm vuï",
        "Trong naêm 2023, Huyeän uûy ñaõ laõnh ñaïo thöïc hieän thaéng lôïi.",
        "Đoạn văn Unicode rồi dán thêm: Ban Chaáp haønh",
    ],
)
def test_detects_vni(text: str) -> None:
    assert detect_legacy_encoding(text) == "VNI"


@pytest.mark.parametrize("text", ["hµnh", "ViÖt Nam", "Vieät Nam", "haønh", "Ban Chaáp"])
def test_single_signal_is_not_enough(text: str) -> None:
    assert MIN_SIGNALS == 2
    assert detect_legacy_encoding(text) is None


@pytest.mark.parametrize(
    ("legacy", "unicode"),
    [
        ("Ban ChÊp hµnh Trung −¬ng §¶ng", "Ban Chấp hành Trung ương Đảng"),
        ("Céng hoµ x· héi chñ nghÜa ViÖt Nam", "Cộng hoà xã hội chủ nghĩa Việt Nam"),
        ("§éc lËp - Tù do - H¹nh phóc", "Độc lập - Tự do - Hạnh phúc"),
        ("¡¢£¤¥¦§", "ĂÂÊÔƠƯĐ"),
    ],
)
def test_tcvn3_table(legacy: str, unicode: str) -> None:
    assert _decode_tcvn3(legacy)[0] == unicode


@pytest.mark.parametrize(
    ("legacy", "unicode"),
    [
        ("Ban Chaáp haønh Trung öông Ñaûng", "Ban Chấp hành Trung ương Đảng"),
        ("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam", "Cộng hòa xã hội chủ nghĩa Việt Nam"),
        ("Ñoäc laäp - Töï do - Haïnh phuùc", "Độc lập - Tự do - Hạnh phúc"),
        ("naêm thaéng lôïi", "năm thắng lợi"),
        ("UÛY BAN NHAÂN DAÂN", "ỦY BAN NHÂN DÂN"),
    ],
)
def test_vni_table(legacy: str, unicode: str) -> None:
    assert _decode_vni(legacy)[0] == unicode


def test_tcvn3_table_covers_every_lowercase_vietnamese_letter() -> None:
    letters = set("àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ")
    decoded = {_decode_tcvn3(chr(code))[0] for code in range(0xA1, 0x100)}
    assert letters <= decoded


def test_vni_mark_case_must_match_base() -> None:
    # "quyÕt" is TCVN3 for "quyết"; VNI never puts a capital mark after a small letter.
    assert _decode_vni("quyÕt") == ("quyÕt", 0)


@pytest.mark.parametrize(
    "word",
    ["nghiêng", "gì", "gìn", "giếng", "quyết", "khuỷu", "người", "thuở", "xoong", "kế", "cây", "hoà", "HÒA"],
)
def test_real_syllables_are_well_formed(word: str) -> None:
    assert _is_syllable(word, check_case=True)


@pytest.mark.parametrize("word", ["ChÊp", "hµnh", "Chaáp", "nghóa", "céng", "nhaõn", "hôàa", "kon", "ge"])
def test_malformed_syllables(word: str) -> None:
    assert not _is_syllable(word, check_case=True)


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        (
            "TCVN3",
            "Hãy chuyển văn bản sang Unicode (ví dụ bằng Unikey: Công cụ chuyển mã, "
            "nguồn TCVN3 → đích Unicode) rồi dán lại.",
        ),
        (
            "VNI",
            "Hãy chuyển văn bản sang Unicode (ví dụ bằng Unikey: Công cụ chuyển mã, "
            "nguồn VNI Windows → đích Unicode) rồi dán lại.",
        ),
    ],
)
def test_legacy_sample_hint(kind: str, expected: str) -> None:
    assert legacy_sample_hint(kind) == expected  # type: ignore[arg-type]


def test_legacy_sample_hint_rejects_unknown() -> None:
    with pytest.raises(ValueError, match="unknown"):
        legacy_sample_hint("UTF-8")  # type: ignore[arg-type]
