"""Real git repositories in temp folders for the `check` and `sync` tests.

Built with the git command line, so the fixtures do not depend on the code
under test. Commit dates are fixed, so messages are stable.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

SCHEMA = "prisma/schema.prisma"
HEADER = 'datasource db {\n  provider = "postgresql"\n}\n\n'


def version(n: int) -> str:
    """Version n of the admin schema: each version adds a field to Account."""
    fields = "".join(f"  field{i} String?\n" for i in range(1, n + 1))
    return HEADER + f"model Account {{\n  id Int @id\n{fields}}}\n"


def git(cwd: Path, *args: str, date: str = "2026-10-01T12:00:00Z") -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Admin",
        "GIT_AUTHOR_EMAIL": "admin@example.com",
        "GIT_COMMITTER_NAME": "Admin",
        "GIT_COMMITTER_EMAIL": "admin@example.com",
        "GIT_AUTHOR_DATE": date,
        "GIT_COMMITTER_DATE": date,
        "GIT_CONFIG_GLOBAL": "/dev/null",
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    proc = subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True, check=True)
    return proc.stdout.strip()


def init(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    git(path, "init", "--quiet", "--initial-branch=main")
    return path


def commit_file(repo: Path, relative: str, text: str, message: str, day: int) -> str:
    target = repo / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text)
    git(repo, "add", relative)
    date = f"2026-10-{day:02d}T12:00:00Z"
    git(repo, "commit", "--quiet", "-m", message, date=date)
    return git(repo, "rev-parse", "HEAD")


def admin_repo(path: Path, versions: int = 6) -> list[str]:
    """An admin app whose schema went through versions 0..versions-1; returns their commits.

    An unrelated commit sits between schema versions, as in real histories.
    """
    init(path)
    commits = []
    for n in range(versions):
        commits.append(commit_file(path, SCHEMA, version(n), f"schema v{n}", day=2 * n + 1))
        commit_file(path, "README.md", f"notes {n}\n", f"docs {n}", day=2 * n + 2)
    return commits


def bare_clone(admin: Path) -> Path:
    """A bare clone of admin beside it: remote.git, a canonical repository to fetch."""
    remote = admin.parent / "remote.git"
    git(admin.parent, "clone", "--quiet", "--bare", str(admin), str(remote))
    return remote


def remote_of(admin: Path) -> str:
    """A bare clone of admin beside it (remote.git), as the canonical source `URL#main:SCHEMA`."""
    return f"{bare_clone(admin).as_uri()}#main:{SCHEMA}"


def portal_repo(path: Path, schema_text: str) -> Path:
    init(path)
    commit_file(path, SCHEMA, schema_text, "portal copy", day=20)
    return path
