"""baocao-gen: Vietnamese official reports (.docx) from a unit's YAML data.

The pipeline stages are importable one by one (load_data, validate_tree, compute, render_plan,
verify_package, write_atomically) and together (check, build, render_file).
"""

from .diagnostics import BaocaoError, Diagnostic, DiagnosticsError, Location, Severity
from .pipeline import Result, build, check, render_file

__all__ = [
    "BaocaoError",
    "Diagnostic",
    "DiagnosticsError",
    "Location",
    "Result",
    "Severity",
    "build",
    "check",
    "render_file",
]

__version__ = "0.1.0"
