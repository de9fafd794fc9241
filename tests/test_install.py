"""The built wheel carries grammar/ and parses on its own, outside the source tree."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_wheel_ships_the_grammar_and_parses(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheels), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (wheel,) = wheels.glob("prisma_lint-*.whl")
    site = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(site), str(wheel)],
        check=True,
        capture_output=True,
    )
    assert (site / "prisma_lint" / "grammar" / "prisma.lark").is_file()
    # Run from an empty folder with only the installed copy first on the path, so
    # neither the checkout nor its grammar/ can be picked up by accident.
    env = {**os.environ, "PYTHONPATH": str(site)}
    code = (
        "import prisma_lint, prisma_lint.cli; "
        f"assert prisma_lint.__file__.startswith({str(site)!r}), prisma_lint.__file__; "
        "prisma_lint.cli.main()"
    )
    schema = ROOT / "examples/admin/prisma/schema.prisma"
    proc = subprocess.run(
        [sys.executable, "-c", code, "parse", str(schema)],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert "9 blocks" in proc.stdout
