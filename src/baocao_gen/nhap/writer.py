"""Writing the imported keys as YAML a clerk reads and edits, and that the loader reads back exactly.

The text is PyYAML's emitter with three choices made for clerks: keys in the order of the examples
(not sorted), prose with several lines as a `|` block (one paragraph per line, as docs/danh-dau.md
teaches), and quotes only where a reader would otherwise see something else than what was typed
(`"1.836"`, `'no'`, `"Lưu: VT"`). PyYAML already falls back to a quoted form whenever a block or a
plain scalar cannot hold a text (trailing spaces, control characters, line separators), which is the
hard part to get right by hand. Comments (the notes, `so:` left blank, the suggested kind) are plain
lines placed above the keys they speak about, so they never change a value.

Nothing is ever overwritten: if either file exists, neither is written; each is written atomically.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml

from ..codes import Code
from ..diagnostics import Diagnostic, Location
from ..write import write_atomically
from .notes import ImportNote, NoteKind

__all__ = [
    "PERIOD_ORDER",
    "PROFILE_NAME",
    "PROFILE_ORDER",
    "notes_block",
    "write_new_files",
    "yaml_document",
]

PROFILE_NAME = "don-vi.yaml"
PROFILE_ORDER = (
    "he_thong",
    "co_quan_chu_quan",
    "co_quan_ban_hanh",
    "viet_tat",
    "dia_danh",
    "ten_goi",
    "nguoi_ky",
    "noi_nhan",
    "luu",
)
PERIOD_ORDER = (
    "ke_thua",
    "loai",
    "so",
    "loai_van_ban",
    "ngay",
    "ten_loai",
    "trich_yeu",
    "danh_so",
    "mo_dau",
    "noi_dung",
    "ket_thuc",
    "chu_thich",
    "phu_luc",
    "van_ban_don_vi",
)
# What a key left blank means, said where the clerk sees the blank.
_BLANK_COMMENTS = {
    "so": "để trống: văn thư ghi số sau khi ký",
    "ngay": "để trống: văn thư ghi ngày sau khi ký",
}
_NOTE_TITLES = (
    (NoteKind.RECOGNISED, "Đã nhận ra"),
    (NoteKind.TO_CHECK, "Cần xem lại"),
    (NoteKind.NOT_MAPPED, "Không chuyển được (xem lại bản Word, gõ thêm nếu cần)"),
)


class _Dumper(yaml.SafeDumper):
    """Literal blocks for prose, list items indented under their key as in the examples, no aliases."""

    def ignore_aliases(self, data: Any) -> bool:
        return True  # the loader refuses anchors and aliases

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def _str(dumper: yaml.SafeDumper, text: str) -> yaml.Node:
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style="|" if "\n" in text else None)


def _mapping(dumper: yaml.SafeDumper, mapping: dict[Any, Any]) -> yaml.Node:
    """A small mapping of numbers (`ngay: {thang: 6, nam: 2023}`) on one line, as the examples write it."""
    flow = bool(mapping) and all(isinstance(v, int) and not isinstance(v, bool) for v in mapping.values())
    return dumper.represent_mapping("tag:yaml.org,2002:map", mapping, flow_style=flow)


class _Key(dict[str, Any]):
    """One top-level key and its value: always block style, whatever the value."""


def _key(dumper: yaml.SafeDumper, mapping: _Key) -> yaml.Node:
    return dumper.represent_mapping("tag:yaml.org,2002:map", mapping, flow_style=False)


_Dumper.add_representer(str, _str)
_Dumper.add_representer(dict, _mapping)
_Dumper.add_representer(_Key, _key)


def _dump(value: Any) -> str:
    return yaml.dump(
        value,
        Dumper=_Dumper,
        allow_unicode=True,
        sort_keys=False,
        width=1_000_000,
        default_flow_style=False,
        indent=2,
    )


def _one_line(text: str) -> str:
    """Return text fit for a comment: one line (a comment cannot hold a line break)."""
    return " ".join(text.split())


def notes_block(title: list[str], notes: Iterable[ImportNote]) -> list[str]:
    """Return the comment lines that open a written file: what was recognised, checked, not carried over."""
    notes = sorted(notes, key=lambda n: -1 if n.paragraph is None else n.paragraph)
    lines = [f"# {_one_line(line)}" if line else "#" for line in title]
    for kind, heading in _NOTE_TITLES:
        chosen = [n for n in notes if n.kind is kind]
        if not chosen:
            continue
        lines.append("#")
        lines.append(f"# {heading}:")
        for note in chosen:
            where = f"đoạn {note.paragraph}: " if note.paragraph is not None else ""
            lines.append(f"# - {where}{_one_line(note.message)}")
    return lines


def yaml_document(
    values: dict[str, object],
    order: tuple[str, ...],
    header: list[str],
    comments: dict[str, str] | None = None,
) -> str:
    """Return a YAML file: the header comment lines, then each key in `order` (others after, as given).

    `comments` puts a comment line above a key; a None value is written `key:` (blank), with the
    reason when the key has one in `_BLANK_COMMENTS`.
    """
    comments = comments or {}
    keys = [k for k in order if k in values] + [k for k in values if k not in order]
    lines = list(header)
    if lines:
        lines.append("")
    for key in keys:
        value = values[key]
        if key in comments:
            lines.append(f"# {_one_line(comments[key])}")
        if value is None:
            blank = _BLANK_COMMENTS.get(key)
            lines.append(f"{key}:" + (f"   # {blank}" if blank else ""))
            continue
        # A `|+` block at the very end makes PyYAML close the document with `...`, which would end the
        # file there; the blank lines before it belong to the block, so only one newline is removed.
        lines.append(_dump(_Key({key: value})).removesuffix("...\n").removesuffix("\n"))
    return "\n".join(lines) + "\n"


def write_new_files(files: list[tuple[Path, str]]) -> list[Diagnostic]:
    """Write each (path, text) atomically, or nothing at all when one of them is already there."""
    taken = [path for path, _ in files if path.exists() or path.is_symlink()]
    if taken:
        return [
            Diagnostic(
                Code.IMPORT_TARGET_EXISTS,
                f"đã có tệp «{path}»; baocao nhap không bao giờ ghi đè, nên không ghi tệp nào.",
                Location(str(path)),
                hint="chọn thư mục khác bằng -o, hoặc đổi tên, chuyển tệp đang có đi chỗ khác",
            )
            for path in taken
        ]
    written: list[Path] = []
    for path, text in files:
        problems = write_atomically(text.encode("utf-8"), path)
        if problems:
            for done in written:  # all or nothing: a half-imported pair would mislead
                with contextlib.suppress(OSError):
                    done.unlink()
            return problems
        written.append(path)
    return []
