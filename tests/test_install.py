"""A wheel built from the repository works on a machine that has nothing but Python and pip.

The wheel goes into a new virtual environment WITHOUT the test environment's packages (no
--system-site-packages), with its dependencies resolved by pip from the package index, exactly as a
clerk's `pip install` would. A dependency missing from pyproject.toml, a template or data file missing
from the wheel, or code that only works from the checkout fails here.
"""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile

from conftest import EXAMPLES, ROOT


def test_wheel_installs_with_its_dependencies_into_a_clean_venv_and_runs_elsewhere(tmp_path):
    wheels = tmp_path / "wheels"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(wheels),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    [wheel] = wheels.glob("baocao_gen-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "baocao_gen/templates/khung-nha-nuoc.docx" in names
    assert "baocao_gen/templates/khung-dang.docx" in names
    assert "baocao_gen/data/trich-dan.yaml" in names
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME")}
    python = str(venv / "bin" / "python")
    # The new venv sees only its own site-packages: nothing leaks from the test environment.
    leaked = subprocess.run(
        [
            python,
            "-c",
            "import importlib.util as u; print([m for m in ('babel', 'docxtpl', 'typer', 'yaml') if u.find_spec(m)])",
        ],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    ).stdout.strip()
    assert leaked == "[]"
    install = subprocess.run(
        [python, "-m", "pip", "install", "-q", str(wheel)], capture_output=True, text=True, env=env
    )
    assert install.returncode == 0, install.stderr
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
    assert zipfile.ZipFile(elsewhere / "kq.docx").testzip() is None
    where = subprocess.run(
        [
            python,
            "-c",
            "import baocao_gen.resources as r, babel; print(r.templates_dir()); print(babel.__file__)",
        ],
        cwd=elsewhere,
        capture_output=True,
        text=True,
        env=env,
        check=True,
    ).stdout.splitlines()
    # Templates found inside the installed package (not the checkout), dependencies inside the venv.
    assert all(line.startswith(str(venv)) for line in where), where
    # The shipped data travels with the wheel: the diagnostics catalogue and the kinds.
    explained = subprocess.run(
        [str(venv / "bin" / "baocao"), "giai-thich", "D121"],
        cwd=elsewhere,
        capture_output=True,
        text=True,
        env=env,
    )
    assert explained.returncode == 0 and "D121" in explained.stdout, explained.stderr
    kinds = subprocess.run(
        [str(venv / "bin" / "baocao"), "templates"], cwd=elsewhere, capture_output=True, text=True, env=env
    )
    assert kinds.returncode == 0 and "dan-van-kheo" in kinds.stdout, kinds.stderr
