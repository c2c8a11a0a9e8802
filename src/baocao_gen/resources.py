"""Where the shipped templates and reference data are, installed or in a checkout.

A wheel carries `templates/` and `data/` inside the package (pyproject's force-include); an editable
install or a plain checkout finds them at the repository root. Both must work from any directory.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["data_dir", "data_file", "template_path", "templates_dir"]

_PACKAGE = Path(__file__).resolve().parent


def _find(name: str) -> Path:
    for candidate in (_PACKAGE / name, _PACKAGE.parent.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"không tìm thấy thư mục {name}/ của baocao-gen (cài đặt hỏng?)")


def templates_dir() -> Path:
    """Return the folder of the .docx templates."""
    return _find("templates")


def data_dir() -> Path:
    """Return the folder of the reference data (citations, report kinds)."""
    return _find("data")


def template_path(system: str) -> Path:
    """Return the frame template of a document system (`nha_nuoc` or `dang`)."""
    return templates_dir() / f"khung-{system.replace('_', '-')}.docx"


def data_file(name: str) -> Path:
    """Return a file of the reference data folder."""
    return data_dir() / name
