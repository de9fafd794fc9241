"""The cache of fetched repositories: one bare repository per URL, one writer at a time.

Any number of runs may share a cache folder. Each cache repository has a lock
file beside it (`<name>.git.lock`, an OS lock through `filelock`, released by
the kernel when its holder dies, even by kill -9). A run holds it while it
repairs, fetches and walks history, so no fetch changes the shallow file under
another run's feet. Under the lock, whatever a killed run left is stale: git's
own `*.lock` files are removed and a half-made repository is rebuilt.
"""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout

from prisma_lint.errors import SourceError

LOCK_WAIT = 600.0  # seconds to wait for other runs on the same repository
PARTS = ("HEAD", "config", "objects", "refs")  # what `git init` makes; without one, not a repository


def repo_folder(cache_dir: Path, url: str) -> Path:
    return cache_dir / "repos" / (hashlib.sha256(url.encode()).hexdigest()[:16] + ".git")


def private_ref(ref: str) -> str:
    """Where this run's fetch of `ref` lands: never the shared FETCH_HEAD."""
    return "refs/prisma-lint/" + hashlib.sha256(ref.encode()).hexdigest()[:16]


@contextmanager
def locked(folder: Path, what: str, wait: float = LOCK_WAIT) -> Iterator[bool]:
    """Hold the repository's lock; yields whether a usable repository is there."""
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise SourceError(f"{folder.parent}: cannot create the cache folder: {err.strerror or err}") from None
    lock = FileLock(f"{folder}.lock", timeout=wait)
    try:
        lock.acquire()
    except Timeout:
        raise SourceError(
            f"{what}: another prisma-lint run has held {folder}.lock for over {wait:.0f} s; "
            "wait for it, or give this run its own --cache-dir"
        ) from None
    try:
        yield _repair(folder)
    finally:
        lock.release()


def _repair(folder: Path) -> bool:
    """Under the lock: clear what a killed run left; True if the repository can be used."""
    if not folder.exists():
        return False
    if not all((folder / part).exists() for part in PARTS):
        shutil.rmtree(folder, ignore_errors=True)
        return False
    for stale in [*folder.glob("*.lock"), *(folder / "refs").rglob("*.lock")]:
        stale.unlink(missing_ok=True)
    return True
