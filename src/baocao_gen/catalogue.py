"""The catalogue of diagnostic codes: for each `Code`, a Vietnamese title, explanation and fix.

Why a YAML file in `data/` (`data/ma-loi.yaml`) and not a typed table in `codes.py`:
- the entries are clerk-facing Vietnamese prose with YAML examples; in a data file they read as they
  print, and someone checking the wording against NĐ 30 / HD 36 edits them without reading Python;
- `data/` is where the project keeps reference text shipped with the tool (citations, report kinds),
  and it is found the same way installed or in a checkout (`resources.data_file`; the wheel carries
  `data/` inside the package, a checkout has it at the root, so `importlib.resources` alone would miss it);
- what a table in Python would give for free, that every code has a complete entry, is checked here
  on load and by tests/test_codes.py, and `Code` stays the one place that names codes in the code.
"""

from __future__ import annotations

import functools
import re
import textwrap
from dataclasses import dataclass
from typing import Any

import yaml

from .codes import Code
from .resources import data_file

__all__ = [
    "CATALOGUE_FILE",
    "CodeEntry",
    "code_ranges",
    "describe_code",
    "find_code",
    "list_codes",
    "load_catalogue",
    "parse_catalogue",
    "suggest_codes",
]

CATALOGUE_FILE = "ma-loi.yaml"
REQUIRED_FIELDS = ("tieu_de", "giai_thich", "cach_sua")
OPTIONAL_FIELDS = ("can_cu", "vi_du")

# The stage a code's letter stands for, as `baocao giai-thich` titles its groups.
STAGES = {
    "D": "Tệp dữ liệu",
    "T": "Mẫu .docx",
    "P": "Tệp .docx sinh ra",
    "W": "Ghi tệp kết quả",
    "K": "Kiểm tra thể thức tệp .docx (baocao check)",
}


@dataclass(frozen=True, slots=True)
class CodeEntry:
    """One code explained: what is wrong and why (with the rule it rests on), and how to fix it."""

    code: Code
    tieu_de: str
    giai_thich: str
    cach_sua: str
    can_cu: str | None = None
    vi_du: str | None = None


def parse_catalogue(raw: Any) -> dict[Code, CodeEntry]:
    """Return the entries of a loaded catalogue, or raise ValueError naming every problem in it.

    A broken catalogue is a developer's mistake, so it is said in full at once (not entry by entry).
    """
    if not isinstance(raw, dict):
        raise ValueError(f"{CATALOGUE_FILE}: expected a mapping of codes")
    known = {code.value: code for code in Code}
    problems: list[str] = []
    entries: dict[Code, CodeEntry] = {}
    for key, body in raw.items():
        code = known.get(str(key))
        if code is None:
            problems.append(f"{key}: not a member of Code")
            continue
        if not isinstance(body, dict):
            problems.append(f"{key}: expected a mapping")
            continue
        unknown = sorted(set(body) - set(REQUIRED_FIELDS) - set(OPTIONAL_FIELDS))
        missing = [
            name for name in REQUIRED_FIELDS if not isinstance(body.get(name), str) or not body[name].strip()
        ]
        empty = [
            name
            for name in OPTIONAL_FIELDS
            if name in body and (not isinstance(body[name], str) or not body[name].strip())
        ]
        for names, what in ((unknown, "unknown fields"), (missing, "missing or empty"), (empty, "empty")):
            if names:
                problems.append(f"{key}: {what}: {', '.join(map(str, names))}")
        if unknown or missing or empty:
            continue
        entries[code] = CodeEntry(
            code,
            **{name: body[name].strip() for name in (*REQUIRED_FIELDS, *OPTIONAL_FIELDS) if name in body},
        )
    absent = [code.value for code in Code if code not in entries and code.value not in raw]
    if absent:
        problems.append(f"codes without an entry: {', '.join(absent)}")
    if problems:
        raise ValueError(f"{CATALOGUE_FILE}: " + "; ".join(problems))
    return dict(sorted(entries.items(), key=lambda item: item[0].value))


