"""Ready to publish: one version everywhere, and a wheel that works outside this checkout.

The slow test builds the wheel and sdist from a clean copy (the files git
tracks), checks them with twine, installs the wheel into a fresh venv with
nothing but the package index, and runs the README's example with it.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from prisma_lint import __version__

ROOT = Path(__file__).resolve().parents[1]


def test_one_version_for_the_changelog_the_package_metadata_and_the_cli() -> None:
    from importlib.metadata import version

    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert re.findall(r"^## (\S+)", changelog, re.M)[0] == __version__
    assert version("prisma-lint") == __version__  # the metadata hatch wrote from __init__.py
    proc = sh([sys.executable, "-m", "prisma_lint", "--version"], dict(os.environ))
    assert proc.stdout == f"prisma-lint {__version__}\n"
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert 'dynamic = ["version"]' in pyproject and 'path = "prisma_lint/__init__.py"' in pyproject


def sh(args: list[str], env: dict[str, str], cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, env=env, cwd=cwd, capture_output=True, text=True, timeout=600, check=False)


def clean_copy(folder: Path) -> Path:
    """The files git tracks, as a fresh clone has them (no venv, no node_modules, no caches)."""
    files = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout
    for name in files.decode().split("\0"):
        if name and (ROOT / name).is_file():
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, folder / name)
    return folder


def index_only_env(tmp_path: Path) -> dict[str, str]:
    """pip and uv with the package index alone: no local wheel folders or config of this machine."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PIP_", "UV_", "VIRTUAL_ENV"))}
    return {
        **env,
        "PIP_CONFIG_FILE": os.devnull,
        "PIP_DISABLE_PIP_VERSION_CHECK": "1",
        "UV_NO_CONFIG": "1",
        "UV_CACHE_DIR": str(tmp_path / "uv-cache"),
        "UV_TOOL_DIR": str(tmp_path / "uv-tools"),
        "NO_COLOR": "1",
    }


def readme_example() -> tuple[list[str], str]:
    """The quick start's first command (its prisma-lint part) and the output the README shows."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    quick_start = readme.split("## Quick start", 1)[1]
    command = re.findall(r"```sh\n(.*?)\n```", quick_start, re.S)[0].split(" && ")[-1]
    shown = quick_start.split("```text\n", 1)[1].split("```", 1)[0]
    args = command.split()
    assert args[0] == ".venv/bin/prisma-lint", command
    return args[1:], shown


@pytest.mark.slow
def test_wheel_from_a_clean_copy_installs_alone_and_runs_the_readme_example(tmp_path: Path) -> None:
    source, dist, env = clean_copy(tmp_path / "src"), tmp_path / "dist", index_only_env(tmp_path)
    built = sh([sys.executable, "-m", "build", "--outdir", str(dist), str(source)], env)
    assert built.returncode == 0, built.stderr
    wheel, sdist = (
        dist / f"prisma_lint-{__version__}-py3-none-any.whl",
        dist / f"prisma_lint-{__version__}.tar.gz",
    )
    assert sorted(dist.iterdir()) == sorted([wheel, sdist])
    checked = sh([sys.executable, "-m", "twine", "check", "--strict", str(wheel), str(sdist)], env)
    assert checked.returncode == 0, checked.stdout + checked.stderr

    with zipfile.ZipFile(wheel) as archive:
        metadata = archive.read(f"prisma_lint-{__version__}.dist-info/METADATA").decode()
        assert "prisma_lint/grammar/prisma.lark" in archive.namelist()
    for line in (
        "License-Expression: MIT",
        "Requires-Python: >=3.10",
        "Description-Content-Type: text/markdown",
    ):
        assert line in metadata
    assert (
        "Project-URL: Changelog, " in metadata
        and "Classifier: Programming Language :: Python :: 3.10" in metadata
    )

    venv = tmp_path / "venv"
    assert sh([sys.executable, "-m", "venv", str(venv)], env).returncode == 0
    installed = sh([str(venv / "bin/python"), "-m", "pip", "install", "--quiet", str(wheel)], env)
    assert installed.returncode == 0, installed.stderr
    version = sh([str(venv / "bin/prisma-lint"), "--version"], env)
    assert version.stdout == f"prisma-lint {__version__}\n"
    args, shown = readme_example()
    example = sh([str(venv / "bin/prisma-lint"), *args], env, cwd=source)
    assert (example.returncode, example.stdout) == (1, shown), example.stderr


@pytest.mark.slow
def test_uvx_from_a_git_url_runs_it_as_the_readme_says(tmp_path: Path) -> None:
    """`uvx --from git+…`: here from a git repository on disk, since only the package index is reachable."""
    source, env = clean_copy(tmp_path / "src"), index_only_env(tmp_path)
    for args in (
        ["init", "--quiet"],
        ["add", "-A"],
        ["-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "x"],
    ):
        subprocess.run(["git", *args], cwd=source, check=True, capture_output=True)
    uv = shutil.which("uv", path=str(Path(sys.executable).parent))
    assert uv
    proc = subprocess.run(
        [uv, "tool", "run", "--from", f"git+{source.as_uri()}", "prisma-lint", "--version"],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == f"prisma-lint {__version__}\n"
