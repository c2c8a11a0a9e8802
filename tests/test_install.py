"""A wheel built from the repository works outside the checkout: templates and data ship inside it."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile

from conftest import EXAMPLES, ROOT


def test_wheel_carries_templates_and_data_and_runs_elsewhere(tmp_path):
    wheels = tmp_path / "wheels"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(wheels), str(ROOT)],
        check=True,
        capture_output=True,
    )
    [wheel] = wheels.glob("baocao_gen-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "baocao_gen/templates/khung-nha-nuoc.docx" in names
    assert "baocao_gen/templates/khung-dang.docx" in names
    assert "baocao_gen/data/trich-dan.yaml" in names
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", str(venv)], check=True)
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    subprocess.run([str(venv / "bin" / "pip"), "install", "-q", "--no-deps", "--no-index", str(wheel)], check=True, env=env)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    example = EXAMPLES / "ba-to" / "dan-van-chinh-quyen-6-thang-2023.yaml"
    proc = subprocess.run(
        [str(venv / "bin" / "baocao"), "render", str(example), "-o", "kq.docx"],
        cwd=elsewhere,
        capture_output=True,
        text=True,
        env=env,
    )
    assert proc.returncode == 0, proc.stderr
    assert (elsewhere / "kq.docx").stat().st_size > 10_000
    where = subprocess.run(
        [str(venv / "bin" / "python"), "-c", "import baocao_gen.resources as r; print(r.templates_dir())"],
        cwd=elsewhere, capture_output=True, text=True, env=env, check=True,
    ).stdout
    assert str(venv) in where  # found inside the installed package, not in the checkout
