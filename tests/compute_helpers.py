"""Small models for the unit tests of compute's parts: YAML through the loader and validate, no files."""

from __future__ import annotations

import textwrap
from typing import Any

from baocao_gen.compute.locations import Locations
from baocao_gen.compute.references import Notes, References
from baocao_gen.compute.text import TextResolver
from baocao_gen.diagnostics import Diagnostic
from baocao_gen.loader import load_text
from baocao_gen.model import BaoCao
from baocao_gen.validate import validate_tree
from conftest import STATE_PROFILE

FILE = "bao-cao.yaml"
BASE = """\
so: 5
ngay: 05/6/2023
trich_yeu: Kết quả công tác dân vận 6 tháng đầu năm 2023
noi_nhan:
  - UBND huyện
luu: VT
"""


def _file_text(period: str, profile: str) -> str:
    """Return profile + BASE + period as one file; a top-level key of `period` replaces theirs."""
    period = textwrap.dedent(period)
    typed = {line.split(":", 1)[0] for line in period.splitlines() if line[:1].isalpha()}
    kept: list[str] = []
    dropping = False
    for line in (profile + BASE).splitlines(keepends=True):
        if line[:1].isalpha():
            dropping = line.split(":", 1)[0] in typed
        if not dropping:
            kept.append(line)
    return "".join(kept) + period


def report_and_tree(period: str, profile: str = STATE_PROFILE) -> tuple[BaoCao, Any]:
    """Return the model and the located tree of a profile, BASE and `period` typed as one file."""
    text = _file_text(period, profile)
    tree, problems = load_text(text, FILE)
    assert not problems, [p.format() for p in problems]
    report, problems = validate_tree(tree)
    assert report is not None and not problems, [p.format() for p in problems]
    return report, tree


def line_of(period: str, needle: str, profile: str = STATE_PROFILE) -> int:
    """Return the 1-based line of the file where `needle` was typed (to check a diagnostic's place)."""
    for number, line in enumerate(_file_text(period, profile).splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(needle)


class KindStub:
    """The three things `References` asks of a report kind: sentences, totals, optional figures."""

    def __init__(
        self, cau: dict[str, str] | None = None, tinh: dict[str, tuple[str, ...]] | None = None, optional=()
    ):
        self.cau = cau or {}
        self.tinh = tinh or {}
        self._optional = set(optional)

    def optional_figure(self, path: str) -> bool:
        return path in self._optional


def resolver(
    figures: dict[str, Any] | None = None,
    notes: dict[str, str] | None = None,
    tree: Any = None,
    kind: Any = None,
) -> tuple[TextResolver, References, Notes]:
    """Return a text resolver over `figures` and footnote texts `notes`, with its parts."""
    diagnostics: list[Diagnostic] = []
    locations = Locations(tree)
    references = References(figures or {}, kind, diagnostics)
    footnotes = Notes(notes or {}, references, locations)
    return TextResolver(references, footnotes, locations), references, footnotes
