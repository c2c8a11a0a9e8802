"""What the start-up optimisations of issue 13 keep: each cheaper path says what the plain one says.

Every test here compares the quick way a module now takes with the straightforward way it replaced,
on many inputs, in the same process; none of them times anything.
"""

from __future__ import annotations

import functools
import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest
from num2words import num2words

from baocao_gen import vietnamese
from baocao_gen.vietnamese import number_to_words

ROOT = Path(__file__).resolve().parent.parent


def _sample_numbers() -> list[int]:
    """Every number below 2,000, and 3,000 spread over every order of magnitude up to 10**15."""
    rng = random.Random(13)
    spread = [rng.randrange(10**digits, 10 ** (digits + 1)) for digits in range(15) for _ in range(200)]
    return [*range(2000), *spread, 10**15 - 1]


def test_vietnamese_converter_says_what_num2words_says() -> None:
    """The converter loaded alone gives num2words(n, lang="vi")'s own words, mistakes included."""
    for number in _sample_numbers():
        assert vietnamese._num2words(number) == num2words(number, lang="vi"), number


def test_number_words_still_carry_our_fixes() -> None:
    """The fixes of vietnamese.py apply to the words of the converter loaded alone."""
    assert number_to_words(2024) == "hai nghìn không trăm hai mươi tư"
    assert number_to_words(105) == "một trăm linh năm"
    assert number_to_words(10**15) == "một triệu tỷ"
    assert number_to_words(-5) == "âm năm"


def test_vietnamese_converter_is_one_instance_per_process() -> None:
    assert vietnamese._vietnamese_converter() is vietnamese._vietnamese_converter()


_RENDER_PROBE = """
import json, sys
from baocao_gen.entry import run_guarded
code = run_guarded(sys.argv[1:])
print(json.dumps({"code": code, "modules": sorted(sys.modules)}))
"""


@pytest.fixture(scope="module")
def render_modules(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """The modules a fresh `baocao render` of the Phổ Hòa example holds when it ends."""
    out = tmp_path_factory.mktemp("boot") / "pho-hoa.docx"
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            _RENDER_PROBE,
            "render",
            str(ROOT / "examples" / "pho-hoa" / "tong-ket-nq25-2023.yaml"),
            "-o",
            str(out),
        ],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin", "PYTHONIOENCODING": "utf-8"},
        check=False,
    )
    assert done.returncode == 0, done.stderr
    probe = json.loads(done.stdout.strip().splitlines()[-1])
    assert probe["code"] == 0
    assert out.exists()
    return list(probe["modules"])


def test_render_loads_no_other_language_of_num2words(render_modules: list[str]) -> None:
    """The report spells numbers in words, yet num2words' package (every language) is never imported."""
    assert not [name for name in render_modules if name == "num2words" or name.startswith("num2words.")]


# --------------------------------------------------------------------------- `baocao templates`

_KIND_HEADERS = [
    "ten: Báo cáo A\nmo_ta: Một dòng.\nhe_thong: [nha_nuoc, dang]\nde_cuong: []\n",
    "# chú thích\nten: 'Báo cáo: B'\nde_cuong:\n  - {ma: a, tieu_de: X, muc: [{ma: b, tieu_de: Y}]}\nmo_ta: >\n  Hai\n  dòng.\nhe_thong:\n  - dang\n",
    'so_lieu: {a: {b: c}}\nten: "Báo cáo \\"C\\""\nphu_luc: {x: {cot: [[1, 2], [3]]}}\nhe_thong: [nha_nuoc]\n',
    "ten: Chỉ có tên\n",
    "mo_ta: Không có tên\nhe_thong: []\n",
]


@pytest.mark.parametrize("text", _KIND_HEADERS)
def test_kind_header_events_give_the_loaded_values(text: str) -> None:
    """The three header keys read from events are what loading the whole file gives for them."""
    import yaml

    from baocao_gen.kind_list import _HEADER_KEYS, _header

    loaded = yaml.safe_load(text)
    assert _header(text) == {key: value for key, value in loaded.items() if key in _HEADER_KEYS}


def test_kind_headers_of_the_shipped_kinds_are_their_loaded_values() -> None:
    import yaml

    from baocao_gen.kind_list import _HEADER_KEYS, _folder, _header

    files = [item for item in _folder().iterdir() if item.name.endswith(".yaml")]
    assert len(files) >= 4
    for item in files:
        text = item.read_text(encoding="utf-8")
        loaded = yaml.safe_load(text)
        assert _header(text) == {key: value for key, value in loaded.items() if key in _HEADER_KEYS}, (
            item.name
        )


# --------------------------------------------------------------------------- the CLI's annotations


@pytest.mark.parametrize("module", ["cli", "cli_batch", "cli_nhap", "cli_diff"])
def test_command_modules_keep_real_annotations(module: str) -> None:
    """Typer evaluates string annotations at every start (an eval each); the command modules give it objects."""
    source = (ROOT / "src" / "baocao_gen" / f"{module}.py").read_text(encoding="utf-8")
    assert "\nfrom __future__ import annotations\n" not in source


# --------------------------------------------------------------------------- shipped kinds


def test_shipped_kinds_read_quickly_are_the_located_kinds() -> None:
    """Each shipped kind has nothing to report on the located path, and libyaml alone gives the same kind."""
    from baocao_gen.kinds import _quick_shipped_kind, _shipped_folder, _shown_name, kind_names, read_kind_file

    assert len(kind_names()) >= 4
    for code in kind_names():
        path = _shipped_folder() / f"{code}.yaml"
        located, problems = read_kind_file(path, _shown_name(code), code)
        assert problems == [], code
        quick = _quick_shipped_kind(path, code)
        assert quick is not None, code
        assert quick == located, code


