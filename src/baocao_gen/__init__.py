"""baocao-gen: Vietnamese official reports (.docx) from a unit's YAML data.

The pipeline stages are importable one by one (load_data, validate_tree, compute, render_plan,
verify_package, write_atomically) and together (check, build, render_file).

Importing the package itself is kept free of heavy imports: the `baocao` command starts by importing
it, and a Ctrl-C during that moment must reach the command's own handler (one Vietnamese line, exit
130), not Python's traceback. The public names are therefore loaded on first use.
"""

from __future__ import annotations

# Not even `typing` is imported at run time: mypy treats any module-level TYPE_CHECKING as true.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from .diagnostics import Diagnostic, Location, Severity
    from .pipeline import Result, build, check, render_file

__all__ = ["Diagnostic", "Location", "Result", "Severity", "build", "check", "render_file"]

__version__ = "0.1.0"

_HOME = {
    "Diagnostic": "diagnostics",
    "Location": "diagnostics",
    "Severity": "diagnostics",
    "Result": "pipeline",
    "build": "pipeline",
    "check": "pipeline",
    "render_file": "pipeline",
}


def __getattr__(name: str) -> Any:
    """Load a public name from its module the first time it is used (PEP 562)."""
    module = _HOME.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(f".{module}", __name__), name)
