"""Detect text typed in the legacy Vietnamese encodings TCVN3 (ABC) and VNI.

Old documents were typed with 8-bit fonts (.VnTime for TCVN3, VNI-Times for VNI). Pasted into
a Unicode file they become mojibake: TCVN3 "Ban ChÊp hµnh Trung −¬ng §¶ng", VNI "Ban Chaáp
haønh Trung öông Ñaûng". Such text must never reach a report.

We refuse the text and ask the clerk to convert it, instead of converting silently, because the
conversion is a guess: both encodings reuse characters that are also genuine Unicode letters
(TCVN3 "é" is "ộ", VNI "ô" is "ơ"), so a silent conversion of text that is only partly legacy, or
that is Unicode after all, would corrupt real words — above all people's names, which no one
proofreads against a dictionary. A converter run by the clerk on the source document is safe.

How detection avoids false positives: the text is cut into words and each word is decoded as
TCVN3 and as VNI. A word gives signals only when
  * it holds nothing outside Latin-1 (legacy fonts cannot produce "ế", "ư", "đ"...),
  * it is NOT a well-formed Vietnamese syllable as written (so "tù", "hoà", "hòa" never count,
    although they also decode to "tự", "hồ", "hịa"), and
  * its decoding IS a well-formed Vietnamese syllable ("hµnh" -> "hành", "Chaáp" -> "Chấp").
Such a word gives one signal per legacy glyph it contains ("§¶ng" -> "Đảng" gives two);
repeated words count once. The text is flagged only with at least two signals, so one odd
character (a lone "µm", "Microsoft®", a French "où") is never enough. Long French text can
still trip the VNI check (French spelling reuses VNI glyphs); reports are in Vietnamese.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import Literal

__all__ = ["LegacyEncoding", "detect_legacy_encoding", "first_legacy_word", "legacy_sample_hint"]

LegacyEncoding = Literal["TCVN3", "VNI"]

MIN_SIGNALS = 2

# TCVN3 (TCVN 5712:1993, VN3) glyph -> Unicode letter. Capitals with tones do not exist in
# TCVN3 (a separate all-caps font reuses the lower-case codes), so only Ă Â Ê Ô Ơ Ư Đ appear.
# "ư" is 0xAD, which Word often hands over as U+2212 "−" instead of the soft hyphen.
_TCVN3_PAIRS = (
    "¡Ă ¢Â £Ê ¤Ô ¥Ơ ¦Ư §Đ ¨ă ©â ªê «ô ¬ơ \u00adư \u2212ư ®đ "
    "µà ¶ả ·ã ¸á ¹ạ »ằ ¼ẳ ½ẵ ¾ắ Æặ Çầ Èẩ Éẫ Êấ Ëậ "
    "Ìè Îẻ Ïẽ Ðé Ñẹ Òề Óể Ôễ Õế Öệ ×ì Øỉ Üĩ Ýí Þị "
    "ßò áỏ âõ ãó äọ åồ æổ çỗ èố éộ êờ ëở ìỡ íớ îợ "
    "ïù ñủ òũ óú ôụ õừ öử ÷ữ øứ ùự úỳ ûỷ üỹ ýý þỵ"
)
_TCVN3: dict[str, str] = {pair[0]: pair[1] for pair in _TCVN3_PAIRS.split()}

# VNI Windows: a few letters are single glyphs, the rest is a base vowel followed by a glyph
# that adds the circumflex/breve and/or the tone.
_VNI_LETTERS: dict[str, str] = dict(zip("ñÑôÔöÖæÆóÓòÒîÎíÍìÌ", "đĐơƠưƯỉỈĩĨịỊỵỴíÍìÌ", strict=True))
_ACUTE, _GRAVE, _HOOK, _TILDE, _DOT = "\u0301", "\u0300", "\u0309", "\u0303", "\u0323"
_CIRCUMFLEX, _BREVE = "\u0302", "\u0306"
_TONELESS_VOWELS = "aăâeêioôơuưy"
# glyph -> (combining marks to add, base letters that accept them)
_VNI_MARKS: dict[str, tuple[str, str]] = {}
for _glyphs, _marks, _bases in (
    ("ùÙ", _ACUTE, _TONELESS_VOWELS),
    ("øØ", _GRAVE, _TONELESS_VOWELS),
    ("ûÛ", _HOOK, _TONELESS_VOWELS),
    ("õÕ", _TILDE, _TONELESS_VOWELS),
    ("ïÏ", _DOT, _TONELESS_VOWELS),
    ("âÂ", _CIRCUMFLEX, "aeo"),
    ("áÁ", _CIRCUMFLEX + _ACUTE, "aeo"),
    ("àÀ", _CIRCUMFLEX + _GRAVE, "aeo"),
    ("åÅ", _CIRCUMFLEX + _HOOK, "aeo"),
    ("ãÃ", _CIRCUMFLEX + _TILDE, "aeo"),
    ("äÄ", _CIRCUMFLEX + _DOT, "aeo"),
    ("êÊ", _BREVE, "a"),
    ("éÉ", _BREVE + _ACUTE, "a"),
    ("èÈ", _BREVE + _GRAVE, "a"),
    ("úÚ", _BREVE + _HOOK, "a"),
    ("üÜ", _BREVE + _TILDE, "a"),
    ("ëË", _BREVE + _DOT, "a"),
):
    for _glyph in _glyphs:
        _VNI_MARKS[_glyph] = (_marks, _bases)

# A well-formed Vietnamese syllable, tone removed: initial consonant, vowel cluster, final.
# Clusters ending in a glide (ai, ao, ưu...) or in a/ia/ua/ưa take no final consonant; ă, â,
# iê, uô, ươ... always need one. Checking this keeps VNI text from also looking like TCVN3.
# Spelling rules: k, gh, ngh only before e/ê/i(/y for k); c, g, ng never before e/ê (nor
# c, ng before i): "nghóa" and "Céng" are not Vietnamese, their decodings "nghĩa", "Cộng" are.
_INITIALS = (
    "ngh(?=[eêi])|gh(?=[eêi])|ng(?![eêi])|nh|ch|gi|kh|ph|th|tr|qu"
    "|k(?=[eêiy])|c(?![eêiy])|g(?![eê])|[bdđhlmnprstvx]"
)
_OPEN_CLUSTERS = (
    "ai ao au ay âu ây eo êu ia iu oi ôi ơi ui ưi ưu ua ưa uơ iêu yêu oai oao oay oeo uây uôi uya uyu ươi ươu"
)
_CLOSED_CLUSTERS = "ă â iê yê uô ươ oă uâ uyê oo"
_FREE_CLUSTERS = "a e ê i o ô ơ u ư y oa oe uê uy"
_FINALS = "ch|ng|nh|[cmnpt]"


def _alternatives(clusters: str) -> str:
    return "|".join(sorted(clusters.split(), key=len, reverse=True))


_SYLLABLE_RE = re.compile(
    rf"(?:{_INITIALS})?(?:(?:{_alternatives(_OPEN_CLUSTERS)})"
    rf"|(?:{_alternatives(_CLOSED_CLUSTERS)})(?:{_FINALS})"
    rf"|(?:{_alternatives(_FREE_CLUSTERS)})(?:{_FINALS})?)"
)
_TONE_MARKS = frozenset(_ACUTE + _GRAVE + _HOOK + _TILDE + _DOT)


def _is_syllable(word: str, *, check_case: bool) -> bool:
    """True if ``word`` is a well-formed Vietnamese syllable (at most one tone mark).

    With ``check_case`` a word like "ChÊp" (capital inside a word) is refused, as real
    Vietnamese words are lower case, upper case or capitalised.
    """
    if check_case and not (word.islower() or word.isupper() or (word[0].isupper() and word[1:].islower())):
        return False
    decomposed = unicodedata.normalize("NFD", word.lower())
    if sum(char in _TONE_MARKS for char in decomposed) > 1:
        return False
    toneless = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONE_MARKS))
    return _SYLLABLE_RE.fullmatch(toneless) is not None


def _decode_tcvn3(word: str) -> tuple[str, int]:
    """Decode one word as TCVN3; also return how many glyphs changed."""
    decoded = "".join(_TCVN3.get(char, char) for char in word)
    return decoded, sum(a != b for a, b in zip(word, decoded, strict=True))


def _decode_vni(word: str) -> tuple[str, int]:
    """Decode one word as VNI; also return how many glyphs changed."""
    out: list[str] = []
    changes = 0
    for char in word:
        letter = _VNI_LETTERS.get(char)
        if letter is not None:
            changes += letter != char
            out.append(letter)
            continue
        mark = _VNI_MARKS.get(char)
        # VNI pairs a lower-case mark with a lower-case base and a capital mark with a capital
        # base; "quyÕt" (TCVN3 for "quyết") is therefore not VNI.
        if mark is not None and out and out[-1].lower() in mark[1] and out[-1].isupper() == char.isupper():
            out[-1] = unicodedata.normalize("NFC", out[-1] + mark[0])
            changes += 1
            continue
        out.append(char)
    return "".join(out), changes


_DECODERS = {"TCVN3": _decode_tcvn3, "VNI": _decode_vni}
# Legacy glyphs that are not letters (¸ ¶ · ¹ ¨ © « ¬ ® § − ...) must stay inside words.
_NON_LETTER_GLYPHS = "".join(k for k in _TCVN3 if not k.isalpha())
_WORD_RE = re.compile(r"(?:[^\W\d_]|[" + re.escape(_NON_LETTER_GLYPHS) + "])+")
# The same words found in two steps, twice as fast on a long value (the alternation above is
# tried character by character): runs of word characters or glyphs, then cut at digits and `_`.
# A word is a run of letters and glyphs, so cutting the longer runs at what is neither gives the same
# words (`tests/test_perf_hot.py` compares both on many texts).
_RUN_RE = re.compile(r"[\w" + re.escape(_NON_LETTER_GLYPHS) + "]+")
_DIGITS_RE = re.compile(r"[\d_]+")


def _words(text: str) -> set[str]:
    """Return the distinct words of `text` as `_WORD_RE` finds them."""
    out: set[str] = set()
    for run in set(_RUN_RE.findall(text)):
        if run.isalpha():
            out.add(run)
        else:
            out.update(part for part in _DIGITS_RE.split(run) if part)
    return out


# Every character a decoder changes. A word without one of them decodes to itself and gives no signal,
# so text without any (plain ASCII, most Unicode Vietnamese words) needs no decoding at all.
_GLYPHS = frozenset(_TCVN3) | frozenset(_VNI_LETTERS) | frozenset(_VNI_MARKS)
_GLYPH_RE = re.compile("[" + re.escape("".join(sorted(_GLYPHS))) + "]")


@functools.lru_cache(maxsize=8192)
def _word_signal(word: str, kind: LegacyEncoding) -> tuple[str, int] | None:
    """Return the decoding of a word that only makes sense once decoded, and its legacy glyph count.

    Cached: the same words ("của", "và", a unit's name) come back in every value of every file.
    """
    if len(word) < 2 or any(ord(char) > 0xFF and char != "\u2212" for char in word):
        return None
    decoded, changes = _DECODERS[kind](word)
    if changes and not _is_syllable(word, check_case=True) and _is_syllable(decoded, check_case=False):
        return decoded, changes
    return None


def _signals(words: set[str], kind: LegacyEncoding) -> int:
    """Count legacy glyph substitutions in words that only make sense once decoded."""
    seen: dict[str, int] = {}
    for word in words:
        signal = _word_signal(word, kind)
        if signal is not None:
            key = signal[0].lower()
            seen[key] = max(seen.get(key, 0), signal[1])
    return sum(seen.values())


def detect_legacy_encoding(text: str) -> LegacyEncoding | None:
    """Return "TCVN3" or "VNI" if ``text`` looks typed in that legacy encoding, else None.

    If both encodings reach the threshold the one with more signals wins, VNI on a tie: TCVN3
    maps almost every Latin-1 letter, so VNI text often looks a little like TCVN3 ("chuû" ->
    "chuỷ"), while TCVN3's symbol glyphs (µ ¸ ¶ § ...) are never VNI.
    """
    if text.isascii():
        return None  # nothing a legacy font could have produced (the cheap answer for most values)
    text = unicodedata.normalize("NFC", text)
    if _GLYPH_RE.search(text) is None:
        return None
    # A word never holds a space, so the words with a glyph are those of the distinct space-separated
    # pieces with a glyph: a long text repeats its pieces, and most have none.
    pieces = "\n".join(piece for piece in set(text.split()) if not _GLYPHS.isdisjoint(piece))
    words = {word for word in _words(pieces) if not _GLYPHS.isdisjoint(word)}
    scores = {kind: _signals(words, kind) for kind in ("TCVN3", "VNI")}
    best: LegacyEncoding = "TCVN3" if scores["TCVN3"] > scores["VNI"] else "VNI"
    return best if scores[best] >= MIN_SIGNALS else None


def first_legacy_word(text: str, kind: LegacyEncoding) -> tuple[int, int] | None:
    """Return the (start, end) of the first word of NFC ``text`` that reads as ``kind``, so that the
    clerk is sent to the pasted passage, not to the start of a page-long block."""
    for match in _WORD_RE.finditer(text):
        if _word_signal(match.group(), kind) is not None:
            return match.span()
    return None


_UNIKEY_SOURCE = {"TCVN3": "TCVN3", "VNI": "VNI Windows"}


def legacy_sample_hint(kind: LegacyEncoding) -> str:
    """One Vietnamese sentence telling the clerk how to convert the text with Unikey."""
    if kind not in _UNIKEY_SOURCE:
        raise ValueError(f"unknown legacy encoding {kind!r}")
    return (
        "Hãy chuyển văn bản sang Unicode (ví dụ bằng Unikey: Công cụ chuyển mã, "
        f"nguồn {_UNIKEY_SOURCE[kind]} → đích Unicode) rồi dán lại."
    )
