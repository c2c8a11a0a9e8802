"""Make the "pasted" data files: each seed's text as a clerk pastes it from Word, into the markup.

Numbers, letters and dates stay as the seed prints them; there are no keys, no computed sentences:
a heading keeps its typed "III." in `tieu_de`, a numbered paragraph its "1." in `van_ban`, a model
its "f)" in `mo_hinh[].ten`, a list of documents is typed cell by cell. The unit's profile fields come
from its example (examples/<unit>/don-vi.yaml). Run from the repository root:

    python tests/seeds/pasted/paste.py

The files are committed; tests/test_integrity_seeds.py reads them and pins what the checks report.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[3]
SEEDS = ROOT.parent / "shared" / "seeds"
HERE = Path(__file__).resolve().parent
UNITS = {"000": "ba-to", "001": "pho-hoa", "002": "ba-to", "003": "luc-binh", "004": "binh-son"}

_LEAD = re.compile(r"^(Phần thứ \w+|[IVX]+\s*[.\-]|\d{1,2}(\.\d{1,2})*\.|[a-zđfjwz]\))\s*", re.IGNORECASE)
_TAGS = re.compile(r"</?(sup|sub|i|b|u)>")


def plain(line: str) -> str:
    """Return a line as Word pastes it: no markdown marks, no HTML tags, braces escaped for the markup."""
    text = _TAGS.sub("", re.sub(r"<sup>\d+</sup>\s*", "", line))
    text = re.sub(r"^#+\s*", "", text.strip())
    text = re.sub(r"^-\s+(?=[a-zđfjwz]\)\s*Mô hình)", "", text)  # a model's letter under a stray bullet
    text = text.replace("*", "").replace("\\", "")
    text = text.replace("{", "\\{").replace("}", "\\}")
    return " ".join(text.split())


def split_seed(text: str) -> tuple[str, list[str], list[str]]:
    """Return the title (trích yếu), the body lines and the lines after "Nơi nhận"."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if plain(line).upper() == "BÁO CÁO")
    title: list[str] = []
    index = start + 1
    while index < len(lines) and not lines[index].strip():
        index += 1
    while index < len(lines) and lines[index].strip():
        title.append(plain(lines[index]))
        index += 1
    end = next((i for i, line in enumerate(lines) if plain(line).startswith("Nơi nhận")), len(lines))
    return " ".join(title), lines[index:end], lines[end:]


def is_heading(line: str) -> bool:
    """Return whether a pasted line is a heading (a typed number and a short title), not a paragraph."""
    text = plain(line)
    if not _LEAD.match(text):
        return False
    return line.lstrip().startswith(("#", "**")) or (len(text) < 160 and not text.endswith((".", ";")))


def table(rows: list[str]) -> dict:
    cells = [[plain(cell) for cell in row.split("\t")] for row in rows]
    width = max(len(row) for row in cells)
    header = cells[0] + [""] * (width - len(cells[0]))
    return {
        "cot": [{"ten": name, "kieu": "chu"} for name in header],
        "dong": [row + [""] * (width - len(row)) for row in cells[1:]],
    }


def body(lines: list[str]) -> tuple[list[str], list[dict], list[dict]]:
    """Return the opening paragraphs, the flat list of sections and the models, as typed."""
    opening: list[str] = []
    sections: list[dict] = []
    models: list[dict] = []
    current: list[str] = opening
    pending_table: list[str] = []
    part = ""

    def flush_table() -> None:
        if pending_table and sections:
            sections[-1].setdefault("bang", []).append(table(pending_table))
        pending_table.clear()

    for raw in lines:
        if "\t" in raw:
            pending_table.append(raw)
            continue
        flush_table()
        text = plain(raw)
        if not text:
            continue
        if re.fullmatch(r"Phần thứ \w+", text):
            part = text
            continue
        if part:
            text, part = f"{part} - {text}", ""
            sections.append({"tieu_de": text})
            current = []
            sections[-1]["lines"] = current
            continue
        if re.match(r"^[a-zđfjwz]\)\s*Mô hình", text):
            models.append({"ten": text})
            current = []
            models[-1]["lines"] = current
        elif is_heading(raw):
            sections.append({"tieu_de": text})
            current = []
            sections[-1]["lines"] = current
        elif _LEAD.match(text) and not text.startswith(("Phần", "phần")):
            # a numbered paragraph: an item with no title, its number typed on its first line
            sections.append({})
            current = [text]
            sections[-1]["lines"] = current
        else:
            current.append(text)
    flush_table()
    for item in [*sections, *models]:
        typed = item.pop("lines", [])
        if typed:
            item["van_ban"] = "\n".join(typed) + "\n"
    return opening, sections, models


def appendices(lines: list[str]) -> list[dict]:
    out: list[dict] = []
    title: list[str] = []
    rows: list[str] = []
    for raw in [*lines, ""]:
        if "\t" in raw:
            rows.append(raw)
            continue
        if rows:
            out.append(
                {"tieu_de": " ".join(title[-2:]) or "Phụ lục", "huong": "ngang", "bang": [table(rows)]}
            )
            rows, title = [], []
        if plain(raw) and not plain(raw).startswith("Nơi nhận"):
            title.append(plain(raw))
    return out


class _Dumper(yaml.SafeDumper):
    pass


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _text)


def paste(seed: Path) -> str:
    """Return the YAML of one seed pasted as typed."""
    code = seed.name[:3]
    profile = yaml.safe_load((ROOT / "examples" / UNITS[code] / "don-vi.yaml").read_text(encoding="utf-8"))
    title, lines, after = split_seed(seed.read_text(encoding="utf-8"))
    opening, sections, models = body(lines)
    data = {key: value for key, value in profile.items() if key not in ("mau", "van_ban_don_vi")}
    data.update({"so": None, "ngay": None, "trich_yeu": title})
    if opening:
        data["mo_dau"] = "\n".join(opening) + "\n"
    data["noi_dung"] = sections
    if models:
        data["mo_hinh"] = models
    extra = appendices(after)
    if extra:
        data["phu_luc"] = extra
    recipients = [
        plain(line)[1:].strip()
        for line in after[1:12]
        if plain(line).startswith("-") and len(plain(line)) > 2
    ]
    data["noi_nhan"] = recipients or ["Như trên"]
    head = (
        f"# Seed {code} dán nguyên văn như người gõ (tests/seeds/pasted/paste.py): số mục, chữ cái, ngày giữ như bản gốc,\n"
        "# không dùng [[khóa]], không dùng câu chuẩn. tests/test_integrity_seeds.py ghi những lỗi công cụ báo ra.\n"
    )
    return head + yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100000)


def main() -> int:
    for seed in sorted(SEEDS.glob("*.txt")):
        target = HERE / f"seed-{seed.name[:3]}.yaml"
        target.write_text(paste(seed), encoding="utf-8")
        print(f"wrote {target.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