@functools.cache
def load_catalogue() -> dict[Code, CodeEntry]:
    """Return the shipped catalogue, ordered by code (read once)."""
    return parse_catalogue(yaml.safe_load(data_file(CATALOGUE_FILE).read_text(encoding="utf-8")))


def _normalised(typed: str) -> str:
    """Return `typed` as a code is written: `d121`, ` D121 `, `[D121]` → `D121`."""
    return re.sub(r"[\s\[\]]", "", typed).upper()


def find_code(typed: str) -> Code | None:
    """Return the code a clerk typed or pasted from a diagnostic line, or None."""
    text = _normalised(typed)
    return next((code for code in Code if code.value == text), None)


def suggest_codes(typed: str) -> list[Code]:
    """Return the codes an unknown one is likely a slip for: one character wrong (`D131` → D101, D111,
    D121), two neighbours swapped (`D211` → D121), or the letter left out (`121` → D121)."""
    text = _normalised(typed)
    found = []
    for code in Code:
        value = code.value
        if text.isdigit():
            close = value[1:] == text
        elif len(text) != len(value):
            close = False
        else:
            wrong = [i for i, (a, b) in enumerate(zip(text, value, strict=True)) if a != b]
            swapped = (
                len(wrong) == 2
                and wrong[1] == wrong[0] + 1
                and text[wrong[0]] == value[wrong[1]]
                and text[wrong[1]] == value[wrong[0]]
            )
            close = len(wrong) == 1 or swapped
        if close:
            found.append(code)
    return found


def code_ranges() -> str:
    """Return every code as compact ranges, `D100–D113, D120–D129, T200–T202…`, for a one-line message."""
    values = sorted((code.value for code in Code), key=lambda value: (list(STAGES).index(value[0]), value))
    runs: list[list[str]] = []
    for value in values:
        last = runs[-1][-1] if runs else None
        if last is not None and last[0] == value[0] and int(last[1:]) + 1 == int(value[1:]):
            runs[-1].append(value)
        else:
            runs.append([value])
    return ", ".join(run[0] if len(run) == 1 else f"{run[0]}–{run[-1]}" for run in runs)


# Wide enough for a paragraph, narrow enough for the Windows console's default 120 columns.
TEXT_WIDTH = 100


def _paragraph(label: str, text: str) -> str:
    # never at a hyphen: `36-HD/VPTW`, `25-NQ/TW` stay whole, as in the documents themselves
    return textwrap.fill(
        " ".join(text.split()),
        TEXT_WIDTH,
        initial_indent=label,
        break_on_hyphens=False,
        break_long_words=False,
    )


def describe_code(code: Code) -> str:
    """Return what `baocao giai-thich CODE` prints: title, explanation, rule, fix and example."""
    entry = load_catalogue()[code]
    parts = [
        f"{code.value}: {entry.tieu_de} ({STAGES[code.value[0]].lower()})",
        _paragraph("", entry.giai_thich),
    ]
    if entry.can_cu:
        parts.append(_paragraph("Căn cứ: ", entry.can_cu))
    parts.append(_paragraph("Cách sửa: ", entry.cach_sua))
    if entry.vi_du:
        parts.append("Ví dụ:\n" + textwrap.indent(entry.vi_du, "    "))
    return "\n\n".join(parts)


def list_codes() -> str:
    """Return every code with its title, grouped by the stage that finds it."""
    lines: list[str] = []
    for letter, stage in STAGES.items():
        group = [entry for code, entry in load_catalogue().items() if code.value.startswith(letter)]
        if not group:
            continue
        if lines:
            lines.append("")
        lines.append(f"{stage}:")
        lines += [f"  {entry.code.value}  {entry.tieu_de}" for entry in group]
    return "\n".join(lines)
