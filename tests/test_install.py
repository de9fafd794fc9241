"""A plain, non-editable `pip install .` in a fresh venv can parse: grammar/ ships in the wheel."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.slow  # builds a venv and a wheel


def test_fresh_venv_install_parses(tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    subprocess.run([*pip, str(ROOT)], check=True, capture_output=True)
    installed = subprocess.run(
        [
            str(venv / "bin" / "python"),
            "-c",
            "import prisma_lint, pathlib; print(pathlib.Path(prisma_lint.__file__).parent)",
        ],
        capture_output=True,
        text=True,
        check=True,
        cwd=tmp_path,
    ).stdout.strip()
    assert installed.startswith(str(venv)), installed  # the installed copy, not this checkout
    assert (Path(installed) / "grammar" / "prisma.lark").is_file()
    assert (Path(installed) / "grammar" / "prisma.lark.tables").is_file()
    # From an empty folder, so nothing of the checkout can be picked up by accident.
    schema = ROOT / "examples/admin/prisma/schema.prisma"
    proc = subprocess.run(
        [str(venv / "bin" / "prisma-lint"), "parse", str(schema)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**os.environ, "NO_COLOR": "1"},
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert "9 blocks" in proc.stdout
    # What docs/changes.md and --help point at ships with the package.
    explained = subprocess.run(
        [str(venv / "bin" / "prisma-lint"), "explain", "FIELD_ADDED"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
    )
    assert explained.returncode == 0 and "A field exists only in the portal copy." in explained.stdout
