"""The Action's install step, timed as the runner runs it, from an empty cache and a warm one.

Run by hand, never in CI or the test suite:

    python benchmarks/install.py            # 5 rounds, medians
    python benchmarks/install.py --runs 5

Two paths, measured in the same run on the same machine:

- uv (today's action.yml): its steps up to and including "Install prisma-lint",
  through tests/action_runner.py, so uv itself is installed as on a runner
  (scripts/install_uv.py: the pinned wheel from PyPI through pip when cold,
  from the cache when warm). actions/cache is stood in by a folder copy, so
  the Actions cache service's own download is not in the figures; cold is an
  empty cache, warm is the one the cold run saved.
- pip (the action before uv): `python -m venv` then `pip install` of the
  action's checkout, the same two commands the old install step ran; cold is
  an empty PIP_CACHE_DIR, warm is the same one again.

Both install the same clean copy of the checkout (the files git tracks, as a
runner's copy of the action has). Each sample is a new runner: a fresh
RUNNER_TEMP, the portal's workspace empty. Prints each median, and warm uv
divided by warm and cold pip.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.action_runner import run_action  # noqa: E402 - the harness lives in tests/
from tests.test_package import clean_copy  # noqa: E402 - as a fresh clone has the files

PIP_INSTALL = [  # what the pip-based install step ran
    "-m",
    "pip",
    "install",
    "--quiet",
    "--disable-pip-version-check",
]


def uv_install(source: Path, runner_temp: Path, workspace: Path) -> float:
    started = time.perf_counter()
    runner_env = {"PIP_CACHE_DIR": str(runner_temp.parent / "pip-cache")}  # a runner's own pip cache is empty
    run = run_action(
        {}, workspace, runner_temp, runner_env, action=source / "action.yml", until="Install prisma-lint"
    )
    seconds = time.perf_counter() - started
    if run.status != 0:
        raise SystemExit(f"the uv install failed:\n{run.stdout}\n{run.stderr}")
    return seconds


def pip_install(source: Path, runner_temp: Path, cache: Path) -> float:
    venv = runner_temp / "prisma-lint-venv"
    env = {**os.environ, "PIP_CACHE_DIR": str(cache)}
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, env=env)
    subprocess.run([str(venv / "bin/python"), *PIP_INSTALL, str(source)], check=True, env=env)
    return time.perf_counter() - started


def sample(path: str, source: Path, cache: Path) -> float:
    with tempfile.TemporaryDirectory(prefix="runner-") as folder:
        runner_temp, workspace = Path(folder) / "temp", Path(folder) / "workspace"
        runner_temp.mkdir()
        workspace.mkdir()
        if path == "uv":  # the stand-in's cache service is a folder beside RUNNER_TEMP: bring ours
            service = runner_temp.with_name(runner_temp.name + ".actions-cache")
            if cache.exists():
                shutil.copytree(cache, service, symlinks=True)
            seconds = uv_install(source, runner_temp, workspace)
            shutil.rmtree(cache, ignore_errors=True)
            shutil.copytree(service, cache, symlinks=True)
            return seconds
        return pip_install(source, runner_temp, cache)


def measure(source: Path, runs: int) -> dict[str, tuple[float, float]]:
    """Rounds interleave the paths, so a busy spell on a shared machine hits both alike."""
    samples: dict[str, tuple[list[float], list[float]]] = {"uv": ([], []), "pip": ([], [])}
    for _ in range(runs):
        for path, (cold, warm) in samples.items():
            with tempfile.TemporaryDirectory(prefix=f"{path}-cache-") as folder:
                cache = Path(folder) / "cache"
                cold.append(sample(path, source, cache))
                warm.append(sample(path, source, cache))
    return {path: (statistics.median(c), statistics.median(w)) for path, (c, w) in samples.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="action-") as folder:
        source = clean_copy(Path(folder))
        figures = measure(source, args.runs)
    print(f"install step, median of {args.runs} rounds (seconds)")
    print(f"{'path':<6}{'cold':>8}{'warm':>8}")
    for path, (cold, warm) in figures.items():
        print(f"{path:<6}{cold:>8.2f}{warm:>8.2f}")
    uv_warm, pip_cold, pip_warm = figures["uv"][1], figures["pip"][0], figures["pip"][1]
    print(f"uv warm / pip warm = {uv_warm / pip_warm:.2f}")
    print(f"uv warm / pip cold = {uv_warm / pip_cold:.2f} (the old action had no cache: every run was cold)")
    print(f"uv cold / pip cold = {figures['uv'][0] / pip_cold:.2f}")


if __name__ == "__main__":
    main()
