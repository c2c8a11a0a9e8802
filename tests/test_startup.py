"""The commands that do no rendering start without the rendering libraries (issue 13).

`baocao --help`, `version` and `templates` are what a clerk types first and most often while
learning the tool; they must start about as fast as a bare Typer app, so they must not import docxtpl,
lxml, Jinja, babel or our pydantic models. Each runs in a fresh interpreter, which then lists the
modules it holds.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# Imported by the rendering pipeline only; their import is most of `baocao render`'s start-up.
HEAVY = (
    "docxtpl",
    "docx",
    "lxml",
    "jinja2",
    "babel",
    "num2words",
    "baocao_gen.model",
    "baocao_gen.kind_model",
    "baocao_gen.pipeline",
)

_PROBE = """
import contextlib, io, json, sys
from baocao_gen.entry import run_guarded  # what the console script runs
with contextlib.redirect_stdout(io.StringIO()) as out:
    code = run_guarded(sys.argv[1:])
print(json.dumps({"code": code, "text": out.getvalue(), "modules": sorted(sys.modules)}))
"""


def _run(*args: str) -> dict:
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin", "PYTHONIOENCODING": "utf-8"},
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.mark.parametrize("args", [("--help",), ("version",), ("templates",), ("render", "--help")])
def test_light_commands_import_no_rendering_library(args: tuple[str, ...]) -> None:
    probe = _run(*args)
    assert probe["code"] == 0
    assert probe["text"].strip(), "the command printed nothing"
    loaded = [name for name in HEAVY if name in probe["modules"]]
    assert loaded == [], f"`baocao {' '.join(args)}` imported {loaded}"


def test_rendering_commands_load_the_pipeline_before_running() -> None:
    """A Ctrl-C during the pipeline's imports is held back by entry.py only if they happen there."""
    probe = _run("validate", str(ROOT / "examples" / "ba-to" / "dan-van-chinh-quyen-6-thang-2023.yaml"))
    assert probe["code"] == 0
    assert "baocao_gen.pipeline" in probe["modules"]


def test_templates_list_matches_the_validated_kinds() -> None:
    """The quick list reads three header keys itself; it must say what the validated kinds say."""
    from baocao_gen.kind_list import kind_summaries
    from baocao_gen.kinds import kind_names, load_kind

    summaries = kind_summaries()
    assert [summary.ma for summary in summaries] == kind_names()
    for summary in summaries:
        kind = load_kind(summary.ma)
        assert kind is not None
        assert (summary.ten, summary.mo_ta, summary.he_thong) == (kind.ten, kind.mo_ta, tuple(kind.he_thong))


def test_templates_list_names_every_kind_in_vietnamese() -> None:
    text = _run("templates")["text"]
    from baocao_gen.kinds import kind_names, load_kind

    for code in kind_names():
        kind = load_kind(code)
        assert kind is not None
        assert f"{code:<22} {kind.ten} [" in text
    assert "baocao templates <loại>" in text
