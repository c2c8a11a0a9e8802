"""Write the frame templates to templates/ from their single source, baocao_gen.ooxml.frame.

Run after changing the frame: `python tools/build_templates.py`. tests/test_templates.py fails when
the committed templates differ from what this writes.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from baocao_gen.ooxml.frame import build_frame  # noqa: E402
from baocao_gen.resources import template_path  # noqa: E402


def main() -> None:
    for system in ("nha_nuoc", "dang"):
        target = template_path(system)
        target.write_bytes(build_frame(system))
        print(f"wrote {target.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
