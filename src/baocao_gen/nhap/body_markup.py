"""Runs of a Word paragraph written back as the project's markup (docs/danh-dau.md).

What a clerk typed must print exactly as typed after the round trip: bold and italic become `**…**` and
`*…*`, a footnote reference becomes `[^id]`, a line break inside the paragraph a trailing `\\`, and every
character the markup would read as an instruction (`*`, `{`, `[[`, `[^`, `\\`, a leading `#`) is escaped.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from ..ooxml.reader import Run

__all__ = ["escape", "runs_markup", "strip_prefix"]

_LEADING_HASH = re.compile(r"^(\s*)#")
_PAGE_BREAK = "[ngắt trang]"


def escape(text: str, *, line_start: bool = True) -> str:
    """Return `text` with every markup character escaped so that it prints as typed."""
    out: list[str] = []
    for i, char in enumerate(text):
        following = text[i + 1] if i + 1 < len(text) else ""
        if char in "\\*{":
            out.append("\\" + char)
        elif char == "[" and following in "[^":
            out.append("\\[")
        else:
            out.append(char)
    escaped = "".join(out)
    if line_start:
        escaped = _LEADING_HASH.sub(r"\1\\#", escaped, count=1)
        if escaped.strip() == _PAGE_BREAK:
            escaped = escaped.replace("[", "\\[", 1)
    return escaped


def strip_prefix(runs: Sequence[Run], length: int) -> list[Run]:
    """Return the runs without their first `length` characters (a typed heading number)."""
    out: list[Run] = []
    left = length
    for run in runs:
        if left <= 0 or run.footnote_id is not None:
            out.append(run)
            continue
        if len(run.text) <= left:
            left -= len(run.text)
            continue
        out.append(Run(run.text[left:], run.format, run.footnote_id))
        left = 0
    return out


def _wrap(text: str, bold: bool, italic: bool) -> str:
    """Put the emphasis markers around the letters, leaving surrounding spaces outside them."""
    marker = ("**" if bold else "") + ("*" if italic else "")
    if not marker or not text.strip():
        return text
    core = text.strip()
    lead = text[: len(text) - len(text.lstrip())]
    tail = text[len(text.rstrip()) :]
    return f"{lead}{marker}{core}{marker}{tail}"


def runs_markup(
    runs: Sequence[Run],
    footnote: Callable[[int], str],
    *,
    emphasis: bool = True,
) -> str:
    """Return the markup of a paragraph's runs; `footnote` names the reference of a Word footnote id.

    Adjacent runs with the same emphasis are merged first, so "**Hạn chế:**" is one bold stretch even
    when Word split it into three runs.
    """
    pieces: list[tuple[str, bool, bool]] = []
    for run in runs:
        if run.footnote_id is not None:
            pieces.append((f"[^{footnote(run.footnote_id)}]", False, False))
            continue
        bold = bool(run.format.bold) and emphasis
        italic = bool(run.format.italic) and emphasis
        text = escape(run.text.replace("\t", " "), line_start=False)
        if pieces and pieces[-1][1:] == (bold, italic) and not pieces[-1][0].startswith("[^"):
            pieces[-1] = (pieces[-1][0] + text, bold, italic)
        else:
            pieces.append((text, bold, italic))
    markup = "".join(_wrap(text, bold, italic) for text, bold, italic in pieces)
    markup = _LEADING_HASH.sub(r"\1\\#", markup, count=1)
    if markup.strip() == _PAGE_BREAK:
        markup = markup.replace("[", "\\[", 1)
    return "\\\n".join(part.strip() for part in markup.split("\n"))
