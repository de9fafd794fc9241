"""Concurrent `check` runs sharing one cache, and a run killed with -9 mid-fetch.

Real processes against a bare repository over file://, so every race is real:
git's own lock files, FETCH_HEAD, the shallow file and `git init`.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.gitrepos import SCHEMA, admin_repo, bare_clone, commit_file, git, portal_repo, version

ROUNDS = 20
CLEAN, DRIFT = 0, 1


@pytest.fixture
def remote(tmp_path: Path) -> dict[str, Path | str]:
    """remote.git: `main` at version 5, `other` one field further; a portal that equals main."""
    admin = tmp_path / "admin"
    admin_repo(admin)
    git(admin, "checkout", "--quiet", "-b", "other")
    commit_file(admin, SCHEMA, version(6), "schema v6 on other", day=25)
    git(admin, "checkout", "--quiet", "main")
    url = bare_clone(admin).as_uri()
    portal = portal_repo(tmp_path / "portal", version(5))
    return {"root": tmp_path, "url": url, "portal": portal}


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("GITHUB_TOKEN", "PRISMA_LINT_TOKEN")}
    env.update(PRISMA_LINT_ALLOW_FILE_URLS="1", NO_COLOR="1", GIT_CONFIG_NOSYSTEM="1", **extra)
    return env


def start(remote: dict[str, Path | str], ref: str, cache: Path, **env: str) -> subprocess.Popen[str]:
    args = [sys.executable, "-m", "prisma_lint", "check", "--format", "json", "--cache-dir", str(cache)]
    args += ["--canonical", f"{remote['url']}#{ref}:{SCHEMA}", "--portal", SCHEMA]
    return subprocess.Popen(
        args,
        cwd=remote["portal"],
        env=_env(**env),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )


def outcome(proc: subprocess.Popen[str]) -> tuple[int, str, str]:
    out, err = proc.communicate(timeout=120)
    status = json.loads(out)["verdict"] if proc.returncode in (0, 1) and out else ""
    return proc.returncode, status, err


@pytest.mark.slow
def test_concurrent_checks_on_one_cache_each_get_their_own_commit(
    remote: dict[str, Path | str], tmp_path: Path
) -> None:
    """Each round: two runs on `main` (same ref) and one on `other` (a different ref), at once.

    Even rounds start from an empty cache (racing on `git init`), odd rounds reuse it.
    """
    wrong = []
    for n in range(ROUNDS):
        cache = tmp_path / f"cache{n // 2}"
        procs = [start(remote, "main", cache), start(remote, "main", cache), start(remote, "other", cache)]
        results = [outcome(p) for p in procs]
        expected = [(CLEAN, "clean"), (CLEAN, "clean"), (DRIFT, "stale")]
        for (code, status, err), want in zip(results, expected, strict=True):
            if (code, status) != want:
                wrong.append((n, code, status, want, err.strip()[-300:]))
    assert wrong == []


def _wait_for(path: Path, seconds: float) -> bool:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if path.exists():
            return True
        time.sleep(0.05)
    return False


def test_a_run_killed_mid_fetch_leaves_nothing_fatal(remote: dict[str, Path | str], tmp_path: Path) -> None:
    """kill -9 while git waits for the server: git's shallow.lock stays behind; the next run repairs it."""
    mark = tmp_path / "fetching"
    hook = tmp_path / "slow-pack.sh"
    hook.write_text(f'#!/bin/sh\ntouch "{mark}"\nsleep 60\nexec "$@"\n')
    hook.chmod(0o755)
    config = tmp_path / "slow.gitconfig"  # upload-pack reads the hook from global config only
    config.write_text(f"[uploadpack]\n\tpackObjectsHook = {hook}\n")
    cache = tmp_path / "cache"
    victim = start(remote, "main", cache, GIT_CONFIG_GLOBAL=str(config))
    try:
        assert _wait_for(mark, 60), victim.stderr.read() if victim.stderr else ""
        leftovers = sorted(p.name for p in cache.rglob("*.lock"))
    finally:
        os.killpg(victim.pid, signal.SIGKILL)
        victim.communicate(timeout=30)
    assert "shallow.lock" in leftovers  # what a killed git leaves: the case to recover from
    assert outcome(start(remote, "main", cache))[:2] == (CLEAN, "clean")
    assert outcome(start(remote, "other", cache))[:2] == (DRIFT, "stale")


def test_a_half_made_cache_repository_is_rebuilt(remote: dict[str, Path | str], tmp_path: Path) -> None:
    """A run killed during `git init` leaves a folder that is not yet a repository."""
    cache = tmp_path / "cache"
    start(remote, "main", cache).communicate(timeout=120)
    (repo,) = (cache / "repos").glob("*.git")
    (repo / "config").unlink()
    (repo / "objects").rename(repo / "objects.gone")
    assert outcome(start(remote, "main", cache))[:2] == (CLEAN, "clean")
