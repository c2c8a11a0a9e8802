"""Normalisation shared by the seed-coverage test: compare meaning, not typography or numbering."""

from __future__ import annotations

import re

_NUMBERING = re.compile(
    r"^(phần thứ \w+|[ivxlc]+[.\-]|\d+(\.\d+)*\.|[a-zđ]\)|\\?\*|[-+](?=\s))\s*", re.IGNORECASE
)
_MARKUP = re.compile(r"<sup>\d+</sup>|</?(sup|sub|i|b)>|[¹²³⁴⁵⁶⁷⁸⁹⁰]+|\[\^\d+\]|\*\*|\*|^#+\s*|\\")


def normalise(line: str) -> str:
    """Return a line without markdown markers, heading numbers, quote styles, digit grouping, case."""
    text = _MARKUP.sub("", line.strip())
    text = text.replace("“", '"').replace("”", '"').replace("–", "-").replace("—", "-")
    previous = None
    while previous != text:  # "I. 1. a)" prefixes may stack after markers are gone
        previous = text
        text = _NUMBERING.sub("", text.strip())
    text = re.sub(r"(?<=\d)\.(?=\d{3}\b)", "", text)
    text = re.sub(r"\s+", " ", text).strip().lower()
    return text.rstrip(" ,;.:")


def seed_lines(text: str) -> list[str]:
    """Return the seed's meaningful lines (tables split into cells), normalised."""
    lines = []
    for raw in text.splitlines():
        for part in raw.split("\t") if "\t" in raw else [raw]:
            norm = normalise(part)
            if norm and norm not in ("-", "+", "---", "-----", "|") and len(norm) > 1:
                lines.append(norm)
    return lines
