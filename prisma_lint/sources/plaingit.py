"""Schemas in the repository the command runs in, read with the git command line.

Importing GitPython takes ~60-80 ms, as long as all of `check`'s other
imports. For the usual case, `REF:PATH` of a file in this repository, three
git commands do the job: `rev-parse` names the commit (and the top of the
work tree, where paths are read from), `rev-list` lists the history with its
dates, and one `cat-file --batch` (catfile.py) reads every version. Anything
else (a URL, a folder, a ref git does not know, a bare repository) goes to
git.py, which owns GitPython and every error message and hint.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Generator
from dataclasses import replace
from pathlib import Path

from prisma_lint.sources.catfile import CatFile, Version, blob_files, plain_path
from prisma_lint.sources.specs import GitSpec
from prisma_lint.syntax.ast import SourceFile


def read(spec: GitSpec, *, cwd: Path, cache_dir: Path | None = None) -> list[SourceFile]:
    """The schema at spec: one file, or every .prisma file below a folder (git.py's `read`)."""
    found = _resolved(spec, cwd)
    files = _blob_at(found[0], spec, found[1]) if found else None
    if files:
        return files
    from prisma_lint.sources import git as gitsource

    return gitsource.read(spec, cwd=cwd, cache_dir=cache_dir)


def history(
    spec: GitSpec, *, cwd: Path, cache_dir: Path | None = None, limit: int = 200
) -> Generator[Version, None, None]:
    """Versions of the schema at spec, newest first, from commits that changed it (git.py's
    `history`, which it hands over to for anything but a file in this repository)."""
    found = _resolved(spec, cwd)
    listed = (
        _output(found[0], "rev-list", f"--max-count={limit}", "--format=%cI", found[1], "--", spec.path)
        if found
        else None
    )
    if found is None or listed is None:
        from prisma_lint.sources import git as gitsource

        yield from gitsource.history(spec, cwd=cwd, cache_dir=cache_dir, limit=limit)
        return
    lines = listed.splitlines()
    commits = [(top.removeprefix("commit "), date) for top, date in zip(lines[::2], lines[1::2], strict=True)]
    batch = CatFile(_git(found[0]), [f"{sha}:{spec.path}" for sha, _ in commits])
    try:
        for sha, date in commits:
            files = blob_files(batch, spec.display(), sha)
            if files is None:  # a folder at that commit
                from prisma_lint.sources import git as gitsource

                files = gitsource.files_at(sha, spec, cwd=found[0])
            if files:
                yield Version(sha, date, tuple(files))
    finally:
        batch.close()


def files_at(spec: GitSpec, sha: str, *, cwd: Path) -> list[SourceFile]:
    """The schema's files at commit sha of the repository at cwd (a version history() gave)."""
    found = _resolved(replace(spec, ref=sha), cwd)
    files = _blob_at(found[0], spec, sha) if found else None
    if files:
        return files
    from prisma_lint.sources import git as gitsource

    return gitsource.files_at(sha, spec, cwd=cwd)


def _blob_at(top: Path, spec: GitSpec, sha: str) -> list[SourceFile] | None:
    """The file at spec's path in commit sha; [] if missing there, None if not a file."""
    batch = CatFile(_git(top), [f"{sha}:{spec.path}"])
    try:
        return blob_files(batch, spec.display(), sha)
    finally:
        batch.close()


def _resolved(spec: GitSpec, cwd: Path) -> tuple[Path, str] | None:
    """The work tree's top and the commit spec names, when this is a job for plain git."""
    if spec.url is not None or not plain_path(spec.path):
        return None
    out = _output(
        cwd,
        "rev-parse",
        "--show-toplevel",
        "--verify",
        "--quiet",
        "--end-of-options",
        f"{spec.ref}^{{commit}}",
    )
    lines = out.splitlines() if out else []
    return (Path(lines[0]), lines[1]) if len(lines) == 2 else None


def _git(where: Path) -> list[str]:
    return [os.environ.get("GIT_PYTHON_GIT_EXECUTABLE") or "git", "-C", str(where)]


def _output(where: Path, *args: str) -> str | None:
    """git's output, or None if it failed (git.py then says why, with hints)."""
    try:
        done = subprocess.run([*_git(where), *args], capture_output=True, text=True, check=False)
    except OSError:
        return None
    return done.stdout if done.returncode == 0 else None


__all__ = ["Version", "files_at", "history", "plain_path", "read"]
