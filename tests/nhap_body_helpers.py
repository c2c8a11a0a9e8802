"""Helpers of the body-import tests: write a period file from imported keys (part A writes the real writer)."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from baocao_gen.check.components import find_components
from baocao_gen.nhap.body import BodyImport, read_body
from baocao_gen.ooxml.reader import read_docx
from baocao_gen.ooxml.text import document_text


class _Dumper(yaml.SafeDumper):
    """Multi-line strings as `|` blocks, as the clerk's files write prose."""


def _string(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|" if "\n" in value else None)


_Dumper.add_representer(str, _string)


def import_body(data: bytes) -> BodyImport:
    doc = read_docx(data)
    return read_body(doc, find_components(doc, None))


def write_period(path: Path, frame: dict[str, object], body: BodyImport) -> Path:
    period = dict(frame)
    period["loai"] = "chung"
    period.update(body.period)
    path.write_text(
        yaml.dump(period, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10**6), encoding="utf-8"
    )
    return path


def body_lines(data: bytes) -> list[str]:
    """The reading text before the footnotes, a merged-down header cell (`^`) read as the empty cell it shows.

    The reader (`ooxml.reader.Table`) gives no cell spans, so a header cell left empty on purpose and
    a cell merged from above cannot be told apart; both print nothing in their own row.
    """
    text = document_text(data).split("--- chú thích ---")[0]
    return [re.sub(r"(?<=\| )\^(?= \|)", "", line) for line in text.splitlines()]


def footnote_texts(data: bytes) -> list[str]:
    """Footnote texts as `ooxml.reader` gives them (its `Footnote.text` joins a note's paragraphs)."""
    return [note.text for _, note in sorted(read_docx(data).footnotes.items())]