def test_shipped_kind_answers_per_code() -> None:
    from baocao_gen.kinds import shipped_kind

    generic, _ = shipped_kind("chung")
    resolution, _ = shipped_kind("tong-ket-nghi-quyet")
    assert generic is not None and resolution is not None
    assert (generic.ma, resolution.ma) == ("chung", "tong-ket-nghi-quyet")
    assert generic.so_lieu != resolution.so_lieu


# What pydantic or libyaml catch, the quick path declines. (A duplicate key or a blank value only the
# located loader sees: that is why the quick path is for the shipped files, each checked above.)
_BROKEN_KINDS = {
    "unknown key": "ten: A\nsai_khoa: 1\n",
    "wrong reference": "ten: A\nso_lieu: {a: số a}\ncau: {x: 'có {b} người'}\n",
    "missing title": "mo_ta: B\n",
    "not NFC": "ten: Ba\u0301o ca\u0301o\n",
    "not YAML": "ten: [A\n",
}


@pytest.mark.parametrize("text", list(_BROKEN_KINDS.values()), ids=list(_BROKEN_KINDS))
def test_a_kind_the_model_refuses_is_read_the_located_way(text: str, tmp_path: Path) -> None:
    from baocao_gen.kinds import _quick_shipped_kind, read_kind_file

    path = tmp_path / "thu.yaml"
    path.write_text(text, encoding="utf-8")
    assert _quick_shipped_kind(path, "thu") is None
    located, problems = read_kind_file(path)
    assert problems or text == _BROKEN_KINDS["not NFC"]  # NFC text is the located loader's to make


# --------------------------------------------------------------------------- pydantic plugins

_PLUGIN_PROBE = """
import atexit, json, os, sys

def report():
    import pydantic.plugin._loader as loader
    print(json.dumps({"scanned": loader._plugins is not None, "models": "baocao_gen.model" in sys.modules}))

atexit.register(report)
from baocao_gen.entry import main
main(sys.argv[1:])
"""


def test_the_console_script_skips_pydantic_plugin_discovery() -> None:
    """The console script validates with pydantic models yet never scans installed packages for plugins."""
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            _PLUGIN_PROBE,
            "validate",
            str(ROOT / "examples" / "ba-to" / "dan-van-chinh-quyen-6-thang-2023.yaml"),
        ],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin", "PYTHONIOENCODING": "utf-8"},
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout.strip().splitlines()[-1]) == {"scanned": False, "models": True}


def test_the_imports_leave_the_collector_on_with_their_objects_frozen() -> None:
    """entry.settle_imports: the collector is on again after the imports, and what they built is frozen."""
    probe = (
        "import gc\n"
        "from baocao_gen.entry import _import_cli\n"
        "assert gc.isenabled()\n"
        "_import_cli(True)\n"
        "print(gc.isenabled(), gc.get_freeze_count())\n"
    )
    source = str(Path(__file__).resolve().parent.parent / "src")  # this checkout's code, not an installed one
    done = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": source},
    )
    enabled, frozen = done.stdout.split()
    assert enabled == "True"
    assert int(frozen) > 50_000  # the CLI, Typer, pydantic, docxtpl, lxml wrappers… (≈ 200,000 objects)


@pytest.mark.parametrize(
    ("pattern", "complement"),
    [
        ("baocao_gen.ooxml.body:_NOT_XML", "[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"),
        (
            "baocao_gen.loader:_FAST_UNSAFE",
            "[\t\ufeff\x85\u2028\u2029]|[^\x09\x0a\x0d\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]",
        ),
    ],
)
def test_a_listed_character_class_matches_exactly_what_its_slow_complement_did(
    pattern: str, complement: str
) -> None:
    """The forbidden characters are listed for a cheap compile; every code point must agree."""
    import importlib
    import re

    module, name = pattern.split(":")
    listed = getattr(importlib.import_module(module), name)
    slow = re.compile(complement)
    everything = "".join(map(chr, range(0x110000)))
    assert [m.start() for m in listed.finditer(everything)] == [m.start() for m in slow.finditer(everything)]


def test_remembered_grouping_answers_as_babel_does_for_every_number_in_any_order() -> None:
    """vietnamese._grouped remembers babel's answer by the Decimal's text: never another number's."""
    from decimal import Decimal

    rng = random.Random(13)
    values: list[int | Decimal | float] = [Decimal("1.0"), Decimal("1"), Decimal("-0.00"), 0, -0.0, 1836]
    values += [rng.randint(-(10**12), 10**12) for _ in range(300)]
    values += [Decimal(rng.randint(-(10**8), 10**8)).scaleb(-rng.randint(0, 6)) for _ in range(300)]
    values += [rng.uniform(-1e7, 1e7) for _ in range(300)]
    cases = [(value, rng.choice([None, 0, 1, 2, 3])) for value in values]
    vietnamese._grouped.cache_clear()
    remembered = [vietnamese.format_number(value, decimals) for value, decimals in cases * 2]
    uncached = vietnamese._grouped.__wrapped__
    try:
        vietnamese._grouped = uncached  # type: ignore[assignment]
        straight = [vietnamese.format_number(value, decimals) for value, decimals in cases * 2]
    finally:
        vietnamese._grouped = functools.lru_cache(maxsize=4096)(uncached)  # type: ignore[assignment]
    assert remembered == straight
    assert vietnamese.format_number(Decimal("1836")) == "1.836"
