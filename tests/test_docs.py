"""The docs say what the code does."""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _gen_changes_doc() -> str:
    spec = importlib.util.spec_from_file_location("gen", ROOT / "scripts" / "gen_changes_doc.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    text: str = module.render()
    return text


def test_changes_md_is_generated_from_the_codes() -> None:
    assert (ROOT / "docs" / "changes.md").read_text(encoding="utf-8") == _gen_changes_doc(), (
        "run: python scripts/gen_changes_doc.py"
    )


def test_readme_quick_start_has_exactly_two_commands() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    commands = re.findall(r"```sh\n(.*?)\n```", section, re.S)
    assert len(commands) == 2
    assert all("\n" not in c for c in commands)
    assert "prisma-lint diff examples/" in commands[0]
    assert commands[1] == "bash scripts/test.sh"


def test_readme_example_output_is_what_the_tool_prints() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    shown = readme.split("```text\n", 1)[1].split("```", 1)[0]
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "prisma_lint",
            "diff",
            "examples/admin/prisma/schema.prisma",
            "examples/portal/prisma/schema.prisma",
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={"NO_COLOR": "1", "PATH": "/usr/bin:/bin"},
        check=False,
    )
    assert proc.returncode == 1
    assert proc.stdout == shown


def test_architecture_names_only_modules_that_exist() -> None:
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    for name in re.findall(r"`([a-z_]+\.py)`", text):
        assert list((ROOT / "prisma_lint").rglob(name)), name
