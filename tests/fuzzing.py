"""Seeded mutation fuzzing of the whole `baocao render` path (shared by tests/test_fuzz.py and tools/fuzz.py).

Why a generator of our own instead of hypothesis: a failure must be a one-line reproduction that
survives refactoring of the test. Mutant `i` of seed `s` is built by `make_mutant(s, i)` from a
`random.Random` seeded with the string "s:i" alone, so `python tools/fuzz.py --seed s --only i`
regenerates exactly that mutant in a fresh process, with no shrinking database to carry around.

The mutations are what a clerk's editor can do to an example data file or to its profile: delete,
duplicate, swap and re-indent lines; paste junk (control characters, emoji, direction marks, XML and
Jinja look-alikes, YAML tags and anchors); mistype numbers, dates and keys; break the `ke_thua` chain;
save in another encoding; or cut the file at a random byte; and `-o` may name a folder or a file the
clerk edited in Word. Every mutant goes through the real command (`baocao_gen.cli.main(["render", …])`,
in-process for speed; `--json` for three in four, the terminal lines for the rest) and is judged by
`judge()`: the contract of the command, not the opinion of any one stage.
"""

from __future__ import annotations

import contextlib
import difflib
import io
import json
import os
import random
import re
import shutil
import signal
import sys
import tempfile
import time
import unicodedata
import warnings
import zipfile
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT / "src") not in sys.path:  # the tool runs outside pytest; the checkout's code comes first
    sys.path.insert(0, str(ROOT / "src"))

import docx  # noqa: E402

from baocao_gen import cli  # noqa: E402
from baocao_gen.codes import Code  # noqa: E402

KNOWN_CODES = frozenset(code.value for code in Code)  # what `baocao giai-thich` can explain

__all__ = [
    "EXAMPLES",
    "Campaign",
    "Mutant",
    "Outcome",
    "audit_with_openxml_audit",
    "convert_with_libreoffice",
    "default_workers",
    "is_vietnamese",
    "judge",
    "judge_docx",
    "make_mutant",
    "openxml_audit",
    "run_campaign",
    "run_mutant",
    "soffice",
    "template_tags",
    "written_sample",
]

EXAMPLES: tuple[Path, ...] = tuple(
    sorted(p for p in (ROOT / "examples").glob("*/*.yaml") if p.name != "don-vi.yaml")
)
TEMPLATES: tuple[Path, ...] = tuple(sorted((ROOT / "templates").glob("*.docx")))
DATA_DIR = "du-lieu"  # the clerk's folder inside a mutant's folder; anything outside it is "elsewhere"
PROFILE = f"{DATA_DIR}/don-vi.yaml"
MUTANT_TIMEOUT = 30.0  # seconds; a data file that takes longer is a hang to the clerk
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_STRICT = etree.XMLParser(resolve_entities=False)  # no recover: what Word does, not what LibreOffice forgives

# --- what a clerk can paste ------------------------------------------------------------------------

JUNK: tuple[str, ...] = (
    # control and special code points
    "\x00",
    "\x01",
    "\x07",
    "\x08",
    "\x0b",
    "\x0c",
    "\x1b",
    "\x7f",
    "\x85",
    "\u2028",
    "\u2029",
    "\ufffe",
    "\uffff",
    "\ufeff",
    "\u00a0",
    "\u200b",
    "\u200d",
    "\u2060",
    "\r",
    "\t",
    "\t\t",
    # emoji, direction marks, combining marks without a base, other scripts
    "😀",
    "👨‍👩‍👧",
    "🇻🇳",
    "\u200f",
    "\u200e",
    "\u202e",
    "\u202d",
    "\u0301",
    "\u0300\u0323",
    "ﷺ",
    "עברית",
    "\U0001d54f",
    "\U000e0041",
    "ＡＢＣ",
    "ǅ",
    "ﬃ",
    # XML and OOXML look-alikes
    "&",
    "&amp;",
    "&#0;",
    "&#x1;",
    "<",
    ">",
    "<w:p>",
    "</w:t>",
    "<![CDATA[",
    "]]>",
    "<?xml?>",
    '"/><w:br/>',
    # Jinja and the frame templates' own tags (a clerk may type them as text)
    "{{ x }}",
    "{% for %}",
    "{_{",
    "{#",
    "#}",
    "{{",
    "}}",
    "{%",
    "%}",
    "{{ ho_ten }}",
    "{%p endif %}",
    "{{p noi_dung }}",
    "{{r trich_yeu }}",
    "{{ dong.text }}",
    "{{ 7*7 }}",
    "{{ ''.__class__ }}",
    # YAML syntax a clerk can type
    "!!python/object:os.system",
    "!!python/object/apply:os.system ['true']",
    "!!binary",
    "!!int",
    "!!set",
    "!!str",
    "!!map",
    "!tag",
    "&a",
    "*a",
    "&a x",
    "<<: *a",
    "? ",
    ": ",
    "- ",
    "-",
    "|",
    ">",
    "|-",
    ">+",
    "#",
    " # ghi chú",
    "---",
    "...",
    "%YAML 1.1",
    "%TAG ! tag:x,2000:",
    "[",
    "]",
    "{",
    "}",
    ",",
    "@",
    "`",
    "'",
    '"',
    "''",
    '""',
    "“",
    "”",
    "'x'",
    '"x',
    "\\",
    "\\x",
    '"\\u12"',
    "!",
    "%",
    "~",
    "null",
    "true",
    "no",
    # the report markup
    "*",
    "**",
    "***",
    "[^1]",
    "[^",
    "[^khong-co]",
    "{ho_so.khong_co}",
    "{so_lieu",
    "{cau.x}",
    "{x|chu}",
    "[[nq25]]",
    "[[khong-co]]",
    "[[nq25|xyz]]",
    "[[",
    "[ngắt trang]",
    "#.",
    "#)",
    "#là",
    "<điền số>",
    "\\*",
    "\\{",
    "{}",
    "{{}}",
    # size and depth
    "x" * 300,
    "Đ" * 5000,
    "9" * 400,
    "[" * 600 + "]" * 600,
    "{a: " * 300 + "}" * 300,
    "- " * 200 + "x",
    # ordinary Vietnamese text, so that junk also lands beside plausible words
    "Ủy ban nhân dân",
    "hồ sơ",
    "Nghị quyết số 25-NQ/TW",
    "1.836",
    "05/6/2023",
)

