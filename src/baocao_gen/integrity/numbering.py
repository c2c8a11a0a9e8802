"""Numbers and letters a clerk typed that the tool prints itself (issue 10, point 1).

A report pasted from last year's Word file keeps its "III.", "7.", "f)" and "Một là,": in a title
they would be printed after the tool's own number ("III. III. ĐÁNH GIÁ CHUNG"), and their mistakes
(a "7." after "4.", an "f)", which the Vietnamese alphabet has not) would pass silently. Here a typed
lead of a title, of an untitled item's first line or of a model's name is found, warned at its
character and cut from the model, so the output never prints two numbers; inside prose, lines that
begin with typed "1." or "a)" are checked as a sequence (skipped, repeated, f/j/w/z, levels mixed).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ..codes import Code
from ..diagnostics import Diagnostic, Severity
from ..loader import YList, YMap, YStr
from ..vietnamese import VIETNAMESE_POINT_LETTERS, enumeration_lead, to_roman
from .texts import Path, is_prose, node_at, typed_texts

__all__ = ["Lead", "MarkerSequence", "TypedLeads", "check_prose_lists", "find_lead"]

_PART_ORDINALS = ("nhất", "hai", "ba", "tư", "năm", "sáu", "bảy", "tám", "chín", "mười")
_COUNT_WORDS = ("một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín", "mười")
_LATIN_ONLY = frozenset("fjwz")

_LEAD = re.compile(
    r"(?P<phan>[Pp]hần\s+thứ\s+(?P<phan_n>\w+))\s*[.:,\-–]?\s+"
    r"|(?P<la_ma>[IVXLC]{1,6})\s*(?:\.\s+|[\-–]\s*(?=[^\W\d_]))"
    r"|(?P<so_phu>\d{1,2}(?:\.\d{1,2})+)\.?\s+"
    r"|(?P<so>\d{1,2})\s*\.\s+"
    r"|(?P<chu>[a-zđ])\s*\)\s*"
    r"|(?P<la>(?:" + "|".join(w.capitalize() for w in _COUNT_WORDS) + r")\s+là)\s*,\s*"
)
_EMPHASIS = re.compile(r"[ \t]*\**[ \t]*")
_TOOL_MARKERS = ("#. ", "#) ", "#là ")


@dataclass(frozen=True)
class Lead:
    """A typed number at the start of a text: its style (as in `danh_so`), its rank, where it is."""

    style: str
    ordinal: int | None  # 1-based rank in its style; None for a letter outside the Vietnamese alphabet
    start: int
    end: int  # offset just after the marker and the spaces that follow it
    shown: str
    parent: str = ""  # for 2.1.: "2"

    def expected(self, ordinal: int) -> str:
        """Return how the `ordinal`-th marker of this style is printed."""
        if self.style == "la_ma":
            return f"{to_roman(ordinal)}."
        if self.style == "so_phu":
            return f"{self.parent}.{ordinal}."
        if self.style == "chu":
            return (
                f"{VIETNAMESE_POINT_LETTERS[ordinal - 1]})"
                if ordinal <= len(VIETNAMESE_POINT_LETTERS)
                else "?)"
            )
        if self.style == "la":
            return f"{enumeration_lead(ordinal)},"
        if self.style == "phan":
            return f"Phần thứ {_PART_ORDINALS[ordinal - 1]}" if ordinal <= len(_PART_ORDINALS) else "Phần …"
        return f"{ordinal}."


def _roman_value(text: str) -> int | None:
    for value in range(1, 40):
        if to_roman(value) == text:
            return value
    return None


def find_lead(text: str, start: int = 0, styles: frozenset[str] | None = None) -> Lead | None:
    """Return the typed number that begins `text[start:]` (after spaces and `*`), or None."""
    emphasis = _EMPHASIS.match(text, start)
    position = emphasis.end() if emphasis else start
    match = _LEAD.match(text, position)
    if match is None:
        return None
    style = next(name for name in ("phan", "la_ma", "so_phu", "so", "chu", "la") if match.group(name))
    if styles is not None and style not in styles:
        return None
    marker = match.group(style)
    ordinal: int | None
    parent = ""
    if style == "phan":
        word = match.group("phan_n").lower()
        if word not in _PART_ORDINALS:
            return None
        ordinal = _PART_ORDINALS.index(word) + 1
    elif style == "la_ma":
        ordinal = _roman_value(marker)
        if ordinal is None:
            return None
    elif style == "so_phu":
        parent, _, last = marker.rpartition(".")
        ordinal = int(last)
    elif style == "so":
        ordinal = int(marker)
    elif style == "chu":
        ordinal = VIETNAMESE_POINT_LETTERS.index(marker) + 1 if marker in VIETNAMESE_POINT_LETTERS else None
    else:
        ordinal = _COUNT_WORDS.index(marker.split()[0].lower()) + 1
    shown = match.group(0).strip()
    return Lead(style, ordinal, match.start(), match.end(), shown, parent)


class MarkerSequence:
    """Typed markers met in reading order, nested by style in the order styles first appear.

    Returns what is wrong with each new marker: a letter outside the Vietnamese alphabet, a repeated
    or skipped rank. A rank of 1 always starts a list again; after a marker it cannot rank (f), the
    next one is taken as it comes, so one slip is reported once.
    """

    def __init__(self, strict_start: bool = False) -> None:
        self.levels: list[tuple[str, Lead | None]] = []
        self.strict_start = (
            strict_start  # titles: a new level starts at 1 (a prose list may go on from another block)
        )

    def feed(self, lead: Lead) -> str | None:
        """Return the problem of `lead` in this sequence (Vietnamese), or None."""
        level = next((i for i, (style, _) in enumerate(self.levels) if style == lead.style), None)
        if level is None:
            self.levels.append((lead.style, lead))
            previous = None
        else:
            previous = self.levels[level][1]
            del self.levels[level + 1 :]
            self.levels[level] = (lead.style, lead)
        if previous is None and self.strict_start and lead.ordinal not in (None, 1):
            return f"cấp này bắt đầu bằng «{lead.shown}», chưa có «{lead.expected(1)}»"
        if lead.ordinal is None:
            return (
                f"chữ «{lead.shown}» không có trong bảng chữ cái tiếng Việt dùng để đánh điểm "
                "(a, b, c, d, đ, e, g, h…: không có f, j, w, z)"
            )
        if (
            previous is None
            or previous.ordinal is None
            or lead.ordinal == 1
            or previous.parent != lead.parent
        ):
            return None
        if lead.ordinal == previous.ordinal:
            return f"«{lead.shown}» lặp lại số thứ tự của «{previous.shown}» ở trên"
        if lead.ordinal != previous.ordinal + 1:
            return f"sau «{previous.shown}» phải là «{lead.expected(previous.ordinal + 1)}», không phải «{lead.shown}»"
        return None


def check_prose_lists(tree: Any) -> list[Diagnostic]:
    """Warn about hand-typed list markers in every prose block that skip, repeat, use f/j/w/z or mix levels."""
    out: list[Diagnostic] = []
    for path, text in typed_texts(tree):
        if is_prose(path):
            out.extend(_check_block(text, skip_first=_is_untitled_item(tree, path)))
    return out


def _is_untitled_item(tree: Any, path: Path) -> bool:
    """Return whether `path` is the `van_ban` of a section with no title (its first line carries the number)."""
    if len(path) < 3 or path[0] != "noi_dung" or path[-1] != "van_ban":
        return False
    section = node_at(tree, path[:-1])
    return isinstance(section, YMap) and "tieu_de" not in section and "ma" not in section


_PROSE_STYLES = frozenset({"so", "so_phu", "chu"})


def _check_block(text: YStr, skip_first: bool) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    sequence = MarkerSequence()
    typed: list[Lead] = []
    uses_tool_markers = False
    offset = 0
    first = True
    for line in text.splitlines(keepends=True):
        start = offset
        offset += len(line)
        stripped = line.strip()
        if not stripped:
            continue
        if first and skip_first:
            first = False
            continue
        first = False
        if stripped.startswith(_TOOL_MARKERS):
            uses_tool_markers = True
            continue
        lead = find_lead(text, start + len(line) - len(line.lstrip()), _PROSE_STYLES)
        if lead is None:
            continue
        typed.append(lead)
        problem = sequence.feed(lead)
        if problem:
            out.append(_list_warning(text, lead, f"danh sách gõ số tay: {problem}."))
    if typed and uses_tool_markers:
        out.append(
            _list_warning(
                text,
                typed[0],
                f"đoạn văn vừa gõ tay «{typed[0].shown}» vừa dùng #. hoặc #): hai cách đánh số lẫn vào nhau.",
            )
        )
    return out


def _list_warning(text: YStr, lead: Lead, message: str) -> Diagnostic:
    return Diagnostic(
        Code.LIST_SEQUENCE,
        message,
        text.location_at(lead.start),
        lead.shown,
        "gõ #. (số) hoặc #) (chữ cái) ở đầu dòng thay cho số gõ tay, để công cụ tự đánh số (xem docs/danh-dau.md)",
        severity=Severity.WARNING,
    )


class TypedLeads:
    """The numbers typed at the start of titles, untitled items and models' names: warned, then cut."""

    def __init__(self, tree: Any) -> None:
        self.tree = tree
        self.cuts: dict[Path, tuple[int, int]] = {}  # path of a typed value → the span of its typed number
        self.diagnostics: list[Diagnostic] = []
        self._sequence = MarkerSequence(strict_start=True)

    def run(self) -> TypedLeads:
        """Find every typed lead of the report's outline and models' names."""
        sections = self.tree.get("noi_dung") if isinstance(self.tree, YMap) else None
        if isinstance(sections, YList):
            self._sections(sections, ("noi_dung",))
        models = self.tree.get("mo_hinh") if isinstance(self.tree, YMap) else None
        if isinstance(models, YList):
            sequence = MarkerSequence(strict_start=True)
            for index, model in enumerate(models):
                name = model.get("ten") if isinstance(model, YMap) else None
                if isinstance(name, YStr):
                    self._lead(name, ("mo_hinh", index, "ten"), "tên mô hình", sequence)
        return self

    def _sections(self, sections: YList, path: Path) -> None:
        for index, section in enumerate(sections):
            if not isinstance(section, YMap):
                continue
            here = (*path, index)
            title = section.get("tieu_de")
            if isinstance(title, YStr):
                self._lead(title, (*here, "tieu_de"), "tiêu đề mục", self._sequence)
            elif "ma" not in section and isinstance(section.get("van_ban"), YStr):
                self._lead(section["van_ban"], (*here, "van_ban"), "dòng đầu của khoản, điểm", self._sequence)
            children = section.get("muc")
            if isinstance(children, YList):
                self._sections(children, (*here, "muc"))

    def _lead(self, text: YStr, path: Path, what: str, sequence: MarkerSequence) -> None:
        lead = find_lead(text)
        if lead is None or text[lead.end :].strip() == "":
            return
        problem = sequence.feed(lead)
        message = f"{what} gõ sẵn «{lead.shown}»; công cụ tự đánh số nên bỏ số gõ tay khi in."
        if problem:
            message = message[:-1] + f" (số gõ tay cũng sai: {problem})."
        self.cuts[path] = (lead.start, lead.end)
        self.diagnostics.append(
            Diagnostic(
                Code.TYPED_NUMBER,
                message,
                text.location_at(lead.start),
                lead.shown,
                f"xóa «{lead.shown}» ở đầu: số, chữ cái do công cụ đánh theo vị trí (xem docs/danh-dau.md)",
                severity=Severity.WARNING,
            )
        )
