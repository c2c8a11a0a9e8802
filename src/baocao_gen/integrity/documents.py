"""The documents a report cites agree with each other and with the registry (issue 10, point 2).

Clerks retype "Kế hoạch số 47/KH-UBND ngày 10/3/2023" in the căn cứ, in prose, in footnotes and in an
appendix list, and the copies drift: a second date, a second symbol (43-CTr/TU, 43-CT/TU), a date
spelt two ways, a row pasted twice, a registry symbol one slip away (25-NOTW), a space inside a
symbol. Every "<loại văn bản> số <số ký hiệu> ngày <ngày>" typed anywhere is collected with its
place, then compared; each warning names both places, so the clerk can decide which one is right.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from ..citations import Citation
from ..codes import Code
from ..diagnostics import Diagnostic, Location, Severity
from ..loader import YList, YMap, YStr
from ..vietnamese import VietnameseValueError, format_date_short, parse_date
from .texts import Path, typed_texts

__all__ = ["Mention", "check_documents", "find_mentions"]

_KINDS = (
    "Chương trình hành động", "Chương trình", "Nghị quyết", "Nghị định", "Kết luận", "Chỉ thị", "Kế hoạch",
    "Công văn", "Quyết định", "Quy định", "Quy chế", "Hướng dẫn", "Thông báo", "Thông tư", "Pháp lệnh", "Luật",
    "Đề án", "Báo cáo", "Tờ trình", "Công điện", "Văn bản",
)  # fmt: skip
_DATE = r"(?P<d>\d{1,2})\s*(?P<sep>[/.\-])\s*(?P<m>\d{1,2})\s*(?P=sep)\s*(?P<y>\d{4})(?!\d)"
_LONG_DATE = r"(?P<ld>\d{1,2})\s+tháng\s+(?P<lm>\d{1,2})\s+năm\s+(?P<ly>\d{4})"
_MENTION = re.compile(
    r"(?<!\w)(?P<loai>(?i:" + "|".join(_KINDS) + r"))(?:\s+(?i:phối hợp|liên tịch))?\s+(?:(?i:số)\s+)?"
    r"(?P<so>\d+[^\W_]*(?:[ \t]?[-/][ \t]?[^\W_]+|\.[^\W\d_]+)*)"
    r"(?:\s*,?\s*(?:ngày\s+)+(?:" + _DATE + "|" + _LONG_DATE + "))?"
)
_ANY_DATE = re.compile(r"(?<![\d/.])(\d{1,2})([ \t]*)/([ \t]*)(\d{1,2})([ \t]*)/([ \t]*)(\d{4})(?!\d)")
_DOUBLED = re.compile(r"(?<!\w)([^\W\d_]+)[ \t]+(\1)(?!\w)", re.IGNORECASE)
_TRUE_DOUBLES = frozenset(
    {"vi", "công", "chung", "nhà", "người", "đời", "từng", "lớp", "đâu", "ai", "xa", "lâu", "mãi", "thường"}
)
"""Syllables that do stand twice in correct Vietnamese: a compound's end and the next one's start
("hành vi vi phạm", "phân công công chức") or a reduplication ("chung chung", "nhà nhà", "đời đời")."""
_SPACE_BEFORE_MARK = re.compile(r"(?<=[^\W\d_])[ \t]+([,;:.])(?=[ \t]|$)", re.MULTILINE)
# What each pattern cannot match without, tested first: a cheap scan that most typed values fail, where
# the patterns above try their look-behind at every character (≈2–3 ms each for Phổ Hòa's 400 values).
_MAY_SPACE_BEFORE_MARK = re.compile(r"[ \t][,;:.]")
_DIGIT = re.compile(r"\d")
_CENTRAL_ISSUERS = frozenset({"TW", "TƯ", "BCT", "BCHTW", "BBT", "T.W"})


@dataclass(frozen=True)
class Mention:
    """One typed citation of a document: its kind, symbol and date, and where each was typed."""

    loai: str
    symbol: str
    day: date | None
    date_text: str | None
    where: Location | None
    date_where: Location | None
    row: tuple[Path, int] | None = None  # the table and row it was typed in, for lists of documents
    registered: bool = False  # the unit's own registry (van_ban_don_vi): the reference copy

    @functools.cached_property  # each mention is compared with every registry entry
    def key(self) -> str:
        """The symbol as compared: upper case, no spaces."""
        return re.sub(r"\s+", "", self.symbol).upper()

    @functools.cached_property
    def number(self) -> str:
        return re.match(r"\d*", self.symbol).group(0)  # type: ignore[union-attr]

    def place(self, seen_from: Mention | None = None) -> str:
        """Return where this mention was typed, naming its file only when it is not the file of `seen_from`."""
        where = self.date_where or self.where
        if where is None:
            return "chỗ khác"
        here = seen_from.date_where or seen_from.where if seen_from else None
        other_file = where.file and (here is None or here.file != where.file)
        return f"dòng {where.line}, cột {where.column}" + (f" của tệp {where.file}" if other_file else "")


def find_mentions(text: YStr, row: tuple[Path, int] | None = None) -> list[Mention]:
    """Return the documents cited in one typed text, located character by character."""
    out: list[Mention] = []
    if not _DIGIT.search(text):
        return out  # a symbol starts with a digit
    for match in _MENTION.finditer(text):
        symbol = match.group("so")
        if not re.search(r"[^\W\d_]", symbol):
            continue  # "Nghị quyết 25": a bare number, nothing to compare
        day: date | None = None
        date_text = None
        date_where = None
        parts = match.group("d", "m", "y") if match.group("d") else match.group("ld", "lm", "ly")
        if parts[0]:
            try:
                day = date(int(parts[2]), int(parts[1]), int(parts[0]))
            except ValueError:
                day = None
            start = match.start("d") if match.group("d") else match.start("ld")
            date_text = text[start : match.end()]
            date_where = text.location_at(start)
        out.append(
            Mention(
                match.group("loai"),
                symbol,
                day,
                date_text,
                text.location_at(match.start("so")),
                date_where,
                row,
            )
        )
    return out


def _levenshtein(a: str, b: str) -> int:
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i]
        for j, char_b in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char_a != char_b)))
        previous = current
    return previous[-1]


def _issuer(key: str) -> str:
    """Return the issuer part of a symbol: TW in 25-NQ/TW, CP in 04/2015/NĐ-CP."""
    return re.split(r"[-/]", key)[-1]


def _separators(key: str) -> str:
    return re.sub(r"[^-/]", "", key)


@functools.lru_cache(maxsize=4096)  # the registry, and a unit's own documents
def _registry_key(symbol: str) -> tuple[str, str]:
    """Return a registered symbol as mentions are keyed (no spaces, upper case) and its leading number.

    Every mention is compared with every entry of the registry; the entries are the same each time.
    """
    registered = re.sub(r"\s+", "", symbol).upper()
    return registered, registered[: len(registered) - len(registered.lstrip("0123456789"))]


def _near_miss(mention: Mention, entry: Citation) -> bool:
    """Return whether `mention` looks like a slip for the registered `entry` (not another document)."""
    registered, number = _registry_key(entry.so)
    if mention.key == registered or mention.number != number:
        return False
    if mention.loai.lower() != entry.loai.lower():
        return False
    mine, theirs = _issuer(mention.key), _issuer(registered)
    well_formed = _separators(mention.key) == _separators(registered)
    if well_formed and mine != theirs and not (mine in _CENTRAL_ISSUERS and theirs in _CENTRAL_ISSUERS):
        return False  # 05-CT/TU is the province's own directive, not a slip for 05-CT/TW
    return _levenshtein(mention.key, registered) <= 3


def _warning(code: Code, message: str, where: Location | None, value: str, hint: str) -> Diagnostic:
    return Diagnostic(code, message, where, value, hint, severity=Severity.WARNING)


class _Checker:
    def __init__(self, registry: Mapping[str, Citation], own: Mapping[str, Citation]) -> None:
        self.registry = registry
        self.own = own
        self.out: list[Diagnostic] = []

    def run(self, mentions: list[Mention]) -> list[Diagnostic]:
        near = self._near_misses(mentions)
        shipped = {re.sub(r"\s+", "", e.so).upper() for e in self.registry.values()}
        # A registry symbol with a wrong date is said by compute (with the right date), a near miss by `near`.
        self._dates_and_symbols([m for m in mentions if m.key not in shipped and id(m) not in near])
        self._rows(mentions)
        return self.out

    def _dates_and_symbols(self, mentions: list[Mention]) -> None:
        by_symbol: dict[str, Mention] = {}
        by_number_date: dict[tuple[str, str, date], Mention] = {}
        reported: set[tuple[str, str]] = set()
        for mention in mentions:
            if mention.day is None:
                continue
            first = by_symbol.setdefault(mention.key, mention)
            if (
                first.day != mention.day
                and first.day is not None
                and (mention.key, str(mention.day)) not in reported
            ):
                reported.add((mention.key, str(mention.day)))
                self.out.append(
                    _warning(
                        Code.CITATION_CONFLICT,
                        f"{mention.loai} số {mention.symbol} ghi ngày {format_date_short(mention.day)} ở đây nhưng ngày "
                        f"{format_date_short(first.day)} ở {first.place(mention)}: một văn bản có hai ngày.",
                        mention.date_where or mention.where,
                        mention.date_text or mention.symbol,
                        "đối chiếu văn bản gốc rồi sửa chỗ sai; văn bản của đơn vị thì khai một lần trong `van_ban_don_vi` "
                        "và dẫn bằng [[khóa]]",
                    )
                )
            group = (mention.loai.lower(), mention.number, mention.day)
            other = by_number_date.setdefault(group, mention)
            if other.key != mention.key and (mention.key, other.key) not in reported:
                reported.add((mention.key, other.key))
                self.out.append(
                    _warning(
                        Code.CITATION_CONFLICT,
                        f"{mention.loai} số {mention.symbol} ngày {format_date_short(mention.day)} ở đây, nhưng ở "
                        f"{other.place(mention)} cùng số, cùng ngày lại ghi ký hiệu «{other.symbol}»: một văn bản có hai ký hiệu.",
                        mention.where,
                        mention.symbol,
                        "đối chiếu văn bản gốc để chọn một ký hiệu; văn bản của đơn vị thì khai một lần trong `van_ban_don_vi`",
                    )
                )

    def _rows(self, mentions: list[Mention]) -> None:
        seen: dict[tuple[Path, str], Mention] = {}
        for mention in mentions:
            if mention.row is None:
                continue
            table, row = mention.row
            first = seen.setdefault((table, mention.key), mention)
            if first.row is not None and first.row[1] != row:
                self.out.append(
                    _warning(
                        Code.REPEATED_DOCUMENT_ROW,
                        f"{mention.loai} số {mention.symbol} đã có ở dòng {first.row[1] + 1} của bảng ({first.place(mention)}); "
                        f"dòng {row + 1} kê lại lần nữa.",
                        mention.where,
                        mention.symbol,
                        "xóa dòng kê trùng (hoặc gộp nội dung hai dòng vào một)",
                    )
                )

    def _near_misses(self, mentions: list[Mention]) -> set[int]:
        """Warn about symbols one slip from a registered one; return the ids of those mentions."""
        entries = [*self.registry.values(), *self.own.values()]
        found: set[int] = set()
        for mention in mentions:
            entry = next((e for e in entries if _near_miss(mention, e)), None)
            if entry is None:
                continue
            found.add(id(mention))
            message = f"ký hiệu «{mention.symbol}» gần giống {entry.loai} số {entry.so} trong danh mục"
            if mention.day is not None and entry.ngay is not None and mention.day != entry.ngay:
                message += f"; văn bản này ban hành ngày {format_date_short(entry.ngay)}, không phải {format_date_short(mention.day)}"
            self.out.append(
                _warning(
                    Code.CITATION_NEAR_MISS,
                    message + ".",
                    mention.where,
                    mention.symbol,
                    f"viết [[{entry.key}|so]] (hoặc [[{entry.key}|ngan]] kèm ngày) để công cụ ghi đúng số, ký hiệu và ngày",
                )
            )
        return found


def _slips(texts: Iterable[tuple[Path, YStr]], mentions: list[Mention]) -> list[Diagnostic]:
    out = []
    for mention in mentions:
        if re.search(r"\s", mention.symbol):
            out.append(
                _warning(
                    Code.TYPING_SLIP,
                    f"ký hiệu văn bản «{mention.symbol}» có dấu cách thừa.",
                    mention.where,
                    mention.symbol,
                    f"viết liền: {mention.key if mention.symbol.isupper() else ''.join(mention.symbol.split())}",
                )
            )
    spellings: dict[date, tuple[str, YStr, int]] = {}
    reported: set[tuple[date, str]] = set()
    for _path, text in texts:
        for match in _ANY_DATE.finditer(text) if "/" in text else ():
            day_text, month_text, year_text = match.group(1), match.group(4), match.group(7)
            if any(match.group(i) for i in (2, 3, 5, 6)):
                out.append(
                    _warning(
                        Code.TYPING_SLIP,
                        f"ngày «{match.group(0)}» có dấu cách thừa.",
                        text.location_at(match.start()),
                        match.group(0),
                        f"viết liền: {day_text}/{month_text}/{year_text}",
                    )
                )
            try:
                value = date(int(year_text), int(month_text), int(day_text))
            except ValueError:
                continue
            spelt = f"{day_text}/{month_text}/{year_text}"
            first = spellings.setdefault(value, (spelt, text, match.start()))
            if first[0] != spelt and (value, spelt) not in reported:
                reported.add((value, spelt))
                where = first[1].location_at(first[2])
                out.append(
                    _warning(
                        Code.DATE_SPELLING,
                        f"ngày «{spelt}» ở đây được viết là «{first[0]}» ở dòng {where.line}, cột {where.column}: "
                        "một ngày hai cách viết trong cùng văn bản.",
                        text.location_at(match.start()),
                        spelt,
                        f"viết thống nhất một cách, theo NĐ 30/2020: {format_date_short(value)}",
                    )
                )
        for match in _SPACE_BEFORE_MARK.finditer(text) if _MAY_SPACE_BEFORE_MARK.search(text) else ():
            out.append(
                _warning(
                    Code.TYPING_SLIP,
                    f"dấu «{match.group(1)}» đứng sau một dấu cách.",
                    text.location_at(match.start(1)),
                    text[max(0, match.start() - 12) : match.end()].strip(),
                    f"xóa dấu cách trước «{match.group(1)}»",
                )
            )
        for match in _DOUBLED.finditer(text):
            if match.group(1).lower() in _TRUE_DOUBLES:
                continue
            out.append(
                _warning(
                    Code.TYPING_SLIP,
                    f"chữ «{match.group(1)}» gõ hai lần liền nhau.",
                    text.location_at(match.start(2)),
                    match.group(0),
                    f"xóa một chữ «{match.group(1)}»",
                )
            )
    return out


def _table_row(path: Path) -> tuple[Path, int] | None:
    """Return (table path, row index) when `path` is a cell of a table's `dong`."""
    if len(path) >= 3 and path[-3] == "dong" and isinstance(path[-2], int):
        return path[:-2], path[-2]
    return None


