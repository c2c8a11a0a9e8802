"""Regenerate the goldens of the examples after a change of output made on purpose.

Two per example: `tests/golden/<folder>__<name>.txt`, the reading text, and `….cau-truc.txt`, the
structure (styles, sections, each paragraph's effective formatting), so a style regression fails too.

    python tools/update_goldens.py

Then review `git diff tests/golden` as text and commit it with the change that caused it.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from baocao_gen.ooxml.structure import document_structure  # noqa: E402
from baocao_gen.ooxml.text import document_text  # noqa: E402
from baocao_gen.pipeline import build  # noqa: E402

GOLDEN = ROOT / "tests" / "golden"


def example_files() -> list[Path]:
    """Return every period file of the examples (profiles excluded)."""
    return sorted(p for p in (ROOT / "examples").glob("*/*.yaml") if p.name != "don-vi.yaml")


def golden_path(example: Path, suffix: str = ".txt") -> Path:
    return GOLDEN / f"{example.parent.name}__{example.stem}{suffix}"


def main() -> int:
    GOLDEN.mkdir(parents=True, exist_ok=True)
    failed = 0
    for example in example_files():
        result = build(example)
        if result.data is None:
            failed += 1
            print(f"FAILED {example.relative_to(ROOT)}")
            for diagnostic in result.diagnostics:
                print("  " + diagnostic.format())
            continue
        golden_path(example).write_text(document_text(result.data), encoding="utf-8")
        golden_path(example, ".cau-truc.txt").write_text(document_structure(result.data), encoding="utf-8")
        print(f"wrote {golden_path(example).relative_to(ROOT)} and its structure")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