NUMBERS: tuple[str, ...] = (
    "1.2.3",
    "-5",
    "0,5",
    "1e9",
    "",
    "1.836",
    "1.626,5",
    "5.6",
    "00",
    "007",
    "1_000",
    "0x1F",
    ".5",
    "5.",
    "NaN",
    "inf",
    "-0",
    "+3",
    "1/2",
    "10%",
    "2³",
    "Ⅻ",
    "１２",
    "٣",
    "9" * 40,
    "9999999999999999999999",
    "0",
    " 5 ",
    "5 6",
    "'5'",
    '"5"',
    "[5]",
    "{5}",
    "~",
    "null",
    "true",
    "1:30",
    "1.000.000.000.000",
    "-1.836",
    "1,2,3",
    "0,0",
    "1 836",
    "10^3",
)

DATES: tuple[str, ...] = (
    "31/02/2023",
    "29/02/2023",
    "29/02/2024",
    "00/00/0000",
    "1/13/2023",
    "32/1/2023",
    "06/6/-2023",
    "06/6/99999",
    "06-06-2023",
    "2023-06-06",
    "6/2023",
    "ngày 6",
    "06/6",
    "0/6/2023",
    "6//2023",
)

TILDE = str.maketrans("aoeuidAOEUID", "áôêưíđÁÔÊƯÍĐ")


# --- the mutant -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Mutant:
    """One generated case: the files of a data folder, the command's arguments, and what was done."""

    seed: int
    index: int
    example: str  # the example period file it started from, relative to the repository
    period: str  # the period file inside the mutant folder (the argument of `render`)
    files: dict[str, bytes | None]  # relative path → bytes; None is a folder standing where a file was
    output: str | None  # relative `-o` target, None for the default (next to the data file)
    operations: tuple[str, ...]
    originals: dict[str, bytes] = field(default_factory=dict, repr=False)
    target: str = (
        "file"  # "file"; "folder": `-o` names an existing folder; "edited": a hand-edited .docx is there
    )
    json: bool = True  # False: the lines a clerk reads on the terminal are judged instead of `--json`

    @property
    def command(self) -> str:
        """The one-line reproduction."""
        return f"python tools/fuzz.py --seed {self.seed} --only {self.index}"

    def expected_output(self) -> str | None:
        """Where a successful run writes; None when no successful run may write anything."""
        if self.target == "edited":
            return None  # the clerk's corrections in Word must never be overwritten without --ghi-de
        if self.target == "folder":
            return f"{self.output}/{self.period.rsplit('/', 1)[1].rsplit('.', 1)[0]}.docx"
        return self.output if self.output is not None else self.period.rsplit(".", 1)[0] + ".docx"

    def argv(self, folder: Path) -> list[str]:
        args = ["render", str(folder / self.period), *(["--json"] if self.json else [])]
        if self.output is not None:
            args += ["-o", str(folder / self.output)]
        return args

    def write(self, folder: Path) -> None:
        """Lay the mutant's files out in `folder` (which may already exist)."""
        for name, content in self.files.items():
            path = folder / name
            path.parent.mkdir(parents=True, exist_ok=True)
            if content is None:
                path.mkdir(exist_ok=True)
            else:
                path.write_bytes(content)

    def diff(self, limit: int = 14) -> str:
        """A short unified diff of the mutated files against the examples (for a report)."""
        lines = [f"{name}: (deleted)" for name in self.originals if name not in self.files]
        for name, content in self.files.items():
            before = self.originals.get(name, b"")
            if content == before:
                continue
            if content is None:
                lines.append(f"{name}: (a folder instead of the file)")
                continue
            old = before.decode("utf-8", "replace").splitlines()
            new = content.decode("utf-8", "replace").splitlines()
            chunk = list(difflib.unified_diff(old, new, f"a/{name}", f"b/{name}", n=0, lineterm=""))
            lines += [_short(line, 150) for line in chunk]
        if len(lines) > limit:
            lines = [*lines[:limit], f"… ({len(lines) - limit} more diff lines)"]
        return "\n".join(lines)


def _short(text: str, width: int = 40) -> str:
    shown = ascii(text) if not text.isprintable() else text
    return shown if len(shown) <= width else shown[: width - 1] + "…"


def _line_span(text: str, rng: random.Random) -> tuple[list[str], int]:
    lines = text.split("\n")
    return lines, rng.randrange(len(lines))


def _op_delete(text: str, rng: random.Random) -> tuple[str, str]:
    lines, i = _line_span(text, rng)
    del lines[i]
    return "\n".join(lines), f"delete line {i + 1}"


def _op_duplicate(text: str, rng: random.Random) -> tuple[str, str]:
    lines, i = _line_span(text, rng)
    lines.insert(i, lines[i])
    return "\n".join(lines), f"duplicate line {i + 1}"


def _op_swap(text: str, rng: random.Random) -> tuple[str, str]:
    lines, i = _line_span(text, rng)
    j = min(i + 1, len(lines) - 1) if rng.random() < 0.6 else rng.randrange(len(lines))
    lines[i], lines[j] = lines[j], lines[i]
    return "\n".join(lines), f"swap lines {i + 1} and {j + 1}"