def _structured(tree: Any) -> list[Mention]:
    """Return the documents typed field by field: the căn cứ (`mo_dau.can_cu`)."""
    out: list[Mention] = []
    opening = tree.get("mo_dau") if isinstance(tree, YMap) else None
    entries = opening.get("can_cu") if isinstance(opening, YMap) else None
    for entry in entries if isinstance(entries, YList) else []:
        if isinstance(entry, YMap):
            mention = _field_mention(entry)
            if mention is not None:
                out.append(mention)
    return out


def _field_mention(entry: YMap, registered: bool = False) -> Mention | None:
    symbol, typed_date = entry.get("so"), entry.get("ngay")
    if not isinstance(symbol, YStr) or symbol.is_null or not re.match(r"\d", symbol):
        return None
    day = None
    if isinstance(typed_date, YStr) and not typed_date.is_null:
        try:
            day = parse_date(str(typed_date))
        except VietnameseValueError:
            day = None
    loai = entry.get("loai")
    return Mention(
        str(loai) if isinstance(loai, YStr) and not loai.is_null else "Công văn",
        str(symbol),
        day,
        str(typed_date) if day else None,
        symbol.loc,
        typed_date.loc if isinstance(typed_date, YStr) and day else None,
        registered=registered,
    )


def _registered(tree: Any) -> list[Mention]:
    """Return the unit's own documents as typed in `van_ban_don_vi`: the copy every other is compared with."""
    entries = tree.get("van_ban_don_vi") if isinstance(tree, YMap) else None
    out = []
    for entry in entries.values() if isinstance(entries, YMap) else []:
        if isinstance(entry, YMap):
            mention = _field_mention(entry, registered=True)
            if mention is not None:
                out.append(mention)
    return out


def check_documents(
    tree: Any, registry: Mapping[str, Citation], own: Mapping[str, Citation]
) -> list[Diagnostic]:
    """Return the warnings about the documents typed anywhere in the report (`tree` is the loaded data)."""
    texts = [
        (path, text)
        for path, text in typed_texts(tree)
        if path
        and path[0] != "van_ban_don_vi"
        and not _is_field(path)
        and path[-1] != "ngay"  # dates the tool prints itself
    ]
    mentions = _registered(tree) + _structured(tree)
    rows_seen: set[tuple[Path, int]] = set()
    for path, text in texts:
        row = _table_row(path)
        found = find_mentions(text, row if row not in rows_seen else None)
        if row is not None and found:
            # A row lists one document (its first); others in it are what that document is about.
            rows_seen.add(row)
            found = [found[0], *(replace(m, row=None) for m in found[1:])]
        mentions.extend(found)
    return _Checker(registry, own).run(mentions) + _slips(texts, mentions)


def _is_field(path: Path) -> bool:
    """Return whether `path` is a field of a căn cứ typed field by field (read by `_structured`)."""
    return "can_cu" in path and path[-1] in ("loai", "so", "ngay", "cua", "trich_dan")
