"""Write the frame templates to templates/ from their single source, baocao_gen.ooxml.frame.

Run after changing the frame: `python tools/build_templates.py`. tests/test_templates.py fails when
the committed templates differ from what this writes.
"""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from baocao_gen.ooxml.frame import build_frame  # noqa: E402
from baocao_gen.ooxml.package import read_parts, write_parts  # noqa: E402
from baocao_gen.resources import template_path  # noqa: E402

STAMP = datetime(2020, 3, 5, tzinfo=UTC)  # NĐ 30/2020 takes effect: a fixed, meaningful date


def main() -> None:
    for system in ("nha_nuoc", "dang"):
        target = template_path(system)
        data = write_parts(read_parts(build_frame(system)), STAMP)
        target.write_bytes(data)
        print(f"wrote {target.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