def _op_reindent(text: str, rng: random.Random) -> tuple[str, str]:
    lines, i = _line_span(text, rng)
    end = i + 1 if rng.random() < 0.7 else min(len(lines), i + rng.randint(2, 12))
    how = rng.choice(("+1", "+2", "+4", "-1", "-2", "flush", "tab", "tab+"))
    for k in range(i, end):
        line = lines[k]
        bare = line.lstrip(" ")
        width = len(line) - len(bare)
        if how.startswith("+"):
            lines[k] = " " * int(how[1:]) + line
        elif how.startswith("-"):
            lines[k] = " " * max(0, width + int(how)) + bare
        elif how == "flush":
            lines[k] = bare
        elif how == "tab":
            lines[k] = "\t" * (width // 2) + bare
        else:
            lines[k] = "\t" + line
    return "\n".join(lines), f"re-indent lines {i + 1}-{end} ({how})"


def _op_junk(text: str, rng: random.Random) -> tuple[str, str]:
    junk = rng.choice(JUNK)
    lines, i = _line_span(text, rng)
    line = lines[i]
    where = rng.choice(("inside", "inside", "value", "line", "end", "start"))
    if where == "inside":
        col = rng.randint(0, len(line))
        lines[i] = line[:col] + junk + line[col:]
        at = f"{i + 1}:{col + 1}"
    elif where == "value" and ": " in line:
        col = line.index(": ") + 2
        lines[i] = line[:col] + junk + (" " + line[col:] if rng.random() < 0.5 else "")
        at = f"{i + 1}:{col + 1} (value)"
    elif where in ("line", "value"):
        indent = line[: len(line) - len(line.lstrip(" "))]
        lines.insert(i, indent + (rng.choice(("", "ghi_chu: ", "- ")) + junk))
        at = f"new line {i + 1}"
    elif where == "end":
        return text + junk, f"append {_short(junk)}"
    else:
        return junk + text, f"prepend {_short(junk)}"
    return "\n".join(lines), f"insert {_short(junk)} at {at}"


_NUMBER = re.compile(r"(?<![\w.])\d+(?:[.,/]\d+)*")
_KEY = re.compile(r"^([ \t]*(?:- +)?)([A-Za-z_][A-Za-z0-9_]*)(?=[ \t]*:(?:[ \t]|$))", re.M)


def _op_number(text: str, rng: random.Random) -> tuple[str, str]:
    found = list(_NUMBER.finditer(text))
    if not found:
        return _op_junk(text, rng)
    match = rng.choice(found)
    new = rng.choice(DATES) if "/" in match.group() and rng.random() < 0.7 else rng.choice(NUMBERS)
    line = text.count("\n", 0, match.start()) + 1
    return text[: match.start()] + new + text[
        match.end() :
    ], f"number {match.group()!r} → {_short(new)} on line {line}"


def _near_miss(key: str, rng: random.Random, others: list[str]) -> str:
    how = rng.randrange(11)
    k = rng.randrange(len(key))
    if how == 0 and len(key) > 1:
        return key[:k] + key[k + 1 :]
    if how == 1:
        return key[:k] + key[k] + key[k:]
    if how == 2 and len(key) > 1:
        k = min(k, len(key) - 2)
        return key[:k] + key[k + 1] + key[k] + key[k + 2 :]
    if how == 3 and "_" in key:
        return key.replace("_", rng.choice(("-", " ", "", "__")), 1)
    if how == 4:
        return key[:1].upper() + key[1:]
    if how == 5:
        return key[:k] + key[k].translate(TILDE) + key[k + 1 :]
    if how == 6:
        return key + rng.choice(("s", "_", "1", "\u00a0", "\u200b"))
    if how == 7:
        return key.replace("a", "\u0430", 1)  # Cyrillic a
    if how == 8 and others:
        return rng.choice(others)
    if how == 9:
        return unicodedata.normalize("NFD", key.translate(TILDE))
    return key.upper()


def _op_key(text: str, rng: random.Random) -> tuple[str, str]:
    found = list(_KEY.finditer(text))
    if not found:
        return _op_junk(text, rng)
    match = rng.choice(found)
    key = match.group(2)
    new = _near_miss(key, rng, sorted({m.group(2) for m in found} - {key}))
    line = text.count("\n", 0, match.start()) + 1
    return text[: match.start(2)] + new + text[match.end(2) :], f"key {key!r} → {new!r} on line {line}"


def _op_nfd(text: str, rng: random.Random) -> tuple[str, str]:
    lines, i = _line_span(text, rng)
    lines[i] = unicodedata.normalize("NFD", lines[i])
    return "\n".join(lines), f"line {i + 1} in NFD (macOS)"


TEXT_OPERATIONS: tuple[tuple[Callable[[str, random.Random], tuple[str, str]], int], ...] = (
    (_op_delete, 10),
    (_op_duplicate, 8),
    (_op_swap, 8),
    (_op_reindent, 10),
    (_op_junk, 22),
    (_op_number, 16),
    (_op_key, 12),
    (_op_nfd, 2),
)


def _cut(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    inside = [i for i in range(1, len(data)) if 0x80 <= data[i] < 0xC0]
    if inside and rng.random() < 0.4:
        at = rng.choice(inside)
        return data[:at], f"cut at byte {at} (inside a multi-byte character)"
    at = rng.randrange(len(data) + 1)
    return data[:at], f"cut at byte {at}"


def _reencode(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    text = data.decode("utf-8", "replace")
    how = rng.choice(("utf-16", "utf-16-le", "utf-8-sig", "cp1258", "latin-1", "crlf", "cr", "nul-padded"))
    if how == "crlf":
        return text.replace("\n", "\r\n").encode("utf-8"), "saved with CRLF line ends"
    if how == "cr":
        return text.replace("\n", "\r").encode("utf-8"), "saved with CR line ends"
    if how == "nul-padded":
        return data + b"\x00" * rng.randint(1, 64), "NUL bytes after the end"
    return text.encode(how, "replace"), f"saved as {how}"


def _chain(mutant_files: dict[str, bytes | None], period: str, rng: random.Random) -> str:
    """Break or lengthen the `ke_thua` chain (period → profile); return what was done."""
    profile_text = (mutant_files[PROFILE] or b"").decode("utf-8")
    period_text = (mutant_files[period] or b"").decode("utf-8")
    name = period.rsplit("/", 1)[1]

    def set_parent(text: str, value: str) -> str:
        if re.search(r"^ke_thua:.*$", text, re.M):
            return re.sub(r"^ke_thua:.*$", lambda _: f"ke_thua: {value}", text, count=1, flags=re.M)
        return f"ke_thua: {value}\n{text}"

    how = rng.randrange(14)
    if how == 0:
        mutant_files[period] = set_parent(period_text, "khong-co.yaml").encode()
        return "period ke_thua → a missing file"
    if how == 1:
        mutant_files[period] = set_parent(period_text, name).encode()
        return "period ke_thua → itself"
    if how == 2:
        value = rng.choice(
            ("", "~", "[don-vi.yaml]", "{a: b}", "'don-vi.yaml", ".", "..", "/", "Don-Vi.yaml")
        )
        mutant_files[period] = set_parent(period_text, value).encode()
        return f"period ke_thua → {value!r}"
    if how == 3:
        mutant_files["ngoai.yaml"] = mutant_files[PROFILE]
        mutant_files[period] = set_parent(period_text, "../ngoai.yaml").encode()
        return "period ke_thua → a profile outside the data folder"
    if how == 4:
        mutant_files[f"{DATA_DIR}/chung.yaml"] = "ke_thua: don-vi.yaml\n# hồ sơ chung của các kỳ\n".encode()
        mutant_files[period] = set_parent(period_text, "chung.yaml").encode()
        return "period → chung.yaml → don-vi.yaml"
    if how == 5:
        mutant_files[PROFILE] = set_parent(profile_text, name).encode()
        return "profile ke_thua → the period file (a cycle)"
    if how == 6:
        mutant_files[PROFILE] = set_parent(profile_text, "don-vi.yaml").encode()
        return "profile ke_thua → itself"
    if how == 7:
        mutant_files[f"{DATA_DIR}/chung.yaml"] = b"ke_thua: don-vi.yaml\n"
        mutant_files[PROFILE] = set_parent(profile_text, "chung.yaml").encode()
        return "profile → chung.yaml → profile (a cycle of two)"
    if how == 8:
        depth = rng.randint(3, 12)
        for k in range(depth):
            parent = "don-vi.yaml" if k == depth - 1 else f"tang-{k + 1}.yaml"
            mutant_files[f"{DATA_DIR}/tang-{k}.yaml"] = f"ke_thua: {parent}\n".encode()
        mutant_files[period] = set_parent(period_text, "tang-0.yaml").encode()
        return f"a chain of {depth} files between period and profile"
    if how == 9:
        del mutant_files[PROFILE]
        return "profile deleted"
    if how == 10:
        mutant_files[PROFILE] = b""
        return "profile emptied"
    if how == 11:
        mutant_files[PROFILE] = None
        return "a folder where the profile was"
    if how == 12:
        mutant_files[period] = re.sub(r"^ke_thua:.*\n", "", period_text, count=1, flags=re.M).encode()
        return "period ke_thua line removed"
    mutant_files[period] = (period_text + f"\nke_thua: {rng.choice(('don-vi.yaml', 'x.yaml'))}\n").encode()
    return "period ke_thua given twice"


def make_mutant(seed: int, index: int) -> Mutant:
    """Return mutant `index` of `seed`; a pure function of the two numbers and the examples."""
    rng = random.Random(f"{seed}:{index}")
    example = EXAMPLES[index % len(EXAMPLES)]
    period = f"{DATA_DIR}/{example.name}"
    originals: dict[str, bytes] = {
        PROFILE: (example.parent / "don-vi.yaml").read_bytes(),
        period: example.read_bytes(),
    }
    files: dict[str, bytes | None] = dict(originals)
    operations: list[str] = []
    if rng.random() < 0.08:
        operations.append(_chain(files, period, rng))
    targets = [name for name in (period, PROFILE) if files.get(name)]
    target = period if rng.random() < 0.75 or PROFILE not in targets else PROFILE
    if target in targets:
        text = files[target].decode("utf-8")  # type: ignore[union-attr]
        ops, weights = zip(*TEXT_OPERATIONS, strict=True)
        for _ in range(1 + min(3, int(rng.expovariate(1.2)))):
            operation = rng.choices(ops, weights)[0]
            text, what = operation(text, rng)
            operations.append(f"{target}: {what}")
        data = text.encode("utf-8", "surrogatepass")
        roll = rng.random()
        if roll < 0.10:
            data, what = _cut(data, rng)
            operations.append(f"{target}: {what}")
        elif roll < 0.14:
            data, what = _reencode(data, rng)
            operations.append(f"{target}: {what}")
        files[target] = data
    roll, writes_to = rng.random(), "file"
    if roll < 0.18:
        output = None
    elif roll < 0.55:
        output = "kq/bao-cao.docx"
    elif roll < 0.92:
        output = "kq/moi/bao cáo (1).docx"
    elif roll < 0.96:
        output, writes_to = "kq", "folder"
        operations.append("-o names an existing folder")
    else:
        output, writes_to = "kq/bao-cao.docx", "edited"
        files[output] = rng.choice((b"PK\x03\x04 not really a zip", "Báo cáo sửa tay trong Word".encode()))
        operations.append("-o names a file the clerk edited by hand")
    # A stream of its own, so that adding this choice left every mutant's files as they were.
    as_json = random.Random(f"{seed}:{index}:cli").random() >= 0.25
    if not as_json:
        operations.append("without --json (terminal output judged)")
    return Mutant(
        seed,
        index,
        str(example.relative_to(ROOT)),
        period,
        files,
        output,
        tuple(operations),
        originals,
        writes_to,
        as_json,
    )


# --- judging one run --------------------------------------------------------------------------------


@dataclass
class Outcome:
    """What one mutant did: the exit code, the failures found (kind, detail), and the time taken."""

    index: int
    code: int | str | None
    failures: list[tuple[str, str]] = field(default_factory=list)
    seconds: float = 0.0
    cpu: float = (
        0.0  # CPU seconds of the run and its judging: the measure that load on the machine does not skew
    )
    stdout: str = ""
    stderr: str = ""
    docx: bytes | None = None


class _Timeout(BaseException):
    """Raised by the alarm; a BaseException so that the CLI's `except Exception` cannot swallow it."""


def _on_alarm(signum: int, frame: object) -> None:
    raise _Timeout


_VIETNAMESE = re.compile("[àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]", re.I)
_INTERNAL = re.compile(r"lỗi nội bộ \((\w+)")


def is_vietnamese(message: str, value: str | None = None) -> bool:
    """True when the message, without the clerk's own value quoted in it, has a Vietnamese letter.

    Every message of the tool is a Vietnamese sentence, and Vietnamese sentences of more than a word or
    two always carry a letter with a diacritic (ô, ư, đ, ế…), which English and the YAML library's
    messages never do. The clerk's value is removed first so that it cannot make an English message pass.
    """
    text = unicodedata.normalize("NFC", message)
    if value:
        text = text.replace(unicodedata.normalize("NFC", value), "")
    return bool(_VIETNAMESE.search(text))


def _files_under(folder: Path) -> dict[str, tuple[int, int]]:
    """Every file under `folder` with its size and modification time, to see what a run wrote or changed."""
    return {
        str(p.relative_to(folder)): (p.stat().st_size, p.stat().st_mtime_ns)
        for p in folder.rglob("*")
        if p.is_file()
    }


def _call(argv: list[str]) -> tuple[int | str | None, str, str, list[str]]:
    """Run the CLI in-process: return exit code, stdout, stderr and the Python warnings raised."""
    out, err = io.StringIO(), io.StringIO()
    code: int | str | None = 0
    with (
        warnings.catch_warnings(record=True) as caught,
        contextlib.redirect_stdout(out),
        contextlib.redirect_stderr(err),
    ):
        warnings.simplefilter("always")
        warnings.filterwarnings("ignore", category=DeprecationWarning, module="docx(tpl|compose).*")
        try:
            cli.main(argv)
        except SystemExit as exc:
            code = exc.code
        except _Timeout:
            code = "timeout"
        except BaseException as exc:  # anything escaping main() is a failure of the contract itself
            code = f"escaped {type(exc).__name__}"
            err.write(f"\n{type(exc).__name__}: {exc}")
    return code, out.getvalue(), err.getvalue(), [f"{w.category.__name__}: {w.message}" for w in caught]


def run_mutant(
    mutant: Mutant, workdir: Path, keep_docx: bool = False, timeout: float = MUTANT_TIMEOUT
) -> Outcome:
    """Lay the mutant out under `workdir`, run `baocao render` on it, and judge what happened."""
    folder = workdir / f"m{mutant.index}"
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    try:
        mutant.write(folder)
        (folder / "kq").mkdir(exist_ok=True)
        before = _files_under(folder)
        previous = signal.signal(signal.SIGALRM, _on_alarm)
        signal.setitimer(signal.ITIMER_REAL, timeout)
        started, cpu = time.perf_counter(), time.process_time()
        try:
            code, stdout, stderr, caught = _call(mutant.argv(folder))
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
        outcome = Outcome(
            mutant.index, code, seconds=time.perf_counter() - started, stdout=stdout, stderr=stderr
        )
        after = _files_under(folder)
        new = {name for name, stat in after.items() if before.get(name) != stat}
        outcome.failures = judge(mutant, folder, code, stdout, stderr, caught, new)
        outcome.cpu = time.process_time() - cpu
        expected = mutant.expected_output()
        if keep_docx and code == 0 and expected is not None and (folder / expected).is_file():
            outcome.docx = (folder / expected).read_bytes()
        return outcome
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def judge(
    mutant: Mutant,
    folder: Path,
    code: int | str | None,
    stdout: str,
    stderr: str,
    caught: list[str],
    new: set[str],
) -> list[tuple[str, str]]:
    """Return every way the run broke the command's contract (an empty list when it kept it).

    `new` holds the files the run created or changed. Exit 2 (wrong use of the command) is accepted
    only for `-o` naming a folder, in Vietnamese; any other input is data, so its exit is 0 or 1.
    """
    failures: list[tuple[str, str]] = []
    if "Traceback (most recent call last)" in stdout + stderr:
        failures.append(("traceback", stderr[-600:]))
    if code == 2 and mutant.target == "folder" and "lỗi cách dùng" in stderr and not new:
        return failures
    if code not in (0, 1):
        internal = _INTERNAL.search(stderr)
        kind = f"exit {code}" + (f": {internal.group(1)}" if internal else "")
        failures.append((kind, (stderr.strip() or stdout.strip())[-400:]))
    failures += [(f"warning: {w.split(':')[0]}", w) for w in caught]
    temporary = sorted(name for name in new if re.search(r"(^|/)\.baocao-[^/]*\.tmp$", name))
    if temporary:
        failures.append(("temporary file left", ", ".join(temporary)))
    if code != 0 and new:
        failures.append(("written on error", ", ".join(sorted(new))))
    if code not in (0, 1):
        return failures
    if mutant.json:
        try:
            diagnostics = json.loads(stdout)
            assert isinstance(diagnostics, list) and all(isinstance(d, dict) for d in diagnostics)
        except (ValueError, AssertionError):
            failures.append(("--json output is not a JSON list", stdout[:300]))
            return failures
    else:
        diagnostics, problems = _terminal_diagnostics(stderr, code)
        failures += problems
    errors = [d for d in diagnostics if d.get("severity") == "error"]
    if (code == 1) != bool(errors):
        failures.append(
            ("exit code disagrees with the diagnostics", f"exit {code} with {len(errors)} error(s)")
        )
    for d in diagnostics:
        where = f"[{d.get('code')}] {d.get('file')}:{d.get('line')}:{d.get('column')} {d.get('message')}"
        if not _located(d):
            failures.append((f"unlocated diagnostic {d.get('code')}", where))
        if d.get("code") not in KNOWN_CODES or d.get("severity") not in ("error", "warning"):
            failures.append(("unknown code or severity", where))
        if not isinstance(d.get("message"), str) or not is_vietnamese(d["message"], d.get("value")):
            failures.append((f"message not in Vietnamese {d.get('code')}", where))
    if code == 0:
        expected = mutant.expected_output()
        if expected is None:
            failures.append(("hand-edited output overwritten", f"changed files: {sorted(new)}"))
        elif new != {expected}:
            failures.append(
                (
                    "exit 0 but not exactly the output written",
                    f"new files: {sorted(new)}, expected {expected}",
                )
            )
        if expected is not None and (folder / expected).is_file():
            failures += judge_docx((folder / expected).read_bytes(), _input_text(mutant))
    return failures


_LINE = re.compile(
    r"^(?:(?P<file>.+?):(?:(?P<line>\d+):(?P<column>\d+):)? )?(?P<severity>lỗi|cảnh báo): (?P<rest>.*) \[(?P<code>[A-Z]\d{3})\]$"
)
_SUBJECT = re.compile(
    r'^(?:khóa «[^»]*»)?(?:(?: = |giá trị )(?P<value>"(?:[^"\\]|\\.)*"))?(?:: )?(?P<message>.*?)(?: \(gợi ý: .*\))?$'
)


def _located(diagnostic: dict[str, object]) -> bool:
    """Return True when a diagnostic says where: a data problem at file:line:column (both ≥ 1); a
    problem of the output file itself (W4xx: held open, edited by hand, wrong name) at that file."""
    line, column = diagnostic.get("line"), diagnostic.get("column")
    if not diagnostic.get("file"):
        return False
    if str(diagnostic.get("code", "")).startswith("W4"):
        return True
    return isinstance(line, int) and isinstance(column, int) and line >= 1 and column >= 1


def _terminal_diagnostics(
    stderr: str, code: int | str | None
) -> tuple[list[dict[str, object]], list[tuple[str, str]]]:
    """Read the lines a clerk sees back into `--json`'s shape; a line of another shape is a failure.

    The key, the quoted value and the hint are cut off the message, so that only the tool's own sentence
    is judged for Vietnamese (the hint's label «gợi ý» would pass any message).
    """
    diagnostics: list[dict[str, object]] = []
    problems: list[tuple[str, str]] = []
    done = [line for line in stderr.splitlines() if line.startswith("Đã ghi ")]
    if (code == 0) != bool(done):
        problems.append(("terminal: «Đã ghi» disagrees with the exit code", f"exit {code}: {done}"))
    counts = [
        line for line in stderr.splitlines() if line.startswith("Tổng cộng: ")
    ]  # render's last line (issue 10)
    for line in stderr.splitlines():
        if not line.strip() or line in done or line in counts:
            continue
        match = _LINE.match(line)
        if match is None:
            problems.append(("terminal: a line that is not a diagnostic", line[:300]))
            continue
        subject = _SUBJECT.match(match["rest"])
        value = json.loads(subject["value"]) if subject and subject["value"] else None
        diagnostics.append(
            {
                "file": match["file"],
                "line": int(match["line"]) if match["line"] else None,
                "column": int(match["column"]) if match["column"] else None,
                "severity": "error" if match["severity"] == "lỗi" else "warning",
                "code": match["code"],
                "message": subject["message"] if subject else match["rest"],
                "value": value,
            }
        )
    warnings = sum(d["severity"] == "warning" for d in diagnostics)
    errors = len(diagnostics) - warnings
    said = (
        f"Tổng cộng: {errors} lỗi, {warnings} cảnh báo; chưa ghi tệp nào."
        if errors
        else f"Tổng cộng: {warnings} cảnh báo."
    )
    if counts and counts != ([said] if warnings else []):
        problems.append(
            (
                "terminal: the count of warnings disagrees with the lines printed",
                f"{counts}: {errors} error(s), {warnings} warning(s)",
            )
        )
    return diagnostics, problems


def _input_text(mutant: Mutant) -> str:
    texts = []
    for content in mutant.files.values():
        if content:
            for encoding in ("utf-8-sig", "utf-16", "cp1258"):
                with contextlib.suppress(UnicodeDecodeError):
                    texts.append(content.decode(encoding))
                    break
    return "\n".join(texts)


_JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.S)


def _normal(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def _paragraph_texts(xml: bytes | etree._Element) -> Iterator[str]:
    root = etree.fromstring(xml, _STRICT) if isinstance(xml, bytes) else xml
    for paragraph in root.iter(f"{W}p"):
        yield "".join(t.text or "" for t in paragraph.iter(f"{W}t"))


_template_tag_cache: set[str] = set()


def template_tags() -> set[str]:
    """Every Jinja tag of the shipped frame templates, read here independently of the code under test."""
    if not _template_tag_cache:
        for template in TEMPLATES:
            with zipfile.ZipFile(template) as archive:
                for name in archive.namelist():
                    if name.startswith("word/") and name.endswith(".xml"):
                        for text in _paragraph_texts(archive.read(name)):
                            _template_tag_cache.update(_normal(tag) for tag in _JINJA.findall(text))
        assert _template_tag_cache, (
            "the frame templates have no Jinja tag: the leftover-tag check would be blind"
        )
    return _template_tag_cache


def judge_docx(data: bytes, input_text: str) -> list[tuple[str, str]]:
    """Return what is wrong with a produced .docx: strict XML, python-docx, leftover template tags.

    A clerk may type `{{ x }}` as text and it must then be printed as typed; so a Jinja-looking tag in
    the output is a leftover only when the input never contained it. Tags of the frame templates are
    listed separately so that a leftover frame tag is named as such.
    """
    failures: list[tuple[str, str]] = []
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = {info.filename: archive.read(info) for info in archive.infolist()}
    except zipfile.BadZipFile as exc:
        return [("docx: not a zip", str(exc))]
    trees: dict[str, etree._Element] = {}
    for name, content in parts.items():
        if name.endswith((".xml", ".rels")):
            try:
                trees[name] = etree.fromstring(content, _STRICT)
            except etree.XMLSyntaxError as exc:
                failures.append(("docx: part is not strict XML", f"{name}: {exc}"))
    if failures:
        return failures
    try:
        docx.Document(io.BytesIO(data))
    except Exception as exc:
        failures.append(("docx: python-docx cannot open it", f"{type(exc).__name__}: {exc}"))
    typed: tuple[str, str] | None = None  # normalised lazily: most outputs have no "{" at all
    frame = template_tags()
    for name, tree in trees.items():
        if not (name.startswith("word/") and name.endswith(".xml")) or b"{" not in parts[name]:
            continue
        for text in _paragraph_texts(tree):
            for tag in _JINJA.findall(text):
                tag = _normal(tag)
                if typed is None:  # titles print in capitals: a typed `{{ x }}` may come back as `{{ X }}`
                    plain = _normal(input_text).casefold()
                    typed = (plain, plain.replace("*", "").replace("\\", ""))
                if tag.casefold() in typed[0] or tag.replace("*", "").casefold() in typed[1]:
                    continue
                kind = (
                    "docx: frame template tag left" if tag in frame else "docx: Jinja tag the input never had"
                )
                failures.append((kind, f"{name}: {tag!r} in {text[:120]!r}"))
    return failures


# --- a campaign -------------------------------------------------------------------------------------


@dataclass
class Campaign:
    """The result of running mutants `0 … count-1` of one seed."""

    seed: int
    count: int
    outcomes: list[Outcome]
    seconds: float
    workers: int

    @property
    def failures(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.failures]

    def exit_counts(self) -> Counter[str]:
        return Counter(str(o.code) for o in self.outcomes)

    def kinds(self) -> dict[str, list[int]]:
        """Failure kind → indices of the mutants that show it (a mutant may show several kinds)."""
        kinds: dict[str, list[int]] = {}
        for outcome in self.outcomes:
            for kind in dict.fromkeys(kind for kind, _ in outcome.failures):
                kinds.setdefault(kind, []).append(outcome.index)
        return dict(sorted(kinds.items(), key=lambda item: (-len(item[1]), item[0])))

    def table(self) -> str:
        """The summary a developer reads first: counts, then failures by kind with a reproduction each."""
        exits = self.exit_counts()
        other = self.count - exits.get("0", 0) - exits.get("1", 0)
        rows = [
            ("seed", str(self.seed)),
            ("mutants", str(self.count)),
            ("exit 0 (written)", str(exits.get("0", 0))),
            ("exit 1 (refused)", str(exits.get("1", 0))),
            ("other exit", str(other)),
            ("mutants with failures", str(len(self.failures))),
            ("time", f"{self.seconds:.1f} s on {self.workers} worker(s)"),
            ("CPU per mutant", f"{sum(o.cpu for o in self.outcomes) / max(1, self.count) * 1000:.0f} ms"),
        ]
        slowest = max(self.outcomes, key=lambda o: o.seconds, default=None)
        if slowest is not None:
            rows.append(("slowest mutant", f"{slowest.seconds:.1f} s (#{slowest.index})"))
        lines = [f"{name:<24}{value:>10}" for name, value in rows]
        kinds = self.kinds()
        if kinds:
            lines += ["", f"{'failures by kind':<52}{'mutants':>8}  first (reproduce with --only N)"]
            for kind, indices in kinds.items():
                lines.append(f"  {kind[:50]:<50}{len(indices):>8}  {', '.join(map(str, indices[:6]))}")
        return "\n".join(lines)

    def details(self, per_kind: int = 2) -> str:
        """For each failure kind, the first mutants: what was mutated, what failed, the one-line command."""
        blocks: list[str] = []
        by_index = {o.index: o for o in self.outcomes}
        for kind, indices in self.kinds().items():
            for index in indices[:per_kind]:
                outcome = by_index[index]
                mutant = make_mutant(self.seed, index)
                detail = next(d for k, d in outcome.failures if k == kind)
                blocks.append(
                    f"[{kind}] mutant {index} (from {mutant.example}, exit {outcome.code})\n"
                    f"  reproduce: {mutant.command}\n"
                    + "".join(f"  - {op}\n" for op in mutant.operations)
                    + "  failure: "
                    + _short(detail.replace("\n", " | "), 400)
                )
        return "\n\n".join(blocks)


def _run_chunk(args: tuple[int, list[int], str]) -> list[Outcome]:
    seed, indices, workdir = args
    return [run_mutant(make_mutant(seed, index), Path(workdir)) for index in indices]


def run_campaign(
    seed: int,
    count: int,
    workers: int = 2,
    workdir: Path | None = None,
    progress: Callable[[int], None] | None = None,
) -> Campaign:
    """Run mutants 0 … count-1 of `seed`, in `workers` fresh processes.

    Spawned, not forked: a child forked from deep inside pytest inherits pytest's call stack, and on
    Python 3.11 the pipeline's calls then keep crossing a frame-stack chunk boundary, each crossing an
    mmap and a munmap (300,000 of them per 100 mutants, a fifth more time). A spawned worker starts at
    the bottom of its stack, as `baocao` itself does.
    """
    import multiprocessing

    started = time.perf_counter()
    own = workdir is None
    workdir = Path(tempfile.mkdtemp(prefix="baocao-fuzz-")) if workdir is None else workdir
    chunk = 20
    jobs = [(seed, list(range(i, min(count, i + chunk))), str(workdir)) for i in range(0, count, chunk)]
    outcomes: list[Outcome] = []
    try:
        if workers <= 1:
            for job in jobs:
                outcomes += _run_chunk(job)
                if progress:
                    progress(len(outcomes))
        else:
            with multiprocessing.get_context("spawn").Pool(workers) as pool:
                for result in pool.imap_unordered(_run_chunk, jobs):
                    outcomes += result
                    if progress:
                        progress(len(outcomes))
    finally:
        if own:
            shutil.rmtree(workdir, ignore_errors=True)
    outcomes.sort(key=lambda o: o.index)
    return Campaign(seed, count, outcomes, time.perf_counter() - started, max(1, workers))


# --- the written sample, in the real clients ----------------------------------------------------------


def soffice() -> str | None:
    """LibreOffice's command, when installed (CI installs it; see .ci/run)."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def openxml_audit() -> Path:
    """The openxml-audit command of this Python environment (a test dependency in pyproject), else the
    one on PATH (CI's floors run borrows it: it needs a newer lxml than the floor)."""
    beside = Path(sys.executable).parent / "openxml-audit"
    found = shutil.which("openxml-audit")
    return beside if beside.exists() or found is None else Path(found)


def written_sample(campaign: Campaign, size: int = 5) -> dict[int, bytes]:
    """Re-render up to `size` written mutants spread over the run; index → the .docx bytes.

    Each comes from another example while there are examples left (both document systems, every
    report kind), from another part of the run. Re-rendering a handful in this process is cheaper
    than carrying every output back from the workers.
    """
    written = [o.index for o in campaign.outcomes if o.code == 0 and not o.failures]
    chosen: list[int] = []
    for k in range(min(size, len(written))):
        start = int(k * len(written) / size)
        later = written[start:] + written[:start]
        bases = {index % len(EXAMPLES) for index in chosen}
        fresh = [i for i in later if i % len(EXAMPLES) not in bases and i not in chosen]
        chosen.append(fresh[0] if fresh else next(i for i in later if i not in chosen))
    sample: dict[int, bytes] = {}
    with tempfile.TemporaryDirectory(prefix="baocao-fuzz-") as workdir:
        for index in chosen:
            outcome = run_mutant(make_mutant(campaign.seed, index), Path(workdir), keep_docx=True)
            if outcome.docx is not None:
                sample[index] = outcome.docx
    return sample


def convert_with_libreoffice(sample: dict[int, bytes], folder: Path) -> list[tuple[int, str, str]]:
    """Convert every sampled .docx to PDF in one LibreOffice run; return (index, kind, detail) failures."""
    import subprocess

    command = soffice()
    assert command is not None, "LibreOffice (soffice) is not installed"
    sources = folder / "docx"
    sources.mkdir(parents=True, exist_ok=True)
    paths = []
    for index, data in sample.items():
        path = sources / f"mutant-{index}.docx"
        path.write_bytes(data)
        paths.append(path)
    pdfs = folder / "pdf"
    proc = subprocess.run(
        [
            command,
            f"-env:UserInstallation=file://{folder / 'lo-profile'}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(pdfs),
            *map(str, paths),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    failures = []
    for index in sample:
        pdf = pdfs / f"mutant-{index}.pdf"
        if proc.returncode != 0 or not pdf.is_file() or pdf.stat().st_size == 0:
            failures.append(
                (index, "sample: LibreOffice made no PDF", f"exit {proc.returncode}: {proc.stderr[-300:]}")
            )
    return failures


def audit_with_openxml_audit(sample: dict[int, bytes], folder: Path) -> list[tuple[int, str, str]]:
    """Run openxml-audit (`-o json`) on every sampled .docx; every finding is a failure.

    One process per file: openxml-audit 0.8.0 keeps state between the files of one `-r` run, and a
    file audited after others can get findings it does not have alone (footnote ids "not found").
    """
    import subprocess

    sources = folder / "audit"
    sources.mkdir(parents=True, exist_ok=True)
    running = {}
    for index, data in sample.items():
        path = sources / f"mutant-{index}.docx"
        path.write_bytes(data)
        command = [str(openxml_audit()), "-o", "json", str(path)]
        running[index] = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    failures = []
    for index, proc in running.items():
        stdout, stderr = proc.communicate(timeout=600)
        try:
            [report] = json.loads(stdout)
        except ValueError:
            failures.append((index, "sample: openxml-audit gave no JSON", stderr[-300:]))
            continue
        findings = [*report.get("errors", []), *report.get("warnings", [])]
        count = report.get("error_count", 0) + report.get("warning_count", 0)
        if count or findings:
            described = "; ".join(f"{f.get('part_uri', '')}: {f.get('description', '')}" for f in findings)
            failures.append((index, "sample: openxml-audit findings", f"{count} finding(s): {described}"))
    return failures


def default_workers() -> int:
    """Two workers on the two-core CI machine; fewer only where there is one core."""
    return max(1, min(2, os.cpu_count() or 1))
