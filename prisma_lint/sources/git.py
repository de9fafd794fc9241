"""Schemas read from git: the only module that imports GitPython.

A remote repository is fetched shallow into a cache folder (one bare
repository per URL) and reused. A token from PRISMA_LINT_TOKEN or GITHUB_TOKEN
goes to https remotes as an HTTP header through git's environment, never on a
command line, in a URL, or in any message.
"""

from __future__ import annotations

import base64
import hashlib
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import git

from prisma_lint.errors import SourceError
from prisma_lint.sources.files import decode_schema
from prisma_lint.sources.specs import GitSpec, is_remote, redact
from prisma_lint.syntax.ast import SourceFile

SHALLOW_HINT = (
    "In a shallow CI checkout, fetch it first (`git fetch origin main`), or check out with `fetch-depth: 0`."
)


@dataclass(frozen=True)
class Version:
    """One version of a schema in history."""

    commit: str
    date: str  # ISO 8601, committer date
    files: tuple[SourceFile, ...]


def default_cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "prisma-lint"


def read(spec: GitSpec, *, cwd: Path, cache_dir: Path | None = None) -> list[SourceFile]:
    """The schema at spec: one file, or every .prisma file below a folder."""
    _, commit = _resolve(spec, cwd=cwd, cache_dir=cache_dir, depth=1)
    files = _files_at(commit, spec)
    if not files:
        raise SourceError(f"{spec.display()}: no such file or folder at {spec.ref} ({commit.hexsha[:7]})")
    return files


def history(
    spec: GitSpec, *, cwd: Path, cache_dir: Path | None = None, limit: int = 200
) -> Iterator[Version]:
    """Versions of the schema at spec, newest first, from commits that changed it."""
    repo, head = _resolve(spec, cwd=cwd, cache_dir=cache_dir, depth=limit)
    for commit in repo.iter_commits(head, paths=spec.path, max_count=limit):
        files = _files_at(commit, spec)
        if files:
            yield Version(commit.hexsha, commit.committed_datetime.isoformat(), tuple(files))


def merge_base(ref: str, *, cwd: Path) -> str:
    """The merge base of HEAD and ref in the repository at cwd."""
    repo = _local_repo(cwd)
    try:
        bases = repo.merge_base("HEAD", _commit(repo, ref, ref))
    except git.GitCommandError:
        bases = []
    if not bases:
        raise SourceError(f"no merge base of HEAD and {ref} in {repo.working_dir}. {SHALLOW_HINT}")
    return str(bases[0].hexsha)


def _resolve(spec: GitSpec, *, cwd: Path, cache_dir: Path | None, depth: int) -> tuple[git.Repo, git.Commit]:
    if spec.url is None:
        repo = _local_repo(cwd)
        return repo, _commit(repo, spec.ref, spec.display())
    if not is_remote(spec.url):  # a local repository by path
        repo = _local_repo(cwd / spec.url)
        return repo, _commit(repo, spec.ref, spec.display())
    repo = _fetch(spec, cache_dir or default_cache_dir(), depth)
    return repo, _commit(repo, "FETCH_HEAD", spec.display())


def _local_repo(path: Path) -> git.Repo:
    try:
        return git.Repo(path, search_parent_directories=True)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        raise SourceError(f"{path}: not inside a git repository") from None


def _commit(repo: git.Repo, ref: str, what: str) -> git.Commit:
    try:
        return repo.commit(ref)
    except (git.BadName, ValueError, git.GitCommandError):
        raise SourceError(f"{what}: no commit or ref {ref!r} in {repo.git_dir}. {SHALLOW_HINT}") from None


def _files_at(commit: git.Commit, spec: GitSpec) -> list[SourceFile]:
    try:
        obj = commit.tree / spec.path
    except KeyError:
        return []
    if isinstance(obj, git.Blob):
        return [
            SourceFile(spec.display(), decode_schema(obj.data_stream.read(), spec.display()), commit.hexsha)
        ]
    blobs = sorted(
        (str(b.path), b)
        for b in obj.traverse()
        if isinstance(b, git.Blob) and str(b.path).endswith(".prisma")
    )
    prefix = spec.display()[: -len(spec.path)]  # "[URL#]REF:"
    return [
        SourceFile(prefix + path, decode_schema(b.data_stream.read(), prefix + path), commit.hexsha)
        for path, b in blobs
    ]


def _fetch(spec: GitSpec, cache_dir: Path, depth: int) -> git.Repo:
    assert spec.url is not None
    folder = cache_dir / "repos" / (hashlib.sha256(spec.url.encode()).hexdigest()[:16] + ".git")
    repo = git.Repo(folder) if (folder / "HEAD").exists() else git.Repo.init(folder, bare=True, mkdir=True)
    token = os.environ.get("PRISMA_LINT_TOKEN") or os.environ.get("GITHUB_TOKEN")
    env = _auth_env(token) if token and spec.url.startswith("https://") else {}
    try:
        repo.git.fetch("--quiet", "--no-tags", f"--depth={depth}", "--", spec.url, spec.ref, env=env)
    except git.GitCommandError as err:
        raise SourceError(_scrub(f"{spec.display()}: git fetch failed: {_stderr(err)}", token)) from None
    return repo


def _auth_env(token: str) -> dict[str, str]:
    """Pass the token as an HTTP header through git's config environment (git 2.31+)."""
    basic = base64.b64encode(f"x-access-token:{token}".encode()).decode()
    return {
        **os.environ,
        "GIT_CONFIG_COUNT": "1",
        "GIT_CONFIG_KEY_0": "http.extraHeader",
        "GIT_CONFIG_VALUE_0": f"Authorization: Basic {basic}",
        "GIT_TERMINAL_PROMPT": "0",
    }


def _stderr(err: git.GitCommandError) -> str:
    text = (err.stderr or "").strip().replace("stderr: ", "").strip("'\" \n")
    return " ".join(redact(word) for word in text.split()) or f"exit status {err.status}"


def _scrub(message: str, token: str | None) -> str:
    """Belt and braces: no message ever carries the token, in clear or encoded."""
    if not token:
        return message
    basic = base64.b64encode(f"x-access-token:{token}".encode()).decode()
    return message.replace(token, "***").replace(basic, "***")


def repo_path(path: Path, *, cwd: Path) -> str:
    """A working-tree path as a path inside its repository (for REF:PATH)."""
    repo = _local_repo(cwd)
    root = Path(repo.working_tree_dir or cwd).resolve()
    try:
        return path.resolve().relative_to(root).as_posix()
    except ValueError:
        raise SourceError(f"{path}: not inside the repository at {root}") from None
