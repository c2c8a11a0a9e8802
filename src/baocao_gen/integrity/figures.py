"""Figures restated in prose (issue 10, point 4 and the typed rates of point 5).

A clerk who pastes last year's "Tổng số hồ sơ tiếp nhận: 552 hồ sơ; trực tuyến: 113 hồ sơ; …"
instead of writing `{cau.ho_so}` gets the words right and the arithmetic unchecked. Each standard
sentence of the kind is turned into a list of (label, figure) items — the words just before a
`{figure}` ("trực tuyến") or, when a figure opens its clause, the words just after it ("tập thể") —
and a line of prose that shows two or more of them in the template's order is read as that sentence.
Each number typed there is then compared with the figure when the data has it, else with the numbers
typed beside it that make it up (the kind's totals and sum rules), and a rate with its two counts.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from ..codes import Code
from ..diagnostics import Diagnostic, Severity
from ..kind_model import FIGURE_REFERENCE
from ..kinds import Kind, Percent
from ..vietnamese import format_number
from .folding import Folded, fold, fold_words
from .numbers import NUMBER, percent_agrees, read_number, shown_percent
from .texts import TypedText

__all__ = ["restated_figures", "sentence_items", "typed_rates"]

_LABEL_WORDS_BEFORE = 4
_LABEL_WORDS_AFTER = 3
_CLAUSE_BREAK = re.compile(r"[;,.]")
_DIGIT = re.compile(r"\d")
_MIN_ITEMS = 2  # one label alone ("trực tuyến: 5") is too common to say which sentence was pasted


@dataclass(frozen=True)
class Item:
    """One figure of a standard sentence and the words that name it there."""

    figure: str
    pattern: re.Pattern[str]
    words: tuple[str, ...] = ()  # the folded words the pattern looks for


@dataclass(frozen=True)
class Typed:
    """A number typed in prose for `figure`: its value, its text, and where it starts in the typed value."""

    figure: str
    value: int | Decimal
    text: str
    percent: bool
    offset: int


def sentence_items(template: str) -> list[Item]:
    """Return the items of a standard sentence, in its order (see the module's docstring)."""
    template = template.replace("[", "").replace("]", "")
    pieces = FIGURE_REFERENCE.split(template)  # literal, reference, literal, reference, …, literal
    items: list[Item] = []
    for index in range(1, len(pieces), 2):
        figure = pieces[index].partition("|")[0]
        before = fold_words(_CLAUSE_BREAK.split(pieces[index - 1])[-1])[-_LABEL_WORDS_BEFORE:]
        after = fold_words(_CLAUSE_BREAK.split(pieces[index + 1])[0])[:_LABEL_WORDS_AFTER]
        if before:
            words = r"\s+".join(re.escape(word) for word in before)
            pattern = re.compile(rf"(?<!\w){words}\s*(?:là\s+)?{NUMBER}")
        elif after:
            words = r"\s+".join(re.escape(word) for word in after)
            pattern = re.compile(rf"{NUMBER}\s*{words}(?!\w)")
        else:
            continue
        items.append(Item(figure, pattern, tuple(before or after)))
    return items


def _typed_items(line: str, folded: Folded, items: list[Item]) -> list[Typed]:
    """Return the items of a sentence found in `line` (`folded`: the line folded), each after the previous
    one (the template's order)."""
    found: list[Typed] = []
    position = 0
    for item in items:
        match = item.pattern.search(folded.text, position)
        if match is None:
            continue
        number = match.group(1)
        start = folded.offset(match.start(1))
        found.append(
            Typed(
                item.figure,
                read_number(number),
                line[start : folded.offset(match.end(1) - 1) + 1],
                bool(match.group(2)),
                start,
            )
        )
        position = match.end()
    return found


def _lines(text: str) -> Iterator[tuple[int, str]]:
    """Yield (offset, line) of each line of a typed value: a restated sentence never spans two paragraphs."""
    offset = 0
    for line in text.split("\n"):
        yield offset, line
        offset += len(line) + 1


def _get(figures: dict[str, Any], path: str) -> Any:
    node: Any = figures
    for part in path.split("."):
        if not isinstance(node, dict) or part not in node:
            return None
        node = node[part]
    return node


def _is_number(value: Any) -> bool:
    return isinstance(value, int | Decimal) and not isinstance(value, bool)


class _Checker:
    """Compare the numbers of one restated sentence with the figures and with each other."""

    def __init__(self, kind: Kind, figures: dict[str, Any], name: str) -> None:
        self.kind = kind
        self.figures = figures
        self.name = name

    def problem(self, typed: Typed, beside: list[Typed]) -> str | None:
        """Return the arithmetic that shows `typed` is wrong, or None."""
        ratio = self.kind.ty_le.get(typed.figure)
        if ratio is not None:
            return self._rate(typed, beside, ratio.tu, ratio.mau)
        known = _get(self.figures, typed.figure)
        if _is_number(known) and not isinstance(known, Percent):
            if known == typed.value:
                return None
            values = self._parts_from_figures(typed.figure)
            shown = f"{' + '.join(format_number(v) for v in values)} = " if values and len(values) > 1 else ""
            return f"{typed.text} ≠ {shown}{format_number(known)} (số liệu «{typed.figure}»)"
        for parts in self._wholes(typed.figure):
            cover = _cover(parts, beside, self.kind.tinh, typed)
            if cover is not None and sum(t.value for t in cover) != typed.value:
                addends = " + ".join(format_number(t.value) for t in cover)
                return f"{typed.text} ≠ {addends} = {format_number(sum(t.value for t in cover))}"
        return None

    def _rate(self, typed: Typed, beside: list[Typed], part_name: str, whole_name: str) -> str | None:
        by_figure = {t.figure: t.value for t in beside}
        part = by_figure.get(part_name, _get(self.figures, part_name))
        whole = by_figure.get(whole_name, _get(self.figures, whole_name))
        if not (_is_number(part) and _is_number(whole)) or not whole:
            return None
        ratio = Decimal(part) / Decimal(whole)
        digits = typed.text.rstrip("%").strip()
        if percent_agrees(digits, ratio):
            return None
        return f"{digits}% ≠ {format_number(part)} / {format_number(whole)} = {shown_percent(ratio)}"

    def _parts_from_figures(self, figure: str) -> list[Any] | None:
        parts = self.kind.tinh.get(figure)
        if parts is None:
            return None
        values = [_get(self.figures, part) for part in parts]
        return values if all(_is_number(v) for v in values) else None

    def _wholes(self, figure: str) -> Iterator[tuple[str, ...]]:
        """Yield each list of figures that `figure` is the sum of: its total's parts, then its sum rules."""
        if figure in self.kind.tinh:
            yield self.kind.tinh[figure]
        for rule in self.kind.kiem_tra:
            if rule.is_sum and rule.tong == figure:
                yield rule.bang


def _cover(
    parts: tuple[str, ...], beside: list[Typed], totals: dict[str, tuple[str, ...]], whole: Typed
) -> list[Typed] | None:
    """Return typed numbers that make up exactly `parts` (a typed sub-total standing for its own parts),
    taken in the order they were typed; None when the sentence does not show them all."""
    remaining = list(parts)
    used: list[Typed] = []
    for typed in beside:
        if typed is whole or typed.percent:
            continue
        if typed.figure in remaining:
            remaining.remove(typed.figure)
            used.append(typed)
        elif typed.figure in totals and all(part in remaining for part in _leaves(typed.figure, totals)):
            for part in _leaves(typed.figure, totals):
                remaining.remove(part)
            used.append(typed)
        if not remaining:
            return used
    return None


def _leaves(figure: str, totals: dict[str, tuple[str, ...]]) -> list[str]:
    parts = totals.get(figure)
    if parts is None:
        return [figure]
    return [leaf for part in parts for leaf in _leaves(part, totals)]


def _candidates(line: str, sentences: list[tuple[str, list[Item]]]) -> list[tuple[str, list[Item]]]:
    """Return the sentences of which `line` may show `_MIN_ITEMS` items: each item's words must be in it.

    A folded word is the same letters in lower case, so it is found in the line's lower case too; most
    lines of a report (table rows, dates, other sentences) are dropped here before being folded. A line
    whose lower case is not letter for letter (`fold` then works letter by letter) keeps every sentence.
    """
    lowered = line.lower()
    if len(lowered) != len(line) or "Σ" in line:
        return sentences
    return [
        (name, items)
        for name, items in sentences
        if sum(all(word in lowered for word in item.words) for item in items) >= _MIN_ITEMS
    ]


def restated_figures(texts: list[TypedText], kind: Kind | None, figures: dict[str, Any]) -> list[Diagnostic]:
    """Return a warning for each number of a retyped standard sentence that does not add up."""
    if kind is None or not kind.cau:
        return []
    sentences = [(name, sentence_items(template)) for name, template in kind.cau.items()]
    out: list[Diagnostic] = []
    for typed_text in texts:
        for start, line in _lines(typed_text.text):
            if not _DIGIT.search(line):
                continue  # every item ends or starts with a number: a line without a digit shows none
            candidates = _candidates(line, sentences)
            if not candidates:
                continue
            folded = fold(line)  # once per line: every standard sentence is looked for in the same text
            for name, items in candidates:
                found = _typed_items(line, folded, items)
                if len(found) < _MIN_ITEMS:
                    continue
                checker = _Checker(kind, figures, name)
                for typed in found:
                    arithmetic = checker.problem(typed, found)
                    if arithmetic is None:
                        continue
                    out.append(
                        Diagnostic(
                            Code.RESTATED_FIGURE,
                            f"câu số liệu gõ tay (câu chuẩn «cau.{name}») có số không khớp: {arithmetic}.",
                            typed_text.text.location_at(start + typed.offset),
                            typed.text,
                            f"viết {{cau.{name}}} thay cho cả câu: công cụ điền số liệu và tự cộng các tổng",
                            severity=Severity.WARNING,
                        )
                    )
    return out


def typed_rates(texts: list[TypedText], kind: Kind | None, figures: dict[str, Any]) -> list[Diagnostic]:
    """Return a warning for each rate typed right after the figure it is a rate of ("{hoc_tap.tham_gia}
    đồng chí, đạt tỷ lệ 90,3%") that the two counts do not give."""
    if kind is None or not kind.ty_le:
        return []
    out: list[Diagnostic] = []
    for name, ratio in kind.ty_le.items():
        computed = _get(figures, name)
        if not isinstance(computed, Percent):
            continue
        reference = re.compile(r"\{" + re.escape(ratio.tu) + r"(?:\|\w+)?\}")
        for typed_text in texts:
            text = str(typed_text.text)
            for match in reference.finditer(text):
                clause_end = re.search(r"[;\n]|\.(?:\s|$)", text[match.end() :])
                clause = text[match.end() : match.end() + (clause_end.start() if clause_end else len(text))]
                rate = re.search(NUMBER, clause)
                while rate is not None and not rate.group(2):
                    rate = re.compile(NUMBER).search(clause, rate.end())
                if rate is None or percent_agrees(rate.group(1), Decimal(computed)):
                    continue
                part, whole = _get(figures, ratio.tu), _get(figures, ratio.mau)
                out.append(
                    Diagnostic(
                        Code.TYPED_PERCENT,
                        f"tỷ lệ gõ tay không khớp hai số liệu của nó: {rate.group(1)}% ≠ {format_number(part)} / "
                        f"{format_number(whole)} = {shown_percent(Decimal(computed))} ({ratio.tu} / {ratio.mau}).",
                        typed_text.text.location_at(match.end() + rate.start(1)),
                        rate.group(0).strip(),
                        f"viết {{{name}}} để công cụ tính tỷ lệ",
                        severity=Severity.WARNING,
                    )
                )
    return out
