"""The Action's install: uv pinned by wheel hash, one cache kept between runs, nothing left to later steps.

Each test here has a RUNNER_TEMP of its own, so its cache service starts
empty (tests/action_standins.py: actions/cache). uv comes from PyPI on a
cold run, through pip with the hashes of scripts/uv-requirements.txt.
"""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.action_runner import ROOT, ActionRun, run_action
from tests.gitrepos import SCHEMA, admin_repo, portal_repo, remote_of, version

slow = pytest.mark.slow  # the tests that run the action build prisma-lint in a venv

UV_WHEEL = "uv-0.12.4-py3-none-manylinux_2_17_x86_64.manylinux2014_x86_64.whl"


@pytest.fixture
def canonical(tmp_path: Path) -> str:
    admin_repo(tmp_path / "admin")
    return remote_of(tmp_path / "admin")


def check(tmp_path: Path, canonical: str, **env: str) -> ActionRun:
    runner_temp = tmp_path / "temp"
    runner_temp.mkdir(exist_ok=True)
    portal = tmp_path / "portal"
    if not portal.exists():
        portal_repo(portal, version(5))
    base = {"PRISMA_LINT_ALLOW_FILE_URLS": "1", "XDG_CACHE_HOME": str(tmp_path / "xdg"), **env}
    return run_action({"canonical": canonical, "portal": SCHEMA}, portal, runner_temp, base)


def service(tmp_path: Path) -> Path:
    return tmp_path / "temp.actions-cache"  # the stand-in's cache service, beside RUNNER_TEMP


def git_blob_sha(data: bytes) -> str:
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()  # what `git hash-object` prints


@slow
def test_a_cold_run_fills_the_cache_and_a_warm_one_needs_no_index(tmp_path: Path, canonical: str) -> None:
    cold = check(tmp_path, canonical)
    assert (cold.status, cold.outputs["verdict"]) == (0, "clean"), cold.stderr
    (entry,) = service(tmp_path).iterdir()
    assert (entry / "wheels" / UV_WHEEL).is_file() and (entry / "uv").is_dir()
    # Warm: uv, the build backend and every dependency come from the cache; an index would fail.
    warm = check(tmp_path, canonical, PIP_NO_INDEX="1", PIP_FIND_LINKS="", UV_OFFLINE="1")
    assert (warm.status, warm.outputs["verdict"]) == (0, "clean"), warm.stderr
    assert [p.name for p in service(tmp_path).iterdir()] == [entry.name]  # a hit saves nothing new


@slow
def test_the_cache_key_is_the_runner_and_what_picks_uv_and_the_dependencies(
    tmp_path: Path, canonical: str
) -> None:
    run = check(tmp_path, canonical)
    ((name, inputs),) = run.used
    picked = (ROOT / "pyproject.toml").read_bytes() + (ROOT / "scripts/uv-requirements.txt").read_bytes()
    assert name == "actions/cache"
    assert inputs["key"] == f"prisma-lint-Linux-X64-{git_blob_sha(picked)}"  # version input empty
    assert inputs["restore-keys"] == "prisma-lint-Linux-X64-"  # a new release starts from the last cache
    assert inputs["path"] == str(tmp_path / "temp" / "prisma-lint-cache")


@slow
def test_no_cache_on_pull_request_target(tmp_path: Path, canonical: str) -> None:
    """There the job has the base repository's rights; a cache a pull request wrote must not reach it."""
    run = check(tmp_path, canonical, GITHUB_EVENT_NAME="pull_request_target")
    assert (run.status, run.used) == (0, [])
    assert list(service(tmp_path).iterdir()) == []


def fake_wheel(path: Path, marker: Path) -> None:
    """A wheel named like uv's whose executable only leaves a marker: its hash is not pinned."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("uv-0.12.4.data/scripts/uv", f'#!/bin/sh\ntouch "{marker}"\n')


@slow
def test_a_uv_wheel_from_the_cache_runs_only_if_its_hash_is_pinned(tmp_path: Path, canonical: str) -> None:
    marker = tmp_path / "fake-uv-ran"
    key = check(tmp_path, canonical).used[0][1]["key"]
    fake_wheel(service(tmp_path) / key / "wheels" / UV_WHEEL, marker)  # a poisoned cache entry
    run = check(tmp_path, canonical)
    assert (run.status, run.outputs["verdict"]) == (0, "clean"), run.stderr
    assert not marker.exists(), "the unpinned uv ran"


@slow
def test_a_cache_folder_planted_by_an_earlier_step_is_not_used(tmp_path: Path, canonical: str) -> None:
    planted = tmp_path / "temp" / "prisma-lint-cache"
    (planted / "uv").mkdir(parents=True)
    (planted / "uv" / "planted").write_text("an earlier step of the job wrote this")
    marker = tmp_path / "fake-uv-ran"
    fake_wheel(planted / "wheels" / UV_WHEEL, marker)
    run = check(tmp_path, canonical)
    assert (run.status, run.outputs["verdict"]) == (0, "clean"), run.stderr
    assert not marker.exists() and not (planted / "uv" / "planted").exists()
    ((entry,),) = [list(service(tmp_path).iterdir())]
    assert not (entry / "uv" / "planted").exists()  # nor saved for later runs


@slow
def test_no_python3_on_the_runner_is_one_line(tmp_path: Path, canonical: str) -> None:
    bin_dir = tmp_path / "bin"  # bash, git and coreutils, but no python3
    bin_dir.mkdir()
    for tool in ("bash", "git", "mktemp", "mkdir", "rm", "cat", "printf", "od", "tr", "dirname"):
        for folder in ("/usr/bin", "/bin"):
            if Path(folder, tool).exists():
                (bin_dir / tool).symlink_to(Path(folder, tool))
                break
    run = check(tmp_path, canonical, PATH=str(bin_dir))
    assert run.status == 2
    assert [line for line in run.stdout.splitlines() if line.startswith("::")] == [
        "::error title=prisma-lint::The action installs uv with the runner's python3 and pip,"
        " and this runner has no python3."
    ]


def test_the_uv_release_is_pinned_once_for_the_action_and_once_for_the_tests_alike() -> None:
    """The test extra's uv (tests/test_package.py) is the release the action installs."""
    pinned = re.findall(r"^uv==(\S+) ", (ROOT / "scripts/uv-requirements.txt").read_text(), re.MULTILINE)
    extra = re.findall(r'"uv==([^"]+)"', (ROOT / "pyproject.toml").read_text())
    documented = re.findall(r"uv itself is release (\S+?),", (ROOT / "docs/github-action.md").read_text())
    assert pinned == extra == documented == [UV_WHEEL.split("-")[1]]


@slow
def test_a_python3_without_pip_is_named_as_the_reason(tmp_path: Path, canonical: str) -> None:
    """A cold cache needs pip to download uv; without it, the log says so, not "no index"."""
    bare = tmp_path / "bare"  # a python3 without pip, first on PATH
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(bare)], check=True)
    bin_dir = bare / "bin"
    run = check(tmp_path, canonical, PATH=f"{bin_dir}:{os.environ['PATH']}")
    assert run.status != 0
    assert "has no pip, which the action needs to download uv" in run.stderr
