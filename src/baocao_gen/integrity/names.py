"""Names from the profile (issue 10, point 6): the unit, its superior and its place, spelt as the profile spells them.

Seeds write "UBND huyện Ba Tô" where the profile says "UBND HUYỆN BA TƠ": one diacritic off, and
both are real names (xã Ba Tô is in huyện Ba Tơ). So a name in prose is compared only with the
profile line that has the same level word (huyện with huyện, xã with xã), case-insensitively, and a
near miss is the same number of words with exactly one word one letter or one diacritic away.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from dataclasses import dataclass

from ..codes import Code
from ..diagnostics import Diagnostic, Severity
from ..model import BaoCao
from .texts import TypedText

__all__ = ["ProfileName", "name_near_misses", "profile_names"]

LEVELS = ("thành phố", "thị xã", "thị trấn", "tỉnh", "huyện", "quận", "xã", "phường")
"""Level words of Vietnamese administrative units, longest first (a regex alternation tries them in order)."""

_LEVEL = "|".join(LEVELS)
_PROFILE_NAME = re.compile(rf"(?<!\w)({_LEVEL})(?:\s+(?:ủy|uỷ))?\s+(\w+(?:\s+\w+)*)\s*$", re.IGNORECASE)
# The words after the level word are looked at, not consumed: "xã Ba Vì và xã Ba Xa" holds two names.
_PROSE_NAME = re.compile(rf"(?<!\w)(?i:({_LEVEL}))(?:\s+(?i:ủy|uỷ))?\s+(?=(\w+(?:[ \t]+\w+){{0,5}}))")


@dataclass(frozen=True)
class ProfileName:
    """A place name of the profile with its level word: `huyện` + `Ba Tơ`."""

    level: str
    words: tuple[str, ...]
    shown: str


def profile_names(report: BaoCao) -> list[ProfileName]:
    """Return the named places of the profile's header lines and short name (ten_goi), each once."""
    lines = [*report.co_quan_chu_quan, *report.co_quan_ban_hanh, report.ten_goi or ""]
    found: dict[tuple[str, tuple[str, ...]], ProfileName] = {}
    for line in lines:
        match = _PROFILE_NAME.search(line.strip())
        if match is None:
            continue
        level = match.group(1).lower()
        words = tuple(match.group(2).split())
        if words[0].casefold() in ("ủy", "uỷ"):  # "BAN THƯỜNG VỤ HUYỆN ỦY": a body, no place name
            continue
        shown = " ".join(word[:1].upper() + word[1:].lower() for word in words)
        found.setdefault((level, tuple(w.casefold() for w in words)), ProfileName(level, words, shown))
    return list(found.values())


def _base(word: str) -> str:
    """Return a word without its diacritics (đ kept apart from d: it is another letter)."""
    decomposed = unicodedata.normalize("NFD", word.casefold())
    return unicodedata.normalize(
        "NFC", "".join(char for char in decomposed if not unicodedata.combining(char))
    )


def _one_off(typed: str, profile: str) -> bool:
    """Return whether two different words are one diacritic or one letter apart."""
    a, b = typed.casefold(), profile.casefold()
    if a == b:
        return False
    if _base(a) == _base(b):
        return True
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long = sorted((a, b), key=len)
    return len(long) - len(short) == 1 and any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


def _near_miss(typed: tuple[str, ...], profile: tuple[str, ...]) -> bool:
    if len(typed) < len(profile):
        return False
    typed = typed[: len(profile)]
    differing = [(t, p) for t, p in zip(typed, profile, strict=True) if t.casefold() != p.casefold()]
    return len(differing) == 1 and _one_off(*differing[0])


def name_near_misses(texts: list[TypedText], report: BaoCao) -> list[Diagnostic]:
    """Return a warning for each place name in prose that is one letter or diacritic off the profile's."""
    names = profile_names(report)
    if not names:
        return []
    out: list[Diagnostic] = []
    for typed_text in texts:
        for match in _PROSE_NAME.finditer(typed_text.text):
            level = match.group(1).lower()
            words = tuple(itertools.takewhile(lambda word: word[:1].isupper(), match.group(2).split()))
            for name in names:
                if name.level != level or not _near_miss(words, name.words):
                    continue
                typed = " ".join(words[: len(name.words)])
                out.append(
                    Diagnostic(
                        Code.NAME_NEAR_MISS,
                        f"«{match.group(1)} {typed}» viết khác hồ sơ đơn vị, nơi ghi «{name.level} {name.shown}».",
                        typed_text.text.location_at(match.start(2)),
                        f"{match.group(1)} {typed}",
                        f"{match.group(1)} {name.shown}",
                        severity=Severity.WARNING,
                    )
                )
    return out
